"""The whole path on the bundled demo site: the audit finds exactly the planted truth.

Recall and precision 1.0 for broken links, soft 404s, malformed links, stale, future-dated and undated pages."""

from __future__ import annotations

import csv
import importlib.metadata
import json
import platform
from html import escape

import jsonschema
import pytest

from reports.jsonout import SCHEMA_PATH
from reports.tables_script import TABLE_SCRIPT
from tests.conftest import govaudit


def by_check(data: dict, check: str) -> list[dict]:
    return [f for f in data["findings"] if f["check"] == check]


@pytest.fixture(params=("demo", "demo2"))
def agency(request, demo_audit):
    """(findings.json, truth) of each demo agency: a home.jsp CMS site and a CCMS cp.aspx site."""
    return demo_audit.findings_json(request.param), demo_audit.truths[request.param]


def test_exactly_the_planted_broken_links(agency):
    data, truth = agency
    found = {(f["url"], f["target"], f["evidence"]["reason"]) for f in by_check(data, "link.broken")}
    planted = {(b["source"], b["target"], b["reason"]) for b in truth["broken_links"]}
    assert found - planted == set(), "false broken links"
    assert planted - found == set(), "missed broken links"
    assert data["summary"]["broken_links"] == len(planted)


def test_broken_link_evidence_is_citable(demo_audit):
    for finding in by_check(demo_audit.findings_json(), "link.broken"):
        evidence = finding["evidence"]
        assert finding["indicator"] == "2.1.1"
        assert evidence["locator"].startswith("/html")
        assert evidence["checked_at"]
        assert ("status" in evidence) != ("error" in evidence)


def test_exactly_the_planted_soft_404s_and_malformed_links(agency):
    data, truth = agency
    assert {(f["url"], f["target"]) for f in by_check(data, "link.soft-404")} == \
        {(s["source"], s["target"]) for s in truth["soft_404"]}
    assert {(f["url"], f["target"]) for f in by_check(data, "link.malformed")} == \
        {(m["source"], m["href"]) for m in truth["malformed_links"]}


def test_exactly_the_planted_stale_future_and_undated_pages(agency):
    data, truth = agency
    stale = {(f["url"], f["evidence"]["date"], f["evidence"]["label"], f["evidence"]["source"])
             for f in by_check(data, "page.stale")}
    assert stale == {(s["url"], s["date"], s["label"], s["source"]) for s in truth["stale_pages"]}
    assert {(f["url"], f["evidence"]["date"]) for f in by_check(data, "page.future-date")} == \
        {(p["url"], p["date"]) for p in truth["future_pages"]}
    assert {f["url"] for f in by_check(data, "page.undated")} == set(truth["undated_pages"])


def test_crawled_pages_are_the_site_and_robots_is_obeyed(agency):
    data, truth = agency
    crawled = {p["url"] for p in data["pages"]}
    assert crawled == set(truth["pages"])
    assert not crawled & set(truth["not_crawled"])
    targets = {f.get("target") for f in data["findings"] if f["check"].startswith("link.")}
    assert not targets & set(truth["external_ok"])


def test_pages_carry_their_facts(demo_audit):
    pages = demo_audit.findings_json()["pages"]
    for page in pages:
        assert len(page["sha256"]) == 64 and page["status"] == 200 and page["fetched_at"]
    big5 = [p for p in pages if (p["encoding"] or "").lower().replace("-", "") in ("big5", "cp950", "big5hkscs")]
    assert len(big5) >= 2
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p["title"]) for p in big5), "Big5 titles decoded"
    assert any(p["redirects"] for p in pages), "a redirect chain is recorded"


def test_output_validates_against_the_schema(demo_audit):
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for agency in ("demo", "dead"):
        jsonschema.validate(demo_audit.findings_json(agency), schema)


def test_run_records_settings_reference_date_and_tool_versions(demo_audit):
    run = demo_audit.findings_json("demo")["run"]
    assert run["as_of"] == demo_audit.truth["as_of"]
    settings = run["settings"]
    assert settings["GOVAUDIT_RULESET"] == "110.07" and settings["browser"] is False
    versions = settings["versions"]
    assert versions["govaudit"] == run["tool_version"]
    assert versions["scrapy"] == importlib.metadata.version("scrapy")
    assert versions["python"] == platform.python_version()
    assert "axe-core" not in versions  # --no-browser: nothing judged pages in Chromium


def test_one_agency_down_does_not_cost_the_others(demo_audit):
    dead = demo_audit.findings_json("dead")
    assert [f["check"] for f in dead["findings"]] == ["site.unreachable"]
    assert dead["summary"]["reachable"] is False
    assert demo_audit.findings_json("demo")["summary"]["pages_crawled"] == len(demo_audit.truth["pages"])
    index = (demo_audit.out / "index.html").read_text(encoding="utf-8")
    assert "新竹市示範局" in index and "停擺所" in index and "未知所" in index and "網址未查證" in index
    assert not (demo_audit.out / "unknown").exists()


def test_csv_opens_in_excel(demo_audit):
    raw = (demo_audit.out / "demo" / "findings.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("id,check,severity,indicator")
    assert len(lines) - 1 == len(demo_audit.findings_json()["findings"])


def test_report_groups_broken_links_and_is_self_contained(demo_audit):
    html = (demo_audit.out / "demo" / "report.html").read_text(encoding="utf-8")
    assert 'lang="zh-Hant-TW"' in html and "失效連結" in html
    assert "資訊公開適切性與內容有效性" in html
    footer_targets = {b["target"] for b in demo_audit.truth["broken_links"]}
    assert all(escape(target) in html for target in footer_targets)
    assert "http://cdn" not in html and "https://cdn" not in html
    assert html.count("<script") == 1 and f"<script>{TABLE_SCRIPT}</script>" in html  # only the table script


def test_report_rerenders_from_the_store_and_history_lists_the_run(demo_audit, tmp_path):
    result = govaudit("report", "--db", str(demo_audit.db), "--out", str(tmp_path), "--run", "1")
    assert result.returncode == 0, result.stderr
    again = json.loads((tmp_path / "demo" / "findings.json").read_text(encoding="utf-8"))
    assert again == demo_audit.findings_json()
    history = govaudit("history", "--db", str(demo_audit.db))
    assert history.returncode == 0 and "finished" in history.stdout


def test_report_names_its_evidence_archive_and_tools(demo_audit):
    page = (demo_audit.out / "demo" / "report.html").read_text(encoding="utf-8")
    evidence = page[page.index('id="evidence"'):]
    warc = {p["warc"]["file"] for p in demo_audit.findings_json("demo")["pages"] if p.get("warc")}
    assert len(warc) == 1 and f"<code>{warc.pop()}</code>" in evidence
    versions = demo_audit.findings_json("demo")["run"]["settings"]["versions"]
    assert f"scrapy {versions['scrapy']}" in evidence and "110.07" in evidence


def test_findings_json_carries_the_fix_first_list_in_the_reports_order(demo_audit):
    data = demo_audit.findings_json("demo")
    fix_first = data["fix_first"]
    assert fix_first and [(p["tier"], -p["pages"]) for p in fix_first][:1] == [min((p["tier"], -p["pages"])
                                                                                   for p in fix_first)]
    assert [p["tier"] for p in fix_first] == sorted(p["tier"] for p in fix_first)
    checks = {p["check"] for p in fix_first}
    assert "link.broken" in checks and "disclosure.category-missing" in checks
    page = (demo_audit.out / "demo" / "report.html").read_text(encoding="utf-8")
    first_row = page[page.index('id="fix-first"'):].split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert escape(fix_first[0]["title"]) in first_row


def test_verdicts_csv_lists_every_agency_and_indicator_as_findings_json_does(demo_audit):
    with (demo_audit.out / "verdicts.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for agency in ("demo", "demo2", "dead"):
        judged = demo_audit.findings_json(agency)["summary"]["verdicts"]["indicators"]
        mine = [row for row in rows if row["agency_id"] == agency]
        assert [(r["indicator"], r["verdict"], r["score"]) for r in mine] == [
            (v["id"], v["verdict"], "" if v["score"] is None else str(v["score"])) for v in judged]
    assert {r["verdict"] for r in rows if r["agency_id"] == "dead"} == {"無法判定"}
    assert "unknown" not in {r["agency_id"] for r in rows}  # skipped agencies have no verdicts
