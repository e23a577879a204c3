"""Tests for checks.dates: date formats, ROC conversion, and page/site date extraction."""

from __future__ import annotations

import datetime

import lxml.html
import pytest

from checks.dates import (
    DATE_LABELS,
    FoundDate,
    find_dates,
    format_roc,
    gregorian_to_roc,
    page_dates,
    parse_date,
    roc_to_gregorian,
)

D = datetime.date


def doc(body: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>")


# --- formats -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("113-05-01", D(2024, 5, 1)),
    ("113.5.1", D(2024, 5, 1)),
    ("113/05/01", D(2024, 5, 1)),
    ("113年5月1日", D(2024, 5, 1)),
    ("民國113年5月1日", D(2024, 5, 1)),
    ("民國 112 年 12 月 01 日", D(2023, 12, 1)),
    ("中華民國113年5月1日", D(2024, 5, 1)),
    ("108年11月15日(星期五)", D(2019, 11, 15)),
    ("114-06-09", D(2025, 6, 9)),
    ("2024-05-01", D(2024, 5, 1)),
    ("2024/5/1", D(2024, 5, 1)),
    ("2024.05.01", D(2024, 5, 1)),
    ("2024年5月1日", D(2024, 5, 1)),
    ("2018年5月21日", D(2018, 5, 21)),
    ("2024-05-01T10:20:00+08:00", D(2024, 5, 1)),
    ("2024-05-01 10:20", D(2024, 5, 1)),
    ("１１３年５月１日", D(2024, 5, 1)),
    ("１１３－０５－０１", D(2024, 5, 1)),
    ("２０２４／５／１", D(2024, 5, 1)),
    ("  2024-05-01  ", D(2024, 5, 1)),
    ("79-01-01", D(1990, 1, 1)),
    ("1990-01-01", D(1990, 1, 1)),
    ("2100-12-31", D(2100, 12, 31)),
    ("民國 112 年 6 月 11 日 星期日", D(2023, 6, 11)),
])
def test_parse_date_formats(text: str, expected: datetime.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "113-05",
    "03-5216121",
    "(03)5216-121",
    "2024",
    "1.2.3",
    "113.5.1.2",
    "192.168.1.1",
    "10.113.5.1",
    "2024-05/01",          # separators must agree
    "",
    "更新日期",
    "78-12-31",            # ROC year before 1990
    "1989-12-31",
    "250-01-01",           # neither a plausible ROC nor AD year
    "2101-01-01",
    "190-01-01",           # ROC 190 = 2101
    "民國2024年5月1日",      # an AD year cannot be 民國
    "2024-05-01 and more",
])
def test_parse_date_rejects_non_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["113-02-30", "2023-02-29", "113/13/01", "113年4月31日", "2024-00-10", "2024-05-00"])
def test_parse_date_rejects_invalid_calendar_dates(text: str) -> None:
    assert parse_date(text) is None


def test_leap_day_is_valid() -> None:
    assert parse_date("113-02-29") == D(2024, 2, 29)


def test_find_dates_in_free_text_keeps_order_and_substrings() -> None:
    text = "2019/11/08 公告，系統於108年11月15日(星期五)轉移；電話 (03)5216-121，版本 1.2.3"
    assert find_dates(text) == [(D(2019, 11, 8), "2019/11/08"), (D(2019, 11, 15), "108年11月15日")]


def test_find_dates_returns_original_full_width_text() -> None:
    assert find_dates("更新：１１３年５月１日") == [(D(2024, 5, 1), "１１３年５月１日")]


@pytest.mark.parametrize("text", [
    "113-05", "03-5216121", "(03)5216-121", "2024", "1.2.3", "113.5.1.2", "192.168.1.1",
    "140.111.5.1", "v113.5.1", "0800-123-456", "02-2345-6789", "113-02-30",
])
def test_find_dates_ignores_non_dates(text: str) -> None:
    assert find_dates(f"見 {text} 說明") == []


# --- ROC conversion ----------------------------------------------------------

@pytest.mark.parametrize(("roc", "ad"), [(113, 2024), (115, 2026), (1, 1912), (79, 1990)])
def test_roc_gregorian_round_trip(roc: int, ad: int) -> None:
    assert roc_to_gregorian(roc) == ad
    assert gregorian_to_roc(ad) == roc


def test_roc_conversion_rejects_years_without_roc_equivalent() -> None:
    with pytest.raises(ValueError):
        roc_to_gregorian(0)
    with pytest.raises(ValueError):
        gregorian_to_roc(1911)


def test_format_roc() -> None:
    assert format_roc(D(2024, 5, 1)) == "民國113年5月1日"
    assert format_roc(D(2026, 12, 31)) == "民國115年12月31日"


def test_format_roc_round_trips_through_parse() -> None:
    assert parse_date(format_roc(D(2025, 6, 9))) == D(2025, 6, 9)


# --- label vocabulary --------------------------------------------------------

def test_labels_cover_domain_vocabulary() -> None:
    for label in ("更新日期", "發布日期", "發佈日期", "上版日期", "上架日期", "修改日期", "修正日期",
                  "建檔日期", "建立日期", "最後更新", "最近更新", "資料更新", "資料更新時間", "內容更新",
                  "資料檢視", "公告日期", "刊登日期", "最近改版日期", "異動日期", "更新時間", "發布時間",
                  "Data update", "Last updated", "Review Date"):
        assert label in DATE_LABELS


def test_longest_label_wins() -> None:
    page, _ = page_dates(doc("<p>資料更新時間：113-05-01</p>"))
    assert page is not None and page.label == "資料更新時間"
    page, _ = page_dates(doc("<p>最近改版日期:2018/07/01</p>"))
    assert page is not None and page.label == "最近改版日期"


def test_label_with_noun_suffix_is_reported_whole() -> None:
    page, _ = page_dates(doc("<p>最後更新日期：2024/05/01</p>"))
    assert page == FoundDate(D(2024, 5, 1), "最後更新日期", "label", "page", "最後更新日期：2024/05/01")


# --- page_dates: labels and scope --------------------------------------------

@pytest.mark.parametrize("footer", [
    "<footer><p>網站更新日期：115-11-20</p></footer>",
    "<div id='footer'><p>網站更新日期：115-11-20</p></div>",
    "<div class='Copyright'>網站更新日期：115-11-20</div>",
    "<div class='site-info'><span>網站更新日期：</span><span>115-11-20</span></div>",
])
def test_footer_date_is_site_date_not_page_date(footer: str) -> None:
    root = doc(f"<div class='content'><p>更新日期：113-05-01</p></div>{footer}")
    page, site = page_dates(root)
    assert page == FoundDate(D(2024, 5, 1), "更新日期", "label", "page", "更新日期：113-05-01")
    assert site is not None
    assert (site.value, site.scope, site.source, site.label) == (D(2026, 11, 20), "site", "label", "更新日期")


def test_header_and_nav_dates_are_site_dates() -> None:
    root = doc("<header>最後更新：2024-01-14</header><nav>更新日期 2024-02-01</nav><main><p>內文</p></main>")
    page, site = page_dates(root)
    assert page is None
    assert site is not None and site.value == D(2024, 2, 1)


def test_only_footer_date_gives_no_page_date() -> None:
    page, site = page_dates(doc("<p>本文沒有日期</p><footer>更新日期：2024-01-14</footer>"))
    assert page is None
    assert site is not None and site.value == D(2024, 1, 14) and site.scope == "site"


def test_article_footer_belongs_to_the_page() -> None:
    root = doc("<main><article><h1>公告</h1><footer>發布日期：113-05-01</footer></article></main>"
               "<footer>網站更新日期：115-11-20</footer>")
    page, site = page_dates(root)
    assert page is not None and page.value == D(2024, 5, 1)
    assert site is not None and site.value == D(2026, 11, 20)


@pytest.mark.parametrize("markup", [
    "<p><span>更新日期：</span><em>2018年5月21日</em></p>",
    "<dl><dt>發布日期</dt>\n  <dd>2018-05-21</dd></dl>",
    "<table><tr><th>更新日期</th>\n<td>107/05/21</td></tr></table>",
    "<p>更新日期：<em>2018年5月21日</em></p>",
    "<p>更新日期：<!-- 舊: 2001-01-01 --><b>2018-05-21</b></p>",
])
def test_label_followed_by_date_in_next_element(markup: str) -> None:
    page, site = page_dates(doc(markup))
    assert page is not None and page.value == D(2018, 5, 21) and page.source == "label"
    assert site is None


def test_split_label_text_is_whitespace_collapsed() -> None:
    page, _ = page_dates(doc("<dl><dt>發布日期</dt>\n  <dd>114-06-09</dd></dl>"))
    assert page is not None and page.text == "發布日期 114-06-09" and page.label == "發布日期"


def test_latest_of_published_and_updated_wins() -> None:
    root = doc("<div class='info'><span>發布日期: 114-06-09</span><span>更新日期: 114-07-01</span></div>")
    page, _ = page_dates(root)
    assert page is not None and page.value == D(2025, 7, 1) and page.label == "更新日期"
    root = doc("<p>更新日期：2022-08-27</p><p>發布日期：2023-07-24</p>")
    page, _ = page_dates(root)
    assert page is not None and page.value == D(2023, 7, 24) and page.label == "發布日期"


def test_several_labels_in_one_text_node() -> None:
    page, _ = page_dates(doc("<p>發布日期:2021/10/08 資料發佈:清潔科 最近改版日期:2018/07/01</p>"))
    assert page is not None and page.value == D(2021, 10, 8)


def test_future_dates_are_kept() -> None:
    page, _ = page_dates(doc("<p>更新日期：2099-01-01</p>"))
    assert page is not None and page.value == D(2099, 1, 1)


@pytest.mark.parametrize("hidden", [
    "<!-- 更新日期：2030-01-01 -->",
    "<script>var s = '更新日期：2030-01-01';</script>",
    "<style>/* 更新日期：2030-01-01 */</style>",
    "<template><p>更新日期：2030-01-01</p></template>",
    "<noscript>更新日期：2030-01-01</noscript>",
])
def test_hidden_text_is_ignored(hidden: str) -> None:
    page, site = page_dates(doc(f"{hidden}<p>更新日期：113-05-01</p>"))
    assert page is not None and page.value == D(2024, 5, 1)
    assert site is None


def test_only_hidden_dates_give_nothing() -> None:
    root = doc("<!-- 更新日期：2030-01-01 --><script>/* 更新日期：2030-01-01 */</script>"
               "<template>更新日期：2030-01-01</template><p>內容</p>")
    assert page_dates(root) == (None, None)


def test_text_after_script_still_counts() -> None:
    page, _ = page_dates(doc("<p><script>var x = 1;</script>更新日期：113-05-01</p>"))
    assert page is not None and page.value == D(2024, 5, 1)


def test_bare_dates_in_a_news_list_are_not_the_page_date() -> None:
    root = doc("<ul class='news'><li><span>2024-05-01</span> 停水公告</li>"
               "<li><span>113-04-01</span> 活動日期：113-04-20</li></ul>")
    assert page_dates(root) == (None, None)


def test_column_header_label_does_not_take_the_first_rows_date() -> None:
    root = doc("<table><thead><tr><th>標題</th><th>發布日期</th></tr></thead>"
               "<tbody><tr><td>2024-05-01</td><td>停水公告</td></tr></tbody></table>")
    assert page_dates(root) == (None, None)


def test_label_not_followed_by_a_date_is_ignored() -> None:
    root = doc("<p>更新日期：</p><p>請洽承辦人 03-5216121</p><p>2024-05-01 公告</p>")
    page, _ = page_dates(root)
    assert page is None


def test_invalid_calendar_date_after_label_is_ignored() -> None:
    assert page_dates(doc("<p>更新日期：113-02-30</p>")) == (None, None)


def test_standalone_date_label() -> None:
    page, _ = page_dates(doc("<div class='info'><span>日期:108-01-19</span></div>"))
    assert page is not None and page.value == D(2019, 1, 19) and page.label == "日期"


@pytest.mark.parametrize(("markup", "label"), [
    ("<p>【更新日期】：2024-05-01</p>", "更新日期"),
    ("<p>更新日期/2024/05/01</p>", "更新日期"),
    ("<p>更新日期︰2024-05-01</p>", "更新日期"),
    ("<p>更新日期：<br>2024-05-01</p>", "更新日期"),
    ("<p>本頁資料持續更新中。最後更新：2024-05-01</p>", "最後更新"),
    ("<p>LAST UPDATED: 2024-05-01</p>", "LAST UPDATED"),
    ("<p>Data update：2024.05.01</p>", "Data update"),
])
def test_label_separators_and_forms(markup: str, label: str) -> None:
    page, _ = page_dates(doc(markup))
    assert page is not None and page.value == D(2024, 5, 1) and page.label == label


def test_words_ending_in_date_label_are_not_labels() -> None:
    root = doc("<p>活動日期：113-06-01</p><p>列印日期：113.04.26</p><p>日期:113-05-01</p>")
    page, _ = page_dates(root)
    assert page is not None and page.value == D(2024, 5, 1) and page.text == "日期:113-05-01"


def test_date_split_by_inline_tags_after_label() -> None:
    page, _ = page_dates(doc("<p>更新日期：<b>113</b>年<b>5</b>月<b>1</b>日</p>"))
    assert page is not None and page.value == D(2024, 5, 1)


def test_number_after_split_date_does_not_join_it() -> None:
    page, _ = page_dates(doc("<p><span>更新日期：</span><span>2024-05-01</span><span>12</span>人次</p>"))
    assert page is not None and page.value == D(2024, 5, 1)


def test_full_width_digits_in_page() -> None:
    page, _ = page_dates(doc("<p>更新日期：１１３年５月１日</p>"))
    assert page is not None and page.value == D(2024, 5, 1)
    assert page.text == "更新日期：１１３年５月１日"


def test_roc_label_with_spaces() -> None:
    page, _ = page_dates(doc("<p>修正日期: 民國 112 年 12 月 01 日</p>"))
    assert page is not None and page.value == D(2023, 12, 1) and page.label == "修正日期"


def test_english_labels() -> None:
    page, _ = page_dates(doc("<p>Last Updated: 2024/05/01</p>"))
    assert page is not None and page.value == D(2024, 5, 1) and page.label == "Last Updated"
    page, _ = page_dates(doc("<p><b>Review Date</b> 2024-06-01</p>"))
    assert page is not None and page.value == D(2024, 6, 1)


def test_big5_page() -> None:
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=big5'>"
            "<title>新竹市政府</title></head><body><p>發佈日期：113年5月1日</p>"
            "<div id='footer'>網站更新日期：115-11-20</div></body></html>")
    root = lxml.html.fromstring(html.encode("big5"), parser=lxml.html.HTMLParser(encoding="big5"))
    page, site = page_dates(root)
    assert page is not None and page.value == D(2024, 5, 1) and page.label == "發佈日期"
    assert site is not None and site.value == D(2026, 11, 20)


# --- page_dates: metas and HTTP ----------------------------------------------

@pytest.mark.parametrize(("meta", "expected", "text"), [
    ("<meta name='DC.Date' content='2007-11-09'>", D(2007, 11, 9), "meta DC.Date=2007-11-09"),
    ("<meta name='DC.Date.Modified' content='2024-05-01'>", D(2024, 5, 1), "meta DC.Date.Modified=2024-05-01"),
    ("<meta name='dcterms.modified' content='2024-05-01'>", D(2024, 5, 1), "meta dcterms.modified=2024-05-01"),
    ("<meta property='article:modified_time' content='2024-05-01T10:20:00+08:00'>", D(2024, 5, 1),
     "meta article:modified_time=2024-05-01T10:20:00+08:00"),
    ("<meta name='last-modified' content='2024-05-01'>", D(2024, 5, 1), "meta last-modified=2024-05-01"),
    ("<meta http-equiv='Last-Modified' content='Wed, 01 May 2024 10:00:00 GMT'>", D(2024, 5, 1),
     "meta Last-Modified=Wed, 01 May 2024 10:00:00 GMT"),
    ("<meta name='DC.Date.Created' content='113-05-01'>", D(2024, 5, 1), "meta DC.Date.Created=113-05-01"),
    ("<meta name='dcterms.created' content='2024-05-01'>", D(2024, 5, 1), "meta dcterms.created=2024-05-01"),
    ("<meta property='article:published_time' content='2024-05-01T08:00:00Z'>", D(2024, 5, 1),
     "meta article:published_time=2024-05-01T08:00:00Z"),
    ("<meta name='date' content='2024-05-01'>", D(2024, 5, 1), "meta date=2024-05-01"),
    ("<meta name='dc.date' content='2007-11-09'>", D(2007, 11, 9), "meta dc.date=2007-11-09"),
])
def test_meta_fallback(meta: str, expected: datetime.date, text: str) -> None:
    page, site = page_dates(doc("<p>內容</p>", head=meta))
    assert page == FoundDate(expected, None, "meta", "page", text)
    assert site is None


def test_meta_priority_order() -> None:
    head = ("<meta name='date' content='2020-01-01'>"
            "<meta property='article:published_time' content='2021-01-01'>"
            "<meta name='dcterms.created' content='2022-01-01'>"
            "<meta name='dcterms.modified' content='2023-01-01'>"
            "<meta name='DC.Date' content='2007-11-09'>")
    page, _ = page_dates(doc("<p>內容</p>", head=head))
    assert page is not None and page.value == D(2007, 11, 9)
    page, _ = page_dates(doc("<p>內容</p>", head=head.replace("DC.Date", "keywords")))
    assert page is not None and page.value == D(2023, 1, 1)


def test_unparseable_meta_falls_through() -> None:
    head = "<meta name='DC.Date' content='unknown'><meta name='date' content='2024-05-01'>"
    page, _ = page_dates(doc("<p>內容</p>", head=head))
    assert page is not None and page.text == "meta date=2024-05-01"


def test_http_last_modified_fallback() -> None:
    page, site = page_dates(doc("<p>內容</p>"), "Wed, 01 May 2024 10:00:00 GMT")
    assert page == FoundDate(D(2024, 5, 1), None, "http", "page", "Last-Modified: Wed, 01 May 2024 10:00:00 GMT")
    assert site is None


def test_http_last_modified_bytes_and_taipei_day() -> None:
    page, _ = page_dates(doc("<p>內容</p>"), b"Tue, 30 Apr 2024 20:00:00 GMT")
    assert page is not None and page.value == D(2024, 5, 1) and page.source == "http"


@pytest.mark.parametrize("header", ["", "garbage", "Mon, 01 Jan 1970 00:00:00 GMT"])
def test_bad_http_last_modified_is_ignored(header: str) -> None:
    assert page_dates(doc("<p>內容</p>"), header) == (None, None)


def test_label_beats_meta_beats_http() -> None:
    head = "<meta name='DC.Date' content='2007-11-09'>"
    http = "Wed, 01 May 2024 10:00:00 GMT"
    page, _ = page_dates(doc("<p>更新日期：113-05-01</p>", head=head), http)
    assert page is not None and page.source == "label" and page.value == D(2024, 5, 1)
    page, _ = page_dates(doc("<p>內容</p>", head=head), http)
    assert page is not None and page.source == "meta" and page.value == D(2007, 11, 9)
    page, _ = page_dates(doc("<p>內容</p>"), http)
    assert page is not None and page.source == "http"


def test_site_date_does_not_block_meta_fallback() -> None:
    head = "<meta name='DC.Date' content='2007-11-09'>"
    page, site = page_dates(doc("<footer>更新日期：2024-01-14</footer>", head=head))
    assert page is not None and page.source == "meta"
    assert site is not None and site.value == D(2024, 1, 14)
