"""WAI-ARIA use that markup alone decides (WCAG 4.1.2, 1.3.1): roles, attributes, values, structure.

Mirrors the W3C ACT rules 674b10, 5f99a7, 5c01ea, 6a7281, 4e8ab6, in6db8, ff89c9, bc4a75, 6cfa84, 307n5z."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.a11y.aria import (
    ALL_ATTRS, ALLOWED_OWNED, ATTR_ROLES, ATTR_VALUES, GLOBAL_ATTRS, INTEGER,
    NAME_PROHIBITED, NUMBER, PRESENTATIONAL, PRESENTATIONAL_CHILDREN, REQUIRED_ATTRS, REQUIRED_CONTEXT,
    TOKEN_LISTS,
)
from checks.a11y.dom import Element, Page, input_type, is_element, snippet
from checks.a11y.hits import Hit, produces


_INTEGER = re.compile(r"-?\d+\Z")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\Z")
# A native element already carries these states, so an explicit role needs no ARIA copy of them.
_NATIVE_STATES = {
    "aria-checked": lambda e: e.tag == "input" and input_type(e) in ("checkbox", "radio"),
    "aria-valuenow": lambda e: e.tag in ("input", "meter", "progress") and input_type(e) in (
        "range", "number", "text"),
    "aria-level": lambda e: e.tag in ("h1", "h2", "h3", "h4", "h5", "h6"),
    "aria-expanded": lambda e: e.tag == "select",
}


def _short(element: Element) -> str:
    return snippet(element, 160)


@produces("aria-role")
def check_roles(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.having("role")):
        value = element.get("role") or ""
        if value.strip() and page.explicit_role(element) is None:
            yield Hit("aria-role", element, f"role=\"{value}\" 不是 WAI-ARIA 角色：{_short(element)}")


@produces("aria-attr-defined", "aria-allowed-attr", "aria-valid-value")
def check_attributes(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.having("aria")):
        unknown, not_allowed, invalid = [], [], []
        role = ""
        for name, value in element.attrib.items():
            if not name.startswith("aria-"):
                continue
            if name not in ALL_ATTRS:
                unknown.append(name)
                continue
            role = role or page.role(element)
            if not _allowed(name, role):
                not_allowed.append(name)
            if value.strip() and not valid_value(name, value):
                invalid.append(f'{name}="{value}"')
        if unknown:
            yield Hit("aria-attr-defined", element, f"{'、'.join(unknown)}：{_short(element)}")
        if not_allowed:
            yield Hit("aria-allowed-attr", element,
                      f"{'、'.join(not_allowed)} 不適用於角色 {role or '（無）'}：{_short(element)}")
        if invalid:
            yield Hit("aria-valid-value", element, f"{'、'.join(invalid)}：{_short(element)}")


def _allowed(name: str, role: str) -> bool:
    if name in ("aria-label", "aria-labelledby") and role in NAME_PROHIBITED:
        return False
    return name in GLOBAL_ATTRS or role in ATTR_ROLES.get(name, ())


def valid_value(name: str, value: str) -> bool:
    kind = ATTR_VALUES.get(name)
    text = value.strip().lower()
    if kind is None:
        tokens = TOKEN_LISTS.get(name)
        return tokens is None or all(token in tokens for token in text.split())
    if kind == INTEGER:
        return bool(_INTEGER.match(text))
    if kind == NUMBER:
        return bool(_NUMBER.match(text))
    return text in kind  # type: ignore[operator]


def _explicit_differs(page: Page, element: Element) -> str | None:
    """The explicit role when it changes the element's semantics (else the native one already rules)."""
    explicit = page.explicit_role(element)
    if explicit is None or explicit in PRESENTATIONAL or explicit == page.implicit_role(element):
        return None
    return explicit


@produces("aria-required-attr", "aria-idref-exists")
def check_required_attributes(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.having("role")):
        role = _explicit_differs(page, element)
        if role is None:
            continue
        missing = [name for name in _required(page, element, role)
                   if not (element.get(name) or "").strip() and not _NATIVE_STATES.get(name, _never)(element)]
        if missing:
            yield Hit("aria-required-attr", element, f"role=\"{role}\" 缺少 {'、'.join(missing)}：{_short(element)}")
        elif _controls_required(element, role) and not page.refs(element.get("aria-controls") or ""):
            yield Hit("aria-idref-exists", element,
                      f"aria-controls=\"{element.get('aria-controls')}\" 找不到對應元素：{_short(element)}")


def _never(_element: Element) -> bool:
    return False


def _required(page: Page, element: Element, role: str) -> tuple[str, ...]:
    names = REQUIRED_ATTRS.get(role, ())
    if role == "separator" and page.focusable(element):
        names = ("aria-valuenow",)
    if _controls_required(element, role) and "aria-controls" not in names:
        names = names + ("aria-controls",)
    return names


def _controls_required(element: Element, role: str) -> bool:
    if role == "scrollbar":
        return True
    return role == "combobox" and (element.get("aria-expanded") or "").strip().lower() == "true"


# --- context and owned elements -------------------------------------------------------------------

def _transparent(page: Page, element: Element) -> bool:
    """Left out of the accessibility tree's structure: presentational or unnamed generic containers."""
    role = page.role(element)
    if role in PRESENTATIONAL or role == "":
        return True
    return role == "generic" and not page.has_conflicting_aria(element)


def _owners(page: Page) -> dict[str, Element]:
    owned: dict[str, Element] = {}
    for owner in page.having("aria-owns"):
        for value in (owner.get("aria-owns") or "").split():
            owned.setdefault(value, owner)
    return owned


@produces("aria-required-context")
def check_required_context(page: Page) -> Iterator[Hit]:
    owners: dict[str, Element] | None = None
    for element in page.exposed_only(page.having("role")):
        role = _explicit_differs(page, element)
        allowed = REQUIRED_CONTEXT.get(role or "")
        if not allowed:
            continue
        if owners is None:
            owners = _owners(page)
        parent_role = _context_role(page, element, owners)
        if parent_role not in allowed:
            yield Hit("aria-required-context", element,
                      f"role=\"{role}\" 需放在 {' / '.join(sorted(allowed))} 內：{_short(element)}")


def _context_role(page: Page, element: Element, owners: dict[str, Element]) -> str:
    owner = owners.get(element.get("id") or "")
    if owner is not None:
        return page.role(owner)
    for ancestor in element.iterancestors():
        if ancestor.tag == "html":
            break
        if not _transparent(page, ancestor):
            return page.role(ancestor)
    return ""


@produces("aria-required-owned")
def check_required_owned(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.having("role")):
        role = page.explicit_role(element)
        allowed = ALLOWED_OWNED.get(role or "")
        if not allowed or page.role(element) != role:
            continue
        if (element.get("aria-busy") or "").strip().lower() == "true":
            continue  # still loading: its children may not be there yet
        wrong = _wrongly_owned(page, element, allowed)
        if wrong:
            yield Hit("aria-required-owned", element, f"role=\"{role}\" 內含 {wrong}：{_short(element)}")


def _wrongly_owned(page: Page, element: Element, allowed: frozenset[str]) -> str | None:
    owned = list(_owned(page, element)) + page.refs(element.get("aria-owns") or "")
    for child in owned:
        if isinstance(child, str):
            return f"文字「{child.strip()[:30]}」"
        role = page.role(child)
        if role not in allowed:
            return f"role {role or child.tag}"
        if role == "group":
            inner = _wrongly_owned(page, child, allowed)
            if inner:
                return inner
    return None


def _owned(page: Page, element: Element) -> Iterator[Element | str]:
    """Children in the accessibility tree: walks through transparent wrappers, yields stray text."""
    if (element.text or "").strip():
        yield element.text or ""
    for child in element:
        if is_element(child) and child not in page.ax_hidden:
            if _transparent(page, child):
                yield from _owned(page, child)
            else:
                yield child
        if (child.tail or "").strip():
            yield child.tail or ""


# --- focus where assistive technology cannot follow -----------------------------------------------

@produces("aria-hidden-focus")
def check_hidden_focus(page: Page) -> Iterator[Hit]:
    reported: set[Element] = set()
    for hidden in page.having("aria-hidden"):
        if (hidden.get("aria-hidden") or "").strip().lower() != "true" or hidden in page.unrendered:
            continue
        for element in hidden.iter():
            if element in reported or not is_element(element) or element.tag in ("iframe", "frame"):
                continue  # a frame's focusable content lives in another document
            if page.focusable(element, sequential=True) and not _scripted_sentinel(page, element):
                reported.add(element)
                yield Hit("aria-hidden-focus", element, f"aria-hidden 區塊內可聚焦：{_short(element)}")


def _scripted_sentinel(page: Page, element: Element) -> bool:
    """A focus-trap sentinel: a page script listens for focus on it by id and moves focus on."""
    own_id = element.get("id")
    if not own_id:
        return False
    return any(own_id in (script.text or "") and "focus" in (script.text or "") for script in page.tagged("script"))


@produces("presentational-children-focus")
def check_presentational_children(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(_candidates_with_presentational_children(page)):
        if page.role(element) not in PRESENTATIONAL_CHILDREN:
            continue
        for descendant in element.iterdescendants():
            if is_element(descendant) and page.focusable(descendant, sequential=True):
                yield Hit("presentational-children-focus", element,
                          f"內含可聚焦的 <{descendant.tag}>：{_short(element)}")
                break



def _candidates_with_presentational_children(page: Page) -> list[Element]:
    return [element for element in page.select(("button", "option"), ("role",)) if len(element)]

