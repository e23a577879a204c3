"""Stale, future-dated and undated pages relative to the reference date."""

from datetime import date

from checks.staleness import check_page_dates
from tests.test_link_checks import page, site

ROOT = "http://127.0.0.1:8000/"


def run(*pages, stale_days=365):
    s = site([], [], pages)
    s.stale_days = stale_days
    return {f.url: f for f in check_page_dates(s)}


def test_threshold_is_strict_and_configurable():
    found = run(page(ROOT + "old", date="2025-11-28", date_source="label", date_label="更新日期"),
                page(ROOT + "edge", date="2025-11-29", date_source="label", date_label="更新日期"),
                page(ROOT + "new", date="2026-11-01", date_source="label", date_label="發布日期"))
    assert set(found) == {ROOT + "old"}
    assert found[ROOT + "old"].check == "page.stale"
    assert found[ROOT + "old"].evidence["age_days"] == 366
    assert found[ROOT + "old"].evidence["date_roc"] == "民國114年11月28日"
    assert set(run(page(ROOT + "new", date="2026-11-01", date_source="label"), stale_days=10)) == {ROOT + "new"}


def test_future_undated_and_weak_evidence():
    found = run(page(ROOT + "future", date="2026-12-25", date_source="label"),
                page(ROOT + "none", site_date="2026-11-20"),
                page(ROOT + "http", date="2020-01-01", date_source="http"),
                page(ROOT + "missing", not_found_text="找不到網頁"))
    assert found[ROOT + "future"].check == "page.future-date"
    assert found[ROOT + "none"].check == "page.undated"
    assert "頁尾" in found[ROOT + "none"].message
    assert found[ROOT + "http"].check == "page.stale" and found[ROOT + "http"].evidence["weak"] is True
    assert ROOT + "missing" not in found
    assert date(2026, 11, 29)  # the reference date used by site()
