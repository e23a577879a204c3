"""What produced a run: the versions of govaudit and of every part whose behaviour shapes the findings.

Recorded with the run's settings, so an evaluator can say exactly which tools judged the pages."""

from __future__ import annotations

import platform
import re
from importlib import metadata

from crawler import __version__

_DISTRIBUTIONS = ("scrapy", "twisted", "lxml", "selenium", "axe-selenium-python", "warcio")
_AXE_BANNER = re.compile(r"axe v(\d+\.\d+\.\d+)")


def _installed(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def axe_core_version() -> str | None:
    """The axe-core release bundled with axe-selenium-python, read from the script's banner."""
    from crawler.browser import axe_script

    try:
        found = _AXE_BANNER.search(axe_script()[:2000])
    except (OSError, ImportError):
        return None
    return found.group(1) if found else None


def component_versions(browser: bool) -> dict[str, str]:
    """govaudit, Python and library versions; with browser, axe-core and the Chromium/chromedriver pair."""
    versions = {"govaudit": __version__, "python": platform.python_version()}
    for distribution in _DISTRIBUTIONS:
        version = _installed(distribution)
        if version:
            versions[distribution] = version
    if browser:
        from crawler.browser import browser_available

        axe = axe_core_version()
        if axe:
            versions["axe-core"] = axe
        available, detail = browser_available()
        versions["browser"] = detail if available else f"unavailable: {detail}"
    return versions
