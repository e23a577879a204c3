"""Retention: the newest N runs stay in full, older ones keep findings and summaries and lose page detail.

Three tiny demo runs into one store with --keep-runs 2, then the store, the WARC folders and the commands."""

from __future__ import annotations

import sqlite3

import pytest

from checks.finding import Finding
from checks.records import FetchRecord
from crawler.runner import apply_retention
from crawler.store import DETAIL_TABLES, Store
from crawler.warc import run_warc_dir
from demosite.server import serve_demo
from tests.conftest import govaudit
from tests.test_link_checks import page


def _tiny_run(store: Store, status: str = "finished") -> int:
    run = store.start_run("2026-11-29", "0.1", {})
    store.add_run_agency(run, "x", "X", "1", "http://127.0.0.1/", status="checked")
    store.write_records(run, [page("http://127.0.0.1/"),
                              FetchRecord("x", "http://127.0.0.1/a", "http://127.0.0.1/a", "check", "HEAD", 404, None)])
    finding = Finding("link.broken", "error", "2.1.1", "http://127.0.0.1/", "壞", "http://127.0.0.1/a", {"status": 404})
    store.replace_findings(run, "x", [finding], {"broken_links": 1})
    if status != "running":
        store.finish_run(run, status)
    return run


def test_old_runs_become_summaries_and_running_or_current_ones_never_do(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    running = _tiny_run(store, status="running")  # oldest, but its process is still going
    first, second, third = _tiny_run(store), _tiny_run(store, status="failed"), _tiny_run(store)
    run_warc_dir(tmp_path, first).mkdir(parents=True)
    (run_warc_dir(tmp_path, first) / "x.warc.gz").write_bytes(b"")
    assert apply_retention(store, current=third, keep=0) == []  # 0 keeps everything
    assert apply_retention(store, current=first, keep=1) == [second]  # the current run is never pruned
    assert apply_retention(store, current=third, keep=1) == [first]
    assert not run_warc_dir(tmp_path, first).exists()
    runs = {run.id: run for run in store.runs()}
    assert runs[running].summarised_at is None and runs[third].summarised_at is None
    assert runs[first].summarised_at and runs[second].summarised_at
    assert store.pages(first, "x") == [] and store.fetches(first, "x") == []
    assert len(store.pages(third, "x")) == 1 and len(store.pages(running, "x")) == 1
    assert len(store.findings(first, "x")) == 1 and store.summary(first, "x") == {"broken_links": 1}
    assert apply_retention(store, current=third, keep=1) == []  # already summarised: nothing to do twice


def test_a_store_from_before_the_archive_gains_its_columns(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL,"
                     " finished_at TEXT, status TEXT NOT NULL, as_of TEXT NOT NULL, tool_version TEXT NOT NULL,"
                     " settings TEXT NOT NULL, pid INTEGER);"
                     "INSERT INTO runs VALUES (1, '2026-01-01', '2026-01-01', 'finished', '2026-01-01', '0.1', '{}', 1);"
                     "CREATE TABLE pages (run_id INTEGER NOT NULL, agency_id TEXT NOT NULL, url TEXT NOT NULL,"
                     " url_key TEXT NOT NULL, requested_url TEXT NOT NULL, status INTEGER NOT NULL, content_type TEXT,"
                     " size INTEGER, fetched_at TEXT, response_ms REAL, sha256 TEXT, title TEXT, lang TEXT,"
                     " encoding TEXT, depth INTEGER, referrer TEXT, redirects TEXT, date TEXT, date_label TEXT,"
                     " date_source TEXT, date_text TEXT, site_date TEXT, not_found_text TEXT, text_length INTEGER,"
                     " template TEXT, facts TEXT, PRIMARY KEY (run_id, agency_id, url_key));")
    db.close()
    store = Store(path)
    assert store.run(1).summarised_at is None
    store.write_records(1, [page("http://127.0.0.1/", warc_file="warc/run-1/x.warc.gz", warc_offset=42)])
    assert store.pages(1, "x")[0].warc_offset == 42


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory):
    out = tmp_path_factory.mktemp("retention")
    agencies = out / "agencies.csv"
    results = []
    with serve_demo() as site:
        agencies.write_text(f"id,name,group,url\ndemo,示範,1,{site.start_url}\n", encoding="utf-8")
        for _ in range(3):
            results.append(govaudit("run", "--agencies", str(agencies), "--out", str(out), "--as-of",
                                    site.truth["as_of"], "--timeout", "3", "--no-browser", "--max-pages", "5",
                                    "--keep-runs", "2"))
    for result in results:
        assert result.returncode == 0, result.stderr[-3000:]
    return out, results


def test_keep_two_prunes_the_first_of_three_runs(three_runs):
    out, results = three_runs
    assert "執行 [1] 已精簡為摘要" in results[2].stderr
    db = sqlite3.connect(out / "govaudit.sqlite")
    for table in DETAIL_TABLES:
        counts = dict(db.execute(f"SELECT run_id, COUNT(*) FROM {table} GROUP BY run_id").fetchall())
        assert 1 not in counts, table
    assert dict(db.execute("SELECT run_id, COUNT(*) FROM pages GROUP BY run_id").fetchall()).keys() == {2, 3}
    assert db.execute("SELECT COUNT(*) FROM findings WHERE run_id = 1").fetchone()[0] > 0
    assert db.execute("SELECT COUNT(*) FROM summaries WHERE run_id = 1").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM run_agencies WHERE run_id = 1").fetchone()[0] == 1
    marks = dict(db.execute("SELECT id, summarised_at FROM runs").fetchall())
    db.close()
    assert marks[1] and marks[2] is None and marks[3] is None
    assert not run_warc_dir(out, 1).exists()
    assert (run_warc_dir(out, 2) / "demo.warc.gz").exists() and (run_warc_dir(out, 3) / "demo.warc.gz").exists()


def test_history_and_diff_still_cover_a_summarised_run_and_report_says_why_it_cannot(three_runs, tmp_path):
    out, _ = three_runs
    db = str(out / "govaudit.sqlite")
    history = govaudit("history", "--db", db)
    assert history.returncode == 0
    lines = [line.split() for line in history.stdout.splitlines()[1:]]
    assert [line[0] for line in lines] == ["1", "2", "3"]
    assert lines[0][-1] == "[summarised]" and lines[2][-1] != "[summarised]"
    diff = govaudit("diff", "1", "3", "--db", db)
    assert diff.returncode == 0 and "持續" in diff.stdout
    report = govaudit("report", "--db", db, "--out", str(tmp_path), "--run", "1")
    assert report.returncode == 2 and "刪除" in report.stderr and "Traceback" not in report.stderr
    assert govaudit("report", "--db", db, "--out", str(tmp_path), "--run", "2").returncode == 0
