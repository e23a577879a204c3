"""Comparing two stored runs: which findings are new, which were fixed, which persist, per agency.

Findings keep a stable id across runs (check, page, target, element), so the comparison is a set difference."""

from __future__ import annotations

from dataclasses import dataclass, field

from checks.finding import Finding
from crawler.store import Store


@dataclass(slots=True)
class AgencyDiff:
    agency_id: str
    name: str
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    persisting: list[Finding] = field(default_factory=list)
    only_in: str | None = None   # "old" | "new" when the agency was audited in one run only


def diff_runs(store: Store, old_run: int, new_run: int) -> list[AgencyDiff]:
    old_agencies = {a.agency_id: a for a in store.run_agencies(old_run) if a.status == "checked"}
    new_agencies = {a.agency_id: a for a in store.run_agencies(new_run) if a.status == "checked"}
    diffs = []
    for agency_id in list(dict.fromkeys([*new_agencies, *old_agencies])):
        agency = new_agencies.get(agency_id) or old_agencies[agency_id]
        diff = AgencyDiff(agency_id, agency.name)
        if agency_id not in old_agencies or agency_id not in new_agencies:
            diff.only_in = "new" if agency_id in new_agencies else "old"
            diffs.append(diff)
            continue
        before = {f.finding_id: f for f in store.findings(old_run, agency_id)}
        after = {f.finding_id: f for f in store.findings(new_run, agency_id)}
        diff.new = [f for key, f in after.items() if key not in before]
        diff.fixed = [f for key, f in before.items() if key not in after]
        diff.persisting = [f for key, f in after.items() if key in before]
        diffs.append(diff)
    return diffs


def format_diff(diffs: list[AgencyDiff], old_run: int, new_run: int) -> str:
    lines = [f"執行 {old_run} → {new_run}"]
    for diff in diffs:
        if diff.only_in:
            lines.append(f"\n[{diff.agency_id}] {diff.name}：僅在{'新' if diff.only_in == 'new' else '舊'}的執行中檢核")
            continue
        lines.append(f"\n[{diff.agency_id}] {diff.name}：新增 {len(diff.new)}，已修正 {len(diff.fixed)}，"
                     f"持續 {len(diff.persisting)}")
        for label, findings in (("新增", diff.new), ("已修正", diff.fixed)):
            for finding in findings:
                where = f" → {finding.target}" if finding.target else ""
                lines.append(f"  {label}  {finding.finding_id}  {finding.check}  {finding.url}{where}")
    return "\n".join(lines)
