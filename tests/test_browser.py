"""The browser phase against real headless Chromium: axe findings (frames included), timeouts, crashes, restarts.
Pages are served on 127.0.0.1 only; a missing Chromium fails these tests instead of skipping them."""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import lxml.html
import pytest

from checks.a11y.axe_map import AXE_RULES, DEFAULT_TAGS, UNRENDERED_CHECK, axe_findings
from checks.a11y.static import check_page
from checks.accessibility import merge_static_and_axe
from crawler import browser
from crawler.browser import BrowserOptions, PageAudit, audit_pages, axe_script, browser_available

# 1×1 transparent PNG: images stay on loopback (inline) and still count as images for axe.
PIXEL = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
         "60e6kgAAAABJRU5ErkJggg==")

PAGES: dict[str, str] = {
    "/violations.html": f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>違規示範頁</title></head>
<body>
<div><p>首頁</p></div>
<div>
  <img src="{PIXEL}" width="40" height="40">
  <a href="/clean.html"></a>
  <p style="color:#bbbbbb;background:#ffffff">淡灰色的說明文字對比不足</p>
  <iframe src="/frame.html" title="內嵌頁框" width="300" height="120"></iframe>
</div>
</body></html>""",
    "/frame.html": f"""<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>頁框內容</title></head>
<body><main><p>頁框文字</p><img src="{PIXEL}" width="30" height="30"></main></body></html>""",
    "/clean.html": f"""<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>乾淨的頁面</title></head>
<body>
<header><a href="#main">跳到主要內容</a></header>
<main id="main"><h1>市政公告</h1>
<p style="color:#222;background:#fff">本頁沒有無障礙問題。</p>
<img src="{PIXEL}" alt="市徽" width="20" height="20">
<p><a href="/violations.html">另一頁</a></p>
<form><label for="q">關鍵字</label><input id="q" name="q" type="search"></form>
</main></body></html>""",
    "/hang.html": """<!DOCTYPE html><html lang="zh-Hant"><head><title>卡住</title></head>
<body><script>while (true) {}</script></body></html>""",
    "/mark.html": f"""<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>標章由程式產生</title></head>
<body><main><h1>頁尾</h1><footer id="badge"></footer></main>
<script>
setTimeout(function () {{
  var a = document.createElement('a');
  a.href = 'https://accessibility.moda.gov.tw/Applications/Detail?category=20220830155044';
  a.title = '移至無障礙標章網頁（另開新視窗）';
  a.innerHTML = '<img alt="通過AA檢測等級無障礙網頁檢測" src="{PIXEL}" width="88" height="31">';
  document.getElementById('badge').appendChild(a);
}}, 0);
</script></body></html>""",
    # Class CSS hides what the static rules would flag; the second ghost shows its child again.
    "/hidden.html": f"""<!DOCTYPE html>
<html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>隱藏的選單</title>
<style>.menu {{ display: none }} .ghost {{ visibility: hidden }}</style></head>
<body><nav class="menu"><a href="/clean.html"><img src="{PIXEL}"></a></nav>
<div class="ghost"><img src="{PIXEL}"></div>
<div class="ghost"><span style="visibility: visible"><img src="{PIXEL}"></span></div>
<table><tr style="display: none"><td>舊資料</td></tr><tr><td>新資料</td></tr></table>
<main><h1>內容</h1><img src="{PIXEL}"></main></body></html>""",
    "/data.xml": """<?xml version="1.0" encoding="utf-8"?><records><record lang="zh">公告</record></records>""",
    "/tall.html": """<!DOCTYPE html><html lang="zh-Hant"><head><meta charset="utf-8"><title>很長的頁面</title></head>
<body style="margin:0"><main><h1>長頁</h1><div style="height:6000px;background:linear-gradient(#fff,#036)"></div>
</main></body></html>""",
    "/rules.html": """<!DOCTYPE html><html lang="en"><head><title>rules</title><script src="/axe.min.js"></script></head>
<body><main><h1>rules</h1><script>
document.title = JSON.stringify(axe.getRules(%s).map(function (r) { return r.ruleId; }));
</script></main></body></html>""" % json.dumps(list(DEFAULT_TAGS) + ["wcag22a", "wcag22aa"]),
}
SLOW_SECONDS = 8.0


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True  # a sleeping handler must not hold up shutdown
    allow_reuse_address = True
    request_queue_size = 128

    def get_request(self):
        conn, addr = super().get_request()
        # Without TCP_NODELAY every keep-alive response stalls ~40 ms (Nagle + delayed ACK).
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn, addr

    def handle_error(self, request, client_address) -> None:
        pass  # the browser drops connections it no longer needs (timeouts, crashes); that is expected


@dataclass
class Served:
    base: str
    hits: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path


@contextmanager
def serve(handler_factory: Callable[[Served], type[BaseHTTPRequestHandler]]) -> Iterator[Served]:
    server = LoopbackServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    served = Served(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = handler_factory(served)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def serve_directory(root: Path) -> Iterator[Served]:
    def factory(served: Served) -> type[BaseHTTPRequestHandler]:
        class Handler(SimpleHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def log_message(self, format, *args) -> None:  # noqa: A002 - base-class signature
                pass
        return Handler
    with serve(factory) as served:
        yield served


def _pages_handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args) -> None:  # noqa: A002 - base-class signature
            pass

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            served.hits[path] = served.hits.get(path, 0) + 1
            if path == "/freeze.html":
                _freeze_own_chromedrivers()
                body, kind = b"<!DOCTYPE html><html lang='zh'><title>frozen</title></html>", "text/html"
            elif path == "/slow.html":
                time.sleep(SLOW_SECONDS)
                body, kind = b"<!DOCTYPE html><html lang='zh'><title>slow</title><p>late</p></html>", "text/html"
            elif path == "/axe.min.js":
                body, kind = axe_script().encode("utf-8"), "text/javascript"
            elif path in PAGES:
                body = PAGES[path].encode("utf-8")
                kind = "text/xml; charset=utf-8" if path.endswith(".xml") else "text/html; charset=utf-8"
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # the browser gave up on a slow page
    return Handler


def _freeze_own_chromedrivers() -> None:
    """SIGSTOP the chromedriver processes this test process started: WebDriver calls then block for good."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        name, rest = text[text.index("(") + 1: text.rindex(")")], text[text.rindex(")") + 2:].split()
        if name == "chromedriver" and int(rest[1]) == os.getpid():
            os.kill(int(stat.parent.name), signal.SIGSTOP)


@pytest.fixture(scope="module")
def site() -> Iterator[Served]:
    available, reason = browser_available()
    if not available:
        pytest.fail(f"Chromium/chromedriver are required for the browser phase and its tests: {reason}",
                    pytrace=False)
    with serve(_pages_handler) as served:
        yield served


def run(urls: list[str], **options) -> dict[str, PageAudit]:
    shots = options.pop("screenshot_urls", ())
    options.setdefault("workers", 1)
    options.setdefault("page_timeout", 15.0)
    audits = list(audit_pages(urls, BrowserOptions(**options), shots))
    assert sorted(a.url for a in audits) == sorted(urls), "every URL yields exactly one audit"
    return {audit.url: audit for audit in audits}


def rules_of(audit: PageAudit) -> dict[str, list]:
    return {v.rule: v.nodes for v in audit.violations}


@pytest.fixture(scope="module")
def violations_audit(site: Served) -> PageAudit:
    return run([site.url("/violations.html")])[site.url("/violations.html")]


def test_known_violations_are_found_with_browser_xpaths(violations_audit: PageAudit):
    audit = violations_audit
    assert audit.status == "ok", audit.error
    assert audit.axe_version == "4.10.2"
    assert audit.title == "違規示範頁"
    found = rules_of(audit)
    assert {"image-alt", "link-name", "html-has-lang", "color-contrast"} <= set(found), sorted(found)
    for violation in audit.violations:
        assert violation.nodes
        for node in violation.nodes:
            assert node.xpath.startswith("/html"), (violation.rule, node)
            assert len(node.html) <= 300
    assert [n.xpath for n in found["html-has-lang"]] == ["/html"]
    # Two <div> siblings under <body>: lxml's getpath style indexes them; the lone <a> gets no index.
    assert [n.xpath for n in found["link-name"]] == ["/html/body/div[2]/a"]
    assert any(n.xpath == "/html/body/div[2]/p" for n in found["color-contrast"])
    image_paths = sorted(n.xpath for n in found["image-alt"])
    top = [p for p in image_paths if " >>> " not in p]
    in_frame = [n for n in found["image-alt"] if " >>> " in n.selector]
    assert top == ["/html/body/div[2]/img"]
    assert len(in_frame) == 1, [n.selector for n in found["image-alt"]]
    assert in_frame[0].xpath == "/html/body/div[2]/iframe >>> /html/body/main/img"
    assert in_frame[0].selector.split(" >>> ")[0].startswith("iframe")
    image_alt = next(v for v in audit.violations if v.rule == "image-alt")
    assert image_alt.wcag == ["1.1.1"] and image_alt.level == "A"
    contrast = next(v for v in audit.violations if v.rule == "color-contrast")
    assert contrast.wcag == ["1.4.3"] and contrast.level == "AA"


def test_clean_page_has_no_violations(site: Served):
    audit = run([site.url("/clean.html")])[site.url("/clean.html")]
    assert audit.status == "ok", audit.error
    assert audit.violations == [], [(v.rule, [n.selector for n in v.nodes]) for v in audit.violations]
    assert audit.marks == []


def test_unrendered_subtrees_make_static_findings_unconfirmed(site: Served):
    url = site.url("/hidden.html")
    audit = run([url])[url]
    assert audit.status == "ok", audit.error
    assert audit.hidden == ["/html/body/nav", "/html/body/div[1]", "/html/body/table/tbody/tr[1]"]
    static = check_page(lxml.html.document_fromstring(PAGES["/hidden.html"]), url)
    merged = merge_static_and_axe([*static, *axe_findings(audit)])
    image_alt = {f.evidence["locator"]: f for f in merged if f.evidence.get("rule") in ("img-alt", "image-alt")}
    assert image_alt["/html/body/nav/a/img"].severity == "info"  # the static rules cannot see class CSS
    assert image_alt["/html/body/nav/a/img"].evidence["hidden_root"] == "/html/body/nav"
    assert image_alt["/html/body/div[1]/img"].severity == "info"
    # Rendered images stay failures; axe found them too, so each is one finding.
    for locator in ("/html/body/div[2]/span/img", "/html/body/main/img"):
        assert image_alt[locator].severity == "error" and image_alt[locator].evidence["source"] == "static+axe"
    assert not any(f.check == UNRENDERED_CHECK for f in merged)


def test_a_document_that_is_not_html_is_skipped(site: Served):
    # Chromium shows XML through its own tree viewer; axe would audit the viewer, not the document.
    audit = run([site.url("/data.xml")])[site.url("/data.xml")]
    assert audit.status == "skipped" and "xml" in audit.error, audit.error
    assert audit.violations == [] and audit.hidden == []


def test_timeout_crash_and_hang_do_not_lose_the_run(site: Served):
    """A slow server, a renderer in an endless loop and a crashed tab each cost one page, no more."""
    urls = [site.url("/slow.html"), site.url("/clean.html"), "chrome://crash", site.url("/violations.html"),
            site.url("/hang.html"), site.url("/mark.html")]
    started = time.monotonic()
    audits = run(urls, page_timeout=3.0, restart_after=100)
    elapsed = time.monotonic() - started
    assert audits[site.url("/slow.html")].status == "timeout"
    assert audits["chrome://crash"].status == "crashed", audits["chrome://crash"]
    assert "crash" in audits["chrome://crash"].error
    assert audits[site.url("/hang.html")].status == "timeout"
    for path in ("/clean.html", "/violations.html", "/mark.html"):
        assert audits[site.url(path)].status == "ok", audits[site.url(path)]
    assert rules_of(audits[site.url("/violations.html")])
    # Three failures at 3 s each plus restarts; the watchdog (page_timeout + 20 s) never had to fire.
    assert elapsed < 45, elapsed


def test_watchdog_kills_an_unresponsive_chromedriver(site: Served, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(browser, "_WATCHDOG_GRACE_S", 1.0)
    frozen, clean = site.url("/freeze.html"), site.url("/clean.html")
    started = time.monotonic()
    audits = run([frozen, clean], page_timeout=3.0)
    assert audits[frozen].status == "timeout" and "unresponsive" in audits[frozen].error, audits[frozen]
    assert audits[clean].status == "ok", audits[clean]
    assert time.monotonic() - started < 20


def test_restart_after_two_pages_with_five_urls(site: Served):
    urls = [site.url(p) for p in ("/clean.html", "/violations.html", "/mark.html", "/tall.html", "/frame.html")]
    audits = run(urls, restart_after=2)
    assert all(a.status == "ok" for a in audits.values()), [(a.url, a.error) for a in audits.values()]
    assert rules_of(audits[site.url("/violations.html")])


def _fingerprint(audits: dict[str, PageAudit]) -> dict[str, list]:
    return {url: sorted((v.rule, n.selector, n.xpath) for v in a.violations for n in v.nodes)
            for url, a in audits.items()}


def test_two_workers_match_one_worker(site: Served):
    urls = [site.url(p) for p in ("/violations.html", "/clean.html", "/frame.html", "/mark.html", "/tall.html",
                                  "/violations.html?again")]
    one = run(urls, workers=1)
    two = run(urls, workers=2)
    assert all(a.status == "ok" for a in two.values())
    assert _fingerprint(one) == _fingerprint(two)


def test_script_rendered_mark_is_seen(site: Served):
    audit = run([site.url("/mark.html")])[site.url("/mark.html")]
    assert audit.status == "ok", audit.error
    assert len(audit.marks) == 1, audit.marks
    mark = audit.marks[0]
    assert mark["href"] == "https://accessibility.moda.gov.tw/Applications/Detail?category=20220830155044"
    assert mark["alt"] == "通過AA檢測等級無障礙網頁檢測"
    assert mark["title"] == "移至無障礙標章網頁（另開新視窗）"
    assert mark["img_src"].startswith("data:image/png")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def test_screenshots_are_png_capped_at_4000_px(site: Served, tmp_path: Path):
    tall, clean = site.url("/tall.html"), site.url("/clean.html")
    audits = run([tall, clean], screenshot_dir=tmp_path, screenshot_urls={tall, clean}, width=1000)
    for url in (tall, clean):
        assert audits[url].screenshot, audits[url]
        data = Path(audits[url].screenshot).read_bytes()
        width, height = _png_size(data)
        assert width == 1000 or width > 900, width
        assert 1 <= height <= 4000
    assert _png_size(Path(audits[tall].screenshot).read_bytes())[1] == 4000
    assert len(list(tmp_path.glob("*.png"))) == 2


def test_no_screenshot_unless_asked(site: Served, tmp_path: Path):
    audit = run([site.url("/clean.html")], screenshot_dir=tmp_path)[site.url("/clean.html")]
    assert audit.screenshot is None and not list(tmp_path.iterdir())


def test_axe_findings_mapping(violations_audit: PageAudit):
    findings = axe_findings(violations_audit)
    image = [f for f in findings if f.check == "a11y.axe.image-alt"]
    assert len(image) == 2
    for finding in image:
        assert finding.severity == "error" and finding.indicator == "2.1.2"
        assert finding.evidence["code"] == "HM1110100C"
        assert finding.evidence["wcag"] == ["1.1.1"] and finding.evidence["level"] == "A"
        assert finding.evidence["source"] == "axe" and finding.evidence["ruleset"] == "110.07"
        assert finding.evidence["locator"].startswith("/html/body/")
        assert finding.message.startswith("圖片缺少替代文字")
    assert len({f.finding_id for f in findings}) == len(findings)
    lang = next(f for f in findings if f.check == "a11y.axe.html-has-lang")
    assert lang.evidence["code"] == "HM1310100C"
    link = next(f for f in findings if f.check == "a11y.axe.link-name")
    assert link.evidence["code"] == "HM1240401C" and link.evidence["wcag"] == ["2.4.4", "4.1.2"]


def test_browser_error_is_a_finding(site: Served):
    audit = run(["chrome://crash"])["chrome://crash"]
    findings = axe_findings(audit)
    assert [f.check for f in findings] == ["a11y.browser-error"]
    assert findings[0].severity == "info" and findings[0].evidence["status"] == "crashed"


def test_rule_table_covers_every_wcag_rule_of_this_axe(site: Served):
    """AXE_RULES was listed from axe.getRules(); a new axe version with new rules fails here."""
    audit = run([site.url("/rules.html")])[site.url("/rules.html")]
    assert audit.status == "ok", audit.error
    live = set(json.loads(audit.title))
    assert live <= set(AXE_RULES), sorted(live - set(AXE_RULES))
    assert all(info.title_zh and info.fix_zh for info in AXE_RULES.values())
