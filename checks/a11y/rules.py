"""The static accessibility rules as data: 網站無障礙規範 檢測碼, level, WCAG criteria, title and fix (zh-TW, English).

Checks name a rule by id; reports print its title and fix, in the report's language, exactly as written here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

V110 = "110.07"
V115 = "115.11"
BOTH = frozenset({V110, V115})
ONLY_110 = frozenset({V110})

# 115.11 replaces 110.07 for mark applications from this day on (數位政府字第11540006711號令).
RULESET_CHANGE = datetime.date(2026, 11, 30)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    code: str
    level: str
    wcag: tuple[str, ...]
    rulesets: frozenset[str]
    title: str
    fix: str
    notes: str = ""
    # Keyword-only and required, so a rule cannot be added without the English the `--lang en` report prints.
    title_en: str = field(kw_only=True)
    fix_en: str = field(kw_only=True)


def ruleset_for(as_of: datetime.date) -> str:
    return V115 if as_of >= RULESET_CHANGE else V110


def _rules(*rules: Rule) -> dict[str, Rule]:
    table = {rule.id: rule for rule in rules}
    if len(table) != len(rules):
        raise ValueError("duplicate rule id")
    return table


# Code assignments come from the Freego v3 code list (domain.md §2.3). Where a WCAG criterion has no
# machine-checkable 規範 code the code is "" and `notes` says so. Uncertain assignments:
#   link-generic -> HM3240900C: that code asks for link text plus a title; a generic text with no
#     explanatory title fails it, but Freego's exact test is not public.
#   bypass -> HM1240102C: the code is "group links in <nav>"; we test the SC (a skip link, <main>,
#     <nav> or headings) rather than Freego's exact markup test.
#   form-group -> HM1130103C: "表單控制項群組需以適當組件建立結構關係"; read as fieldset+legend and
#     radio/checkbox groups in a fieldset. HM1130105C (same idea) is only in third-party 115.11 notes.
#   object-alt -> HM1110105C (the brief said 106C; the Freego list gives 105C to applet/embed/object
#     and 106C to "alt=\"\" images must not have a title").
#   form-label -> HM1130104C with 4.1.2 added: Freego lists 1.3.1, the ACT rule e086e5 tests 4.1.2.
#   *-attr / label-title companions share their parent rule's code: they report what Freego fails
#     (no alt attribute, no <label>/title, no title attribute) when WCAG is already met another way.
# 115.11 = 110.07 minus HM1410100C (4.1.1 left WCAG 2.2). The WCAG 2.2 additions (2.4.11-13, 2.5.7,
# 2.5.8, 3.2.6, 3.3.7-9) need layout, behaviour or several pages, so no static rule covers them.
RULES: dict[str, Rule] = _rules(
    # --- text alternatives (1.1.1) ---
    Rule("img-alt", "HM1110100C", "A", ("1.1.1",), BOTH, "圖片缺少替代文字",
         "為 <img> 加上能說明圖片內容或用途的 alt 屬性；純裝飾圖片請用 alt=\"\"。",
         title_en="Image has no text alternative",
         fix_en="Give the <img> an alt attribute that describes the image's content or purpose; use alt=\"\" for "
                "purely decorative images."),
    Rule("img-alt-attr", "HM1110100C", "A", ("1.1.1",), BOTH, "圖片未使用 alt 屬性提供替代文字",
         "Freego 只認 alt 屬性：請把 title 或 aria-label 的說明同時寫進 alt；裝飾圖片請加 alt=\"\"。",
         "Technique check: the image has a name by other means or is marked presentational.",
         title_en="Image text alternative is not given in the alt attribute",
         fix_en="Freego recognizes only the alt attribute: put the description from title or aria-label into alt "
                "as well; give decorative images alt=\"\"."),
    Rule("img-empty-alt-title", "HM1110106C", "A", ("1.1.1",), BOTH, "空替代文字的圖片不可有 title",
         "裝飾圖片（alt=\"\"）請移除 title 屬性；若圖片有意義，請把說明寫進 alt。",
         title_en="Image with empty alt text must not have a title",
         fix_en="Remove the title attribute from decorative images (alt=\"\"); if the image is meaningful, put its "
                "description in alt."),
    Rule("area-alt", "HM1110101C", "A", ("1.1.1",), BOTH, "影像地圖區域缺少替代文字",
         "為每個有連結的 <area> 加上說明連結目的之 alt 文字。",
         title_en="Image map area has no text alternative",
         fix_en="Give every linked <area> alt text that describes the purpose of the link."),
    Rule("input-image-alt", "HM1110104C", "A", ("1.1.1", "4.1.2"), BOTH, "圖片按鈕缺少替代文字",
         "為 <input type=\"image\"> 加上說明按鈕功能的 alt 文字（例如「搜尋」）。",
         title_en="Image button has no text alternative",
         fix_en="Give the <input type=\"image\"> alt text that describes the button's function (for example "
                "\"Search\")."),
    Rule("object-alt", "HM1110105C", "A", ("1.1.1",), BOTH, "嵌入物件缺少替代內容",
         "為 <object>、<embed>、<applet> 提供 title 或 aria-label，並在物件內放入替代文字或下載連結。",
         title_en="Embedded object has no alternative content",
         fix_en="Give <object>, <embed> and <applet> a title or aria-label, and put alternative text or a download "
                "link inside the object."),
    Rule("role-img-name", "", "A", ("1.1.1",), BOTH, "以 role 標示的圖像缺少名稱",
         "為 role=\"img\"（或 SVG 圖形）加上 aria-label、aria-labelledby 或 <title>。",
         "No 規範 code: ARIA/SVG images are outside Freego's HTML checks.",
         title_en="Element with an image role has no accessible name",
         fix_en="Give role=\"img\" elements (and SVG graphics) an aria-label, aria-labelledby or <title>."),
    # --- names of links, controls and frames (2.4.4, 4.1.2, 1.3.1) ---
    Rule("link-name", "HM1240401C", "A", ("2.4.4", "4.1.2"), BOTH, "連結缺少連結文字",
         "在連結內加入說明目的之文字；只有圖片的連結請為圖片加上 alt。",
         title_en="Link has no link text",
         fix_en="Put text that describes the link's purpose inside the link; for a link that contains only an "
                "image, give the image alt text."),
    Rule("link-generic", "HM3240900C", "AAA", ("2.4.9",), BOTH, "連結文字過於籠統",
         "把「更多」「點此」等字改為說明目的之文字（例如「更多最新消息」），或加上說明目的之 title。",
         title_en="Link text is too generic",
         fix_en="Replace words such as \"more\" or \"click here\" with text that states the purpose (for example "
                "\"More news\"), or add a title that explains the purpose."),
    Rule("link-purpose-context", "", "A", ("2.4.4",), BOTH, "連結目的無法由文字及上下文判斷",
         "籠統的連結文字需有同段落、清單項目或表格儲存格內的說明；否則請改寫連結文字。",
         "No machine-checkable 規範 code for link purpose in context.",
         title_en="Link purpose cannot be determined from the link text and its context",
         fix_en="Explain a generic link text in the same paragraph, list item or table cell; otherwise rewrite the "
                "link text."),
    Rule("link-redundant-adjacent", "HM1240400C", "A", ("2.4.4",), BOTH, "相鄰的圖片與文字連結重複",
         "把連往同一網址的相鄰圖片連結與文字連結合併為一個連結，圖片用 alt=\"\"。",
         title_en="Adjacent image and text links repeat each other",
         fix_en="Combine adjacent image and text links to the same URL into one link, and give the image alt=\"\"."),
    Rule("button-name", "", "A", ("4.1.2",), BOTH, "按鈕缺少名稱",
         "在按鈕內加入文字，或以 aria-label 說明按鈕功能；<input> 按鈕請設定 value。",
         "No separate Freego code; HM1410200C (controls used per spec) is the nearest.",
         title_en="Button has no accessible name",
         fix_en="Put text inside the button or describe its function with aria-label; for <input> buttons, set "
                "value."),
    Rule("form-label", "HM1130104C", "A", ("1.3.1", "4.1.2"), BOTH, "表單欄位缺少標籤",
         "以 <label for> 標示每個可見的表單欄位，或加上 title 屬性。",
         title_en="Form field has no label",
         fix_en="Label every visible form field with <label for>, or give it a title attribute."),
    Rule("label-title", "HM1130104C", "A", ("1.3.1",), BOTH, "表單欄位未以 label 或 title 標示",
         "Freego 要求 <label> 或 title：只有 placeholder 或 aria-label 的欄位請加上 <label for> 或 title。",
         "Technique check: the field has a name, but not from <label> or title.",
         title_en="Form field is not labelled by a label or title",
         fix_en="Freego requires <label> or title: give fields that have only a placeholder or aria-label a <label "
                "for> or a title."),
    Rule("widget-name", "", "A", ("4.1.2",), BOTH, "互動元件缺少名稱",
         "為選單項目、頁籤、樹狀項目、<summary> 等元件加入文字或 aria-label。",
         "No 規範 code for ARIA widget names.",
         title_en="Interactive widget has no accessible name",
         fix_en="Give menu items, tabs, tree items, <summary> and similar widgets text content or an aria-label."),
    Rule("frame-title", "HM1410201C", "A", ("4.1.2",), BOTH, "頁框缺少標題",
         "為 <iframe>、<frame> 加上說明內容的 title 屬性，例如 title=\"交通位置地圖\"。",
         title_en="Frame has no title",
         fix_en="Give each <iframe> and <frame> a title attribute that describes its content, for example "
                "title=\"Location map\"."),
    Rule("frame-title-attr", "HM1410201C", "A", ("4.1.2",), BOTH, "頁框未使用 title 屬性",
         "Freego 只認 title 屬性：請為頁框加上非空白的 title。",
         "Technique check: the frame is named by ARIA or is out of the tab order.",
         title_en="Frame is not titled with the title attribute",
         fix_en="Freego recognizes only the title attribute: give the frame a title that is not blank."),
    Rule("label-in-name", "", "A", ("2.5.3",), BOTH, "可見文字未包含在元件名稱中",
         "讓 aria-label 以畫面上看得到的文字開頭或完整包含它，語音操作才能以可見文字點選。",
         "No 規範 code: 2.5.3 is new in WCAG 2.1.",
         title_en="Visible label text is not part of the accessible name",
         fix_en="Make the aria-label start with, or contain in full, the text shown on screen, so that speech "
                "input users can activate the control by saying what they see."),
    # --- structure and relationships (1.3.1, 2.4.x, 3.1.x) ---
    Rule("page-title", "HM1240200C", "A", ("2.4.2",), BOTH, "網頁缺少標題",
         "在 <head> 內加入說明本頁內容的 <title>，例如「最新消息-新竹市政府」。",
         title_en="Web page has no title",
         fix_en="Add a <title> in <head> that describes the page's content, for example \"Latest News - Hsinchu "
                "City Government\"."),
    Rule("html-lang", "HM1310100C", "A", ("3.1.1",), BOTH, "網頁未指定有效的語言",
         "在 <html> 加上有效的 lang 屬性，例如 lang=\"zh-Hant-TW\"。",
         title_en="Page does not specify a valid language",
         fix_en="Add a valid lang attribute to <html>, for example lang=\"zh-Hant-TW\"."),
    Rule("lang-valid", "HM2310200C", "AA", ("3.1.2",), BOTH, "段落語言屬性無效",
         "把 lang 屬性改為有效的語言代碼（例如 en、ja、zh-Hant）。",
         title_en="Language attribute of a passage is not valid",
         fix_en="Change the lang attribute to a valid language code (for example en, ja, zh-Hant)."),
    Rule("heading-order", "HM1130100C", "A", ("1.3.1",), BOTH, "標題層級跳級",
         "標題依序使用 <h1>～<h6>，不要跳級（例如 <h2> 之後直接用 <h4>）。",
         title_en="Heading levels are skipped",
         fix_en="Use <h1> to <h6> in order without skipping levels (for example, no <h4> directly after an <h2>)."),
    Rule("headings-present", "HM3241000C", "AAA", ("2.4.10",), BOTH, "網頁未使用標題組織內容",
         "以 <h1>～<h6> 為主要內容區段加上標題。",
         title_en="Page does not use headings to organize its content",
         fix_en="Add <h1> to <h6> headings to the sections of the main content."),
    Rule("th-has-data-cells", "HM1130101C", "A", ("1.3.1",), BOTH, "表格標題儲存格沒有對應的資料",
         "確認每個 <th> 都有對應的資料儲存格，必要時以 scope 指明是欄或列標題，或改用 <td>。",
         title_en="Table header cell has no data cells it describes",
         fix_en="Make sure every <th> has data cells that it heads; where needed, use scope to say whether it "
                "heads a column or a row, or change it to <td>."),
    Rule("td-headers", "HM1130102C", "A", ("1.3.1",), BOTH, "表格 headers 屬性指向錯誤",
         "headers 屬性只能列出同一表格中標題儲存格的 id，請修正或移除錯誤的 id。",
         title_en="Table headers attribute refers to the wrong cells",
         fix_en="The headers attribute may list only the ids of header cells in the same table; correct or remove "
                "the wrong ids."),
    Rule("form-group", "HM1130103C", "A", ("1.3.1",), BOTH, "表單控制項群組缺少結構",
         "把同一題的單選、複選項目放進 <fieldset>，並以 <legend> 寫出題目。",
         title_en="Group of form controls has no structure",
         fix_en="Put the radio buttons or checkboxes that answer one question in a <fieldset>, and state the "
                "question in its <legend>."),
    Rule("bypass", "HM1240102C", "A", ("2.4.1",), BOTH, "缺少略過重複區塊的方法",
         "提供「跳到主要內容」連結、<main> 區域或標題，並以 <nav> 把導覽連結分組。",
         title_en="No mechanism to bypass blocks of repeated content",
         fix_en="Provide a \"Skip to main content\" link, a <main> region or headings, and group navigation links "
                "in <nav>."),
    Rule("duplicate-id", "HM1410100C", "A", ("4.1.1",), ONLY_110, "id 屬性值重複",
         "讓每個 id 在頁面中只出現一次；樣式請改用 class。",
         "4.1.1 Parsing is dropped from 115.11 (and from WCAG 2.2).",
         title_en="Duplicate id attribute value",
         fix_en="Use each id only once in the page; use class for styling."),
    # --- ARIA (4.1.2, 1.3.1) ---
    Rule("aria-role", "", "A", ("4.1.2", "1.3.1"), BOTH, "role 屬性值無效",
         "改用 WAI-ARIA 定義的角色名稱（例如 button、navigation），或移除 role。",
         "No 規範 code for ARIA validity; ACT rule 674b10.",
         title_en="Role attribute value is not valid",
         fix_en="Use a role defined by WAI-ARIA (for example button, navigation), or remove the role attribute."),
    Rule("aria-attr-defined", "", "A", ("4.1.2",), BOTH, "使用了不存在的 aria 屬性",
         "修正拼錯的 aria-* 屬性名稱（例如 aria-labelledby），或移除它。",
         "ACT rule 5f99a7.",
         title_en="ARIA attribute does not exist",
         fix_en="Correct the misspelled aria-* attribute name (for example aria-labelledby), or remove it."),
    Rule("aria-allowed-attr", "", "A", ("4.1.2",), BOTH, "aria 屬性不適用於此元件",
         "移除此角色不支援的 aria-* 屬性，或改用支援該屬性的角色。",
         "ACT rule 5c01ea; includes aria-label on generic elements such as <div>, <span>.",
         title_en="ARIA attribute is not supported by the element's role",
         fix_en="Remove aria-* attributes that the role does not support, or use a role that supports them."),
    Rule("aria-valid-value", "", "A", ("4.1.2",), BOTH, "aria 屬性值無效",
         "把 aria-* 屬性值改為規格允許的值（例如 true/false、數字或指定的關鍵字）。",
         "ACT rule 6a7281.",
         title_en="ARIA attribute value is not valid",
         fix_en="Change the aria-* attribute value to one the specification allows (for example true/false, a "
                "number or a defined keyword)."),
    Rule("aria-required-attr", "", "A", ("4.1.2",), BOTH, "角色缺少必要的 aria 屬性",
         "補上此角色必須的狀態或屬性（例如 checkbox 的 aria-checked、heading 的 aria-level）。",
         "ACT rule 4e8ab6.",
         title_en="Role is missing a required ARIA attribute",
         fix_en="Add the states and properties that the role requires (for example aria-checked for checkbox, "
                "aria-level for heading)."),
    Rule("aria-idref-exists", "", "A", ("4.1.2",), BOTH, "aria 必要屬性指向不存在的 id",
         "讓 aria-controls 等必要屬性指向頁面中確實存在的元素 id。",
         "ACT rule in6db8.",
         title_en="Required ARIA attribute refers to an id that does not exist",
         fix_en="Make aria-controls and other required attributes refer to the ids of elements that exist in the "
                "page."),
    Rule("aria-required-context", "", "A", ("1.3.1",), BOTH, "角色不在必要的上層角色內",
         "把 listitem、option、tab、row 等角色放進對應的 list、listbox、tablist、table 內。",
         "ACT rule ff89c9.",
         title_en="Role is not inside its required parent role",
         fix_en="Place listitem, option, tab and row roles inside the matching list, listbox, tablist or table."),
    Rule("aria-required-owned", "", "A", ("1.3.1",), BOTH, "角色包含不允許的子元件",
         "讓 list、menu、tablist、table 等角色只直接包含對應的子角色，版面用元素請加 role=\"none\"。",
         "ACT rule bc4a75.",
         title_en="Role contains children it does not allow",
         fix_en="Let list, menu, tablist, table and similar roles directly contain only their required child "
                "roles; give elements used for layout role=\"none\"."),
    Rule("aria-hidden-focus", "", "A", ("4.1.2",), BOTH, "aria-hidden 區塊內有可聚焦元件",
         "移除 aria-hidden，或讓區塊內的連結與按鈕無法以鍵盤聚焦（tabindex=\"-1\" 或 disabled）。",
         "ACT rule 6cfa84.",
         title_en="Focusable element inside an aria-hidden region",
         fix_en="Remove aria-hidden, or make the links and buttons in the region unreachable by keyboard "
                "(tabindex=\"-1\" or disabled)."),
    Rule("presentational-children-focus", "", "A", ("4.1.2",), BOTH, "元件內嵌了可聚焦的子元件",
         "不要在按鈕、核取方塊、頁籤等元件內再放連結或按鈕；把它們移到元件外。",
         "ACT rule 307n5z.",
         title_en="Control contains a focusable child element",
         fix_en="Do not put links or buttons inside buttons, checkboxes, tabs and similar controls; move them "
                "outside the control."),
    # --- page-level behaviour ---
    Rule("meta-viewport", "", "AA", ("1.4.4",), BOTH, "網頁禁止縮放",
         "從 <meta name=\"viewport\"> 移除 user-scalable=no，maximum-scale 至少設為 2（或不設定）。",
         "No 規範 code; ACT rule b4f0c3.",
         title_en="Page prevents zooming",
         fix_en="Remove user-scalable=no from <meta name=\"viewport\"> and set maximum-scale to at least 2 (or "
                "leave it out)."),
    Rule("meta-refresh", "", "A", ("2.2.1",), BOTH, "網頁定時自動重新整理或轉址",
         "移除有延遲的 <meta http-equiv=\"refresh\">；轉址請立即進行（延遲 0）或由伺服器轉址。",
         "No 規範 code; ACT rule bc659a (delay up to 20 hours).",
         title_en="Page refreshes or redirects automatically after a delay",
         fix_en="Remove any delayed <meta http-equiv=\"refresh\">; redirect immediately (delay 0) or on the "
                "server."),
    Rule("meta-refresh-aaa", "", "AAA", ("2.2.4", "3.2.5"), BOTH, "網頁自動重新整理（AAA）",
         "不要以 <meta http-equiv=\"refresh\"> 延遲更新或轉址，改由使用者自行操作。",
         "No 規範 code; ACT rule bisz58 (any delay).",
         title_en="Page refreshes automatically (AAA)",
         fix_en="Do not use <meta http-equiv=\"refresh\"> to update or redirect after a delay; let the user "
                "request the update."),
    Rule("autocomplete-valid", "", "AA", ("1.3.5",), BOTH, "autocomplete 屬性值無效",
         "使用 HTML 規格的自動填寫欄位名稱，例如 name、email、tel、postal-code。",
         "No 規範 code: 1.3.5 is new in WCAG 2.1; ACT rule 73f2c2.",
         title_en="autocomplete attribute value is not valid",
         fix_en="Use an autofill field name from the HTML specification, for example name, email, tel or "
                "postal-code."),
    Rule("iframe-focusable-content", "", "A", ("2.1.1",), BOTH, "頁框被移出鍵盤順序但內有互動元件",
         "移除頁框的負值 tabindex，讓鍵盤使用者能進入頁框內的連結與按鈕。",
         "No 規範 code; ACT rule akn7bn (decided only for srcdoc frames).",
         title_en="Frame is removed from the keyboard order but contains interactive content",
         fix_en="Remove the frame's negative tabindex so that keyboard users can reach the links and buttons "
                "inside it."),
    Rule("focus-trap", "", "A", ("2.1.2",), BOTH, "鍵盤焦點被困住",
         "移除 onblur 時把焦點拉回的程式；若必須限制焦點，請提供按鍵離開並在畫面上說明。",
         "No 規範 code; decided only for onblur handlers that call focus() (ACT 80af7b).",
         title_en="Keyboard focus is trapped",
         fix_en="Remove scripts that move focus back on blur; if focus must be confined, provide a key to leave "
                "and describe it on screen."),
    Rule("open-format", "ME1320200C", "A", ("3.2.2",), BOTH, "下載檔案未提供開放格式",
         "為 .doc、.xls、.ppt 等檔案一併提供 ODF（.odt/.ods/.odp）或 PDF 版本。",
         "A 規範 requirement mapped to 3.2.2; not a WCAG failure.",
         title_en="Downloadable file is not offered in an open format",
         fix_en="Offer .doc, .xls, .ppt and similar files also in ODF (.odt/.ods/.odp) or PDF."),
    # --- CSS ---
    Rule("font-size-absolute", "CS2140401C", "AA", ("1.4.4",), BOTH, "字型大小使用絕對單位",
         "把 font-size 的 px、pt 改為 em、rem 或百分比，讓使用者能放大文字。",
         title_en="Font size uses absolute units",
         fix_en="Change px and pt font-size values to em, rem or percentages so that users can enlarge the text."),
    Rule("text-spacing", "", "AA", ("1.4.12",), BOTH, "以 !important 限制了文字間距",
         "移除行內樣式中 letter-spacing、word-spacing、line-height 的 !important，或把數值加大到規定以上。",
         "No 規範 code: 1.4.12 is new in WCAG 2.1; ACT rules 24afc2, 78fd32, 9e45ec.",
         title_en="Text spacing is locked with !important",
         fix_en="Remove !important from letter-spacing, word-spacing and line-height in inline styles, or raise "
                "the values to the required minimums or above."),
    Rule("color-contrast", "", "AA", ("1.4.3",), BOTH, "文字與背景對比不足",
         "加深文字顏色或調整背景，讓一般文字對比至少 4.5:1、大字至少 3:1。",
         "No machine-checkable 規範 code; judged only where inline styles fix both colours (ACT afw4f7).",
         title_en="Contrast between text and background is insufficient",
         fix_en="Darken the text or adjust the background so that normal text has a contrast ratio of at least "
                "4.5:1 and large text at least 3:1."),
    Rule("color-contrast-enhanced", "", "AAA", ("1.4.6",), BOTH, "文字與背景對比未達 AAA",
         "把一般文字對比提高到 7:1、大字 4.5:1 以上。",
         "No machine-checkable 規範 code; ACT 09o5cg.",
         title_en="Contrast between text and background does not meet AAA",
         fix_en="Raise the contrast ratio to at least 7:1 for normal text and 4.5:1 for large text."),
    Rule("text-clipped", "", "AA", ("1.4.4",), BOTH, "放大文字時內容會被截斷",
         "移除固定高度或 overflow:hidden，讓文字放大到 200% 時區塊能跟著長高。",
         "No 規範 code; judged from inline height and overflow only (ACT 59br37).",
         title_en="Content is clipped when text is enlarged",
         fix_en="Remove fixed heights or overflow:hidden so that blocks grow with the text when it is resized to "
                "200%."),
    Rule("orientation-lock", "", "AA", ("1.3.4",), BOTH, "以 CSS 旋轉鎖定畫面方向",
         "不要在 orientation 媒體查詢中旋轉整個頁面，讓內容在直向與橫向都能使用。",
         "No 規範 code: 1.3.4 is new in WCAG 2.1; ACT rule b33eff.",
         title_en="Display orientation is locked with a CSS rotation",
         fix_en="Do not rotate the whole page in an orientation media query; let the content work in both portrait "
                "and landscape."),
)

# Rules that test a 規範 technique (what Freego checks) rather than a WCAG failure: a page can break
# them and still meet the criterion. Scoring against WCAG failures (ACT) leaves them out.
TECHNIQUE_RULES: frozenset[str] = frozenset({
    "img-alt-attr", "img-empty-alt-title", "label-title", "frame-title-attr", "heading-order",
    "headings-present", "form-group", "link-redundant-adjacent", "open-format", "font-size-absolute",
})


def severity_for(rule: Rule) -> str:
    return "warning" if rule.level == "AAA" else "error"
