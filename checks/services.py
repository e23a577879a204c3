"""Online services (2.2.1; 案件查詢 also 1.1.2): the inventory of service links and whether each one works.

Items are counted per run so the lead can compute the plan's growth rate (this − last) / last × 100 % between runs."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from checks.finding import Finding
from checks.indicators import ONLINE_SERVICES
from checks.linkvocab import (
    LinkMatch, Outcome, Vocabulary, inventory, link_outcome, per_site, site_index, vocabulary,
)
from checks.site import Site

# 1.1.2 服務流程透明度 asks for online 案件查詢 channels; the same links serve both indicators.
PROCESS_TRANSPARENCY = "1.1.2"
ALSO_INDICATES = {"case_status": [PROCESS_TRANSPARENCY]}
# Agencies offer what their business needs (a 消防局 takes no payments); only 線上申辦 is expected of all.
_WARN_IF_MISSING = frozenset({"application"})


@dataclass(slots=True)
class ServiceItem:
    category: str
    name: str
    match: LinkMatch
    outcome: Outcome


@per_site
def analyse_services(site: Site) -> list[ServiceItem]:
    hubs = site_index(site).hubs(_hub_vocabulary())
    items = []
    for match in inventory(site, vocabulary("services"), hubs):
        items.append(ServiceItem(match.key, match.name, match, link_outcome(site, match.url_key)))
    return items


@functools.cache
def _hub_vocabulary() -> Vocabulary:
    """The homepage's 線上服務 / 便民服務 item: the pages it names list the agency's service items."""
    return Vocabulary("homepage", (vocabulary("homepage", "items").entry("online_services"),))


def check_services(site: Site) -> Iterator[Finding]:
    index = site_index(site)
    if index.home is None:
        return
    items = analyse_services(site)
    present = {item.category for item in items}
    for entry in vocabulary("services").entries:
        if entry.key in present:
            continue
        yield Finding(
            check="service.missing-category", severity="warning" if entry.key in _WARN_IF_MISSING else "notice",
            indicator=ONLINE_SERVICES, url=index.home.url,
            message=f"未找到「{entry.name}」類線上服務連結",
            evidence={"category": entry.key, "name": entry.name, "terms": list(entry.terms),
                      "also_indicators": ALSO_INDICATES.get(entry.key, []), "locator": f"service:{entry.key}"})
    for item in items:
        if item.outcome.works is not False:
            continue
        yield Finding(
            check="service.broken", severity="warning", indicator=ONLINE_SERVICES, url=item.match.source_page,
            target=item.match.url,
            message=f"線上服務「{item.match.text}」（{item.name}）無法使用：{item.outcome.reason}",
            evidence={"category": item.category, "text": item.match.text, "status": item.outcome.status,
                      "reason": item.outcome.reason, "region": item.match.region,
                      "also_indicators": ALSO_INDICATES.get(item.category, []),
                      "locator": f"service:{item.category}:{item.match.url_key}"})


def summarize_online_services(site: Site) -> dict:
    items = analyse_services(site)
    counts = {entry.key: 0 for entry in vocabulary("services").entries}
    for item in items:
        counts[item.category] += 1
    return {
        "items": [{"category": i.category, "name": i.name, "text": i.match.text, "url": i.match.url,
                   "works": i.outcome.works, "status": i.outcome.status} for i in items],
        "counts": counts,
        "total": len(items),
    }
