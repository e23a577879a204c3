"""The Site: one agency's stored crawl, as checkers over the whole site read it.

Built by the store from a run; checkers never see SQL or the network."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from checks.records import FetchRecord, PageRecord, Reference


@dataclass(slots=True)
class Site:
    agency_id: str
    agency_name: str
    start_url: str
    as_of: date
    stale_days: int
    pages: list[PageRecord]
    fetches: list[FetchRecord]
    references: list[tuple[str, Reference]]
    close_reason: str | None = None
    budget_hit: str | None = None
    collegial: bool = False                             # 合議制機關: Article 7 category 10 applies
    page_findings: list = field(default_factory=list)   # list[Finding] from page-level checks and the browser
    browser_audits: list[dict] = field(default_factory=list)
    search_probes: list[dict] = field(default_factory=list)  # crawler/search_probe.py records (checks.search)
    outcomes: dict[str, FetchRecord] = field(init=False)
    pages_by_key: dict[str, PageRecord] = field(init=False)
    probe: FetchRecord | None = field(init=False)

    def __post_init__(self) -> None:
        self.outcomes = {}
        self.probe = None
        for fetch in self.fetches:
            if fetch.purpose in ("page", "check"):
                self.outcomes[fetch.url_key] = fetch
            elif fetch.purpose == "probe":
                self.probe = fetch
        self.pages_by_key = {page.url_key: page for page in self.pages}

    def outcome(self, target_key: str) -> FetchRecord | None:
        return self.outcomes.get(target_key)

    @property
    def checked_references(self) -> int:
        return sum(1 for fetch in self.fetches if fetch.purpose == "check")
