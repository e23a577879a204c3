"""Two demo agency sites, 新竹市示範局 (Hsinchu home.jsp CMS) and 新竹市示範所 (CCMS cp.aspx style), with planted
defects and their ground truth. build_site() renders every route of the loopback hosts and derives each site's
truth by walking those same routes with the crawler's rules; serve_demo() (demosite.server) serves them."""

# Semantics the truth encodes (the crawler must follow the same rules to score recall = precision = 1.0).
# Each site has its own truth with all the keys below; the second agency's is DemoSite.second.truth.
#
# * Pages. An HTML response (Content-Type text/html) on the agency's host, reached from start_url through
#   <a href>, <area href> or <iframe src>, or listed in /sitemap.xml (named by robots.txt `Sitemap:`),
#   and not disallowed by robots.txt (示範局 `Disallow: /private/`, 示範所 `Disallow: /admin/`). `pages` holds
#   final URLs after redirects, in the form the site itself links them (its own query order). A few pages
#   are also linked with the query parameters reordered or with a #fragment: compare with canonical_url()
#   (or w3lib's canonicalize_url on both sides); truth["aliases"] maps each reordered spelling to its page.
#   No page links to a site-search URL (the search forms are not links), so search results are never pages.
# * References. Every <a>/<area>/<iframe>/<img src>/<link rel=stylesheet|icon>/<script src> of a page is
#   resolved against the page's final URL and the fragment dropped. Links inside HTML comments and inside
#   <template> do not exist; nor do same-page "#..." links. mailto:/tel:/javascript: are never fetched;
#   mailto with anything but one `local@dotted.domain` per address, or tel with anything but digits,
#   "+", "-", ".", "(", ")", spaces and an optional ";ext=N" is listed in `malformed_links`.
# * Broken. Final outcome after at most MAX_REDIRECTS redirects and one retry on 503/Retry-After:
#   status >= 400 -> "http-<status>", refused -> "connection-refused", no answer in the crawler's 3 s ->
#   "timeout", redirect loop -> "too-many-redirects". HEAD that gets 405/501 must fall back to GET.
#   One row per (source page, target) however often the page repeats the link; a target linked from N
#   pages is N rows (the footer's broken link is a row for every page, soft-404 pages included).
# * Soft 404. 示範局's /ch/home.jsp with an unknown query answers 200 "查無資料 / 找不到網頁" like the real
#   CMS. A link to it is listed in `soft_404`, never in `broken_links`; the page itself is crawled (it is in
#   `pages`, its footer links count) and listed in `soft_404_pages`, but in no date list. 示範所 has none.
# * Page date. The latest date written right after a label (更新日期, 發布日期, 發佈日期, 上版日期, 最後更新,
#   資料更新時間, 公告日期, 修正日期, 建立日期; optional "：", ":" or spaces, also across <th>/<td>, <dt>/<dd>)
#   in the page's own content, i.e. outside <header>/<nav>/<footer> and the legacy div.header/div.footer.
#   Else <meta name="DC.Date">. Else the Last-Modified header. Else undated. The footer's
#   "網站更新日期" and the header's "今天是 民國115年11月29日" are site dates, never a page date; bare dates
#   in list items or prose are not labelled and do not count, nor do 回覆日期/留言日期/來信日期 columns or a
#   notice's 截止日期/公告期限. ROC years (< 200) add 1911.
#   Stale: date < DEMO_AS_OF - STALE_DAYS (2025-11-29 itself is fresh). Future: date > DEMO_AS_OF.
#
# Information services (issue 4). truth["disclosure" | "search" | "homepage" | "online_services" |
# "e_participation" | "content"] have the shapes of findings.json summary.<key> in the issue-4 contract, with
# these differences: search leaves out the volatile queries / empty_query / no_hit_query and adds query_field
# and no_hit_message; content adds the details behind its counts (title_heading_mismatch_urls,
# expired_notice_items, notices, link_title_mismatch); services and channels leave out the link "text" (one
# target is linked with several texts). truth["expected_findings"] lists the issue-4 findings.
#
# * Where Article 7 categories and supplements are looked for: the links of the site chrome (header, nav,
#   footer: the same on every page) and of the content of three "directory" pages: the disclosure zone page,
#   the 網站導覽 page and the homepage. The link text decides the category. Every such link is written through
#   _Base.tagged(); tests/test_demosite.py reads the domain.md §1 names over ALL links of the site and finds
#   them only on these targets (no news headline says 補助, 預算 or 宣導), so a whole-site scan agrees.
#   zone_found_via: the first of nav, footer, sitemap-page, sitemap.xml, link that leads to the zone.
# * evidence: the distinct targets of the category's links (a reordered query is the same page), zone-page
#   links first in document order, then the others sorted; beyond "zone first" compare as sets. reachable:
#   an evidence target works (final status < 400, as in Broken above), null when the category is missing or
#   not applicable; on the demo a found category's targets all work or all fail. newest_date: the newest of
#   the evidence pages' page dates and of 1 January of every ROC year ("114年度…") written in the category's
#   link texts and in the evidence pages' titles and own (non-chrome) link texts, never after as_of; null if
#   none (category 8 is a bare link to another host, 9 a dead link).
# * Currency: ROC years read from category-6 link texts (「114年度總預算」, 「113年度決算」). budget_current:
#   newest budget year >= the current ROC year; final_account_recent: newest final-account year >= current
#   - 2. Category 5 is outdated when its newest_date is older than STALE_DAYS. Category 10 is
#   not-applicable: neither demo agency is 合議制 (truth["collegial"] false; agencies.csv collegial = no).
# * Online services: one item per distinct target of a link, anywhere on the site, whose text names a
#   service category (線上申辦, 網路繳費, 取件通知, 線上預約, 案件查詢/案件進度查詢, 表單下載); the section
#   link 線上服務 is not an item. works: the target's outcome is not broken; status: its final HTTP status,
#   null when there is none. counts has all six categories (0 for none).
# * E-participation: one channel per distinct target of a link, anywhere on the site, whose text names a
#   channel (局長信箱/民意信箱, 留言板, 民意調查, 公共政策網路參與平台, Facebook…/YouTube…). A social platform is
#   told by host on real sites; on loopback by the link text (and the first path segment, /facebook/ ,
#   /youtube/). newest_reply: the newest date in the 回覆日期 column of the channel's own page, null when it
#   publishes no replies. participation.inactive: newest_reply older than REPLY_STALE_DAYS;
#   participation.missing-basic only when there is neither a mailbox nor a message board.
# * Homepage: the contract's 14 items, present or not on the start page (chrome included). 示範所 has no
#   link to its disclosure zone on the homepage (the zone is reachable only from 網站導覽), so its
#   disclosure_link is missing too.
# * Content: duplicate_titles groups crawled pages (soft-404 pages excluded) by their exact <title> text when
#   their content differs; title_heading_mismatch counts pages whose <title> minus the agency suffix is not
#   their <h1> (the planted one is an article, whose <h1> is no menu label); expired_notices counts homepage
#   notices (modal dialogs, after the footer) whose 截止日期/公告期限 is before as_of; news_newest_date: the
#   newest row date of the 最新消息 list not after as_of (a future-dated row is page.future-date's business);
#   news-stale when older than NEWS_STALE_DAYS. No generic titles, no source-less reproductions and no
#   link-title mismatches are planted: every link's text shares two characters with its target's <title> or
#   <h1> unless it is a navigation word (回列表, 下一頁, 2 …) or the target is the homepage or a soft 404.
# * Search: form_url is the form's action resolved. 示範局: GET /ch/search.jsp?q=, 10 results a page
#   (page=N, 下一頁, 「搜尋結果共 N 筆」), sort links sort=relevance|date|topic (contract keys relevance, time,
#   topic), 查無資料 on no hit, 請輸入關鍵字 on an empty query. 示範所: GET /Search.aspx?keyword=, every result
#   on one page (page= and sort= ignored), no sort. Both index each page's whole visible text, so the
#   homepage's frequent words find many pages (示範所: 20 and more on its one page).
# * expected_findings: [{"check", "url", "target", "key"}] derived from the keys above. url is where the
#   finding is reported: the zone page (else the homepage) for disclosure.*, the homepage for items missing
#   site-wide, the page itself for content.title-*, the channel for participation.*; null where the detector
#   may choose (search probe URLs; the page carrying a dated statistics text; any page offering a broken
#   service). One content.title-duplicate per group. target: the link concerned, if any; key: the category
#   number (6:budget / 6:final_account), item key, title, deadline or channel type.

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
import html
import io
import json
import re
import struct
import zipfile
import zlib
from collections import deque
from dataclasses import dataclass, field
from email.utils import format_datetime
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

DEMO_AS_OF = datetime.date(2026, 11, 29)
STALE_DAYS = 365
REVISIONS = (1, 2)  # the demo as served on the first night, and the next night with three planted changes
SLOW_SECONDS = 6.0
STALE_BEFORE = DEMO_AS_OF - datetime.timedelta(days=STALE_DAYS)
MAX_REDIRECTS = 20  # Scrapy's REDIRECT_MAX_TIMES default
AGENCY = "新竹市示範局"
SECOND_AGENCY = "新竹市示範所"
SITE_UPDATED = "115-11-20"
DATE_LABELS = ("資料更新時間", "更新日期", "發布日期", "發佈日期", "上版日期", "最後更新",
               "公告日期", "修正日期", "建立日期")
FOLLOWED_KINDS = frozenset({"a", "area", "iframe"})
HTML_UTF8 = "text/html; charset=utf-8"
NEWS_STALE_DAYS = 90   # a 最新消息 list whose newest row is older than this: content.news-stale
REPLY_STALE_DAYS = 90  # a mailbox or board whose newest 回覆日期 is older than this: participation.inactive

# The issue-4 contract's fixed vocabularies of keys (names are the demo's; detectors may word them otherwise).
CATEGORY_NAMES = {1: "法規", 2: "解釋性規定及裁量基準", 3: "組織職掌及聯絡方式", 4: "行政指導有關文書",
                  5: "施政計畫、業務統計及研究報告", 6: "預算及決算書", 7: "請願處理結果及訴願決定",
                  8: "公共工程及採購契約", 9: "支付或接受之補助", 10: "合議制機關會議紀錄"}
SUPPLEMENTS = (("service_measures", "服務措施"), ("activities", "活動訊息"), ("faq", "常見問題"),
               ("publications", "出版品"))
SERVICE_CATEGORIES = (("application", "線上申辦"), ("payment", "網路繳費"), ("pickup_notice", "取件通知"),
                      ("booking", "線上預約"), ("case_status", "案件查詢"), ("forms", "表單下載"))
PARTICIPATION_TYPES = ("mailbox", "message_board", "forum", "e_voting", "survey", "join_platform", "social")
HOMEPAGE_ITEMS = (("search_box", "搜尋框"), ("sitemap", "網站導覽"), ("disclosure_link", "政府資訊公開專區連結"),
                  ("news", "最新消息"), ("online_services", "線上服務"), ("contact_address", "聯絡地址"),
                  ("contact_phone", "聯絡電話"), ("service_hours", "服務時間"),
                  ("privacy_policy", "隱私權及網站安全政策"), ("open_data_declaration", "政府網站資料開放宣告"),
                  ("font_size", "字級調整"), ("english_version", "英文版"), ("accessibility_mark", "無障礙標章"),
                  ("update_date", "網站更新日期"))
ZONE_VIA_ORDER = ("nav", "footer", "sitemap-page", "sitemap.xml", "link")

_DAY = datetime.timedelta(days=1)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    behaviour: str | None = None


def route_key(target: str) -> str:
    """Path plus query with the fragment gone, percent-escapes undone and query pairs sorted."""
    target = target.split("#", 1)[0]
    path, sep, query = target.partition("?")
    key = unquote(path) or "/"
    if sep:
        key += "?" + "&".join(sorted(unquote(p) for p in query.split("&") if p))
    return key


def canonical_url(url: str) -> str:
    """The comparison form of an absolute URL: lower-case scheme and host, then route_key()."""
    parts = urlsplit(url)
    target = parts.path + ("?" + parts.query if parts.query else "")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{route_key(target)}"


@dataclass
class DemoSite:
    """One agency's site. The main agency's DemoSite carries the second agency in .second (when built with
    second_base, as serve_demo() does); both share the "external" table (one external host serves both)."""

    main: dict[str, Route]
    external: dict[str, Route]
    truth: dict
    start_url: str
    soft_404: Route = field(default_factory=Route)
    not_found: Route = field(default_factory=Route)
    external_not_found: Route = field(default_factory=Route)
    soft_404_path: str | None = "/ch/home.jsp"  # the CMS answers 200 查無資料 for any query it does not know
    search: "_Search | None" = field(default=None, repr=False, compare=False)
    second: "DemoSite | None" = field(default=None, repr=False, compare=False)
    _index: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def _keys(self, host: str) -> dict[str, str]:
        # Built lazily so both the truth walk and the server see reordered queries as the same route.
        if host not in self._index:
            table = self.main if host == "main" else self.external
            self._index[host] = {route_key(k): k for k in table}
        return self._index[host]

    def primary_path(self, host: str, target: str) -> str | None:
        """The route-table spelling of target (query order as the site links it), or None if unknown."""
        return self._keys(host).get(route_key(target))

    def lookup(self, host: str, target: str) -> Route:
        """What the "main" or "external" server answers for a request target (path and query)."""
        known = self.primary_path(host, target)
        if host == "main":
            if known is not None:
                return self.main[known]
            path = target.split("#", 1)[0].split("?", 1)[0]
            if self.search is not None and path == self.search.path:
                return self.search.answer(target)
            if self.soft_404_path is not None and path == self.soft_404_path:
                return self.soft_404
            return self.not_found
        if known is not None:
            return self.external[known]
        return self.external_not_found


def truth_json(truth: dict) -> str:
    return json.dumps(truth, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


# ---------------------------------------------------------------- small binary files

def _png(width: int, height: int, shade: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes([shade]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def _pdf(title: str) -> bytes:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               b"<< /Title (" + title.encode("ascii") + b") /Producer (demosite) >>"]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 4 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _zip(files: list[tuple[str, bytes]], first_stored: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for n, (name, data) in enumerate(files):
            # A fixed timestamp keeps the bytes identical from build to build.
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if first_stored and n == 0 else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buf.getvalue()


def _odt(text: str) -> bytes:
    # ODF requires the uncompressed "mimetype" entry first; readers sniff it at a fixed offset.
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:text><text:p>{html.escape(text)}</text:p></office:text>'
               '</office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    return _zip([("mimetype", b"application/vnd.oasis.opendocument.text"),
                 ("META-INF/manifest.xml", manifest.encode()),
                 ("content.xml", content.encode())], first_stored=True)


def _xlsx(rows: list[tuple[str, int]]) -> bytes:
    ns = "http://schemas.openxmlformats.org"
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{html.escape(label)}</t></is></c>'
                    f'<c r="B{r}"><v>{value}</v></c></row>' for r, (label, value) in enumerate(rows, 1))
    files = [
        ("[Content_Types].xml",
         f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ns}/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        ("_rels/.rels",
         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/main" '
         f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
         '<sheet name="統計" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        ("xl/_rels/workbook.xml.rels",
         f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/relationships">'
         f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/worksheet" '
         'Target="worksheets/sheet1.xml"/></Relationships>'),
        ("xl/worksheets/sheet1.xml",
         f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}/spreadsheetml/2006/main">'
         f'<sheetData>{cells}</sheetData></worksheet>'),
    ]
    return _zip([(name, text.encode()) for name, text in files])


_DOC_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff" + b"\x00" * 482
_JPEG_BYTES = (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
               b"\xff\xfe\x00\x0ademosite\xff\xd9")

_CTYPES = {
    "pdf": "application/pdf", "doc": "application/msword",
    "odt": "application/vnd.oasis.opendocument.text",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip", "png": "image/png", "jpg": "image/jpeg",
}


# ---------------------------------------------------------------- dates as the site writes them

def _roc(d: datetime.date) -> int:
    return d.year - 1911


_WEEKDAYS = "一二三四五六日"

_STYLES = {
    "roc-dash": lambda d: f"{_roc(d)}-{d.month:02d}-{d.day:02d}",
    "roc-dot": lambda d: f"{_roc(d)}.{d.month}.{d.day}",
    "roc-slash": lambda d: f"{_roc(d)}/{d.month:02d}/{d.day:02d}",
    "roc-cjk": lambda d: f"民國{_roc(d)}年{d.month}月{d.day}日",
    "roc-cjk-spaced": lambda d: f"民國 {_roc(d)} 年 {d.month:02d} 月 {d.day:02d} 日",
    "roc-ymd": lambda d: f"{_roc(d)}年{d.month}月{d.day}日",
    "roc-ymd-weekday": lambda d: f"{_roc(d)}年{d.month}月{d.day}日(星期{_WEEKDAYS[d.weekday()]})",
    "iso": lambda d: d.isoformat(),
    "greg-slash": lambda d: f"{d.year}/{d.month:02d}/{d.day:02d}",
    "greg-cjk": lambda d: f"{d.year}年{d.month}月{d.day}日",
    "greg-dot": lambda d: f"{d.year}.{d.month:02d}.{d.day:02d}",
}
_STYLE_CYCLE = ("roc-dash", "roc-dot", "roc-slash", "roc-cjk", "iso", "greg-slash", "roc-ymd",
                "greg-cjk", "roc-cjk-spaced", "greg-dot", "roc-ymd-weekday")
_LABEL_CYCLE = ("更新日期", "發布日期", "上版日期", "最後更新", "資料更新時間", "發佈日期", "公告日期", "修正日期")
_MARKUP_CYCLE = ("fw", "hw", "span", "em")


def _fmt(d: datetime.date, style: str) -> str:
    return _STYLES[style](d)


def _http_date(d: datetime.date) -> str:
    # 02:00 GMT is 10:00 in Taipei, so the calendar day is the same in either zone.
    return format_datetime(datetime.datetime(d.year, d.month, d.day, 2, 0, 0,
                                             tzinfo=datetime.timezone.utc), usegmt=True)


@dataclass
class _Stamp:
    label: str
    date: datetime.date
    style: str = "roc-dash"
    markup: str = "fw"
    suffix: str = ""

    def text(self) -> str:
        value = _fmt(self.date, self.style) + self.suffix
        if self.markup == "hw":
            return f"{self.label}: {value}"
        if self.markup == "span":
            return f'<span class="label">{self.label}：</span><span class="value">{value}</span>'
        if self.markup == "em":
            return f"{self.label}：<em>{value}</em>"
        return f"{self.label}：{value}"


@dataclass
class _PageInfo:
    refs: list
    dates: list
    meta_date: datetime.date | None = None
    last_modified: datetime.date | None = None
    title: str = ""    # the <title> text exactly as served
    h1: str = ""
    section: str = ""  # top-level section (the first breadcrumb), the search's 分類
    text: str = ""     # visible text the site search indexes
    snippet: str = ""  # the page's own content text, for result snippets
    link_texts: list = field(default_factory=list)  # (text, target) of the page's own links, chrome excluded


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _plain(markup: str) -> str:
    """Visible text of a markup fragment (the demo writes no script or style inside page bodies)."""
    markup = re.sub(r"<!--.*?-->|<template.*?</template>", " ", markup, flags=re.S)
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class _Doc:
    """Markup for one page that remembers every reference and labelled date it writes."""

    __slots__ = ("main", "base", "refs", "dates", "texts")

    def __init__(self, main: str, path: str):
        self.main = main
        self.base = main + path
        self.refs: list[tuple[str, str, str | None]] = []
        self.dates: list[tuple[str, datetime.date]] = []
        self.texts: list[tuple[str, str | None]] = []  # (visible text, absolute target) of each <a>

    def _record(self, kind: str, href: str) -> None:
        if href.startswith("#"):
            return  # same-page anchors add nothing to a crawl
        scheme = href.split(":", 1)[0].lower() if ":" in href.split("/", 1)[0] else ""
        if scheme in ("mailto", "tel", "javascript"):
            self.refs.append((kind, href, None))
            return
        if scheme in ("http", "https"):
            absolute = href
        elif href.startswith("/") and not href.startswith("//"):
            absolute = self.main + href
        else:
            absolute = urljoin(self.base, href)
        self.refs.append((kind, href, absolute.split("#", 1)[0]))

    def a(self, href: str, text: str, title: str | None = None, attrs: str = "", kind: str = "a") -> str:
        self._record(kind, href)
        if self.refs and self.refs[-1][1] == href:
            self.texts.append((_plain(text), self.refs[-1][2]))
        t = f' title="{_esc(title)}"' if title else ""
        return f'<a href="{_esc(href)}"{t}{attrs}>{text}</a>'

    def ext(self, href: str, text: str) -> str:
        return self.a(href, text, title=f"{text}（另開新視窗）", attrs=' target="_blank" rel="noopener"')

    def img(self, src: str, alt: str, width: int | None = None, height: int | None = None,
            attrs: str = "") -> str:
        self._record("img", src)
        size = f' width="{width}" height="{height}"' if width else ""
        return f'<img src="{_esc(src)}" alt="{_esc(alt)}"{size}{attrs}>'

    def iframe(self, src: str, title: str) -> str:
        self._record("iframe", src)
        return (f'<iframe src="{_esc(src)}" title="{_esc(title)}" width="600" height="360" '
                f'loading="lazy"></iframe>')

    def area(self, href: str, alt: str, coords: str) -> str:
        self._record("area", href)
        return f'<area shape="rect" coords="{coords}" href="{_esc(href)}" alt="{_esc(alt)}" title="{_esc(alt)}">'

    def stylesheet(self, href: str) -> str:
        self._record("stylesheet", href)
        return f'<link rel="stylesheet" href="{_esc(href)}">'

    def icon(self, href: str) -> str:
        self._record("icon", href)
        return f'<link rel="icon" href="{_esc(href)}">'

    def script(self, src: str) -> str:
        self._record("script", src)
        return f'<script src="{_esc(src)}"></script>'

    def info(self, stamps: list[_Stamp], layout: str = "ul") -> str:
        """The article-info block: the only place a page's own dates are written."""
        for s in stamps:
            self.dates.append((s.label, s.date))
        if not stamps:
            return ""
        if layout == "table":
            rows = "\n".join(f'<tr><th scope="row">{s.label}</th> <td>{_fmt(s.date, s.style)}{s.suffix}</td></tr>'
                             for s in stamps)
            return f'<table class="article-info"><caption>資料資訊</caption>\n{rows}\n</table>'
        if layout == "dl":
            rows = "\n".join(f"<dt>{s.label}</dt> <dd>{_fmt(s.date, s.style)}{s.suffix}</dd>" for s in stamps)
            return f'<dl class="article-info">\n{rows}\n</dl>'
        if layout == "p":
            return "\n".join(f'<p class="date">{s.text()}</p>' for s in stamps)
        items = "".join(f"<li>{s.text()}</li>" for s in stamps)
        return f'<ul class="article-info">{items}</ul>'


def _home_jsp(cms_id: int, parentpath: str, **extra: str | int) -> str:
    query = f"id={cms_id}&parentpath={parentpath}"
    for key, value in extra.items():
        query += f"&{key}={value}"
    return f"/ch/home.jsp?{query}"


# ---------------------------------------------------------------- vocabulary for generated text

# No topic says 補助, 宣導, 採購 or 預算: news titles are links, and a link text naming an Article 7
# category would be evidence for it.
_TOPICS = ("社區環境清潔", "長者健康促進", "青年就業媒合", "防災避難演練", "節能設備汰換", "公共自行車",
           "市民終身學習講座", "交通安全教育", "食品衛生抽驗", "資源回收", "城市藝術季", "數位學習",
           "登革熱防治", "空氣品質監測", "消費者保護", "志工招募", "兒童友善空間", "綠色生活")
_NEWS_FORMS = ("本局辦理{y}年度{t}說明會", "{t}申請自即日起受理", "公告{y}年度{t}成果",
               "{m}月份{t}活動花絮", "{t}相關措施調整說明", "歡迎市民踴躍參與{t}")
_AREAS = ((21, "綜合規劃"), (22, "社區發展"), (23, "環境永續"), (24, "健康促進"),
          (25, "青年就業"), (26, "防災安全"), (27, "數位服務"), (28, "文化推廣"))
# (id, name, tag): tag marks what the link counts for (see _Base.tagged).
_ABOUT = ((11, "首長簡介", ("cat", 3)), (12, "組織架構", ("cat", 3)), (13, "業務職掌", ("cat", 3)),
          (14, "沿革", None), (15, "聯絡資訊", ("cat", 3)), (16, "交通位置", None))
_INTERACT = ((61, "常見問答", ("supp", "faq")), (62, "局長信箱", ("chan", "mailbox", None)),
             (67, "留言板", ("chan", "message_board", None)), (63, "民意調查", ("chan", "survey", None)),
             (64, "相關連結", None), (65, "活動訊息", ("supp", "activities")))
_DISTRICTS = ((71, "東區服務站"), (72, "北區服務站"), (73, "香山區服務站"))
_FAQ_Q = ("如何申請{t}？", "{t}需要準備哪些文件？", "{t}的辦理時限為何？", "{t}可以委託他人辦理嗎？")

_PARAGRAPHS = (
    "為提升為民服務品質，本局持續檢討各項作業流程，並依據民眾意見滾動修正，期能提供更便利、更有效率的服務。",
    "相關作業規定及申請表件請至本局網站「線上服務」專區下載，如有疑問歡迎於上班時間洽詢承辦單位。",
    "本案經費由本局年度預算支應，執行情形將定期於政府資訊公開專區公布，以落實資訊透明。",
    "活動期間請民眾配合現場工作人員引導，並注意自身安全；如遇天候不佳，將另行公告調整方式。",
)

_ROC_YEAR = re.compile(r"(\d{2,3})\s*年度?")
_YEAR_IN_TEXT = re.compile(r"(?<![0-9])(?:民國\s*)?((?:19|20)[0-9]{2}|1[0-9]{2}|[89][0-9])\s*年")


class _Base(ABC):
    """What both agency builders share: route tables, page registration, and the issue-4 registries."""

    agency = AGENCY
    title_sep = "-"
    disallow = "/private/"
    search_path = ""
    collegial = False

    def __init__(self, base: str, external_base: str, refused_base: str,
                 external: dict[str, Route] | None = None):
        self.m = base.rstrip("/")
        self.x = external_base.rstrip("/")
        self.r = refused_base.rstrip("/")
        self.main: dict[str, Route] = {}
        self.external: dict[str, Route] = {} if external is None else external
        self.info: dict[str, _PageInfo] = {}
        self.sitemap_paths: list[str] = []
        self.traps: dict = {}
        self.start_path = "/"
        self._fresh_n = 0
        # Issue 4: what each link written through tagged() counts for, and the other planted facts.
        self.category_links: list[tuple[int, str, str, str]] = []   # (number, url, where, text)
        self.supplement_links: list[tuple[str, str, str]] = []      # (key, url, where)
        self.service_links: list[tuple[str, str]] = []              # (category, url)
        self.channel_links: list[tuple[str, str | None, str]] = []  # (type, platform, url)
        self.zone_url: str | None = None
        self.zone_via: set[str] = set()
        self.replies: dict[str, list[datetime.date]] = {}
        self.home_items: dict[str, list[str]] = {}
        self.notices: list[dict] = []
        self.news_url: str | None = None
        self.news_rows: list[datetime.date] = []
        self.update_rule: tuple[str, str] | None = None
        self.search_spec: dict | None = None
        self.chrome_refs: list = []
        self.chrome_text = ""

    # ---------------------------------------------------------- registration

    def _fresh(self, markup_cycle: bool = True, labels: tuple[str, ...] = _LABEL_CYCLE) -> _Stamp:
        """A non-stale, non-future stamp, varied in label, format and markup from call to call."""
        n = self._fresh_n
        self._fresh_n += 1
        d = DEMO_AS_OF - datetime.timedelta(days=4 + (n * 37) % 290)
        label = labels[n % len(labels)]
        suffix = " 09:30" if label == "資料更新時間" else ""
        markup = _MARKUP_CYCLE[n % len(_MARKUP_CYCLE)] if markup_cycle else "fw"
        return _Stamp(label, d, _STYLE_CYCLE[n % len(_STYLE_CYCLE)], markup, suffix)

    def asset(self, path: str, body: bytes, ctype: str, last_modified: datetime.date | None = None) -> None:
        headers = {"Content-Type": ctype}
        if last_modified:
            headers["Last-Modified"] = _http_date(last_modified)
        self._put(self.main, path, Route(200, body, headers))

    def attachment(self, path: str, title: str) -> None:
        ext = path.rsplit(".", 1)[1]
        if ext == "pdf":
            body = _pdf(path.rsplit("/", 1)[1])
        elif ext == "doc":
            body = _DOC_BYTES
        elif ext == "odt":
            body = _odt(title)
        elif ext == "xlsx":
            body = _xlsx([(title, 1200), ("合計", 3456)])
        elif ext == "zip":
            body = _zip([("readme.txt", title.encode()), ("data.csv", "項目,數量\n申請案件,128\n".encode())])
        elif ext == "png":
            body = _png(4, 3, 160)
        else:
            body = _JPEG_BYTES
        self.asset(path, body, _CTYPES[ext], datetime.date(2026, 3, 2))

    def ext_page(self, path: str, title: str, status: int = 200, behaviour: str | None = None,
                 headers: dict[str, str] | None = None) -> str:
        body = (f'<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>{title}</title>'
                f'</head><body><h1>{title}</h1><p>外部網站示範頁面。</p></body></html>').encode()
        self._put(self.external, path, Route(status, body, {"Content-Type": HTML_UTF8, **(headers or {})},
                                             behaviour))
        return self.x + path

    @staticmethod
    def _put(table: dict[str, Route], path: str, route: Route) -> None:
        assert path not in table, f"route defined twice: {path}"
        table[path] = route

    def doc(self, path: str) -> _Doc:
        return _Doc(self.m, path)

    def tagged(self, d: _Doc, href: str, text: str, tag: tuple | None, where: str = "", *,
               external: bool = False, **kw) -> str:
        """A link that counts for issue 4. tag: ("cat", n) Article 7 category n, ("supp", key) a supplement,
        ("svc", category) an online service, ("chan", type, platform) an e-participation channel, ("zone",)
        the disclosure zone, None nothing. where: zone (the zone page) | header | nav | footer | sitemap-page
        (the 網站導覽 page) | home (the homepage's content) | page (anything else): categories and supplements
        count only outside "page"; services and channels count anywhere."""
        markup = d.ext(href, text) if external else d.a(href, text, **kw)
        url = d.refs[-1][2]
        if tag is None:
            return markup
        kind = tag[0]
        if kind == "cat" and where != "page":
            self.category_links.append((tag[1], url, where, text))
        elif kind == "supp" and where != "page":
            self.supplement_links.append((tag[1], url, where))
        elif kind == "svc":
            self.service_links.append((tag[1], url))
        elif kind == "chan":
            self.channel_links.append((tag[1], tag[2], url))
        elif kind == "zone":
            assert url == self.zone_url, url
            self.zone_via.add({"page": "link", "home": "link", "header": "nav"}.get(where, where))
        return markup

    # ---------------------------------------------------------- pages

    def emit(self, path: str, d: _Doc, title: str, body: str, *, crumbs: tuple = (),
             stamps: tuple | list = (), layout: str = "ul", meta_date: datetime.date | None = None,
             last_modified: datetime.date | None = None, encoding: str = "utf-8", charset: str = "both",
             head_extra: str = "", legacy: bool = False, title_tag: str | None = None,
             after_footer: str = "", lang: str = "zh-Hant-TW") -> None:
        """Wraps body in the site chrome and registers the page with everything it references."""
        page = self._frame(d, title, title_tag or title, body, crumbs=crumbs, stamps=list(stamps),
                           layout=layout, meta_date=meta_date, encoding=encoding, charset=charset,
                           head_extra=head_extra, legacy=legacy, after_footer=after_footer, lang=lang)
        ctype = "text/html" if charset == "meta" else f"text/html; charset={'Big5' if encoding == 'big5' else 'utf-8'}"
        headers = {"Content-Type": ctype}
        if last_modified:
            headers["Last-Modified"] = _http_date(last_modified)
        self._put(self.main, path, Route(200, page.encode(encoding), headers))
        own = _plain(body)
        self.info[path] = _PageInfo(
            d.refs + self.chrome_refs, d.dates, meta_date, last_modified,
            title=f"{title_tag or title}{self.title_sep}{self.agency}", h1=title,
            section=crumbs[0][0] if crumbs else title,
            text=" ".join((title, own, self.chrome_text)), snippet=own, link_texts=list(d.texts))

    def render(self, path: str, title: str, body_of) -> bytes:
        """A page rendered at request time (search results): the chrome, never registered."""
        d = self.doc(path)
        return self._frame(d, title, title, body_of(d), crumbs=(), stamps=[], layout="ul", meta_date=None,
                           encoding="utf-8", charset="both", head_extra="", legacy=False, after_footer="",
                           lang="zh-Hant-TW").encode()

    @abstractmethod
    def _frame(self, d: _Doc, title: str, title_tag: str, body: str, **kw) -> str:
        """The page chrome of one CMS flavour around body."""

    def simple(self, path: str, title: str, paragraphs: str, *, crumbs: tuple = (), stamps=None,
               **kw) -> None:
        d = self.doc(path)
        self.emit(path, d, title, paragraphs, crumbs=crumbs,
                  stamps=[self._fresh()] if stamps is None else stamps, **kw)

    @staticmethod
    def _para(n: int, count: int = 2) -> str:
        return "\n".join(f"<p>{_PARAGRAPHS[(n + k) % len(_PARAGRAPHS)]}</p>" for k in range(count))

    @staticmethod
    def _pager(d: _Doc, url_of, page: int, pages: int) -> str:
        if pages <= 1:
            return ""
        shown = sorted({1, pages, *range(max(1, page - 3), min(pages, page + 3) + 1),
                        *range(10, pages + 1, 10)})
        parts = [f'<span class="total">第 {page} 頁／共 {pages} 頁</span>']
        if page > 1:
            parts.append(d.a(url_of(page - 1), "上一頁", attrs=' rel="prev"'))
        for p in shown:
            parts.append(f'<span class="current">{p}</span>' if p == page
                         else d.a(url_of(p), str(p), title=f"第{p}頁"))
        if page < pages:
            parts.append(d.a(url_of(page + 1), "下一頁", attrs=' rel="next"'))
        return '<div class="pagination">' + " ".join(parts) + "</div>"

    def home_item(self, key: str, evidence: str) -> None:
        self.home_items.setdefault(key, [])
        if evidence not in self.home_items[key]:
            self.home_items[key].append(evidence)

    def notice_modal(self, n: int, title: str, text: str, label: str, deadline: datetime.date) -> str:
        """A homepage announcement in a modal dialog, with its 截止日期 or 公告期限."""
        self.notices.append({"title": title, "deadline": deadline.isoformat(), "label": label})
        return (f'<div class="modal announce-pop" id="notice-{n}" role="dialog" aria-modal="true" '
                f'aria-labelledby="notice-{n}-title">\n<div class="modal-content">'
                f'<h2 id="notice-{n}-title">{_esc(title)}</h2>\n<p>{_esc(text)}</p>\n'
                f'<p class="deadline">{label}：{_fmt(deadline, "roc-ymd")}</p>\n'
                f'<button type="button" class="modal-close" title="關閉公告">關閉</button></div>\n</div>\n')

    def replies_table(self, url: str, rows: list[tuple[str, datetime.date, datetime.date | None]],
                      first: str = "來信日期") -> str:
        """Published messages with their reply dates; the newest 回覆日期 is the channel's newest_reply."""
        self.replies[url] = [r for _, _, r in rows if r]
        body = "".join(f"<tr><td>{_esc(s)}</td><td>{_fmt(asked, 'roc-dash')}</td>"
                       f"<td>{_fmt(r, 'roc-dash') if r else '尚未回覆'}</td></tr>" for s, asked, r in rows)
        return (f'<table class="replies"><caption>民眾意見及回覆</caption>\n<tr><th scope="col">主旨</th>'
                f'<th scope="col">{first}</th><th scope="col">回覆日期</th></tr>\n{body}\n</table>')


def _home_jsp(cms_id: int, parentpath: str, **extra: str | int) -> str:
    query = f"id={cms_id}&parentpath={parentpath}"
    for key, value in extra.items():
        query += f"&{key}={value}"
    return f"/ch/home.jsp?{query}"


class _Builder(_Base):
    """新竹市示範局: the Hsinchu home.jsp CMS, ~300 pages; renders the site and remembers what each page holds."""

    search_path = "/ch/search.jsp"

    def __init__(self, main_base: str, external_base: str, refused_base: str, n_filler: int):
        super().__init__(main_base, external_base, refused_base)
        self.n_filler = n_filler
        self.zone_url = self.m + _home_jsp(30, "0")
        self.search_spec = {"path": self.search_path, "field": "q", "per_page": 10, "sortable": True}
        self._external_sites()
        self._chrome()

    # ---------------------------------------------------------- chrome

    def _chrome(self) -> None:
        """Header, navigation and footer are identical on every page, so they are rendered once."""
        d = self.doc("/")
        nav_items = []
        for label, href, tag, children in (
                ("最新消息", _home_jsp(2, "0"), None, ()),
                ("機關簡介", _home_jsp(10, "0"), ("cat", 3),
                 tuple((_home_jsp(cid, "0,10"), name, t) for cid, name, t in _ABOUT)),
                ("業務資訊", _home_jsp(20, "0"), None,
                 tuple((_home_jsp(cid, "0,20"), name, None) for cid, name in _AREAS)),
                ("政府資訊公開", _home_jsp(30, "0"), ("zone",),
                 ((_home_jsp(31, "0,30"), "法規", ("cat", 1)), (_home_jsp(35, "0,30"), "施政計畫", ("cat", 5)),
                  (self.x_ok["pcc"], "採購資訊", ("cat", 8)))),
                ("線上服務", _home_jsp(50, "0"), None, ()),
                ("互動專區", _home_jsp(60, "0"), None,
                 tuple((_home_jsp(cid, "0,60"), name, t) for cid, name, t in _INTERACT)),
                ("網站導覽", _home_jsp(70, "0"), None, ())):
            sub = "".join(f"<li>{self.tagged(d, h, name, t, 'nav', external=h.startswith(self.x))}</li>"
                          for h, name, t in children)
            sub = f'<ul class="submenu">{sub}</ul>' if sub else ""
            nav_items.append(f"<li>{self.tagged(d, href, label, tag, 'nav')}{sub}</li>")
        logo = d.a("/ch/index.jsp", d.img("/images/logo.png", "新竹市示範局標誌", 60, 60)
                   + '<span class="site-name">新竹市示範局</span>', title="新竹市示範局(回首頁)")
        self.header_html = (
            f'<a href="#C" class="skip-link" title="跳到主要內容">跳到主要內容</a>\n'
            f'<a href="#U" id="AU" name="U" accesskey="U" class="accesskey" title="上方功能區塊[快捷鍵Alt+U]">:::</a>\n'
            f'<div class="logo">{logo}</div>\n'
            f'<ul class="toplinks"><li>{d.a("/ch/index.jsp", "回首頁")}</li>'
            f'<li>{d.a(_home_jsp(70, "0"), "網站導覽")}</li>'
            f'<li>{self.tagged(d, _home_jsp(15, "0,10"), "聯絡我們", ("cat", 3), "header")}</li>'
            f'<li>{self.tagged(d, self.x_ok["facebook"], "Facebook粉絲專頁", ("chan", "social", "facebook"),
                               external=True)}</li></ul>\n'
            f'<div class="fontsize">字級：{d.a("javascript:setFontSize(0.9);", "小", title="小字級")}'
            f'{d.a("javascript:setFontSize(1);", "中", title="中字級")}'
            f'{d.a("javascript:setFontSize(1.2);", "大", title="大字級")}</div>\n'
            f'<div class="today">今天是 民國115年11月29日 星期日</div>\n'
            f'<form class="search" action="{self.search_path}" method="get" role="search">'
            f'<label for="kw">全站搜尋</label><input type="text" id="kw" name="q" title="請輸入關鍵字" '
            f'placeholder="請輸入關鍵字"><button type="submit">搜尋</button></form>\n')
        self.nav_html = "<ul>" + "".join(nav_items) + "</ul>"
        badge = d.a(self.x_ok["badge"], d.img("/images/accessibility/AA.png", "通過AA檢測等級無障礙網頁檢測", 88, 31),
                    title="移至無障礙標章網頁（另開新視窗）", attrs=' target="_blank"')
        rule = _home_jsp(82, "0")
        self.update_rule = (self.m + rule, "網站資料更新及維護要點")
        self.footer_html = (
            f'<a href="#Z" id="AZ" name="Z" accesskey="Z" class="accesskey" title="下方功能區塊[快捷鍵Alt+Z]">:::</a>\n'
            f'<ul class="footer-links"><li>{d.a(_home_jsp(80, "0"), "隱私權及網站安全政策")}</li>'
            f'<li>{d.a(_home_jsp(81, "0"), "政府網站資料開放宣告")}</li>'
            f'<li>{self.tagged(d, _home_jsp(30, "0"), "政府資訊公開", ("zone",), "footer")}</li>'
            f'<li>{d.a(rule, "網站資料更新及維護要點")}</li>'
            f'<li>{d.a(_home_jsp(70, "0"), "網站導覽")}</li>'
            f'<li>{self.tagged(d, _home_jsp(61, "0,60"), "常見問答", ("supp", "faq"), "footer")}</li>'
            f'<li>{d.a("/ch/service-points.html", "服務據點")}</li></ul>\n'
            f'<address>300 新竹市東區示範路100號</address>\n'
            f'<p>電話：{d.a("tel:+886-3-521-0000", "(03)521-0000")}　傳真：(03)521-0001　'
            f'市民專線：{d.a("tel:1999", "1999")}</p>\n'
            f'<p>服務時間：週一至週五 上午8:00至12:00、下午1:30至5:30（國定假日除外）</p>\n'
            f'<p>電子信箱：{d.a("mailto:service@demo.hccg.gov.tw", "service@demo.hccg.gov.tw")}</p>\n'
            f'<p class="update-time">網站更新日期：{SITE_UPDATED}</p>\n'
            f'<p class="visit-count">瀏覽人次：1,234,567</p>\n'
            f'<p class="copyright">Copyright 新竹市示範局 All Rights Reserved.</p>\n'
            f'<div class="badge">{badge}</div>\n'
            f'<!-- 舊版連結暫時隱藏：<a href="/ch/old_sitemap.html">舊版網站導覽</a> -->\n')
        self.chrome_refs = list(d.refs)
        self.chrome_text = _plain(self.header_html + self.nav_html + self.footer_html)
        for key, evidence in (
                ("search_box", self.m + self.search_path), ("sitemap", self.m + _home_jsp(70, "0")),
                ("disclosure_link", self.zone_url), ("news", self.m + _home_jsp(2, "0")),
                ("online_services", self.m + _home_jsp(50, "0")), ("contact_address", "300 新竹市東區示範路100號"),
                ("contact_phone", "(03)521-0000"), ("service_hours", "週一至週五 上午8:00至12:00、下午1:30至5:30"),
                ("privacy_policy", self.m + _home_jsp(80, "0")),
                ("open_data_declaration", self.m + _home_jsp(81, "0")), ("font_size", "字級：小 中 大"),
                ("accessibility_mark", self.x_ok["badge"]), ("update_date", f"網站更新日期：{SITE_UPDATED}")):
            self.home_item(key, evidence)
        self.traps["footer_broken"] = self.m + "/ch/service-points.html"
        self.traps["comment_links"] = [self.m + "/ch/old_sitemap.html"]
        self.traps["script_string"] = self.m + "/ch/api/news_feed.json"

    def _frame(self, d: _Doc, title: str, title_tag: str, body: str, *, crumbs, stamps, layout, meta_date,
               encoding, charset, head_extra, legacy, after_footer, lang) -> str:
        head = [f'<meta charset="{encoding}">' if charset in ("meta", "both") else "",
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_esc(title_tag)}-{AGENCY}</title>",
                f'<meta name="DC.Title" content="{_esc(title_tag)}">',
                f'<meta name="DC.Creator" content="{AGENCY}">',
                f'<meta name="DC.Publisher" content="{AGENCY}">']
        if meta_date:
            head.append(f'<meta name="DC.Date" content="{meta_date.isoformat()}">')
        head += [d.stylesheet("/css/style.css"), d.icon("/favicon.ico"), d.script("/js/main.js"), head_extra]
        crumb_html = " &gt; ".join([d.a("/ch/index.jsp", "首頁")]
                                   + [d.a(href, name) for name, href in crumbs] + [_esc(title)])
        info = d.info(stamps, layout)
        if legacy:
            top, nav, main_open, main_close, foot = ('<div id="header" class="header">', '<div id="nav" class="nav">',
                                                      '<div id="content" class="content">', "</div>",
                                                      '<div id="footer" class="footer">')
            header_close, nav_close, foot_close = "</div>", "</div>", "</div>"
        else:
            top, nav, main_open, main_close, foot = ('<header class="header">', '<nav class="mainnav" aria-label="主選單">',
                                                      '<main id="main" class="content">', "</main>",
                                                      '<footer class="footer">')
            header_close, nav_close, foot_close = "</header>", "</nav>", "</footer>"
        return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(h for h in head if h)
                + f"\n</head>\n<body>\n{top}\n{self.header_html}{nav}{self.nav_html}{nav_close}\n{header_close}\n"
                f'{main_open}\n<a href="#C" id="AC" name="C" accesskey="C" class="accesskey" '
                f'title="中央內容區塊[快捷鍵Alt+C]">:::</a>\n<div class="breadcrumb">{crumb_html}</div>\n'
                f'<h1 class="page-title">{_esc(title)}</h1>\n{info}\n{body}\n{main_close}\n'
                f"{foot}\n{self.footer_html}{foot_close}\n{after_footer}"
                f'<script>var newsFeed = "/ch/api/news_feed.json";</script>\n</body>\n</html>\n')

    # ---------------------------------------------------------- sections

    def build(self) -> None:
        self._static_assets()
        news = self._news()
        events = self._events()
        self._home(news, events)
        self._about()
        self._business()
        self._govinfo()
        self._online()
        self._interact(events)
        self._sitemap_page()
        self._legacy()
        self._orphans()
        self._private()
        self._filler()
        self._robots_and_sitemap()

    def _static_assets(self) -> None:
        self.asset("/css/style.css", b"body{font-family:sans-serif;font-size:1rem;line-height:1.6}"
                   b".accesskey{position:absolute;left:-999px}.skip-link:focus{left:0}\n", "text/css",
                   datetime.date(2026, 6, 1))
        self.asset("/js/main.js", b"function setFontSize(s){document.body.style.fontSize=s+'rem';}\n",
                   "text/javascript", datetime.date(2026, 6, 1))
        icon_png = _png(16, 16, 90)
        ico = struct.pack("<HHH", 0, 1, 1) + struct.pack("<BBBBHHII", 16, 16, 0, 0, 1, 32, len(icon_png), 22)
        self.asset("/favicon.ico", ico + icon_png, "image/x-icon")
        self.asset("/images/logo.png", _png(60, 60, 40), "image/png")
        self.asset("/images/accessibility/AA.png", _png(88, 31, 200), "image/png")
        self.asset("/images/banner.jpg", _JPEG_BYTES, "image/jpeg")
        self.asset("/images/hsinchu_map.png", _png(300, 200, 230), "image/png")
        self.asset("/images/director.png", _png(120, 160, 128), "image/png")
        for k in range(6):
            self.asset(f"/001/Upload/401/images/photo_{k}.png", _png(8, 6, 60 + 20 * k), "image/png")
        for n in range(1, 6):
            self.asset(f"/images/units/unit-{n}.png", _png(10, 10, 30 * n), "image/png")

    def _external_sites(self) -> None:
        x = self.ext_page
        self.x_ok = {
            "badge": x("/Applications/Detail?category=20240305131929", "無障礙標章"),
            "facebook": x("/facebook/HsinchuDemoBureau", "Facebook"),
            "youtube": x("/youtube/channel/UCdemoHsinchu", "YouTube"),
            "map": x("/maps/embed?q=%E6%96%B0%E7%AB%B9%E5%B8%82&z=16", "地圖"),
            "law": x("/law/LawContent.aspx?id=FL021061", "新竹市法規資料庫"),
            "pcc": x("/pcc/tps/QueryTender/query/searchTenderBasic", "政府電子採購網"),
            "opendata": x("/opendata/dataset?org=demo", "開放資料平臺"),
            "join": x("/join/proposal", "公共政策網路參與平台"),
            "survey": x("/survey/2026-satisfaction", "115年度服務滿意度調查"),
            "portal": x("/portal/", "新竹市政府"),
            "egov1": x("/egov/apply?service=101", "線上申辦：市民活動中心場地借用"),
            "case": x("/egov/case?type=status", "案件進度查詢"),
            "mail": x("/mailbox/write?box=director", "寫信給局長"),
        }
        # Not a route: the second 線上申辦 item answers 404 (service.broken).
        self.x_apply_gone = self.x + "/egov/apply?service=104"
        self._put(self.external, "/portal/old", Route(301, b"", {"Location": self.x + "/portal/",
                                                                   "Content-Type": HTML_UTF8}))
        self.x_redirect = self.x + "/portal/old"
        self.x_retry = x("/booking/reserve.aspx", "線上預約", behaviour="retry-after-once")
        self.x_head_refused = x("/epay/payment.aspx", "網路繳費", behaviour="head-refused")
        self.x_forbidden = x("/restricted/report.html", "403 Forbidden", status=403)
        self.x_slow = x("/slow/statistics.aspx", "即時資訊查詢", behaviour="slow")
        self.traps.update(head_refused=self.x_head_refused, retry_after_once=self.x_retry,
                          slow=self.x_slow, external_redirect=[self.x_redirect, self.x + "/portal/"],
                          service_404=self.x_apply_gone)

    # ---------------------------------------------------------- news

    def _news_url(self, serno: str) -> str:
        return _home_jsp(2, "0", mcustomize="onemessages_view.jsp", dataserno=serno)

    @staticmethod
    def _news_list_url(page: int) -> str:
        return _home_jsp(2, "0") + (f"&page={page}" if page > 1 else "")

    def _news(self) -> list[tuple[str, str, datetime.date]]:
        items: list[tuple[datetime.date, str, list[_Stamp], int]] = []
        labels = ("發布日期", "發佈日期", "公告日期", "發布日期", "上版日期")
        seen: set[str] = set()
        for i in range(150):
            pub = DEMO_AS_OF - datetime.timedelta(days=3 + 2 * i)
            topic = _TOPICS[(i // len(_NEWS_FORMS) + i) % len(_TOPICS)]
            title = _NEWS_FORMS[i % len(_NEWS_FORMS)].format(y=_roc(pub), m=pub.month, t=topic)
            if title in seen:  # one title, one item: duplicate titles are planted elsewhere, on purpose
                title += f"（第{i // len(_TOPICS) + 1}梯次）"
            seen.add(title)
            stamp = _Stamp(labels[i % len(labels)], pub, _STYLE_CYCLE[i % len(_STYLE_CYCLE)],
                           _MARKUP_CYCLE[i % len(_MARKUP_CYCLE)])
            stamps = [stamp]
            if i % 4 == 1:
                stamps.append(_Stamp("更新日期", pub + _DAY, _STYLE_CYCLE[(i + 3) % len(_STYLE_CYCLE)]))
            items.append((pub, title, stamps, i))
        # Planted dates: two stale, one future, one exactly on the reference day, one old 建立日期 that a
        # later 更新日期 keeps fresh.
        specials = [
            (datetime.date(2026, 12, 15), "115年度跨年藝文活動預告",
             [_Stamp("發布日期", datetime.date(2026, 12, 15), "roc-dash")], 1001),
            (DEMO_AS_OF, "本局115年11月29日假日服務窗口開放公告",
             [_Stamp("發布日期", DEMO_AS_OF, "roc-dash")], 1002),
            (datetime.date(2024, 5, 1), "113年度母親節感恩活動（舊聞）",
             [_Stamp("發布日期", datetime.date(2024, 5, 1), "roc-dash")], 1003),
            (datetime.date(2024, 3, 15), "113年度春季植樹活動",
             [_Stamp("發布日期", datetime.date(2024, 3, 15), "greg-slash", "hw")], 1004),
            (datetime.date(2024, 12, 1), "本局服務據點營業時間調整（持續更新）",
             [_Stamp("建立日期", datetime.date(2024, 12, 1), "iso"),
              _Stamp("更新日期", datetime.date(2026, 5, 5), "iso")], 1005),
        ]
        items += specials
        items.sort(key=lambda it: (-it[0].toordinal(), it[3]))
        seq: dict[datetime.date, int] = {}
        listed = []
        for pub, title, stamps, key in items:
            seq[pub] = seq.get(pub, 0) + 1
            listed.append((f"{pub:%Y%m%d}{seq[pub]:04d}", title, pub, stamps, key))
        per_page = 10
        pages = (len(listed) + per_page - 1) // per_page
        self.news_url = self.m + self._news_list_url(1)
        self.news_rows = [pub for _, _, pub, _, _ in listed]
        for page in range(1, pages + 1):
            path = self._news_list_url(page)
            d = self.doc(path)
            rows = "\n".join(
                f'<li>{d.a(self._news_url(serno), _esc(title))} <span class="date">{_fmt(pub, "roc-dash")}</span></li>'
                for serno, title, pub, _, _ in listed[(page - 1) * per_page: page * per_page])
            template = ""
            if page == 1:
                # Client-side row template: not a link until a script fills it in.
                template = ('<template id="tpl-news-row"><li><a href="/ch/tpl/news_{{serno}}.html">{{title}}</a>'
                            '<img src="/images/tpl/{{icon}}.png" alt=""></li></template>')
                self.traps["template_links"] = [self.m + "/ch/tpl/news_{{serno}}.html",
                                                self.m + "/images/tpl/{{icon}}.png"]
            body = (f'<ul class="news-list">\n{rows}\n</ul>\n{template}\n'
                    f'{self._pager(d, self._news_list_url, page, pages)}')
            self.emit(path, d, "最新消息" if page == 1 else f"最新消息（第{page}頁）", body,
                      crumbs=(("最新消息", self._news_list_url(1)),) if page > 1 else (),
                      stamps=[_Stamp("更新日期", datetime.date(2026, 11, 27), "roc-dash")])
        self.traps["malformed_html"] = []
        for n, (serno, title, pub, stamps, key) in enumerate(listed):
            path = self._news_url(serno)
            d = self.doc(path)
            parts = [self._para(key, 3)]
            if key % 5 == 0:
                parts.append(f'<figure>{d.img(f"/001/Upload/401/images/photo_{key % 6}.png", title)}'
                             f"<figcaption>{_esc(title)}</figcaption></figure>")
            if key % 7 == 3:
                att = f"/001/Upload/401/relfile/news_{serno}.pdf"
                self.attachment(att, title)
                parts.append(f'<p class="attach">附件下載：{d.a(att, _esc(title) + ".pdf", title="下載PDF檔")}</p>')
            if key % 11 == 5:
                parts.append(f'<p>延伸閱讀：{d.ext(self.x_ok["portal"], "新竹市政府全球資訊網")}</p>')
            if key == 17:
                parts.append(f'<p>{d.img("/001/Upload/401/images/2019_banner.png", "活動主視覺")}</p>')
                self.traps["broken_image"] = self.m + "/001/Upload/401/images/2019_banner.png"
            if key == 25:
                parts.append(f'<p>相關新聞：{d.a(_home_jsp(404, "0,2"), "歷年活動回顧")}</p>')
            if key in (40, 90):
                # Sloppy CMS editor output: unclosed <p>/<b>, a stray </div>. Dates and links come first.
                parts.append("<div class=\"editor\"><p>活動說明<b>重要：請攜帶身分證明文件<p>報名截止後恕不受理"
                             "</div></div>\n<table><tr><td>場次<td>時間<tr><td>第一場<td>上午</table>")
                self.traps["malformed_html"].append(self.m + path)
            nav = []
            if n > 0:
                nav.append("上一則：" + d.a(self._news_url(listed[n - 1][0]), _esc(listed[n - 1][1])))
            if n + 1 < len(listed):
                nav.append("下一則：" + d.a(self._news_url(listed[n + 1][0]), _esc(listed[n + 1][1])))
            nav.append(d.a(self._news_list_url(1), "回列表"))
            parts.append('<p class="prev-next">' + "　".join(nav) + "</p>")
            self.emit(path, d, title, "\n".join(parts), crumbs=(("最新消息", self._news_list_url(1)),),
                      stamps=stamps, layout="p" if key % 3 == 0 else "ul")
        return [(self._news_url(serno), title, pub) for serno, title, pub, _, _ in listed]

    # ---------------------------------------------------------- home

    def _service_items(self, d: _Doc) -> str:
        """The online service items, as both the homepage and the 線上服務 page list them."""
        items = (("application", self.x_ok["egov1"], "線上申辦：市民活動中心場地借用", True),
                 ("application", self.x_apply_gone, "線上申辦：資源回收獎勵申請", True),
                 ("payment", self.x_head_refused, "網路繳費", True),
                 ("booking", self.x_retry, "線上預約", True),
                 ("case_status", self.x_ok["case"], "案件進度查詢", True),
                 ("forms", _home_jsp(52, "0,50"), "表單下載", False))
        return "".join(f"<li>{self.tagged(d, href, text, ('svc', cat), external=ext)}</li>"
                       for cat, href, text, ext in items)

    def _home(self, news, events) -> None:
        path = "/ch/index.jsp"
        d = self.doc(path)
        latest = "\n".join(f'<li>{d.a(url, _esc(title))}<span class="date">{_fmt(pub, "roc-dash")}</span></li>'
                           for url, title, pub in news[:8])
        acts = "\n".join(f"<li>{d.a(url, _esc(title))}</li>" for url, title in events[:3])
        filler = ""
        if self.n_filler:
            filler = f'<p>{d.a(self._filler_list_url(1), "新聞稿專區")}</p>'
        # The same page twice more: reordered query and a #fragment; a crawler must fetch it once.
        alias = "/ch/home.jsp?parentpath=0,10&id=13"
        self.traps["alias_links"] = {self.m + alias: self.m + _home_jsp(13, "0,10")}
        self.traps["fragment_links"] = [self.m + _home_jsp(15, "0,10") + "#contact",
                                        self.m + _home_jsp(12, "0,10") + "#org"]
        body = f"""<div class="banner">{d.img("/images/banner.jpg", "新竹市示範局 為民服務 用心傾聽")}</div>
<section class="news"><h2>最新消息</h2>
<ul>{latest}</ul>
<p class="more">{d.a(self._news_list_url(1), "更多最新消息", title="更多最新消息")}</p>{filler}</section>
<section class="services"><h2>線上服務</h2><ul>{self._service_items(d)}</ul></section>
<section class="activities"><h2>活動訊息</h2><ul>{acts}</ul>
<p>{self.tagged(d, "/ch/widget/calendar.html", "活動行事曆", ("supp", "activities"), "home")}</p></section>
<section class="quick"><h2>便民捷徑</h2><ul>
<li>{self.tagged(d, _home_jsp(30, "0"), "政府資訊公開", ("zone",), "home")}</li>
<li>{self.tagged(d, alias, "業務職掌", ("cat", 3), "home")}</li>
<li>{self.tagged(d, _home_jsp(15, "0,10") + "#contact", "聯絡資訊", ("cat", 3), "home")}</li>
<li>{self.tagged(d, _home_jsp(62, "0,60"), "局長信箱", ("chan", "mailbox", None))}</li>
<li>{self.tagged(d, self.x_ok["join"], "公共政策網路參與平台", ("chan", "join_platform", None), external=True)}</li>
<li>{d.ext(self.x_ok["opendata"], "開放資料")}</li>
<li>{self.tagged(d, self.x_ok["youtube"], "YouTube頻道", ("chan", "social", "youtube"), external=True)}</li>
<li>{d.a("tel:1999", "1999市民專線")}</li></ul></section>"""
        # Two announcements pop up on the homepage: one long past its deadline (content.expired-notice).
        modals = (self.notice_modal(1, "線上申辦系統設備更新暫停服務公告",
                                    "本局線上申辦系統配合機房設備更新暫停服務，造成不便敬請見諒。",
                                    "截止日期", datetime.date(2026, 10, 31))
                  + self.notice_modal(2, "冬令關懷物資發放公告",
                                      "本局冬令關懷物資自即日起於各區服務站發放，請攜帶身分證明文件領取。",
                                      "公告期限", datetime.date(2026, 12, 31)))
        self.emit(path, d, "首頁", body, after_footer=modals)
        self.start_path = path

    # ---------------------------------------------------------- 機關簡介

    def _about(self) -> None:
        crumbs = (("機關簡介", _home_jsp(10, "0")),)
        d = self.doc(_home_jsp(10, "0"))
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,10'), name)}</li>" for cid, name, _ in _ABOUT)
        self.emit(_home_jsp(10, "0"), d, "機關簡介",
                  f'<ul class="menu">{links}<li>{d.a("/ch/about/organization.html", "單位介紹")}</li></ul>',
                  stamps=[self._fresh()])
        # Pages without any date of their own: the footer's 網站更新日期 must not date them.
        p = _home_jsp(11, "0,10")
        d = self.doc(p)
        self.emit(p, d, "首長簡介", f'{d.img("/images/director.png", "局長玉照", 120, 160)}'
                  "<p>局長王大明，曾任新竹市政府秘書、科長等職，致力推動便民服務與數位治理。</p>", crumbs=crumbs)
        p = _home_jsp(12, "0,10")
        d = self.doc(p)
        self.emit(p, d, "組織架構",
                  f'<p id="org">本局設綜合規劃科、社區發展科、環境永續科、健康促進科及秘書室。</p>'
                  f'<p>{d.a("units/../about/organization.html", "各單位介紹")}</p>'
                  f'<p>{d.a("/private/staff/directory.html", "員工通訊錄（限內部）")}</p>', crumbs=crumbs)
        p = _home_jsp(13, "0,10")
        d = self.doc(p)
        self.emit(p, d, "業務職掌", self._para(1) + "<p>本局掌理綜合規劃、社區發展、環境永續、健康促進等業務。</p>",
                  crumbs=crumbs, stamps=[self._fresh()])
        p = _home_jsp(14, "0,10")
        d = self.doc(p)
        missing = "/ch/about/history_2019.html"
        self.traps["internal_404"] = self.m + missing
        self.traps["bare_date_page"] = self.m + p
        self.emit(p, d, "沿革",
                  "<p>本局前身為新竹市政府示範課，民國102年3月1日改制為示範局，並於2019年8月遷至現址。</p>"
                  f'<p>詳細大事紀請見{d.a(missing, "本局大事紀")}（{d.a(missing + "#y2019", "2019年")}）。</p>'
                  f'<p>改制前的公告請見{d.a("/old/index.htm", "舊版網站公告區")}。</p>',
                  crumbs=crumbs)
        p = _home_jsp(15, "0,10")
        d = self.doc(p)
        self.emit(p, d, "聯絡資訊",
                  '<table id="contact" class="contact"><caption>各單位聯絡方式</caption>'
                  '<tr><th scope="col">單位</th><th scope="col">電話</th><th scope="col">電子信箱</th></tr>'
                  f'<tr><td>綜合規劃科</td><td>{d.a("tel:03-5210011", "03-5210011")}</td>'
                  f'<td>{d.a("mailto:plan@demo.hccg.gov.tw", "plan@demo.hccg.gov.tw")}</td></tr>'
                  f'<tr><td>社區發展科</td><td>{d.a("tel:(03)521-0022", "(03)521-0022")}</td>'
                  f'<td>{d.a("mailto:service@@demo.hccg.gov.tw", "service@demo.hccg.gov.tw")}</td></tr>'
                  f'<tr><td>秘書室</td><td>{d.a("tel:03-521-DEMO", "03-521-DEMO")}</td>'
                  f'<td>{d.a("mailto:secretary@demo.hccg.gov.tw?subject=%E8%AB%AE%E8%A9%A2", "secretary@demo.hccg.gov.tw")}</td></tr>'
                  "</table>\n"
                  '<!-- 舊信箱停用 <a href="mailto:old@@hccg">舊信箱</a> -->', crumbs=crumbs)
        self.traps["comment_malformed_href"] = "mailto:old@@hccg"
        p = _home_jsp(16, "0,10")
        d = self.doc(p)
        self.emit(p, d, "交通位置",
                  f'<p>地址：300 新竹市東區示範路100號</p>{d.iframe(self.x_ok["map"], "新竹市示範局位置地圖")}'
                  "<p>公車：搭乘市區公車至「示範局」站下車。</p>", crumbs=crumbs, stamps=[self._fresh()])
        # Static pages in subdirectories, written with relative links; Apache-style Last-Modified.
        p = "/ch/about/organization.html"
        d = self.doc(p)
        units = "".join(f'<li>{d.a(f"units/unit-{n}.html", f"第{n}單位")}</li>' for n in range(1, 6))
        self.emit(p, d, "單位介紹", f"<ul>{units}</ul><p>{d.a('../home.jsp?id=10&parentpath=0', '回機關簡介')}</p>",
                  crumbs=crumbs, stamps=[], last_modified=datetime.date(2026, 8, 3))
        for n in range(1, 6):
            p = f"/ch/about/units/unit-{n}.html"
            d = self.doc(p)
            stamp, lm = self._fresh(), datetime.date(2026, 9, 1)
            if n == 4:
                lm = datetime.date(2023, 1, 10)  # stale header, fresh label: the label wins
            if n == 5:
                stamp, lm = _Stamp("更新日期", datetime.date(2024, 10, 8), "greg-dot"), datetime.date(2026, 10, 1)
            nxt = f'<p>{d.a(f"unit-{n % 5 + 1}.html", f"第{n % 5 + 1}單位")}</p>'
            self.emit(p, d, f"第{n}單位", f'{d.img(f"../../../images/units/unit-{n}.png", f"第{n}單位合照")}'
                      f"{self._para(n)}{nxt}<p>{d.a('../organization.html', '單位介紹')}｜"
                      f"{d.a('../../home.jsp?id=12&parentpath=0,10', '組織架構')}</p>",
                      crumbs=crumbs, stamps=[stamp], last_modified=lm)

    # ---------------------------------------------------------- 業務資訊

    def _business(self) -> None:
        top = _home_jsp(20, "0")
        crumbs = (("業務資訊", top),)
        # Three bulletins the CMS all titled 「公告」: one <title> for three different pages.
        bulletins = []
        for k, (text, para) in enumerate((
                ("停車場收費調整公告", "本局附設停車場自明年元月起調整收費標準，請民眾留意。"),
                ("道路施工交通管制公告", "示範路人行道改善施工期間，部分車道將實施交通管制，請用路人改道。"),
                ("市民活動中心休館公告", "市民活動中心配合消防設備檢修暫停開放，已受理之場地借用將另行通知。")), 1):
            url = _home_jsp(29, "0,20", mcustomize="bulletin_view.jsp", dataserno=f"2026290{k:03d}")
            bulletins.append((url, text))
            d = self.doc(url)
            self.emit(url, d, "公告", f"<p>{para}</p>" + self._para(k) + f'<p>{d.a(top, "回業務資訊")}</p>',
                      crumbs=crumbs, stamps=[self._fresh()])
        self.traps["duplicate_title_pages"] = [self.m + u for u, _ in bulletins]
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,20'), name)}</li>" for cid, name in _AREAS)
        notes = "".join(f"<li>{d.a(u, t)}</li>" for u, t in bulletins)
        self.emit(top, d, "業務資訊", f'<ul class="menu">{links}</ul>'
                  f'<h2>業務異動</h2><ul class="changes">{notes}</ul>'
                  f'<p>{d.a(_home_jsp(9999, "0,20"), "業務專區（舊）")}</p>', stamps=[self._fresh()])
        for a, (cid, name) in enumerate(_AREAS):
            area = _home_jsp(cid, "0,20")
            arts = []
            for k in range(3):
                serno = f"2026{cid:02d}{k + 1:04d}"
                url = _home_jsp(cid, "0,20", mcustomize="content_view.jsp", dataserno=serno)
                title = f"{name}：{_TOPICS[(a * 3 + k) % len(_TOPICS)]}"
                arts.append((url, title))
                d = self.doc(url)
                stamps, meta = [self._fresh()], None
                if (a, k) == (0, 1):
                    stamps, meta = [], datetime.date(2023, 8, 15)  # dated only by DC.Date, stale
                elif (a, k) == (1, 1):
                    stamps, meta = [], datetime.date(2026, 7, 20)  # dated only by DC.Date, fresh
                elif (a, k) == (2, 1):
                    meta = datetime.date(2022, 2, 2)  # stale meta loses to a fresh label
                elif (a, k) == (3, 1):
                    stamps = [_Stamp("上版日期", STALE_BEFORE, "roc-dash")]  # the first fresh day
                elif (a, k) == (4, 1):
                    stamps = [_Stamp("更新日期", datetime.date(2026, 4, 8), "roc-dash", "fw")]
                title_tag = None
                if (a, k) == (4, 2):
                    # Copied from another article, the CMS kept its <title>: <title> and <h1> disagree.
                    title_tag = "社區發展：資源回收"
                    self.traps["title_heading_mismatch"] = self.m + url
                self.emit(url, d, title, self._para(a + k, 3) + f'<p>{d.a(area, "回" + name)}</p>',
                          crumbs=crumbs + ((name, area),), stamps=stamps, meta_date=meta,
                          layout="table" if (a, k) == (4, 1) else "ul", title_tag=title_tag)
            d = self.doc(area)
            items = "".join(f"<li>{d.a(u, _esc(t))}</li>" for u, t in arts)
            extra = ""
            if cid == 27:
                extra = (f'<p>{d.a("/ch/eservice/login.jsp", "舊版系統登入")}</p>'
                         f'<p>{d.a("/ch/app/query.do?type=report", "業務報表查詢系統")}</p>')
                self._put(self.main, "/ch/eservice/login.jsp", Route(
                    302, b"", {"Location": self.m + "/ch/eservice/login.jsp", "Content-Type": HTML_UTF8},
                    "redirect-loop"))
                self.traps["redirect_loop"] = self.m + "/ch/eservice/login.jsp"
                self.traps["http_500"] = self.m + "/ch/app/query.do?type=report"
                self._put(self.main, "/ch/app/query.do?type=report", Route(
                    500, "<html><body><h1>500 Internal Server Error</h1></body></html>".encode(),
                    {"Content-Type": HTML_UTF8}))
            self.emit(area, d, name, f"{self._para(a)}<ul>{items}</ul>{extra}", crumbs=crumbs,
                      stamps=[self._fresh()], layout="dl" if cid == 22 else "ul")

    # ---------------------------------------------------------- 政府資訊公開

    def _govinfo(self) -> None:
        """The zone: categories 1, 2, 4, 5, 6, 8, 9 listed (3 only under 機關簡介, 7 nowhere, 10 n/a);
        9's page is gone (404), 6's newest budget is last year's, 5's pages are all over a year old."""
        top = _home_jsp(30, "0")
        crumbs = (("政府資訊公開", top),)
        d0 = datetime.date
        # Per category page: its stamps (the disclosure zone is where stale pages pile up), layout, meta.
        pages = (
            (31, "法規", 1, [_Stamp("修正日期", d0(2023, 12, 1), "roc-cjk-spaced")], "ul", None),
            (32, "解釋性規定及裁量基準", 2, [_Stamp("更新日期", d0(2024, 7, 1), "greg-cjk", "em")], "ul",
             d0(2026, 9, 1)),  # a fresh DC.Date loses to the stale label
            (34, "行政指導有關文書", 4, [_Stamp("建立日期", d0(2023, 1, 5), "roc-dash"),
                                         _Stamp("更新日期", d0(2024, 9, 30), "roc-dash")], "ul", None),
            (35, "施政計畫", 5, [_Stamp("更新日期", d0(2024, 8, 15), "roc-dot")], "ul", None),
            (36, "業務統計", 5, [_Stamp("上版日期", d0(2024, 2, 7), "roc-slash", "span")], "ul", None),
            (37, "研究報告", 5, [_Stamp("最後更新", d0(2024, 3, 20), "roc-cjk")], "p", None),
        )
        for c, (cid, name, _, stamps, layout, meta) in enumerate(pages):
            url = _home_jsp(cid, "0,30")
            d = self.doc(url)
            rows = []
            year = _roc(max(s.date for s in stamps))  # the documents are as old as the page says it is
            for k, ext in enumerate(("pdf", "odt")):
                att = f"/001/Upload/401/relfile/{cid}_{k + 1}.{ext}"
                self.attachment(att, f"{name} {year - k}")
                rows.append(f"<li>{d.a(att, f'{year - k}年度資料下載({ext.upper()})', title='下載附件')}</li>")
            extra = ""
            if cid == 31:
                extra = f'<p>{d.ext(self.x_ok["law"], "新竹市法規資料庫")}</p>'
            elif cid == 36:
                self.attachment("/001/Upload/401/relfile/statistics_2024.xlsx", "業務統計")
                extra = (f'<p>{d.a("/001/Upload/401/relfile/statistics_2024.xlsx", "113年度業務數據表(xlsx)")}</p>'
                         "<p>資料來源：本局綜合規劃科</p>")
            self.emit(url, d, name, f"{self._para(c)}<ul>{''.join(rows)}</ul>{extra}", crumbs=crumbs,
                      stamps=stamps, layout=layout, meta_date=meta)
        budget = "/001/Upload/401/relfile/budget_114.pdf"
        final = "/001/Upload/401/relfile/final_account_113.pdf"
        self.attachment(budget, "114年度總預算")
        self.attachment(final, "113年度決算")
        subsidy = "/ch/govinfo/subsidy.html"  # not a route: category 9 is listed but unreachable
        self.traps["disclosure_404"] = self.m + subsidy
        d = self.doc(top)
        cat = {cid: (name, n) for cid, name, n, *_ in pages}

        def link(cid: int) -> str:
            name, n = cat[cid]
            return self.tagged(d, _home_jsp(cid, "0,30"), name, ("cat", n), "zone")

        body = ("<p>依據政府資訊公開法第7條規定，主動公開下列政府資訊：</p>\n<ol class=\"govinfo\">"
                f'<li>{link(31)}（{self.tagged(d, self.x_ok["law"], "新竹市法規資料庫", ("cat", 1), "zone",
                                             external=True)}）</li>'
                f"<li>{link(32)}</li>"
                f"<li>{link(34)}</li>"
                f"<li>{link(35)}、{link(36)}、{link(37)}</li>"
                f'<li>預算及決算書：{self.tagged(d, budget, "114年度總預算", ("cat", 6), "zone")}、'
                f'{self.tagged(d, final, "113年度決算", ("cat", 6), "zone")}</li>'
                f'<li>{self.tagged(d, self.x_ok["pcc"], "政府採購資訊", ("cat", 8), "zone", external=True)}</li>'
                f'<li>{self.tagged(d, subsidy, "支付或接受之補助", ("cat", 9), "zone")}</li></ol>\n'
                "<p>本局組織、職掌、地址、電話及電子信箱，請見本網站「機關簡介」。</p>\n"
                '<h2>其他主動公開資訊</h2>\n<ul class="supplements">'
                f'<li>{self.tagged(d, _home_jsp(46, "0,30"), "服務措施", ("supp", "service_measures"), "zone")}</li>'
                f'<li>{self.tagged(d, _home_jsp(65, "0,60"), "活動訊息", ("supp", "activities"), "zone")}</li>'
                f'<li>{self.tagged(d, _home_jsp(61, "0,60"), "常見問題", ("supp", "faq"), "zone")}</li></ul>')
        self.emit(top, d, "政府資訊公開", body, stamps=[self._fresh()])
        p = _home_jsp(46, "0,30")
        d = self.doc(p)
        self.emit(p, d, "服務措施", "<ul><li>各區服務站提供跨區收件及代寄服務。</li>"
                  "<li>提供愛心服務鈴、老花眼鏡及輪椅借用。</li><li>每週三延長服務至晚上7時。</li></ul>"
                  + self._para(0), crumbs=crumbs, stamps=[self._fresh()])

    # ---------------------------------------------------------- 線上服務

    def _online(self) -> None:
        top = _home_jsp(50, "0")
        d = self.doc(top)
        guide = "/static/2023/service_guide.html"
        self.emit(top, d, "線上服務", f'<ul class="services">{self._service_items(d)}</ul>'
                  f'<p>{d.a(guide, "服務指南（112年版）")}</p>', stamps=[self._fresh()])
        dg = self.doc(guide)
        # Dated only by the web server's Last-Modified: no label, no DC.Date.
        self.emit(guide, dg, "服務指南", self._para(2) + f"<p>{dg.a('../../ch/home.jsp?id=50&parentpath=0', '線上服務')}</p>",
                  stamps=[], last_modified=datetime.date(2023, 3, 14))
        forms = (("/001/Upload/401/relfile/form_apply.doc", "申請書(doc)"),
                 ("/001/Upload/401/relfile/form_apply.odt", "申請書(odt)"),
                 ("/001/Upload/401/relfile/form_apply.pdf", "申請書(pdf)"),
                 ("/001/Upload/401/relfile/fee_table.xlsx", "規費一覽表(xlsx)"),
                 ("/001/Upload/401/relfile/forms_all.zip", "全部表單(zip)"))
        for path, title in forms:
            self.attachment(path, title)
        gone = "/001/Upload/401/relfile/form_apply_2018.pdf"
        self.traps["broken_attachment"] = self.m + gone
        url = _home_jsp(52, "0,50")
        d = self.doc(url)
        self.emit(url, d, "表單下載", self._para(52) + "<ul>" + "".join(f"<li>{d.a(p, t)}</li>" for p, t in forms)
                  + f'<li>{d.a(gone, "申請書107年版(pdf)")}</li></ul>', crumbs=(("線上服務", top),),
                  stamps=[self._fresh()])

    # ---------------------------------------------------------- 互動專區

    def _events(self) -> list[tuple[str, str]]:
        events = []
        for k in range(12):
            serno = f"2026650{k + 1:03d}"
            url = _home_jsp(65, "0,60", mcustomize="activity_view.jsp", dataserno=serno)
            title = f"{_TOPICS[(k * 5) % len(_TOPICS)]}系列活動"
            events.append((url, title))
            d = self.doc(url)
            stamps = [self._fresh(labels=("公告日期", "發布日期", "更新日期"))]
            extra = ""
            if k == 2:
                stamps = [_Stamp("公告日期", datetime.date(2027, 1, 5), "greg-cjk")]  # future
            if k == 6:
                extra = f'<p>報名洽詢：{d.a("mailto:event.demo.hccg.gov.tw", "來信報名")}</p>'
            self.emit(url, d, title, self._para(k, 2) + extra
                      + f'<p>{d.a(_home_jsp(65, "0,60"), "回活動訊息")}</p>',
                      crumbs=(("互動專區", _home_jsp(60, "0")), ("活動訊息", _home_jsp(65, "0,60"))),
                      stamps=stamps)
        return events

    def _interact(self, events) -> None:
        top = _home_jsp(60, "0")
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,60'), name)}</li>" for cid, name, _ in _INTERACT)
        self.emit(top, d, "互動專區", f'<ul class="menu">{links}</ul>', stamps=[self._fresh()])
        crumbs = (("互動專區", top),)
        # 常見問答
        faq_list = _home_jsp(61, "0,60")
        faqs = []
        for k in range(20):
            url = _home_jsp(61, "0,60", mcustomize="faq_view.jsp", dataserno=f"2026610{k + 1:03d}")
            q = _FAQ_Q[k % len(_FAQ_Q)].format(t=_TOPICS[k % len(_TOPICS)])
            faqs.append((url, q))
            d = self.doc(url)
            stamp = self._fresh()
            if k == 6:
                stamp = _Stamp("更新日期", STALE_BEFORE - _DAY, "roc-dash")  # one day too old
            self.emit(url, d, q, f"<p>答：{_PARAGRAPHS[k % 4]}</p><p>{d.a(faq_list, '回常見問答')}</p>",
                      crumbs=crumbs + (("常見問答", faq_list),), stamps=[stamp])
        d = self.doc(faq_list)
        self.emit(faq_list, d, "常見問答", "<ol>" + "".join(f"<li>{d.a(u, _esc(q))}</li>" for u, q in faqs) + "</ol>",
                  crumbs=crumbs, stamps=[self._fresh()])
        # 局長信箱: undated; publishes its replies, the newest a few days old.
        url = _home_jsp(62, "0,60")
        d = self.doc(url)
        d0 = datetime.date
        replies = self.replies_table(self.m + url, [
            ("示範路人行道破損請儘速修復", d0(2026, 11, 14), d0(2026, 11, 20)),
            ("建議增設長者健康促進課程", d0(2026, 11, 2), d0(2026, 11, 9)),
            ("資源回收車收運時間詢問", d0(2026, 10, 18), d0(2026, 10, 23)),
            ("公共自行車站點增設建議", d0(2026, 9, 30), d0(2026, 10, 6))])
        self.emit(url, d, "局長信箱",
                  f'<p>請{d.ext(self.x_ok["mail"], "寫信給局長")}提出您的意見，本局將於6個工作天內回覆。</p>'
                  f"{replies}<p>{d.a('/private/admin/login.jsp', '管理者登入')}</p>", crumbs=crumbs)
        # 留言板: messages keep coming, the last reply is months old (participation.inactive).
        url = _home_jsp(67, "0,60")
        d = self.doc(url)
        board = self.replies_table(self.m + url, [
            ("社區公園夜間照明不足", d0(2026, 11, 21), None),
            ("希望增加假日服務窗口", d0(2026, 10, 2), None),
            ("志工招募報名方式", d0(2026, 6, 20), d0(2026, 6, 30)),
            ("終身學習講座場地建議", d0(2026, 5, 11), d0(2026, 5, 19))], first="留言日期")
        self.emit(url, d, "留言板", "<p>歡迎市民留言交流，請勿張貼廣告或涉及個人隱私之內容。</p>" + board,
                  crumbs=crumbs, stamps=[self._fresh()])
        url = _home_jsp(63, "0,60")
        d = self.doc(url)
        self.emit(url, d, "民意調查", "<p>本局115年度服務滿意度調查進行中，歡迎撥冗填答。</p>"
                  f'<p>{d.ext(self.x_ok["survey"], "開始填答")}</p>'
                  f'<p>{self.tagged(d, self.x_ok["join"], "公共政策網路參與平台", ("chan", "join_platform", None),
                                    external=True)}</p>',
                  crumbs=crumbs, stamps=[self._fresh()])
        url = _home_jsp(64, "0,60")
        d = self.doc(url)
        self.traps["connection_refused"] = self.r + "/mail.jsp?s1=42&s2=168"
        self.emit(url, d, "相關連結", "<ul>"
                  f'<li>{d.ext(self.x_ok["portal"], "新竹市政府")}</li>'
                  f'<li>{d.ext(self.x_redirect, "新竹市政府（舊網址）")}</li>'
                  f'<li>{d.ext(self.x_forbidden, "年度稽核報告")}</li>'
                  f'<li>{d.ext(self.x_slow, "即時資訊查詢")}</li>'
                  f'<li>{d.ext(self.x_ok["opendata"], "政府資料開放平臺")}</li>'
                  f'<li>{d.a(self.r + "/mail.jsp?s1=42&s2=168", "舊版公文查詢系統", title="舊版公文查詢系統（另開新視窗）", attrs=" target=_blank")}</li>'
                  f'<li>{self.tagged(d, self.x_ok["facebook"], "Facebook", ("chan", "social", "facebook"),
                                     external=True)}</li></ul>',
                  crumbs=crumbs)
        # 活動訊息, with the redirect chain and a main-host iframe.
        url = _home_jsp(65, "0,60")
        d = self.doc(url)
        self._put(self.main, "/ch/old/activity.jsp", Route(301, b"", {"Location": self.m + "/activity/2026",
                                                                       "Content-Type": HTML_UTF8}))
        self._put(self.main, "/activity/2026", Route(302, b"", {"Location": "/ch/activity/2026/index.html",
                                                                 "Content-Type": HTML_UTF8}))
        self.traps["redirect_chain"] = [self.m + "/ch/old/activity.jsp", self.m + "/activity/2026",
                                        self.m + "/ch/activity/2026/index.html"]
        self.emit(url, d, "活動訊息", "<ul>" + "".join(f"<li>{d.a(u, _esc(t))}</li>" for u, t in events) + "</ul>"
                  f'<p>{d.a("/ch/old/activity.jsp", "115年度活動總覽")}</p>'
                  f'{d.iframe("/ch/widget/calendar.html", "活動行事曆")}', crumbs=crumbs, stamps=[self._fresh()])
        final = "/ch/activity/2026/index.html"
        d = self.doc(final)
        # Relative links resolve against the final URL; against the first one they would 404.
        self.emit(final, d, "115年度活動總覽", self._para(3)
                  + f"<p>{d.a('../../home.jsp?id=65&parentpath=0,60', '活動訊息')}</p>",
                  crumbs=crumbs, stamps=[self._fresh()], last_modified=datetime.date(2026, 2, 1))
        cal = "/ch/widget/calendar.html"
        d = self.doc(cal)
        self.emit(cal, d, "活動行事曆", "<table><tr><th>日</th><th>一</th><th>二</th></tr>"
                  "<tr><td>1</td><td>2</td><td>3</td></tr></table>", stamps=[self._fresh()])
        self.traps["iframe_page"] = self.m + cal

    # ---------------------------------------------------------- 網站導覽, policies, districts

    def _sitemap_page(self) -> None:
        url = _home_jsp(70, "0")
        d = self.doc(url)
        areas = "".join(d.area(_home_jsp(cid, "0,70"), name, f"{i * 100},0,{i * 100 + 99},199")
                        for i, (cid, name) in enumerate(_DISTRICTS))
        sections = "".join(f"<li>{self.tagged(d, _home_jsp(cid, '0'), name, tag, 'sitemap-page')}</li>"
                           for cid, name, tag in ((2, "最新消息", None), (10, "機關簡介", ("cat", 3)), (20, "業務資訊", None),
                                                  (30, "政府資訊公開", ("zone",)), (50, "線上服務", None),
                                                  (60, "互動專區", None)))
        self.emit(url, d, "網站導覽",
                  "<p>本網站依無障礙網頁設計原則建置，網站主要分為三大區塊：</p>"
                  "<ol><li>上方功能區塊：包含本站主要連結及搜尋。</li><li>中央內容區塊：本頁主要內容。</li>"
                  "<li>下方功能區塊：包含隱私權及網站安全政策、聯絡資訊等。</li></ol>"
                  "<p>快速鍵（Accesskey）設定：Alt+U 上方功能區塊、Alt+C 中央內容區塊、Alt+Z 下方功能區塊。"
                  "Firefox 請使用 Alt+Shift+快速鍵。</p>"
                  f"<ul>{sections}</ul>"
                  f'<p>{d.img("/images/hsinchu_map.png", "新竹市行政區服務站地圖", 300, 200, attrs=" usemap=\"#districts\"")}'
                  f'<map name="districts">{areas}</map></p>')
        self.traps["area_only_pages"] = []
        for cid, name in _DISTRICTS:
            p = _home_jsp(cid, "0,70")
            self.traps["area_only_pages"].append(self.m + p)
            self.simple(p, name, self._para(cid), crumbs=(("網站導覽", url),))
        d = self.doc(_home_jsp(80, "0"))
        self.emit(_home_jsp(80, "0"), d, "隱私權及網站安全政策",
                  "<h2>隱私權保護政策</h2><p>本網站尊重並保護您的個人隱私，除法律另有規定外，不會任意提供予第三者。</p>"
                  "<h2>網站安全政策</h2><p>本網站採用防火牆及入侵偵測系統，防止不法入侵。</p>"
                  f'<p>{d.a(_home_jsp(45, "0,30"), "個人資料保護專區")}</p>')
        p = _home_jsp(45, "0,30")
        d = self.doc(p)
        self.traps["malformed_html"].append(self.m + p)
        self.emit(p, d, "個人資料保護專區", self._para(5) +
                  "<table><tr><th>場次</th><th>日期</th></tr><tr><td>第1次<td>113/06/28</table>"
                  "</div>",  # a cell left open and a stray </div>: old CMS output
                  stamps=[_Stamp("資料更新時間", datetime.date(2024, 6, 30), "iso", suffix=" 10:15")],
                  layout="table", crumbs=(("隱私權及網站安全政策", _home_jsp(80, "0")),))
        d = self.doc(_home_jsp(81, "0"))
        self.emit(_home_jsp(81, "0"), d, "政府網站資料開放宣告",
                  "<p>本網站之資料，以無償、非專屬、得再授權之方式提供公眾使用，使用者得不限目的、時間及地域，"
                  f"利用本網站開放資料。</p><p>{d.ext(self.x_ok['opendata'], '政府資料開放平臺')}</p>")
        p = _home_jsp(82, "0")
        d = self.doc(p)
        self.emit(p, d, "網站資料更新及維護要點",
                  "<ol><li>各單位應指定專人負責維護所屬網頁資料，並至少每月檢視一次。</li>"
                  "<li>具時效性之公告應標示公告期限，期滿即下架。</li>"
                  "<li>網頁資料異動時應同步標示更新日期。</li>"
                  "<li>本局資訊人員每季抽查網頁內容及連結之正確性。</li></ol>",
                  stamps=[_Stamp("修正日期", datetime.date(2026, 3, 18), "roc-dash")])

    # ---------------------------------------------------------- legacy Big5 pages

    def _legacy(self) -> None:
        idx = "/old/index.htm"
        d = self.doc(idx)
        self.emit(idx, d, "舊版網站公告區", f'<ul><li>{d.a("notice.htm", "舊版公告：服務據點遷移")}</li>'
                  f'<li>{d.a("history.htm", "舊版大事紀")}</li></ul>', stamps=[self._fresh()], legacy=True)
        # Big5 with the charset only in the Content-Type header (no <meta charset>); stale; a dead .doc.
        p = "/old/notice.htm"
        d = self.doc(p)
        self.emit(p, d, "舊版公告：服務據點遷移",
                  "<p>本局服務據點已遷移至示範路新址，請民眾多加利用。</p>"
                  f'<p>附件：{d.a("files/1999_notice.doc", "遷移公告(doc)")}</p><p>{d.a("../ch/index.jsp", "回新版首頁")}</p>',
                  stamps=[_Stamp("發布日期", datetime.date(2023, 10, 5), "roc-slash")],
                  encoding="big5", charset="header", legacy=True)
        # Big5 with the charset only in <meta charset> (header says plain text/html); fresh; dead stylesheet.
        p2 = "/old/history.htm"
        d = self.doc(p2)
        self.emit(p2, d, "舊版大事紀", "<p>民國102年改制為示範局。</p>"
                  f'<p>{d.a("index.htm", "舊版網站公告區")}</p>',
                  stamps=[_Stamp("更新日期", datetime.date(2026, 10, 20), "roc-slash")],
                  encoding="big5", charset="meta", legacy=True, head_extra=d.stylesheet("../css/print_2019.css"))
        self.traps.update(big5_header_charset=self.m + p, big5_meta_charset=self.m + p2)

    # ---------------------------------------------------------- orphans, private area

    def _orphans(self) -> None:
        o1 = _home_jsp(91, "0,60")
        d = self.doc(o1)
        self.emit(o1, d, "常見問答（舊版）", "<p>本頁已停止維護。</p>"
                  f'<p>{d.a("/ch/faq/answer_2019.html", "108年問答彙編")}</p>',
                  stamps=[_Stamp("更新日期", datetime.date(2024, 2, 20), "roc-dash")])
        o2 = "/ch/archive/2025/annual_report.html"
        d = self.doc(o2)
        self.emit(o2, d, "114年度業務成果報告", self._para(1) + f'<p>{d.a("appendix.html", "業務成果報告附錄")}</p>',
                  stamps=[self._fresh()])
        o3 = "/ch/archive/2025/appendix.html"
        d = self.doc(o3)
        self.emit(o3, d, "114年度業務成果報告附錄", self._para(2) + f'<p>{d.a("annual_report.html", "回業務成果報告")}</p>',
                  stamps=[self._fresh()])
        self.traps["orphans"] = [self.m + o1, self.m + o2]
        self.traps["via_orphan_only"] = [self.m + o3]
        self.orphan_paths = [o1, o2]

    def _private(self) -> None:
        p = "/private/staff/directory.html"
        d = self.doc(p)
        # Disallowed by robots.txt: served, but never part of the truth's walk.
        self.emit(p, d, "員工通訊錄", f'<p>{d.a("/private/old.html", "舊版通訊錄")}</p>'
                  f'<p>{d.a("/ch/missing_private_link.html", "失效連結")}</p>', stamps=[])
        self.info.pop(p)
        self.traps["private"] = [self.m + p, self.m + "/private/admin/login.jsp"]
        self.traps["private_page_links"] = [self.m + "/private/old.html", self.m + "/ch/missing_private_link.html"]

    # ---------------------------------------------------------- filler for benchmarks

    @staticmethod
    def _filler_list_url(page: int) -> str:
        return _home_jsp(3, "0") + (f"&page={page}" if page > 1 else "")

    def _filler(self) -> None:
        if not self.n_filler:
            return
        per_page = 10
        pages = (self.n_filler + per_page - 1) // per_page
        crumbs = (("新聞稿專區", self._filler_list_url(1)),)
        for page in range(1, pages + 1):
            path = self._filler_list_url(page)
            d = self.doc(path)
            rows = []
            for i in range((page - 1) * per_page, min(self.n_filler, page * per_page)):
                url = _home_jsp(3, "0", mcustomize="news_view.jsp", dataserno=f"{1000000 + i}")
                pub = DEMO_AS_OF - datetime.timedelta(days=2 + i % 360)
                title = f"新聞稿第{i + 1}號：{_TOPICS[i % len(_TOPICS)]}"
                rows.append(f"<li>{d.a(url, title)}</li>")
                dd = self.doc(url)
                self.emit(url, dd, title, self._para(i, 2) + f"<p>{dd.a(path, '回新聞稿列表')}</p>",
                          crumbs=crumbs, stamps=[_Stamp("發布日期", pub, "roc-dash")])
            self.emit(path, d, "新聞稿專區" if page == 1 else f"新聞稿專區（第{page}頁）",
                      "<ul>" + "".join(rows) + "</ul>" + self._pager(d, self._filler_list_url, page, pages),
                      crumbs=crumbs if page > 1 else (), stamps=[_Stamp("更新日期", datetime.date(2026, 11, 27))])

    def _robots_and_sitemap(self) -> None:
        robots = f"User-agent: *\nDisallow: /private/\n\nSitemap: {self.m}/sitemap.xml\n"
        self.asset("/robots.txt", robots.encode(), "text/plain; charset=utf-8")
        listed = [self.start_path, _home_jsp(2, "0"), _home_jsp(10, "0"), _home_jsp(20, "0"),
                  _home_jsp(30, "0"), _home_jsp(50, "0"), _home_jsp(60, "0"), _home_jsp(70, "0"),
                  *self.orphan_paths, "/private/staff/directory.html"]
        self.sitemap_paths = listed
        urls = "".join(f"<url><loc>{_esc(self.m + p)}</loc></url>\n" for p in listed)
        xml = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n')
        self.asset("/sitemap.xml", xml.encode(), "application/xml")
        self._put(self.main, "/", Route(302, b"", {"Location": self.m + "/ch/index.jsp", "Content-Type": HTML_UTF8}))

    def error_pages(self) -> tuple[Route, _PageInfo, Route, Route]:
        d = self.doc("/ch/home.jsp")
        body = ('<div class="not-found"><h2>查無資料</h2><p>找不到網頁：您要查看的資料可能已下架或網址有誤。</p>'
                f'<p>{d.a("/ch/index.jsp", "回首頁")}｜{d.a(_home_jsp(70, "0"), "網站導覽")}</p></div>')
        self.emit("/ch/home.jsp?__soft404__", d, "查無資料", body)
        soft = self.main.pop("/ch/home.jsp?__soft404__")
        soft_info = self.info.pop("/ch/home.jsp?__soft404__")
        nf = ('<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>404 找不到網頁</title>'
              '</head><body><h1>404 找不到網頁</h1><p>您要找的網頁不存在或已移除。</p>'
              '<p><a href="/ch/index.jsp">回首頁</a></p></body></html>').encode()
        xnf = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"
        return (soft, soft_info, Route(404, nf, {"Content-Type": HTML_UTF8}),
                Route(404, xnf, {"Content-Type": HTML_UTF8}))


def _cp(n: int) -> str:
    return f"/cp.aspx?n={n}"


_SECOND_TOPICS = ("門牌整編", "戶籍登記", "印鑑證明", "地籍謄本", "土地複丈", "結婚登記", "役男兵籍調查",
                  "自然人憑證", "新住民服務", "身分證換發")
_SECOND_FORMS = ("{t}服務時段調整", "{t}業務說明會", "{t}作業流程更新", "{t}臨櫃服務異動")
_SECOND_NEWS_LIST = "/News.aspx?n=200&sms=10001"


class _SecondBuilder(_Base):
    """新竹市示範所: a smaller office on a CCMS-style platform (cp.aspx?n=, News.aspx, IIS), ~60 pages.
    Search without pagination or sort; the disclosure zone only on the 網站導覽 page, categories 5 and 6
    missing; no payment or booking; one 民意信箱 that publishes no replies; no font-size control and no
    政府網站資料開放宣告; its 最新消息 last updated over 90 days ago; no update rule; no expired notice.

    Revision 2 is the same office the next night, with three changes a two-run comparison must report: the
    broken news attachment is uploaded (a link fixed), the last 業務介紹 page is deleted while still linked (a
    page broken), and category 5 is published in the zone (a category added)."""

    agency = SECOND_AGENCY
    title_sep = "｜"
    disallow = "/admin/"
    search_path = "/Search.aspx"

    def __init__(self, base: str, external_base: str, refused_base: str, external: dict[str, Route],
                 revision: int = 1):
        super().__init__(base, external_base, refused_base, external)
        self.revision = revision
        self.zone_url = self.m + _cp(300)
        self.search_spec = {"path": self.search_path, "field": "keyword", "per_page": None, "sortable": False}
        x = self.ext_page
        self.x_ok = {
            "badge": x("/Applications/Detail?category=20250110093000", "無障礙標章"),
            "apply": x("/egov/apply?service=201", "線上申辦：門牌證明申請"),
            "case": x("/egov/case?office=demo2", "案件進度查詢"),
            "pcc": x("/pcc/tps/QueryTender/query/searchTenderBasic?org=demo2", "政府電子採購網"),
            "mail": x("/mailbox/write?box=office", "填寫意見表單"),
        }
        self.news = self._news_items()
        self._chrome()

    def _news_items(self) -> list[tuple[str, str, datetime.date, int]]:
        newest = datetime.date(2026, 7, 20)  # over NEWS_STALE_DAYS before DEMO_AS_OF: content.news-stale
        items = []
        for i in range(20):
            pub = newest - datetime.timedelta(days=15 * i)
            title = _SECOND_FORMS[i % len(_SECOND_FORMS)].format(t=_SECOND_TOPICS[i % len(_SECOND_TOPICS)])
            items.append((f"/News_Content.aspx?n=200&sms=10001&s={pub:%Y%m%d}{i:02d}", title, pub, i))
        self.news_url = self.m + _SECOND_NEWS_LIST
        self.news_rows = [pub for _, _, pub, _ in items]
        return items

    def _chrome(self) -> None:
        d = self.doc("/")
        nav = []
        for label, href, tag, children in (
                ("最新消息", _SECOND_NEWS_LIST, None, ()),
                ("關於本所", _cp(100), ("cat", 3),
                 ((_cp(101), "所長簡介", ("cat", 3)), (_cp(102), "組織架構", ("cat", 3)),
                  (_cp(103), "業務職掌", ("cat", 3)), (_cp(104), "聯絡資訊", ("cat", 3)))),
                ("業務介紹", _cp(150), None, ()),
                ("線上服務", _cp(400), None,
                 ((self.x_ok["apply"], "線上申辦", ("svc", "application")),
                  (self.x_ok["case"], "案件進度查詢", ("svc", "case_status")),
                  (_cp(410), "表單下載", ("svc", "forms")))),
                ("民意信箱", _cp(600), ("chan", "mailbox", None), ()),
                ("常見問題", _cp(510), ("supp", "faq"), ()),
                ("網站導覽", _cp(1000), None, ())):
            sub = "".join(f"<li>{self.tagged(d, h, name, t, 'nav', external=h.startswith(self.x))}</li>"
                          for h, name, t in children)
            sub = f'<ul class="submenu">{sub}</ul>' if sub else ""
            nav.append(f"<li>{self.tagged(d, href, label, tag, 'nav')}{sub}</li>")
        logo = d.a("/Default.aspx", d.img("/images/logo_office.png", "新竹市示範所標誌", 60, 60)
                   + '<span class="site-name">新竹市示範所</span>', title="新竹市示範所(回首頁)")
        self.header_html = (
            f'<a href="#C" class="skip-link" title="跳到主要內容">跳到主要內容</a>\n'
            f'<a href="#U" id="AU" name="U" accesskey="U" class="accesskey" title="上方功能區塊[快捷鍵Alt+U]">:::</a>\n'
            f'<div class="logo">{logo}</div>\n'
            f'<ul class="toplinks"><li>{d.a("/Default.aspx", "回首頁")}</li>'
            f'<li>{d.a(_cp(1000), "網站導覽")}</li>'
            f'<li>{d.a("/en/Default.aspx", "English", attrs=" lang=en")}</li></ul>\n'
            f'<form class="search" action="{self.search_path}" method="get" role="search">'
            f'<label for="keyword">站內搜尋</label><input type="text" id="keyword" name="keyword" '
            f'title="請輸入關鍵字"><button type="submit">查詢</button></form>\n')
        self.nav_html = "<ul>" + "".join(nav) + "</ul>"
        badge = d.a(self.x_ok["badge"], d.img("/images/accessibility/AA.png", "通過AA檢測等級無障礙網頁檢測", 88, 31),
                    title="移至無障礙標章網頁（另開新視窗）", attrs=' target="_blank"')
        self.footer_html = (
            f'<a href="#Z" id="AZ" name="Z" accesskey="Z" class="accesskey" title="下方功能區塊[快捷鍵Alt+Z]">:::</a>\n'
            f'<ul class="footer-links"><li>{d.a(_cp(800), "隱私權及網站安全政策")}</li>'
            f'<li>{d.a(_cp(1000), "網站導覽")}</li></ul>\n'
            f'<address>300 新竹市北區示範街2號</address>\n'
            f'<p>電話：{d.a("tel:+886-3-531-0000", "(03)531-0000")}　傳真：(03)531-0001</p>\n'
            f'<p>服務時間：週一至週五 上午8:00至下午5:00</p>\n'
            f'<p class="update-time">網站更新日期：115-11-18</p>\n'
            f'<div class="badge">{badge}</div>\n')
        rows = "".join(f'<li>{d.a(u, _esc(t))} <span class="date">{_fmt(p, "roc-dash")}</span></li>'
                       for u, t, p, _ in self.news[:5])
        self.aside_html = (f'<aside class="news-aside"><h2>最新消息</h2><ul>{rows}</ul>'
                           f'<p>{d.a(_SECOND_NEWS_LIST, "更多最新消息")}</p></aside>')
        self.chrome_refs = list(d.refs)
        self.chrome_text = _plain(self.header_html + self.nav_html + self.footer_html + self.aside_html)
        for key, evidence in (
                ("search_box", self.m + self.search_path), ("sitemap", self.m + _cp(1000)),
                ("news", self.m + _SECOND_NEWS_LIST), ("online_services", self.m + _cp(400)),
                ("contact_address", "300 新竹市北區示範街2號"), ("contact_phone", "(03)531-0000"),
                ("service_hours", "週一至週五 上午8:00至下午5:00"), ("privacy_policy", self.m + _cp(800)),
                ("english_version", self.m + "/en/Default.aspx"), ("accessibility_mark", self.x_ok["badge"]),
                ("update_date", "網站更新日期：115-11-18")):
            self.home_item(key, evidence)

    def _frame(self, d: _Doc, title: str, title_tag: str, body: str, *, crumbs, stamps, layout, meta_date,
               encoding, charset, head_extra, legacy, after_footer, lang) -> str:
        head = ['<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_esc(title_tag)}{self.title_sep}{self.agency}</title>",
                f'<meta name="DC.Title" content="{_esc(title_tag)}">',
                f'<meta name="DC.Creator" content="{self.agency}">']
        if meta_date:
            head.append(f'<meta name="DC.Date" content="{meta_date.isoformat()}">')
        head += [d.stylesheet("/css/ccms.css"), d.icon("/favicon.ico"), d.script("/js/ccms.js")]
        crumb_html = " / ".join([d.a("/Default.aspx", "首頁")]
                                + [d.a(href, name) for name, href in crumbs] + [_esc(title)])
        info = d.info(stamps, layout)
        return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(head) + "\n</head>\n<body>\n"
                f'<header class="header">\n{self.header_html}</header>\n'
                f'<nav class="mainnav" aria-label="主選單">{self.nav_html}</nav>\n<div class="container">\n'
                f'<main id="CCMS_Content" class="ccms-content">\n<a href="#C" id="AC" name="C" accesskey="C" '
                f'class="accesskey" title="中央內容區塊[快捷鍵Alt+C]">:::</a>\n'
                f'<div class="breadcrumb">{crumb_html}</div>\n<h1 class="page-title">{_esc(title)}</h1>\n'
                f"{info}\n{body}\n</main>\n{self.aside_html}\n</div>\n"
                f'<footer class="footer">\n{self.footer_html}</footer>\n{after_footer}</body>\n</html>\n')

    def build(self) -> None:
        self.asset("/css/ccms.css", b"body{font-family:sans-serif;line-height:1.6}.accesskey{position:absolute;"
                   b"left:-999px}\n", "text/css", datetime.date(2026, 2, 10))
        self.asset("/js/ccms.js", b"/* ccms */\n", "text/javascript", datetime.date(2026, 2, 10))
        self.asset("/favicon.ico", _png(16, 16, 120), "image/x-icon")
        self.asset("/images/logo_office.png", _png(60, 60, 70), "image/png")
        self.asset("/images/accessibility/AA.png", _png(88, 31, 200), "image/png")
        self._home()
        self._news_pages()
        self._about()
        self._business()
        self._govinfo()
        self._online()
        self._interact()
        self._sitemap_page()
        robots = f"User-agent: *\nDisallow: /admin/\n\nSitemap: {self.m}/sitemap.xml\n"
        self.asset("/robots.txt", robots.encode(), "text/plain; charset=utf-8")
        self.sitemap_paths = [self.start_path, _SECOND_NEWS_LIST, _cp(100), _cp(400)]
        urls = "".join(f"<url><loc>{_esc(self.m + p)}</loc></url>\n" for p in self.sitemap_paths)
        self.asset("/sitemap.xml", ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
                                    f'schemas/sitemap/0.9">\n{urls}</urlset>\n').encode(), "application/xml")
        self._put(self.main, "/", Route(302, b"", {"Location": self.m + "/Default.aspx", "Content-Type": HTML_UTF8}))

    def _service_items(self, d: _Doc) -> str:
        return "".join(f"<li>{self.tagged(d, h, t, ('svc', c), external=h.startswith(self.x))}</li>" for c, h, t in (
            ("application", self.x_ok["apply"], "線上申辦"), ("case_status", self.x_ok["case"], "案件進度查詢"),
            ("forms", _cp(410), "表單下載")))

    def _home(self) -> None:
        path = "/Default.aspx"
        d = self.doc(path)
        self.emit(path, d, "首頁",
                  "<section class=\"welcome\"><h2>歡迎光臨</h2><p>新竹市示範所提供門牌、戶籍及地籍相關服務，"
                  "歡迎多加利用線上服務。</p></section>\n"
                  f'<section class="services"><h2>線上服務</h2><ul>{self._service_items(d)}</ul></section>\n'
                  f'<p>{self.tagged(d, _cp(600), "民意信箱", ("chan", "mailbox", None))}</p>')
        self.start_path = path

    def _news_pages(self) -> None:
        per_page = 10
        pages = (len(self.news) + per_page - 1) // per_page

        def list_url(page: int) -> str:
            return _SECOND_NEWS_LIST + (f"&page={page}" if page > 1 else "")

        for page in range(1, pages + 1):
            path = list_url(page)
            d = self.doc(path)
            rows = "\n".join(f'<li>{d.a(u, _esc(t))} <span class="date">{_fmt(p, "roc-dash")}</span></li>'
                             for u, t, p, _ in self.news[(page - 1) * per_page: page * per_page])
            self.emit(path, d, "最新消息" if page == 1 else f"最新消息（第{page}頁）",
                      f'<ul class="news-list">\n{rows}\n</ul>\n{self._pager(d, list_url, page, pages)}',
                      crumbs=(("最新消息", list_url(1)),) if page > 1 else (),
                      stamps=[_Stamp("更新日期", self.news[0][2], "roc-dash")])
        gone = "/001/Upload/502/relfile/notice_2025.pdf"
        if self.revision >= 2:
            self.attachment(gone, "公告附件")
        else:
            self.traps["broken_attachment"] = self.m + gone
        for u, t, p, i in self.news:
            d = self.doc(u)
            extra = f'<p>附件：{d.a(gone, "公告附件(PDF)")}</p>' if i == 9 else ""
            stamps = [_Stamp("發布日期", p, ("roc-dash", "roc-slash", "iso")[i % 3])]
            if i % 5 == 2:
                stamps.append(_Stamp("更新日期", p + datetime.timedelta(days=2), "roc-dash"))
            self.emit(u, d, t, self._para(i + 1, 2).replace("本局", "本所") + extra
                      + f'<p>{d.a(_SECOND_NEWS_LIST, "回列表")}</p>',
                      crumbs=(("最新消息", _SECOND_NEWS_LIST),), stamps=stamps)

    def _about(self) -> None:
        top = _cp(100)
        d = self.doc(top)
        kids = ((101, "所長簡介", "<p>所長李小華，服務公職二十餘年，重視便民與效率。</p>", False),
                (102, "組織架構", "<p>本所設綜合業務課、登記課、測量課及秘書室。</p>", True),
                (103, "業務職掌", "<p>本所辦理門牌整編、戶籍登記、地籍謄本核發及土地複丈等業務。</p>", True),
                (104, "聯絡資訊", "<p>總機：(03)531-0000　地址：300 新竹市北區示範街2號</p>", True))
        links = "".join(f"<li>{d.a(_cp(n), name)}</li>" for n, name, _, _ in kids)
        self.emit(top, d, "關於本所", f'<ul class="menu">{links}</ul>', stamps=[self._fresh()])
        for n, name, text, dated in kids:
            d = self.doc(_cp(n))
            self.emit(_cp(n), d, name, text, crumbs=(("關於本所", top),), stamps=[self._fresh()] if dated else [])

    def _business(self) -> None:
        top = _cp(150)
        d = self.doc(top)
        items = [(_cp(151 + k), f"{t}服務說明") for k, t in enumerate(_SECOND_TOPICS[:8])]
        self.emit(top, d, "業務介紹", "<ul>" + "".join(f"<li>{d.a(u, t)}</li>" for u, t in items) + "</ul>",
                  stamps=[self._fresh()])
        for k, (u, t) in enumerate(items):
            if self.revision >= 2 and k == len(items) - 1:
                self.traps["deleted_page"] = self.m + u
                continue
            d = self.doc(u)
            self.emit(u, d, t, self._para(k, 2).replace("本局", "本所") + f'<p>{d.a(top, "回業務介紹")}</p>',
                      crumbs=(("業務介紹", top),), stamps=[self._fresh()])

    def _govinfo(self) -> None:
        """Categories 1, 2, 4, 7, 8, 9 in the zone and 3 under 關於本所; 5 (until revision 2) and 6 nowhere;
        10 n/a."""
        top = _cp(300)
        crumbs = (("政府資訊公開", top),)
        pages = [(301, "法規", 1), (302, "解釋性規定及裁量基準", 2), (304, "行政指導有關文書", 4),
                 (307, "訴願決定", 7), (309, "支付或接受之補助", 9)]
        added = (305, "施政計畫及業務統計", 5)
        if self.revision >= 2:
            pages.insert(3, added)
        for n, name, _ in pages:
            d = self.doc(_cp(n))
            att = f"/001/Upload/502/relfile/{n}_1.pdf"
            self.attachment(att, name)
            # A fixed stamp for the added page, so the other pages' varied stamps stay as in revision 1.
            stamp = _Stamp("更新日期", DEMO_AS_OF - 10 * _DAY, "roc-dash") if n == added[0] else self._fresh()
            self.emit(_cp(n), d, name, f'<p>{d.a(att, f"{_roc(stamp.date)}年度資料下載(PDF)")}</p>',
                      crumbs=crumbs, stamps=[stamp])
        d = self.doc(top)
        cats = "".join(f"<li>{self.tagged(d, _cp(n), name, ('cat', c), 'zone')}</li>" for n, name, c in pages[:-1])
        self.emit(top, d, "政府資訊公開",
                  "<p>依政府資訊公開法第7條規定主動公開：</p>"
                  f'<ul class="govinfo">{cats}'
                  f'<li>{self.tagged(d, self.x_ok["pcc"], "政府採購資訊", ("cat", 8), "zone", external=True)}</li>'
                  f'<li>{self.tagged(d, _cp(309), "支付或接受之補助", ("cat", 9), "zone")}</li></ul>'
                  "<p>本所組織、職掌及聯絡方式請見「關於本所」。</p>"
                  '<h2>其他公開資訊</h2><ul class="supplements">'
                  f'<li>{self.tagged(d, _cp(500), "服務措施", ("supp", "service_measures"), "zone")}</li>'
                  f'<li>{self.tagged(d, _cp(510), "常見問題", ("supp", "faq"), "zone")}</li>'
                  f'<li>{self.tagged(d, _cp(520), "出版品", ("supp", "publications"), "zone")}</li></ul>',
                  stamps=[self._fresh()])
        self.traps["zone_only_via_sitemap_page"] = self.zone_url
        d = self.doc(_cp(500))
        self.emit(_cp(500), d, "服務措施", "<ul><li>提供跨所收件服務。</li><li>每週三延長服務至晚上7時。</li></ul>",
                  crumbs=crumbs, stamps=[self._fresh()])
        d = self.doc(_cp(520))
        self.attachment("/001/Upload/502/relfile/brochure_114.pdf", "所務簡介")
        self.emit(_cp(520), d, "出版品", f'<p>{d.a("/001/Upload/502/relfile/brochure_114.pdf", "114年度所務簡介(PDF)")}</p>',
                  crumbs=crumbs, stamps=[self._fresh()])

    def _online(self) -> None:
        top = _cp(400)
        d = self.doc(top)
        self.emit(top, d, "線上服務", f'<ul class="services">{self._service_items(d)}</ul>', stamps=[self._fresh()])
        d = self.doc(_cp(410))
        forms = (("/001/Upload/502/relfile/form_address.pdf", "門牌證明申請書(pdf)"),
                 ("/001/Upload/502/relfile/form_address.odt", "門牌證明申請書(odt)"))
        for p, t in forms:
            self.attachment(p, t)
        self.emit(_cp(410), d, "表單下載", "<ul>" + "".join(f"<li>{d.a(p, t)}</li>" for p, t in forms) + "</ul>",
                  crumbs=(("線上服務", top),), stamps=[self._fresh()])

    def _interact(self) -> None:
        faq = _cp(510)
        qs = [(_cp(511 + k), _FAQ_Q[k % len(_FAQ_Q)].format(t=_SECOND_TOPICS[k])) for k in range(5)]
        for u, q in qs:
            d = self.doc(u)
            self.emit(u, d, q, f"<p>答：{_PARAGRAPHS[1].replace('本局', '本所')}</p><p>{d.a(faq, '回常見問題')}</p>",
                      crumbs=(("常見問題", faq),), stamps=[self._fresh()])
        d = self.doc(faq)
        self.emit(faq, d, "常見問題", "<ol>" + "".join(f"<li>{d.a(u, _esc(q))}</li>" for u, q in qs) + "</ol>",
                  stamps=[self._fresh()])
        # The only e-participation channel: a form, no published replies.
        d = self.doc(_cp(600))
        self.traps["admin"] = [self.m + "/admin/login.aspx"]
        self.emit(_cp(600), d, "民意信箱", "<p>您的寶貴意見是本所進步的動力，本所將於7個工作天內以電子郵件回覆。</p>"
                  f'<p>{d.ext(self.x_ok["mail"], "填寫意見表單")}</p><p>{d.a("/admin/login.aspx", "承辦人登入")}</p>',
                  stamps=[self._fresh()])
        d = self.doc(_cp(800))
        self.emit(_cp(800), d, "隱私權及網站安全政策", "<p>本網站尊重並保護您的個人隱私。</p>", stamps=[self._fresh()])
        en = "/en/Default.aspx"
        d = self.doc(en)
        self.emit(en, d, "English", "<p>Welcome to the Demo Office of Hsinchu City. We handle house numbering, "
                  "household registration and land records.</p>", lang="en")

    def _sitemap_page(self) -> None:
        url = _cp(1000)
        d = self.doc(url)
        sections = "".join(f"<li>{self.tagged(d, h, name, tag, 'sitemap-page')}</li>" for h, name, tag in (
            (_SECOND_NEWS_LIST, "最新消息", None), (_cp(100), "關於本所", ("cat", 3)), (_cp(150), "業務介紹", None),
            (_cp(300), "政府資訊公開", ("zone",)), (_cp(400), "線上服務", None),
            (_cp(600), "民意信箱", ("chan", "mailbox", None)), (_cp(510), "常見問題", ("supp", "faq"))))
        self.emit(url, d, "網站導覽",
                  "<p>本網站依無障礙網頁設計原則建置，分為上方功能區塊、中央內容區塊及下方功能區塊。</p>"
                  "<p>快速鍵（Accesskey）設定：Alt+U 上方功能區塊、Alt+C 中央內容區塊、Alt+Z 下方功能區塊。</p>"
                  f"<ul>{sections}</ul>", stamps=[self._fresh()])

    def error_pages(self) -> Route:
        body = ('<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>404 - 找不到檔案或目錄。'
                '</title></head><body><h1>404 - 找不到檔案或目錄。</h1><p>您要尋找的資源可能已經移除、名稱已經變更，'
                '或者暫時無法使用。</p></body></html>').encode()
        return Route(404, body, {"Content-Type": HTML_UTF8})


# ---------------------------------------------------------------- site search (rendered per request)

_SORTS = (("relevance", "相關度"), ("date", "日期"), ("topic", "分類"))
SORT_KEYS = {"relevance": "relevance", "date": "time", "topic": "topic"}  # URL value -> contract key


class _Search:
    """A site search over the crawled pages' visible text. Deterministic; answers per request."""

    def __init__(self, b: _Base, corpus: list[tuple[str, str, str, datetime.date | None, str, str]]):
        spec = b.search_spec
        self.b = b
        self.path = spec["path"]
        self.field = spec["field"]
        self.per_page = spec["per_page"]
        self.sortable = spec["sortable"]
        self.corpus = [(url, title, section, day, text.lower(), snippet)
                       for url, title, section, day, text, snippet in corpus]

    def url(self, q: str, sort: str | None = None, page: int = 1) -> str:
        target = f"{self.path}?{self.field}={quote(q)}"
        if sort:
            target += f"&sort={sort}"
        if page > 1:
            target += f"&page={page}"
        return target

    def results(self, q: str, sort: str = "relevance") -> list[tuple]:
        needle = q.lower()
        hits = []
        for n, (url, title, section, day, text, snippet) in enumerate(self.corpus):
            count = text.count(needle)
            if count:
                hits.append((10 * title.lower().count(needle) + count, n, url, title, section, day, snippet))
        if sort == "date":
            hits.sort(key=lambda h: (-(h[5].toordinal() if h[5] else 0), h[1]))
        elif sort == "topic":
            hits.sort(key=lambda h: (h[4], h[1]))
        else:
            hits.sort(key=lambda h: (-h[0], h[1]))
        return hits

    def answer(self, target: str) -> Route:
        query = target.split("#", 1)[0].partition("?")[2]
        params = parse_qs(query, keep_blank_values=True, errors="replace")
        q = (params.get(self.field) or [""])[0].strip()
        sort = (params.get("sort") or ["relevance"])[0]
        if sort not in SORT_KEYS or not self.sortable:
            sort = "relevance"
        raw_page = (params.get("page") or ["1"])[0]
        page = int(raw_page) if raw_page.isdigit() and int(raw_page) > 0 and self.per_page else 1

        def body(d: _Doc) -> str:
            if not q:
                return '<p class="search-hint">請輸入關鍵字後再查詢。</p>'
            hits = self.results(q, sort)
            per = self.per_page or max(len(hits), 1)
            pages = max(1, (len(hits) + per - 1) // per)
            shown = hits[(page - 1) * per: page * per]
            label = "搜尋結果" if self.sortable else "查詢結果"
            parts = [f'<p class="search-summary">「{_esc(q)}」的{label}共 {len(hits)} 筆</p>']
            if not shown:
                parts.append('<p class="no-result">查無資料，請以其他關鍵字查詢。</p>')
                return "\n".join(parts)
            if self.sortable:
                parts.append('<div class="sort">排序方式：' + "｜".join(
                    d.a(self.url(q, key), f"依{name}", attrs=' aria-current="true"' if key == sort else "")
                    for key, name in _SORTS) + "</div>")
            rows = []
            for _, _, url, title, section, day, snippet in shown:
                date = f'<span class="date">{_fmt(day, "roc-dash")}</span>' if day else ""
                rows.append(f'<li>{d.a(url, _esc(title))} <span class="category">{_esc(section)}</span> {date}'
                            f'<p>{_esc(snippet[:60])}</p></li>')
            parts.append(f'<ol class="search-results" start="{(page - 1) * per + 1}">' + "\n".join(rows) + "</ol>")
            if self.per_page:
                parts.append(self.b._pager(d, lambda p: self.url(q, sort if sort != "relevance" else None, p),
                                           page, pages))
            return "\n".join(parts)

        page_html = self.b.render(self.url(q, sort, page), "搜尋結果", body)
        return Route(200, page_html, {"Content-Type": HTML_UTF8})


# ---------------------------------------------------------------- the truth

_MAILTO_ADDR = re.compile(r"[^@\s,;]+@[^@\s,;]+\.[^@\s,;.]+")
_TEL = re.compile(r"\+?[0-9()\-. ]+(;ext=[0-9]+)?")


def _malformed(href: str) -> bool:
    scheme, _, rest = href.partition(":")
    scheme = scheme.lower()
    if scheme == "mailto":
        addresses = unquote(rest.split("?", 1)[0]).split(",")
        return not all(_MAILTO_ADDR.fullmatch(a.strip()) for a in addresses)
    if scheme == "tel":
        return not _TEL.fullmatch(unquote(rest))
    return False


class _Walk:
    """Crawls the route tables the way the crawler should, without any network."""

    def __init__(self, b: _Base, site: DemoSite, soft_info: _PageInfo | None):
        self.b, self.site, self.soft_info = b, site, soft_info
        self.outcomes: dict[str, tuple[str | None, str]] = {}
        self.verdicts: dict[str, tuple] = {}

    def host(self, url: str) -> str:
        for name, base in (("main", self.b.m), ("external", self.b.x), ("refused", self.b.r)):
            if url.startswith(base + "/") or url == base:
                return name
        raise AssertionError(f"demo link leaves loopback: {url}")

    def target(self, url: str) -> str:
        return url[len({"main": self.b.m, "external": self.b.x, "refused": self.b.r}[self.host(url)]):] or "/"

    def disallowed(self, target: str) -> bool:
        return target.startswith(self.b.disallow)

    def outcome(self, url: str) -> tuple[str | None, str]:
        """(broken reason or None, final URL), following redirects like the crawler."""
        if url in self.outcomes:
            return self.outcomes[url]
        current, hops, result = url, 0, None
        while result is None:
            host = self.host(current)
            if host == "refused":
                result = ("connection-refused", current)
                break
            route = self.site.lookup(host, self.target(current))
            if route.behaviour == "slow":
                result = ("timeout", current)
            elif route.behaviour == "redirect-loop":
                result = ("too-many-redirects", current)
            elif 300 <= route.status < 400 and "Location" in route.headers:
                hops += 1
                if hops > MAX_REDIRECTS:
                    result = ("too-many-redirects", current)
                current = urljoin(current, route.headers["Location"])
            elif route.status >= 400:
                result = (f"http-{route.status}", current)
            else:
                result = (None, current)
        self.outcomes[url] = result
        return result

    def verdict(self, absolute: str) -> tuple:
        """What a reference amounts to, cached per URL because the chrome repeats on every page:
        ("disallowed",) | ("ok", is_other_host) | ("page", final_url, is_soft_404, primary_url_if_alias)
        | (broken reason,)."""
        if absolute in self.verdicts:
            return self.verdicts[absolute]
        host = self.host(absolute)
        if host == "main" and self.disallowed(self.target(absolute)):
            result: tuple = ("disallowed",)
        else:
            reason, dest = self.outcome(absolute)
            dest_host = self.host(dest) if reason is None else ""
            dest_route = self.site.lookup(dest_host, self.target(dest)) if dest_host else None
            if reason:
                result = (reason,)
            elif (dest_host == "main" and not self.disallowed(self.target(dest))
                  and dest_route.headers.get("Content-Type", "").startswith("text/html")):
                primary = self.site.primary_path("main", self.target(dest))
                alias = self.b.m + primary if primary and self.b.m + primary != dest else None
                result = ("page", dest, dest_route is self.site.soft_404, alias)
            else:
                result = ("ok", host != "main")
            if result[0] == "page" and host != "main":
                result = ("ok", True)  # another host redirecting onto the main host is still only checked
        self.verdicts[absolute] = result
        return result

    def run(self) -> dict:
        b, site = self.b, self.site
        start = b.m + b.start_path
        queue = deque([start])
        not_crawled: set[str] = set()
        for path in b.sitemap_paths:
            if self.disallowed(path):
                not_crawled.add(b.m + path)
            else:
                queue.append(b.m + path)
        queued = set(queue)
        pages: dict[str, _PageInfo] = {}
        soft_pages: set[str] = set()
        aliases: dict[str, str] = {}
        broken, soft, malformed, external_ok = set(), set(), set(), set()
        while queue:
            reason, final = self.outcome(queue.popleft())
            assert reason is None, final
            target = self.target(final)
            primary = site.primary_path("main", target)
            url = b.m + primary if primary else final
            if url in pages:
                continue
            route = site.lookup("main", target)
            assert route.headers["Content-Type"].startswith("text/html"), final
            if route is site.soft_404:
                pages[url] = self.soft_info
                soft_pages.add(url)
            else:
                pages[url] = b.info[primary]
            for kind, href, absolute in pages[url].refs:
                if absolute is None:
                    if _malformed(href):
                        malformed.add((url, href))
                    continue
                verdict = self.verdict(absolute)
                status = verdict[0]
                if status == "disallowed":
                    not_crawled.add(absolute)
                elif status == "ok":
                    if verdict[1]:
                        external_ok.add(absolute)
                elif status == "page":
                    if kind in FOLLOWED_KINDS:
                        if verdict[2]:
                            soft.add((url, absolute))
                        if verdict[3]:
                            aliases[verdict[1]] = verdict[3]
                        if verdict[1] not in queued:
                            queued.add(verdict[1])
                            queue.append(verdict[1])
                else:
                    broken.add((url, absolute, status))
        return self._truth(start, pages, soft_pages, aliases, broken, soft, malformed, external_ok, not_crawled)

    def status(self, url: str) -> int | None:
        """The final HTTP status of a reference, None when there is none (refused, timeout, loop)."""
        reason, final = self.outcome(url)
        if reason is None:
            host = self.host(final)
            return self.site.lookup(host, self.target(final)).status
        return int(reason[5:]) if reason.startswith("http-") else None

    def page_of(self, url: str) -> str | None:
        """The crawled page a reference lands on (its primary spelling), or None."""
        reason, final = self.outcome(url)
        if reason is not None or self.host(final) != "main" or self.disallowed(self.target(final)):
            return None
        primary = self.site.primary_path("main", self.target(final))
        return self.b.m + primary if primary in self.b.info else None

    def _truth(self, start, pages, soft_pages, aliases, broken, soft, malformed, external_ok, not_crawled) -> dict:
        page_dates, stale, future, undated = {}, [], [], []
        for url, info in pages.items():
            if url in soft_pages:
                continue
            if info.dates:
                label, day = max(info.dates, key=lambda ld: ld[1])
                entry = {"date": day.isoformat(), "label": label, "source": "label"}
            elif info.meta_date:
                entry = {"date": info.meta_date.isoformat(), "label": None, "source": "meta"}
            elif info.last_modified:
                entry = {"date": info.last_modified.isoformat(), "label": None, "source": "http"}
            else:
                undated.append(url)
                continue
            page_dates[url] = entry
            day = datetime.date.fromisoformat(entry["date"])
            if day < STALE_BEFORE:
                stale.append({"url": url, **entry})
            elif day > DEMO_AS_OF:
                future.append({"url": url, "date": entry["date"]})
        traps = dict(self.b.traps)
        traps["soft_404_links"] = sorted(t for _, t in soft)
        truth = {
            "agency_name": self.b.agency,
            "collegial": self.b.collegial,
            "as_of": DEMO_AS_OF.isoformat(),
            "stale_days": STALE_DAYS,
            "stale_before": STALE_BEFORE.isoformat(),
            "start_url": start,
            "sitemap_url": self.b.m + "/sitemap.xml",
            "robots_url": self.b.m + "/robots.txt",
            "pages": sorted(pages),
            "broken_links": [{"source": s, "target": t, "reason": r} for s, t, r in sorted(broken)],
            "soft_404": [{"source": s, "target": t} for s, t in sorted(soft)],
            "soft_404_pages": sorted(soft_pages),
            "malformed_links": [{"source": s, "href": h} for s, h in sorted(malformed)],
            "stale_pages": sorted(stale, key=lambda e: e["url"]),
            "future_pages": sorted(future, key=lambda e: e["url"]),
            "undated_pages": sorted(undated),
            "page_dates": page_dates,
            "not_crawled": sorted(not_crawled),
            "external_ok": sorted(external_ok),
            "aliases": dict(sorted(aliases.items())),
            "traps": traps,
        }
        reasons: dict[str, int] = {}
        for row in truth["broken_links"]:
            reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
        truth["counts"] = {
            "pages": len(truth["pages"]), "broken_links": len(truth["broken_links"]),
            "broken_by_reason": dict(sorted(reasons.items())),
            "broken_targets": len({r["target"] for r in truth["broken_links"]}),
            "soft_404": len(soft), "malformed_links": len(malformed), "stale_pages": len(stale),
            "future_pages": len(future), "undated_pages": len(undated), "not_crawled": len(not_crawled),
            "external_ok": len(external_ok),
        }
        return truth


# ---------------------------------------------------------------- the issue-4 truth

def _zone_first(links: list[tuple[str, str]]) -> list[str]:
    """(url, where) pairs -> distinct URLs, the zone page's in document order first, then the rest sorted."""
    zone = list(dict.fromkeys(u for u, where in links if where == "zone"))
    return zone + sorted({u for u, _ in links} - set(zone))


def _information_truth(b: _Base, walk: _Walk, truth: dict) -> None:
    """Adds disclosure, search, homepage, online_services, e_participation, content and expected_findings."""
    as_of = DEMO_AS_OF
    pages = set(truth["pages"])
    soft_pages = set(truth["soft_404_pages"])
    dates = truth["page_dates"]

    def works(url: str) -> bool:
        return walk.outcome(url)[0] is None

    def spelled(url: str) -> str:
        """A main-host URL in the site's own spelling (a reordered query is the same page)."""
        if walk.host(url) == "main":
            primary = walk.site.primary_path("main", walk.target(url))
            return b.m + primary if primary else url
        return url

    def newest(n: int, urls: list[str]) -> str | None:
        """Evidence pages' dates, and ROC years (as 1 January, at most as_of) written in the category's link
        texts and in the evidence pages' titles and own link texts."""
        found = []
        texts = [t for k, _, _, t in b.category_links if k == n]
        for page in filter(None, map(walk.page_of, urls)):
            if page in dates:
                found.append(datetime.date.fromisoformat(dates[page]["date"]))
            info = b.info[walk.site.primary_path("main", walk.target(page))]
            texts += [info.title] + [t for t, _ in info.link_texts]
        for text in texts:
            for m in _YEAR_IN_TEXT.finditer(text):
                year = int(m.group(1))
                year = year - 1911 if year > 1000 else year
                found.append(min(datetime.date(year + 1911, 1, 1), as_of))
        return max(found).isoformat() if found else None

    # -- disclosure
    categories = []
    for n in range(1, 11):
        entry = {"number": n, "name": CATEGORY_NAMES[n]}
        evidence = _zone_first([(spelled(u), w) for k, u, w, _ in b.category_links if k == n])
        if n == 10 and not b.collegial:
            entry.update(status="not-applicable", evidence=[], reachable=None, newest_date=None)
        elif evidence:
            entry.update(status="found", evidence=evidence, reachable=any(map(works, evidence)),
                         newest_date=newest(n, evidence))
        else:
            entry.update(status="missing", evidence=[], reachable=None, newest_date=None)
        categories.append(entry)
    years: dict[str, list[tuple[int, str]]] = {"budget": [], "final_account": []}
    for k, url, _, text in b.category_links:
        m = _ROC_YEAR.search(text)
        if k == 6 and m:
            kind = "final_account" if "決算" in text else "budget" if "預算" in text else None
            if kind:
                years[kind].append((int(m.group(1)), spelled(url)))
    budget = max(years["budget"], default=None)
    final = max(years["final_account"], default=None)
    current = _roc(as_of)
    supplements = []
    for key, name in SUPPLEMENTS:
        evidence = _zone_first([(spelled(u), w) for k, u, w in b.supplement_links if k == key])
        supplements.append({"key": key, "name": name, "found": bool(evidence), "evidence": evidence})
    via = next((v for v in ZONE_VIA_ORDER if v in b.zone_via), None)
    truth["disclosure"] = {
        "zone_url": b.zone_url if via else None, "zone_found_via": via, "categories": categories,
        "supplements": supplements,
        "currency": {"budget_year_roc": budget[0] if budget else None,
                     "final_account_year_roc": final[0] if final else None, "current_year_roc": current,
                     "budget_current": budget[0] >= current if budget else None,
                     "final_account_recent": final[0] >= current - 2 if final else None},
    }
    # Where the years were read (not part of summary.disclosure): the links an outdated finding is about.
    truth["disclosure_currency_links"] = {"budget_url": budget[1] if budget else None,
                                          "final_account_url": final[1] if final else None}
    # -- search (the volatile per-query details are the detector's; the verdicts are fixed)
    spec = b.search_spec
    truth["search"] = {
        "found": spec is not None, "engine": "site" if spec else None,
        "form_url": b.m + spec["path"] if spec else None, "method": "GET" if spec else None,
        "paginated": bool(spec and spec["per_page"]),
        "page2_differs": True if spec and spec["per_page"] else None,
        "sort_options": ["relevance", "time", "topic"] if spec and spec["sortable"] else [],
        "query_field": spec["field"] if spec else None, "no_hit_message": "查無資料" if spec else None,
    }
    # -- homepage
    truth["homepage"] = {"url": b.m + b.start_path, "items": [
        {"key": key, "name": name, "present": key in b.home_items, "evidence": list(b.home_items.get(key, []))}
        for key, name in HOMEPAGE_ITEMS]}
    # -- online services
    names = dict(SERVICE_CATEGORIES)
    items = []
    seen: dict[str, str] = {}
    for category, url in b.service_links:
        assert seen.setdefault(url, category) == category, url
    for url, category in seen.items():
        items.append({"category": category, "name": names[category], "url": url, "works": works(url),
                      "status": walk.status(url)})
    counts = {c: sum(1 for i in items if i["category"] == c) for c, _ in SERVICE_CATEGORIES}
    truth["online_services"] = {"items": items, "counts": counts, "total": len(items)}
    # -- e-participation
    channels: dict[str, dict] = {}
    for kind, platform, url in b.channel_links:
        channel = channels.setdefault(url, {"type": kind, "platform": platform, "url": url})
        assert (channel["type"], channel["platform"]) == (kind, platform), url
    for url, channel in channels.items():
        replies = b.replies.get(url)
        channel.update(works=works(url), newest_reply=max(replies).isoformat() if replies else None)
    present = {c["type"] for c in channels.values()}
    truth["e_participation"] = {"channels": list(channels.values()),
                                "types_present": [t for t in PARTICIPATION_TYPES if t in present]}
    # -- content
    by_title: dict[str, list[str]] = {}
    for url in sorted(pages - soft_pages):
        by_title.setdefault(b.info[walk.site.primary_path("main", walk.target(url))].title, []).append(url)
    duplicates = []
    for title, urls in sorted(by_title.items()):
        bodies = {walk.site.lookup("main", walk.target(u)).body for u in urls}
        if len(urls) > 1 and len(bodies) > 1:
            duplicates.append({"title": title, "urls": urls})
    mismatch = sorted(u for u in pages - soft_pages
                      if (i := b.info[walk.site.primary_path("main", walk.target(u))]).title
                      != f"{i.h1}{b.title_sep}{b.agency}")
    expired = [n for n in b.notices if n["deadline"] < as_of.isoformat()]
    rows = [d for d in b.news_rows if d <= as_of]
    truth["content"] = {
        "duplicate_titles": duplicates, "generic_titles": 0, "title_heading_mismatch": len(mismatch),
        "expired_notices": len(expired), "news_newest_date": max(rows).isoformat() if rows else None,
        "news_url": b.news_url, "source_missing": 0,
        "update_rule": {"found": b.update_rule is not None, "url": b.update_rule[0] if b.update_rule else None,
                        "text": b.update_rule[1] if b.update_rule else None},
        # Details behind the counts (not part of summary.content):
        "title_heading_mismatch_urls": mismatch, "expired_notice_items": expired, "notices": list(b.notices),
        "link_title_mismatch": [],
    }
    truth["expected_findings"] = _expected_findings(truth)


def _expected_findings(truth: dict) -> list[dict]:
    """The issue-4 findings a correct audit reports for this site, derived from the truth above.
    Each {"check", "url", "target", "key"}: url null where the detector may pick it (a search probe URL, the
    page carrying a dated statistics text, any page offering a broken service link); target the link the
    finding is about, if any; key which category, item, title or deadline."""
    home = truth["start_url"]
    as_of = datetime.date.fromisoformat(truth["as_of"])
    out: list[dict] = []

    def add(check: str, url: str | None, key=None, target: str | None = None) -> None:
        out.append({"check": check, "url": url, "target": target, "key": key})

    disclosure = truth["disclosure"]
    where = disclosure["zone_url"] or home
    if disclosure["zone_url"] is None:
        add("disclosure.zone-missing", home)
    for cat in disclosure["categories"]:
        if cat["status"] == "missing":
            add("disclosure.category-missing", where, cat["number"])
        elif cat["status"] == "found" and cat["reachable"] is False:
            add("disclosure.category-unreachable", where, cat["number"], cat["evidence"][0])
        if cat["number"] == 5 and cat["newest_date"] and \
                datetime.date.fromisoformat(cat["newest_date"]) < as_of - datetime.timedelta(days=STALE_DAYS):
            add("disclosure.category-outdated", None, 5)
    currency, links = disclosure["currency"], truth["disclosure_currency_links"]
    if currency["budget_current"] is False:
        add("disclosure.category-outdated", where, "6:budget", links["budget_url"])
    if currency["final_account_recent"] is False:
        add("disclosure.category-outdated", where, "6:final_account", links["final_account_url"])
    for supp in disclosure["supplements"]:
        if not supp["found"]:
            add("disclosure.supplement-missing", where, supp["key"])
    content = truth["content"]
    for group in content["duplicate_titles"]:  # one finding per group, at any of its pages
        add("content.title-duplicate", group["urls"][0], group["title"])
    for url in content["title_heading_mismatch_urls"]:
        add("content.title-heading-mismatch", url)
    for notice in content["expired_notice_items"]:
        add("content.expired-notice", home, notice["deadline"])
    newest = content["news_newest_date"]
    if newest and datetime.date.fromisoformat(newest) < as_of - datetime.timedelta(days=NEWS_STALE_DAYS):
        add("content.news-stale", content["news_url"], newest)
    if not content["update_rule"]["found"]:
        add("content.update-rule-missing", home)
    search = truth["search"]
    if not search["found"]:
        add("search.missing", home)
    elif search["engine"] == "external":
        add("search.external", home)
    else:
        if not search["paginated"]:
            add("search.no-pagination", None)
        if len(search["sort_options"]) < 3:
            add("search.no-sort", None, ",".join(k for k in ("relevance", "time", "topic")
                                                 if k not in search["sort_options"]))
    for item in truth["homepage"]["items"]:
        if not item["present"]:
            add("homepage.item-missing", home, item["key"])
    services = truth["online_services"]
    for category, count in services["counts"].items():
        if not count:
            add("service.missing-category", home, category)
    for item in services["items"]:
        if not item["works"]:
            add("service.broken", None, item["category"], item["url"])
    participation = truth["e_participation"]
    if not {"mailbox", "message_board"} & set(participation["types_present"]):
        add("participation.missing-basic", home)
    limit = as_of - datetime.timedelta(days=REPLY_STALE_DAYS)
    for channel in participation["channels"]:
        if not channel["works"]:
            add("participation.broken", channel["url"], channel["type"], channel["url"])
        if channel["newest_reply"] and datetime.date.fromisoformat(channel["newest_reply"]) < limit:
            add("participation.inactive", channel["url"], channel["type"])
    return out


def _search_corpus(b: _Base, walk: _Walk, truth: dict) -> list[tuple]:
    corpus = []
    for url in truth["pages"]:
        if url in truth["soft_404_pages"]:
            continue
        info = b.info[walk.site.primary_path("main", walk.target(url))]
        day = truth["page_dates"].get(url)
        corpus.append((url, info.h1, info.section, datetime.date.fromisoformat(day["date"]) if day else None,
                       info.text, info.snippet))
    return corpus


def build_site(main_base: str, external_base: str, refused_base: str, n_filler: int = 0,
               second_base: str | None = None, revision: int = 1) -> DemoSite:
    """Renders the whole site for the given bases and derives its truth; same arguments, same bytes.
    With second_base, the second agency (新竹市示範所) is built too and hangs off the result as .second;
    revision 2 is that agency the next night (see _SecondBuilder)."""
    if revision not in REVISIONS:
        raise ValueError(f"demo revision must be one of {REVISIONS}, not {revision!r}")
    b = _Builder(main_base, external_base, refused_base, n_filler)
    b.build()
    s = None
    if second_base:
        # Built before any walk: both add routes to the one external table, which lookups index once.
        s = _SecondBuilder(second_base, external_base, refused_base, b.external, revision)
        s.build()
    soft, soft_info, not_found, external_not_found = b.error_pages()
    site = DemoSite(main=b.main, external=b.external, truth={}, start_url=b.m + b.start_path,
                    soft_404=soft, not_found=not_found, external_not_found=external_not_found)
    walk = _Walk(b, site, soft_info)
    site.truth = walk.run()
    _information_truth(b, walk, site.truth)
    site.search = _Search(b, _search_corpus(b, walk, site.truth))
    if s is not None:
        second = DemoSite(main=s.main, external=s.external, truth={}, start_url=s.m + s.start_path,
                          soft_404=not_found, not_found=s.error_pages(), external_not_found=external_not_found,
                          soft_404_path=None)
        swalk = _Walk(s, second, None)
        second.truth = swalk.run()
        _information_truth(s, swalk, second.truth)
        second.search = _Search(s, _search_corpus(s, swalk, second.truth))
        site.second = second
    return site
