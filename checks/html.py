"""Shared HTML reading: title, language, references and not-found phrases from one lxml tree.

Every page is parsed once; every checker reads the same tree through these helpers."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urldefrag, urlsplit

from lxml import etree
from w3lib.url import canonicalize_url, safe_url_string

from checks.records import Reference

# (tag, attribute, kind): what a page references and how the crawler treats it.
_REFERENCE_XPATH = etree.XPath(
    "//a[@href] | //area[@href] | //img[@src] | //iframe[@src] | //frame[@src]"
    " | //link[@href] | //script[@src] | //source[@src] | //video[@src] | //audio[@src]"
    " | //embed[@src] | //object[@data] | //input[@type='image'][@src]"
)
_HAS_TEMPLATE = etree.XPath("boolean(//template)")
_TITLE = etree.XPath("string(//title)")
_HTML_LANG = etree.XPath("string(/html/@lang | /html/@xml:lang)",
                         namespaces={"xml": "http://www.w3.org/XML/1998/namespace"})
_HEADINGS = etree.XPath("//h1 | //h2")
_BASE_HREF = etree.XPath("string(//base/@href)")

_ATTRIBUTE = {"a": "href", "area": "href", "link": "href", "object": "data"}
_KIND = {
    "a": "link", "area": "link", "img": "image", "input": "image", "iframe": "iframe",
    "frame": "iframe", "script": "script", "source": "media", "video": "media",
    "audio": "media", "embed": "object", "object": "object",
}
_LINK_RELS_CHECKED = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "manifest"}

_REGION_BY_TAG = {"header": "header", "nav": "nav", "main": "main", "aside": "aside", "footer": "footer"}
_REGION_BY_NAME = (
    ("footer", "footer"), ("foot", "footer"), ("copyright", "footer"), ("bottom", "footer"),
    ("header", "header"), ("top", "header"), ("navbar", "nav"), ("menu", "nav"), ("nav", "nav"),
    ("sidebar", "aside"), ("aside", "aside"), ("content", "main"), ("main", "main"),
)

# Browsers drop ASCII tab and newline anywhere in a URL and trim surrounding spaces.
_URL_NOISE = re.compile(r"[\t\n\r]")
_SPACES = re.compile(r"\s+")

NOT_FOUND_PHRASES = (
    "找不到網頁", "找不到該網頁", "找不到此網頁", "找不到您要的網頁", "找不到頁面", "網頁不存在",
    "頁面不存在", "查無此頁", "查無此網頁", "此頁面不存在", "您要找的網頁不存在", "查無資料",
    "資料不存在", "無此資料", "查無此資料",
    "page not found", "404 not found", "not found", "error 404",
)


def clear_caches() -> None:
    """Forget memoised URL resolutions (they only pay off while one crawl repeats its menus)."""
    for cached in (_join, _normalised, url_key):
        cached.cache_clear()


def collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def page_title(root: etree._Element) -> str:
    return collapse(_TITLE(root))


def page_lang(root: etree._Element) -> str:
    return _HTML_LANG(root).strip()


def not_found_phrase(root: etree._Element, title: str) -> str | None:
    """A not-found phrase in the title or a top heading: the mark of a soft 404."""
    candidates = [title] + [collapse(h.text_content())[:120] for h in _HEADINGS(root)[:3]]
    for text in candidates:
        lowered = text.lower()
        for phrase in NOT_FOUND_PHRASES:
            if phrase in lowered:
                return phrase
    return None


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """Canonical form for de-duplication: fragment dropped, query parameters sorted."""
    return canonicalize_url(url, keep_fragments=False)


def resolve(base: str, raw: str) -> str | None:
    """Resolve a written href like a browser does; None when it cannot be a URL."""
    cleaned = _URL_NOISE.sub("", raw).strip()
    if not cleaned:
        return None
    return _join(_base_scope(base, cleaned), cleaned)


def _base_scope(base: str, cleaned: str) -> str:
    """The part of the base URL the result depends on, so menus repeated on every page resolve once."""
    if cleaned.startswith(("http://", "https://", "mailto:", "tel:", "javascript:")):
        return ""
    if cleaned.startswith("/") and not cleaned.startswith("//"):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}/"
    if cleaned.startswith(("?", "#")):
        return base
    query_start = base.find("?")
    path = base if query_start < 0 else base[:query_start]
    if not urlsplit(path).path:
        return path + "/"
    return path[: path.rfind("/") + 1]


@lru_cache(maxsize=65536)
def _join(scope: str, cleaned: str) -> str | None:
    try:
        absolute = urljoin(scope, cleaned) if scope else cleaned
    except ValueError:
        return None
    return urldefrag(absolute)[0] if absolute.startswith(("http:", "https:")) else absolute


@lru_cache(maxsize=65536)
def _normalised(target: str) -> tuple[str, str]:
    safe = safe_url_string(target)
    return safe, canonicalize_url(safe, keep_fragments=False)


def _own_region(element: etree._Element) -> str | None:
    tag = element.tag
    if not isinstance(tag, str):
        return None
    region = _REGION_BY_TAG.get(tag)
    if region:
        return region
    name = f"{element.get('id', '')} {element.get('class', '')}".lower()
    if name.strip():
        for needle, named_region in _REGION_BY_NAME:
            if needle in name:
                return named_region
    return None


def _region(element: etree._Element, memo: dict) -> str:
    """Nearest landmark-like ancestor; memo (per page) holds ancestors already decided, since the
    links of one menu share them. Keys are element proxies, which keeps lxml from recycling them."""
    chain = []
    region = "body"
    for ancestor in element.iterancestors():
        known = memo.get(ancestor)
        if known is not None:
            region = known
            break
        chain.append(ancestor)
        own = _own_region(ancestor)
        if own is not None:
            region = own
            break
    for ancestor in chain:
        memo[ancestor] = region
    return region


def _link_text(element: etree._Element) -> str:
    text = collapse(element.text_content()) if element.tag in ("a", "area") else ""
    if not text:
        for attribute in ("alt", "title", "aria-label"):
            value = element.get(attribute)
            if value:
                return collapse(value)[:200]
        images = element.findall(".//img") if element.tag == "a" else ()
        for image in images:
            alt = image.get("alt")
            if alt:
                return collapse(alt)[:200]
    return text[:200]


def _kind_of(element: etree._Element, target: str) -> str | None:
    tag = element.tag
    if tag == "link":
        rels = set((element.get("rel") or "").lower().split())
        if not rels & _LINK_RELS_CHECKED:
            return None  # canonical, alternate, etc. are metadata, not resources a reader loads
        return "stylesheet" if "stylesheet" in rels else "other"
    scheme = target.split(":", 1)[0].lower() if ":" in target else ""
    if scheme in ("mailto", "tel"):
        return scheme
    if scheme not in ("http", "https"):
        return "other"
    return _KIND.get(tag, "other")


def extract_references(root: etree._Element, page_url: str) -> list[Reference]:
    """Every reference on the page, in document order; comments and <template> never count."""
    base = page_url
    base_href = _BASE_HREF(root).strip()
    if base_href:
        base = urljoin(page_url, base_href)
    skip_templates = _HAS_TEMPLATE(root)
    tree = root.getroottree()
    region_memo: dict = {}
    references: list[Reference] = []
    for element in _REFERENCE_XPATH(root):
        if skip_templates and any(a.tag == "template" for a in element.iterancestors()):
            continue
        raw = element.get(_ATTRIBUTE.get(element.tag, "src")) or ""
        target = resolve(base, raw)
        if target is None:
            continue
        kind = _kind_of(element, target)
        if kind is None:
            continue
        if kind in ("mailto", "tel", "other"):
            key = target
        else:
            target, key = _normalised(target)
        references.append(Reference(
            target=target, target_key=key, kind=kind, tag=element.tag,
            text=_link_text(element), locator=tree.getpath(element),
            region=_region(element, region_memo), raw=raw[:500],
        ))
    return references


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


_SKELETON = etree.XPath("/html/body/* | /html/body/*/* | /html/body/*/*/*")


def template_fingerprint(root: etree._Element) -> str:
    """Pages built from one CMS template share their top three levels of layout; hash that skeleton."""
    import hashlib

    parts = []
    for element in _SKELETON(root):
        tag = element.tag
        if isinstance(tag, str):
            parts.append(f"{tag}#{element.get('id', '')}.{element.get('class', '')}")
    return hashlib.sha1("|".join(parts).encode("utf-8", "replace")).hexdigest()[:12]
