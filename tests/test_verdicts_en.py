"""The verdict table in English reports: criteria, thresholds, values, reasons and why read in English.

The Chinese report does not change, and runs stored before the English fields existed still render in English mode."""

from __future__ import annotations

import copy
from pathlib import Path

import lxml.html

from checks.verdicts import judge
from crawler.store import Store
from reports.build import render_run
from tests.test_report_ui import stored_run
from tests.test_verdicts import CJK, degraded_summary, finding

FINDINGS = [finding("link.broken", target="https://www.example.gov.tw/x"),
            finding("a11y.img-alt", level="A", source="static"), finding("tw.mark-expired"),
            finding("content.source-missing")]


def without_english(verdicts: dict) -> dict:
    """The verdicts as a run stored before the *_en fields existed holds them."""
    old = copy.deepcopy(verdicts)
    for indicator in old["indicators"]:
        for key in ("why_en", "not_measured_en"):
            indicator.pop(key)
        for item in indicator["reasons"] + indicator["criteria"]:
            for key in [k for k in item if k.endswith("_en")]:
                item.pop(key)
    return old


def render(tmp_path: Path, english: bool = True) -> dict[str, dict]:
    """Report and index of a judged agency and an unreachable one, in both languages, keyed by language."""
    summary = degraded_summary()
    summary["verdicts"] = judge(summary, FINDINGS)
    dead = {"pages_crawled": 0, "reachable": False}
    dead["verdicts"] = judge(dead, [], "failed")
    if not english:
        summary["verdicts"], dead["verdicts"] = without_english(summary["verdicts"]), without_english(dead["verdicts"])
    store = Store(tmp_path / "s.sqlite")
    try:
        run = stored_run(store, FINDINGS, summary, extra_agencies=[("y", "2", [], dead)])
        pages = {}
        for lang in ("zh-TW", "en"):
            render_run(store, run, tmp_path / lang, lang=lang)
            pages[lang] = {"report": (tmp_path / lang / "x" / "report.html").read_text(encoding="utf-8"),
                           "index": (tmp_path / lang / "index.html").read_text(encoding="utf-8"),
                           "verdicts": summary["verdicts"]}
        return pages
    finally:
        store.close()


def rows(html: str) -> dict[str, list[str]]:
    """Indicator id → the text of its row's cells (indicator, verdict, criteria)."""
    root = lxml.html.fromstring(html)
    return {tr.get("id").removeprefix("verdict-"): [cell.text_content() for cell in tr.xpath("./th|./td")]
            for tr in root.xpath("//tr[starts-with(@id, 'verdict-')]")}


def test_english_report_reads_the_criteria_in_english(tmp_path):
    pages = render(tmp_path)["en"]
    table = rows(pages["report"])
    assert len(table) == 6
    for verdict in pages["verdicts"]["indicators"]:
        name, word, criteria = table[verdict["id"]]
        assert verdict["name"] in name and verdict["verdict"] in word   # the plan's words stay, glossed
        assert not CJK.search(criteria), criteria
        assert verdict["why_en"] in criteria
        for c in verdict["criteria"]:
            assert f"{c['text_en']}: {c['shown_en']}" in criteria and c["threshold_en"] in criteria
            assert c["reason_text_en"] is None or c["reason_text_en"] in criteria
    assert "Not measured: standard procedures" in table["1.1.2"][2]
    overview = lxml.html.fromstring(pages["index"]).xpath("string(//table[.//th[@colspan]])")
    assert "the crawl or the checks failed; there are no results" in overview
    assert "爬取或檢核失敗" not in overview


def test_chinese_report_ignores_the_english_fields(tmp_path):
    with_en = render(tmp_path / "new")["zh-TW"]
    before = render(tmp_path / "old", english=False)["zh-TW"]
    section = [page["report"].split('id="verdicts"', 1)[1].split("</table>", 1)[0] for page in (with_en, before)]
    assert section[0] == section[1]
    table = rows(with_en["report"])
    for verdict in with_en["verdicts"]["indicators"]:
        criteria = table[verdict["id"]][2]
        assert verdict["why"] in criteria and verdict["why_en"] not in criteria
        for c in verdict["criteria"]:
            assert f"{c['text']}：{c['shown']}" in criteria and f"門檻 {c['threshold']}" in criteria
            assert c["text_en"] not in criteria


def test_runs_stored_without_english_fall_back_to_chinese(tmp_path):
    pages = render(tmp_path, english=False)["en"]
    table = rows(pages["report"])
    for verdict in pages["verdicts"]["indicators"]:
        criteria = table[verdict["id"]][2]
        assert verdict["why"] in criteria
        for c in verdict["criteria"]:
            assert f"{c['text']}: {c['shown']}" in criteria and c["threshold"] in criteria
    assert "爬取或檢核失敗，無檢核結果" in pages["index"]
