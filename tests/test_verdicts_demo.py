"""Verdicts on the demo audit: each criterion's value is what the demo sites' planted truth implies.

The dead agency is 無法判定 because its site is unreachable; the report and the index show the verdicts."""

from __future__ import annotations

from datetime import date

import pytest

from checks.indicators import INDICATORS
from checks.indicator_rules import RULES
from crawler.store import Store


@pytest.fixture(params=("demo", "demo2"))
def agency(request, demo_audit):
    """(verdicts by indicator id, findings.json, truth) of each demo agency."""
    data = demo_audit.findings_json(request.param)
    verdicts = {v["id"]: v for v in data["summary"]["verdicts"]["indicators"]}
    return verdicts, data, demo_audit.truths[request.param]


def criterion(verdict: dict, key: str) -> dict:
    return next(c for c in verdict["criteria"] if c["key"] == key)


def test_every_indicator_is_judged_with_its_plan_name(agency):
    verdicts, _, _ = agency
    assert list(verdicts) == [rules.indicator for rules in RULES]
    for indicator_id, verdict in verdicts.items():
        assert verdict["name"] == INDICATORS[indicator_id].name
        assert verdict["verdict"] in ("符合", "部分符合", "未符合")
        assert 0 <= verdict["score"] <= 100


def test_article7_follows_the_planted_categories(agency):
    verdicts, _, truth = agency
    applicable = [c for c in truth["disclosure"]["categories"] if c["status"] != "not-applicable"]
    visible = [c for c in applicable if c["status"] == "found" and c["reachable"] is not False]
    art7 = criterion(verdicts["2.1.1"], "art7")
    assert art7["shown"] == f"{len(visible)}/{len(applicable)}"
    assert len(visible) < len(applicable)  # both demo sites plant missing or broken categories
    assert art7["met"] is False and art7["findings"]
    assert verdicts["2.1.1"]["verdict"] != "符合"
    assert criterion(verdicts["2.1.1"], "zone")["met"] is (truth["disclosure"]["zone_url"] is not None)


def test_search_criteria_follow_the_planted_search(agency):
    verdicts, _, truth = agency
    search = truth["search"]
    assert criterion(verdicts["2.1.2"], "search")["met"] is True
    assert criterion(verdicts["2.1.2"], "pagination")["met"] is bool(search["paginated"])
    assert criterion(verdicts["2.1.2"], "sorting")["value"] == pytest.approx(len(search["sort_options"]) / 3)
    items = truth["homepage"]["items"]
    homepage = criterion(verdicts["2.1.2"], "homepage")
    assert homepage["shown"] == f"{sum(1 for i in items if i['present'])}/{len(items)}"
    font = next(i for i in items if i["key"] == "font_size")
    assert criterion(verdicts["1.3.1"], "font-control")["met"] is font["present"]


def test_services_and_participation_follow_the_planted_channels(agency):
    verdicts, data, truth = agency
    counts = truth["online_services"]["counts"]
    kinds = criterion(verdicts["2.2.1"], "kinds")
    assert kinds["value"] == sum(1 for key in ("application", "payment", "pickup_notice", "booking") if counts[key])
    items = truth["online_services"]["items"]
    working = criterion(verdicts["2.2.1"], "working")
    assert working["shown"] == f"{sum(1 for i in items if i['works'])}/{len(items)}"
    assert criterion(verdicts["1.1.2"], "case-status")["met"] is (counts["case_status"] > 0)
    types = {c["type"] for c in truth["e_participation"]["channels"]}
    assert criterion(verdicts["2.2.2"], "diversity")["value"] == len(types)
    as_of = date.fromisoformat(data["run"]["as_of"])
    dated = [c for c in truth["e_participation"]["channels"] if c["newest_reply"]]
    replies = criterion(verdicts["2.2.2"], "replies")
    if dated:
        recent = [c for c in dated if (as_of - date.fromisoformat(c["newest_reply"])).days <= 90]
        assert replies["shown"] == f"{len(recent)}/{len(dated)}"
    else:
        assert replies["reason"] == "no-reply-dates"


def test_what_a_first_run_without_browser_cannot_tell(agency):
    verdicts, _, _ = agency
    assert criterion(verdicts["2.2.1"], "growth")["reason"] == "no-previous-run"
    assert criterion(verdicts["2.1.2"], "a11y-browser")["reason"] == "no-browser"


def test_the_unreachable_agency_is_無法判定_because_the_site_is_unreachable(demo_audit):
    data = demo_audit.findings_json("dead")
    down = [f["id"] for f in data["findings"] if f["check"] == "site.unreachable"]
    assert down
    for verdict in data["summary"]["verdicts"]["indicators"]:
        assert verdict["verdict"] == "無法判定" and verdict["score"] is None
        assert verdict["reasons"][0]["code"] == "site-unreachable"
        assert "site unreachable" in verdict["reasons"][0]["text"]
        assert down[0] in verdict["criteria"][0]["findings"]


def test_report_and_index_show_the_verdicts(demo_audit):
    data = demo_audit.findings_json("demo")
    report = (demo_audit.out / "demo" / "report.html").read_text(encoding="utf-8")
    assert 'id="verdicts"' in report
    for verdict in data["summary"]["verdicts"]["indicators"]:
        row = report.split(f'id="verdict-{verdict["id"]}"', 1)[1].split("</tr>", 1)[0]
        assert f'{verdict["id"]} {verdict["name"]}' in row
        assert verdict["verdict"] in row and f'{verdict["score"]} 分' in row
        for cited in verdict["criteria"][0]["findings"][:5]:
            assert f'href="#f-{cited}"' in row and f'id="f-{cited}"' in report
    index = (demo_audit.out / "index.html").read_text(encoding="utf-8")
    heat_map = index.split('id="verdicts"', 1)[1].split("</table>", 1)[0]
    for agency_id in ("demo", "demo2", "dead"):
        verdicts = demo_audit.findings_json(agency_id)["summary"]["verdicts"]["indicators"]
        row = heat_map.split(f'href="{agency_id}/report.html#verdicts"', 1)[1].split("</tr>", 1)[0]
        assert [cell.split("</strong>")[0].rsplit("</span>", 1)[1] for cell in row.split("<td")[1:]] == \
            [v["verdict"] for v in verdicts]
    assert "網站無法連線（site unreachable）" in heat_map


def test_verdicts_are_stored_with_the_run_so_report_rerenders_them(demo_audit):
    store = Store(demo_audit.db)
    try:
        stored = store.summary(demo_audit.findings_json()["run"]["id"], "demo2")["verdicts"]
    finally:
        store.close()
    assert stored == demo_audit.findings_json("demo2")["summary"]["verdicts"]
