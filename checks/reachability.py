"""Whether the agency's site could be reached at all, and whether the crawl saw all of it.

An unreachable site is a finding about the agency, never a crash of the run."""

from __future__ import annotations

from collections.abc import Iterator

from checks.finding import Finding
from checks.html import url_key
from checks.indicators import CONTENT_VALIDITY
from checks.links import describe_reason, failure_reason
from checks.site import Site


def check_reachable(site: Site) -> Iterator[Finding]:
    outcome = site.outcome(url_key(site.start_url))
    if outcome is None:
        reason, detail = "other", "首頁未取得回應"
    else:
        reason = failure_reason(outcome)
        detail = outcome.error_detail
        if reason is None and site.pages:
            return
        reason = reason or "other"
    evidence = {"reason": reason, "error_detail": detail}
    if outcome is not None:
        evidence.update(status=outcome.status, error=outcome.error, checked_at=outcome.fetched_at,
                        final_url=outcome.final_url, redirects=outcome.redirects)
    yield Finding(check="site.unreachable", severity="error", indicator=CONTENT_VALIDITY,
                  url=site.start_url, evidence=evidence,
                  message=f"無法連上機關網站首頁：{describe_reason(reason)}")


def check_crawl_complete(site: Site) -> Iterator[Finding]:
    if site.budget_hit or (site.close_reason and site.close_reason != "finished"):
        why = site.budget_hit or site.close_reason
        yield Finding(check="crawl.incomplete", severity="info", indicator=CONTENT_VALIDITY,
                      url=site.start_url, evidence={"reason": why, "pages": len(site.pages)},
                      message=f"爬取因預算上限提前結束（{why}），部分頁面未檢查")
