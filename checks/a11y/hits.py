"""What a rule function reports before it becomes a Finding: rule id, element and the specific problem.

Each check function declares the rule ids it can report, so inactive rules are never run."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from checks.a11y.dom import Element, Page


class Hit(NamedTuple):
    rule: str
    element: Element | None
    detail: str


PageCheck = Callable[[Page], Iterable[Hit]]


def produces(*rule_ids: str) -> Callable[[PageCheck], PageCheck]:
    """Tag a check with the rules it reports; static.py skips it when none of them is active."""
    def tag(check: PageCheck) -> PageCheck:
        check.rule_ids = frozenset(rule_ids)  # type: ignore[attr-defined]
        return check
    return tag


def rule_ids_of(check: PageCheck) -> frozenset[str]:
    return getattr(check, "rule_ids", frozenset())
