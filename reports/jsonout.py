"""findings.json: the machine-readable report, documented by schema/findings.schema.json.

Other tools rely on its shape; schema_version changes when the shape does."""

from __future__ import annotations

import json
from pathlib import Path

from reports.model import AgencyReport, report_json

SCHEMA_PATH = Path(__file__).parent / "schema" / "findings.schema.json"


def write_json(report: AgencyReport, path: Path) -> dict:
    data = report_json(report)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)  # readers never see half a file
    return data
