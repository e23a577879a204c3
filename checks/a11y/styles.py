"""CSS-driven rules: absolute font units (CS2140401C), text spacing, clipped text, orientation lock.

Reads style attributes, <style> elements and linked stylesheets; never computes the full cascade."""

from __future__ import annotations

from collections.abc import Iterator

from checks.a11y.accname import has_words, visible_text
from checks.a11y.css import (
    CssRule, absolute_font_size, declarations, font_size_px, iter_rules, length, off_screen,
    orientation_of, quarter_turn, rotation_degrees,
)
from checks.a11y.dom import Element, Page, is_element, snippet, text_of
from checks.a11y.hits import Hit, produces


# WCAG 1.4.12 minimums, as multiples of the font size.
_SPACING_MINIMUMS = {"letter-spacing": 0.12, "word-spacing": 0.16, "line-height": 1.5}
_DEFERRED = frozenset({"inherit", "unset", "revert", "revert-layer"})
_DEFAULT_FONT_PX = 16.0
_MAX_LISTED = 5
_CLIPPING = frozenset({"hidden", "clip"})
_SCROLLING = frozenset({"auto", "scroll"})
# At 200% zoom a 1280 px wide window lays text out in about 640 CSS pixels.
_ZOOMED_WIDTH = 640.0


def styled_with(page: Page, *words: str) -> list[Element]:
    """Elements whose style attribute mentions one of these words (a cheap filter before parsing)."""
    return [e for e in page.having("style") if any(word in (e.get("style") or "").lower() for word in words)]


def has_stylesheet_link(page: Page) -> bool:
    return any("stylesheet" in (link.get("rel") or "").lower() for link in page.tagged("link"))


def _short(element: Element) -> str:
    return snippet(element, 160)


# --- absolute font units --------------------------------------------------------------------------

def absolute_font_rules(css: str) -> list[tuple[CssRule, str]]:
    found = []
    for rule in iter_rules(css):
        if "font" in rule.body.lower():
            declared = absolute_font_size(declarations(rule.body))
            if declared:
                found.append((rule, declared))
    return found


def describe_rules(found: list[tuple[CssRule, str]]) -> str:
    listed = "；".join(f"第 {rule.line} 行 {rule.selector[:60]} {{{value}}}" for rule, value in found[:_MAX_LISTED])
    more = f"（共 {len(found)} 處）" if len(found) > _MAX_LISTED else ""
    return listed + more


@produces("font-size-absolute")
def check_font_units(page: Page) -> Iterator[Hit]:
    for element in page.rendered_only(styled_with(page, "font")):
        declared = absolute_font_size(page.style(element))
        if declared:
            yield Hit("font-size-absolute", element, f"行內樣式 {declared}：{_short(element)}")
    for style in _live_style_elements(page):
        found = absolute_font_rules(style.text or "")
        if found:
            yield Hit("font-size-absolute", style, f"<style> 內 {describe_rules(found)}")


# --- orientation lock -----------------------------------------------------------------------------

def orientation_locks(css: str) -> list[tuple[CssRule, str]]:
    """Rules that turn content a quarter turn only in one orientation: the page is locked to the other."""
    found = []
    for rule in iter_rules(css):
        orientation = orientation_of(rule.media)
        if orientation is None:
            continue
        degrees = rotation_degrees(declarations(rule.body))
        if degrees is not None and quarter_turn(degrees):
            found.append((rule, f"{orientation} 時旋轉 {degrees:g}°"))
    return found


def _live_style_elements(page: Page) -> Iterator[Element]:
    """<style> elements a browser applies: those inside <template> content are inert."""
    return (style for style in page.tagged("style") if style not in page.template_content)


@produces("orientation-lock")
def check_orientation(page: Page) -> Iterator[Hit]:
    for style in _live_style_elements(page):
        found = orientation_locks(style.text or "")
        if found:
            yield Hit("orientation-lock", style, f"<style> 內 {describe_rules(found)}")


# --- text clipped by a fixed height (1.4.4) --------------------------------------------------------

def _overflow_y(styles: dict[str, tuple[str, bool]]) -> str:
    own = styles.get("overflow-y")
    if own:
        return own[0].lower()
    shorthand = styles.get("overflow")
    parts = shorthand[0].lower().split() if shorthand else []
    return parts[-1] if parts else ""


@produces("text-clipped")
def check_clipped_text(page: Page) -> Iterator[Hit]:
    fonts = _FontSizes(page)
    for element in page.rendered_only(styled_with(page, "overflow")):
        styles = page.style(element)
        if _overflow_y(styles) not in _CLIPPING or _scrolls_inside(page, element):
            continue
        font = fonts.of(element)
        height = _height_px(styles, font)
        if font is None or height is None:
            continue
        text = visible_text(page, element)
        if has_words(text) and _needs_more_height(styles, text, font, height):
            yield Hit("text-clipped", element,
                      f"高度 {height:g}px 且 overflow 隱藏，放大後文字會被截斷：{_short(element)}")


def _scrolls_inside(page: Page, element: Element) -> bool:
    return any(_overflow_y(page.style(node)) in _SCROLLING
               for node in element.iterdescendants() if is_element(node) and node.get("style"))


def _height_px(styles: dict[str, tuple[str, bool]], font: float | None) -> float | None:
    declared = styles.get("height") or styles.get("max-height")
    parsed = length(declared[0]) if declared else None
    if parsed is None or font is None:
        return None
    number, unit = parsed
    scale = {"px": 1.0, "pt": 4 / 3, "em": font, "rem": _DEFAULT_FONT_PX}.get(unit)
    return number * scale if scale is not None else None


def _needs_more_height(styles: dict[str, tuple[str, bool]], text: str, font: float, height: float) -> bool:
    """Judged at 200% zoom: one line that does not fit, or wrapped lines taller than the box."""
    declared = styles.get("line-height")
    parsed = length(declared[0]) if declared else None
    line = font * 1.2
    if parsed and parsed[1] in ("px", ""):
        line = parsed[0] if parsed[1] == "px" else parsed[0] * font
    if height < line * 0.9:
        return True
    white_space = styles.get("white-space")
    if white_space and white_space[0].lower() in ("nowrap", "pre"):
        return False
    width = _ZOOMED_WIDTH
    declared_width = styles.get("width")
    parsed_width = length(declared_width[0]) if declared_width else None
    if parsed_width and parsed_width[1] == "px":
        width = min(width, parsed_width[0])
    text_width = sum(font if ord(ch) > 0x2E7F else font * 0.5 for ch in text)
    lines = -(-text_width // width)
    return lines * line > height + 1


# --- text spacing set with !important (1.4.12) ----------------------------------------------------

@produces("text-spacing")
def check_text_spacing(page: Page) -> Iterator[Hit]:
    fonts = _FontSizes(page)
    for element in page.rendered_only(styled_with(page, "spacing", "line-height")):
        styles = page.style(element)
        if off_screen(styles):
            continue
        for prop, minimum in _SPACING_MINIMUMS.items():
            declared = styles.get(prop)
            if not declared or not declared[1] or declared[0].lower() in _DEFERRED:
                continue
            problem = _spacing_problem(page, fonts, element, prop, declared[0].lower(), minimum)
            if problem:
                yield Hit("text-spacing", element, f"{prop}: {declared[0]} !important {problem}：{_short(element)}")
                break


def _spacing_problem(page: Page, fonts: _FontSizes, element: Element, prop: str, value: str,
                     minimum: float) -> str | None:
    holders = _text_holders(page, element, prop)
    if not holders or (prop == "line-height" and not _wraps(page, fonts, element, holders)):
        return None
    for holder in holders:
        ratio = _ratio(prop, value, fonts.of(holder))
        if ratio is not None and ratio < minimum - 1e-9:
            return f"小於字級的 {minimum:g} 倍"
    return None


def _ratio(prop: str, value: str, font_px: float | None) -> float | None:
    """The spacing as a multiple of the text's font size; None when it cannot be known statically."""
    if value in ("normal", "initial"):
        return 0.0  # normal letter/word spacing is 0; normal line height is about 1.2
    parsed = length(value)
    if parsed is None:
        return None
    number, unit = parsed
    if unit == "em" or (unit == "" and prop == "line-height"):
        return number
    if unit == "%" and prop == "line-height":
        return number / 100
    if unit in ("px", "pt", "rem") and font_px:
        return number * {"px": 1.0, "pt": 4 / 3, "rem": _DEFAULT_FONT_PX}[unit] / font_px
    return None


def _text_holders(page: Page, element: Element, prop: str) -> list[Element]:
    """Elements whose own text takes this element's declaration (no nearer element redeclares it)."""
    holders = []
    if (element.text or "").strip() or any((child.tail or "").strip() for child in element):
        holders.append(element)
    for child in element:
        if is_element(child) and page.rendered(child) and prop not in page.style(child):
            holders.extend(_text_holders(page, child, prop))
    return holders


def _wraps(page: Page, fonts: _FontSizes, element: Element, holders: list[Element]) -> bool:
    """Line height only matters for text that wraps; judged from the narrowest pixel width above it."""
    characters = sum(len(" ".join(text_of(h).split())) for h in holders)
    width = None
    for node in (element, *element.iterancestors()):
        for prop in ("max-width", "width"):
            declared = page.style(node).get(prop)
            parsed = length(declared[0]) if declared else None
            if parsed and parsed[1] == "px":
                width = parsed[0] if width is None else min(width, parsed[0])
    if width is None:
        return characters > 80
    return characters * (fonts.of(holders[0]) or _DEFAULT_FONT_PX) * 0.5 > width


class _FontSizes:
    """Font size of an element from inline styles and bare type selectors in <style>; None if unsure."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self._by_tag: dict[str, str] | None = None
        self._unsure = False

    def _tag_sizes(self) -> dict[str, str]:
        if self._by_tag is None:
            self._by_tag = {}
            self._unsure = has_stylesheet_link(self.page)
            for style in self.page.tagged("style"):
                for rule in iter_rules(style.text or ""):
                    size = declarations(rule.body).get("font-size")
                    if not size:
                        continue
                    if rule.selector.strip().isalpha() and not rule.media:
                        self._by_tag[rule.selector.strip().lower()] = size[0]
                    else:
                        self._unsure = True
        return self._by_tag

    def of(self, element: Element) -> float | None:
        by_tag = self._tag_sizes()
        chain = [element, *element.iterancestors()]
        size = _DEFAULT_FONT_PX
        for node in reversed(chain):
            declared = self.page.style(node).get("font-size")
            value = declared[0] if declared else by_tag.get(node.tag)
            if value is None:
                continue
            size = font_size_px(value, size)
            if size is None:
                return None
        inline = any(self.page.style(node).get("font-size") for node in chain)
        return None if self._unsure and not inline else size
