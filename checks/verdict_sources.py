"""Where a verdict criterion's number comes from: a path into the agency's summary, a count of findings, a share.

Each source reads one value from the stored summary and findings, or says why it cannot (a key of REASONS)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from checks.finding import Finding

# Why a criterion could not be judged, in Chinese and English; the verdict table, the README and the reports
# print these texts. One row holds both so that a new reason cannot lack its English.
_REASON_TEXTS: dict[str, tuple[str, str]] = {
    "site-unreachable": ("網站無法連線（site unreachable），未取得任何頁面",
                         "the site could not be reached; no page was fetched"),
    "robots": ("robots.txt 禁止爬取此網站，未取得任何頁面", "robots.txt forbids crawling the site; no page was fetched"),
    "crawl-failed": ("爬取或檢核失敗，無檢核結果", "the crawl or the checks failed; there are no results"),
    "no-pages": ("未取得任何頁面", "no page was fetched"),
    "summary-missing": ("此項檢核程式未產生結果（見「檢核程式錯誤」）",
                        "the check behind this criterion produced no result (see \"check errors\")"),
    "budget": ("爬取於頁數或時間上限前結束，相關頁面可能未被看見",
               "the crawl stopped at its page or time limit, so the pages concerned may not have been seen"),
    "search-robots": ("robots.txt 禁止存取搜尋頁，未實際測試搜尋",
                      "robots.txt forbids the search page; the search was not tried"),
    "search-needs-browser": ("搜尋框需以瀏覽器執行，本次未實際測試搜尋",
                             "the search box needs a browser; the search was not tried in this run"),
    "search-off-host": ("搜尋表單送往其他網站，未實際測試搜尋",
                        "the search form submits to another site; the search was not tried"),
    "search-external": ("搜尋交由外部搜尋引擎，分頁與排序非本站控制",
                        "search is handed to an external engine; paging and ordering are not the site's"),
    "few-results": ("測試查詢的結果筆數不多，無從判斷是否分頁",
                    "the test queries returned too few results to show whether results are paged"),
    "no-results": ("測試查詢皆無結果，無從判斷排序方式",
                   "the test queries returned no results, so the ordering cannot be seen"),
    "no-browser": ("未執行瀏覽器（axe-core）檢測", "the browser (axe-core) audit was not run"),
    "browser-error": ("瀏覽器無法啟動或檢測失敗，未取得 axe-core 結果",
                      "the browser did not start or the audit failed; no axe-core result"),
    "no-previous-run": ("沒有前次檢核結果，無法計算成長率", "no earlier run to compute the growth rate from"),
    "no-previous-items": ("前次線上服務項目數為 0，無法計算成長率",
                          "the earlier run counted 0 online services, so there is no growth rate"),
    "no-reply-dates": ("電子參與管道未公開回覆日期，無法判斷互動頻率",
                       "the e-participation channels publish no reply dates, so interaction cannot be judged"),
    "nothing-to-test": ("沒有可檢測的項目", "nothing to test"),
}
REASONS: dict[str, str] = {code: texts[0] for code, texts in _REASON_TEXTS.items()}
REASONS_EN: dict[str, str] = {code: texts[1] for code, texts in _REASON_TEXTS.items()}

# The finding that says why, cited as the evidence of a criterion that could not be judged.
REASON_FINDINGS: dict[str, str] = {
    "site-unreachable": "site.unreachable",
    "robots": "site.unreachable",
    "budget": "crawl.incomplete",
    "summary-missing": "internal.check-error",
}

_MAX_URLS = 3


@dataclass(frozen=True, slots=True)
class Reading:
    """One criterion's value, how an evaluator reads it (in Chinese and English), and where to look;
    value None means "could not tell"."""

    value: float | None
    shown: str = ""
    shown_en: str = ""
    reason: str | None = None
    urls: tuple[str, ...] = ()


def unknown(reason: str) -> Reading:
    return Reading(None, "—", "—", reason)


def plain(value: float, shown: str, urls: tuple[str, ...] = ()) -> Reading:
    """A reading whose display has no words (5/8, 40%), the same in both languages."""
    return Reading(value, shown, shown, urls=urls)


@dataclass(slots=True)
class Facts:
    """An agency's summary and findings as the sources read them."""

    summary: dict
    findings: list[Finding]
    by_check: dict[str, list[Finding]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_check = {}
        for finding in self.findings:
            self.by_check.setdefault(finding.check, []).append(finding)

    def get(self, path: str) -> Any:
        value: Any = self.summary
        for part in path.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(part)
        return value

    def matching(self, patterns: Iterable[str], exclude: Iterable[str] = ()) -> list[Finding]:
        """Findings whose check id matches a pattern ("link.broken", "a11y.*") and no exclusion."""
        patterns, exclude = tuple(patterns), tuple(exclude)
        found = []
        for check, findings in self.by_check.items():
            if any(fnmatchcase(check, p) for p in patterns) and not any(fnmatchcase(check, p) for p in exclude):
                found.extend(findings)
        return found


def _section(path: str) -> str | None:
    """The summary part a path needs; None for top-level numbers that exist whenever pages were crawled."""
    head, _, rest = path.partition(".")
    return head if rest else None


def _urls(values: Iterable[Any]) -> tuple[str, ...]:
    urls = []
    for value in values:
        for url in (value if isinstance(value, (list, tuple)) else [value]):
            if isinstance(url, str) and url.startswith(("http://", "https://")) and url not in urls:
                urls.append(url)
    return tuple(urls[:_MAX_URLS])


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def _literal(value: Any) -> str:
    """A condition's value as the summary's JSON writes it (true, null, 3, found)."""
    return value if isinstance(value, str) else json.dumps(value)


def _matches(item: dict, conditions: dict[str, tuple]) -> bool:
    return all(item.get(key) in allowed for key, allowed in conditions.items())


@dataclass(frozen=True, slots=True)
class _AtPath:
    """A source reading one place in the summary; it needs that part of the summary to exist."""

    path: str

    @property
    def section(self) -> str | None:
        return _section(self.path)


@dataclass(frozen=True, slots=True)
class Value(_AtPath):
    """A value in the summary: a number as is, a truthy value (a URL, True) as 1, a falsy one as 0."""

    url_path: str | None = None

    unit = "flag"

    def describe(self) -> str:
        return f"summary.{self.path}"

    def read(self, facts: Facts) -> Reading:
        value = facts.get(self.path)
        urls = _urls([facts.get(self.url_path) if self.url_path else value])
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return plain(float(value), f"{value:g}", urls)
        return Reading(1.0 if value else 0.0, "有" if value else "無", "yes" if value else "no", urls=urls)


@dataclass(frozen=True, slots=True)
class Flags:
    """The share of true flags among those known (None flags are not known)."""

    paths: tuple[str, ...]

    unit = "ratio"

    @property
    def section(self) -> str | None:
        return _section(self.paths[0])

    def describe(self) -> str:
        return "、".join(f"summary.{p}" for p in self.paths)

    def read(self, facts: Facts) -> Reading:
        known = [bool(v) for v in (facts.get(p) for p in self.paths) if v is not None]
        if not known:
            return unknown("nothing-to-test")
        return plain(sum(known) / len(known), f"{sum(known)}/{len(known)}")


@dataclass(frozen=True, slots=True)
class Share(_AtPath):
    """The share of a summary list's items that are ok, among those not skipped (and within `where`)."""

    ok: dict[str, tuple]
    skip: dict[str, tuple] = field(default_factory=dict)
    where: dict[str, tuple] = field(default_factory=dict)

    unit = "ratio"

    def describe(self) -> str:
        def conditions(parts: dict[str, tuple]) -> str:
            return " 且 ".join(f"{k}∈{{{', '.join(_literal(v) for v in vs)}}}" for k, vs in parts.items())
        text = f"summary.{self.path}"
        if self.where:
            text += f"（{conditions(self.where)}）"
        text += f" 中 {conditions(self.ok)} 之比例"
        if self.skip:
            text += f"，不計 {conditions(self.skip)}"
        return text

    def read(self, facts: Facts) -> Reading:
        items = [item for item in facts.get(self.path) or [] if isinstance(item, dict)
                 and _matches(item, self.where) and not (self.skip and _matches(item, self.skip))]
        if not items:
            return unknown("nothing-to-test")
        good = [item for item in items if _matches(item, self.ok)]
        bad = [item for item in items if not _matches(item, self.ok)]
        # Evidence points at what failed first; when nothing failed, at what was found.
        urls = _urls(item.get("url") or item.get("evidence") for item in (bad or good))
        return plain(len(good) / len(items), f"{len(good)}/{len(items)}", urls)


@dataclass(frozen=True, slots=True)
class Members(_AtPath):
    """How many of the named kinds are present in a summary list (membership) or dict (count > 0);
    `names` is the vocabulary (checks/vocab/<names>.json) whose entry names the report shows."""

    among: tuple[str, ...]
    names: str = ""

    unit = "count"

    def describe(self) -> str:
        return f"summary.{self.path} 含 {', '.join(self.among)} 中幾類"

    def read(self, facts: Facts) -> Reading:
        container = facts.get(self.path) or []
        if isinstance(container, dict):
            present = [key for key in self.among if (container.get(key) or 0) > 0]
        else:
            present = [key for key in self.among if key in container]
        labels = _kind_names(self.names) if self.names else {}
        shown = "、".join(labels.get(key, key) for key in present) or "無"
        shown_en = ", ".join(KIND_NAMES_EN.get(key, key) for key in present) or "none"
        return Reading(float(len(present)), f"{len(present)}/{len(self.among)}（{shown}）",
                       f"{len(present)}/{len(self.among)} ({shown_en})")


# English names of the service and e-participation kinds (checks/vocab/services.json, participation.json),
# for English reports; the vocabularies themselves name the kinds as Taiwanese sites label them.
KIND_NAMES_EN = {
    "application": "online applications", "payment": "online payment", "pickup_notice": "pick-up notices",
    "booking": "bookings", "case_status": "case status lookup", "forms": "form downloads",
    "mailbox": "mayor's mailbox", "message_board": "message board", "forum": "forum", "e_voting": "online voting",
    "survey": "opinion survey", "join_platform": "public policy participation platform", "social": "social media",
}


@functools.cache
def _kind_names(vocabulary_name: str) -> dict[str, str]:
    """Entry key → name; a key several entries share (social: Facebook, YouTube …) reads as 社群媒體."""
    from checks.linkvocab import vocabulary

    names: dict[str, list[str]] = {}
    for entry in vocabulary(vocabulary_name).entries:
        names.setdefault(entry.key, []).append(entry.name)
    return {key: values[0] if len(values) == 1 else "社群媒體" for key, values in names.items()}


@dataclass(frozen=True, slots=True)
class Ratio:
    """One summary number over another (broken link targets over link targets checked)."""

    numerator: str
    denominator: str

    unit = "ratio"
    section = None

    def describe(self) -> str:
        return f"summary.{self.numerator} ÷ summary.{self.denominator}"

    def read(self, facts: Facts) -> Reading:
        top, bottom = facts.get(self.numerator) or 0, facts.get(self.denominator) or 0
        if not bottom:
            return unknown("nothing-to-test")
        return Reading(top / bottom, f"{_percent(top / bottom)}（{top}/{bottom}）",
                       f"{_percent(top / bottom)} ({top}/{bottom})")


@dataclass(frozen=True, slots=True)
class Count:
    """Findings by check id (patterns such as "a11y.*"), optionally only some levels or engines, or per page."""

    checks: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()          # evidence.level, e.g. ("A", "AA")
    engine: str | None = None             # evidence.source must name it, e.g. "axe"
    per: str | None = None                # a summary number to divide by, e.g. "pages_crawled"

    section = None

    @property
    def unit(self) -> str:
        return "per-page" if self.per else "count"

    def describe(self) -> str:
        text = "發現數：" + "、".join(self.checks)
        if self.exclude:
            text += "（不含 " + "、".join(self.exclude) + "）"
        if self.levels:
            text += f"，等級 {'/'.join(self.levels)}"
        if self.engine:
            text += f"，來源含 {self.engine}"
        if self.per:
            text += f" ÷ summary.{self.per}"
        return text

    def selected(self, facts: Facts) -> list[Finding]:
        found = facts.matching(self.checks, self.exclude)
        if self.levels:
            found = [f for f in found if f.evidence.get("level") in self.levels]
        if self.engine:
            found = [f for f in found if self.engine in str(f.evidence.get("source", "")).split("+")]
        return found

    def read(self, facts: Facts) -> Reading:
        if self.engine == "axe":
            audited = facts.summary.get("accessibility_pages_audited") or 0
            if not audited:
                return unknown("browser-error" if facts.by_check.get("a11y.browser-error") else "no-browser")
        found = self.selected(facts)
        urls = _urls(f.url for f in found)
        if not self.per:
            return Reading(float(len(found)), f"{len(found)} 個", f"{len(found)} findings", urls=urls)
        pages = facts.summary.get(self.per) or 0
        if not pages:
            return unknown("nothing-to-test")
        return Reading(len(found) / pages, f"每頁 {len(found) / pages:.2f} 個（{len(found)} 個／{pages} 頁）",
                       f"{len(found) / pages:.2f} per page ({len(found)} on {pages} pages)", urls=urls)


@dataclass(frozen=True, slots=True)
class Search:
    """The site search as probed: usable (1 site search answering, 0.5 handed to Google, 0 none or broken),
    paginated (page 2 differs from page 1), sorted (share of 相似程度 / 時間 / 主題 orders)."""

    aspect: str

    section = "search"

    @property
    def unit(self) -> str:
        return "ratio" if self.aspect == "sorted" else "flag"

    def describe(self) -> str:
        return {"usable": "summary.search.found/engine，及 search.missing / search.broken / search.not-probed",
                "paginated": "summary.search.paginated、page2_differs，及 search.no-pagination",
                "sorted": "summary.search.sort_options 含 relevance、time、topic 之比例"}[self.aspect]

    def read(self, facts: Facts) -> Reading:
        search = facts.get("search") or {}
        form = _urls([search.get("form_url")])
        not_probed = facts.by_check.get("search.not-probed")
        if not_probed:
            return unknown(f"search-{not_probed[0].evidence.get('reason', 'robots')}")
        failed = [f for f in facts.by_check.get("search.broken", []) if f.severity == "error"]
        if not search.get("found") or facts.by_check.get("search.missing"):
            return Reading(0.0, "無站內搜尋", "no site search", urls=_urls(f.url for f in failed) or form)
        if self.aspect == "usable":
            if failed:
                return Reading(0.0, "搜尋失敗", "search failed", urls=_urls(f.url for f in failed))
            if search.get("engine") == "external":
                return Reading(0.5, "交由外部搜尋引擎", "handed to an external search engine", urls=form)
            return Reading(1.0, "站內搜尋可用", "site search works", urls=form)
        if search.get("engine") == "external":
            return unknown("search-external")
        queries = search.get("queries") or []
        urls = _urls(q.get("url") for q in queries)
        if self.aspect == "paginated":
            if search.get("paginated") and search.get("page2_differs") is not False:
                return Reading(1.0, "有分頁", "paged", urls=urls)
            if facts.by_check.get("search.no-pagination"):
                return Reading(0.0, "無分頁", "not paged",
                               urls=_urls(f.url for f in facts.by_check["search.no-pagination"]))
            return unknown("few-results")
        if not any(q.get("results") for q in queries):
            return unknown("no-results")
        from checks.search import SORT_KEYS, SORT_NAMES

        orders = [key for key in SORT_KEYS if key in (search.get("sort_options") or [])]
        shown = "、".join(SORT_NAMES[key] for key in orders) or "無"
        # The sort keys are English words already (relevance, time, topic).
        return Reading(len(orders) / len(SORT_KEYS), f"{len(orders)}/{len(SORT_KEYS)}（{shown}）",
                       f"{len(orders)}/{len(SORT_KEYS)} ({', '.join(orders) or 'none'})", urls=urls)


@dataclass(frozen=True, slots=True)
class Mark:
    """The 無障礙標章 on the homepage: 1 present and valid, 0.5 present but expired or above what the checks
    support, 0 absent."""

    problems: tuple[str, ...] = ("tw.mark-expired", "tw.mark-level-unsupported")

    unit = "flag"
    section = "homepage"

    def describe(self) -> str:
        return "summary.homepage.items（accessibility_mark），及 " + "、".join(self.problems)

    def read(self, facts: Facts) -> Reading:
        item = next((i for i in facts.get("homepage.items") or [] if i.get("key") == "accessibility_mark"), None)
        if item is None:
            return unknown("nothing-to-test")
        if not item.get("present"):
            return Reading(0.0, "無標章", "no mark")
        troubles = facts.matching(self.problems)
        if troubles:
            checks = sorted({f.check for f in troubles})
            return Reading(0.5, "有標章但" + "、".join(checks), "mark present but " + ", ".join(checks),
                           urls=_urls(f.url for f in troubles))
        return Reading(1.0, "有效標章", "valid mark", urls=_urls(item.get("evidence") or []))


@dataclass(frozen=True, slots=True)
class Growth:
    """The plan's 線上服務項目數成長率, in percent: 本年度 against 上年度 (the agency's last run of the previous
    year) as the plan defines it; until the store holds a run from last year, against the previous run."""

    unit = "percent"
    section = "online_services"

    def describe(self) -> str:
        return ("summary.online_services.year_over_year.growth_rate（(本年度 − 上年度) ÷ 上年度 × 100%）；"
                "尚無上年度執行時用 growth_rate（與前次檢核比較）")

    def read(self, facts: Facts) -> Reading:
        services = facts.get("online_services") or {}
        yearly = services.get("year_over_year")
        if yearly:
            rate, before = yearly.get("growth_rate"), yearly.get("total")
            zh, en = f"{yearly.get('roc_year')}年 → 本年度", f"ROC year {yearly.get('roc_year')} → this year"
        elif services.get("previous_run") is None and services.get("previous_total") is None:
            return unknown("no-previous-run")
        else:
            rate, before = services.get("growth_rate"), services.get("previous_total")
            zh, en = "與前次檢核比較，尚無上年度執行", "against the previous run, no run from last year yet"
        if rate is None:
            return unknown("no-previous-items")
        now = services.get("total")
        return Reading(float(rate), f"{rate:+g}%（{zh}：{before} → {now}）", f"{rate:+g}% ({en}: {before} → {now})")


@dataclass(frozen=True, slots=True)
class ReplyActivity:
    """Among e-participation channels that publish reply dates, the share with a reply within the limit
    (participation.inactive marks the others)."""

    unit = "ratio"
    section = "e_participation"

    def describe(self) -> str:
        return "summary.e_participation.channels（有 newest_reply 者），扣除 participation.inactive"

    def read(self, facts: Facts) -> Reading:
        dated = [c for c in facts.get("e_participation.channels") or [] if c.get("newest_reply")]
        if not dated:
            return unknown("no-reply-dates")
        inactive = facts.by_check.get("participation.inactive", [])
        stale = {f.target for f in inactive}
        active = [c for c in dated if c.get("url") not in stale]
        urls = _urls([f.url for f in inactive] or [c.get("url") for c in dated])
        return plain(len(active) / len(dated), f"{len(active)}/{len(dated)}", urls)


Source = Value | Flags | Share | Members | Ratio | Count | Search | Mark | Growth | ReplyActivity
