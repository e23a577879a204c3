"""One nightly run: crawl every selected agency in one Scrapy process, then check, then report.

Data flows one way (crawl → store → check → report); each agency's failure stays its own."""

from __future__ import annotations

import logging
import sys
import traceback
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from checks.registry import run_site_checks, summarize
from checks.site import Site
from crawler import __version__
from crawler import settings as project_settings
from crawler.agencies import Agency
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
    browser: bool = True
    http_cache: bool = False
    obey_robots: bool = True
    lang: str = "zh-TW"
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
    overrides.update(options.extra_settings)
    settings.setdict(overrides, priority="cmdline")
    settings.set("CLOSESPIDER_TIMEOUT", settings.getint("GOVAUDIT_MAX_SECONDS"), priority="cmdline")
    return settings


def _recorded_settings(options: RunOptions, settings: Settings) -> dict:
    recorded = {key: settings.get(key) for key in (
        "GOVAUDIT_MAX_PAGES", "GOVAUDIT_MAX_CHECKS", "GOVAUDIT_MAX_SECONDS", "GOVAUDIT_STALE_DAYS",
        "DOWNLOAD_TIMEOUT", "ROBOTSTXT_OBEY", "CONCURRENT_REQUESTS_PER_DOMAIN", "AUTOTHROTTLE_ENABLED",
        "RETRY_TIMES", "USER_AGENT", "HTTPCACHE_ENABLED")}
    recorded["browser"] = options.browser
    recorded["lang"] = options.lang
    return recorded


def crawl(agencies: list[Agency], options: RunOptions, store: Store, run_id: int) -> None:
    """Crawl all agencies' sites in parallel in one reactor; record how each crawl ended."""
    settings = scrapy_settings(options, run_id)
    process = CrawlerProcess(settings, install_root_handler=True)
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


def _record_crawl_error(failure, store: Store, run_id: int, agency_id: str) -> None:
    print(f"[{agency_id}] 爬取失敗：{failure.getErrorMessage()}", file=sys.stderr)
    store.set_agency_status(run_id, agency_id, "failed",
                            message=f"crawl failed: {failure.getErrorMessage()}"[:500])


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
        close_reason=None if budget else close_reason, budget_hit=budget,
    )


def check_agency(store: Store, run_id: int, agency_id: str, as_of: date, stale_days: int) -> None:
    site = load_site(store, run_id, None, agency_id, as_of, stale_days)
    findings = run_site_checks(site)
    store.replace_findings(run_id, agency_id, findings, summarize(site, findings))
    store.set_agency_status(run_id, agency_id, "checked")


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
            store.add_run_agency(run_id, agency.id, agency.name, agency.group, agency.url)
            to_crawl.append(agency)
        else:
            message = f"未設定網址，略過：{agency.notes or '請於 agencies.csv 補上網址'}"
            print(f"[{agency.id}] {message}", file=sys.stderr)
            store.add_run_agency(run_id, agency.id, agency.name, agency.group, None, "skipped", message)
    try:
        if to_crawl:
            crawl(to_crawl, options, store, run_id)
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
    try:
        render_run(store, run_id, options.out_dir, lang=options.lang)
    finally:
        store.close()
    return run_id


def options_dict(options: RunOptions) -> dict:
    data = asdict(options)
    return {key: str(value) if isinstance(value, (Path, date)) else value for key, value in data.items()}
