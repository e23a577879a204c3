"""One nightly run: crawl every selected agency in one Scrapy process, then check, then report.

Data flows one way (crawl → store → check → report); each agency's failure stays its own."""

from __future__ import annotations

import logging
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from checks.registry import collect_findings, summarize
from checks.a11y.rules import ruleset_for
from checks.site import Site
from checks.verdicts import judge
from crawler import __version__
from crawler import settings as project_settings
from crawler.provenance import component_versions
from crawler.agencies import Agency
from crawler.sampling import select_pages
from crawler.spiders.agency import AgencySpider
from crawler.store import Store


@dataclass(slots=True)
class RunOptions:
    out_dir: Path
    db_path: Path
    as_of: date
    max_pages: int | None = None
    max_checks: int | None = None
    max_seconds: int | None = None
    timeout: float | None = None
    axe_pages: int | None = None     # None: every crawled page
    browser_workers: int | None = None
    browser: bool = True
    http_cache: bool = False
    obey_robots: bool = True
    lang: str = "zh-TW"
    warc: bool = True
    keep_runs: int | None = None     # None: GOVAUDIT_KEEP_RUNS
    extra_settings: dict = field(default_factory=dict)


def scrapy_settings(options: RunOptions, run_id: int) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    overrides = {
        "GOVAUDIT_DB": str(options.db_path),
        "GOVAUDIT_RUN_ID": run_id,
        "HTTPCACHE_ENABLED": options.http_cache,
        "ROBOTSTXT_OBEY": options.obey_robots,
    }
    if options.max_pages is not None:
        overrides["GOVAUDIT_MAX_PAGES"] = options.max_pages
    if options.max_checks is not None:
        overrides["GOVAUDIT_MAX_CHECKS"] = options.max_checks
    if options.max_seconds is not None:
        overrides["GOVAUDIT_MAX_SECONDS"] = options.max_seconds
    if options.timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = options.timeout
    if options.browser_workers is not None:
        overrides["GOVAUDIT_BROWSER_WORKERS"] = options.browser_workers
    if not options.warc:
        overrides["GOVAUDIT_WARC"] = False
    if options.keep_runs is not None:
        overrides["GOVAUDIT_KEEP_RUNS"] = options.keep_runs
    overrides["GOVAUDIT_AXE_PAGES"] = options.axe_pages
    overrides["GOVAUDIT_RULESET"] = ruleset_for(options.as_of)
    overrides.update(options.extra_settings)
    settings.setdict(overrides, priority="cmdline")
    settings.set("CLOSESPIDER_TIMEOUT", settings.getint("GOVAUDIT_MAX_SECONDS"), priority="cmdline")
    return settings


def _recorded_settings(options: RunOptions, settings: Settings) -> dict:
    recorded = {key: settings.get(key) for key in (
        "GOVAUDIT_MAX_PAGES", "GOVAUDIT_MAX_CHECKS", "GOVAUDIT_MAX_SECONDS", "GOVAUDIT_STALE_DAYS",
        "DOWNLOAD_TIMEOUT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
        "RETRY_TIMES", "USER_AGENT", "HTTPCACHE_ENABLED", "GOVAUDIT_RULESET", "GOVAUDIT_AXE_PAGES",
        "GOVAUDIT_BROWSER_WORKERS", "GOVAUDIT_WARC", "GOVAUDIT_KEEP_RUNS")}
    recorded["browser"] = options.browser
    recorded["lang"] = options.lang
    recorded["versions"] = component_versions(options.browser)
    return recorded


def crawl(agencies: list[Agency], options: RunOptions, store: Store, run_id: int) -> None:
    """Crawl all agencies' sites in parallel in one reactor; record how each crawl ended."""
    settings = scrapy_settings(options, run_id)
    settings.set("GOVAUDIT_RUN_SETTINGS", store.run(run_id).settings, priority="cmdline")  # for the warcinfo
    process = CrawlerProcess(settings)
    # An unreachable robots.txt is already reported as the site being unreachable; no traceback needed.
    logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    crawlers = {}
    for agency in agencies:
        crawler = process.create_crawler(AgencySpider)
        crawlers[agency.id] = crawler
        store.set_agency_status(run_id, agency.id, "crawling")
        deferred = process.crawl(crawler, agency=agency)
        deferred.addErrback(_record_crawl_error, store, run_id, agency.id)
    process.start()
    for agency_id, crawler in crawlers.items():
        current = {a.agency_id: a for a in store.run_agencies(run_id)}[agency_id]
        if current.status == "failed":
            continue
        spider = getattr(crawler, "spider", None)
        reason = crawler.stats.get_value("finish_reason") if crawler.stats else None
        budget = getattr(spider, "budget_hit", None)
        if reason == "closespider_timeout":
            budget = budget or "max-seconds"
        store.set_agency_status(run_id, agency_id, "crawled", close_reason=budget or reason or "finished")


def release_memory() -> None:
    """Between phases: the last phase's objects are garbage now; hand their memory back to the system."""
    import ctypes
    import gc

    from checks import html

    html.clear_caches()
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed heap pages otherwise
    except (OSError, AttributeError):
        pass


def _record_crawl_error(failure, store: Store, run_id: int, agency_id: str) -> None:
    print(f"[{agency_id}] 爬取失敗：{failure.getErrorMessage()}", file=sys.stderr)
    store.set_agency_status(run_id, agency_id, "failed",
                            message=f"crawl failed: {failure.getErrorMessage()}"[:500])


def browser_phase(agencies: list[Agency], options: RunOptions, settings: Settings, store: Store,
                  run_id: int) -> None:
    """axe-core in Chromium over a sample of each agency's pages; after the crawl, outside the reactor."""
    from checks.a11y.axe_map import LEFT_TO_STATIC, axe_findings
    from crawler.browser import BrowserOptions, audit_pages, browser_available

    available, detail = browser_available()
    if not available:
        print(f"瀏覽器檢測略過：{detail}（以 --no-browser 執行可省略此訊息）", file=sys.stderr)
        for agency in agencies:
            store.write_browser_audits(run_id, agency.id, [], [_browser_missing(agency, detail)])
        return
    budget = settings.get("GOVAUDIT_AXE_PAGES")
    owner: dict[str, str] = {}
    urls: list[str] = []
    homepages: set[str] = set()
    status = {a.agency_id: a.status for a in store.run_agencies(run_id)}
    for agency in agencies:
        if status.get(agency.id) == "failed":
            continue
        chosen = select_pages(store.pages(run_id, agency.id, with_facts=False), agency.url, budget,
                              priority_urls=_evaluator_pages(store, run_id, agency.id, options.as_of))
        if chosen:
            homepages.add(chosen[0])
        for url in chosen:
            if url not in owner:
                owner[url] = agency.id
                urls.append(url)
    if not urls:
        return
    ruleset = settings.get("GOVAUDIT_RULESET")
    tags = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa") + (("wcag22a", "wcag22aa") if ruleset != "110.07" else ())
    browser_options = BrowserOptions(
        workers=settings.getint("GOVAUDIT_BROWSER_WORKERS"),
        page_timeout=settings.getfloat("GOVAUDIT_BROWSER_PAGE_TIMEOUT"),
        tags=tags, screenshot_dir=Path(options.out_dir) / "screenshots", disabled_rules=LEFT_TO_STATIC)
    print(f"瀏覽器檢測：{len(urls)} 頁，{browser_options.workers} 個工作程序", file=sys.stderr)
    started = time.monotonic()
    for done, audit in enumerate(audit_pages(urls, browser_options, screenshot_urls=homepages), start=1):
        agency_id = owner[audit.url]
        record = {"url": audit.url, "final_url": audit.final_url, "status": audit.status, "error": audit.error,
                  "elapsed_s": audit.elapsed_s, "axe_version": audit.axe_version, "title": audit.title,
                  "screenshot": audit.screenshot, "marks": audit.marks, "violations": len(audit.violations)}
        store.write_browser_audits(run_id, agency_id, [record], axe_findings(audit, ruleset))
        if done % 10 == 0 or done == len(urls):
            print(f"瀏覽器檢測進度 {done}/{len(urls)}，{time.monotonic() - started:.0f} 秒", file=sys.stderr)


def search_browser_phase(agencies: list[Agency], options: RunOptions, settings: Settings, store: Store,
                         run_id: int) -> None:
    """Script-driven search boxes, run in Chromium after the crawl (crawler/browser_search.py). Before the axe
    sample, so a results page found here can be audited too; with --no-browser the reason is recorded instead."""
    from crawler.browser import BrowserOptions
    from crawler.browser_search import not_run, run_searches, search_job

    status = {a.agency_id: a.status for a in store.run_agencies(run_id)}
    jobs = [job for agency in agencies if status.get(agency.id) != "failed"
            for job in [search_job(agency.id, agency.hosts, store.search_probes(run_id, agency.id))] if job]
    if not jobs:
        return
    if not options.browser:
        for job in jobs:
            store.write_records(run_id, [not_run(job, "browser-disabled", "--no-browser")])
        return
    print(f"瀏覽器搜尋測試：{len(jobs)} 個機關的程式驅動搜尋框", file=sys.stderr)
    browser_options = BrowserOptions(workers=1, page_timeout=settings.getfloat("GOVAUDIT_BROWSER_PAGE_TIMEOUT"))
    for job, records in run_searches(jobs, browser_options):
        store.write_records(run_id, records)


def _evaluator_pages(store: Store, run_id: int, agency_id: str, as_of: date) -> list[str]:
    """The disclosure zone and a search results page, audited in the browser before the template sample."""
    from checks.disclosure import analyse_disclosure

    site = load_site(store, run_id, None, agency_id, as_of, 365)
    pages = []
    zone = analyse_disclosure(site).zone
    if zone is not None:
        pages.append(zone.url)
    for probe in site.search_probes:
        if probe.get("status") == 200 and probe.get("q"):
            pages.append(probe["url"])
            break
    return pages


def _browser_missing(agency: Agency, detail: str):
    from checks.finding import Finding

    return Finding(check="a11y.browser-error", severity="info", indicator="2.1.2", url=agency.url or "",
                   evidence={"error": detail, "source": "axe"},
                   message=f"無法啟動 Chromium，未執行 axe-core 瀏覽器檢測：{detail}")


def load_site(store: Store, run_id: int, agency: Agency | None, agency_id: str, as_of: date,
              stale_days: int) -> Site:
    record = {a.agency_id: a for a in store.run_agencies(run_id)}[agency_id]
    close_reason = record.close_reason
    budget = close_reason if close_reason and close_reason.startswith("max-") else None
    return Site(
        agency_id=agency_id, agency_name=record.name, start_url=record.url or "",
        as_of=as_of, stale_days=stale_days,
        pages=store.pages(run_id, agency_id), fetches=store.fetches(run_id, agency_id),
        references=list(store.references(run_id, agency_id)),
        close_reason=None if budget else close_reason, budget_hit=budget, collegial=record.collegial,
        page_findings=store.page_findings(run_id, agency_id),
        browser_audits=store.browser_audits(run_id, agency_id),
        search_probes=store.search_probes(run_id, agency_id),
    )


def check_agency(store: Store, run_id: int, agency_id: str, as_of: date, stale_days: int) -> None:
    site = load_site(store, run_id, None, agency_id, as_of, stale_days)
    findings = collect_findings(site)
    summary = summarize(site, findings)
    add_growth(summary, store, run_id, agency_id, as_of)
    summary["verdicts"] = judge(summary, findings)  # after the growth rate, which 2.2.1 reads
    store.replace_findings(run_id, agency_id, findings, summary)
    store.set_agency_status(run_id, agency_id, "checked")


def add_growth(summary: dict, store: Store, run_id: int, agency_id: str, as_of: date) -> None:
    """The plan's 線上服務項目數成長率, (this − last) / last × 100 %: against the agency's previous checked run
    (what changed overnight), and as the plan defines it, 本年度 against 上年度: the last run of the year before."""
    services = summary.get("online_services")
    if not services:
        return

    def against(previous_run: int | None) -> tuple[int | None, int | None, float | None]:
        previous = (store.summary(previous_run, agency_id) or {}).get("online_services") if previous_run else None
        last = previous.get("total") if previous else None
        rate = round((services["total"] - last) / last * 100, 1) if last else None
        return (previous_run if last is not None else None), last, rate

    services["previous_run"], services["previous_total"], services["growth_rate"] = against(
        store.previous_run_id(run_id, agency_id))
    year_run, year_total, year_rate = against(store.last_run_in_year(run_id, agency_id, as_of.year - 1))
    services["year_over_year"] = None if year_run is None else {
        "year": as_of.year - 1, "roc_year": as_of.year - 1 - 1911, "run": year_run, "total": year_total,
        "growth_rate": year_rate}


def execute(agencies: list[Agency], options: RunOptions) -> int:
    """The whole job; returns the run id. Earlier runs in the store are never touched."""
    from reports.build import render_run  # reports depend on the store, not the other way round

    store = Store(options.db_path)
    interrupted = store.mark_interrupted_runs()
    if interrupted:
        print(f"注意：先前中斷的執行 {interrupted} 已標記為 interrupted，資料保留。", file=sys.stderr)
    settings = scrapy_settings(options, 0)
    run_id = store.start_run(options.as_of.isoformat(), __version__, _recorded_settings(options, settings))
    print(f"執行編號 {run_id}，基準日 {options.as_of.isoformat()}，資料庫 {options.db_path}", file=sys.stderr)
    to_crawl = []
    for agency in agencies:
        if agency.url:
            store.add_run_agency(run_id, agency.id, agency.name, agency.group, agency.url,
                                 collegial=agency.collegial)
            to_crawl.append(agency)
        else:
            message = f"未設定網址，略過：{agency.notes or '請於 agencies.csv 補上網址'}"
            print(f"[{agency.id}] {message}", file=sys.stderr)
            store.add_run_agency(run_id, agency.id, agency.name, agency.group, None, "skipped", message)
    try:
        if to_crawl:
            crawl(to_crawl, options, store, run_id)
            release_memory()
            search_browser_phase(to_crawl, options, settings, store, run_id)
            if options.browser:
                browser_phase(to_crawl, options, settings, store, run_id)
        stale_days = settings.getint("GOVAUDIT_STALE_DAYS")
        for agency in to_crawl:
            try:
                if {a.agency_id: a for a in store.run_agencies(run_id)}[agency.id].status != "failed":
                    check_agency(store, run_id, agency.id, options.as_of, stale_days)
            except Exception as exc:
                traceback.print_exc()
                store.set_agency_status(run_id, agency.id, "failed", message=f"checks failed: {exc!r}"[:500])
    except BaseException:
        store.finish_run(run_id, "failed")
        store.close()
        raise
    # The run's data is complete here; reports are derived from it and can be re-rendered any time.
    store.finish_run(run_id, "finished")
    release_memory()
    try:
        render_run(store, run_id, options.out_dir, lang=options.lang)
        apply_retention(store, run_id, settings.getint("GOVAUDIT_KEEP_RUNS"))
    finally:
        store.close()
    return run_id


def apply_retention(store: Store, current: int, keep: int) -> list[int]:
    """Older runs beyond the newest `keep` become summaries: page detail and WARC files go (0 keeps all)."""
    from crawler.warc import delete_run_warcs

    if keep <= 0:
        return []
    pruned = store.summarise_old_runs(keep, current)
    for run_id in pruned:
        # After the commit: a file that cannot be removed costs disk space, never the store's consistency.
        try:
            delete_run_warcs(store.path.parent, run_id)
        except OSError as exc:
            print(f"注意：無法刪除執行 {run_id} 的 WARC 檔：{exc}", file=sys.stderr)
    if pruned:
        print(f"保留最近 {keep} 次執行的完整資料；執行 {pruned} 已精簡為摘要（保留問題清單與摘要）。",
              file=sys.stderr)
    return pruned


def options_dict(options: RunOptions) -> dict:
    data = asdict(options)
    return {key: str(value) if isinstance(value, (Path, date)) else value for key, value in data.items()}
