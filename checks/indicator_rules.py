"""The verdict table: for each plan indicator, the criteria an evaluator reads, as data (source, threshold, weight).

checks/verdicts.py turns these rows into 符合 / 部分符合 / 未符合 / 無法判定 and a 0-100 score; the README prints them."""

from __future__ import annotations

from dataclasses import dataclass

from checks.verdict_sources import (
    Count, Flags, Growth, Mark, Members, Ratio, ReplyActivity, Search, Share, Source, Value,
)

RULES_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line an evaluator reads. Met when the value reaches `full` in the direction of `op`; with `zero`
    set, credit falls linearly to 0 at `zero` (partial credit), otherwise a miss earns nothing."""

    key: str
    text: str                     # the plan's wording, as the Chinese report and the README print it
    text_en: str                  # the same in English reports; required so that no criterion lacks it
    source: Source
    op: str                       # "≥" (more is better) or "≤" (less is better)
    full: float
    weight: int
    zero: float | None = None
    must: bool = False            # 必要: 符合 needs it met
    absence: bool = False         # a miss only proves something when the crawl saw the whole site
    # Findings cited as evidence: "check" or "check[field=value]" (a value in the finding's evidence);
    # Count sources also cite what they count.
    checks: tuple[str, ...] = ()
    anchor: str = ""              # the agency report's section with the details


@dataclass(frozen=True, slots=True)
class IndicatorRules:
    indicator: str
    criteria: tuple[Criterion, ...]
    not_measured: str = ""        # what the plan asks that no crawler can see
    not_measured_en: str = ""

    def __post_init__(self) -> None:
        if bool(self.not_measured) != bool(self.not_measured_en):
            raise ValueError(f"{self.indicator}: not_measured needs its English (not_measured_en) and vice versa")


_SERVICE_KINDS = ("application", "payment", "pickup_notice", "booking")
_PARTICIPATION_KINDS = ("mailbox", "message_board", "forum", "e_voting", "survey", "join_platform", "social")
_FOUND_AND_REACHABLE = {"status": ("found",), "reachable": (True, None)}

# Read a row as: key, the sentence an evaluator reads (Chinese, then English), where the number comes from,
# op + full (met), weight; zero = where partial credit reaches 0; must = 必要; absence = a miss needs the whole site seen.
RULES: tuple[IndicatorRules, ...] = (
    IndicatorRules("2.1.1", (
        Criterion("art7", "政府資訊公開法第7條應主動公開之各類資訊均可見且連結有效",
                  "Every category of information that Article 7 of the Freedom of Government Information Law "
                  "requires is visible and its links work",
                  Share("disclosure.categories", ok=_FOUND_AND_REACHABLE, skip={"status": ("not-applicable",)}),
                  "≥", 1.0, 30, zero=0.5, must=True, absence=True, anchor="disclosure",
                  checks=("disclosure.category-missing", "disclosure.category-unreachable")),
        Criterion("zone", "設置「主動公開資訊」專區",
                  "A proactive disclosure zone exists",
                  Value("disclosure.zone_url"),
                  "≥", 1, 10, must=True, absence=True, anchor="disclosure", checks=("disclosure.zone-missing",)),
        Criterion("supplements", "另主動公開服務措施、活動訊息、常見問題集、出版品",
                  "Service measures, activity news, FAQs and publications are also disclosed",
                  Share("disclosure.supplements", ok={"found": (True,)}),
                  "≥", 1.0, 10, zero=0.0, absence=True, anchor="disclosure",
                  checks=("disclosure.supplement-missing",)),
        Criterion("currency", "預算書為當年度、決算書為最近年度",
                  "The budget is this year's and the final accounts the latest year's",
                  Flags(("disclosure.currency.budget_current", "disclosure.currency.final_account_recent")),
                  "≥", 1.0, 5, zero=0.0, anchor="disclosure", checks=("disclosure.category-outdated",)),
        Criterion("links", "網站超連結皆有效且正確（失效連結目標占已檢查連結目標之比例）",
                  "Every hyperlink works and is correct (broken link targets as a share of the link targets checked)",
                  Ratio("broken_targets", "links_checked"),
                  "≤", 0.0, 20, zero=0.05, anchor="broken",
                  checks=("link.broken", "link.soft-404", "link.malformed")),
        Criterion("stale", "避免過期資訊（逾期未更新頁面占已檢查頁面之比例）",
                  "No outdated information (pages past their update deadline as a share of the pages checked)",
                  Ratio("stale_pages", "pages_crawled"),
                  "≤", 0.05, 5, zero=0.25, anchor="stale", checks=("page.stale",)),
        Criterion("notices", "首頁無過期公告、最新消息持續更新、頁面日期無誤",
                  "No expired notices on the homepage, news kept up to date, page dates correct",
                  Count(("content.expired-notice", "content.news-stale", "page.future-date")),
                  "≤", 0, 5, zero=5),
        Criterion("titles", "資訊標題與內容一致（標題空白、籠統、重複或與內文不符）",
                  "Titles match their content (titles empty, generic, repeated or unlike the text, per page)",
                  Count(("content.title-*", "content.link-title-mismatch"), per="pages_crawled"),
                  "≤", 0, 5, zero=0.05),
        Criterion("sources", "引用他人資料標明來源出處或版權",
                  "Material quoted from others names its source or copyright",
                  Count(("content.source-missing",)),
                  "≤", 0, 5, zero=5),
        Criterion("update-rule", "訂定網站資料定期更新規定並公開",
                  "A rule for updating the site's data regularly is set and published",
                  Value("content.update_rule.found", url_path="content.update_rule.url"),
                  "≥", 1, 5, absence=True, checks=("content.update-rule-missing",)),
    )),
    IndicatorRules("2.1.2", (
        Criterion("search", "首頁提供站內搜尋且可正常查詢（交由外部搜尋引擎者得半數）",
                  "The homepage offers a site search that answers queries (half credit when handed to an "
                  "external engine)",
                  Search("usable"),
                  "≥", 1.0, 15, zero=0.0, must=True, anchor="search",
                  checks=("search.missing", "search.broken", "search.external", "search.not-probed")),
        Criterion("pagination", "檢索結果過多時分頁（第 2 頁與第 1 頁內容不同）",
                  "Long result lists are paged (page 2 differs from page 1)",
                  Search("paginated"),
                  "≥", 1, 10, anchor="search", checks=("search.no-pagination",)),
        Criterion("sorting", "檢索結果可依相似程度、時間、主題排列",
                  "Results can be ordered by relevance, time and topic",
                  Search("sorted"),
                  "≥", 1.0, 10, zero=0.0, anchor="search", checks=("search.no-sort",)),
        Criterion("homepage", "首頁版面方便瀏覽、查詢及使用服務（首頁 14 項要素具備之比例）",
                  "The homepage is easy to browse, search and use for services (share of the 14 homepage "
                  "elements present)",
                  Share("homepage.items", ok={"present": (True,)}),
                  "≥", 1.0, 25, zero=0.5, anchor="homepage", checks=("homepage.item-missing",)),
        Criterion("mark", "取得無障礙認證標章且標章有效",
                  "The site holds a valid accessibility mark",
                  Mark(),
                  "≥", 1.0, 10, zero=0.0, anchor="conventions",
                  checks=("tw.mark-missing", "tw.mark-expired", "tw.mark-level-unsupported")),
        Criterion("a11y-static", "通過無障礙檢測：靜態規則未發現 A／AA 級問題（每頁平均問題數）",
                  "Passes accessibility testing: the static rules find no level A/AA problem (average "
                  "problems per page)",
                  Count(("a11y.*",), exclude=("a11y.axe.*", "a11y.browser-error"), levels=("A", "AA"),
                        per="pages_crawled"),
                  "≤", 0, 15, zero=1.0, anchor="a11y"),
        Criterion("a11y-browser", "通過無障礙檢測：瀏覽器 axe-core 未發現 A／AA 級問題（每頁平均問題數）",
                  "Passes accessibility testing: axe-core in a browser finds no level A/AA problem (average "
                  "problems per page)",
                  Count(("a11y.*",), exclude=("a11y.browser-error",), levels=("A", "AA"), engine="axe",
                        per="accessibility_pages_audited"),
                  "≤", 0, 10, zero=1.0, anchor="a11y", checks=("a11y.browser-error",)),
        Criterion("conventions", "導盲磚、跳到主要內容連結及網站導覽說明符合國內慣例",
                  "The ::: access key anchors, the skip-to-content link and the site guide follow Taiwanese "
                  "conventions",
                  Count(("tw.*",), exclude=("tw.mark-*",)),
                  "≤", 0, 5, zero=5, anchor="conventions"),
    )),
    IndicatorRules("2.2.1", (
        Criterion("application", "提供線上服務申辦",
                  "Online applications are offered",
                  Members("online_services.counts", ("application",), "services"),
                  "≥", 1, 25, must=True, absence=True, anchor="services",
                  checks=("service.missing-category[category=application]",)),
        Criterion("kinds", "提供服務申辦、網路繳費、取件通知、預約等服務（四類中具備之類數）",
                  "Applications, online payment, pick-up notices and bookings are offered (how many of the "
                  "four kinds)",
                  Members("online_services.counts", _SERVICE_KINDS, "services"),
                  "≥", 3, 30, zero=1, absence=True, anchor="services", checks=("service.missing-category",)),
        Criterion("working", "線上服務連結皆可使用",
                  "Every online service link works",
                  Share("online_services.items", ok={"works": (True,)}, skip={"works": (None,)}),
                  "≥", 1.0, 25, zero=0.5, anchor="services", checks=("service.broken",)),
        Criterion("growth", "線上服務項目數成長率（本年度對上年度）未為負值",
                  "The number of online services does not shrink (growth rate, this year against last year)",
                  Growth(),
                  "≥", 0.0, 20, zero=-20.0, anchor="services"),
    )),
    IndicatorRules("2.2.2", (
        Criterion("basic", "提供意見反映及討論區等基本電子參與管道（首長信箱、留言板、論壇）",
                  "Basic e-participation channels for feedback and discussion exist (mayor's mailbox, "
                  "message board, forum)",
                  Members("e_participation.types_present", ("mailbox", "message_board", "forum"), "participation"),
                  "≥", 1, 30, must=True, absence=True, anchor="participation",
                  checks=("participation.missing-basic",)),
        Criterion("diversity", "電子參與管道多元（信箱、留言板、論壇、網路投票、民意調查、公共政策網路參與平台、社群）",
                  "E-participation channels are diverse (mailbox, message board, forum, online voting, "
                  "opinion survey, public policy participation platform, social media)",
                  Members("e_participation.types_present", _PARTICIPATION_KINDS, "participation"),
                  "≥", 4, 30, zero=1, absence=True, anchor="participation"),
        Criterion("working", "電子參與管道皆可使用",
                  "Every e-participation channel works",
                  Share("e_participation.channels", ok={"works": (True,)}, skip={"works": (None,)}),
                  "≥", 1.0, 15, zero=0.5, anchor="participation", checks=("participation.broken",)),
        Criterion("replies", "定期與民眾互動及回應（公開回覆之管道 90 天內有回覆）",
                  "The agency interacts and replies regularly (channels with public replies have one within 90 days)",
                  ReplyActivity(),
                  "≥", 1.0, 25, zero=0.0, anchor="participation", checks=("participation.inactive",)),
    )),
    IndicatorRules("1.1.2", (
        Criterion("contact", "提供承辦單位聯絡資訊（第7條「組織、職掌及聯絡資訊」類別可見）",
                  "Contact details of the responsible units are given (the Article 7 category on "
                  "organisation, duties and contacts is visible)",
                  Share("disclosure.categories", ok=_FOUND_AND_REACHABLE, where={"number": (3,)}),
                  "≥", 1, 30, absence=True, anchor="disclosure"),
        Criterion("case-status", "提供網路案件查詢管道",
                  "Cases can be looked up online",
                  Members("online_services.counts", ("case_status",), "services"),
                  "≥", 1, 40, must=True, absence=True, anchor="services",
                  checks=("service.missing-category[category=case_status]",)),
        Criterion("case-working", "案件查詢連結可使用",
                  "The case lookup links work",
                  Share("online_services.items", ok={"works": (True,)}, skip={"works": (None,)},
                        where={"category": ("case_status",)}),
                  "≥", 1.0, 30, zero=0.0, anchor="services", checks=("service.broken[category=case_status]",)),
    ), not_measured="標準處理程序、辦理時限及主動通知申請人辦理情形，需機關提供資料，不在網站外部檢核範圍",
       not_measured_en="standard procedures, time limits and notifying applicants of progress need the agency's own "
                       "data and are beyond an external check of the website"),
    IndicatorRules("1.3.1", (
        Criterion("font-control", "首頁提供字級放大功能",
                  "The homepage offers a font size control",
                  Share("homepage.items", ok={"present": (True,)}, where={"key": ("font_size",)}),
                  "≥", 1, 40, must=True, anchor="homepage", checks=("homepage.item-missing[key=font_size]",)),
        Criterion("zoom", "網頁未禁止使用者縮放",
                  "Pages do not stop users from zooming",
                  Count(("a11y.meta-viewport", "a11y.axe.meta-viewport*")),
                  "≤", 0, 30, anchor="a11y"),
        Criterion("relative-fonts", "文字大小使用相對單位、放大時不被截斷（每頁平均問題數）",
                  "Text sizes use relative units and text is not clipped when enlarged (average problems per page)",
                  Count(("a11y.font-size-absolute", "a11y.text-clipped"), per="pages_crawled"),
                  "≤", 0, 30, zero=0.5, anchor="a11y"),
    ), not_measured="無障礙設施、老花眼鏡等臨櫃高齡友善措施，需現場查核",
       not_measured_en="senior-friendly measures at the counter, such as accessible facilities and reading glasses, "
                       "need an on-site inspection"),
)
