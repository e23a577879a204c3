"""One link classifier for the information-service checks: link texts and targets against a vocabulary.

Disclosure, homepage, online services and e-participation all classify Site.references through it."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar
from urllib.parse import unquote, urlsplit

from checks import vocab
from checks.accessibility import homepage
from checks.html import collapse, host_of, url_key
from checks.links import failure_reason
from checks.records import PageRecord, Reference
from checks.site import Site

# Where a link sits, from most to least trustworthy as a statement of what the site offers.
# directory: a page the caller names as a list of the site's sections (zone page, 網站導覽, homepage);
# menu: site navigation on any page; content: the body of any other page (news, articles).
CONTEXTS = ("directory", "menu", "content")
MENU_REGIONS = frozenset({"header", "nav", "aside", "footer"})
CHROME_REGIONS = frozenset({"header", "nav", "footer"})
LINK_KINDS = frozenset({"link", "mailto"})
T = TypeVar("T")

# In content a link names a section only when the matched words are most of its text:
# 「補助」 in 「節能設備補助相關措施調整說明」 is a news headline, not a menu of subsidies.
MIN_CONTENT_SHARE = 0.5

# Sites append these to link texts; they say how the link opens, not what it is.
# Matched on lower-cased text, so no IGNORECASE (which would disable the literal-prefix scan).
_OPENS_NOTE = re.compile(
    r"[(\[【]?\s*(?:另開新視窗|開新視窗|另開視窗|新視窗開啟|新視窗|外部連結|外連網站"
    r"|opens? in (?:a )?new (?:window|tab)|new window)\s*[)\]】]?")
_FILE_NAME = re.compile(r"\.(?:pdf|odt|ods|odp|doc|docx|xls|xlsx|ppt|pptx|csv|zip|rar|7z|txt|jpg|png)$",
                        re.IGNORECASE)

# Full-width ASCII and the ideographic space, folded one to one. Full NFKC takes its slow path on any
# Chinese text with full-width punctuation, which is nearly all of it; these are the characters that matter.
_FULL_WIDTH = re.compile("[\u3000\uff01-\uff5e]")
_OPENS_TRIGGERS = ("視窗", "外部", "外連", "window", "tab")


def _half_width(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def normalise(text: str) -> str:
    """Full-width forms folded to ASCII, lower case, open-in-new-window notes dropped, spaces collapsed."""
    folded = _FULL_WIDTH.sub(_half_width, text or "").lower()
    if any(trigger in folded for trigger in _OPENS_TRIGGERS):
        folded = _OPENS_NOTE.sub(" ", folded)
    return collapse(folded)


@dataclass(frozen=True, slots=True)
class Hit:
    term: str
    via: str          # "text" | "url"
    weak: bool
    share: float      # how much of the link text the matched words cover


@dataclass(frozen=True, slots=True)
class Entry:
    """One vocabulary entry: the words and targets that mean `key`; `data` keeps the entry's other fields.

    JSON fields: key, name; terms (in the link text), exact (the whole link text), patterns (regexes on the
    normalised text), not_terms (any of them vetoes a text match), weak_terms (only on weak pages' own
    content), hosts (target host or a subdomain of it), url_patterns (regexes on the decoded target URL),
    where (contexts the entry may match in; default all). Words are normalised like link texts."""

    key: str
    name: str
    terms: tuple[str, ...] = ()
    exact: frozenset[str] = frozenset()
    patterns: tuple[re.Pattern[str], ...] = ()
    not_terms: tuple[str, ...] = ()
    weak_terms: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    url_patterns: tuple[re.Pattern[str], ...] = ()
    where: frozenset[str] = frozenset(CONTEXTS)
    data: Mapping = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def from_data(cls, data: Mapping) -> Entry:
        def words(name: str) -> tuple[str, ...]:
            return tuple(dict.fromkeys(normalise(w) for w in data.get(name, ()) if normalise(w)))

        where = frozenset(data.get("where", CONTEXTS))
        unknown = where - set(CONTEXTS)
        if unknown:
            raise vocab.VocabularyError(f"entry {data.get('key')!r}: unknown contexts {sorted(unknown)}")
        return cls(
            key=data["key"], name=data.get("name", data["key"]), terms=words("terms"),
            exact=frozenset(words("exact")), patterns=tuple(re.compile(p) for p in data.get("patterns", ())),
            not_terms=words("not_terms"), weak_terms=words("weak_terms"),
            hosts=tuple(h.lower().lstrip(".") for h in data.get("hosts", ())),
            url_patterns=tuple(re.compile(p, re.IGNORECASE) for p in data.get("url_patterns", ())),
            where=where, data=dict(data),
        )

    @property
    def matches_text(self) -> bool:
        return bool(self.terms or self.exact or self.patterns or self.weak_terms)

    def match_text(self, text: str) -> Hit | None:
        """The best text hit for an already normalised text: the one covering most of it."""
        if not text or any(word in text for word in self.not_terms):
            return None
        size = len(text.replace(" ", "")) or 1
        if text in self.exact:
            return Hit(text, "text", False, 1.0)
        best: Hit | None = None
        for term in self.terms:
            if term in text and (best is None or len(term) > len(best.term)):
                best = Hit(term, "text", False, min(1.0, len(term.replace(" ", "")) / size))
        for pattern in self.patterns:
            found = pattern.search(text)
            if found and (best is None or len(found.group()) > len(best.term)):
                best = Hit(found.group(), "text", False, min(1.0, len(found.group().replace(" ", "")) / size))
        if best is not None:
            return best
        for term in self.weak_terms:
            if term in text:
                return Hit(term, "text", True, min(1.0, len(term) / size))
        return None

    def match_url(self, url: str) -> Hit | None:
        if not url.startswith(("http://", "https://")):
            return None
        if self.hosts:
            host = host_of(url)
            for wanted in self.hosts:
                if host == wanted or host.endswith("." + wanted):
                    return Hit(wanted, "url", False, 1.0)
        if self.url_patterns:
            plain = unquote(url)
            for pattern in self.url_patterns:
                if pattern.search(plain):
                    return Hit(pattern.pattern, "url", False, 1.0)
        return None


@dataclass(frozen=True, slots=True)
class Vocabulary:
    name: str
    entries: tuple[Entry, ...]

    def keys(self) -> list[str]:
        return list(dict.fromkeys(entry.key for entry in self.entries))

    def entry(self, key: str) -> Entry:
        for entry in self.entries:
            if entry.key == key:
                return entry
        raise KeyError(f"{self.name} has no entry {key!r}")

    def match_text(self, text: str) -> list[tuple[Entry, Hit]]:
        """Entries a bare text (a page title, a heading) names; no context rules apply."""
        normalised = normalise(text)
        return [(entry, hit) for entry in self.entries if (hit := entry.match_text(normalised)) is not None]


@functools.cache
def vocabulary(name: str, section: str = "entries") -> Vocabulary:
    """The compiled vocabulary `name` (checks/vocab/<name>.json), entries read from `section`."""
    data = vocab.load(name)
    return Vocabulary(name, tuple(Entry.from_data(item) for item in data.get(section, ())))


@dataclass(frozen=True, slots=True)
class LinkMatch:
    """A link that names a vocabulary entry, with where it was seen: the evidence a finding cites."""

    key: str
    name: str
    text: str            # link text as written, whitespace collapsed
    url: str             # link target
    url_key: str
    source_page: str
    region: str
    context: str         # directory | menu | content
    via: str             # text | url
    term: str            # the words (or host, or URL pattern) that matched
    entry: Entry = field(compare=False, hash=False, repr=False)


def _context(region: str, source_is_directory: bool) -> str:
    if source_is_directory:
        return "directory"
    return "menu" if region in MENU_REGIONS else "content"


def classify(links: Iterable[tuple[str, Reference]], vocabulary: Vocabulary, *,
             directories: Iterable[str] = (), weak_pages: Iterable[str] = (),
             content: bool = True) -> list[LinkMatch]:
    """Every (link, entry) pair where the link names the entry, in the order the links came.

    directories / weak_pages: url_keys of source pages whose every link counts as a menu / in whose own
    content (not header, nav, footer) an entry's weak terms count too. content=False ignores links in the
    body of all other pages."""
    directory_keys, weak_keys = frozenset(directories), frozenset(weak_pages)
    source_keys: dict[str, str] = {}
    hits_by_link: dict[tuple[str, str, str], list[tuple[Entry, Hit]]] = {}
    matches: list[LinkMatch] = []
    for source, reference in links:
        if reference.kind not in LINK_KINDS:
            continue
        source_key = source_keys.get(source)
        if source_key is None:
            source_key = source_keys[source] = url_key(source)
        if reference.target_key == source_key:
            continue  # "#" and javascript-less headings of a drop-down menu point at the page itself
        context = _context(reference.region, source_key in directory_keys)
        if context == "content" and not content:
            continue
        cache_key = (reference.text, reference.target, reference.kind)
        hits = hits_by_link.get(cache_key)
        if hits is None:
            hits = hits_by_link[cache_key] = _hits(reference, vocabulary)
        for entry, hit in hits:
            if context not in entry.where:
                continue
            # Weak words count in the weak pages' own content only: their header and footer are the
            # site-wide chrome, where 「網站資料更新及維護要點」 is no 要點 of category 2.
            if hit.weak and (source_key not in weak_keys or reference.region in CHROME_REGIONS):
                continue
            if context == "content" and hit.via == "text" and hit.share < MIN_CONTENT_SHARE:
                continue
            matches.append(LinkMatch(
                key=entry.key, name=entry.name, text=reference.text, url=reference.target,
                url_key=reference.target_key, source_page=source, region=reference.region, context=context,
                via=hit.via, term=hit.term, entry=entry))
    return matches


def _hits(reference: Reference, vocabulary: Vocabulary) -> list[tuple[Entry, Hit]]:
    text = normalise(reference.text)
    found = []
    for entry in vocabulary.entries:
        hit = entry.match_text(text) if entry.matches_text else None
        if hit is None and reference.kind == "link":
            hit = entry.match_url(reference.target)
        if hit is not None:
            found.append((entry, hit))
    # A weak word only decides a link nothing else claims: 「會計報告」 is category 6, not 5 for its 報告.
    if any(not hit.weak for _, hit in found):
        found = [(entry, hit) for entry, hit in found if not hit.weak]
    return found


# ---------------------------------------------------------------- reading the site


def per_site(function: Callable[[Site], T]) -> Callable[[Site], T]:
    """Remember the last site's result: a check and its summary read the same analysis.

    Keyed on the Site object itself (identity), never on id(), so a new site is never served an old answer."""
    last: list = []

    @functools.wraps(function)
    def wrapper(site: Site) -> T:
        if last and last[0] is site:
            return last[1]
        result = function(site)
        last[:] = [site, result]
        return result

    return wrapper


def references_by_page(site: Site) -> dict[str, list[Reference]]:
    pages: dict[str, list[Reference]] = {}
    for source, reference in site.references:
        pages.setdefault(source, []).append(reference)
    return pages


def ordered_links(site: Site, first: Iterable[str] = (),
                  by_page: dict[str, list[Reference]] | None = None) -> Iterator[tuple[str, Reference]]:
    """Every (source, reference) of the site: the pages in `first` (URLs) before all others, each once."""
    by_page = by_page if by_page is not None else references_by_page(site)
    done: set[str] = set()
    for source in first:
        if source in by_page and source not in done:
            done.add(source)
            yield from ((source, reference) for reference in by_page[source])
    for source, references in by_page.items():
        if source not in done:
            yield from ((source, reference) for reference in references)


def unique_targets(matches: Iterable[LinkMatch]) -> list[LinkMatch]:
    """The first match of each target, in order."""
    seen: set[str] = set()
    kept = []
    for match in matches:
        if match.url_key not in seen:
            seen.add(match.url_key)
            kept.append(match)
    return kept


def by_context(matches: Iterable[LinkMatch]) -> list[LinkMatch]:
    """Stable sort: a directory page's own list first, then menus (a directory's header menu is just a menu),
    then content."""
    def rank(match: LinkMatch) -> int:
        if match.context == "directory":
            return 1 if match.region in CHROME_REGIONS else 0
        return 1 if match.context == "menu" else 2

    return sorted(matches, key=rank)


@dataclass(frozen=True, slots=True)
class Outcome:
    works: bool | None   # None: never fetched
    status: int | None
    reason: str | None   # http-404, timeout, soft-404:找不到網頁 …


def link_outcome(site: Site, target_key: str) -> Outcome:
    """Whether a link target works, from the crawl: its fetch outcome, and the page when it was parsed."""
    if not target_key.startswith(("http://", "https://")):
        return Outcome(None, None, None)
    fetch = site.outcome(target_key)
    page = site.pages_by_key.get(target_key)
    if fetch is None and page is None:
        return Outcome(None, None, None)
    status = fetch.status if fetch is not None else page.status
    if fetch is not None:
        reason = failure_reason(fetch)
        if reason is not None:
            return Outcome(False, status, reason)
        if fetch.error == "robots":
            return Outcome(None, status, "robots")
    if page is not None and page.status >= 400:
        return Outcome(False, page.status, f"http-{page.status}")
    soft = (page.not_found_text if page is not None else None) or (fetch.not_found_text if fetch else None)
    if soft:
        return Outcome(False, status, f"soft-404:{soft}")
    return Outcome(True, status, None)


def attachment_name(url: str) -> str | None:
    """The file name of a document link (`115年度總預算書.pdf`), percent-escapes undone; None for pages."""
    path = urlsplit(url).path
    name = unquote(path.rsplit("/", 1)[-1])
    return name if _FILE_NAME.search(name) else None


def is_chrome(region: str) -> bool:
    return region in CHROME_REGIONS


@per_site
def _redirected(site: Site) -> dict[str, PageRecord]:
    return {url_key(p.requested_url): p for p in site.pages if p.redirects and p.requested_url != p.url}


def page_for(site: Site, target_key: str) -> PageRecord | None:
    """The crawled page a link target leads to, also when the link was redirected to it."""
    page = site.pages_by_key.get(target_key)
    return page if page is not None else _redirected(site).get(target_key)


def sitemap_pages(site: Site, home: PageRecord | None, by_page: dict[str, list[Reference]]) -> list[PageRecord]:
    """The 網站導覽 page(s): linked from the homepage (導盲磚 facts or link text), else titled so."""
    item = vocabulary("homepage", "items").entry("sitemap")
    keys: dict[str, None] = {}
    if home is not None:
        for link in (home.facts.get("bricks") or {}).get("sitemap_links", []):
            keys[url_key(link)] = None
        for reference in by_page.get(home.url, ()):
            if reference.kind == "link" and item.match_text(normalise(reference.text)):
                keys[reference.target_key] = None
    pages = [page for page in (page_for(site, key) for key in keys) if page is not None]
    if not pages:
        pages = [page for page in site.pages if item.match_text(normalise(page.title))]
    unique: dict[str, PageRecord] = {}
    for page in pages:
        if page.status < 400 and not page.not_found_text:
            unique.setdefault(page.url_key, page)
    return list(unique.values())


@dataclass(slots=True)
class SiteIndex:
    """What every information-service check starts from: the homepage, links per page, the 網站導覽 pages."""

    site: Site
    home: PageRecord | None
    by_page: dict[str, list[Reference]]
    sitemaps: list[PageRecord]

    @property
    def home_url(self) -> str | None:
        return self.home.url if self.home is not None else None

    def hubs(self, vocabulary: Vocabulary) -> list[PageRecord]:
        """Pages the homepage links to under a name in `vocabulary` (線上服務, 便民服務 …): lists of items."""
        if self.home is None:
            return []
        links = [(self.home.url, r) for r in self.by_page.get(self.home.url, ())]
        found = classify(links, vocabulary, directories={self.home.url_key})
        pages = (page_for(self.site, m.url_key) for m in unique_targets(found))
        return [p for p in pages if p is not None and p.status < 400 and not p.not_found_text]

    def directories(self, *extra: Iterable[PageRecord]) -> set[str]:
        keys = {p.url_key for p in self.sitemaps}
        if self.home is not None:
            keys.add(self.home.url_key)
        for pages in extra:
            keys.update(p.url_key for p in pages)
        return keys


@per_site
def site_index(site: Site) -> SiteIndex:
    home = homepage(site)
    by_page = references_by_page(site)
    return SiteIndex(site, home, by_page, sitemap_pages(site, home, by_page))


def inventory(site: Site, vocabulary: Vocabulary, lists: Iterable[PageRecord] = ()) -> list[LinkMatch]:
    """One match per (entry, target) from menus site-wide and from list pages (homepage, 網站導覽, `lists`).

    Links in the body of other pages are left out: an article that mentions 線上申辦 is not one more item.
    Order: the homepage, the 網站導覽, the list pages, then every other page, each in document order."""
    index = site_index(site)
    lists = list(lists)
    first = [url for url in (index.home_url,) if url] + [p.url for p in index.sitemaps] + [p.url for p in lists]
    matches = classify(ordered_links(site, first, index.by_page), vocabulary,
                       directories=index.directories(lists), content=False)
    seen: set[tuple[str, str | None, str]] = set()
    kept = []
    for match in matches:
        identity = (match.key, match.entry.data.get("platform"), match.url_key)
        if identity not in seen:
            seen.add(identity)
            kept.append(match)
    return kept
