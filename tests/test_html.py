"""Reference extraction and URL normalisation on real-looking agency markup."""

import lxml.html
import pytest

from checks.html import extract_references, not_found_phrase, page_lang, page_title, resolve, url_key

PAGE = "http://127.0.0.1:8000/ch/news/list.html?id=3"


def refs(html: str, url: str = PAGE):
    return extract_references(lxml.html.document_fromstring(html), url)


def test_relative_links_resolve_like_a_browser():
    found = refs('<a href="../about/org.html">組織</a><a href="detail.html?a=1">x</a><a href="/ch/home.jsp?id=5">y</a>')
    assert [r.target for r in found] == [
        "http://127.0.0.1:8000/ch/about/org.html",
        "http://127.0.0.1:8000/ch/news/detail.html?a=1",
        "http://127.0.0.1:8000/ch/home.jsp?id=5",
    ]


def test_fragment_and_parameter_order_share_one_key():
    found = refs('<a href="p.jsp?b=2&a=1#top">1</a><a href="p.jsp?a=1&b=2">2</a>')
    assert found[0].target == "http://127.0.0.1:8000/ch/news/p.jsp?b=2&a=1"  # as written, fragment dropped
    assert found[0].target_key == found[1].target_key


def test_comments_templates_and_scripts_never_count():
    html = """<body><!-- <a href="commented.html">old</a> -->
    <template><a href="in-template.html">t</a><img src="t.png"></template>
    <script>document.write('<a href="scripted.html">s</a>')</script>
    <a href="real.html">real</a></body>"""
    assert [r.target.rsplit("/", 1)[1] for r in refs(html)] == ["real.html"]


def test_kinds_text_and_locator():
    html = """<body><header><a href="/">回首頁</a></header>
    <nav><ul><li><a href="a.html"><img src="logo.png" alt="標誌"></a></li></ul></nav>
    <div id="content"><img src="photo.jpg" alt="照片"><iframe src="map.html" title="地圖"></iframe>
    <a href="mailto:service@hccg.gov.tw">信箱</a><a href="tel:03-5216121">電話</a><a href="javascript:void(0)">js</a>
    <a href="files/budget.pdf">預算書</a></div>
    <div class="footer"><a href="privacy.html">隱私權</a></div>
    <link rel="stylesheet" href="/css/site.css"><link rel="canonical" href="/canonical"></body>"""
    found = refs(html)
    kinds = [(r.kind, r.region) for r in found]
    assert ("link", "header") in kinds
    by_text = {r.text: r for r in found if r.tag != "img" or r.text == "照片"}
    assert by_text["標誌"].region == "nav" and by_text["標誌"].kind == "link"
    assert by_text["照片"].kind == "image" and by_text["照片"].region == "main"
    assert by_text["地圖"].kind == "iframe"
    assert by_text["信箱"].kind == "mailto" and by_text["電話"].kind == "tel"
    assert by_text["js"].kind == "other"
    assert by_text["隱私權"].region == "footer"
    assert by_text["預算書"].locator.startswith("/html/body/div")
    assert [r.kind for r in found if r.tag == "link"] == ["stylesheet"]  # canonical is metadata


def test_base_href_is_honoured():
    found = refs('<head><base href="http://127.0.0.1:8000/other/"></head><body><a href="x.html">x</a></body>')
    assert found[0].target == "http://127.0.0.1:8000/other/x.html"


@pytest.mark.parametrize("raw, expected", [
    ("  page.html \n", "http://127.0.0.1:8000/ch/news/page.html"),
    ("pa\tge.html", "http://127.0.0.1:8000/ch/news/page.html"),
    ("", None),
    ("   ", None),
])
def test_resolve_strips_what_browsers_strip(raw, expected):
    assert resolve(PAGE, raw) == expected


def test_url_key_is_canonical():
    assert url_key("http://127.0.0.1:8000/a?b=2&a=1#x") == url_key("http://127.0.0.1:8000/a?a=1&b=2")
    assert url_key("http://127.0.0.1:8000/a") != url_key("http://127.0.0.1:8000/b")


def test_title_lang_and_not_found_phrase():
    root = lxml.html.document_fromstring(
        '<html lang="zh-Hant-TW"><head><title> 查無資料 - 找不到網頁 </title></head><body><h1>抱歉</h1></body></html>')
    assert page_title(root) == "查無資料 - 找不到網頁"
    assert page_lang(root) == "zh-Hant-TW"
    assert not_found_phrase(root, page_title(root)) == "找不到網頁"
    ok = lxml.html.document_fromstring("<html><head><title>最新消息</title></head><body><h1>最新消息</h1></body></html>")
    assert not_found_phrase(ok, "最新消息") is None


@pytest.mark.parametrize("base, raw", [
    ("http://127.0.0.1:8000", "x.html"), ("http://127.0.0.1:8000/a/b.html?q=1", "?page=2"),
    ("http://127.0.0.1:8000/a/b/", "../c.html"), ("http://127.0.0.1:8000/a/b.html", "//127.0.0.2/x"),
    ("http://127.0.0.1:8000/a/b.html?x=1", "#top"), ("http://127.0.0.1:8000/a/b.html", "/root.html"),
    ("http://127.0.0.1:8000/a/b.html", "https://127.0.0.3/z?a=1#f"), ("http://127.0.0.1:8000/a/b.html", "c/./d.html"),
])
def test_cached_resolution_matches_urljoin(base, raw):
    from urllib.parse import urldefrag, urljoin
    assert resolve(base, raw) == urldefrag(urljoin(base, raw))[0]
