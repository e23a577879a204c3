"""A per-agency page budget cuts one site's crawl short, says so, and keeps what was crawled."""

import csv
import json

from demosite.server import serve_demo
from tests.conftest import govaudit


def test_page_budget_is_reported_and_respected(tmp_path):
    agencies = tmp_path / "agencies.csv"
    with serve_demo() as site:
        with agencies.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["id", "name", "group", "url"], ["demo", "示範局", "1", site.start_url]])
        result = govaudit("run", "--agencies", str(agencies), "--out", str(tmp_path / "out"), "--no-browser",
                          "--max-pages", "15", "--timeout", "3", "--as-of", "2026-11-29", "--stale-days", "30")
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "out" / "demo" / "findings.json").read_text(encoding="utf-8"))
    assert 1 < data["summary"]["pages_crawled"] <= 15
    incomplete = [f for f in data["findings"] if f["check"] == "crawl.incomplete"]
    assert incomplete and incomplete[0]["evidence"]["reason"] == "max-pages"
    assert data["summary"]["complete"] is False
    assert data["run"]["settings"]["GOVAUDIT_STALE_DAYS"] == 30
