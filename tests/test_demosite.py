"""Tests for the demo sites: served behaviour, determinism, and a ground truth that a correct crawler reproduces.
An independent stdlib + lxml crawler below walks the live servers and must find exactly the truth of both agencies;
the issue-4 truth (disclosure, search, homepage, services, e-participation, content) is checked against the served
pages with a reference reading of the domain.md vocabularies."""

from __future__ import annotations

import datetime
import http.client
import json
import re
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
from demosite.site import (DEMO_AS_OF, HOMEPAGE_ITEMS, MAX_REDIRECTS, SERVICE_CATEGORIES, SLOW_SECONDS, STALE_DAYS,
                           SUPPLEMENTS, build_site, canonical_url, truth_json)

ROOT = Path(__file__).resolve().parents[1]
BASES = ("http://127.0.0.1:18123", "http://127.0.0.2:18124", "http://127.0.0.1:9")
SECOND = "http://127.0.0.3:18125"


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
    one, two = build_site(*BASES, second_base=SECOND), build_site(*BASES, second_base=SECOND)
    assert one.main == two.main and one.external == two.external
    assert one.soft_404 == two.soft_404 and one.not_found == two.not_found
    assert truth_json(one.truth) == truth_json(two.truth)
    assert one.second.main == two.second.main and truth_json(one.second.truth) == truth_json(two.second.truth)
    json.loads(truth_json(one.truth))
    # The second agency changes nothing of the first.
    assert truth_json(build_site(*BASES).truth) == truth_json(one.truth)
    for a, b in ((one, two), (one.second, two.second)):
        target = a.search.url("服務", "date", 2) if a.search.sortable else a.search.url("服務")
        assert a.lookup("main", target).body and a.lookup("main", target) == b.lookup("main", target)


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
                "external_ok", "disclosure", "homepage", "online_services", "e_participation", "expected_findings"):
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
    out, out2 = tmp_path / "truth.json", tmp_path / "second.json"
    proc = subprocess.Popen([sys.executable, "-m", "demosite.server", "--write-truth", str(out),
                             "--write-second-truth", str(out2)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        start = proc.stdout.readline().strip()
        second = proc.stdout.readline().strip()
        truth = json.loads(out.read_text(encoding="utf-8"))
        assert truth["start_url"] == start
        assert json.loads(out2.read_text(encoding="utf-8"))["start_url"] == second
        assert fetch(start)[0] == 200 and fetch(second)[0] == 200
    finally:
        proc.terminate()
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


def test_independent_crawl_finds_exactly_the_second_truth(live):
    site = live.second
    truth = site.truth
    found = _MiniCrawler(site).crawl()
    canon = canonical_url
    assert set(found["pages"]) == {canon(u) for u in truth["pages"]}
    assert found["broken"] == {(canon(r["source"]), r["target"], r["reason"]) for r in truth["broken_links"]}
    assert found["soft"] == set() and found["soft_pages"] == set() and not truth["soft_404"]
    assert found["not_crawled"] == set(truth["not_crawled"])
    assert found["external_ok"] == set(truth["external_ok"])
    dated = {k: v for k, v in found["dates"].items() if v}
    assert dated == {canon(u): e for u, e in truth["page_dates"].items()}
    assert {k for k, v in found["dates"].items() if v is None} == {canon(u) for u in truth["undated_pages"]}


# ---------------------------------------------------------------- the second agency

def test_second_site_is_served_on_its_own_host(live):
    second = live.second
    assert urlsplit(second.start_url).hostname == "127.0.0.3"
    assert urlsplit(second.start_url).port != urlsplit(live.start_url).port
    assert second.start_url.endswith("/Default.aspx")
    truth = second.truth
    assert 50 <= len(truth["pages"]) <= 70 and truth["agency_name"] == "新竹市示範所"
    assert truth["collegial"] is False and live.truth["collegial"] is False
    assert all("/cp.aspx?n=" in u or "/News" in u or u.endswith("Default.aspx") for u in truth["pages"])
    status, headers, _ = fetch(second.start_url)
    assert status == 200 and headers["server"] == "Microsoft-IIS/10.0"
    status, headers, _ = fetch(second.start_url.replace("/Default.aspx", "/"))
    assert status == 302 and headers["location"] == second.start_url
    # CCMS answers an unknown page with a real 404, never a soft one.
    assert fetch(second.start_url.replace("/Default.aspx", "/cp.aspx?n=99999"))[0] == 404
    assert "Disallow: /admin/" in fetch(truth["robots_url"])[2].decode()
    assert truth["stale_pages"] and truth["undated_pages"] and len(truth["broken_links"]) == 1
    # Its external links are served by the shared external host.
    for url in truth["external_ok"]:
        assert urlsplit(url).hostname == "127.0.0.2" and fetch(url)[0] == 200


# ---------------------------------------------------------------- issue 4: shapes

_CATEGORY_KEYS = {"number", "name", "status", "evidence", "reachable", "newest_date"}


def _both():
    site = build_site(*BASES, second_base=SECOND)
    return site, site.second


def test_information_truth_has_the_contract_shapes():
    for site in _both():
        truth = site.truth
        disclosure = truth["disclosure"]
        assert set(disclosure) == {"zone_url", "zone_found_via", "categories", "supplements", "currency"}
        assert disclosure["zone_found_via"] in ("nav", "footer", "sitemap-page", "sitemap.xml", "link", None)
        assert [c["number"] for c in disclosure["categories"]] == list(range(1, 11))
        for cat in disclosure["categories"]:
            assert set(cat) == _CATEGORY_KEYS and cat["status"] in ("found", "missing", "not-applicable")
            assert (cat["status"] == "found") == bool(cat["evidence"]) == (cat["reachable"] is not None)
        assert [(s["key"], s["name"]) for s in disclosure["supplements"]] == list(SUPPLEMENTS)
        assert all(set(s) == {"key", "name", "found", "evidence"} for s in disclosure["supplements"])
        assert set(disclosure["currency"]) == {"budget_year_roc", "final_account_year_roc", "current_year_roc",
                                               "budget_current", "final_account_recent"}
        assert set(truth["search"]) >= {"found", "engine", "form_url", "method", "paginated", "page2_differs",
                                        "sort_options"}
        assert "queries" not in truth["search"]
        homepage = truth["homepage"]
        assert homepage["url"] == truth["start_url"]
        assert [(i["key"], i["name"]) for i in homepage["items"]] == list(HOMEPAGE_ITEMS)
        assert all(set(i) == {"key", "name", "present", "evidence"} for i in homepage["items"])
        services = truth["online_services"]
        assert set(services) == {"items", "counts", "total"}
        assert list(services["counts"]) == [key for key, _ in SERVICE_CATEGORIES]
        assert services["total"] == len(services["items"]) == sum(services["counts"].values())
        for item in services["items"]:
            assert set(item) == {"category", "name", "url", "works", "status"}
            assert item["works"] == (item["status"] is not None and item["status"] < 400)
        participation = truth["e_participation"]
        assert set(participation) == {"channels", "types_present"}
        for channel in participation["channels"]:
            assert set(channel) == {"type", "platform", "url", "works", "newest_reply"}
            assert (channel["type"] == "social") == (channel["platform"] is not None)
        assert participation["types_present"] == sorted(
            {c["type"] for c in participation["channels"]},
            key=["mailbox", "message_board", "forum", "e_voting", "survey", "join_platform", "social"].index)
        content = truth["content"]
        assert {"duplicate_titles", "generic_titles", "title_heading_mismatch", "expired_notices",
                "news_newest_date", "news_url", "source_missing", "update_rule"} <= set(content)
        assert content["title_heading_mismatch"] == len(content["title_heading_mismatch_urls"])
        assert content["expired_notices"] == len(content["expired_notice_items"])
        assert set(content["update_rule"]) == {"found", "url", "text"}
        for finding in truth["expected_findings"]:
            assert set(finding) == {"check", "url", "target", "key"}
            assert finding["check"].split(".")[0] in ("disclosure", "content", "search", "homepage", "service",
                                                      "participation")
        json.dumps(truth, ensure_ascii=False)


# ---------------------------------------------------------------- issue 4: what is planted

def _cats(truth: dict) -> dict[int, dict]:
    return {c["number"]: c for c in truth["disclosure"]["categories"]}


def test_main_agency_planted_information_truth():
    site, _ = _both()
    truth = site.truth
    m = BASES[0]
    disclosure = truth["disclosure"]
    assert disclosure["zone_url"] == m + "/ch/home.jsp?id=30&parentpath=0" and disclosure["zone_found_via"] == "nav"
    cats = _cats(truth)
    assert {n: c["status"] for n, c in cats.items()} == {**{n: "found" for n in (1, 2, 3, 4, 5, 6, 8, 9)},
                                                         7: "missing", 10: "not-applicable"}
    assert cats[9]["reachable"] is False and cats[9]["evidence"] == [truth["traps"]["disclosure_404"]]
    assert all(cats[n]["reachable"] for n in (1, 2, 3, 4, 5, 6, 8))
    assert cats[8]["evidence"] == [BASES[1] + "/pcc/tps/QueryTender/query/searchTenderBasic"]
    # 組織職掌 lives under 機關簡介, not in the zone.
    assert m + "/ch/home.jsp?id=13&parentpath=0,10" in cats[3]["evidence"]
    assert cats[5]["newest_date"] < truth["stale_before"]  # plans and statistics over a year old
    assert cats[6]["newest_date"] == "2025-01-01" and cats[8]["newest_date"] is None
    assert disclosure["currency"] == {"budget_year_roc": 114, "final_account_year_roc": 113, "current_year_roc": 115,
                                      "budget_current": False, "final_account_recent": True}
    assert {s["key"]: s["found"] for s in disclosure["supplements"]} == {
        "service_measures": True, "activities": True, "faq": True, "publications": False}
    assert truth["search"] == {"found": True, "engine": "site", "form_url": m + "/ch/search.jsp", "method": "GET",
                               "paginated": True, "page2_differs": True,
                               "sort_options": ["relevance", "time", "topic"], "query_field": "q",
                               "no_hit_message": "查無資料"}
    assert [i["key"] for i in truth["homepage"]["items"] if not i["present"]] == ["english_version"]
    services = truth["online_services"]
    assert services["counts"] == {"application": 2, "payment": 1, "pickup_notice": 0, "booking": 1,
                                  "case_status": 1, "forms": 1}
    assert [(i["category"], i["status"]) for i in services["items"] if not i["works"]] == [("application", 404)]
    channels = {(c["type"], c["platform"]): c for c in truth["e_participation"]["channels"]}
    assert set(channels) == {("mailbox", None), ("message_board", None), ("survey", None), ("join_platform", None),
                             ("social", "facebook"), ("social", "youtube")}
    assert channels[("mailbox", None)]["newest_reply"] == "2026-11-20"
    assert channels[("message_board", None)]["newest_reply"] == "2026-06-30"
    assert urlsplit(channels[("social", "facebook")]["url"]).path == "/facebook/HsinchuDemoBureau"
    content = truth["content"]
    [group] = content["duplicate_titles"]
    assert group["title"] == "公告-新竹市示範局" and group["urls"] == truth["traps"]["duplicate_title_pages"]
    assert content["title_heading_mismatch_urls"] == [truth["traps"]["title_heading_mismatch"]]
    assert [n["deadline"] for n in content["notices"]] == ["2026-10-31", "2026-12-31"]
    assert [n["deadline"] for n in content["expired_notice_items"]] == ["2026-10-31"]
    assert content["news_newest_date"] == "2026-11-29" and content["news_url"] == m + "/ch/home.jsp?id=2&parentpath=0"
    assert content["update_rule"] == {"found": True, "url": m + "/ch/home.jsp?id=82&parentpath=0",
                                      "text": "網站資料更新及維護要點"}
    assert {(f["check"], f["key"]) for f in truth["expected_findings"]} == {
        ("disclosure.category-missing", 7), ("disclosure.category-unreachable", 9),
        ("disclosure.category-outdated", 5), ("disclosure.category-outdated", "6:budget"),
        ("disclosure.supplement-missing", "publications"), ("content.title-duplicate", "公告-新竹市示範局"),
        ("content.title-heading-mismatch", None), ("content.expired-notice", "2026-10-31"),
        ("homepage.item-missing", "english_version"), ("service.missing-category", "pickup_notice"),
        ("service.broken", "application"), ("participation.inactive", "message_board")}
    assert len(truth["expected_findings"]) == 12


def test_second_agency_planted_information_truth():
    _, second = _both()
    truth = second.truth
    disclosure = truth["disclosure"]
    assert disclosure["zone_url"] == SECOND + "/cp.aspx?n=300" and disclosure["zone_found_via"] == "sitemap-page"
    assert {n: c["status"] for n, c in _cats(truth).items()} == {
        **{n: "found" for n in (1, 2, 3, 4, 7, 8, 9)}, 5: "missing", 6: "missing", 10: "not-applicable"}
    assert all(c["reachable"] for c in _cats(truth).values() if c["status"] == "found")
    assert disclosure["currency"]["budget_year_roc"] is None and disclosure["currency"]["budget_current"] is None
    assert {s["key"]: s["found"] for s in disclosure["supplements"]} == {
        "service_measures": True, "activities": False, "faq": True, "publications": True}
    search = truth["search"]
    assert (search["paginated"], search["page2_differs"], search["sort_options"]) == (False, None, [])
    assert search["form_url"] == SECOND + "/Search.aspx" and search["query_field"] == "keyword"
    assert [i["key"] for i in truth["homepage"]["items"] if not i["present"]] == [
        "disclosure_link", "open_data_declaration", "font_size"]
    assert truth["online_services"]["counts"] == {"application": 1, "payment": 0, "pickup_notice": 0,
                                                  "booking": 0, "case_status": 1, "forms": 1}
    assert truth["e_participation"] == {"channels": [{"type": "mailbox", "platform": None,
                                                      "url": SECOND + "/cp.aspx?n=600", "works": True,
                                                      "newest_reply": None}], "types_present": ["mailbox"]}
    content = truth["content"]
    assert content["news_newest_date"] == "2026-07-20"
    assert (DEMO_AS_OF - datetime.date.fromisoformat(content["news_newest_date"])).days > 90
    assert content["update_rule"] == {"found": False, "url": None, "text": None}
    assert content["duplicate_titles"] == [] and content["expired_notices"] == 0 and not content["notices"]
    assert {(f["check"], f["key"]) for f in truth["expected_findings"]} == {
        ("disclosure.category-missing", 5), ("disclosure.category-missing", 6),
        ("disclosure.supplement-missing", "activities"), ("content.news-stale", "2026-07-20"),
        ("content.update-rule-missing", None), ("search.no-pagination", None),
        ("search.no-sort", "relevance,time,topic"), ("homepage.item-missing", "disclosure_link"),
        ("homepage.item-missing", "open_data_declaration"), ("homepage.item-missing", "font_size"),
        ("service.missing-category", "payment"), ("service.missing-category", "pickup_notice"),
        ("service.missing-category", "booking")}


# ---------------------------------------------------------------- issue 4: the pages say what the truth says
#
# A reference reading of /work/shared/domain.md §1 and §6.3: link text contains one of these names.

CATEGORY_TERMS = {
    1: ("法規", "自治條例", "自治規則"),
    2: ("解釋性規定", "行政規則", "函釋", "解釋函令", "裁量基準", "裁罰基準", "作業要點"),
    3: ("機關簡介", "關於本局", "關於本所", "組織架構", "組織編制", "組織職掌", "業務職掌", "首長簡介", "局長簡介",
        "所長簡介", "聯絡資訊", "聯絡我們", "機關通訊"),
    4: ("行政指導", "作業指引", "宣導", "注意事項"),
    5: ("施政計畫", "施政重點", "施政報告", "業務統計", "統計資料", "統計年報", "研究報告", "出國報告", "文件報告"),
    6: ("預算", "決算", "會計報告", "會計月報"),
    7: ("訴願", "請願", "陳情"),
    8: ("採購", "公共工程", "招標", "決標"),
    9: ("補助", "捐助"),
    10: ("會議紀錄", "會議記錄"),
}
SUPPLEMENT_TERMS = {"service_measures": ("服務措施", "便民服務"), "activities": ("活動訊息", "活動資訊", "活動專區", "活動行事曆"),
                    "faq": ("常見問題", "常見問答", "問與答"), "publications": ("出版品", "刊物", "電子書")}
SERVICE_TERMS = {"application": ("線上申辦", "線上申請", "申辦服務"), "payment": ("網路繳費", "線上繳費"),
                 "pickup_notice": ("取件通知", "領件通知"), "booking": ("線上預約", "預約服務", "預約掛號"),
                 "case_status": ("案件查詢", "進度查詢", "案件進度"), "forms": ("表單下載", "書表下載")}
CHANNEL_TERMS = {("mailbox", None): ("首長信箱", "局長信箱", "所長信箱", "市長信箱", "民意信箱", "意見信箱"),
                 ("message_board", None): ("留言板", "討論區"), ("forum", None): ("論壇",),
                 ("e_voting", None): ("網路投票", "線上投票"), ("survey", None): ("民意調查", "問卷", "線上調查"),
                 ("join_platform", None): ("公共政策網路參與平台",), ("social", "facebook"): ("facebook", "臉書", "粉絲專頁"),
                 ("social", "youtube"): ("youtube",), ("social", "instagram"): ("instagram",)}
_CHROME_TAGS = {"header", "nav", "footer"}


def _page_links(site) -> list[tuple[str, str, str, str]]:
    """(page, region, link text, canonical target) of every <a> on every crawled page, chrome or main."""
    out = []
    for url in site.truth["pages"]:
        route = site.lookup("main", _split(url)[2])
        tree = _parse({k.lower(): v for k, v in route.headers.items()}, route.body)
        for a in tree.iter("a"):
            href = (a.get("href") or "").strip()
            if not href or href.startswith("#") or href.split(":", 1)[0] in ("mailto", "tel", "javascript"):
                continue
            chrome = any(p.tag in _CHROME_TAGS or {"header", "nav", "footer"} & set((p.get("class") or "").split())
                         for p in a.iterancestors())
            text = " ".join(a.text_content().split())
            out.append((url, "chrome" if chrome else "main", text, canonical_url(urljoin(url, href).split("#")[0])))
    return out


_CLASSIFIED: dict[tuple[str, int], frozenset] = {}


def _classify(text: str, terms: dict) -> frozenset:
    """The keys of terms whose names the link text contains (cached: chrome links repeat on every page)."""
    key = (text, id(terms))
    if key not in _CLASSIFIED:
        lowered = text.lower()
        _CLASSIFIED[key] = frozenset(k for k, names in terms.items() if any(name in lowered for name in names))
    return _CLASSIFIED[key]


@pytest.fixture(scope="module")
def links_of_both():
    site, second = _both()
    return [(s, _page_links(s)) for s in (site, second)]


def test_category_and_supplement_links_are_exactly_the_evidence(links_of_both):
    for site, links in links_of_both:
        truth = site.truth
        zone = truth["disclosure"]["zone_url"]
        directories = {zone, truth["start_url"], site.truth["homepage"]["items"][1]["evidence"][0]}  # + 網站導覽
        listed = [(text, target) for page, region, text, target in links if region == "chrome" or page in directories]
        anywhere: dict[int, set] = {}
        for _, _, text, target in set(links):
            for n in _classify(text, CATEGORY_TERMS):
                anywhere.setdefault(n, set()).add(target)
        for n, cat in _cats(truth).items():
            evidence = {canonical_url(u) for u in cat["evidence"]}
            assert {t for text, t in listed if n in _classify(text, CATEGORY_TERMS)} == evidence, n
            # Anywhere on the site, a link naming the category points at its evidence (no 補助 news headline).
            assert anywhere.get(n, set()) <= evidence, (n, anywhere.get(n, set()) - evidence)
            if cat["status"] == "found":
                assert cat["evidence"][0] in truth["pages"] or cat["reachable"] is False or \
                    urlsplit(cat["evidence"][0]).hostname == "127.0.0.2" or cat["evidence"][0].endswith(".pdf")
        for supp in truth["disclosure"]["supplements"]:
            found = {t for text, t in listed if supp["key"] in _classify(text, SUPPLEMENT_TERMS)}
            assert found == {canonical_url(u) for u in supp["evidence"]}, supp["key"]
        # Zone-page links come first in the evidence.
        zone_targets = [t for page, region, text, t in links if page == zone and region == "main"]
        for cat in truth["disclosure"]["categories"]:
            firsts = [canonical_url(u) for u in cat["evidence"] if canonical_url(u) in zone_targets]
            assert [canonical_url(u) for u in cat["evidence"][:len(firsts)]] == firsts


def test_service_and_channel_links_are_exactly_the_inventory(links_of_both):
    for site, links in links_of_both:
        truth = site.truth
        services = {}
        channels = {}
        for _, _, text, target in links:
            for key in _classify(text, SERVICE_TERMS):
                services.setdefault(target, set()).add(key)
            for key in _classify(text, CHANNEL_TERMS):
                channels.setdefault(target, set()).add(key)
        assert services == {canonical_url(i["url"]): {i["category"]} for i in truth["online_services"]["items"]}
        assert channels == {canonical_url(c["url"]): {(c["type"], c["platform"])}
                            for c in truth["e_participation"]["channels"]}
        home_links = {target for page, _, _, target in links if page == truth["start_url"]}
        for item in truth["online_services"]["items"]:  # every service is offered on the homepage
            assert canonical_url(item["url"]) in home_links


def test_links_agree_with_their_targets_titles(links_of_both):
    """No link-title mismatch is planted: a link's text shares two characters with its target's <title> or <h1>."""
    def bigrams(text: str) -> set[str]:
        return {text[i:i + 2] for i in range(len(text) - 1)}

    navigation = {"回首頁", "首頁", "上一頁", "下一頁", "回列表", "回上頁"}
    for site, links in links_of_both:
        heads = {}
        for url in site.truth["pages"]:
            route = site.lookup("main", _split(url)[2])
            tree = _parse({k.lower(): v for k, v in route.headers.items()}, route.body)
            heads[canonical_url(url)] = (tree.findtext(".//title") or "", "".join(tree.find(".//h1").itertext()))
        home = canonical_url(site.truth["start_url"])
        soft = {canonical_url(u) for u in site.truth["soft_404_pages"]}  # those links are link.soft-404 findings
        for page, _, text, target in links:
            if target not in heads or target in soft | {home} or text in navigation or text.isdigit():
                continue
            title, h1 = heads[target]
            assert bigrams(text.lower()) & (bigrams(title.lower()) | bigrams(h1.lower())), (page, text, target)


def test_titles_headings_and_duplicates():
    for site in _both():
        truth = site.truth
        titles = {}
        for url in truth["pages"]:
            route = site.lookup("main", _split(url)[2])
            tree = _parse({k.lower(): v for k, v in route.headers.items()}, route.body)
            title = tree.findtext(".//title")
            h1 = "".join(tree.find(".//h1").itertext())
            sep = "-" if site is not site.second and truth["agency_name"] == "新竹市示範局" else "｜"
            assert title.endswith(sep + truth["agency_name"]), url
            if url not in truth["soft_404_pages"]:
                titles.setdefault(title, []).append((url, route.body))
                assert (title[: -len(sep + truth["agency_name"])] != h1) == (
                    url in truth["content"]["title_heading_mismatch_urls"]), url
        groups = [{"title": t, "urls": sorted(u for u, _ in pages)} for t, pages in sorted(titles.items())
                  if len(pages) > 1 and len({b for _, b in pages}) > 1]
        assert groups == truth["content"]["duplicate_titles"]


def test_homepage_items_as_served(live):
    for site in (live, live.second):
        truth = site.truth
        home = fetch(site.start_url)[2].decode()
        tree = lxml.html.document_fromstring(home)
        items = {i["key"]: i for i in truth["homepage"]["items"]}
        for key in ("search_box", "sitemap", "disclosure_link", "news", "online_services", "privacy_policy",
                    "open_data_declaration", "english_version", "accessibility_mark"):
            targets = {canonical_url(urljoin(site.start_url, h)) for h in tree.xpath("//a/@href | //form/@action")}
            for evidence in items[key]["evidence"]:
                assert canonical_url(evidence) in targets, (key, evidence)
            assert items[key]["present"] == bool(items[key]["evidence"])
        assert ("字級" in home) == items["font_size"]["present"]
        assert ("政府網站資料開放宣告" in home) == items["open_data_declaration"]["present"]
        assert ("English" in home) == items["english_version"]["present"]
        targets = {canonical_url(urljoin(site.start_url, h)) for h in tree.xpath("//a/@href")}
        assert (canonical_url(truth["disclosure"]["zone_url"]) in targets) == items["disclosure_link"]["present"]
        for key in ("contact_address", "contact_phone", "service_hours", "update_date"):
            assert items[key]["present"] and all(e in home for e in items[key]["evidence"]), key


def test_homepage_notices_and_reply_tables(live):
    home = lxml.html.document_fromstring(fetch(live.start_url)[2].decode())
    dialogs = home.xpath('//div[@role="dialog"]')
    assert [d.xpath("string(.//p[@class='deadline'])") for d in dialogs] == ["截止日期：115年10月31日",
                                                                              "公告期限：115年12月31日"]
    assert all(not list(d.iterancestors("header", "nav", "footer", "main")) for d in dialogs)
    assert home.xpath("//footer/following-sibling::div[@role='dialog']")  # after the footer: a11y order intact
    assert "截止日期" not in fetch(live.second.start_url)[2].decode()
    for channel in live.truth["e_participation"]["channels"]:
        if channel["newest_reply"]:
            page = lxml.html.document_fromstring(fetch(channel["url"])[2].decode())
            column = [th.text for th in page.xpath("//table[@class='replies']//th")].index("回覆日期")
            cells = [row.xpath("td")[column].text for row in page.xpath("//table[@class='replies']//tr[td]")]
            dates = [datetime.date(int(c[:3]) + 1911, int(c[4:6]), int(c[7:9])) for c in cells if c[0].isdigit()]
            assert max(dates).isoformat() == channel["newest_reply"]
    mailbox = next(c for c in live.second.truth["e_participation"]["channels"] if c["type"] == "mailbox")
    assert "回覆日期" not in fetch(mailbox["url"])[2].decode()


def test_news_lists(live):
    for site in (live, live.second):
        content = site.truth["content"]
        page = lxml.html.document_fromstring(fetch(content["news_url"])[2].decode())
        rows = page.xpath("//ul[@class='news-list']/li/span[@class='date']/text()")
        days = [datetime.date(int(r[:3]) + 1911, int(r[4:6]), int(r[7:9])) for r in rows]
        assert max(d for d in days if d <= DEMO_AS_OF).isoformat() == content["news_newest_date"]
        assert page.xpath("//a[@rel='next']")


# ---------------------------------------------------------------- issue 4: the searches

def _search(site, target: str):
    status, headers, body = fetch(urljoin(site.start_url, target))
    assert status == 200 and headers["content-type"].startswith("text/html")
    tree = lxml.html.document_fromstring(body.decode())
    results = [a.get("href") for a in tree.xpath("//ol[@class='search-results']/li/a")]
    return tree, body.decode(), results


def test_main_search_paginates_and_sorts(live):
    search = live.search
    tree, text, page1 = _search(live, search.url("活動"))
    total = int(re.search(r"搜尋結果共 (\d+) 筆", text).group(1))
    assert total > 20 and len(page1) == 10 and set(page1) <= set(live.truth["pages"])
    assert f"第 1 頁／共 {(total + 9) // 10} 頁" in text
    [next_link] = tree.xpath("//div[@class='pagination']/a[@rel='next']")
    assert next_link.text == "下一頁"
    _, _, page2 = _search(live, next_link.get("href"))
    assert len(page2) == 10 and not set(page1) & set(page2)
    sorts = {a.text: a.get("href") for a in tree.xpath("//div[@class='sort']/a")}
    assert set(sorts) == {"依相關度", "依日期", "依分類"}
    assert {urllib.parse.parse_qs(urlsplit(h).query)["sort"][0] for h in sorts.values()} == {"relevance", "date",
                                                                                           "topic"}
    dates = live.truth["page_dates"]
    _, _, by_date = _search(live, sorts["依日期"])
    keyed = [dates[u]["date"] if u in dates else "" for u in by_date]
    assert keyed == sorted(keyed, reverse=True) and by_date != page1
    tree, _, by_topic = _search(live, sorts["依分類"])
    sections = [li.xpath("string(span[@class='category'])") for li in tree.xpath("//ol[@class='search-results']/li")]
    assert sections == sorted(sections)
    # A title hit ranks first; every result really contains the word.
    _, _, hits = _search(live, search.url("局長信箱"))
    assert hits[0] == live.truth["e_participation"]["channels"][0]["url"]


def test_searches_without_hits_or_query(live):
    for site in (live, live.second):
        _, text, results = _search(site, site.search.url("govaudit無結果測試字串"))
        assert results == [] and "查無資料" in text and "共 0 筆" in text
        _, text, results = _search(site, site.search.url(""))
        assert results == [] and "請輸入關鍵字" in text


def test_second_search_lists_everything_on_one_page(live):
    second = live.second
    tree, text, results = _search(second, second.search.url("服務"))
    total = int(re.search(r"查詢結果共 (\d+) 筆", text).group(1))
    assert total == len(results) >= 20  # many results, one page
    assert not tree.xpath("//div[@class='pagination'] | //div[@class='sort'] | //a[@rel='next']")
    assert "下一頁" not in text and "排序" not in text
    # Paging or sorting parameters change nothing.
    assert fetch(urljoin(second.start_url, second.search.url("服務") + "&page=2&sort=date"))[2] == \
        fetch(urljoin(second.start_url, second.search.url("服務")))[2]


def test_every_homepage_word_finds_many_pages(live):
    """Probes use the homepage's own frequent words. 示範所: any CJK word of two or more homepage links fills one
    results page with 20 or more hits; 示範局: a word of four or more of them needs a second page."""
    for site, support, least in ((live, 4, 11), (live.second, 2, 20)):
        tree = lxml.html.document_fromstring(fetch(site.start_url)[2].decode())
        texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
        grams: dict[str, int] = {}
        for t in texts:
            for run in re.findall(r"[\u4e00-\u9fff]+", t.replace(site.truth["agency_name"], " ")):
                for g in {run[i:i + n] for n in (2, 3, 4) for i in range(len(run) - n + 1)}:
                    grams[g] = grams.get(g, 0) + 1
        frequent = sorted(g for g, n in grams.items() if n >= support)
        assert frequent
        for word in frequent:
            assert len(site.search.results(word)) >= least, word
