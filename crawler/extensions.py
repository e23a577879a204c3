"""A Scrapy extension that shows crawl progress per agency on stderr while a run goes on.

Operators watching a nightly run see pages, checks and rate every few seconds."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from twisted.internet import task


class AgencyProgress:
    interval = 5.0

    def __init__(self, crawler):
        self.crawler = crawler
        self.loop: task.LoopingCall | None = None
        self.started = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.report, spider)
        self.loop.start(self.interval, now=False)

    def spider_closed(self, spider, reason) -> None:
        if self.loop and self.loop.running:
            self.loop.stop()
        self.report(spider, final=reason)

    def report(self, spider, final: str | None = None) -> None:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        pages = getattr(spider, "pages_done", 0)
        checks = getattr(spider, "checks_done", 0)
        state = f"完成 ({final})" if final else "進行中"
        print(f"[{spider.agency.id}] {state}: {pages} 頁, {checks} 個連結檢查, "
              f"{pages / elapsed:.1f} 頁/秒, {elapsed:.0f} 秒", file=sys.stderr, flush=True)
