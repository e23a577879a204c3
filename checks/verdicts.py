"""Indicator verdicts: the rows of checks/indicator_rules.py applied to one agency's summary and findings.

Each indicator gets 符合 / 部分符合 / 未符合 / 無法判定, a 0-100 score, its criteria's values and the findings cited;
every sentence is stored in Chinese and, in the *_en fields, in English, so either report re-renders from the store."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from checks.finding import Finding
from checks.indicator_rules import RULES, RULES_VERSION, Criterion, IndicatorRules
from checks.indicators import INDICATORS
from checks.verdict_sources import REASON_FINDINGS, REASONS, REASONS_EN, Count, Facts, unknown

MET, PARTIAL, NOT_MET, UNKNOWN = "符合", "部分符合", "未符合", "無法判定"
PASS_SCORE = 80      # 符合 needs at least this score and every 必要 criterion met
FAIL_SCORE = 50      # below this score: 未符合
MIN_COVERAGE = 0.5   # below this share of the weight judged: 無法判定
MAX_CITED = 20       # finding ids cited per criterion; the total is given beside them

FORMULA = (
    "每項準則的得分（credit）介於 0 與 1：達到滿分門檻得 1；有「0 分門檻」者，介於兩門檻之間依線性比例給分，"
    "超過 0 分門檻得 0；無「0 分門檻」者未達即 0。"
    "指標分數 = 100 × Σ(權重 × 得分) ÷ Σ(權重)，只計可判定的準則，四捨五入為整數。"
    f"可判定準則的權重合計未達總權重 {MIN_COVERAGE:.0%} 時，指標為「{UNKNOWN}」並列出原因"
    "（無法判定的準則不算未達）；否則分數 ≥ "
    f"{PASS_SCORE} 且所有必要準則均已判定並達成者為「{MET}」，分數 < {FAIL_SCORE} 者為「{NOT_MET}」，"
    f"其餘為「{PARTIAL}」。網站的一部分未爬取（頁數或時間上限）時，「找不到」類的準則（表中「缺漏需全站」）"
    "若未達成則改為無法判定，因為相關頁面可能未被看見。"
)


@dataclass(slots=True)
class CriterionResult:
    key: str
    text: str
    text_en: str
    source: str
    threshold: str
    threshold_en: str
    weight: int
    must: bool
    value: float | None
    shown: str
    shown_en: str
    credit: float | None          # None: could not be judged
    met: bool | None
    reason: str | None = None     # a key of REASONS when credit is None
    reason_text: str | None = None
    reason_text_en: str | None = None
    anchor: str = ""
    findings: list[str] = field(default_factory=list)
    findings_total: int = 0
    urls: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IndicatorVerdict:
    id: str
    name: str
    verdict: str
    score: int | None
    coverage: float
    why: str
    why_en: str
    reasons: list[dict]
    criteria: list[CriterionResult]
    not_measured: str = ""
    not_measured_en: str = ""


# ---------------------------------------------------------------- scoring


def credit(criterion: Criterion, value: float) -> float:
    """1 at or past `full`, 0 at or past `zero` (or anywhere short of `full` without one), linear between."""
    gain = value - criterion.full if criterion.op == "≥" else criterion.full - value
    if gain >= 0:
        return 1.0
    if criterion.zero is None:
        return 0.0
    return max(0.0, 1.0 - abs(gain) / abs(criterion.full - criterion.zero))


def _round(score: float) -> int:
    return math.floor(score + 0.5)  # 四捨五入, not Python's round-half-to-even


def agency_reason(summary: dict, findings: list[Finding], status: str) -> str | None:
    """Why nothing about this agency can be judged, or None when the crawl saw pages."""
    unreachable = [f for f in findings if f.check == "site.unreachable"]
    if unreachable:
        return "robots" if unreachable[0].evidence.get("error") == "robots" else "site-unreachable"
    if status == "failed":
        return "crawl-failed"
    if summary.get("reachable") is False:
        return "site-unreachable"
    if not summary.get("pages_crawled"):
        return "no-pages"
    return None


def _cited(criterion: Criterion, facts: Facts) -> list[Finding]:
    cited: dict[str, Finding] = {}
    if isinstance(criterion.source, Count):
        cited.update((f.finding_id, f) for f in criterion.source.selected(facts))
    for spec in criterion.checks:
        check, _, condition = spec.rstrip("]").partition("[")
        key, _, wanted = condition.partition("=")
        for finding in facts.by_check.get(check, []):
            if not key or str(finding.evidence.get(key)) == wanted:
                cited.setdefault(finding.finding_id, finding)
    return list(cited.values())


def judge_criterion(criterion: Criterion, facts: Facts, blocked: str | None) -> CriterionResult:
    source = criterion.source
    if blocked:
        reading = unknown(blocked)
    elif source.section and facts.get(source.section) is None:
        reading = unknown("summary-missing")
    else:
        reading = source.read(facts)
    score = None if reading.value is None else credit(criterion, reading.value)
    reason = reading.reason
    if score is not None and score < 1 and criterion.absence and facts.summary.get("complete") is False:
        score, reason = None, "budget"
    cited = [] if blocked else _cited(criterion, facts)
    if score is None and reason in REASON_FINDINGS:
        cited = facts.by_check.get(REASON_FINDINGS[reason], []) + cited
    urls = list(reading.urls) or [u for f in cited for u in (f.target, f.url)
                                  if u and u.startswith(("http://", "https://"))][:3]
    unjudged = score is None
    return CriterionResult(
        key=criterion.key, text=criterion.text, text_en=criterion.text_en, source=source.describe(),
        threshold=threshold_text(criterion), threshold_en=threshold_text(criterion, en=True),
        weight=criterion.weight, must=criterion.must, value=reading.value, shown=reading.shown,
        shown_en=reading.shown_en, credit=None if unjudged else round(score, 3), met=None if unjudged else score >= 1,
        reason=reason if unjudged else None, reason_text=REASONS.get(reason) if unjudged else None,
        reason_text_en=REASONS_EN.get(reason) if unjudged else None,
        anchor=criterion.anchor, findings=[f.finding_id for f in cited[:MAX_CITED]], findings_total=len(cited),
        urls=list(dict.fromkeys(urls))[:3])


def judge_indicator(rules: IndicatorRules, facts: Facts, blocked: str | None) -> IndicatorVerdict:
    results = [judge_criterion(c, facts, blocked) for c in rules.criteria]
    total = sum(r.weight for r in results)
    judged = [r for r in results if r.credit is not None]
    judged_weight = sum(r.weight for r in judged)
    coverage = judged_weight / total if total else 0.0
    reasons = _reasons(results)
    indicator = INDICATORS[rules.indicator]
    if coverage < MIN_COVERAGE:
        return IndicatorVerdict(
            rules.indicator, indicator.name, UNKNOWN, None, round(coverage, 3),
            f"可判定的準則權重僅 {coverage:.0%}（未達 {MIN_COVERAGE:.0%}）：{'；'.join(r['text'] for r in reasons)}",
            f"Only {coverage:.0%} of the weight could be judged (less than {MIN_COVERAGE:.0%}): "
            f"{'; '.join(r['text_en'] for r in reasons)}",
            reasons, results, rules.not_measured, rules.not_measured_en)
    score = _round(100 * sum(r.weight * r.credit for r in judged) / judged_weight)
    must_missed = [r for r in results if r.must and r.met is not True]
    verdict, why, why_en = _verdict(score, must_missed)
    if reasons:
        why += f"（可判定權重 {coverage:.0%}）"
        why_en += f" ({coverage:.0%} of the weight judged)"
    return IndicatorVerdict(rules.indicator, indicator.name, verdict, score, round(coverage, 3), why, why_en, reasons,
                            results, rules.not_measured, rules.not_measured_en)


def _verdict(score: int, must_missed: list[CriterionResult]) -> tuple[str, str, str]:
    """The verdict for a judged score and why, in Chinese and in English."""
    if score >= PASS_SCORE and not must_missed:
        return MET, f"得分 {score} ≥ {PASS_SCORE}，必要準則均達成", f"Score {score} ≥ {PASS_SCORE}, every required criterion met"
    if score < FAIL_SCORE:
        return NOT_MET, f"得分 {score} < {FAIL_SCORE}", f"Score {score} < {FAIL_SCORE}"
    if must_missed:
        return (PARTIAL, f"得分 {score}；必要準則未達成或無法判定：{'、'.join(r.text for r in must_missed)}",
                f"Score {score}; required criteria not met or not judged: {'; '.join(r.text_en for r in must_missed)}")
    return (PARTIAL, f"得分 {score}，介於 {FAIL_SCORE} 與 {PASS_SCORE} 之間",
            f"Score {score}, between {FAIL_SCORE} and {PASS_SCORE}")


def _reasons(results: list[CriterionResult]) -> list[dict]:
    """Distinct reasons for the criteria that could not be judged, the heaviest first."""
    weights: dict[str, int] = {}
    for result in results:
        if result.credit is None and result.reason:
            weights[result.reason] = weights.get(result.reason, 0) + result.weight
    return [{"code": code, "text": REASONS.get(code, code), "text_en": REASONS_EN.get(code, code), "weight": weight}
            for code, weight in sorted(weights.items(), key=lambda item: -item[1])]


def judge(summary: dict, findings: list[Finding], status: str = "checked") -> dict:
    """All indicators for one agency, JSON-ready; stored as summary["verdicts"]."""
    facts = Facts(summary or {}, findings)
    blocked = agency_reason(summary or {}, findings, status)
    return {"rules_version": RULES_VERSION,
            "indicators": [asdict(judge_indicator(rules, facts, blocked)) for rules in RULES]}


# ---------------------------------------------------------------- how the table reads


def _number(value: float, unit: str, en: bool = False) -> str:
    if unit == "ratio":
        return f"{value * 100:g}%"
    if unit == "percent":
        return f"{value:g}%".replace("-", "−")
    if unit == "per-page":
        return f"{value:g} per page" if en else f"{value:g} 個/頁"
    return f"{value:g}"


def threshold_text(criterion: Criterion, en: bool = False) -> str:
    """The met threshold and, with partial credit, where credit reaches 0; in English when `en`."""
    unit = criterion.source.unit
    if unit == "flag" and criterion.zero is None:
        return "must be present" if en else "須具備"
    full = f"{criterion.op} {_number(criterion.full, unit, en)}"
    if criterion.zero is None:
        return full
    worse = "≤" if criterion.op == "≥" else "≥"
    zero = f"{worse} {_number(criterion.zero, unit, en)}"
    return f"{full} (0 points at {zero})" if en else f"{full}（{zero} 得 0 分）"


def rules_markdown() -> str:
    """The README's table, generated from RULES so the two cannot disagree."""
    lines = ["| 指標 | 準則 | 數值來源 | 滿分門檻（0 分門檻） | 權重 | 必要 | 缺漏需全站 |",
             "|---|---|---|---|---|---|---|"]
    notes = []
    for rules in RULES:
        indicator = INDICATORS[rules.indicator]
        for number, criterion in enumerate(rules.criteria):
            label = f"{indicator.id} {indicator.name}" if number == 0 else ""
            source = criterion.source.describe().replace("|", "\\|")
            flags = f"{'必要' if criterion.must else ''} | {'是' if criterion.absence else ''}"
            lines.append(f"| {label} | {criterion.text} | {source} | {threshold_text(criterion)} | "
                         f"{criterion.weight} | {flags} |")
        if rules.not_measured:
            notes.append(f"- {indicator.id} {indicator.name}：{rules.not_measured}。")
    reasons = [f"- `{code}`：{text}" for code, text in REASONS.items()]
    return "\n".join(lines + ["", "不在外部檢核範圍：", *notes, "", "無法判定的原因：", *reasons]) + "\n"


if __name__ == "__main__":
    print(rules_markdown(), end="")
