"""Just enough CSS reading for the static rules: rule blocks with their @media, font units, rotations.

No cascade and no selector matching beyond bare type selectors; anything unsure is left unreported."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from checks.a11y.dom import parse_style

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BRACE = re.compile(r"[{}]")
_ABSOLUTE_LENGTH = re.compile(r"(?<![\w.#/-])(\d*\.?\d+)(px|pt|pc|cm|mm|in|q)(?![\w-])", re.IGNORECASE)
_RELATIVE_UNIT = re.compile(r"\d(?:em|rem|%|ex|ch|vw|vh|vmin|vmax)|\b(?:larger|smaller|inherit)\b",
                            re.IGNORECASE)
_ORIENTATION = re.compile(r"\(\s*orientation\s*:\s*(portrait|landscape)\s*\)", re.IGNORECASE)
_ANGLE = re.compile(r"(-?\d*\.?\d+)(deg|rad|grad|turn)\b", re.IGNORECASE)
_FUNCTION = re.compile(r"([a-z0-9]+)\(([^()]*)\)", re.IGNORECASE)
_LENGTH = re.compile(r"(-?\d*\.?\d+)(px|em|rem|%|pt)?\Z", re.IGNORECASE)
_ANGLE_UNITS = {"deg": 1.0, "grad": 0.9, "rad": 180 / math.pi, "turn": 360.0}


@dataclass(frozen=True, slots=True)
class CssRule:
    selector: str
    body: str
    media: tuple[str, ...]
    line: int


def iter_rules(css: str) -> Iterator[CssRule]:
    """Style rules (selector + declarations) with the @media preludes around them, in order."""
    text = _COMMENT.sub(lambda m: "\n" * m.group().count("\n"), css)
    open_preludes: list[str] = []
    start = 0
    line, counted = 1, 0
    for brace in _BRACE.finditer(text):
        position = brace.start()
        if brace.group() == "{":
            open_preludes.append(text[start:position].strip())
        elif open_preludes:
            prelude = open_preludes.pop()
            if prelude and not prelude.startswith("@"):
                line += text.count("\n", counted, position)
                counted = position
                media = tuple(p for p in open_preludes if p.lower().startswith("@media"))
                yield CssRule(prelude, text[start:position], media, line)
        start = brace.end()


def declarations(body: str) -> dict[str, tuple[str, bool]]:
    return parse_style(body)


def absolute_font_size(decls: dict[str, tuple[str, bool]]) -> str | None:
    """The font size set in an absolute unit (px, pt …), or None when it is relative or unset."""
    size = decls.get("font-size")
    if size and _is_absolute(size[0]):
        return f"font-size: {size[0]}"
    shorthand = decls.get("font")
    if shorthand:
        size_part = shorthand[0].split("/", 1)[0]  # "12px/1.5" – what follows the slash is line-height
        if _is_absolute(size_part):
            return f"font: {shorthand[0]}"
    return None


def _is_absolute(value: str) -> bool:
    if _RELATIVE_UNIT.search(value):
        return False
    return any(float(number) > 0 for number, _unit in _ABSOLUTE_LENGTH.findall(value))


def orientation_of(media: tuple[str, ...]) -> str | None:
    for prelude in media:
        found = _ORIENTATION.search(prelude)
        if found:
            return found.group(1).lower()
    return None


def rotation_degrees(decls: dict[str, tuple[str, bool]]) -> float | None:
    """The rotation a transform or rotate declaration applies about the z axis, in degrees."""
    rotate = decls.get("rotate")
    if rotate:
        angle = _angle(rotate[0])
        if angle is not None:
            return angle
    transform = decls.get("transform")
    if not transform:
        return None
    total, found = 0.0, False
    for name, arguments in _FUNCTION.findall(transform[0]):
        angle = _function_angle(name.lower(), [a.strip() for a in arguments.split(",")])
        if angle is not None:
            total += angle
            found = True
    return total if found else None


def _function_angle(name: str, arguments: list[str]) -> float | None:
    if name in ("rotate", "rotatez") and len(arguments) == 1:
        return _angle(arguments[0])
    if name == "rotate3d" and len(arguments) == 4 and _numbers(arguments[:3]) == [0.0, 0.0, 1.0]:
        return _angle(arguments[3])
    if name in ("matrix", "matrix3d") and len(arguments) in (6, 16):
        numbers = _numbers(arguments[:2])
        if numbers is not None:
            return math.degrees(math.atan2(numbers[1], numbers[0]))
    return None


def _numbers(values: list[str]) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def _angle(value: str) -> float | None:
    found = _ANGLE.fullmatch(value.strip().split()[-1]) if value.strip() else None
    if not found:
        return None
    return float(found.group(1)) * _ANGLE_UNITS[found.group(2).lower()]


def quarter_turn(degrees: float) -> bool:
    """True when the rotation turns content sideways (about 90° or 270°)."""
    remainder = degrees % 180
    return 80 <= remainder <= 100


def length(value: str) -> tuple[float, str] | None:
    """A CSS number with its unit ("" for unitless), or None for keywords and expressions."""
    found = _LENGTH.match(value.strip())
    if not found:
        return None
    return float(found.group(1)), (found.group(2) or "").lower()


def font_size_px(value: str, parent_px: float) -> float | None:
    parsed = length(value)
    if parsed is None:
        return None
    number, unit = parsed
    scale = {"px": 1.0, "pt": 4 / 3, "em": parent_px, "rem": 16.0, "%": parent_px / 100}.get(unit)
    return number * scale if scale is not None else None


def off_screen(declarations_: dict[str, tuple[str, bool]]) -> bool:
    """Moved far outside the viewport (the "visually hidden" trick): not seen, so not judged visually."""
    for side in ("top", "left", "right"):
        declared = declarations_.get(side)
        parsed = length(declared[0]) if declared else None
        if parsed and parsed[0] <= (-100 if parsed[1] in ("px", "") else -10):
            return True
    return False
