"""Scrapy glue for the site-search probe (indicator 2.1.2 (1)).

The spider calls search_requests(self, response, root) for every parsed page; only the start URL's page starts
the probe, once. It finds the search box (checks.search.search_forms), runs a few queries through Scrapy's
scheduler (so robots.txt, politeness and the agency's hosts apply), reads each results page
(checks.search.results_facts), follows page 2 (a link, or an ASP.NET postback re-posted with its __VIEWSTATE)
and one sorted variant, and yields one SearchProbe per step for the store. Script-driven boxes are recorded with
needs_browser and run after the crawl by crawler/browser_search.py (no browser inside the reactor)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from lxml import etree
from scrapy.http import FormRequest, Request, Response, TextResponse
from twisted.python.failure import Failure

from checks.html import collapse, host_of, resolve, url_key
from checks.search import SearchProbe, probe_queries, results_facts, search_forms, vocab
from crawler.errors import classify_failure

STATE_ATTRIBUTE = "_govaudit_search_probe"
PRIORITY = 50           # after the homepage, before the bulk of the crawl
_LINKS = etree.XPath("//a[@href]")
_HTML_TYPES = (b"text/html", b"application/xhtml+xml")
_SEARCH_PAGE_WORDS = ("全文檢索", "站內搜尋", "全站搜尋", "網站搜尋", "站內檢索", "進階搜尋", "進階查詢", "搜尋", "search")


@dataclass(slots=True)
class _State:
    queries: list[str] = field(default_factory=list)
    page2_requested: bool = False
    sort_requested: bool = False


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _is_html(response: Response) -> bool:
    content_type = (response.headers.get(b"Content-Type", b"") or b"").split(b";")[0].strip().lower()
    return (isinstance(response, TextResponse) and bool(response.body)
            and (not content_type or content_type in _HTML_TYPES))


def _own(spider, url: str | None) -> bool:
    return bool(url) and url.startswith(("http://", "https://")) and host_of(url) in spider.hosts


def site_words(root: etree._Element) -> list[str]:
    """Texts the default queries are drawn from: the page title and every link text on the homepage."""
    texts = [collapse(" ".join(root.xpath("//title//text()")))]
    texts += [collapse(a.text_content())[:80] for a in _LINKS(root)]
    return [t for t in texts if t]


def search_requests(spider, response: Response, root: etree._Element) -> Iterator[object]:
    """Start the probe from the start URL's page (once per crawl); yields SearchProbe records and Requests."""
    if getattr(spider, STATE_ATTRIBUTE, None) is not None:
        return
    requested = response.meta.get("redirect_urls", [response.url])[0]
    if url_key(requested) != url_key(spider.agency.url):
        return
    state = _State()
    setattr(spider, STATE_ATTRIBUTE, state)
    configured = spider.settings.getlist("GOVAUDIT_SEARCH_QUERIES") if spider.settings else []
    state.queries = probe_queries(site_words(root), configured, exclude=[spider.agency.name])
    page_url = response.url
    configured_url = getattr(spider.agency, "search_url", None)
    if configured_url:
        if "{q}" in configured_url or configured_url.endswith("="):
            form = _template_form(configured_url, page_url)
            yield _discovery(spider, page_url, "configured", [form], form, state)
            yield from _query_requests(spider, form, state, response.encoding)
            return
        yield Request(configured_url, callback=_on_search_page, errback=_on_discovery_failure, dont_filter=True,
                      priority=PRIORITY, meta={"purpose": "search", "search": {"kind": "discover",
                                                                             "source": "configured"}},
                      cb_kwargs={"spider": spider})
        return
    forms = search_forms(root, page_url)
    if not forms:
        link = _search_page_link(spider, root, page_url)
        if link:
            yield _discovery(spider, page_url, "homepage", [], None, state, search_link=link)
            yield Request(link, callback=_on_search_page, errback=_on_discovery_failure, dont_filter=True,
                          priority=PRIORITY, meta={"purpose": "search", "search": {"kind": "discover",
                                                                                 "source": "search-page"}},
                          cb_kwargs={"spider": spider})
            return
    yield from _start(spider, page_url, "homepage", forms, state, response.encoding)


def _start(spider, page_url: str, source: str, forms: list[dict], state: _State, encoding: str) -> Iterator[object]:
    chosen = _choose(spider, forms)
    yield _discovery(spider, page_url, source, forms, chosen, state)
    if chosen and chosen["engine"] == "site" and not chosen["needs_browser"] and not chosen.get("off_host"):
        yield from _query_requests(spider, chosen, state, encoding)


def _choose(spider, forms: list[dict]) -> dict | None:
    """The box to run: the best site search on the agency's own hosts; else the best one found, unrun."""
    if not forms:
        return None
    for form in forms:
        target = form.get("action") or form.get("template")
        if form["engine"] == "site" and not form["needs_browser"] and _own(spider, target):
            return form
    best = dict(forms[0])
    target = best.get("action") or best.get("template")
    if best["engine"] == "site" and not best["needs_browser"] and not _own(spider, target):
        best["off_host"] = True
    return best


def _template_form(template: str, page_url: str) -> dict:
    prefix = template.split("{q}")[0] if "{q}" in template else template
    field_name = prefix.rsplit("?", 1)[-1].rsplit("&", 1)[-1].rstrip("=") if "=" in prefix else None
    return {"action": None, "method": "GET", "field": field_name or None, "hidden": {}, "extra": {}, "submit": None,
            "charset": None, "template": template, "engine": "site", "external_via": None,
            "needs_browser": False, "score": 0, "signals": ["configured"], "label": "", "locator": "",
            "page": page_url}


def _search_page_link(spider, root: etree._Element, page_url: str) -> str | None:
    for anchor in _LINKS(root):
        label = collapse(anchor.text_content() or anchor.get("title", "")).lower()
        if label and any(label == word or (len(label) <= 8 and word in label and word != "search")
                         for word in _SEARCH_PAGE_WORDS):
            target = resolve(page_url, anchor.get("href", ""))
            if _own(spider, target) and url_key(target) != url_key(page_url):
                return target
    return None


def _discovery(spider, page_url: str, source: str, forms: list[dict], chosen: dict | None, state: _State,
               **extra) -> SearchProbe:
    return SearchProbe(agency_id=spider.agency.id, kind="discover", url=page_url, method="GET", status=200,
                       final_url=page_url, fetched_at=_now(),
                       facts={"source": source, "forms": forms[:5], "chosen": chosen, "queries": state.queries,
                              **extra})


def _on_search_page(response: Response, spider) -> Iterator[object]:
    state: _State = getattr(spider, STATE_ATTRIBUTE)
    source = response.meta["search"]["source"]
    if response.status >= 400 or not _is_html(response):
        yield SearchProbe(agency_id=spider.agency.id, kind="discover", url=response.request.url,
                          status=response.status, final_url=response.url, fetched_at=_now(),
                          facts={"source": source, "forms": [], "chosen": None, "queries": state.queries})
        return
    forms = search_forms(response.selector.root, response.url)
    yield from _start(spider, response.url, source, forms, state, response.encoding)


def _on_discovery_failure(failure: Failure) -> Iterator[SearchProbe]:
    request = failure.request
    spider = request.cb_kwargs["spider"]  # errbacks get no cb_kwargs of their own
    state: _State = getattr(spider, STATE_ATTRIBUTE)
    error, detail = classify_failure(failure)
    yield SearchProbe(agency_id=spider.agency.id, kind="discover", url=request.url, error=error, fetched_at=_now(),
                      facts={"source": request.meta["search"]["source"], "forms": [], "chosen": None,
                             "queries": state.queries, "error_detail": detail})


# --- query requests ---------------------------------------------------------------------------------
def _kind_of(q: str, state: _State) -> str:
    if q == "":
        return "empty"
    if q == vocab().no_hit_query:
        return "no-hit"
    return "word"


def _query_requests(spider, form: dict, state: _State, page_encoding: str | None) -> Iterator[Request]:
    for q in state.queries:
        yield build_query_request(spider, form, q, _kind_of(q, state), page_encoding)


def build_query_request(spider, form: dict, q: str, kind: str, page_encoding: str | None = None) -> Request:
    """GET: the query urlencoded into the action (replacing its query string, as browsers do); POST: a
    FormRequest with the hidden fields; script template: the query appended (UTF-8, as encodeURIComponent)."""
    charset = form.get("charset") or page_encoding or "utf-8"
    meta = {"purpose": "search", "search": {"kind": kind, "q": q, "field": form.get("field"),
                                            "method": form["method"]}}
    common = dict(callback=_on_results, errback=_on_query_failure, dont_filter=True, priority=PRIORITY,
                  cb_kwargs={"spider": spider})
    template = form.get("template")
    if template:
        encoded = quote(q.encode("utf-8"), safe="")
        url = template.replace("{q}", encoded) if "{q}" in template else template + encoded
        meta["search"]["url"] = url
        return Request(url, meta=meta, **common)
    pairs = [(name, value) for name, value in {**form.get("hidden", {}), **form.get("extra", {})}.items()
             if name != form.get("field")]
    pairs.append((form["field"], q))
    if form.get("submit"):
        pairs.append((form["submit"][0], form["submit"][1]))
    action = form["action"]
    if form["method"] == "POST":
        meta["search"]["url"] = action
        return FormRequest(action, formdata=pairs, encoding=charset, meta=meta, **common)
    parts = urlsplit(action)
    query = urlencode(pairs, encoding=charset, errors="xmlcharrefreplace")
    url = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))
    meta["search"]["url"] = url
    return Request(url, meta=meta, **common)


def _probe_record(spider, response: Response, info: dict, facts: dict, kind: str | None = None) -> SearchProbe:
    return SearchProbe(
        agency_id=spider.agency.id, kind=kind or info["kind"], url=info.get("url") or response.request.url,
        method=response.request.method, q=info.get("q"), status=response.status,
        response_ms=round(response.meta.get("download_latency", 0.0) * 1000, 1),
        final_url=response.url, fetched_at=_now(), facts=facts)


def _facts(response: Response, field_name: str | None) -> dict:
    if response.status >= 400 or not _is_html(response):
        return {"not_html": not _is_html(response)} if response.status < 400 else {}
    try:
        return results_facts(response.selector.root, response.url, field_name)
    except ValueError:
        return {}


def _on_results(response: Response, spider) -> Iterator[object]:
    state: _State = getattr(spider, STATE_ATTRIBUTE)
    info = response.meta["search"]
    facts = _facts(response, info.get("field"))
    yield _probe_record(spider, response, info, facts)
    if info["kind"] != "word" or response.status >= 400 or not facts:
        return
    if not state.page2_requested:
        page2_request = _page2_request(spider, response, info, facts)
        if page2_request is not None:
            state.page2_requested = True
            yield page2_request
    if not state.sort_requested:
        target, option = _sort_variant(facts, response.url, info)
        if _own(spider, target):
            state.sort_requested = True
            yield Request(target, callback=_on_sorted, errback=_on_query_failure, dont_filter=True,
                          priority=PRIORITY, cb_kwargs={"spider": spider},
                          meta={"purpose": "search", "search": {
                              "kind": "sort", "q": info.get("q"), "field": info.get("field"), "url": target,
                              "page1_url": response.url, "sort_key": option["key"]}})


def _page2_request(spider, response: Response, info: dict, facts: dict) -> Request | None:
    """Page 2 by its link; else, for an ASP.NET pager, the page's own form re-posted with the pager's event
    (__EVENTTARGET / __EVENTARGUMENT), as __doPostBack does in a browser."""
    meta = {"purpose": "search", "search": {
        "kind": "page2", "q": info.get("q"), "field": info.get("field"), "page1_url": response.url,
        "page1_links": facts.get("result_links", [])}}
    common = dict(callback=_on_page2, errback=_on_query_failure, dont_filter=True, priority=PRIORITY,
                  cb_kwargs={"spider": spider}, meta=meta)
    page2 = facts.get("page2_url")
    if _own(spider, page2):
        meta["search"]["url"] = page2
        return Request(page2, **common)
    postback = facts.get("page2_postback")
    if not postback or not isinstance(response, TextResponse):
        return None
    target, argument = postback
    try:
        # dont_click: a default click would add the search button and run the search again, not the pager.
        request = FormRequest.from_response(
            response, formxpath="//form[.//input[@name='__VIEWSTATE']]", dont_click=True,
            formdata={"__EVENTTARGET": target, "__EVENTARGUMENT": argument}, **common)
    except ValueError:
        return None
    if not _own(spider, request.url):
        return None
    request.meta["search"].update(url=request.url, postback=[target, argument])
    return request


def _sort_variant(facts: dict, page_url: str, info: dict) -> tuple[str | None, dict | None]:
    """One sorted variant to confirm the sort control answers: a sort link, else a GET select parameter."""
    options = sorted(facts.get("sort_options", []), key=lambda o: (o["key"] != "time", o["url"] is None))
    for option in options:
        if option.get("url"):
            return option["url"], option
    for option in options:
        if option.get("param") and option.get("value") is not None and option["control"] in ("select", "radio") \
                and info.get("method") == "GET":
            parts = urlsplit(page_url)
            pairs = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != option["param"]]
            pairs.append((option["param"], option["value"]))
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(pairs), "")), option
    return None, None


def _on_page2(response: Response, spider) -> Iterator[SearchProbe]:
    info = response.meta["search"]
    facts = _facts(response, info.get("field"))
    links = facts.get("result_links", [])
    first = info.get("page1_links", [])
    facts["differs"] = bool(links) and {url_key(u) for u in links} != {url_key(u) for u in first}
    facts["page1_url"] = info.get("page1_url")
    if info.get("postback"):
        facts["postback"] = info["postback"]
    yield _probe_record(spider, response, info, facts)


def _on_sorted(response: Response, spider) -> Iterator[SearchProbe]:
    info = response.meta["search"]
    facts = _facts(response, info.get("field"))
    facts["sort_key"] = info.get("sort_key")
    facts["page1_url"] = info.get("page1_url")
    yield _probe_record(spider, response, info, facts)


def _on_query_failure(failure: Failure) -> Iterator[SearchProbe]:
    """A failed query; robots.txt refusals are recorded as error "robots" (the probe was not allowed)."""
    request = failure.request
    spider = request.cb_kwargs["spider"]
    info = request.meta.get("search", {})
    error, detail = classify_failure(failure)
    yield SearchProbe(agency_id=spider.agency.id, kind=info.get("kind", "word"),
                      url=info.get("url") or request.url, method=request.method, q=info.get("q"),
                      error=error, fetched_at=_now(), facts={"error_detail": detail})
