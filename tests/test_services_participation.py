"""Online services (2.2.1, 1.1.2) and e-participation (2.2.2): inventories, whether each link works, reply dates.

Menus in the Hsinchu home.jsp, CCMS cp.aspx and static styles; article links and commented-out links never count."""

from __future__ import annotations

import lxml.html

from checks.participation import INACTIVE_DAYS, check_participation, reply_facts, summarize_e_participation
from checks.services import check_services, summarize_online_services
from tests.test_vocab import BASE, document, html_site

HUB = "/ch/home.jsp?id=50&parentpath=0"


def home(nav: str = "", main: str = "", footer: str = "") -> str:
    return document(f'<header><nav class="mainnav"><ul>{nav}</ul></nav></header><main>{main}</main>'
                    f'<footer>{footer}</footer>', title="首頁")


SERVICE_NAV = (
    f'<li><a href="{HUB.replace("&", "&amp;")}">線上服務</a><ul class="submenu">'
    '<li><a href="/ch/home.jsp?id=51&amp;parentpath=0,50">線上申辦</a></li>'
    '<li><a href="/ch/home.jsp?id=52&amp;parentpath=0,50">表單下載</a></li>'
    '<li><a href="/ch/home.jsp?id=53&amp;parentpath=0,50">案件查詢</a></li>'
    '<!-- <li><a href="/ch/home.jsp?id=56&amp;parentpath=0,50">取件通知</a></li> -->'
    '</ul></li>')
HUB_PAGE = document(
    '<nav class="mainnav"><a href="/ch/index.jsp">首頁</a></nav>'
    '<main><ul class="list"><li><a href="https://www.gov.tw/News3_Content.aspx?n=2&amp;s=100">戶籍謄本線上申請</a></li>'
    '<li><a href="cp.aspx?n=501">預約掛號</a></li><li><a href="/pay/index.aspx">網路繳費（信用卡）</a></li>'
    '<li><a href="/ch/home.jsp?id=51&amp;parentpath=0,50">線上申辦</a></li></ul></main>', title="線上服務")
ARTICLE = document('<main><p>詳見<a href="/apply-guide.html">線上申辦說明</a></p></main>', title="新聞")


def service_site(**kw):
    pages = {"/": home(nav=SERVICE_NAV, main='<ul class="news"><li><a href="/news/1.html">新聞</a></li></ul>'),
             HUB: HUB_PAGE, "/news/1.html": ARTICLE,
             "/ch/home.jsp?id=51&parentpath=0,50": document("<main>申辦</main>", title="線上申辦"),
             "/ch/home.jsp?id=52&parentpath=0,50": document("<main><h1>查無資料</h1></main>", title="查無資料"),
             "/ch/home.jsp?id=53&parentpath=0,50": document("<main>x</main>", title="案件查詢"),
             "/ch/cp.aspx?n=501": document("<main>x</main>", title="預約")}
    return html_site(pages, statuses={"/ch/home.jsp?id=53&parentpath=0,50": 500},
                     checks={"https://www.gov.tw/News3_Content.aspx?n=2&s=100": 200}, **kw)


# ---------------------------------------------------------------- online services


def test_service_inventory_shape_counts_and_works():
    summary = summarize_online_services(service_site())
    assert set(summary) == {"items", "counts", "total"}
    rows = [(i["category"], i["text"], i["url"], i["works"], i["status"]) for i in summary["items"]]
    assert rows == [
        ("application", "線上申辦", BASE + "/ch/home.jsp?id=51&parentpath=0,50", True, 200),
        ("forms", "表單下載", BASE + "/ch/home.jsp?id=52&parentpath=0,50", False, 200),   # soft 404
        ("case_status", "案件查詢", BASE + "/ch/home.jsp?id=53&parentpath=0,50", False, 500),
        ("application", "戶籍謄本線上申請", "https://www.gov.tw/News3_Content.aspx?n=2&s=100", True, 200),
        ("booking", "預約掛號", BASE + "/ch/cp.aspx?n=501", True, 200),
        ("payment", "網路繳費（信用卡）", BASE + "/pay/index.aspx", None, None),             # never fetched
    ]
    assert summary["counts"] == {"application": 2, "payment": 1, "pickup_notice": 0, "booking": 1, "case_status": 1,
                                 "forms": 1}
    assert summary["total"] == 6
    for item in summary["items"]:
        assert set(item) == {"category", "name", "text", "url", "works", "status"}


def test_article_and_commented_links_are_not_services():
    urls = [i["url"] for i in summarize_online_services(service_site())["items"]]
    assert BASE + "/apply-guide.html" not in urls
    assert BASE + "/ch/home.jsp?id=56&parentpath=0,50" not in urls


def test_service_findings():
    findings = list(check_services(service_site()))
    missing = [(f.evidence["category"], f.severity) for f in findings if f.check == "service.missing-category"]
    assert missing == [("pickup_notice", "notice")]
    broken = {f.evidence["category"]: f for f in findings if f.check == "service.broken"}
    assert set(broken) == {"forms", "case_status"}
    assert broken["case_status"].evidence["also_indicators"] == ["1.1.2"]
    assert broken["case_status"].target == BASE + "/ch/home.jsp?id=53&parentpath=0,50"
    assert broken["forms"].evidence["reason"] == "soft-404:查無資料"
    assert {f.indicator for f in findings} == {"2.2.1"}


def test_no_services_at_all():
    site = html_site({"/": home()})
    summary = summarize_online_services(site)
    assert summary == {"items": [], "counts": {"application": 0, "payment": 0, "pickup_notice": 0, "booking": 0,
                                               "case_status": 0, "forms": 0}, "total": 0}
    findings = list(check_services(site))
    assert [(f.evidence["category"], f.severity) for f in findings] == [
        ("application", "warning"), ("payment", "notice"), ("pickup_notice", "notice"), ("booking", "notice"),
        ("case_status", "notice"), ("forms", "notice")]
    assert findings[4].evidence["also_indicators"] == ["1.1.2"]


def test_ccms_and_static_service_menus():
    nav = ('<li><a href="cp.aspx?n=60" title="便民服務">便民服務</a></li>'
           '<li><a href="https://service.demo.gov.tw/Pickup/Notice.aspx">領件通知</a></li>')
    static = '<div class="sidebar"><a href="/booking.html">線上預約</a><a href="/forms/">書表下載</a></div>'
    site = html_site({"/": home(nav=nav, footer=static)})
    summary = summarize_online_services(site)
    assert [(i["category"], i["text"]) for i in summary["items"]] == [
        ("pickup_notice", "領件通知"), ("booking", "線上預約"), ("forms", "書表下載")]
    # 便民服務 names the hub page, which was not crawled here: the hub link itself is no service item.


# ---------------------------------------------------------------- reply dates on a page


def tree(html: str):
    return lxml.html.document_fromstring(html)


def test_reply_facts_from_a_table_column():
    html = document('<main><table><thead><tr><th>主旨</th><th>來信日期</th><th>回覆日期</th></tr></thead><tbody>'
                    '<tr><td>路燈不亮</td><td>115-10-01</td><td>115-10-03</td></tr>'
                    '<tr><td>公園整修</td><td>115/08/20</td><td>115/08/22</td></tr>'
                    '<tr><td>噪音</td><td>115-11-02</td><td></td></tr></tbody></table></main>')
    facts = reply_facts(tree(html), BASE + "/mail/list.jsp")
    assert facts == {"count": 2, "newest": "2026-10-03", "dates": ["2026-10-03", "2026-08-22"]}


def test_reply_facts_after_labels():
    html = document('<main><div class="msg"><p>問：垃圾車時間？</p><dl><dt>回覆日期</dt><dd>2026/05/01</dd></dl></div>'
                    '<div class="msg"><span class="label">答覆日期：</span>民國115年6月2日</div>'
                    '<p>回覆時間：115.07.09 10:20</p></main>')
    assert reply_facts(tree(html), BASE + "/board.jsp")["dates"] == ["2026-07-09", "2026-06-02", "2026-05-01"]


def test_reply_facts_empty_without_labels_and_ignores_scripts():
    assert reply_facts(tree(document("<main><p>更新日期：115-11-20</p></main>")), BASE + "/") == {}
    html = document('<main><p>x</p></main><script>var s = "回覆日期 115-01-01";</script>')
    assert reply_facts(tree(html), BASE + "/") == {"count": 0, "newest": None, "dates": []}


# ---------------------------------------------------------------- e-participation channels

MAILBOX = document('<main><a href="/mail/list.jsp">信件公開</a><form action="/mail/send" method="post">'
                   '<textarea name="body"></textarea></form></main>', title="首長信箱")
MAIL_LIST = document('<main><table><tr><th>主旨</th><th>回覆日期</th></tr>'
                     '<tr><td>a</td><td>115-11-10</td></tr><tr><td>b</td><td>116-01-01</td></tr></table></main>',
                     title="信件公開")
BOARD = document('<main><ul><li>留言一<dl><dt>回覆日期</dt><dd>115-03-01</dd></dl></li></ul></main>', title="留言板")

CHANNEL_NAV = ('<li><a href="/ch/home.jsp?id=62&amp;parentpath=0,60">首長信箱</a></li>'
               '<li><a href="cp.aspx?n=63">留言板</a></li><li><a href="/survey.html">問卷調查</a></li>')
CHANNEL_FOOTER = ('<a href="https://www.facebook.com/hccg.demo" title="Facebook（另開新視窗）"><img src="/fb.png" alt="臉書">'
                  '</a><a href="https://line.me/R/ti/p/@hccg">LINE</a><a href="https://join.gov.tw/idea/index">提點子</a>'
                  '<!-- <a href="https://www.instagram.com/hccg">Instagram</a> -->')


def participation_site(**kw):
    pages = {"/": home(nav=CHANNEL_NAV, footer=CHANNEL_FOOTER),
             "/ch/home.jsp?id=62&parentpath=0,60": MAILBOX, "/mail/list.jsp": MAIL_LIST, "/cp.aspx?n=63": BOARD}
    return html_site(pages, statuses={"/survey.html": 404}, checks={
        "https://www.facebook.com/hccg.demo": 200, "https://line.me/R/ti/p/@hccg": "dns",
        BASE + "/survey.html": 404}, **kw)


def test_channels_shape_types_and_replies():
    summary = summarize_e_participation(participation_site())
    assert set(summary) == {"channels", "types_present"}
    rows = [(c["type"], c["platform"], c["text"], c["works"], c["newest_reply"]) for c in summary["channels"]]
    assert rows == [
        ("mailbox", None, "首長信箱", True, "2026-11-10"),     # from the 信件公開 list it links to; 116 is a typo
        ("message_board", None, "留言板", True, "2026-03-01"),
        ("survey", None, "問卷調查", False, None),
        ("social", "facebook", "Facebook（另開新視窗）", True, None),
        ("social", "line", "LINE", False, None),
        ("join_platform", None, "提點子", None, None),
    ]
    assert summary["types_present"] == ["mailbox", "message_board", "survey", "join_platform", "social"]
    for channel in summary["channels"]:
        assert set(channel) == {"type", "platform", "text", "url", "works", "newest_reply"}


def test_participation_findings():
    findings = list(check_participation(participation_site()))
    inactive = [f for f in findings if f.check == "participation.inactive"]
    assert [(f.evidence["text"], f.evidence["age_days"]) for f in inactive] == [("留言板", 273)]
    assert inactive[0].url == BASE + "/cp.aspx?n=63" and inactive[0].evidence["limit_days"] == INACTIVE_DAYS
    broken = [(f.evidence["type"], f.evidence["reason"]) for f in findings if f.check == "participation.broken"]
    assert broken == [("survey", "http-404"), ("social", "dns")]
    assert not [f for f in findings if f.check == "participation.missing-basic"]
    assert {f.indicator for f in findings} == {"2.2.2"}
    assert [f.check for f in check_participation(participation_site(), inactive_days=300)].count(
        "participation.inactive") == 0


def test_only_social_accounts_lack_the_basic_service():
    site = html_site({"/": home(footer=CHANNEL_FOOTER)})
    [finding] = [f for f in check_participation(site) if f.check == "participation.missing-basic"]
    assert finding.severity == "warning" and finding.evidence["types_present"] == ["join_platform", "social"]
    assert "首長信箱" in finding.message
