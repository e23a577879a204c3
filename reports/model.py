"""What a report shows, assembled once from the store: per-agency views both renderers share.

Grouping and ordering live here so HTML, JSON and CSV agree; no check logic."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any

from checks.finding import Finding
from checks.indicators import INDICATORS
from checks.records import PageRecord
from checks.verdicts import judge
from crawler.agencies import GROUPS
from crawler.store import RunAgency, RunInfo, Store
from reports.priority import Priority, earliest, prioritise

SCHEMA_VERSION = "1.2"  # 1.1: summary.verdicts; 1.2: page_sha256 and warc on findings, warc on pages
VERDICT_LINKS = 5  # finding links per verdict criterion in the HTML report
_REGION_WEIGHT = {"nav": 0, "header": 1, "footer": 2, "aside": 3, "main": 4, "body": 5}


@dataclass(slots=True)
class BrokenTarget:
    target: str
    reason: str
    status: int | None
    error: str | None
    kind: str
    occurrences: list[Finding]
    first_seen: str | None = None

    @property
    def site_wide(self) -> bool:
        return any(f.evidence.get("region") in ("nav", "header", "footer") for f in self.occurrences)

    @property
    def template(self) -> bool:
        """In a shared menu, or at the same place on several pages: one template edit fixes every page."""
        locators = [f.evidence.get("locator") for f in self.occurrences if f.evidence.get("locator")]
        return self.site_wide or len(locators) != len(set(locators))

    @property
    def pages(self) -> int:
        return len({f.url for f in self.occurrences})


@dataclass(slots=True)
class A11yProblem:
    """One element problem; the same element at the same place on many pages is one template problem."""

    selector: str
    locator: str
    snippet: str
    message: str
    sources: set[str]
    urls: list[str]
    finding_ids: list[str] = field(default_factory=list)
    first_seen: str | None = None


@dataclass(slots=True)
class A11yRuleGroup:
    check: str
    rule: str
    code: str
    level: str
    wcag: list[str]
    title: str
    fix: str
    severity: str
    problems: list[A11yProblem]

    @property
    def occurrences(self) -> int:
        return sum(len(problem.urls) for problem in self.problems)

    @property
    def first_seen(self) -> str | None:
        return min((p.first_seen for p in self.problems if p.first_seen), default=None)


@dataclass(slots=True)
class AgencyReport:
    run: RunInfo
    agency: RunAgency
    summary: dict[str, Any]
    findings: list[Finding]
    pages: list[PageRecord]
    broken_targets: list[BrokenTarget] = field(default_factory=list)
    accessibility: list[A11yRuleGroup] = field(default_factory=list)
    browser_audits: list[dict] = field(default_factory=list)
    previous_run: int | None = None             # the agency's last checked run before this one
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    first_seen: dict[str, str] = field(default_factory=dict)  # finding id → when it was first reported
    priorities: list[Priority] = field(default_factory=list)   # most impact first

    @property
    def group_name(self) -> str:
        return GROUPS.get(self.agency.group, self.agency.group)

    @property
    def warc_files(self) -> list[str]:
        """The run's evidence archives holding this agency's pages, relative to the store's folder."""
        return sorted({page.warc_file for page in self.pages if page.warc_file})

    @property
    def versions(self) -> dict[str, str]:
        """The tools that judged the pages, as recorded with the run (crawler/provenance.py)."""
        return self.run.settings.get("versions") or {}

    def by_check(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]

    @property
    def verdicts(self) -> list[dict]:
        """The indicator verdicts (checks/verdicts.py), in the plan's order."""
        return (self.summary.get("verdicts") or {}).get("indicators", [])

    def verdict_links(self, criterion: dict) -> list[str]:
        """The finding ids a verdict row links to; findings.json lists all it cites."""
        return criterion.get("findings", [])[:VERDICT_LINKS]

    def cited_findings(self) -> list[Finding]:
        """Each finding the verdict table links to, once, in table order."""
        by_id = {f.finding_id: f for f in self.findings}
        wanted = dict.fromkeys(i for v in self.verdicts for c in v["criteria"] for i in self.verdict_links(c))
        return [by_id[i] for i in wanted if i in by_id]


def group_broken(findings: list[Finding]) -> list[BrokenTarget]:
    """Broken links grouped by target; targets in site-wide menus and on many pages first."""
    groups: OrderedDict[str, BrokenTarget] = OrderedDict()
    for finding in findings:
        if finding.check != "link.broken":
            continue
        group = groups.get(finding.target)
        if group is None:
            evidence = finding.evidence
            group = groups[finding.target] = BrokenTarget(
                finding.target, evidence.get("reason", ""), evidence.get("status"), evidence.get("error"),
                evidence.get("kind", "link"), [])
        group.occurrences.append(finding)
    return sorted(groups.values(), key=lambda g: (
        min(_REGION_WEIGHT.get(f.evidence.get("region", "body"), 5) for f in g.occurrences),
        -len(g.occurrences), g.target))


def _rule_text(check: str, rule: str, lang: str) -> tuple[str, str]:
    """Title and fix from the rule tables, in the report's language; a rule missing from them shows its id."""
    from checks.a11y.axe_map import AXE_RULES
    from checks.a11y.rules import RULES

    english = lang == "en"
    if check.startswith("a11y.axe."):
        axe = AXE_RULES.get(rule)
        if axe is None:
            return rule, ""
        return (axe.title_en, axe.fix_en) if english else (axe.title_zh, axe.fix_zh)
    info = RULES.get(rule)
    if info is None:
        return rule, ""
    return (info.title_en, info.fix_en) if english else (info.title, info.fix)


_LEVEL_RANK = {"A": 0, "AA": 1, "AAA": 2}


def group_accessibility(findings: list[Finding], lang: str = "zh-TW") -> list[A11yRuleGroup]:
    """Accessibility findings by rule, then by element: a header fixed once fixes all its pages."""
    groups: dict[str, A11yRuleGroup] = {}
    problems: dict[tuple[str, str, str], A11yProblem] = {}
    for finding in findings:
        if not finding.check.startswith("a11y.") or finding.check == "a11y.browser-error":
            continue
        evidence = finding.evidence
        rule = evidence.get("rule") or finding.check.split(".")[-1]
        group = groups.get(finding.check)
        if group is None:
            title, fix = _rule_text(finding.check, rule, lang)
            group = groups[finding.check] = A11yRuleGroup(
                finding.check, rule, evidence.get("code", ""), evidence.get("level", ""),
                list(evidence.get("wcag", [])), title, fix, finding.severity, [])
        key = (finding.check, evidence.get("locator", ""), evidence.get("snippet", ""))
        problem = problems.get(key)
        if problem is None:
            problem = problems[key] = A11yProblem(evidence.get("selector", ""), evidence.get("locator", ""),
                                                  evidence.get("snippet", ""), finding.message, set(), [])
            group.problems.append(problem)
        problem.sources.update(str(evidence.get("source", "")).split("+"))
        problem.urls.append(finding.url)
        problem.finding_ids.append(finding.finding_id)
    for group in groups.values():
        group.problems.sort(key=lambda p: (-len(p.urls), p.locator))
    return sorted(groups.values(), key=lambda g: (_LEVEL_RANK.get(g.level, 3), -g.occurrences, g.check))


def _date_groups(report: AgencyReport) -> None:
    for target in report.broken_targets:
        target.first_seen = earliest(report.first_seen, [f.finding_id for f in target.occurrences])
    for group in report.accessibility:
        for problem in group.problems:
            problem.first_seen = earliest(report.first_seen, problem.finding_ids)


def load_agency_report(store: Store, run: RunInfo, agency: RunAgency, lang: str = "zh-TW") -> AgencyReport:
    findings = store.findings(run.id, agency.agency_id)
    summary = store.summary(run.id, agency.agency_id) or {}
    if "verdicts" not in summary:  # runs stored before verdicts existed, and agencies whose checks failed
        summary["verdicts"] = judge(summary, findings, agency.status)
    report = AgencyReport(run, agency, summary, findings, store.pages(run.id, agency.agency_id, with_facts=False))
    report.broken_targets = group_broken(findings)
    report.accessibility = group_accessibility(findings, lang)
    report.browser_audits = store.browser_audits(run.id, agency.agency_id)
    report.first_seen = store.first_seen(run.id, agency.agency_id)
    _date_groups(report)
    report.priorities = prioritise(report, lang)  # reads the grouped, dated views above
    report.previous_run = store.previous_run_id(run.id, agency.agency_id)
    if report.previous_run is not None:
        before = {f.finding_id: f for f in store.findings(report.previous_run, agency.agency_id)}
        now = {f.finding_id for f in findings}
        report.new = [f for f in findings if f.finding_id not in before]
        report.fixed = [f for key, f in before.items() if key not in now]
    return report


def finding_json(finding: Finding, first_seen: dict[str, str] | None = None) -> dict[str, Any]:
    data = finding.to_dict()
    if first_seen is not None:
        data["first_seen"] = first_seen.get(finding.finding_id)
    indicator = INDICATORS.get(finding.indicator)
    data["indicator_name"] = indicator.name if indicator else None
    return data


def page_json(page: PageRecord) -> dict[str, Any]:
    return {
        "url": page.url, "requested_url": page.requested_url, "status": page.status,
        "content_type": page.content_type, "size": page.size, "encoding": page.encoding,
        "fetched_at": page.fetched_at, "response_ms": page.response_ms, "sha256": page.sha256,
        "title": page.title, "lang": page.lang, "depth": page.depth, "referrer": page.referrer,
        "redirects": page.redirects, "date": page.date, "date_label": page.date_label,
        "date_source": page.date_source, "date_text": page.date_text, "site_date": page.site_date,
    }


def report_json(report: AgencyReport) -> dict[str, Any]:
    run, agency = report.run, report.agency
    summary = {
        "pages_crawled": report.summary.get("pages_crawled", 0),
        "links_checked": report.summary.get("links_checked", 0),
        "broken_links": report.summary.get("broken_links", 0),
        "stale_pages": report.summary.get("stale_pages", 0),
        "undated_pages": report.summary.get("undated_pages", 0),
    }
    summary.update({k: v for k, v in report.summary.items() if k not in summary})
    return {
        "schema_version": SCHEMA_VERSION,
        "agency": {"id": agency.agency_id, "name": agency.name, "url": agency.url, "group": agency.group,
                   "status": agency.status, "message": agency.message},
        "run": {"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
                "as_of": run.as_of, "tool_version": run.tool_version, "status": run.status,
                "settings": run.settings, "crawl_started_at": agency.started_at,
                "crawl_finished_at": agency.finished_at, "close_reason": agency.close_reason},
        "summary": summary,
        "changes": {"previous_run": report.previous_run,
                    "new": [f.finding_id for f in report.new], "fixed": [f.finding_id for f in report.fixed]},
        # The report's "what to fix first" list, whole and in order (the HTML shows the first FIX_FIRST_LIMIT).
        "fix_first": [asdict(priority) for priority in report.priorities],
        "pages": [page_json(page) for page in report.pages],
        "findings": [finding_json(finding, report.first_seen) for finding in report.findings],
    }
