"""axe-core rule table (檢測碼, WCAG SC, zh-TW and English title and fix) and the mapping of audits to Findings.
The table covers every axe-core 4.10 rule tagged WCAG 2.0/2.1/2.2 A or AA, listed once from axe.getRules()."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks.finding import Finding
from checks.indicators import SEARCH_AND_ACCESS

if TYPE_CHECKING:  # checks stay importable without selenium; audits are read by attribute only
    from crawler.browser import PageAudit

AXE_VERSION = "4.10.2"
DEFAULT_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
RULESETS = ("110.07", "115.11")
# 115.11 follows WCAG 2.2, which made 4.1.1 Parsing obsolete; its only code was dropped.
_REMOVED_IN = {"115.11": frozenset({"HM1410100C"})}


@dataclass(frozen=True, slots=True)
class AxeRuleInfo:
    code: str                 # 網站無障礙規範 檢測碼 that clearly corresponds, "" when none does
    title_zh: str
    fix_zh: str
    title_en: str             # for --lang en reports; written from axe's own rule help
    fix_en: str
    wcag: tuple[str, ...]     # success criteria from axe's tags
    level: str                # "A" | "AA"
    tag: str                  # the level tag axe runOnly selects it by
    enabled: bool = True      # False: experimental/deprecated, skipped by a runOnly tag run

    def code_for(self, ruleset: str) -> str:
        return "" if self.code in _REMOVED_IN.get(ruleset, ()) else self.code


def _rule(code: str, title: str, fix: str, wcag: tuple[str, ...], tag: str = "wcag2a",
          enabled: bool = True, *, title_en: str, fix_en: str) -> AxeRuleInfo:
    level = "AA" if tag.endswith("aa") else "A"
    return AxeRuleInfo(code, title, fix, title_en, fix_en, wcag, level, tag, enabled)


AXE_RULES: dict[str, AxeRuleInfo] = {
    "area-alt": _rule("HM1110101C", "影像地圖的 <area> 缺少替代文字",
                      "為每個有連結的 <area> 加上說明目的地的 alt 文字。", ("2.4.4", "4.1.2"),
                      title_en="Image map <area> has no text alternative",
                      fix_en="Give every linked <area> alt text that describes its destination."),
    "aria-allowed-attr": _rule("", "元素使用了其角色不支援的 ARIA 屬性",
                               "移除不適用的 aria-* 屬性，或改用支援該屬性的角色。", ("4.1.2",),
                               title_en="Element uses an ARIA attribute its role does not support",
                               fix_en="Remove aria-* attributes that do not apply, or use a role that supports "
                                      "them."),
    "aria-braille-equivalent": _rule("", "aria-braille 屬性缺少一般文字的對應版本",
                                     "使用 aria-braillelabel 時同時提供無障礙名稱，aria-brailleroledescription 亦需搭配 aria-roledescription。",
                                     ("4.1.2",),
                                     title_en="aria-braille attribute has no non-braille equivalent",
                                     fix_en="When using aria-braillelabel, also provide an accessible name; "
                                            "aria-brailleroledescription also needs aria-roledescription."),
    "aria-command-name": _rule("", "ARIA 按鈕、連結或選單項目沒有無障礙名稱",
                               "以內文、aria-label 或 aria-labelledby 為該控制項命名。", ("4.1.2",),
                               title_en="ARIA button, link or menu item has no accessible name",
                               fix_en="Name the control with its content, aria-label or aria-labelledby."),
    "aria-conditional-attr": _rule("", "ARIA 屬性的用法不符合此元素角色的規定",
                                   "依元素角色調整或移除該 ARIA 屬性（例如原生核取方塊不應再設 aria-checked）。",
                                   ("4.1.2",),
                                   title_en="ARIA attribute is not used as specified for the element's role",
                                   fix_en="Adjust or remove the ARIA attribute to suit the element's role (for "
                                          "example, a native checkbox should not also set aria-checked)."),
    "aria-deprecated-role": _rule("", "使用了已廢止的 ARIA 角色",
                                  "改用 WAI-ARIA 現行規格中的角色。", ("4.1.2",),
                                  title_en="Deprecated ARIA role is used",
                                  fix_en="Use a role from the current WAI-ARIA specification."),
    "aria-hidden-body": _rule("", "<body> 設定了 aria-hidden=\"true\"，整頁對輔助科技隱藏",
                              "移除 <body> 上的 aria-hidden。", ("1.3.1", "4.1.2"),
                              title_en="<body> has aria-hidden=\"true\", hiding the whole page from assistive "
                                       "technologies",
                              fix_en="Remove aria-hidden from <body>."),
    "aria-hidden-focus": _rule("", "aria-hidden 區塊內仍有可取得焦點的元素",
                               "將隱藏區塊內的元素設為不可聚焦（tabindex=\"-1\" 或 disabled），或取消 aria-hidden。",
                               ("4.1.2",),
                               title_en="Focusable element inside an aria-hidden region",
                               fix_en="Make the elements in the hidden region unfocusable (tabindex=\"-1\" or "
                                      "disabled), or remove aria-hidden."),
    "aria-input-field-name": _rule("", "ARIA 輸入欄位沒有無障礙名稱",
                                   "以 aria-label 或 aria-labelledby 為輸入欄位命名。", ("4.1.2",),
                                   title_en="ARIA input field has no accessible name",
                                   fix_en="Name the input field with aria-label or aria-labelledby."),
    "aria-meter-name": _rule("", "role=\"meter\" 元素沒有無障礙名稱",
                             "以 aria-label 或 aria-labelledby 說明量表所代表的數值。", ("1.1.1",),
                             title_en="role=\"meter\" element has no accessible name",
                             fix_en="Use aria-label or aria-labelledby to say what value the meter represents."),
    "aria-progressbar-name": _rule("", "role=\"progressbar\" 元素沒有無障礙名稱",
                                   "以 aria-label 或 aria-labelledby 說明進度列的用途。", ("1.1.1",),
                                   title_en="role=\"progressbar\" element has no accessible name",
                                   fix_en="Use aria-label or aria-labelledby to say what the progress bar tracks."),
    "aria-prohibited-attr": _rule("", "元素使用了其角色禁止的 ARIA 屬性",
                                  "移除被禁止的屬性（例如無角色的 <div> 不可用 aria-label），或給予合適角色。",
                                  ("4.1.2",),
                                  title_en="Element uses an ARIA attribute its role prohibits",
                                  fix_en="Remove the prohibited attribute (for example aria-label on a <div> "
                                         "without a role), or give the element a suitable role."),
    "aria-required-attr": _rule("", "ARIA 角色缺少必要屬性",
                                "補上該角色規定的屬性（例如 role=\"checkbox\" 需有 aria-checked）。", ("4.1.2",),
                                title_en="ARIA role is missing a required attribute",
                                fix_en="Add the attributes the role requires (for example aria-checked for "
                                       "role=\"checkbox\")."),
    "aria-required-children": _rule("", "ARIA 角色缺少規定的子元素角色",
                                    "在容器內放入規定角色的子元素（例如 list 內需有 listitem）。", ("1.3.1",),
                                    title_en="ARIA role is missing its required child roles",
                                    fix_en="Put children with the required roles inside the container (for example "
                                           "listitem inside list)."),
    "aria-required-parent": _rule("", "ARIA 角色不在規定的父元素角色之內",
                                  "將元素置於規定角色的容器中（例如 listitem 應在 list 內）。", ("1.3.1",),
                                  title_en="ARIA role is not inside its required parent role",
                                  fix_en="Place the element inside a container with the required role (for example "
                                         "listitem inside list)."),
    "aria-roledescription": _rule("", "aria-roledescription 用在沒有語意角色的元素上",
                                  "只在具明確角色的元素上使用 aria-roledescription。", ("4.1.2",), enabled=False,
                                  title_en="aria-roledescription is used on an element without a semantic role",
                                  fix_en="Use aria-roledescription only on elements that have a defined role."),
    "aria-roles": _rule("", "ARIA role 屬性值無效",
                        "使用 WAI-ARIA 規格定義的角色名稱，並檢查拼字。", ("4.1.2",),
                        title_en="ARIA role value is not valid",
                        fix_en="Use a role name defined by the WAI-ARIA specification, and check its spelling."),
    "aria-toggle-field-name": _rule("", "ARIA 切換控制項沒有無障礙名稱",
                                    "為核取方塊、開關或選項按鈕角色的元素提供名稱。", ("4.1.2",),
                                    title_en="ARIA toggle control has no accessible name",
                                    fix_en="Give elements with a checkbox, switch or radio role a name."),
    "aria-tooltip-name": _rule("", "role=\"tooltip\" 元素沒有無障礙名稱",
                               "讓提示框包含文字，或以 aria-label 命名。", ("4.1.2",),
                               title_en="role=\"tooltip\" element has no accessible name",
                               fix_en="Put text in the tooltip, or name it with aria-label."),
    "aria-valid-attr-value": _rule("", "ARIA 屬性值無效",
                                   "改為該屬性允許的值；參照其他元素的 id 必須存在。", ("4.1.2",),
                                   title_en="ARIA attribute value is not valid",
                                   fix_en="Use a value that the attribute allows; ids referred to from other "
                                          "elements must exist."),
    "aria-valid-attr": _rule("", "使用了不存在的 ARIA 屬性名稱",
                             "修正拼字，只使用 WAI-ARIA 規格定義的 aria-* 屬性。", ("4.1.2",),
                             title_en="ARIA attribute name does not exist",
                             fix_en="Correct the spelling, and use only aria-* attributes defined by the WAI-ARIA "
                                    "specification."),
    "audio-caption": _rule("", "<audio> 沒有字幕或文字稿",
                           "提供逐字稿，或以 <track kind=\"captions\"> 附上字幕。", ("1.2.1",), enabled=False,
                           title_en="<audio> has no captions or transcript",
                           fix_en="Provide a transcript, or add captions with <track kind=\"captions\">."),
    "autocomplete-valid": _rule("", "autocomplete 屬性值不正確",
                                "使用 HTML 規格中的自動填入欄位名稱（如 name、email、tel）。", ("1.3.5",),
                                tag="wcag21aa",
                                title_en="autocomplete attribute value is not correct",
                                fix_en="Use an autofill field name from the HTML specification (such as name, "
                                       "email, tel)."),
    "avoid-inline-spacing": _rule("", "行內樣式以 !important 鎖定文字間距",
                                  "移除 line-height、letter-spacing、word-spacing 行內樣式的 !important，讓使用者可自訂間距。",
                                  ("1.4.12",), tag="wcag21aa",
                                  title_en="Inline styles lock text spacing with !important",
                                  fix_en="Remove !important from inline line-height, letter-spacing and "
                                         "word-spacing so that users can adjust the spacing."),
    "blink": _rule("", "使用了閃爍的 <blink> 元素",
                   "移除 <blink>；必要的強調改用不閃爍的樣式。", ("2.2.2",),
                   title_en="Blinking <blink> element is used",
                   fix_en="Remove <blink>; give any emphasis that is needed a style that does not blink."),
    "button-name": _rule("", "按鈕沒有可辨識的文字",
                         "在 <button> 內放入文字，或以 aria-label、title 說明按鈕功能。", ("4.1.2",),
                         title_en="Button has no discernible text",
                         fix_en="Put text inside the <button>, or describe its function with aria-label or title."),
    "bypass": _rule("", "網頁沒有跳過重複區塊的方法",
                    "在頁首提供「跳到主要內容」連結，或以標題、<main> 等地標標示區塊。", ("2.4.1",),
                    title_en="Page has no mechanism to bypass blocks of repeated content",
                    fix_en="Provide a \"Skip to main content\" link at the top of the page, or mark up sections "
                           "with headings and landmarks such as <main>."),
    "color-contrast": _rule("", "文字與背景的色彩對比不足",
                            "一般文字對比至少 4.5:1，大型文字至少 3:1；調整前景或背景色。", ("1.4.3",),
                            tag="wcag2aa",
                            title_en="Contrast between text and background is insufficient",
                            fix_en="Normal text needs a contrast ratio of at least 4.5:1 and large text at least "
                                   "3:1; adjust the foreground or background color."),
    "css-orientation-lock": _rule("", "以 CSS 鎖定了畫面方向",
                                  "不要以媒體查詢強制直向或橫向顯示，讓內容在兩種方向都能使用。", ("1.3.4",),
                                  tag="wcag21aa", enabled=False,
                                  title_en="Display orientation is locked with CSS",
                                  fix_en="Do not force portrait or landscape display with media queries; let the "
                                         "content work in both orientations."),
    "definition-list": _rule("", "<dl> 的直接子元素不正確",
                             "<dl> 內只放 <dt>/<dd> 群組（可包在 <div> 中）、<script> 或 <template>。", ("1.3.1",),
                             title_en="<dl> has incorrect direct children",
                             fix_en="Put only <dt>/<dd> groups (which may be wrapped in <div>), <script> or "
                                    "<template> directly inside <dl>."),
    "dlitem": _rule("", "<dt> 或 <dd> 不在 <dl> 之內", "將 <dt>、<dd> 放進 <dl>。", ("1.3.1",),
                    title_en="<dt> or <dd> is not inside a <dl>",
                    fix_en="Put <dt> and <dd> inside a <dl>."),
    "document-title": _rule("HM1240200C", "網頁缺少 <title> 或標題為空白",
                            "在 <head> 加上能說明本頁主題的 <title>。", ("2.4.2",),
                            title_en="Page has no <title>, or the title is blank",
                            fix_en="Add a <title> in <head> that describes the topic of the page."),
    "duplicate-id-active": _rule("HM1410100C", "可操作元素的 id 重複",
                                 "讓每個 id 在網頁中唯一。", ("4.1.1",), tag="wcag2a-obsolete", enabled=False,
                                 title_en="Active elements share an id",
                                 fix_en="Make every id unique within the page."),
    "duplicate-id-aria": _rule("", "ARIA 或 <label> 參照的 id 重複",
                               "讓被 aria-labelledby、aria-describedby、<label for> 參照的 id 唯一。", ("4.1.2",),
                               title_en="id referenced by ARIA or <label> is duplicated",
                               fix_en="Make ids referenced by aria-labelledby, aria-describedby and <label for> "
                                      "unique."),
    "duplicate-id": _rule("HM1410100C", "元素 id 重複",
                          "讓每個 id 在網頁中唯一（網站無障礙規範 110.07 要求網頁符合 W3C 標準規格）。", ("4.1.1",),
                          tag="wcag2a-obsolete", enabled=False,
                          title_en="Element id is duplicated",
                          fix_en="Make every id unique within the page (Web Accessibility Guidelines 110.07 "
                                 "require pages to conform to W3C specifications)."),
    "form-field-multiple-labels": _rule("", "同一表單欄位有多個 <label>",
                                        "每個欄位只保留一個 <label>，其他說明改用 aria-describedby。", ("3.3.2",),
                                        title_en="Form field has more than one <label>",
                                        fix_en="Keep one <label> per field, and move other descriptions to "
                                               "aria-describedby."),
    "frame-focusable-content": _rule("", "含可聚焦內容的頁框設定了 tabindex=\"-1\"",
                                     "移除頁框的 tabindex=\"-1\"，讓鍵盤使用者能進入頁框。", ("2.1.1",),
                                     title_en="Frame with focusable content has tabindex=\"-1\"",
                                     fix_en="Remove tabindex=\"-1\" from the frame so that keyboard users can "
                                            "enter it."),
    "frame-title-unique": _rule("", "多個頁框使用相同的標題",
                                "為每個 <iframe>/<frame> 提供能區分內容的 title。", ("4.1.2",),
                                title_en="Several frames have the same title",
                                fix_en="Give each <iframe>/<frame> a title that distinguishes its content."),
    "frame-title": _rule("HM1410201C", "頁框缺少標題",
                         "在 <iframe> 或 <frame> 加上說明內容的 title 屬性，不可為空白。", ("4.1.2",),
                         title_en="Frame has no title",
                         fix_en="Add a title attribute that describes the content to the <iframe> or <frame>; it "
                                "must not be blank."),
    "html-has-lang": _rule("HM1310100C", "<html> 缺少 lang 屬性",
                           "在 <html> 標示主要語言，例如 lang=\"zh-Hant-TW\"。", ("3.1.1",),
                           title_en="<html> has no lang attribute",
                           fix_en="State the main language on <html>, for example lang=\"zh-Hant-TW\"."),
    "html-lang-valid": _rule("HM1310100C", "<html> 的 lang 屬性值無效",
                             "使用有效的 BCP 47 語言代碼，例如 zh-Hant-TW、zh-TW、en。", ("3.1.1",),
                             title_en="<html> lang attribute value is not valid",
                             fix_en="Use a valid BCP 47 language tag, for example zh-Hant-TW, zh-TW or en."),
    "html-xml-lang-mismatch": _rule("", "<html> 的 lang 與 xml:lang 語言不一致",
                                    "讓 lang 與 xml:lang 的主要語言相同，或移除 xml:lang。", ("3.1.1",),
                                    title_en="<html> lang and xml:lang name different languages",
                                    fix_en="Make lang and xml:lang name the same base language, or remove "
                                           "xml:lang."),
    "image-alt": _rule("HM1110100C", "圖片缺少替代文字",
                       "為 <img> 加上說明圖片內容或功能的 alt；純裝飾圖片使用 alt=\"\"。", ("1.1.1",),
                       title_en="Image has no text alternative",
                       fix_en="Give the <img> alt text that describes its content or function; use alt=\"\" for "
                              "purely decorative images."),
    "input-button-name": _rule("", "輸入按鈕沒有可辨識的文字",
                               "為 <input type=\"button|submit|reset\"> 設定 value 或 aria-label。", ("4.1.2",),
                               title_en="Input button has no discernible text",
                               fix_en="Set value or aria-label on <input type=\"button|submit|reset\">."),
    "input-image-alt": _rule("HM1110104C", "圖片按鈕缺少替代文字",
                             "為 <input type=\"image\"> 加上說明按鈕功能的 alt，不可為空白。", ("1.1.1", "4.1.2"),
                             title_en="Image button has no text alternative",
                             fix_en="Give the <input type=\"image\"> alt text that describes the button's "
                                    "function; it must not be blank."),
    "label-content-name-mismatch": _rule("", "無障礙名稱未包含畫面上的可見文字",
                                         "讓 aria-label 等名稱包含按鈕或連結上顯示的文字，語音操作才能對應。",
                                         ("2.5.3",), tag="wcag21a", enabled=False,
                                         title_en="Accessible name does not contain the visible text",
                                         fix_en="Make aria-label and similar names include the text shown on the "
                                                "button or link, so that speech input can match it."),
    "label": _rule("HM1130104C", "表單控制項沒有對應的標籤",
                   "以 <label for> 或包覆的 <label> 標示欄位，或提供 title、aria-label。", ("4.1.2",),
                   title_en="Form control has no associated label",
                   fix_en="Label the field with <label for> or a wrapping <label>, or provide title or aria-label."),
    "link-in-text-block": _rule("", "段落中的連結只靠顏色與文字區別",
                                "為文中連結加上底線等非顏色的標示，或與周圍文字對比至少 3:1 並在聚焦時另有提示。",
                                ("1.4.1",),
                                title_en="Link in a block of text is distinguished by color alone",
                                fix_en="Underline links in text or mark them in another way that does not rely on "
                                       "color, or give them a contrast of at least 3:1 with the surrounding text "
                                       "plus a distinct indication on focus."),
    "link-name": _rule("HM1240401C", "連結沒有可辨識的文字",
                       "在連結內放入說明目的的文字；圖片連結需有 alt，圖示連結可用 aria-label 或 title。",
                       ("2.4.4", "4.1.2"),
                       title_en="Link has no discernible text",
                       fix_en="Put text that describes the purpose inside the link; image links need alt, icon "
                              "links can use aria-label or title."),
    "list": _rule("", "<ul> 或 <ol> 含有 <li> 以外的直接子元素",
                  "清單內只放 <li>（及 <script>、<template>）。", ("1.3.1",),
                  title_en="<ul> or <ol> has direct children other than <li>",
                  fix_en="Put only <li> (and <script>, <template>) directly inside lists."),
    "listitem": _rule("", "<li> 不在 <ul> 或 <ol> 之內", "將 <li> 放進 <ul>、<ol> 或 <menu>。", ("1.3.1",),
                      title_en="<li> is not inside <ul> or <ol>",
                      fix_en="Put <li> inside <ul>, <ol> or <menu>."),
    "marquee": _rule("", "使用了自動捲動的 <marquee> 元素",
                     "移除 <marquee>；跑馬燈需提供暫停、停止或隱藏的控制。", ("2.2.2",),
                     title_en="Scrolling <marquee> element is used",
                     fix_en="Remove <marquee>; scrolling text needs a mechanism to pause, stop or hide it."),
    "meta-refresh": _rule("", "網頁以 <meta http-equiv=\"refresh\"> 定時重新整理或轉址",
                          "移除定時重新整理；轉址改在伺服器端立即進行。", ("2.2.1",),
                          title_en="Page refreshes or redirects on a timer with <meta http-equiv=\"refresh\">",
                          fix_en="Remove timed refreshes; redirect immediately on the server instead."),
    "meta-viewport": _rule("", "viewport 設定禁止使用者縮放",
                           "移除 user-scalable=no，maximum-scale 不得小於 2（建議 5）。", ("1.4.4",),
                           tag="wcag2aa",
                           title_en="Viewport settings prevent users from zooming",
                           fix_en="Remove user-scalable=no; maximum-scale must not be less than 2 (5 is "
                                  "recommended)."),
    "nested-interactive": _rule("", "可操作元件內又包含可操作元件",
                                "不要在按鈕或連結內放入其他連結、按鈕或表單控制項。", ("4.1.2",),
                                title_en="Interactive control contains another interactive control",
                                fix_en="Do not put links, buttons or form controls inside a button or link."),
    "no-autoplay-audio": _rule("", "影音自動播放聲音超過 3 秒且無法停止",
                               "取消自動播放，或提供暫停與調整音量的控制。", ("1.4.2",),
                               title_en="Media plays audio automatically for more than 3 seconds with no way to "
                                        "stop it",
                               fix_en="Turn off autoplay, or provide controls to pause the audio and adjust its "
                                      "volume."),
    "object-alt": _rule("HM1110105C", "<object> 缺少替代文字",
                        "在 <object> 內提供替代內容，或以 aria-label、title 說明。", ("1.1.1",),
                        title_en="<object> has no text alternative",
                        fix_en="Provide alternative content inside the <object>, or describe it with aria-label or "
                               "title."),
    "p-as-heading": _rule("", "以粗體或大字的 <p> 充當標題",
                          "改用 <h1>～<h6> 標示標題。", ("1.3.1",), enabled=False,
                          title_en="Bold or large <p> is used as a heading",
                          fix_en="Mark up headings with <h1> to <h6>."),
    "role-img-alt": _rule("", "role=\"img\" 元素沒有替代文字",
                          "以 aria-label 或 aria-labelledby 說明圖像內容。", ("1.1.1",),
                          title_en="role=\"img\" element has no text alternative",
                          fix_en="Describe the image with aria-label or aria-labelledby."),
    "scrollable-region-focusable": _rule("", "可捲動區塊無法以鍵盤操作",
                                         "讓可捲動區塊可聚焦（tabindex=\"0\"）或內含可聚焦元素，並提供名稱。",
                                         ("2.1.1", "2.1.3"),
                                         title_en="Scrollable region is not keyboard accessible",
                                         fix_en="Make the scrollable region focusable (tabindex=\"0\") or let it "
                                                "contain focusable elements, and give it a name."),
    "select-name": _rule("HM1130104C", "下拉選單沒有無障礙名稱",
                         "以 <label> 或 title、aria-label 標示 <select>。", ("4.1.2",),
                         title_en="Select list has no accessible name",
                         fix_en="Label the <select> with <label>, title or aria-label."),
    "server-side-image-map": _rule("", "使用了伺服器端影像地圖",
                                   "改用用戶端影像地圖（<map>/<area>）或一般連結，讓鍵盤可以操作。", ("2.1.1",),
                                   title_en="Server-side image map is used",
                                   fix_en="Use a client-side image map (<map>/<area>) or ordinary links, so that "
                                          "it can be operated by keyboard."),
    "summary-name": _rule("", "<summary> 沒有可辨識的文字",
                          "在 <summary> 內放入說明展開內容的文字。", ("4.1.2",),
                          title_en="<summary> has no discernible text",
                          fix_en="Put text inside the <summary> that describes the content it expands."),
    "svg-img-alt": _rule("", "role=\"img\" 的 <svg> 沒有替代文字",
                         "在 <svg> 內加 <title>，或以 aria-label、aria-labelledby 說明圖像。", ("1.1.1",),
                         title_en="<svg> with role=\"img\" has no text alternative",
                         fix_en="Add a <title> inside the <svg>, or describe the image with aria-label or "
                                "aria-labelledby."),
    "table-fake-caption": _rule("", "以表格儲存格充當表格標題",
                                "改用 <caption> 提供表格標題。", ("1.3.1",), enabled=False,
                                title_en="Table cells are used as the table caption",
                                fix_en="Use <caption> to give the table its caption."),
    "target-size": _rule("", "觸控目標小於 24×24 CSS 像素且間距不足",
                         "將可點選目標放大至至少 24×24 像素，或與相鄰目標保持足夠間距。", ("2.5.8",),
                         tag="wcag22aa",
                         title_en="Target is smaller than 24 by 24 CSS pixels and not spaced far enough from "
                                  "others",
                         fix_en="Enlarge clickable targets to at least 24 by 24 CSS pixels, or keep enough space "
                                "between adjacent targets."),
    "td-has-header": _rule("HM1130101C", "大型資料表格的儲存格沒有對應的表頭",
                           "以 <th> 加 scope，或 id 與 headers 建立資料與表頭的關聯。", ("1.3.1",),
                           enabled=False,
                           title_en="Data cells in a large data table have no associated headers",
                           fix_en="Associate data cells with their headers using <th> with scope, or id and "
                                  "headers."),
    "td-headers-attr": _rule("HM1130102C", "headers 屬性指向同一表格以外的儲存格",
                             "headers 只能列出同一表格內表頭儲存格的 id。", ("1.3.1",),
                             title_en="headers attribute refers to cells outside its table",
                             fix_en="The headers attribute may list only the ids of header cells in the same "
                                    "table."),
    "th-has-data-cells": _rule("", "資料表格的表頭沒有對應的資料儲存格",
                               "確認每個 <th> 都有資料儲存格；不是表頭的儲存格改用 <td>。", ("1.3.1",),
                               title_en="Table header in a data table has no data cells",
                               fix_en="Make sure every <th> has data cells; change cells that are not headers to "
                                      "<td>."),
    "valid-lang": _rule("HM2310200C", "內文的 lang 屬性值無效",
                        "為不同語言的段落標示有效的語言代碼，例如 lang=\"en\"。", ("3.1.2",), tag="wcag2aa",
                        title_en="lang attribute value on content is not valid",
                        fix_en="Mark passages in another language with a valid language code, for example "
                               "lang=\"en\"."),
    "video-caption": _rule("", "<video> 沒有字幕",
                           "以 <track kind=\"captions\"> 提供同步字幕。", ("1.2.2",),
                           title_en="<video> has no captions",
                           fix_en="Provide synchronized captions with <track kind=\"captions\">."),
}


def axe_criteria(tags: tuple[str, ...] = DEFAULT_TAGS) -> set[str]:
    """The WCAG success criteria the axe rules selected by these runOnly tags can report."""
    return {sc for info in AXE_RULES.values() if info.enabled and info.tag in tags for sc in info.wcag}


def _summary(text: str, limit: int = 120) -> str:
    # axe's summary is "Fix any of the following:\n  <reason>\n ..."; the reasons are what a reader needs.
    lines = [line.strip() for line in text.splitlines()]
    reasons = [line for line in lines if line and not line.lower().startswith("fix ")]
    joined = "；".join(reasons)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


# axe rules not run because a static rule decides the same criterion more exactly: axe's
# avoid-inline-spacing reports any !important spacing, whatever its value; the static text-spacing
# rule fails only values below the WCAG 1.4.12 minimums (0.12em letter, 0.16em word, 1.5 line).
LEFT_TO_STATIC: tuple[str, ...] = ("avoid-inline-spacing",)
# Not a problem but what the browser saw: the subtrees it did not render. Page findings are what the store
# keeps from the browser phase, so this travels as one info record per page; the merge consumes it.
UNRENDERED_CHECK = "a11y.browser-unrendered"


def axe_findings(audit: PageAudit, ruleset: str = "110.07") -> list[Finding]:
    """One Finding per (violation, node); a page the browser could not finish is an info finding."""
    if ruleset not in RULESETS:
        raise ValueError(f"unknown ruleset {ruleset!r}")
    findings: list[Finding] = []
    if audit.status != "ok":
        findings.append(Finding(
            check="a11y.browser-error", severity="info", indicator=SEARCH_AND_ACCESS, url=audit.url,
            message=f"瀏覽器無障礙檢測未完成（{audit.status}）：{audit.error[:200]}",
            evidence={"status": audit.status, "error": audit.error, "source": "axe", "ruleset": ruleset,
                      "elapsed_s": audit.elapsed_s}))
    if audit.hidden:
        findings.append(Finding(
            check=UNRENDERED_CHECK, severity="info", indicator=SEARCH_AND_ACCESS, url=audit.url,
            message=f"瀏覽器中未呈現的區塊 {len(audit.hidden)} 處（其中的靜態檢測結果列為未確認）",
            evidence={"source": "browser", "hidden": list(audit.hidden), "ruleset": ruleset}))
    for violation in audit.violations:
        info = AXE_RULES.get(violation.rule)
        title = info.title_zh if info else violation.help
        code = info.code_for(ruleset) if info else ""
        level = violation.level or (info.level if info else "")
        wcag = list(violation.wcag) or (list(info.wcag) if info else [])
        for node in violation.nodes:
            summary = _summary(node.failure_summary)
            findings.append(Finding(
                check=f"a11y.axe.{violation.rule}",
                severity="warning" if level == "AAA" else "error",
                indicator=SEARCH_AND_ACCESS, url=audit.url,
                message=f"{title}（{summary}）" if summary else title,
                target=node.selector,
                evidence={"code": code, "level": level, "wcag": wcag, "ruleset": ruleset, "rule": violation.rule,
                          "source": "axe", "selector": node.selector, "locator": node.xpath, "snippet": node.html,
                          "impact": violation.impact, "help_url": violation.help_url,
                          "fix": info.fix_zh if info else "", "axe_version": audit.axe_version}))
    return findings
