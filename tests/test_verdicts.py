"""The verdict table on hand-made summaries: each verdict, each reason for 無法判定, the score formula.

Also that the README prints the same table and formula the code applies."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from checks.finding import Finding
from checks.indicator_rules import RULES, Criterion
from checks.indicators import INDICATORS
from checks.verdict_sources import REASONS, REASONS_EN, Value
from checks.verdicts import FORMULA, credit, judge, rules_markdown

README = Path(__file__).resolve().parent.parent / "README.md"
HOME = "https://www.example.gov.tw/"


def perfect_summary() -> dict:
    """An agency that meets every criterion of every indicator."""
    categories = [{"number": n, "name": f"類別{n}", "status": "found", "evidence": [f"{HOME}art7/{n}"],
                   "reachable": True, "newest_date": "2026-10-01"} for n in range(1, 10)]
    categories.append({"number": 10, "name": "合議制機關會議紀錄", "status": "not-applicable", "evidence": [],
                       "reachable": None, "newest_date": None})
    services = [{"category": key, "name": key, "text": key, "url": f"{HOME}svc/{key}", "works": True, "status": 200}
                for key in ("application", "payment", "pickup_notice", "booking", "case_status")]
    return {
        "pages_crawled": 100, "links_checked": 200, "broken_targets": 0, "stale_pages": 2,
        "reachable": True, "complete": True, "accessibility_pages_audited": 10,
        "disclosure": {
            "zone_url": f"{HOME}zone", "categories": categories,
            "supplements": [{"key": k, "name": k, "found": True, "evidence": [f"{HOME}{k}"]}
                            for k in ("service_measures", "activities", "faq", "publications")],
            "currency": {"budget_current": True, "final_account_recent": True},
        },
        "content": {"update_rule": {"found": True, "url": f"{HOME}rule", "text": "網站資料更新要點"}},
        "search": {"found": True, "engine": "site", "form_url": f"{HOME}search", "paginated": True,
                   "page2_differs": True, "sort_options": ["relevance", "time", "topic"],
                   "queries": [{"q": "服務", "url": f"{HOME}search?q=服務", "results": 40}]},
        "homepage": {"url": HOME, "items": [{"key": key, "name": key, "present": True, "evidence": [f"{HOME}{key}"]}
                                            for key in ("search_box", "sitemap", "font_size", "accessibility_mark")]},
        "online_services": {"items": services, "total": 5, "previous_run": 1, "previous_total": 5, "growth_rate": 0.0,
                            "counts": {"application": 1, "payment": 1, "pickup_notice": 1, "booking": 1,
                                       "case_status": 1, "forms": 0}},
        "e_participation": {
            "channels": [{"type": t, "platform": None, "text": t, "url": f"{HOME}p/{t}", "works": True,
                          "newest_reply": "2026-11-01" if t == "mailbox" else None}
                         for t in ("mailbox", "message_board", "survey", "social")],
            "types_present": ["mailbox", "message_board", "survey", "social"],
        },
    }


def finding(check: str, url: str = HOME, **evidence) -> Finding:
    return Finding(check=check, severity="warning", indicator="2.1.1", url=url, message=check,
                   evidence={"locator": f"{check}:{url}", **evidence})


def verdicts(summary: dict, findings: list[Finding] = (), status: str = "checked") -> dict[str, dict]:
    return {v["id"]: v for v in judge(summary, list(findings), status)["indicators"]}


def criterion(verdict: dict, key: str) -> dict:
    return next(c for c in verdict["criteria"] if c["key"] == key)


# ---------------------------------------------------------------- the table itself


def test_every_indicator_has_rules_whose_weights_sum_to_100():
    assert [r.indicator for r in RULES] == ["2.1.1", "2.1.2", "2.2.1", "2.2.2", "1.1.2", "1.3.1"]
    for rules in RULES:
        assert rules.indicator in INDICATORS
        assert sum(c.weight for c in rules.criteria) == 100, rules.indicator
        assert len({c.key for c in rules.criteria}) == len(rules.criteria)
        for c in rules.criteria:
            assert c.op in ("≥", "≤") and c.text and c.source.describe()


def test_readme_prints_the_table_and_the_formula_the_code_applies():
    readme = README.read_text(encoding="utf-8")
    assert rules_markdown() in readme
    assert FORMULA in readme


def test_the_plan_names_appear_exactly():
    result = verdicts(perfect_summary())
    assert result["2.1.1"]["name"] == "（一）資訊公開適切性與內容有效性"
    assert result["1.3.1"]["name"] == "建構高齡友善洽公環境的有效性"


# ---------------------------------------------------------------- score formula


@pytest.mark.parametrize("op,full,zero,value,expected", [
    ("≥", 1.0, 0.5, 1.0, 1.0),      # at the full threshold
    ("≥", 1.0, 0.5, 0.75, 0.5),     # half way between zero and full
    ("≥", 1.0, 0.5, 0.4, 0.0),      # past the zero threshold
    ("≤", 0.0, 0.05, 0.01, 0.8),    # less is better: 1 % broken links of a 5 % zero
    ("≤", 0.0, 0.05, 0.2, 0.0),
    ("≥", 1, None, 0, 0.0),         # pass/fail
    ("≤", 0, None, 0, 1.0),
])
def test_credit_is_linear_between_the_zero_and_full_thresholds(op, full, zero, value, expected):
    rule = Criterion("k", "t", "t", Value("x"), op, full, 10, zero=zero)
    assert credit(rule, value) == pytest.approx(expected)


def test_all_criteria_met_is_符合_with_100_everywhere():
    for verdict in verdicts(perfect_summary()).values():
        assert (verdict["verdict"], verdict["score"], verdict["coverage"]) == ("符合", 100, 1.0), verdict["id"]
        assert all(c["met"] for c in verdict["criteria"])


def test_score_is_the_weighted_share_of_credit_over_judged_criteria():
    summary = perfect_summary()
    summary["online_services"]["counts"].update(payment=0, pickup_notice=0)  # 2 of 4 kinds: credit 0.5
    summary["online_services"].update(previous_run=None, previous_total=None, growth_rate=None)
    result = verdicts(summary)["2.2.1"]
    # application 25 × 1 + kinds 30 × 0.5 + working 25 × 1, over the judged 80 (growth cannot be judged)
    assert result["score"] == round(100 * (25 + 15 + 25) / 80)
    assert result["coverage"] == 0.8
    assert criterion(result, "kinds")["credit"] == 0.5
    assert criterion(result, "growth")["reason"] == "no-previous-run"
    assert result["verdict"] == "符合"


def test_broken_links_lower_the_score_in_proportion():
    summary = perfect_summary()
    summary["broken_targets"] = 2  # 1 % of 200: credit 0.8 on a weight of 20
    links = criterion(verdicts(summary)["2.1.1"], "links")
    assert links["shown"] == "1%（2/200）" and links["credit"] == pytest.approx(0.8) and links["met"] is False


# ---------------------------------------------------------------- each verdict


def test_a_failed_must_have_keeps_a_high_score_from_符合():
    summary = perfect_summary()
    summary["disclosure"]["zone_url"] = None
    result = verdicts(summary)["2.1.1"]
    assert result["score"] == 90
    assert result["verdict"] == "部分符合"
    assert "設置「主動公開資訊」專區" in result["why"]


def test_a_middling_score_is_部分符合():
    summary = perfect_summary()
    summary["e_participation"]["types_present"] = ["mailbox"]
    summary["e_participation"]["channels"] = summary["e_participation"]["channels"][:1]
    result = verdicts(summary)["2.2.2"]
    assert result["score"] == 70 and result["verdict"] == "部分符合"   # diversity 1 of 4 earns 0 of 30


def test_a_low_score_is_未符合_and_cites_the_findings():
    summary = perfect_summary()
    summary["homepage"]["items"] = [dict(i, present=i["key"] != "font_size") for i in summary["homepage"]["items"]]
    missing = finding("homepage.item-missing", key="font_size")
    other = finding("homepage.item-missing", url=HOME + "x", key="sitemap")
    zoom = finding("a11y.meta-viewport", url=HOME + "page")
    result = verdicts(summary, [missing, other, zoom])["1.3.1"]
    assert result["score"] == 30 and result["verdict"] == "未符合"
    font = criterion(result, "font-control")
    assert font["findings"] == [missing.finding_id]          # only the font-size item, not every missing item
    assert criterion(result, "zoom")["findings"] == [zoom.finding_id]
    assert criterion(result, "zoom")["urls"] == [HOME + "page"]


def test_art7_counts_unreachable_categories_as_not_visible():
    summary = perfect_summary()
    summary["disclosure"]["categories"][6].update(status="missing", evidence=[], reachable=None)
    summary["disclosure"]["categories"][8]["reachable"] = False
    art7 = criterion(verdicts(summary)["2.1.1"], "art7")
    assert art7["shown"] == "7/9" and art7["met"] is False
    assert art7["credit"] == pytest.approx((7 / 9 - 0.5) / 0.5, abs=1e-3)
    assert art7["urls"][0] == f"{HOME}art7/9"   # the failing category's evidence first


# ---------------------------------------------------------------- 無法判定 and its reasons


def test_unreachable_site_is_無法判定_everywhere_with_the_reason_and_its_finding():
    down = Finding(check="site.unreachable", severity="error", indicator="2.1.1", url=HOME, message="down",
                   evidence={"reason": "connection-refused", "error": "connection-refused"})
    summary = {"pages_crawled": 0, "reachable": False, "complete": True, "disclosure": None}
    for verdict in verdicts(summary, [down]).values():
        assert verdict["verdict"] == "無法判定" and verdict["score"] is None and verdict["coverage"] == 0
        assert [r["code"] for r in verdict["reasons"]] == ["site-unreachable"]
        assert "site unreachable" in verdict["why"]
        assert down.finding_id in verdict["criteria"][0]["findings"]


def test_robots_refusing_the_homepage_is_its_own_reason():
    blocked = Finding(check="site.unreachable", severity="error", indicator="2.1.1", url=HOME, message="robots",
                      evidence={"reason": "other", "error": "robots"})
    result = verdicts({"pages_crawled": 0, "reachable": False}, [blocked])
    assert {v["reasons"][0]["code"] for v in result.values()} == {"robots"}


def test_a_failed_crawl_without_summary_is_無法判定():
    result = verdicts({}, [], status="failed")
    assert {(v["verdict"], v["reasons"][0]["code"]) for v in result.values()} == {("無法判定", "crawl-failed")}


def test_budget_turns_a_miss_into_could_not_tell_but_keeps_what_was_found():
    summary = perfect_summary()
    summary["complete"] = False
    summary["disclosure"]["categories"][6].update(status="missing", evidence=[], reachable=None)
    summary["online_services"]["counts"].update(application=0, payment=0, pickup_notice=0, booking=0)
    summary["online_services"].update(previous_run=None, previous_total=None, growth_rate=None)
    cut = Finding(check="crawl.incomplete", severity="info", indicator="2.1.1", url=HOME, message="budget",
                  evidence={"reason": "max-pages"})
    result = verdicts(summary, [cut])
    art7 = criterion(result["2.1.1"], "art7")
    assert (art7["met"], art7["reason"], art7["shown"]) == (None, "budget", "8/9")
    assert cut.finding_id in art7["findings"]
    assert criterion(result["2.1.1"], "zone")["met"] is True       # found is found, budget or not
    assert criterion(result["2.1.1"], "links")["met"] is True      # not an absence criterion
    assert result["2.1.1"]["verdict"] == "部分符合"                 # a must-have could not be judged
    services = result["2.2.1"]                                      # 55 of 100 cannot be judged, growth 20 more
    assert services["verdict"] == "無法判定"
    assert [r["code"] for r in services["reasons"]] == ["budget", "no-previous-run"]
    assert services["coverage"] == 0.25


@pytest.mark.parametrize("reason,code", [("robots", "search-robots"), ("needs-browser", "search-needs-browser"),
                                         ("off-host", "search-off-host")])
def test_search_not_probed_is_not_a_missing_search(reason, code):
    probe = Finding(check="search.not-probed", severity="info", indicator="2.1.2", url=HOME, message="not probed",
                    evidence={"reason": reason})
    result = verdicts(perfect_summary(), [probe])["2.1.2"]
    for key in ("search", "pagination", "sorting"):
        assert criterion(result, key)["reason"] == code
    assert probe.finding_id in criterion(result, "search")["findings"]
    assert result["coverage"] == 0.65 and result["verdict"] == "部分符合"  # the must-have search is unknown


def test_search_handed_to_google_earns_half_and_leaves_order_to_google():
    summary = perfect_summary()
    summary["search"].update(engine="external", paginated=False, sort_options=[])
    result = verdicts(summary)["2.1.2"]
    assert criterion(result, "search")["credit"] == 0.5
    assert criterion(result, "pagination")["reason"] == "search-external"
    assert criterion(result, "sorting")["reason"] == "search-external"


def test_no_search_at_all_fails_search_pagination_and_sorting():
    summary = perfect_summary()
    summary["search"] = {"found": False, "engine": None, "queries": []}
    result = verdicts(summary, [finding("search.missing")])["2.1.2"]
    assert [criterion(result, k)["credit"] for k in ("search", "pagination", "sorting")] == [0, 0, 0]


def test_few_results_cannot_show_pagination():
    summary = perfect_summary()
    summary["search"].update(paginated=False, page2_differs=None)
    assert criterion(verdicts(summary)["2.1.2"], "pagination")["reason"] == "few-results"


def test_browser_phase_not_run_or_broken():
    summary = perfect_summary()
    summary["accessibility_pages_audited"] = 0
    assert criterion(verdicts(summary)["2.1.2"], "a11y-browser")["reason"] == "no-browser"
    error = Finding(check="a11y.browser-error", severity="info", indicator="2.1.2", url=HOME, message="no chromium",
                    evidence={"source": "axe"})
    browser = criterion(verdicts(summary, [error])["2.1.2"], "a11y-browser")
    assert browser["reason"] == "browser-error" and browser["findings"] == [error.finding_id]


def test_axe_findings_count_per_audited_page_only_at_levels_a_and_aa():
    summary = perfect_summary()
    hits = [finding("a11y.axe.image-alt", url=f"{HOME}{n}", level="A", source="axe") for n in range(5)]
    hits.append(finding("a11y.img-alt", url=f"{HOME}merged", level="A", source="static+axe"))
    hits.append(finding("a11y.axe.color-contrast-enhanced", level="AAA", source="axe"))
    browser = criterion(verdicts(summary, hits)["2.1.2"], "a11y-browser")
    assert browser["value"] == pytest.approx(6 / 10) and browser["credit"] == pytest.approx(0.4)


def test_growth_needs_a_previous_run_with_items():
    summary = perfect_summary()
    summary["online_services"].update(previous_run=3, previous_total=0, growth_rate=None)
    assert criterion(verdicts(summary)["2.2.1"], "growth")["reason"] == "no-previous-items"
    summary["online_services"].update(previous_total=10, growth_rate=-10.0)
    growth = criterion(verdicts(summary)["2.2.1"], "growth")
    assert growth["credit"] == 0.5 and growth["shown"] == "-10%（與前次檢核比較，尚無上年度執行：10 → 5）"


def test_growth_is_year_over_year_once_last_year_is_stored():
    summary = perfect_summary()
    summary["online_services"].update(previous_total=10, growth_rate=-50.0, year_over_year={
        "year": 2025, "roc_year": 114, "run": 2, "total": 4, "growth_rate": 25.0})
    growth = criterion(verdicts(summary)["2.2.1"], "growth")
    assert growth["met"] and growth["credit"] == 1 and growth["shown"] == "+25%（114年 → 本年度：4 → 5）"


def test_replies_without_dates_cannot_show_interaction():
    summary = perfect_summary()
    for channel in summary["e_participation"]["channels"]:
        channel["newest_reply"] = None
    assert criterion(verdicts(summary)["2.2.2"], "replies")["reason"] == "no-reply-dates"


def test_a_crashed_summary_is_summary_missing_not_a_failure():
    summary = perfect_summary()
    summary["disclosure"] = None
    result = verdicts(summary)
    assert criterion(result["2.1.1"], "art7")["reason"] == "summary-missing"
    assert criterion(result["1.1.2"], "contact")["reason"] == "summary-missing"
    assert result["2.1.1"]["verdict"] == "無法判定"   # only 45 of 100 judged
    assert result["2.1.1"]["reasons"][0] == {"code": "summary-missing", "text": REASONS["summary-missing"],
                                             "text_en": REASONS_EN["summary-missing"], "weight": 55}


def test_every_reason_code_used_has_a_text():
    summary = copy.deepcopy(perfect_summary())
    summary["complete"] = False
    summary["accessibility_pages_audited"] = 0
    for verdict in verdicts(summary).values():
        for c in verdict["criteria"]:
            assert c["reason"] is None or c["reason_text"] == REASONS[c["reason"]]
            assert c["reason"] is None or c["reason_text_en"] == REASONS_EN[c["reason"]]


# ---------------------------------------------------------------- English

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_every_criterion_reason_and_note_reads_in_english():
    for rules in RULES:
        assert not CJK.search(rules.not_measured_en) and bool(rules.not_measured_en) == bool(rules.not_measured)
        for c in rules.criteria:
            assert c.text_en and not CJK.search(c.text_en), c.key
    assert set(REASONS_EN) == set(REASONS)
    assert all(text and not CJK.search(text) for text in REASONS_EN.values())


def test_a_criterion_cannot_be_written_without_english():
    with pytest.raises(TypeError):
        Criterion("k", "中文", Value("x"), "≥", 1, 10)  # type: ignore[call-arg]


def degraded_summary() -> dict:
    """Each kind of reading: ratios, counts per page, search handed away, growth, a partial crawl, no browser."""
    summary = perfect_summary()
    summary.update(broken_targets=5, complete=False, accessibility_pages_audited=0)
    summary["search"]["engine"] = "external"
    summary["online_services"]["year_over_year"] = {"growth_rate": -10.0, "roc_year": 114, "total": 6}
    summary["homepage"]["items"][-1]["present"] = False
    summary["e_participation"]["types_present"] = ["survey"]
    return summary


@pytest.mark.parametrize("summary, status", [(perfect_summary(), "checked"), (degraded_summary(), "checked"),
                                             ({"pages_crawled": 0, "reachable": False}, "failed")])
def test_every_computed_sentence_has_an_english_twin(summary, status):
    findings = [finding("link.broken"), finding("a11y.img-alt", level="A", source="static"),
                finding("content.source-missing")]
    for verdict in verdicts(summary, findings, status).values():
        assert verdict["why_en"] and not CJK.search(verdict["why_en"]), verdict["why_en"]
        assert not CJK.search(verdict["not_measured_en"])
        for reason in verdict["reasons"]:
            assert reason["text_en"] == REASONS_EN[reason["code"]]
        for c in verdict["criteria"]:
            for field in ("text_en", "threshold_en", "shown_en"):
                assert c[field] and not CJK.search(c[field]), (c["key"], field, c[field])
            assert (c["reason_text_en"] is None) == (c["reason_text"] is None)


def test_english_values_say_what_the_chinese_says():
    result = verdicts(degraded_summary(), [finding("a11y.img-alt", level="A", source="static")])
    links = criterion(result["2.1.1"], "links")
    assert (links["shown"], links["shown_en"]) == ("2.5%（5/200）", "2.5% (5/200)")
    assert (links["threshold"], links["threshold_en"]) == ("≤ 0%（≥ 5% 得 0 分）", "≤ 0% (0 points at ≥ 5%)")
    static = criterion(result["2.1.2"], "a11y-static")
    assert static["shown_en"] == "0.01 per page (1 on 100 pages)"
    assert static["threshold_en"] == "≤ 0 per page (0 points at ≥ 1 per page)"
    assert criterion(result["2.1.1"], "zone")["threshold_en"] == "must be present"
    assert criterion(result["2.2.2"], "diversity")["shown_en"] == "1/7 (opinion survey)"
    assert criterion(result["2.2.1"], "growth")["shown_en"] == "-10% (ROC year 114 → this year: 6 → 5)"
    assert result["2.1.1"]["why_en"].startswith(f"Score {result['2.1.1']['score']}")
