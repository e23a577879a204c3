"""Site-level link checks over hand-built crawl records: no network, exact findings."""

from datetime import date

from checks.html import url_key
from checks.links import check_broken_links, check_malformed_links, check_soft_404, failure_reason
from checks.records import FetchRecord, PageRecord, Reference
from checks.registry import run_site_checks
from checks.site import Site

ROOT = "http://127.0.0.1:8000/"


def ref(target, kind="link", text="t", region="main"):
    return Reference(target=target, target_key=url_key(target) if target.startswith("http") else target,
                     kind=kind, tag="a", text=text, locator="/html/body/a", region=region, raw=target)


def fetch(url, status=200, error=None, purpose="check", title="", not_found=None):
    return FetchRecord(agency_id="x", url=url, url_key=url_key(url), purpose=purpose, method="HEAD",
                       status=status, error=error, final_url=url, title=title, not_found_text=not_found)


def page(url, **kw):
    values = dict(agency_id="x", url=url, url_key=url_key(url), requested_url=url, status=200,
                  content_type="text/html", size=10, fetched_at="2026-11-29T00:00:00+00:00", response_ms=1.0,
                  sha256="0" * 64, title="t", lang="zh-Hant", encoding="utf-8", depth=0, referrer=None)
    values.update(kw)
    return PageRecord(**values)


def site(references, fetches, pages=()):
    return Site(agency_id="x", agency_name="X", start_url=ROOT, as_of=date(2026, 11, 29), stale_days=365,
                pages=list(pages), fetches=list(fetches), references=references)


def test_one_finding_per_page_and_target():
    bad = ROOT + "gone.html"
    references = [(ROOT + "a", ref(bad, region="footer")), (ROOT + "b", ref(bad, region="footer")),
                  (ROOT + "a", ref(bad + "#frag", region="footer")), (ROOT + "a", ref(ROOT + "ok.html"))]
    findings = list(check_broken_links(site(references, [fetch(bad, 404), fetch(ROOT + "ok.html")])))
    assert [(f.url, f.target, f.evidence["status"]) for f in findings] == [
        (ROOT + "a", bad, 404), (ROOT + "b", bad, 404)]
    assert findings[0].indicator == "2.1.1" and findings[0].evidence["region"] == "footer"


def test_network_failures_are_broken_but_robots_is_not():
    assert failure_reason(fetch(ROOT, None, "timeout")) == "timeout"
    assert failure_reason(fetch(ROOT, None, "connection-refused")) == "connection-refused"
    assert failure_reason(fetch(ROOT, None, "robots")) is None
    assert failure_reason(fetch(ROOT, 500)) == "http-500"
    assert failure_reason(fetch(ROOT, 200)) is None
    assert failure_reason(fetch(ROOT, 301)) is None


def test_unchecked_targets_are_not_guessed_broken():
    assert list(check_broken_links(site([(ROOT, ref(ROOT + "never-fetched"))], []))) == []


def test_soft_404_by_phrase_and_by_probe():
    phrase_target = ROOT + "ch/home.jsp?id=999"
    probe_like = ROOT + "old/page.html"
    fetches = [fetch(phrase_target, purpose="page"), fetch(probe_like, title="歡迎光臨"),
               fetch(ROOT + "govaudit-probe-1", purpose="probe", title="歡迎光臨")]
    pages = [page(phrase_target, not_found_text="找不到網頁")]
    references = [(ROOT, ref(phrase_target)), (ROOT, ref(probe_like))]
    findings = list(check_soft_404(site(references, fetches, pages)))
    assert {f.target for f in findings} == {phrase_target, probe_like}


def test_malformed_mailto_and_tel():
    references = [(ROOT, ref("mailto:service@@hccg.gov.tw", "mailto")), (ROOT, ref("mailto:a@hccg.gov.tw", "mailto")),
                  (ROOT, ref("tel:03-5216121", "tel")), (ROOT, ref("tel:abc", "tel")),
                  (ROOT, ref("mailto:?subject=hi", "mailto")), (ROOT, ref("mailto:a@b.tw,c@d.tw", "mailto"))]
    findings = list(check_malformed_links(site(references, [])))
    assert sorted(f.target for f in findings) == ["mailto:service@@hccg.gov.tw", "tel:abc"]


def test_a_crashing_check_becomes_a_finding_and_others_still_run():
    def broken_check(_site):
        raise RuntimeError("boom")
        yield

    bad = ROOT + "gone.html"
    findings = run_site_checks(site([(ROOT, ref(bad))], [fetch(bad, 404)]), [broken_check, check_broken_links])
    assert [f.check for f in findings] == ["internal.check-error", "link.broken"]
    assert "boom" in findings[0].evidence["error"]
