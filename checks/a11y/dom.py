"""One page as the accessibility rules see it: what is rendered, what is exposed, roles and focus.

Built in one pass over the elements; every rule reads the same indexes and precomputed sets."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from lxml import etree

from checks.a11y.aria import CONFLICT_ATTRS, PRESENTATIONAL, ROLES

Element = etree._Element

_IMPORTANT = re.compile(r"!\s*important\s*\Z", re.IGNORECASE)
_PLAIN_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")

SNIPPET_LIMIT = 300

# Attributes the rules select elements by; every aria-* attribute is indexed too, and under "aria".
_INDEXED = frozenset((
    "role style lang id hidden inert tabindex onclick autocomplete srcdoc headers href for disabled "
    "name color bgcolor alt title onblur"
).split())
# Never rendered as page content. <noscript> is shown only with scripting off; Freego and the browser
# phase both run with scripts on, so its fallback markup is not judged either.
_SELF_HIDING_TAGS = frozenset({"template", "noscript", "head", "script", "style"})

_TAG_ROLES = {
    "article": "article", "aside": "complementary", "blockquote": "blockquote", "button": "button",
    "caption": "caption", "code": "code", "datalist": "listbox", "del": "deletion", "details": "group",
    "dfn": "term", "dialog": "dialog", "em": "emphasis", "fieldset": "group", "figure": "figure",
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "hr": "separator", "html": "document", "ins": "insertion", "main": "main", "math": "math",
    "menu": "list", "meter": "meter", "nav": "navigation", "ol": "list", "ul": "list",
    "optgroup": "group", "option": "option", "output": "status", "p": "paragraph",
    "progress": "progressbar", "search": "search", "strong": "strong", "sub": "subscript",
    "sup": "superscript", "table": "table", "tbody": "rowgroup", "thead": "rowgroup", "tfoot": "rowgroup",
    "textarea": "textbox", "time": "time", "tr": "row", "dd": "definition", "dt": "term",
    "address": "group", "hgroup": "group", "mark": "mark", "svg": "graphics-document",
    # summary has no ARIA role; browsers expose it as a disclosure button.
    "summary": "button",
    **dict.fromkeys(("div", "span", "b", "i", "u", "s", "small", "bdi", "bdo", "data", "samp", "kbd", "var",
                     "q", "pre", "body"), "generic"),
}
_INPUT_ROLES = {
    "button": "button", "submit": "button", "reset": "button", "image": "button",
    "checkbox": "checkbox", "radio": "radio", "range": "slider", "number": "spinbutton",
    "search": "searchbox", "hidden": "",
}
_SECTIONING = frozenset({"article", "aside", "main", "nav", "section"})
_DISABLEABLE = frozenset({"button", "input", "select", "textarea", "optgroup", "option", "fieldset"})
_ALWAYS_FOCUSABLE = frozenset({"button", "select", "textarea", "iframe"})


def parse_style(text: str) -> dict[str, tuple[str, bool]]:
    """Declarations of a style attribute: name -> (value, important); the cascade's winner per name."""
    declarations: dict[str, tuple[str, bool]] = {}
    for part in text.split(";"):
        name, colon, value = part.partition(":")
        if not colon:
            continue
        name = name.strip().lower()
        value = value.strip()
        important = _IMPORTANT.search(value)
        if important:
            value = value[:important.start()].strip()
        previous = declarations.get(name)
        if previous and previous[1] and not important:
            continue  # a later normal declaration never beats an earlier !important one
        declarations[name] = (value, bool(important))
    return declarations


def style_hides(declarations: dict[str, tuple[str, bool]]) -> bool:
    display = declarations.get("display")
    if display and display[0].lower() == "none":
        return True
    visibility = declarations.get("visibility")
    return bool(visibility and visibility[0].lower() in ("hidden", "collapse"))


def is_element(node: object) -> bool:
    return isinstance(getattr(node, "tag", None), str)


def text_of(element: Element) -> str:
    """All text inside an element, comments excluded; a childless element skips text_content()'s XPath."""
    if len(element) == 0:
        return element.text or ""
    return element.text_content()


def input_type(element: Element) -> str:
    return (element.get("type") or "text").strip().lower()


class Page:
    """Precomputed facts about one parsed page; elements are only ever tested against these sets."""

    def __init__(self, root: Element, url: str) -> None:
        self.root = root
        self.url = url
        self.tree = root.getroottree()
        self._roles: dict[Element, str] = {}
        self._styles: dict[Element, dict[str, tuple[str, bool]]] = {}
        self.names: dict[Element, str] = {}  # accessible names, filled by accname.accessible_name
        self._steps: dict[Element, str] = {}  # selector steps: findings on one page share ancestors
        # Holding every element proxy for the page's lifetime makes later lookups cheap: lxml.html
        # builds a proxy through a Python callback each time an unreferenced node is touched.
        self.elements: list[Element] = list(root.iter(etree.Element))
        self.position = {element: index for index, element in enumerate(self.elements)}
        self.by_tag: dict[str, list[Element]] = {}
        self.by_attr: dict[str, list[Element]] = {name: [] for name in _INDEXED}
        self._index()
        self.template_content = self._template_content()
        self._hidden_roots: list[Element] = []
        self.unrendered = self._unrendered()
        self.ax_hidden = self._aria_hidden() | self.unrendered
        self.holds_hidden = self._ancestors_of_hidden()
        self.ids = self._ids()
        self.labels_by_for = self._labels_by_for()

    # --- precomputation -------------------------------------------------------------------------
    def _index(self) -> None:
        by_tag, by_attr = self.by_tag, self.by_attr
        aria_elements = by_attr.setdefault("aria", [])
        for element in self.elements:
            bucket = by_tag.get(element.tag)
            if bucket is None:
                by_tag[element.tag] = [element]
            else:
                bucket.append(element)
            has_aria = False
            for name in element.keys():
                if name in _INDEXED:
                    by_attr[name].append(element)
                elif name[:5] == "aria-":
                    by_attr.setdefault(name, []).append(element)
                    has_aria = True
            if has_aria:
                aria_elements.append(element)

    def tagged(self, *tags: str) -> list[Element]:
        """Elements with one of these tag names, in document order."""
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        return self.in_order(element for tag in tags for element in self.by_tag.get(tag, ()))

    def having(self, *attributes: str) -> list[Element]:
        """Elements carrying one of these (indexed) attributes, in document order."""
        if len(attributes) == 1:
            return self.by_attr.get(attributes[0], [])
        return self.in_order(element for name in attributes for element in self.by_attr.get(name, ()))

    def select(self, tags: tuple[str, ...] = (), attributes: tuple[str, ...] = ()) -> list[Element]:
        """Union of tagged(*tags) and having(*attributes), in document order, without repeats."""
        return self.in_order([*(e for t in tags for e in self.by_tag.get(t, ())),
                              *(e for a in attributes for e in self.by_attr.get(a, ()))])

    def in_order(self, elements: Iterable[Element]) -> list[Element]:
        """Distinct elements sorted into document order."""
        return sorted(set(elements), key=self.position.__getitem__)

    def _template_content(self) -> set[Element]:
        inside: set[Element] = set()
        for template in self.tagged("template"):
            inside.update(template.iterdescendants())
        return inside

    def _unrendered(self) -> set[Element]:
        candidates = self.select(tuple(_SELF_HIDING_TAGS) + ("input",), ("hidden", "inert", "style"))
        hidden: set[Element] = set()
        for element in candidates:
            if element in hidden or not self._hides_itself(element):
                continue
            hidden.update(element.iter())
            self._hidden_roots.append(element)
        return hidden

    def _hides_itself(self, element: Element) -> bool:
        tag = element.tag
        if tag in _SELF_HIDING_TAGS:
            return True
        if tag == "input" and input_type(element) == "hidden":
            return True
        if element.get("hidden") is not None or element.get("inert") is not None:
            return True
        style = element.get("style")
        return bool(style) and ("display" in style.lower() or "visibility" in style.lower()) \
            and style_hides(self.style(element))

    def _aria_hidden(self) -> set[Element]:
        hidden: set[Element] = set()
        for element in self.having("aria-hidden"):
            if element not in hidden and element.get("aria-hidden", "").strip().lower() == "true":
                hidden.update(element.iter())
                self._hidden_roots.append(element)
        return hidden

    def _ancestors_of_hidden(self) -> set[Element]:
        """Elements with hidden content inside: their text is not simply their text_content()."""
        holders: set[Element] = set()
        for hidden in self._hidden_roots:
            for ancestor in hidden.iterancestors():
                if ancestor in holders:
                    break
                holders.add(ancestor)
        return holders

    def _ids(self) -> dict[str, list[Element]]:
        ids: dict[str, list[Element]] = {}
        for element in self.having("id"):
            if element in self.template_content:
                continue  # template content is a separate document fragment
            value = element.get("id")
            if value:
                ids.setdefault(value, []).append(element)
        return ids

    def _labels_by_for(self) -> dict[str, list[Element]]:
        labels: dict[str, list[Element]] = {}
        for label in self.tagged("label"):
            target = label.get("for")
            if target is not None and label not in self.template_content:
                labels.setdefault(target, []).append(label)
        return labels

    # --- visibility -------------------------------------------------------------------------------
    def rendered(self, element: Element) -> bool:
        return element not in self.unrendered

    def exposed(self, element: Element) -> bool:
        """In the accessibility tree: rendered and not under aria-hidden="true"."""
        return element not in self.ax_hidden

    def exposed_only(self, elements: Iterable[Element]) -> Iterator[Element]:
        for element in elements:
            if element not in self.ax_hidden:
                yield element

    def rendered_only(self, elements: Iterable[Element]) -> Iterator[Element]:
        for element in elements:
            if element not in self.unrendered:
                yield element

    def style(self, element: Element) -> dict[str, tuple[str, bool]]:
        cached = self._styles.get(element)
        if cached is None:
            cached = parse_style(element.get("style") or "")
            self._styles[element] = cached
        return cached

    # --- references ---------------------------------------------------------------------------------
    def by_id(self, value: str) -> Element | None:
        found = self.ids.get(value)
        return found[0] if found else None

    def refs(self, idrefs: str) -> list[Element]:
        found = []
        for value in idrefs.split():
            element = self.by_id(value)
            if element is not None:
                found.append(element)
        return found

    def labels_of(self, element: Element) -> list[Element]:
        """<label> elements labelling a form control: by for=id, then the wrapping label."""
        labels: list[Element] = []
        own_id = element.get("id")
        if own_id:
            labels.extend(self.labels_by_for.get(own_id, ()))
        for ancestor in element.iterancestors("label"):
            target = ancestor.get("for")
            if target is None or target == own_id:
                labels.append(ancestor)
            break
        return labels

    # --- roles ------------------------------------------------------------------------------------
    def explicit_role(self, element: Element) -> str | None:
        """The first role token a browser accepts, or None (the implicit role applies)."""
        value = element.get("role")
        if not value:
            return None
        for token in value.lower().split():
            if token in ROLES:
                return token
        return None

    def role(self, element: Element) -> str:
        cached = self._roles.get(element)
        if cached is None:
            cached = self._compute_role(element)
            self._roles[element] = cached
        return cached

    def _compute_role(self, element: Element) -> str:
        if element.tag == "a" and element.get("role") is None:
            return "link" if element.get("href") is not None else "generic"  # the common case, short-cut
        explicit = self.explicit_role(element)
        if explicit and explicit not in PRESENTATIONAL:
            return explicit
        implicit = self.implicit_role(element)
        presentational = explicit in PRESENTATIONAL or implicit == "presentation"
        if not presentational:
            return implicit
        if self.focusable(element) or self.has_conflicting_aria(element):
            # Presentational role conflict resolution: a focusable or labelled element keeps its role.
            return "img" if implicit == "presentation" else implicit
        return "none"

    def has_conflicting_aria(self, element: Element) -> bool:
        return any(name in CONFLICT_ATTRS for name in element.keys())

    def implicit_role(self, element: Element) -> str:
        tag = element.tag
        if not isinstance(tag, str):
            return ""
        simple = _TAG_ROLES.get(tag)
        if simple is not None:
            return simple
        if tag in ("a", "area"):
            return "link" if element.get("href") is not None else ("generic" if tag == "a" else "")
        if tag == "img":
            return "presentation" if element.get("alt") == "" else "img"
        if tag == "input":
            return self._input_role(element)
        if tag == "select":
            size = element.get("size", "").strip()
            multiple = element.get("multiple") is not None or (size.isdigit() and int(size) > 1)
            return "listbox" if multiple else "combobox"
        if tag in ("th", "td"):
            return self._cell_role(element)
        if tag == "li":
            parent = element.getparent()
            return "listitem" if parent is not None and parent.tag in ("ul", "ol", "menu") else "generic"
        if tag in ("header", "footer"):
            inside = any(a.tag in _SECTIONING for a in element.iterancestors())
            return "generic" if inside else ("banner" if tag == "header" else "contentinfo")
        if tag == "section":
            named = any(element.get(name) for name in ("aria-label", "aria-labelledby", "title"))
            return "region" if named else "generic"
        if tag == "form":
            return "form"
        return ""

    def _input_role(self, element: Element) -> str:
        kind = input_type(element)
        role = _INPUT_ROLES.get(kind)
        if role is not None:
            return role
        return "combobox" if element.get("list") else "textbox"

    def _cell_role(self, element: Element) -> str:
        table = next(element.iterancestors("table"), None)
        grid = table is not None and self.explicit_role(table) in ("grid", "treegrid")
        if element.tag == "td":
            return "gridcell" if grid else "cell"
        scope = (element.get("scope") or "").strip().lower()
        if scope in ("row", "rowgroup"):
            return "rowheader"
        if scope in ("col", "colgroup"):
            return "columnheader"
        row = element.getparent()
        if row is None or next(element.iterancestors("thead"), None) is not None:
            return "columnheader"
        has_data = any(cell.tag == "td" for cell in row)
        return "rowheader" if has_data else "columnheader"

    # --- focus ------------------------------------------------------------------------------------
    def disabled(self, element: Element) -> bool:
        if element.tag not in _DISABLEABLE:
            return False
        if element.get("disabled") is not None:
            return True
        for fieldset in element.iterancestors("fieldset"):
            if fieldset.get("disabled") is not None:
                legend = next((c for c in fieldset if c.tag == "legend"), None)
                return legend is None or not any(a is legend for a in element.iterancestors())
        return False

    def focusable(self, element: Element, sequential: bool = False) -> bool:
        """Can take focus (sequential=True: is reached with the Tab key)."""
        if element in self.unrendered or self.disabled(element):
            return False
        tabindex = tabindex_of(element)
        if tabindex is not None:
            return tabindex >= 0 or not sequential
        return natively_focusable(element)

    # --- reporting ----------------------------------------------------------------------------------
    def locator(self, element: Element) -> str:
        return self.tree.getpath(element)

    def selector(self, element: Element) -> str:
        parts: list[str] = []
        node: Element | None = element
        while node is not None and is_element(node):
            own_id = node.get("id")
            if own_id and len(self.ids.get(own_id, ())) == 1:
                parts.append(f"#{own_id}" if _PLAIN_ID.match(own_id) else f'[id="{_css_string(own_id)}"]')
                break
            step = self._steps.get(node)
            if step is None:
                step = self._steps[node] = _step(node)
            parts.append(step)
            if node.tag == "html":
                break
            node = node.getparent()
        return " > ".join(reversed(parts))


def tabindex_of(element: Element) -> int | None:
    raw = element.get("tabindex")
    if raw is None:
        return None
    raw = raw.strip()
    try:
        return int(raw)
    except ValueError:
        return None  # an unparsable tabindex is ignored by browsers


def natively_focusable(element: Element) -> bool:
    tag = element.tag
    if tag in ("a", "area"):
        return element.get("href") is not None
    if tag == "input":
        return input_type(element) != "hidden"
    if tag in _ALWAYS_FOCUSABLE:
        return True
    if tag == "summary":
        parent = element.getparent()
        return parent is not None and parent.tag == "details" and next(
            (c for c in parent if c.tag == "summary"), None) is element
    if tag in ("audio", "video"):
        return element.get("controls") is not None
    editable = element.get("contenteditable")
    return editable is not None and editable.strip().lower() in ("", "true", "plaintext-only")


def _step(node: Element) -> str:
    tag = node.tag
    parent = node.getparent()
    if tag in ("html", "body", "head") or parent is None:
        return tag
    same = [sibling for sibling in parent if sibling.tag == tag]
    if len(same) == 1:
        return tag
    return f"{tag}:nth-of-type({same.index(node) + 1})"


def _css_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def snippet(element: Element, limit: int = SNIPPET_LIMIT) -> str:
    """The element's start tag as written (attribute order kept), cut to `limit` characters."""
    parts = [f"<{element.tag}"]
    for name, value in element.attrib.items():
        parts.append(f' {name}="{html.escape(value, quote=True)}"')
    parts.append(">")
    text = "".join(parts)
    return text if len(text) <= limit else text[:limit - 1] + "…"
