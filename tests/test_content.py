"""Content validity (2.1.1 (3)(4)): page facts on real-looking markup of three CMS styles, and every site
finding both ways, over small sites built from that markup (no network)."""

from __future__ import annotations

import hashlib
from datetime import date

import lxml.html
import pytest

from checks.content import (NEWS_STALE_DAYS, check_content, content_facts, notice_dates, summarize_content)
from checks.html import extract_references, page_title, url_key
from checks.records import PageRecord
from checks.site import Site
from checks.vocab import load

AS_OF = date(2026, 11, 29)
H = "https://dep.hcchb.gov.tw"          # Hsinchu home.jsp CMS
C = "https://www.example.gov.tw"        # CCMS cp.aspx / News.aspx
S = "http://www.static-demo.gov.tw"     # plain static site
AGENCY = "新竹市示範局"


def facts(html: str, url: str) -> dict:
    return content_facts(lxml.html.fromstring(html), url)


# ---------------------------------------------------------------- markup

HSINCHU_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><meta charset="utf-8">
<title>新竹市示範局</title></head><body>
<div id="header"><h1 class="logo"><a href="/ch/index.jsp"><img src="/images/logo.png" alt="新竹市示範局"></a></h1>
<div class="today">今天是 民國115年11月29日 星期日</div></div>
<div id="menu"><ul><li><a href="home.jsp?id=2&amp;parentpath=0">最新消息</a></li>
<li><a href="home.jsp?id=10&amp;parentpath=0">機關簡介</a></li></ul></div>
<div class="marquee"><marquee scrollamount="3"><ul>
<li><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202609010001">
115年中秋節聯歡活動，活動日期：115年9月20日</a></li>
<li><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202611010001">
歲末關懷物資發放至115年12月20日止</a></li></ul></marquee></div>
<div id="center">
<div class="tabs"><ul class="tab-title"><li class="active"><a href="#tab1">最新消息</a></li><li><a href="#tab2">活動訊息</a></li></ul>
<div id="tab1" class="tab-content"><ul class="list">
<li class="top"><img src="/images/top.gif" alt="置頂"><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202608010001">
115年度志工招募，報名期間：115年8月1日至8月31日</a><span class="date">115-08-01</span></li>
<li><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202611260001">本局辦理社區環境清潔說明會</a><span class="date">115-11-26</span></li>
<li><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202611240001">長者健康促進申請自即日起受理</a><span class="date">115-11-24</span></li>
<li><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202611200001">防災避難演練活動花絮</a><span class="date">115-11-20</span></li>
<!-- <li><a href="home.jsp?id=2&amp;dataserno=201901010001">舊版公告</a><span class="date">108-01-01</span></li> -->
</ul><p class="more"><a href="home.jsp?id=2&amp;parentpath=0">更多最新消息</a></p></div>
<div id="tab2" class="tab-content"><ul class="list">
<li><a href="home.jsp?id=65&amp;parentpath=0,60">城市藝術季</a><span class="date">115-10-01</span></li>
<li><a href="home.jsp?id=65&amp;parentpath=0,60">公共自行車推廣</a><span class="date">115-09-01</span></li></ul></div></div>
</div>
<div id="popup" class="popup-layer"><div class="popup-box"><h3>線上申辦系統暫停服務公告</h3>
<p>配合機房設備更新，系統暫停服務，截止日期：115年10月31日。</p><a href="#" class="popup-close">關閉</a></div></div>
<div id="footer"><p>網站更新日期：115-11-20</p><p>未經授權不得轉載本網站資料</p></div>
</body></html>"""

HSINCHU_NEWS_PAGE = """<html><head><title>最新消息-新竹市示範局</title></head><body>
<div id="header"><h1 class="logo"><a href="/ch/index.jsp">新竹市示範局</a></h1></div>
<div class="path"><a href="/ch/index.jsp">首頁</a> &gt; <a href="home.jsp?id=2&amp;parentpath=0">最新消息</a></div>
<div id="content"><h2 class="title">最新消息</h2>
<table class="list" summary="最新消息列表"><tr><th>標題</th><th>發布日期</th></tr>
<tr><td><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202608150001">秋季防疫宣導</a></td><td>115-08-15</td></tr>
<tr><td><a href="home.jsp?id=2&amp;parentpath=0&amp;mcustomize=onemessages_view.jsp&amp;dataserno=202607010001">暑期親子活動</a></td><td>115-07-01</td></tr>
</table></div></body></html>"""

CCMS_NEWS = """<!DOCTYPE html><html lang="zh-Hant"><head><title>最新消息-範例局</title></head><body>
<header class="header"><div class="logo"><a href="Default.aspx"><img alt="範例局" src="logo.png"></a></div>
<nav><ul><li><a href="News.aspx?n=12&amp;sms=9">最新消息</a></li><li><a href="cp.aspx?n=30">政府資訊公開</a></li></ul></nav></header>
<div id="CCMS_Content"><div class="group page-content"><div class="in">
<div class="hd"><h2 class="h3">最新消息</h2></div>
<div class="ct"><div class="area-table rwd-straight"><table class="table-list">
<thead><tr><th scope="col">序號</th><th scope="col">標題</th><th scope="col">發布單位</th><th scope="col">發布日期</th></tr></thead>
<tbody>
<tr><td>1</td><td><a href="News_Content.aspx?n=12&amp;sms=9&amp;s=301">113年度防汛整備說明</a></td><td>秘書室</td><td>2024-05-01</td></tr>
<tr><td>2</td><td><a href="News_Content.aspx?n=12&amp;sms=9&amp;s=300">[2024-04-20] 春季路跑活動</a></td><td>秘書室</td><td></td></tr>
<tr><td>3</td><td><a href="News_Content.aspx?n=12&amp;sms=9&amp;s=299">清明連假服務公告</a></td><td>秘書室</td><td>2024-04-01</td></tr>
</tbody></table></div></div></div></div></div>
<footer><p>資料來源：範例局</p></footer></body></html>"""

CCMS_CONTENT = """<html><head><title>人口統計-範例局</title></head><body>
<header><nav><a href="News.aspx?n=12&amp;sms=9">最新消息</a></nav></header>
<div id="CCMS_Content"><div class="cp"><h2>人口統計</h2>
<p>以下為內政部戶政司公布之本市人口統計：</p>
<table><caption>本市113年人口統計</caption><tr><th>區別</th><th>人口數</th></tr>
<tr><td>東區</td><td>220,000</td></tr></table>
<p class="date">日期:113-05-01</p></div></div></body></html>"""

STATIC = """<html><head><title>公告事項 | 靜態示範所</title></head><body>
<table width="100%"><tr><td><img src="logo.gif" alt="靜態示範所"></td></tr></table>
<h1>公告事項</h1>
<h2>公告</h2>
<ul>
<li>2024/05/01 <a href="news/20240501.html">五月份環境清潔日</a></li>
<li>2024/04/15 <a href="news/20240415.html">春季健檢活動</a></li>
<li>2024/03/01 <a href="news/20240301.html">清明掃墓交通管制</a></li>
</ul>
<p>本文轉載內容，僅供參考。</p>
</body></html>"""


# ---------------------------------------------------------------- page facts

def test_hsinchu_homepage_facts():
    f = facts(HSINCHU_HOME, H + "/ch/index.jsp")
    # The logo h1 sits in the header: it is no heading of the page's content.
    assert f["heading"] is None
    assert f["news_heading"] == "最新消息"
    assert [i["date"] for i in f["news_items"]] == ["2026-08-01", "2026-11-26", "2026-11-24", "2026-11-20"]
    assert f["news_items"][1] == {
        "title": "本局辦理社區環境清潔說明會", "date": "2026-11-26",
        "url": H + "/ch/home.jsp?id=2&parentpath=0&mcustomize=onemessages_view.jsp&dataserno=202611260001"}
    # The commented-out 108年 item is no item; the 活動訊息 tab is not the news list.
    assert all("舊版" not in i["title"] and "藝術" not in i["title"] for i in f["news_items"])
    by_where = {}
    for n in f["notices"]:
        by_where.setdefault(n["where"], []).append(n)
    assert [n["deadline"] for n in by_where["modal"]] == ["2026-10-31"]
    assert "暫停服務" in by_where["modal"][0]["text"]
    assert sorted(n["deadline"] for n in by_where["marquee"]) == ["2026-09-20", "2026-12-20"]
    # The pinned (置頂) item: its range ends 8月31日 of the list date's year; the list date itself is no deadline.
    assert [(n["deadline"], n["dates"]) for n in by_where["top-news"]] == [("2026-08-31", ["2026-08-01", "2026-08-31"])]
    # 「未經授權不得轉載」 is a copyright line, not a reprint.
    assert f["reproduces"] == []


def test_hsinchu_news_table_page_and_breadcrumb_ignored():
    f = facts(HSINCHU_NEWS_PAGE, H + "/ch/home.jsp?id=2&parentpath=0")
    assert f["heading"] == "最新消息"
    assert f["news_heading"] == "最新消息"
    assert [(i["title"], i["date"]) for i in f["news_items"]] == [("秋季防疫宣導", "2026-08-15"),
                                                                  ("暑期親子活動", "2026-07-01")]
    assert f["notices"] == []


def test_ccms_table_list_with_leading_dates_and_heading_fallback():
    f = facts(CCMS_NEWS, C + "/News.aspx?n=12&sms=9")
    assert f["heading"] == "最新消息"  # no h1: the first h2 in the content
    assert [(i["title"], i["date"]) for i in f["news_items"]] == [
        ("113年度防汛整備說明", "2024-05-01"), ("[2024-04-20] 春季路跑活動", "2024-04-20"),
        ("清明連假服務公告", "2024-04-01")]
    assert f["news_items"][0]["url"] == C + "/News_Content.aspx?n=12&sms=9&s=301"
    assert f["source"]["stated"] is True


def test_ccms_statistics_of_another_body():
    f = facts(CCMS_CONTENT, C + "/cp.aspx?n=40")
    assert f["heading"] == "人口統計"
    assert f["source"] == {"stated": False, "text": None}
    assert [(r["kind"], r["bodies"]) for r in f["reproduces"]] == [("statistics", ["內政部"])]
    assert f["news_items"] == []


def test_static_site_facts():
    f = facts(STATIC, S + "/news.html")
    assert f["heading"] == "公告事項"
    assert f["news_heading"] == "公告"  # the heading right above the list
    assert [i["date"] for i in f["news_items"]] == ["2024-05-01", "2024-04-15", "2024-03-01"]
    assert f["news_items"][0]["url"] == S + "/news/20240501.html"
    assert [r["kind"] for r in f["reproduces"]] == ["reprint"]


def test_template_and_hidden_lists_are_not_news():
    html = """<html><body><main><h2>最新消息</h2>
    <template><ul><li><a href="/x1">{{title}}</a><span>2020-01-01</span></li>
    <li><a href="/x2">{{title}}</a><span>2020-01-02</span></li></ul></template>
    <!-- <ul><li><a href="/old1">舊聞一</a> 2019-01-01</li><li><a href="/old2">舊聞二</a> 2019-01-02</li></ul> -->
    <p>目前沒有消息</p></main></body></html>"""
    f = facts(html, S + "/")
    assert f["news_items"] == [] and f["news_heading"] is None


def test_nav_menu_is_not_a_news_heading():
    # 最新消息 only in the menu, followed by a dated 活動 list under its own heading.
    html = """<html><body><nav><ul><li><a href="/news">最新消息</a></li></ul></nav>
    <main><h1>活動訊息</h1><ul><li><a href="/a1">路跑</a> 2026-10-01</li><li><a href="/a2">音樂會</a> 2026-09-01</li></ul>
    </main></body></html>"""
    assert facts(html, S + "/events")["news_items"] == []


def test_notice_deadlines():
    d = date(2026, 11, 20)
    assert notice_dates("報名期間：115年10月1日起至115年10月31日止")[1] == date(2026, 10, 31)
    assert notice_dates("即日起至11月25日止", d)[1] == date(2026, 11, 25)
    assert notice_dates("即日起至11月25日止")[1] is None  # no year anywhere: not guessed
    assert notice_dates("活動日期：115/11/01(六) 14:00")[1] == date(2026, 11, 1)
    assert notice_dates("報名截止日期：2026-10-20")[1] == date(2026, 10, 20)
    assert notice_dates("115/12/20~1/5 跨年展覽")[1] == date(2027, 1, 5)
    assert notice_dates("發布日期：115-11-01") == ([date(2026, 11, 1)], None)
    assert notice_dates("系統於108年11月15日(星期五)起轉換") == ([date(2019, 11, 15)], None)


def test_vocabulary_has_doc_and_compiles():
    v = load("content")
    assert v["_doc"].strip()
    assert "最新消息" in v["news_headings"] and "首頁" in v["home_titles"]


# ---------------------------------------------------------------- site checks

def record(url: str, html: str, *, status: int = 200, title: str | None = None) -> tuple[PageRecord, list]:
    root = lxml.html.fromstring(html)
    body = html.encode()
    page = PageRecord(
        agency_id="demo", url=url, url_key=url_key(url), requested_url=url, status=status,
        content_type="text/html; charset=utf-8", size=len(body), fetched_at="2026-11-29T00:00:00+00:00",
        response_ms=1.0, sha256=hashlib.sha256(body).hexdigest(), title=page_title(root) if title is None else title,
        lang="zh-Hant-TW", encoding="utf-8", depth=0, referrer=None,
        facts={"content": content_facts(root, url)})
    return page, [(url, r) for r in extract_references(root, url)]


def build(pages: dict[str, str], *, start: str, agency: str = AGENCY) -> Site:
    records, references = [], []
    for url, html in pages.items():
        page, refs = record(url, html)
        records.append(page)
        references += refs
    return Site(agency_id="demo", agency_name=agency, start_url=start, as_of=AS_OF, stale_days=365,
                pages=records, fetches=[], references=references)


def doc(title: str, body: str, *, nav: str = "") -> str:
    return (f"<html><head><title>{title}</title></head><body><header><div class='logo'>"
            f"<a href='/'>{AGENCY}</a></div><nav>{nav}</nav></header>"
            f"<main>{body}</main><footer>地址：新竹市</footer></body></html>")


M = "http://demo.gov.tw"
HOME = M + "/ch/index.jsp"
NAV = ('<ul><li><a href="/ch/news.html">最新消息</a></li><li><a href="/ch/about.html">機關簡介</a></li>'
       '<li><a href="/ch/rules.html">網站管理要點</a></li></ul>')


def base_pages(home_body: str = "<h1>首頁</h1>", **extra: str) -> dict[str, str]:
    pages = {
        HOME: doc(f"首頁-{AGENCY}", home_body, nav=NAV),
        M + "/ch/news.html": doc(f"最新消息列表-{AGENCY}", "<h1>最新消息列表</h1>", nav=NAV),
        M + "/ch/about.html": doc(f"機關簡介-{AGENCY}", "<h1>機關簡介</h1><p>本局沿革</p>", nav=NAV),
        M + "/ch/rules.html": doc(f"網站管理要點-{AGENCY}", "<h1>網站管理要點</h1>", nav=NAV),
    }
    pages.update(extra)
    return pages


def by_check(site: Site) -> dict[str, list]:
    found: dict[str, list] = {}
    for f in check_content(site):
        found.setdefault(f.check, []).append(f)
    return found


def test_clean_site_has_no_findings_and_summary_shape():
    site = build(base_pages(), start=HOME)
    assert by_check(site) == {}
    summary = summarize_content(site)
    assert summary == {"duplicate_titles": [], "generic_titles": 0, "title_heading_mismatch": 0,
                       "expired_notices": 0, "news_newest_date": None, "news_url": None, "source_missing": 0,
                       "update_rule": {"found": True, "url": M + "/ch/rules.html", "text": "網站管理要點"}}


def test_empty_and_generic_titles():
    pages = base_pages(**{
        M + "/a.html": "<html><head><title> </title></head><body><h1>甲</h1></body></html>",
        M + "/b.html": doc(AGENCY, "<h1>交通位置</h1>"),
        M + "/c.html": doc("未命名文件", "<h1>組織架構</h1>"),
        M + "/d.html": doc("Untitled Document", "<h1>首長簡介</h1>"),
    })
    site = build(pages, start=HOME)
    found = by_check(site)
    assert [f.url for f in found["content.title-empty"]] == [M + "/a.html"]
    assert sorted(f.url for f in found["content.title-generic"]) == [M + "/b.html", M + "/c.html", M + "/d.html"]
    b = next(f for f in found["content.title-generic"] if f.url == M + "/b.html")
    assert "僅有網站或機關名稱" in b.message and b.evidence["heading"] == "交通位置"
    assert summarize_content(site)["generic_titles"] == 3


def test_site_name_title_on_homepage_is_fine():
    for title in (AGENCY, f"首頁-{AGENCY}", f"{AGENCY}全球資訊網"):
        pages = base_pages()
        pages[HOME] = doc(title, "<h1>首頁</h1>", nav=NAV)
        assert "content.title-generic" not in by_check(build(pages, start=HOME)), title


def test_duplicate_titles_need_differing_content():
    same = doc(f"業務資訊-{AGENCY}", "<h1>業務資訊</h1><p>同一內容</p>")
    pages = base_pages(**{M + f"/same{i}.html": same for i in range(3)})
    assert "content.title-duplicate" not in by_check(build(pages, start=HOME))

    pages = base_pages(**{M + f"/biz{i}.html": doc(f"業務資訊-{AGENCY}", f"<h1>業務資訊</h1><p>第{i}項業務</p>")
                          for i in range(3)})
    site = build(pages, start=HOME)
    (f,) = by_check(site)["content.title-duplicate"]
    assert f.evidence["urls"] == [M + f"/biz{i}.html" for i in range(3)]
    assert f.evidence["title"] == f"業務資訊-{AGENCY}"
    assert summarize_content(site)["duplicate_titles"] == [
        {"title": f"業務資訊-{AGENCY}", "urls": [M + f"/biz{i}.html" for i in range(3)]}]


def test_pages_of_one_list_are_not_duplicates():
    pages = base_pages(**{M + f"/list.jsp?id=2&page={i}": doc(f"公告-{AGENCY}", f"<h1>公告</h1><p>第{i}頁</p>")
                          for i in range(1, 5)})
    pages[M + "/other.html"] = doc(f"公告-{AGENCY}", "<h1>公告</h1><p>另一頁</p>")
    assert "content.title-duplicate" not in by_check(build(pages, start=HOME))


def test_title_heading_mismatch():
    pages = base_pages(**{
        M + "/traffic.html": doc(f"交通位置-{AGENCY}", "<h1>組織架構圖</h1>"),
        M + "/ok.html": doc(f"交通位置-{AGENCY}", "<h1>交通位置</h1>"),
        # An h1 that repeats a menu label names the section, not the page.
        M + "/section.html": doc(f"春季路跑活動-{AGENCY}", "<h1>機關簡介</h1>", nav=NAV),
        # A second heading that fits is enough.
        M + "/second.html": doc(f"春季路跑活動-{AGENCY}", "<h1>活動專區</h1><h2>春季路跑</h2>"),
    })
    site = build(pages, start=HOME)
    (f,) = by_check(site)["content.title-heading-mismatch"]
    assert f.url == M + "/traffic.html"
    assert f.evidence["title"] == f"交通位置-{AGENCY}" and f.evidence["heading"] == "組織架構圖"
    assert summarize_content(site)["title_heading_mismatch"] == 1


def test_link_text_vs_target_title():
    home = ('<h1>首頁</h1><ul>'
            '<li><a href="/ch/news.html">最新消息</a></li>'           # 最新消息 → 最新消息列表: fine
            '<li><a href="/ch/budget.html">市民活動中心場地借用</a></li>'  # clearly another page
            '<li><a href="/ch/budget.html">詳細內容</a></li>'          # generic text
            '<li><a href="/ch/plain.html">交通資訊查詢服務</a></li>'    # target titled with the site name only
            '<!-- <li><a href="/ch/about.html">舊版網站導覽頁面</a></li> --></ul>')
    pages = base_pages(home, **{
        M + "/ch/budget.html": doc(f"115年度總預算書-{AGENCY}", "<h1>115年度總預算書</h1>"),
        M + "/ch/plain.html": doc(AGENCY, "<h1>交通</h1>"),
    })
    site = build(pages, start=HOME)
    (f,) = by_check(site)["content.link-title-mismatch"]
    assert (f.url, f.target) == (HOME, M + "/ch/budget.html")
    assert f.evidence["link_text"] == "市民活動中心場地借用" and f.evidence["target_title"] == f"115年度總預算書-{AGENCY}"


def test_link_repeated_on_every_page_is_chrome():
    # The same quick link in the content area of every page is template chrome, not a link an editor wrote.
    quick = '<div class="quick"><a href="/ch/budget.html">市民活動中心場地借用</a></div>'
    pages = {url: html.replace("</main>", quick + "</main>") for url, html in base_pages().items()}
    pages[M + "/ch/budget.html"] = doc(f"115年度總預算書-{AGENCY}", "<h1>115年度總預算書</h1>" + quick)
    site = build(pages, start=HOME)
    assert any(r.region == "main" and r.text == "市民活動中心場地借用" for _, r in site.references)
    assert "content.link-title-mismatch" not in by_check(site)


def test_expired_notices_on_the_homepage_only():
    popup = ('<div class="modal fade" id="announce" role="dialog"><div class="modal-dialog"><div class="modal-body">'
             '<h3>系統維護公告</h3><p>報名截止日期：115年10月31日</p></div></div></div>')
    live = ('<div class="modal" id="winter"><p>冬令物資發放，公告期限：115年12月31日</p></div>')
    old = '<div class="popup"><p>本局網站將於108年11月15日(星期五)起轉換新版</p></div>'
    pages = base_pages("<h1>首頁</h1>" + popup + live + old,
                       **{M + "/inner.html": doc(f"內頁-{AGENCY}", "<h1>內頁</h1>" + popup)})
    site = build(pages, start=HOME)
    found = by_check(site)["content.expired-notice"]
    assert [(f.url, f.evidence["expired_on"], f.evidence["basis"]) for f in found] == [
        (HOME, "2026-10-31", "deadline"), (HOME, "2019-11-15", "latest-date")]
    assert found[0].evidence["expired_on_roc"] == "民國115年10月31日"
    assert "首頁彈出視窗" in found[0].message
    assert summarize_content(site)["expired_notices"] == 2


def test_news_stale_and_fresh():
    def news_list(*dates: str) -> str:
        rows = "".join(f'<li><a href="/ch/n{i}.html">消息第{i}則</a><span>{d}</span></li>' for i, d in enumerate(dates))
        return f"<h1>最新消息列表</h1><ul>{rows}</ul>"

    stale = base_pages(**{M + "/ch/news.html": doc(f"最新消息列表-{AGENCY}", news_list("115-07-01", "115-06-01"),
                                                   nav=NAV)})
    site = build(stale, start=HOME)
    (f,) = by_check(site)["content.news-stale"]
    assert f.url == M + "/ch/news.html"
    assert f.evidence["newest_date"] == "2026-07-01" and f.evidence["age_days"] == 151 > NEWS_STALE_DAYS
    assert f.evidence["newest_date_roc"] == "民國115年7月1日"
    summary = summarize_content(site)
    assert (summary["news_newest_date"], summary["news_url"]) == ("2026-07-01", M + "/ch/news.html")

    fresh = base_pages(**{M + "/ch/news.html": doc(f"最新消息列表-{AGENCY}", news_list("115-11-20", "115-12-25"),
                                                   nav=NAV)})
    site = build(fresh, start=HOME)
    assert "content.news-stale" not in by_check(site)
    # A future-dated item does not count as the newest news.
    assert summarize_content(site)["news_newest_date"] == "2026-11-20"


STATS = ('<h1>本市人口統計</h1><p>以下為內政部戶政司公布之本市人口統計：</p>'
         '<table><caption>本市人口統計</caption><tr><th>區</th><th>人口</th></tr><tr><td>東區</td><td>1</td></tr></table>')


@pytest.mark.parametrize("extra, agency, expected", [
    ("", AGENCY, 1),
    ("<p>資料來源：內政部戶政司</p>", AGENCY, 0),
    ('<p><a href="https://www.ris.gov.tw/">戶政司全球資訊網</a></p>', AGENCY, 0),
    ("", "內政部戶政司", 0),  # the agency's own statistics
])
def test_source_missing(extra, agency, expected):
    pages = base_pages(**{M + "/stats.html": doc(f"本市人口統計-{AGENCY}", STATS + extra)})
    site = build(pages, start=HOME, agency=agency)
    found = by_check(site).get("content.source-missing", [])
    assert len(found) == expected
    if found:
        assert found[0].url == M + "/stats.html" and found[0].evidence["bodies"] == ["內政部"]
        assert "內政部" in found[0].message
    assert summarize_content(site)["source_missing"] == expected


def test_copyright_line_is_no_reprint():
    pages = base_pages(**{M + "/x.html": doc(f"說明-{AGENCY}", "<h1>說明</h1><p>本網站內容未經同意請勿任意轉載</p>")})
    assert "content.source-missing" not in by_check(build(pages, start=HOME))


def test_update_rule_missing_and_found_by_link_text():
    pages = base_pages()
    del pages[M + "/ch/rules.html"]
    nav = NAV.replace('<li><a href="/ch/rules.html">網站管理要點</a></li>', "")
    pages = {u: h.replace(NAV, nav) for u, h in pages.items()}
    site = build(pages, start=HOME)
    (f,) = by_check(site)["content.update-rule-missing"]
    assert f.url == HOME and f.indicator == "2.1.1"
    assert summarize_content(site)["update_rule"] == {"found": False, "url": None, "text": None}

    pages[M + "/ch/about.html"] = doc(f"機關簡介-{AGENCY}", '<h1>機關簡介</h1><p><a href="/files/rule.pdf">'
                                      '新竹市示範局網站資料更新維護作業要點</a></p>')
    site = build(pages, start=HOME)
    assert "content.update-rule-missing" not in by_check(site)
    assert summarize_content(site)["update_rule"] == {"found": True, "url": M + "/files/rule.pdf",
                                                      "text": "新竹市示範局網站資料更新維護作業要點"}


def test_pages_without_content_facts_are_skipped():
    site = build(base_pages(), start=HOME)
    for page in site.pages:
        page.facts = {}
    assert "content.title-heading-mismatch" not in by_check(site)


def test_facts_are_json_and_notices_can_be_skipped_off_the_homepage():
    import json

    full = facts(HSINCHU_HOME, H + "/ch/index.jsp")
    assert json.loads(json.dumps(full, ensure_ascii=False)) == full
    inner = content_facts(lxml.html.fromstring(HSINCHU_HOME), H + "/ch/index.jsp", notices=False)
    assert inner["notices"] == [] and inner["news_items"] == full["news_items"]


@pytest.mark.parametrize("text, found", [
    ("網站管理要點", True), ("本局網站資料更新維護作業要點", True), ("網頁資料上網及更新作業規定", True),
    ("全球資訊網維護管理作業要點", True), ("網站內容管理系統", False), ("會員資料維護", False),
    ("隱私權及網站安全政策", False), ("政府網站資料開放宣告", False), ("資通安全維護計畫", False),
    ("政府資訊公開作業要點", False),
])
def test_update_rule_vocabulary(text, found):
    from checks.content import _update_rule_match

    assert _update_rule_match(text) is found
