"""Choosing which crawled pages the browser phase audits when it cannot audit them all.

The homepage, the pages evaluators open first, one page per layout template (commonest first), the shallowest rest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from checks.html import url_key
from checks.records import PageRecord


def select_pages(pages: Sequence[PageRecord], start_url: str, budget: int | None,
                 priority_urls: Sequence[str] = ()) -> list[str]:
    """URLs to audit, at most budget of them (None: every page), most informative first."""
    usable = [p for p in pages if p.status == 200 and not p.not_found_text]
    by_depth = sorted(usable, key=lambda p: (p.depth, len(p.url), p.url))
    chosen: list[str] = []
    seen: set[str] = set()

    def take(url: str) -> None:
        key = url_key(url)
        if key not in seen:
            seen.add(key)
            chosen.append(url)

    start_key = url_key(start_url)
    homepage = next((p for p in usable if start_key in (p.url_key, url_key(p.requested_url))), None)
    if homepage is not None:
        take(homepage.url)
    known = {p.url_key: p.url for p in usable}
    for url in priority_urls:
        # Pages the evaluator looks at first (the disclosure zone, a search result) even when the crawl
        # reached them only as a probe, not as a followed page.
        take(known.get(url_key(url), url))
    template_sizes = Counter(p.template for p in usable)
    first_of_template: dict[str, PageRecord] = {}
    for page in by_depth:
        first_of_template.setdefault(page.template, page)
    for template, _ in sorted(template_sizes.items(), key=lambda item: (-item[1], item[0])):
        take(first_of_template[template].url)
    for page in by_depth:
        take(page.url)
    return chosen if budget is None else chosen[:budget]
