"""Page currency: stale pages, pages dated in the future, and pages with no date of their own.

Works from the dates the crawl read off each page; the reference date comes from --as-of."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.dates import format_roc
from checks.finding import Finding
from checks.indicators import CONTENT_VALIDITY
from checks.site import Site

_SOURCE_TEXT = {"label": "頁面標示", "meta": "頁面中繼資料 (meta)", "http": "伺服器 Last-Modified 標頭（證據較弱）"}


def _date_evidence(page, value: date, as_of: date) -> dict:
    return {
        "date": value.isoformat(),
        "date_roc": format_roc(value),
        "label": page.date_label,
        "source": page.date_source,
        "text": page.date_text,
        "weak": page.date_source == "http",
        "age_days": (as_of - value).days,
        "site_date": page.site_date,
        "sha256": page.sha256,
        "status": page.status,
        "fetched_at": page.fetched_at,
        "title": page.title,
    }


def check_page_dates(site: Site) -> Iterator[Finding]:
    for page in site.pages:
        if page.status != 200 or page.not_found_text:
            continue  # error pages have no content whose age matters
        if page.date is None:
            yield Finding(
                check="page.undated", severity="notice", indicator=CONTENT_VALIDITY, url=page.url,
                evidence={"title": page.title, "site_date": page.site_date, "sha256": page.sha256,
                          "status": page.status, "fetched_at": page.fetched_at},
                message="頁面未標示更新日期" + ("（僅有全站頁尾日期）" if page.site_date else ""),
            )
            continue
        value = date.fromisoformat(page.date)
        source = _SOURCE_TEXT.get(page.date_source or "", page.date_source or "")
        if value > site.as_of:
            yield Finding(
                check="page.future-date", severity="warning", indicator=CONTENT_VALIDITY, url=page.url,
                evidence=_date_evidence(page, value, site.as_of),
                message=f"頁面日期 {format_roc(value)} 晚於檢核基準日 {format_roc(site.as_of)}（{source}）",
            )
        elif (site.as_of - value).days > site.stale_days:
            yield Finding(
                check="page.stale", severity="warning", indicator=CONTENT_VALIDITY, url=page.url,
                evidence=_date_evidence(page, value, site.as_of),
                message=f"頁面逾 {site.stale_days} 天未更新：{page.date_label or '日期'} {format_roc(value)}"
                        f"（{(site.as_of - value).days} 天前，{source}）",
            )
