"""Scores a checker on the W3C ACT Rules test cases the way ACT implementation reports do.

A case counts as flagged when a procedure that implements its rule (act_map), or one that claims no ACT
rule at all, reports one of the rule's WCAG criteria; failed examples should be, the others should not."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from checks.a11y.act_map import AXE_ACT_RULES, STATIC_ACT_RULES
from checks.a11y.static import check_page, counts_as_failure
from checks.finding import Finding

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


@dataclass(frozen=True, slots=True)
class Flag:
    """One procedure ("static:<rule>" or "axe:<rule>") reporting WCAG criteria failed on a page."""
    procedure: str
    criteria: frozenset[str]


_ACT_RULES = {"static": STATIC_ACT_RULES, "axe": AXE_ACT_RULES}


def attributable(procedure: str, rule_id: str) -> bool:
    """Whether a procedure's report speaks to an ACT rule's examples.

    An example is labelled for its own rule only: a passed example of "ARIA state or property is permitted"
    may hold an unnamed combobox, which "Form field has non-empty accessible name" fails. A procedure that
    implements other ACT rules is therefore not judged by it, as in ACT implementation reports."""
    engine, _, name = procedure.partition(":")
    implemented = _ACT_RULES.get(engine, {}).get(name)
    return implemented is None or rule_id in implemented


def flags_of(findings: Iterable[Finding]) -> set[Flag]:
    """The procedures behind each finding that counts as a WCAG failure, with its criteria."""
    flags: set[Flag] = set()
    for finding in findings:
        evidence = finding.evidence
        criteria = frozenset(evidence.get("wcag", ()))
        if not criteria or not counts_as_failure(finding):
            continue
        if evidence.get("source") == "axe":
            flags.add(Flag(f"axe:{evidence.get('rule', '')}", criteria))
            continue
        flags.add(Flag(f"static:{evidence.get('rule', '')}", criteria))
        flags.update(Flag(f"axe:{rule}", criteria) for rule in evidence.get("axe_rules", ()))
    return flags


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


def score(cases: Iterable[Case], flagged: Callable[[Case], Iterable[Flag]],
          criteria: set[str] | None = None, *, by_rule: bool = True) -> Score:
    """Tally detections and false alarms. With `criteria`, only cases whose rule tests one of them count,
    and only reports of those criteria (the ones a checker claims to cover) count as hits. by_rule=False
    counts every procedure against every rule of the same criterion (an upper bound on false alarms)."""
    result = Score()
    for case in cases:
        relevant = case.criteria if criteria is None else case.criteria & frozenset(criteria)
        if not relevant:
            if not case.criteria:
                result.unscorable += 1
            continue
        reported: set[str] = set()
        for flag in flagged(case):
            if not by_rule or attributable(flag.procedure, case.rule_id):
                reported |= flag.criteria
        result.add(case, reported, relevant)
        result.rule_names.setdefault(case.rule_id, case.rule_name)
        result.per_rule.setdefault(case.rule_id, Tally()).add(case, reported, relevant)
        for criterion in relevant:
            result.per_criterion.setdefault(criterion, Tally()).add(case, reported, frozenset({criterion}))
    return result


_UTF8 = lxml.html.HTMLParser(encoding="utf-8")


def parse_case(case: Case) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(case.path.read_bytes(), parser=_UTF8)


def static_findings(case: Case, ruleset: str = "110.07", url: str = "") -> list[Finding]:
    """The static findings on a case's page, as if served at `url`."""
    return check_page(parse_case(case), url or f"http://127.0.0.1/{case.file}", ruleset)


def static_flagged(case: Case, ruleset: str = "110.07") -> set[Flag]:
    """What the static checks report as failed on a case's page (technique rules left out)."""
    return flags_of(static_findings(case, ruleset))


def report(result: Score) -> str:
    """Plain-text summary: totals, then one line per rule."""
    lines = [f"detected {result.detected}/{result.failed_total} ({result.detection_rate:.1%}), "
             f"false alarms {result.false_alarms}/{result.clean_total} ({result.false_alarm_rate:.1%})"]
    for rule_id, tally in sorted(result.per_rule.items(), key=lambda kv: result.rule_names[kv[0]]):
        lines.append(f"  {rule_id} {result.rule_names[rule_id][:60]:60} "
                     f"det {tally.detected}/{tally.failed_total}  fa {tally.false_alarms}/{tally.clean_total}")
    return "\n".join(lines)
