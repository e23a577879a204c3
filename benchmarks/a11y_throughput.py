"""Accessibility throughput: static page checks per page on pre-parsed trees, and the browser phase per page.
Prints pages/s and ms/page (median, p95) for analyse_page, and s/page with 1 and 2 Chromium workers; not a test."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
RULESET = "110.07"
WARM_UP_PAGES = 20


@dataclass
class Timings:
    label: str
    seconds: list[float]

    @property
    def total(self) -> float:
        return sum(self.seconds)

    def ms(self, quantile: float) -> float:
        ordered = sorted(self.seconds)
        if not ordered:
            return 0.0
        # Nearest-rank percentile: with ~1,000 pages the interpolation method does not matter.
        index = min(len(ordered) - 1, max(0, round(quantile * len(ordered) + 0.5) - 1))
        return ordered[index] * 1000


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip('"').lower()
    return "utf-8"


def static_phase(n_filler: int) -> tuple[int, Timings, Timings, int]:
    """(pages, parse timings, analyse_page timings, findings) over every HTML page of the demo site."""
    import lxml.html

    from checks.html import page_title
    from checks.page_checks import analyse_page
    from demosite.site import build_site

    site = build_site("http://127.0.0.1:8000", "http://127.0.0.2:8000", "http://127.0.0.1:9", n_filler=n_filler)
    bodies: list[tuple[str, bytes, str]] = []
    for url in site.truth["pages"]:
        parts = urlsplit(url)
        route = site.lookup("main", parts.path + (f"?{parts.query}" if parts.query else ""))
        if route.status == 200 and route.headers.get("Content-Type", "").startswith("text/html"):
            bodies.append((url, route.body, _charset(route.headers["Content-Type"])))
    parse = Timings("parse (lxml.html)", [])
    trees = []
    for url, body, charset in bodies:
        # The crawler hands analyse_page the tree parsel already built, so parsing is timed apart.
        parser = lxml.html.HTMLParser(encoding=charset)
        started = time.perf_counter()
        root = lxml.html.document_fromstring(body, parser=parser)
        parse.seconds.append(time.perf_counter() - started)
        trees.append((url, root, page_title(root)))
    for url, root, title in trees[:WARM_UP_PAGES]:
        analyse_page(root, url, title, RULESET)  # imports, regex compilation and caches, not per-page work
    checks = Timings("analyse_page", [])
    findings = 0
    for url, root, title in trees:
        started = time.perf_counter()
        analysis = analyse_page(root, url, title, RULESET)
        checks.seconds.append(time.perf_counter() - started)
        findings += len(analysis.findings)
    return len(trees), parse, checks, findings


@dataclass
class BrowserRun:
    workers: int
    pages: int
    wall: float
    ok: int
    per_page: list[float]


def browser_phase(n_pages: int, worker_counts: tuple[int, ...]) -> list[BrowserRun]:
    from crawler.browser import BrowserOptions, audit_pages, browser_available
    from demosite.server import serve_demo

    available, detail = browser_available()
    if not available:
        raise SystemExit(f"browser phase needs Chromium and chromedriver: {detail}")
    runs = []
    with serve_demo() as site:
        pages = site.truth["pages"]
        # Evenly spaced over the sorted list, so every section of the site is in the sample.
        step = max(1, len(pages) // n_pages)
        urls = pages[::step][:n_pages]
        for workers in worker_counts:
            started = time.perf_counter()
            audits = list(audit_pages(urls, BrowserOptions(workers=workers)))
            wall = time.perf_counter() - started
            runs.append(BrowserRun(workers, len(urls), wall, sum(a.status == "ok" for a in audits),
                                   [a.elapsed_s for a in audits]))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, metavar="N",
                        help="filler pages added to the demo site for the static phase (default 1000)")
    parser.add_argument("--browser-pages", type=int, default=30, metavar="N",
                        help="demo pages audited in Chromium per worker count (default 30; 0 skips the phase)")
    args = parser.parse_args(argv)
    if args.pages < 0 or args.browser_pages < 0:
        parser.error("--pages and --browser-pages must be ≥ 0")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))

    pages, parse, checks, findings = static_phase(args.pages)
    print(f"static phase: {pages} demo pages (n_filler={args.pages}), ruleset {RULESET}, {findings} findings")
    print(f"{'step':<20} {'pages/s':>9} {'median ms':>10} {'p95 ms':>8} {'total s':>8}")
    for timing in (parse, checks):
        rate = pages / timing.total if timing.total else 0.0
        print(f"{timing.label:<20} {rate:>9.0f} {timing.ms(0.5):>10.2f} {timing.ms(0.95):>8.2f} {timing.total:>8.2f}")

    if args.browser_pages:
        runs = browser_phase(args.browser_pages, (1, 2))
        print(f"\nbrowser phase: {runs[0].pages} demo pages, axe-core in headless Chromium, "
              "wall time including browser start-up")
        print(f"{'workers':<20} {'wall s':>9} {'s/page':>10} {'page med s':>10} {'ok':>5}")
        for run in runs:
            print(f"{run.workers:<20} {run.wall:>9.1f} {run.wall / run.pages:>10.2f} "
                  f"{statistics.median(run.per_page):>10.2f} {run.ok:>5}")
        if len(runs) == 2 and runs[1].wall:
            print(f"speed-up 2 workers vs 1: {runs[0].wall / runs[1].wall:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
