"""Issue 4 on the bundled demo: both demo agencies' information-service verdicts equal the planted truth.

Disclosure (Article 7), site search, homepage checklist, online services, e-participation, content validity."""

from __future__ import annotations

from collections import Counter

import pytest

AGENCIES = ("demo", "demo2")
ISSUE4_PREFIXES = ("disclosure.", "search.", "homepage.", "service.", "participation.", "content.")


@pytest.fixture(params=AGENCIES)
def audited(request, demo_audit):
    return demo_audit.findings_json(request.param), demo_audit.truths[request.param]


def test_disclosure_categories(audited):
    data, truth = audited
    found, planted = data["summary"]["disclosure"], truth["disclosure"]
    assert found["zone_url"] == planted["zone_url"]
    assert [c["number"] for c in found["categories"]] == list(range(1, 11))
    for got, want in zip(found["categories"], planted["categories"]):
        assert (got["number"], got["status"]) == (want["number"], want["status"])
        assert set(got["evidence"]) == set(want["evidence"]), got["number"]
        assert got["newest_date"] == want["newest_date"], got["number"]
    assert {s["key"]: s["found"] for s in found["supplements"]} == \
        {s["key"]: s["found"] for s in planted["supplements"]}


def test_search(audited):
    data, truth = audited
    found, planted = data["summary"]["search"], truth["search"]
    for key in ("found", "engine", "form_url", "method", "paginated", "page2_differs"):
        assert found[key] == planted[key], key
    assert sorted(found["sort_options"]) == sorted(planted["sort_options"])
    assert all(q["url"].startswith("http://127.") for q in found["queries"])


def test_homepage_checklist(audited):
    data, truth = audited
    assert {i["key"]: i["present"] for i in data["summary"]["homepage"]["items"]} == \
        {i["key"]: i["present"] for i in truth["homepage"]["items"]}


def test_online_services_and_e_participation(audited):
    data, truth = audited
    services, planted = data["summary"]["online_services"], truth["online_services"]
    assert {(i["category"], i["url"], i["works"]) for i in services["items"]} == \
        {(i["category"], i["url"], i["works"]) for i in planted["items"]}
    assert services["total"] == planted["total"]
    channels, planted = data["summary"]["e_participation"], truth["e_participation"]
    assert {(c["type"], c["url"], c["works"], c["newest_reply"]) for c in channels["channels"]} == \
        {(c["type"], c["url"], c["works"], c["newest_reply"]) for c in planted["channels"]}
    assert sorted(channels["types_present"]) == sorted(planted["types_present"])


def test_content_validity(audited):
    data, truth = audited
    found, planted = data["summary"]["content"], truth["content"]
    assert [(g["title"], sorted(g["urls"])) for g in found["duplicate_titles"]] == \
        [(g["title"], sorted(g["urls"])) for g in planted["duplicate_titles"]]
    for key in ("title_heading_mismatch", "expired_notices", "news_newest_date", "news_url"):
        assert found[key] == planted[key], key
    assert found["update_rule"]["found"] == planted["update_rule"]["found"]
    assert found["update_rule"]["url"] == planted["update_rule"]["url"]


def test_exactly_the_planted_information_service_findings(audited):
    data, truth = audited
    reported = [f for f in data["findings"] if f["check"].startswith(ISSUE4_PREFIXES)]
    expected = truth["expected_findings"]
    unmatched = Counter((f["check"], f["url"]) for f in reported)
    for want in expected:
        key = next((k for k in unmatched if unmatched[k] and k[0] == want["check"]
                    and (want["url"] is None or k[1] == want["url"])), None)
        assert key is not None, f"missed {want}"
        unmatched[key] -= 1
    assert +unmatched == Counter(), f"not planted: {+unmatched}"
    for finding in reported:
        assert finding["indicator"] in ("2.1.1", "2.1.2", "2.2.1", "2.2.2", "1.1.2")
