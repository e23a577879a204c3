"""Taiwan conventions: 導盲磚 (:::) and accesskeys, the skip link, 網站導覽, and every 無障礙標章 variant of domain.md §2.5.

Markup is copied from the real examples in domain.md §2.5/§2.6; the demo homepage is checked end to end."""

import datetime
import json

import lxml.html
import pytest

from checks.a11y.taiwan import (
    brick_facts, check_bricks, check_mark, keys_documented, mark_facts, marks_from_rendered, summarize_bricks,
    summarize_mark,
)

HOME = "https://www.hccg.gov.tw/ch/index.jsp"
AS_OF = datetime.date(2026, 11, 29)
FILLER = "".join(f"<p>段落 {n}：本局持續提供便民服務，歡迎多加利用。</p>" for n in range(30))


def parse(html: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(html)


def page(body: str, head: str = "") -> lxml.html.HtmlElement:
    return parse(f"<!DOCTYPE html><html lang='zh-Hant-TW'><head><title>首頁</title>{head}</head>"
                 f"<body><main>{FILLER}</main>{body}</body></html>")


def checks_of(findings) -> list[str]:
    return [finding.check for finding in findings]


# ---------------------------------------------------------------- 無障礙標章 variants (domain.md §2.5)

MODA_AA = ('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20220830155044" target="_blank"'
           ' title="移至無障礙標章網頁（另開新視窗）"><img alt="通過AA檢測等級無障礙網頁檢測" src="/images/moda/AA.png"'
           ' width="127" height="45"></a>')
MODA_A = ('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20220908164911" title="無障礙網站">'
          '<img src="/images/accessibility.png" border="0" width="88" height="31" alt="通過A無障礙網頁檢測"></a>')
NCC_AA = ('<a href="https://accessibility.ncc.gov.tw/Applications/Detail?category=20220106151048" title="無障礙網站">'
          '<img src="/AA.png" width="88" height="31" alt="通過AA無障礙網頁檢測"></a>')
HANDICAP_FREE = ('<a href="http://www.handicap-free.nat.gov.tw/Applications/Detail?category=20160913093318" '
                 'title="無障礙網站"><img src="new_images/down_41.jpg" alt="通過A+優先等級無障礙網頁檢測" '
                 'width="88" height="31"></a>')

MARK_VARIANTS = [
    pytest.param(MODA_AA, dict(scheme="moda", level="AA", level_source="alt", registration="20220830155044",
                               registered_on="2022-08-30", expires_on="2025-08-30", width=127, height=45,
                               guideline_version=None), id="moda-current-127x45"),
    pytest.param(MODA_A, dict(scheme="moda", level="A", level_source="alt", registration="20220908164911",
                              registered_on="2022-09-08", expires_on="2025-09-08", width=88, height=31),
                 id="moda-A-88x31"),
    pytest.param(NCC_AA, dict(scheme="ncc", level="AA", level_source="alt", registration="20220106151048",
                              registered_on="2022-01-06", expires_on="2025-01-06", img_src="/AA.png"),
                 id="ncc-era"),
    pytest.param(HANDICAP_FREE, dict(scheme="handicap-free", level="A+", level_source="alt",
                                     registration="20160913093318", registered_on="2016-09-13",
                                     expires_on="2019-09-13", guideline_version="1.0"), id="handicap-free-A+"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20240105120000" '
                 'title="無障礙網站"><img src="/images/badge.png" alt="通過AAA無障礙網頁檢測" width="88" height="31"></a>',
                 dict(scheme="moda", level="AAA", level_source="alt", expires_on="2027-01-05"), id="AAA-by-analogy"),
    pytest.param('<a href="https://accessibility.ncc.gov.tw/Applications/Detail?category=20200817093000">'
                 '<img src="/images/badge.gif" alt="通過AA優先等級無障礙網頁檢測"></a>',
                 dict(scheme="ncc", level="AA", level_source="alt", expires_on="2023-08-17", width=None),
                 id="AA-優先等級"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20230301100000">'
                 '<img src="/images/badge.png" alt="通過A檢測等級無障礙網頁檢測"></a>',
                 dict(scheme="moda", level="A", level_source="alt"), id="A-檢測等級"),
    pytest.param('<a href="http://www.handicap-free.nat.gov.tw/" title="無障礙網站"><img src="/images/aplus.png" '
                 'alt="無障礙A+"></a>',
                 dict(scheme="handicap-free", level="A+", level_source="alt", registration=None, expires_on=None,
                      expiry_inferred=False, guideline_version="1.0"), id="無障礙A+"),
    pytest.param('<a href="https://accessibility.ncc.gov.tw/Applications/Detail?category=20190517103018" '
                 'title="無障礙網站"><img src="/images/accessibility_AA.png" alt="無障礙標章2.0「另開新視窗」"></a>',
                 dict(scheme="ncc", level="AA", level_source="filename", guideline_version="2.0",
                      registration="20190517103018", expires_on="2022-05-17"), id="標章2.0-level-from-file"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20230412093000" '
                 'title="移至無障礙標章網頁"><img src="/images/AA21.svg" alt="無障礙標章"></a>',
                 dict(scheme="moda", level="AA", level_source="filename", guideline_version="2.1"), id="AA21.svg"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20230412093000">'
                 '<img src="/images/mark_aa.png" alt=""></a>',
                 dict(scheme="moda", level="AA", level_source="filename", alt=None), id="mark_aa-no-alt"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20230412093000">'
                 '<img src="/img/A+.jpg"></a>',
                 dict(level="A+", level_source="filename"), id="A+.jpg"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20230412093000">'
                 '<img src="/img/aaa.gif" alt="無障礙標章"></a>',
                 dict(level="AAA", level_source="filename"), id="aaa.gif"),
    pytest.param('<img src="/img/access.png" alt="通過AA無障礙網頁檢測" width="88" height="31">',
                 dict(scheme="other", href=None, level="AA", registration=None), id="unlinked-image"),
    pytest.param('<a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20221301000000">'
                 '<img src="/img/AA.png" alt="通過AA無障礙網頁檢測"></a>',
                 dict(registration="20221301000000", registered_on=None, expires_on=None, expiry_inferred=False),
                 id="stamp-not-a-date"),
]


@pytest.mark.parametrize("html, expected", MARK_VARIANTS)
def test_every_mark_variant_parses(html, expected):
    facts = mark_facts(page(f"<footer>{html}</footer>"), HOME)
    assert facts["present"] is True and facts["script_rendered_hint"] is False
    assert len(facts["marks"]) == 1
    mark = facts["marks"][0]
    for key, value in expected.items():
        assert mark[key] == value, key
    assert mark["in_footer"] is True
    assert mark["locator"].startswith("/html/body/footer")
    assert len(mark["snippet"]) <= 300
    if mark["level_source"] == "filename":
        assert "level not stated in text" in mark["flags"]
    if mark["expires_on"]:
        assert mark["expiry_inferred"] is True
    json.dumps(facts, ensure_ascii=False)


def test_legacy_head_meta_is_a_claim_not_a_mark():
    facts = mark_facts(page("<footer><p>版權所有</p></footer>",
                            head='<meta name="Accessible_website" content="本網站通過A+優先等級無障礙網頁檢測">'), HOME)
    assert facts == {"present": False, "marks": [], "meta_claim": "本網站通過A+優先等級無障礙網頁檢測",
                     "script_rendered_hint": False}
    [finding] = check_mark(facts, HOME, AS_OF)
    assert finding.check == "tw.mark-missing" and finding.severity == "warning"
    assert "meta" in finding.message and "本網站通過A+優先等級無障礙網頁檢測" in finding.message


def test_script_rendered_mark_is_left_to_the_browser_phase():
    html = ('<footer><div class="accessibilityBadge"></div></footer><script>const AccessibilityLib = '
            '{"taivs": ["20200605144845","AA","2.0","right"], "nhsh": ["20240305131929","AA","2.1","center"]};'
            '</script>')
    facts = mark_facts(page(html), "https://www.taivs.tp.edu.tw/")
    assert facts["present"] is False and facts["script_rendered_hint"] is True
    assert facts["script_candidate"] == {"key": "taivs", "registration": "20200605144845", "level": "AA",
                                         "guideline_version": "2.0", "registered_on": "2020-06-05",
                                         "expires_on": "2023-06-05"}
    [finding] = check_mark(facts, "https://www.taivs.tp.edu.tw/", AS_OF)
    assert finding.check == "tw.mark-missing"
    assert "瀏覽器階段確認" in finding.message and "已逾期" in finding.message
    assert finding.evidence["needs_browser_confirmation"] is True
    # A container alone is enough of a hint, even without the table.
    bare = mark_facts(page('<div class="accessibilityBadge"></div>'), HOME)
    assert bare["script_rendered_hint"] is True and bare["script_candidate"] is None


def test_marks_the_browser_phase_rendered():
    # The shape crawler/browser.py returns for marks found in the rendered DOM.
    rendered = [{"href": "https://accessibility.moda.gov.tw/Applications/Detail?category=20200605144845",
                 "alt": "通過AA檢測等級無障礙網頁檢測", "title": "無障礙網站",
                 "img_src": "https://www.taivs.tp.edu.tw/images/AA.png"}]
    facts = marks_from_rendered(rendered, "https://www.taivs.tp.edu.tw/")
    [mark] = facts["marks"]
    assert facts["present"] is True and facts["rendered"] is True
    assert (mark["scheme"], mark["level"], mark["expires_on"], mark["in_footer"]) == ("moda", "AA", "2023-06-05", None)
    # Placement and size are unknown after rendering, so only the expiry is judged.
    assert checks_of(check_mark(facts, "https://www.taivs.tp.edu.tw/", AS_OF)) == ["tw.mark-expired"]
    json.dumps(facts, ensure_ascii=False)


def test_text_only_link_with_a_registration_is_a_mark():
    html = ('<footer><a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20250301100000" '
            'title="無障礙標章（另開新視窗）">通過AA無障礙網頁檢測</a></footer>')
    [mark] = mark_facts(page(html), HOME)["marks"]
    assert (mark["scheme"], mark["level"], mark["level_source"], mark["img_src"]) == ("moda", "AA", "alt", None)
    assert mark["registration"] == "20250301100000" and mark["width"] is None


def test_text_links_to_the_portal_are_not_marks():
    html = ('<footer><a href="https://accessibility.moda.gov.tw/">無障礙網路空間服務網</a>'
            '<a href="/ch/accessibility.html">無障礙網站說明</a></footer>')
    facts = mark_facts(page(html), HOME)
    assert facts["present"] is False and facts["marks"] == []


def test_mark_above_the_content_is_not_in_the_footer():
    root = parse(f"<html><body><header>{NCC_AA}</header><main>{FILLER}</main><footer>版權所有</footer></body></html>")
    [mark] = mark_facts(root, HOME)["marks"]
    assert mark["in_footer"] is False
    # Late in the body counts as 首頁下方 even without a footer element.
    late = parse(f"<html><body><div>{FILLER}</div><div class='links'>{NCC_AA}</div></body></html>")
    assert mark_facts(late, HOME)["marks"][0]["in_footer"] is True


# ---------------------------------------------------------------- check_mark

def test_expired_mark_from_registration_stamp():
    html = ('<footer><a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20200605144845" '
            'title="無障礙網站"><img src="/AA.png" alt="通過AA無障礙網頁檢測" width="88" height="31"></a></footer>')
    facts = mark_facts(page(html), HOME)
    findings = check_mark(facts, HOME, AS_OF)
    assert checks_of(findings) == ["tw.mark-expired"]
    [expired] = findings
    assert expired.severity == "warning" and expired.indicator == "2.1.2"
    assert expired.evidence["registered_on"] == "2020-06-05"
    assert expired.evidence["expires_on"] == "2023-06-05"
    assert expired.evidence["expiry_inferred"] is True and expired.evidence["expired"] is True
    assert "推定" in expired.message and "民國112年6月5日" in expired.message
    for key in ("href", "alt", "level", "level_source", "registration", "locator", "snippet"):
        assert key in expired.evidence
    # The day before expiry it is still valid.
    assert check_mark(facts, HOME, datetime.date(2023, 6, 4)) == []


def test_current_moda_mark_findings():
    facts = mark_facts(page(f"<footer>{MODA_AA}</footer>"), HOME)
    findings = check_mark(facts, HOME, AS_OF)
    assert checks_of(findings) == ["tw.mark-expired", "tw.mark-size"]
    size = findings[1]
    assert size.severity == "notice" and "127×45" in size.message and "88×31" in size.message


def test_legacy_handicap_free_mark():
    findings = check_mark(mark_facts(page(f"<footer>{HANDICAP_FREE}</footer>"), HOME), HOME, AS_OF)
    assert checks_of(findings) == ["tw.mark-expired", "tw.mark-legacy-scheme"]
    legacy = findings[1]
    assert legacy.severity == "warning"
    assert "A+" in legacy.message and "handicap-free" in legacy.message


def test_level_from_filename_only_is_flagged():
    html = ('<footer><a href="https://accessibility.moda.gov.tw/Applications/Detail?category=20250101090000">'
            '<img src="/images/AA.png" alt="無障礙標章" width="88" height="31"></a></footer>')
    findings = check_mark(mark_facts(page(html), HOME), HOME, AS_OF)
    assert checks_of(findings) == ["tw.mark-level-unstated"]
    assert findings[0].severity == "notice" and "/images/AA.png" in findings[0].message


def test_mark_not_in_footer_finding():
    root = parse(f"<html><body><header>{MODA_A}</header><main>{FILLER}</main></body></html>")
    findings = check_mark(mark_facts(root, HOME), HOME, datetime.date(2024, 1, 1))
    assert checks_of(findings) == ["tw.mark-not-in-footer"]
    assert "第6條" in findings[0].message


def test_claimed_level_above_automatic_results_is_flagged_for_review():
    facts = mark_facts(page(f"<footer>{NCC_AA}</footer>"), HOME)
    on_time = datetime.date(2024, 1, 1)
    assert check_mark(facts, HOME, on_time, auto_level_supported="AA") == []
    assert check_mark(facts, HOME, on_time, auto_level_supported=None) == []
    [finding] = check_mark(facts, HOME, on_time, auto_level_supported="A")
    assert finding.check == "tw.mark-level-unsupported" and finding.severity == "notice"
    assert "複核" in finding.message and finding.evidence["auto_level_supported"] == "A"
    [below_a] = check_mark(facts, HOME, on_time, auto_level_supported="none")
    assert "未達 A 等級" in below_a.message


def test_missing_mark():
    facts = mark_facts(page("<footer><p>版權所有</p></footer>"), HOME)
    [finding] = check_mark(facts, HOME, AS_OF)
    assert finding.check == "tw.mark-missing" and finding.severity == "warning"
    assert "瀏覽器" not in finding.message
    summary = summarize_mark(facts, HOME, AS_OF)
    assert summary["verdict"] == "missing" and summary["findings"] == ["tw.mark-missing"]


# ---------------------------------------------------------------- 導盲磚 (domain.md §2.6)

MODA_ACS = """<body>
<a href="#AC" id="startBrick" class="visually-hidden-focusable" title="跳到主要內容">跳到主要內容</a>
<header><a href="#AU" id="AU" accesskey="U" class="a11yBrick" title="頁面頂端功能區塊[快捷鍵Alt+U]">:::</a>
<a href="/ACS/sitemap/694.html" title="網站導覽"><span class="icon-sitemap"></span></a></header>
<nav><a href="#AL" id="AL" accesskey="L" class="a11yBrick" title="頁面左方功能區塊[快捷鍵Alt+L]">:::</a></nav>
<main><a href="#AC" id="AC" accesskey="C" class="a11yBrick" title="中央內容區塊[快捷鍵Alt+C]">:::</a><h1>首頁</h1></main>
<footer><a href="#AZ" id="AZ" accesskey="Z" class="a11yBrick" title="頁面尾端功能區塊[快捷鍵Alt+Z]">:::</a></footer>
</body>"""

HCCP = """<body><div class="header">
<a href="#U" id="AU" name="U" title="右上方功能區塊" accesskey="U">:::</a>
<ul><li><a href="https://tra.hccp.gov.tw/sitemap.html" title="連結網站導覽">網站導覽</a></li></ul></div>
<div class="content"><a href="#C" title="中央內容區塊" id="AC" accesskey="C" name="C">:::</a><p>案件查詢</p></div>
<div class="footer"><a href="#Z" id="AZ" title="下方功能區塊" accesskey="Z" name="Z">:::</a></div></body>"""


def test_moda_acs_bricks_and_skip_link():
    facts = brick_facts(parse(MODA_ACS), "https://moda.gov.tw/ACS/index.html")
    assert [(b["key"], b["href"], b["target_exists"]) for b in facts["bricks"]] == [
        ("U", "#AU", True), ("L", "#AL", True), ("C", "#AC", True), ("Z", "#AZ", True)]
    assert facts["bricks"][0]["title"] == "頁面頂端功能區塊[快捷鍵Alt+U]"
    assert facts["accesskeys"] == {"U": 1, "L": 1, "C": 1, "Z": 1}
    skip = facts["skip_link"]
    assert skip["text"] == "跳到主要內容" and skip["target"] == "AC"
    assert skip["target_exists"] is True and skip["first_focusable"] is True
    assert facts["first_focusable"]["href"] == "#AC"
    assert facts["sitemap_links"] == ["https://moda.gov.tw/ACS/sitemap/694.html"]  # found by title on an icon link
    assert check_bricks(facts, "https://moda.gov.tw/ACS/index.html", None, None) == []
    json.dumps(facts, ensure_ascii=False)


def test_hsinchu_police_bricks_use_name_targets():
    facts = brick_facts(parse(HCCP), "https://tra.hccp.gov.tw/index.html")
    assert [(b["key"], b["title"], b["target"], b["target_exists"]) for b in facts["bricks"]] == [
        ("U", "右上方功能區塊", "U", True), ("C", "中央內容區塊", "C", True), ("Z", "下方功能區塊", "Z", True)]
    assert facts["sitemap_links"] == ["https://tra.hccp.gov.tw/sitemap.html"]
    assert facts["skip_link"] is None
    assert facts["first_focusable"]["text"] == ":::"
    findings = check_bricks(facts, "https://tra.hccp.gov.tw/index.html", None, None)
    assert checks_of(findings) == ["tw.skip-link-missing"]
    assert findings[0].severity == "notice" and "非 WCAG" in findings[0].message


def test_older_2016_style_brick():
    html = '<body><a accesskey="u" href="#" title="上方連結區">:::上方連結區</a><a href="index.html">首頁</a></body>'
    facts = brick_facts(parse(html), HOME)
    [brick] = facts["bricks"]
    assert brick["key"] == "U" and brick["text"] == ":::上方連結區" and brick["title"] == "上方連結區"
    assert brick["target"] == "" and brick["target_exists"] is False
    findings = check_bricks(facts, HOME, None, None)
    assert checks_of(findings) == ["tw.brick-key-missing", "tw.brick-key-missing", "tw.brick-target-missing",
                                   "tw.skip-link-missing", "tw.sitemap-missing"]
    assert [f.target for f in findings[:2]] == ["C", "Z"]
    assert "只會回到頁首" in findings[2].message


def test_page_without_bricks():
    html = '<body><header><a href="/">首頁</a><a href="/sitemap.html">網站地圖</a></header><main><p>內容</p></main></body>'
    facts = brick_facts(parse(html), HOME)
    assert facts["bricks"] == [] and facts["accesskeys"] == {}
    assert facts["sitemap_links"] == ["https://www.hccg.gov.tw/sitemap.html"]
    findings = check_bricks(facts, HOME, None, None)
    assert checks_of(findings) == ["tw.bricks-missing", "tw.skip-link-missing"]  # one finding, not one per key
    assert "非 WCAG" in findings[0].message
    assert summarize_bricks(facts, HOME)["verdict"] == "missing"


def test_duplicate_accesskeys_and_untitled_bricks():
    html = """<body><a href="#C" title="跳至主要內容">跳至主要內容</a>
    <a href="#U" name="U" accesskey="U">:::</a><input type="search" accesskey="u" title="搜尋">
    <a href="#C" name="C" accesskey="C" title=":::">:::</a><a href="#Z" accesskey="Z" title="下方功能區塊">:::</a>
    <a href="/sitemap.html">網站導覽</a></body>"""
    facts = brick_facts(parse(html), HOME)
    assert facts["accesskeys"] == {"U": 2, "C": 1, "Z": 1}
    findings = check_bricks(facts, HOME, None, None)
    assert checks_of(findings) == ["tw.brick-untitled", "tw.brick-untitled", "tw.brick-target-missing",
                                   "tw.accesskey-duplicate"]
    assert [f.evidence["reason"] for f in findings[:2]] == ["empty", "vague"]
    assert findings[2].target == "Z" and "找不到對應的 id 或 name" in findings[2].message
    duplicate = findings[3]
    assert duplicate.target == "U" and duplicate.evidence["count"] == 2


def test_skip_link_first_versus_not_first():
    first = ('<body><a href="#main">跳到主要內容</a><a href="/"><img src="logo.png" alt="首頁"></a>'
             '<main id="main"></main></body>')
    facts = brick_facts(parse(first), HOME)
    assert facts["skip_link"]["first_focusable"] is True
    late = ('<body><a href="/"><img src="logo.png" alt="回首頁"></a>'
            '<a href="#main" class="skip">Skip to main content</a><main id="main"></main></body>')
    facts = brick_facts(parse(late), HOME)
    assert facts["skip_link"]["first_focusable"] is False
    assert facts["first_focusable"] == {"tag": "a", "text": "回首頁", "href": "/", "locator": "/html/body/a[1]"}
    [not_first] = [f for f in check_bricks(facts, HOME, None, None) if f.check.startswith("tw.skip")]
    assert not_first.check == "tw.skip-link-not-first" and "回首頁" in not_first.message


def test_first_focusable_follows_tab_order():
    # Hidden inputs, anchors without href, hidden and template content, tabindex=-1 are not tab stops.
    html = """<body><input type="hidden" name="t" value="1"><a name="top"></a><a href="/x" hidden>x</a>
    <template><a href="/t">t</a></template><a href="/y" tabindex="-1">y</a><button disabled>b</button>
    <div style="display: none"><a href="/z">z</a></div><a href="#C" title="跳過導覽">略過</a></body>"""
    facts = brick_facts(parse(html), HOME)
    assert facts["skip_link"]["first_focusable"] is True
    # A positive tabindex is visited before everything else.
    jumped = ('<body><a href="#C">跳到主要內容</a><input type="text" tabindex="2" title="查詢">'
              '<a id="C"></a></body>')
    facts = brick_facts(parse(jumped), HOME)
    assert facts["first_focusable"]["tag"] == "input" and facts["skip_link"]["first_focusable"] is False


def test_content_brick_doubling_as_the_skip_link():
    html = ('<body><a href="#C" name="C" accesskey="C" title="跳到主要內容區塊">:::</a><header><a href="/">首頁</a>'
            '</header><a href="#U" name="U" accesskey="U" title="上方功能區塊">:::</a></body>')
    facts = brick_facts(parse(html), HOME)
    assert [b["key"] for b in facts["bricks"]] == ["C", "U"]
    assert facts["skip_link"]["locator"] == facts["bricks"][0]["locator"]
    assert facts["skip_link"]["first_focusable"] is True


def test_skip_link_to_a_missing_target():
    facts = brick_facts(parse('<body><a href="#content">跳到主要內容</a><main>x</main></body>'), HOME)
    assert facts["skip_link"]["target_exists"] is False
    findings = check_bricks(facts, HOME, None, None)
    assert "tw.brick-target-missing" in checks_of(findings)
    [target] = [f for f in findings if f.check == "tw.brick-target-missing"]
    assert target.evidence["element"] == "skip-link"


def test_same_page_absolute_href_counts_as_in_page():
    html = '<body><a href="https://www.hccg.gov.tw/ch/index.jsp#C" accesskey="C" title="中央內容區塊" id="C">:::</a></body>'
    [brick] = brick_facts(parse(html), HOME)["bricks"]
    assert brick["target"] == "C" and brick["target_exists"] is True
    elsewhere = '<body><a href="/ch/other.jsp#C" accesskey="C" title="中央內容區塊">:::</a></body>'
    [brick] = brick_facts(parse(elsewhere), HOME)["bricks"]
    assert brick["target"] is None and brick["target_exists"] is False


# ---------------------------------------------------------------- 網站導覽

SITEMAP_PAGE = """<body><main><h1>網站導覽</h1>
<p>本網站依無障礙網頁設計原則建置，網站主要分為三大區塊：上方功能區塊、中央內容區塊、下方功能區塊。</p>
<p>本網站的快速鍵（Accesskey）設定如下：</p>
<ul><li>Alt+U：上方功能區塊，包含本站主要連結及搜尋。</li><li>Alt+C：中央內容區塊，為本頁主要內容區。</li>
<li>Alt+Z：下方功能區塊，包含隱私權及網站安全政策、聯絡資訊等。</li></ul>
<p>如果您的瀏覽器是 Firefox，快速鍵請改用 Shift+Alt+(快速鍵字母)，例如 Shift+Alt+C 會跳至網頁中央區塊；
Mac 使用者請按 Control+Option+(快速鍵字母)。</p>
<ul><li><a href="/ch/news.jsp">最新消息</a></li><li><a href="/ch/about.jsp">機關簡介</a></li></ul></main></body>"""

SITEMAP_WITHOUT_KEYS = """<body><main><h1>網站導覽</h1><p>以下為本網站架構，點選即可進入各單元。</p>
<ul><li><a href="/ch/news.jsp">最新消息</a></li><li><a href="/ch/about.jsp">機關簡介</a></li>
<li><a href="/ch/faq.jsp">常見問答</a></li></ul><script>var tip = "Alt+U";</script></main></body>"""


def test_keys_documented_on_a_realistic_sitemap():
    result = keys_documented(parse(SITEMAP_PAGE))
    assert result["documents_accesskeys"] is True
    assert result["keys"] == ["C", "U", "Z"]
    assert result["mentions_browsers"] is True
    assert "Alt+U" in result["evidence"] and len(result["evidence"]) <= 200


def test_keys_not_documented():
    result = keys_documented(parse(SITEMAP_WITHOUT_KEYS))
    assert result == {"documents_accesskeys": False, "keys": [], "mentions_browsers": False, "evidence": ""}
    facts = brick_facts(parse(HCCP), "https://tra.hccp.gov.tw/index.html")
    findings = check_bricks(facts, "https://tra.hccp.gov.tw/index.html", result,
                            "https://tra.hccp.gov.tw/sitemap.html")
    [undocumented] = [f for f in findings if f.check == "tw.sitemap-keys-undocumented"]
    assert undocumented.url == "https://tra.hccp.gov.tw/sitemap.html"


def test_sitemap_missing_a_key_the_homepage_uses():
    facts = brick_facts(parse(MODA_ACS), "https://moda.gov.tw/ACS/index.html")
    findings = check_bricks(facts, "https://moda.gov.tw/ACS/index.html", keys_documented(parse(SITEMAP_PAGE)),
                            "https://moda.gov.tw/ACS/sitemap/694.html")
    [finding] = findings
    assert finding.check == "tw.sitemap-keys-undocumented" and finding.evidence["undocumented_keys"] == ["L"]


def test_articles_mentioning_the_sitemap_are_not_sitemap_links():
    html = '<body><a href="/news/1.html">本局網站導覽頁面改版，新增行政區地圖與各單元快速連結說明</a></body>'
    assert brick_facts(parse(html), HOME)["sitemap_links"] == []


# ---------------------------------------------------------------- the demo site's homepage

@pytest.fixture(scope="module")
def demo():
    from demosite.site import build_site

    site = build_site("http://127.0.0.1:1", "http://127.0.0.2:2", "http://127.0.0.1:9")
    home = lxml.html.document_fromstring(site.main["/ch/index.jsp"].body)
    sitemap = lxml.html.document_fromstring(site.main["/ch/home.jsp?id=70&parentpath=0"].body)
    return home, sitemap


def test_demo_homepage_bricks(demo):
    home, sitemap = demo
    url = "http://127.0.0.1:1/ch/index.jsp"
    facts = brick_facts(home, url)
    assert [(b["key"], b["title"], b["target_exists"]) for b in facts["bricks"]] == [
        ("U", "上方功能區塊[快捷鍵Alt+U]", True), ("C", "中央內容區塊[快捷鍵Alt+C]", True),
        ("Z", "下方功能區塊[快捷鍵Alt+Z]", True)]
    assert facts["accesskeys"] == {"U": 1, "C": 1, "Z": 1}
    assert facts["skip_link"]["text"] == "跳到主要內容" and facts["skip_link"]["first_focusable"] is True
    assert facts["sitemap_links"] == ["http://127.0.0.1:1/ch/home.jsp?id=70&parentpath=0"]  # comment link ignored
    documented = keys_documented(sitemap)
    assert documented["documents_accesskeys"] and documented["keys"] == ["C", "U", "Z"]
    assert documented["mentions_browsers"] is True
    sitemap_url = facts["sitemap_links"][0]
    assert check_bricks(facts, url, documented, sitemap_url) == []
    summary = summarize_bricks(facts, url, documented, sitemap_url)
    assert summary["verdict"] == "ok" and all(item["ok"] for item in summary["items"])
    json.dumps(summary, ensure_ascii=False)


def test_demo_homepage_mark(demo):
    home, _ = demo
    url = "http://127.0.0.1:1/ch/index.jsp"
    facts = mark_facts(home, url)
    assert facts["present"] is True and facts["meta_claim"] is None and facts["script_rendered_hint"] is False
    [mark] = facts["marks"]
    # The demo stubs the moda portal on its external host, so the scheme is "other" but the rest is moda-style.
    assert mark["scheme"] == "other"
    assert (mark["level"], mark["level_source"]) == ("AA", "alt")
    assert mark["alt"] == "通過AA檢測等級無障礙網頁檢測"
    assert (mark["registration"], mark["registered_on"], mark["expires_on"]) == (
        "20240305131929", "2024-03-05", "2027-03-05")
    assert (mark["width"], mark["height"], mark["in_footer"]) == (88, 31, True)
    assert mark["locator"] == "/html/body/footer/div/a"
    assert check_mark(facts, url, AS_OF) == []
    assert check_mark(facts, url, AS_OF, auto_level_supported="AA") == []
    summary = summarize_mark(facts, url, AS_OF)
    assert summary["verdict"] == "ok" and summary["items"][0]["expired"] is False
    json.dumps(summary, ensure_ascii=False)


def test_findings_serialise_with_stable_ids():
    facts = brick_facts(parse('<body><a href="#" accesskey="U">:::</a></body>'), HOME)
    findings = check_bricks(facts, HOME, None, None) + check_mark(mark_facts(parse("<body></body>"), HOME), HOME, AS_OF)
    assert {f.indicator for f in findings} == {"2.1.2"}
    assert all(f.severity in ("notice", "warning") for f in findings)
    dumped = [f.to_dict() for f in findings]
    json.dumps(dumped, ensure_ascii=False)
    assert len({d["id"] for d in dumped}) == len(dumped)
