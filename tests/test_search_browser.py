"""Script-driven search boxes run in real headless Chromium (crawler/browser_search.py) against loopback sites: a
box wired by an event listener whose results, pager and sort links are rendered by script, a box that hands the
query to an outside engine on 127.0.0.2, a box that does nothing, and the whole `govaudit run` path."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

import lxml.html
import pytest

from checks.search import check_search, search_forms, summarize_search, vocab
from crawler.browser import BrowserOptions
from crawler.browser_search import run_searches, search_job
from tests.test_search import QuietHandler, REPO, site_with

ITEMS = [f"長照服務公告第{i}則" for i in range(1, 24)]
WORD = "長照服務"
QUERIES = [WORD, "", vocab().no_hit_query]

# The box has no form and no inline handler: only the listener in the script body runs the search.
LISTENER_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>新竹市示範局</title></head>
<body><header><div class="searchBox"><label for="kw">站內搜尋</label>
<input type="text" id="kw" title="請輸入關鍵字"><button type="button" id="go">搜尋</button></div></header>
<main><ul>%s</ul></main>
<script>
function go() { location.href = '/find.html?kw=' + encodeURIComponent(document.getElementById('kw').value); }
document.getElementById('go').addEventListener('click', go);
document.getElementById('kw').addEventListener('keydown', function (e) { if (e.key === 'Enter') go(); });
</script></body></html>"""

# The results page is an empty shell: the count, the list, the pager and the sort links arrive by fetch().
RESULTS_SHELL = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>搜尋結果</title></head>
<body><main id="main"><h1>搜尋結果</h1><div id="out"></div></main>
<script>
var params = new URLSearchParams(location.search), kw = params.get('kw') || '';
fetch('/api/search?' + params.toString()).then(function (r) { return r.json(); }).then(function (d) {
  var out = document.getElementById('out'), base = '/find.html?kw=' + encodeURIComponent(kw);
  if (!kw) { out.innerHTML = '<p>請輸入關鍵字</p>'; return; }
  if (!d.items.length) { out.innerHTML = '<p>查無資料</p>'; return; }
  var html = '<p>共 ' + d.total + ' 筆</p><div class="sort">排序：'
    + '<a href="' + base + '&sort=rel">相關度</a> <a href="' + base + '&sort=date">日期</a> '
    + '<a href="' + base + '&sort=cat">分類</a></div><ul class="results">';
  d.items.forEach(function (t) { html += '<li><a href="/news/' + t.id + '.html">' + t.title + '</a></li>'; });
  html += '</ul><div class="pagination">';
  for (var p = 1; p <= d.pages; p++) {
    html += p === d.page ? '<span>' + p + '</span> ' : '<a href="' + base + '&p=' + p + '">' + p + '</a> ';
  }
  out.innerHTML = html + '</div>';
});
</script></body></html>"""

# Everything in place: the results, a script pager and a sort select are rendered into the homepage itself.
AJAX_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>新竹市示範處</title></head>
<body><header><div class="search-area" role="search"><input type="search" id="qbox" aria-label="全站搜尋">
<a href="javascript:void(0)" id="qgo">搜尋</a></div></header>
<main id="main"><div id="out"></div></main>
<script>
var state = {kw: '', page: 1, sort: 'rel'};
function render() {
  fetch('/api/search?kw=' + encodeURIComponent(state.kw) + '&p=' + state.page + '&sort=' + state.sort)
    .then(function (r) { return r.json(); }).then(function (d) {
      var out = document.getElementById('out');
      if (!state.kw) { out.innerHTML = '<p>請輸入關鍵字</p>'; return; }
      if (!d.items.length) { out.innerHTML = '<p>查無資料</p>'; return; }
      var html = '<p>搜尋結果：共 ' + d.total + ' 筆</p><label for="sort">排序</label><select id="sort" name="sort">'
        + '<option value="rel"' + (state.sort === 'rel' ? ' selected' : '') + '>依相關度</option>'
        + '<option value="date"' + (state.sort === 'date' ? ' selected' : '') + '>依日期</option></select>'
        + '<ul class="results">';
      d.items.forEach(function (t) { html += '<li><a href="/news/' + t.id + '.html">' + t.title + '</a></li>'; });
      html += '</ul><div class="pager">';
      for (var p = 1; p <= d.pages; p++) {
        html += p === d.page ? '<span>' + p + '</span> '
                             : '<a href="javascript:void(0)" onclick="state.page=' + p + ';render()">' + p + '</a> ';
      }
      out.innerHTML = html + '</div>';
      document.getElementById('sort').addEventListener('change', function () {
        state.sort = this.value; state.page = 1; render();
      });
    });
}
document.getElementById('qgo').addEventListener('click', function () {
  state.kw = document.getElementById('qbox').value; state.page = 1; render();
});
</script></body></html>"""

# A form whose action is javascript: and whose submit listener sends the query to another engine.
EXTERNAL_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>新竹市示範所</title></head>
<body><header><form id="sf" action="javascript:void(0)" role="search">
<input type="text" name="q" title="站內搜尋關鍵字"><input type="submit" value="搜尋"></form></header>
<main><ul>%s</ul></main>
<script>
document.getElementById('sf').addEventListener('submit', function (e) {
  e.preventDefault();
  location.href = '%s/search?q=' + encodeURIComponent(this.q.value) + '&site=' + location.host;
});
</script></body></html>"""

# Looks like a search box, but its button is wired to nothing.
DEAD_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>新竹市停用局</title></head>
<body><header><div class="search"><input type="search" id="q" title="請輸入關鍵字">
<button type="button">搜尋</button></div></header><main><p>本局簡介</p></main></body></html>"""


def _links(words: tuple[str, ...]) -> str:
    return "".join(f"<li><a href='/n{i}.html'>{WORD}{w}</a></li>" for i, w in enumerate(words))


class _Handler(QuietHandler):
    """One fixture site: its pages by path, the JSON search API its scripts call, or the outside engine."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        parts = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(parts.query).items()}
        page = self.server.pages.get(parts.path)
        if parts.path == "/api/search":
            kw = params.get("kw", "")
            hits = [{"id": ITEMS.index(t), "title": t} for t in ITEMS if kw and kw in t]
            if params.get("sort") == "date":
                hits.reverse()
            number = int(params.get("p", "1"))
            body = json.dumps({"total": len(hits), "page": number, "pages": (len(hits) + 9) // 10,
                               "items": hits[(number - 1) * 10: number * 10]}, ensure_ascii=False)
            return self._send(body, "application/json; charset=utf-8")
        if parts.path == "/search" and self.server.engine:
            q = params.get("q", "")
            rows = "".join(f"<li><a href='http://127.0.0.1/r{i}'>{q} 相關網頁 {i}</a></li>" for i in range(10))
            return self._send(f"<html><body><main><p>約有 120 項結果</p><ol>{rows}</ol></main></body></html>")
        if page is not None:
            return self._send(page)
        if parts.path == "/robots.txt":
            return self._send("User-agent: *\nDisallow:\n", "text/plain")
        return self._send("<html><body><main><p>內容頁</p></main></body></html>")


@dataclass
class _Sites:
    listener: str
    external: str
    dead: str
    ajax: str
    engine: str


@contextmanager
def _serve() -> Iterator[_Sites]:
    servers = []

    def start(host: str, pages: dict[str, str], engine: bool = False) -> str:
        server = ThreadingHTTPServer((host, 0), _Handler)
        server.daemon_threads = True
        server.pages, server.engine = pages, engine
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{host}:{server.server_port}"

    engine = start("127.0.0.2", {}, engine=True)
    sites = _Sites(
        listener=start("127.0.0.1", {"/": LISTENER_HOME % _links(("申請", "據點", "專區", "補助")),
                                     "/find.html": RESULTS_SHELL}),
        external=start("127.0.0.1", {"/": EXTERNAL_HOME % (_links(("申請", "據點", "補助")), engine)}),
        dead=start("127.0.0.1", {"/": DEAD_HOME}),
        ajax=start("127.0.0.1", {"/": AJAX_HOME}),
        engine=engine)
    try:
        yield sites
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def _discover(base: str, markup: str) -> dict:
    home = base + "/"
    forms = search_forms(lxml.html.fromstring(markup), home)
    return {"kind": "discover", "url": home, "method": "GET", "q": None, "status": 200, "error": None,
            "response_ms": None, "final_url": home, "fetched_at": "",
            "facts": {"source": "homepage", "forms": forms, "chosen": forms[0] if forms else None,
                      "queries": QUERIES}}


def _run(base: str, markup: str) -> list[dict]:
    discovery = _discover(base, markup)
    assert discovery["facts"]["chosen"]["needs_browser"], discovery["facts"]["chosen"]
    job = search_job("demo", (urlsplit(base).hostname,), [discovery])
    assert job is not None and job.queries == QUERIES
    results = list(run_searches([job], BrowserOptions(page_timeout=20.0)))
    assert len(results) == 1
    return [discovery] + [asdict(record) for record in results[0][1]]


@pytest.fixture(scope="module")
def sites() -> Iterator[_Sites]:
    with _serve() as served:
        yield served


def test_listener_box_runs_in_the_browser_with_pagination_and_sort(sites):
    probes = _run(sites.listener, LISTENER_HOME % _links(("申請", "據點", "專區", "補助")))
    by_kind = {p["kind"]: p for p in probes}
    assert sorted(by_kind) == ["discover", "empty", "no-hit", "page2", "sort", "word"]
    word = by_kind["word"]
    assert word["url"] == f"{sites.listener}/find.html?kw={quote(WORD)}"
    assert word["facts"]["via"] == "browser" and word["facts"]["changed"] == "navigation"
    assert word["status"] == 200 and word["response_ms"] is not None and word["response_ms"] >= 0
    assert word["facts"]["count"] == 23 and word["facts"]["listed"] == 10
    assert by_kind["page2"]["url"].endswith("&p=2") and by_kind["page2"]["facts"]["differs"] is True
    assert by_kind["sort"]["facts"]["sort_key"] == "time" and by_kind["sort"]["url"].endswith("&sort=date")
    site = site_with(probes, start=sites.listener + "/")
    summary = summarize_search(site)
    assert summary["found"] and summary["engine"] == "site" and summary["form_url"] == sites.listener + "/"
    assert summary["paginated"] and summary["page2_differs"] is True
    assert summary["sort_options"] == ["relevance", "time", "topic"]
    assert summary["queries"] == [{"q": WORD, "url": word["url"], "results": 23, "pages": 3, "status": 200,
                                   "response_ms": word["response_ms"]}]
    assert summary["no_hit_query"]["results"] == 0 and summary["no_hit_query"]["message"] == "查無資料"
    assert summary["empty_query"]["status"] == 200
    assert list(check_search(site)) == []


def test_results_rendered_in_place_with_a_script_pager_and_a_sort_select(sites):
    probes = _run(sites.ajax, AJAX_HOME)
    by_kind = {p["kind"]: p for p in probes}
    assert sorted(by_kind) == ["discover", "empty", "no-hit", "page2", "sort", "word"]
    word = by_kind["word"]
    assert word["url"] == sites.ajax + "/" and word["facts"]["changed"] == "dom"
    assert word["facts"]["count"] == 23 and word["facts"]["page2_url"] is None  # the pager is script only
    page2 = by_kind["page2"]
    assert page2["facts"]["changed"] == "dom" and page2["facts"]["differs"] is True
    assert page2["facts"]["result_links"][0].endswith("/news/10.html")
    sort = by_kind["sort"]
    assert sort["facts"]["sort_key"] == "time" and sort["facts"]["result_links"][0].endswith("/news/22.html")
    site = site_with(probes, start=sites.ajax + "/")
    summary = summarize_search(site)
    assert summary["paginated"] and summary["page2_differs"] is True
    assert summary["sort_options"] == ["relevance", "time"]
    assert summary["queries"][0]["results"] == 23
    assert [f.check for f in check_search(site)] == ["search.no-sort"]  # no topic sort


def test_script_box_handing_the_query_to_another_engine_is_external(sites):
    probes = _run(sites.external, EXTERNAL_HOME % (_links(("申請", "據點", "補助")), sites.engine))
    queries = [p for p in probes if p["kind"] != "discover"]
    assert len(queries) == 1  # one query is the evidence; the outside engine is not probed further
    assert queries[0]["url"].startswith(f"{sites.engine}/search?q={quote(WORD)}")
    assert queries[0]["facts"]["external_url"] == queries[0]["url"]
    site = site_with(probes, start=sites.external + "/")
    summary = summarize_search(site)
    assert summary["found"] and summary["engine"] == "external" and summary["sort_options"] == []
    findings = list(check_search(site))
    assert [f.check for f in findings] == ["search.external"]
    assert findings[0].evidence["via"] == "script-navigation" and findings[0].target == queries[0]["url"]


def test_box_that_does_nothing_is_one_not_probed_finding(sites):
    probes = _run(sites.dead, DEAD_HOME)
    queries = [p for p in probes if p["kind"] != "discover"]
    assert [p["error"] for p in queries] == ["script-box"]  # the other queries are not tried on a dead box
    assert "無任何變化" in queries[0]["facts"]["error_detail"]
    findings = list(check_search(site_with(probes, start=sites.dead + "/")))
    assert [f.check for f in findings] == ["search.not-probed"]
    assert findings[0].evidence["reason"] == "script-failed" and findings[0].severity == "info"


def test_missing_chromium_is_recorded_as_the_reason(sites, monkeypatch):
    monkeypatch.setenv("GOVAUDIT_CHROMIUM", "/nonexistent/chromium")
    discovery = _discover(sites.dead, DEAD_HOME)
    job = search_job("demo", ("127.0.0.1",), [discovery])
    (_, records), = run_searches([job], BrowserOptions())
    assert [(r.kind, r.error) for r in records] == [("browser", "browser-unavailable")]
    findings = list(check_search(site_with([discovery, asdict(records[0])], start=sites.dead + "/")))
    assert [f.evidence["reason"] for f in findings] == ["browser-unavailable"]
    assert "Chromium" in findings[0].message


def _audit(tmp_path, sites: _Sites, *flags: str) -> dict:
    agencies = tmp_path / "agencies.csv"
    with agencies.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "group", "url", "notes"])
        writer.writerow(["script", "新竹市示範局", "1", sites.listener + "/", ""])
        writer.writerow(["outside", "新竹市示範所", "2", sites.external + "/", ""])
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "crawler.cli", "run", "--agencies", str(agencies), "--out",
                             str(out), "--as-of", "2026-11-29", "--timeout", "5", "--max-pages", "10",
                             "--axe-pages", "1", *flags], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return {agency: json.loads((out / agency / "findings.json").read_text(encoding="utf-8"))
            for agency in ("script", "outside")}


def _search_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["check"].startswith("search.")]


def test_govaudit_run_probes_script_boxes_in_the_browser_phase(tmp_path, sites):
    reports = _audit(tmp_path, sites)
    script = reports["script"]["summary"]["search"]
    assert script["engine"] == "site" and script["paginated"] and script["page2_differs"] is True
    assert script["sort_options"] == ["relevance", "time", "topic"]
    assert script["queries"][0]["results"] == 23 and "/find.html?kw=" in script["queries"][0]["url"]
    assert _search_findings(reports["script"]) == []
    outside = reports["outside"]["summary"]["search"]
    assert outside["engine"] == "external" and outside["queries"][0]["url"].startswith(sites.engine)
    assert [f["check"] for f in _search_findings(reports["outside"])] == ["search.external"]


def test_govaudit_run_without_browser_says_why_the_box_was_not_probed(tmp_path, sites):
    reports = _audit(tmp_path, sites, "--no-browser")
    for report in reports.values():
        findings = _search_findings(report)
        assert [(f["check"], f["evidence"]["reason"]) for f in findings] == [("search.not-probed",
                                                                                "browser-disabled")]
        assert "--no-browser" in findings[0]["message"]
