"""findings.json: the machine-readable report, documented by schema/findings.schema.json.

Other tools rely on its shape; schema_version changes when the shape does."""

from __future__ import annotations

import json
from pathlib import Path

from reports.evidence import EvidenceIndex
from reports.model import AgencyReport, report_json

SCHEMA_PATH = Path(__file__).parent / "schema" / "findings.schema.json"


def write_json(report: AgencyReport, path: Path) -> dict:
    data = report_json(report)
    add_evidence(data, report, EvidenceIndex(report.pages))
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)  # readers never see half a file
    return data


def add_evidence(data: dict, report: AgencyReport, index: EvidenceIndex) -> None:
    """Each page and each finding on a page cite the page's SHA-256 and its WARC record (null when none)."""
    for page_data, page in zip(data["pages"], report.pages):
        evidence = index.page(page.url)
        page_data["warc"] = evidence.as_json()["warc"] if evidence else None
    for finding_data, finding in zip(data["findings"], report.findings):
        evidence = index.finding(finding)
        finding_data.update(evidence.as_json() if evidence else {"page_sha256": None, "warc": None})
