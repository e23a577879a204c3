"""`govaudit verify`: re-read each cited WARC record and check its payload against the finding's page hash.

What an evaluator would do by hand with warcio, done for every finding that cites the given WARC file."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from warcio.archiveiterator import ArchiveIterator


@dataclass(slots=True)
class Verification:
    matched: int = 0
    other_files: int = 0      # findings citing another run's or agency's WARC
    problems: list[str] = field(default_factory=list)


def payload_at(warc: Path, offset: int) -> tuple[str, bytes]:
    """Target URI and raw payload (as served, before content decoding) of the record at offset."""
    with warc.open("rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)), None)
        if record is None or record.rec_type != "response":
            raise ValueError(f"no response record at offset {offset}")
        return record.rec_headers.get_header("WARC-Target-URI") or "", record.raw_stream.read()


def verify(warc: Path, findings_path: Path) -> Verification:
    data = json.loads(findings_path.read_text(encoding="utf-8"))
    result = Verification()
    cache: dict[int, str] = {}
    for finding in data.get("findings", []):
        location = finding.get("warc")
        if not location or not finding.get("page_sha256"):
            continue
        if PurePosixPath(location["file"]).name != warc.name:
            result.other_files += 1
            continue
        offset = location["offset"]
        try:
            if offset not in cache:
                _, payload = payload_at(warc, offset)
                cache[offset] = hashlib.sha256(payload).hexdigest()
        except (OSError, ValueError, StopIteration) as exc:
            result.problems.append(f"{finding['id']} {finding['url']}: {exc}")
            continue
        if cache[offset] == finding["page_sha256"]:
            result.matched += 1
        else:
            result.problems.append(f"{finding['id']} {finding['url']}: sha256 {cache[offset]} ≠ {finding['page_sha256']}")
    return result
