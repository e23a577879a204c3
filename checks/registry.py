"""The list of site checks, in the order they run; adding a check is one function and one line here.

run_site_checks isolates each check: one that crashes becomes a finding, the others still run."""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterable

from checks import (content, disclosure, homepage, links, participation, reachability, search, services,
                    staleness)
from checks.finding import Finding
from checks.indicators import CONTENT_VALIDITY
from checks.site import Site

SiteCheck = Callable[[Site], Iterable[Finding]]

CRAWL_CHECKS: list[SiteCheck] = [
    reachability.check_reachable,
    reachability.check_crawl_complete,
]

# These judge what the crawl saw; with no page seen they could not tell, which is not "missing".
CONTENT_CHECKS: list[SiteCheck] = [
    links.check_broken_links,
    links.check_soft_404,
    links.check_malformed_links,
    staleness.check_page_dates,
    disclosure.check_disclosure,
    homepage.check_homepage,
    services.check_services,
    participation.check_participation,
    search.check_search,
    content.check_content,
]

SITE_CHECKS: list[SiteCheck] = CRAWL_CHECKS + CONTENT_CHECKS

SUMMARIES: dict[str, Callable[[Site], dict]] = {
    "disclosure": disclosure.summarize_disclosure,
    "homepage": homepage.summarize_homepage,
    "online_services": services.summarize_online_services,
    "e_participation": participation.summarize_e_participation,
    "search": search.summarize_search,
    "content": content.summarize_content,
}


def run_site_checks(site: Site, checks: Iterable[SiteCheck] = SITE_CHECKS) -> list[Finding]:
    findings: list[Finding] = []
    for check in checks:
        try:
            findings.extend(check(site))
        except Exception as exc:  # a checker bug must not cost the agency its other results
            findings.append(Finding(
                check="internal.check-error", severity="info", indicator=CONTENT_VALIDITY,
                url=site.start_url,
                evidence={"check": getattr(check, "__name__", repr(check)), "error": repr(exc),
                          "traceback": traceback.format_exc(limit=5)},
                message=f"檢核程式 {getattr(check, '__name__', check)} 發生錯誤，此項結果不完整",
            ))
    return findings


def collect_findings(site: Site) -> list[Finding]:
    """Everything known about the site: page findings (static and axe merged), then the site checks."""
    from checks import accessibility

    findings = accessibility.merge_static_and_axe(site.page_findings)
    findings.extend(run_site_checks(site, CRAWL_CHECKS))
    if site.pages:
        findings.extend(run_site_checks(site, CONTENT_CHECKS))
        findings.extend(run_site_checks(site, [accessibility.check_conventions,
                                               lambda s: accessibility.check_marks(s, findings)]))
    return findings


def _summaries(site: Site) -> dict:
    """Per-indicator summaries; null when nothing was crawled or the summary itself failed."""
    result = {}
    for key, summarize_one in SUMMARIES.items():
        try:
            result[key] = summarize_one(site) if site.pages else None
        except Exception:
            traceback.print_exc()
            result[key] = None
    return result


def summarize(site: Site, findings: list[Finding]) -> dict:
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.check] = counts.get(finding.check, 0) + 1
    return {
        "pages_crawled": len(site.pages),
        "links_checked": len({r.target_key for _, r in site.references if r.kind not in ("mailto", "tel")}),
        "references": len(site.references),
        "broken_links": counts.get("link.broken", 0),
        "broken_targets": len({f.target for f in findings if f.check == "link.broken"}),
        "soft_404": counts.get("link.soft-404", 0),
        "malformed_links": counts.get("link.malformed", 0),
        "stale_pages": counts.get("page.stale", 0),
        "future_dated_pages": counts.get("page.future-date", 0),
        "undated_pages": counts.get("page.undated", 0),
        "reachable": counts.get("site.unreachable", 0) == 0,
        "complete": counts.get("crawl.incomplete", 0) == 0,
        "accessibility_problems": sum(v for k, v in counts.items() if k.startswith("a11y.")),
        "accessibility_pages_audited": len(site.browser_audits),
        "budget_hit": site.budget_hit,
        "close_reason": site.close_reason,
        "findings_by_check": counts,
        **_summaries(site),
    }
