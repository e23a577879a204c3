"""The SQLite store keeps runs apart, writes atomically and survives a crash mid-run."""

import os
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from checks.finding import Finding
from checks.records import FetchRecord, Reference, ReferenceBatch
from crawler.store import Store
from tests.test_link_checks import page


def test_records_round_trip(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    run = store.start_run("2026-11-29", "0.1", {"k": 1})
    store.add_run_agency(run, "x", "X", "1", "http://127.0.0.1/")
    reference = Reference("http://127.0.0.1/a", "http://127.0.0.1/a", "link", "a", "文字", "/html/body/a", "main", "a")
    store.write_records(run, [
        page("http://127.0.0.1/", date="2024-05-01", date_label="更新日期", redirects=["http://127.0.0.1/old"]),
        FetchRecord("x", "http://127.0.0.1/a", "http://127.0.0.1/a", "check", "HEAD", 404, None),
        ReferenceBatch("x", "http://127.0.0.1/", [reference]),
    ])
    pages = store.pages(run, "x")
    assert pages[0].date == "2024-05-01" and pages[0].redirects == ["http://127.0.0.1/old"]
    assert store.fetches(run, "x")[0].status == 404
    assert list(store.references(run, "x")) == [("http://127.0.0.1/", reference)]
    finding = Finding("link.broken", "error", "2.1.1", "http://127.0.0.1/", "壞", "http://127.0.0.1/a", {"status": 404})
    store.replace_findings(run, "x", [finding], {"broken_links": 1})
    assert store.findings(run, "x") == [finding]
    assert store.summary(run, "x") == {"broken_links": 1}


def test_runs_are_kept_apart(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    first = store.start_run("2026-11-28", "0.1", {})
    second = store.start_run("2026-11-29", "0.1", {})
    store.add_run_agency(first, "x", "X", "1", "http://127.0.0.1/")
    store.write_records(first, [page("http://127.0.0.1/")])
    assert store.pages(second, "x") == []
    assert len(store.pages(first, "x")) == 1
    assert [r.id for r in store.runs()] == [first, second]


def test_failed_batch_leaves_earlier_data(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    run = store.start_run("2026-11-29", "0.1", {})
    store.write_records(run, [page("http://127.0.0.1/1")])
    with pytest.raises(sqlite3.Error):
        with store.transaction() as db:
            db.execute("INSERT INTO pages (run_id, agency_id, url) VALUES (?, 'x', 'y')", (run,))
    assert [p.url for p in store.pages(run, "x")] == ["http://127.0.0.1/1"]


def test_a_killed_writer_keeps_committed_batches_and_the_run_is_marked_interrupted(tmp_path):
    db = tmp_path / "s.sqlite"
    script = f"""
import os, sys
sys.path.insert(0, {os.getcwd()!r})
from crawler.store import Store
from tests.test_link_checks import page
store = Store({str(db)!r})
run = store.start_run("2026-11-29", "0.1", {{}})
store.add_run_agency(run, "x", "X", "1", "http://127.0.0.1/", "crawling")
store.write_records(run, [page("http://127.0.0.1/%d" % i) for i in range(50)])
store.db.execute("BEGIN")
store.db.execute("INSERT INTO pages (run_id, agency_id, url, url_key, requested_url, status) VALUES (1, 'x', 'half', 'half', 'half', 200)")
os._exit(9)  # dies mid-transaction, like a kill -9
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 9, result.stderr
    store = Store(db)
    assert store.mark_interrupted_runs() == [1]
    assert store.run(1).status == "interrupted"
    assert store.run_agencies(1)[0].status == "failed"
    urls = [p.url for p in store.pages(1, "x")]
    assert len(urls) == 50 and "half" not in urls


def test_online_service_growth_against_the_previous_run(tmp_path):
    from crawler.runner import add_growth

    store = Store(tmp_path / "s.sqlite")
    first = store.start_run("2025-11-29", "0.1", {})
    store.add_run_agency(first, "x", "X", "1", "http://127.0.0.1/")
    store.replace_findings(first, "x", [], {"online_services": {"total": 4}})
    store.set_agency_status(first, "x", "checked")
    second = store.start_run("2026-11-29", "0.1", {})
    summary = {"online_services": {"total": 5}}
    add_growth(summary, store, second, "x", date(2026, 11, 29))
    assert summary["online_services"] == {"total": 5, "previous_run": first, "previous_total": 4,
                                          "growth_rate": 25.0, "year_over_year": {
                                              "year": 2025, "roc_year": 114, "run": first, "total": 4,
                                              "growth_rate": 25.0}}
    lonely = {"online_services": {"total": 3}}
    add_growth(lonely, store, first, "x", date(2025, 11, 29))
    assert lonely["online_services"]["growth_rate"] is None and lonely["online_services"]["year_over_year"] is None


def test_yearly_growth_compares_with_the_last_run_of_the_previous_year(tmp_path):
    from crawler.runner import add_growth

    store = Store(tmp_path / "s.sqlite")
    for as_of, total in (("2025-06-01", 2), ("2025-12-20", 4), ("2026-11-28", 6)):
        run = store.start_run(as_of, "0.1", {})
        store.add_run_agency(run, "x", "X", "1", "http://127.0.0.1/")
        store.replace_findings(run, "x", [], {"online_services": {"total": total}})
        store.set_agency_status(run, "x", "checked")
    tonight = store.start_run("2026-11-29", "0.1", {})
    summary = {"online_services": {"total": 5}}
    add_growth(summary, store, tonight, "x", date(2026, 11, 29))
    services = summary["online_services"]
    assert (services["previous_total"], services["growth_rate"]) == (6, -16.7)       # overnight
    assert services["year_over_year"] == {"year": 2025, "roc_year": 114, "run": 2, "total": 4, "growth_rate": 25.0}
