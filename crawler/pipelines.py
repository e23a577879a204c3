"""The item pipeline: crawl records go to the SQLite store in batched transactions.

A batch is written synchronously, so no transaction stays open between reactor callbacks."""

from __future__ import annotations

import time

from checks.records import FetchRecord, PageRecord, ReferenceBatch
from crawler.store import Store


class StorePipeline:
    def __init__(self, db_path: str, run_id: int, batch_size: int):
        self.db_path = db_path
        self.run_id = run_id
        self.batch_size = batch_size
        self.buffer: list[PageRecord | FetchRecord | ReferenceBatch] = []
        self.last_flush = time.monotonic()
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(settings.get("GOVAUDIT_DB"), settings.getint("GOVAUDIT_RUN_ID"),
                   settings.getint("GOVAUDIT_STORE_BATCH"))

    def open_spider(self, spider=None) -> None:
        self.store = Store(self.db_path)

    def process_item(self, item, spider=None):
        self.buffer.append(item)
        # A size or a time limit, whichever comes first: a slow site still gets its pages saved.
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 2.0:
            self.flush()
        return item

    def flush(self) -> None:
        if self.buffer and self.store is not None:
            self.store.write_records(self.run_id, self.buffer)
            self.buffer = []
        self.last_flush = time.monotonic()

    def close_spider(self, spider=None) -> None:
        self.flush()
        if self.store is not None:
            self.store.close()
            self.store = None
