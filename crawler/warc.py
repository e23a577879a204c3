"""The evidence archive: every response the crawl received, written to one gzipped WARC per run and agency.

A downloader middleware next to the network sees the bytes as served (before decompression and redirects)."""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import zlib
from dataclasses import dataclass
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from crawler import __version__

logger = logging.getLogger(__name__)

# request.meta keys the spider reads back: the payload hash and where the response's record starts.
META_SHA256 = "govaudit_payload_sha256"
META_WARC = "govaudit_warc"
WARC_FOLDER = "warc"
_GZIP_LEVEL = 6  # warcio's own wrapper uses 9: several times slower for a few per cent smaller files
# The HTTP client hands over the body de-chunked, so the framing header would describe bytes not in the record.
_DROPPED_HEADERS = (b"Transfer-Encoding",)
_TRUNCATION = {"download_stopped": "unspecified", "dataloss": "disconnect", "partial": "disconnect"}


def run_warc_dir(store_dir: Path, run_id: int) -> Path:
    """Where one run's WARC files live: beside the SQLite store, one folder per run."""
    return Path(store_dir) / WARC_FOLDER / f"run-{run_id}"


def payload_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def delete_run_warcs(store_dir: Path, run_id: int) -> bool:
    """Remove one run's WARC folder; True when there was one."""
    folder = run_warc_dir(store_dir, run_id)
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True


@dataclass(slots=True)
class WarcLocation:
    file: str     # relative to the store's directory, with forward slashes
    offset: int   # byte offset of the record's gzip member in the file


class _Sha256Writer(WARCWriter):
    """warcio's writer with SHA-256 digests, so WARC-Payload-Digest and the store's page hash agree."""

    @staticmethod
    def _create_digester():
        return Digester("sha256")


class WarcFile:
    """One open .warc.gz: each record is its own gzip member, so a reader can start at any record's offset."""

    def __init__(self, path: Path, relative_name: str):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.name = relative_name
        self.handle: BinaryIO = open(path, "wb")
        self.writer = _Sha256Writer(BytesIO(), gzip=False, warc_version="1.1")

    def write(self, record) -> WarcLocation:
        buffer = self.writer.out = BytesIO()
        self.writer.write_record(record)
        compressor = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS | 16)
        offset = self.handle.tell()
        self.handle.write(compressor.compress(buffer.getvalue()) + compressor.flush())
        return WarcLocation(self.name, offset)

    def close(self) -> None:
        self.handle.close()


def _http_headers(headers, dropped: tuple[bytes, ...] = ()) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        if name in dropped:
            continue
        text = name.decode("latin-1")
        pairs.extend((text, value.decode("latin-1")) for value in values)
    return pairs


def _status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def request_block(request: Request) -> tuple[StatusAndHeaders, bytes]:
    """The request as Scrapy handed it to the HTTP client (headers the client adds itself are not known)."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = [("Host", parts.netloc), *_http_headers(request.headers)]
    line = f"{request.method} {target} HTTP/1.1"
    return StatusAndHeaders(line, headers, is_http_request=True), request.body


class WarcRecorder:
    """Downloader middleware: hashes every response body as served and, when GOVAUDIT_WARC is on, archives it.

    Installed close to the downloader, so it sees redirects and retries as separate responses and compressed
    bodies before HttpCompressionMiddleware decodes them: the archived payload is what the server sent."""

    def __init__(self, crawler, store_dir: Path, run_id: int, enabled: bool, requests: bool):
        self.crawler = crawler
        self.store_dir = Path(store_dir)
        self.run_id = run_id
        self.enabled = enabled
        self.requests = requests
        self.file: WarcFile | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        run_id = settings.getint("GOVAUDIT_RUN_ID")
        # The archive belongs to a stored run: a spider run outside the runner (run id 0) has nothing to cite it.
        return cls(crawler, Path(settings.get("GOVAUDIT_DB")).parent, run_id,
                   settings.getbool("GOVAUDIT_WARC") and run_id > 0, settings.getbool("GOVAUDIT_WARC_REQUESTS"))

    def process_response(self, request: Request, response: Response, spider=None) -> Response:
        digest = payload_sha256(response.body)
        request.meta[META_SHA256] = digest
        if self.enabled:
            try:
                request.meta[META_WARC] = self._archive(request, response)
            except OSError as exc:
                # A full disk must not turn every later page into a download error (a false broken link):
                # the crawl goes on without the archive, and the pages from here on cite no record.
                self.enabled = False
                self.crawler.stats.set_value("govaudit/warc_failed", str(exc))
                logger.error("WARC archive stopped for %s: %s; the crawl continues without it",
                             self.crawler.spider.agency.id, exc)
        return response

    def _open(self) -> WarcFile:
        agency = self.crawler.spider.agency
        folder = run_warc_dir(self.store_dir, self.run_id)
        name = f"{agency.id}.warc.gz"
        warc = WarcFile(folder / name, f"{WARC_FOLDER}/{folder.name}/{name}")
        info = {
            "software": f"govaudit/{__version__}", "format": "WARC File Format 1.1",
            "run-id": str(self.run_id), "agency-id": agency.id, "agency-name": agency.name,
            "start-url": agency.url or "",
            "settings": json.dumps(self.crawler.settings.getdict("GOVAUDIT_RUN_SETTINGS"), ensure_ascii=False,
                                   sort_keys=True),
            "http-headers": "re-serialised from the parsed response: header names title-cased, "
                            "Transfer-Encoding removed because the payload is stored de-chunked",
            "payload": "the body as served, before content decoding; "
                       "sha256 of it is the page hash in findings.json",
        }
        warc.write(warc.writer.create_warcinfo_record(name, info))
        return warc

    def _archive(self, request: Request, response: Response) -> WarcLocation:
        if self.file is None:
            self.file = self._open()
        writer = self.file.writer
        headers = {}
        reasons = [_TRUNCATION[flag] for flag in response.flags if flag in _TRUNCATION]
        if reasons:
            headers["WARC-Truncated"] = reasons[0]
        if response.flags:
            headers["WARC-Govaudit-Flags"] = " ".join(response.flags)
        if response.ip_address is not None:
            headers["WARC-IP-Address"] = str(response.ip_address)
        http = StatusAndHeaders(_status_line(response.status), _http_headers(response.headers, _DROPPED_HEADERS),
                                protocol=response.protocol or "HTTP/1.1")
        record = writer.create_warc_record(response.url, "response", payload=BytesIO(response.body),
                                           length=len(response.body), warc_headers_dict=headers,
                                           http_headers=http)
        location = self.file.write(record)
        if self.requests:
            request_headers, body = request_block(request)
            concurrent = {"WARC-Concurrent-To": record.rec_headers.get_header("WARC-Record-ID"),
                          "WARC-Date": record.rec_headers.get_header("WARC-Date")}
            self.file.write(writer.create_warc_record(request.url, "request", payload=BytesIO(body),
                                                      length=len(body), warc_headers_dict=concurrent,
                                                      http_headers=request_headers))
        return location

    def spider_closed(self, spider, reason) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
