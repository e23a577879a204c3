"""findings.csv: one row per finding, UTF-8 with BOM so Excel opens the Chinese text correctly.

Columns are flat: the evidence a spreadsheet user filters on gets its own column."""

from __future__ import annotations

import csv
from pathlib import Path

from checks.indicators import INDICATORS
from reports.evidence import EvidenceIndex
from reports.model import AgencyReport

COLUMNS = ("id", "check", "severity", "indicator", "indicator_name", "url", "target", "message",
           "status", "error", "link_text", "locator", "region", "date", "date_label", "checked_at",
           "page_sha256", "warc_file", "warc_offset")


def write_csv(report: AgencyReport, path: Path) -> None:
    index = EvidenceIndex(report.pages)
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for finding in report.findings:
            evidence = finding.evidence
            indicator = INDICATORS.get(finding.indicator)
            page = index.finding(finding)
            writer.writerow([
                finding.finding_id, finding.check, finding.severity, finding.indicator,
                indicator.name if indicator else "", finding.url, finding.target or "",
                _neutralise(finding.message), evidence.get("status", ""), evidence.get("error", ""),
                _neutralise(evidence.get("text", "") or ""), evidence.get("locator", ""),
                evidence.get("region", ""), evidence.get("date", ""), evidence.get("label", "") or "",
                evidence.get("checked_at", evidence.get("fetched_at", "")),
                page.sha256 if page else "", (page.warc_file or "") if page else "",
                "" if page is None or page.warc_offset is None else page.warc_offset,
            ])
    temporary.replace(path)


def _neutralise(text: str) -> str:
    # Crawled text starting with = + - @ would run as a formula in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
