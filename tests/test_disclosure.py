"""Active disclosure: the zone and how it was found, the ten Article 7 categories, currency, supplements.

Sites are built from HTML in the Hsinchu home.jsp, CCMS cp.aspx and static styles; the audit date is 2026-11-29."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pytest

from checks.disclosure import check_disclosure, summarize_disclosure
from checks.site import Site
from tests.test_vocab import BASE, document, html_site

ZONE = "/ch/home.jsp?id=30&parentpath=0"
CATEGORY_LINKS = {
    1: ("/ch/home.jsp?id=31&parentpath=0,30", "主管法規"),
    2: ("/ch/home.jsp?id=32&parentpath=0,30", "行政規則及裁量基準"),
    3: ("/ch/home.jsp?id=33&parentpath=0,30", "組織職掌"),
    4: ("/ch/home.jsp?id=34&parentpath=0,30", "行政指導文書"),
    5: ("/ch/home.jsp?id=35&parentpath=0,30", "施政計畫"),
    6: ("/ch/home.jsp?id=38&parentpath=0,30", "預算、決算書及會計報告"),
    7: ("/ch/home.jsp?id=40&parentpath=0,30", "訴願決定"),
    8: ("/ch/home.jsp?id=41&parentpath=0,30", "採購資訊"),
    9: ("/ch/home.jsp?id=42&parentpath=0,30", "支付或接受之補助"),
    10: ("/ch/home.jsp?id=43&parentpath=0,30", "委員會會議紀錄"),
}


@dataclass
class CollegialSite(Site):
    collegial: bool = True


def home(nav: str = "", footer: str = "", main: str = "") -> str:
    return document(
        '<header class="header"><a href="#C" accesskey="C" title="中央內容區塊">:::</a>'
        '<ul class="toplinks"><li><a href="/ch/index.jsp">回首頁</a></li>'
        '<li><a href="/ch/home.jsp?id=70&amp;parentpath=0">網站導覽</a></li></ul>'
        f'<nav class="mainnav"><ul>{nav}</ul></nav></header><main>{main}</main><footer>{footer}</footer>',
        title="首頁-新竹市示範所")


def zone_page(numbers=range(1, 11), extra: str = "") -> str:
    items = "".join(f'<li><a href="{CATEGORY_LINKS[n][0].replace("&", "&amp;")}">{CATEGORY_LINKS[n][1]}</a></li>'
                    for n in numbers)
    return document(f'<nav class="mainnav"><ul><li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li></ul></nav>'
                    f'<main><p>依據政府資訊公開法第7條規定，主動公開下列政府資訊：</p><ul class="govinfo">{items}</ul>'
                    f'{extra}</main>', title="政府資訊公開-新竹市示範所")


def category_page(body: str = "", title: str = "分類") -> str:
    return document(f'<main><h1>{title}</h1>{body}</main>', title=f"{title}-新竹市示範所")


def hsinchu_site(numbers=range(1, 11), pages: dict[str, str] | None = None, **kw) -> Site:
    nav = f'<li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li>'
    all_pages = {"/": home(nav=nav), ZONE: zone_page(numbers)}
    for number in numbers:
        path, text = CATEGORY_LINKS[number]
        all_pages.setdefault(path, category_page(title=text))
    all_pages.update(pages or {})
    return html_site(all_pages, **kw)


def categories(summary: dict) -> dict[int, dict]:
    return {c["number"]: c for c in summary["categories"]}


def attachment(name: str, text: str | None = None) -> str:
    return f'<li><a href="/001/Upload/401/relfile/{quote(name)}">{text or name}</a></li>'


# ---------------------------------------------------------------- shape


def test_summary_shape_is_the_contract():
    summary = summarize_disclosure(hsinchu_site())
    assert set(summary) == {"zone_url", "zone_found_via", "categories", "supplements", "currency"}
    assert [c["number"] for c in summary["categories"]] == list(range(1, 11))
    assert [c["name"] for c in summary["categories"]] == [
        "法規", "解釋性規定及裁量基準", "組織、職掌及聯絡資訊", "行政指導有關文書", "施政計畫、業務統計及研究報告",
        "預算及決算書", "請願處理結果及訴願決定", "公共工程及採購契約", "支付或接受之補助", "合議制機關會議紀錄"]
    for category in summary["categories"]:
        assert set(category) == {"number", "name", "status", "evidence", "reachable", "newest_date"}
    assert [(s["key"], s["name"]) for s in summary["supplements"]] == [
        ("service_measures", "服務措施"), ("activities", "活動訊息"), ("faq", "常見問題"), ("publications", "出版品")]
    for supplement in summary["supplements"]:
        assert set(supplement) == {"key", "name", "found", "evidence"}
    assert set(summary["currency"]) == {"budget_year_roc", "final_account_year_roc", "current_year_roc",
                                        "budget_current", "final_account_recent"}
    assert summary["currency"]["current_year_roc"] == 115


def test_all_ten_always_even_for_an_empty_site():
    summary = summarize_disclosure(html_site({"/": home()}))
    assert [c["status"] for c in summary["categories"]] == ["missing"] * 9 + ["not-applicable"]
    assert summary["zone_url"] is None and summary["zone_found_via"] is None
    checks = [f.check for f in check_disclosure(html_site({"/": home()}))]
    assert checks.count("disclosure.zone-missing") == 1
    assert checks.count("disclosure.category-missing") == 9
    assert checks.count("disclosure.supplement-missing") == 4


# ---------------------------------------------------------------- the zone


def test_zone_in_the_homepage_navigation():
    summary = summarize_disclosure(hsinchu_site())
    assert summary["zone_url"] == BASE + ZONE
    assert summary["zone_found_via"] == "nav"


def test_zone_in_the_footer_npa_style():
    footer = '<ul class="footer-links"><li><a href="/info/index.html">資訊公開</a></li></ul>'
    site = html_site({"/": home(footer=footer), "/info/index.html": category_page(title="資訊公開")})
    assert (summarize_disclosure(site)["zone_url"], summarize_disclosure(site)["zone_found_via"]) == (
        BASE + "/info/index.html", "footer")


def test_zone_on_the_sitemap_page():
    sitemap = document('<main><h1>網站導覽</h1><ul><li><a href="cp.aspx?n=100">主動公開資訊</a></li></ul></main>',
                       title="網站導覽-新竹市示範所")
    site = html_site({"/": home(), "/ch/home.jsp?id=70&parentpath=0": sitemap,
                      "/ch/cp.aspx?n=100": category_page(title="主動公開資訊")})
    summary = summarize_disclosure(site)
    assert (summary["zone_url"], summary["zone_found_via"]) == (BASE + "/ch/cp.aspx?n=100", "sitemap-page")


def test_zone_only_in_sitemap_xml():
    site = html_site({"/": home(), "/zone/index.html": category_page(title="政府資訊公開專區")},
                     referrers={"/zone/index.html": "sitemap:" + BASE + "/sitemap.xml"})
    summary = summarize_disclosure(site)
    assert (summary["zone_url"], summary["zone_found_via"]) == (BASE + "/zone/index.html", "sitemap.xml")


def test_zone_linked_only_from_a_deep_page():
    about = category_page('<p>相關資訊請見<a href="/zone.html">政府資訊公開專區</a></p>', title="關於本所")
    site = html_site({"/": home(main='<a href="/about.html">關於本所</a>'), "/about.html": about,
                      "/zone.html": category_page(title="政府資訊公開")})
    summary = summarize_disclosure(site)
    assert (summary["zone_url"], summary["zone_found_via"]) == (BASE + "/zone.html", "link")


def test_zone_link_hidden_in_a_comment_is_no_zone():
    nav = f'<!-- <li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li> -->'
    site = html_site({"/": home(nav=nav)})
    assert summarize_disclosure(site)["zone_url"] is None
    [finding] = [f for f in check_disclosure(site) if f.check == "disclosure.zone-missing"]
    assert finding.severity == "error" and finding.indicator == "2.1.1" and finding.url == BASE + "/"


# ---------------------------------------------------------------- the ten categories


def test_every_category_found_with_evidence_from_the_zone():
    summary = summarize_disclosure(hsinchu_site())
    found = categories(summary)
    for number in range(1, 10):
        assert found[number]["status"] == "found", number
        assert found[number]["evidence"][0] == BASE + CATEGORY_LINKS[number][0]
        assert found[number]["reachable"] is True
    assert found[10]["status"] == "not-applicable"
    assert not [f for f in check_disclosure(hsinchu_site()) if f.check == "disclosure.category-missing"]


@pytest.mark.parametrize("missing", range(1, 10))
def test_each_category_missing(missing):
    site = hsinchu_site(numbers=[n for n in range(1, 11) if n != missing])
    summary = categories(summarize_disclosure(site))
    assert summary[missing]["status"] == "missing"
    assert summary[missing]["evidence"] == [] and summary[missing]["reachable"] is None
    assert all(summary[n]["status"] == "found" for n in range(1, 10) if n != missing)
    [finding] = [f for f in check_disclosure(site) if f.check == "disclosure.category-missing"]
    assert finding.evidence["number"] == missing and finding.url == BASE + ZONE
    assert finding.severity == "warning" and f"第{missing}款" in finding.message


def test_category_10_only_for_collegial_agencies():
    summary = categories(summarize_disclosure(hsinchu_site(numbers=range(1, 10))))
    assert summary[10]["status"] == "not-applicable"
    linked_anyway = categories(summarize_disclosure(hsinchu_site()))[10]
    assert linked_anyway == {"number": 10, "name": "合議制機關會議紀錄", "status": "not-applicable", "evidence": [],
                             "reachable": None, "newest_date": None}
    assert not [f for f in check_disclosure(hsinchu_site(numbers=range(1, 10)))
                if f.check == "disclosure.category-missing"]
    collegial = hsinchu_site(site_class=CollegialSite)
    assert categories(summarize_disclosure(collegial))[10]["status"] == "found"
    missing = hsinchu_site(numbers=range(1, 10), site_class=CollegialSite)
    assert categories(summarize_disclosure(missing))[10]["status"] == "missing"
    assert [f.evidence["number"] for f in check_disclosure(missing) if f.check == "disclosure.category-missing"] == [10]


def test_categories_spread_over_several_menus_and_ccms_pages():
    # moda style: the zone holds a few categories, 會計 and 組織 live in other menus (domain.md §1).
    nav = ('<li><a href="cp.aspx?n=100">政府資訊公開</a></li>'
           '<li><a href="cp.aspx?n=200">關於本署</a><ul><li><a href="cp.aspx?n=201">組織架構</a></li></ul></li>'
           '<li><a href="cp.aspx?n=300">訊息公告</a><ul><li><a href="News.aspx?n=301&amp;sms=1">預算、決算書及會計報告</a>'
           '</li></ul></li>')
    zone = document('<main><ul><li><a href="cp.aspx?n=101">文件報告</a></li><li><a href="cp.aspx?n=102">行政規則</a></li>'
                    '<li><a href="cp.aspx?n=103">支付或接受之補助</a></li></ul></main>', title="政府資訊公開")
    site = html_site({"/": home(nav=nav), "/cp.aspx?n=100": zone})
    found = categories(summarize_disclosure(site))
    assert {n for n, c in found.items() if c["status"] == "found"} == {2, 3, 5, 6, 9}
    assert found[6]["evidence"] == [BASE + "/News.aspx?n=301&sms=1"]
    assert found[6]["reachable"] is None  # linked but never fetched


def test_a_weak_name_counts_only_inside_the_zone():
    nav = (f'<li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li>'
           '<li><a href="/subsidy.html">補助</a></li>')
    site = html_site({"/": home(nav=nav), ZONE: zone_page(numbers=[1])})
    assert categories(summarize_disclosure(site))[9]["status"] == "missing"
    zone_with_subsidy = zone_page(numbers=[1], extra='<p><a href="/subsidy.html">補助</a></p>')
    site = html_site({"/": home(nav=nav), ZONE: zone_with_subsidy})
    assert categories(summarize_disclosure(site))[9]["evidence"] == [BASE + "/subsidy.html"]


def test_weak_names_in_the_zone_pages_footer_are_site_chrome():
    footer = '<footer><a href="/rules.html">網站資料更新及維護要點</a></footer>'
    zone = zone_page(numbers=[1]).replace("</body>", footer + "</body>")
    nav = f'<li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li>'
    site = html_site({"/": home(nav=nav), ZONE: zone})
    assert categories(summarize_disclosure(site))[2]["status"] == "missing"


def test_unreachable_evidence():
    pages = {CATEGORY_LINKS[8][0]: document("<main><h1>找不到網頁</h1></main>", title="找不到網頁")}
    extra = '<p><a href="https://web.pcc.gov.tw/prkms/">政府電子採購網</a></p>'
    nav = f'<li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li>'
    all_pages = {"/": home(nav=nav), ZONE: zone_page(extra=extra), **pages}
    for number in range(1, 11):
        all_pages.setdefault(CATEGORY_LINKS[number][0], category_page(title=CATEGORY_LINKS[number][1]))
    all_pages[CATEGORY_LINKS[7][0]] = document("<p>x</p>", title="訴願決定")
    site = html_site(all_pages, statuses={CATEGORY_LINKS[7][0]: 404},
                     checks={"https://web.pcc.gov.tw/prkms/": "timeout"})
    found = categories(summarize_disclosure(site))
    assert found[7]["reachable"] is False
    assert found[8]["reachable"] is False and found[8]["evidence"] == [BASE + CATEGORY_LINKS[8][0],
                                                                       "https://web.pcc.gov.tw/prkms/"]
    unreachable = {f.evidence["number"]: f for f in check_disclosure(site)
                   if f.check == "disclosure.category-unreachable"}
    assert set(unreachable) == {7, 8}
    assert [b["reason"] for b in unreachable[8].evidence["broken"]] == ["soft-404:找不到網頁", "timeout"]
    assert unreachable[7].target == BASE + CATEGORY_LINKS[7][0] and unreachable[7].url == BASE + ZONE
    assert unreachable[7].evidence["sources"] == [BASE + ZONE]


# ---------------------------------------------------------------- dates and currency


def budget_site(*names: str, dates: dict | None = None, plans: str = "") -> Site:
    budget = category_page("<ul>" + "".join(attachment(n) for n in names) + "</ul>", title="預算、決算書及會計報告")
    pages = {CATEGORY_LINKS[6][0]: budget}
    if plans:
        pages[CATEGORY_LINKS[5][0]] = category_page(plans, title="施政計畫")
    return hsinchu_site(pages=pages, dates=dates)


def outdated(site: Site) -> dict[str, object]:
    return {f.evidence["aspect"]: f for f in check_disclosure(site) if f.check == "disclosure.category-outdated"}


def test_budget_of_this_roc_year_is_current():
    site = budget_site("115年度總預算書.pdf", "113年度決算.pdf")
    currency = summarize_disclosure(site)["currency"]
    assert currency == {"budget_year_roc": 115, "final_account_year_roc": 113, "current_year_roc": 115,
                        "budget_current": True, "final_account_recent": True}
    assert outdated(site) == {}


def test_next_years_budget_is_current_too():
    currency = summarize_disclosure(budget_site("116年度單位預算.pdf", "114年度決算書.pdf"))["currency"]
    assert (currency["budget_year_roc"], currency["budget_current"]) == (116, True)


def test_old_budget_and_final_account_are_outdated():
    site = budget_site("113年度總預算.pdf", "110年度決算.pdf")
    currency = summarize_disclosure(site)["currency"]
    assert (currency["budget_current"], currency["final_account_recent"]) == (False, False)
    found = outdated(site)
    assert set(found) == {"budget", "final_account"}
    assert found["budget"].evidence["year_roc"] == 113 and found["budget"].url == BASE + ZONE
    assert found["budget"].evidence["page"] == BASE + CATEGORY_LINKS[6][0]
    assert found["budget"].target == BASE + "/001/Upload/401/relfile/" + quote("113年度總預算.pdf")
    assert found["final_account"].evidence["year_roc"] == 110
    assert found["budget"].indicator == "2.1.1" and "113" in found["budget"].message


def test_years_from_attachment_names_and_gregorian_years():
    budget = category_page("<ul>" + attachment("2026年總預算.pdf", "下載") + attachment("budget.pdf", "民國113年度決算")
                           + "</ul>", title="預算書")
    site = hsinchu_site(pages={CATEGORY_LINKS[6][0]: budget})
    currency = summarize_disclosure(site)["currency"]
    assert (currency["budget_year_roc"], currency["final_account_year_roc"]) == (115, 113)


def test_no_year_no_verdict():
    currency = summarize_disclosure(budget_site("預算書.pdf"))["currency"]
    assert currency["budget_year_roc"] is None and currency["budget_current"] is None
    assert currency["final_account_recent"] is None
    assert outdated(budget_site("預算書.pdf")) == {}


def test_newest_date_from_page_dates_and_roc_years():
    site = budget_site("113年度決算.pdf", dates={CATEGORY_LINKS[6][0]: "2026-03-02",
                                                 CATEGORY_LINKS[1][0]: "2024-05-01"})
    found = categories(summarize_disclosure(site))
    assert found[6]["newest_date"] == "2026-03-02"
    assert found[1]["newest_date"] == "2024-05-01"
    assert found[2]["newest_date"] is None
    years_only = categories(summarize_disclosure(budget_site("114年度總預算.pdf")))
    assert years_only[6]["newest_date"] == "2025-01-01"
    # A budget for next year is this year's document: never dated after the audit.
    assert categories(summarize_disclosure(budget_site("116年度總預算.pdf")))[6]["newest_date"] == "2026-11-29"


def test_statistics_and_plans_within_a_year():
    stale = budget_site(plans="<ul>" + attachment("112年度施政計畫.pdf") + "</ul>",
                        dates={CATEGORY_LINKS[5][0]: "2024-01-10"})
    assert outdated(stale)["statistics_plans"].evidence["year_roc"] == 112
    current = budget_site(plans="<ul>" + attachment("114年統計年報.pdf") + "</ul>",
                          dates={CATEGORY_LINKS[5][0]: "2024-01-10"})
    assert "statistics_plans" not in outdated(current)
    recently_updated = budget_site(plans="<p>本所施政計畫</p>", dates={CATEGORY_LINKS[5][0]: "2026-02-01"})
    assert "statistics_plans" not in outdated(recently_updated)
    only_old_page = budget_site(plans="<p>本所施政計畫</p>", dates={CATEGORY_LINKS[5][0]: "2024-02-01"})
    assert "民國113年2月1日" in outdated(only_old_page)["statistics_plans"].message


# ---------------------------------------------------------------- supplements


def test_supplements_found_and_missing():
    nav = (f'<li><a href="{ZONE.replace("&", "&amp;")}">政府資訊公開</a></li>'
           '<li><a href="/ch/home.jsp?id=60&amp;parentpath=0">便民服務</a><ul>'
           '<li><a href="/ch/home.jsp?id=61&amp;parentpath=0,60">常見問答</a></li>'
           '<li><a href="/ch/home.jsp?id=65&amp;parentpath=0,60">活動訊息</a></li></ul></li>')
    main = '<ul class="news"><li><a href="/news/1.html">115年度出版品徵稿比賽得獎名單及頒獎典禮公告</a></li></ul>'
    site = html_site({"/": home(nav=nav, main=main), ZONE: zone_page()})
    supplements = {s["key"]: s for s in summarize_disclosure(site)["supplements"]}
    assert supplements["faq"] == {"key": "faq", "name": "常見問題", "found": True,
                                  "evidence": [BASE + "/ch/home.jsp?id=61&parentpath=0,60"]}
    assert supplements["service_measures"]["found"] and supplements["activities"]["found"]
    assert supplements["publications"] == {"key": "publications", "name": "出版品", "found": False, "evidence": []}
    [finding] = [f for f in check_disclosure(site) if f.check == "disclosure.supplement-missing"]
    assert finding.evidence["key"] == "publications" and finding.severity == "notice"


def test_finding_ids_are_distinct():
    findings = list(check_disclosure(html_site({"/": home()})))
    assert len({f.finding_id for f in findings}) == len(findings)
