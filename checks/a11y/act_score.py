"""Scores a checker on the W3C ACT Rules test cases the way ACT implementation reports do.

Failed example: detected when one of its rule's WCAG criteria is reported; clean example: false alarm then."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from checks.a11y.static import check_page, wcag_failures

FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Case:
    rule_id: str
    rule_name: str
    criteria: frozenset[str]  # the rule's WCAG SCs; the secondary ones when it lists no primary
    expected: str
    title: str
    testcase_id: str
    file: str  # relative to the corpus folder, as cases.json writes it
    path: Path
    missing_assets: tuple[str, ...] = ()


@dataclass(slots=True)
class Tally:
    detected: int = 0
    failed_total: int = 0
    false_alarms: int = 0
    clean_total: int = 0

    def add(self, case: Case, reported: set[str], criteria: frozenset[str]) -> None:
        hit = bool(criteria & reported)
        if case.expected == FAILED:
            self.failed_total += 1
            self.detected += hit
        else:
            self.clean_total += 1
            self.false_alarms += hit

    @property
    def detection_rate(self) -> float:
        return self.detected / self.failed_total if self.failed_total else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean_total if self.clean_total else 0.0


@dataclass(slots=True)
class Score(Tally):
    per_rule: dict[str, Tally] = field(default_factory=dict)
    rule_names: dict[str, str] = field(default_factory=dict)
    per_criterion: dict[str, Tally] = field(default_factory=dict)
    unscorable: int = 0  # cases whose rule maps to no WCAG criterion


def load_cases(corpus_dir: Path | str) -> list[Case]:
    """Non-deprecated examples from cases.json; missing media assets are kept (static checks need none)."""
    corpus = Path(corpus_dir)
    data = json.loads((corpus / "cases.json").read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        if raw.get("deprecated"):
            continue
        criteria = raw.get("wcag_sc") or raw.get("wcag_sc_secondary") or []
        cases.append(Case(
            rule_id=raw["rule_id"], rule_name=raw["rule_name"], criteria=frozenset(criteria),
            expected=raw["expected"], title=raw["title"], testcase_id=raw["testcase_id"],
            file=raw["file"], path=corpus / raw["file"], missing_assets=tuple(raw.get("missing_assets") or ()),
        ))
    return cases


def score(cases: Iterable[Case], flagged: Callable[[Case], set[str]],
          criteria: set[str] | None = None) -> Score:
    """Tally detections and false alarms. With `criteria`, only cases whose rule tests one of them count,
    and only reports of those criteria (the ones a checker claims to cover) count as hits."""
    result = Score()
    for case in cases:
        relevant = case.criteria if criteria is None else case.criteria & frozenset(criteria)
        if not relevant:
            if not case.criteria:
                result.unscorable += 1
            continue
        reported = flagged(case)
        result.add(case, reported, relevant)
        result.rule_names.setdefault(case.rule_id, case.rule_name)
        result.per_rule.setdefault(case.rule_id, Tally()).add(case, reported, relevant)
        for criterion in relevant:
            result.per_criterion.setdefault(criterion, Tally()).add(case, reported, frozenset({criterion}))
    return result


_UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def parse_case(case: Case) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(case.path.read_bytes(), parser=_UTF8)


def static_flagged(case: Case, ruleset: str = "110.07") -> set[str]:
    """WCAG criteria the static checks report as failed on a case's page (technique rules left out)."""
    url = f"http://127.0.0.1/{case.file}"
    return wcag_failures(check_page(parse_case(case), url, ruleset))


def report(result: Score) -> str:
    """Plain-text summary: totals, then one line per rule."""
    lines = [f"detected {result.detected}/{result.failed_total} ({result.detection_rate:.1%}), "
             f"false alarms {result.false_alarms}/{result.clean_total} ({result.false_alarm_rate:.1%})"]
    for rule_id, tally in sorted(result.per_rule.items(), key=lambda kv: result.rule_names[kv[0]]):
        lines.append(f"  {rule_id} {result.rule_names[rule_id][:60]:60} "
                     f"det {tally.detected}/{tally.failed_total}  fa {tally.false_alarms}/{tally.clean_total}")
    return "\n".join(lines)
