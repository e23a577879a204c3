"""Two nightly runs of the demo with a change between them: the new/fixed sections and `govaudit diff` must
report exactly the planted changes (a link fixed, a page deleted while still linked, a category added)."""

from __future__ import annotations

import html
import json
import re
import socket
from collections import Counter
from pathlib import Path

import pytest

from demosite.site import build_site
from tests.conftest import govaudit

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3")


def _free_port() -> int:
    """A port free on all three demo hosts, with the next one free on the main host (the refused trap)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind((HOSTS[0], 0))
            port = probe.getsockname()[1]
        wanted = [(host, port) for host in HOSTS] + [(HOSTS[0], port + 1)]
        sockets = []
        try:
            for address in wanted:
                s = socket.socket()
                sockets.append(s)
                s.bind(address)
            return port
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no free port on the demo hosts")


def _truths(port: int) -> tuple[dict, dict]:
    def second(revision: int) -> dict:
        site = build_site(f"http://{HOSTS[0]}:{port}", f"http://{HOSTS[1]}:{port}", f"http://{HOSTS[0]}:{port + 1}",
                          second_base=f"http://{HOSTS[2]}:{port}", revision=revision)
        return site.second.truth
    return second(1), second(2)


def _planted(before: dict, after: dict) -> tuple[Counter, Counter]:
    """(new, fixed) as counts of (check, url, target), derived from the two revisions' ground truths; counted
    because several findings share a triple (category 5 and 6 both missing from the one zone page)."""
    def problems(truth: dict) -> Counter:
        found = Counter(("link.broken", b["source"], b["target"]) for b in truth["broken_links"])
        found.update((f["check"], f["url"], f["target"]) for f in truth["expected_findings"])
        return found
    return problems(after) - problems(before), problems(before) - problems(after)


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("two-runs")
    db = root / "govaudit.sqlite"
    port = _free_port()
    for revision in (1, 2):
        result = govaudit("demo", "--out", str(root / f"night{revision}"), "--db", str(db), "--port", str(port),
                          "--revision", str(revision), "--no-browser")
        assert result.returncode == 0, result.stderr[-3000:]
        assert "port" not in result.stderr or "in use" not in result.stderr, result.stderr[-2000:]
    diff = govaudit("diff", "1", "2", "--db", str(db))
    assert diff.returncode == 0, diff.stderr
    return {"root": root, "db": db, "port": port, "diff": diff.stdout}


def _findings(root: Path, night: int, agency: str) -> dict:
    return json.loads((root / f"night{night}" / agency / "findings.json").read_text(encoding="utf-8"))


def _keyed(document: dict) -> dict[str, tuple]:
    return {f["id"]: (f["check"], f["url"], f["target"]) for f in document["findings"]}


def test_planted_changes_are_the_three_the_demo_promises(two_runs):
    new, fixed = _planted(*_truths(two_runs["port"]))
    assert {check for check, _, _ in new} == {"link.broken"}
    assert sorted(check for check, _, _ in fixed) == ["disclosure.category-missing", "link.broken"]


def test_findings_json_changes_are_exactly_the_planted_ones(two_runs):
    root = two_runs["root"]
    new, fixed = _planted(*_truths(two_runs["port"]))
    before, after = _findings(root, 1, "demo2"), _findings(root, 2, "demo2")
    assert after["changes"]["previous_run"] == 1
    assert Counter(_keyed(after)[i] for i in after["changes"]["new"]) == new
    assert Counter(_keyed(before)[i] for i in after["changes"]["fixed"]) == fixed
    # The first agency did not change overnight: same findings, same ids.
    first_before, first_after = _findings(root, 1, "demo"), _findings(root, 2, "demo")
    assert first_after["changes"]["new"] == [] and first_after["changes"]["fixed"] == []
    assert set(_keyed(first_before)) == set(_keyed(first_after))
    # A problem still open keeps the date it was first seen.
    persisting = set(_keyed(before)) & set(_keyed(after))
    assert persisting
    first_seen = {f["id"]: f["first_seen"] for f in before["findings"]}
    assert all(f["first_seen"] == first_seen[f["id"]] for f in after["findings"] if f["id"] in persisting)


def test_govaudit_diff_agrees_with_the_report(two_runs):
    root = two_runs["root"]
    after, before = _findings(root, 2, "demo2"), _findings(root, 1, "demo2")
    printed: dict[str, set] = {"新增": set(), "已修正": set()}
    for line in two_runs["diff"].splitlines():
        match = re.match(r"\s+(新增|已修正)\s+([0-9a-f]{16})\s", line)
        if match:
            printed[match.group(1)].add(match.group(2))
    assert printed["新增"] == set(after["changes"]["new"])
    assert printed["已修正"] == set(after["changes"]["fixed"])
    assert "新竹市示範局：新增 0，已修正 0" in two_runs["diff"]
    assert f"新竹市示範所：新增 {len(printed['新增'])}，已修正 {len(printed['已修正'])}" in two_runs["diff"]

    report = html.unescape((root / "night2" / "demo2" / "report.html").read_text(encoding="utf-8"))
    changes = report[report.index('id="changes"'):]
    changes = changes[:changes.index("<h2", 1)]
    every = _keyed(after) | _keyed(before)
    for finding_id in after["changes"]["new"] + after["changes"]["fixed"]:
        _, url, target = every[finding_id]
        assert url in changes and (target is None or target in changes), (finding_id, url, target)


def test_a_taken_demo_port_falls_back_to_free_ports(capsys):
    from demosite.server import serve_demo

    port = _free_port()
    with socket.socket() as squatter:
        squatter.bind((HOSTS[1], port))  # only the external host's port is taken
        with serve_demo(port=port) as site:
            assert f":{port}/" not in site.start_url
            assert site.truth["pages"]
    assert f"port {port} is in use" in capsys.readouterr().err
    with serve_demo(port=port, revision=2) as site:  # free again: the fixed port is used
        assert site.start_url.startswith(f"http://{HOSTS[0]}:{port}/")
        assert site.second.truth["traps"]["deleted_page"].startswith(f"http://{HOSTS[2]}:{port}/")
