"""HTML reports: one page per agency and the index, rendered with Jinja2 (autoescaped).

Self-contained (inline CSS, one inline script allowed by hash); nothing crawled becomes markup or a live link."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from checks.dates import format_roc
from checks.links import describe_reason
from crawler.agencies import GROUPS
from crawler.store import RunInfo
from reports.i18n import (DEFAULT_LANG, GROUP_GLOSS, HTML_LANG, REASON_TEXT_EN, VERDICT_CLASS, VERDICT_SYMBOL,
                          catalogue, check_title, indicator_text, translator, verdict_text)
from reports.model import AgencyReport
from reports.overview import SPARK_HEIGHT, SPARK_WIDTH, AgencyGroup, Trend
from reports.tables_script import TABLE_SCRIPT, script_hash

_STEP = re.compile(r"^([\w-]+)(?:\[(\d+)\])?$")
FIX_FIRST_LIMIT = 20  # the opening list stays short; every problem is still in its section below


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


def _iso_date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso else None
    except ValueError:
        return None


def _roc(iso: str | None, lang: str) -> str:
    """A date as the reader's calendar writes it: 民國 years in Chinese, ISO dates in English."""
    parsed = _iso_date(iso)
    if parsed is None:
        return iso or ""
    return parsed.isoformat() if lang == "en" else format_roc(parsed)


def _as_of(iso: str | None, lang: str) -> str:
    parsed = _iso_date(iso)
    if parsed is None or lang == "en":
        return iso or ""
    return f"{format_roc(parsed)}（{parsed.isoformat()}）"


def _reason(reason: str, lang: str) -> str:
    if lang == "en" and not reason.startswith("http-"):
        return REASON_TEXT_EN.get(reason, reason)
    return describe_reason(reason)


def _group_name(code: str, lang: str) -> str:
    name = GROUPS.get(code, code)
    gloss = GROUP_GLOSS.get(code)
    return f"{name} ({gloss})" if lang == "en" and gloss else name


def environment(lang: str = DEFAULT_LANG) -> Environment:
    t = translator(lang)
    messages = catalogue(lang)
    env = Environment(loader=PackageLoader("reports", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        safe_href=safe_href, css=xpath_to_css, basename=lambda path: Path(path).name if path else "",
        day=lambda iso: (iso or "")[:10],
        roc=lambda iso: _roc(iso, lang), as_of=lambda iso: _as_of(iso, lang),
        reason=lambda reason: _reason(reason, lang), indicator=lambda i: indicator_text(i, lang),
        check_title=lambda check: check_title(check, lang), group_name=lambda code: _group_name(code, lang),
        source_name=lambda source: messages.get(f"source_{source}", source),
        verdict=lambda verdict: verdict_text(verdict, lang),
        verdict_class=lambda verdict: VERDICT_CLASS.get(verdict, ""),
        verdict_symbol=lambda verdict: VERDICT_SYMBOL.get(verdict, ""))
    env.tests["startswith"] = lambda value, prefix: str(value).startswith(prefix)
    env.tests["known_message"] = lambda key: key in messages
    # The script is constant text written by us, so it is marked safe; its hash goes into the CSP.
    env.globals.update(t=t, lang=lang, html_lang=HTML_LANG[lang], table_script=Markup(TABLE_SCRIPT),
                       script_hash=script_hash(TABLE_SCRIPT), fix_first_limit=FIX_FIRST_LIMIT,
                       spark_width=SPARK_WIDTH, spark_height=SPARK_HEIGHT)
    return env


def write_agency_html(report: AgencyReport, path: Path, env: Environment) -> None:
    html = env.get_template("agency.html.j2").render(r=report, s=report.summary, run=report.run)
    _write(path, html)


def write_index_html(groups: list[AgencyGroup], trends: dict[str, Trend], run: RunInfo, path: Path,
                     env: Environment) -> None:
    html = env.get_template("index.html.j2").render(groups=groups, trends=trends, run=run)
    _write(path, html)


def _write(path: Path, text: str) -> None:
    temporary = path.with_suffix(".html.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
