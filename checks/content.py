"""Content validity (indicator 2.1.1 (3)(4)): titles that fit their pages, no expired notices on the homepage,
a 最新消息 list that is kept up, sources named for others' material, and a published web-content update rule.

content_facts runs on every crawled page's tree and returns JSON-ready facts; check_content and
summarize_content judge the stored facts of the whole site afterwards (pure, no network)."""

from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree

from checks.dates import find_dates, format_roc
from checks.finding import Finding
from checks.html import collapse, host_of, resolve, url_key
from checks.indicators import CONTENT_VALIDITY
from checks.records import PageRecord
from checks.site import Site

# ---------------------------------------------------------------- configuration

NEWS_STALE_DAYS = 90          # the newest 最新消息 item may be at most this old (domain.md §3 suggestion)
NOTICE_STALE_DAYS = 180       # a popup/marquee notice with dates but no deadline: its latest date this old is expired
DUPLICATE_MIN_PAGES = 3       # one title on at least this many pages of differing content
TOP_NEWS_ITEMS = 3            # the "top" of a 最新消息 list, besides pinned (置頂) items
NEWS_ITEMS_KEPT = 10
CHROME_SHARE = 0.5            # a (link text, target) pair on at least this share of pages is navigation chrome
CHROME_MIN_PAGES = 3
SITE_NAME_SHARE = 0.3         # a title end segment on this share of pages is the site name
MIN_CJK_LINK = 4              # link text and target title both need this many CJK characters to be compared

_NEWS_LIST_MIN_ITEMS = 2
_ITEMS_PARSED = 14          # a list's top: the 10 items kept, a header row and a few undated rows
_MAX_CONTAINERS = 40          # bounds on the search for a dated list below a 最新消息 heading
_MAX_VISITED = 600
_MAX_TABLES = 10
_TEXT_CLIP = 300


@functools.cache
def _vocab() -> dict:
    from checks.vocab import load

    return load("content")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _norm(text: str) -> str:
    return collapse(_fold(text)).casefold()


@dataclass(frozen=True, slots=True)
class _Compiled:
    separators: re.Pattern
    generic_titles: frozenset
    home_titles: frozenset
    generic_links: frozenset
    link_prefix: re.Pattern
    news_words: tuple
    news_forms: tuple          # (form as written on pages, canonical word), ASCII words in three cases
    news_form_re: re.Pattern
    news_keys: tuple           # short substrings that every news form contains one of, for one str.find each
    primary_news: tuple
    news_max: int
    pinned: frozenset
    popup_markers: tuple
    marquee_markers: tuple
    popup_roles: tuple
    marker_re: re.Pattern      # every ASCII popup/marquee marker, case-insensitive
    notice_max: int
    deadline_before: re.Pattern
    deadline_after: re.Pattern
    range_separator: re.Pattern
    event_label: re.Pattern
    source: re.Pattern
    reprint: re.Pattern
    reprint_negation: re.Pattern
    statistics_words: tuple
    bodies: tuple              # (written name, canonical name), longest first
    body_hosts: dict
    update_phrases: tuple
    update_patterns: tuple
    update_max: int


@functools.cache
def _c() -> _Compiled:
    v = _vocab()
    news_forms: list[tuple[str, str]] = []
    for word in v["news_headings"]:
        forms = {word, word.upper(), word.title()} if word.isascii() else {word}
        news_forms += [(form, word) for form in sorted(forms)]
    keys: set[str] = set()
    for form, _ in sorted(news_forms, key=lambda f: len(f[0])):
        # Two characters of a CJK word, three letters of an ASCII one: few finds cover every form.
        size = 3 if form.isascii() else 2
        keys.add(next((k for k in sorted(keys) if k in form), form[-size:]))
    bodies: list[tuple[str, str]] = []
    hosts: dict[str, list[str]] = {}
    for body in v["other_bodies"]:
        for written in [body["name"], *body["aliases"]]:
            bodies.append((written, body["name"]))
        hosts[body["name"]] = body["hosts"]
    bodies.sort(key=lambda b: len(b[0]), reverse=True)
    return _Compiled(
        separators=re.compile(v["title_separators"]),
        generic_titles=frozenset(_norm(t) for t in v["generic_titles"]),
        home_titles=frozenset(_norm(t) for t in v["home_titles"]),
        generic_links=frozenset(_norm(t) for t in v["generic_link_texts"]),
        link_prefix=re.compile(v["link_text_prefixes"], re.I),
        news_words=tuple(v["news_headings"]),
        news_forms=tuple(news_forms),
        news_keys=tuple(sorted(keys)),
        news_form_re=re.compile("|".join(re.escape(f) for f, _ in sorted(news_forms, key=lambda f: -len(f[0])))),
        primary_news=tuple(w.casefold() for w in v["primary_news_headings"]),
        news_max=int(v["news_heading_max_chars"]),
        pinned=frozenset(m.casefold() for m in v["pinned_markers"]),
        popup_markers=tuple(m.lower() for m in v["popup_markers"]),
        marquee_markers=tuple(m.lower() for m in v["marquee_markers"]),
        popup_roles=tuple(v["popup_roles"]),
        marker_re=re.compile("|".join(re.escape(m) for m in sorted(
            (m for m in (*v["popup_markers"], *v["marquee_markers"]) if m.isascii()), key=len, reverse=True)), re.I),
        notice_max=int(v["notice_max_chars"]),
        deadline_before=re.compile(v["deadline_before"], re.I),
        deadline_after=re.compile(v["deadline_after"]),
        range_separator=re.compile(v["range_separator"]),
        event_label=re.compile(v["event_label"]),
        source=re.compile(v["source_labels"], re.I),
        reprint=re.compile(v["reprint_words"]),
        reprint_negation=re.compile(v["reprint_negations"]),
        statistics_words=tuple(v["statistics_words"]),
        bodies=tuple(bodies),
        body_hosts=hosts,
        update_phrases=tuple(_norm(p) for p in v["update_rule_phrases"]),
        update_patterns=tuple(re.compile(p, re.I) for p in v["update_rule_patterns"]),
        update_max=int(v["update_rule_max_chars"]),
    )


# ---------------------------------------------------------------- words

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_ASCII_WORD = re.compile(r"[a-z][a-z0-9]+|[0-9]*[a-z][a-z0-9]*")


def _cjk_count(text: str) -> int:
    return sum(len(run) for run in _CJK_RUN.findall(text))


def _words(text: str) -> set[str]:
    """Comparable words: every two-character CJK window, and ASCII words (digits alone never count)."""
    folded = _fold(text).casefold()
    words: set[str] = set()
    for run in _CJK_RUN.findall(folded):
        if len(run) == 1:
            continue
        words.update(run[i:i + 2] for i in range(len(run) - 1))
    words.update(w for w in _ASCII_WORD.findall(folded) if len(w) >= 2)
    return words


def _mostly_ascii(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isascii() for ch in letters) > len(letters) / 2


# ================================================================= page-level extraction

# These run on every crawled page. Predicates on text nodes make libxml2 copy each node's string per test, and
# every node handed to Python costs a proxy object; so the page's text comes back once as plain strings (script
# text included: it only ever lets a needle through to a precise test), needles are searched in Python, and
# the few nodes worth a closer look are fetched by position.
_TEXTS = etree.XPath("//body//text()", smart_strings=False)
_TEXT_AT = etree.XPath("(//body//text())[$i]")
_ATTR_STRINGS = etree.XPath("//@class | //@id | //@role", smart_strings=False)
_HEADINGS_AND_MARQUEES = etree.XPath("//h1 | //h2 | //h3 | //marquee")
_TABLES = etree.XPath("//table")
_DATEISH = re.compile(r"[0-9]{2,4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}")
_LIST_DATE = re.compile(r"(?:^|\x00)\s*[\[(（【〔]?\s*(?:(?:發布|發佈|公告|上版|更新|刊登)?日期\s*[:：]?\s*)?"
                        r"[0-9]{2,4}\s*[-/.年]\s*[0-9]{1,2}\s*[-/.月]\s*[0-9]{1,2}")
_DEADLINE_HINT = re.compile(r"截止|期限|止|前|至|迄|~|～|〜|期間|活動日期|活動時間")
_LIST_WINDOW = 40    # text nodes after a 最新消息 label in which its dated list must begin
_MARQUEE_LABELS = etree.XPath("//body//text()[contains(., '跑馬燈')]")

_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})
_LIST_TAGS = frozenset({"ul", "ol", "table", "tbody", "dl"})
_BLOCK_LIST_TAGS = frozenset({"div", "section"})
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTENT_TAGS = frozenset({"main", "article"})
# Class/id tokens, matched on " class id " with token boundaries (one search per ancestor).
_CHROME_TOKEN = re.compile(r"(?<!\S)(?:site-?)?(?:header|head|footer|foot|logo|brand|sitename|site-?name|"
                           r"site-?title|masthead|topbar|top-bar|copyright)(?!\S)", re.I)
_NAV_TOKEN = re.compile(r"(?<!\S)(?:site-?|main-?|top-?|mega-?|sub-?)?(?:nav|navbar|navigation|menu|"
                        r"breadcrumbs?|path|sitemap|accesskey)(?!\S)", re.I)
_CONTENT_TOKEN = re.compile(r"(?<!\S)(?:main|content|main-?content|maincontent|ccms_content|cp|article|"
                            r"page-?content)(?!\S)", re.I)
_NOT_ITEM_TEXT = re.compile(r"^(?:更多|more|看更多|查看更多)", re.I)
_SENTENCE = re.compile(r"[，。；！？,;!?]")
_MONTH_DAY = re.compile(r"(?<![0-9年/.\-])([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*[日號]")
_SLASH_MONTH_DAY = re.compile(r"(?<![0-9/.\-])([0-9]{1,2})/([0-9]{1,2})(?![0-9/])")


def _tokens(el: etree._Element) -> list[str]:
    return f"{el.get('class', '')} {el.get('id', '')}".split()


def _placement(el: etree._Element) -> str:
    """ "content" inside main/article or a content container, "chrome" in nav/menus/breadcrumbs or in a
    header/footer outside the content, else "body". An HTML5 header inside <main> belongs to the content."""
    pending = False
    for anc in (el, *el.iterancestors()):
        tag = anc.tag
        if not isinstance(tag, str) or tag in ("html", "body"):
            continue
        if tag in _CONTENT_TAGS:
            return "content"
        role = anc.get("role")
        marker = f"{anc.get('class', '')} {anc.get('id', '')}" if anc.attrib else ""
        if role == "main" or (marker and _CONTENT_TOKEN.search(marker)):
            return "content"
        if tag == "nav" or role == "navigation" or (marker and _NAV_TOKEN.search(marker)):
            return "chrome"
        if tag in ("header", "footer") or role in ("banner", "contentinfo") \
                or (marker and _CHROME_TOKEN.search(marker)):
            pending = True
    return "chrome" if pending else "body"


def _text(el: etree._Element) -> str:
    return collapse(el.text_content())


def _headings(elements: list) -> tuple[str | None, list[str]]:
    main: str | None = None
    fallback_h2: str | None = None
    shown: list[str] = []
    for el in elements:
        placement = _placement(el)
        if placement == "chrome":
            continue
        text = _text(el)[:200]
        if not text:
            continue
        if len(shown) < 4:
            shown.append(text)
        if main is None and el.tag == "h1":
            main = text
        elif fallback_h2 is None and el.tag == "h2" and placement == "content":
            fallback_h2 = text
        if main is not None and len(shown) >= 4:
            break
    return main or fallback_h2, shown


# ---------------------------------------------------------------- dates in notices

@dataclass(slots=True)
class _Token:
    value: datetime.date
    start: int
    end: int


def _date_tokens(text: str, context: datetime.date | None) -> list[_Token]:
    """Full dates (checks.dates grammar) and month/day dates whose year the text or the context gives."""
    tokens: list[_Token] = []
    pos = 0
    for value, written in find_dates(text):
        start = text.find(written, pos)
        if start < 0:
            continue
        pos = start + len(written)
        tokens.append(_Token(value, start, pos))
    partial: list[tuple[int, int, int, int, bool]] = []
    for regex, slash in ((_MONTH_DAY, False), (_SLASH_MONTH_DAY, True)):
        for m in regex.finditer(text):
            if any(t.start <= m.start() < t.end or m.start() <= t.start < m.end() for t in tokens):
                continue
            partial.append((m.start(), m.end(), int(m.group(1)), int(m.group(2)), slash))
    for start, end, month, day, slash in sorted(partial):
        before = [t for t in tokens if t.end <= start]
        anchor = before[-1].value if before else context
        if anchor is None:
            continue
        if slash and not (before and _c().range_separator.fullmatch(text[before[-1].end:start])):
            continue  # 10/31 alone may be anything; only as the end of a range does it read as a date
        try:
            value = datetime.date(anchor.year, month, day)
            if (anchor - value).days > 180:  # 115/12/20 至 1/5: the range runs into the next year
                value = datetime.date(anchor.year + 1, month, day)
        except ValueError:
            continue
        tokens.append(_Token(value, start, end))
    tokens.sort(key=lambda t: t.start)
    return tokens


def notice_dates(text: str, context: datetime.date | None = None) -> tuple[list[datetime.date], datetime.date | None]:
    """Dates a notice mentions and its deadline: the end of a range, a date after 截止/期限, a date followed
    by 止/前, or an event date (活動日期：…); the latest of these. None when the text states none."""
    c = _c()
    folded = _fold(text)
    tokens = _date_tokens(folded, context)
    candidates: list[datetime.date] = []
    for i, token in enumerate(tokens):
        before = folded[max(0, token.start - 14):token.start]
        after = folded[token.end:token.end + 16]
        if i > 0 and c.range_separator.fullmatch(folded[tokens[i - 1].end:token.start]):
            candidates.append(token.value)
        elif (c.deadline_before.search(before) or c.deadline_after.match(after)
              or c.event_label.search(before)):
            candidates.append(token.value)
    return [t.value for t in tokens], (max(candidates) if candidates else None)


def _notice(text: str, where: str, context: datetime.date | None = None) -> dict | None:
    dates, deadline = notice_dates(text, context)
    if not dates:
        return None
    return {"text": text[:_TEXT_CLIP], "dates": [d.isoformat() for d in dates[:10]],
            "deadline": deadline.isoformat() if deadline else None, "where": where}


# ---------------------------------------------------------------- news lists

def _item_link(item: etree._Element) -> etree._Element | None:
    for a in item.iter("a"):
        href = (a.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
            return a
    return None


def _item(item: etree._Element) -> tuple[str, etree._Element, datetime.date | None, tuple[str, str]] | None:
    """(title, link, list date, text parts) of one list item, or None when it is no linked item. The parts
    give the item's text without its list date (see _said), which dates the item, not what it announces."""
    link = _item_link(item)
    if link is None:
        return None
    title = _text(link) or collapse(link.get("title") or "")
    if len(title) < 2 or _NOT_ITEM_TEXT.match(title):
        return None
    whole = _text(item)
    if item.tag == "dt":
        nxt = item.getnext()
        if nxt is not None and nxt.tag == "dd":
            whole = f"{whole} {_text(nxt)}"
    if len(whole) > 400:
        return None
    rest = whole.replace(title, " ", 1)
    found = find_dates(rest) if _DATEISH.search(rest) else []
    if found:
        return title, link, found[0][0], (title, rest.replace(found[0][1], " ", 1))
    # "[2024-05-01] 標題": a date leading the link text is the item's date; one inside the title is not.
    lead = find_dates(title[:14]) if _DATEISH.search(title, 0, 14) else []
    if lead and title.find(lead[0][1]) <= 2:
        return title, link, lead[0][0], (title.replace(lead[0][1], " ", 1), rest)
    return title, link, None, (title, rest)


def _said(parts: tuple[str, str]) -> str:
    return collapse(f"{parts[0]} {parts[1]}")


def _items_of(container: etree._Element) -> list[etree._Element]:
    tag = container.tag
    if tag in ("table", "tbody"):
        return [tr for tr in container.iter("tr")]
    if tag == "dl":
        return [child for child in container if child.tag == "dt"]
    return [child for child in container if isinstance(child.tag, str)]


def _dated_list(container: etree._Element) -> list[tuple] | None:
    items = _items_of(container)
    if len(items) < _NEWS_LIST_MIN_ITEMS:
        return None
    if container.tag in _BLOCK_LIST_TAGS:
        # A div/section is a list only when its children repeat one tag (cards, rows).
        tags = Counter(child.tag for child in items)
        if tags.most_common(1)[0][1] < _NEWS_LIST_MIN_ITEMS:
            return None
    parsed = []
    dated = 0
    for item in items[:_ITEMS_PARSED]:
        got = _item(item)
        if got is None:
            continue
        parsed.append((item, *got))
        dated += got[2] is not None
    return parsed if dated >= _NEWS_LIST_MIN_ITEMS else None


class _Stop(Exception):
    pass


def _first_dated_list(start: etree._Element, budget: list[int]) -> tuple[etree._Element, list] | None:
    for el in start.iter():
        budget[0] -= 1
        if budget[0] <= 0:
            raise _Stop
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP_TAGS:
            continue
        if tag in _HEADING_TAGS and not _news_word(_text(el)):
            raise _Stop  # the next section begins before any dated list
        if tag in _LIST_TAGS or (tag in _BLOCK_LIST_TAGS and len(el) >= _NEWS_LIST_MIN_ITEMS):
            budget[1] -= 1
            if budget[1] <= 0:
                raise _Stop
            parsed = _dated_list(el)
            if parsed and not any(a.tag in _SKIP_TAGS for a in el.iterancestors()):
                return el, parsed
    return None


def _list_after(anchor: etree._Element) -> tuple[etree._Element, list] | None:
    budget = [_MAX_VISITED, _MAX_CONTAINERS]
    node = anchor
    try:
        for _ in range(4):
            for sibling in node.itersiblings():
                if not isinstance(sibling.tag, str):
                    continue
                found = _first_dated_list(sibling, budget)
                if found:
                    return found
            parent = node.getparent()
            if parent is None or parent.tag in ("body", "html"):
                return None
            node = parent
    except _Stop:
        return None
    return None


def _news_word(text: str) -> str | None:
    lowered = text.casefold()
    for word in _c().news_words:
        if word.casefold() in lowered:
            return word
    return None


def _pinned(item: etree._Element, whole: str) -> bool:
    markers = _c().pinned
    if "置頂" in whole:
        return True
    for el in item.iter():
        if not isinstance(el.tag, str):
            continue
        if any(t.casefold() in markers for t in _tokens(el)):
            return True
        if el.tag == "img":
            alt = (el.get("alt") or el.get("title") or "").strip().casefold()
            if alt in markers:
                return True
    return False


def _anchor_indexes(texts: list[str], text: str) -> list[int]:
    """Positions (1-based, as XPath counts) of short text nodes naming a news list with dated text after them."""
    c = _c()
    keys = [key for key in c.news_keys if key in text]
    if not keys:
        return []
    # Offsets in the separator-free join map a hit to its text node by bisection.
    plain = "".join(texts)
    offsets = list(itertools.accumulate(map(len, texts)))
    hits: set[int] = set()
    for key in keys:
        at = plain.find(key)
        while at != -1:
            hits.add(bisect.bisect_right(offsets, at))
            at = plain.find(key, at + len(key))
    found: list[tuple[int, int]] = []
    for i in sorted(hits):
        if len(texts[i]) > c.news_max * 3:
            continue
        label = collapse(texts[i])
        if (not label or len(label) > c.news_max or not c.news_form_re.search(label) or _SENTENCE.search(label)
                or _NOT_ITEM_TEXT.match(label)):
            continue
        # List dates stand alone or lead their text node; a page's own 發布日期 and the footer's date do not
        # make a list.
        window = "\x00".join(texts[i + 1:i + 1 + _LIST_WINDOW])
        dates = list(itertools.islice(_LIST_DATE.finditer(window), _NEWS_LIST_MIN_ITEMS))
        if len(dates) >= _NEWS_LIST_MIN_ITEMS:
            found.append((dates[0].start(), i + 1))
    # A heading sits right above its list; menu and breadcrumb labels further away. Nearest first, so the
    # (costly) look at the tree usually happens once.
    return [index for _, index in sorted(found)]


def _base_url(root: etree._Element, url: str) -> str:
    base = root.find("head/base")
    href = (base.get("href") or "").strip() if base is not None else ""
    return urljoin(url, href) if href else url


def _news(root: etree._Element, texts: list[str], text: str, url: str,
          notices: bool = True) -> tuple[str | None, list[dict], list[dict]]:
    c = _c()
    found: list[tuple[int, int, str, etree._Element, list]] = []
    seen: set = set()
    for index in _anchor_indexes(texts, text):
        nodes = _TEXT_AT(root, i=index)
        if not nodes:
            continue
        node = nodes[0]
        label = collapse(node)
        owner = node.getparent()
        if owner is not None and node.is_tail:
            owner = owner.getparent()
        if owner is None or not isinstance(owner.tag, str) or owner.tag in _SKIP_TAGS:
            continue
        if _placement(owner) == "chrome":
            continue
        got = _list_after(owner)
        if got is None or got[0] in seen:
            continue
        seen.add(got[0])
        word = _news_word(label) or label
        priority = 0 if word.casefold() in c.primary_news else 1
        found.append((priority, index, label, got[0], got[1]))
        if priority == 0:
            break
    if not found:
        return None, [], []
    found.sort(key=lambda f: (f[0], f[1]))
    _, _, label, _, parsed = found[0]
    base = _base_url(root, url)
    items: list[dict] = []
    top: list[dict] = []
    for index, (item, title, link, date, parts) in enumerate(parsed):
        if date is not None and len(items) < NEWS_ITEMS_KEPT:
            items.append({"title": title[:200], "url": resolve(base, link.get("href") or ""),
                          "date": date.isoformat()})
        if not notices or index >= _ITEMS_PARSED:
            continue
        said = _said(parts)
        if (index < TOP_NEWS_ITEMS or _pinned(item, said)) and _DEADLINE_HINT.search(said):
            notice = _notice(said, "top-news", date)
            if notice is not None and notice["deadline"] is not None:
                top.append(notice)
    return label, items, top


# ---------------------------------------------------------------- popups and marquees

@functools.lru_cache(maxsize=64)
def _container_xpath(class_forms: tuple[str, ...], roles: tuple[str, ...]) -> etree.XPath:
    # Testing attribute nodes and stepping to their owner is several times cheaper than testing elements.
    parts = []
    if class_forms:
        tests = " or ".join(f"contains(., '{form}')" for form in class_forms)
        parts += [f"//@class[{tests}]/..", f"//@id[{tests}]/.."]
    if roles:
        parts.append("//@role[" + " or ".join(f".='{role}'" for role in roles) + "]/..")
    return etree.XPath(" | ".join(parts))


def _forms(raw: str) -> set[str]:
    """Each class/id marker as the page writes it (modal, Modal, MODAL): XPath 1.0 cannot fold case cheaply."""
    return set(_c().marker_re.findall(raw))


def _notice_text(el: etree._Element) -> str:
    text = _text(el)
    alts = [collapse(img.get("alt") or "") for img in el.iter("img")][:5]
    extra = " ".join(a for a in alts if a and a not in text)
    return f"{text} {extra}".strip() if extra else text


def _in_template(el: etree._Element) -> bool:
    return any(a.tag == "template" for a in el.iterancestors())


_TRIGGER_TAGS = frozenset({"a", "button", "input", "img", "label", "select", "option", "body", "html",
                           "script", "style", "template", "link", "meta"})


def _popups(root: etree._Element, raw_attrs: str, text: str, marquees: list) -> list[dict]:
    c = _c()
    attrs = raw_attrs.lower()
    needles = [m for m in (*c.popup_markers, *c.marquee_markers) if m in attrs]
    roles = tuple(r for r in c.popup_roles if r in attrs)
    containers: list[tuple[etree._Element, str]] = []
    if needles or roles:
        forms = tuple(sorted(_forms(raw_attrs)))
        for el in _container_xpath(forms, roles)(root):
            marker = f"{el.get('class', '')} {el.get('id', '')}".lower()
            where = "marquee" if any(m in marker for m in c.marquee_markers) else "modal"
            containers.append((el, where))
    containers += [(el, "marquee") for el in marquees]
    if "跑馬燈" in text:
        for node in _MARQUEE_LABELS(root):
            owner = node.getparent()
            if owner is not None and owner.getparent() is not None and len(collapse(node)) <= 12:
                containers.append((owner.getparent(), "marquee"))
    if not containers:
        return []
    kept: list[tuple[etree._Element, str]] = []
    for el, where in containers:
        if not isinstance(el.tag, str) or el.tag in _TRIGGER_TAGS or _in_template(el):
            continue
        if any(k is el or k in el.iterancestors() for k, _ in kept):
            continue
        # An inner element already kept inside this one: the outer one replaces it.
        kept = [(k, w) for k, w in kept if el not in k.iterancestors()]
        kept.append((el, where))
    notices: list[dict] = []
    for el, where in kept:
        pieces: list[str] = []
        if where == "marquee":
            parts = [li for li in el.iter("li")] or [a for a in el.iter("a")]
            if len(parts) >= 2:
                pieces = [_notice_text(p) for p in parts[:20]]
        if not pieces:
            pieces = [_notice_text(el)]
        for piece in pieces:
            if not piece or len(piece) > c.notice_max:
                continue
            notice = _notice(piece, where)
            if notice is not None:
                notices.append(notice)
    return notices


# ---------------------------------------------------------------- sources

def _bodies_in(text: str) -> list[str]:
    found: list[str] = []
    for written, name in _c().bodies:
        if written in text and name not in found:
            found.append(name)
    return found


def _table_label(table: etree._Element) -> str:
    parts = []
    caption = table.find("caption")
    if caption is not None:
        parts.append(_text(caption))
    for attr in ("summary", "title", "aria-label"):
        if table.get(attr):
            parts.append(collapse(table.get(attr)))
    anchor = table
    if table.getprevious() is None and table.getparent() is not None and table.getparent().tag != "body":
        anchor = table.getparent()
    for sibling in list(anchor.itersiblings(preceding=True))[:2]:
        if isinstance(sibling.tag, str) and sibling.tag not in _SKIP_TAGS and sibling.tag not in _LIST_TAGS:
            text = _text(sibling)
            if len(text) <= 200:
                parts.append(text)
    return " ".join(p for p in parts if p)


def _sources(root: etree._Element, text: str) -> tuple[dict, list[dict]]:
    c = _c()
    stated = c.source.search(text)
    source = {"stated": stated is not None,
              "text": collapse(text[stated.start():stated.start() + 40].replace("\x00", " ")) if stated else None}
    reproduces: list[dict] = []
    for m in c.reprint.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if c.reprint_negation.search(before):
            continue
        reproduces.append({"kind": "reprint", "bodies": _bodies_in(text[m.start():m.start() + 30]),
                           "text": collapse(text[max(0, m.start() - 20):m.end() + 30].replace("\x00", " "))})
        break
    if any(word in text for word in c.statistics_words):
        for table in _TABLES(root)[:_MAX_TABLES]:
            if _in_template(table):
                continue
            label = _table_label(table)
            if not any(word in label for word in c.statistics_words):
                continue
            bodies = _bodies_in(_fold(label))
            if bodies:
                reproduces.append({"kind": "statistics", "bodies": bodies, "text": label[:200]})
    return source, reproduces


# ---------------------------------------------------------------- the extractor

def content_facts(root: etree._Element, url: str, *, notices: bool = True) -> dict:
    """Main heading, source attribution, the 最新消息 list and dated popup/marquee/top-news notices of one page.

    Only the homepage's notices are judged; notices=False skips the popup/marquee scan on other pages."""
    marked = _HEADINGS_AND_MARQUEES(root)
    heading, headings = _headings([el for el in marked if el.tag != "marquee"])
    texts = _TEXTS(root)
    text = "\x00".join(texts)
    news_heading, news_items, top_notices = _news(root, texts, text, url, notices)
    found: list[dict] = []
    if notices:
        attrs = "\x00".join(_ATTR_STRINGS(root))
        found = _popups(root, attrs, text, [el for el in marked if el.tag == "marquee"]) + top_notices
    source, reproduces = _sources(root, text)
    return {"heading": heading, "headings": headings, "news_heading": news_heading, "news_items": news_items,
            "notices": found, "source": source, "reproduces": reproduces}


# ================================================================= site-level checks

def _facts(page: PageRecord) -> dict | None:
    facts = page.facts.get("content") if page.facts else None
    return facts if isinstance(facts, dict) else None


def _html_pages(site: Site) -> list[PageRecord]:
    return [p for p in site.pages if p.status == 200 and not p.not_found_text
            and (not p.content_type or "html" in p.content_type.lower())]


def _segments(title: str) -> list[str]:
    return [s for s in _c().separators.split(collapse(title)) if s]


class _Names:
    """The site's own name as its titles write it, to take off titles before comparing them."""

    def __init__(self, site: Site, pages: list[PageRecord], home: PageRecord | None):
        names: set[str] = set()
        if site.agency_name:
            names.add(collapse(site.agency_name))
        agency_words = _words(site.agency_name or "")
        home_title = collapse(home.title) if home else ""
        home_segments = _segments(home_title)
        home_norms = _c().home_titles
        if home_segments:
            for segment in {home_segments[0], home_segments[-1]}:
                if _norm(segment) not in home_norms:
                    names.add(segment)
        ends: Counter = Counter()
        for page in pages:
            parts = _segments(page.title)
            if len(parts) >= 2:
                ends.update({parts[0], parts[-1]})
        need = max(3, math.ceil(SITE_NAME_SHARE * len(pages)))
        for segment, count in ends.items():
            if count >= need and _norm(segment) not in home_norms and (
                    segment in home_title or _words(segment) & agency_words):
                names.add(segment)
        self.names = sorted((n for n in names if n), key=len, reverse=True)
        self._norms = {_norm(n) for n in self.names}
        self._sep_end = re.compile(f"(?:{_c().separators.pattern})$")
        self._stripped: dict[str, str] = {}

    def is_name(self, text: str) -> bool:
        return _norm(text) in self._norms

    def strip(self, title: str) -> str:
        """The title without the site name at either end (only where a separator parts them)."""
        got = self._stripped.get(title)
        if got is None:
            got = self._stripped[title] = self._strip(title)
        return got

    def _strip(self, title: str) -> str:
        text = collapse(title)
        sep = _c().separators
        changed = True
        while changed and text:
            changed = False
            if self.is_name(text):
                return ""
            for name in self.names:
                if text.endswith(name) and len(text) > len(name):
                    head = text[:-len(name)]
                    m = self._sep_end.search(head)
                    if m:
                        text, changed = head[:m.start()].strip(), True
                        break
                if text.startswith(name) and len(text) > len(name):
                    tail = text[len(name):]
                    m = sep.match(tail)
                    if m:
                        text, changed = tail[m.end():].strip(), True
                        break
        return text


def _homepage(site: Site) -> PageRecord | None:
    from checks.accessibility import homepage

    return homepage(site)


_PAGING_PARAMS = frozenset({"page", "pageindex", "pageno", "pagenum", "pagenumber", "currentpage", "p", "pg",
                            "offset", "start", "startrow", "pagesize", "ps", "sort", "order", "orderby",
                            "sortby", "sortorder", "sms"})


def _document_key(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in _PAGING_PARAMS]
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, urlencode(sorted(query)), ""))


@dataclass(slots=True)
class _Context:
    site: Site
    pages: list[PageRecord]
    home: PageRecord | None
    names: _Names


def _context(site: Site) -> _Context:
    pages = _html_pages(site)
    home = _homepage(site)
    return _Context(site, pages, home, _Names(site, pages, home))


def _is_home(ctx: _Context, page: PageRecord) -> bool:
    return ctx.home is not None and page.url_key == ctx.home.url_key


def _generic_reason(ctx: _Context, page: PageRecord) -> str | None:
    title = collapse(page.title)
    if not title:
        return None
    core = ctx.names.strip(title)
    home = _is_home(ctx, page)
    if not core:
        return None if home else "僅有網站或機關名稱"
    norm = _norm(core)
    if home and norm in _c().home_titles:
        return None
    if norm in _c().generic_titles:
        return f"為通用標題「{core}」"
    return None


def _check_titles(ctx: _Context) -> Iterator[Finding]:
    for page in ctx.pages:
        if not collapse(page.title):
            facts = _facts(page) or {}
            yield Finding(
                check="content.title-empty", severity="warning", indicator=CONTENT_VALIDITY, url=page.url,
                message="網頁未設定標題（<title> 為空或不存在）",
                evidence={"title": page.title, "heading": facts.get("heading"), "sha256": page.sha256})
            continue
        reason = _generic_reason(ctx, page)
        if reason:
            facts = _facts(page) or {}
            yield Finding(
                check="content.title-generic", severity="warning", indicator=CONTENT_VALIDITY, url=page.url,
                message=f"網頁標題「{page.title}」{reason}，無法辨識本頁內容"
                        + (f"（頁面主標題為「{facts['heading']}」）" if facts.get("heading") else ""),
                evidence={"title": page.title, "core_title": ctx.names.strip(page.title),
                          "site_names": ctx.names.names, "heading": facts.get("heading")})


def _duplicate_groups(ctx: _Context) -> list[dict]:
    groups: dict[str, list[PageRecord]] = defaultdict(list)
    for page in ctx.pages:
        title = collapse(page.title)
        if title and not _generic_reason(ctx, page):
            groups[_norm(title)].append(page)
    result = []
    for members in groups.values():
        documents: dict[str, PageRecord] = {}
        for page in members:
            documents.setdefault(_document_key(page.url), page)
        if len(documents) < DUPLICATE_MIN_PAGES:
            continue
        if len({p.sha256 for p in documents.values()}) < DUPLICATE_MIN_PAGES:
            continue
        members = sorted(members, key=lambda p: p.url)
        result.append({"title": collapse(members[0].title), "urls": [p.url for p in members],
                       "pages": members})
    return sorted(result, key=lambda g: g["title"])


def _check_duplicates(ctx: _Context, groups: list[dict]) -> Iterator[Finding]:
    for group in groups:
        pages = group["pages"]
        headings = [(_facts(p) or {}).get("heading") for p in pages]
        yield Finding(
            check="content.title-duplicate", severity="warning", indicator=CONTENT_VALIDITY, url=pages[0].url,
            message=f"{len(pages)} 個內容不同的網頁使用相同標題「{group['title']}」，標題未能反映各頁內容",
            evidence={"title": group["title"], "urls": group["urls"], "count": len(pages),
                      "distinct_contents": len({p.sha256 for p in pages}),
                      "headings": [{"url": p.url, "heading": h} for p, h in zip(pages, headings)][:50]})


def _refs_by_page(site: Site) -> dict[str, list]:
    by_page: dict[str, list] = defaultdict(list)
    for source, ref in site.references:
        by_page[source].append(ref)
    return by_page


def _shares_word(a: str, b: str) -> bool:
    na, nb = _norm(a), _norm(b)
    if na and nb and (na in nb or nb in na):
        return True
    return bool(_words(a) & _words(b))


def _check_heading_mismatch(ctx: _Context, refs: dict[str, list]) -> Iterator[Finding]:
    for page in ctx.pages:
        facts = _facts(page)
        if not facts or not facts.get("heading") or _is_home(ctx, page) or _generic_reason(ctx, page):
            continue
        core = ctx.names.strip(page.title)
        heading = ctx.names.strip(facts["heading"])
        if not core or not heading or ctx.names.is_name(facts["heading"]):
            continue
        if _cjk_count(core) < 2 or _cjk_count(heading) < 2 or _mostly_ascii(core) != _mostly_ascii(heading):
            continue
        candidates = [heading] + [ctx.names.strip(h) for h in facts.get("headings", [])]
        if any(h and _shares_word(core, h) for h in candidates):
            continue
        # A heading that repeats a menu or breadcrumb label names the section, not the page.
        labels = {_norm(r.text) for r in refs.get(page.url, ()) if r.text}
        if _norm(heading) in labels:
            continue
        yield Finding(
            check="content.title-heading-mismatch", severity="notice", indicator=CONTENT_VALIDITY, url=page.url,
            message=f"網頁標題「{page.title}」與頁面主標題「{facts['heading']}」無共同字詞，標題可能與內容不符",
            evidence={"title": page.title, "core_title": core, "heading": facts["heading"],
                      "headings": facts.get("headings", [])})


def _link_core(text: str) -> str:
    c = _c()
    text = collapse(text)
    stripped = c.link_prefix.sub("", text, count=1)
    return stripped


def _check_link_titles(ctx: _Context, refs_by_page: dict[str, list]) -> Iterator[Finding]:
    site = ctx.site
    crawled = {p.url for p in ctx.pages}
    pair_pages: dict[tuple[str, str], list[str]] = defaultdict(list)
    pair_ref: dict[tuple[str, str], object] = {}
    for source, refs in refs_by_page.items():
        if source not in crawled:
            continue
        seen: set = set()
        for ref in refs:
            if ref.kind != "link" or not ref.text:
                continue
            pair = (collapse(ref.text), ref.target_key)
            if pair in seen:
                continue
            seen.add(pair)
            pair_pages[pair].append(source)
            if ref.region in ("main", "body"):
                pair_ref.setdefault(pair, ref)
    chrome_min = max(CHROME_MIN_PAGES, math.ceil(CHROME_SHARE * len(ctx.pages)))
    c = _c()
    for pair, ref in pair_ref.items():
        sources = pair_pages[pair]
        if len(sources) >= chrome_min:
            continue
        text, key = pair
        target = site.pages_by_key.get(key)
        if target is None or target.status != 200 or target.not_found_text or _is_home(ctx, target):
            continue
        if _generic_reason(ctx, target):
            continue
        core_text = _link_core(text)
        if _norm(core_text) in c.generic_links or _cjk_count(core_text) < MIN_CJK_LINK:
            continue
        title_core = ctx.names.strip(target.title)
        if not title_core or ctx.names.is_name(title_core) or _cjk_count(title_core) < MIN_CJK_LINK:
            continue
        sources = [s for s in sources if url_key(s) != key]
        if not sources:
            continue
        facts = _facts(target) or {}
        against = [title_core, facts.get("heading") or "", *facts.get("headings", [])]
        if any(t and _shares_word(core_text, t) for t in against):
            continue
        if ctx.names.is_name(core_text):
            continue
        yield Finding(
            check="content.link-title-mismatch", severity="notice", indicator=CONTENT_VALIDITY, url=sources[0],
            target=target.url,
            message=f"連結文字「{text}」與目標網頁標題「{target.title}」無共同字詞，連結說明可能與內容不符",
            evidence={"link_text": text, "target_title": target.title, "target_heading": facts.get("heading"),
                      "target": target.url, "sources": sources[:50], "region": ref.region,
                      "locator": ref.locator})


def _notice_verdict(notice: dict, as_of: datetime.date) -> tuple[datetime.date, str] | None:
    """(date, reason) when a homepage notice is past: its deadline, or with no deadline its latest date
    long past (popups and marquees only)."""
    if notice.get("deadline"):
        deadline = datetime.date.fromisoformat(notice["deadline"])
        return (deadline, "deadline") if deadline < as_of else None
    if notice.get("where") in ("modal", "marquee") and notice.get("dates"):
        latest = max(datetime.date.fromisoformat(d) for d in notice["dates"])
        if (as_of - latest).days > NOTICE_STALE_DAYS:
            return latest, "latest-date"
    return None


_WHERE_ZH = {"modal": "首頁彈出視窗", "marquee": "首頁跑馬燈", "top-news": "首頁最新消息前列"}


def _expired_notices(ctx: _Context) -> list[tuple[dict, datetime.date, str]]:
    if ctx.home is None:
        return []
    facts = _facts(ctx.home) or {}
    expired = []
    seen: set = set()
    for notice in facts.get("notices", []):
        verdict = _notice_verdict(notice, ctx.site.as_of)
        if verdict and (notice["where"], notice["text"]) not in seen:
            seen.add((notice["where"], notice["text"]))
            expired.append((notice, *verdict))
    return expired


def _check_expired(ctx: _Context, expired: list) -> Iterator[Finding]:
    as_of = ctx.site.as_of
    for notice, when, reason in expired:
        where = _WHERE_ZH.get(notice["where"], notice["where"])
        if reason == "deadline":
            what = f"截止或活動日期 {format_roc(when)}（{when.isoformat()}）已過"
        else:
            what = f"所載最近日期 {format_roc(when)}（{when.isoformat()}）已逾 {NOTICE_STALE_DAYS} 天"
        yield Finding(
            check="content.expired-notice", severity="warning", indicator=CONTENT_VALIDITY, url=ctx.home.url,
            message=f"{where}仍顯示過期訊息：{what}，檢核基準日 {format_roc(as_of)}。內容：「{notice['text'][:80]}」",
            evidence={"where": notice["where"], "text": notice["text"], "dates": notice["dates"],
                      "dates_roc": [format_roc(datetime.date.fromisoformat(d)) for d in notice["dates"]],
                      "deadline": notice.get("deadline"), "expired_on": when.isoformat(),
                      "expired_on_roc": format_roc(when), "basis": reason,
                      "days_past": (as_of - when).days, "as_of": as_of.isoformat(), "homepage": ctx.home.url})


def _news_newest(ctx: _Context) -> tuple[dict | None, PageRecord | None, list[dict]]:
    as_of = ctx.site.as_of
    best: tuple | None = None
    for index, page in enumerate(ctx.pages):
        facts = _facts(page)
        if not facts or not facts.get("news_items"):
            continue
        dated = [i for i in facts["news_items"] if i.get("date") and i["date"] <= as_of.isoformat()]
        if not dated:
            continue
        newest = max(dated, key=lambda i: i["date"])
        heading = facts.get("news_heading") or ""
        listing = not _is_home(ctx, page) and bool(heading) and (
            _norm(heading) in _norm(facts.get("heading") or "") or _norm(heading) in _norm(page.title))
        rank = (newest["date"], 2 if listing else 1 if _is_home(ctx, page) else 0, -index)
        if best is None or rank > best[0]:
            best = (rank, newest, page, facts["news_items"])
    if best is None:
        return None, None, []
    return best[1], best[2], best[3]


def _check_news(ctx: _Context) -> Iterator[Finding]:
    newest, page, items = _news_newest(ctx)
    if newest is None:
        return
    as_of = ctx.site.as_of
    value = datetime.date.fromisoformat(newest["date"])
    age = (as_of - value).days
    if age <= NEWS_STALE_DAYS:
        return
    yield Finding(
        check="content.news-stale", severity="warning", indicator=CONTENT_VALIDITY, url=page.url,
        message=f"最新消息最近一則為 {format_roc(value)}（{value.isoformat()}，{age} 天前），"
                f"已逾 {NEWS_STALE_DAYS} 天未更新",
        evidence={"newest_date": value.isoformat(), "newest_date_roc": format_roc(value),
                  "newest_title": newest["title"], "newest_url": newest["url"], "age_days": age,
                  "limit_days": NEWS_STALE_DAYS, "as_of": as_of.isoformat(), "items": items})


def _own_bodies(site: Site) -> set[str]:
    own: set[str] = set()
    host = host_of(site.start_url)
    name = site.agency_name or ""
    for written, canonical in _c().bodies:
        if written in name:
            own.add(canonical)
    for canonical, hosts in _c().body_hosts.items():
        if any(host == h or host.endswith("." + h) for h in hosts):
            own.add(canonical)
    return own


def _source_missing(ctx: _Context, refs: dict[str, list]) -> list[tuple[PageRecord, list[dict], list[str]]]:
    own = _own_bodies(ctx.site)
    site_hosts = {host_of(ctx.site.start_url)} | {host_of(p.url) for p in ctx.pages}
    missing = []
    for page in ctx.pages:
        facts = _facts(page)
        if not facts or not facts.get("reproduces") or (facts.get("source") or {}).get("stated"):
            continue
        signals = []
        for signal in facts["reproduces"]:
            bodies = [b for b in signal.get("bodies", []) if b not in own]
            if signal["kind"] == "statistics" and not bodies:
                continue
            signals.append(dict(signal, bodies=bodies))
        if not signals:
            continue
        # Any link out of the site in the page's own content counts as the link to the source.
        outbound = [r.target for r in refs.get(page.url, ())
                    if r.kind == "link" and r.region in ("main", "body")
                    and r.target.startswith(("http:", "https:")) and host_of(r.target) not in site_hosts]
        if outbound:
            continue
        missing.append((page, signals, sorted({b for s in signals for b in s["bodies"]})))
    return missing


def _check_sources(missing: list) -> Iterator[Finding]:
    for page, signals, bodies in missing:
        named = f"（{'、'.join(bodies)}）" if bodies else ""
        yield Finding(
            check="content.source-missing", severity="notice", indicator=CONTENT_VALIDITY, url=page.url,
            message=f"頁面引用或轉載他機關資料{named}，但未標示資料來源或提供來源連結",
            evidence={"title": page.title, "signals": signals, "bodies": bodies})


def _update_rule_match(text: str) -> bool:
    c = _c()
    text = collapse(text)
    if not text or len(text) > c.update_max:
        return False
    norm = _norm(text)
    if any(p in norm for p in c.update_phrases):
        return True
    folded = _fold(text)
    return any(p.search(folded) for p in c.update_patterns)


def _update_rule(ctx: _Context) -> dict:
    tried: set[str] = set()
    for _, ref in ctx.site.references:
        if ref.kind != "link" or not ref.text or ref.text in tried:
            continue
        tried.add(ref.text)
        if _update_rule_match(ref.text):
            return {"found": True, "url": ref.target, "text": collapse(ref.text)}
    for page in ctx.pages:
        facts = _facts(page) or {}
        for text in (ctx.names.strip(page.title), facts.get("heading") or ""):
            if text and _update_rule_match(text):
                return {"found": True, "url": page.url, "text": text}
    return {"found": False, "url": None, "text": None}


def _check_update_rule(ctx: _Context, rule: dict) -> Iterator[Finding]:
    if rule["found"] or not ctx.pages:
        return
    url = ctx.home.url if ctx.home else ctx.site.start_url
    yield Finding(
        check="content.update-rule-missing", severity="notice", indicator=CONTENT_VALIDITY, url=url,
        message=f"全站 {len(ctx.pages)} 個網頁與其連結中，未見網站資料更新或維護規定（如網站管理要點、"
                "網站資料更新維護作業要點）；如已訂定，宜於網站公開",
        evidence={"pages_examined": len(ctx.pages), "links_examined": len(ctx.site.references),
                  "phrases": list(_vocab()["update_rule_phrases"])})


# ---------------------------------------------------------------- entry points

@dataclass(slots=True)
class _Result:
    findings: list[Finding]
    summary: dict


def _analyse(site: Site) -> _Result:
    ctx = _context(site)
    refs = _refs_by_page(site)
    groups = _duplicate_groups(ctx)
    expired = _expired_notices(ctx)
    missing = _source_missing(ctx, refs)
    rule = _update_rule(ctx)
    findings: list[Finding] = []
    findings += _check_titles(ctx)
    findings += _check_duplicates(ctx, groups)
    findings += _check_heading_mismatch(ctx, refs)
    findings += _check_link_titles(ctx, refs)
    findings += _check_expired(ctx, expired)
    findings += _check_news(ctx)
    findings += _check_sources(missing)
    findings += _check_update_rule(ctx, rule)
    newest, news_page, _ = _news_newest(ctx)
    counts = Counter(f.check for f in findings)
    summary = {
        "duplicate_titles": [{"title": g["title"], "urls": g["urls"]} for g in groups],
        "generic_titles": counts["content.title-generic"],
        "title_heading_mismatch": counts["content.title-heading-mismatch"],
        "expired_notices": len(expired),
        "news_newest_date": newest["date"] if newest else None,
        "news_url": news_page.url if news_page else None,
        "source_missing": len(missing),
        "update_rule": rule,
    }
    return _Result(findings, summary)


def check_content(site: Site) -> Iterable[Finding]:
    """Every content-validity finding for the site: titles, links vs titles, expired notices, stale news,
    missing sources, and a missing update rule."""
    return _analyse(site).findings


def summarize_content(site: Site) -> dict:
    """summary.content, in the shape the contract fixes."""
    return _analyse(site).summary
