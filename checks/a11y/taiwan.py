"""Taiwan accessibility conventions: 導盲磚 (:::) with accesskeys, the skip link, 網站導覽 and the 無障礙標章.

brick_facts/mark_facts run on every crawled page and return JSON-ready dicts; check_* judge the homepage's facts."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cache
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import lxml.html
from lxml import etree

from checks.dates import format_roc
from checks.finding import Finding
from checks.html import collapse, resolve
from checks.indicators import SEARCH_AND_ACCESS

# ---------------------------------------------------------------- vocabulary

EXPECTED_KEYS = ("U", "C", "Z")
REGION_NAMES = {"U": "上方功能區塊", "C": "中央內容區塊", "Z": "下方功能區塊", "L": "左方功能區塊",
                "R": "右方功能區塊", "S": "搜尋區塊", "H": "回首頁", "B": "下方區塊", "M": "選單區塊", "N": "導覽區塊"}
MARK_HOSTS = {"accessibility.moda.gov.tw": "moda", "accessibility.ncc.gov.tw": "ncc",
              "www.handicap-free.nat.gov.tw": "handicap-free", "handicap-free.nat.gov.tw": "handicap-free"}
MARK_SIZE = (88, 31)  # 核發辦法 第6條
MARK_VALID_YEARS = 3  # 核發辦法 第5條
_LEVEL_RANK = {"none": 0, "A": 1, "A+": 1.5, "AA": 2, "AAA": 3}

_CONVENTION_NOTE = "（導盲磚、快速鍵與網站導覽為國內評核慣例，非 WCAG 不符合事項）"
_BYPASS_NOTE = ("（略過重複區塊〔SC 2.4.1，GN1240100E〕亦可由標題、地標等方式達成；"
                "此為國內評核慣例提示，非 WCAG 不符合判定）")
_PORTAL_NOTE = "請至無障礙網路空間服務網（accessibility.moda.gov.tw）確認"

# ---------------------------------------------------------------- compiled XPaths
# These run on every crawled page. On lxml.html trees each element proxy (and each "smart" string, which
# carries its parent) costs a Python class lookup, and libxml2 re-materialises a node's string for every
# predicate test; so the scans fetch plain strings where the owner is not needed, and otherwise fetch the
# few candidate strings once and search them in Python.

_ANCHOR_STRINGS = etree.XPath("//a//text() | //a/@title | //a//img/@alt")
_MARK_STRINGS = etree.XPath("//img/@alt | //img/@title | //a/@title | //img/parent::a/@href")
_HREFS = etree.XPath("//a/@href", smart_strings=False)
_PORTAL_LINKS = etree.XPath("//a[contains(@href, 'accessibility.') or contains(@href, 'handicap-free')]")
_ACCESSKEYS = etree.XPath("//@accesskey", smart_strings=False)
_TABINDEX_VALUES = etree.XPath("//@tabindex", smart_strings=False)
_TABINDEXES = etree.XPath("//@tabindex")
_TARGET_NAMES = etree.XPath("//@id | //a/@name", smart_strings=False)
_META_NAMES = etree.XPath("//meta/@name")
_SCRIPT_TEXTS = etree.XPath("//script/text()", smart_strings=False)
_CLASSES = etree.XPath("//@class", smart_strings=False)
_BODY_COUNT = etree.XPath("count(//body//*)")
_HEAD_COUNT = etree.XPath("count(//head/descendant-or-self::*)")
_BEFORE = etree.XPath("count(preceding::*) + count(ancestor::*)")
_PAGE_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")

# ---------------------------------------------------------------- patterns
# Needles first (plain lower-case substrings: str.find over all strings joined beats a regex per string);
# the precise patterns below then judge each hit.
_ANCHOR_NEEDLES = (":::", "跳", "移至", "主要內容", "skip", "網站導覽", "網站地圖", "sitemap", "site map", "site-map")
_MARK_NEEDLES = ("無障礙", "檢測", "accessibility.", "handicap-free")
_SCRIPT_NEEDLES = ("accessibilitylib", "accessibility.moda.gov.tw", "accessibility.ncc.gov.tw")

_SKIP_TEXT = re.compile(
    r"(?:跳到|跳至|移至|前往)\s*(?:主要?)?內容|跳過(?:導覽|選單|瀏覽)"
    r"|skip\s*(?:to\s*)?(?:the\s*)?(?:main\s*)?content|skip\s*(?:the\s*)?nav", re.I)
_SITEMAP_TEXT = re.compile(r"網站導覽|網站地圖|site\s*-?\s*map", re.I)
_REGION_WORDS = re.compile(r"區|內容|選單|頁首|頁尾|頁面頂端|搜尋|導覽|main|content|menu|header|footer|nav|search|region",
                           re.I)
_MARK_TEXT = re.compile(r"無障礙.{0,12}?(?:標章|網頁檢測|網站)|通過\s*(?:AAA|AA|A\+?).{0,16}?檢測"
                        r"|無障礙\s*(?:AAA|AA|A\+|A)(?![A-Za-z])")
# Ordered: "通過X" is the official wording; the other two cover 無障礙A+ and "AA等級" alts.
_LEVEL_TEXT = (re.compile(r"通過\s*(AAA|AA|A\+|A)(?![A-Za-z])"),
               re.compile(r"無障礙\s*(?:標章)?\s*(AAA|AA|A\+|A)(?![A-Za-z])"),
               re.compile(r"(?<![A-Za-z])(AAA|AA|A\+|A)\s*(?:優先|檢測)?等級"))
_LEVEL_FILE = re.compile(r"(?<![a-z])(aaa|aa|a)(?:[-_]?(\+|plus))?(?:[-_]?([12])([0-2]))?(?![a-z0-9])")
_VERSION_TEXT = re.compile(r"(?:無障礙|標章|規範|WCAG)[^0-9]{0,6}([12])\.([0-2])", re.I)
_CATEGORY = re.compile(r"[?&;]category=(\d{14})(?!\d)", re.I)
_FOURTEEN = re.compile(r"(?<!\d)(\d{14})(?!\d)")
_SIZE = re.compile(r"\s*(\d+)")
_FOOTERISH = ("foot", "contentinfo", "copyright")
_SCRIPT_ENTRY = re.compile(r"""["']([\w.-]+)["']\s*:\s*\[\s*["'](\d{14})["']\s*,\s*["'](AAA|AA|A\+?)["']"""
                           r"""\s*(?:,\s*["']([\d.]+)["'])?""")
_ALT_KEY = re.compile(r"(?<![a-z])(?:alt|option)\s*\+\s*(?:shift\s*\+\s*)?([a-z])(?![a-z])", re.I)
_LISTED_KEY = re.compile(r"(?<![A-Za-z])([A-Z])\s*[:：]\s*(?:上|中|下|左|右|主|頁)[^\s，。]{0,6}?區")
_KEY_WORDS = re.compile(r"快速鍵|快捷鍵|access\s*key|定位點|導盲磚", re.I)
_BROWSER_WORDS = re.compile(r"firefox|chrome|safari|opera|瀏覽器|internet explorer"
                            r"|(?<![a-z])(?:ie|edge|mac)(?![a-z])", re.I)

_NATURALLY_FOCUSABLE = frozenset({"button", "select", "textarea", "iframe", "summary"})
_DISABLEABLE = frozenset({"button", "input", "select", "textarea"})


# ---------------------------------------------------------------- fact records

@dataclass(slots=True)
class Brick:
    key: str | None
    text: str
    title: str | None
    href: str | None
    target: str | None
    target_exists: bool
    locator: str
    snippet: str


@dataclass(slots=True)
class SkipLink:
    text: str
    title: str | None
    href: str
    target: str | None
    target_exists: bool
    first_focusable: bool
    locator: str
    snippet: str


@dataclass(slots=True)
class Focusable:
    tag: str
    text: str
    href: str | None
    locator: str


@dataclass(slots=True)
class Mark:
    href: str | None
    scheme: str
    level: str | None
    level_source: str | None
    alt: str | None
    title: str | None
    img_src: str | None
    width: int | None
    height: int | None
    registration: str | None
    registered_on: str | None
    expires_on: str | None
    expiry_inferred: bool
    in_footer: bool | None  # None: position unknown (a mark reported by the browser phase)
    locator: str
    guideline_version: str | None
    snippet: str
    flags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ScriptEntry:
    """One row of a JS badge table such as AccessibilityLib: what the browser would render."""

    key: str
    registration: str
    level: str
    guideline_version: str | None
    registered_on: str | None
    expires_on: str | None


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _plain(record: Any) -> dict[str, Any]:
    # asdict() deep-copies recursively; these records are flat and built on every page.
    return {name: getattr(record, name) for name in _field_names(type(record))}


# ---------------------------------------------------------------- small helpers

def _nfkc(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text) if text else ""


def _attr(element: etree._Element, name: str) -> str | None:
    value = element.get(name)
    if value is None:
        return None
    value = collapse(value)
    return value or None


def _snippet(element: etree._Element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)[:300]


def _fragment(href: str | None, page_url: str) -> str | None:
    """The in-page fragment an href jumps to, or None when it leaves the page."""
    if href is None:
        return None
    href = href.strip()
    if href.startswith("#"):
        return href[1:]
    if "#" not in href or not page_url:
        return None
    absolute, fragment = urldefrag(urljoin(page_url, href))
    return fragment if absolute == urldefrag(page_url)[0] else None


def _target_exists(fragment: str | None, names: set[str]) -> bool:
    # An empty fragment ("#") only scrolls to the top; it reaches no region.
    if not fragment:
        return False
    return fragment in names or unquote(fragment) in names


def _hidden(element: etree._Element) -> bool:
    for node in (element, *element.iterancestors()):
        if node.tag == "template" or node.get("hidden") is not None:
            return True
        style = (node.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    return False


def _tab_stop(element: etree._Element) -> bool:
    """Whether the element is a stop in sequential (Tab) navigation."""
    tag = element.tag
    tabindex = element.get("tabindex")
    if tabindex is not None:
        try:
            return int(tabindex.strip()) >= 0
        except ValueError:
            pass  # an invalid tabindex is ignored by browsers
    if tag in ("a", "area"):
        return element.get("href") is not None
    if tag == "input":
        if (element.get("type") or "").strip().lower() == "hidden":
            return False
    elif tag not in _NATURALLY_FOCUSABLE:
        return False
    return not (tag in _DISABLEABLE and element.get("disabled") is not None)


def _positive(tabindex: str) -> int:
    value = tabindex.strip()
    return int(value) if value.isdigit() else 0


def _first_tab_stop(root: etree._Element) -> etree._Element | None:
    # Positive tabindex jumps the queue in every browser, so it decides "first" when present.
    if any(_positive(value) for value in _TABINDEX_VALUES(root)):
        ranked = sorted(((_positive(value), value.getparent()) for value in _TABINDEXES(root)
                         if _positive(value)), key=lambda pair: pair[0])
        for _, element in ranked:
            if not _hidden(element):
                return element
    body = root.find("body")
    for element in (body if body is not None else root).iter():
        if isinstance(element.tag, str) and _tab_stop(element) and not _hidden(element):
            return element
    return None


def _matching(strings: list, needles: tuple[str, ...]) -> list:
    """The strings (lxml smart strings) containing a needle, case-insensitively, in their original order."""
    if not strings:
        return []
    joined = "\x00".join(strings)
    lowered = joined.lower()
    if len(lowered) != len(joined):  # a few letters lower-case to two characters; offsets would drift
        lowered = joined
    found: set[int] = set()
    for needle in needles:
        at = lowered.find(needle)
        while at != -1:
            found.add(lowered.count("\x00", 0, at))
            end = lowered.find("\x00", at)  # one hit per string is enough
            if end == -1:
                break
            at = lowered.find(needle, end)
    return [strings[index] for index in sorted(found)]


def _owner(string: Any, tag: str) -> etree._Element | None:
    """The nearest element named tag that carries an XPath string result (attribute, text or tail)."""
    parent = string.getparent()
    if parent is None:
        return None
    if parent.tag == tag and (string.is_attribute or not string.is_tail):
        return parent
    return next(parent.iterancestors(tag), None)


def _accessible_text(element: etree._Element) -> str:
    text = collapse(element.text_content())
    if not text:
        text = _attr(element, "title") or _attr(element, "aria-label") or ""
        if not text:
            image = element.find(".//img")
            text = (_attr(image, "alt") or "") if image is not None else ""
    return text[:120]


def _first_key(value: str | None) -> str | None:
    # accesskey may list several space-separated keys; browsers use the first they can.
    parts = (value or "").split()
    return parts[0].upper() if parts else None


def _registration_date(stamp: str | None) -> datetime.date | None:
    if not stamp:
        return None
    try:
        day = datetime.date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None
    return day if day.year >= 1990 else None


def _plus_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February has no counterpart; the month's last day stands in (as 民法 第121條 does)
        return day.replace(year=day.year + years, day=28)


def _dates(stamp: str | None) -> tuple[str | None, str | None]:
    registered = _registration_date(stamp)
    if registered is None:
        return None, None
    return registered.isoformat(), _plus_years(registered, MARK_VALID_YEARS).isoformat()


def _int_attr(element: etree._Element | None, name: str) -> int | None:
    if element is None:
        return None
    match = _SIZE.match(element.get(name) or "")
    return int(match.group(1)) if match else None


# ---------------------------------------------------------------- 導盲磚, skip link, 網站導覽

def brick_facts(root: lxml.html.HtmlElement, url: str) -> dict:
    """導盲磚, the skip link, the first tab stop, accesskey counts and 網站導覽 links of one page."""
    tree = root.getroottree()
    names: set[str] | None = None

    def exists(fragment: str | None) -> bool:
        nonlocal names
        if names is None:
            names = set(_TARGET_NAMES(root))
        return _target_exists(fragment, names)

    anchors: list[etree._Element] = []
    seen: set[etree._Element] = set()
    for string in _matching(_ANCHOR_STRINGS(root), _ANCHOR_NEEDLES):
        anchor = _owner(string, "a")
        if anchor is not None and anchor not in seen:
            seen.add(anchor)
            anchors.append(anchor)

    bricks, skip, sitemap_links, sitemap_hrefs = [], None, [], set()
    first = _first_tab_stop(root)
    for anchor in anchors:
        text, title = collapse(anchor.text_content()), _attr(anchor, "title")
        href = anchor.get("href")
        if text.startswith(":::"):
            target = _fragment(href, url)
            bricks.append(_plain(Brick(
                key=_first_key(anchor.get("accesskey")), text=text[:60], title=title, href=href, target=target,
                target_exists=exists(target), locator=tree.getpath(anchor), snippet=_snippet(anchor))))
        # Not elif: some sites make the C brick itself the skip link (title 跳到主要內容).
        if skip is None and (_SKIP_TEXT.search(text) or _SKIP_TEXT.search(title or "")):
            target = _fragment(href, url)
            if target is not None:
                skip = _plain(SkipLink(text=text[:60], title=title, href=href, target=target,
                                       target_exists=exists(target), first_focusable=anchor is first,
                                       locator=tree.getpath(anchor), snippet=_snippet(anchor)))
        if href is not None and href not in sitemap_hrefs:
            shown = text or _accessible_text(anchor)
            # Long link texts are articles that merely mention the site map, not the link to it.
            if (len(shown) <= 20 and _SITEMAP_TEXT.search(shown)) or _SITEMAP_TEXT.search(title or ""):
                sitemap_hrefs.add(href)
                resolved = resolve(url, href)
                if resolved and resolved.startswith(("http:", "https:")) and resolved not in sitemap_links:
                    sitemap_links.append(resolved)

    accesskeys: dict[str, int] = {}
    for value in _ACCESSKEYS(root):
        key = _first_key(value)
        if key:
            accesskeys[key] = accesskeys.get(key, 0) + 1

    first_facts = None
    if first is not None:
        first_facts = _plain(Focusable(tag=first.tag, text=_accessible_text(first), href=first.get("href"),
                                       locator=tree.getpath(first)))

    return {"bricks": bricks, "skip_link": skip, "first_focusable": first_facts, "accesskeys": accesskeys,
            "sitemap_links": sitemap_links}


def keys_documented(root: lxml.html.HtmlElement) -> dict:
    """Whether a 網站導覽 page explains the accesskeys (Alt+U …) and how browsers differ."""
    pieces = _PAGE_TEXT(root) if root.find("body") is not None else root.itertext()
    original = collapse(" ".join(pieces))
    text = _nfkc(original)
    keys: list[str] = []
    first_at: int | None = None
    for pattern in (_ALT_KEY, _LISTED_KEY):
        for match in pattern.finditer(text):
            key = match.group(1).upper()
            if key not in keys:
                keys.append(key)
            if first_at is None or match.start() < first_at:
                first_at = match.start()
    keyword = _KEY_WORDS.search(text)
    documents = bool(keys) and (keyword is not None or len(keys) >= 2)
    evidence = ""
    anchor = first_at if first_at is not None else (keyword.start() if keyword else None)
    if anchor is not None:
        # Quote the page as written when NFKC kept offsets aligned (full-width punctuation maps one to one).
        quoted = original if len(original) == len(text) else text
        evidence = quoted[max(0, anchor - 60):max(0, anchor - 60) + 200]
    return {"documents_accesskeys": documents, "keys": sorted(keys),
            "mentions_browsers": bool(_BROWSER_WORDS.search(text)), "evidence": evidence}


# ---------------------------------------------------------------- 無障礙標章

def _in_footer(element: etree._Element, root: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "footer" or ancestor.get("role") == "contentinfo":
            return True
        name = f"{ancestor.get('id', '')} {ancestor.get('class', '')}".lower()
        if any(word in name for word in _FOOTERISH):
            return True
    total = _BODY_COUNT(root)
    if not total:
        return False
    # Document-order index within <body>: preceding + ancestors, minus <head>'s subtree, <html> and <body>.
    index = _BEFORE(element) - _HEAD_COUNT(root) - 2
    return index >= 0.75 * total


def _level_from_texts(texts: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    for source, raw in texts:
        text = _nfkc(raw)
        for pattern in _LEVEL_TEXT:
            match = pattern.search(text)
            if match:
                return match.group(1), source
    return None, None


def _file_stem(src: str | None) -> str:
    if not src:
        return ""
    path = urlsplit(src.strip()).path
    name = unquote(path.rsplit("/", 1)[-1])
    return _nfkc(name.rsplit(".", 1)[0] if "." in name else name).lower()


@dataclass(frozen=True, slots=True)
class _MarkSource:
    """What a mark looks like from outside, whether read from the static tree or from the rendered page."""

    href: str | None
    alt: str | None
    image_title: str | None
    link_title: str | None
    link_text: str
    img_src: str | None
    has_image: bool
    width: int | None
    height: int | None
    in_footer: bool | None
    locator: str
    snippet: str


def _describe_mark(source: _MarkSource) -> Mark | None:
    href = source.href or None
    host = (urlsplit(href).hostname or "").lower() if href else ""
    scheme = MARK_HOSTS.get(host, "other")
    registration = None
    if href:
        match = _CATEGORY.search(href) or (_FOURTEEN.search(href) if scheme != "other" else None)
        registration = match.group(1) if match else None
    if not source.has_image and (registration is None or scheme == "other"):
        return None  # a plain text link to the portal (e.g. 無障礙網路空間服務網), not a mark

    # Link text stands in for alt on a text-only mark link: it is that link's text alternative.
    texts = [("alt", source.alt or ""), ("title", source.image_title or ""), ("title", source.link_title or ""),
             ("alt", source.link_text)]
    level, level_source = _level_from_texts(texts)
    flags: list[str] = []
    stem = _file_stem(source.img_src)
    file_match = _LEVEL_FILE.search(stem) if stem else None
    if level is None and file_match:
        level = file_match.group(1).upper() + ("+" if file_match.group(2) else "")
        level_source = "filename"
        flags.append("level not stated in text")

    version = None
    for _, raw in texts:
        match = _VERSION_TEXT.search(_nfkc(raw))
        if match:
            version = f"{match.group(1)}.{match.group(2)}"
            break
    if version is None and file_match and file_match.group(3):
        version = f"{file_match.group(3)}.{file_match.group(4)}"
    if version is None and level == "A+":
        version = "1.0"  # A+ exists only in 無障礙網頁開發規範 1.0
        flags.append("guideline version inferred from level A+")

    registered_on, expires_on = _dates(registration)
    return Mark(
        href=href, scheme=scheme, level=level, level_source=level_source, alt=source.alt,
        title=source.link_title or source.image_title, img_src=source.img_src, width=source.width,
        height=source.height, registration=registration, registered_on=registered_on, expires_on=expires_on,
        expiry_inferred=expires_on is not None, in_footer=source.in_footer, locator=source.locator,
        guideline_version=version, snippet=source.snippet, flags=flags)


def _mark_record(link: etree._Element | None, image: etree._Element | None, url: str,
                 root: etree._Element) -> Mark | None:
    anchor = link if link is not None else image
    return _describe_mark(_MarkSource(
        href=resolve(url, link.get("href") or "") if link is not None else None,
        alt=_attr(image, "alt") if image is not None else None,
        image_title=_attr(image, "title") if image is not None else None,
        link_title=_attr(link, "title") if link is not None else None,
        link_text=collapse(link.text_content()) if link is not None and image is None else "",
        img_src=image.get("src") if image is not None else None, has_image=image is not None,
        width=_int_attr(image, "width"), height=_int_attr(image, "height"), in_footer=_in_footer(anchor, root),
        locator=root.getroottree().getpath(anchor), snippet=_snippet(anchor)))


def _script_candidate(root: etree._Element, url: str) -> dict | None:
    """The AccessibilityLib row whose key is a label of this site's host name, if any."""
    labels = set((urlsplit(url).hostname or "").lower().split("."))
    entries = []
    for source in _SCRIPT_TEXTS(root):
        if "AccessibilityLib" in source:
            entries.extend(_SCRIPT_ENTRY.findall(source))
    for key, registration, level, version in entries:
        if key.lower() in labels or key.lower() == (urlsplit(url).hostname or "").lower():
            registered_on, expires_on = _dates(registration)
            return _plain(ScriptEntry(key=key, registration=registration, level=level,
                                      guideline_version=version or None, registered_on=registered_on,
                                      expires_on=expires_on))
    return None


def mark_facts(root: lxml.html.HtmlElement, url: str) -> dict:
    """Every static 無障礙標章 on the page, the legacy head meta claim, and whether a script may render one."""
    marks = []
    seen: set[etree._Element] = set()
    for string in _matching(_MARK_STRINGS(root), _MARK_NEEDLES):
        element = string.getparent()
        if element.tag == "img":
            if not _MARK_TEXT.search(_nfkc(string)):
                continue
            link, image = next(element.iterancestors("a"), None), element
        elif string.attrname == "href":
            if not any(host in string.lower() for host in MARK_HOSTS):
                continue
            link, image = element, element.find(".//img")
        else:
            image = element.find(".//img")
            if image is None or not _MARK_TEXT.search(_nfkc(string)):
                continue
            link = element
        owner = link if link is not None else image
        if owner in seen:
            continue
        seen.add(owner)
        record = _mark_record(link, image, url, root)
        if record is not None:
            marks.append(_plain(record))

    if not marks and _matching(_HREFS(root), tuple(MARK_HOSTS)):
        # Rare: a text-only link to the mark's portal page. Only pages without an image mark pay for this.
        for link in _PORTAL_LINKS(root):
            if link not in seen:
                record = _mark_record(link, link.find(".//img"), url, root)
                if record is not None:
                    marks.append(_plain(record))

    meta = None
    for name in _META_NAMES(root):
        if name.strip().lower() == "accessible_website":
            meta = collapse(name.getparent().get("content") or "") or None
            break
    # Only worth a look when nothing static was found: the script may be what draws the mark.
    hint = not marks and bool(_matching(_SCRIPT_TEXTS(root), _SCRIPT_NEEDLES)
                              or any("accessibilityBadge" in value for value in _CLASSES(root)))
    facts = {"present": bool(marks), "marks": marks, "meta_claim": meta, "script_rendered_hint": bool(hint)}
    if hint:
        facts["script_candidate"] = _script_candidate(root, url)
    return facts


def marks_from_rendered(rendered: list[dict], url: str) -> dict:
    """Marks the browser phase found in the rendered homepage ({href, alt, title, img_src} each), as mark facts.

    Used when the static page had none (a script draws it); size and placement are unknown there, so left None."""
    marks = []
    for found in rendered:
        img_src = found.get("img_src") or None
        record = _describe_mark(_MarkSource(
            href=resolve(url, found.get("href") or "") if found.get("href") else None,
            alt=collapse(found.get("alt") or "") or None, image_title=None,
            link_title=collapse(found.get("title") or "") or None, link_text="", img_src=img_src,
            has_image=img_src is not None or bool(found.get("alt")), width=None, height=None, in_footer=None,
            locator=f"rendered:{found.get('href') or img_src or ''}"[:300], snippet=""))
        if record is not None:
            record.flags.append("rendered by script; found by the browser phase")
            marks.append(_plain(record))
    return {"present": bool(marks), "marks": marks, "meta_claim": None, "script_rendered_hint": False,
            "rendered": True}


# ---------------------------------------------------------------- findings: 導盲磚

def _finding(check: str, severity: str, url: str, message: str, target: str | None,
             evidence: dict[str, Any]) -> Finding:
    return Finding(check=check, severity=severity, indicator=SEARCH_AND_ACCESS, url=url, message=message,
                   target=target, evidence=evidence)


def _brick_name(brick: dict) -> str:
    return f"accesskey {brick['key']}" if brick.get("key") else (brick.get("title") or brick.get("text") or ":::")


def check_bricks(home: dict, home_url: str, sitemap: dict | None, sitemap_url: str | None) -> list[Finding]:
    """Homepage 導盲磚, accesskeys, skip link and 網站導覽 against what evaluators expect."""
    findings: list[Finding] = []
    bricks = home.get("bricks") or []
    keys = [brick["key"] for brick in bricks if brick.get("key")]
    if not bricks:
        findings.append(_finding(
            "tw.bricks-missing", "notice", home_url, "首頁未設置導盲磚（:::定位點）" + _CONVENTION_NOTE, None,
            {"expected_keys": list(EXPECTED_KEYS), "accesskeys": home.get("accesskeys") or {}}))
    else:
        for key in EXPECTED_KEYS:
            if key not in keys:
                findings.append(_finding(
                    "tw.brick-key-missing", "notice", home_url,
                    f"首頁缺少快速鍵 {key}（{REGION_NAMES[key]}）的導盲磚" + _CONVENTION_NOTE, key,
                    {"key": key, "found_keys": keys, "locator": f"accesskey={key}"}))
    for brick in bricks:
        evidence = {**brick}
        title = brick.get("title")
        if not title:
            evidence["reason"] = "empty"
            findings.append(_finding(
                "tw.brick-untitled", "notice", home_url,
                f"導盲磚（{_brick_name(brick)}）未設 title 說明定位至哪個區塊" + _CONVENTION_NOTE,
                brick.get("key"), evidence))
        elif not _REGION_WORDS.search(title):
            evidence["reason"] = "vague"
            findings.append(_finding(
                "tw.brick-untitled", "notice", home_url,
                f"導盲磚（{_brick_name(brick)}）的 title「{title}」未說明定位至哪個區塊" + _CONVENTION_NOTE,
                brick.get("key"), evidence))
        if not brick.get("target_exists"):
            findings.append(_finding(
                "tw.brick-target-missing", "notice", home_url,
                f"導盲磚（{_brick_name(brick)}）{_target_problem(brick)}" + _CONVENTION_NOTE,
                brick.get("key"), {**brick, "element": "brick"}))
    for key, count in (home.get("accesskeys") or {}).items():
        if count > 1:
            findings.append(_finding(
                "tw.accesskey-duplicate", "notice", home_url,
                f"快速鍵 {key} 重複設定於 {count} 個元素，瀏覽器只會作用於其中之一" + _CONVENTION_NOTE, key,
                {"key": key, "count": count, "locator": f"accesskey={key}",
                 "bricks": [b["locator"] for b in bricks if b.get("key") == key]}))
    findings.extend(_skip_findings(home, home_url))
    findings.extend(_sitemap_findings(home, home_url, sitemap, sitemap_url, keys))
    return findings


def _target_problem(item: dict) -> str:
    href = item.get("href")
    if href is None:
        return "沒有 href，無法以快速鍵或 Tab 取得焦點"
    if item.get("target") is None:
        return f"的連結 {href} 未指向本頁錨點"
    if item.get("target") == "":
        return f"的連結 {href} 只會回到頁首，未指向區塊錨點"
    return f"的連結 {href} 在頁面中找不到對應的 id 或 name 錨點"


def _skip_findings(home: dict, home_url: str) -> list[Finding]:
    skip = home.get("skip_link")
    first = home.get("first_focusable")
    if skip is None:
        return [_finding("tw.skip-link-missing", "notice", home_url,
                         "首頁未提供「跳到主要內容」連結" + _BYPASS_NOTE, None, {"first_focusable": first})]
    findings = []
    if not skip.get("first_focusable"):
        shown = f"<{first['tag']}>「{first['text']}」" if first else "其他元素"
        findings.append(_finding(
            "tw.skip-link-not-first", "notice", home_url,
            f"「跳到主要內容」連結不是頁面第一個可聚焦元素（第一個為 {shown}）" + _BYPASS_NOTE,
            skip.get("href"), {**skip, "first_focusable_element": first}))
    if not skip.get("target_exists"):
        findings.append(_finding(
            "tw.brick-target-missing", "notice", home_url,
            f"「跳到主要內容」{_target_problem(skip)}" + _BYPASS_NOTE, skip.get("href"),
            {**skip, "element": "skip-link"}))
    return findings


def _sitemap_findings(home: dict, home_url: str, sitemap: dict | None, sitemap_url: str | None,
                      keys: list[str]) -> list[Finding]:
    if not home.get("sitemap_links"):
        return [_finding("tw.sitemap-missing", "notice", home_url,
                         "首頁找不到「網站導覽」連結" + _CONVENTION_NOTE, None, {"locator": "sitemap-link"})]
    if sitemap is None:
        return []  # the page was not fetched; the summary says so instead of guessing
    url = sitemap_url or home_url
    evidence = {**sitemap, "homepage_keys": keys, "locator": "sitemap-keys"}
    if not sitemap.get("documents_accesskeys"):
        return [_finding("tw.sitemap-keys-undocumented", "notice", url,
                         "網站導覽頁未說明快速鍵（Accesskey）操作方式" + _CONVENTION_NOTE, None, evidence)]
    undocumented = [key for key in dict.fromkeys(keys) if key not in sitemap.get("keys", [])]
    if undocumented:
        evidence["undocumented_keys"] = undocumented
        return [_finding("tw.sitemap-keys-undocumented", "notice", url,
                         f"網站導覽頁未說明首頁使用的快速鍵 {'、'.join(undocumented)}" + _CONVENTION_NOTE,
                         None, evidence)]
    return []


# ---------------------------------------------------------------- findings: 無障礙標章

def _mark_missing(marks: dict, home_url: str, as_of: datetime.date) -> Finding:
    message = "首頁未發現無障礙標章（身心障礙者權益保障法第52條之2 要求取得認證標章）"
    evidence: dict[str, Any] = {"meta_claim": marks.get("meta_claim"),
                                "script_rendered_hint": bool(marks.get("script_rendered_hint")),
                                "locator": "mark"}
    if marks.get("script_rendered_hint"):
        message += "；頁面以 JavaScript 產生標章區塊，靜態檢查無法判斷，須由瀏覽器階段確認"
        candidate = marks.get("script_candidate")
        evidence["needs_browser_confirmation"] = True
        evidence["script_candidate"] = candidate
        if candidate:
            message += f"（程式表列登錄編號 {candidate['registration']}、{candidate['level']} 等級"
            if candidate.get("expires_on"):
                expires = datetime.date.fromisoformat(candidate["expires_on"])
                state = "已逾期" if expires < as_of else "效期內"
                message += f"，推定 {format_roc(expires)} 到期，{state}"
            message += "）"
    if marks.get("meta_claim"):
        message += f"；僅有舊式 meta 宣告「{marks['meta_claim']}」，並非有效標章"
    return _finding("tw.mark-missing", "warning", home_url, message, None, evidence)


def check_mark(marks: dict, home_url: str, as_of: datetime.date,
               auto_level_supported: str | None = None) -> list[Finding]:
    """The homepage's 無障礙標章: present, level stated, within its (inferred) validity, current scheme, placement, size.

    auto_level_supported: highest level the automatic checks support ("A"/"AA"/"AAA"; "none" when even A fails;
    None when unknown)."""
    if not marks.get("present"):
        return [_mark_missing(marks, home_url, as_of)]
    findings: list[Finding] = []
    for mark in marks.get("marks") or []:
        evidence = {**mark, "as_of": as_of.isoformat()}
        target = mark.get("href") or mark.get("img_src")
        level = mark.get("level")
        if mark.get("level_source") == "filename":
            findings.append(_finding(
                "tw.mark-level-unstated", "notice", home_url,
                f"無障礙標章的替代文字未說明等級，{level} 等級僅由圖檔名稱「{mark.get('img_src')}」推斷", target,
                evidence))
        elif level is None:
            findings.append(_finding(
                "tw.mark-level-unstated", "notice", home_url,
                f"無障礙標章的替代文字與圖檔名稱均未說明等級（alt「{mark.get('alt') or ''}」）", target, evidence))
        if mark.get("expires_on"):
            expires = datetime.date.fromisoformat(mark["expires_on"])
            if expires < as_of:
                registered = datetime.date.fromisoformat(mark["registered_on"])
                findings.append(_finding(
                    "tw.mark-expired", "warning", home_url,
                    f"無障礙標章推定已逾期：登錄編號 {mark['registration']} 推定核發於 {format_roc(registered)}，"
                    f"依核發辦法第5條效期三年，推定於 {format_roc(expires)} 到期，早於檢核基準日 {format_roc(as_of)}"
                    f"（日期由編號推斷，{_PORTAL_NOTE}）", target, {**evidence, "expired": True}))
        legacy = _legacy_reasons(mark)
        if legacy:
            findings.append(_finding(
                "tw.mark-legacy-scheme", "warning", home_url,
                f"無障礙標章屬舊制（{'；'.join(legacy)}），非現行網站無障礙規範（110.07）之標章", target,
                {**evidence, "legacy_reasons": legacy}))
        if mark.get("in_footer") is False:
            findings.append(_finding(
                "tw.mark-not-in-footer", "notice", home_url, "無障礙標章未置於首頁下方（核發辦法第6條）", target,
                evidence))
        width, height = mark.get("width"), mark.get("height")
        if (width is not None and width != MARK_SIZE[0]) or (height is not None and height != MARK_SIZE[1]):
            shown = f"{width if width is not None else '?'}×{height if height is not None else '?'}"
            findings.append(_finding(
                "tw.mark-size", "notice", home_url,
                f"無障礙標章顯示尺寸為 {shown}，核發辦法第6條規定 88×31 像素且不得縮放變形", target, evidence))
        if auto_level_supported is not None and level in _LEVEL_RANK:
            supported = auto_level_supported if auto_level_supported in _LEVEL_RANK else "none"
            if _LEVEL_RANK[level] > _LEVEL_RANK[supported]:
                shown = "未達 A 等級" if supported == "none" else f"僅支持 {supported} 等級"
                findings.append(_finding(
                    "tw.mark-level-unsupported", "notice", home_url,
                    f"無障礙標章宣稱 {level} 等級，但本次自動檢測結果{shown}，列入人工複核（flagged for review）", target,
                    {**evidence, "auto_level_supported": supported}))
    return findings


def _legacy_reasons(mark: dict) -> list[str]:
    reasons = []
    if mark.get("scheme") == "handicap-free":
        reasons.append("研考會／國發會時期 handicap-free 標章")
    if mark.get("level") == "A+":
        reasons.append("規範 1.0 的 A+ 等級")
    elif mark.get("guideline_version") == "1.0":
        reasons.append("無障礙網頁開發規範 1.0")
    return reasons


# ---------------------------------------------------------------- report summaries

def summarize_bricks(home: dict | None, home_url: str, sitemap: dict | None = None,
                     sitemap_url: str | None = None) -> dict:
    """Verdict for the report: "missing" without any 導盲磚, "issues" with any finding, else "ok"."""
    if home is None:
        return {"verdict": "missing", "items": [], "findings": [], "note": "首頁未取得"}
    findings = check_bricks(home, home_url, sitemap, sitemap_url)
    checks = sorted({finding.check for finding in findings})
    bricks = home.get("bricks") or []
    skip = home.get("skip_link")
    keys = [brick["key"] for brick in bricks if brick.get("key")]
    items = [
        {"name": "bricks", "label": "導盲磚（:::）", "value": "、".join(keys) or None,
         "ok": bool(bricks) and all(k in keys for k in EXPECTED_KEYS)
               and not {"tw.brick-untitled", "tw.brick-target-missing"} & set(checks)},
        {"name": "accesskeys", "label": "快速鍵不重複", "value": home.get("accesskeys") or {},
         "ok": "tw.accesskey-duplicate" not in checks},
        {"name": "skip_link", "label": "跳到主要內容（第一個可聚焦元素）", "value": skip.get("text") if skip else None,
         "ok": skip is not None and bool(skip.get("first_focusable")) and bool(skip.get("target_exists"))},
        {"name": "sitemap", "label": "網站導覽連結", "value": (home.get("sitemap_links") or [None])[0],
         "ok": bool(home.get("sitemap_links"))},
        {"name": "sitemap_keys", "label": "網站導覽說明快速鍵",
         "value": sitemap.get("keys") if sitemap else None,
         "ok": None if sitemap is None else "tw.sitemap-keys-undocumented" not in checks},
    ]
    verdict = "missing" if not bricks else ("issues" if findings else "ok")
    return {"verdict": verdict, "items": items, "findings": checks}


def summarize_mark(marks: dict | None, home_url: str, as_of: datetime.date,
                   auto_level_supported: str | None = None) -> dict:
    """Verdict for the report: "missing" without a static mark, "issues" with any finding, else "ok"."""
    if marks is None:
        return {"verdict": "missing", "items": [], "findings": [], "note": "首頁未取得"}
    findings = check_mark(marks, home_url, as_of, auto_level_supported)
    checks = sorted({finding.check for finding in findings})
    items = []
    for mark in marks.get("marks") or []:
        expires = mark.get("expires_on")
        items.append({
            "scheme": mark.get("scheme"), "level": mark.get("level"), "level_source": mark.get("level_source"),
            "guideline_version": mark.get("guideline_version"), "registration": mark.get("registration"),
            "registered_on": mark.get("registered_on"), "expires_on": expires,
            "expiry_inferred": mark.get("expiry_inferred"),
            "expired": None if not expires else datetime.date.fromisoformat(expires) < as_of,
            "in_footer": mark.get("in_footer"), "size": [mark.get("width"), mark.get("height")],
            "href": mark.get("href"), "locator": mark.get("locator"),
        })
    verdict = "missing" if not marks.get("present") else ("issues" if findings else "ok")
    return {"verdict": verdict, "items": items, "findings": checks, "meta_claim": marks.get("meta_claim"),
            "needs_browser": bool(marks.get("script_rendered_hint"))}
