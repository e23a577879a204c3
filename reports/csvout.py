"""findings.csv: one row per finding, UTF-8 with BOM so Excel opens the Chinese text correctly.

Columns are flat: the evidence a spreadsheet user filters on gets its own column."""

from __future__ import annotations

import csv
from pathlib import Path

from checks.indicators import INDICATORS
from reports.model import AgencyReport

COLUMNS = ("id", "check", "severity", "indicator", "indicator_name", "url", "target", "message",
           "status", "error", "link_text", "locator", "region", "date", "date_label", "checked_at")


def write_csv(report: AgencyReport, path: Path) -> None:
    temporary = path.with_suffix(".csv.tmp")
    with temporary.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for finding in report.findings:
            evidence = finding.evidence
            indicator = INDICATORS.get(finding.indicator)
            writer.writerow([
                finding.finding_id, finding.check, finding.severity, finding.indicator,
                indicator.name if indicator else "", finding.url, finding.target or "",
                _neutralise(finding.message), evidence.get("status", ""), evidence.get("error", ""),
                _neutralise(evidence.get("text", "") or ""), evidence.get("locator", ""),
                evidence.get("region", ""), evidence.get("date", ""), evidence.get("label", "") or "",
                evidence.get("checked_at", evidence.get("fetched_at", "")),
            ])
    temporary.replace(path)


def _neutralise(text: str) -> str:
    # Crawled text starting with = + - @ would run as a formula in Excel.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
