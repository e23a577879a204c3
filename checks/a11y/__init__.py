"""Static accessibility checks (網站無障礙規範 110.07 / 115.11) on the lxml tree the crawler parsed.

Entry points: check_page, check_stylesheet (static.py); the rule table lives in rules.py."""

from checks.a11y.rules import RULES, RULESET_CHANGE, Rule, ruleset_for
from checks.a11y.static import check_page, check_stylesheet, wcag_failures

__all__ = ["RULES", "RULESET_CHANGE", "Rule", "check_page", "check_stylesheet", "ruleset_for", "wcag_failures"]
