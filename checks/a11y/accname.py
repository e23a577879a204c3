"""Accessible name of an element, a static subset of W3C accname 1.2 shared by every rule.

aria-labelledby, aria-label, native label/alt/legend/caption/value, content where the role allows, title."""

from __future__ import annotations

import unicodedata

from checks.a11y.aria import NAME_FROM_CONTENT, PRESENTATIONAL
from checks.a11y.dom import Element, Page, input_type, is_element, text_of
from checks.html import collapse

# CSS block boxes put a break between their text and their neighbours' in the computed name.
_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
})
# Native elements that name themselves from their content whatever their role says.
_CONTENT_TAGS = frozenset({"summary", "caption", "legend", "figcaption", "label", "option"})
_LABELABLE = frozenset({"button", "input", "meter", "output", "progress", "select", "textarea"})
_TEXT_INPUTS = frozenset({"text", "search", "email", "tel", "url", "password", "number", ""})
_DEFAULT_BUTTON_LABEL = {"submit": "Submit", "reset": "Reset"}
_PLAIN_CONTENT_TAGS = frozenset({"a", "button", "summary", "th", "td", "h1", "h2", "h3", "h4", "h5", "h6"})
# Children that add something other than their text to a name (alt, value, a break) or nothing at all.
_NAMED_CHILD_TAGS = frozenset({"img", "input", "select", "textarea", "svg", "area", "object", "embed",
                               "iframe", "canvas", "br", "script", "style"})


def accessible_name(page: Page, element: Element) -> str:
    """The collapsed accessible name; "" when the element has none."""
    cached = page.names.get(element)
    if cached is None:
        cached = _plain_content_name(page, element)
        if cached is None:
            cached = collapse(_Walk(page).name(element, root=True))
        page.names[element] = cached
    return cached


def squash(text: str) -> str:
    """Same result as checks.html.collapse; str.split is about three times faster on this hot path."""
    return " ".join(text.split())


def _plain_content_name(page: Page, element: Element) -> str | None:
    """Most links and buttons are plain text: their name is their text, found without the full walk."""
    if element in page.holds_hidden or element.tag not in _PLAIN_CONTENT_TAGS:
        return None
    if element.tag == "a" and element.get("href") is None:
        return None  # a placeholder link is a generic element: no name from its content
    for name in element.keys():
        if name in ("aria-labelledby", "aria-label", "role"):
            return None
    text = squash(text_of(element))
    if not text or len(element) and any(child.tag in _NAMED_CHILD_TAGS for child in element.iter()):
        return None
    return text


class _Walk:
    """One name computation: remembers visited nodes so aria-labelledby loops end."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.visited: set[Element] = set()

    def name(self, element: Element, *, root: bool = False, referenced: bool = False,
             in_labelledby: bool = False, show_hidden: bool = False) -> str:
        if element in self.visited:
            return ""
        self.visited.add(element)
        page = self.page
        hidden = element in page.ax_hidden
        if hidden and not (referenced or show_hidden):
            return ""
        # A hidden node reached through aria-labelledby still lends all of its text.
        show_hidden = show_hidden or (referenced and hidden)
        if not in_labelledby:
            labelled = self._labelledby(element, show_hidden)
            if labelled:
                return labelled
        recursing = not root
        role = page.role(element)
        if recursing and not referenced:
            embedded = self._embedded_value(element, role)
            if embedded is not None:
                return embedded
        label = element.get("aria-label")
        if label and label.strip():
            return label
        if role not in PRESENTATIONAL:
            native = self._native(element)
            if native.strip():
                return native
        if recursing or role in NAME_FROM_CONTENT or element.tag in _CONTENT_TAGS:
            content = self.content(element, show_hidden)
            if content.strip():
                return content
        return self._tooltip(element)

    def _labelledby(self, element: Element, show_hidden: bool) -> str:
        idrefs = element.get("aria-labelledby")
        if not idrefs or not idrefs.strip():
            return ""
        parts = [self.name(ref, referenced=True, in_labelledby=True, show_hidden=show_hidden)
                 for ref in self.page.refs(idrefs)]
        return " ".join(part for part in parts if part.strip())

    def _embedded_value(self, element: Element, role: str) -> str | None:
        """Inside another element's name a text field or select contributes its value."""
        tag = element.tag
        if tag == "input" and input_type(element) in _TEXT_INPUTS:
            return element.get("value", "")
        if tag == "textarea":
            return element.text or ""
        if tag == "select" or role in ("combobox", "listbox"):
            options = [o for o in element.iter("option") if o.get("selected") is not None]
            if not options:
                options = list(element.iter("option"))[:1]
            return collapse(text_of(options[0])) if options else ""
        return None

    def _native(self, element: Element) -> str:
        tag = element.tag
        if tag == "input":
            kind = input_type(element)
            if kind in ("button", "submit", "reset"):
                value = element.get("value")
                return value if value is not None else _DEFAULT_BUTTON_LABEL.get(kind, "")
            if kind == "image":
                return element.get("alt") or ""
        if tag in _LABELABLE:
            text = self._label_text(element)
            if text.strip():
                return text
        if tag in ("img", "area"):
            return element.get("alt") or ""
        if tag == "fieldset":
            return self._first_child_text(element, "legend")
        if tag == "table":
            return self._first_child_text(element, "caption")
        if tag == "figure":
            return self._first_child_text(element, "figcaption")
        if tag == "svg" or (tag in ("a", "g", "circle", "rect", "path", "polygon", "image", "use")
                            and _in_svg(element)):
            return self._first_child_text(element, "title")
        if tag == "optgroup":
            return element.get("label") or ""
        return ""

    def _label_text(self, element: Element) -> str:
        parts = []
        for label in self.page.labels_of(element):
            if label in self.visited:
                continue
            self.visited.add(label)
            parts.append(self.content(label, False))
        return " ".join(part for part in parts if part.strip())

    def _first_child_text(self, element: Element, tag: str) -> str:
        for child in element:
            if child.tag == tag:
                return self.content(child, False)
        return ""

    def content(self, element: Element, show_hidden: bool) -> str:
        """Name from content: text and the names of child elements, in document order."""
        parts = [element.text or ""] if element.tag not in ("script", "style") else []
        for child in element:
            if is_element(child) and (show_hidden or child not in self.page.ax_hidden):
                piece = self.name(child, show_hidden=show_hidden)
                parts.append(f" {piece} " if child.tag in _BLOCK_TAGS else piece)
            if child.tail:
                parts.append(child.tail)
        return "".join(parts)

    def _tooltip(self, element: Element) -> str:
        title = element.get("title")
        if title and title.strip():
            return title
        if element.tag in ("input", "textarea"):
            return element.get("placeholder") or element.get("aria-placeholder") or ""
        return ""


def _in_svg(element: Element) -> bool:
    return any(ancestor.tag == "svg" for ancestor in element.iterancestors())


def visible_text(page: Page, element: Element) -> str:
    """Rendered text inside an element (no alt text, no hidden subtrees), collapsed."""
    return collapse(_rendered_text(page, element))


def _rendered_text(page: Page, element: Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if is_element(child) and child not in page.unrendered:
            text = _rendered_text(page, child)
            parts.append(f" {text} " if child.tag in _BLOCK_TAGS else text)
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def has_words(text: str) -> bool:
    """Text that says something: two letters or digits, or any CJK character (not a lone "X" or "▼")."""
    letters = [ch for ch in text if unicodedata.category(ch)[0] in "LN"]
    return len(letters) >= 2 or any(unicodedata.east_asian_width(ch) == "W" for ch in letters)
