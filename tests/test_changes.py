"""Two runs with a change between them: the report's new/fixed sections and `govaudit diff` agree."""

import json

from checks.finding import Finding
from crawler.store import Store
from reports.build import render_run
from tests.conftest import govaudit

ROOT = "http://127.0.0.1:8000/"


def broken(page, target):
    return Finding("link.broken", "error", "2.1.1", ROOT + page, "失效連結", ROOT + target,
                   {"status": 404, "reason": "http-404", "text": "t", "locator": "/html/body/a"})


def audited_run(store, findings):
    run = store.start_run("2026-11-29", "0.1", {})
    store.add_run_agency(run, "x", "機關", "1", ROOT)
    store.replace_findings(run, "x", findings, {"pages_crawled": 1})
    store.set_agency_status(run, "x", "checked")
    store.finish_run(run, "finished")
    return run


def test_new_fixed_and_first_seen(tmp_path):
    db = tmp_path / "s.sqlite"
    store = Store(db)
    fixed, persisting, new = broken("a", "gone"), broken("b", "old"), broken("c", "new")
    first = audited_run(store, [fixed, persisting])
    second = audited_run(store, [persisting, new])
    render_run(store, second, tmp_path / "out")
    first_started = store.run(first).started_at
    store.close()

    data = json.loads((tmp_path / "out" / "x" / "findings.json").read_text(encoding="utf-8"))
    assert data["changes"] == {"previous_run": first, "new": [new.finding_id], "fixed": [fixed.finding_id]}
    seen = {f["id"]: f["first_seen"] for f in data["findings"]}
    assert seen[persisting.finding_id] == first_started
    html = (tmp_path / "out" / "x" / "report.html").read_text(encoding="utf-8")
    assert "新增 <strong" in html and ROOT + "new" in html and ROOT + "gone" in html

    result = govaudit("diff", str(first), str(second), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "新增 1，已修正 1，持續 1" in result.stdout
    assert new.finding_id in result.stdout and fixed.finding_id in result.stdout
