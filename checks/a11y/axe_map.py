"""axe-core rule table (檢測碼, WCAG SC, zh-TW title and fix) and the mapping of browser audits to Findings.
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
    wcag: tuple[str, ...]     # success criteria from axe's tags
    level: str                # "A" | "AA"
    tag: str                  # the level tag axe runOnly selects it by
    enabled: bool = True      # False: experimental/deprecated, skipped by a runOnly tag run

    def code_for(self, ruleset: str) -> str:
        return "" if self.code in _REMOVED_IN.get(ruleset, ()) else self.code


def _rule(code: str, title: str, fix: str, wcag: tuple[str, ...], tag: str = "wcag2a",
          enabled: bool = True) -> AxeRuleInfo:
    level = "AA" if tag.endswith("aa") else "A"
    return AxeRuleInfo(code, title, fix, wcag, level, tag, enabled)


AXE_RULES: dict[str, AxeRuleInfo] = {
    "area-alt": _rule("HM1110101C", "影像地圖的 <area> 缺少替代文字",
                      "為每個有連結的 <area> 加上說明目的地的 alt 文字。", ("2.4.4", "4.1.2")),
    "aria-allowed-attr": _rule("", "元素使用了其角色不支援的 ARIA 屬性",
                               "移除不適用的 aria-* 屬性，或改用支援該屬性的角色。", ("4.1.2",)),
    "aria-braille-equivalent": _rule("", "aria-braille 屬性缺少一般文字的對應版本",
                                     "使用 aria-braillelabel 時同時提供無障礙名稱，aria-brailleroledescription 亦需搭配 aria-roledescription。",
                                     ("4.1.2",)),
    "aria-command-name": _rule("", "ARIA 按鈕、連結或選單項目沒有無障礙名稱",
                               "以內文、aria-label 或 aria-labelledby 為該控制項命名。", ("4.1.2",)),
    "aria-conditional-attr": _rule("", "ARIA 屬性的用法不符合此元素角色的規定",
                                   "依元素角色調整或移除該 ARIA 屬性（例如原生核取方塊不應再設 aria-checked）。",
                                   ("4.1.2",)),
    "aria-deprecated-role": _rule("", "使用了已廢止的 ARIA 角色",
                                  "改用 WAI-ARIA 現行規格中的角色。", ("4.1.2",)),
    "aria-hidden-body": _rule("", "<body> 設定了 aria-hidden=\"true\"，整頁對輔助科技隱藏",
                              "移除 <body> 上的 aria-hidden。", ("1.3.1", "4.1.2")),
    "aria-hidden-focus": _rule("", "aria-hidden 區塊內仍有可取得焦點的元素",
                               "將隱藏區塊內的元素設為不可聚焦（tabindex=\"-1\" 或 disabled），或取消 aria-hidden。",
                               ("4.1.2",)),
    "aria-input-field-name": _rule("", "ARIA 輸入欄位沒有無障礙名稱",
                                   "以 aria-label 或 aria-labelledby 為輸入欄位命名。", ("4.1.2",)),
    "aria-meter-name": _rule("", "role=\"meter\" 元素沒有無障礙名稱",
                             "以 aria-label 或 aria-labelledby 說明量表所代表的數值。", ("1.1.1",)),
    "aria-progressbar-name": _rule("", "role=\"progressbar\" 元素沒有無障礙名稱",
                                   "以 aria-label 或 aria-labelledby 說明進度列的用途。", ("1.1.1",)),
    "aria-prohibited-attr": _rule("", "元素使用了其角色禁止的 ARIA 屬性",
                                  "移除被禁止的屬性（例如無角色的 <div> 不可用 aria-label），或給予合適角色。",
                                  ("4.1.2",)),
    "aria-required-attr": _rule("", "ARIA 角色缺少必要屬性",
                                "補上該角色規定的屬性（例如 role=\"checkbox\" 需有 aria-checked）。", ("4.1.2",)),
    "aria-required-children": _rule("", "ARIA 角色缺少規定的子元素角色",
                                    "在容器內放入規定角色的子元素（例如 list 內需有 listitem）。", ("1.3.1",)),
    "aria-required-parent": _rule("", "ARIA 角色不在規定的父元素角色之內",
                                  "將元素置於規定角色的容器中（例如 listitem 應在 list 內）。", ("1.3.1",)),
    "aria-roledescription": _rule("", "aria-roledescription 用在沒有語意角色的元素上",
                                  "只在具明確角色的元素上使用 aria-roledescription。", ("4.1.2",), enabled=False),
    "aria-roles": _rule("", "ARIA role 屬性值無效",
                        "使用 WAI-ARIA 規格定義的角色名稱，並檢查拼字。", ("4.1.2",)),
    "aria-toggle-field-name": _rule("", "ARIA 切換控制項沒有無障礙名稱",
                                    "為核取方塊、開關或選項按鈕角色的元素提供名稱。", ("4.1.2",)),
    "aria-tooltip-name": _rule("", "role=\"tooltip\" 元素沒有無障礙名稱",
                               "讓提示框包含文字，或以 aria-label 命名。", ("4.1.2",)),
    "aria-valid-attr-value": _rule("", "ARIA 屬性值無效",
                                   "改為該屬性允許的值；參照其他元素的 id 必須存在。", ("4.1.2",)),
    "aria-valid-attr": _rule("", "使用了不存在的 ARIA 屬性名稱",
                             "修正拼字，只使用 WAI-ARIA 規格定義的 aria-* 屬性。", ("4.1.2",)),
    "audio-caption": _rule("", "<audio> 沒有字幕或文字稿",
                           "提供逐字稿，或以 <track kind=\"captions\"> 附上字幕。", ("1.2.1",), enabled=False),
    "autocomplete-valid": _rule("", "autocomplete 屬性值不正確",
                                "使用 HTML 規格中的自動填入欄位名稱（如 name、email、tel）。", ("1.3.5",),
                                tag="wcag21aa"),
    "avoid-inline-spacing": _rule("", "行內樣式以 !important 鎖定文字間距",
                                  "移除 line-height、letter-spacing、word-spacing 行內樣式的 !important，讓使用者可自訂間距。",
                                  ("1.4.12",), tag="wcag21aa"),
    "blink": _rule("", "使用了閃爍的 <blink> 元素",
                   "移除 <blink>；必要的強調改用不閃爍的樣式。", ("2.2.2",)),
    "button-name": _rule("", "按鈕沒有可辨識的文字",
                         "在 <button> 內放入文字，或以 aria-label、title 說明按鈕功能。", ("4.1.2",)),
    "bypass": _rule("", "網頁沒有跳過重複區塊的方法",
                    "在頁首提供「跳到主要內容」連結，或以標題、<main> 等地標標示區塊。", ("2.4.1",)),
    "color-contrast": _rule("", "文字與背景的色彩對比不足",
                            "一般文字對比至少 4.5:1，大型文字至少 3:1；調整前景或背景色。", ("1.4.3",),
                            tag="wcag2aa"),
    "css-orientation-lock": _rule("", "以 CSS 鎖定了畫面方向",
                                  "不要以媒體查詢強制直向或橫向顯示，讓內容在兩種方向都能使用。", ("1.3.4",),
                                  tag="wcag21aa", enabled=False),
    "definition-list": _rule("", "<dl> 的直接子元素不正確",
                             "<dl> 內只放 <dt>/<dd> 群組（可包在 <div> 中）、<script> 或 <template>。", ("1.3.1",)),
    "dlitem": _rule("", "<dt> 或 <dd> 不在 <dl> 之內", "將 <dt>、<dd> 放進 <dl>。", ("1.3.1",)),
    "document-title": _rule("HM1240200C", "網頁缺少 <title> 或標題為空白",
                            "在 <head> 加上能說明本頁主題的 <title>。", ("2.4.2",)),
    "duplicate-id-active": _rule("HM1410100C", "可操作元素的 id 重複",
                                 "讓每個 id 在網頁中唯一。", ("4.1.1",), tag="wcag2a-obsolete", enabled=False),
    "duplicate-id-aria": _rule("", "ARIA 或 <label> 參照的 id 重複",
                               "讓被 aria-labelledby、aria-describedby、<label for> 參照的 id 唯一。", ("4.1.2",)),
    "duplicate-id": _rule("HM1410100C", "元素 id 重複",
                          "讓每個 id 在網頁中唯一（網站無障礙規範 110.07 要求網頁符合 W3C 標準規格）。", ("4.1.1",),
                          tag="wcag2a-obsolete", enabled=False),
    "form-field-multiple-labels": _rule("", "同一表單欄位有多個 <label>",
                                        "每個欄位只保留一個 <label>，其他說明改用 aria-describedby。", ("3.3.2",)),
    "frame-focusable-content": _rule("", "含可聚焦內容的頁框設定了 tabindex=\"-1\"",
                                     "移除頁框的 tabindex=\"-1\"，讓鍵盤使用者能進入頁框。", ("2.1.1",)),
    "frame-title-unique": _rule("", "多個頁框使用相同的標題",
                                "為每個 <iframe>/<frame> 提供能區分內容的 title。", ("4.1.2",)),
    "frame-title": _rule("HM1410201C", "頁框缺少標題",
                         "在 <iframe> 或 <frame> 加上說明內容的 title 屬性，不可為空白。", ("4.1.2",)),
    "html-has-lang": _rule("HM1310100C", "<html> 缺少 lang 屬性",
                           "在 <html> 標示主要語言，例如 lang=\"zh-Hant-TW\"。", ("3.1.1",)),
    "html-lang-valid": _rule("HM1310100C", "<html> 的 lang 屬性值無效",
                             "使用有效的 BCP 47 語言代碼，例如 zh-Hant-TW、zh-TW、en。", ("3.1.1",)),
    "html-xml-lang-mismatch": _rule("", "<html> 的 lang 與 xml:lang 語言不一致",
                                    "讓 lang 與 xml:lang 的主要語言相同，或移除 xml:lang。", ("3.1.1",)),
    "image-alt": _rule("HM1110100C", "圖片缺少替代文字",
                       "為 <img> 加上說明圖片內容或功能的 alt；純裝飾圖片使用 alt=\"\"。", ("1.1.1",)),
    "input-button-name": _rule("", "輸入按鈕沒有可辨識的文字",
                               "為 <input type=\"button|submit|reset\"> 設定 value 或 aria-label。", ("4.1.2",)),
    "input-image-alt": _rule("HM1110104C", "圖片按鈕缺少替代文字",
                             "為 <input type=\"image\"> 加上說明按鈕功能的 alt，不可為空白。", ("1.1.1", "4.1.2")),
    "label-content-name-mismatch": _rule("", "無障礙名稱未包含畫面上的可見文字",
                                         "讓 aria-label 等名稱包含按鈕或連結上顯示的文字，語音操作才能對應。",
                                         ("2.5.3",), tag="wcag21a", enabled=False),
    "label": _rule("HM1130104C", "表單控制項沒有對應的標籤",
                   "以 <label for> 或包覆的 <label> 標示欄位，或提供 title、aria-label。", ("4.1.2",)),
    "link-in-text-block": _rule("", "段落中的連結只靠顏色與文字區別",
                                "為文中連結加上底線等非顏色的標示，或與周圍文字對比至少 3:1 並在聚焦時另有提示。",
                                ("1.4.1",)),
    "link-name": _rule("HM1240401C", "連結沒有可辨識的文字",
                       "在連結內放入說明目的的文字；圖片連結需有 alt，圖示連結可用 aria-label 或 title。",
                       ("2.4.4", "4.1.2")),
    "list": _rule("", "<ul> 或 <ol> 含有 <li> 以外的直接子元素",
                  "清單內只放 <li>（及 <script>、<template>）。", ("1.3.1",)),
    "listitem": _rule("", "<li> 不在 <ul> 或 <ol> 之內", "將 <li> 放進 <ul>、<ol> 或 <menu>。", ("1.3.1",)),
    "marquee": _rule("", "使用了自動捲動的 <marquee> 元素",
                     "移除 <marquee>；跑馬燈需提供暫停、停止或隱藏的控制。", ("2.2.2",)),
    "meta-refresh": _rule("", "網頁以 <meta http-equiv=\"refresh\"> 定時重新整理或轉址",
                          "移除定時重新整理；轉址改在伺服器端立即進行。", ("2.2.1",)),
    "meta-viewport": _rule("", "viewport 設定禁止使用者縮放",
                           "移除 user-scalable=no，maximum-scale 不得小於 2（建議 5）。", ("1.4.4",),
                           tag="wcag2aa"),
    "nested-interactive": _rule("", "可操作元件內又包含可操作元件",
                                "不要在按鈕或連結內放入其他連結、按鈕或表單控制項。", ("4.1.2",)),
    "no-autoplay-audio": _rule("", "影音自動播放聲音超過 3 秒且無法停止",
                               "取消自動播放，或提供暫停與調整音量的控制。", ("1.4.2",)),
    "object-alt": _rule("HM1110105C", "<object> 缺少替代文字",
                        "在 <object> 內提供替代內容，或以 aria-label、title 說明。", ("1.1.1",)),
    "p-as-heading": _rule("", "以粗體或大字的 <p> 充當標題",
                          "改用 <h1>～<h6> 標示標題。", ("1.3.1",), enabled=False),
    "role-img-alt": _rule("", "role=\"img\" 元素沒有替代文字",
                          "以 aria-label 或 aria-labelledby 說明圖像內容。", ("1.1.1",)),
    "scrollable-region-focusable": _rule("", "可捲動區塊無法以鍵盤操作",
                                         "讓可捲動區塊可聚焦（tabindex=\"0\"）或內含可聚焦元素，並提供名稱。",
                                         ("2.1.1", "2.1.3")),
    "select-name": _rule("HM1130104C", "下拉選單沒有無障礙名稱",
                         "以 <label> 或 title、aria-label 標示 <select>。", ("4.1.2",)),
    "server-side-image-map": _rule("", "使用了伺服器端影像地圖",
                                   "改用用戶端影像地圖（<map>/<area>）或一般連結，讓鍵盤可以操作。", ("2.1.1",)),
    "summary-name": _rule("", "<summary> 沒有可辨識的文字",
                          "在 <summary> 內放入說明展開內容的文字。", ("4.1.2",)),
    "svg-img-alt": _rule("", "role=\"img\" 的 <svg> 沒有替代文字",
                         "在 <svg> 內加 <title>，或以 aria-label、aria-labelledby 說明圖像。", ("1.1.1",)),
    "table-fake-caption": _rule("", "以表格儲存格充當表格標題",
                                "改用 <caption> 提供表格標題。", ("1.3.1",), enabled=False),
    "target-size": _rule("", "觸控目標小於 24×24 CSS 像素且間距不足",
                         "將可點選目標放大至至少 24×24 像素，或與相鄰目標保持足夠間距。", ("2.5.8",),
                         tag="wcag22aa"),
    "td-has-header": _rule("HM1130101C", "大型資料表格的儲存格沒有對應的表頭",
                           "以 <th> 加 scope，或 id 與 headers 建立資料與表頭的關聯。", ("1.3.1",),
                           enabled=False),
    "td-headers-attr": _rule("HM1130102C", "headers 屬性指向同一表格以外的儲存格",
                             "headers 只能列出同一表格內表頭儲存格的 id。", ("1.3.1",)),
    "th-has-data-cells": _rule("", "資料表格的表頭沒有對應的資料儲存格",
                               "確認每個 <th> 都有資料儲存格；不是表頭的儲存格改用 <td>。", ("1.3.1",)),
    "valid-lang": _rule("HM2310200C", "內文的 lang 屬性值無效",
                        "為不同語言的段落標示有效的語言代碼，例如 lang=\"en\"。", ("3.1.2",), tag="wcag2aa"),
    "video-caption": _rule("", "<video> 沒有字幕",
                           "以 <track kind=\"captions\"> 提供同步字幕。", ("1.2.2",)),
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
