"""The webmaster's report and the overview: fix-first order, first-seen dates, both languages, groups, trends."""

import re
from pathlib import Path

import lxml.html
import pytest

from checks.finding import Finding
from crawler.store import Store
from reports.build import render_run
from reports.i18n import CHECK_TITLES, LANGS, MESSAGES, catalogue, check_title, indicator_text
from reports.model import load_agency_report
from reports.priority import BLOCKING, MINOR, ONE_OFF, TEMPLATE
from tests.conftest import govaudit

ROOT = "http://127.0.0.1:8000/"
TEMPLATES = Path(__file__).resolve().parent.parent / "reports" / "templates"


def broken(page: str, target: str, region: str, locator: str = "/html/body/main/a") -> Finding:
    return Finding("link.broken", "error", "2.1.1", ROOT + page, "失效連結", ROOT + target,
                   {"status": 404, "reason": "http-404", "text": "連結", "locator": locator, "region": region})


def a11y(page: str, locator: str, snippet: str) -> Finding:
    return Finding("a11y.img-alt", "error", "2.1.2", ROOT + page, "圖片缺少替代文字",
                   evidence={"code": "HM1110100C", "level": "A", "wcag": ["1.1.1"], "rule": "img-alt",
                             "snippet": snippet, "locator": locator, "source": "static"})


def site_finding(check: str, severity: str = "warning") -> Finding:
    return Finding(check, severity, "2.1.1", ROOT, f"{check} 的說明", evidence={"locator": check})


def stored_run(store: Store, findings: list[Finding], summary: dict | None = None, agency: str = "x",
               group: str = "1", started_at: str | None = None, extra_agencies=()) -> int:
    run = store.start_run("2026-11-29", "0.1", {"GOVAUDIT_STALE_DAYS": 365})
    for agency_id, agency_group, agency_findings, agency_summary in [(agency, group, findings, summary),
                                                                    *extra_agencies]:
        store.add_run_agency(run, agency_id, f"機關{agency_id}", agency_group, ROOT)
        store.replace_findings(run, agency_id, agency_findings, agency_summary or {"pages_crawled": 1})
        store.set_agency_status(run, agency_id, "checked")
    store.finish_run(run, "finished")
    if started_at:  # runs made within one test share a day; a distinct day shows which run came first
        with store.transaction() as db:
            db.execute("UPDATE runs SET started_at = ? WHERE id = ?", (started_at, run))
    return run


def priorities(store: Store, run: int):
    report = load_agency_report(store, store.run(run), store.run_agencies(run)[0])
    return [(p.tier, p.check, p.detail, p.pages) for p in report.priorities]


def test_fix_first_orders_by_impact(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    template = [a11y(f"news/{i}.html", "/html/body/header/img", '<img src="logo.png">') for i in range(500)]
    findings = [
        site_finding("page.stale"),                                               # a warning: last
        broken("news/2019/old.html", "gone-from-old-news.html", "main"),            # one old page
        a11y("about.html", "/html/body/main/img[3]", '<img src="chart.png">'),      # one-off element
        *template,                                                                  # one header, 500 pages
        broken("index.html", "menu-target.html", "nav", "/html/body/nav/ul/li[2]/a"),  # site-wide menu
        site_finding("disclosure.category-unreachable"),
        site_finding("search.missing", "error"),
        site_finding("tw.mark-missing"),
        site_finding("crawl.incomplete", "info"),                                   # not a problem to fix
    ]
    run = stored_run(store, findings)
    order = priorities(store, run)
    assert [(tier, check) for tier, check, _, _ in order] == [
        (BLOCKING, "search.missing"), (BLOCKING, "disclosure.category-unreachable"), (BLOCKING, "tw.mark-missing"),
        (TEMPLATE, "a11y.img-alt"), (TEMPLATE, "link.broken"),
        (ONE_OFF, "a11y.img-alt"), (ONE_OFF, "link.broken"),
        (MINOR, "page.stale"),
    ]
    # Within a tier and page count, errors come before warnings (search.missing is the only error here).
    assert order[3][2:] == ('<img src="logo.png">', 500)
    assert order[4][2:] == (ROOT + "menu-target.html", 1)
    assert order[6][2] == ROOT + "gone-from-old-news.html"


def test_menu_link_beats_old_news_link_and_repeated_place_counts_as_template(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    news = [broken(f"news/{i}.html", "news-target.html", "main", f"/html/body/main/p[{i}]/a") for i in range(3)]
    same_place = [broken(f"list/{i}.html", "aside-target.html", "aside", "/html/body/aside/a") for i in range(2)]
    run = stored_run(store, [*news, broken("a.html", "footer-target.html", "footer"), *same_place])
    order = priorities(store, run)
    assert [(tier, detail) for tier, _, detail, _ in order] == [
        (TEMPLATE, ROOT + "aside-target.html"), (TEMPLATE, ROOT + "footer-target.html"),
        (ONE_OFF, ROOT + "news-target.html")]


def render(tmp_path: Path, store: Store, run: int, lang: str = "zh-TW") -> tuple[str, lxml.html.HtmlElement]:
    out = tmp_path / f"out-{lang}"
    render_run(store, run, out, lang=lang)
    html = (out / "x" / "report.html").read_text(encoding="utf-8")
    return html, lxml.html.document_fromstring(html)


def section_rows(root, section_id: str) -> list[str]:
    """Text of every table row between this section's heading and the next h2."""
    heading = root.get_element_by_id(section_id)
    rows = []
    for element in heading.itersiblings():
        if element.tag == "h2":
            break
        rows += [row.text_content() for row in element.iter("tr")]
        if element.tag in ("div", "p") and "target" in (element.get("class") or ""):
            rows.append(element.text_content())
    return rows


def test_every_open_problem_shows_when_it_was_first_seen(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    old = [broken("a.html", "gone.html", "main"), a11y("a.html", "/html/body/img", "<img>"),
           site_finding("disclosure.category-missing"), site_finding("search.no-sort"),
           site_finding("content.title-generic"), site_finding("tw.bricks-missing"),
           Finding("page.stale", "warning", "2.1.1", ROOT + "old.html", "逾期",
                   evidence={"date": "2020-01-01", "date_roc": "民國109年1月1日", "age_days": 2524}),
           Finding("page.undated", "notice", "2.1.1", ROOT + "undated.html", "未標日期", evidence={"title": "頁"}),
           Finding("link.malformed", "error", "2.1.1", ROOT + "c.html", "格式錯誤", "mailto:a@@b")]
    stored_run(store, old, started_at="2026-10-01T01:00:00+00:00")
    run = stored_run(store, old + [broken("b.html", "new.html", "main")], started_at="2026-11-29T01:00:00+00:00")
    html, root = render(tmp_path, store, run)
    for section in ("broken", "a11y", "info-findings", "conventions", "stale", "undated", "malformed"):
        rows = section_rows(root, section)
        assert rows and any("2026-10-01" in row for row in rows), section
    fix_first = section_rows(root, "fix-first")
    assert any(ROOT + "new.html" in row and "2026-11-29" in row for row in fix_first)
    assert any(ROOT + "gone.html" in row and "2026-10-01" in row for row in fix_first)


def test_catalogue_covers_every_fixed_string_in_both_languages():
    used = set()
    for template in TEMPLATES.glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(["']([a-z0-9_]+)["']\s*[,)]""", text))
    # Keys built from data: every value the data can take has its entry.
    used |= {f"tier_{tier}" for tier in (BLOCKING, TEMPLATE, ONE_OFF, MINOR)}
    used |= {f"category_{status}" for status in ("found", "missing", "not-applicable")}
    used |= {f"sort_{key}" for key in ("relevance", "time", "topic")}
    assert used and used <= set(MESSAGES), sorted(used - set(MESSAGES))
    for lang in LANGS:
        assert set(catalogue(lang)) == set(MESSAGES)
    english = catalogue("en")
    assert all(not re.search(r"[\u4e00-\u9fff]", english[key]) for key in used - {"disclosure_zone", "a11y",
               "zone_missing", "conventions", "verdicts_intro", "verdicts_overview_intro"}), \
        "English messages quote Chinese names only on purpose (the plan's verdict words)"
    assert all(titles[1] and not re.search(r"[\u4e00-\u9fff]", titles[1]) for titles in CHECK_TITLES.values())
    assert check_title("link.broken", "en") == "Broken link" and check_title("x.unknown", "en") == "x.unknown"
    assert indicator_text("2.1.1", "zh-TW") == "2.1.1 （一）資訊公開適切性與內容有效性"
    assert indicator_text("2.1.1", "en") == "2.1.1 （一）資訊公開適切性與內容有效性 (appropriate disclosure and valid content)"
    with pytest.raises(ValueError):
        catalogue("fr")


@pytest.mark.parametrize("lang, html_lang, heading, group", [
    ("zh-TW", "zh-Hant-TW", "優先修正", "第1組"), ("en", "en", "What to fix first", "第1組 (group 1)")])
def test_report_language(tmp_path, lang, html_lang, heading, group):
    store = Store(tmp_path / "s.sqlite")
    run = stored_run(store, [broken("a.html", "gone.html", "nav")])
    html, root = render(tmp_path, store, run, lang)
    assert root.get("lang") == html_lang
    assert root.get_element_by_id("fix-first").text_content() == heading
    assert group in root.xpath("string(//header)")
    assert "2.1.1 （一）資訊公開適切性與內容有效性" in html       # the plan's name, exactly, in both languages
    index = lxml.html.parse(str(tmp_path / f"out-{lang}" / "index.html")).getroot()
    assert index.get("lang") == html_lang and index.xpath("string(//h2[starts-with(@id, 'group-')])") == group


def test_report_command_renders_in_english(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    stored_run(store, [broken("a.html", "gone.html", "nav")])
    store.close()
    result = govaudit("report", "--db", str(tmp_path / "s.sqlite"), "--out", str(tmp_path / "out"), "--lang", "en")
    assert result.returncode == 0, result.stderr
    root = lxml.html.parse(str(tmp_path / "out" / "x" / "report.html")).getroot()
    assert root.get("lang") == "en" and root.xpath("string(//h1)") == "機關x website audit"
    bad = govaudit("report", "--db", str(tmp_path / "s.sqlite"), "--out", str(tmp_path / "out"), "--lang", "fr")
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_index_groups_agencies_in_plan_order_with_trends(tmp_path):
    store = Store(tmp_path / "s.sqlite")
    counts = [(5, 9), (2, 9), (0, 4)]
    others = lambda: [("p", "planning", [], {"broken_links": 1}), ("z", "zz-unknown", [], {}),  # noqa: E731
                      ("y", "2", [], {"broken_links": 3, "accessibility_problems": 1})]
    for number, (links, problems) in enumerate(counts):
        run = stored_run(store, [], {"broken_links": links, "accessibility_problems": problems}, group="1",
                         extra_agencies=others() if number else [])
    render_run(store, run, tmp_path / "out")
    root = lxml.html.parse(str(tmp_path / "out" / "index.html")).getroot()
    assert [h.text_content() for h in root.xpath("//h2[starts-with(@id, 'group-')]")] == [
        "第1組", "第2組", "服務規劃機關", "zz-unknown"]
    lines = root.xpath("//svg[@class='spark']")
    assert len(lines) == 4 and all(svg.get("aria-hidden") == "true" for svg in lines)
    points = lines[0].xpath("./polyline[@class='broken']/@points")[0].split()
    assert len(points) == 3
    heights = [float(point.split(",")[1]) for point in points]
    assert heights[0] < heights[1] < heights[2]            # 5 → 2 → 0 broken links: the line falls
    a11y_heights = [float(p.split(",")[1]) for p in lines[0].xpath("./polyline[@class='a11y']/@points")[0].split()]
    assert a11y_heights[0] == a11y_heights[1] < a11y_heights[2]
    trend_cell = lines[0].getparent().text_content()
    assert "3 次執行" in trend_cell and "5→0" in trend_cell and "9→4" in trend_cell
    table = [[cell.text_content() for cell in row.iter("td")]
             for row in root.xpath("//h2[@id='trends']/following::table[1]//tr")][1:]
    assert [row[1:] for row in table if row[0] == "機關x"] == [
        ["1", "2026-11-29", "5", "9"], ["2", "2026-11-29", "2", "9"], ["3", "2026-11-29", "0", "4"]]
    assert [row[1:] for row in table if row[0] == "機關y"] == [["2", "2026-11-29", "3", "1"],
                                                              ["3", "2026-11-29", "3", "1"]]
