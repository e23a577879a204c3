"""Page structure: title, language, headings, data tables, form groups, bypass blocks, unique ids.

WCAG 1.3.1, 2.4.1, 2.4.2, 2.4.10, 3.1.1, 3.1.2 and 4.1.1: the 規範's HM113…, HM124…, HM131…, HM141… codes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.a11y.accname import has_words, visible_text
from checks.a11y.aria import PRESENTATIONAL
from checks.a11y.dom import Element, Page, input_type, is_element, snippet, text_of
from checks.a11y.hits import Hit, produces
from checks.a11y.langtags import valid_lang
from checks.html import collapse

_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LANDMARK_ROLES = frozenset({"main", "navigation"})

# Titles that editors and frameworks put in new pages; they never describe the page.
_PLACEHOLDER_TITLES = frozenset({
    "untitled", "untitled document", "untitled page", "new page", "document", "title", "page title",
    "無標題文件", "無標題", "未命名", "未命名文件", "新網頁", "新增網頁", "網頁標題", "標題", "react app", "vite app",
})
_GROUPING_ROLES = frozenset({"group", "radiogroup"})
_TABLE_ROLES = frozenset({"table", "grid", "treegrid"})
_ROW_ROLE = frozenset({"row"})
_CELL_ROLES = frozenset({"cell", "gridcell", "columnheader", "rowheader"})
_MAX_COLSPAN = 100
_HEADER_ROLES = frozenset({"columnheader", "rowheader"})


def _short(element: Element) -> str:
    return snippet(element, 160)


def foreign_root(page: Page) -> bool:
    """The document is really an SVG or MathML file that the HTML parser wrapped in <html><body>."""
    root = page.root
    if root.find("head") is not None:
        return False
    body = root.find("body")
    children = [child for child in body if is_element(child)] if body is not None else []
    return len(children) == 1 and children[0].tag in ("svg", "math") and not (body.text or "").strip()


# --- page title and languages ---------------------------------------------------------------------

@produces("page-title")
def check_title(page: Page) -> Iterator[Hit]:
    if foreign_root(page):
        return
    titles = [t for t in page.tagged("title") if t not in page.template_content
              and not any(a.tag in ("svg", "math") for a in t.iterancestors())]
    if not titles:
        head = page.root.find("head")
        yield Hit("page-title", head if head is not None else page.root, "網頁沒有 <title>")
        return
    title = collapse(text_of(titles[0]))
    if not title:
        yield Hit("page-title", titles[0], "<title> 是空的")
    elif title.lower() in _PLACEHOLDER_TITLES:
        yield Hit("page-title", titles[0], f"<title> 是編輯器預設文字「{title}」")


@produces("html-lang")
def check_html_lang(page: Page) -> Iterator[Hit]:
    if foreign_root(page):
        return
    root = page.root
    lang = root.get("lang")
    if lang is None or not lang.strip():
        yield Hit("html-lang", root, f"<html> 沒有 lang 屬性：{_short(root)}")
    elif not valid_lang(lang):
        yield Hit("html-lang", root, f"lang=\"{lang}\" 不是有效的語言代碼")


@produces("lang-valid")
def check_part_languages(page: Page) -> Iterator[Hit]:
    for element in page.having("lang"):
        lang = element.get("lang") or ""
        if element is page.root or lang == "" or element in page.unrendered or valid_lang(lang):
            continue
        if _speaks_for_text(page, element):
            yield Hit("lang-valid", element, f"lang=\"{lang}\" 不是有效的語言代碼：{_short(element)}")


def _speaks_for_text(page: Page, element: Element) -> bool:
    """Has rendered text (or alt text) whose nearest lang attribute is this element's."""
    if (element.text or "").strip() or (element.tag == "img" and (element.get("alt") or "").strip()):
        return True
    for child in element:
        if is_element(child) and child.get("lang") is None and child not in page.unrendered \
                and _speaks_for_text(page, child):
            return True
        if (child.tail or "").strip():
            return True
    return False


# --- headings -------------------------------------------------------------------------------------

def _heading_levels(page: Page) -> Iterator[tuple[Element, int]]:
    for element in page.exposed_only(page.select(_HEADING_TAGS, ("role",))):
        if page.role(element) != "heading":
            continue
        level = element.get("aria-level", "").strip()
        if level.isdigit():
            yield element, int(level)
        elif element.tag in _HEADING_TAGS:
            yield element, int(element.tag[1])
        else:
            yield element, 2


@produces("heading-order", "headings-present")
def check_headings(page: Page) -> Iterator[Hit]:
    previous = 0
    seen = False
    for heading, level in _heading_levels(page):
        seen = True
        if previous and level > previous + 1:
            yield Hit("heading-order", heading, f"h{previous} 之後直接使用 h{level}：{_short(heading)}")
        previous = level
    body = page.root.find("body")
    if not seen and body is not None and visible_text(page, body) and not foreign_root(page):
        yield Hit("headings-present", body, "網頁中沒有任何標題（h1～h6）")


# --- data tables ----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Cell:
    element: Element
    row: int
    col: int
    rows: int
    cols: int


def _span(raw: str | None, limit: int) -> int:
    if not raw:
        return 1
    raw = raw.strip()
    return max(1, min(int(raw), limit)) if raw.isdigit() else 1


def _table_rows(table: Element) -> list[Element]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if row.tag == "tr")
    return rows


def _grid(table: Element) -> list[_Cell]:
    """Cells with their grid position, honouring rowspan and colspan (the HTML table model, simplified)."""
    rows = _table_rows(table)
    carried: dict[int, set[int]] = {}  # row -> columns still covered by a rowspan from above
    cells: list[_Cell] = []
    for row_index, row in enumerate(rows):
        blocked = carried.pop(row_index, None)
        column = 0
        for element in row:
            if element.tag != "td" and element.tag != "th":
                continue
            while blocked and column in blocked:
                column += 1
            # Spans are capped so that a hostile rowspan="65534" cannot make the grid explode.
            height = _span(element.get("rowspan"), len(rows) - row_index)
            width = _span(element.get("colspan"), _MAX_COLSPAN)
            cells.append(_Cell(element, row_index, column, height, width))
            for below in range(row_index + 1, row_index + height):
                carried.setdefault(below, set()).update(range(column, column + width))
            column += width
    return cells


def _aria_parts(page: Page, container: Element, wanted: frozenset[str]) -> list[Element]:
    """Rows of an ARIA table (or cells of an ARIA row), looking through rowgroups and plain wrappers."""
    found: list[Element] = []
    for child in container:
        if not is_element(child) or child in page.ax_hidden:
            continue
        role = page.role(child)
        if role in wanted:
            found.append(child)
        elif role in ("rowgroup", "generic", "none", "presentation", ""):
            found.extend(_aria_parts(page, child, wanted))
    return found


def _aria_grid(page: Page, table: Element) -> list[_Cell]:
    cells = []
    for row_index, row in enumerate(_aria_parts(page, table, _ROW_ROLE)):
        for column, element in enumerate(_aria_parts(page, row, _CELL_ROLES)):
            cells.append(_Cell(element, row_index, column, 1, 1))
    return cells


def _data_tables(page: Page) -> Iterator[tuple[Element, list[_Cell]]]:
    for table in page.exposed_only(page.select(("table",), ("role",))):
        if table.tag == "table":
            if page.role(table) not in PRESENTATIONAL:
                yield table, _grid(table)
        elif page.explicit_role(table) in _TABLE_ROLES:
            yield table, _aria_grid(page, table)


@produces("th-has-data-cells", "td-headers")
def check_tables(page: Page) -> Iterator[Hit]:
    for table, cells in _data_tables(page):
        yield from _unassigned_headers(page, cells)
        yield from _broken_headers_attributes(page, table, cells)


def _unassigned_headers(page: Page, cells: list[_Cell]) -> Iterator[Hit]:
    headers = [c for c in cells if (c.element.tag == "th" or c.element.get("role"))
               and page.role(c.element) in _HEADER_ROLES]
    if not headers or not any(_is_data_cell(page, c.element) for c in cells):
        return  # no headers, or a table of headers only: nothing to assign
    by_column: dict[int, list[_Cell]] = {}
    by_row: dict[int, list[_Cell]] = {}
    referenced: set[str] = set()
    for cell in cells:
        listed = (cell.element.get("headers") or "").split()
        if listed:
            referenced.update(listed)  # explicit headers replace the cell's row and column headers
            continue
        for column in range(cell.col, cell.col + cell.cols):
            by_column.setdefault(column, []).append(cell)
        for row in range(cell.row, cell.row + cell.rows):
            by_row.setdefault(row, []).append(cell)
    for header in headers:
        if not page.exposed(header.element) or not collapse(text_of(header.element)):
            continue
        role = page.role(header.element)
        if header.element.get("id") in referenced or _heads_a_cell(header, role, by_column, by_row):
            continue
        yield Hit("th-has-data-cells", header.element, f"標題儲存格沒有資料儲存格：{_short(header.element)}")


def _is_data_cell(page: Page, element: Element) -> bool:
    if element.tag == "td" and element.get("role") is None:
        return True
    return page.role(element) in ("cell", "gridcell")


def _heads_a_cell(header: _Cell, role: str, by_column: dict[int, list[_Cell]],
                  by_row: dict[int, list[_Cell]]) -> bool:
    """Another cell shares the header's column (column header) or row (row header)."""
    if role == "columnheader":
        return any(cell.row != header.row for column in range(header.col, header.col + header.cols)
                   for cell in by_column.get(column, ()))
    return any(cell.col != header.col for row in range(header.row, header.row + header.rows)
               for cell in by_row.get(row, ()))


def _broken_headers_attributes(page: Page, table: Element, cells: list[_Cell]) -> Iterator[Hit]:
    if table.tag != "table":
        return  # the headers attribute means nothing on ARIA tables
    members = {id(c.element) for c in cells}
    for cell in cells:
        listed = cell.element.get("headers")
        if listed is None:
            continue
        wrong = [value for value in listed.split()
                 if (target := page.by_id(value)) is None or target is cell.element
                 or id(target) not in members]
        if wrong:
            yield Hit("td-headers", cell.element,
                      f"headers 指向不在本表格的儲存格：{' '.join(wrong)}：{_short(cell.element)}")


# --- form groups ----------------------------------------------------------------------------------

@produces("form-group")
def check_form_groups(page: Page) -> Iterator[Hit]:
    for fieldset in page.exposed_only(page.tagged("fieldset")):
        legend = next((child for child in fieldset if is_element(child) and child.tag == "legend"), None)
        if legend is None or not collapse(text_of(legend)):
            yield Hit("form-group", fieldset, f"<fieldset> 缺少 <legend>：{_short(fieldset)}")
    groups: dict[tuple[int, str, str], list[Element]] = {}
    for choice in page.exposed_only(page.tagged("input")):
        kind = input_type(choice)
        if kind in ("radio", "checkbox") and choice.get("name"):
            form = next(choice.iterancestors("form"), None)
            groups.setdefault((id(form), kind, choice.get("name", "")), []).append(choice)
    for (_form, kind, name), members in groups.items():
        if len(members) > 1 and not _grouped(page, members[0]):
            label = "單選" if kind == "radio" else "複選"
            yield Hit("form-group", members[0], f"{label}群組 name=\"{name}\" 未放在 <fieldset> 內")


def _grouped(page: Page, element: Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor.tag == "fieldset" or page.explicit_role(ancestor) in _GROUPING_ROLES:
            return True
    return False


# --- bypass blocks --------------------------------------------------------------------------------

@produces("bypass")
def check_bypass(page: Page) -> Iterator[Hit]:
    body = page.root.find("body")
    if body is None or foreign_root(page):
        return
    if any(e.tag in ("main", "nav") or page.explicit_role(e) in _LANDMARK_ROLES
           for e in page.exposed_only(page.select(("main", "nav"), ("role",)))):
        return
    if any(True for _ in _heading_levels(page)) or _has_skip_link(page):
        return
    if _starts_with_interactive(page):
        yield Hit("bypass", body, "沒有跳到主要內容的連結、<main>、<nav> 或標題")


def _has_skip_link(page: Page) -> bool:
    """An in-page link (or a scripted jump) to an element that exists: a way past repeated blocks."""
    for element in page.rendered_only(page.select(("a",), ("onclick",))):
        target = element.get("href") if element.tag == "a" else element.get("onclick")
        if not target or "#" not in target:
            continue
        fragment = target.split("#", 1)[1].strip().strip("'\");")
        if fragment and (page.by_id(fragment) is not None or fragment in _anchor_names(page)):
            return True
    return False


def _anchor_names(page: Page) -> set[str]:
    return {anchor.get("name", "") for anchor in page.tagged("a") if anchor.get("name")}


def _starts_with_interactive(page: Page) -> bool:
    """Repeated blocks come first: the first rendered content of the body is a link or control."""
    body = page.root.find("body")
    if body is None or has_words(body.text or ""):
        return False
    for element in body.iter():
        if not is_element(element) or element in page.unrendered or element is body:
            continue
        if page.focusable(element):
            return True
        if has_words(element.text or "") or (element.tag == "img" and (element.get("alt") or "").strip()):
            return False
        if has_words(element.tail or "") and not any(page.focusable(a) for a in element.iterancestors()):
            return False
    return False


# --- unique ids -----------------------------------------------------------------------------------

@produces("duplicate-id")
def check_duplicate_ids(page: Page) -> Iterator[Hit]:
    for value, elements in page.ids.items():
        for element in elements[1:]:
            yield Hit("duplicate-id", element, f"id=\"{value}\" 重複出現 {len(elements)} 次：{_short(element)}")
