"""Where the bytes behind a finding are: the page's SHA-256 and its record in the run's WARC file.

findings.json and findings.csv both cite it, so an evaluator can re-read the exact response and re-hash it."""

from __future__ import annotations

from dataclasses import dataclass

from checks.finding import Finding
from checks.html import url_key
from checks.records import PageRecord


@dataclass(slots=True, frozen=True)
class PageEvidence:
    sha256: str
    warc_file: str | None     # relative to the store's folder (by default --out), so re-rendering never changes it
    warc_offset: int | None

    def as_json(self) -> dict:
        warc = {"file": self.warc_file, "offset": self.warc_offset} if self.warc_file is not None else None
        return {"page_sha256": self.sha256, "warc": warc}


class EvidenceIndex:
    """Pages of one agency's run by URL key; a finding on a page gets that page's evidence."""

    def __init__(self, pages: list[PageRecord]):
        self.by_key = {page.url_key: PageEvidence(page.sha256, page.warc_file, page.warc_offset)
                       for page in pages if page.sha256}

    def page(self, url: str) -> PageEvidence | None:
        return self.by_key.get(url_key(url)) if url else None

    def finding(self, finding: Finding) -> PageEvidence | None:
        return self.page(finding.url)
