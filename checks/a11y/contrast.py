"""Text contrast (WCAG 1.4.3 AA, 1.4.6 AAA) where inline styles and presentational attributes decide it.

Only colours that markup states outright are judged: images, gradients, shadows or stylesheets mean no report."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterator

from checks.a11y.accname import has_words
from checks.a11y.css import length, off_screen
from checks.a11y.dom import Element, Page, is_element, snippet
from checks.a11y.hits import Hit, produces
from checks.a11y.styles import has_stylesheet_link, styled_with


Rgba = tuple[float, float, float, float]

_NAMED = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000", "blue": "#0000ff",
    "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0", "maroon": "#800000", "purple": "#800080",
    "fuchsia": "#ff00ff", "magenta": "#ff00ff", "lime": "#00ff00", "olive": "#808000", "yellow": "#ffff00",
    "navy": "#000080", "teal": "#008080", "aqua": "#00ffff", "cyan": "#00ffff", "orange": "#ffa500",
    "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3",
    "dimgray": "#696969", "dimgrey": "#696969", "gainsboro": "#dcdcdc", "whitesmoke": "#f5f5f5",
    "darkred": "#8b0000", "darkblue": "#00008b", "darkgreen": "#006400", "brown": "#a52a2a",
    "pink": "#ffc0cb", "gold": "#ffd700", "beige": "#f5f5dc", "ivory": "#fffff0", "snow": "#fffafa",
}
_HEX = re.compile(r"#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})\Z")
_FUNCTION = re.compile(r"(rgba?|hsla?)\(([^)]*)\)\Z")
_UNSURE_BACKGROUND = ("url(", "gradient", "image-set", "var(", "inherit", "currentcolor")
_HEADING_EM = {"h1": 2.0, "h2": 1.5, "h3": 1.17, "h4": 1.0, "h5": 0.83, "h6": 0.67}
_BOLD_TAGS = frozenset({"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_WHITE: Rgba = (1.0, 1.0, 1.0, 1.0)


def parse_colour(value: str) -> Rgba | None:
    """A CSS colour as 0-1 floats with alpha; None for anything not stated outright."""
    text = value.strip().lower()
    if text == "transparent":
        return (0.0, 0.0, 0.0, 0.0)
    text = _NAMED.get(text, text)
    found = _HEX.match(text)
    if found:
        digits = found.group(1)
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        channels = [int(digits[i:i + 2], 16) / 255 for i in range(0, len(digits), 2)]
        return (channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 1.0)
    found = _FUNCTION.match(text)
    if not found:
        return None
    parts = [p for p in re.split(r"[\s,/]+", found.group(2).strip()) if p]
    if len(parts) not in (3, 4):
        return None
    try:
        alpha = _fraction(parts[3]) if len(parts) == 4 else 1.0
        if found.group(1).startswith("rgb"):
            return (_channel(parts[0]), _channel(parts[1]), _channel(parts[2]), alpha)
        hue = float(parts[0].removesuffix("deg")) / 360 % 1
        red, green, blue = colorsys.hls_to_rgb(hue, _fraction(parts[2]), _fraction(parts[1]))
        return (red, green, blue, alpha)
    except ValueError:
        return None


def _channel(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text) / 255


def _fraction(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def _over(top: Rgba, bottom: Rgba) -> Rgba:
    alpha = top[3]
    return (top[0] * alpha + bottom[0] * (1 - alpha), top[1] * alpha + bottom[1] * (1 - alpha),
            top[2] * alpha + bottom[2] * (1 - alpha), 1.0)


def _luminance(colour: Rgba) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(colour[0]) + 0.7152 * linear(colour[1]) + 0.0722 * linear(colour[2])


def contrast_ratio(first: Rgba, second: Rgba) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class _Styles:
    """Colour-related declarations of one element: inline style first, then presentational attributes."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def get(self, element: Element, name: str) -> str | None:
        declared = self.page.style(element).get(name)
        if declared:
            return declared[0].lower()
        if name == "color" and element.tag == "font":
            return (element.get("color") or "").lower() or None
        if name == "background-color":
            return (element.get("bgcolor") or "").lower() or None
        return None

    def background(self, element: Element) -> tuple[str | None, bool]:
        """(colour, unsure): the element's own background colour, flagged when an image may cover it."""
        shorthand = self.get(element, "background")
        image = self.get(element, "background-image")
        if image and image != "none":
            return None, True
        colour = self.get(element, "background-color")
        if shorthand:
            if any(marker in shorthand for marker in _UNSURE_BACKGROUND):
                return None, True
            colour = shorthand.split()[0] if shorthand.split() else colour
        return colour, False


@produces("color-contrast", "color-contrast-enhanced")
def check_contrast(page: Page) -> Iterator[Hit]:
    styles = _Styles(page)
    styled = bool(page.tagged("style")) or has_stylesheet_link(page)
    excluded: _Exclusions | None = None
    seen: set[Element] = set()
    for declarer in page.exposed_only(page.in_order([*styled_with(page, "color"), *page.having("color")])):
        for holder in _holders(page, declarer, seen):
            excluded = _Exclusions(page, styles) if excluded is None else excluded
            if excluded(holder):
                continue
            verdict = _judge(page, styles, holder, styled)
            if verdict is None:
                continue
            ratio, large = verdict
            minimum, enhanced = (3.0, 4.5) if large else (4.5, 7.0)
            detail = f"對比 {ratio:.2f}:1（{'大字' if large else '一般文字'}）：{snippet(holder, 160)}"
            if ratio < minimum - 1e-9:
                yield Hit("color-contrast", holder, f"低於 {minimum:g}:1，{detail}")
            if ratio < enhanced - 1e-9:
                yield Hit("color-contrast-enhanced", holder, f"低於 {enhanced:g}:1，{detail}")


def _holders(page: Page, declarer: Element, seen: set[Element]) -> Iterator[Element]:
    """The declaring element and its descendants that hold visible text of their own."""
    for element in declarer.iter():
        if element in seen or not is_element(element) or element in page.ax_hidden:
            continue
        seen.add(element)
        own = (element.text or "") + "".join(child.tail or "" for child in element)
        if has_words(own):
            yield element


def _labels_of_disabled(page: Page) -> set[Element]:
    """Text labelling a disabled control is exempt from the contrast requirement."""
    muted: set[Element] = set()
    for element in page.having("aria-labelledby"):
        if not (page.disabled(element) or (element.get("aria-disabled") or "").strip().lower() == "true"):
            continue
        muted.update(page.refs(element.get("aria-labelledby") or ""))
    for label in page.tagged("label"):
        target = page.by_id(label.get("for") or "") if label.get("for") else next(
            (c for c in label.iter("input", "select", "textarea", "button")), None)
        if target is not None and page.disabled(target):
            muted.add(label)
    return muted


class _Exclusions:
    """Is text exempt or unjudgeable: disabled, labelling a disabled control, shadowed, off screen, SVG?

    Memoised per element, since every holder under one ancestor asks about the same ancestors."""

    def __init__(self, page: Page, styles: _Styles) -> None:
        self.page = page
        self.styles = styles
        self.muted = _labels_of_disabled(page)
        self.known: dict[Element, bool] = {}

    def __call__(self, node: Element) -> bool:
        known = self.known.get(node)
        if known is None:
            parent = node.getparent()
            known = self._itself(node) or (parent is not None and self(parent))
            self.known[node] = known
        return known

    def _itself(self, node: Element) -> bool:
        page = self.page
        if node in self.muted or node.tag == "svg" or page.disabled(node):
            return True
        if (node.get("aria-disabled") or "").strip().lower() == "true":
            return True
        return self.styles.get(node, "text-shadow") not in (None, "none") or off_screen(page.style(node))


def _judge(page: Page, styles: _Styles, holder: Element, styled: bool) -> tuple[float, bool] | None:
    """(contrast ratio, large text) when markup alone fixes both colours; None when unsure."""
    chain = [holder, *holder.iterancestors()]
    if styled:
        chain = chain[:1]  # a stylesheet may colour any element in between: trust the holder's own only
    colour_value = next((styles.get(node, "color") for node in chain if styles.get(node, "color")), None)
    colour = parse_colour(colour_value) if colour_value else None
    if colour is None:
        return None
    background, opacity = _backdrop(page, styles, chain, styled)
    if background is None:
        return None
    text = _over((colour[0], colour[1], colour[2], colour[3] * opacity), background)
    return contrast_ratio(text, background), _large(page, holder)


def _backdrop(page: Page, styles: _Styles, chain: list[Element], styled: bool) -> tuple[Rgba | None, float]:
    """The opaque colour behind the text, and the opacity applied to the text above it."""
    layers: list[Rgba] = []
    opacity = 1.0
    for node in chain:
        declared = page.style(node).get("opacity")
        value, unsure = styles.background(node)
        if unsure:
            return None, opacity
        colour = parse_colour(value) if value else None
        if value and colour is None:
            return None, opacity
        if declared:
            parsed = length(declared[0])
            if parsed is None or colour is not None or layers:
                return None, opacity  # opacity on the backdrop itself fades it into unknown colours
            opacity *= max(0.0, min(1.0, parsed[0] / 100 if parsed[1] == "%" else parsed[0]))
        if colour is not None and colour[3] > 0:
            layers.append(colour)
            if colour[3] >= 1:
                break
    else:
        if styled:
            return None, opacity
        layers.append(_WHITE)  # an unstyled page is drawn on the browser's white canvas
    backdrop = layers[-1]
    for layer in reversed(layers[:-1]):
        backdrop = _over(layer, backdrop)
    return backdrop, opacity


def _large(page: Page, holder: Element) -> bool:
    """Large scale text: at least 18pt, or 14pt and bold (24px / 18.66px)."""
    size, bold = 16.0, False
    for node in reversed([holder, *holder.iterancestors()]):
        declared = page.style(node).get("font-size")
        if declared:
            parsed = length(declared[0])
            if parsed is not None:
                number, unit = parsed
                size = {"px": number, "pt": number * 4 / 3, "em": number * size, "rem": number * 16,
                        "%": number * size / 100}.get(unit, size)
        elif node.tag in _HEADING_EM:
            size *= _HEADING_EM[node.tag]
        weight = page.style(node).get("font-weight")
        if weight:
            bold = weight[0].lower() in ("bold", "bolder") or (weight[0].isdigit() and int(weight[0]) >= 700)
        elif node.tag in _BOLD_TAGS:
            bold = True
    return size >= 24 or (bold and size >= 18.66)
