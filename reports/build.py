"""Rendering a stored run into DIR/index.html, DIR/verdicts.csv and DIR/<agency>/{report.html,findings.json,
findings.csv}.

Works from the store alone, so `govaudit report --run ID` re-renders any run without crawling."""

from __future__ import annotations

import shutil
import sys
import traceback
from pathlib import Path

from crawler.store import Store
from reports.csvout import write_csv, write_verdicts_csv
from reports.html import environment, write_agency_html, write_index_html
from reports.i18n import DEFAULT_LANG
from reports.jsonout import write_json
from reports.model import AgencyReport, load_agency_report
from reports.overview import group_agencies, load_trends


def _collect_screenshots(report: AgencyReport, folder: Path) -> None:
    """Evidence travels with the report: each screenshot is copied beside the agency's report.html."""
    for audit in report.browser_audits:
        source = Path(audit["screenshot"]) if audit.get("screenshot") else None
        if source is None or not source.exists():
            continue
        folder.mkdir(parents=True, exist_ok=True)
        destination = folder / source.name
        if destination.resolve() != source.resolve():
            shutil.copyfile(source, destination)


def render_run(store: Store, run_id: int, out_dir: Path, lang: str = DEFAULT_LANG) -> list[AgencyReport]:
    run = store.run(run_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = environment(lang)
    reports: list[AgencyReport] = []
    skipped = []
    for agency in store.run_agencies(run_id):
        if agency.status in ("skipped",):
            skipped.append(agency)
            continue
        try:
            report = load_agency_report(store, run, agency, lang)
            folder = out_dir / agency.agency_id
            folder.mkdir(parents=True, exist_ok=True)
            _collect_screenshots(report, folder / "screenshots")
            write_json(report, folder / "findings.json")
            write_csv(report, folder / "findings.csv")
            write_agency_html(report, folder / "report.html", env)
            reports.append(report)
        except Exception:  # one agency's report failing must not cost the others theirs
            traceback.print_exc()
            print(f"[{agency.agency_id}] 報告產生失敗", file=sys.stderr)
    trends = load_trends(store, run_id, [report.agency.agency_id for report in reports])
    write_verdicts_csv(reports, out_dir / "verdicts.csv")
    write_index_html(group_agencies(reports, skipped), trends, run, out_dir / "index.html", env)
    return reports
