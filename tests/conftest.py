"""Shared fixtures: the demo site audited once per session by the real command, in a subprocess.

The crawl runs in its own process because a Twisted reactor starts once per process."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from demosite.server import serve_demo

REPO = Path(__file__).resolve().parent.parent


def govaudit(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=timeout)


@dataclass
class DemoAudit:
    truth: dict
    out: Path
    db: Path
    result: subprocess.CompletedProcess
    truths: dict  # agency id → that demo site's ground truth

    def findings_json(self, agency: str = "demo") -> dict:
        return json.loads((self.out / agency / "findings.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_audit(tmp_path_factory) -> DemoAudit:
    """The demo agency plus one whose site refuses connections, audited together in one run."""
    out = tmp_path_factory.mktemp("audit")
    agencies = out / "agencies.csv"
    with serve_demo() as site:
        with agencies.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "name", "group", "url", "notes"])
            writer.writerow(["demo", "新竹市示範局", "1", site.start_url, ""])
            writer.writerow(["demo2", "新竹市示範所", "2", site.second.start_url, ""])
            writer.writerow(["dead", "停擺所", "2", site.truth["refused_base"] + "/", ""]
                            if "refused_base" in site.truth else ["dead", "停擺所", "2", "http://127.0.0.1:9/", ""])
            writer.writerow(["unknown", "未知所", "3", "", "網址未查證"])
        result = govaudit("run", "--agencies", str(agencies), "--out", str(out), "--as-of", site.truth["as_of"],
                          "--timeout", "3", "--no-browser")
        truths = {"demo": site.truth, "demo2": site.second.truth}
    assert result.returncode == 0, result.stderr[-3000:]
    return DemoAudit(truths["demo"], out, out / "govaudit.sqlite", result, truths)
