"""Site search (indicator 2.1.2 (1)): finding the box, reading results pages, probe queries, the site check,
and the Scrapy glue against a loopback server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from checks.search import (SearchProbe, check_search, probe_queries, result_count, results_facts, search_forms,
                           summarize_search, vocab)
from checks.site import Site

REPO = Path(__file__).resolve().parent.parent


def tree(markup: str):
    return lxml.html.fromstring(markup)


# --- search_forms ---------------------------------------------------------------------------------
HSINCHU_HOME = """<!DOCTYPE html><html lang="zh-Hant-TW"><head><title>新竹市示範局</title></head><body>
<div id="header"><a href="#U" accesskey="U" title="上方功能區塊">:::</a>
<ul class="toplinks"><li><a href="/ch/index.jsp">回首頁</a></li>
<li><a href="/ch/home.jsp?id=70&amp;parentpath=0">網站導覽</a></li></ul>
<!-- 舊版搜尋 <form action="/ch/old_search.jsp"><input name="q"><input type="submit" value="搜尋"></form> -->
<div class="search">
<form name="searchform" id="searchform" action="/ch/home.jsp" method="get" onsubmit="return checkSearch(this);">
<input type="hidden" name="id" value="25"><input type="hidden" name="parentpath" value="0">
<input type="hidden" name="mcustomize" value="search_list.jsp">
<label for="keyword" class="sr-only">關鍵字</label>
<input type="text" name="keyword" id="keyword" title="請輸入搜尋關鍵字" placeholder="請輸入關鍵字">
<input type="submit" value="搜尋" class="btn"></form></div></div>
<div id="center"><a href="/ch/home.jsp?id=20&amp;parentpath=0,2">最新消息</a></div>
</body></html>"""

CCMS_POSTBACK = """<html><head><title>臺北市示範處</title></head><body>
<form name="form1" method="post" action="./cp.aspx?n=8F6B2A7C1D0E" id="form1">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTk2">
<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAS">
<div class="header"><div class="newsletter"><label for="txtMail">訂閱電子報</label>
<input name="ctl00$txtMail" type="text" id="txtMail"><input type="submit" name="ctl00$btnMail" value="訂閱"></div>
<div class="search"><label for="ctl00_txtSearch">站內搜尋</label>
<input name="ctl00$txtSearch" type="text" id="ctl00_txtSearch" title="請輸入關鍵字">
<input type="submit" name="ctl00$btnSearch" value="搜尋" id="ctl00_btnSearch"></div></div>
<div id="CCMS_Content"><a href="News.aspx?n=1A2B&amp;sms=3C4D">最新消息</a></div>
</form></body></html>"""

CCMS_SEARCH_ASPX = """<html><body><div class="header">
<form action="Search.aspx" method="get" class="form-search"><input type="hidden" name="n" value="8F6B2A7C1D0E">
<input type="text" name="q" title="全站搜尋關鍵字" aria-label="全站搜尋"><button type="submit">查詢</button></form>
</div><div id="CCMS_Content"><a href="cp.aspx?n=1">關於我們</a></div></body></html>"""

STATIC = """<html><body><header><nav><a href="/index.html">首頁</a></nav>
<form action="/cgi-bin/search.cgi" method="get"><input type="search" name="words"><input type="submit" value="Search"></form>
</header><main><p>本所簡介</p></main></body></html>"""

GOOGLE_CSE = """<html><head><script async src="https://cse.google.com/cse.js?cx=012345:abcde"></script></head>
<body><div class="header"><div class="gcse-searchbox-only" data-resultsUrl="/search.html"></div></div></body></html>"""

GOOGLE_FORM = """<html><body><form action="https://www.google.com.tw/search" method="get" target="_blank">
<input type="hidden" name="sitesearch" value="www.example.gov.tw"><input type="hidden" name="ie" value="UTF-8">
<input type="text" name="q" title="以 Google 搜尋本站"><input type="submit" value="搜尋"></form></body></html>"""

GOOSEARCH = """<html><body><div class="searchArea" role="search">
<label for="searchAreaIpt">搜尋</label><input type="text" class="searchAreaIpt" id="searchAreaIpt" title="請輸入關鍵字">
<a href="javascript:;" class="searchBtn" onclick="gooSearch('zh-tw','ACS', $('.searchAreaIpt').val())">搜尋</a>
<a href="https://www.google.com.tw/advanced_search?hl=zh-TW&amp;as_q=&amp;num=100&amp;as_sitesearch=moda.gov.tw/acs">進階搜尋</a>
</div></body></html>"""

SCRIPTED = """<html><body><div class="topSearch"><input type="text" id="kw" title="請輸入關鍵字">
<button type="button" onclick="doSearch()">搜尋</button></div></body></html>"""

TEMPLATE_BOX = """<html><body><div role="search"><input type="search" id="qq" aria-label="站內搜尋">
<button type="button" onclick="location.href='/search?q='+encodeURIComponent(document.getElementById('qq').value)">搜尋</button>
</div></body></html>"""

NOT_SEARCH = """<html><body>
<form action="/login" method="post"><input name="account" title="帳號"><input type="password" name="pw"><input type="submit" value="登入"></form>
<form action="/contact" method="post"><input name="name"><input name="email"><input name="subject"><input name="phone">
<textarea name="body"></textarea><input type="submit" value="送出"></form>
<template><form action="/search"><input name="q"><input type="submit" value="搜尋"></form></template>
</body></html>"""


def test_hsinchu_home_jsp_form_keeps_hidden_cms_fields_and_ignores_commented_form():
    forms = search_forms(tree(HSINCHU_HOME), "https://demo.hccg.gov.tw/ch/index.jsp")
    assert len(forms) == 1
    form = forms[0]
    assert form["action"] == "https://demo.hccg.gov.tw/ch/home.jsp"
    assert form["method"] == "GET" and form["field"] == "keyword"
    assert form["hidden"] == {"id": "25", "parentpath": "0", "mcustomize": "search_list.jsp"}
    assert form["engine"] == "site" and not form["needs_browser"]
    assert "old_search" not in json.dumps(forms)


def test_ccms_aspnet_postback_form_picks_the_search_field_and_button():
    forms = search_forms(tree(CCMS_POSTBACK), "https://www.example.gov.taipei/cp.aspx?n=8F6B2A7C1D0E")
    form = forms[0]
    assert form["method"] == "POST"
    assert form["action"] == "https://www.example.gov.taipei/cp.aspx?n=8F6B2A7C1D0E"
    assert form["field"] == "ctl00$txtSearch"
    assert form["submit"] == ["ctl00$btnSearch", "搜尋"]
    assert set(form["hidden"]) == {"__VIEWSTATE", "__EVENTVALIDATION"}
    assert form["engine"] == "site"


def test_ccms_search_aspx_get_form():
    form = search_forms(tree(CCMS_SEARCH_ASPX), "https://www.example.gov.taipei/cp.aspx?n=1")[0]
    assert form["action"] == "https://www.example.gov.taipei/Search.aspx"
    assert (form["method"], form["field"], form["hidden"]) == ("GET", "q", {"n": "8F6B2A7C1D0E"})


def test_plain_static_form():
    form = search_forms(tree(STATIC), "http://www.town.example.tw/index.html")[0]
    assert form["action"] == "http://www.town.example.tw/cgi-bin/search.cgi"
    assert form["field"] == "words" and form["engine"] == "site"


@pytest.mark.parametrize("markup, via", [(GOOGLE_CSE, "cse-element"), (GOOGLE_FORM, "action"), (GOOSEARCH, "handler")])
def test_outside_engines_are_external(markup, via):
    forms = search_forms(tree(markup), "https://www.example.gov.tw/")
    assert forms and forms[0]["engine"] == "external"
    assert forms[0]["external_via"] == via


def test_script_driven_box_needs_browser_unless_its_url_is_readable():
    scripted = search_forms(tree(SCRIPTED), "https://www.example.gov.tw/")[0]
    assert scripted["needs_browser"] and scripted["action"] is None and scripted["engine"] == "site"
    templated = search_forms(tree(TEMPLATE_BOX), "https://www.example.gov.tw/ch/")[0]
    assert not templated["needs_browser"]
    assert templated["template"] == "https://www.example.gov.tw/search?q="


def test_login_contact_and_template_forms_are_not_search():
    assert search_forms(tree(NOT_SEARCH), "https://www.example.gov.tw/") == []


def test_form_only_inside_a_comment_means_no_search():
    markup = "<html><body><!-- <form action='/search'><input name='q'><input type=submit value='搜尋'></form> --><p>x</p></body></html>"
    assert search_forms(tree(markup), "https://www.example.gov.tw/") == []


# --- results_facts ---------------------------------------------------------------------------------
CHROME = """<div class="header"><a href="/ch/index.jsp">回首頁</a><a href="/ch/home.jsp?id=70&amp;parentpath=0">網站導覽</a>
<form class="search" action="/ch/search.jsp" role="search"><input name="q"><button>搜尋</button></form></div>
<div class="menu"><ul><li><a href="/ch/home.jsp?id=10&amp;parentpath=0">關於本局</a></li>
<li><a href="/ch/home.jsp?id=20&amp;parentpath=0">最新消息</a></li><li><a href="/ch/home.jsp?id=30&amp;parentpath=0">業務介紹</a></li></ul></div>"""
FOOTER = """<div class="footer"><a href="/ch/privacy.html">隱私權政策</a><a href="/ch/opendata.html">資料開放宣告</a></div>"""


def hsinchu_results(count_line: str, pager: str = "", sort: str = "", n: int = 10) -> str:
    items = "".join(
        f'<li><a href="/ch/home.jsp?id=20&amp;parentpath=0,2&amp;mcustomize=news_view.jsp&amp;dataserno={i}">'
        f'長照服務公告第{i}則</a><span class="date">115-11-{i:02d}</span></li>' for i in range(1, n + 1))
    return (f"<html><head><title>搜尋結果-新竹市示範局</title></head><body>{CHROME}<div id='content'><h2>搜尋結果</h2>"
            f"<p>{count_line}</p>{sort}<ul class='result-list'>{items}</ul>{pager}</div>{FOOTER}</body></html>")


PAGER = """<div class="pagination"><span class="total">第 1 頁／共 3 頁</span><span class="current">1</span>
<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;page=2" title="第2頁">2</a>
<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;page=3" title="第3頁">3</a>
<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;page=2" rel="next">下一頁</a></div>"""
SORT_LINKS = """<div class="sort">排序：<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;sort=rel">依相關度</a> |
<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;sort=date">依日期</a> |
<a href="/ch/search.jsp?q=%E9%95%B7%E7%85%A7&amp;sort=cat">依分類</a></div>"""
RESULTS_URL = "https://demo.hccg.gov.tw/ch/search.jsp?q=%E9%95%B7%E7%85%A7"


def test_results_with_pagination_and_sort_links():
    facts = results_facts(tree(hsinchu_results("關鍵字「長照」，共 23 筆資料", PAGER, SORT_LINKS)), RESULTS_URL, "q")
    assert facts["count"] == 23 and facts["pages"] == 3
    assert facts["listed"] == 10
    assert all("dataserno=" in u for u in facts["result_links"])
    assert facts["paginated"]
    assert facts["page2_url"] == "https://demo.hccg.gov.tw/ch/search.jsp?q=%E9%95%B7%E7%85%A7&page=2"
    keys = {o["key"]: o for o in facts["sort_options"]}
    assert set(keys) == {"relevance", "time", "topic"}
    assert keys["time"]["url"].endswith("sort=date") and keys["time"]["param"] == "sort"
    assert facts["no_results"] is None and result_count(facts) == 23


@pytest.mark.parametrize("line, count", [
    ("搜尋結果 57 筆", 57), ("找到 8 筆", 8), ("共12筆資料", 12), ("查詢結果：共 1,204 筆", 1204),
    ("資料筆數：31", 31), ("Showing 1-10 of about 1,230 results", 1230),
])
def test_count_wordings(line, count):
    facts = results_facts(tree(hsinchu_results(line)), RESULTS_URL, "q")
    assert facts["count"] == count


def test_results_without_pagination_or_sort():
    facts = results_facts(tree(hsinchu_results("找到 25 筆", n=25)), RESULTS_URL, "q")
    assert facts["count"] == 25 and facts["listed"] == 25
    assert not facts["paginated"] and facts["page2_url"] is None and facts["pages"] is None
    assert facts["sort_options"] == []


def test_ccms_table_results_with_select_sort_and_postback_pager():
    rows = "".join(f'<tr><td>{i}</td><td><a href="News_Content.aspx?n=1&amp;s={i}">防疫措施說明{i}</a></td>'
                   f'<td>2025/1/{i}</td></tr>' for i in range(1, 16))
    markup = f"""<html><body><form method="post" action="./Search.aspx?n=1"><div id="CCMS_Content">
    <span>搜尋結果 40 筆</span><label for="ddlSort">排序方式</label>
    <select name="ctl00$ddlSort" id="ddlSort" onchange="__doPostBack('ctl00$ddlSort','')">
    <option value="0">相關性</option><option value="1">發布日期(新到舊)</option><option value="2">發布單位</option></select>
    <table class="table">{rows}</table>
    <div class="page"><a href="javascript:__doPostBack('ctl00$gv','Page$2')">2</a>
    <a href="javascript:__doPostBack('ctl00$gv','Page$3')">3</a>
    <a href="javascript:__doPostBack('ctl00$gv','Page$Next')">下一頁</a></div></div></form></body></html>"""
    facts = results_facts(tree(markup), "https://www.example.gov.taipei/Search.aspx?n=1", "ctl00$txtSearch")
    assert facts["count"] == 40 and facts["listed"] == 15
    assert facts["paginated"] and facts["postback_pagination"] and facts["page2_url"] is None
    assert [o["key"] for o in facts["sort_options"]] == ["relevance", "time", "topic"]
    assert {o["control"] for o in facts["sort_options"]} == {"select"}
    assert facts["sort_options"][1]["param"] == "ctl00$ddlSort" and facts["sort_options"][1]["value"] == "1"


def test_radio_sort_and_category_facet_links():
    facets = "".join(f'<li><a href="/search?kw=x&amp;cat={c}">{label}(3)</a></li>'
                     for c, label in (("news", "最新消息"), ("law", "法規")))
    items = "".join(f'<li><a href="/p/{i}.html">道路施工公告{i}</a></li>' for i in range(6))
    markup = f"""<html><body><main><p>共 6 筆</p>
    <fieldset class="orderby"><legend>排序</legend>
    <input type="radio" name="order" id="o1" value="score" checked><label for="o1">相關度</label>
    <input type="radio" name="order" id="o2" value="date"><label for="o2">最新</label></fieldset>
    <ul class="facets">{facets}</ul><ol class="results">{items}</ol></main></body></html>"""
    facts = results_facts(tree(markup), "https://s.example.gov.tw/search?kw=x", "kw")
    keys = [(o["key"], o["control"]) for o in facts["sort_options"]]
    assert ("relevance", "radio") in keys and ("time", "radio") in keys
    assert ("topic", "facet-link") in keys
    assert facts["listed"] == 6 and all("/p/" in u for u in facts["result_links"])


@pytest.mark.parametrize("message", ["查無資料", "查無相關資料，請重新輸入關鍵字。", "很抱歉，沒有找到符合的結果", "共 0 筆"])
def test_no_hit_pages(message):
    markup = f"""<html><body>{CHROME}<main><h1>搜尋結果</h1><p>{message}</p>
    <div class="hot">熱門關鍵字：<a href="/ch/search.jsp?q=防疫">防疫</a><a href="/ch/search.jsp?q=長照">長照</a></div>
    </main>{FOOTER}</body></html>"""
    facts = results_facts(tree(markup), "https://demo.hccg.gov.tw/ch/search.jsp?q=zzz", "q")
    assert facts["result_links"] == [] and facts["no_results"]
    assert result_count(facts) == 0
    assert not facts["paginated"]


def test_google_cse_results_page_is_flagged_external():
    markup = """<html><head><script src="https://cse.google.com/cse.js?cx=1:2"></script></head><body>
    <div class="gcse-searchresults-only"></div></body></html>"""
    assert results_facts(tree(markup), "https://www.example.gov.tw/search.html?q=x", "q")["external"]


def test_empty_query_prompt():
    markup = "<html><body><main><p>請輸入關鍵字後再查詢</p></main></body></html>"
    facts = results_facts(tree(markup), "https://www.example.gov.tw/search?q=", "q")
    assert facts["empty_prompt"] == "請輸入關鍵字"


# --- probe_queries ---------------------------------------------------------------------------------
SITE_TEXTS = ["新竹市政府衛生局", "回首頁", "網站導覽", "最新消息", "長照服務申請", "長照服務據點", "長照2.0專區",
              "疫苗接種公告", "流感疫苗接種站", "新冠疫苗接種", "衛生局局長介紹", "食品安全公告", "食品安全檢驗",
              "English", "隱私權及網站安全政策", "政府網站資料開放宣告", "新竹市政府衛生局 長照服務", "聯絡我們"]


def test_probe_queries_from_the_sites_own_words():
    queries = probe_queries(SITE_TEXTS, None, exclude=["新竹市政府衛生局"])
    assert queries[-2:] == ["", vocab().no_hit_query]
    words = queries[:-2]
    assert len(words) == 2
    assert words[0] == "長照"
    assert all(w not in ("新竹", "衛生", "網站", "首頁", "最新", "照服") for w in words)


def test_configured_queries_replace_the_defaults():
    assert probe_queries(SITE_TEXTS, ["防疫", " ", "防疫"]) == ["防疫", "", "govaudit無結果測試字串"]


def test_probe_queries_with_no_words_still_probe_empty_and_no_hit():
    assert probe_queries([], None) == ["", "govaudit無結果測試字串"]


# --- check_search / summarize_search over stored probes -------------------------------------------
HOME = "https://demo.hccg.gov.tw/ch/index.jsp"
ACTION = "https://demo.hccg.gov.tw/ch/search.jsp"


def form(**overrides) -> dict:
    base = {"action": ACTION, "method": "GET", "field": "q", "hidden": {}, "extra": {}, "submit": None,
            "charset": None, "template": None, "engine": "site", "external_via": None, "needs_browser": False,
            "score": 13, "signals": [], "label": "搜尋", "locator": "/html/body/div/form", "page": HOME}
    base.update(overrides)
    return base


def discover(*forms: dict, **extra) -> dict:
    return {"kind": "discover", "url": HOME, "method": "GET", "q": None, "status": 200, "error": None,
            "response_ms": None, "final_url": HOME, "fetched_at": "", **extra,
            "facts": {"source": "homepage", "forms": list(forms), "chosen": forms[0] if forms else None,
                      "queries": ["長照", "", "govaudit無結果測試字串"]}}


def query(kind: str, q: str, facts: dict | None = None, status: int | None = 200, error: str | None = None,
          ms: float = 320.0, url: str | None = None) -> dict:
    return {"kind": kind, "url": url or f"{ACTION}?q={q}", "method": "GET", "q": q, "status": status,
            "error": error, "response_ms": ms if status else None, "final_url": url or f"{ACTION}?q={q}",
            "fetched_at": "", "facts": facts or {}}


def page_facts(count=None, listed=10, paginated=False, page2=None, sort=(), no_results=None, **extra) -> dict:
    return {"count": count, "pages": extra.pop("pages", None), "result_links": [f"{HOME}?n={i}" for i in range(listed)],
            "listed": listed, "paginated": paginated, "page2_url": page2, "next_url": page2,
            "postback_pagination": False, "pagination_via": [],
            "sort_options": [{"key": k, "label": k, "control": "link", "param": "sort", "value": k,
                              "url": f"{ACTION}?q=x&sort={k}"} for k in sort],
            "no_results": no_results, "empty_prompt": None, "external": extra.pop("external", False), "title": "",
            **extra}


NO_HIT = page_facts(listed=0, no_results="查無資料")


class _SiteWithProbes(Site):
    """Until Site has its search_probes field (the lead adds it), a subclass without slots carries it."""


def site_with(probes: list, start: str = HOME) -> Site:
    common = dict(agency_id="demo", agency_name="新竹市示範局", start_url=start, as_of=date(2026, 11, 29),
                  stale_days=365, pages=[], fetches=[], references=[])
    if "search_probes" in Site.__dataclass_fields__:
        return Site(**common, search_probes=probes)
    site = _SiteWithProbes(**common)
    site.search_probes = probes
    return site


def checks_of(site) -> dict:
    findings = list(check_search(site))
    for finding in findings:
        assert finding.indicator == "2.1.2"
        assert finding.message
    return {f.check: f for f in findings}


SUMMARY_KEYS = {"found", "engine", "form_url", "method", "paginated", "page2_differs", "sort_options",
                "empty_query", "no_hit_query", "queries"}


def test_paginated_sortable_site_is_clean():
    page2 = f"{ACTION}?q=長照&page=2"
    probes = [discover(form()),
              query("word", "長照", page_facts(23, 10, True, page2, ("relevance", "time", "topic"), pages=3)),
              query("empty", "", page_facts(listed=0, empty_prompt="請輸入關鍵字")),
              query("no-hit", "govaudit無結果測試字串", NO_HIT),
              {**query("page2", "長照", {**page_facts(23, 10, True), "differs": True}, url=page2)},
              {**query("sort", "長照", {**page_facts(23, 10, True), "sort_key": "time"}, url=f"{ACTION}?q=x&sort=time")}]
    site = site_with(probes)
    assert checks_of(site) == {}
    summary = summarize_search(site)
    assert set(summary) == SUMMARY_KEYS
    assert summary["found"] and summary["engine"] == "site" and summary["form_url"] == ACTION
    assert summary["method"] == "GET" and summary["paginated"] and summary["page2_differs"] is True
    assert summary["sort_options"] == ["relevance", "time", "topic"]
    assert summary["queries"] == [{"q": "長照", "url": f"{ACTION}?q=長照", "results": 23, "pages": 3, "status": 200,
                                   "response_ms": 320.0}]
    assert summary["empty_query"] == {"url": f"{ACTION}?q=", "status": 200, "results": None}
    assert summary["no_hit_query"] == {"url": f"{ACTION}?q=govaudit無結果測試字串", "status": 200, "results": 0,
                                       "message": "查無資料"}
    json.dumps(summary)


def test_unpaginated_unsorted_site():
    probes = [discover(form()), query("word", "長照", page_facts(40, 40)), query("no-hit", "x", NO_HIT)]
    site = site_with(probes)
    found = checks_of(site)
    assert set(found) == {"search.no-pagination", "search.no-sort"}
    assert found["search.no-sort"].evidence["missing"] == ["relevance", "time", "topic"]
    assert found["search.no-sort"].evidence["key"] == "relevance,time,topic"
    assert found["search.no-pagination"].evidence["listed"] == 40
    summary = summarize_search(site)
    assert not summary["paginated"] and summary["page2_differs"] is None and summary["sort_options"] == []


def test_few_results_without_pagination_are_not_a_finding_but_partial_sort_is():
    probes = [discover(form()), query("word", "長照", page_facts(5, 5, sort=("time",)))]
    found = checks_of(site_with(probes))
    assert set(found) == {"search.no-sort"}
    assert found["search.no-sort"].evidence["missing"] == ["relevance", "topic"]
    assert "相關度" in found["search.no-sort"].message


def test_page_two_identical_to_page_one():
    page2 = f"{ACTION}?q=長照&page=2"
    probes = [discover(form()),
              query("word", "長照", page_facts(23, 10, True, page2, ("relevance", "time", "topic"))),
              query("page2", "長照", {**page_facts(23, 10, True), "differs": False}, url=page2)]
    site = site_with(probes)
    assert set(checks_of(site)) == {"search.no-pagination"}
    assert summarize_search(site)["page2_differs"] is False


def test_external_engine():
    google = form(action="https://www.google.com.tw/search", engine="external", external_via="action")
    site = site_with([discover(google)])
    found = checks_of(site)
    assert set(found) == {"search.external"}
    assert found["search.external"].target == "https://www.google.com.tw/search"
    summary = summarize_search(site)
    assert summary["found"] and summary["engine"] == "external" and summary["sort_options"] == []
    assert summary["queries"] == [] and summary["form_url"] == "https://www.google.com.tw/search"


def test_site_form_whose_results_page_is_google_cse_is_external():
    probes = [discover(form()), query("word", "長照", page_facts(listed=0, external=True))]
    site = site_with(probes)
    assert set(checks_of(site)) == {"search.external"}
    assert summarize_search(site)["engine"] == "external"


def test_missing_search():
    site = site_with([discover()])
    found = checks_of(site)
    assert set(found) == {"search.missing"} and found["search.missing"].severity == "error"
    summary = summarize_search(site)
    assert summary == {"found": False, "engine": None, "form_url": None, "method": None, "paginated": False,
                       "page2_differs": None, "sort_options": [], "empty_query": None, "no_hit_query": None,
                       "queries": []}


def test_no_probe_records_means_no_verdict():
    site = site_with([])
    assert checks_of(site) == {}
    assert summarize_search(site)["found"] is False


def test_broken_search_500():
    probes = [discover(form()), query("word", "長照", status=500), query("empty", "", status=500),
              query("no-hit", "x", status=500)]
    site = site_with(probes)
    found = list(check_search(site))
    assert {f.check for f in found} == {"search.broken"}
    assert len(found) == 3 and all(f.severity == "error" for f in found)
    assert found[0].evidence["status"] == 500 and found[0].target == f"{ACTION}?q=長照"
    summary = summarize_search(site)
    assert summary["queries"][0]["status"] == 500 and summary["queries"][0]["results"] is None


def test_empty_query_refused_with_400_is_not_broken():
    probes = [discover(form()), query("word", "長照", page_facts(8, 8, sort=("relevance", "time", "topic"))),
              query("empty", "", status=400)]
    assert checks_of(site_with(probes)) == {}


def test_frequent_word_without_results_is_broken():
    probes = [discover(form()), query("word", "長照", NO_HIT)]
    found = checks_of(site_with(probes))
    assert found["search.broken"].severity == "warning"
    assert found["search.broken"].evidence["kind"] == "word-no-results"


def test_robots_disallowed_search_is_not_probed_not_broken():
    probes = [discover(form()), query("word", "長照", status=None, error="robots"),
              query("empty", "", status=None, error="robots"), query("no-hit", "x", status=None, error="robots")]
    site = site_with(probes)
    found = checks_of(site)
    assert set(found) == {"search.not-probed"}
    assert found["search.not-probed"].severity == "info" and found["search.not-probed"].evidence["reason"] == "robots"
    assert "robots.txt" in found["search.not-probed"].message
    assert summarize_search(site)["found"] is True


def test_script_driven_box_is_not_probed():
    site = site_with([discover(form(action=None, needs_browser=True))])
    found = checks_of(site)
    assert set(found) == {"search.not-probed"} and found["search.not-probed"].evidence["reason"] == "needs-browser"


def test_search_never_queried_because_a_budget_ended_the_crawl():
    site = site_with([discover(form())])
    site.budget_hit = "max-pages"
    found = checks_of(site)
    assert set(found) == {"search.not-probed"}
    assert found["search.not-probed"].evidence["reason"] == "budget"
    assert "max-pages" in found["search.not-probed"].message
    site.budget_hit = None
    assert checks_of(site)["search.not-probed"].evidence["reason"] == "crawl-ended"


def test_linked_search_page_never_fetched_is_not_probed_not_missing():
    homepage = discover()
    homepage["facts"]["search_link"] = f"{HOME}?id=search"
    site = site_with([homepage])
    site.budget_hit = "max-seconds"
    found = checks_of(site)
    assert set(found) == {"search.not-probed"} and found["search.not-probed"].evidence["reason"] == "budget"
    assert found["search.not-probed"].target == f"{HOME}?id=search"


@pytest.mark.parametrize("error, words", [("browser-disabled", "--no-browser"), ("browser-unavailable", "Chromium")])
def test_script_box_without_a_browser_says_why(error, words):
    box = form(action=None, needs_browser=True)
    record = {"kind": "browser", "url": HOME, "method": "GET", "q": None, "status": None, "error": error,
              "response_ms": None, "final_url": None, "fetched_at": "", "facts": {"detail": "chromium not found"}}
    found = checks_of(site_with([discover(box), record]))
    assert set(found) == {"search.not-probed"} and found["search.not-probed"].evidence["reason"] == error
    assert words in found["search.not-probed"].message


def test_script_box_probed_in_the_browser_is_judged_like_any_other():
    box = form(action=None, needs_browser=True)
    refused = query("empty", "", status=None, error="script-box")
    probes = [discover(box), query("word", "長照", page_facts(40, 40, via="browser")), refused]
    found = checks_of(site_with(probes))
    assert set(found) == {"search.no-pagination", "search.no-sort"}  # a script refusing "" is not broken


def test_slow_search():
    probes = [discover(form()),
              query("word", "長照", page_facts(8, 8, sort=("relevance", "time", "topic")), ms=7300.0)]
    found = checks_of(site_with(probes))
    assert set(found) == {"search.slow"} and found["search.slow"].evidence["response_ms"] == 7300.0


def test_search_probe_dataclasses_are_read_like_dicts():
    probe = SearchProbe(agency_id="demo", kind="discover", url=HOME, status=200,
                        facts={"source": "homepage", "forms": [], "chosen": None, "queries": []})
    assert set(checks_of(site_with([probe]))) == {"search.missing"}


# --- the Scrapy glue, end to end against a loopback server ----------------------------------------
RESULT_ITEMS = [f"長照服務公告第{i}則" for i in range(1, 24)]


class QuietHandler(BaseHTTPRequestHandler):
    """Base of the loopback fixture sites: no request log, and one way to answer with a body."""

    def log_message(self, *args) -> None:
        pass

    def _send(self, body: str, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _SearchHandler(QuietHandler):
    """A homepage with a search form; /search.jsp answers with pagination and sort; robots.txt forbids /private."""

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        parts = urlsplit(self.path)
        params = parse_qs(parts.query)
        if parts.path == "/robots.txt":
            return self._send("User-agent: *\nDisallow: /private/\n", "text/plain")
        if parts.path in ("/", "/index.html"):
            action = "/private/search.jsp" if self.server.blocked else "/search.jsp"
            links = "".join(f"<li><a href='/n{i}.html'>長照服務{label}</a></li>"
                            for i, label in enumerate(("申請", "據點", "專區", "補助")))
            return self._send(f"<html><head><title>示範局</title></head><body><div class='header'>"
                              f"<form action='{action}' method='get' role='search'><input type='hidden' name='lang' value='zh'>"
                              f"<input type='text' name='q' title='請輸入關鍵字'><button type='submit'>搜尋</button></form>"
                              f"</div><main><ul>{links}</ul></main></body></html>")
        if parts.path == "/search.jsp":
            q = params.get("q", [""])[0]
            if not q:
                return self._send("<html><body><main><p>請輸入關鍵字</p></main></body></html>")
            hits = [t for t in RESULT_ITEMS if q in t]
            if not hits:
                return self._send("<html><body><main><p>查無資料</p></main></body></html>")
            page = int(params.get("page", ["1"])[0])
            shown = hits[(page - 1) * 10: page * 10]
            items = "".join(f"<li><a href='/news/{RESULT_ITEMS.index(t)}.html'>{t}</a></li>" for t in shown)
            pager = "".join(f"<a href='/search.jsp?q={q}&amp;lang=zh&amp;page={p}'>{p}</a> " for p in (1, 2, 3) if p != page)
            return self._send(f"<html><body><main><p>共 {len(hits)} 筆</p><div class='sort'>"
                              f"<a href='/search.jsp?q={q}&amp;lang=zh&amp;sort=rel'>相關度</a>"
                              f"<a href='/search.jsp?q={q}&amp;lang=zh&amp;sort=date'>日期</a></div>"
                              f"<ul class='results'>{items}</ul><div class='pagination'>{pager}</div></main></body></html>")
        return self._send("<html><body><p>頁面</p></body></html>")


def _serve(blocked: bool) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SearchHandler)
    server.daemon_threads = True
    server.blocked = blocked
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


CRAWL_SCRIPT = textwrap.dedent("""
    import json, sys
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings
    from checks.search import SearchProbe
    from crawler import settings as project_settings
    from crawler.agencies import Agency
    from crawler.search_probe import search_requests
    from crawler.spiders.agency import AgencySpider

    out, *urls = sys.argv[1:]
    collected = []

    class Collect:
        def process_item(self, item, spider=None):
            if isinstance(item, SearchProbe):
                collected.append({"agency_id": item.agency_id, "kind": item.kind, "url": item.url, "q": item.q,
                                  "method": item.method, "status": item.status, "error": item.error,
                                  "response_ms": item.response_ms, "final_url": item.final_url, "facts": item.facts})
            return item

    class ProbingSpider(AgencySpider):
        # the ~2 lines the lead adds to AgencySpider.on_page
        def on_page(self, response):
            yield from super().on_page(response)
            if response.meta.get("purpose") == "page" and response.status == 200 and hasattr(response, "selector"):
                yield from search_requests(self, response, response.selector.root)

    sys.modules["collect_pipeline"] = type(sys)("collect_pipeline")
    sys.modules["collect_pipeline"].Collect = Collect
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.setdict({"ITEM_PIPELINES": {"collect_pipeline.Collect": 100}, "EXTENSIONS": {},
                      "GOVAUDIT_MAX_PAGES": 5, "GOVAUDIT_MAX_CHECKS": 5, "GOVAUDIT_FOLLOW_SITEMAPS": False,
                      "AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_TIMEOUT": 5}, priority="cmdline")
    process = CrawlerProcess(settings)
    for index, url in enumerate(urls):
        agency = Agency(id=f"a{index}", name="示範局", group="1", url=url)
        process.crawl(process.create_crawler(ProbingSpider), agency=agency)
    process.start()
    open(out, "w", encoding="utf-8").write(json.dumps(collected, ensure_ascii=False))
""")


def test_scrapy_probe_against_loopback_server(tmp_path):
    open_server, blocked_server = _serve(False), _serve(True)
    try:
        out = tmp_path / "probes.json"
        script = tmp_path / "crawl.py"
        script.write_text(CRAWL_SCRIPT, encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(script), str(out), f"http://127.0.0.1:{open_server.server_port}/",
             f"http://127.0.0.1:{blocked_server.server_port}/"],
            cwd=REPO, capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert result.returncode == 0, result.stderr[-3000:]
        probes = json.loads(out.read_text(encoding="utf-8"))
    finally:
        open_server.shutdown()
        blocked_server.shutdown()

    open_probes = [p for p in probes if p["agency_id"] == "a0"]
    kinds = sorted(p["kind"] for p in open_probes)
    assert kinds == ["discover", "empty", "no-hit", "page2", "sort", "word"], kinds
    site = site_with(open_probes, start=f"http://127.0.0.1:{open_server.server_port}/")
    summary = summarize_search(site)
    assert summary["found"] and summary["engine"] == "site" and summary["method"] == "GET"
    assert summary["paginated"] and summary["page2_differs"] is True
    assert summary["sort_options"] == ["relevance", "time"]
    assert summary["queries"][0]["q"] == "長照服務" and summary["queries"][0]["results"] == 23
    assert "lang=zh" in summary["queries"][0]["url"]
    assert summary["no_hit_query"]["results"] == 0 and summary["no_hit_query"]["message"] == "查無資料"
    assert summary["empty_query"]["status"] == 200
    assert set(checks_of(site)) == {"search.no-sort"}

    blocked = [p for p in probes if p["agency_id"] == "a1"]
    assert {p["error"] for p in blocked if p["kind"] != "discover"} == {"robots"}
    site = site_with(blocked, start=f"http://127.0.0.1:{blocked_server.server_port}/")
    assert set(checks_of(site)) == {"search.not-probed"}


def test_sidebar_calendar_day_links_are_not_pagination():
    days = "".join(f'<td><a href="/ch/calendar.jsp?d=2026-11-{d:02d}">{d}</a></td>' for d in range(1, 31))
    markup = hsinchu_results("找到 6 筆", n=6).replace(
        "</body>", f'<div class="calendar"><table><tr>{days}</tr></table></div></body>')
    facts = results_facts(tree(markup), RESULTS_URL, "q")
    assert not facts["paginated"] and facts["page2_url"] is None
    assert facts["listed"] == 6


def test_aspnet_linkbutton_search_posts_its_event_target_and_ignores_other_widgets_scripts():
    markup = """<html><body><form method="post" action="./Default.aspx" id="aspnetForm">
    <input type="hidden" name="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" value="">
    <input type="hidden" name="__VIEWSTATE" value="x">
    <div class="translate"><a href="javascript:;" onclick="window.open('https://www.google.com/search?q='+t)">翻譯</a></div>
    <div class="search"><input name="ctl00$Header$txtKeyword" type="text" title="請輸入關鍵字">
    <a id="lnkSearch" href="javascript:__doPostBack('ctl00$Header$lnkSearch','')">搜尋</a></div>
    </form></body></html>"""
    form = search_forms(tree(markup), "https://www.example.gov.tw/Default.aspx")[0]
    assert form["engine"] == "site" and form["method"] == "POST"
    assert form["hidden"]["__EVENTTARGET"] == "ctl00$Header$lnkSearch"
    assert form["field"] == "ctl00$Header$txtKeyword"


def test_form_posting_to_another_agencys_host_is_not_probed():
    site = site_with([discover(form(action="https://www.hccg.gov.tw/ch/search.jsp", off_host=True))])
    found = checks_of(site)
    assert set(found) == {"search.not-probed"} and found["search.not-probed"].evidence["reason"] == "off-host"
