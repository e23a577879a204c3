"""Nothing crawled can run script in a report: hostile titles, link texts, URLs and snippets stay text."""

import lxml.html
import pytest

from checks.finding import Finding
from checks.records import FetchRecord, Reference, ReferenceBatch
from crawler.store import Store
from reports.build import render_run
from reports.tables_script import TABLE_SCRIPT, script_hash
from tests.test_link_checks import page

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
EVIL_URL = "javascript:alert(3)"


def assert_only_our_script(root, html: str) -> None:
    """The one script is our constant text, the CSP allows exactly it, and nothing crawled is inside it."""
    scripts = root.xpath("//script")
    assert len(scripts) == 1 and scripts[0].text == TABLE_SCRIPT and not scripts[0].attrib
    csp = root.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert f"script-src {script_hash(TABLE_SCRIPT)}" in csp and "unsafe-inline'; img" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1] and "'unsafe-eval'" not in csp
    assert html.count("<script") == 1 and html.count("</script>") == 1


@pytest.mark.parametrize("lang", ["zh-TW", "en"])
def test_hostile_crawled_text_is_inert(tmp_path, lang):
    store = Store(tmp_path / "s.sqlite")
    run = store.start_run("2026-11-29", "0.1", {"GOVAUDIT_STALE_DAYS": 365})
    store.add_run_agency(run, "x", "X" + HOSTILE, "1", "http://127.0.0.1/" + HOSTILE)
    source = "http://127.0.0.1/page?q=" + HOSTILE
    reference = Reference(EVIL_URL, EVIL_URL, "link", "a", HOSTILE, "/html/body/a", "main", EVIL_URL)
    store.write_records(run, [page(source, title=HOSTILE, date="2020-01-01", date_label=HOSTILE),
                              ReferenceBatch("x", source, [reference]),
                              FetchRecord("x", EVIL_URL, EVIL_URL, "check", "HEAD", 404, None)])
    findings = [
        Finding("link.broken", "error", "2.1.1", source, "失效" + HOSTILE, EVIL_URL,
                {"text": HOSTILE, "locator": "/html/body/a", "reason": "http-404", "status": 404, "region": "nav"}),
        Finding("page.stale", "warning", "2.1.1", EVIL_URL, HOSTILE,
                evidence={"date": "2020-01-01", "label": HOSTILE, "source": "label", "title": HOSTILE,
                          "text": HOSTILE, "date_roc": HOSTILE, "age_days": 2524}),
        Finding("a11y.img-alt", "error", "2.1.2", source, HOSTILE,
                evidence={"code": "HM1110100C", "level": "A", "wcag": ["1.1.1"], "rule": "img-alt",
                          "snippet": HOSTILE, "selector": HOSTILE, "locator": "/html/body/img", "source": "static"}),
        Finding("disclosure.category-missing", "warning", "2.1.1", source, HOSTILE, evidence={"number": 1}),
        Finding("content.title-generic", "warning", "2.1.1", EVIL_URL, HOSTILE, evidence={"title": HOSTILE}),
        Finding("tw.mark-missing", "warning", "2.1.2", source, HOSTILE, evidence={"snippet": HOSTILE}),
        Finding("link.soft-404", "warning", "2.1.1", source, HOSTILE, EVIL_URL, {"text": HOSTILE, "phrase": HOSTILE}),
    ]
    store.replace_findings(run, "x", findings, {"broken_links": 1, "pages_crawled": 1})
    store.set_agency_status(run, "x", "checked")
    render_run(store, run, tmp_path / "out", lang=lang)

    for path in (tmp_path / "out" / "x" / "report.html", tmp_path / "out" / "index.html"):
        html = path.read_text(encoding="utf-8")
        root = lxml.html.document_fromstring(html)
        assert_only_our_script(root, html)
        assert [el for el in root.iter() if isinstance(el.tag, str)
                and any(name.lower().startswith("on") for name in el.attrib)] == [], path
        hrefs = [a.get("href") for a in root.xpath("//a[@href]")]
        assert all(not h.lower().lstrip().startswith(("javascript:", "data:")) for h in hrefs), hrefs
        assert "<script>alert(1)</script>" not in html
    report = (tmp_path / "out" / "x" / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report  # shown to the reader, as text
    assert "default-src 'none'" in report                       # and a CSP refuses any other script
    fix_first = lxml.html.document_fromstring(report).xpath("//h2[@id='fix-first']/following::table[1]")[0]
    assert HOSTILE in fix_first.text_content()                  # the list of what to fix first quotes it as text
