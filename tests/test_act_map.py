"""The ACT rule mapping: axe's half is what the bundled axe-core declares, the static half names real rules.
Read from the axe script text (no browser needed) and from the corpus's rule list when it is present."""

from __future__ import annotations

import json
import re
from pathlib import Path

from checks.a11y.act_map import AXE_ACT_RULES, STATIC_ACT_RULES
from checks.a11y.act_score import Flag, attributable, flags_of
from checks.a11y.rules import RULES, TECHNIQUE_RULES
from checks.finding import Finding
from crawler.browser import axe_script

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "act-rules-corpus"
_ACT_ID = re.compile(r"^[a-z0-9]{6}$")


def test_axe_table_is_what_axe_declares():
    declared = {rule: tuple(re.findall(r'"([^"]+)"', ids))
                for rule, ids in re.findall(r'\{id:"([\w-]+)"[^{}]*?actIds:\[([^\]]*)\]', axe_script())}
    assert declared == AXE_ACT_RULES


def test_static_table_names_real_rules_and_act_ids():
    assert set(STATIC_ACT_RULES) <= set(RULES)
    assert not set(STATIC_ACT_RULES) & TECHNIQUE_RULES  # techniques are not WCAG failures, so not scored
    assert all(_ACT_ID.match(act_id) for ids in STATIC_ACT_RULES.values() for act_id in ids)
    if (CORPUS / "cases.json").is_file():
        known = {case["rule_id"] for case in json.loads((CORPUS / "cases.json").read_text())["cases"]}
        assert {act_id for ids in STATIC_ACT_RULES.values() for act_id in ids} <= known


def test_attribution():
    assert attributable("static:form-label", "e086e5")
    assert not attributable("static:form-label", "5c01ea")  # an unnamed combobox is not an attribute problem
    assert attributable("static:heading-order", "5c01ea")  # follows no ACT rule: judged by every one
    assert attributable("axe:list", "bc4a75") and not attributable("axe:label", "674b10")


def test_flags_of_a_merged_finding_name_both_procedures():
    merged = Finding("a11y.form-label", "error", "2.1.2", "u", "m", evidence={
        "source": "static+axe", "rule": "form-label", "axe_rules": ["label"], "wcag": ["1.3.1", "4.1.2"]})
    unconfirmed = Finding("a11y.img-alt", "info", "2.1.2", "u", "m", evidence={
        "source": "static", "rule": "img-alt", "wcag": ["1.1.1"], "rendered": False})
    technique = Finding("a11y.label-title", "error", "2.1.2", "u", "m", evidence={
        "source": "static", "rule": "label-title", "wcag": ["1.3.1"]})
    criteria = frozenset({"1.3.1", "4.1.2"})
    assert flags_of([merged, unconfirmed, technique]) == {Flag("static:form-label", criteria),
                                                          Flag("axe:label", criteria)}
