"""The reports' fixed wording in Traditional Chinese (default) and English, one catalogue entry per string.

Each entry holds both languages side by side so neither can miss a string; crawled text is never looked up."""

from __future__ import annotations

from typing import Callable

from checks.indicators import INDICATORS

LANGS = ("zh-TW", "en")
DEFAULT_LANG = "zh-TW"
HTML_LANG = {"zh-TW": "zh-Hant-TW", "en": "en"}

# key → (zh-TW, en). Values are plain text: templates add the markup, and autoescape covers the arguments.
MESSAGES: dict[str, tuple[str, str]] = {
    # layout
    "skip_to_main": ("跳到主要內容", "Skip to main content"),
    "footer": ("由 govaudit {version} 產生；本報告離線可讀，不載入任何外部資源。",
               "Produced by govaudit {version}; this report reads offline and loads nothing from elsewhere."),
    "sep": ("｜", " | "),
    "colon": ("：", ": "),
    "list_sep": ("、", ", "),
    "filter_label": ("篩選此表：", "Filter this table:"),
    "filter_count": ("顯示 {shown} / {total} 列", "Showing {shown} of {total} rows"),
    "yes": ("有", "yes"),
    "no": ("無", "no"),
    "etc": ("等", "and others"),
    # headers
    "agency_title": ("{name} 網站檢核報告（執行 {run}）", "{name} website audit (run {run})"),
    "agency_heading": ("{name} 網站檢核報告", "{name} website audit"),
    "back_to_index": ("← 所有機關", "← All agencies"),
    "website": ("網站：", "Website: "),
    "run_line": ("執行編號 {run}｜檢核基準日 {as_of}", "Run {run} | reference date {as_of}"),
    "crawl_window": ("爬取 {start} – {end}（UTC）", "crawled {start} – {end} (UTC)"),
    "close_reason": ("結束原因：{reason}", "finished because: {reason}"),
    "started_at": ("開始 {time}（UTC）", "started {time} (UTC)"),
    "index_title": ("govaudit 各機關網站檢核總覽（執行 {run}）", "govaudit overview of all agencies (run {run})"),
    "index_heading": ("各機關網站檢核總覽", "Overview of all agencies"),
    # indicator verdicts (checks/verdicts.py); the verdict words are the plan's and stay Chinese, glossed in English
    "verdicts": ("評核指標判定", "Indicator verdicts"),
    "verdicts_intro": ("依判定表（規則版本 {version}）自動判定；分數 0–100 為可判定準則的加權得分，≥ 80 且必要準則均達成為「符合」，"
                       "< 50 為「未符合」，可判定權重未達一半為「無法判定」。各準則的門檻、權重與計分公式見 README「Indicator "
                       "verdicts」；判定引用的發現 id 可於 findings.json 查證。",
                       "Judged by the verdict table (rules version {version}). The 0–100 score is the weighted credit of "
                       "the criteria that could be judged; ≥ 80 with every required criterion met is 符合 (meets), < 50 is "
                       "未符合 (does not meet), and less than half the weight judgeable is 無法判定 (cannot tell). Thresholds, "
                       "weights and the formula are in the README, \"Indicator verdicts\"; the cited finding ids are in "
                       "findings.json."),
    "col_indicator": ("指標", "Indicator"),
    "col_verdict": ("判定與分數", "Verdict and score"),
    "col_criteria": ("準則、數值與證據", "Criteria, values and evidence"),
    "score_points": ("{score} 分", "{score} / 100"),
    "criteria_count": ("準則（{n}）", "Criteria ({n})"),
    "criterion_unknown": ("無法判定", "cannot tell"),
    "criterion_met": ("達成", "met"),
    "criterion_partial": ("部分達成", "partly met"),
    "criterion_missed": ("未達成", "not met"),
    "criterion_terms": ("（門檻 {threshold}；權重 {weight}{must}）", " (threshold {threshold}; weight {weight}{must})"),
    "criterion_must": ("；必要", "; required"),
    "verdict_reason": ("原因：", "Why: "),
    "verdict_evidence": ("證據：", "Evidence: "),
    "report_section": ("本報告「{section}」", "this report, \"{section}\""),
    "findings_total": ("（共 {n} 個發現）", "({n} findings in all)"),
    "not_measured": ("未納入：{what}。", "Not measured: {what}."),
    "cited_findings": ("判定引用的發現（{n}）", "Findings cited by the verdicts ({n})"),
    "verdicts_overview": ("評核指標判定總覽", "Indicator verdicts, all agencies"),
    "verdicts_overview_intro": ("每格標示判定（✓ 符合、◐ 部分符合、✗ 未符合、? 無法判定）與 0–100 分數，顏色僅為輔助；"
                                "點選可看該機關的判定依據與證據。計分方式見 README「Indicator verdicts」。",
                                "Each cell gives the verdict (✓ 符合 meets, ◐ 部分符合 partly meets, ✗ 未符合 does not meet, "
                                "? 無法判定 cannot tell) and the 0–100 score; colour only repeats them. Follow a cell for "
                                "the agency's reasons and evidence; the formula is in the README, \"Indicator verdicts\"."),
    "section_disclosure": ("主動公開資訊", "Proactive disclosure"),
    "section_broken": ("失效連結", "Broken links"),
    "section_stale": ("逾期未更新頁面", "Stale pages"),
    "section_search": ("站內搜尋", "Site search"),
    "section_homepage": ("首頁版面檢核", "Homepage checklist"),
    "section_services": ("線上服務", "Online services"),
    "section_participation": ("電子參與", "E-participation"),
    "section_a11y": ("無障礙檢測", "Accessibility"),
    "section_conventions": ("導盲磚與無障礙標章", "Access keys and the accessibility mark"),
    "section_summary": ("摘要", "Summary"),
    "section_soft404": ("軟性 404", "Soft 404s"),
    "section_malformed": ("格式錯誤的連結", "Malformed links"),
    "section_future": ("日期晚於基準日的頁面", "Pages dated after the reference date"),
    "section_undated": ("未標示日期的頁面", "Undated pages"),
    "section_info-findings": ("資訊服務其他發現", "Other information-service findings"),
    # what to fix first
    "fix_first": ("優先修正", "What to fix first"),
    "fix_first_intro": ("依影響排序：使整項指標不符合的問題最先，其次是修正一次版型即可解決多頁的錯誤（全站選單、頁首、頁尾、"
                        "多頁共用元素），再來是單一頁面的錯誤，最後是警告；同一層內出現頁數多者在前。",
                        "Ordered by impact: problems that fail an indicator outright first, then errors one template "
                        "edit fixes on many pages (site-wide menu, header, footer, elements shared by pages), then "
                        "one-off errors, then warnings; within each tier, the problem on more pages first."),
    "fix_first_none": ("沒有待修正的問題。", "Nothing to fix."),
    "fix_first_more": ("另有 {n} 個較低優先的問題，見以下各節。", "{n} lower-priority problems follow in the sections below."),
    "tier_0": ("指標不符", "fails an indicator"),
    "tier_1": ("全站/版型", "site-wide / template"),
    "tier_2": ("單一頁面", "one page"),
    "tier_3": ("警告", "warning"),
    "see_section": ("詳見「{section}」", "see {section}"),
    # summary
    "summary": ("摘要", "Summary"),
    "card_pages": ("已檢查頁面", "pages checked"),
    "card_links": ("已檢查連結目標", "link targets checked"),
    "card_broken": ("失效連結（{targets} 個目標）", "broken links ({targets} targets)"),
    "card_broken_short": ("失效連結", "Broken links"),
    "card_soft404": ("軟性 404", "Soft 404s"),
    "card_stale": ("逾期未更新頁面", "stale pages"),
    "card_future": ("日期晚於基準日", "dated after the reference date"),
    "card_undated": ("未標示日期頁面", "undated pages"),
    "card_malformed": ("格式錯誤連結", "malformed links"),
    "summary_indicator": ("以上發現對應指標「{indicator}」：資訊內容無明顯錯誤或過期、超連結均有效正確。",
                          "These findings belong to indicator “{indicator}”: content free of obvious errors or "
                          "outdated information, all hyperlinks valid."),
    # changes
    "changes": ("與上次檢核比較", "Changes since the previous run"),
    "changes_first_run": ("這是此機關第一次檢核，沒有可比較的前次結果。",
                          "This is the agency's first audit; there is no earlier run to compare with."),
    "changes_vs": ("與執行 {run} 相比", "Since run {run}"),
    "changes_new": ("：新增", ": new problems"),
    "changes_fixed": (" 個問題，已修正", ", fixed"),
    "changes_end": (" 個。", "."),
    "new_problems": ("新增的問題", "New problems"),
    "fixed_problems": ("已修正的問題", "Fixed problems"),
    "count_label": ("{label}（{n}）", "{label} ({n})"),
    "more_in_json": ("另有 {n} 個，見 findings.json 或 govaudit diff。", "{n} more in findings.json or govaudit diff."),
    # broken links
    "broken": ("失效連結（依目標分組）", "Broken links (by target)"),
    "broken_none": ("未發現失效連結。", "No broken links found."),
    "site_wide_badge": ("位於全站選單/頁首/頁尾，修正範本一次即可", "in the site-wide menu/header/footer: fix the template once"),
    "on_pages": ("出現在 {n} 個頁面", "on {n} pages"),
    "first_seen_on": ("首次發現 {date}", "first seen {date}"),
    "sources_and_places": ("來源頁面與位置", "Source pages and places"),
    "no_text": ("（無文字）", "(no text)"),
    "no_title": ("（無標題）", "(no title)"),
    "soft404": ("軟性 404（回應 200 但內容是錯誤頁）", "Soft 404s (status 200 but an error page)"),
    "malformed": ("格式錯誤的 mailto / tel 連結", "Malformed mailto / tel links"),
    # dates
    "stale": ("逾期未更新頁面", "Stale pages"),
    "stale_none": ("沒有逾期未更新的頁面。", "No stale pages."),
    "weak_evidence": ("僅有伺服器標頭，證據較弱", "server header only: weak evidence"),
    "days": ("{n} 天", "{n} days"),
    "future": ("日期晚於基準日的頁面", "Pages dated after the reference date"),
    "undated": ("未標示日期的頁面（{n}）", "Undated pages ({n})"),
    "undated_list": ("列出 {n} 個頁面", "List the {n} pages"),
    "undated_none": ("每個頁面都標示了日期。", "Every page shows a date."),
    # table columns
    "col_impact": ("影響", "Impact"),
    "col_problem": ("問題", "Problem"),
    "col_what": ("內容與位置", "What and where"),
    "col_pages": ("頁數", "Pages"),
    "col_first_seen": ("首次發現", "First seen"),
    "col_details": ("說明", "Details"),
    "col_source": ("來源頁面", "Source page"),
    "col_link_text": ("連結文字", "Link text"),
    "col_place": ("位置", "Location"),
    "col_target": ("目標", "Target"),
    "col_basis": ("依據", "Evidence"),
    "col_page": ("頁面", "Page"),
    "col_link": ("連結", "Link"),
    "col_page_date": ("頁面日期", "Page date"),
    "col_age": ("距基準日", "Age"),
    "col_title": ("標題", "Title"),
    "col_category": ("類別", "Category"),
    "col_status": ("狀態", "Status"),
    "col_evidence": ("證據", "Evidence"),
    "col_newest": ("最新日期", "Newest date"),
    "col_item": ("項目", "Item"),
    "col_result": ("結果", "Result"),
    "col_works": ("可用", "Works"),
    "col_url": ("網址", "URL"),
    "col_channel": ("管道", "Channel"),
    "col_newest_reply": ("最新回覆", "Newest reply"),
    "col_message": ("說明", "Message"),
    "col_element": ("元素", "Element"),
    "col_detected_by": ("偵測", "Detected by"),
    "col_agency": ("機關", "Agency"),
    "col_pages_crawled": ("頁面", "Pages"),
    "col_stale": ("逾期頁面", "Stale pages"),
    "col_undated": ("未標日期", "Undated"),
    "col_a11y": ("無障礙問題", "Accessibility problems"),
    "col_trend": ("歷次趨勢", "Trend over runs"),
    "col_article7": ("第7條類別", "Art. 7 categories"),
    "col_search": ("搜尋分頁/排序", "Search paging/sorts"),
    "col_services": ("線上服務", "Online services"),
    "col_state": ("狀態", "State"),
    "col_run": ("執行", "Run"),
    "col_as_of": ("基準日", "Reference date"),
    # disclosure
    "disclosure": ("主動公開資訊（政府資訊公開法第7條）", "Proactive disclosure (Freedom of Government Information Law, Art. 7)"),
    "disclosure_indicator": ("對應指標「{indicator}」(1)(2)", "Indicator “{indicator}” (1)(2)"),
    "disclosure_zone": ("專區：", "Disclosure zone: "),
    "found_via": ("（由 {via} 找到）", "(found via {via})"),
    "zone_missing": ("未找到「主動公開資訊」專區", "no 主動公開資訊 zone found"),
    "category_found": ("已公開", "published"),
    "category_missing": ("未找到", "not found"),
    "category_not-applicable": ("不適用", "not applicable"),
    "category_link_broken": ("（連結失效）", "(link broken)"),
    "and_n_more": ("等 {n} 個", "{n} in all"),
    "budget": ("預算：", "Budget: "),
    "final_account": ("決算：", "Final accounts: "),
    "roc_year": ("{year} 年度", "ROC year {year}"),
    "not_seen": ("未見", "not seen"),
    "not_this_year": ("（非本年度 {year} 年）", "(not the current ROC year {year})"),
    "too_old": ("（過舊）", "(too old)"),
    "supplements": ("計畫補充項目：", "Items the plan adds: "),
    "not_found": ("未找到", "not found"),
    # search
    "search": ("站內搜尋", "Site search"),
    "search_indicator": ("對應指標「{indicator}」(1)：檢索結果分頁，並可依相似程度、時間、主題排序。",
                         "Indicator “{indicator}” (1): results are paginated and can be sorted by relevance, "
                         "time and topic."),
    "search_missing": ("首頁未找到站內搜尋。", "No site search found on the homepage."),
    "search_engine": ("搜尋引擎：", "Engine: "),
    "engine_site": ("站內搜尋", "the site's own search"),
    "engine_external": ("外部搜尋引擎（如 Google），排序與分頁非機關可控",
                        "an external engine (such as Google): sorting and paging are out of the agency's hands"),
    "search_form": ("表單：", "form: "),
    "pagination": ("分頁：", "Pagination: "),
    "page2_differs": ("第 2 頁與第 1 頁不同", "page 2 differs from page 1"),
    "page2_same": ("第 2 頁與第 1 頁相同", "page 2 repeats page 1"),
    "sort_options": ("排序方式：", "Sort orders: "),
    "sort_relevance": ("相似程度", "relevance"),
    "sort_time": ("時間", "time"),
    "sort_topic": ("主題", "topic"),
    "query_line": ("查詢「{q}」：{results} 筆，{pages} 頁，HTTP {status}，{ms} ms",
                   "query “{q}”: {results} results, {pages} pages, HTTP {status}, {ms} ms"),
    # homepage, services, participation
    "homepage": ("首頁版面檢核", "Homepage layout"),
    "homepage_indicator": ("對應指標「{indicator}」(2)：首頁易於瀏覽、搜尋與取得服務。",
                           "Indicator “{indicator}” (2): the homepage is easy to browse, search and reach "
                           "services from."),
    "present": ("有", "present"),
    "services": ("線上服務", "Online services"),
    "services_indicator": ("對應指標「{indicator}」：服務申辦、網路繳費、取件通知、預約。共 {total} 項",
                           "Indicator “{indicator}”: applications, online payment, pick-up notices, bookings. "
                           "{total} items"),
    "services_growth": ("，上次 {previous} 項，成長率 {rate}%", ", {previous} last time, growth {rate}%"),
    "services_growth_yearly": ("；上年度（{year}年）{previous} 項，年成長率 {rate}%",
                               "; {previous} in the previous year ({year}), yearly growth {rate}%"),
    "works": ("可用", "works"),
    "broken_short": ("失效", "broken"),
    "unchecked": ("未檢查", "not checked"),
    "participation": ("電子參與", "E-participation"),
    "participation_indicator": ("對應指標「{indicator}」：意見反映及討論區為基本服務，另可有網路投票、民意調查、社群。",
                                "Indicator “{indicator}”: feedback and a discussion forum are the basic services; "
                                "online voting, opinion polls and social media may add to them."),
    "channel_mailbox": ("首長/民意信箱", "mayor's / public mailbox"),
    "channel_message_board": ("留言板", "message board"),
    "channel_forum": ("民意論壇", "public forum"),
    "channel_e_voting": ("網路投票", "online voting"),
    "channel_survey": ("民意調查", "opinion poll"),
    "channel_join_platform": ("公共政策網路參與平台", "Join (public policy participation platform)"),
    "channel_social": ("社群媒體", "social media"),
    "info_findings": ("資訊服務相關發現", "Information service findings"),
    # accessibility
    "a11y": ("無障礙檢測（網站無障礙規範 {ruleset}）", "Accessibility (網站無障礙規範 {ruleset})"),
    "a11y_intro": ("對應指標「{indicator}」第 (3) 點：網站須通過無障礙檢測並取得標章。靜態規則檢查每個爬取頁面；axe-core 於 "
                   "Chromium 檢測 {pages} 個頁面。同一元素在多個頁面出現（通常是共用版型）只列為一個問題，修正版型即可一次解決。",
                   "Indicator “{indicator}” point (3): the site must pass accessibility testing and hold the mark. "
                   "Static rules check every crawled page; axe-core in Chromium checked {pages} pages. The same "
                   "element on many pages (usually a shared template) is listed once: fixing the template fixes all."),
    "a11y_english_note": ("規則標題與修正方式為規則表的英文版本；各檢測程式寫下的發現訊息（匯出檔及國內慣例一節）仍為中文。",
                          "Rule titles and fixes are the English text of the rule tables; the message each checker "
                          "writes for a finding (in the exports and in the conventions section) stays in Chinese, "
                          "as recorded."),
    "a11y_none": ("自動檢測未發現無障礙問題（仍需人工檢測 E 類檢測碼）。",
                  "Automatic testing found no accessibility problems (the E-class codes still need a manual check)."),
    "level": ("{level} 等級", "level {level}"),
    "a11y_counts": ("{problems} 個問題，出現 {occurrences} 次", "{problems} problems, {occurrences} occurrences"),
    "rule": ("規則", "rule"),
    "how_to_fix": ("修正方式：", "How to fix: "),
    "elements": ("問題元素", "Elements"),
    "n_pages": ("{n} 頁", "{n} pages"),
    "template_problem": ("（版型問題）", "(template problem)"),
    "source_static": ("靜態規則", "static rules"),
    "source_axe": ("axe-core", "axe-core"),
    "more_problems_in_json": ("另有 {n} 個問題，見 findings.json。", "{n} more problems in findings.json."),
    "conventions": ("導盲磚與無障礙標章（國內慣例）", "Access keys (導盲磚) and the accessibility mark (Taiwan conventions)"),
    "conventions_intro": ("導盲磚（:::）與網站導覽說明快速鍵是評核委員預期的國內慣例，並非 WCAG 失敗；無障礙標章依身心障礙者權益保障法"
                          "第52條之2 與核發辦法檢查（有效期限由標章編號推算，僅供參考）。",
                          "The ::: access keys and a sitemap explaining them are conventions evaluators expect in "
                          "Taiwan, not WCAG failures; the accessibility mark is checked against Art. 52-2 of the "
                          "People with Disabilities Rights Protection Act (expiry estimated from the mark number)."),
    "conventions_none": ("首頁導盲磚、跳到主要內容連結、網站導覽與無障礙標章皆符合慣例。",
                         "Homepage access keys, skip link, sitemap and accessibility mark all follow the conventions."),
    "screenshot_alt": ("{name} 首頁截圖（{url}）", "{name} homepage screenshot ({url})"),
    "screenshot_caption": ("首頁截圖（證據）：", "Homepage screenshot (evidence): "),
    "audits_failed": ("瀏覽器檢測未完成的頁面", "Pages the browser could not audit"),
    # evidence
    "evidence": ("證據與方法", "Evidence and method"),
    "evidence_files": ("每筆發現的網址、檢查時間、HTTP 狀態、元素位置與頁面 SHA-256 皆記錄於",
                       "Every finding's URL, check time, HTTP status, element location and page SHA-256 are in"),
    "evidence_excel": ("（Excel 可開啟）。", " (opens in Excel)."),
    "evidence_warc": ("伺服器回應的原始位元組存於 WARC 證據檔（路徑相對於資料庫所在資料夾；以 govaudit verify 核對雜湊）：",
                      "The bytes each server sent are in the WARC evidence archive (path relative to the database's "
                      "folder; check the hashes with govaudit verify): "),
    "evidence_no_warc": ("本次執行未保存 WARC 證據檔（--no-warc）。", "This run kept no WARC archive (--no-warc)."),
    "evidence_tools": ("檢核工具版本：", "Tool versions: "),
    "evidence_ruleset": ("無障礙規範版本：{ruleset}。", "Accessibility rule set: {ruleset}."),
    "settings_line": ("逾期門檻：{stale} 天；單一請求逾時：{timeout} 秒；遵守 robots.txt：{robots}。",
                      "Stale after {stale} days; request timeout {timeout} s; robots.txt obeyed: {robots}."),
    # index
    "trend_text": ("{runs} 次執行：失效連結 {broken_from}→{broken_to}，無障礙 {a11y_from}→{a11y_to}",
                   "{runs} runs: broken links {broken_from}→{broken_to}, accessibility {a11y_from}→{a11y_to}"),
    "trends": ("歷次執行數據", "Counts in every stored run"),
    "trends_intro": ("上表趨勢線的數據，依機關與執行列出。", "The numbers behind the trend lines above, by agency and run."),
    "search_cell": ("分頁{paginated}/{sorts} 種排序", "paging {paginated}/{sorts} sorts"),
    "no_search": ("無搜尋", "no search"),
    "state_unreachable": ("無法連線", "unreachable"),
    "state_failed": ("失敗：{message}", "failed: {message}"),
    "state_incomplete": ("未完成（{reason}）", "incomplete ({reason})"),
    "state_done": ("完成", "complete"),
}

# Check ids → (zh-TW, en) titles, for checks whose findings the report lists by kind.
CHECK_TITLES: dict[str, tuple[str, str]] = {
    "link.broken": ("失效連結", "Broken link"),
    "link.soft-404": ("軟性 404（回應 200 的錯誤頁）", "Soft 404 (an error page answered with 200)"),
    "link.malformed": ("格式錯誤的 mailto/tel 連結", "Malformed mailto/tel link"),
    "page.stale": ("逾期未更新頁面", "Stale pages"),
    "page.future-date": ("日期晚於基準日的頁面", "Pages dated after the reference date"),
    "page.undated": ("未標示日期的頁面", "Undated pages"),
    "site.unreachable": ("網站無法連線", "Site unreachable"),
    "crawl.incomplete": ("爬取未完成", "Crawl incomplete"),
    "internal.check-error": ("檢核程式錯誤", "Checker error"),
    "disclosure.zone-missing": ("未找到主動公開資訊專區", "No proactive disclosure zone"),
    "disclosure.category-missing": ("第7條類別未公開", "Art. 7 category not published"),
    "disclosure.category-unreachable": ("第7條類別連結無法開啟", "Art. 7 category evidence unreachable"),
    "disclosure.category-outdated": ("第7條類別內容過舊", "Art. 7 category out of date"),
    "disclosure.supplement-missing": ("計畫補充項目未公開", "Item the plan adds not published"),
    "search.missing": ("沒有站內搜尋", "No site search"),
    "search.broken": ("站內搜尋無法使用", "Site search broken"),
    "search.external": ("搜尋交由外部搜尋引擎", "Search handed to an external engine"),
    "search.not-probed": ("站內搜尋未能測試", "Site search not probed"),
    "search.no-pagination": ("搜尋結果未分頁", "Search results not paginated"),
    "search.no-sort": ("搜尋結果缺少排序方式", "Search results lack sort orders"),
    "search.slow": ("搜尋回應緩慢", "Slow search"),
    "homepage.item-missing": ("首頁缺少項目", "Homepage item missing"),
    "service.missing-category": ("缺少線上服務類別", "Online service category missing"),
    "service.broken": ("線上服務連結失效", "Online service link broken"),
    "participation.missing-basic": ("缺少基本電子參與管道", "Basic e-participation channel missing"),
    "participation.broken": ("電子參與管道失效", "E-participation channel broken"),
    "participation.inactive": ("電子參與久未回覆", "E-participation without recent replies"),
    "content.title-empty": ("頁面標題空白", "Empty page title"),
    "content.title-generic": ("頁面標題籠統", "Generic page title"),
    "content.title-duplicate": ("頁面標題重複", "Duplicate page titles"),
    "content.title-heading-mismatch": ("標題與主標題不符", "Title does not match the main heading"),
    "content.link-title-mismatch": ("連結文字與目標標題不符", "Link text does not match the target's title"),
    "content.expired-notice": ("公告已過期仍刊登", "Expired notice still published"),
    "content.news-stale": ("最新消息久未更新", "News not updated"),
    "content.source-missing": ("未標示資料來源", "Source not stated"),
    "content.update-rule-missing": ("未說明更新頻率", "Update frequency not stated"),
    "tw.bricks-missing": ("缺少導盲磚", "No ::: access keys"),
    "tw.brick-key-missing": ("導盲磚缺少快速鍵", "Access key without a key"),
    "tw.brick-untitled": ("導盲磚缺少說明", "Access key without a title"),
    "tw.brick-target-missing": ("導盲磚目標不存在", "Access key target missing"),
    "tw.accesskey-duplicate": ("快速鍵重複", "Duplicate access key"),
    "tw.skip-link-missing": ("缺少跳到主要內容連結", "No skip link"),
    "tw.skip-link-not-first": ("跳到主要內容連結不在最前面", "Skip link is not first"),
    "tw.sitemap-missing": ("缺少網站導覽", "No sitemap page"),
    "tw.sitemap-keys-undocumented": ("網站導覽未說明快速鍵", "Sitemap does not explain the access keys"),
    "tw.mark-missing": ("缺少無障礙標章", "No accessibility mark"),
    "tw.mark-level-unstated": ("無障礙標章未標示等級", "Accessibility mark level not stated"),
    "tw.mark-expired": ("無障礙標章已逾期", "Accessibility mark expired"),
    "tw.mark-legacy-scheme": ("舊制無障礙標章", "Accessibility mark from the old scheme"),
    "tw.mark-not-in-footer": ("無障礙標章不在頁尾", "Accessibility mark not in the footer"),
    "tw.mark-size": ("無障礙標章尺寸不符", "Accessibility mark has the wrong size"),
    "tw.mark-level-unsupported": ("無障礙標章等級不符", "Accessibility mark level not supported"),
    "a11y.browser-error": ("瀏覽器檢測未完成", "Browser audit incomplete"),
}

# English glosses beside the plan's names, which stay exactly as the plan writes them.
INDICATOR_GLOSS = {
    "2.1.1": "appropriate disclosure and valid content",
    "2.1.2": "complete and convenient information retrieval",
    "2.2.1": "capacity of online services",
    "2.2.2": "diversity of e-participation",
    "1.1.2": "transparency of service processes",
    "1.3.1": "senior-friendly service environment",
}
VERDICT_GLOSS = {"符合": "meets", "部分符合": "partly meets", "未符合": "does not meet", "無法判定": "cannot tell"}
VERDICT_CLASS = {"符合": "v-met", "部分符合": "v-partial", "未符合": "v-fail", "無法判定": "v-unknown"}
VERDICT_SYMBOL = {"符合": "✓", "部分符合": "◐", "未符合": "✗", "無法判定": "?"}
GROUP_GLOSS = {"portal": "city portal", "1": "group 1", "2": "group 2", "3": "group 3",
               "planning": "service planning agencies"}
REASON_TEXT_EN = {
    "dns": "domain name does not resolve (DNS)", "timeout": "timed out", "tls": "TLS/SSL error",
    "too-many-redirects": "too many redirects", "connection-refused": "connection refused",
    "connection-lost": "connection lost", "invalid-url": "malformed URL", "other": "could not be fetched",
}


def _column(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(LANGS)}")
    return LANGS.index(lang)


def catalogue(lang: str) -> dict[str, str]:
    column = _column(lang)
    return {key: texts[column] for key, texts in MESSAGES.items()}


def translator(lang: str) -> Callable[..., str]:
    """t(key, **values): the message in lang with its placeholders filled; an unknown key is an error."""
    messages = catalogue(lang)

    def t(key: str, **values: object) -> str:
        return messages[key].format(**values) if values else messages[key]

    return t


def check_title(check: str, lang: str = DEFAULT_LANG) -> str:
    titles = CHECK_TITLES.get(check)
    return titles[_column(lang)] if titles else check


def indicator_text(indicator_id: str, lang: str = DEFAULT_LANG) -> str:
    """The plan's id and name; in English followed by a gloss, because evaluators cite the Chinese name."""
    indicator = INDICATORS.get(indicator_id)
    if indicator is None:
        return indicator_id
    label = f"{indicator.id} {indicator.name}"
    gloss = INDICATOR_GLOSS.get(indicator_id)
    return f"{label} ({gloss})" if lang == "en" and gloss else label


def verdict_text(verdict: str, lang: str = DEFAULT_LANG) -> str:
    """The plan's verdict word, with an English gloss in English reports."""
    gloss = VERDICT_GLOSS.get(verdict)
    return f"{verdict} ({gloss})" if lang == "en" and gloss else verdict
