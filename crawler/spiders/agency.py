"""The one generic spider: walks an agency's own hosts, checks every other reference without following it.

Pages are parsed once; page-level facts (title, language, dates, references) are read from that tree."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from posixpath import splitext
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import StopDownload
from scrapy.http import Request, Response, TextResponse
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from checks.dates import page_dates
from checks.a11y.static import check_stylesheet
from checks.html import (extract_references, host_of, not_found_phrase, page_lang, page_title,
                         template_fingerprint, url_key)
from checks.page_checks import analyse_page
from checks.records import FetchRecord, PageFindings, PageRecord, ReferenceBatch
from crawler.agencies import Agency, host_variants
from crawler.errors import classify_failure
from crawler.search_probe import search_requests
from crawler.warc import META_SHA256, META_WARC

# Documents and media are checked, never parsed as pages; .html/.htm are pages.
_NOT_PAGES = {f".{ext}" for ext in IGNORED_EXTENSIONS} | {".odt", ".ods", ".odp", ".csv", ".txt", ".xml", ".json"}
_FOLLOWED_KINDS = ("link", "iframe")
_HTML_TYPES = (b"text/html", b"application/xhtml+xml")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _warc_location(response: Response) -> dict:
    """The archive record of this very response; set by crawler.warc.WarcRecorder when the WARC is on."""
    location = response.meta.get(META_WARC)
    return {"warc_file": location.file, "warc_offset": location.offset} if location else {}


class AgencySpider(scrapy.Spider):
    name = "agency"

    def __init__(self, agency: Agency, **kwargs):
        super().__init__(name=f"agency-{agency.id}", **kwargs)
        if not agency.url:
            raise ValueError(f"agency {agency.id} has no URL")
        self.agency = agency
        self.hosts = host_variants(agency.hosts)
        # One set decides what has been asked for, across pages and checked references alike,
        # so that a redirect landing on an already-seen URL still completes (requests use dont_filter).
        self.seen: set[str] = set()
        self.parsed: set[str] = set()
        self.pages_scheduled = 0
        self.checks_scheduled = 0
        self.budget_hit: str | None = None
        self.pages_done = 0
        self.checks_done = 0
        self.started = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_pages = settings.getint("GOVAUDIT_MAX_PAGES")
        spider.max_checks = settings.getint("GOVAUDIT_MAX_CHECKS")
        spider.check_obeys_robots = settings.getbool("GOVAUDIT_CHECK_OBEYS_ROBOTS")
        spider.follow_sitemaps = settings.getbool("GOVAUDIT_FOLLOW_SITEMAPS")
        spider.ruleset = settings.get("GOVAUDIT_RULESET")
        crawler.signals.connect(spider._stop_check_downloads, signal=signals.headers_received)
        return spider

    # --- start --------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        start_url = self.agency.url
        self.seen.add(url_key(start_url))
        self.pages_scheduled += 1
        yield self._page_request(start_url, referrer=None, priority=100)
        root = f"{urlsplit(start_url).scheme}://{urlsplit(start_url).netloc}"
        probe = f"{root}/govaudit-probe-{secrets.token_hex(6)}"
        yield Request(probe, callback=self.on_probe, errback=self.on_aux_failure, dont_filter=True,
                      meta={"purpose": "probe", "dont_retry": True, "dont_obey_robotstxt": True})
        if self.follow_sitemaps:
            yield Request(f"{root}/robots.txt", callback=self.on_robots, errback=self.on_aux_failure,
                          dont_filter=True, meta={"purpose": "robots", "dont_obey_robotstxt": True})

    def _page_request(self, url: str, referrer: str | None, priority: int = 0) -> Request:
        return Request(url, callback=self.on_page, errback=self.on_failure, dont_filter=True,
                       priority=priority, meta={"purpose": "page", "referrer": referrer})

    def _check_request(self, url: str, method: str = "HEAD") -> Request:
        meta = {"purpose": "check"}
        if not self.check_obeys_robots:
            meta["dont_obey_robotstxt"] = True
        return Request(url, method=method, callback=self.on_checked, errback=self.on_failure,
                       dont_filter=True, meta=meta)

    # --- pages ----------------------------------------------------------------------------
    def on_page(self, response: Response) -> Iterator[object]:
        self.pages_done += 1
        requested = response.meta.get("redirect_urls", [response.url])[0]
        final_url = urldefrag(response.url)[0]
        content_type = response.headers.get(b"Content-Type", b"") or b""
        is_html = isinstance(response, TextResponse) and (
            not content_type or content_type.split(b";")[0].strip().lower() in _HTML_TYPES)
        title = ""
        not_found = None
        root = None
        if is_html and response.status == 200 and response.body:
            root = response.selector.root
            title = page_title(root)
            not_found = not_found_phrase(root, title)
        yield self._fetch_record(response, requested, "page", title=title, not_found=not_found)

        final_key = url_key(final_url)
        if root is None or not self._owns(final_url) or final_key in self.parsed:
            return
        self.parsed.add(final_key)
        last_modified = response.headers.get(b"Last-Modified")
        page_date, site_date = page_dates(root, last_modified.decode("latin-1") if last_modified else None)
        references = extract_references(root, final_url)
        # Depth stays 0 when the start URL redirects, so the homepage is recognised either way.
        analysis = analyse_page(root, final_url, title, self.ruleset, is_start=response.meta.get("depth", 0) == 0)
        yield PageRecord(
            agency_id=self.agency.id, url=final_url, url_key=final_key, requested_url=requested,
            status=response.status, content_type=content_type.decode("latin-1"), size=len(response.body),
            fetched_at=_now(), response_ms=round(response.meta.get("download_latency", 0.0) * 1000, 1),
            sha256=response.meta.get(META_SHA256) or hashlib.sha256(response.body).hexdigest(),
            title=title, lang=page_lang(root),
            encoding=response.encoding, depth=response.meta.get("depth", 0),
            referrer=response.meta.get("referrer"), redirects=list(response.meta.get("redirect_urls", [])),
            date=page_date.value.isoformat() if page_date else None,
            date_label=page_date.label if page_date else None,
            date_source=page_date.source if page_date else None,
            date_text=page_date.text if page_date else None,
            site_date=site_date.value.isoformat() if site_date else None,
            not_found_text=not_found, text_length=len(response.body),
            template=template_fingerprint(root), facts=analysis.facts, **_warc_location(response),
        )
        yield ReferenceBatch(self.agency.id, final_url, references)
        if analysis.findings:
            yield PageFindings(self.agency.id, final_url, analysis.findings)
        yield from search_requests(self, response, root)  # site search probe; acts on the start URL's page only
        for reference in references:
            if reference.kind in ("mailto", "tel", "other") or reference.target_key in self.seen:
                continue
            request = self._schedule(reference.target, reference.kind, final_url)
            if request is not None:
                self.seen.add(reference.target_key)
                yield request

    def _schedule(self, target: str, kind: str, referrer: str) -> Request | None:
        if kind in _FOLLOWED_KINDS and self._is_page_url(target):
            if self.pages_scheduled >= self.max_pages:
                self.budget_hit = self.budget_hit or "max-pages"
                return None
            self.pages_scheduled += 1
            return self._page_request(target, referrer)
        if self.checks_scheduled >= self.max_checks:
            self.budget_hit = self.budget_hit or "max-checks"
            return None
        self.checks_scheduled += 1
        if kind == "stylesheet" and host_of(target) in self.hosts:
            # The agency's own CSS is read in full: font-size units are an accessibility rule (CS2140401C).
            request = self._check_request(target, method="GET")
            request.meta["stylesheet"] = True
            return request.replace(callback=self.on_stylesheet)
        return self._check_request(target)

    def _owns(self, url: str) -> bool:
        """On the agency's hosts, inside its scope and outside other agencies' folders: a page to crawl."""
        parts = urlsplit(url)
        if (parts.hostname or "").lower() not in self.hosts:
            return False
        path = parts.path or "/"
        return path.startswith(self.agency.scope) and not path.startswith(self.agency.excluded)

    def _is_page_url(self, url: str) -> bool:
        return self._owns(url) and splitext(urlsplit(url).path.lower())[1] not in _NOT_PAGES

    # --- checked references ----------------------------------------------------------------
    def _stop_check_downloads(self, headers, body_length, request, spider) -> None:
        # A GET that only verifies a link needs the status line, not a 30 MB PDF.
        if (spider is self and request.meta.get("purpose") == "check" and request.method == "GET"
                and not request.meta.get("stylesheet")):
            raise StopDownload(fail=False)

    def on_checked(self, response: Response) -> Iterator[object]:
        if response.request.method == "HEAD" and response.status in (405, 501):
            # Some servers refuse HEAD; a browser's GET is what counts.
            original = response.meta.get("redirect_urls", [response.url])[0]
            yield self._check_request(original, method="GET")
            return
        self.checks_done += 1
        requested = response.meta.get("redirect_urls", [response.url])[0]
        yield self._fetch_record(response, requested, "check")

    def on_stylesheet(self, response: Response) -> Iterator[object]:
        self.checks_done += 1
        requested = response.meta.get("redirect_urls", [response.url])[0]
        yield self._fetch_record(response, requested, "check")
        if response.status == 200 and isinstance(response, TextResponse) and response.body:
            findings = check_stylesheet(response.text, requested, self.ruleset)
            if findings:
                yield PageFindings(self.agency.id, requested, findings)

    def on_failure(self, failure: Failure) -> Iterator[FetchRecord]:
        request = failure.request
        purpose = request.meta.get("purpose", "check")
        if purpose == "check":
            self.checks_done += 1
        else:
            self.pages_done += 1
        error, detail = classify_failure(failure)
        requested = request.meta.get("redirect_urls", [request.url])[0]
        yield FetchRecord(
            agency_id=self.agency.id, url=requested, url_key=url_key(requested), purpose=purpose,
            method=request.method, status=None, error=error, error_detail=detail, final_url=request.url,
            redirects=list(request.meta.get("redirect_urls", [])), fetched_at=_now(),
        )

    # --- robots.txt, sitemaps and the soft-404 probe ---------------------------------------------
    def on_robots(self, response: Response) -> Iterator[Request]:
        sitemaps = [urljoin(response.url, "/sitemap.xml")]
        if response.status == 200 and isinstance(response, TextResponse):
            sitemaps += sitemap_urls_from_robots(response.body, base_url=response.url)
        for sitemap in dict.fromkeys(sitemaps):
            if host_of(sitemap) in self.hosts:
                yield Request(sitemap, callback=self.on_sitemap, errback=self.on_aux_failure,
                              meta={"purpose": "sitemap"})

    def on_sitemap(self, response: Response) -> Iterator[object]:
        if response.status != 200 or not response.body:
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
            except OSError:
                return
        try:
            sitemap = Sitemap(body)
        except Exception:  # a broken sitemap is the site's problem, never the run's
            self.logger.info("unreadable sitemap %s", response.url)
            return
        for entry in sitemap:
            location = (entry.get("loc") or "").strip()
            if not location.startswith(("http://", "https://")) or not self._owns(location):
                continue
            if sitemap.type == "sitemapindex":
                yield Request(location, callback=self.on_sitemap, errback=self.on_aux_failure,
                              meta={"purpose": "sitemap"})
                continue
            key = url_key(location)
            if key in self.seen:
                continue
            request = self._schedule(location, "link", response.url)
            if request is not None:
                self.seen.add(key)
                request.meta["referrer"] = "sitemap:" + response.url
                yield request

    def on_probe(self, response: Response) -> Iterator[FetchRecord]:
        title = ""
        not_found = None
        if isinstance(response, TextResponse) and response.status == 200 and response.body:
            try:
                root = response.selector.root
                title = page_title(root)
                not_found = not_found_phrase(root, title)
            except ValueError:
                pass
        yield self._fetch_record(response, response.request.url, "probe", title=title, not_found=not_found)

    def on_aux_failure(self, failure: Failure) -> Iterator[FetchRecord]:
        request = failure.request
        error, detail = classify_failure(failure)
        yield FetchRecord(agency_id=self.agency.id, url=request.url, url_key=url_key(request.url),
                          purpose=request.meta.get("purpose", "other"), method=request.method, status=None,
                          error=error, error_detail=detail, fetched_at=_now())

    def _fetch_record(self, response: Response, requested: str, purpose: str, *, title: str = "",
                      not_found: str | None = None) -> FetchRecord:
        return FetchRecord(
            agency_id=self.agency.id, url=requested, url_key=url_key(requested), purpose=purpose,
            method=response.request.method, status=response.status, error=None,
            final_url=urldefrag(response.url)[0],
            content_type=(response.headers.get(b"Content-Type", b"") or b"").decode("latin-1"),
            response_ms=round(response.meta.get("download_latency", 0.0) * 1000, 1),
            redirects=list(response.meta.get("redirect_urls", [])), fetched_at=_now(),
            not_found_text=not_found, title=title, **_warc_location(response),
        )
