"""A small 新竹市示範區公所 site with documented accessibility barriers, its repaired twin, and their scoring.
build_barrier_site() renders either variant with its truth; serve_barrier_site() serves it on loopback."""

from __future__ import annotations

# What the truth promises (tests and the benchmark table rely on it):
#
# * barriers: one entry per documented barrier, the same list in both variants; truth["repaired"] says
#   whether "element" (broken) or "fixed_element" is what is served. "sc" is the WCAG criterion the barrier
#   fails, "level" its conformance level, "decidable_by" which engine can tell from what it sees:
#   "static" (markup only; axe has no enabled rule or looks only at attribute presence), "browser" (needs
#   the stylesheet, script or frame content), "both", or "neither" (needs a person). "markers" identify
#   the element in a finding's snippet/selector/locator. b01 sits in the header template and also carries
#   "urls" (every page with the chrome); b11 sits in a frame document and carries "frame_host".
# * not_barriers: markup that looks broken but is not content (inside <template>, an HTML comment, an
#   aria-hidden subtree, an inline display:none block); no a11y finding may point at its markers.
# * The repaired variant must give no A/AA failure at all, static or axe, technique rules included.

import html
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from checks.a11y.rules import TECHNIQUE_RULES
from demosite.server import DemoServer, running
from demosite.site import HTML_UTF8, Route, _odt, _pdf, _png, canonical_url, route_key

AGENCY = "新竹市示範區公所"
AS_OF = "2026-11-29"
UPDATED = "115-11-20"
VIEWPORT = "width=device-width, initial-scale=1"
# The 無障礙標章 registration stamp: issued 2024-03-05, so still valid (3 years) on the reference day.
MARK_CATEGORY = "20240305131929"
SCORED_LEVELS = frozenset({"A", "AA"})

HOME = "/ch/index.html"
NEWS = "/ch/news/list.html"
NEWS_ITEM = "/ch/news/detail-1150112.html"
DIRECTOR = "/ch/about/director.html"
TRAFFIC = "/ch/about/traffic.html"
MAP_FRAME = "/ch/widget/map.html"
APPLY = "/ch/service/apply.html"
SEARCH = "/ch/service/case-search.html"
BUDGET = "/ch/gov/budget.html"
REGULATIONS = "/ch/gov/regulations.html"
CALENDAR = "/ch/event/calendar.html"
CALENDAR_FRAME = "/ch/widget/calendar-frame.html"
APP = "/ch/mobile/app.html"
LEGACY = "/ch/archive/notice-2019.html"
SITEMAP = "/ch/sitemap.html"

_NAV = (("最新消息", NEWS), ("區長介紹", DIRECTOR), ("交通位置", TRAFFIC), ("線上申辦", APPLY),
        ("案件查詢", SEARCH), ("預算書", BUDGET), ("自治法規", REGULATIONS), ("活動行事曆", CALENDAR),
        ("行動APP", APP), ("網站導覽", SITEMAP))


def _css(repaired: bool) -> bytes:
    # Font sizes stay in rem: px would trip CS2140401C on both variants and blur the comparison.
    faded = "#595959" if repaired else "#b0b0b0"
    button = "#1a5276" if repaired else "#8ec3e6"
    inline_link = "color:#0b5394;text-decoration:underline" if repaired else "color:#333333;text-decoration:none"
    gotop = "opacity:1" if repaired else "opacity:0"
    return f"""body{{margin:0;font-family:"Noto Sans TC",sans-serif;font-size:1rem;line-height:1.6}}
body{{color:#222222;background:#ffffff}}
a{{color:#0b5394}}
.skip-link{{position:absolute;left:-999rem;top:0;background:#ffffff;color:#0b5394}}
.skip-link:focus{{left:0}}
.accesskey{{color:#1a5276;text-decoration:none;font-size:0.875rem}}
header{{background:#eaf2f8;padding:0.5rem 1rem}}
.site-name{{font-size:1.5rem;font-weight:bold;color:#1a5276}}
.toplinks li,.mainnav li{{display:inline-block;margin-right:1rem}}
.mainnav{{background:#1a5276}}
.mainnav a{{color:#ffffff}}
main{{padding:1rem}}
footer{{background:#f2f2f2;color:#333333;padding:1rem}}
.news-date{{color:{faded};font-size:0.875rem}}
.btn-query{{display:inline-block;padding:0.25rem 1rem;color:#ffffff;background:{button};text-decoration:none}}
.notice{{color:#222222}}
.notice a{{{inline_link}}}
.scroll-box{{max-height:6rem;overflow-y:auto;border:0.0625rem solid #767676}}
.update{{font-size:0.875rem;color:#444444}}
.gotop{{{gotop}}}
""".encode()


_SITE_JS = b"function setFontSize(s){document.body.style.fontSize=s+'rem';}\n"


@dataclass
class BarrierSite:
    main: dict[str, Route]
    external: dict[str, Route]
    truth: dict
    start_url: str
    not_found: Route = field(default_factory=Route)
    _keys: dict[str, dict[str, str]] = field(default_factory=dict, init=False, repr=False)

    def lookup(self, host: str, target: str) -> Route:
        """What the "main" or "external" server answers: the same contract as demosite.site.DemoSite."""
        table = self.main if host == "main" else self.external
        keys = self._keys.setdefault(host, {route_key(path): path for path in table})
        known = keys.get(route_key(target))
        return table[known] if known is not None else self.not_found


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


class _Builder:
    """Renders one variant; every barrier is written through plant() so page and truth cannot drift apart."""

    def __init__(self, base: str, external: str, repaired: bool):
        self.m = base.rstrip("/")
        self.x = external.rstrip("/")
        self.repaired = repaired
        self.main: dict[str, Route] = {}
        self.external: dict[str, Route] = {}
        self.barriers: list[dict] = []
        self.not_barriers: list[dict] = []
        self.pages: list[str] = []
        self.chrome_pages: list[str] = []

    # ---------------------------------------------------------- truth

    def plant(self, bid: str, path: str, sc: str, level: str, decidable_by: str, description: str,
              broken: str, fixed: str, markers: str | tuple[str, ...], **extra) -> str:
        """Records a barrier and returns the markup this variant serves (the broken or the fixed one).

        markers: text that a finding about this element shows in its snippet, selector or locator; more than
        one when the engines point at different elements (axe reports some problems on the container)."""
        self.barriers.append({
            "id": bid, "url": self.m + path, "sc": sc, "level": level, "decidable_by": decidable_by,
            "description_zh": description, "element": broken, "fixed_element": fixed,
            "markers": [markers] if isinstance(markers, str) else list(markers), **extra})
        return fixed if self.repaired else broken

    def decoy(self, nid: str, path: str, kind: str, description: str, markup: str, marker: str) -> str:
        self.not_barriers.append({"id": nid, "url": self.m + path, "kind": kind, "description_zh": description,
                                  "element": markup, "markers": [marker]})
        return markup

    # ---------------------------------------------------------- routes

    def asset(self, path: str, body: bytes, ctype: str) -> None:
        assert path not in self.main, path
        self.main[path] = Route(200, body, {"Content-Type": ctype})

    def external_page(self, path: str, title: str) -> str:
        body = (f'<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>{title}</title>'
                f"</head><body><main><h1>{title}</h1><p>外部網站示範頁面。</p></main></body></html>")
        self.external[path] = Route(200, body.encode(), {"Content-Type": HTML_UTF8})
        return self.x + path

    def document(self, path: str, title: str, body: str, *, lang: str | None = "zh-Hant-TW",
                 head: str = "", viewport: str = VIEWPORT) -> None:
        """A bare document (frame content, or the inside of page()): doctype, head and the given body."""
        lang_attr = f' lang="{lang}"' if lang else ""
        page = (f'<!DOCTYPE html>\n<html{lang_attr}>\n<head>\n<meta charset="utf-8">\n'
                f'<meta name="viewport" content="{viewport}">\n<title>{_esc(title)}</title>\n'
                f'<link rel="stylesheet" href="/css/site.css">\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n')
        assert path not in self.main, path
        self.main[path] = Route(200, page.encode(), {"Content-Type": HTML_UTF8})
        self.pages.append(self.m + path)

    def page(self, path: str, title: str, body: str, *, doc_title: str | None = None,
             lang: str | None = "zh-Hant-TW", head: str = "", viewport: str = VIEWPORT) -> None:
        """A page in the site chrome: skip link, 導盲磚 U/C/Z, header, navigation, footer with the 標章."""
        crumbs = "" if path == HOME else (f'<p class="breadcrumb"><a href="{HOME}">首頁</a> &gt; '
                                          f"{_esc(title)}</p>\n")
        main = (f'<main id="main">\n<a href="#C" id="AC" name="C" accesskey="C" class="accesskey" '
                f'title="中央內容區塊[快捷鍵Alt+C]">:::</a>\n{crumbs}<h1>{_esc(title)}</h1>\n{body}\n'
                f'<p class="update">更新日期：{UPDATED}</p>\n</main>')
        self.document(path, doc_title or f"{title}-{AGENCY}",
                      f"{self.header}\n{main}\n{self.footer}\n<script src=\"/js/site.js\"></script>",
                      lang=lang, head=head, viewport=viewport)
        self.chrome_pages.append(self.m + path)

    # ---------------------------------------------------------- chrome

    def chrome(self) -> None:
        facebook = self.external_page("/facebook/HsinchuDemoDistrict", "Facebook")
        badge_page = self.external_page(f"/Applications/Detail?category={MARK_CATEGORY}", "無障礙標章")
        # b01 sits in the header template: one mistake, repeated on every page that uses the template.
        social = self.plant(
            "b01", HOME, "2.4.4", "A", "both",
            "頁首共用版型的 Facebook 圖示連結只有一張沒有替代文字的圖片，連結沒有名稱（每一頁都出現）",
            f'<a href="{facebook}" class="social-fb" target="_blank"><img src="/images/icon_fb.png" '
            'width="24" height="24"></a>',
            f'<a href="{facebook}" class="social-fb" target="_blank"><img src="/images/icon_fb.png" '
            'width="24" height="24" alt="Facebook粉絲專頁（另開新視窗）"></a>',
            "social-fb", repeated=True)
        nav = "".join(f'<li><a href="{href}">{label}</a></li>' for label, href in _NAV)
        self.header = (
            '<a href="#C" class="skip-link">跳到主要內容</a>\n<header>\n'
            '<a href="#U" id="AU" name="U" accesskey="U" class="accesskey" title="上方功能區塊[快捷鍵Alt+U]">:::</a>\n'
            f'<p class="logo"><a href="{HOME}"><img src="/images/logo.png" alt="" width="48" height="48">'
            f'<span class="site-name">{AGENCY}</span></a></p>\n'
            f'<ul class="toplinks"><li><a href="{HOME}">回首頁</a></li><li><a href="{SITEMAP}">網站導覽</a></li>'
            f"<li>{social}</li></ul>\n"
            '<p class="fontsize">字級：<a href="javascript:setFontSize(0.9);" title="小字級">小</a> '
            '<a href="javascript:setFontSize(1);" title="中字級">中</a> '
            '<a href="javascript:setFontSize(1.2);" title="大字級">大</a></p>\n'
            '<form class="search" action="/ch/search.html" method="get" role="search">'
            '<label for="kw">全站搜尋</label><input type="text" id="kw" name="q">'
            '<button type="submit">搜尋</button></form>\n'
            f'<nav class="mainnav" aria-label="主選單"><ul>{nav}</ul></nav>\n</header>')
        self.footer = (
            '<footer>\n<a href="#Z" id="AZ" name="Z" accesskey="Z" class="accesskey" '
            'title="下方功能區塊[快捷鍵Alt+Z]">:::</a>\n'
            f'<ul class="footer-links"><li><a href="{SITEMAP}">網站導覽</a></li>'
            f'<li><a href="{TRAFFIC}">交通位置</a></li></ul>\n'
            '<address>300 新竹市東區示範路200號</address>\n'
            '<p>電話：<a href="tel:+886-3-521-6000">(03)521-6000</a>　服務時間：週一至週五 8:00～17:30</p>\n'
            f'<p class="site-update">網站更新日期：{UPDATED}</p>\n'
            f'<p class="badge"><a href="{badge_page}" target="_blank" title="移至無障礙標章網頁（另開新視窗）">'
            '<img src="/images/accessibility/AA.png" alt="通過AA檢測等級無障礙網頁檢測" width="88" height="31"></a></p>\n'
            "</footer>")

    # ---------------------------------------------------------- pages

    def build(self) -> None:
        self.assets()
        self.chrome()
        self.home()
        self.news()
        self.director()
        self.traffic()
        self.apply()
        self.case_search()
        self.budget()
        self.regulations()
        self.calendar()
        self.mobile_app()
        self.legacy()
        self.sitemap()
        self.main["/"] = Route(302, b"", {"Location": self.m + HOME, "Content-Type": HTML_UTF8})
        self.asset("/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain; charset=utf-8")

    def assets(self) -> None:
        self.asset("/css/site.css", _css(self.repaired), "text/css; charset=utf-8")
        self.asset("/js/site.js", _SITE_JS, "text/javascript")
        self.asset("/favicon.ico", _png(16, 16, 90), "image/png")
        for name, size, shade in (("logo", (48, 48), 40), ("icon_fb", (24, 24), 60),
                                  ("accessibility/AA", (88, 31), 200), ("slide-lantern", (64, 20), 120),
                                  ("director-photo", (12, 16), 128), ("deco-leaf", (8, 8), 150),
                                  ("map-marker", (8, 8), 30), ("bus-routes", (20, 10), 210),
                                  ("btn_print", (16, 8), 70), ("icon_pdf", (16, 16), 50),
                                  ("app-qrcode", (16, 16), 10), ("news/IMG_2035", (16, 12), 100)):
            self.asset(f"/images/{name}.png", _png(*size, shade), "image/png")
        self.asset("/files/reg-113-01.pdf", _pdf("reg-113-01.pdf"), "application/pdf")
        self.asset("/files/budget-113.pdf", _pdf("budget-113.pdf"), "application/pdf")
        self.asset("/files/budget-113.odt", _odt("113年度預算書"), "application/vnd.oasis.opendocument.text")

    def home(self) -> None:
        self.plant(
            "b02", HOME, "1.1.1", "A", "browser",
            "首頁輪播圖由 JavaScript 產生，圖片沒有替代文字（靜態原始碼看不到這張圖）",
            '<img class="hero-slide" src="/images/slide-lantern.png">（由 script 產生）',
            '<img class="hero-slide" src="/images/slide-lantern.png" alt="2026新竹燈會…">（由 script 產生）',
            "hero-slide")
        # The carousel draws its slides from script, so only the browser ever sees this image.
        alt = "i.alt='2026新竹燈會 1月24日至2月8日於新竹公園';" if self.repaired else ""
        script = ("<script>(function(){var s=document.getElementById('hero');var i=document.createElement('img');"
                  "i.className='hero-slide';i.src='/images/slide-lantern.png';i.width=640;i.height=200;"
                  f"{alt}s.appendChild(i);}})();</script>")
        stories = (("東區里民活動中心整修完成", "整修後新增無障礙坡道與哺集乳室，即日起開放預約使用。"),
                   ("115年度敬老禮金開始發放", "請年滿65歲之設籍區民攜帶身分證至各里辦公處領取。"),
                   ("資源回收日異動公告", "配合連續假期，12月資源回收日調整為週三、週六。"))
        generic = f'<a href="{NEWS_ITEM}" class="card-more">詳細內容</a>'
        self.plant(
            "b03", HOME, "2.4.4", "A", "static",
            "最新消息卡片的「詳細內容」連結彼此同名，所在區塊沒有任何說明文字，無法判斷連往哪一則（三張卡片皆同）",
            generic, f'<a href="{NEWS_ITEM}" class="card-more">詳細內容：{stories[0][0]}</a>', "card-more")
        cards = []
        for headline, summary in stories:
            more = f'<a href="{NEWS_ITEM}" class="card-more">詳細內容：{headline}</a>' if self.repaired else generic
            cards.append(f'<div class="news-card"><h3>{headline}</h3><div class="news-summary">{summary}</div>'
                         f'<div class="more">{more}</div></div>')
        date = self.plant(
            "b04", HOME, "1.4.3", "AA", "browser",
            "最新消息的發布日期以樣式表 .news-date 設為淺灰色（#b0b0b0，對比約 2.1:1），行內樣式看不出來",
            '<span class="news-date">115-11-27</span>', '<span class="news-date">115-11-27</span>',
            "news-date")
        comment = self.decoy(
            "nb02", HOME, "comment", "HTML 註解內停用的舊橫幅圖片與頁框：註解不是網頁內容，不可回報",
            '<!-- 舊版橫幅停用：<img src="/images/old-banner-2019.png"><iframe src="/ch/old/map.html"></iframe> -->',
            "old-banner-2019")
        body = (f'<div class="carousel" id="hero"></div>\n{script}\n{comment}\n'
                f'<section class="news"><h2>最新消息</h2>\n{"".join(cards)}\n'
                f'<ul><li><a href="{NEWS_ITEM}">本所辦理115年度防災演練</a> {date}</li></ul>\n'
                f'<p><a href="{NEWS}">更多最新消息</a></p></section>\n'
                f'<section class="services"><h2>便民服務</h2><ul><li><a href="{APPLY}">線上申辦</a></li>'
                f'<li><a href="{SEARCH}">案件查詢</a></li><li><a href="{CALENDAR}">活動行事曆</a></li>'
                f'<li><a href="{LEGACY}">108年度公告（舊版網頁）</a></li></ul></section>')
        self.page(HOME, "首頁", body, doc_title=AGENCY)

    def news(self) -> None:
        header = self.plant(
            "b05", NEWS, "1.3.1", "A", "static",
            "最新消息表格的「附件」欄標題沒有任何資料儲存格（版型留下的空欄標題；axe 只列為待人工確認）",
            '<th scope="col" class="col-attach">附件</th>', "", "col-attach")
        rows = "".join(f"<tr><td><a href=\"{NEWS_ITEM}\">{title}</a></td><td>{unit}</td><td>{day}</td></tr>"
                       for title, unit, day in (("本所辦理115年度防災演練", "民政課", "115-11-27"),
                                                ("東區里民活動中心整修完成", "社會課", "115-11-20"),
                                                ("資源回收日異動公告", "經建課", "115-11-12")))
        template = self.decoy(
            "nb01", NEWS, "template", "<template> 內供程式使用的列範本（圖片無替代文字、欄位無標籤）：尚未成為內容，不可回報",
            '<template id="tpl-news-row"><tr><td><img src="/images/tpl-icon.png"></td>'
            '<td><input type="text" name="tpl-q"></td></tr></template>', "tpl-icon")
        body = (f'<table class="news-table"><caption>最新消息列表</caption>\n<thead><tr><th scope="col">標題</th>'
                f'<th scope="col">發布單位</th><th scope="col">發布日期</th>{header}</tr></thead>\n'
                f"<tbody>{rows}</tbody></table>\n{template}")
        self.page(NEWS, "最新消息", body)
        photo = self.plant(
            "b06", NEWS_ITEM, "1.1.1", "A", "static",
            "新聞照片的替代文字是相機檔名「IMG_2035.png」，沒有說明照片內容（axe 只檢查 alt 是否存在）",
            '<img src="/images/news/IMG_2035.png" alt="IMG_2035.png" class="news-photo">',
            '<img src="/images/news/IMG_2035.png" alt="區長與里長於防災演練現場示範滅火器使用方式" class="news-photo">',
            "news-photo")
        low = self.plant(
            "b07", NEWS_ITEM, "1.4.3", "AA", "both",
            "行內樣式把注意事項設為淺灰字白底（#aaaaaa / #ffffff，對比約 2.3:1）",
            '<p class="notice-inline" style="color:#aaaaaa;background-color:#ffffff">本活動如遇颱風停班停課將順延辦理。</p>',
            '<p class="notice-inline" style="color:#505050;background-color:#ffffff">本活動如遇颱風停班停課將順延辦理。</p>',
            "notice-inline")
        gotop = self.plant(
            "b36", NEWS_ITEM, "2.4.7", "AA", "neither",
            "「回到頂端」連結被樣式表設為 opacity:0，看不見卻仍在 Tab 順序中，取得焦點時使用者看不到焦點在哪",
            '<a href="#AU" class="gotop">回到頂端</a>', '<a href="#AU" class="gotop">回到頂端</a>', "gotop")
        body = (f"<p>本所於11月27日辦理115年度防災演練，邀請轄內各里里長及志工參與。</p>\n"
                f"<figure>{photo}<figcaption>防災演練現場</figcaption></figure>\n{low}\n"
                f'<p><a href="{NEWS}">回最新消息列表</a></p>\n<p>{gotop}</p>')
        self.page(NEWS_ITEM, "本所辦理115年度防災演練", body)

    def director(self) -> None:
        photo = self.plant(
            "b08", DIRECTOR, "1.1.1", "A", "both", "區長照片沒有 alt 屬性",
            '<img src="/images/director-photo.png" class="director-photo" width="120" height="160">',
            '<img src="/images/director-photo.png" class="director-photo" width="120" height="160" alt="區長林美華">',
            "director-photo")
        spacing = self.plant(
            "b09", DIRECTOR, "1.4.12", "AA", "static",  # axe avoid-inline-spacing is left to static
            "區長簡介段落以行內 !important 把字距鎖在 0.05em，使用者無法自行加大文字間距",
            '<p class="intro" style="letter-spacing:0.05em !important">林區長曾任新竹市政府社會處科長，…</p>',
            '<p class="intro" style="letter-spacing:0.05em">林區長曾任新竹市政府社會處科長，…</p>',
            "letter-spacing")
        deco = self.decoy(
            "nb03", DIRECTOR, "aria-hidden", "aria-hidden 裝飾圖示內沒有 alt 的圖片：對輔助科技隱藏且不可聚焦，不是障礙",
            '<span class="deco" aria-hidden="true"><img src="/images/deco-leaf.png" width="8" height="8"></span>',
            "deco-leaf")
        intro = spacing.replace("，…", "，致力推動社區照顧與防災工作。")
        body = (f"{photo}\n<h2>{deco}區長簡介</h2>\n{intro}\n"
                "<h2>聯絡方式</h2>\n<p>區長室電話：(03)521-6001</p>")
        self.page(DIRECTOR, "區長介紹", body)

    def traffic(self) -> None:
        frame = self.plant(
            "b10", TRAFFIC, "4.1.2", "A", "both", "交通位置地圖頁框沒有 title",
            f'<iframe src="{MAP_FRAME}" class="map-frame" width="600" height="300"></iframe>',
            f'<iframe src="{MAP_FRAME}" class="map-frame" width="600" height="300" title="區公所位置地圖"></iframe>',
            "map-frame")
        area = self.plant(
            "b12", TRAFFIC, "2.4.4", "A", "both", "公車路線影像地圖的 <area> 沒有 alt，連結沒有名稱",
            f'<area shape="rect" coords="0,0,100,50" href="{NEWS_ITEM}" class="area-route1">',
            f'<area shape="rect" coords="0,0,100,50" href="{NEWS_ITEM}" class="area-route1" alt="1路公車：區公所站">',
            "area-route1")
        body = (f"<p>地址：300 新竹市東區示範路200號</p>\n{frame}\n<h2>公車路線</h2>\n"
                '<p><img src="/images/bus-routes.png" usemap="#busmap" alt="行經區公所的公車路線圖" width="200" '
                f'height="100"></p>\n<map name="busmap">{area}</map>\n'
                "<p>搭乘市區公車1路、2路至「區公所」站下車。</p>")
        self.page(TRAFFIC, "交通位置", body)
        marker = self.plant(
            "b11", MAP_FRAME, "1.1.1", "A", "both",
            "嵌在交通位置頁的地圖頁框內，標示區公所位置的圖片沒有 alt（問題在頁框文件內）",
            '<img src="/images/map-marker.png" class="map-marker" width="8" height="8">',
            '<img src="/images/map-marker.png" class="map-marker" width="8" height="8" alt="新竹市示範區公所位置">',
            "map-marker", frame_host=self.m + TRAFFIC)
        self.document(MAP_FRAME, "區公所位置地圖", f"<main><h1>區公所位置</h1>\n<p>{marker} 東區示範路200號</p>\n"
                      f'<p class="update">更新日期：{UPDATED}</p></main>')

    def apply(self) -> None:
        trap = self.plant(
            "b17", APPLY, "2.1.2", "A", "static",
            "身分證字號欄位在失去焦點時以 onblur 把焦點拉回，格式錯誤就無法用鍵盤離開",
            '<input type="text" id="idno" name="idno" '
            'onblur="if(!/^[A-Z][12]\\d{8}$/.test(this.value)){this.focus();}">',
            '<input type="text" id="idno" name="idno" aria-describedby="idno-hint">',
            "idno")
        phone = self.plant(
            "b14", APPLY, "1.3.5", "AA", "both", "手機欄位的 autocomplete 值「mobile-phone」不是規格中的欄位名稱",
            '<input type="tel" id="mobile" name="mobile" autocomplete="mobile-phone">',
            '<input type="tel" id="mobile" name="mobile" autocomplete="tel">', "mobile-phone")
        select = self.plant(
            "b13", APPLY, "4.1.2", "A", "both", "申請項目下拉選單沒有 <label>，只有旁邊的文字",
            '<select name="item" class="item-select">',
            '<label for="item">申請項目</label><select name="item" id="item" class="item-select">', "item-select")
        agree = self.plant(
            "b18", APPLY, "4.1.2", "A", "both", "自製的同意核取方塊 role=\"checkbox\" 沒有 aria-checked 狀態",
            '<span role="checkbox" tabindex="0" class="agree-box" aria-labelledby="agree-text"></span>',
            '<input type="checkbox" id="agree" class="agree-box">', "agree-box")
        agree_text = ('<label for="agree">我已閱讀並同意個人資料蒐集聲明</label>' if self.repaired
                      else '<span id="agree-text">我已閱讀並同意個人資料蒐集聲明</span>')
        submit = self.plant(
            "b16", APPLY, "2.5.3", "A", "static",
            "按鈕畫面上寫「確認申請」，aria-label 卻是「送出」，語音操作說「確認申請」找不到它",
            '<button type="submit" class="btn-submit" aria-label="送出">確認申請</button>',
            '<button type="submit" class="btn-submit">確認申請</button>', "btn-submit")
        printer = self.plant(
            "b15", APPLY, "1.1.1", "A", "both", "列印圖片按鈕 <input type=\"image\"> 沒有 alt",
            '<input type="image" src="/images/btn_print.png" class="print-btn">',
            '<input type="image" src="/images/btn_print.png" class="print-btn" alt="列印申請書">', "print-btn")
        hidden = self.decoy(
            "nb04", APPLY, "display-none", "以行內 display:none 整段隱藏的舊傳真欄位：不顯示也不可聚焦，不可回報",
            '<div class="fax-legacy" style="display:none"><input type="text" name="legacy-fax"></div>',
            "legacy-fax")
        # The broken variant shows the words 申請項目 beside the list, but nothing ties them to it.
        select_open = select if self.repaired else f"申請項目{select}"
        body = (
            '<form class="apply-form" action="/ch/service/apply-submit" method="post">\n'
            "<fieldset><legend>申請人資料</legend>\n"
            '<p><label for="name">姓名</label><input type="text" id="name" name="name" autocomplete="name"></p>\n'
            f'<p><label for="idno">身分證統一編號</label>{trap} <span id="idno-hint">例：A123456789</span></p>\n'
            f'<p><label for="mobile">手機號碼</label>{phone}</p>\n'
            f"<p>{select_open}<option>戶籍謄本</option><option>低收入戶證明</option></select></p>\n"
            f"<p>{agree} {agree_text}</p>\n"
            f"{hidden}\n</fieldset>\n<p>{submit} {printer}</p>\n</form>")
        self.page(APPLY, "線上申辦", body)

    def case_search(self) -> None:
        button = self.plant(
            "b19", SEARCH, "4.1.2", "A", "both", "案件查詢的放大鏡按鈕只有圖示，沒有文字也沒有 aria-label",
            '<button type="submit" class="btn-icon-search"><span class="icon-search"></span></button>',
            '<button type="submit" class="btn-icon-search"><span class="icon-search"></span>查詢</button>',
            "btn-icon-search")
        query = self.plant(
            "b20", SEARCH, "1.4.3", "AA", "browser",
            "「我要申辦」按鈕由樣式表 .btn-query 設為白字淺藍底（#ffffff / #8ec3e6，對比約 1.9:1）",
            f'<a href="{APPLY}" class="btn-query">我要申辦</a>', f'<a href="{APPLY}" class="btn-query">我要申辦</a>',
            "btn-query")
        box = self.plant(
            "b21", SEARCH, "2.1.1", "A", "browser",
            "查詢結果區塊以樣式表限制高度並捲動（overflow-y:auto），區塊內沒有可聚焦元素，鍵盤無法捲動",
            '<div class="scroll-box" id="results">…</div>',
            '<div class="scroll-box" id="results" tabindex="0" role="region" aria-label="查詢結果">…</div>',
            "scroll-box")
        items = "".join(f"<p>案件 1150{n:03d}：戶籍謄本申請，狀態：已辦結，承辦課室：民政課。</p>" for n in range(1, 16))
        body = (f'<form class="case-search" action="{SEARCH}" method="get">'
                f'<label for="caseno">案件編號</label><input type="text" id="caseno" name="caseno">{button}</form>\n'
                f"<p>{query}</p>\n<h2>近期辦結案件</h2>\n{box.replace('…', items)}")
        self.page(SEARCH, "案件查詢", body)

    def budget(self) -> None:
        cell = self.plant(
            "b22", BUDGET, "1.3.1", "A", "both", "預算表資料儲存格的 headers 指向不存在的 id「h-amt」",
            '<td headers="h-amt" class="amount">12,345</td>', '<td headers="h-amount" class="amount">12,345</td>',
            ("h-amt", 'class="budget"'))
        english = self.plant(
            "b23", BUDGET, "3.1.2", "AA", "both", "英文摘要段落的 lang=\"en_US\" 不是有效的語言代碼（應為 en-US）",
            '<p lang="en_US" class="en-summary">Budget summary for fiscal year 2024.</p>',
            '<p lang="en-US" class="en-summary">Budget summary for fiscal year 2024.</p>', "en-summary")
        body = ('<table class="budget"><caption>113年度歲出預算（單位：千元）</caption>\n'
                '<tr><th id="h-item" scope="col">科目</th><th id="h-amount" scope="col">預算數</th></tr>\n'
                f'<tr><td headers="h-item">一般行政</td>{cell}</tr>\n'
                '<tr><td headers="h-item">民政業務</td><td headers="h-amount">6,789</td></tr>\n</table>\n'
                f"{english}\n"
                '<ul><li><a href="/files/budget-113.pdf">113年度預算書（PDF）</a></li>'
                '<li><a href="/files/budget-113.odt">113年度預算書（ODT）</a></li></ul>')
        self.page(BUDGET, "預算書", body)

    def regulations(self) -> None:
        title = self.plant(
            "b24", REGULATIONS, "2.4.2", "A", "static",
            "網頁 <title> 是編輯器預設的「無標題文件」，沒有說明頁面主題（axe 只檢查標題非空白）",
            "<title>無標題文件</title>", f"<title>自治法規-{AGENCY}</title>", "<title")
        duplicate = self.plant(
            "b25", REGULATIONS, "4.1.1", "A", "static",
            "兩個法規標題使用相同的 id=\"reg-item\"（網站無障礙規範 110.07 仍檢查 4.1.1；axe 已停用此規則）",
            '<h2 id="reg-item">新竹市示範區公所組織規程</h2>', '<h2 id="reg-item-2">新竹市示範區公所組織規程</h2>',
            'id="reg-item"')
        pdf = self.plant(
            "b26", REGULATIONS, "2.4.4", "A", "both", "PDF 下載連結只有 alt=\"\" 的圖示，連結沒有名稱",
            '<a href="/files/reg-113-01.pdf" class="pdf-link"><img src="/images/icon_pdf.png" alt="" width="16" '
            'height="16"></a>',
            '<a href="/files/reg-113-01.pdf" class="pdf-link"><img src="/images/icon_pdf.png" alt="" width="16" '
            'height="16">區公所組織規程（PDF）</a>', "pdf-link")
        doc_title = title.removeprefix("<title>").removesuffix("</title>")
        body = ('<h2 id="reg-item">新竹市示範區公所區務會議規則</h2>\n<p>中華民國113年1月5日修正。</p>\n'
                f"{duplicate}\n<p>中華民國113年3月1日修正。{pdf}</p>")
        self.page(REGULATIONS, "自治法規", body, doc_title=doc_title)

    def calendar(self) -> None:
        refresh = self.plant(
            "b27", CALENDAR, "2.2.1", "A", "both", "行事曆頁以 <meta http-equiv=\"refresh\"> 每 300 秒自動重新整理",
            '<meta http-equiv="refresh" content="300">', "", 'http-equiv="refresh"')
        frame = self.plant(
            "b28", CALENDAR, "2.1.1", "A", "browser",
            "行事曆頁框設 tabindex=\"-1\"，頁框內的活動連結無法以鍵盤進入（靜態規則只判斷 srcdoc 頁框）",
            f'<iframe src="{CALENDAR_FRAME}" title="本月活動行事曆" tabindex="-1" class="cal-frame" '
            'width="600" height="200"></iframe>',
            f'<iframe src="{CALENDAR_FRAME}" title="本月活動行事曆" class="cal-frame" width="600" height="200"></iframe>',
            ("cal-frame", "iframe >>> html"))
        link = self.plant(
            "b29", CALENDAR, "1.4.1", "A", "browser",
            "段落中的連結由樣式表去掉底線，顏色又與內文相近（#333 對 #222），只能靠顏色辨識而且幾乎看不出來",
            f'<p class="notice">報名方式請見<a href="{NEWS}" class="inline-link">最新消息</a>專區公告，額滿為止。</p>',
            f'<p class="notice">報名方式請見<a href="{NEWS}" class="inline-link">最新消息</a>專區公告，額滿為止。</p>',
            "inline-link")
        head = refresh + "\n" if refresh else ""
        body = f"<p>本月區公所及各里辦公處活動如下。</p>\n{frame}\n{link}"
        self.page(CALENDAR, "活動行事曆", body, head=head)
        events = "".join(f'<li><a href="{NEWS_ITEM}">{day}　{name}</a></li>' for day, name in (
            ("12月6日", "里民健走活動"), ("12月13日", "長青食堂感恩餐會"), ("12月20日", "社區防災講座")))
        self.document(CALENDAR_FRAME, "本月活動行事曆",
                      f"<main><h1>本月活動</h1>\n<ul>{events}</ul>\n<p class=\"update\">更新日期：{UPDATED}</p></main>")

    def mobile_app(self) -> None:
        zoom = self.plant(
            "b30", APP, "1.4.4", "AA", "both", "行動版頁面的 viewport 設定 user-scalable=no，禁止使用者放大",
            '<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">',
            f'<meta name="viewport" content="{VIEWPORT}">', "user-scalable=no")
        lock = self.plant(
            "b31", APP, "1.3.4", "AA", "static",
            "頁內 <style> 在直向時把整頁旋轉 90 度，畫面被鎖定為橫向（axe 的對應規則屬實驗性質，未啟用）",
            "<style>@media (orientation: portrait){.app-page{transform:rotate(90deg)}}</style>",
            "<style>@media (orientation: portrait){.app-page{max-width:100%}}</style>", "<style")
        clone = self.plant(
            "b32", APP, "4.1.2", "A", "both",
            "輪播複製出來的 aria-hidden=\"true\" 區塊內仍有可聚焦的下載連結（鍵盤可到、螢幕閱讀器卻讀不到）",
            '<div class="slide-clone" aria-hidden="true"><a href="/ch/mobile/app.html#ios" class="clone-link">'
            "iOS 版下載</a></div>",
            '<div class="slide-clone" aria-hidden="true"><a href="/ch/mobile/app.html#ios" class="clone-link" '
            'tabindex="-1">iOS 版下載</a></div>',
            "clone-link")
        viewport = zoom.split('content="', 1)[1].split('"', 1)[0]
        body = (f'<div class="app-page">\n<p>下載「示範區公所行動服務」App，隨時查詢案件進度與活動訊息。</p>\n'
                f'<p id="ios"><a href="/ch/mobile/app.html#ios">iOS 版下載</a>　'
                f'<img src="/images/app-qrcode.png" alt="App 下載 QR Code" width="64" height="64"></p>\n{clone}\n</div>')
        self.page(APP, "行動APP", body, head=lock + "\n", viewport=viewport)

    def legacy(self) -> None:
        root = self.plant(
            "b33", LEGACY, "3.1.1", "A", "both", "舊版公告頁的 <html> 沒有 lang 屬性",
            "<html>", '<html lang="zh-Hant-TW">', "<html")
        role = self.plant(
            "b34", LEGACY, "4.1.2", "A", "both", "「列印本頁」的 role=\"buton\" 拼錯，不是有效的 ARIA 角色",
            '<div role="buton" class="old-print" onclick="window.print()">列印本頁</div>',
            '<button type="button" class="old-print" onclick="window.print()">列印本頁</button>', "old-print")
        rows = "".join(f"<tr><td>{item}</td><td>{fee}</td></tr>" for item, fee in (("戶籍謄本", "15元"),
                                                                                 ("印鑑證明", "20元")))
        table = self.plant(
            "b35", LEGACY, "1.3.1", "A", "neither",
            "規費表沒有任何標題儲存格，第一列以 <td><b> 加粗充當欄標題，輔助科技無法把「規費」對應到數字",
            f'<table class="fee-table"><tr><td><b>項目</b></td><td><b>規費</b></td></tr>{rows}</table>',
            f'<table class="fee-table"><caption>規費一覽</caption><tr><th scope="col">項目</th>'
            f'<th scope="col">規費</th></tr>{rows}</table>', "fee-table")
        body = ("<p>108年度區民大會訂於108年12月15日上午9時假本所大禮堂舉行，歡迎區民踴躍參加。</p>\n"
                f"{table}\n{role}")
        self.page(LEGACY, "108年度區民大會公告", body, lang=None if root == "<html>" else "zh-Hant-TW")

    def sitemap(self) -> None:
        links = "".join(f'<li><a href="{href}">{label}</a></li>' for label, href in _NAV)
        body = ("<h2>快速鍵說明</h2>\n<p>本網站依無障礙網頁設計原則建置，設有下列導盲磚及快速鍵（Accesskey）：</p>\n"
                "<ul><li>Alt+U：上方功能區塊，包括回首頁、網站導覽、搜尋等。</li>"
                "<li>Alt+C：中央內容區塊，為本頁主要內容區。</li>"
                "<li>Alt+Z：下方功能區塊，包括地址、電話等。</li></ul>\n"
                "<p>Chrome 與 Edge 瀏覽器請按 Alt+快速鍵；Firefox 請按 Alt+Shift+快速鍵。</p>\n"
                f"<h2>網站架構</h2>\n<ul>{links}</ul>")
        self.page(SITEMAP, "網站導覽", body)


def build_barrier_site(base: str, repaired: bool = False, external: str | None = None) -> BarrierSite:
    """Every route of one variant for the given base URL, and its truth; same arguments, same bytes.

    external: base URL of a second host standing in for Facebook and the 標章 portal (serve_barrier_site gives
    one); without it those two links point at /__external__/ on the main host, which answers 404."""
    builder = _Builder(base, external or base.rstrip("/") + "/__external__", repaired)
    builder.build()
    repeated = sorted(builder.chrome_pages)
    for barrier in builder.barriers:
        if barrier.pop("repeated", False):
            barrier["urls"] = repeated
    not_found = ('<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8"><title>404 找不到網頁</title>'
                 f'</head><body><main><h1>404 找不到網頁</h1><p><a href="{HOME}">回首頁</a></p></main></body></html>')
    truth = {
        "agency": AGENCY,
        "as_of": AS_OF,
        "repaired": repaired,
        "start_url": builder.m + HOME,
        "pages": sorted(builder.pages),
        "chrome_pages": repeated,
        "barriers": sorted(builder.barriers, key=lambda b: b["id"]),
        "not_barriers": builder.not_barriers,
        "scored_levels": sorted(SCORED_LEVELS),
    }
    return BarrierSite(main=builder.main, external=builder.external, truth=truth, start_url=builder.m + HOME,
                       not_found=Route(404, not_found.encode(), {"Content-Type": HTML_UTF8}))


@contextmanager
def serve_barrier_site(repaired: bool = False, host: str = "127.0.0.1",
                       external_host: str = "127.0.0.2") -> Iterator[BarrierSite]:
    """Serves one variant on free loopback ports (the 標章 and Facebook links go to the second host)."""
    main = DemoServer((host, 0), "main")
    external = DemoServer((external_host, 0), "external")
    try:
        site = build_barrier_site(f"http://{host}:{main.server_address[1]}", repaired,
                                  f"http://{external_host}:{external.server_address[1]}")
        main.site = external.site = site  # the demo server only calls site.lookup(host_role, target)
        with running({"main": main, "external": external}, "barriersite"):
            yield site
    finally:
        for server in (main, external):
            server.server_close()


# ---------------------------------------------------------------- scoring

def _is_a11y(finding: dict) -> bool:
    return finding.get("check", "").startswith("a11y.") and finding.get("check") != "a11y.browser-error"


def _counts_as_failure(finding: dict) -> bool:
    """An A/AA WCAG failure: 規範 technique rules (Freego's markup tests) count only once axe confirms them."""
    evidence = finding.get("evidence") or {}
    if not _is_a11y(finding) or evidence.get("level") not in SCORED_LEVELS:
        return False
    source = evidence.get("source", "")
    return not (evidence.get("rule") in TECHNIQUE_RULES and "axe" not in source)


def _points_at(finding: dict, markers: Iterable[str]) -> bool:
    evidence = finding.get("evidence") or {}
    shown = " ".join(evidence.get(key) or "" for key in ("snippet", "selector", "locator"))
    return any(marker in shown for marker in markers)


def _on_page(finding: dict, barrier: dict) -> bool:
    url = canonical_url(finding.get("url", ""))
    if url == canonical_url(barrier["url"]):
        return True
    # axe reports what is inside a frame on the embedding page too, with a frame-crossing selector.
    host = barrier.get("frame_host")
    return bool(host) and url == canonical_url(host) and " >>> " in ((finding.get("evidence") or {}).get(
        "selector") or "")


def barrier_findings(barrier: dict, findings: Iterable[dict]) -> list[dict]:
    """Findings that report this barrier: its page, its element (marker), its criterion, at level A or AA."""
    return [f for f in findings if _counts_as_failure(f) and barrier["sc"] in (f.get("evidence") or {}).get(
        "wcag", ()) and _on_page(f, barrier) and _points_at(f, barrier["markers"])]


def score_findings(truth: dict, findings: Iterable[dict]) -> dict:
    """Which documented barriers govaudit found, and which axe alone (findings with "axe" in evidence.source)
    and the static rules alone would have found. findings: the "findings" list of a findings.json."""
    findings = list(findings)
    per_barrier: dict[str, dict[str, bool]] = {}
    for barrier in truth["barriers"]:
        hits = barrier_findings(barrier, findings)
        sources = [(f.get("evidence") or {}).get("source", "") for f in hits]
        per_barrier[barrier["id"]] = {
            "govaudit": bool(hits),
            "axe": any("axe" in source for source in sources),
            "static": any("static" in source for source in sources),
        }
    total = len(per_barrier)

    def tally(engine: str) -> dict:
        ids = [bid for bid, seen in per_barrier.items() if seen[engine]]
        return {"found": len(ids), "total": total, "recall": len(ids) / total if total else 1.0, "ids": ids,
                "missed": [bid for bid in per_barrier if bid not in ids]}

    reported_decoys = []
    for decoy in truth.get("not_barriers", ()):
        if any(_is_a11y(f) and canonical_url(f.get("url", "")) == canonical_url(decoy["url"])
               and _points_at(f, decoy["markers"]) for f in findings):
            reported_decoys.append(decoy["id"])
    return {"govaudit": tally("govaudit"), "axe": tally("axe"), "static": tally("static"),
            "per_barrier": per_barrier, "not_barriers_reported": reported_decoys}


def wcag_failures(findings: Iterable[dict]) -> list[dict]:
    """Every finding that counts as an A/AA WCAG failure under the scoring rules above."""
    return [f for f in findings if _counts_as_failure(f)]
