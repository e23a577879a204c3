"""HTML reports: one page per agency and the index, rendered with Jinja2 (autoescaped).

Self-contained (inline CSS, no scripts from elsewhere); nothing crawled can become markup or a live link."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from checks.dates import format_roc
from checks.indicators import INDICATORS, indicator_label
from checks.links import describe_reason
from reports.model import CHECK_TITLES, AgencyReport

_STEP = re.compile(r"^([\w-]+)(?:\[(\d+)\])?$")


def safe_href(url: str | None) -> str:
    """Only http(s) URLs become links; anything else (javascript:, data:) is shown as text only."""
    if not url:
        return ""
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("http", "https") else ""


def xpath_to_css(xpath: str | None) -> str:
    """A readable CSS selector for lxml's getpath() output: /html/body/div[2]/a → body > div:nth-of-type(2) > a."""
    if not xpath:
        return ""
    parts = []
    for step in xpath.strip("/").split("/"):
        match = _STEP.match(step)
        if not match:
            return xpath
        tag, index = match.groups()
        parts.append(f"{tag}:nth-of-type({index})" if index else tag)
    if parts and parts[0] == "html":
        parts = parts[1:]
    return " > ".join(parts)


def _roc(iso: str | None) -> str:
    if not iso:
        return ""
    from datetime import date
    try:
        return format_roc(date.fromisoformat(iso[:10]))
    except ValueError:
        return iso


def environment() -> Environment:
    env = Environment(loader=PackageLoader("reports", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(safe_href=safe_href, css=xpath_to_css, roc=_roc, reason=describe_reason,
                       indicator=indicator_label, basename=lambda path: Path(path).name if path else "")
    env.tests["startswith"] = lambda value, prefix: str(value).startswith(prefix)
    env.globals.update(CHECK_TITLES=CHECK_TITLES, INDICATORS=INDICATORS)
    return env


def write_agency_html(report: AgencyReport, path: Path, env: Environment) -> None:
    html = env.get_template("agency.html.j2").render(r=report, s=report.summary)
    _write(path, html)


def write_index_html(reports: list[AgencyReport], skipped: list, run, groups: dict, path: Path,
                     env: Environment) -> None:
    html = env.get_template("index.html.j2").render(reports=reports, skipped=skipped, run=run, groups=groups)
    _write(path, html)


def _write(path: Path, text: str) -> None:
    temporary = path.with_suffix(".html.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
