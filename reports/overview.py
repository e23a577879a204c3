"""The index page's view: agencies in the plan's groups, and each agency's counts across the stored runs.

Reads the store only through its existing read methods; the trend covers runs up to the one rendered."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.agencies import GROUPS
from crawler.store import RunAgency, Store
from reports.model import AgencyReport

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 32, 3


@dataclass(frozen=True, slots=True)
class TrendPoint:
    run_id: int
    as_of: str
    broken_links: int
    accessibility: int


@dataclass(frozen=True, slots=True)
class Series:
    """One line of a sparkline, already in SVG coordinates; the template only prints it."""

    name: str                   # "broken" | "a11y": the CSS class that colours it
    points: str                 # "x,y x,y ..." for <polyline points>
    last_x: float
    last_y: float


@dataclass(slots=True)
class Trend:
    points: list[TrendPoint]
    series: list[Series] = field(default_factory=list)

    @property
    def first(self) -> TrendPoint:
        return self.points[0]

    @property
    def last(self) -> TrendPoint:
        return self.points[-1]


@dataclass(slots=True)
class AgencyGroup:
    code: str
    name: str
    reports: list[AgencyReport]
    skipped: list[RunAgency]


def group_agencies(reports: list[AgencyReport], skipped: list[RunAgency]) -> list[AgencyGroup]:
    """The plan's groups in the plan's order; an agency with a group the plan does not name is kept, last."""
    seen = {r.agency.group for r in reports} | {a.group for a in skipped}
    codes = list(GROUPS) + sorted(seen - set(GROUPS))
    groups = []
    for code in codes:
        members = [r for r in reports if r.agency.group == code]
        left_out = [a for a in skipped if a.group == code]
        if members or left_out:
            groups.append(AgencyGroup(code, GROUPS.get(code, code), members, left_out))
    return groups


def _scale(values: list[int], top: int) -> list[tuple[float, float]]:
    usable_w, usable_h = SPARK_WIDTH - 2 * SPARK_PAD, SPARK_HEIGHT - 2 * SPARK_PAD
    # A single run sits at the right edge, where the latest run always is.
    first = 0 if len(values) > 1 else 1
    steps = max(len(values) - 1, 1)
    return [(round(SPARK_PAD + usable_w * (i + first) / steps, 1),
             round(SPARK_PAD + usable_h * (1 - (v / top if top else 0)), 1)) for i, v in enumerate(values)]


def sparkline(points: list[TrendPoint]) -> list[Series]:
    """Both counts on one shared scale, so the two lines can be compared by height."""
    columns = {"broken": [p.broken_links for p in points], "a11y": [p.accessibility for p in points]}
    top = max(max(values) for values in columns.values())
    series = []
    for name, values in columns.items():
        xy = _scale(values, top)
        series.append(Series(name, " ".join(f"{x},{y}" for x, y in xy), *xy[-1]))
    return series


def load_trends(store: Store, run_id: int, agency_ids: list[str]) -> dict[str, Trend]:
    """agency id → its counts in every stored run up to run_id in which it was checked."""
    history: dict[str, list[TrendPoint]] = {agency_id: [] for agency_id in agency_ids}
    for run, as_of, agency_id, status, counts in store.summary_counts(
            run_id, ("broken_links", "accessibility_problems")):
        if agency_id in history and status == "checked":
            history[agency_id].append(TrendPoint(run, as_of, counts["broken_links"] or 0,
                                                 counts["accessibility_problems"] or 0))
    return {agency_id: Trend(points, sparkline(points)) for agency_id, points in history.items() if points}
