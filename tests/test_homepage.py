"""The homepage checklist (2.1.2 (2)): homepage_facts on the page tree, then the fourteen items with evidence.

Homepages in the Hsinchu home.jsp, CCMS and plain static styles; hidden links and login boxes never count."""

from __future__ import annotations

import json

import lxml.html

from checks.homepage import check_homepage, homepage_facts, summarize_homepage
from tests.test_vocab import BASE, document, html_site

ITEM_KEYS = ["search_box", "sitemap", "disclosure_link", "news", "online_services", "contact_address",
             "contact_phone", "service_hours", "privacy_policy", "open_data_declaration", "font_size",
             "english_version", "accessibility_mark", "update_date"]

HSINCHU_HOME = document("""
<header class="header">
 <a href="#U" id="AU" accesskey="U" title="上方功能區塊">:::</a>
 <ul class="toplinks"><li><a href="/ch/index.jsp">回首頁</a></li>
  <li><a href="/ch/home.jsp?id=70&amp;parentpath=0">網站導覽</a></li></ul>
 <div class="fontsize">字級：<a href="javascript:setFontSize(0.9);" title="小字級">小</a>
  <a href="javascript:setFontSize(1);" title="中字級">中</a><a href="javascript:setFontSize(1.2);" title="大字級">大</a></div>
 <form class="search" action="/ch/search.jsp" method="get" role="search"><label for="kw">全站搜尋</label>
  <input type="text" id="kw" name="q" title="請輸入關鍵字"><button type="submit">搜尋</button></form>
 <nav class="mainnav"><ul><li><a href="/ch/home.jsp?id=2&amp;parentpath=0">最新消息</a></li>
  <li><a href="/ch/home.jsp?id=30&amp;parentpath=0">政府資訊公開</a></li>
  <li><a href="/ch/home.jsp?id=50&amp;parentpath=0">線上服務</a></li></ul></nav>
</header>
<main><section class="news"><h2>最新消息</h2><ul><li><a href="/ch/home.jsp?id=2&amp;dataserno=1">公告一</a></li></ul>
</section></main>
<footer class="footer">
 <ul class="footer-links"><li><a href="/ch/home.jsp?id=80&amp;parentpath=0">隱私權及網站安全政策</a></li>
  <li><a href="/ch/home.jsp?id=81&amp;parentpath=0">政府網站資料開放宣告</a></li></ul>
 <address>300 新竹市東區示範路100號</address>
 <p>電話：<a href="tel:+886-3-521-0000">(03)521-0000</a>　傳真：(03)521-0001</p>
 <p>服務時間：週一至週五 上午8:00至12:00、下午1:30至5:30（國定假日除外）　電子信箱：<a href="mailto:s@demo.gov.tw">s@demo.gov.tw</a></p>
 <p class="update-time">網站更新日期：115-11-20</p>
 <div class="badge"><a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20240305131929"
   title="移至無障礙標章網頁（另開新視窗）"><img src="/images/AA.png" alt="通過AA檢測等級無障礙網頁檢測" width="88" height="31"></a></div>
 <!-- <a href="/en/index.html">English</a> -->
</footer>""", title="首頁-新竹市示範所")

CCMS_HOME = document("""
<div class="header"><div class="toplink"><a href="/sitemap.aspx" title="網站導覽">網站導覽</a>
 <a href="/en/Default.aspx" title="English">English</a></div>
 <div class="tools"><button type="button">A-</button><button type="button">A</button><button type="button">A+</button></div>
 <form id="form1" method="post" action="./Default.aspx"><input type="hidden" name="__VIEWSTATE" value="x">
  <input type="text" name="ctl00$SearchKey" placeholder="請輸入關鍵字"><input type="submit" value="查詢"></form>
 <div class="menu"><ul><li><a href="cp.aspx?n=100" title="主動公開資訊">主動公開資訊</a></li>
  <li><a href="News.aspx?n=200&amp;sms=1" title="新聞稿">新聞稿</a></li>
  <li><a href="cp.aspx?n=300" title="線上申辦">線上申辦</a></li></ul></div></div>
<div id="CCMS_Content"><p>內容</p></div>
<div class="footer"><p>地址：100 臺北市中正區忠孝東路一段1號</p><p>總機：(02)2345-6789</p>
 <p>上班時間：週一至週五 08:30-17:30</p><p>更新日期：2026-11-01</p>
 <a href="cp.aspx?n=900">隱私權保護政策</a><a href="cp.aspx?n=901">資料開放宣告</a></div>""", title="首頁")

STATIC_HOME = document("""
<div id="top"><h1>示範所</h1><form action="/login" method="post"><input type="text" name="user">
 <input type="password" name="pw"><button>登入</button></form></div>
<div id="content"><p>歡迎光臨</p></div>""", title="示範所")


def facts_of(html: str, url: str = BASE + "/") -> dict:
    return homepage_facts(lxml.html.document_fromstring(html), url)


def items(site) -> dict[str, dict]:
    summary = summarize_homepage(site)
    assert [i["key"] for i in summary["items"]] == ITEM_KEYS
    for item in summary["items"]:
        assert set(item) == {"key", "name", "present", "evidence"}
    return {i["key"]: i for i in summary["items"]}


# ---------------------------------------------------------------- page facts


def test_hsinchu_homepage_facts():
    facts = facts_of(HSINCHU_HOME)
    json.dumps(facts, ensure_ascii=False)  # stored as JSON in PageRecord.facts
    assert facts["search_forms"] == [{"action": BASE + "/ch/search.jsp", "method": "GET", "field": "q",
                                      "locator": "/html/body/header/form"}]
    assert facts["address"] == {"text": "300 新竹市東區示範路100號", "how": "address-element"}
    assert facts["phone"] == {"text": "電話: (03)521-0000", "how": "label"}
    assert facts["hours"]["text"] == "服務時間:週一至週五 上午8:00至12:00、下午1:30至5:30(國定假日除外)"
    assert facts["font_size"] == {"text": "字級: 小 中 大", "how": "word"}
    assert facts["update"] == {"text": "網站更新日期:115-11-20", "date": "2026-11-20"}
    assert facts["hreflang_en"] == []
    assert "最新消息" in facts["headings"]


def test_ccms_homepage_facts():
    facts = facts_of(CCMS_HOME, BASE + "/Default.aspx")
    assert facts["search_forms"][0]["method"] == "POST"
    assert facts["search_forms"][0]["action"] == BASE + "/Default.aspx"
    assert facts["search_forms"][0]["field"] == "ctl00$SearchKey"
    assert facts["address"]["how"] == "label" and "忠孝東路一段1號" in facts["address"]["text"]
    assert facts["phone"]["text"] == "總機:(02)2345-6789"
    assert facts["hours"]["text"] == "上班時間:週一至週五 08:30-17:30"
    assert facts["font_size"] == {"text": "a+ a-", "how": "controls"}
    assert facts["update"]["date"] == "2026-11-01"


def test_static_homepage_has_no_search_box_only_a_login():
    facts = facts_of(STATIC_HOME)
    assert facts["search_forms"] == []
    assert facts["address"] is None and facts["phone"] is None and facts["hours"] is None
    assert facts["font_size"] is None and facts["update"] is None


def test_script_driven_search_box_and_other_font_controls():
    html = document('<div role="search"><input type="text" id="keyword" placeholder="搜尋"></div>'
                    '<ul class="font-size-switch"><li><a href="#">A</a></li></ul>'
                    '<link rel="alternate" hreflang="en" href="/en/"><p>地址：新竹市北區國華街69號</p>'
                    '<p>聯絡電話 03-5216121</p>')
    facts = facts_of(html)
    assert facts["search_forms"] == [{"action": None, "method": None, "field": "keyword",
                                      "locator": "/html/body/div/input"}]
    assert facts["font_size"]["how"] == "class"
    assert facts["hreflang_en"] == [BASE + "/en/"]
    assert facts["address"] == {"text": "地址:新竹市北區國華街69號", "how": "label"}
    assert facts["phone"]["text"].endswith("03-5216121")


def test_address_by_pattern_without_label():
    facts = facts_of(document("<div class='foot'>新竹市政府 300新竹市北區中正路120號 (03)521-6121</div>"))
    assert facts["address"] == {"text": "新竹市北區中正路120號", "how": "pattern"}
    assert facts["phone"] == {"text": "(03)521-6121", "how": "pattern"}


# ---------------------------------------------------------------- the checklist


def test_hsinchu_homepage_checklist():
    found = items(html_site({"/": HSINCHU_HOME}))
    missing = [key for key, item in found.items() if not item["present"]]
    assert missing == ["english_version"]  # the English link is commented out
    assert found["search_box"]["evidence"] == [BASE + "/ch/search.jsp"]
    assert found["sitemap"]["evidence"] == [BASE + "/ch/home.jsp?id=70&parentpath=0"]
    assert found["disclosure_link"]["evidence"] == [BASE + "/ch/home.jsp?id=30&parentpath=0"]
    assert found["news"]["evidence"][0] == BASE + "/ch/home.jsp?id=2&parentpath=0"
    assert found["online_services"]["evidence"] == [BASE + "/ch/home.jsp?id=50&parentpath=0"]
    assert found["contact_phone"]["evidence"][0] == "tel:+886-3-521-0000"
    assert found["accessibility_mark"]["evidence"] == [
        "https://accessibility.moda.gov.tw/Applications/Detail?category=20240305131929"]
    assert found["update_date"]["evidence"] == ["網站更新日期:115-11-20"]
    assert found["privacy_policy"]["name"] == "隱私權及安全政策"


def test_ccms_homepage_checklist():
    site = html_site({"/Default.aspx": CCMS_HOME}, start="/Default.aspx")
    found = items(site)
    assert [key for key, item in found.items() if not item["present"]] == ["accessibility_mark"]
    assert found["english_version"]["evidence"] == [BASE + "/en/Default.aspx"]
    assert found["disclosure_link"]["evidence"] == [BASE + "/cp.aspx?n=100"]
    assert found["online_services"]["evidence"] == [BASE + "/cp.aspx?n=300"]
    assert found["open_data_declaration"]["evidence"] == [BASE + "/cp.aspx?n=901"]


def test_bare_homepage_findings_one_per_missing_item():
    site = html_site({"/": STATIC_HOME})
    found = items(site)
    assert not any(item["present"] for item in found.values())
    findings = list(check_homepage(site))
    assert [f.evidence["key"] for f in findings] == ITEM_KEYS
    assert {f.check for f in findings} == {"homepage.item-missing"}
    assert {f.indicator for f in findings} == {"2.1.2"}
    assert {f.evidence["key"]: f.severity for f in findings}["english_version"] == "notice"
    assert {f.evidence["key"]: f.severity for f in findings}["search_box"] == "warning"
    assert len({f.finding_id for f in findings}) == len(findings)
    assert "首頁未見「搜尋框」" == findings[0].message


def test_without_homepage_facts_the_links_still_count():
    site = html_site({"/": HSINCHU_HOME})
    home = site.pages[0]
    del home.facts["homepage"]
    home.site_date = "2026-11-20"
    found = items(site)
    assert found["sitemap"]["present"] and found["privacy_policy"]["present"]
    assert found["search_box"]["present"] is False  # a form is not a link
    assert found["contact_phone"]["evidence"] == ["tel:+886-3-521-0000"]
    assert found["update_date"]["evidence"] == ["更新日期 2026-11-20"]
    finding = next(f for f in check_homepage(site) if f.evidence["key"] == "search_box")
    assert finding.evidence["facts_available"] is False and "僅依連結判斷" in finding.message


def test_no_homepage_no_findings():
    site = html_site({"/other.html": HSINCHU_HOME})
    assert list(check_homepage(site)) == []
    summary = summarize_homepage(site)
    assert summary["url"] == BASE + "/" and [i["present"] for i in summary["items"]] == [False] * 14
