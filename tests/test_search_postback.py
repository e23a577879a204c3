"""ASP.NET WebForms search whose pager is __doPostBack links: page 2 is fetched by re-posting the form with
__EVENTTARGET / __EVENTARGUMENT and __VIEWSTATE, against a loopback server, and compared with page 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs

import lxml.html

from checks.search import check_search, results_facts, summarize_search
from tests.test_search import CRAWL_SCRIPT, REPO, QuietHandler, site_with

ITEMS = [f"長照服務公告第{i}則" for i in range(1, 26)]
PAGER = "ctl00$ContentPlaceHolder1$gvResult"
PAGE_SIZE = 10


def _page(body: str, state: str, keyword: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><title>臺北市示範處</title></head><body>
<form method="post" action="./Search.aspx" id="form1">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{state}">
<script>function __doPostBack(t, a) {{ var f = document.getElementById('form1');
f.__EVENTTARGET.value = t; f.__EVENTARGUMENT.value = a; f.submit(); }}</script>
<div class="header"><div class="search"><label for="txtKeyword">站內搜尋</label>
<input name="ctl00$txtKeyword" type="text" id="txtKeyword" value="{keyword}" title="請輸入關鍵字">
<input type="submit" name="ctl00$btnSearch" value="搜尋" id="btnSearch"></div></div>
<div id="CCMS_Content">{body}</div></form></body></html>"""


def _results(keyword: str, page: int) -> str:
    hits = [t for t in ITEMS if keyword and keyword in t]
    if not hits:
        return "<p>查無資料</p>"
    shown = hits[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    rows = "".join(f"<tr><td><a href='News_Content.aspx?n={ITEMS.index(t)}'>{t}</a></td></tr>" for t in shown)
    pages = (len(hits) + PAGE_SIZE - 1) // PAGE_SIZE
    pager = "".join(f"<td><span>{p}</span></td>" if p == page else
                    f"<td><a href=\"javascript:__doPostBack('{PAGER}','Page${p}')\">{p}</a></td>"
                    for p in range(1, pages + 1))
    return (f"<p>查詢結果：共 {len(hits)} 筆</p><table class='result' id='gvResult'>{rows}"
            f"<tr class='pager'><td><table><tr>{pager}</tr></table></td></tr></table>")


class _AspNetHandler(QuietHandler):
    """Search.aspx: the search button posts the keyword; the pager posts its event with the view state."""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        if self.path == "/robots.txt":
            return self._send("User-agent: *\nDisallow:\n", "text/plain")
        if self.path in ("/", "/Search.aspx"):
            links = "".join(f"<a href='cp.aspx?n={i}'>長照服務{w}</a> " for i, w in enumerate(("申請", "據點", "補助")))
            return self._send(_page(links, "home"))
        return self._send("<html><body><p>頁面</p></body></html>")

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True).items()}
        self.server.posts.append(form)
        keyword = form.get("ctl00$txtKeyword", "")
        page = 1
        if form.get("__EVENTTARGET") == PAGER and form.get("__VIEWSTATE", "").startswith("results:"):
            page = int(form.get("__EVENTARGUMENT", "Page$1").split("$")[1])
            keyword = form["__VIEWSTATE"].split(":", 1)[1]  # the server trusts its view state, not the box
        elif "ctl00$btnSearch" not in form:
            return self._send(_page("<p>無效的回傳</p>", "home"))
        return self._send(_page(_results(keyword, page), f"results:{keyword}", keyword))


def test_postback_pager_is_read_from_the_results_page():
    facts = results_facts(lxml.html.fromstring(_page(_results("長照服務", 1), "results:長照服務")),
                          "http://127.0.0.1/Search.aspx", "ctl00$txtKeyword")
    assert facts["paginated"] and facts["postback_pagination"] and facts["page2_url"] is None
    assert facts["page2_postback"] == [PAGER, "Page$2"]
    assert facts["count"] == 25 and facts["listed"] == 10


def test_scrapy_fetches_postback_page_two_with_the_view_state(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AspNetHandler)
    server.daemon_threads = True
    server.posts = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    start = f"http://127.0.0.1:{server.server_port}/"
    try:
        out, script = tmp_path / "probes.json", tmp_path / "crawl.py"
        script.write_text(CRAWL_SCRIPT, encoding="utf-8")
        result = subprocess.run([sys.executable, str(script), str(out), start], cwd=REPO, capture_output=True,
                                text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert result.returncode == 0, result.stderr[-3000:]
        probes = json.loads(out.read_text(encoding="utf-8"))
    finally:
        server.shutdown()
    page2 = [p for p in probes if p["kind"] == "page2"]
    assert len(page2) == 1, [p["kind"] for p in probes]
    assert page2[0]["method"] == "POST" and page2[0]["status"] == 200
    assert page2[0]["facts"]["postback"] == [PAGER, "Page$2"]
    assert page2[0]["facts"]["differs"] is True
    assert page2[0]["facts"]["result_links"][0].endswith("News_Content.aspx?n=10")
    pager_posts = [p for p in server.posts if p.get("__EVENTTARGET") == PAGER]
    assert len(pager_posts) == 1 and pager_posts[0]["__EVENTARGUMENT"] == "Page$2"
    assert "ctl00$btnSearch" not in pager_posts[0]  # the pager's event, not a second search
    site = site_with(probes, start=start)
    summary = summarize_search(site)
    assert summary["paginated"] and summary["page2_differs"] is True and summary["method"] == "POST"
    assert summary["queries"][0]["results"] == 25
    assert "search.no-pagination" not in {f.check for f in check_search(site)}
