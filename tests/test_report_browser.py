"""The rendered demo reports in headless Chromium: axe finds nothing (every automatic rule, WCAG 2.2 and best
practice included), govaudit's own static rules find nothing, a phone needs no sideways page scroll, and the
hash-allowed script sorts and filters tables (so the CSP lets exactly that script run)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import lxml.html
import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from checks.a11y.static import check_page
from crawler.browser import CHROME_FLAGS, BrowserOptions, browser_binaries, audit_pages, axe_script, browser_available
from crawler.store import Store
from reports.build import render_run


# Everything axe can judge automatically, not only the WCAG A/AA tags a crawl reports on.
ALL_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice")
# Both demo agencies, the unreachable one (a report with almost nothing in it) and the overview.
PAGES = ("demo/report.html", "demo2/report.html", "dead/report.html", "index.html")


@pytest.fixture(scope="module")
def rendered(demo_audit, tmp_path_factory) -> dict[str, Path]:
    """The demo run rendered again in both languages: lang → output folder."""
    available, reason = browser_available()
    if not available:
        pytest.fail(f"Chromium/chromedriver are required for the report's browser tests: {reason}", pytrace=False)
    store = Store(demo_audit.db)
    try:
        run = store.runs()[-1].id
        folders = {lang: tmp_path_factory.mktemp(f"report-{lang}") for lang in ("zh-TW", "en")}
        for lang, folder in folders.items():
            render_run(store, run, folder, lang=lang)
    finally:
        store.close()
    return folders


@pytest.fixture(scope="module")
def phone(rendered):
    chromium, chromedriver = browser_binaries()
    profile = tempfile.mkdtemp(prefix="govaudit-report-test-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROME_FLAGS, f"--user-data-dir={profile}", "--window-size=375,800"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    # Headless Chromium will not make a window narrower than 500 px; a phone's viewport is emulated instead.
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": True})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def pages(rendered: dict[str, Path], lang: str) -> list[str]:
    return [(rendered[lang] / name).resolve().as_uri() for name in PAGES]


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_axe_finds_no_violations_at_desktop_width(rendered, lang):
    """Through govaudit's own browser phase, as it audits agency sites."""
    audits = list(audit_pages(pages(rendered, lang),
                              BrowserOptions(workers=2, width=1280, page_timeout=60, tags=ALL_TAGS)))
    assert [a.status for a in audits] == ["ok"] * len(PAGES), [a.error for a in audits]
    assert {a.url: [(v.rule, [n.selector for n in v.nodes][:3]) for v in a.violations] for a in audits} == {
        a.url: [] for a in audits}


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_axe_finds_no_violations_on_a_phone(rendered, phone, lang):
    for url in pages(rendered, lang):
        phone.get(url)
        phone.execute_script(axe_script())
        violations = phone.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
            ".then(function (r) { done(r.violations.map(function (v) { return v.id; })); });", list(ALL_TAGS))
        assert violations == [], url


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_phone_width_needs_no_sideways_page_scroll(rendered, phone, lang):
    for url in pages(rendered, lang):
        phone.get(url)
        assert phone.execute_script("return window.innerWidth") == 375
        overflow = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, url
        wraps = phone.find_elements(By.CSS_SELECTOR, ".table-wrap")
        assert wraps and all(w.size["width"] <= 375 for w in wraps)


def column(table, index: int) -> list[str]:
    return [row.find_elements(By.TAG_NAME, "td")[index].text
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr") if row.is_displayed()]


def test_script_sorts_and_filters_a_table(rendered, phone):
    phone.get((rendered["zh-TW"] / "demo/report.html").resolve().as_uri())
    table = phone.find_element(By.CSS_SELECTOR, "h2#fix-first ~ .table-wrap table")
    headers = table.find_elements(By.CSS_SELECTOR, "thead th")
    assert all(len(th.find_elements(By.CSS_SELECTOR, "button.sort")) == 1 for th in headers)  # the script ran
    pages_header = headers[4]
    assert pages_header.get_attribute("aria-sort") is None
    original = [int(n) for n in column(table, 4)]
    phone.execute_script("arguments[0].scrollIntoView()", pages_header)
    pages_header.find_element(By.TAG_NAME, "button").click()
    assert pages_header.get_attribute("aria-sort") == "ascending"
    assert [int(n) for n in column(table, 4)] == sorted(original)
    pages_header.find_element(By.TAG_NAME, "button").click()
    assert pages_header.get_attribute("aria-sort") == "descending"
    assert [int(n) for n in column(table, 4)] == sorted(original, reverse=True)

    box = phone.find_element(By.CSS_SELECTOR, "h2#fix-first ~ p.filter input[type=search]")
    label = phone.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']")
    assert label.text == "篩選此表："
    box.send_keys("失效連結")
    titles = column(table, 2)
    assert titles and len(titles) < len(original) and all("失效連結" in title for title in titles)
    status = phone.find_element(By.CSS_SELECTOR, "h2#fix-first ~ p.filter [role=status]")
    assert status.text == f"顯示 {len(titles)} / {len(original)} 列"
    logs = [entry for entry in phone.get_log("browser") if "Content Security Policy" in entry["message"]]
    assert logs == []


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_reports_pass_govaudits_own_static_rules(rendered, lang, page):
    root = lxml.html.document_fromstring((rendered[lang] / page).read_bytes(),
                                         parser=lxml.html.HTMLParser(encoding="utf-8"))
    findings = check_page(root, f"http://127.0.0.1/{page}")
    assert [(f.check, f.evidence.get("selector"), f.message) for f in findings] == []


def test_sorting_the_verdict_heat_map_keeps_each_group_heading_first(rendered, phone):
    phone.get((rendered["zh-TW"] / "index.html").resolve().as_uri())
    table = phone.find_element(By.CSS_SELECTOR, "h2#verdicts ~ .table-wrap table")
    score_header = table.find_elements(By.CSS_SELECTOR, "thead th")[1]
    phone.execute_script("arguments[0].scrollIntoView()", score_header)
    for direction in ("ascending", "descending"):
        score_header.find_element(By.TAG_NAME, "button").click()
        assert score_header.get_attribute("aria-sort") == direction
        bodies = table.find_elements(By.TAG_NAME, "tbody")
        assert len(bodies) >= 2
        for body in bodies:
            first = body.find_elements(By.TAG_NAME, "tr")[0].find_elements(By.XPATH, "./*")
            assert len(first) == 1 and first[0].get_attribute("scope") == "colgroup"
