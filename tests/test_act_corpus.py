"""Accuracy against the W3C ACT Rules test cases: axe in Chromium plus the static rules, merged as in a run.
The corpus sits beside the repository (../shared/act-rules-corpus); without it or Chromium this test fails."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from checks.a11y.act_score import Case, Flag, Score, flags_of, load_cases, score, static_findings
from checks.a11y.axe_map import LEFT_TO_STATIC, UNRENDERED_CHECK, axe_criteria, axe_findings
from checks.a11y.rules import RULES
from checks.accessibility import merge_static_and_axe
from crawler.browser import BrowserOptions, audit_pages, browser_available
from tests.test_browser import serve_directory

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "act-rules-corpus"

MIN_DETECTION = 0.70
# Measured 2026-11-29, each finding attributed to the ACT rules its procedure implements (act_map), as ACT
# implementation reports do: detected 204/264 = 77.3 %, false alarms 2/585 = 0.3 %; axe alone 147/264 and
# 2/585, static alone 199/264 and 0/585. The 2 are axe's: an iframe a modal dialog has made inert (akn7bn)
# and a region that overflows with the installed fonts (0ssw9k). Counting every procedure against every
# rule of the same criterion gives 205/264 and 21/585 = 3.6 %: 18 of those 19 extra pages fail another ACT
# rule of that criterion (an unnamed combobox among the "attribute is permitted" examples, <html> without
# lang among "language matches"), true findings the examples are not labelled for; the 19th is axe asking
# a collapsed button's aria-controls target to exist, which ACT in6db8 does not.
MAX_FALSE_ALARMS = 0.03
MAX_ANY_RULE_FALSE_ALARMS = 0.04  # the upper bound above; keeps it from growing unnoticed


def _line(result: Score) -> str:
    return (f"detected {result.detected}/{result.failed_total} = {result.detection_rate:.1%}, "
            f"false alarms {result.false_alarms}/{result.clean_total} = {result.false_alarm_rate:.1%}")


def _figures(result: Score) -> dict:
    return {"detected": result.detected, "failed_total": result.failed_total,
            "false_alarms": result.false_alarms, "clean_total": result.clean_total,
            "detection": round(result.detection_rate, 4), "false_alarm_rate": round(result.false_alarm_rate, 4)}


@pytest.fixture(scope="module")
def corpus() -> Path:
    if not (CORPUS / "cases.json").is_file():
        pytest.fail(f"ACT Rules corpus not found at {CORPUS}: clone the shared/ folder beside the repository",
                    pytrace=False)
    available, reason = browser_available()
    if not available:
        pytest.fail(f"Chromium/chromedriver are required for the ACT corpus test: {reason}", pytrace=False)
    return CORPUS


def test_act_corpus_accuracy(corpus: Path, tmp_path_factory: pytest.TempPathFactory):
    # All non-deprecated cases count, including those whose large media files were not copied: their markup
    # (the <video>/<audio> elements, tracks, transcripts) is what both checkers judge, and it is all there.
    cases = load_cases(corpus)
    assert len(cases) > 1000, len(cases)

    with serve_directory(corpus) as served:
        url_of = {case.file: served.url("/" + case.file) for case in cases}
        # page_timeout bounds pages left waiting on video the corpus left out. One session per worker for the
        # whole corpus: restarts would cost more than the memory they save here.
        options = BrowserOptions(workers=2, page_timeout=10.0, restart_after=100_000,
                                 disabled_rules=LEFT_TO_STATIC)
        started = time.monotonic()
        audits = {audit.url: audit for audit in audit_pages(sorted(set(url_of.values())), options)}
        browser_s = time.monotonic() - started
    assert set(audits) == set(url_of.values())
    not_ok = {url: f"{a.status}: {a.error[:80]}" for url, a in audits.items() if a.status not in ("ok", "skipped")}
    skipped = sorted(url for url, a in audits.items() if a.status == "skipped")

    started = time.monotonic()
    static_of = {case.file: static_findings(case, url=url_of[case.file]) for case in cases}
    static_s = time.monotonic() - started
    # Each engine alone and both merged, through the run's own merge (static findings the browser did not
    # render become unconfirmed there).
    axe_flags, static_flags, combined_flags = {}, {}, {}
    for file, url in url_of.items():
        from_browser = axe_findings(audits[url])
        unrendered = [f for f in from_browser if f.check == UNRENDERED_CHECK]
        axe_flags[file] = flags_of(from_browser)
        static_flags[file] = flags_of(merge_static_and_axe([*static_of[file], *unrendered]))
        combined_flags[file] = flags_of(merge_static_and_axe([*static_of[file], *from_browser]))

    def by_axe(case: Case) -> set[Flag]:
        return axe_flags[case.file]

    def by_static(case: Case) -> set[Flag]:
        return static_flags[case.file]

    def combined(case: Case) -> set[Flag]:
        return combined_flags[case.file]

    checked = axe_criteria(options.tags) | {sc for rule in RULES.values() for sc in rule.wcag}
    results = {
        "combined_checked": score(cases, combined, checked),
        "combined_all": score(cases, combined, None),
        "combined_any_rule": score(cases, combined, checked, by_rule=False),
        "axe_checked": score(cases, by_axe, checked),
        "axe_all": score(cases, by_axe, None),
        "axe_own_criteria": score(cases, by_axe, axe_criteria(options.tags)),
        "static_checked": score(cases, by_static, checked),
        "static_all": score(cases, by_static, None),
    }
    report = {
        "cases": len(cases), "pages": len(audits), "workers": options.workers,
        "browser_seconds": round(browser_s, 1), "browser_s_per_page": round(browser_s / len(audits), 3),
        "static_seconds": round(static_s, 2),
        "criteria_checked": sorted(checked, key=lambda sc: tuple(int(p) for p in sc.split("."))),
        "pages_not_ok": not_ok, "pages_skipped": skipped,
        "figures": {name: _figures(result) for name, result in results.items()},
        "combined_per_rule": {rule: {"name": results["combined_checked"].rule_names[rule],
                                     "detected": t.detected, "failed_total": t.failed_total,
                                     "false_alarms": t.false_alarms, "clean_total": t.clean_total}
                              for rule, t in sorted(results["combined_checked"].per_rule.items())},
    }
    out = tmp_path_factory.mktemp("act") / "act_corpus_figures.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nACT corpus: {len(cases)} cases; browser {browser_s:.0f} s ({browser_s / len(audits):.3f} s/page, "
          f"{options.workers} workers), static {static_s:.1f} s; {len(not_ok)} pages not ok")
    for name, result in results.items():
        print(f"  {name:18} {_line(result)}")
    print(f"  figures written to {out}")

    # Browser failures would quietly lower detection; a few slow media pages are tolerable, more is a bug.
    assert len(not_ok) <= 10, not_ok
    target = results["combined_checked"]
    assert target.detection_rate >= MIN_DETECTION, _line(target)
    assert target.false_alarm_rate <= MAX_FALSE_ALARMS, _line(target)
    upper = results["combined_any_rule"]
    assert upper.false_alarm_rate <= MAX_ANY_RULE_FALSE_ALARMS, _line(upper)
    # Only the corpus's two XML documents are not HTML; any other skip would be a detection bug.
    assert all(url.endswith(".xml") for url in skipped), skipped
