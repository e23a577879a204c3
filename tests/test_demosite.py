"""Tests for the demo site: served behaviour, determinism, and a ground truth that a correct crawler reproduces.
An independent stdlib + lxml crawler below walks the live servers and must find exactly the truth."""

from __future__ import annotations

import datetime
import http.client
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest

from demosite.server import serve_demo
from demosite.site import (DEMO_AS_OF, MAX_REDIRECTS, SLOW_SECONDS, STALE_DAYS, build_site,
                           canonical_url, truth_json)

ROOT = Path(__file__).resolve().parents[1]
BASES = ("http://127.0.0.1:18123", "http://127.0.0.2:18124", "http://127.0.0.1:9")


@pytest.fixture(scope="module")
def live():
    with serve_demo() as site:
        yield site


def _split(url: str) -> tuple[str, int, str]:
    parts = urlsplit(url)
    return parts.hostname, parts.port, parts.path + ("?" + parts.query if parts.query else "")


def fetch(url: str, method: str = "GET", timeout: float = 5.0):
    """One request, no redirects followed: (status, lower-cased headers, body)."""
    host, port, target = _split(url)
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, target)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


# ---------------------------------------------------------------- build

def test_build_is_deterministic():
    one, two = build_site(*BASES), build_site(*BASES)
    assert one.main == two.main and one.external == two.external
    assert one.soft_404 == two.soft_404 and one.not_found == two.not_found
    assert truth_json(one.truth) == truth_json(two.truth)
    json.loads(truth_json(one.truth))


def test_site_size_and_planted_counts():
    truth = build_site(*BASES).truth
    assert 280 <= len(truth["pages"]) <= 400
    reasons = {row["reason"] for row in truth["broken_links"]}
    assert reasons == {"http-404", "http-500", "http-403", "connection-refused", "timeout", "too-many-redirects"}
    assert 14 <= len(truth["stale_pages"]) <= 18
    assert len(truth["future_pages"]) == 2
    assert 8 <= len(truth["undated_pages"]) <= 12
    assert len(truth["soft_404"]) == 2 and len(truth["soft_404_pages"]) == 2
    assert {row["href"].split(":")[0] for row in truth["malformed_links"]} == {"mailto", "tel"}
    assert {e["source"] for e in truth["stale_pages"]} == {"label", "meta", "http"}


def test_filler_scales_without_touching_defects():
    base = build_site(*BASES).truth
    started = time.perf_counter()
    big = build_site(*BASES, n_filler=500).truth
    assert time.perf_counter() - started < 2.0
    assert len(big["pages"]) >= 800
    for key in ("stale_pages", "future_pages", "undated_pages", "soft_404", "malformed_links", "not_crawled",
                "external_ok"):
        assert big[key] == base[key], key
    assert {(r["target"], r["reason"]) for r in big["broken_links"]} == {
        (r["target"], r["reason"]) for r in base["broken_links"]}
    added = set(big["pages"]) - set(base["pages"])
    assert len(added) == len(big["pages"]) - len(base["pages"])
    assert all("/ch/home.jsp?id=3&" in url for url in added)


# ---------------------------------------------------------------- truth, internally

def test_truth_is_consistent():
    truth = build_site(*BASES).truth
    as_of = datetime.date.fromisoformat(truth["as_of"])
    threshold = as_of - datetime.timedelta(days=truth["stale_days"])
    assert as_of == DEMO_AS_OF and truth["stale_days"] == STALE_DAYS
    assert truth["stale_before"] == threshold.isoformat() == "2025-11-29"
    pages = set(truth["pages"])
    assert truth["pages"] == sorted(pages) and truth["start_url"] in pages
    for entry in truth["stale_pages"]:
        assert datetime.date.fromisoformat(entry["date"]) < threshold
        assert truth["page_dates"][entry["url"]]["date"] == entry["date"]
        assert (entry["label"] is None) == (entry["source"] != "label")
    for entry in truth["future_pages"]:
        assert datetime.date.fromisoformat(entry["date"]) > as_of
    stale = {e["url"] for e in truth["stale_pages"]}
    future = {e["url"] for e in truth["future_pages"]}
    undated = set(truth["undated_pages"])
    soft_pages = set(truth["soft_404_pages"])
    assert not (stale & undated) and not (future & undated) and not (stale & future)
    assert not (soft_pages & undated) and not (soft_pages & set(truth["page_dates"]))
    assert set(truth["page_dates"]) | undated | soft_pages == pages
    assert soft_pages <= pages
    assert all(row["source"] in pages for row in truth["broken_links"])
    assert all(row["target"] not in pages for row in truth["broken_links"])
    assert all("#" not in row["target"] for row in truth["broken_links"])
    pairs = [(row["source"], row["target"]) for row in truth["broken_links"]]
    assert len(pairs) == len(set(pairs))
    assert {row["target"] for row in truth["soft_404"]} == soft_pages
    assert not set(truth["not_crawled"]) & pages
    assert all("/private/" in url for url in truth["not_crawled"])
    traps = truth["traps"]
    footer = [row for row in truth["broken_links"] if row["target"] == traps["footer_broken"]]
    assert {row["source"] for row in footer} == pages  # the site-wide footer is on every page
    orphans = set(traps["orphans"])
    assert orphans <= pages and stale & orphans
    assert any(row["source"] in orphans for row in truth["broken_links"] if row["target"] != traps["footer_broken"])
    big5 = {traps["big5_header_charset"], traps["big5_meta_charset"]}
    assert big5 <= set(truth["page_dates"]) and big5 & stale
    assert any(row["source"] in big5 for row in truth["broken_links"] if row["target"] != traps["footer_broken"])
    trap_targets = ([traps["head_refused"], traps["retry_after_once"]] + traps["external_redirect"][:1])
    assert set(trap_targets) <= set(truth["external_ok"])
    broken_targets = {row["target"] for row in truth["broken_links"]}
    for url in traps["comment_links"] + traps["template_links"] + traps["redirect_chain"] + [traps["script_string"]]:
        assert url not in broken_targets
    assert traps["redirect_chain"][-1] in pages and not set(traps["redirect_chain"][:-1]) & pages
    for alias, primary in truth["aliases"].items():
        assert primary in pages and alias not in pages and canonical_url(alias) == canonical_url(primary)
    labels = {e["label"] for e in truth["page_dates"].values() if e["label"]}
    assert {"更新日期", "發布日期", "上版日期", "最後更新", "資料更新時間"} <= labels


# ---------------------------------------------------------------- served behaviour

def test_external_host_is_127_0_0_2(live):
    assert urlsplit(live.truth["traps"]["slow"]).hostname == "127.0.0.2"
    assert urlsplit(live.start_url).hostname == "127.0.0.1"


def test_every_page_answers_200_html(live):
    host, port, _ = _split(live.start_url)
    conn = http.client.HTTPConnection(host, port, timeout=5)
    for url in live.truth["pages"]:
        conn.request("GET", _split(url)[2])
        resp = conn.getresponse()
        body = resp.read()
        assert resp.status == 200, url
        assert resp.getheader("Content-Type").startswith("text/html"), url
        assert int(resp.getheader("Content-Length")) == len(body)
    conn.close()


def test_keep_alive_is_fast(live):
    # TCP_NODELAY: without it each response on a reused connection stalls ~40 ms.
    host, port, _ = _split(live.start_url)
    conn = http.client.HTTPConnection(host, port, timeout=5)
    started = time.perf_counter()
    for _ in range(40):
        conn.request("GET", "/ch/index.jsp")
        conn.getresponse().read()
    assert time.perf_counter() - started < 0.8
    conn.close()


def test_head_matches_get_everywhere(live):
    truth = live.truth
    samples = [truth["start_url"], truth["traps"]["internal_404"], truth["soft_404_pages"][0],
               truth["traps"]["http_500"], truth["traps"]["broken_attachment"], truth["robots_url"],
               truth["traps"]["redirect_chain"][0], truth["external_ok"][0]]
    for url in samples:
        get_status, get_headers, body = fetch(url)
        head_status, head_headers, head_body = fetch(url, "HEAD")
        assert head_status == get_status and head_body == b"", url
        assert head_headers["content-length"] == get_headers["content-length"] == str(len(body))
        assert head_headers["content-type"] == get_headers["content-type"]


def test_other_methods_are_405(live):
    for method in ("POST", "PUT", "DELETE", "OPTIONS"):
        status, headers, _ = fetch(live.start_url, method)
        assert status == 405 and "GET" in headers["allow"]


def test_planted_statuses(live):
    traps = live.truth["traps"]
    status, _, body = fetch(traps["internal_404"])
    assert status == 404 and "找不到網頁" in body.decode()
    assert fetch(traps["footer_broken"])[0] == 404
    assert fetch(traps["http_500"])[0] == 500
    assert fetch(next(r["target"] for r in live.truth["broken_links"] if r["reason"] == "http-403"))[0] == 403
    status, headers, _ = fetch(traps["broken_image"])
    assert status == 404
    assert fetch(traps["broken_attachment"])[0] == 404
    for url in live.truth["soft_404_pages"]:
        status, headers, body = fetch(url)
        text = body.decode()
        assert status == 200 and headers["content-type"].startswith("text/html")
        assert "找不到網頁" in text and "查無資料" in text
    # Any other id the CMS does not know is a soft 404 as well; other unknown paths are real 404s.
    assert fetch(live.start_url.replace("/ch/index.jsp", "/ch/home.jsp?id=123456"))[0] == 200
    assert fetch(live.start_url.replace("/ch/index.jsp", "/nowhere.html"))[0] == 404


def test_attachments_have_types(live):
    seen = set()
    for path, route in live.main.items():
        ext = path.rsplit(".", 1)[-1]
        if ext in ("pdf", "doc", "odt", "xlsx", "zip", "png", "jpg"):
            seen.add(ext)
            status, headers, body = fetch(live.start_url.replace("/ch/index.jsp", path))
            assert status == 200 and body == route.body
    assert seen >= {"pdf", "doc", "odt", "xlsx", "zip", "png", "jpg"}
    pdf = next(r for p, r in live.main.items() if p.endswith(".pdf"))
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.body.startswith(b"%PDF-")
    assert pdf.body.rstrip().endswith(b"%%EOF")


def test_head_refused(live):
    url = live.truth["traps"]["head_refused"]
    assert fetch(url, "HEAD")[0] == 405
    assert fetch(url)[0] == 200


def test_retry_after_once():
    with serve_demo() as site:
        url = site.truth["traps"]["retry_after_once"]
        status, headers, _ = fetch(url, "HEAD")
        assert status == 503 and headers["retry-after"] == "1"
        assert fetch(url, "HEAD")[0] == 200
        assert fetch(url)[0] == 200


def test_redirect_chain(live):
    first, second, final = live.truth["traps"]["redirect_chain"]
    status, headers, _ = fetch(first)
    assert status == 301 and urljoin(first, headers["location"]) == second
    status, headers, _ = fetch(second)
    assert status == 302 and urljoin(second, headers["location"]) == final
    assert fetch(final)[0] == 200
    with urllib.request.urlopen(first, timeout=5) as resp:
        assert resp.status == 200 and resp.url == final


def test_redirect_loop(live):
    url = live.truth["traps"]["redirect_loop"]
    status, headers, _ = fetch(url)
    assert status == 302 and urljoin(url, headers["location"]) == url
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(url, timeout=5)


def test_slow_route_times_out(live):
    url = live.truth["traps"]["slow"]
    host, port, target = _split(url)
    assert live.lookup("external", target).behaviour == "slow" and SLOW_SECONDS > 3
    started = time.perf_counter()
    with pytest.raises((socket.timeout, TimeoutError)):
        fetch(url, "HEAD", timeout=0.3)
    assert time.perf_counter() - started < 2


def test_refused_port(live):
    url = live.truth["traps"]["connection_refused"]
    with pytest.raises(ConnectionRefusedError):
        fetch(url, timeout=2)


def test_robots_and_sitemap(live):
    truth = live.truth
    status, headers, body = fetch(truth["robots_url"])
    robots = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "Disallow: /private/" in robots and f"Sitemap: {truth['sitemap_url']}" in robots
    status, headers, body = fetch(truth["sitemap_url"])
    locs = [el.text for el in ET.fromstring(body).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert set(truth["traps"]["orphans"]) <= set(locs)
    assert any("/private/" in loc for loc in locs)
    # Orphans are linked from no page except other orphans: only the sitemap leads to them.
    for page in truth["pages"]:
        if page in truth["traps"]["orphans"] or page in truth["traps"]["via_orphan_only"]:
            continue
        links = {url for _, _, url in _links(live, page)}
        assert not links & set(truth["traps"]["orphans"]), page
    assert fetch(truth["traps"]["private"][0])[0] == 200  # exists; only robots keeps crawlers out


def test_big5_pages(live):
    traps = live.truth["traps"]
    status, headers, body = fetch(traps["big5_header_charset"])
    assert headers["content-type"].lower().endswith("charset=big5")
    assert b"charset=" not in body.lower() and "發布日期" in body.decode("big5")
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    status, headers, body = fetch(traps["big5_meta_charset"])
    assert headers["content-type"] == "text/html"
    assert b'<meta charset="big5">' in body[:400] and "更新日期" in body.decode("big5")


def test_cli_serves_and_writes_truth(tmp_path):
    out = tmp_path / "truth.json"
    proc = subprocess.Popen([sys.executable, "-m", "demosite.server", "--write-truth", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        start = proc.stdout.readline().strip()
        truth = json.loads(out.read_text(encoding="utf-8"))
        assert truth["start_url"] == start
        assert fetch(start)[0] == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0


# ---------------------------------------------------------------- an independent crawler agrees with the truth

_LABELS = "資料更新時間|更新日期|發布日期|發佈日期|上版日期|最後更新|公告日期|修正日期|建立日期"
_DATE = r"(?:民國\s*)?(\d{2,4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2}))"
_LABELLED = re.compile(rf"({_LABELS})\s*[：:]?\s*{_DATE}")
_CHROME = ("header", "nav", "footer")


def _decode(headers: dict, body: bytes) -> str:
    match = re.search(r"charset=([\w-]+)", headers.get("content-type", ""))
    if not match:
        match = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:1024], re.I)
        return body.decode(match.group(1).decode() if match else "utf-8")
    return body.decode(match.group(1))


def _parse(headers: dict, body: bytes):
    return lxml.html.document_fromstring(_decode(headers, body))


def _refs(tree, base: str):
    for el in tree.iter("a", "area", "iframe", "img", "link", "script"):
        if any(True for _ in el.iterancestors("template")):
            continue
        if el.tag in ("a", "area"):
            href, kind = el.get("href"), el.tag
        elif el.tag == "link":
            rel = (el.get("rel") or "").lower().split()
            href, kind = (el.get("href"), "link") if {"stylesheet", "icon"} & set(rel) else (None, None)
        else:
            href, kind = el.get("src"), el.tag
        if href is None:
            continue
        href = href.strip()
        if not href or href.startswith("#"):
            continue
        if href.split(":", 1)[0].lower() in ("mailto", "tel", "javascript"):
            yield kind, href, None
        else:
            yield kind, href, urljoin(base, href).split("#", 1)[0]


def _links(site, url):
    status, headers, body = fetch(url)
    return list(_refs(_parse(headers, body), url))


def _page_date(tree, headers):
    for el in list(tree.iter(*_CHROME, "script", "style", "template")) + [
            el for el in tree.iter("div") if {"header", "footer"} & set((el.get("class") or "").split())]:
        if el.getparent() is not None:
            el.drop_tree()
    text = "".join(tree.body.itertext())
    found = []
    for m in _LABELLED.finditer(text):
        year = int(m.group(2))
        month, day = (int(m.group(3)), int(m.group(4))) if m.group(3) else (int(m.group(5)), int(m.group(6)))
        found.append((datetime.date(year + 1911 if year < 200 else year, month, day), m.group(1)))
    if found:
        day, label = max(found, key=lambda f: f[0])
        return {"date": day.isoformat(), "label": label, "source": "label"}
    meta = tree.xpath('//meta[@name="DC.Date"]/@content')
    if meta:
        return {"date": meta[0][:10], "label": None, "source": "meta"}
    if "last-modified" in headers:
        return {"date": parsedate_to_datetime(headers["last-modified"]).date().isoformat(), "label": None,
                "source": "http"}
    return None


def _malformed(href: str) -> bool:
    scheme, _, rest = href.partition(":")
    rest = unquote(rest)
    if scheme.lower() == "mailto":
        return not all(re.fullmatch(r"[^@\s]+@[\w-]+(\.[\w-]+)+", a.strip()) for a in rest.split("?")[0].split(","))
    if scheme.lower() == "tel":
        return re.fullmatch(r"\+?[\d\-. ()]+(;ext=\d+)?", rest) is None
    return False


class _MiniCrawler:
    """Sequential, keep-alive, stdlib-only: slow but transparent, and written apart from the generator."""

    def __init__(self, site):
        self.site = site
        self.main_netloc = urlsplit(site.start_url).netloc
        self.conns: dict[str, http.client.HTTPConnection] = {}
        self.retried: set[str] = set()

    def request(self, method: str, url: str):
        parts = urlsplit(url)
        conn = self.conns.get(parts.netloc)
        if conn is None:
            conn = self.conns[parts.netloc] = http.client.HTTPConnection(parts.hostname, parts.port, timeout=1.0)
        try:
            conn.request(method, parts.path + ("?" + parts.query if parts.query else ""))
            resp = conn.getresponse()
            body = resp.read()
        except BaseException:
            conn.close()
            self.conns.pop(parts.netloc, None)
            raise
        if resp.getheader("Connection", "").lower() == "close":
            conn.close()
            self.conns.pop(parts.netloc, None)
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body

    def resolve(self, url: str, method: str):
        hops = 0
        while True:
            try:
                status, headers, body = self.request(method, url)
            except ConnectionRefusedError:
                return "connection-refused", url, None, None
            except (socket.timeout, TimeoutError):
                return "timeout", url, None, None
            if method == "HEAD" and status in (405, 501):
                method = "GET"
                continue
            if status == 503 and "retry-after" in headers and url not in self.retried:
                self.retried.add(url)
                continue
            if status in (301, 302, 303, 307, 308):
                hops += 1
                if hops > MAX_REDIRECTS:
                    return "too-many-redirects", url, None, None
                url = urljoin(url, headers["location"])
                continue
            if status >= 400:
                return f"http-{status}", url, None, None
            return None, url, headers, body

    def crawl(self) -> dict:
        start = self.site.start_url
        _, _, _, robots_txt = self.resolve(urljoin(start, "/robots.txt"), "GET")
        robots = urllib.robotparser.RobotFileParser()
        robots.parse(robots_txt.decode().splitlines())
        sitemaps = robots.site_maps() or []
        queue = [start]
        for sitemap in sitemaps:
            _, _, _, xml = self.resolve(sitemap, "GET")
            queue += [el.text for el in ET.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        out = {"pages": {}, "broken": set(), "soft": set(), "soft_pages": set(), "malformed": set(),
               "not_crawled": set(), "external_ok": set(), "dates": {}}
        fetched: dict[str, tuple] = {}
        done: set[str] = set()
        while queue:
            url = queue.pop(0)
            if urlsplit(url).netloc == self.main_netloc and not robots.can_fetch("*", url):
                out["not_crawled"].add(url)
                continue
            if url not in fetched:
                fetched[url] = self.resolve(url, "GET")
            reason, final, headers, body = fetched[url]
            key = canonical_url(final)
            if reason or key in done or not headers["content-type"].startswith("text/html"):
                continue
            done.add(key)
            out["pages"][key] = final
            tree = _parse(headers, body)
            if "查無資料" in "".join(tree.body.itertext()):
                out["soft_pages"].add(key)
            for kind, href, target in _refs(tree, final):
                if target is None:
                    if _malformed(href):
                        out["malformed"].add((key, href))
                    continue
                on_main = urlsplit(target).netloc == self.main_netloc
                if on_main and not robots.can_fetch("*", target):
                    out["not_crawled"].add(target)
                    continue
                follow = on_main and kind in ("a", "area", "iframe")
                if target not in fetched:
                    fetched[target] = self.resolve(target, "GET" if follow else "HEAD")
                reason, dest, dest_headers, dest_body = fetched[target]
                if reason:
                    out["broken"].add((key, target, reason))
                elif not on_main:
                    out["external_ok"].add(target)
                elif follow and dest_headers["content-type"].startswith("text/html"):
                    if dest_headers is not None and "查無資料".encode() in dest_body:
                        out["soft"].add((key, target))
                    queue.append(dest)
            if key not in out["soft_pages"]:
                out["dates"][key] = _page_date(_parse(headers, body), headers)
        for conn in self.conns.values():
            conn.close()
        return out


def test_independent_crawl_finds_exactly_the_truth(live):
    truth = live.truth
    found = _MiniCrawler(live).crawl()
    canon = canonical_url
    assert set(found["pages"]) == {canon(u) for u in truth["pages"]}
    assert found["broken"] == {(canon(r["source"]), r["target"], r["reason"]) for r in truth["broken_links"]}
    assert found["soft"] == {(canon(r["source"]), r["target"]) for r in truth["soft_404"]}
    assert found["soft_pages"] == {canon(u) for u in truth["soft_404_pages"]}
    assert found["malformed"] == {(canon(r["source"]), r["href"]) for r in truth["malformed_links"]}
    assert found["not_crawled"] == set(truth["not_crawled"])
    assert found["external_ok"] == set(truth["external_ok"])
    dated = {k: v for k, v in found["dates"].items() if v}
    assert dated == {canon(u): e for u, e in truth["page_dates"].items()}
    assert {k for k, v in found["dates"].items() if v is None} == {canon(u) for u in truth["undated_pages"]}
    threshold = DEMO_AS_OF - datetime.timedelta(days=STALE_DAYS)
    stale = {k for k, v in dated.items() if datetime.date.fromisoformat(v["date"]) < threshold}
    assert stale == {canon(e["url"]) for e in truth["stale_pages"]}
    future = {k for k, v in dated.items() if datetime.date.fromisoformat(v["date"]) > DEMO_AS_OF}
    assert future == {canon(e["url"]) for e in truth["future_pages"]}


def test_comment_and_template_links_point_nowhere(live):
    traps = live.truth["traps"]
    for url in traps["comment_links"] + traps["template_links"] + [traps["script_string"]]:
        assert fetch(url.replace("{", "%7B").replace("}", "%7D"))[0] == 404
    home = fetch(live.start_url)[2].decode()
    assert "<!--" in home and "/ch/old_sitemap.html" in home
    news = fetch(live.truth["start_url"].replace("/ch/index.jsp", "/ch/home.jsp?id=2&parentpath=0"))[2].decode()
    assert "<template" in news and "/ch/tpl/news_" in news


def test_malformed_html_pages_still_parse(live):
    for url in live.truth["traps"]["malformed_html"]:
        status, headers, body = fetch(url)
        text = body.decode()
        assert status == 200 and ("</div></div>" in text or "</table></div>" in text)
        tree = _parse(headers, body)
        assert tree.xpath("//footer") and "網站更新日期" in "".join(tree.xpath("//footer")[0].itertext())
        assert url in live.truth["page_dates"]
