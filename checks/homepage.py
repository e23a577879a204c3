"""Homepage layout (2.1.2 (2)): the fourteen-item checklist, each verdict with the URL or text that shows it.

homepage_facts runs on the start page while the crawl has its tree; the site check reads it back with the links."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from checks import vocab
from checks.dates import find_dates
from checks.finding import Finding
from checks.html import collapse, resolve, url_key
from checks.indicators import SEARCH_AND_ACCESS
from checks.linkvocab import Entry, Vocabulary, classify, normalise, per_site, site_index, vocabulary
from checks.records import PageRecord, Reference
from checks.site import Site

MAX_EVIDENCE = 3
# How far after a label its value may start (「電話：」 then a line break, then the number).
_VALUE_WINDOW = 50
# Hours are written in words as often as in digits: 週一至週五 上午8:00…
_HOURS_VALUE = re.compile(r"[0-9]|[週周星]")
# Footer lines run together once tags are gone; the next 「電子信箱:」 ends a value.
_NEXT_LABEL = re.compile(r"\s[\u4e00-\u9fff]{2,6}[:：]")
# 「字級: 小 中 大」: the switches right after the word, one or two characters each.
_FONT_WORD_VALUE = re.compile(r"[:：]?(?:\s?[^\s]{1,2}(?=\s|$)){0,4}")
_MAX_HEADING = 30
_MAX_CONTROL_TEXT = 3
# English sites are a courtesy for most local agencies: its absence is noted, not warned about.
_NOTICE_ONLY = frozenset({"english_version"})

# Plain string results: an ancestor test per text node would cost ten times as much on a large homepage,
# so script and style text is taken out of the joined text afterwards.
_TEXT_NODES = etree.XPath("//body//text()", smart_strings=False)
_HIDDEN_TEXT = etree.XPath("//body//script/text() | //body//style/text() | //body//template//text()"
                           " | //body//noscript//text()", smart_strings=False)
_LABEL_ATTRIBUTES = etree.XPath("//a/@title | //button/@title | //a/@aria-label | //button/@aria-label"
                                " | //img/@alt", smart_strings=False)
_CLASSES = etree.XPath("//@class | //@id", smart_strings=False)
# Attribute strings, not elements: lxml.html builds a Python proxy per element an iteration touches.
_HREFLANG = etree.XPath("//a/@hreflang | //link/@hreflang")
_LOOSE_SEARCH = etree.XPath("//input[not(ancestor::form)][@type='search' or ancestor::*[@role='search']]")
_TEXT_INPUT_TYPES = frozenset({"", "text", "search"})
_BUTTON_TYPES = frozenset({"submit", "image", "button"})


@dataclass(frozen=True, slots=True)
class _Rules:
    items: dict[str, Entry]
    search_hints: tuple[str, ...]
    labelled: dict[str, re.Pattern[str]]          # item key -> label then the start of its value
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    font_words: tuple[str, ...]
    font_controls: tuple[frozenset[str], ...]
    font_classes: tuple[str, ...]


@functools.cache
def _rules() -> _Rules:
    data = {item["key"]: item for item in vocab.load("homepage")["items"]}
    items = {entry.key: entry for entry in vocabulary("homepage", "items").entries}

    def labels(key: str) -> list[str]:
        return sorted((normalise(label) for label in data[key].get("labels", ())), key=len, reverse=True)

    labelled = {key: re.compile("(?:" + "|".join(re.escape(lb) for lb in labels(key)) + r")\s*[:：]?\s*")
                for key in ("contact_address", "contact_phone", "service_hours", "update_date")}
    patterns = {key: tuple(re.compile(p) for p in data[key].get("text_patterns", ()))
                for key in ("contact_address", "contact_phone", "service_hours")}
    return _Rules(
        items=items, search_hints=tuple(normalise(h) for h in data["search_box"].get("input_hints", ())),
        labelled=labelled, patterns=patterns, font_words=tuple(labels("font_size")),
        font_controls=tuple(frozenset(normalise(c) for c in group) for group in data["font_size"]["controls"]),
        font_classes=tuple(c.lower() for c in data["font_size"].get("class_hints", ())))


# ---------------------------------------------------------------- page-level facts


def homepage_facts(root: lxml.html.HtmlElement, url: str) -> dict:
    """What the homepage shows beyond its links: search forms, contact text, font-size switch, update date."""
    rules = _rules()
    text = normalise(_body_text(root))
    return {
        "search_forms": _search_forms(root, url, rules),
        "address": _address(root, text, rules),
        "phone": _labelled_value(text, "contact_phone", rules, needs=rules.patterns["contact_phone"]),
        "hours": _labelled_value(text, "service_hours", rules, needs=(_HOURS_VALUE,), whole_window=True),
        "font_size": _font_size(root, text, rules),
        "update": _update(text, rules),
        "hreflang_en": [resolved for value in _HREFLANG(root) if value.lower().startswith("en")
                        and (resolved := resolve(url, value.getparent().get("href") or ""))][:3],
        "headings": [heading for heading in (collapse(h.text_content()) for h in root.iter("h1", "h2", "h3", "h4"))
                     if heading and len(heading) <= _MAX_HEADING][:40],
    }


def _body_text(root: etree._Element) -> str:
    # Text nodes joined with a space: text_content() would glue 「17:30」 to the next line's 「更新日期」.
    text = " ".join(_TEXT_NODES(root))
    for hidden in _HIDDEN_TEXT(root):
        if hidden.strip():
            text = text.replace(hidden, " ", 1)
    return text


def _search_forms(root: etree._Element, url: str, rules: _Rules) -> list[dict]:
    tree = root.getroottree()
    forms = []
    for form in root.iter("form"):
        fields = list(form.iter("input"))
        if any((f.get("type") or "").lower() == "password" for f in fields):
            continue  # a login box is not a search box
        # One-line inputs only: a <textarea> is a message form (首長信箱), not a query box.
        texts = [f for f in fields if (f.get("type") or "").lower() in _TEXT_INPUT_TYPES]
        if not texts:
            continue
        marks = " ".join([form.get("action", ""), form.get("id", ""), form.get("class", ""), form.get("role", ""),
                          form.get("name", "")]
                         + [" ".join(f.get(a, "") for a in ("type", "name", "id", "placeholder", "title",
                                                            "aria-label")) for f in texts]
                         + [collapse(b.text_content()) + " " + (b.get("value") or "") + " " + (b.get("title") or "")
                            for b in form.iter("button", "input")
                            if b.tag == "button" or (b.get("type") or "").lower() in _BUTTON_TYPES])
        marks = normalise(marks)
        is_search = (any((f.get("type") or "").lower() == "search" for f in texts)
                     or any(hint in marks for hint in rules.search_hints)
                     or any(a.get("role") == "search" for a in form.iterancestors()))
        if not is_search:
            continue
        forms.append({"action": resolve(url, form.get("action") or "") or url,
                      "method": (form.get("method") or "get").upper(),
                      "field": texts[0].get("name") or texts[0].get("id"), "locator": tree.getpath(form)})
    for field_element in _LOOSE_SEARCH(root):
        # Script-driven boxes have no form: what it submits to is for the browser to find out.
        forms.append({"action": None, "method": None, "field": field_element.get("name") or field_element.get("id"),
                      "locator": tree.getpath(field_element)})
    return forms[:5]


def _address(root: etree._Element, text: str, rules: _Rules) -> dict | None:
    for element in root.iter("address"):
        value = collapse(element.text_content())
        if value:
            return {"text": value[:120], "how": "address-element"}
    found = _labelled_value(text, "contact_address", rules, needs=rules.patterns["contact_address"])
    if found is not None:
        return found
    for pattern in rules.patterns["contact_address"]:
        match = pattern.search(text)
        if match:
            return {"text": match.group(), "how": "pattern"}
    return None


def _labelled_value(text: str, key: str, rules: _Rules, needs: tuple[re.Pattern[str], ...],
                    whole_window: bool = False) -> dict | None:
    """A label (地址, 電話, 服務時間 …) whose value follows within a short window and looks like one."""
    for label in rules.labelled[key].finditer(text):
        window = text[label.end():label.end() + _VALUE_WINDOW]
        value = next((m for m in (pattern.search(window) for pattern in needs) if m), None)
        if value is not None:
            if whole_window:
                following = _NEXT_LABEL.search(window, value.end())
                end = label.end() + (following.start() if following else len(window))
            else:
                end = label.end() + value.end()
            return {"text": text[label.start():end].strip(), "how": "label"}
    if key != "contact_address":
        for pattern in rules.patterns.get(key, ()):
            match = pattern.search(text)
            if match:
                return {"text": match.group(), "how": "pattern"}
    return None


def _font_size(root: etree._Element, text: str, rules: _Rules) -> dict | None:
    for word in rules.font_words:
        at = text.find(word)
        if at != -1:
            shown = _FONT_WORD_VALUE.match(text, at + len(word))
            return {"text": text[at:shown.end()] if shown else word, "how": "word"}
    for value in _LABEL_ATTRIBUTES(root):
        folded = normalise(value)
        if any(word in folded for word in rules.font_words):
            return {"text": folded[:60], "how": "title"}
    # A bare A+ / A- (or 小 中 大) set of switches, grouped under one parent.
    siblings: dict[etree._Element, set[str]] = {}
    for control in root.iter("a", "button"):
        shown = normalise(control.text_content())
        if shown and len(shown) <= _MAX_CONTROL_TEXT:
            parent = control.getparent()
            if parent is not None and parent.tag == "li":
                parent = parent.getparent()
            siblings.setdefault(parent, set()).add(shown)
    for shown in siblings.values():
        for group in rules.font_controls:
            if group <= shown:
                return {"text": " ".join(sorted(group)), "how": "controls"}
    for value in _CLASSES(root):
        lowered = value.lower()
        hint = next((h for h in rules.font_classes if h in lowered), None)
        if hint:
            return {"text": f"class={value[:60]}", "how": "class"}
    return None


def _update(text: str, rules: _Rules) -> dict | None:
    for label in rules.labelled["update_date"].finditer(text):
        dates = find_dates(text[label.end():label.end() + 24])
        if dates:
            value, written = dates[0]
            end = text.index(written, label.end()) + len(written)
            return {"text": text[label.start():end], "date": value.isoformat()}
    return None


# ---------------------------------------------------------------- the checklist


@dataclass(slots=True)
class Item:
    key: str
    name: str
    present: bool
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Checklist:
    url: str
    items: list[Item]
    facts_available: bool


@per_site
def analyse_homepage(site: Site) -> Checklist:
    home = site_index(site).home
    rules = _rules()
    if home is None:
        return Checklist(site.start_url, [Item(k, e.name, False) for k, e in rules.items.items()], False)
    references = site_index(site).by_page.get(home.url, [])
    stored = home.facts.get("homepage")
    facts = stored or {}
    links = [(home.url, r) for r in references]
    own = {home.url_key}

    def linked(entries: tuple[Entry, ...]) -> list[str]:
        return list(dict.fromkeys(m.url for m in classify(links, Vocabulary("homepage", entries), directories=own)))

    found: dict[str, list[str]] = {}
    for key, entry in rules.items.items():
        evidence: list[str] = []
        borrowed = entry.data.get("vocabulary")
        if entry.matches_text or entry.url_patterns:
            evidence += linked((entry,))
        if borrowed:
            evidence += linked(vocabulary(borrowed).entries)
        evidence += _structural(key, home, facts, references, site)
        found[key] = list(dict.fromkeys(evidence))[:MAX_EVIDENCE]
    items = [Item(key, entry.name, bool(found[key]), found[key]) for key, entry in rules.items.items()]
    return Checklist(home.url, items, stored is not None)


def _structural(key: str, home: PageRecord, facts: dict, references: list[Reference], site: Site) -> list[str]:
    """Evidence that is not a link text: forms, page text, tel: links, marks, dates."""
    if key == "search_box":
        return [f.get("action") or f"{f.get('locator')}（無 action 的搜尋欄）" for f in facts.get("search_forms", [])]
    if key == "sitemap":
        return list((home.facts.get("bricks") or {}).get("sitemap_links", []))
    if key == "news":
        entry = _rules().items["news"]
        return [h for h in facts.get("headings", []) if entry.match_text(normalise(h))]
    if key in ("contact_address", "service_hours"):
        value = facts.get("address" if key == "contact_address" else "hours")
        return [value["text"]] if value else []
    if key == "contact_phone":
        phones = [r.target for r in references if r.kind == "tel"]
        value = facts.get("phone")
        return phones + ([value["text"]] if value else [])
    if key == "font_size":
        value = facts.get("font_size")
        return [value["text"]] if value else []
    if key == "english_version":
        return list(facts.get("hreflang_en", []))
    if key == "accessibility_mark":
        marks = (home.facts.get("marks") or {}).get("marks", [])
        rendered = [m for audit in site.browser_audits if url_key(audit.get("url", "")) == home.url_key
                    for m in audit.get("marks", [])]
        return [m.get("href") or m.get("alt") or m.get("img_src") or "標章" for m in marks + rendered]
    if key == "update_date":
        value = facts.get("update")
        if value:
            return [value["text"]]
        # Without page facts the crawl's own date reading still shows a labelled date.
        if home.date and home.date_source == "label":
            return [home.date_text or home.date]
        return [f"更新日期 {home.site_date}"] if home.site_date else []
    return []


def check_homepage(site: Site) -> Iterator[Finding]:
    checklist = analyse_homepage(site)
    if site_index(site).home is None:
        return  # the site check for reachability says why there is no homepage
    for item in checklist.items:
        if item.present:
            continue
        yield Finding(
            check="homepage.item-missing", severity="notice" if item.key in _NOTICE_ONLY else "warning",
            indicator=SEARCH_AND_ACCESS, url=checklist.url,
            message=f"首頁未見「{item.name}」" + ("" if checklist.facts_available else "（首頁版面資訊未擷取，僅依連結判斷）"),
            evidence={"key": item.key, "name": item.name, "facts_available": checklist.facts_available,
                      "locator": f"homepage:{item.key}"})


def summarize_homepage(site: Site) -> dict:
    checklist = analyse_homepage(site)
    return {"url": checklist.url,
            "items": [{"key": i.key, "name": i.name, "present": i.present, "evidence": i.evidence}
                      for i in checklist.items]}
