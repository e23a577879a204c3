"""Site search (indicator 2.1.2 (1)): find the search box, read a results page, judge the probes.

Pure, no network. crawler/search_probe.py runs the probe queries during the crawl and stores one
SearchProbe per request; check_search / summarize_search read them back from Site.search_probes.
Vocabulary (labels, parameter names, count wordings) is data: checks/vocab/search.json."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from checks.finding import Finding
from checks.html import collapse, host_of, resolve, url_key
from checks.indicators import SEARCH_AND_ACCESS
from checks.vocab import load as load_vocab

SLOW_MS = 5000.0        # a search answering slower than this is a finding (search.slow)
MANY_RESULTS = 20       # a results page listing this many items without pagination → search.no-pagination
SORT_KEYS = ("relevance", "time", "topic")
SORT_NAMES = {"relevance": "相關度", "time": "時間", "topic": "主題/分類"}


@dataclass(slots=True)
class SearchProbe:
    """One step of the search probe, as the crawler stored it.

    kind: discover (where and which search boxes were found; facts = {"page", "source", "forms", "queries"}),
    word | empty | no-hit (a query; facts = results_facts(...) + {"form": …}), page2 (page 2 of a word query;
    facts + {"differs", "page1_url"}), sort (one sorted variant; facts + {"sort_key", "page1_url"}),
    browser (a script-driven box the browser phase could not run: error browser-disabled | browser-unavailable,
    facts {"detail"}). Steps run in Chromium (crawler/browser_search.py) carry facts["via"] = "browser", error
    "script-box" when the box could not be operated, and facts["external_url"] when the query left the agency's
    hosts (an outside engine)."""

    agency_id: str
    kind: str
    url: str                        # the URL asked for (GET: with the query string; POST: the action)
    method: str = "GET"
    q: str | None = None
    status: int | None = None
    error: str | None = None        # crawler.errors code when the request failed: robots | timeout | dns | …
    response_ms: float | None = None
    final_url: str | None = None
    fetched_at: str = ""
    facts: dict = field(default_factory=dict)


# --- vocabulary --------------------------------------------------------------------------------
class _Vocab:
    def __init__(self, data: dict):
        low = lambda items: tuple(item.lower() for item in items)  # noqa: E731
        self.data = data
        self.form_markers = low(data["form_markers"])
        self.query_names = frozenset(low(data["query_field_names"]))
        self.query_markers = low(data["query_field_markers"])
        self.submit_labels = low(data["submit_labels"])
        self.site_wide = low(data["site_wide_words"])
        self.not_search = low(data["not_search_markers"])
        self.external_hosts = low(data["external_hosts"])
        self.external_scripts = low(data["external_script_markers"])
        self.external_handler = re.compile(
            r"\b(" + "|".join(map(re.escape, data["external_handlers"])) + r")\s*\(", re.I)
        self.external_urls = low(data["external_handler_urls"])
        self.count_patterns = [re.compile(p, re.I) for p in data["count_patterns"]]
        self.page_count_patterns = [re.compile(p, re.I) for p in data["page_count_patterns"]]
        self.no_results = low(data["no_results_phrases"])
        self.empty_prompts = low(data["empty_query_phrases"])
        self.next_labels = frozenset(low(data["next_labels"]))
        self.page_containers = low(data["page_link_containers"])
        self.page_params = frozenset(low(data["page_params"]))
        self.page_texts = re.compile("|".join(data["page_texts"]), re.I)
        self.sort_markers = low(data["sort_markers"])
        self.sort_labels = {key: low(words) for key, words in data["sort_labels"].items()}
        self.topic_params = frozenset(low(data["topic_filter_params"]))
        self.result_markers = low(data["result_container_markers"])
        self.skip_texts = frozenset(low(data["skip_link_texts"]))
        self.chrome_markers = low(data["chrome_region_markers"])
        probe = data["probe"]
        self.no_hit_query = probe["no_hit_query"]
        self.default_words = int(probe.get("default_words", 2))
        self.chrome_words = tuple(sorted(low(probe["chrome_words"]), key=len, reverse=True))
        self.agency_suffixes = tuple(probe["agency_suffixes"])


@lru_cache(maxsize=1)
def vocab() -> _Vocab:
    return _Vocab(load_vocab("search"))


def _has(text: str, words: Iterable[str]) -> str | None:
    for word in words:
        if word in text:
            return word
    return None


# --- shared tree helpers -----------------------------------------------------------------------
_FORMS = etree.XPath("//form")
_LOOSE_INPUTS = etree.XPath("//input[not(ancestor::form)]")
_CSE_HINTS = etree.XPath(
    "//script[contains(@src,'cse.google') or contains(@src,'google.com/cse')]"
    " | //script[not(@src)][contains(.,'cse.google.com/cse') or contains(.,'google.com/cse')]"
    " | //*[contains(@class,'gcse-search') or contains(@class,'gcse-searchbox')"
    " or contains(@class,'gcse-searchresults')]")
_TEXT_NODES = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style)"
                          " and not(ancestor::noscript) and not(ancestor::template)]")
_MAIN = etree.XPath("(//main | //*[@role='main'] | //*[@id='CCMS_Content'] | //*[@id='center']"
                    " | //*[@id='content'] | //*[@id='main'])[1]")
_LINKS = etree.XPath("//a[@href]")
_HEAD_NEXT = etree.XPath("//link[@href][contains(concat(' ', normalize-space(@rel), ' '), ' next ')]")
_SELECTS = etree.XPath("//select")
_RADIOS = etree.XPath("//input[translate(@type,'RADIO','radio')='radio']")
_BUTTONS = etree.XPath("//button | //input[translate(@type,'BUTONSMI','butonsmi')='button'"
                       " or translate(@type,'BUTONSMI','butonsmi')='submit']")
_HANDLER_ATTRS = ("onclick", "onsubmit", "onkeypress", "onkeydown", "onkeyup", "onchange")
_POSTBACK = re.compile(r"__doPostBack\(\s*['\"]([^'\"]*)['\"]\s*,\s*['\"]([^'\"]*)['\"]")
_LOCATION_TEMPLATE = re.compile(
    r"(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\(|window\.open\()\s*['\"]([^'\"]+)['\"]\s*\+")
_CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")
_DIGITS = re.compile(r"^\d{1,4}$")
_CALENDAR = ("calendar", "calender", "datepicker", "行事曆", "月曆")
_CONTENT_IDS = ("CCMS_Content", "content", "center", "main", "maincontent", "main-content")


def _attrs_text(element: etree._Element, *names: str) -> str:
    return " ".join(element.get(name, "") for name in names).lower()


def _in_template(element: etree._Element) -> bool:
    return any(ancestor.tag == "template" for ancestor in element.iterancestors())


def _text(element: etree._Element) -> str:
    return collapse(element.text_content()) if isinstance(element.tag, str) else ""


def _label_of(root: etree._Element, control: etree._Element) -> str:
    parts = [control.get(name, "") for name in ("aria-label", "title", "placeholder")]
    control_id = control.get("id")
    if control_id:
        for label in root.xpath("//label[@for=$id]", id=control_id)[:1]:
            parts.append(_text(label))
    for ancestor in control.iterancestors("label"):
        parts.append(_text(ancestor))
        break
    return collapse(" ".join(parts))


def _input_type(element: etree._Element) -> str:
    if element.tag in ("select", "textarea", "button"):
        return element.tag if element.tag != "button" else (element.get("type") or "submit").lower()
    return (element.get("type") or "text").strip().lower()


def _handlers(element: etree._Element) -> str:
    """Inline script handlers on the element and its descendants (attributes only, never script bodies)."""
    parts = []
    for node in element.iter():
        if not isinstance(node.tag, str):
            continue
        for name in _HANDLER_ATTRS:
            value = node.get(name)
            if value:
                parts.append(value)
        href = node.get("href") or node.get("action") or ""
        if href.strip().lower().startswith("javascript:"):
            parts.append(href)
    return " ".join(parts)


def _external_host(url: str | None) -> bool:
    host = host_of(url or "")
    return any(host == h or host.endswith("." + h) for h in vocab().external_hosts)


def _region_is_chrome(element: etree._Element) -> bool:
    v = vocab()
    for depth, ancestor in enumerate(element.iterancestors()):
        tag = ancestor.tag
        if not isinstance(tag, str):
            continue
        if tag in ("header", "nav", "footer", "aside"):
            return True
        if tag in ("main", "body") or ancestor.get("role") == "main" or ancestor.get("id") in _CONTENT_IDS:
            return False
        name = _attrs_text(ancestor, "id", "class", "role")
        if name.strip() and _has(name, v.chrome_markers):
            return True
        if depth > 12:
            break
    return False


# --- finding the search box ------------------------------------------------------------------------
def _query_field_score(root: etree._Element, control: etree._Element) -> tuple[int, list[str]]:
    v = vocab()
    score, signals = 0, []
    kind = _input_type(control)
    if kind == "search":
        score += 3
        signals.append("type=search")
    name = (control.get("name") or "").lower()
    short = re.split(r"[$:.]", name)[-1]
    if short in v.query_names:
        score += 2
        signals.append(f"name={control.get('name')}")
    attrs = _attrs_text(control, "name", "id", "class")
    marker = _has(attrs, v.query_markers)
    if marker:
        score += 2
        signals.append(f"field~{marker}")
    label = _label_of(root, control).lower()
    marker = _has(label, v.query_markers) or _has(label, v.site_wide)
    if marker:
        score += 2
        signals.append(f"label~{marker}")
    return score, signals


def _submit_label(container: etree._Element, near: etree._Element | None = None
                  ) -> tuple[str, etree._Element | None]:
    """The submit control's label, looking outward from the query field (a whole-page ASP.NET form has many)."""
    scopes = []
    if near is not None:
        for ancestor in near.iterancestors():
            scopes.append(ancestor)
            if ancestor is container or len(scopes) >= 3:
                break
    if not scopes or scopes[-1] is not container:
        scopes.append(container)
    for scope in scopes:
        label, node = _first_submit(scope)
        if node is not None:
            return label, node
    return "", None


def _first_submit(container: etree._Element) -> tuple[str, etree._Element | None]:
    for node in container.iter("button", "input", "a"):
        kind = _input_type(node) if node.tag != "a" else "link"
        if node.tag == "input" and kind not in ("submit", "image", "button"):
            continue
        if node.tag == "button" and kind not in ("submit", "button"):
            continue
        if node.tag == "a" and not (node.get("onclick") or (node.get("href") or "").startswith("javascript:")):
            continue
        label = collapse(" ".join(filter(None, (
            node.text_content() if node.tag != "input" else "", node.get("value"), node.get("alt"),
            node.get("title"), node.get("aria-label")))))
        img = node.find(".//img")
        if img is not None and img.get("alt"):
            label = collapse(f"{label} {img.get('alt')}")
        if label:
            return label, node
    return "", None


def _form_controls(form: etree._Element) -> list[etree._Element]:
    return [node for node in form.iter("input", "select", "textarea", "button")]


def _successful_defaults(controls: list[etree._Element], skip: etree._Element | None
                         ) -> tuple[dict[str, str], dict[str, str]]:
    """Hidden fields, and the other fields a browser would submit untouched (selects, checked boxes)."""
    hidden: dict[str, str] = {}
    extra: dict[str, str] = {}
    for node in controls:
        name = node.get("name")
        if not name or node is skip or node.get("disabled") is not None:
            continue
        kind = _input_type(node)
        if kind == "hidden":
            hidden[name] = node.get("value", "")
        elif kind in ("checkbox", "radio"):
            if node.get("checked") is not None:
                extra[name] = node.get("value", "on")
        elif kind == "select":
            options = node.findall(".//option")
            chosen = next((o for o in options if o.get("selected") is not None), options[0] if options else None)
            if chosen is not None:
                extra[name] = chosen.get("value", collapse(chosen.text_content()))
        elif kind in ("text", "search", "textarea", "email", "number", "tel", "url", "date"):
            value = node.get("value") if node.tag != "textarea" else node.text
            if value:
                extra[name] = value
    return hidden, extra


def _role_search(element: etree._Element) -> bool:
    if element.get("role") == "search" or element.tag == "search":
        return True
    for depth, ancestor in enumerate(element.iterancestors()):
        if ancestor.get("role") == "search" or ancestor.tag == "search":
            return True
        if depth >= 3:
            break
    return False


def _external_via(container: etree._Element, action: str | None, handlers: str, hidden: dict[str, str],
                  page_has_cse: bool, scripted: bool) -> str | None:
    v = vocab()
    if action and _external_host(action):
        return "action"
    if v.external_handler.search(handlers):
        return "handler"
    lowered = handlers.lower()
    if _has(lowered, v.external_urls):
        return "handler"
    if any(key in hidden for key in ("sitesearch", "as_sitesearch")) \
            or ("cx" in hidden and any(key in hidden for key in ("ie", "cof"))):
        return "cse-form"
    classes = _attrs_text(container, "class", "id")
    if "gsc-" in classes or "gcse" in classes:
        return "cse-element"
    if page_has_cse and scripted:
        return "cse-script"
    return None


def search_forms(root: etree._Element, url: str) -> list[dict]:
    """Forms and script-driven boxes that look like site search, best first.

    Each: {"action": absolute URL | None, "method": "GET"|"POST", "field": query field name, "hidden": {…},
    "extra": {…} (other fields a browser submits as they are), "submit": [name, value] | None,
    "charset": accept-charset | None, "template": URL prefix the query is appended to (script boxes) | None,
    "engine": "site"|"external", "external_via": "action"|"handler"|"cse-form"|"cse-element"|"cse-script"|None,
    "needs_browser": bool, "score": int, "signals": [...], "label": submit/box label, "locator": XPath,
    "page": url}. Nothing in comments, <template> or script bodies counts (lxml never makes those elements)."""
    v = vocab()
    tree = root.getroottree()
    page_has_cse = bool(_CSE_HINTS(root))
    found: list[dict] = []

    def consider(container: etree._Element, controls: list[etree._Element], is_form: bool) -> None:
        if _in_template(container):
            return
        kinds = [(node, _input_type(node)) for node in controls]
        if any(kind == "password" for _, kind in kinds):
            return  # a login box
        text_inputs = [node for node, kind in kinds if node.tag == "input" and kind in ("text", "search")]
        if not text_inputs:
            return
        scored = [(_query_field_score(root, node), node) for node in text_inputs]
        (field_score, field_signals), query = max(scored, key=lambda item: item[0][0])
        score, signals = field_score, list(field_signals)
        if _role_search(container):
            score += 3
            signals.append("role=search")
        attrs = _attrs_text(container, "action", "name", "id", "class") if is_form \
            else _attrs_text(container, "id", "class")
        marker = _has(attrs, v.form_markers)
        if marker:
            score += 2
            signals.append(f"form~{marker}")
        label, submit_node = _submit_label(container, query)
        lowered_label = label.lower()
        if lowered_label and lowered_label in v.submit_labels:
            score += 2
            signals.append(f"submit={label}")
        elif _has(lowered_label, v.submit_labels):
            score += 1
            signals.append(f"submit~{label}")
        context = f"{attrs} {lowered_label} {_label_of(root, query).lower()}"
        negative = _has(context, v.not_search)
        if negative:
            score -= 4
            signals.append(f"not-search~{negative}")
        if len(text_inputs) > 3:
            score -= 2
            signals.append(f"{len(text_inputs)} text inputs")
        if score < 4:
            return
        # Handlers near the box only: a whole-page ASP.NET form holds every widget's scripts.
        handlers = " ".join(filter(None, [container.get(name) for name in _HANDLER_ATTRS]
                                   + [_handlers(_scope(container, query, submit_node))]))
        raw_action = container.get("action") if is_form else None
        action: str | None = None
        scripted = False
        if is_form:
            stripped = (raw_action or "").strip()
            if stripped.lower().startswith("javascript:"):
                scripted = True
            elif stripped:
                action = resolve(url, stripped)
            elif container.get("onsubmit") or (submit_node is not None and _input_type(submit_node) == "button"):
                scripted = True
            else:
                action = url  # an empty action submits to the page itself
        else:
            scripted = True
        template = None
        if scripted:
            match = _LOCATION_TEMPLATE.search(handlers)
            if match:
                template = resolve(url, match.group(1))
                scripted = template is None
        if not query.get("name") and not template and not scripted:
            scripted = True  # a nameless field submits nothing: only a script can run this box
        submit_pair = None
        if is_form and submit_node is not None and submit_node.get("name") and submit_node.tag in ("input", "button"):
            submit_pair = [submit_node.get("name"), submit_node.get("value", "")]
        hidden, extra = _successful_defaults(controls, query)
        if is_form and submit_node is not None and "__EVENTTARGET" in hidden:
            postback = _POSTBACK.search(" ".join(filter(None, (submit_node.get("href"), submit_node.get("onclick")))))
            if postback:  # an ASP.NET LinkButton: the postback names the event the server runs
                hidden["__EVENTTARGET"], hidden["__EVENTARGUMENT"] = postback.group(1), postback.group(2)
        via = _external_via(container, action or template, handlers, hidden, page_has_cse, scripted)
        method = (container.get("method") or "get").strip().upper() if is_form else "GET"
        found.append({
            "action": action if not template else None,
            "method": "POST" if method == "POST" else "GET",
            "field": query.get("name") or None,
            "hidden": hidden,
            "extra": extra,
            "submit": submit_pair,
            "charset": ((container.get("accept-charset") or "").split() or [None])[0] if is_form else None,
            "template": template,
            "engine": "external" if via else "site",
            "external_via": via,
            "needs_browser": bool(scripted and not via),
            "score": score,
            "signals": signals,
            "label": label or _label_of(root, query),
            "locator": tree.getpath(container),
            # Where the browser types and clicks when only a script can run the box (crawler/browser_search.py).
            "field_id": query.get("id") or None,
            "field_locator": tree.getpath(query),
            "submit_locator": tree.getpath(submit_node) if submit_node is not None else None,
            "page": url,
        })

    for form in _FORMS(root):
        consider(form, _form_controls(form), True)
    seen_boxes: set[etree._Element] = set()  # elements, not id(): lxml proxies are recycled
    for loose in _LOOSE_INPUTS(root):
        if _input_type(loose) not in ("text", "search"):
            continue
        box = _box_of(loose)
        if box in seen_boxes:
            continue
        seen_boxes.add(box)
        consider(box, [n for n in box.iter("input", "select", "textarea", "button") if n.getparent() is not None
                       and not any(a.tag == "form" for a in n.iterancestors())], False)
    if not found and page_has_cse:
        element = _CSE_HINTS(root)[0]
        found.append({"action": None, "method": "GET", "field": None, "hidden": {}, "extra": {}, "submit": None,
                      "charset": None, "template": None, "engine": "external", "external_via": "cse-element",
                      "needs_browser": False, "score": 4, "signals": ["google-cse"], "label": "",
                      "locator": tree.getpath(element), "page": url})
    found.sort(key=lambda item: (-item["score"], item["needs_browser"]))
    return _unique_by(found, lambda item: (item["action"], item["template"], item["field"], item["engine"]))


def _scope(container: etree._Element, query: etree._Element, submit: etree._Element | None) -> etree._Element:
    """The smallest ancestor of the query field (up to the container) that also holds its submit control."""
    if submit is None:
        return container
    for ancestor in query.iterancestors():
        if ancestor is container:
            break
        if any(node is submit for node in ancestor.iter(submit.tag)):
            return ancestor
    return container


def _box_of(control: etree._Element) -> etree._Element:
    """The small container of a loose (form-less) input: a role=search / search-named ancestor, else its parent."""
    v = vocab()
    for depth, ancestor in enumerate(control.iterancestors()):
        if ancestor.tag in ("body", "html"):
            break
        if ancestor.get("role") == "search" or _has(_attrs_text(ancestor, "id", "class"), v.form_markers):
            return ancestor
        if depth >= 3:
            break
    parent = control.getparent()
    return parent if parent is not None else control


# --- probe queries -----------------------------------------------------------------------------
def probe_queries(site_words: list[str], configured: list[str] | None = None, *,
                  exclude: Iterable[str] = (), limit: int | None = None) -> list[str]:
    """The queries to run: configured words (or the site's own frequent words), then "" and a no-hit string.

    Frequent words: the 2–4 character CJK strings found in most distinct texts (titles, link texts), after the
    agency's name, chrome words (首頁, 網站導覽 …) and anything present in over half the texts (the site name
    repeated in every title) are removed; an n-gram only counts where no longer one occurs in exactly the same
    texts, so fragments such as 照服 (of 長照服務) never become queries."""
    v = vocab()
    words = [word.strip() for word in (configured or []) if word and word.strip()]
    if not words:
        words = _frequent_words(site_words, exclude, limit or v.default_words)
    result = list(dict.fromkeys(words))
    result += ["", v.no_hit_query]
    return result


def _frequent_words(texts: list[str], exclude: Iterable[str], limit: int) -> list[str]:
    v = vocab()
    removals = [word.lower() for word in exclude if word] + list(v.chrome_words)
    for name in list(exclude):
        for suffix in v.agency_suffixes:
            if name and name.endswith(suffix) and len(name) > len(suffix) + 1:
                removals.append(name[: -len(suffix)].lower())
    removals = sorted(set(removals), key=len, reverse=True)
    documents: list[set[str]] = []
    latin: list[set[str]] = []
    for text in dict.fromkeys(t for t in texts if t):
        lowered = text.lower()
        for word in removals:
            if word in lowered:
                lowered = lowered.replace(word, " ")
        grams: set[str] = set()
        for run in _CJK_RUN.findall(lowered):
            for size in (2, 3, 4):
                for start in range(len(run) - size + 1):
                    grams.add(run[start:start + size])
        documents.append(grams)
        latin.append({w for w in _LATIN_WORD.findall(lowered)})
    chosen = _pick(documents, limit)
    if len(chosen) < limit:
        chosen += [w for w in _pick(latin, limit - len(chosen)) if w not in chosen]
    return chosen


def _pick(documents: list[set[str]], limit: int) -> list[str]:
    support: dict[str, frozenset[int]] = {}
    postings: dict[str, set[int]] = defaultdict(set)
    for index, grams in enumerate(documents):
        for gram in grams:
            postings[gram].add(index)
    total = len(documents)
    for gram, docs in postings.items():
        if len(docs) < 2 or (total >= 6 and len(docs) > total / 2):
            continue
        support[gram] = frozenset(docs)
    closed = []
    for gram, docs in support.items():
        longer = (other for other in support if len(other) > len(gram) and gram in other)
        if any(support[other] == docs for other in longer):
            continue
        closed.append(gram)
    closed.sort(key=lambda g: (-len(support[g]), -len(g), g))
    chosen: list[str] = []
    for gram in closed:
        if any(gram in other or other in gram for other in chosen):
            continue
        chosen.append(gram)
        if len(chosen) >= limit:
            break
    return chosen


# --- reading a results page ------------------------------------------------------------------------
def _page_text(root: etree._Element) -> tuple[str, str]:
    main = _MAIN(root)
    body = collapse(" ".join(_TEXT_NODES(root)))
    if main:
        main_text = collapse(" ".join(t for t in main[0].xpath(
            ".//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")))
        return main_text, body
    return body, body


def _first_number(patterns: list[re.Pattern], *texts: str) -> int | None:
    for text in texts:
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                try:
                    return int(match.group(1).replace(",", ""))
                except ValueError:
                    continue
    return None


def _query_params(url: str) -> dict[str, str]:
    return {k.lower(): v for k, v in parse_qsl(urlsplit(url).query, keep_blank_values=True)}


def _anchor_label(anchor: etree._Element) -> str:
    text = _text(anchor)
    if not text:
        text = collapse(" ".join(filter(None, (anchor.get("title"), anchor.get("aria-label")))))
        img = anchor.find(".//img")
        if not text and img is not None:
            text = collapse(img.get("alt") or "")
    return text


def _near_marker(element: etree._Element, markers: Iterable[str], levels: int = 4) -> bool:
    for depth, ancestor in enumerate(element.iterancestors()):
        if depth >= levels or ancestor.tag in ("body", "html"):
            break
        name = _attrs_text(ancestor, "id", "class", "aria-label", "role")
        if name.strip() and _has(name, markers):
            return True
    return False


def _pagination(root: etree._Element, url: str, text: str, pages_in_text: int | None) -> dict:
    v = vocab()
    via: list[str] = []
    next_url = None
    numbered: dict[int, str | None] = {}
    postback = False
    # (event target, argument) of the postback that shows page 2: the "2" link, a Page$2 argument, or 下一頁.
    postbacks: dict[str, tuple[str, str]] = {}
    current = _query_params(url)
    for link in _HEAD_NEXT(root):
        next_url = next_url or resolve(url, link.get("href", ""))
        via.append("link-rel-next")
    by_parent: dict[etree._Element, list[tuple[int, etree._Element]]] = defaultdict(list)
    for anchor in _LINKS(root):
        href = (anchor.get("href") or "").strip()
        target = resolve(url, href)
        is_js = href.lower().startswith("javascript:")
        label = _anchor_label(anchor).lower()
        rel = (anchor.get("rel") or "").lower().split()
        if "next" in rel or label in v.next_labels or label.rstrip(" >›»") in ("下一頁", "下頁", "next"):
            if is_js:
                pb = _POSTBACK.search(href)
                postback = postback or bool(pb)
                if pb:
                    postbacks.setdefault("next", pb.groups())
                via.append("next-script")
            elif target and url_key(target) != url_key(url):
                next_url = next_url or target
                via.append("next")
            continue
        number = None
        match = re.fullmatch(r"\[?\s*(\d{1,4})\s*\]?", label) or re.fullmatch(r"第\s*(\d{1,4})\s*頁", label)
        if match:
            number = int(match.group(1))
        elif is_js:
            pb = _POSTBACK.search(href)
            page_arg = re.search(r"page\$?\s*(\d+)", pb.group(2), re.I) if pb else None
            if page_arg:
                postback = True
                via.append("postback")
                if page_arg.group(1) == "2":
                    postbacks.setdefault("argument", pb.groups())
            continue
        if number is None:
            continue
        params = _query_params(target or "") if target and not is_js else {}
        page_param = next((k for k in params if k in v.page_params and params[k] != current.get(k)), None)
        in_pager = _near_marker(anchor, v.page_containers)
        if is_js:
            pb = _POSTBACK.search(href)
            if pb or in_pager:
                postback = True
                via.append("postback")
            if pb and number == 2:
                postbacks.setdefault("numbered", pb.groups())
            continue
        if not (page_param or in_pager) and (_region_is_chrome(anchor) or _near_marker(anchor, _CALENDAR, 6)):
            continue  # day numbers of a sidebar calendar are not page numbers
        parent = anchor.getparent()
        while parent is not None and parent.tag in ("li", "span") and parent.getparent() is not None:
            parent = parent.getparent()
        by_parent[parent].append((number, anchor))
        if page_param or in_pager:
            numbered.setdefault(number, target)
    for group in by_parent.values():
        numbers = sorted({n for n, _ in group})
        if len(numbers) >= 2 and any(b - a == 1 for a, b in zip(numbers, numbers[1:])):
            for number, anchor in group:
                numbered.setdefault(number, resolve(url, anchor.get("href", "")))
    if numbered:
        via.append("numbered")
    text_hint = v.page_texts.search(text)
    if text_hint:
        via.append(f"text:{text_hint.group(0)}")
    for select in _SELECTS(root):
        if _near_marker(select, v.page_containers, 3) or "page" in _attrs_text(select, "name", "id"):
            via.append("page-select")
            break
    page2 = numbered.get(2)
    for number, target in numbered.items():
        if page2 is None and target and _query_params(target).get("page") == "2":
            page2 = target
    if page2 is None and next_url and not _page_number_of(url):
        page2 = next_url
    pages = max(numbered) if numbered else None
    paginated = bool(next_url or len(numbered) >= 2 or postback or page2 or (pages_in_text or 0) >= 2)
    page2_postback = None
    if page2 is None and not _page_number_of(url):
        found = postbacks.get("numbered") or postbacks.get("argument") or postbacks.get("next")
        page2_postback = list(found) if found else None
    return {"paginated": paginated, "page2_url": page2, "next_url": next_url, "max_page_link": pages,
            "postback": postback, "page2_postback": page2_postback, "via": sorted(set(via))}


def _page_number_of(url: str) -> int | None:
    v = vocab()
    for key, value in _query_params(url).items():
        if key in v.page_params and value.isdigit() and key not in ("start", "offset"):
            return int(value)
    return None


def _classify_sort(label: str) -> str | None:
    lowered = label.lower()
    for key in SORT_KEYS:
        if _has(lowered, vocab().sort_labels[key]):
            return key
    return None


def _sort_options(root: etree._Element, url: str, query_field: str | None) -> list[dict]:
    v = vocab()
    options: list[dict] = []
    for select in _SELECTS(root):
        if _in_template(select):
            continue
        name = select.get("name") or ""
        label = _label_of(root, select).lower()
        sort_like = bool(_has(_attrs_text(select, "name", "id", "class"), v.sort_markers) or "排序" in label
                         or _near_marker(select, v.sort_markers, 2))
        items = select.findall(".//option")
        classified = [(opt, _classify_sort(collapse(opt.text_content()))) for opt in items]
        if not sort_like and sum(1 for _, k in classified if k in ("relevance", "time")) < 2:
            short = re.split(r"[$:.]", name.lower())[-1]
            if short in v.topic_params or _has(label, v.sort_labels["topic"]):
                value = next((o.get("value", "") for o in items if o.get("value")), None)
                options.append({"key": "topic", "label": label or name, "control": "filter-select",
                                "param": name or None, "value": value, "url": None})
            continue
        for opt, key in classified:
            if not key:
                continue
            value = opt.get("value", collapse(opt.text_content()))
            target = resolve(url, value) if value.startswith(("http", "/", "?")) else None
            options.append({"key": key, "label": collapse(opt.text_content()), "control": "select",
                            "param": name or None, "value": value, "url": target})
    for anchor in _LINKS(root):
        label = _anchor_label(anchor)
        if not label or len(label) > 16:
            continue
        key = _classify_sort(label)
        href = anchor.get("href", "")
        target = resolve(url, href)
        params = _query_params(target or "")
        sort_param = next((k for k in params if _has(k, v.sort_markers)), None)
        if key and (sort_param or _near_marker(anchor, v.sort_markers) or "排序" in label):
            options.append({"key": key, "label": label, "control": "link", "param": sort_param,
                            "value": params.get(sort_param) if sort_param else None,
                            "url": target if target and target.startswith("http") else None})
        elif query_field and target and target.startswith("http") and query_field.lower() in params \
                and any(k in v.topic_params for k in params) \
                and urlsplit(target).path == urlsplit(url).path:
            param = next(k for k in params if k in v.topic_params)
            if params[param] != _query_params(url).get(param):
                options.append({"key": "topic", "label": label, "control": "facet-link", "param": param,
                                "value": params[param], "url": target})
    for control in _RADIOS(root) + _BUTTONS(root):
        if _in_template(control):
            continue
        name = control.get("name") or ""
        label = _label_of(root, control) or control.get("value", "") or _text(control)
        if control.tag == "input" and _input_type(control) == "radio" and not label:
            sibling = control.tail or ""
            label = collapse(sibling)
        key = _classify_sort(label) if label and len(label) <= 16 else None
        if key and (_has(name.lower(), v.sort_markers) or _near_marker(control, v.sort_markers)):
            options.append({"key": key, "label": label, "control": "radio" if _input_type(control) == "radio"
                            else "button", "param": name or None, "value": control.get("value"), "url": None})
    return _unique_by(options, lambda option: (option["key"], option["label"], option["url"], option["control"]))


def _result_links(root: etree._Element, url: str, skip_keys: set[str], query_field: str | None) -> list[str]:
    v = vocab()
    groups: dict[etree._Element, dict] = {}
    query_names = {query_field.lower()} if query_field else set(v.query_names)
    here = urlsplit(url)
    for anchor in _LINKS(root):
        href = (anchor.get("href") or "").strip()
        target = resolve(url, href)
        if not target or not target.startswith("http"):
            continue
        key = url_key(target)
        if key in skip_keys or key == url_key(url):
            continue
        label = _anchor_label(anchor)
        lowered = label.lower()
        if len(label) < 2 or _DIGITS.match(label) or lowered in v.next_labels:
            continue
        chrome_text = lowered in v.skip_texts  # 首頁, 更多 …: kept only inside a list that wins on other items
        parts = urlsplit(target)
        if parts.path == here.path and query_names & set(_query_params(target)):
            continue  # another search: hot keywords, related searches, pagination
        if _region_is_chrome(anchor):
            continue
        item = anchor
        for ancestor in anchor.iterancestors():
            if ancestor.tag in ("li", "tr", "dt", "dd", "article"):
                item = ancestor
                break
            if ancestor.tag in ("ul", "ol", "table", "tbody", "dl", "main", "body", "section"):
                break
        container = item.getparent() if item is not anchor else anchor.getparent()
        if container is None:
            continue
        group = groups.setdefault(container, {"element": container, "items": {}, "plain": set(),
                                              "order": len(groups)})
        group["items"].setdefault(item, target)
        if not chrome_text:
            group["plain"].add(item)
    if not groups:
        return []

    def rank(group: dict) -> tuple:
        element = group["element"]
        named = 1 if _has(_attrs_text(element, "id", "class"), v.result_markers) else 0
        return (len(group["plain"]) + 2 * named, -group["order"])

    best = max(groups.values(), key=rank)
    if not best["plain"]:
        return []
    return list(dict.fromkeys(best["items"].values()))


def results_facts(root: etree._Element, url: str, query_field: str | None = None) -> dict:
    """What a results page shows: {"count": N shown | None, "pages": N | None, "result_links": [URL…] (the main
    list), "listed": n, "paginated", "page2_url", "next_url", "postback_pagination", "page2_postback": [ASP.NET
    event target, argument] | None, "pagination_via": [...], "sort_options": [{"key":
    relevance|time|topic, "label", "control", "param", "value", "url"}], "no_results": phrase | None,
    "empty_prompt": phrase | None, "external": bool (Google CSE markup on the page), "title": str}."""
    v = vocab()
    main_text, body_text = _page_text(root)
    count = _first_number(v.count_patterns, main_text, body_text)
    pages = _first_number(v.page_count_patterns, main_text, body_text)
    pagination = _pagination(root, url, main_text, pages)
    sort_options = _sort_options(root, url, query_field)
    skip = {url_key(u) for u in (pagination["page2_url"], pagination["next_url"]) if u}
    skip |= {url_key(o["url"]) for o in sort_options if o.get("url")}
    links = _result_links(root, url, skip, query_field)
    lowered = main_text.lower()
    no_results = _has(lowered, v.no_results) or (_has(body_text.lower(), v.no_results) if not links else None)
    if count == 0:
        links = []
        no_results = no_results or "0 筆"
    elif no_results and count is None and len(links) <= 3:
        links = []  # "查無資料" plus a few stray links (hot keywords) is a no-hit page
    elif no_results and (count or links):
        no_results = None if count else no_results
    empty_prompt = _has(lowered, v.empty_prompts)
    title_nodes = root.xpath("//title")
    return {
        "count": count,
        "pages": pages or (pagination["max_page_link"] if pagination["paginated"] else None),
        "result_links": links[:100],
        "listed": len(links),
        "paginated": pagination["paginated"],
        "page2_url": pagination["page2_url"],
        "next_url": pagination["next_url"],
        "postback_pagination": pagination["postback"],
        "page2_postback": pagination["page2_postback"],
        "pagination_via": pagination["via"],
        "sort_options": sort_options,
        "no_results": no_results,
        "empty_prompt": empty_prompt,
        "external": bool(_CSE_HINTS(root)),
        "title": collapse(title_nodes[0].text_content())[:200] if title_nodes else "",
    }


def result_count(facts: dict) -> int | None:
    """The number of results a query got: the count shown, else the items listed, else 0 on a no-hit page."""
    if not facts:
        return None
    if facts.get("count") is not None:
        return facts["count"]
    if facts.get("listed"):
        return facts["listed"]
    if facts.get("no_results"):
        return 0
    return None


# --- the site check ---------------------------------------------------------------------------------
def _probes(site) -> list[dict]:
    records = getattr(site, "search_probes", None) or []
    return [asdict(r) if isinstance(r, SearchProbe) else r for r in records]


def _chosen_form(discoveries: list[dict]) -> dict | None:
    """The box the probe used (facts["chosen"]), else the best one found: site engines before outside ones."""
    for discovery in discoveries:
        chosen = (discovery.get("facts") or {}).get("chosen")
        if chosen:
            return chosen
    forms = [form for d in discoveries for form in (d.get("facts") or {}).get("forms", [])]
    if not forms:
        return None
    return sorted(forms, key=lambda f: (f["engine"] != "site", f["needs_browser"], -f["score"]))[0]


def _form_url(form: dict | None) -> str | None:
    if not form:
        return None
    return form.get("action") or form.get("template") or form.get("page")


@dataclass(slots=True)
class _State:
    discoveries: list[dict]
    form: dict | None
    engine: str | None
    words: list[dict]
    empty: dict | None
    no_hit: dict | None
    page2: list[dict]
    sorts: list[dict]
    browser: dict | None
    external_via: str | None


def _state(site) -> _State:
    probes = _probes(site)
    discoveries = [p for p in probes if p["kind"] == "discover"]
    form = _chosen_form(discoveries)
    words = [p for p in probes if p["kind"] == "word"]
    queries = [p for p in probes if p["kind"] in ("word", "empty", "no-hit")]
    engine = None
    external_via = None
    if form:
        engine = form["engine"]
        external_via = form.get("external_via")
        if engine == "site":
            if any((p.get("facts") or {}).get("external_url") for p in queries):
                engine, external_via = "external", "script-navigation"  # the box sent the query elsewhere
            elif any((p.get("facts") or {}).get("external") for p in queries):
                engine, external_via = "external", "results-page"  # the site's own page renders Google CSE
    return _State(
        discoveries=discoveries, form=form, engine=engine, words=words,
        empty=next((p for p in probes if p["kind"] == "empty"), None),
        no_hit=next((p for p in probes if p["kind"] == "no-hit"), None),
        page2=[p for p in probes if p["kind"] == "page2"],
        sorts=[p for p in probes if p["kind"] == "sort"],
        browser=next((p for p in probes if p["kind"] == "browser"), None),
        external_via=external_via,
    )


def _answered(probe: dict) -> bool:
    return probe.get("error") is None and probe.get("status") is not None and probe["status"] < 400


def _sort_keys(state: _State) -> list[str]:
    found = set()
    for probe in state.words + ([state.empty] if state.empty else []) + state.page2 + state.sorts:
        if probe and _answered(probe):
            found.update(o["key"] for o in (probe.get("facts") or {}).get("sort_options", []))
    return [key for key in SORT_KEYS if key in found]


def _page2_differs(state: _State) -> bool | None:
    answered = [p for p in state.page2 if _answered(p)]
    if answered:
        return any((p.get("facts") or {}).get("differs") for p in answered)
    if state.page2:
        return False  # page 2 linked but failing
    return None


def summarize_search(site) -> dict:
    """summary.search, exactly as the contract writes it; "queries" holds the word queries (the empty and
    the no-hit query have their own keys)."""
    state = _state(site)
    form = state.form

    def query_entry(probe: dict) -> dict:
        facts = probe.get("facts") or {}
        return {"q": probe.get("q"), "url": probe.get("final_url") if probe.get("method") == "POST"
                and probe.get("final_url") else probe["url"],
                "results": result_count(facts) if _answered(probe) else None,
                "pages": facts.get("pages") if _answered(probe) else None,
                "status": probe.get("status"), "response_ms": probe.get("response_ms")}

    empty = None
    if state.empty:
        entry = query_entry(state.empty)
        empty = {"url": entry["url"], "status": entry["status"], "results": entry["results"]}
    no_hit = None
    if state.no_hit:
        entry = query_entry(state.no_hit)
        facts = state.no_hit.get("facts") or {}
        no_hit = {"url": entry["url"], "status": entry["status"], "results": entry["results"],
                  "message": facts.get("no_results") or facts.get("empty_prompt")}
    paginated = any(_answered(p) and (p.get("facts") or {}).get("paginated") for p in state.words)
    return {
        "found": form is not None,
        "engine": state.engine,
        "form_url": _form_url(form),
        "method": form["method"] if form else None,
        "paginated": paginated,
        "page2_differs": _page2_differs(state) if paginated else None,
        "sort_options": _sort_keys(state) if state.engine == "site" else [],
        "empty_query": empty,
        "no_hit_query": no_hit,
        "queries": [query_entry(p) for p in state.words],
    }


def _finding(check: str, severity: str, url: str, message: str, target: str | None = None,
             **evidence) -> Finding:
    return Finding(check=check, severity=severity, indicator=SEARCH_AND_ACCESS, url=url, message=message,
                   target=target, evidence=evidence)


def check_search(site) -> Iterator[Finding]:
    """search.missing / external / no-pagination / no-sort / broken / slow, plus one search.not-probed (info)
    whenever the search was found but could not be probed, with evidence.reason: robots | off-host | budget |
    crawl-ended | needs-browser | browser-disabled | browser-unavailable | script-failed."""
    state = _state(site)
    home = site.start_url
    if not state.discoveries:
        return  # the homepage was never parsed: site.unreachable says why; nothing to say about search
    page = state.discoveries[0].get("url") or home
    if state.form is None:
        looked = [d.get("url") for d in state.discoveries]
        failed = [d for d in state.discoveries if d.get("error") or (d.get("status") or 0) >= 400]
        if failed and failed[0].get("error") == "robots":
            yield _not_probed(failed[0]["url"], "robots", "robots.txt 禁止存取搜尋頁，未執行搜尋測試（非搜尋故障）",
                              failed[0]["url"], urls=[failed[0]["url"]])
            return
        if failed:
            yield _finding("search.broken", "error", failed[0]["url"],
                           f"搜尋頁無法開啟：{failed[0].get('error') or 'HTTP ' + str(failed[0].get('status'))}",
                           target=failed[0]["url"], status=failed[0].get("status"), error=failed[0].get("error"),
                           kind="search-page")
            return
        links = [(d.get("facts") or {}).get("search_link") for d in state.discoveries]
        link = next((found for found in links if found), None)
        if link and not any((d.get("facts") or {}).get("source") == "search-page" for d in state.discoveries):
            yield _unfinished(site, page, link)  # the search page was linked but the crawl ended first
            return
        yield _finding("search.missing", "error", page,
                       "首頁找不到站內搜尋功能（無搜尋表單或搜尋框）", looked=looked)
        return
    form = state.form
    form_url = _form_url(form)
    where = form.get("page") or page
    locator = form.get("locator", "")
    if state.engine == "external":
        external = [p["facts"]["external_url"] for p in state.words + [state.empty, state.no_hit]
                    if p and (p.get("facts") or {}).get("external_url")]
        yield _finding("search.external", "warning", where,
                       "站內搜尋交由外部搜尋引擎（如 Google）處理，結果之分頁與排序（相關度、時間、主題）非由本站控制",
                       target=external[0] if external else form_url, via=state.external_via, form=form_url,
                       locator=locator, urls=external)
        return
    queries = state.words + [p for p in (state.empty, state.no_hit) if p]
    blocked = [p for p in queries if p.get("error") == "robots"]
    if queries and len(blocked) == len(queries):
        yield _not_probed(where, "robots", "robots.txt 禁止存取搜尋路徑，未執行搜尋測試（非搜尋故障）", form_url,
                          urls=[p["url"] for p in blocked], locator=locator)
        return
    if form.get("needs_browser"):
        finding = _browser_not_probed(state, where, form_url, queries)
        if finding is not None:
            yield finding
            return
        queries = [p for p in queries if p.get("error") != "script-box"]
    if form.get("off_host") and not queries:
        yield _not_probed(where, "off-host", "搜尋表單送往本機關主機以外的網站，未執行搜尋測試", form_url,
                          urls=[form_url], locator=locator)
        return
    if not queries:
        yield _unfinished(site, where, form_url, locator=locator)
        return
    for probe in queries:
        if probe.get("error") == "robots":
            continue
        status = probe.get("status")
        # An empty or no-hit query may be refused (400 請輸入關鍵字); only a server error or no answer is broken.
        limit = 400 if probe["kind"] == "word" else 500
        if probe.get("error") or status is None or status >= limit:
            yield _finding("search.broken", "error", probe["url"],
                           f"搜尋「{probe.get('q') or '（空白）'}」失敗：" +
                           (f"HTTP {status}" if status is not None else f"{probe.get('error') or '無回應'}"),
                           target=probe["url"], q=probe.get("q"), status=status, error=probe.get("error"),
                           method=probe.get("method"), kind=probe["kind"])
    for probe in state.words:
        if _answered(probe) and result_count(probe.get("facts") or {}) == 0:
            yield _finding("search.broken", "warning", probe["url"],
                           f"以本站常見詞「{probe.get('q')}」搜尋，卻查無結果", target=probe["url"], q=probe.get("q"),
                           status=probe.get("status"), message_on_page=(probe.get("facts") or {}).get("no_results"),
                           kind="word-no-results")
    answered = [p for p in state.words if _answered(p)]
    if not answered:
        return
    paginated = [p for p in answered if (p.get("facts") or {}).get("paginated")]
    if paginated:
        if _page2_differs(state) is False:
            evidence_urls = [p["url"] for p in state.page2]
            yield _finding("search.no-pagination", "warning", paginated[0]["url"],
                           "搜尋結果雖有分頁連結，但第 2 頁與第 1 頁內容相同或無法開啟", target=evidence_urls[0]
                           if evidence_urls else None, page1=paginated[0]["url"], page2=evidence_urls)
    else:
        crowded = [p for p in answered if _crowded(p.get("facts") or {})]
        if crowded:
            facts = crowded[0].get("facts") or {}
            shown = facts.get("count") if facts.get("count") is not None else facts.get("listed")
            yield _finding("search.no-pagination", "warning", crowded[0]["url"],
                           f"搜尋結果未分頁：共 {shown} 筆"
                           f"（本頁列出 {facts.get('listed')} 筆）卻無分頁或下一頁功能", target=crowded[0]["url"],
                           q=crowded[0].get("q"), count=facts.get("count"), listed=facts.get("listed"))
    with_results = [p for p in answered if result_count(p.get("facts") or {})]
    if with_results:
        present = _sort_keys(state)
        missing = [key for key in SORT_KEYS if key not in present]
        if missing:
            names = "、".join(SORT_NAMES[key] for key in missing)
            yield _finding("search.no-sort", "warning", with_results[0]["url"],
                           f"搜尋結果無法依{names}排序", target=with_results[0]["url"], missing=missing,
                           key=",".join(missing),
                           present=present, q=with_results[0].get("q"))
    timed = [p for p in queries if p.get("response_ms") and p["response_ms"] > SLOW_MS]
    if timed:
        slowest = max(timed, key=lambda p: p["response_ms"])
        yield _finding("search.slow", "warning", slowest["url"],
                       f"搜尋回應時間 {slowest['response_ms'] / 1000:.1f} 秒，超過 {SLOW_MS / 1000:.0f} 秒",
                       target=slowest["url"], q=slowest.get("q"), response_ms=slowest["response_ms"],
                       slow=[{"q": p.get("q"), "url": p["url"], "response_ms": p["response_ms"]} for p in timed])


def _not_probed(url: str, reason: str, message: str, target: str | None, **evidence) -> Finding:
    """The one finding saying the search could not be probed, and why (never a verdict on the search itself)."""
    return _finding("search.not-probed", "info", url, message, target=target, reason=reason, **evidence)


def _unfinished(site, url: str, target: str | None, **evidence) -> Finding:
    """A search found but never queried: a crawl budget ended the crawl first, or the crawl stopped early."""
    budget = getattr(site, "budget_hit", None)
    if budget:
        return _not_probed(url, "budget", f"爬取預算（{budget}）用盡，未完成搜尋測試（非搜尋故障）", target,
                           budget=budget, **evidence)
    return _not_probed(url, "crawl-ended", "爬取提前結束，未完成搜尋測試（非搜尋故障）", target,
                       close_reason=getattr(site, "close_reason", None), **evidence)


_BROWSER_REASONS = {
    "browser-disabled": "搜尋框由網頁程式（JavaScript）驅動，需以瀏覽器測試；本次未啟用瀏覽器（--no-browser），未執行搜尋",
    "browser-unavailable": "搜尋框由網頁程式（JavaScript）驅動，需以瀏覽器測試；無法啟動 Chromium，未執行搜尋",
}


def _browser_not_probed(state: _State, url: str, target: str | None, queries: list[dict]) -> Finding | None:
    """Why a script-driven box has no usable answer: browser off or missing, or the box could not be operated."""
    locator = state.form.get("locator", "") if state.form else ""
    if state.browser is not None and not queries:
        reason = state.browser.get("error") or "browser-unavailable"
        detail = (state.browser.get("facts") or {}).get("detail", "")
        message = _BROWSER_REASONS.get(reason, _BROWSER_REASONS["browser-unavailable"])
        return _not_probed(url, reason, message + (f"：{detail}" if detail and reason != "browser-disabled" else ""),
                           target, detail=detail, locator=locator)
    if not queries:
        return _not_probed(url, "needs-browser", "搜尋框由網頁程式（JavaScript）驅動，需以瀏覽器測試，本次未執行搜尋",
                           target, locator=locator)
    failed = [p for p in queries if p.get("error") == "script-box"]
    if len(failed) == len(queries):
        detail = (failed[0].get("facts") or {}).get("error_detail", "")
        return _not_probed(url, "script-failed", f"以瀏覽器操作搜尋框失敗，未能完成搜尋測試：{detail}", target,
                           detail=detail, urls=[p["url"] for p in failed], locator=locator)
    return None


def _crowded(facts: dict) -> bool:
    listed = facts.get("listed") or 0
    count = facts.get("count")
    return listed >= MANY_RESULTS or (count is not None and listed > 0 and count > listed)


def _unique_by(items: list[dict], identity) -> list[dict]:
    """Items in order, keeping the first of each identity."""
    unique, seen = [], set()
    for item in items:
        key = identity(item)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique
