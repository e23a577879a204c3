"""Text alternatives (WCAG 1.1.1): images, image-map areas, image buttons, embedded objects.

HM1110100C / 101C / 104C / 105C / 106C and ARIA images; names come from the shared accname code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from checks.a11y.accname import accessible_name, visible_text
from checks.a11y.aria import PRESENTATIONAL
from checks.a11y.dom import Element, Page, input_type, snippet
from checks.a11y.hits import Hit, produces
from checks.html import collapse


_IMAGE_ROLES = frozenset({"img", "image", "graphics-document", "graphics-symbol"})
_FILE_NAME = re.compile(
    r"[\w\-. ()\[\]]+\.(?:jpe?g|png|gif|bmp|svg|webp|tiff?|ico|heic)\Z"
    r"|(?:dsc|dscn|dscf|img|pict|pxl|mvimg|_mg)[_\- ]?\d{3,}\w*\Z",
    re.IGNORECASE,
)
# Alt texts that say an image is there but not what it shows.
_PLACEHOLDER_ALTS = frozenset({
    "圖片", "圖", "圖像", "影像", "照片", "相片", "圖示", "示意圖", "未命名", "替代文字", "請輸入替代文字",
    "image", "img", "picture", "pic", "photo", "icon", "graphic", "untitled", "spacer", "blank", "null",
    "undefined", "alt", "none", "default",
})
_MEDIA_EXTENSIONS = frozenset({
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "mp3", "mp4", "m4a", "m4v", "wav", "ogg", "oga",
    "ogv", "webm", "avi", "mov", "wmv", "wma", "flv", "swf", "mid", "midi",
})
_DOCUMENT_EXTENSIONS = frozenset({"html", "htm", "xhtml", "php", "asp", "aspx", "jsp", "do"})


def _short(element: Element) -> str:
    return snippet(element, 160)


def meaningless_alt(alt: str) -> bool:
    text = collapse(alt)
    return bool(text) and (text.lower() in _PLACEHOLDER_ALTS or bool(_FILE_NAME.match(text)))


@produces("img-alt", "img-alt-attr", "img-empty-alt-title")
def check_images(page: Page) -> Iterator[Hit]:
    for image in page.exposed_only(page.tagged("img")):
        alt = image.get("alt")
        if alt == "" and (image.get("title") or "").strip():
            yield Hit("img-empty-alt-title", image, f"alt=\"\" 卻有 title：{_short(image)}")
        role = page.role(image)
        if role == "none":
            if alt is None:
                yield Hit("img-alt-attr", image, f"裝飾圖片仍需 alt=\"\"：{_short(image)}")
            continue
        if role not in _IMAGE_ROLES:
            continue  # an image given a widget role is named by that widget's rule
        yield from _image_name_hits(page, image, alt)


def _image_name_hits(page: Page, image: Element, alt: str | None) -> Iterator[Hit]:
    if not accessible_name(page, image):
        problem = "缺少 alt 屬性" if alt is None else "alt 只有空白"
        yield Hit("img-alt", image, f"{problem}：{_short(image)}")
    elif alt is None:
        yield Hit("img-alt-attr", image, f"名稱來自 title 或 aria，缺少 alt：{_short(image)}")
    elif meaningless_alt(alt):
        yield Hit("img-alt", image, f"替代文字「{collapse(alt)}」未說明圖片內容：{_short(image)}")


@produces("area-alt")
def check_areas(page: Page) -> Iterator[Hit]:
    for area in page.exposed_only(page.tagged("area")):
        if area.get("href") is None:
            continue
        if not accessible_name(page, area):
            yield Hit("area-alt", area, f"<area> 缺少 alt：{_short(area)}")


@produces("input-image-alt")
def check_image_buttons(page: Page) -> Iterator[Hit]:
    for field in page.exposed_only(page.tagged("input")):
        if input_type(field) == "image" and page.role(field) == "button" \
                and not accessible_name(page, field):
            yield Hit("input-image-alt", field, f"圖片按鈕缺少 alt：{_short(field)}")


@produces("object-alt")
def check_objects(page: Page) -> Iterator[Hit]:
    for embedded in page.exposed_only(page.tagged("object", "embed", "applet")):
        explicit = page.explicit_role(embedded)
        if explicit in PRESENTATIONAL or explicit in _IMAGE_ROLES:
            continue  # decorative, or named under role-img-name
        if accessible_name(page, embedded):
            continue
        if _lacks_alternative(page, embedded):
            yield Hit("object-alt", embedded, f"<{embedded.tag}> 沒有名稱或替代內容：{_short(embedded)}")


def _lacks_alternative(page: Page, embedded: Element) -> bool:
    tag = embedded.tag
    if tag == "embed":
        return bool(embedded.get("src") or embedded.get("type"))
    if tag == "applet":
        return not (embedded.get("alt") or "").strip() and not visible_text(page, embedded)
    kind = _object_kind(embedded)
    if kind == "media":
        return True  # browsers render the media, so fallback content is never shown or read
    if kind == "document":
        return False  # a nested page is named by its own title
    return not visible_text(page, embedded) and not _fallback_image_alt(embedded)


def _object_kind(embedded: Element) -> str:
    declared = (embedded.get("type") or "").lower()
    if declared.startswith(("image/", "audio/", "video/")) or "flash" in declared:
        return "media"
    if declared.startswith("text/html"):
        return "document"
    path = urlsplit((embedded.get("data") or "").strip()).path
    extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    if extension in _MEDIA_EXTENSIONS:
        return "media"
    return "document" if extension in _DOCUMENT_EXTENSIONS else "unknown"


def _fallback_image_alt(embedded: Element) -> bool:
    return any((image.get("alt") or "").strip() for image in embedded.iter("img"))


@produces("role-img-name")
def check_role_images(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.having("role")):
        if element.tag != "img" and page.explicit_role(element) in _IMAGE_ROLES and page.role(element) in _IMAGE_ROLES \
                and not accessible_name(page, element):
            yield Hit("role-img-name", element, f"role=\"{element.get('role')}\" 沒有名稱：{_short(element)}")
