"""E-participation (2.2.2): mailboxes, boards, forums, votes, surveys, join.gov.tw and social accounts.

For channels that publish replies, the newest 回覆日期 shows whether the agency answers regularly."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
from lxml import etree

from checks import vocab
from checks.dates import find_dates, format_roc
from checks.finding import Finding
from checks.html import collapse
from checks.indicators import E_PARTICIPATION
from checks.linkvocab import (
    LinkMatch, Outcome, inventory, is_chrome, link_outcome, page_for, per_site, site_index, vocabulary,
)
from checks.site import Site

# A channel whose newest published reply is older than this is not "regular interaction" (domain.md §3
# suggests 90 days for news; the plan gives no number). Callers may pass their own limit.
INACTIVE_DAYS = 90
# Reply channels: the types whose pages publish dated answers.
REPLY_TYPES = frozenset({"mailbox", "message_board", "forum"})
_MAX_DATES = 20
# After a label, a date starts within this many characters (「回覆日期：」 then the date).
_DATE_WINDOW = 32
# A header cell holds the label and little else; a cell with more text is a labelled value.
_HEADER_SLACK = 4


@dataclass(frozen=True, slots=True)
class _ReplyRules:
    labels: tuple[str, ...]
    label_re: re.Pattern[str]
    cells: etree.XPath
    texts: etree.XPath


@functools.cache
def _reply_rules() -> _ReplyRules:
    labels = tuple(sorted((collapse(label) for label in vocab.load("participation")["reply_labels"]),
                          key=len, reverse=True))
    if any("'" in label for label in labels):
        raise vocab.VocabularyError("reply_labels must not contain an apostrophe (XPath literal)")
    tests = " or ".join(f"contains(., '{label}')" for label in labels)
    hidden = "ancestor::script or ancestor::style or ancestor::template"
    return _ReplyRules(
        labels=labels, label_re=re.compile("|".join(re.escape(label) for label in labels)),
        cells=etree.XPath(f"//th[{tests}] | //td[{tests}]"),
        texts=etree.XPath(f"//body//text()[{tests}][not({hidden})]"))


# ---------------------------------------------------------------- page-level facts


def reply_facts(root: lxml.html.HtmlElement, url: str) -> dict:
    """Dates of published replies on a mailbox or board page (回覆日期 in a table column or after a label).

    {} on pages without a reply label, which is nearly every page: one text_content() decides that."""
    rules = _reply_rules()
    whole = root.text_content()
    if not any(label in whole for label in rules.labels):
        return {}
    dates: list[datetime.date] = []
    for cell in rules.cells(root):
        dates.extend(_column_dates(cell, rules))
    for node in rules.texts(root):
        dates.extend(_labelled_dates(node, rules))
    newest_first = sorted(set(dates), reverse=True)
    return {"count": len(dates), "newest": newest_first[0].isoformat() if newest_first else None,
            "dates": [d.isoformat() for d in newest_first[:_MAX_DATES]]}


def _column_dates(cell: etree._Element, rules: _ReplyRules) -> list[datetime.date]:
    text = collapse(cell.text_content())
    label = rules.label_re.search(text)
    row = cell.getparent()
    if label is None or row is None or row.tag != "tr" or len(text) > len(label.group()) + _HEADER_SLACK:
        return []
    column = [c for c in row if c.tag in ("th", "td")].index(cell)
    table = next(row.iterancestors("table"), None)
    if table is None:
        return []
    found = []
    after = False
    for other in table.iter("tr"):
        if other is row:
            after = True
            continue
        if not after:
            continue
        cells = [c for c in other if c.tag in ("th", "td")]
        if column < len(cells):
            found.extend(value for value, _ in find_dates(collapse(cells[column].text_content()))[:1])
    return found


def _labelled_dates(node: etree._ElementUnicodeResult, rules: _ReplyRules) -> list[datetime.date]:
    owner = node.getparent()
    if owner is None:
        return []
    text = str(node)
    found = []
    for label in rules.label_re.finditer(text):
        pieces = [text[label.end():]]
        if not node.is_tail:
            pieces.append(owner.tail or "")
        following = owner.getnext()
        if following is not None:
            pieces.append(following.text_content())
        window = collapse(" ".join(pieces))[:_DATE_WINDOW]
        found.extend(value for value, _ in find_dates(window)[:1])
    return found


# ---------------------------------------------------------------- channels


@dataclass(slots=True)
class Channel:
    type: str
    platform: str | None
    match: LinkMatch
    outcome: Outcome
    newest_reply: datetime.date | None
    reply_page: str | None


@per_site
def analyse_participation(site: Site) -> list[Channel]:
    channels = []
    for match in inventory(site, vocabulary("participation")):
        newest, where = (None, None)
        if match.key in REPLY_TYPES:
            newest, where = _newest_reply(site, match)
        channels.append(Channel(match.key, match.entry.data.get("platform"), match,
                                link_outcome(site, match.url_key), newest, where))
    return channels


def _newest_reply(site: Site, match: LinkMatch) -> tuple[datetime.date | None, str | None]:
    """Newest reply date on the channel's page or a page it links to (信件公開 lists often sit one click away)."""
    page = page_for(site, match.url_key)
    if page is None:
        return None, None
    candidates = [page]
    for reference in site_index(site).by_page.get(page.url, ()):
        if reference.kind == "link" and not is_chrome(reference.region):
            linked = site.pages_by_key.get(reference.target_key)
            if linked is not None and linked.facts.get("replies"):
                candidates.append(linked)
    best: tuple[datetime.date, str] | None = None
    for candidate in candidates:
        # Stored newest first; a date after the audit date is a typo, not a reply.
        dates = (datetime.date.fromisoformat(iso) for iso in (candidate.facts.get("replies") or {}).get("dates", []))
        value = next((d for d in dates if d <= site.as_of), None)
        if value is not None and (best is None or value > best[0]):
            best = (value, candidate.url)
    return best if best else (None, None)


def types_present(channels: list[Channel]) -> list[str]:
    order = vocabulary("participation").keys()
    present = {c.type for c in channels}
    return [key for key in order if key in present]


def check_participation(site: Site, inactive_days: int = INACTIVE_DAYS) -> Iterator[Finding]:
    index = site_index(site)
    if index.home is None:
        return
    channels = analyse_participation(site)
    basic = vocab.load("participation")["basic"]
    if not any(c.type in basic for c in channels):
        names = [vocabulary("participation").entry(key).name for key in basic]
        yield Finding(
            check="participation.missing-basic", severity="warning", indicator=E_PARTICIPATION, url=index.home.url,
            message=f"未找到意見反映及討論區等基本電子參與管道（{'、'.join(names)}）",
            evidence={"types": basic, "types_present": types_present(channels), "locator": "participation:basic"})
    for channel in channels:
        match = channel.match
        if channel.outcome.works is False:
            yield Finding(
                check="participation.broken", severity="warning", indicator=E_PARTICIPATION, url=match.source_page,
                target=match.url, message=f"電子參與管道「{match.text}」無法使用：{channel.outcome.reason}",
                evidence={"type": channel.type, "platform": channel.platform, "text": match.text,
                          "status": channel.outcome.status, "reason": channel.outcome.reason,
                          "region": match.region, "locator": f"participation:{channel.type}:{match.url_key}"})
        if channel.newest_reply is not None and (site.as_of - channel.newest_reply).days > inactive_days:
            age = (site.as_of - channel.newest_reply).days
            yield Finding(
                check="participation.inactive", severity="warning", indicator=E_PARTICIPATION,
                url=channel.reply_page or match.url, target=match.url,
                message=f"「{match.text}」最新回覆為{format_roc(channel.newest_reply)}（{age} 天前），"
                        f"逾 {inactive_days} 天未見回覆",
                evidence={"type": channel.type, "text": match.text, "newest_reply": channel.newest_reply.isoformat(),
                          "age_days": age, "limit_days": inactive_days, "reply_page": channel.reply_page,
                          "locator": f"participation:inactive:{match.url_key}"})


def summarize_e_participation(site: Site) -> dict:
    channels = analyse_participation(site)
    return {
        "channels": [{"type": c.type, "platform": c.platform, "text": c.match.text, "url": c.match.url,
                      "works": c.outcome.works,
                      "newest_reply": c.newest_reply.isoformat() if c.newest_reply else None} for c in channels],
        "types_present": types_present(channels),
    }
