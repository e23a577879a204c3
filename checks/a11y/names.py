"""Names of links, buttons, form fields, widgets and frames (WCAG 2.4.4, 2.4.9, 4.1.2, 1.3.1, 2.5.3).

HM1240401C, HM1130104C, HM1410201C and the ARIA name rules; every name comes from accname.py."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator

from checks.a11y.accname import accessible_name, has_words, visible_text
from checks.a11y.aria import FIELD_ROLES, LABEL_IN_NAME_ROLES, PRESENTATIONAL
from checks.a11y.dom import Element, Page, input_type, is_element, snippet, tabindex_of, text_of
from checks.a11y.hits import Hit, produces
from checks.html import collapse

_ICON_FONT_MARKERS = ("icon", "awesome")

_LINK_ROLES = frozenset({"link", "doc-backlink", "doc-biblioref", "doc-glossref", "doc-noteref"})
_NOT_FIELDS = frozenset({"hidden", "button", "submit", "reset", "image"})
_WIDGET_ROLES = frozenset({"menuitem", "menuitemcheckbox", "menuitemradio", "tab", "treeitem", "option"})
# Where the context of a link is programmatically determined (Understanding SC 2.4.4).
_CONTEXT_TAGS = frozenset({"p", "li", "td", "th", "dd", "dt", "caption", "figcaption", "blockquote",
                           "h1", "h2", "h3", "h4", "h5", "h6", "legend", "summary", "label"})
_BLOCKS = frozenset({"div", "p", "ul", "ol", "li", "table", "section", "article", "main", "nav", "aside",
                     "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "form", "dl", "br", "hr"})
_NOT_WORDS = re.compile(r"[^\w]+|_")
# Punctuation, symbols and spaces seen around generic link texts ("more »", "[詳全文]", "＋更多").
_DROPPED = str.maketrans("", "", string.punctuation + string.whitespace
                         + "»«…、。，：；！？（）【】「」『』〔〕《》〈〉·•→←↑↓>+＋－—–▶►▸›‹❯❮➤➔⇒\u3000\xa0")

# Link texts that say nothing about the destination, compared after _normalise.
_GENERIC_LINK_TEXTS = frozenset(
    "more readmore learnmore seemore viewmore moreinfo moreinformation details detail clickhere click "
    "here this thislink link go continue download open view "
    "更多 更多資訊 更多內容 更多訊息 看更多 閱讀更多 了解更多 詳細 詳細內容 詳細資料 詳細資訊 詳全文 全文 "
    "點此 點此處 點選 點選此處 點我 請點此 請點選 請點選此處 請按此 按此 按這裡 點這裡 請點這裡 這裡 此處 "
    "連結 超連結 下載 檔案下載 前往 進入 繼續".split()
)
# Names longer than this cannot be one of the texts above, so the normalising is skipped for them.
_LONGEST_GENERIC = 2 * max(len(text) for text in _GENERIC_LINK_TEXTS)


def _short(element: Element) -> str:
    return snippet(element, 160)



def _normalise(text: str) -> str:
    """Letters and digits only, lower case: "More »" and "more..." compare equal to "more"."""
    return text.lower().translate(_DROPPED)


def generic_text(text: str) -> bool:
    letters = _normalise(text)
    return not letters or letters in _GENERIC_LINK_TEXTS


# --- links ----------------------------------------------------------------------------------------

@produces("link-name", "link-generic", "link-purpose-context")
def check_links(page: Page) -> Iterator[Hit]:
    for link in page.exposed_only(page.select(("a", "area"), ("role",))):
        if link.tag in ("a", "area") and link.get("href") is None and link.get("role") is None:
            continue
        if page.role(link) not in _LINK_ROLES:
            continue
        name = accessible_name(page, link)
        if not name:
            yield Hit("link-name", link, f"{_empty_link_reason(link)}：{_short(link)}")
        elif len(name) <= _LONGEST_GENERIC and generic_text(name) and not _described(page, link):
            yield Hit("link-generic", link, f"連結文字「{name}」：{_short(link)}")
            if not _has_context(page, link):
                yield Hit("link-purpose-context", link, f"「{name}」前後沒有說明：{_short(link)}")


def _empty_link_reason(link: Element) -> str:
    images = list(link.iter("img"))
    if images and any(image.get("alt") is None for image in images):
        return "連結內只有圖片，且圖片缺少 alt"
    if images:
        return "連結內只有空替代文字的圖片"
    return "連結沒有任何文字"


def _described(page: Page, link: Element) -> bool:
    """A title or aria-describedby that is itself specific counts as the link's explanation."""
    title = link.get("title") or ""
    if title.strip() and not generic_text(title):
        return True
    described = " ".join(collapse(text_of(ref)) for ref in page.refs(link.get("aria-describedby") or ""))
    return bool(described.strip())


def _has_context(page: Page, link: Element) -> bool:
    own = _normalise(visible_text(page, link))
    for ancestor in link.iterancestors():
        if ancestor.tag in _CONTEXT_TAGS:
            return len(_normalise(visible_text(page, ancestor))) > len(own)
        if ancestor.tag in _BLOCKS or ancestor.tag == "body":
            break
    return bool(_normalise(_inline_run(page, link)))


def _inline_run(page: Page, link: Element) -> str:
    """Text beside the link up to the nearest block boundary on either side, without the link itself."""
    parent = link.getparent()
    if parent is None:
        return ""
    siblings = list(parent)
    index = siblings.index(link)
    parts = [link.tail or ""]
    for sibling in siblings[index + 1:]:
        if is_element(sibling) and sibling.tag in _BLOCKS:
            break
        if is_element(sibling) and page.rendered(sibling):
            parts.append(text_of(sibling))
        parts.append(sibling.tail or "")
    for position in range(index - 1, -1, -1):
        sibling = siblings[position]
        parts.append(sibling.tail or "")
        if is_element(sibling) and sibling.tag in _BLOCKS:
            break
        if is_element(sibling) and page.rendered(sibling):
            parts.append(text_of(sibling))
    else:
        parts.append(parent.text or "")
    return " ".join(parts)


@produces("link-redundant-adjacent")
def check_adjacent_links(page: Page) -> Iterator[Hit]:
    for link in _image_links(page):
        partner = _next_link(link)
        if partner is None or partner.get("href") != link.get("href"):
            continue
        image_only = not collapse(text_of(link))
        if image_only and collapse(text_of(partner)):
            yield Hit("link-redundant-adjacent", link, f"圖片連結與下一個文字連結同一網址：{_short(link)}")


def _image_links(page: Page) -> list[Element]:
    links: list[Element] = []
    for image in page.rendered_only(page.tagged("img")):
        link = next(image.iterancestors("a"), None)
        if link is not None and link.get("href") is not None and link not in links:
            links.append(link)
    return links


def _next_link(link: Element) -> Element | None:
    if (link.tail or "").strip():
        return None
    following = link.getnext()
    while following is not None and not is_element(following):
        if (following.tail or "").strip():
            return None
        following = following.getnext()
    return following if following is not None and following.tag == "a" else None


# --- buttons, fields, widgets ---------------------------------------------------------------------

@produces("button-name")
def check_buttons(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.select(("button", "input"), ("role",))):
        if element.tag == "summary" or page.role(element) != "button":
            continue
        if element.tag == "input" and input_type(element) == "image":
            continue  # input-image-alt reports it with its own code
        if not accessible_name(page, element):
            yield Hit("button-name", element, f"按鈕沒有文字或 aria-label：{_short(element)}")


def _is_field(page: Page, element: Element) -> bool:
    tag = element.tag
    if tag == "input" and input_type(element) in _NOT_FIELDS:
        return False
    role = page.role(element)
    if role in PRESENTATIONAL:
        return False
    if tag in ("input", "select", "textarea"):
        return True
    return page.explicit_role(element) in FIELD_ROLES


@produces("form-label", "label-title")
def check_fields(page: Page) -> Iterator[Hit]:
    popups: set[str] | None = None
    for field in page.exposed_only(page.select(("input", "select", "textarea"), ("role",))):
        if not _is_field(page, field):
            continue
        if page.explicit_role(field) == "listbox":
            popups = _combobox_popups(page) if popups is None else popups
            if field.get("id") in popups:
                continue  # a combobox's popup list is introduced by the labelled combobox itself
        if not accessible_name(page, field):
            yield Hit("form-label", field, f"欄位沒有 <label>、title 或 aria-label：{_short(field)}")
        elif field.tag in ("input", "select", "textarea") and not _label_or_title(page, field):
            yield Hit("label-title", field, f"名稱只來自 placeholder 或 aria：{_short(field)}")


def _combobox_popups(page: Page) -> set[str]:
    ids: set[str] = set()
    for element in page.having("aria-controls", "aria-owns"):
        if page.role(element) == "combobox":
            ids.update(f"{element.get('aria-controls') or ''} {element.get('aria-owns') or ''}".split())
    return ids


def _label_or_title(page: Page, field: Element) -> bool:
    if (field.get("title") or "").strip():
        return True
    return any(collapse(text_of(label)) for label in page.labels_of(field))


@produces("widget-name")
def check_widgets(page: Page) -> Iterator[Hit]:
    for element in page.exposed_only(page.select(("summary",), ("role",))):
        if element.tag == "summary":
            applies = _is_details_summary(element) and page.explicit_role(element) in (None, "none",
                                                                                        "presentation")
        else:
            applies = page.explicit_role(element) in _WIDGET_ROLES and page.role(element) in _WIDGET_ROLES
        if applies and not accessible_name(page, element):
            yield Hit("widget-name", element, f"{page.role(element) or element.tag} 沒有名稱：{_short(element)}")


def _is_details_summary(summary: Element) -> bool:
    parent = summary.getparent()
    return parent is not None and parent.tag == "details" and next(
        (child for child in parent if child.tag == "summary"), None) is summary


# --- frames ---------------------------------------------------------------------------------------

@produces("frame-title", "frame-title-attr")
def check_frames(page: Page) -> Iterator[Hit]:
    for frame in page.exposed_only(page.tagged("iframe", "frame")):
        tabindex = tabindex_of(frame)
        in_tab_order = tabindex is None or tabindex >= 0
        decorative = page.explicit_role(frame) in PRESENTATIONAL
        if in_tab_order and not decorative and not accessible_name(page, frame):
            yield Hit("frame-title", frame, f"頁框沒有 title：{_short(frame)}")
        elif not (frame.get("title") or "").strip():
            yield Hit("frame-title-attr", frame, f"頁框缺少 title 屬性：{_short(frame)}")


# --- visible label in name (2.5.3) ----------------------------------------------------------------

@produces("label-in-name")
def check_label_in_name(page: Page) -> Iterator[Hit]:
    ligature_icons: bool | None = None
    for element in page.exposed_only(page.having("aria-label", "aria-labelledby")):
        if page.role(element) not in LABEL_IN_NAME_ROLES:
            continue
        visible = visible_text(page, element)
        if not has_words(visible):
            continue
        if ligature_icons is None:
            ligature_icons = _uses_icon_font(page)
        if ligature_icons and re.fullmatch(r"[a-z_]+", visible):
            continue  # an icon font ligature ("search") is drawn as a symbol, not as that word
        name = accessible_name(page, element)
        if name and not contains_label(name, visible):
            yield Hit("label-in-name", element, f"可見文字「{visible}」不在名稱「{name}」中：{_short(element)}")


def _uses_icon_font(page: Page) -> bool:
    """Icon fonts draw ligature words ("search", "menu") as symbols; such text is not a visible label."""
    for link in page.tagged("link"):
        if any(marker in (link.get("href") or "").lower() for marker in _ICON_FONT_MARKERS):
            return True
    return any("icons" in (style.text or "").lower() or "awesome" in (style.text or "").lower()
               for style in page.tagged("style"))


def _tokens(text: str) -> list[str]:
    return [token for token in _NOT_WORDS.split(text.lower()) if token]


def contains_label(name: str, visible: str) -> bool:
    """Visible words appear in the name, in order and whole (case and punctuation ignored)."""
    label, full = _tokens(visible), _tokens(name)
    if not label:
        return True
    if any(unicodedata.east_asian_width(ch) == "W" for ch in "".join(label)):
        return "".join(label) in "".join(full)  # CJK text has no spaces between words
    size = len(label)
    return any(full[start:start + size] == label for start in range(len(full) - size + 1))
