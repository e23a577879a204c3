"""The evidence archive: each finding's page hash matches its WARC record, and --no-warc writes none.

The demo audit is read back with warcio exactly as an evaluator would: seek to the offset, hash the payload."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace

from scrapy.http import Request, Response
from scrapy.settings import Settings
from warcio.archiveiterator import ArchiveIterator

from crawler.agencies import Agency
from crawler.warc import META_SHA256, META_WARC, WarcRecorder, run_warc_dir
from demosite.server import serve_demo
from tests.conftest import govaudit


def record_at(path: Path, offset: int):
    """The one record starting at offset, with its raw payload read before the file closes."""
    with path.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        return record, record.raw_stream.read()


def test_every_finding_on_a_page_cites_a_record_whose_payload_has_its_hash(demo_audit):
    checked = 0
    for agency in ("demo", "demo2"):
        root = demo_audit.db.parent  # WARC paths are relative to the store's folder
        data = demo_audit.findings_json(agency)
        pages = {page["url"]: page for page in data["pages"]}
        for finding in data["findings"]:
            if finding["page_sha256"] is None:
                assert finding["warc"] is None
                continue
            record, payload = record_at(root / finding["warc"]["file"], finding["warc"]["offset"])
            assert record.rec_type == "response"
            assert hashlib.sha256(payload).hexdigest() == finding["page_sha256"]
            page = pages.get(record.rec_headers.get_header("WARC-Target-URI"))
            assert page is not None and page["sha256"] == finding["page_sha256"]
            checked += 1
    # Page-level findings (stale pages, accessibility, broken links' source pages) are most of the demo's.
    assert checked > 100


def test_every_stored_page_and_fetch_points_at_its_own_response(demo_audit):
    db = sqlite3.connect(demo_audit.db)
    pages = db.execute("SELECT url, sha256, warc_file, warc_offset FROM pages WHERE agency_id = 'demo'").fetchall()
    fetches = db.execute("SELECT final_url, warc_file, warc_offset, status FROM fetches"
                         " WHERE agency_id = 'demo' AND status IS NOT NULL").fetchall()
    db.close()
    assert pages and fetches
    for url, sha256, warc_file, offset in pages:
        record, payload = record_at(demo_audit.db.parent / warc_file, offset)
        assert record.rec_headers.get_header("WARC-Target-URI").split("#")[0] == url
        assert hashlib.sha256(payload).hexdigest() == sha256
        # warcio's own digest of the same payload agrees with the store's hash.
        assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha256:")
    for final_url, warc_file, offset, status in fetches:
        record, _ = record_at(demo_audit.db.parent / warc_file, offset)
        assert record.http_headers.get_statuscode() == str(status)


def test_the_archive_opens_with_warcinfo_and_records_cut_downloads_honestly(demo_audit):
    path = run_warc_dir(demo_audit.db.parent, demo_audit.findings_json()["run"]["id"]) / "demo.warc.gz"
    with path.open("rb") as handle:
        records = [(r.rec_type, dict(r.rec_headers.headers), r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    kind, headers, _, info = records[0]
    assert kind == "warcinfo"
    info_text = info.decode("utf-8")
    assert "agency-id: demo" in info_text and f"run-id: {demo_audit.findings_json()['run']['id']}" in info_text
    assert "GOVAUDIT_MAX_PAGES" in info_text
    kinds = [kind for kind, *_ in records]
    assert kinds.count("request") == kinds.count("response") > 100
    # The HEAD→GET fallback stops a link check at the headers: the record says it is cut short.
    stopped = [r for r in records if r[0] == "response" and "download_stopped" in r[1].get("WARC-Govaudit-Flags", "")]
    assert stopped and all(r[1]["WARC-Truncated"] == "unspecified" for r in stopped)
    heads = [r for r in records if r[0] == "request" and r[2].protocol == "HEAD"]
    assert heads


def test_csv_carries_the_same_evidence(demo_audit):
    with (demo_audit.out / "demo" / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_id = {f["id"]: f for f in demo_audit.findings_json()["findings"]}
    cited = [row for row in rows if row["page_sha256"]]
    assert cited
    for row in cited:
        finding = by_id[row["id"]]
        assert row["page_sha256"] == finding["page_sha256"]
        assert row["warc_file"] == finding["warc"]["file"] and int(row["warc_offset"]) == finding["warc"]["offset"]


def _recorder(tmp_path: Path, run_id: int = 7) -> WarcRecorder:
    crawler = SimpleNamespace(
        signals=SimpleNamespace(connect=lambda *args, **kwargs: None),
        spider=SimpleNamespace(agency=Agency(id="unit", name="單元", group="1", url="http://127.0.0.1/")),
        settings=Settings({"GOVAUDIT_DB": str(tmp_path / "s.sqlite"), "GOVAUDIT_RUN_ID": run_id, "GOVAUDIT_WARC": True,
                           "GOVAUDIT_WARC_REQUESTS": True, "GOVAUDIT_RUN_SETTINGS": {"k": 1}}))
    return WarcRecorder.from_crawler(crawler)


def test_a_compressed_response_is_archived_as_served(tmp_path):
    recorder = _recorder(tmp_path)
    html = "<html><title>壓縮</title></html>".encode("utf-8")
    served = gzip.compress(html)
    request = Request("http://127.0.0.1/a?x=1")
    response = Response(request.url, status=200, body=served, request=request,
                        headers={"Content-Encoding": "gzip", "Content-Type": "text/html",
                                 "Transfer-Encoding": "chunked"})
    recorder.process_response(request, response)
    recorder.spider_closed(None, "finished")
    location = request.meta[META_WARC]
    assert location.file == "warc/run-7/unit.warc.gz"
    assert request.meta[META_SHA256] == hashlib.sha256(served).hexdigest()
    path = tmp_path / location.file
    record, payload = record_at(path, location.offset)
    assert payload == served and record.http_headers.get_header("Content-Encoding") == "gzip"
    assert record.http_headers.get_header("Transfer-Encoding") is None  # the payload is stored de-chunked
    with path.open("rb") as handle:
        handle.seek(location.offset)
        assert next(iter(ArchiveIterator(handle))).content_stream().read() == html


def test_an_archive_that_cannot_be_written_stops_but_the_crawl_goes_on(tmp_path):
    recorder = _recorder(tmp_path)
    recorder.crawler.stats = SimpleNamespace(values={}, set_value=lambda key, value: recorder.crawler.stats.values
                                             .__setitem__(key, value))
    (tmp_path / "warc").write_text("a file where the archive folder should be")  # every write now fails
    for path in ("/a", "/b"):
        request = Request("http://127.0.0.1" + path)
        response = Response(request.url, body=b"page", request=request)
        assert recorder.process_response(request, response) is response  # no exception reaches Scrapy
        assert META_WARC not in request.meta and request.meta[META_SHA256] == hashlib.sha256(b"page").hexdigest()
    assert not recorder.enabled and "govaudit/warc_failed" in recorder.crawler.stats.values


def test_without_the_archive_the_hash_is_still_of_the_body_as_served(tmp_path):
    recorder = _recorder(tmp_path, run_id=0)  # a spider run outside a stored run archives nothing
    assert not recorder.enabled
    request = Request("http://127.0.0.1/")
    recorder.process_response(request, Response(request.url, body=b"abc", request=request))
    assert request.meta[META_SHA256] == hashlib.sha256(b"abc").hexdigest()
    assert META_WARC not in request.meta
    assert not (tmp_path / "warc").exists()


def test_no_warc_flag_writes_no_archive(tmp_path):
    agencies = tmp_path / "agencies.csv"
    out = tmp_path / "out"
    with serve_demo() as site:
        agencies.write_text(f"id,name,group,url\ndemo,示範,1,{site.start_url}\n", encoding="utf-8")
        result = govaudit("run", "--agencies", str(agencies), "--out", str(out), "--as-of", site.truth["as_of"],
                          "--timeout", "3", "--no-browser", "--max-pages", "5", "--no-warc")
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (out / "warc").exists()
    data = json.loads((out / "demo" / "findings.json").read_text(encoding="utf-8"))
    assert data["run"]["settings"]["GOVAUDIT_WARC"] is False
    assert all(page["warc"] is None and len(page["sha256"]) == 64 for page in data["pages"])
    assert all(finding["warc"] is None for finding in data["findings"])


def test_verify_command_agrees_and_catches_a_changed_hash(demo_audit, tmp_path):
    data = demo_audit.findings_json()
    warc = demo_audit.db.parent / next(f["warc"]["file"] for f in data["findings"] if f["warc"])
    good = govaudit("verify", str(warc), str(demo_audit.out / "demo" / "findings.json"))
    assert good.returncode == 0, good.stdout + good.stderr
    assert " 0 筆不符" in good.stdout.replace("，", " ")
    cited = next(f for f in data["findings"] if f["page_sha256"])
    cited["page_sha256"] = "0" * 64
    tampered = tmp_path / "findings.json"
    tampered.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    bad = govaudit("verify", str(warc), str(tampered))
    assert bad.returncode == 1 and cited["id"] in bad.stdout
