"""findings.csv (one row per finding) and verdicts.csv (one row per agency and indicator), UTF-8 with BOM so
Excel opens the Chinese text correctly. Columns are flat: what a spreadsheet user filters on gets its own column."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path

from checks.indicators import INDICATORS
from reports.evidence import EvidenceIndex
from reports.model import AgencyReport

COLUMNS = ("id", "check", "severity", "indicator", "indicator_name", "url", "target", "message",
           "status", "error", "link_text", "locator", "region", "date", "date_label", "checked_at",
           "page_sha256", "warc_file", "warc_offset")


VERDICT_COLUMNS = ("agency_id", "agency_name", "group", "indicator", "indicator_name", "verdict", "score",
                   "coverage", "criteria_met", "why", "reasons")


def _write_rows(path: Path, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows(rows)
    temporary.replace(path)


def write_csv(report: AgencyReport, path: Path) -> None:
    _write_rows(path, COLUMNS, _finding_rows(report))


def _finding_rows(report: AgencyReport) -> Iterable[list[object]]:
    index = EvidenceIndex(report.pages)
    for finding in report.findings:
        evidence = finding.evidence
        indicator = INDICATORS.get(finding.indicator)
        page = index.finding(finding)
        yield [
            finding.finding_id, finding.check, finding.severity, finding.indicator,
            indicator.name if indicator else "", finding.url, finding.target or "",
            _neutralise(finding.message), evidence.get("status", ""), evidence.get("error", ""),
            _neutralise(evidence.get("text", "") or ""), evidence.get("locator", ""),
            evidence.get("region", ""), evidence.get("date", ""), evidence.get("label", "") or "",
            evidence.get("checked_at", evidence.get("fetched_at", "")),
            page.sha256 if page else "", (page.warc_file or "") if page else "",
            "" if page is None or page.warc_offset is None else page.warc_offset,
        ]


def write_verdicts_csv(reports: Iterable[AgencyReport], path: Path) -> None:
    """Every agency's indicator verdicts side by side: the table an evaluator sorts and filters."""
    _write_rows(path, VERDICT_COLUMNS, (
        [report.agency.agency_id, report.agency.name, report.group_name, verdict["id"], verdict["name"],
         verdict["verdict"], "" if verdict["score"] is None else verdict["score"], verdict["coverage"],
         f"{sum(1 for c in verdict['criteria'] if c.get('met'))}/{len(verdict['criteria'])}",
         verdict["why"], "；".join(reason["text"] for reason in verdict["reasons"])]
        for report in reports for verdict in report.verdicts))


def _neutralise(text: str) -> str:
    # Crawled text starting with = + - @ would run as a formula in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
