"""Page-level checks and fact extractors, run once per page on the tree the crawl already parsed.

Checks return findings; extractors return JSON-able facts that site checks read after the crawl."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from checks import content, homepage, participation
from checks.a11y import static, taiwan
from checks.finding import Finding

_SITEMAP_TITLES = ("網站導覽", "網站地圖", "sitemap", "site map")


@dataclass(slots=True)
class PageAnalysis:
    findings: list[Finding] = field(default_factory=list)
    facts: dict = field(default_factory=dict)


def analyse_page(root: etree._Element, url: str, title: str, ruleset: str, is_start: bool = False) -> PageAnalysis:
    """Every page-level check; the list lives here so adding one is one line."""
    analysis = PageAnalysis()
    analysis.findings.extend(static.check_page(root, url, ruleset))
    analysis.facts["bricks"] = taiwan.brick_facts(root, url)
    marks = taiwan.mark_facts(root, url)
    if marks.get("present") or marks.get("meta_claim") or marks.get("script_rendered_hint"):
        analysis.facts["marks"] = marks
    if any(word in title.lower() for word in _SITEMAP_TITLES):
        analysis.facts["sitemap_keys"] = taiwan.keys_documented(root)
    # Popups and marquees matter only on the homepage; skipping their scan elsewhere saves time.
    analysis.facts["content"] = content.content_facts(root, url, notices=is_start)
    replies = participation.reply_facts(root, url)
    if replies:
        analysis.facts["replies"] = replies
    if is_start:
        analysis.facts["homepage"] = homepage.homepage_facts(root, url)
    return analysis
