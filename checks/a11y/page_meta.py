"""Page behaviour set in markup: viewport zoom, meta refresh, autocomplete, frames, download formats.

WCAG 1.4.4, 2.2.1, 2.2.4/3.2.5, 1.3.5, 2.1.1 and the 規範's ME1320200C (open formats, 3.2.2)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

import lxml.html
from lxml import etree

from checks.a11y.accname import accessible_name
from checks.a11y.dom import Element, Page, input_type, snippet, tabindex_of
from checks.a11y.hits import Hit, produces

_FOCUSABLE_IN_FRAME = etree.XPath("//a[@href] | //area[@href] | //button | //input | //select | //textarea"
                                  " | //*[@tabindex] | //summary")

_REFRESH_TIME = re.compile(r"(\d*)(\.[\d.]*)?")
_REFRESH_SEPARATORS = frozenset(";, \t\n\f\r")
# Delays up to 20 hours are a time limit the user must be able to turn off (WCAG 2.2.1 exception).
_TWENTY_HOURS = 72000
_SCALE_WORDS = {"yes": 1.0, "no": 0.0, "device-width": 10.0, "device-height": 10.0}
_LEADING_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")

_KEY_HANDLERS = ("onkeydown", "onkeyup", "onkeypress")
_NO_AUTOFILL_TYPES = frozenset({"hidden", "button", "submit", "reset", "image"})
_FIELD_NAMES = frozenset((
    "name honorific-prefix given-name additional-name family-name honorific-suffix nickname username "
    "new-password current-password one-time-code organization-title organization street-address "
    "address-line1 address-line2 address-line3 address-level4 address-level3 address-level2 "
    "address-level1 country country-name postal-code cc-name cc-given-name cc-additional-name "
    "cc-family-name cc-number cc-exp cc-exp-month cc-exp-year cc-csc cc-type transaction-currency "
    "transaction-amount language bday bday-day bday-month bday-year sex url photo"
).split())
_CONTACT_FIELDS = frozenset((
    "tel tel-country-code tel-national tel-area-code tel-local tel-local-prefix tel-local-suffix "
    "tel-extension email impp"
).split())
_CONTACT_KINDS = frozenset({"home", "work", "mobile", "fax", "pager"})

_CLOSED_FORMATS = frozenset({"doc", "docx", "xls", "xlsx", "ppt", "pptx"})
_OPEN_FORMATS = frozenset({"odt", "ods", "odp", "odg", "pdf", "csv"})
_FORMAT_IN_URL = re.compile(r"\.(?:docx?|xlsx?|pptx?|od[tspg]|pdf|csv)\b", re.IGNORECASE)
_FORMAT_IN_TEXT = re.compile(r"(?:\.|\b)(docx?|xlsx?|pptx?|odt|ods|odp|pdf)\b", re.IGNORECASE)
_ENTRY_TAGS = frozenset({"li", "tr", "dd", "p"})


def _short(element: Element) -> str:
    return snippet(element, 160)


# --- viewport -------------------------------------------------------------------------------------

@produces("meta-viewport")
def check_viewport(page: Page) -> Iterator[Hit]:
    for meta in page.tagged("meta"):
        if meta.get("name", "").strip().lower() != "viewport" or meta.get("content") is None:
            continue
        problem = viewport_problem(meta.get("content", ""))
        if problem:
            yield Hit("meta-viewport", meta, f"{problem}：{_short(meta)}")


def viewport_problem(content: str) -> str | None:
    properties = {}
    for part in re.split(r"[,;]", content):
        key, _equals, value = part.partition("=")
        properties[key.strip().lower()] = value.strip().lower()
    scalable = properties.get("user-scalable")
    if scalable:
        value = _scale(scalable)
        if -1 < value < 1:
            return f"user-scalable={scalable} 禁止使用者縮放"
    maximum = properties.get("maximum-scale")
    if maximum:
        value = _scale(maximum)
        if 0 <= value < 2:
            return f"maximum-scale={maximum} 使放大倍率低於 2 倍"
    return None


def _scale(value: str) -> float:
    """A viewport number as browsers read it: keywords map to numbers, junk counts as 0."""
    if value in _SCALE_WORDS:
        return _SCALE_WORDS[value]
    found = _LEADING_NUMBER.match(value)
    return float(found.group()) if found else 0.0


# --- meta refresh ---------------------------------------------------------------------------------

def refresh_delay(content: str) -> int | None:
    """Seconds before a refresh or redirect, parsed as browsers do; None when the value is invalid."""
    text = content.lstrip(" \t\n\f\r")
    found = _REFRESH_TIME.match(text)
    digits, fraction = found.group(1), found.group(2)
    if not digits and not fraction:
        return None
    rest = text[found.end():]
    if rest and rest[0] not in _REFRESH_SEPARATORS:
        return None
    return int(digits) if digits else 0


@produces("meta-refresh", "meta-refresh-aaa")
def check_refresh(page: Page) -> Iterator[Hit]:
    for meta in page.tagged("meta"):
        if (meta.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        delay = refresh_delay(meta.get("content") or "")
        if delay is None:
            continue  # browsers skip an invalid refresh and obey the next valid one
        if 0 < delay <= _TWENTY_HOURS:
            yield Hit("meta-refresh", meta, f"{delay} 秒後自動重新整理或轉址：{_short(meta)}")
        if delay > 0:
            yield Hit("meta-refresh-aaa", meta, f"{delay} 秒後自動重新整理或轉址：{_short(meta)}")
        return


# --- autocomplete ---------------------------------------------------------------------------------

def valid_autocomplete(value: str) -> bool:
    """The autofill detail tokens of the HTML standard, in their order."""
    tokens = value.lower().split()
    if tokens in (["on"], ["off"]):
        return True
    if tokens and tokens[-1] == "webauthn":
        tokens = tokens[:-1]
    if tokens and tokens[0].startswith("section-") and len(tokens[0]) > len("section-"):
        tokens = tokens[1:]
    if tokens and tokens[0] in ("shipping", "billing"):
        tokens = tokens[1:]
    if len(tokens) == 2 and tokens[0] in _CONTACT_KINDS:
        return tokens[1] in _CONTACT_FIELDS
    return len(tokens) == 1 and (tokens[0] in _FIELD_NAMES or tokens[0] in _CONTACT_FIELDS)


@produces("autocomplete-valid")
def check_autocomplete(page: Page) -> Iterator[Hit]:
    for field in page.exposed_only(page.having("autocomplete")):
        value = field.get("autocomplete") or ""
        if field.tag not in ("input", "select", "textarea") or not value.strip() or page.disabled(field):
            continue
        if field.tag == "input" and input_type(field) in _NO_AUTOFILL_TYPES:
            continue
        if (field.get("aria-disabled") or "").strip().lower() == "true":
            continue
        if not valid_autocomplete(value):
            yield Hit("autocomplete-valid", field, f"autocomplete=\"{value}\"：{_short(field)}")


# --- frames taken out of the tab order ------------------------------------------------------------

@produces("iframe-focusable-content")
def check_frame_tab_order(page: Page) -> Iterator[Hit]:
    for frame in page.rendered_only(page.tagged("iframe")):
        tabindex = tabindex_of(frame)
        if frame.get("srcdoc") is None:
            continue
        if tabindex is None or tabindex >= 0 or _tiny(frame):
            continue
        if _srcdoc_has_focusable(frame.get("srcdoc") or ""):
            yield Hit("iframe-focusable-content", frame,
                      f"tabindex=\"{tabindex}\" 的頁框內有連結或按鈕：{_short(frame)}")


def _tiny(frame: Element) -> bool:
    return any((frame.get(side) or "").strip() in ("0", "1", "0px", "1px") for side in ("width", "height"))


def _srcdoc_has_focusable(srcdoc: str) -> bool:
    if not srcdoc.strip():
        return False
    try:
        document = lxml.html.document_fromstring(srcdoc)
    except (etree.ParserError, ValueError):
        return False
    inner = Page(document, "about:srcdoc")
    return any(inner.focusable(element, sequential=True) for element in _FOCUSABLE_IN_FRAME(document))


# --- keyboard traps -------------------------------------------------------------------------------

@produces("focus-trap")
def check_focus_traps(page: Page) -> Iterator[Hit]:
    """A blur handler that pulls focus back, with no key handler that could offer a way out."""
    for element in page.rendered_only(page.having("onblur")):
        handler = element.get("onblur") or ""
        if ".focus(" not in handler or not page.focusable(element, sequential=True):
            continue
        if any(node.get(name) for node in (element, *element.iterancestors()) for name in _KEY_HANDLERS):
            continue
        yield Hit("focus-trap", element, f"失去焦點時以程式把焦點拉回：{_short(element)}")


# --- download formats (ME1320200C) ----------------------------------------------------------------

def file_format(href: str, text: str) -> str | None:
    """The download's format from the URL path, a file name in the query, or the link text."""
    parts = urlsplit(href.strip())
    candidates = [parts.path] + [value for _key, value in parse_qsl(parts.query)]
    for candidate in candidates:
        last = candidate.rsplit("/", 1)[-1]
        if "." in last:
            extension = last.rsplit(".", 1)[1].lower()
            if extension in _CLOSED_FORMATS or extension in _OPEN_FORMATS:
                return extension
    found = _FORMAT_IN_TEXT.search(text) if text else None
    return found.group(1).lower() if found else None


def _stem(href: str) -> str:
    last = urlsplit(href.strip()).path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0].lower() if "." in last else ""


def _entry(link: Element) -> Element | None:
    return next((a for a in link.iterancestors() if a.tag in _ENTRY_TAGS), None)


@produces("open-format")
def check_open_formats(page: Page) -> Iterator[Hit]:
    downloads = list(_downloads(page))
    if not any(kind in _CLOSED_FORMATS for _link, kind in downloads):
        return
    open_stems = {_stem(link.get("href") or "") for link, kind in downloads if kind in _OPEN_FORMATS}
    open_entries = {_entry(link) for link, kind in downloads if kind in _OPEN_FORMATS} - {None}
    for link, kind in downloads:
        if kind not in _CLOSED_FORMATS:
            continue
        stem = _stem(link.get("href") or "")
        if (stem and stem in open_stems) or _entry(link) in open_entries:
            continue
        yield Hit("open-format", link, f".{kind} 檔沒有 ODF 或 PDF 版本：{_short(link)}")


def _downloads(page: Page) -> Iterator[tuple[Element, str]]:
    """Links with the file format they offer; cheap text tests first, since most links are pages."""
    for link in page.rendered_only(page.tagged("a")):
        href = link.get("href")
        if href is None:
            continue
        if _FORMAT_IN_URL.search(href):
            kind = file_format(href, "")
            if kind is not None:
                yield link, kind
                continue
        for text in (accessible_name(page, link), link.get("title")):
            found = _FORMAT_IN_TEXT.search(text) if text else None
            if found:
                yield link, found.group(1).lower()
                break
