"""Crawl throughput benchmark: `govaudit run --no-browser` against a bare Scrapy spider on the same loopback site.

Prints pages/s, CPU time and peak memory of each contender, measured per child process; it is a measurement, not a test."""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-29"
AGENCY_ID = "bench"
TARGET_RATIO = 0.80
TARGET_PEAK_MB = 400
BARE_RESULT_PREFIX = "bare-result "
# The last line AgencyProgress prints when the spider closes; its elapsed time excludes start-up, site checks
# and report rendering, which the whole-command wall time includes.
_PROGRESS_DONE = re.compile(rf"\[{AGENCY_ID}\] 完成 \([^)]*\): (?P<pages>\d+) 頁, \d+ 個連結檢查, "
                            r"(?P<rate>[\d.]+) 頁/秒, (?P<secs>\d+) 秒")


# --- the bare spider (runs in its own child process) ----------------------------------------------

def bare_crawl(start_url: str, settings_kind: str) -> int:
    """Fetch and follow same-host <a href> links only; print one JSON result line when the spider closes."""
    import scrapy
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess
    from scrapy.http import TextResponse
    from scrapy.settings import Settings

    class BareSpider(scrapy.Spider):
        name = "bare"

        def __init__(self, start_url: str, **kwargs):
            super().__init__(**kwargs)
            self.start_urls = [start_url]
            # Hostname without port, as govaudit's own host check does (and as allowed_domains would).
            self.host = urlsplit(start_url).hostname
            self.pages = 0
            self.responses = 0
            self.opened_at = time.perf_counter()

        @classmethod
        def from_crawler(cls, crawler, *args, **kwargs):
            spider = super().from_crawler(crawler, *args, **kwargs)
            crawler.signals.connect(spider._opened, signal=signals.spider_opened)
            return spider

        def _opened(self, spider) -> None:
            self.opened_at = time.perf_counter()

        def parse(self, response):
            self.responses += 1
            if not isinstance(response, TextResponse):
                return
            content_type = (response.headers.get(b"Content-Type") or b"").split(b";")[0].strip().lower()
            if response.status == 200 and content_type in (b"text/html", b"application/xhtml+xml"):
                self.pages += 1
            for href in response.xpath("//a/@href").getall():
                try:
                    url = response.urljoin(href)
                    # mailto:, javascript: and other-host links never become requests, so the spider
                    # does no work govaudit would not do on them either.
                    if urlsplit(url).hostname != self.host:
                        continue
                    yield response.follow(url, callback=self.parse)
                except ValueError:
                    continue

        def closed(self, reason: str) -> None:
            result = {"pages": self.pages, "responses": self.responses, "reason": reason,
                      "crawl_seconds": time.perf_counter() - self.opened_at}
            print(BARE_RESULT_PREFIX + json.dumps(result), flush=True)

    settings = Settings()
    if settings_kind == "govaudit":
        # Same downloader behaviour as govaudit (concurrency, AutoThrottle, robots, retries, timeouts, queues);
        # only govaudit's own work (store pipeline, progress extension, Retry-After middleware) is removed.
        settings.setmodule("crawler.settings", priority="project")
        settings.setdict({"ITEM_PIPELINES": {}, "EXTENSIONS": {}, "DOWNLOADER_MIDDLEWARES": {},
                          "SPIDER_MODULES": []}, priority="cmdline")
    else:
        # Scrapy's defaults except the log level: DEBUG logs a line per response, which would be measured too.
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(BareSpider, start_url=start_url)
    process.start()
    return 0


# --- measuring one child --------------------------------------------------------------------------

@dataclass
class Measurement:
    contender: str
    pages: int = 0
    wall: float = 0.0
    cpu: float = 0.0
    peak_kb: int = 0
    site_cpu: float = 0.0
    crawl_seconds: float | None = None
    crawl_source: str = ""
    crash: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.pages / self.wall if self.wall else 0.0

    @property
    def crawl_rate(self) -> float | None:
        return self.pages / self.crawl_seconds if self.crawl_seconds else None

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024  # ru_maxrss is in KB on Linux


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    # A proxy from the environment would put a third process between crawler and site.
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    # Importable from a checkout too, not only from a venv where govaudit is installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    return env


# Runs as `python -S -c` between this process and each contender. On Linux a child's ru_maxrss keeps the
# high-water RSS of the memory image it had before exec, and a child forked from here would carry this
# process's (the whole demo site in memory); forked from this small interpreter, the floor is ~10 MB.
_MEASURE = """
import json, os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - started
child.returncode = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as fh:
    json.dump({"code": child.returncode, "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss}, fh)
"""


def run_child(argv: list[str], workdir: Path) -> tuple[dict, float, str, str]:
    """Run argv to completion; return its code, wall s, CPU s and peak RSS, the site's CPU s, stdout, stderr."""
    out_path, err_path, result_path = workdir / "child.stdout", workdir / "child.stderr", workdir / "child.json"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        site_before = resource.getrusage(resource.RUSAGE_SELF)
        subprocess.run([sys.executable, "-S", "-c", _MEASURE, str(result_path), *argv], stdout=out, stderr=err,
                       stdin=subprocess.DEVNULL, cwd=workdir, env=_child_env(), check=False)
        site_after = resource.getrusage(resource.RUSAGE_SELF)
    # This process does nothing but serve the site while it waits, so its CPU is the server's cost; on a
    # 2-core machine it competes with the crawler for the second core.
    site_cpu = (site_after.ru_utime + site_after.ru_stime) - (site_before.ru_utime + site_before.ru_stime)
    try:
        result = json.loads(result_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        result = {"code": -1, "wall": 0.0, "cpu": 0.0, "maxrss_kb": 0}
    return (result, site_cpu, out_path.read_text(encoding="utf-8", errors="replace"),
            err_path.read_text(encoding="utf-8", errors="replace"))


def _fill(measurement: Measurement, result: dict, site_cpu: float, stderr: str) -> None:
    measurement.wall = result["wall"]
    measurement.cpu = result["cpu"]
    measurement.peak_kb = result["maxrss_kb"]
    measurement.site_cpu = site_cpu
    if result["code"] != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        measurement.crash = f"exit code {result['code']}\n{tail}"


def measure_bare(start_url: str, settings_kind: str, label: str) -> Measurement:
    measurement = Measurement(label)
    with tempfile.TemporaryDirectory(prefix="govaudit-bench-") as tmp:
        argv = [sys.executable, str(Path(__file__).resolve()), "--bare", start_url, "--bare-settings", settings_kind]
        result, site_cpu, stdout, stderr = run_child(argv, Path(tmp))
    _fill(measurement, result, site_cpu, stderr)
    results = [line[len(BARE_RESULT_PREFIX):] for line in stdout.splitlines() if line.startswith(BARE_RESULT_PREFIX)]
    if not results:
        measurement.crash = measurement.crash or "the bare spider printed no result line\n" + stderr[-2000:]
        return measurement
    result = json.loads(results[-1])
    measurement.pages = result["pages"]
    measurement.crawl_seconds = result["crawl_seconds"]
    measurement.crawl_source = "spider open→close"
    return measurement


def _store_crawl_seconds(db_path: Path) -> float | None:
    """Agency start → last fetch, from the store; timestamps are whole seconds, so ±1 s."""
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            started = db.execute("SELECT started_at FROM run_agencies WHERE agency_id = ?", (AGENCY_ID,)).fetchone()
            last = db.execute("SELECT MAX(fetched_at) FROM fetches WHERE agency_id = ?", (AGENCY_ID,)).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    if not started or not started[0] or not last or not last[0]:
        return None
    return (datetime.fromisoformat(last[0]) - datetime.fromisoformat(started[0])).total_seconds()


def measure_govaudit(start_url: str, extra: tuple[str, ...] = (), label: str = "govaudit run") -> Measurement:
    measurement = Measurement(label)
    with tempfile.TemporaryDirectory(prefix="govaudit-bench-") as tmp:
        workdir = Path(tmp)
        agencies = workdir / "agencies.csv"
        with open(agencies, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["id", "name", "group", "url"])
            writer.writerow([AGENCY_ID, "基準測試", "1", start_url])
        out = workdir / "out"
        argv = [sys.executable, "-m", "crawler.cli", "run", "--agencies", str(agencies), "--out", str(out),
                "--no-browser", "--max-pages", "100000", "--as-of", AS_OF, *extra]
        result, site_cpu, _stdout, stderr = run_child(argv, workdir)
        _fill(measurement, result, site_cpu, stderr)
        findings = out / AGENCY_ID / "findings.json"
        if findings.exists():
            summary = json.loads(findings.read_text(encoding="utf-8")).get("summary", {})
            measurement.pages = int(summary.get("pages_crawled", 0))
            if summary.get("budget_hit") or summary.get("close_reason") not in (None, "finished"):
                measurement.notes.append(f"close: {summary.get('close_reason')} budget: {summary.get('budget_hit')}")
        elif not measurement.crash:
            measurement.crash = f"no {findings.name} written\n{stderr[-2000:]}"
        done = list(_PROGRESS_DONE.finditer(stderr))
        if done:
            pages_done, rate = int(done[-1]["pages"]), float(done[-1]["rate"])
            # The rate has more significant digits than the whole seconds printed beside it.
            measurement.crawl_seconds = pages_done / rate if rate > 0 else float(done[-1]["secs"])
            measurement.crawl_source = "spider open→close, from its progress line"
        else:
            measurement.crawl_seconds = _store_crawl_seconds(out / "govaudit.sqlite")
            measurement.crawl_source = "store: agency start→last fetch, 1 s resolution"
    return measurement


# --- the comparison -------------------------------------------------------------------------------

def _row(label: str, m: Measurement) -> str:
    return (f"{label:<18} {m.pages:>6} {m.wall:>8.1f} {m.rate:>9.1f} {m.cpu:>7.1f} {m.peak_mb:>9.0f}"
            f" {m.site_cpu:>12.1f}")


def _median(label: str, runs: list[Measurement]) -> Measurement:
    med = Measurement(label)
    med.pages = int(statistics.median(m.pages for m in runs))
    med.wall = statistics.median(m.wall for m in runs)
    med.cpu = statistics.median(m.cpu for m in runs)
    med.peak_kb = int(statistics.median(m.peak_kb for m in runs))
    med.site_cpu = statistics.median(m.site_cpu for m in runs)
    crawl = [m.crawl_seconds for m in runs if m.crawl_seconds]
    med.crawl_seconds = statistics.median(crawl) if crawl else None
    return med


def _revision() -> str:
    # Figures are only comparable between runs of the same code, so say which code this was.
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"commit {head}{' + uncommitted changes' if dirty else ''}"


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def _median_rate(runs: list[Measurement]) -> float:
    return statistics.median(m.rate for m in runs)


def benchmark(n_filler: int, repeat: int, also_default: bool, also_no_warc: bool = False) -> int:
    from demosite.server import serve_demo

    contenders: list[tuple[str, Callable[[str], Measurement]]] = [
        ("bare scrapy", lambda url: measure_bare(url, "govaudit", "bare scrapy")),
        ("govaudit run", measure_govaudit),
    ]
    if also_default:
        contenders.append(("bare (defaults)", lambda url: measure_bare(url, "default", "bare (defaults)")))
    if also_no_warc:
        contenders.append(("govaudit --no-warc",
                           lambda url: measure_govaudit(url, ("--no-warc",), "govaudit --no-warc")))
    runs: dict[str, list[Measurement]] = {name: [] for name, _ in contenders}
    truth_pages, first_url = 0, ""
    crashed: list[Measurement] = []
    for round_no in range(repeat):
        for name, measure in contenders:
            # A fresh site per child: the demo's one-shot behaviours (a 503 with Retry-After on the first hit)
            # replay identically for every contender and repeat, and no idle keep-alive threads carry over.
            with serve_demo(n_filler=n_filler) as site:
                truth_pages = len(site.truth["pages"])
                first_url = first_url or site.start_url
                print(f"  round {round_no + 1}/{repeat}: {name} …", file=sys.stderr, flush=True)
                measurement = measure(site.start_url)
            runs[name].append(measurement)
            if measurement.crash:
                crashed.append(measurement)
                print(f"{name} crashed: {measurement.crash}", file=sys.stderr)

    print(f"site: {truth_pages} pages (n_filler={n_filler}) on {first_url}"
          f"{'' if repeat == 1 else ' (fresh server per run)'}; govaudit {_revision()}")
    print(f"{'contender':<18} {'pages':>6} {'wall s':>8} {'pages/s':>9} {'cpu s':>7} {'peak MB':>9}"
          f" {'site cpu s':>12}")
    best: dict[str, Measurement] = {}
    for name, _ in contenders:
        best[name] = max(runs[name], key=lambda m: m.rate)
        print(_row(name if repeat == 1 else f"{name} best", best[name]))
        if repeat > 1:
            print(_row(f"{name} median", _median(name, runs[name])))
    for name, _ in contenders:
        for m in runs[name]:
            for note in m.notes:
                print(f"note: {name}: {note}")
    if crashed:
        print(f"{len(crashed)} run(s) crashed; figures above are not comparable", file=sys.stdout)
        return 1

    bare, gov = best["bare scrapy"], best["govaudit run"]
    peak_gov = max(m.peak_mb for m in runs["govaudit run"])
    ratio = gov.rate / bare.rate if bare.rate else 0.0
    line = f"ratio govaudit/bare pages/s: {ratio:.2f}"
    if repeat > 1:
        line += f" (best), {_median_rate(runs['govaudit run']) / _median_rate(runs['bare scrapy']):.2f} (median)"
    print(f"{line} (target ≥ {TARGET_RATIO:.2f}, {_verdict(ratio >= TARGET_RATIO)})   peak memory govaudit: "
          f"{peak_gov:.0f} MB (target ≤ {TARGET_PEAK_MB} MB, {_verdict(peak_gov <= TARGET_PEAK_MB)})")
    if gov.crawl_rate and bare.crawl_rate:
        print(f"crawl phase only: bare {bare.crawl_seconds:.1f} s {bare.crawl_rate:.1f} pages/s; govaudit "
              f"{gov.crawl_seconds:.1f} s {gov.crawl_rate:.1f} pages/s ({gov.crawl_source}); "
              f"ratio {gov.crawl_rate / bare.crawl_rate:.2f}")
    if also_no_warc:
        plain = best["govaudit --no-warc"]
        print(f"evidence archive: govaudit with WARC {gov.rate:.1f} pages/s, {gov.cpu:.1f} cpu s, "
              f"{gov.peak_mb:.0f} MB; with --no-warc {plain.rate:.1f} pages/s, {plain.cpu:.1f} cpu s, "
              f"{plain.peak_mb:.0f} MB; ratio {gov.rate / plain.rate if plain.rate else 0:.2f}")
    if gov.pages != truth_pages or bare.pages != truth_pages:
        print(f"page counts differ from the site's {truth_pages}: govaudit {gov.pages}, bare {bare.pages}"
              " (the bare spider follows <a href> only: no sitemaps, iframes or <area>)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000, metavar="N",
                        help="filler pages added to the demo site (n_filler); default 5000, about 5,800 pages")
    parser.add_argument("--repeat", type=int, default=1, metavar="K", help="runs per contender; best and median")
    parser.add_argument("--also-default", action="store_true",
                        help="add a bare spider on Scrapy's default settings")
    parser.add_argument("--also-no-warc", action="store_true",
                        help="add govaudit with --no-warc, to measure what the evidence archive costs")
    parser.add_argument("--bare", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--bare-settings", choices=("govaudit", "default"), default="govaudit",
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare:
        return bare_crawl(args.bare, args.bare_settings)
    if args.pages < 0 or args.repeat < 1:
        parser.error("--pages must be ≥ 0 and --repeat ≥ 1")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return benchmark(args.pages, args.repeat, args.also_default, args.also_no_warc)


if __name__ == "__main__":
    sys.exit(main())
