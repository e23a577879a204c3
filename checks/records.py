"""Typed records of what the crawl saw: pages, references between them, fetch outcomes.

The crawler produces them, the store keeps them, checkers read them back as a Site."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class PageRecord:
    """An HTML page on the agency's own hosts, fetched and parsed once."""

    agency_id: str
    url: str                 # final URL after redirects, fragment removed
    url_key: str             # canonical form used for de-duplication
    requested_url: str
    status: int
    content_type: str
    size: int
    fetched_at: str          # ISO 8601 UTC
    response_ms: float
    sha256: str              # of the body as served (before content decoding), as the WARC payload holds it
    title: str
    lang: str
    encoding: str
    depth: int
    referrer: str | None
    redirects: list[str] = field(default_factory=list)
    date: str | None = None          # ISO date of the page's own content
    date_label: str | None = None
    date_source: str | None = None   # "label" | "meta" | "http"
    date_text: str | None = None
    site_date: str | None = None     # site-wide (footer) date, kept apart on purpose
    not_found_text: str | None = None  # a 找不到網頁-style phrase in title/heading, for soft 404s
    text_length: int = 0
    template: str = ""               # fingerprint of the page's layout skeleton, to sample one page per template
    facts: dict = field(default_factory=dict)  # page-level facts site checks need later (bricks, marks, …)
    warc_file: str | None = None     # the run's WARC holding this response, relative to the store's folder
    warc_offset: int | None = None   # where its record starts in that file


@dataclass(slots=True)
class Reference:
    """One reference (href/src) written on a page, resolved against the page URL."""

    target: str              # absolute, fragment removed, query as written
    target_key: str          # canonical form (sorted query, no fragment)
    kind: str                # link | image | iframe | stylesheet | script | media | object | mailto | tel | other
    tag: str
    text: str
    locator: str             # XPath of the element in the page
    region: str              # header | nav | main | aside | footer | body — where on the page
    raw: str = ""            # the attribute value exactly as written


@dataclass(slots=True)
class ReferenceBatch:
    """All references of one page; batched so the pipeline writes them in one statement."""

    agency_id: str
    source_url: str
    references: list[Reference]


@dataclass(slots=True)
class PageFindings:
    """Findings a page-level checker produced while the crawl had the page's tree."""

    agency_id: str
    url: str
    findings: list  # list[checks.finding.Finding]


@dataclass(slots=True)
class FetchRecord:
    """Outcome of one request: a followed page, a checked reference, a probe."""

    agency_id: str
    url: str
    url_key: str
    purpose: str             # page | check | probe | sitemap | robots
    method: str
    status: int | None       # final HTTP status, None when the request failed
    error: str | None        # dns | timeout | tls | too-many-redirects | connection-refused | connection-lost | robots | other
    error_detail: str = ""
    final_url: str | None = None
    content_type: str = ""
    response_ms: float = 0.0
    redirects: list[str] = field(default_factory=list)
    fetched_at: str = ""
    not_found_text: str | None = None
    title: str = ""
    warc_file: str | None = None
    warc_offset: int | None = None
