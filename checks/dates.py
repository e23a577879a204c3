"""Dates on Taiwanese government pages: ROC (民國) and Gregorian parsing, plus each page's own update date.

page_dates() separates the page's labelled date from the site-wide footer/header date, with meta and HTTP fallbacks."""

from __future__ import annotations

import datetime
import email.utils
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

ROC_OFFSET = 1911
MIN_YEAR = 1990
MAX_YEAR = 2100
# Below this a year can only be an ROC year; 3-digit numbers from here up to MIN_YEAR are never years.
ROC_YEAR_LIMIT = 200
MIN_ROC_YEAR = MIN_YEAR - ROC_OFFSET

# Taiwan has had no daylight saving since 1979, so a fixed offset is exact for any year we accept.
TAIPEI = datetime.timezone(datetime.timedelta(hours=8), "Asia/Taipei")


@dataclass(frozen=True, slots=True)
class FoundDate:
    value: datetime.date
    label: str | None
    source: str
    scope: str
    text: str


DATE_LABELS: tuple[str, ...] = (
    "更新日期", "發布日期", "發佈日期", "上版日期", "上架日期", "修改日期", "修正日期",
    "建檔日期", "建立日期", "最後更新", "最近更新", "資料更新", "資料更新時間", "內容更新",
    "資料檢視", "公告日期", "刊登日期", "最近改版日期", "異動日期", "更新時間", "發布時間",
    "發佈時間", "日期",
    "Data update", "Last updated", "Last update", "Last modified", "Updated", "Published",
    "Review Date",
)

# A bare 日期 is a page label only when it stands alone ("日期:108-01-19" on cp.aspx sites);
# 活動日期, 截止日期, 報名日期 and the like are about something else.
_STANDALONE_LABELS = frozenset({"日期"})

# ---------------------------------------------------------------------------
# Text normalisation

_WS = re.compile(r"\s+")


def _fold_table() -> dict[int, str]:
    # NFKC restricted to one-to-one mappings, so offsets into the folded text are offsets into
    # the original: matches can then be reported exactly as the page wrote them.
    table: dict[int, str] = {}
    for cp in [0x3000, *range(0xFF01, 0xFF5F)]:
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1:
            table[cp] = folded
    # Big5 pages often use these presentation forms as a colon.
    table[0xFE30] = ":"
    table[0xFE55] = ":"
    return table


_FOLD = _fold_table()
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    # str.translate walks every character in Python-level dict lookups; a regex finds the
    # rare full-width character in C and only those pay for a lookup.
    return _FOLD_RE.sub(lambda m: _FOLD[ord(m.group())], text)


def _collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


# ---------------------------------------------------------------------------
# Date grammar

_DATE_CORE = r"""
    (?P<roc>(?:中華)?民國\s*)?
    (?:
        (?P<y1>[1-9][0-9]{1,3}|0[0-9]{2}) \s* 年 \s* (?P<m1>[0-9]{1,2}) \s* 月 \s* (?P<d1>[0-9]{1,2}) \s* [日號号]
      |
        (?P<y2>[1-9][0-9]{1,3}|0[0-9]{2}) (?P<sep>[-/.]) (?P<m2>[0-9]{1,2}) (?P=sep) (?P<d2>[0-9]{1,2})
        (?![0-9]) (?![-/.][0-9])        # 113.5.1.2 is a version, 2024-05-012 is noise
    )
"""
# Free text needs a left boundary too: not the tail of a number, version, path or IP address.
# After a label the label itself is the boundary, so "更新日期/2024/05/01" still reads.
_DATE_RE = re.compile(r"(?<![0-9A-Za-z./-])" + _DATE_CORE, re.VERBOSE)

_TRAILER_RE = re.compile(r"""
    (?:\s*\(?\s*(?:星期|週|周|禮拜)\s*[一二三四五六日天]\s*\)?)?
    (?:
        (?:T|\s+)
        (?:(?:上午|下午|AM|PM)\s*)?
        [0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?
        (?:\s*(?:AM|PM))?
        (?:\s*(?:Z|UTC|GMT|[+-][0-9]{2}(?::?[0-9]{2})?))?
    )?
    \s*""", re.VERBOSE | re.IGNORECASE)


def roc_to_gregorian(year: int) -> int:
    """民國 year to AD year; raises ValueError for years before 民國1年 (there is no year 0)."""
    if year < 1:
        raise ValueError(f"not an ROC year: {year}")
    return year + ROC_OFFSET


def gregorian_to_roc(year: int) -> int:
    """AD year to 民國 year; raises ValueError before 1912, which would be 民國前 years."""
    if year <= ROC_OFFSET:
        raise ValueError(f"no ROC year for {year}")
    return year - ROC_OFFSET


def format_roc(d: datetime.date) -> str:
    return f"民國{gregorian_to_roc(d.year)}年{d.month}月{d.day}日"


def _year(raw: str, roc_prefixed: bool) -> int | None:
    year = int(raw)
    if year < ROC_YEAR_LIMIT:
        if year < MIN_ROC_YEAR:
            return None
        year = roc_to_gregorian(year)
    elif roc_prefixed:
        return None
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _match_to_date(m: re.Match[str]) -> datetime.date | None:
    if m.group("y1") is not None:
        y, mo, d = m.group("y1", "m1", "d1")
    else:
        y, mo, d = m.group("y2", "m2", "d2")
    year = _year(y, m.group("roc") is not None)
    if year is None:
        return None
    try:
        return datetime.date(year, int(mo), int(d))
    except ValueError:
        return None


def parse_date(text: str) -> datetime.date | None:
    """The one date `text` consists of (an optional weekday or time may follow), else None."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = _DATE_RE.match(s)
    if m is None or _TRAILER_RE.fullmatch(s, m.end()) is None:
        return None
    return _match_to_date(m)


def find_dates(text: str) -> list[tuple[datetime.date, str]]:
    """Every valid date in `text`, in order, each with the substring of `text` it came from."""
    found: list[tuple[datetime.date, str]] = []
    for m in _DATE_RE.finditer(_fold(text)):
        d = _match_to_date(m)
        if d is not None:
            found.append((d, text[m.start():m.end()]))
    return found


# ---------------------------------------------------------------------------
# Labels

def _label_alternative(label: str) -> str:
    body = re.escape(label)
    if label in _STANDALONE_LABELS:
        body = r"(?<![\u3400-\u9fff])" + body
    # "最後更新日期", "資料更新時間": the short label plus a noun still names the same thing.
    if label.isascii() or label.endswith(("日期", "時間")):
        return body
    return body + "(?:日期|時間)?"


def _label_pattern(labels: tuple[str, ...]) -> str:
    # Alternation tries left to right, so longest first makes 資料更新時間 beat 資料更新.
    ordered = sorted(labels, key=len, reverse=True)
    return "(?P<label>" + "|".join(_label_alternative(lb) for lb in ordered) + ")"


_LABELLED_DATE_RE = re.compile(
    _label_pattern(DATE_LABELS)
    + r"\s*(?:[:/|\]】)]\s*)?"
    + _DATE_CORE,
    re.VERBOSE | re.IGNORECASE,
)

# Labels are matched on lower-cased text by a flag-free pattern: re.IGNORECASE turns off the
# literal-prefix scan and makes the search several times slower.
_LABEL_SCAN_RE = re.compile("|".join(re.escape(lb.lower()) for lb in sorted(DATE_LABELS, key=len, reverse=True)))

# Substrings shared by the labels. Each XPath contains() test costs a string copy per text node
# in libxml2, so candidate nodes are selected with only the keys whose labels occur on the page.
# The ASCII keys leave out each word's first letter: with their upper-case form they match
# lower, Title and UPPER case labels, as XPath 1.0 cannot fold case.
_XPATH_KEYS = ("日期", "更新", "時間", "檢視", "pdate", "odified", "ublished", "eview")


def _label_key(label: str) -> str:
    lowered = label.lower()
    return next((k for k in _XPATH_KEYS if k in lowered), lowered)




def _xpath_literal(s: str) -> str:
    if "'" not in s:
        return f"'{s}'"
    if '"' not in s:
        return f'"{s}"'
    raise ValueError(f"label not expressible in XPath: {s!r}")


_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})

_ALL_TEXT = etree.XPath("//text()", smart_strings=False)


def _label_shapes(labels: tuple[str, ...]) -> dict[str, dict[str, tuple[str, ...]]]:
    # key form -> text after the key -> texts before it, lower-cased, one entry per label.
    shapes: dict[str, dict[str, list[str]]] = {}
    for label in labels:
        key = _label_key(label)
        lowered = label.lower()
        at = lowered.index(key)
        for form in dict.fromkeys((key, key.upper())):
            shapes.setdefault(form, {}).setdefault(lowered[at + len(key):], []).append(lowered[:at])
    return {form: {post: tuple(pres) for post, pres in by_post.items()} for form, by_post in shapes.items()}


_LABEL_SHAPES = _label_shapes(DATE_LABELS)
# Separators and the breaks between text nodes (joined as NUL), then the first character of a date.
_FOLLOWED_BY_DATE_RE = re.compile(r"[\s\x00:：︰﹕/／|\]】)]*[0-9０-９民中]")


def _labels_a_date(text: str, form: str, shapes: dict[str, tuple[str, ...]]) -> bool:
    size = len(form)
    pos = text.find(form)
    while pos != -1:
        after = pos + size
        for post, pres in shapes.items():
            end = after + len(post)
            if (text[after:end].lower() == post
                    and _FOLLOWED_BY_DATE_RE.match(text, end) is not None
                    and any(text[max(0, pos - len(pre)):pos].lower() == pre for pre in pres)):
                return True
        pos = text.find(form, after)
    return False


def _present_keys(root: etree._Element) -> tuple[str, ...]:
    """The key forms worth a contains() test: those in a label that a date could follow.

    This keeps 活動日期為… in prose and "update" in scripts from adding a tree-wide test. The
    text comes from one XPath as plain strings, and str.find does the scanning: a regex over
    the whole page text would cost more than the contains() tests it saves."""
    text = "\x00".join(_ALL_TEXT(root))
    return tuple(form for form, shapes in _LABEL_SHAPES.items() if _labels_a_date(text, form, shapes))


@functools.lru_cache(maxsize=64)
def _candidate_xpath(keys: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(., {_xpath_literal(key)})" for key in keys)
    hidden = " or ".join(f"ancestor::{tag}" for tag in sorted(_SKIP_TAGS))
    return etree.XPath(f"//text()[{tests}][not({hidden})]")


_METAS = etree.XPath("//meta[@content]")

# Label and date can be split over elements (<dt>/<dd>, <th>/<td>); this much following text is
# enough for a separator and the longest date form, and bounds work on pathological markup.
_LOOKAHEAD_CHARS = 40
_LOOKAHEAD_STEPS = 40
# Characters a separator-plus-date run is made of (after folding). A following text piece with
# anything else in it ends the run, so looking further cannot complete a date.
_DATE_RUN_CHARS = r"\s0-9年月日號号民國中華:︰﹕/.|\]】)-"
_BREAKS_DATE_RUN_RE = re.compile(f"[^{_DATE_RUN_CHARS}]")
# Only a label at the very end of its text node (maybe with part of a date) needs look-ahead.
_TRAILING_LABEL_RE = re.compile(
    "(?:" + "|".join(re.escape(lb.lower()) for lb in sorted(DATE_LABELS, key=len, reverse=True)) + ")"
    + f"[{_DATE_RUN_CHARS}]*$"
)


# ---------------------------------------------------------------------------
# Walking the tree in document order

def _subtree_text(el: etree._Element) -> Iterator[str]:
    tag = el.tag
    # Comments and processing instructions have non-string tags; their tails are real text.
    if isinstance(tag, str) and tag not in _SKIP_TAGS:
        yield el.text or ""
        for child in el:
            yield from _subtree_text(child)
    yield el.tail or ""


def _text_after(el: etree._Element, inside: bool) -> Iterator[str]:
    if inside:
        for child in el:
            yield from _subtree_text(child)
        yield el.tail or ""
    node: etree._Element | None = el
    while node is not None:
        for sib in node.itersiblings():
            yield from _subtree_text(sib)
        node = node.getparent()
        if node is not None:
            yield node.tail or ""


def _window(el: etree._Element, inside: bool, head: str) -> str:
    text = head
    steps = 0
    for piece in _text_after(el, inside):
        steps += 1
        piece = _collapse(piece)
        if piece:
            text = f"{text} {piece}"
            if (_BREAKS_DATE_RUN_RE.search(_fold(piece)) is not None
                    or len(text) - len(head) >= _LOOKAHEAD_CHARS):
                break
        if steps >= _LOOKAHEAD_STEPS:
            break
    return text


# ---------------------------------------------------------------------------
# Scope

_CHROME_TAGS = frozenset({"footer", "header", "nav"})
# An HTML5 <header>/<footer> inside <article> or <main> belongs to that content, not the site.
_CONTENT_TAGS = frozenset({"article", "main"})
_CHROME_ATTR_RE = re.compile(
    r"footer|foot|copyright|bottom|site-info|siteinfo|update-time|visit-count|counter|header|navbar",
    re.IGNORECASE,
)
# Themes put state classes such as "fixed-header" on <body>; that says nothing about one node.
_PAGE_WIDE_TAGS = frozenset({"html", "body"})


def _scope(el: etree._Element) -> str:
    site = False
    node: etree._Element | None = el
    while node is not None:
        tag = node.tag
        if isinstance(tag, str):
            if tag in _CONTENT_TAGS:
                return "page"
            if not site and tag not in _PAGE_WIDE_TAGS:
                marker = f"{node.get('id', '')} {node.get('class', '')}"
                site = tag in _CHROME_TAGS or _CHROME_ATTR_RE.search(marker) is not None
        node = node.getparent()
    return "site" if site else "page"


# ---------------------------------------------------------------------------
# Page dates

def _label_dates(root: lxml.html.HtmlElement) -> Iterator[FoundDate]:
    keys = _present_keys(root)
    if not keys:
        return
    for node in _candidate_xpath(keys)(root):
        head = _collapse(node)
        lowered = _fold(head).lower()
        if not head or _LABEL_SCAN_RE.search(lowered) is None:
            continue
        owner = node.getparent()
        if owner is None:
            continue
        text = head
        if _TRAILING_LABEL_RE.search(lowered) is not None:
            text = _window(owner, node.is_text, head)
        folded = _fold(text)
        container = owner.getparent() if node.is_tail else owner
        scope: str | None = None
        for m in _LABELLED_DATE_RE.finditer(folded):
            # A label in the look-ahead belongs to a later text node, which reports it itself.
            if m.start() >= len(head):
                break
            value = _match_to_date(m)
            if value is None:
                continue
            if scope is None:
                scope = _scope(container) if container is not None else "page"
            yield FoundDate(value, text[m.start("label"):m.end("label")], "label", scope,
                            text[m.start():m.end()])


_META_RANKS: dict[str, int] = {
    "dc.date": 0,
    "dc.date.modified": 1, "dcterms.modified": 1,
    "article:modified_time": 2,
    "last-modified": 3,
    "dc.date.created": 4, "dcterms.created": 4,
    "article:published_time": 5,
    "date": 6,
}


def _loose_date(value: str) -> datetime.date | None:
    d = parse_date(value)
    return d if d is not None else _rfc_date(value)


def _meta_date(root: lxml.html.HtmlElement) -> FoundDate | None:
    best: tuple[int, FoundDate] | None = None
    for meta in _METAS(root):
        for attr in ("name", "property", "http-equiv"):
            key = meta.get(attr)
            rank = _META_RANKS.get(key.strip().lower()) if key else None
            if rank is None or (best is not None and best[0] <= rank):
                continue
            content = _collapse(meta.get("content", ""))
            value = _loose_date(content)
            if value is not None:
                best = (rank, FoundDate(value, None, "meta", "page", f"meta {key.strip()}={content}"))
    return best[1] if best else None


def _rfc_date(value: str) -> datetime.date | None:
    try:
        stamp = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is None:
        # RFC 5322 "-0000": the time is UTC, the zone just is not vouched for.
        stamp = stamp.replace(tzinfo=datetime.timezone.utc)
    # Report the day as the agency saw it, which is what its pages would print.
    day = stamp.astimezone(TAIPEI).date()
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def _http_date(last_modified: str | bytes | None) -> FoundDate | None:
    if last_modified is None:
        return None
    if isinstance(last_modified, bytes):
        last_modified = last_modified.decode("latin-1")
    value = _rfc_date(last_modified)
    if value is None:
        return None
    return FoundDate(value, None, "http", "page", f"Last-Modified: {_collapse(last_modified)}")


def page_dates(root: lxml.html.HtmlElement,
               last_modified: str | bytes | None = None) -> tuple[FoundDate | None, FoundDate | None]:
    """(page_date, site_date) for a parsed page.

    page_date is the latest labelled date in the page's own content, else a date meta, else the
    HTTP Last-Modified value; site_date is the latest labelled date in site chrome (footer etc.).
    A bare date without a label, such as one in a news list, is never taken for the page date."""
    page: FoundDate | None = None
    site: FoundDate | None = None
    for found in _label_dates(root):
        # Strictly later only: on ties the first in document order is the one to show a reader.
        if found.scope == "page":
            if page is None or found.value > page.value:
                page = found
        elif site is None or found.value > site.value:
            site = found
    if page is None:
        page = _meta_date(root) or _http_date(last_modified)
    return page, site
