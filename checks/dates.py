"""Dates on Taiwanese government pages: parse ROC (民國) and Gregorian dates written in any local style,
and find a page's own labelled update date, kept apart from the site-wide footer date."""

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

# Taiwan has had no daylight saving since 1979, so a fixed offset is exact for every year accepted.
TAIPEI = datetime.timezone(datetime.timedelta(hours=8), "Asia/Taipei")


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date found for a page.

    source is "label", "meta" or "http"; scope is "page" (the page's own content) or "site"
    (footer, header, nav); text is the matched text as on the page, whitespace collapsed."""

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

# A bare 日期 is a page label only where it stands alone ("日期:108-01-19" on cp.aspx sites);
# 活動日期, 截止日期, 列印日期 and the like date something else.
_STANDALONE_LABELS = frozenset({"日期"})

# ---------------------------------------------------------------------------
# Text normalisation

_WS = re.compile(r"\s+")


def _fold_table() -> dict[int, str]:
    # NFKC limited to one-to-one mappings, so offsets in folded text are offsets in the original
    # and matches can be reported exactly as the page wrote them.
    table: dict[int, str] = {}
    for cp in [0x3000, *range(0xFF01, 0xFF5F)]:
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1:
            table[cp] = folded
    # Big5 text often uses these presentation forms as a colon.
    table[0xFE30] = ":"
    table[0xFE55] = ":"
    return table


_FOLD = _fold_table()
_FOLD_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FOLD)) + "]")


def _fold(text: str) -> str:
    # str.translate does a Python dict lookup per character; the regex finds the rare
    # full-width character in C and only those pay for a lookup.
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
        (?![0-9]) (?![-/.][0-9])        # 113.5.1.2 is a version number, not a date
    )
"""
# Free text needs a left boundary as well: not the tail of a number, version, path or IP
# address. After a label the label is the boundary, so "更新日期/2024/05/01" still reads.
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
    """民國 year to AD year; ValueError below 民國1年, as the ROC calendar has no year 0."""
    if year < 1:
        raise ValueError(f"not an ROC year: {year}")
    return year + ROC_OFFSET


def gregorian_to_roc(year: int) -> int:
    """AD year to 民國 year; ValueError before 1912, whose years are 民國前 years."""
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
    """The one date `text` consists of (a weekday or a time may follow it), else None."""
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


def _longest_first(labels: tuple[str, ...]) -> list[str]:
    # Alternation tries left to right, so longest first makes 資料更新時間 beat 資料更新.
    return sorted(labels, key=len, reverse=True)


_LABELLED_DATE_RE = re.compile(
    "(?P<label>" + "|".join(map(_label_alternative, _longest_first(DATE_LABELS))) + ")"
    + r"[\s:/|\]】)]*" + _DATE_CORE,
    re.VERBOSE | re.IGNORECASE,
)

# Matched against lower-cased text without flags: re.IGNORECASE turns off the literal-prefix
# scan and makes searching several times slower.
_LOWER_LABELS = "|".join(re.escape(lb.lower()) for lb in _longest_first(DATE_LABELS))
_LABEL_SCAN_RE = re.compile(_LOWER_LABELS)

# Characters a separator-plus-date run is made of, after folding. Following text with anything
# else in it ends the run, so looking further cannot complete a date.
_DATE_RUN_CHARS = r"\s0-9年月日號号民國中華:/.|\]】)-"
_BREAKS_DATE_RUN_RE = re.compile(f"[^{_DATE_RUN_CHARS}]")
# Only a label at the very end of its text node, perhaps with part of a date, needs look-ahead.
_TRAILING_LABEL_RE = re.compile(f"(?:{_LOWER_LABELS})[{_DATE_RUN_CHARS}]*$")

# ---------------------------------------------------------------------------
# Candidate text nodes
#
# Every XPath contains() test costs libxml2 a string copy per text node, so a test per label
# would cost more than everything else together. Instead, one cheap pass over the page's text
# finds which labels are followed by something date-like, and only their keys are tested.

# Substrings shared by the labels. The ASCII keys leave out each word's first letter: with their
# upper-case form they match lower, Title and UPPER case, as XPath 1.0 cannot fold case.
_XPATH_KEYS = ("日期", "更新", "時間", "檢視", "pdate", "odified", "ublished", "eview")
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})

_ALL_TEXT = etree.XPath("//text()", smart_strings=False)
_METAS = etree.XPath("//meta[@content]")


def _label_key(label: str) -> str:
    lowered = label.lower()
    return next((k for k in _XPATH_KEYS if k in lowered), lowered)


def _label_shapes(labels: tuple[str, ...]) -> dict[str, dict[str, tuple[str, ...]]]:
    # key form -> lower-cased text after the key -> lower-cased texts before it, per label.
    shapes: dict[str, dict[str, list[str]]] = {}
    for label in labels:
        key = _label_key(label)
        lowered = label.lower()
        at = lowered.index(key)
        for form in dict.fromkeys((key, key.upper())):
            shapes.setdefault(form, {}).setdefault(lowered[at + len(key):], []).append(lowered[:at])
    return {form: {post: tuple(pres) for post, pres in by_post.items()} for form, by_post in shapes.items()}


_LABEL_SHAPES = _label_shapes(DATE_LABELS)
# Separators and the breaks between text nodes (joined as NUL), then a date's first character.
_FOLLOWED_BY_DATE_RE = re.compile(r"[\s\x00:：︰﹕/／|\]】)]*[0-9０-９民中]")
# Nearly every key in prose fails on the next character; a set test is cheaper than the regex.
_GAP_OR_DATE_START = frozenset(" \t\r\n\f\v\u3000\xa0\x00:：︰﹕/／|]】)0123456789０１２３４５６７８９民中")


def _labels_a_date(text: str, form: str, shapes: dict[str, tuple[str, ...]]) -> bool:
    size = len(form)
    fold_case = form.isascii()
    pos = text.find(form)
    while pos != -1:
        after = pos + size
        for post, pres in shapes.items():
            end = after + len(post)
            if text[end:end + 1] not in _GAP_OR_DATE_START:
                continue
            got = text[after:end]
            if (got.lower() if fold_case else got) != post:
                continue
            if _FOLLOWED_BY_DATE_RE.match(text, end) is None:
                continue
            for pre in pres:
                before = text[max(0, pos - len(pre)):pos]
                if (before.lower() if fold_case else before) == pre:
                    return True
        pos = text.find(form, after)
    return False


def _present_keys(root: etree._Element) -> tuple[str, ...]:
    # Plain strings from one XPath, no per-node Python objects; str.find does the scanning,
    # as a regex over the whole text would cost as much as the contains() tests it saves.
    # Script text may let a key through; the candidate XPath filters those nodes out.
    text = "\x00".join(_ALL_TEXT(root))
    return tuple(form for form, shapes in _LABEL_SHAPES.items() if _labels_a_date(text, form, shapes))


def _xpath_literal(s: str) -> str:
    if "'" not in s:
        return f"'{s}'"
    if '"' not in s:
        return f'"{s}"'
    raise ValueError(f"label not expressible in XPath: {s!r}")


@functools.lru_cache(maxsize=64)
def _candidate_xpath(keys: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(., {_xpath_literal(key)})" for key in keys)
    hidden = " or ".join(f"ancestor::{tag}" for tag in sorted(_SKIP_TAGS))
    return etree.XPath(f"//text()[{tests}][not({hidden})]")


# ---------------------------------------------------------------------------
# Text following a label, in document order
#
# Label and date are often split over elements (<dt>/<dd>, <th>/<td>, <span>/<em>). This much
# following text holds a separator and the longest date form, and bounds work on odd markup.

_LOOKAHEAD_CHARS = 40
_LOOKAHEAD_STEPS = 40


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
    node = el
    while True:
        for sib in node.itersiblings():
            yield from _subtree_text(sib)
        parent = node.getparent()
        # A label's value sits in its own table row; past it, a column header such as
        # <th>發布日期</th> would pick up the first row's date.
        if parent is None or parent.tag == "tr":
            return
        yield parent.tail or ""
        node = parent


def _window(el: etree._Element, inside: bool, head: str) -> str:
    # Pieces are joined with a space: "2024-05-01" then "123 次" must not read as "2024-05-01123".
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
# Themes put state classes such as "fixed-header" on <body>; they say nothing about one node.
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
        owner = node.getparent()
        if not head or owner is None or _LABEL_SCAN_RE.search(lowered) is None:
            continue
        text = head
        if _TRAILING_LABEL_RE.search(lowered) is not None:
            text = _window(owner, node.is_text, head)
        # A tail is text of the parent, so the element owning it says nothing about its scope.
        container = owner.getparent() if node.is_tail else owner
        scope: str | None = None
        for m in _LABELLED_DATE_RE.finditer(_fold(text)):
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


def _rfc_date(value: str) -> datetime.date | None:
    try:
        stamp = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if stamp.tzinfo is None:
        # RFC 5322 "-0000": the time is UTC, only the sender's zone is unknown.
        stamp = stamp.replace(tzinfo=datetime.timezone.utc)
    # The day as the agency saw it, which is what its own pages would print.
    day = stamp.astimezone(TAIPEI).date()
    return day if MIN_YEAR <= day.year <= MAX_YEAR else None


def _meta_date(root: lxml.html.HtmlElement) -> FoundDate | None:
    best: tuple[int, FoundDate] | None = None
    for meta in _METAS(root):
        # http-equiv too: Last-Modified is usually declared that way.
        for attr in ("name", "property", "http-equiv"):
            name = (meta.get(attr) or "").strip()
            rank = _META_RANKS.get(name.lower())
            if rank is None or (best is not None and best[0] <= rank):
                continue
            content = _collapse(meta.get("content", ""))
            value = parse_date(content) or _rfc_date(content)
            if value is not None:
                best = (rank, FoundDate(value, None, "meta", "page", f"meta {name}={content}"))
    return best[1] if best else None


def _http_date(last_modified: str | bytes | None) -> FoundDate | None:
    if last_modified is None:
        return None
    if isinstance(last_modified, bytes):
        # Header bytes are ISO-8859-1 by HTTP's rules; a date is plain ASCII anyway.
        last_modified = last_modified.decode("latin-1")
    value = _rfc_date(last_modified)
    if value is None:
        return None
    return FoundDate(value, None, "http", "page", f"Last-Modified: {_collapse(last_modified)}")


def page_dates(root: lxml.html.HtmlElement,
               last_modified: str | bytes | None = None) -> tuple[FoundDate | None, FoundDate | None]:
    """(page_date, site_date) for a parsed page.

    page_date is the latest labelled date in the page's own content, else a date meta, else
    the HTTP Last-Modified value; site_date is the latest labelled date in site chrome. A bare
    date without a label, such as one in a news list, is never taken for the page date."""
    page: FoundDate | None = None
    site: FoundDate | None = None
    for found in _label_dates(root):
        # Strictly later only: on a tie the first in document order is the one a reader sees.
        if found.scope == "page":
            if page is None or found.value > page.value:
                page = found
        elif site is None or found.value > site.value:
            site = found
    if page is None:
        page = _meta_date(root) or _http_date(last_modified)
    return page, site
