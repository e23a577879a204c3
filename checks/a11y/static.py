"""Static accessibility checks on one crawled page: runs the active rules and turns hits into Findings.

check_page works on the lxml tree the crawler already parsed; check_stylesheet on linked CSS text."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from checks.a11y import aria_rules, contrast, names, page_meta, structure, styles, text_alternatives
from checks.a11y.dom import Element, Page, snippet
from checks.a11y.hits import Hit, PageCheck, rule_ids_of
from checks.a11y.rules import RULES, TECHNIQUE_RULES, V110, Rule, severity_for
from checks.finding import Finding
from checks.indicators import SEARCH_AND_ACCESS

# Every page check, in report order; adding a rule family is one line here.
PAGE_CHECKS: tuple[PageCheck, ...] = (
    structure.check_title,
    structure.check_html_lang,
    structure.check_part_languages,
    structure.check_bypass,
    structure.check_headings,
    structure.check_tables,
    structure.check_form_groups,
    structure.check_duplicate_ids,
    text_alternatives.check_images,
    text_alternatives.check_areas,
    text_alternatives.check_image_buttons,
    text_alternatives.check_objects,
    text_alternatives.check_role_images,
    names.check_links,
    names.check_adjacent_links,
    names.check_buttons,
    names.check_fields,
    names.check_widgets,
    names.check_frames,
    names.check_label_in_name,
    aria_rules.check_roles,
    aria_rules.check_attributes,
    aria_rules.check_required_attributes,
    aria_rules.check_required_context,
    aria_rules.check_required_owned,
    aria_rules.check_hidden_focus,
    aria_rules.check_presentational_children,
    page_meta.check_viewport,
    page_meta.check_refresh,
    page_meta.check_autocomplete,
    page_meta.check_frame_tab_order,
    page_meta.check_focus_traps,
    page_meta.check_open_formats,
    styles.check_font_units,
    styles.check_text_spacing,
    styles.check_orientation,
    styles.check_clipped_text,
    contrast.check_contrast,
)


def active_rules(ruleset: str) -> dict[str, Rule]:
    active = {rule_id: rule for rule_id, rule in RULES.items() if ruleset in rule.rulesets}
    if not active:
        raise ValueError(f"unknown ruleset {ruleset!r}")
    return active


def check_page(root: etree._Element, url: str, ruleset: str = V110) -> list[Finding]:
    """Findings for every active rule that the page's markup breaks, one per (rule, element)."""
    active = active_rules(ruleset)
    page = Page(root.getroottree().getroot(), url)  # any element of the tree stands for its document
    findings: list[Finding] = []
    seen: set[tuple[str, int]] = set()
    for check in PAGE_CHECKS:
        if not rule_ids_of(check) & active.keys():
            continue
        for hit in check(page):
            rule = active.get(hit.rule)
            key = (hit.rule, id(hit.element))
            if rule is None or key in seen:
                continue
            seen.add(key)
            findings.append(_finding(rule, ruleset, url, hit, page))
    return findings


def check_stylesheet(css_text: str, url: str, ruleset: str = V110) -> list[Finding]:
    """Findings for a linked stylesheet: absolute font units (CS2140401C) and orientation locks."""
    active = active_rules(ruleset)
    findings = []
    for rule_id, found in (("font-size-absolute", styles.absolute_font_rules(css_text)),
                           ("orientation-lock", styles.orientation_locks(css_text))):
        rule = active.get(rule_id)
        if rule is None or not found:
            continue
        first = found[0][0]
        hit = Hit(rule_id, None, f"樣式表 {styles.describe_rules(found)}")
        findings.append(_finding(rule, ruleset, url, hit, None,
                                 selector=first.selector, locator=f"line {first.line}",
                                 extra={"declarations": [
                                     {"line": r.line, "selector": r.selector, "value": v} for r, v in found]}))
    return findings


def _finding(rule: Rule, ruleset: str, url: str, hit: Hit, page: Page | None, *, selector: str = "",
             locator: str = "", extra: dict | None = None) -> Finding:
    element: Element | None = hit.element
    if element is not None and page is not None:
        selector, locator = page.selector(element), page.locator(element)
    evidence = {
        "code": rule.code, "level": rule.level, "wcag": list(rule.wcag), "ruleset": ruleset,
        "rule": rule.id, "source": "static", "selector": selector, "locator": locator,
        "snippet": snippet(element) if element is not None else "",
        **(extra or {}),
    }
    return Finding(check=f"a11y.{rule.id}", severity=severity_for(rule), indicator=SEARCH_AND_ACCESS,
                   url=url, message=f"{rule.title}：{hit.detail}", target=None, evidence=evidence)


def counts_as_failure(finding: Finding) -> bool:
    """A WCAG failure: not a 規範 technique rule (see rules.TECHNIQUE_RULES), not unconfirmed by the browser."""
    return finding.evidence.get("rule") not in TECHNIQUE_RULES and finding.evidence.get("rendered") is not False


def wcag_failures(findings: Iterable[Finding]) -> set[str]:
    """WCAG criteria reported as failed."""
    failed: set[str] = set()
    for finding in findings:
        if counts_as_failure(finding):
            failed.update(finding.evidence.get("wcag", ()))
    return failed
