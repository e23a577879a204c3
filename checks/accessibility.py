"""Site-level accessibility: merging static and axe findings, and the Taiwan-convention verdicts.

Runs after the crawl and the browser phase, over page findings and page facts from the store."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from checks.a11y import taiwan
from checks.a11y.axe_map import UNRENDERED_CHECK
from checks.a11y.rules import TECHNIQUE_RULES
from checks.finding import Finding
from checks.html import url_key
from checks.records import PageRecord
from checks.site import Site

_LEVEL_ORDER = ("A", "AA", "AAA")


_TBODY_STEP = re.compile(r"/tbody(?:\[\d+\])?")


def _comparable(locator: str) -> str:
    # Browsers insert <tbody> where the markup has none; lxml keeps the markup's shape.
    return _TBODY_STEP.sub("", locator)


def _same_problem(static_locator: str, axe_locator: str) -> bool:
    """Same element, or one engine names the container of the element the other names."""
    a, b = _comparable(static_locator), _comparable(axe_locator)
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _hidden_roots(findings: list[Finding]) -> dict[str, list[str]]:
    roots: dict[str, list[str]] = {}
    for finding in findings:
        if finding.check == UNRENDERED_CHECK:
            roots.setdefault(finding.url, []).extend(_comparable(path) for path in finding.evidence.get("hidden", ()))
    return roots


def _hidden_root(locator: str, roots: list[str]) -> str | None:
    path = _comparable(locator)
    return next((root for root in roots if path == root or path.startswith(root + "/")), None)


def _unconfirmed(finding: Finding, root: str) -> Finding:
    """Static markup said so, but the browser never showed the element: not a failure a visitor meets.

    Kept (as info) rather than dropped: script may still reveal it, as menus do on hover."""
    evidence = dict(finding.evidence, rendered=False, hidden_root=root)
    return Finding(finding.check, "info", finding.indicator, finding.url,
                   f"{finding.message}（瀏覽器中未呈現此元素，未確認）", finding.target, evidence)


def merge_static_and_axe(findings: Iterable[Finding]) -> list[Finding]:
    """The same element failing the same criterion, found by both engines, is one finding; a static finding
    inside a subtree the browser did not render (class CSS the static rules cannot see) is unconfirmed."""
    findings = list(findings)
    hidden = _hidden_roots(findings)
    merged: list[Finding] = []
    static_index: dict[tuple[str, str], list[tuple[str, int]]] = {}
    axe: list[Finding] = []
    for finding in findings:
        evidence = finding.evidence
        if finding.check == UNRENDERED_CHECK:
            continue
        if evidence.get("source") == "axe":
            axe.append(finding)
            continue
        root = None
        if evidence.get("source") == "static" and evidence.get("locator") and finding.url in hidden:
            root = _hidden_root(evidence["locator"], hidden[finding.url])
        if root is not None:
            merged.append(_unconfirmed(finding, root))
            continue
        merged.append(finding)
        if evidence.get("source") == "static" and evidence.get("locator"):
            for criterion in evidence.get("wcag", ()):
                static_index.setdefault((finding.url, criterion), []).append(
                    (evidence["locator"], len(merged) - 1))
    for finding in axe:
        evidence = finding.evidence
        locator = evidence.get("locator", "")
        candidates = [(static_locator, position)
                      for criterion in evidence.get("wcag", ())
                      for static_locator, position in static_index.get((finding.url, criterion), ())
                      if locator and _same_problem(static_locator, locator)]
        if not candidates:
            merged.append(finding)
            continue
        exact = [position for static_locator, position in candidates if static_locator == locator]
        position = exact[0] if exact else candidates[0][1]
        static = merged[position]
        confirmed = dict(static.evidence, source="static+axe",
                         axe_rules=sorted({*static.evidence.get("axe_rules", ()), evidence.get("rule", "")}))
        merged[position] = Finding(static.check, static.severity, static.indicator, static.url, static.message,
                                   static.target, confirmed)
    return merged


def homepage(site: Site) -> PageRecord | None:
    start = url_key(site.start_url)
    return next((p for p in site.pages if start in (p.url_key, url_key(p.requested_url))), None)


def supported_level(findings: Iterable[Finding]) -> str:
    """The highest level the automatic checks found no failure at: "none", "A" or "AA".

    Automatic checks never vouch for AAA; a mark claiming it always needs a human look."""
    failing = {f.evidence.get("level") for f in findings
               if f.check.startswith("a11y.") and f.severity == "error"
               and f.evidence.get("rule") not in TECHNIQUE_RULES}  # Freego techniques are not WCAG failures
    if "A" in failing:
        return "none"
    return "A" if "AA" in failing else "AA"


def check_conventions(site: Site) -> Iterator[Finding]:
    home = homepage(site)
    if home is None:
        return
    bricks = home.facts.get("bricks") or {}
    sitemap_page = None
    for link in bricks.get("sitemap_links", []):
        sitemap_page = site.pages_by_key.get(url_key(link))
        if sitemap_page is not None:
            break
    yield from taiwan.check_bricks(
        bricks, home.url,
        sitemap_page.facts.get("sitemap_keys") if sitemap_page else None,
        sitemap_page.url if sitemap_page else None)


def check_marks(site: Site, findings_so_far: list[Finding]) -> Iterator[Finding]:
    home = homepage(site)
    if home is None:
        return
    marks = dict(home.facts.get("marks") or {"present": False, "marks": []})
    rendered = [m for audit in site.browser_audits if url_key(audit["url"]) == home.url_key
                for m in audit.get("marks", [])]
    if not marks.get("present") and rendered:
        marks = taiwan.marks_from_rendered(rendered, home.url)
    yield from taiwan.check_mark(marks, home.url, site.as_of, supported_level(findings_so_far))
