"""The demo agency site 新竹市示範局: every route of two loopback hosts, planted defects and the ground truth.
build_site() renders the pages and derives the truth by walking those same routes with the crawler's rules."""

# Semantics the truth encodes (the crawler must follow the same rules to score recall = precision = 1.0):
#
# * Pages. An HTML response (Content-Type text/html) on the main host, reached from start_url through
#   <a href>, <area href> or <iframe src>, or listed in /sitemap.xml (named by robots.txt `Sitemap:`),
#   and not disallowed by robots.txt (`Disallow: /private/`). `pages` holds final URLs after redirects,
#   in the form the site itself links them (its own query order). A few pages are also linked with the
#   query parameters reordered or with a #fragment: compare with canonical_url() (or w3lib's
#   canonicalize_url on both sides); truth["aliases"] maps each reordered spelling to its page.
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
# * Soft 404. /ch/home.jsp with an unknown query answers 200 "查無資料 / 找不到網頁" like the real CMS.
#   A link to it is listed in `soft_404`, never in `broken_links`; the page itself is crawled (it is in
#   `pages`, its footer links count) and listed in `soft_404_pages`, but in no date list.
# * Page date. The latest date written right after a label (更新日期, 發布日期, 發佈日期, 上版日期, 最後更新,
#   資料更新時間, 公告日期, 修正日期, 建立日期; optional "：", ":" or spaces, also across <th>/<td>, <dt>/<dd>)
#   in the page's own content, i.e. outside <header>/<nav>/<footer> and the legacy div.header/div.footer.
#   Else <meta name="DC.Date">. Else the Last-Modified header. Else undated. The footer's
#   "網站更新日期" and the header's "今天是 民國115年11月29日" are site dates, never a page date; bare dates
#   in list items or prose are not labelled and do not count. ROC years (< 200) add 1911.
#   Stale: date < DEMO_AS_OF - STALE_DAYS (2025-11-29 itself is fresh). Future: date > DEMO_AS_OF.

from __future__ import annotations

import datetime
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
from urllib.parse import unquote, urljoin, urlsplit

DEMO_AS_OF = datetime.date(2026, 11, 29)
STALE_DAYS = 365
SLOW_SECONDS = 6.0
STALE_BEFORE = DEMO_AS_OF - datetime.timedelta(days=STALE_DAYS)
MAX_REDIRECTS = 20  # Scrapy's REDIRECT_MAX_TIMES default
AGENCY = "新竹市示範局"
SITE_UPDATED = "115-11-20"
DATE_LABELS = ("資料更新時間", "更新日期", "發布日期", "發佈日期", "上版日期", "最後更新",
               "公告日期", "修正日期", "建立日期")
FOLLOWED_KINDS = frozenset({"a", "area", "iframe"})
HTML_UTF8 = "text/html; charset=utf-8"

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
    main: dict[str, Route]
    external: dict[str, Route]
    truth: dict
    start_url: str
    soft_404: Route = field(default_factory=Route)
    not_found: Route = field(default_factory=Route)
    external_not_found: Route = field(default_factory=Route)
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
            if target.split("?", 1)[0] == "/ch/home.jsp":
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


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class _Doc:
    """Markup for one page that remembers every reference and labelled date it writes."""

    __slots__ = ("main", "base", "refs", "dates")

    def __init__(self, main: str, path: str):
        self.main = main
        self.base = main + path
        self.refs: list[tuple[str, str, str | None]] = []
        self.dates: list[tuple[str, datetime.date]] = []

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

_TOPICS = ("社區環境清潔", "長者健康促進", "青年就業媒合", "防災避難演練", "節能設備補助", "公共自行車",
           "市民終身學習講座", "交通安全宣導", "食品衛生抽驗", "資源回收", "城市藝術季", "數位學習",
           "登革熱防治", "空氣品質監測", "消費者保護", "志工招募", "兒童友善空間", "綠色採購")
_NEWS_FORMS = ("本局辦理{y}年度{t}說明會", "{t}申請自即日起受理", "公告{y}年度{t}成果",
               "{m}月份{t}活動花絮", "{t}相關措施調整說明", "歡迎市民踴躍參與{t}")
_AREAS = ((21, "綜合規劃"), (22, "社區發展"), (23, "環境永續"), (24, "健康促進"),
          (25, "青年就業"), (26, "防災安全"), (27, "數位服務"), (28, "文化推廣"))
_GOVINFO = ((31, "法規"), (32, "解釋性規定及裁量基準"), (33, "組織職掌"), (34, "行政指導有關文書"),
            (35, "施政計畫"), (36, "業務統計"), (37, "研究報告"), (38, "預算書"), (39, "決算書"),
            (40, "訴願決定"), (41, "採購資訊"), (42, "支付或接受之補助"), (43, "會議紀錄"),
            (44, "國家賠償統計"), (45, "個人資料保護專區"))
_ONLINE = ((51, "線上申辦"), (52, "表單下載"), (53, "案件查詢"), (54, "線上預約"), (55, "網路繳費"))
_CONVENIENCE = ((61, "常見問答"), (62, "首長信箱"), (63, "民意調查"), (64, "相關連結"), (65, "活動訊息"),
                (66, "出版品"))
_ABOUT = ((11, "首長簡介"), (12, "組織架構"), (13, "業務職掌"), (14, "沿革"), (15, "聯絡資訊"), (16, "交通位置"))
_DISTRICTS = ((71, "東區服務站"), (72, "北區服務站"), (73, "香山區服務站"))
_FAQ_Q = ("如何申請{t}？", "{t}需要準備哪些文件？", "{t}的辦理時限為何？", "{t}可以線上辦理嗎？")

_PARAGRAPHS = (
    "為提升為民服務品質，本局持續檢討各項作業流程，並依據民眾意見滾動修正，期能提供更便利、更有效率的服務。",
    "相關作業規定及申請表件請至本局網站「便民服務」專區下載，如有疑問歡迎於上班時間洽詢承辦單位。",
    "本案經費由本局年度預算支應，執行情形將定期於政府資訊公開專區公布，以落實資訊透明。",
    "活動期間請民眾配合現場工作人員引導，並注意自身安全；如遇天候不佳，將另行公告調整方式。",
)


class _Builder:
    """Renders the site into route tables and remembers what each page contains."""

    def __init__(self, main_base: str, external_base: str, refused_base: str, n_filler: int):
        self.m = main_base.rstrip("/")
        self.x = external_base.rstrip("/")
        self.r = refused_base.rstrip("/")
        self.n_filler = n_filler
        self.main: dict[str, Route] = {}
        self.external: dict[str, Route] = {}
        self.info: dict[str, _PageInfo] = {}
        self.sitemap_paths: list[str] = []
        self.traps: dict = {}
        self._fresh_n = 0
        self._chrome()

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

    # ---------------------------------------------------------- chrome

    def _chrome(self) -> None:
        """Header, navigation and footer are identical on every page, so they are rendered once."""
        d = self.doc("/")
        nav_items = []
        for label, href, children in (
                ("最新消息", _home_jsp(2, "0"), ()),
                ("機關簡介", _home_jsp(10, "0"), _ABOUT),
                ("業務資訊", _home_jsp(20, "0"), _AREAS),
                ("政府資訊公開", _home_jsp(30, "0"), ((31, "法規"), (35, "施政計畫"), (38, "預算書"), (41, "採購資訊"))),
                ("線上服務", _home_jsp(50, "0"), _ONLINE),
                ("便民服務", _home_jsp(60, "0"), _CONVENIENCE),
                ("網站導覽", _home_jsp(70, "0"), ())):
            parent = href.split("id=")[1].split("&")[0]
            sub = "".join(f"<li>{d.a(_home_jsp(cid, '0,' + parent), name)}</li>" for cid, name in children)
            sub = f'<ul class="submenu">{sub}</ul>' if sub else ""
            nav_items.append(f"<li>{d.a(href, label)}{sub}</li>")
        logo = d.a("/ch/index.jsp", d.img("/images/logo.png", "新竹市示範局標誌", 60, 60)
                   + '<span class="site-name">新竹市示範局</span>', title="新竹市示範局(回首頁)")
        self.header_html = (
            f'<a href="#C" class="skip-link" title="跳到主要內容">跳到主要內容</a>\n'
            f'<a href="#U" id="AU" name="U" accesskey="U" class="accesskey" title="上方功能區塊[快捷鍵Alt+U]">:::</a>\n'
            f'<div class="logo">{logo}</div>\n'
            f'<ul class="toplinks"><li>{d.a("/ch/index.jsp", "回首頁")}</li>'
            f'<li>{d.a(_home_jsp(70, "0"), "網站導覽")}</li>'
            f'<li>{d.a(_home_jsp(15, "0,10"), "聯絡我們")}</li>'
            f'<li>{d.ext(self.x + "/facebook/HsinchuDemoBureau", "Facebook粉絲專頁")}</li></ul>\n'
            f'<div class="fontsize">字級：{d.a("javascript:setFontSize(0.9);", "小", title="小字級")}'
            f'{d.a("javascript:setFontSize(1);", "中", title="中字級")}'
            f'{d.a("javascript:setFontSize(1.2);", "大", title="大字級")}</div>\n'
            f'<div class="today">今天是 民國115年11月29日 星期日</div>\n'
            f'<form class="search" action="/ch/search.jsp" method="get" role="search">'
            f'<label for="kw">全站搜尋</label><input type="text" id="kw" name="q" title="請輸入關鍵字" '
            f'placeholder="請輸入關鍵字"><button type="submit">搜尋</button></form>\n')
        self.nav_html = "<ul>" + "".join(nav_items) + "</ul>"
        badge = d.a(self.x + "/Applications/Detail?category=20240305131929",
                    d.img("/images/accessibility/AA.png", "通過AA檢測等級無障礙網頁檢測", 88, 31),
                    title="移至無障礙標章網頁（另開新視窗）", attrs=' target="_blank"')
        self.footer_html = (
            f'<a href="#Z" id="AZ" name="Z" accesskey="Z" class="accesskey" title="下方功能區塊[快捷鍵Alt+Z]">:::</a>\n'
            f'<ul class="footer-links"><li>{d.a(_home_jsp(80, "0"), "隱私權及網站安全政策")}</li>'
            f'<li>{d.a(_home_jsp(81, "0"), "政府網站資料開放宣告")}</li>'
            f'<li>{d.a(_home_jsp(70, "0"), "網站導覽")}</li>'
            f'<li>{d.a(_home_jsp(61, "0,60"), "常見問答")}</li>'
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
        self.traps["footer_broken"] = self.m + "/ch/service-points.html"
        self.traps["comment_links"] = [self.m + "/ch/old_sitemap.html"]
        self.traps["script_string"] = self.m + "/ch/api/news_feed.json"

    def emit(self, path: str, d: _Doc, title: str, body: str, *, crumbs: tuple = (),
             stamps: tuple | list = (), layout: str = "ul", meta_date: datetime.date | None = None,
             last_modified: datetime.date | None = None, encoding: str = "utf-8", charset: str = "both",
             head_extra: str = "", legacy: bool = False) -> None:
        """Wraps body in the site chrome and registers the page with everything it references."""
        head = [f'<meta charset="{encoding}">' if charset in ("meta", "both") else "",
                '<meta name="viewport" content="width=device-width, initial-scale=1">',
                f"<title>{_esc(title)}-{AGENCY}</title>",
                f'<meta name="DC.Title" content="{_esc(title)}">',
                f'<meta name="DC.Creator" content="{AGENCY}">',
                f'<meta name="DC.Publisher" content="{AGENCY}">']
        if meta_date:
            head.append(f'<meta name="DC.Date" content="{meta_date.isoformat()}">')
        head += [d.stylesheet("/css/style.css"), d.icon("/favicon.ico"), d.script("/js/main.js"), head_extra]
        crumb_html = " &gt; ".join([d.a("/ch/index.jsp", "首頁")]
                                   + [d.a(href, name) for name, href in crumbs] + [_esc(title)])
        info = d.info(list(stamps), layout)
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
        page = (f'<!DOCTYPE html>\n<html lang="zh-Hant-TW">\n<head>\n' + "\n".join(h for h in head if h)
                + f"\n</head>\n<body>\n{top}\n{self.header_html}{nav}{self.nav_html}{nav_close}\n{header_close}\n"
                f'{main_open}\n<a href="#C" id="AC" name="C" accesskey="C" class="accesskey" '
                f'title="中央內容區塊[快捷鍵Alt+C]">:::</a>\n<div class="breadcrumb">{crumb_html}</div>\n'
                f'<h1 class="page-title">{_esc(title)}</h1>\n{info}\n{body}\n{main_close}\n'
                f"{foot}\n{self.footer_html}{foot_close}\n"
                f'<script>var newsFeed = "/ch/api/news_feed.json";</script>\n</body>\n</html>\n')
        ctype = "text/html" if charset == "meta" else f"text/html; charset={'Big5' if encoding == 'big5' else 'utf-8'}"
        headers = {"Content-Type": ctype}
        if last_modified:
            headers["Last-Modified"] = _http_date(last_modified)
        self._put(self.main, path, Route(200, page.encode(encoding), headers))
        self.info[path] = _PageInfo(d.refs + self.chrome_refs, d.dates, meta_date, last_modified)

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

    # ---------------------------------------------------------- sections

    def build(self) -> None:
        self._static_assets()
        self._external_sites()
        news = self._news()
        events = self._events()
        self._home(news, events)
        self._about()
        self._business()
        self._govinfo()
        self._online()
        self._convenience(events)
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
            "survey": x("/survey/2026-satisfaction", "民意調查"),
            "portal": x("/portal/", "新竹市政府"),
            "egov1": x("/egov/apply?service=101", "線上申辦 101"),
            "egov2": x("/egov/apply?service=102", "線上申辦 102"),
            "egov3": x("/egov/apply?service=103", "線上申辦 103"),
        }
        self._put(self.external, "/portal/old", Route(301, b"", {"Location": self.x + "/portal/",
                                                                   "Content-Type": HTML_UTF8}))
        self.x_redirect = self.x + "/portal/old"
        self.x_retry = x("/booking/reserve.aspx", "線上預約", behaviour="retry-after-once")
        self.x_head_refused = x("/epay/payment.aspx", "網路繳費", behaviour="head-refused")
        self.x_forbidden = x("/restricted/report.html", "403 Forbidden", status=403)
        self.x_slow = x("/slow/statistics.aspx", "統計查詢", behaviour="slow")
        self.traps.update(head_refused=self.x_head_refused, retry_after_once=self.x_retry,
                          slow=self.x_slow, external_redirect=[self.x_redirect, self.x + "/portal/"])

    # ---------------------------------------------------------- news

    def _news_url(self, serno: str) -> str:
        return _home_jsp(2, "0", mcustomize="onemessages_view.jsp", dataserno=serno)

    @staticmethod
    def _news_list_url(page: int) -> str:
        return _home_jsp(2, "0") + (f"&page={page}" if page > 1 else "")

    def _news(self) -> list[tuple[str, str, datetime.date]]:
        items: list[tuple[datetime.date, str, list[_Stamp], int]] = []
        labels = ("發布日期", "發佈日期", "公告日期", "發布日期", "上版日期")
        for i in range(150):
            pub = DEMO_AS_OF - datetime.timedelta(days=3 + 2 * i)
            topic = _TOPICS[i % len(_TOPICS)]
            title = _NEWS_FORMS[i % len(_NEWS_FORMS)].format(y=_roc(pub), m=pub.month, t=topic)
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

    def _home(self, news, events) -> None:
        path = "/ch/index.jsp"
        d = self.doc(path)
        latest = "\n".join(f'<li>{d.a(url, _esc(title))}<span class="date">{_fmt(pub, "roc-dash")}</span></li>'
                           for url, title, pub in news[:8])
        acts = "\n".join(f"<li>{d.a(url, _esc(title))}</li>" for url, title in events[:3])
        services = "".join(f"<li>{d.a(_home_jsp(cid, '0,50'), name)}</li>" for cid, name in _ONLINE)
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
<section class="services"><h2>線上服務</h2><ul>{services}</ul></section>
<section class="activities"><h2>活動訊息</h2><ul>{acts}</ul>
<p>{d.a("/ch/widget/calendar.html", "活動行事曆")}</p></section>
<section class="quick"><h2>便民捷徑</h2><ul>
<li>{d.a(_home_jsp(30, "0"), "政府資訊公開")}</li>
<li>{d.a(alias, "業務職掌")}</li>
<li>{d.a(_home_jsp(15, "0,10") + "#contact", "聯絡資訊")}</li>
<li>{d.a(_home_jsp(62, "0,60"), "首長信箱")}</li>
<li>{d.ext(self.x_ok["join"], "公共政策網路參與平台")}</li>
<li>{d.ext(self.x_ok["opendata"], "開放資料")}</li>
<li>{d.ext(self.x_ok["youtube"], "YouTube頻道")}</li>
<li>{d.a("tel:1999", "1999市民專線")}</li></ul></section>"""
        self.emit(path, d, "首頁", body)
        self.start_path = path

    # ---------------------------------------------------------- 機關簡介

    def _about(self) -> None:
        crumbs = (("機關簡介", _home_jsp(10, "0")),)
        d = self.doc(_home_jsp(10, "0"))
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,10'), name)}</li>" for cid, name in _ABOUT)
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
        self.emit(p, d, "業務職掌", self._para(1) + f'<p>{d.a(_home_jsp(33, "0,30"), "組織職掌（政府資訊公開）")}</p>',
                  crumbs=crumbs, stamps=[self._fresh()])
        p = _home_jsp(14, "0,10")
        d = self.doc(p)
        missing = "/ch/about/history_2019.html"
        self.traps["internal_404"] = self.m + missing
        self.traps["bare_date_page"] = self.m + p
        self.emit(p, d, "沿革",
                  "<p>本局前身為新竹市政府示範課，民國102年3月1日改制為示範局，並於2019年8月遷至現址。</p>"
                  f'<p>詳細大事紀請見{d.a(missing, "本局大事紀")}（{d.a(missing + "#y2019", "2019年")}）。</p>',
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
            nxt = f'<p>{d.a(f"unit-{n % 5 + 1}.html", "下一個單位")}</p>'
            self.emit(p, d, f"第{n}單位", f'{d.img(f"../../../images/units/unit-{n}.png", f"第{n}單位合照")}'
                      f"{self._para(n)}{nxt}<p>{d.a('../organization.html', '單位介紹')}｜"
                      f"{d.a('../../home.jsp?id=12&parentpath=0,10', '組織架構')}</p>",
                      crumbs=crumbs, stamps=[stamp], last_modified=lm)

    # ---------------------------------------------------------- 業務資訊

    def _business(self) -> None:
        top = _home_jsp(20, "0")
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,20'), name)}</li>" for cid, name in _AREAS)
        self.emit(top, d, "業務資訊", f'<ul class="menu">{links}</ul>'
                  f'<p>{d.a(_home_jsp(9999, "0,20"), "業務專區（舊）")}</p>', stamps=[self._fresh()])
        crumbs = (("業務資訊", top),)
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
                self.emit(url, d, title, self._para(a + k, 3) + f'<p>{d.a(area, "回" + name)}</p>',
                          crumbs=crumbs + ((name, area),), stamps=stamps, meta_date=meta,
                          layout="table" if (a, k) == (4, 1) else "ul")
            d = self.doc(area)
            items = "".join(f"<li>{d.a(u, _esc(t))}</li>" for u, t in arts)
            extra = ""
            if cid == 27:
                extra = f'<p>{d.a("/ch/eservice/login.jsp", "舊版申辦系統登入")}</p>'
                self._put(self.main, "/ch/eservice/login.jsp", Route(
                    302, b"", {"Location": self.m + "/ch/eservice/login.jsp", "Content-Type": HTML_UTF8},
                    "redirect-loop"))
                self.traps["redirect_loop"] = self.m + "/ch/eservice/login.jsp"
            self.emit(area, d, name, f"{self._para(a)}<ul>{items}</ul>{extra}", crumbs=crumbs,
                      stamps=[self._fresh()], layout="dl" if cid == 22 else "ul")

    # ---------------------------------------------------------- 政府資訊公開

    def _govinfo(self) -> None:
        top = _home_jsp(30, "0")
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,30'), name)}</li>" for cid, name in _GOVINFO)
        self.emit(top, d, "政府資訊公開",
                  "<p>依據政府資訊公開法第7條規定，主動公開下列政府資訊：</p>"
                  f'<ul class="govinfo">{links}</ul>', stamps=[self._fresh()])
        crumbs = (("政府資訊公開", top),)
        d0 = datetime.date
        # Per category: its stamps (the disclosure zone is where stale pages pile up), layout, extras.
        plan = {
            31: ([_Stamp("修正日期", d0(2023, 12, 1), "roc-cjk-spaced")], "ul"),
            35: ([_Stamp("更新日期", d0(2024, 8, 15), "roc-dot")], "ul"),
            36: ([_Stamp("上版日期", d0(2024, 2, 7), "roc-slash", "span")], "ul"),
            37: ([_Stamp("最後更新", d0(2024, 3, 20), "roc-cjk")], "p"),
            39: ([_Stamp("建立日期", d0(2023, 1, 5), "roc-dash"), _Stamp("更新日期", d0(2024, 9, 30), "roc-dash")], "ul"),
            42: ([_Stamp("更新日期", d0(2024, 7, 1), "greg-cjk", "em")], "ul"),
            43: ([_Stamp("資料更新時間", d0(2024, 6, 30), "iso", suffix=" 10:15")], "table"),
            44: ([_Stamp("發佈日期", d0(2025, 2, 3), "roc-ymd")], "ul"),
        }
        for c, (cid, name) in enumerate(_GOVINFO):
            url = _home_jsp(cid, "0,30")
            d = self.doc(url)
            stamps, layout = plan.get(cid, ([self._fresh()], "ul"))
            meta = d0(2026, 9, 1) if cid == 44 else None  # fresh meta loses to the stale label
            docs = []
            for k in range(2):
                serno = f"2026{cid:02d}{k + 1:04d}"
                durl = _home_jsp(cid, "0,30", mcustomize="govinfo_view.jsp", dataserno=serno)
                dtitle = f"{name}－{_roc(DEMO_AS_OF) - k}年度資料"
                docs.append((durl, dtitle))
                dd = self.doc(durl)
                att = f"/001/Upload/401/relfile/{cid}_{k + 1}.{'pdf' if k == 0 else 'odt'}"
                self.attachment(att, dtitle)
                self.emit(durl, dd, dtitle, self._para(c + k) + f'<p>附件：{dd.a(att, dtitle, title="下載附件")}</p>'
                          f'<p>{dd.a(url, "回" + name)}</p>', crumbs=crumbs + ((name, url),),
                          stamps=[self._fresh()])
            rows = "".join(f"<li>{d.a(u, _esc(t))}</li>" for u, t in docs)
            extra = ""
            if cid == 31:
                extra = f'<p>{d.ext(self.x_ok["law"], "新竹市法規資料庫")}</p>'
            elif cid == 33:
                extra = f'<p>{d.a(_home_jsp(12, "0,10") + "#org", "組織架構圖")}</p>'
            elif cid == 36:
                self.attachment("/001/Upload/401/relfile/statistics_2024.xlsx", "業務統計")
                extra = f'<p>{d.a("/001/Upload/401/relfile/statistics_2024.xlsx", "業務統計表(xlsx)")}</p>'
            elif cid == 38:
                self.attachment("/001/Upload/401/relfile/budget_2026.pdf", "預算書")
                extra = (f'<ul><li>{d.a("/001/Upload/401/relfile/budget_2026.pdf", "115年度預算書(PDF)")}</li>'
                         f'<li>{d.a("/001/Upload/401/relfile/budget_2023.pdf", "112年度預算書(PDF)")}</li></ul>')
                self.traps["broken_attachment"] = self.m + "/001/Upload/401/relfile/budget_2023.pdf"
            elif cid == 41:
                extra = f'<p>{d.ext(self.x_ok["pcc"], "政府電子採購網")}</p>'
            elif cid == 43:
                extra = ("<table><tr><th>會次</th><th>日期</th></tr><tr><td>第1次<td>113/06/28</table>"
                         "</div>")  # a cell left open and a stray </div>: old CMS output
                self.traps["malformed_html"].append(self.m + url)
            self.emit(url, d, name, f"{self._para(c)}<ul>{rows}</ul>{extra}", crumbs=crumbs,
                      stamps=stamps, layout=layout, meta_date=meta)

    # ---------------------------------------------------------- 線上服務

    def _online(self) -> None:
        top = _home_jsp(50, "0")
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,50'), name)}</li>" for cid, name in _ONLINE)
        guide = "/static/2023/service_guide.html"
        self.emit(top, d, "線上服務", f'<ul class="menu">{links}</ul><p>{d.a(guide, "服務指南（112年版）")}</p>',
                  stamps=[self._fresh()])
        dg = self.doc(guide)
        # Dated only by the web server's Last-Modified: no label, no DC.Date.
        self.emit(guide, dg, "服務指南", self._para(2) + f"<p>{dg.a('../../ch/home.jsp?id=50&parentpath=0', '線上服務')}</p>",
                  stamps=[], last_modified=datetime.date(2023, 3, 14))
        crumbs = (("線上服務", top),)
        forms = (("/001/Upload/401/relfile/form_apply.doc", "申請書(doc)"),
                 ("/001/Upload/401/relfile/form_apply.odt", "申請書(odt)"),
                 ("/001/Upload/401/relfile/form_apply.pdf", "申請書(pdf)"),
                 ("/001/Upload/401/relfile/fee_table.xlsx", "規費一覽表(xlsx)"),
                 ("/001/Upload/401/relfile/forms_all.zip", "全部表單(zip)"))
        for path, title in forms:
            self.attachment(path, title)
        for cid, name in _ONLINE:
            url = _home_jsp(cid, "0,50")
            d = self.doc(url)
            if cid == 51:
                body = "<ul>" + "".join(f"<li>{d.ext(self.x_ok[k], f'線上申辦項目{n}')}</li>"
                                        for n, k in enumerate(("egov1", "egov2", "egov3"), 1)) + "</ul>"
            elif cid == 52:
                body = "<ul>" + "".join(f"<li>{d.a(p, t)}</li>" for p, t in forms) + "</ul>"
            elif cid == 53:
                body = f'<p>{d.a("/ch/app/query.do?type=case", "案件進度查詢")}</p>'
                self.traps["http_500"] = self.m + "/ch/app/query.do?type=case"
                self._put(self.main, "/ch/app/query.do?type=case", Route(
                    500, "<html><body><h1>500 Internal Server Error</h1></body></html>".encode(),
                    {"Content-Type": HTML_UTF8}))
            elif cid == 54:
                body = f'<p>{d.ext(self.x_retry, "線上預約系統")}</p>'
            else:
                body = f'<p>{d.ext(self.x_head_refused, "網路繳費")}</p>'
            self.emit(url, d, name, self._para(cid) + body, crumbs=crumbs, stamps=[self._fresh()])

    # ---------------------------------------------------------- 便民服務

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
                extra = f'<p>報名洽詢：{d.a("mailto:event.demo.hccg.gov.tw", "活動小組信箱")}</p>'
            self.emit(url, d, title, self._para(k, 2) + extra
                      + f'<p>{d.a(_home_jsp(65, "0,60"), "回活動訊息")}</p>',
                      crumbs=(("便民服務", _home_jsp(60, "0")), ("活動訊息", _home_jsp(65, "0,60"))),
                      stamps=stamps)
        return events

    def _convenience(self, events) -> None:
        top = _home_jsp(60, "0")
        d = self.doc(top)
        links = "".join(f"<li>{d.a(_home_jsp(cid, '0,60'), name)}</li>" for cid, name in _CONVENIENCE)
        self.emit(top, d, "便民服務", f'<ul class="menu">{links}</ul>', stamps=[self._fresh()])
        crumbs = (("便民服務", top),)
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
        # 首長信箱: undated form page.
        url = _home_jsp(62, "0,60")
        d = self.doc(url)
        self.traps["connection_refused"] = self.r + "/mail.jsp?s1=42&s2=168"
        self.emit(url, d, "首長信箱",
                  f'<p>請透過{d.a(self.r + "/mail.jsp?s1=42&s2=168", "首長信箱系統", title="首長信箱系統（另開新視窗）", attrs=" target=_blank")}'
                  f'提出您的意見，本局將於6個工作天內回覆。</p><p>{d.a("/private/admin/login.jsp", "管理者登入")}</p>',
                  crumbs=crumbs)
        url = _home_jsp(63, "0,60")
        d = self.doc(url)
        self.emit(url, d, "民意調查", f'<p>{d.ext(self.x_ok["survey"], "115年度服務滿意度調查")}</p>'
                  f'<p>{d.ext(self.x_ok["join"], "公共政策網路參與平台")}</p>', crumbs=crumbs,
                  stamps=[self._fresh()])
        url = _home_jsp(64, "0,60")
        d = self.doc(url)
        self.emit(url, d, "相關連結", "<ul>"
                  f'<li>{d.ext(self.x_ok["portal"], "新竹市政府")}</li>'
                  f'<li>{d.ext(self.x_redirect, "新竹市政府（舊網址）")}</li>'
                  f'<li>{d.ext(self.x_forbidden, "年度稽核報告")}</li>'
                  f'<li>{d.ext(self.x_slow, "統計資訊查詢")}</li>'
                  f'<li>{d.ext(self.x_ok["opendata"], "政府資料開放平臺")}</li>'
                  f'<li>{d.ext(self.x_ok["facebook"], "Facebook")}</li></ul>', crumbs=crumbs)
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
                  f'<p>{d.a("/ch/old/activity.jsp", "活動專區")}</p>'
                  f'{d.iframe("/ch/widget/calendar.html", "活動行事曆")}', crumbs=crumbs, stamps=[self._fresh()])
        final = "/ch/activity/2026/index.html"
        d = self.doc(final)
        # Relative links resolve against the final URL; against the first one they would 404.
        self.emit(final, d, "115年度活動專區", self._para(3)
                  + f"<p>{d.a('../../home.jsp?id=65&parentpath=0,60', '活動訊息')}</p>",
                  crumbs=crumbs, stamps=[self._fresh()], last_modified=datetime.date(2026, 2, 1))
        cal = "/ch/widget/calendar.html"
        d = self.doc(cal)
        self.emit(cal, d, "活動行事曆", "<table><tr><th>日</th><th>一</th><th>二</th></tr>"
                  "<tr><td>1</td><td>2</td><td>3</td></tr></table>", stamps=[self._fresh()])
        self.traps["iframe_page"] = self.m + cal
        # 出版品
        url = _home_jsp(66, "0,60")
        d = self.doc(url)
        self.attachment("/001/Upload/401/relfile/annual_report_2025.pdf", "年報")
        self.attachment("/001/Upload/401/relfile/annual_report_2025.zip", "年報原始資料")
        self.emit(url, d, "出版品",
                  f'<ul><li>{d.a("/001/Upload/401/relfile/annual_report_2025.pdf", "114年年報(PDF)")}</li>'
                  f'<li>{d.a("/001/Upload/401/relfile/annual_report_2025.zip", "114年年報原始資料(ZIP)")}</li></ul>'
                  f'<p>{d.a("/old/index.htm", "舊版網站公告區")}</p>', crumbs=crumbs, stamps=[self._fresh()])

    # ---------------------------------------------------------- 網站導覽, policies, districts

    def _sitemap_page(self) -> None:
        url = _home_jsp(70, "0")
        d = self.doc(url)
        areas = "".join(d.area(_home_jsp(cid, "0,70"), name, f"{i * 100},0,{i * 100 + 99},199")
                        for i, (cid, name) in enumerate(_DISTRICTS))
        sections = "".join(f"<li>{d.a(_home_jsp(cid, '0'), name)}</li>" for cid, name in
                           ((2, "最新消息"), (10, "機關簡介"), (20, "業務資訊"), (30, "政府資訊公開"),
                            (50, "線上服務"), (60, "便民服務")))
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
                  "<h2>網站安全政策</h2><p>本網站採用防火牆及入侵偵測系統，防止不法入侵。</p>")
        d = self.doc(_home_jsp(81, "0"))
        self.emit(_home_jsp(81, "0"), d, "政府網站資料開放宣告",
                  "<p>本網站之資料，以無償、非專屬、得再授權之方式提供公眾使用，使用者得不限目的、時間及地域，"
                  f"利用本網站開放資料。</p><p>{d.ext(self.x_ok['opendata'], '政府資料開放平臺')}</p>")

    # ---------------------------------------------------------- legacy Big5 pages

    def _legacy(self) -> None:
        idx = "/old/index.htm"
        d = self.doc(idx)
        self.emit(idx, d, "舊版網站公告區", f'<ul><li>{d.a("notice.htm", "舊版公告")}</li>'
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
                  f'<p>{d.a("/ch/faq/answer_2019.html", "108年常見問答彙編")}</p>',
                  stamps=[_Stamp("更新日期", datetime.date(2024, 2, 20), "roc-dash")])
        o2 = "/ch/archive/2025/annual_report.html"
        d = self.doc(o2)
        self.emit(o2, d, "114年度業務成果報告", self._para(1) + f'<p>{d.a("appendix.html", "附錄")}</p>',
                  stamps=[self._fresh()])
        o3 = "/ch/archive/2025/appendix.html"
        d = self.doc(o3)
        self.emit(o3, d, "114年度業務成果報告附錄", self._para(2) + f'<p>{d.a("annual_report.html", "回報告")}</p>',
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

    def __init__(self, b: _Builder, site: DemoSite, soft_info: _PageInfo):
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

    @staticmethod
    def disallowed(target: str) -> bool:
        return target.startswith("/private/")

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


def build_site(main_base: str, external_base: str, refused_base: str, n_filler: int = 0) -> DemoSite:
    """Renders the whole site for the given bases and derives its truth; same arguments, same bytes."""
    b = _Builder(main_base, external_base, refused_base, n_filler)
    b.build()
    soft, soft_info, not_found, external_not_found = b.error_pages()
    site = DemoSite(main=b.main, external=b.external, truth={}, start_url=b.m + b.start_path,
                    soft_404=soft, not_found=not_found, external_not_found=external_not_found)
    site.truth = _Walk(b, site, soft_info).run()
    return site
