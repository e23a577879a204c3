"""An agency whose site is one folder of a shared host (養護工程處 at www.hccg.gov.tw/parks/) is crawled
inside that folder only; the rest of the host is checked as references, never walked."""

from __future__ import annotations

import csv
import json
from urllib.parse import urlsplit

import pytest

from crawler.agencies import AgencyFileError, load_agencies
from demosite.server import serve_demo
from tests.conftest import govaudit

HEADER = "id,name,group,url,scope\n"


def _load(tmp_path, rows: str):
    path = tmp_path / "agencies.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return load_agencies(path)


def test_scope_is_a_folder_and_gets_its_trailing_slash(tmp_path):
    (agency,) = _load(tmp_path, "parks,養護工程處,planning,https://www.hccg.gov.tw/parks/app/x?id=50,/parks\n")
    assert agency.scope == "/parks/"
    (whole,) = _load(tmp_path, "hccg,新竹市政府,portal,https://www.hccg.gov.tw/,\n")
    assert whole.scope == ""


@pytest.mark.parametrize("scope, message", [
    ("parks/", "is not a path prefix"),
    ("/parks/?id=1", "is not a path prefix"),
    ("/doda/", "is outside its own scope '/doda/'"),
])
def test_bad_scope_names_its_line(tmp_path, scope, message):
    with pytest.raises(AgencyFileError) as raised:
        _load(tmp_path, f"parks,養護工程處,planning,https://www.hccg.gov.tw/parks/app/x,{scope}\n")
    assert "agencies.csv:2:" in str(raised.value) and message in str(raised.value)


def test_shipped_agencies_scope_the_two_sites_on_the_portal_host():
    agencies = {a.id: a for a in load_agencies("agencies.csv")}
    assert agencies["parks"].scope == "/parks/" and agencies["digital"].scope == "/doda/"
    # The portal leaves their folders to them; agencies on their own hosts exclude nothing.
    assert agencies["hccg"].excluded == ("/doda/", "/parks/")
    assert agencies["parks"].excluded == () and agencies["culture"].excluded == ()


def test_only_narrower_scopes_on_a_shared_host_are_excluded(tmp_path):
    agencies = {a.id: a for a in _load(tmp_path, (
        "portal,入口網,portal,https://www.city.example/,\n"
        "parks,養護處,planning,https://www.city.example/parks/x,/parks/\n"
        "trees,行道樹科,planning,https://city.example/parks/trees/,/parks/trees/\n"
        "other,他處,planning,https://other.example/parks/,/parks/\n"))}
    assert agencies["portal"].excluded == ("/parks/", "/parks/trees/")  # www. or not, the same site
    assert agencies["parks"].excluded == ("/parks/trees/",)
    assert agencies["trees"].excluded == () and agencies["other"].excluded == ()


def test_a_whole_host_agency_leaves_a_nested_agencys_folder_alone(tmp_path):
    agencies = tmp_path / "agencies.csv"
    with serve_demo() as site:
        with agencies.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["id", "name", "group", "url", "scope"],
                                          ["demo", "示範局", "1", site.start_url, ""],
                                          ["legacy", "舊站", "1", site.truth["start_url"].split("/ch/")[0]
                                           + "/old/index.htm", "/old/"]])
        result = govaudit("run", "--agencies", str(agencies), "--out", str(tmp_path / "out"), "--no-browser",
                          "--timeout", "3", "--as-of", site.truth["as_of"])
        truth_pages = set(site.truth["pages"])
    assert result.returncode == 0, result.stderr[-2000:]

    def crawled(agency: str) -> set[str]:
        data = json.loads((tmp_path / "out" / agency / "findings.json").read_text(encoding="utf-8"))
        return {page["url"] for page in data["pages"] if page["status"] == 200}

    old = {url for url in truth_pages if urlsplit(url).path.startswith("/old/")}
    assert len(old) == 3
    assert crawled("demo") & old == set()
    assert crawled("legacy") == old


def test_crawl_stays_inside_the_scope(tmp_path):
    agencies = tmp_path / "agencies.csv"
    with serve_demo() as site:
        with agencies.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["id", "name", "group", "url", "scope"],
                                          ["demo", "示範局", "1", site.start_url, "/ch/"]])
        result = govaudit("run", "--agencies", str(agencies), "--out", str(tmp_path / "out"), "--no-browser",
                          "--timeout", "3", "--as-of", site.truth["as_of"])
        truth_pages = set(site.truth["pages"])
    assert result.returncode == 0, result.stderr[-2000:]
    data = json.loads((tmp_path / "out" / "demo" / "findings.json").read_text(encoding="utf-8"))
    crawled = {page["url"] for page in data["pages"] if page["status"] == 200}
    inside = {url for url in truth_pages if urlsplit(url).path.startswith("/ch/")}
    outside = truth_pages - inside
    assert outside, "the demo must have pages outside /ch/ for this test to mean anything"
    assert crawled & outside == set()
    assert len(crawled & inside) >= 0.9 * len(inside)
