"""What to fix first: every open problem of one agency as one item, ordered by the impact of fixing it.

The ordering rule is published in the README ("What to fix first"); templates only print the list."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from checks.finding import SEVERITIES, Finding
from reports.i18n import check_title

if TYPE_CHECKING:
    from reports.model import AgencyReport

# Tiers, most urgent first. A lower tier always comes first; within a tier, more pages first.
BLOCKING, TEMPLATE, ONE_OFF, MINOR = 0, 1, 2, 3

# A finding of these checks fails an indicator outright or hides a whole service from every visitor,
# however few pages it names: the site is down, the disclosure evidence cannot be reached, there is no
# working search, no accessibility mark, no basic e-participation channel, an online service is broken.
BLOCKING_CHECKS = frozenset({
    "site.unreachable",
    "disclosure.zone-missing", "disclosure.category-missing", "disclosure.category-unreachable",
    "search.missing", "search.broken",
    "tw.mark-missing", "tw.mark-expired",
    "service.broken",
    "participation.missing-basic", "participation.broken",
})

# Where each kind of problem is explained in full in the agency report.
_SECTIONS = (("link.broken", "broken"), ("link.soft-404", "soft404"), ("link.malformed", "malformed"),
             ("page.stale", "stale"), ("page.future-date", "future"), ("page.undated", "undated"),
             ("disclosure.", "disclosure"), ("search.", "search"), ("homepage.", "homepage"),
             ("service.", "services"), ("participation.", "participation"), ("content.", "info-findings"),
             ("a11y.", "a11y"), ("tw.", "conventions"), ("site.", "summary"))


@dataclass(frozen=True, slots=True)
class Priority:
    tier: int
    pages: int                  # distinct pages the problem shows on
    severity: str
    check: str
    title: str                  # what kind of problem, in the report's language
    detail: str                 # which one: the target, the element or the checker's message (crawled text)
    url: str                    # where to start looking
    section: str                # id of the report section with the full evidence
    first_seen: str | None

    @property
    def sort_key(self) -> tuple:
        return (self.tier, -self.pages, SEVERITIES.index(self.severity), self.title, self.detail)


def section_for(check: str) -> str:
    return next((section for prefix, section in _SECTIONS if check.startswith(prefix)), "summary")


def _tier(check: str, severity: str, template: bool) -> int:
    if check in BLOCKING_CHECKS:
        return BLOCKING
    if severity != "error":
        return MINOR
    return TEMPLATE if template else ONE_OFF


def earliest(first_seen: dict[str, str], ids: list[str]) -> str | None:
    """When the oldest of these findings was first reported: a group is as old as its oldest member."""
    return min((first_seen[i] for i in ids if i in first_seen), default=None)


def prioritise(report: AgencyReport, lang: str = "zh-TW") -> list[Priority]:
    """One item per broken target, per accessibility element, and per other check; most impact first."""
    items: list[Priority] = []
    for target in report.broken_targets:
        source = target.occurrences[0]
        items.append(Priority(
            _tier("link.broken", "error", target.template), target.pages, "error", "link.broken",
            check_title("link.broken", lang), target.target, source.url, "broken", target.first_seen))
    for group in report.accessibility:
        for problem in group.problems:
            pages = len(set(problem.urls))
            items.append(Priority(
                _tier(group.check, group.severity, pages > 1), pages, group.severity, group.check,
                f"{group.code} {group.title}".strip(), problem.snippet or problem.selector, problem.urls[0],
                "a11y", problem.first_seen))
    others: OrderedDict[str, list[Finding]] = OrderedDict()
    for finding in report.findings:
        if finding.severity == "info" or finding.check == "link.broken" or finding.check.startswith("a11y."):
            continue
        others.setdefault(finding.check, []).append(finding)
    for check, findings in others.items():
        severity = min((f.severity for f in findings), key=SEVERITIES.index)
        pages = len({f.url for f in findings})
        detail = findings[0].message if len(findings) == 1 else f"{findings[0].message} (+{len(findings) - 1})"
        items.append(Priority(
            _tier(check, severity, False), pages, severity, check, check_title(check, lang), detail,
            findings[0].url, section_for(check), earliest(report.first_seen, [f.finding_id for f in findings])))
    return sorted(items, key=lambda item: item.sort_key)
