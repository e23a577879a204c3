"""Active disclosure (2.1.1 (1)(2)): the 主動公開 zone, the ten categories of 政府資訊公開法 第7條, their currency.

Categories are read from the whole site's navigation, zone first; evidence is always URLs an evaluator can open."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from checks import vocab
from checks.dates import ROC_OFFSET, find_dates, format_roc
from checks.finding import Finding
from checks.indicators import CONTENT_VALIDITY
from checks.linkvocab import (
    LinkMatch, Outcome, attachment_name, by_context, classify, is_chrome, link_outcome, normalise, ordered_links,
    page_for, per_site, site_index, unique_targets, vocabulary,
)
from checks.records import PageRecord, Reference
from checks.site import Site

# Pages read for a category's dates: enough for a category spread over a few menus, bounded on huge sites.
MAX_DATED_PAGES = 20
# 「統計及施政計畫」 dated within a year (the plan's wording is not numeric; see domain.md §3).
RECENT_DAYS = 365
# A final account (決算) is audited a year or two after its year: 113年度決算 is recent in 115.
FINAL_ACCOUNT_LAG_YEARS = 2
# Years of a statistics report or plan still current: 114年統計年報 is the newest one can have in 115.
STATISTICS_LAG_YEARS = 1
# Budgets are drawn up ahead: 116年度預算 on a site in 115 is plausible, later ones are typos.
MAX_YEARS_AHEAD = 5
MIN_ROC_YEAR = 79    # dates.py's MIN_YEAR (1990) as an ROC year
ZONE_STEPS = ("nav", "footer", "sitemap-page", "sitemap.xml", "link")


@dataclass(slots=True)
class Zone:
    url: str
    url_key: str
    found_via: str       # one of ZONE_STEPS
    text: str            # the link text or page title that named it
    source_page: str     # where the link was, or the sitemap.xml for a page only listed there


@dataclass(slots=True)
class Category:
    number: int
    key: str
    name: str
    statute: str
    applies: bool
    matches: list[LinkMatch]
    evidence: list[str]
    outcomes: list[tuple[str, Outcome]]
    newest_date: datetime.date | None

    @property
    def status(self) -> str:
        if not self.applies:
            return "not-applicable"
        return "found" if self.matches else "missing"

    @property
    def reachable(self) -> bool | None:
        known = [outcome.works for _, outcome in self.outcomes if outcome.works is not None]
        if not known:
            return None
        return all(known)


@dataclass(slots=True)
class Supplement:
    key: str
    name: str
    matches: list[LinkMatch]

    @property
    def evidence(self) -> list[str]:
        return [m.url for m in self.matches]


@dataclass(slots=True)
class YearEvidence:
    year_roc: int
    text: str
    page: str            # the page the text was read on (or the link's source page)
    target: str | None   # the link or attachment carrying the text


@dataclass(slots=True)
class Currency:
    current_year_roc: int
    budget: YearEvidence | None
    final_account: YearEvidence | None
    statistics_plans: YearEvidence | None
    statistics_newest_page: tuple[datetime.date, str] | None   # (date, page URL) of category 5 evidence

    @property
    def budget_current(self) -> bool | None:
        return None if self.budget is None else self.budget.year_roc >= self.current_year_roc

    @property
    def final_account_recent(self) -> bool | None:
        if self.final_account is None:
            return None
        return self.final_account.year_roc >= self.current_year_roc - FINAL_ACCOUNT_LAG_YEARS


@dataclass(slots=True)
class Disclosure:
    home_url: str
    zone: Zone | None
    categories: list[Category]
    supplements: list[Supplement]
    currency: Currency
    sitemap_urls: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Text:
    text: str
    page: str
    target: str | None


# ---------------------------------------------------------------- analysis


@per_site
def analyse_disclosure(site: Site) -> Disclosure:
    index = site_index(site)
    home, by_page, sitemaps = index.home, index.by_page, index.sitemaps
    home_url = home.url if home is not None else site.start_url
    zone = find_zone(site, home, sitemaps, by_page)
    zone_page = page_for(site, zone.url_key) if zone is not None else None

    first = [p.url for p in ([zone_page] if zone_page else []) + sitemaps] + ([home.url] if home else [])
    directories = {p.url_key for p in sitemaps} | ({zone_page.url_key} if zone_page else set())
    weak = {zone_page.url_key} if zone_page else set()
    matches = by_context(classify(ordered_links(site, first, by_page), vocabulary("article7"),
                                  directories=directories, weak_pages=weak))
    collegial = bool(getattr(site, "collegial", False))
    skip_pages = {key for key in (home.url_key if home else None, zone_page.url_key if zone_page else None) if key}

    categories = []
    texts_by_number: dict[int, list[_Text]] = {}
    for entry in vocabulary("article7").entries:
        number = int(entry.data["number"])
        applies = entry.data.get("applies_to", "all") != "collegial" or collegial
        # 會議紀錄 of an agency that is not 合議制 are not what the article asks for: no verdict, no evidence.
        found = unique_targets(m for m in matches if m.key == entry.key) if applies else []
        texts = texts_by_number[number] = _texts(site, found, by_page, skip_pages)
        categories.append(Category(
            number=number, key=entry.key, name=entry.name, statute=entry.data.get("statute", ""),
            applies=applies, matches=found, evidence=[m.url for m in found],
            outcomes=[(m.url, link_outcome(site, m.url_key)) for m in found],
            newest_date=_newest_date(site, found, texts, skip_pages)))

    # Not the homepage as a directory: its news list names 活動 in every other headline.
    supplement_matches = by_context(classify(ordered_links(site, first, by_page), vocabulary("supplements"),
                                             directories=directories))
    supplements = [Supplement(entry.key, entry.name, unique_targets(m for m in supplement_matches
                                                                    if m.key == entry.key))
                   for entry in vocabulary("supplements").entries]
    return Disclosure(home_url=home_url, zone=zone, categories=categories, supplements=supplements,
                      currency=_currency(site, categories, texts_by_number, skip_pages),
                      sitemap_urls=[p.url for p in sitemaps])


def find_zone(site: Site, home: PageRecord | None, sitemaps: list[PageRecord],
              by_page: dict[str, list[Reference]]) -> Zone | None:
    """The disclosure zone, looked for where a citizen would: homepage menus, footer, 網站導覽, sitemap.xml, anywhere."""
    zone_vocabulary = vocabulary("disclosure_zone")
    if home is not None:
        links = classify(((home.url, r) for r in by_page.get(home.url, ())), zone_vocabulary,
                         directories={home.url_key})
        for step, regions in (("nav", {"header", "nav", "aside"}), ("footer", {"footer"})):
            match = next((m for m in links if m.region in regions and _is_page_link(m.url)), None)
            if match is not None:
                return Zone(match.url, match.url_key, step, match.text, match.source_page)
    for page in sitemaps:
        links = classify(((page.url, r) for r in by_page.get(page.url, ())), zone_vocabulary,
                         directories={page.url_key})
        match = next((m for m in links if _is_page_link(m.url)), None)
        if match is not None:
            return Zone(match.url, match.url_key, "sitemap-page", match.text, match.source_page)
    for page in site.pages:
        if (page.referrer or "").startswith("sitemap:") and page.status < 400 and not page.not_found_text:
            if any(not hit.weak for _, hit in zone_vocabulary.match_text(page.title)):
                return Zone(page.url, page.url_key, "sitemap.xml", page.title, page.referrer[len("sitemap:"):])
    first = [home.url] if home is not None else []
    links = by_context(classify(ordered_links(site, first, by_page), zone_vocabulary))
    match = next((m for m in links if _is_page_link(m.url)), None)
    if match is not None:
        return Zone(match.url, match.url_key, "link", match.text, match.source_page)
    return None


def _is_page_link(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _texts(site: Site, found: list[LinkMatch], by_page: dict[str, list[Reference]],
           skip_pages: set[str]) -> list[_Text]:
    """Texts that may carry a year: the matching links, and titles, link texts and file names on their targets."""
    texts = [_Text(m.text, m.source_page, m.url) for m in found]
    for match in found[:MAX_DATED_PAGES]:
        name = attachment_name(match.url)
        if name:
            texts.append(_Text(name, match.source_page, match.url))
        page = page_for(site, match.url_key)
        if page is None or page.url_key in skip_pages or page.status >= 400 or page.not_found_text:
            continue
        texts.append(_Text(page.title, page.url, None))
        for reference in by_page.get(page.url, ()):
            # Site chrome repeats on every page; only the page's own list of documents dates the category.
            if reference.kind != "link" or is_chrome(reference.region):
                continue
            texts.append(_Text(reference.text, page.url, reference.target))
            name = attachment_name(reference.target)
            if name:
                texts.append(_Text(name, page.url, reference.target))
    return texts


def _roc_year(raw: str, current_roc: int) -> int | None:
    year = int(raw)
    if year > 1000:
        year -= ROC_OFFSET
    return year if MIN_ROC_YEAR <= year <= current_roc + MAX_YEARS_AHEAD else None


@functools.cache
def _year_rules() -> tuple[re.Pattern[str], dict[str, tuple[int, tuple[re.Pattern[str], ...]]]]:
    """(any ROC year, {aspect: (category number, patterns)}) from article7.json."""
    data = vocab.load("article7")
    aspects = {aspect: (int(rule["category"]), tuple(re.compile(p) for p in rule["patterns"]))
               for aspect, rule in data["currency"].items()}
    return re.compile(data["year_pattern"]), aspects


def _newest_date(site: Site, found: list[LinkMatch], texts: list[_Text],
                 skip_pages: set[str]) -> datetime.date | None:
    """Newest of the evidence pages' own dates, full dates in the texts, and bare ROC years (as 1 January,
    never later than the audit date: 116年度預算 is a document of this year)."""
    current_roc = site.as_of.year - ROC_OFFSET
    dates: list[datetime.date] = []
    for match in found[:MAX_DATED_PAGES]:
        page = page_for(site, match.url_key)
        if page is not None and page.date and page.url_key not in skip_pages and not page.not_found_text:
            dates.append(datetime.date.fromisoformat(page.date))
    for item in texts:
        folded = normalise(item.text)
        dates.extend(value for value, _ in find_dates(folded))
        for year in _year_rules()[0].finditer(folded):
            roc = _roc_year(year.group("year"), current_roc)
            if roc is not None:
                dates.append(min(datetime.date(roc + ROC_OFFSET, 1, 1), site.as_of))
    return max(dates) if dates else None


def _newest_year(patterns: Iterable[re.Pattern[str]], texts: Iterable[_Text], current_roc: int) -> YearEvidence | None:
    best: YearEvidence | None = None
    for item in texts:
        folded = normalise(item.text)
        for pattern in patterns:
            for found in pattern.finditer(folded):
                roc = _roc_year(found.group("year"), current_roc)
                if roc is not None and (best is None or roc > best.year_roc):
                    best = YearEvidence(roc, item.text, item.page, item.target)
    return best


def _currency(site: Site, categories: list[Category], texts_by_number: dict[int, list[_Text]],
              skip_pages: set[str]) -> Currency:
    current_roc = site.as_of.year - ROC_OFFSET
    aspects = _year_rules()[1]
    newest = {aspect: _newest_year(patterns, texts_by_number.get(number, ()), current_roc)
              for aspect, (number, patterns) in aspects.items()}
    statistics_page = None
    number = aspects["statistics_plans"][0]
    category = next((c for c in categories if c.number == number), None)
    for match in (category.matches[:MAX_DATED_PAGES] if category else ()):
        page = page_for(site, match.url_key)
        if page is not None and page.date and page.url_key not in skip_pages and not page.not_found_text:
            value = datetime.date.fromisoformat(page.date)
            if statistics_page is None or value > statistics_page[0]:
                statistics_page = (value, page.url)
    return Currency(current_year_roc=current_roc, budget=newest.get("budget"),
                    final_account=newest.get("final_account"), statistics_plans=newest.get("statistics_plans"),
                    statistics_newest_page=statistics_page)


# ---------------------------------------------------------------- findings


def _finding(check: str, severity: str, url: str, message: str, target: str | None = None, **evidence) -> Finding:
    return Finding(check=check, severity=severity, indicator=CONTENT_VALIDITY, url=url, message=message,
                   target=target, evidence=evidence)


def check_disclosure(site: Site) -> Iterator[Finding]:
    result = analyse_disclosure(site)
    zone = result.zone
    anchor = zone.url if zone is not None else result.home_url
    if zone is None:
        yield _finding(
            "disclosure.zone-missing", "error", result.home_url,
            "未找到「政府資訊公開」（主動公開資訊）專區：首頁選單、頁尾、網站導覽與 sitemap.xml 均無相關連結",
            searched=list(ZONE_STEPS), sitemap_pages=result.sitemap_urls,
            terms=list(vocabulary("disclosure_zone").entries[0].terms), locator="disclosure:zone")
    for category in result.categories:
        if category.status == "missing":
            yield _finding(
                "disclosure.category-missing", "warning", anchor,
                f"未找到政府資訊公開法第7條第1項第{category.number}款「{category.name}」的公開連結"
                f"（已查主動公開專區及全站選單）",
                number=category.number, name=category.name, statute=category.statute,
                zone_url=zone.url if zone else None,
                terms=list(vocabulary("article7").entry(category.key).terms), locator=f"article7:{category.number}")
        if category.status != "not-applicable" and category.reachable is False:
            broken = [{"url": url, "status": outcome.status, "reason": outcome.reason}
                      for url, outcome in category.outcomes if outcome.works is False]
            failing = [m for m in category.matches if m.url in {b["url"] for b in broken}]
            yield _finding(
                "disclosure.category-unreachable", "warning", anchor,
                f"第7條第1項第{category.number}款「{category.name}」的公開連結無法開啟（{len(broken)} 個）",
                target=broken[0]["url"], number=category.number, name=category.name, broken=broken,
                texts=[m.text for m in failing], sources=list(dict.fromkeys(m.source_page for m in failing)),
                locator=f"article7:{category.number}")
    yield from _currency_findings(site, result, anchor)
    for supplement in result.supplements:
        if not supplement.matches:
            yield Finding(
                check="disclosure.supplement-missing", severity="notice", indicator=CONTENT_VALIDITY, url=anchor,
                message=f"未找到計畫要求主動公開的「{supplement.name}」連結",
                evidence={"key": supplement.key, "name": supplement.name,
                          "terms": list(vocabulary("supplements").entry(supplement.key).terms),
                          "locator": f"supplement:{supplement.key}"})


def _currency_findings(site: Site, result: Disclosure, anchor: str) -> Iterator[Finding]:
    """Findings point at the zone (where an evaluator starts); the page and link that show the year are evidence."""
    currency = result.currency
    current = currency.current_year_roc
    found = {c.number for c in result.categories if c.status == "found"}
    aspects = {aspect: number for aspect, (number, _) in _year_rules()[1].items()}
    if aspects["budget"] in found and currency.budget is not None and not currency.budget_current:
        budget = currency.budget
        yield _finding(
            "disclosure.category-outdated", "warning", anchor,
            f"最新預算書為民國{budget.year_roc}年度，未見本年度（{current}年度）預算「{budget.text}」",
            target=budget.target, number=aspects["budget"], aspect="budget", year_roc=budget.year_roc, current_year_roc=current,
            text=budget.text, page=budget.page, locator="article7:6:budget")
    if aspects["final_account"] in found and currency.final_account is not None and not currency.final_account_recent:
        final = currency.final_account
        yield _finding(
            "disclosure.category-outdated", "warning", anchor,
            f"最新決算書為民國{final.year_roc}年度，早於{current - FINAL_ACCOUNT_LAG_YEARS}年度「{final.text}」",
            target=final.target, number=aspects["final_account"], aspect="final_account", year_roc=final.year_roc,
            current_year_roc=current, text=final.text, page=final.page, locator="article7:6:final_account")
    if aspects["statistics_plans"] in found:
        stats, page = currency.statistics_plans, currency.statistics_newest_page
        year_current = stats is not None and stats.year_roc >= current - STATISTICS_LAG_YEARS
        page_current = page is not None and (site.as_of - page[0]).days <= RECENT_DAYS
        if (stats is not None or page is not None) and not (year_current or page_current):
            where = stats.page if stats is not None else page[1]
            said = (f"最新年度為民國{stats.year_roc}年「{stats.text}」" if stats is not None
                    else f"最新頁面日期為{format_roc(page[0])}")
            yield _finding(
                "disclosure.category-outdated", "warning", anchor,
                f"施政計畫、業務統計及研究報告逾一年未更新：{said}",
                target=stats.target if stats is not None else None, number=aspects["statistics_plans"],
                aspect="statistics_plans",
                year_roc=stats.year_roc if stats else None, current_year_roc=current,
                text=stats.text if stats else None, page_date=page[0].isoformat() if page else None,
                page_url=page[1] if page else None, page=where, locator="article7:5:statistics_plans")


# ---------------------------------------------------------------- summary


def summarize_disclosure(site: Site) -> dict:
    result = analyse_disclosure(site)
    currency = result.currency
    return {
        "zone_url": result.zone.url if result.zone else None,
        "zone_found_via": result.zone.found_via if result.zone else None,
        "categories": [{
            "number": c.number, "name": c.name, "status": c.status, "evidence": c.evidence,
            "reachable": c.reachable, "newest_date": c.newest_date.isoformat() if c.newest_date else None,
        } for c in result.categories],
        "supplements": [{"key": s.key, "name": s.name, "found": bool(s.matches), "evidence": s.evidence}
                        for s in result.supplements],
        "currency": {
            "budget_year_roc": currency.budget.year_roc if currency.budget else None,
            "final_account_year_roc": currency.final_account.year_roc if currency.final_account else None,
            "current_year_roc": currency.current_year_roc,
            "budget_current": currency.budget_current,
            "final_account_recent": currency.final_account_recent,
        },
    }
