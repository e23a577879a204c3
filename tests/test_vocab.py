"""Vocabulary files and the one link classifier, on markup in the three CMS styles Hsinchu agencies use.

Hsinchu home.jsp?id=N&parentpath=…, CCMS cp.aspx?n=…, plain static pages; links in comments never count."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import lxml.html
import pytest

from checks import vocab
from checks.a11y.taiwan import brick_facts, mark_facts
from checks.homepage import homepage_facts
from checks.html import extract_references, not_found_phrase, page_title, url_key
from checks.linkvocab import classify, normalise, vocabulary
from checks.participation import reply_facts
from checks.site import Site
from tests.test_link_checks import fetch, page

BASE = "https://www.demo.hccg.gov.tw"
MY_VOCABULARIES = ("article7", "disclosure_zone", "supplements", "homepage", "services", "participation")


# ---------------------------------------------------------------- a tiny crawl from HTML strings


def document(body: str, title: str = "新竹市示範所", head: str = "") -> str:
    return (f"<!DOCTYPE html><html lang='zh-Hant-TW'><head><meta charset='utf-8'><title>{title}</title>{head}"
            f"</head><body>{body}</body></html>")


def html_site(pages: dict[str, str], *, start: str = "/", dates: dict[str, str] | None = None,
              statuses: dict[str, int] | None = None, checks: dict[str, int | str] | None = None,
              referrers: dict[str, str] | None = None, as_of: date = date(2026, 11, 29),
              site_class: type[Site] = Site) -> Site:
    """A Site as the crawl would store it: page records with facts, references, fetch outcomes.

    checks: outcome per absolute URL of links that were checked, not parsed (a status or an error name)."""
    dates, statuses, referrers = dates or {}, statuses or {}, referrers or {}
    records, fetches, references = [], [], []
    start_url = BASE + start
    for path, html in pages.items():
        url = BASE + path
        root = lxml.html.document_fromstring(html)
        title = page_title(root)
        facts = {"bricks": brick_facts(root, url)}
        marks = mark_facts(root, url)
        if marks.get("present"):
            facts["marks"] = marks
        if path == start:
            facts["homepage"] = homepage_facts(root, url)
        replies = reply_facts(root, url)
        if replies:
            facts["replies"] = replies
        status = statuses.get(path, 200)
        records.append(page(url, title=title, status=status, date=dates.get(path), facts=facts,
                            date_source="label" if path in dates else None, referrer=referrers.get(path),
                            not_found_text=not_found_phrase(root, title)))
        fetches.append(fetch(url, status, purpose="page", title=title))
        references.extend((url, reference) for reference in extract_references(root, url))
    for url, outcome in (checks or {}).items():
        if isinstance(outcome, int):
            fetches.append(fetch(url, outcome))
        else:
            fetches.append(fetch(url, None, outcome))
    return site_class(agency_id="x", agency_name="新竹市示範所", start_url=start_url, as_of=as_of, stale_days=365,
                      pages=records, fetches=fetches, references=references)


def links_of(html: str, url: str = BASE + "/ch/index.jsp") -> list:
    root = lxml.html.document_fromstring(html)
    return [(url, reference) for reference in extract_references(root, url)]


def keys(matches) -> list[str]:
    return [m.key for m in matches]


# ---------------------------------------------------------------- the files


def test_every_vocabulary_has_a_doc_and_loads():
    names = vocab.available()
    for name in MY_VOCABULARIES:
        assert name in names
        data = vocab.load(name)
        assert data["_doc"].strip()
    for name in names:  # the other engineers' files follow the same rule
        assert vocab.load(name)["_doc"]


def test_load_returns_a_copy_and_rejects_unknown_names():
    first = vocab.load("services")
    first["entries"].clear()
    assert vocab.load("services")["entries"]
    with pytest.raises(vocab.VocabularyError):
        vocab.load("no-such-vocabulary")
    with pytest.raises(vocab.VocabularyError):
        vocab.load("../pyproject")


def test_vocabulary_files_are_utf8_json_with_compilable_entries():
    for name in MY_VOCABULARIES:
        raw = resources.files("checks.vocab").joinpath(f"{name}.json").read_bytes()
        json.loads(raw.decode("utf-8"))
        section = "items" if name == "homepage" else "entries"
        compiled = vocabulary(name, section)
        assert compiled.entries, name
        for entry in compiled.entries:
            assert entry.name and entry.key


def test_article7_is_the_ten_categories_in_order():
    entries = vocabulary("article7").entries
    assert [int(e.data["number"]) for e in entries] == list(range(1, 11))
    assert all(e.data["statute"] for e in entries)
    assert [e.data["applies_to"] for e in entries] == ["all"] * 9 + ["collegial"]


def test_contract_keys():
    assert vocabulary("services").keys() == ["application", "payment", "pickup_notice", "booking", "case_status",
                                             "forms"]
    assert set(vocabulary("participation").keys()) <= {"mailbox", "message_board", "forum", "e_voting", "survey",
                                                       "join_platform", "social"}
    platforms = {e.data.get("platform") for e in vocabulary("participation").entries if e.key == "social"}
    assert platforms == {"facebook", "youtube", "line", "instagram", "x"}
    assert vocabulary("homepage", "items").keys() == [
        "search_box", "sitemap", "disclosure_link", "news", "online_services", "contact_address", "contact_phone",
        "service_hours", "privacy_policy", "open_data_declaration", "font_size", "english_version",
        "accessibility_mark", "update_date"]
    assert vocabulary("supplements").keys() == ["service_measures", "activities", "faq", "publications"]


def test_normalise_folds_full_width_and_drops_new_window_notes():
    assert normalise("Ｆａｃｅｂｏｏｋ粉絲專頁（另開新視窗）") == "facebook粉絲專頁"
    assert normalise("補（捐）助　一覽") == "補(捐)助 一覽"
    assert normalise("  預算、決算書\n及會計報告 ") == "預算、決算書 及會計報告"


# ---------------------------------------------------------------- the classifier on three CMS styles

HSINCHU_NAV = """
<header class="header"><nav class="mainnav"><ul>
 <li><a href="/ch/home.jsp?id=30&amp;parentpath=0">政府資訊公開</a><ul class="submenu">
  <li><a href="/ch/home.jsp?id=31&amp;parentpath=0,30">主管法規</a></li>
  <li><a href="/ch/home.jsp?id=38&amp;parentpath=0,30">預算、決算書及會計報告</a></li>
  <li><a href="https://web.pcc.gov.tw/prkms/tender/common/noticeAll/indexNoticeAll" title="政府電子採購網（另開新視窗）"
         target="_blank"><img src="/images/pcc.png" alt="政府電子採購網"></a></li>
 </ul></li>
 <!-- <li><a href="/ch/home.jsp?id=43&amp;parentpath=0,30">委員會會議紀錄</a></li> -->
</ul></nav></header>"""

CCMS_MENU = """
<div class="menu"><ul>
 <li><a href="cp.aspx?n=1201" title="行政規則">行政規則</a></li>
 <li><a href="News.aspx?n=1202&amp;sms=9001" title="訴願決定書">訴願決定書</a></li>
 <li><a href="cp.aspx?n=1203" title="對民間團體補(捐)助">對民間團體補（捐）助</a></li>
 <li><a href="cp.aspx?n=1204">施政計畫</a></li>
</ul></div>
<template><a href="cp.aspx?n=1299">會議紀錄</a></template>"""

STATIC_FOOTER = """
<footer><ul><li><a href="/about/org.html">組織架構</a></li><li><a href="/doc/guide.html">行政指導文書</a></li>
<li><a href="https://law.hccg.gov.tw/LawContent.aspx?id=FL021061">新竹市法規資料庫</a></li></ul></footer>"""


def test_article7_in_three_cms_styles_and_nothing_from_comments_or_templates():
    links = links_of(document(HSINCHU_NAV + CCMS_MENU + STATIC_FOOTER), BASE + "/ch/index.jsp")
    found = classify(links, vocabulary("article7"))
    by_key = {}
    for match in found:
        by_key.setdefault(match.key, []).append(match.text)
    assert by_key == {
        "laws": ["主管法規", "新竹市法規資料庫"],
        "budget_final_accounts": ["預算、決算書及會計報告"],
        "contracts_procurement": ["政府電子採購網（另開新視窗）"],  # evidence quotes the page as written
        "interpretations": ["行政規則"],
        "petitions_appeals": ["訴願決定書"],
        "subsidies": ["對民間團體補（捐）助"],
        "plans_statistics_reports": ["施政計畫"],
        "organization": ["組織架構"],
        "administrative_guidance": ["行政指導文書"],
    }
    assert "meeting_minutes" not in by_key  # only in a comment and a <template>


def test_a_host_alone_names_a_category():
    links = links_of(document('<nav><a href="https://web.pcc.gov.tw/tps/main/pms/tps/atm/atmAwardAction.do">'
                              '決標查詢</a><a href="https://law.hccg.gov.tw/">點此</a></nav>'))
    found = classify(links, vocabulary("article7"))
    assert [(m.key, m.via) for m in found] == [("contracts_procurement", "url"), ("laws", "url")]


def test_news_headlines_in_content_do_not_name_categories():
    body = ('<main><ul class="news"><li><a href="/ch/home.jsp?id=2&amp;dataserno=1">節能設備補助相關措施調整說明</a></li>'
            '<li><a href="/ch/home.jsp?id=2&amp;dataserno=2">本局115年度預算審議結果公告及相關說明</a></li></ul>'
            '<p><a href="/ch/home.jsp?id=42&amp;parentpath=0,30">補助</a></p></main>')
    links = links_of(document(body), BASE + "/ch/home.jsp?id=2&parentpath=0")
    assert classify(links, vocabulary("article7")) == []
    # On the zone page itself the bare 補助 (a weak term) names category 9; the headlines still do not.
    zone = url_key(BASE + "/ch/home.jsp?id=2&parentpath=0")
    found = classify(links, vocabulary("article7"), directories={zone}, weak_pages={zone})
    assert [(m.key, m.text) for m in found] == [
        ("subsidies", "節能設備補助相關措施調整說明"), ("budget_final_accounts", "本局115年度預算審議結果公告及相關說明"),
        ("subsidies", "補助")]
    found = classify(links, vocabulary("article7"), directories={zone})
    assert [(m.key, m.text) for m in found] == [
        ("budget_final_accounts", "本局115年度預算審議結果公告及相關說明")]


def test_not_terms_veto():
    links = links_of(document('<nav><a href="/a">補助申請</a><a href="/b">訴願線上申辦</a><a href="/c">政府資訊公開法</a>'
                              '<a href="/d">國家賠償統計</a><a href="/e">補助款查詢</a></nav>'))
    # A link to the text of 政府資訊公開法 is neither the zone nor the agency's own 法規.
    assert [(m.key, m.text) for m in classify(links, vocabulary("article7"))] == [("subsidies", "補助款查詢")]
    assert classify(links, vocabulary("disclosure_zone")) == []


def test_zone_names_in_three_styles():
    zone = vocabulary("disclosure_zone")
    for body in ('<nav class="mainnav"><a href="/ch/home.jsp?id=30&amp;parentpath=0">政府資訊公開</a></nav>',
                 '<div class="menu"><a href="cp.aspx?n=100" title="主動公開資訊">主動公開資訊</a></div>',
                 '<footer><a href="/info/index.html">資訊公開</a></footer>',
                 '<nav><a href="/zone.html">政府資訊公開專區（另開新視窗）</a></nav>'):
        assert keys(classify(links_of(document(body)), zone)) == ["zone"], body
    hidden = '<nav><!-- <a href="/zone.html">政府資訊公開</a> --></nav>'
    assert classify(links_of(document(hidden)), zone) == []


def test_supplement_names():
    body = ('<nav><a href="/ch/home.jsp?id=60&amp;parentpath=0">便民服務</a><a href="cp.aspx?n=61">常見問答</a>'
            '<a href="/faq.html">FAQ</a><a href="/pub.html">出版品</a><a href="/act.html">活動訊息</a>'
            '<a href="/qa.html">Q&amp;A</a></nav>')
    assert keys(classify(links_of(document(body)), vocabulary("supplements"))) == [
        "service_measures", "faq", "faq", "publications", "activities", "faq"]


def test_service_names_and_national_gateway():
    body = ('<nav><a href="/ch/home.jsp?id=51&amp;parentpath=0,50">線上申辦</a>'
            '<a href="cp.aspx?n=52">網路繳費</a><a href="/pickup.html">取件通知</a>'
            '<a href="/reserve.aspx">預約掛號</a><a href="/case.aspx">申辦進度查詢</a><a href="/forms.html">書表下載</a>'
            '<a href="https://www.gov.tw/">我的E政府</a><a href="https://www.gov.tw/News3_Content.aspx?n=2&amp;s=1">'
            '戶籍謄本</a><a href="https://www.etax.nat.gov.tw/etwmain/">電子申報繳稅服務網</a></nav>')
    found = classify(links_of(document(body)), vocabulary("services"))
    assert [(m.key, m.text) for m in found] == [
        ("application", "線上申辦"), ("payment", "網路繳費"), ("pickup_notice", "取件通知"), ("booking", "預約掛號"),
        ("case_status", "申辦進度查詢"), ("forms", "書表下載"), ("application", "戶籍謄本"),
        ("payment", "電子申報繳稅服務網")]


def test_participation_by_text_and_by_host():
    body = ('<header><ul class="toplinks">'
            '<li><a href="http://bossmail.hccg.gov.tw/mail.jsp?s1=42&amp;s2=168">首長信箱</a></li>'
            '<li><a href="cp.aspx?n=70">民意論壇</a></li><li><a href="/board/list.jsp">留言板</a></li>'
            '<li><a href="/vote.html">網路投票</a></li><li><a href="/survey.html">滿意度調查</a></li>'
            '<li><a href="https://join.gov.tw/idea/index">點子</a></li></ul></header>'
            '<footer>'
            '<a href="https://www.facebook.com/hccg.demo"><img src="/fb.png" alt="FB"></a>'
            '<a href="https://fb.me/hccgdemo">粉絲團</a>'
            '<a href="https://youtu.be/abc">影音</a><a href="https://www.youtube.com/@hccg">頻道</a>'
            '<a href="https://line.me/R/ti/p/@hccg">加入好友</a><a href="https://lin.ee/xyz">官方帳號</a>'
            '<a href="https://www.instagram.com/hccg/">IG</a><a href="https://twitter.com/hccg">推</a>'
            '<a href="https://x.com/hccg">X</a>'
            '<a href="https://online.example.tw/">online</a></footer>')
    found = classify(links_of(document(body)), vocabulary("participation"))
    assert [(m.key, m.entry.data.get("platform")) for m in found] == [
        ("mailbox", None), ("forum", None), ("message_board", None), ("e_voting", None), ("survey", None),
        ("join_platform", None), ("social", "facebook"), ("social", "facebook"), ("social", "youtube"),
        ("social", "youtube"), ("social", "line"), ("social", "line"), ("social", "instagram"), ("social", "x"),
        ("social", "x")]


def test_a_video_link_inside_an_article_is_not_a_social_channel():
    body = '<main><p>活動影片請見 <a href="https://youtu.be/abc">https://youtu.be/abc</a></p></main>'
    assert classify(links_of(document(body), BASE + "/news/1.html"), vocabulary("participation")) == []


def test_self_links_and_script_links_are_menu_headings_not_sections():
    body = ('<nav><a href="#">政府資訊公開</a><a href="javascript:void(0)">政府資訊公開</a>'
            '<a href="mailto:mayor@hccg.gov.tw">市長信箱</a></nav>')
    links = links_of(document(body))
    assert classify(links, vocabulary("disclosure_zone")) == []
    assert [(m.key, m.url) for m in classify(links, vocabulary("participation"))] == [
        ("mailbox", "mailto:mayor@hccg.gov.tw")]


def test_html_site_builder_keeps_the_crawl_rules():
    site = html_site({"/": document('<nav><a href="/a.html">a</a></nav><!-- <a href="/b.html">b</a> -->'),
                      "/a.html": document("<p>a</p>", title="A")}, checks={BASE + "/gone.html": 404})
    assert [r.target for _, r in site.references] == [BASE + "/a.html"]
    assert site.outcome(url_key(BASE + "/gone.html")).status == 404
