"""The SQLite store: schema, writes in transactions, and the queries checks and reports read.

The only module that writes SQL. WAL mode, so a crash loses at most the batch in hand."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checks.finding import Finding
from checks.records import FetchRecord, PageFindings, PageRecord, Reference, ReferenceBatch
from checks.search import SearchProbe

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,             -- running | finished | failed | interrupted
    as_of TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    settings TEXT NOT NULL,
    pid INTEGER,
    summarised_at TEXT                -- set when retention dropped the run's page-level detail
);
CREATE TABLE IF NOT EXISTS run_agencies (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    agency_id TEXT NOT NULL,
    name TEXT NOT NULL,
    grp TEXT NOT NULL,
    url TEXT,
    status TEXT NOT NULL,             -- pending | crawling | crawled | checked | failed | skipped
    close_reason TEXT,
    message TEXT NOT NULL DEFAULT '',
    started_at TEXT,
    finished_at TEXT,
    collegial INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, agency_id)
);
CREATE TABLE IF NOT EXISTS pages (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL,
    url TEXT NOT NULL, url_key TEXT NOT NULL, requested_url TEXT NOT NULL,
    status INTEGER NOT NULL, content_type TEXT, size INTEGER, fetched_at TEXT, response_ms REAL,
    sha256 TEXT, title TEXT, lang TEXT, encoding TEXT, depth INTEGER, referrer TEXT,
    redirects TEXT, date TEXT, date_label TEXT, date_source TEXT, date_text TEXT, site_date TEXT,
    not_found_text TEXT, text_length INTEGER, template TEXT, facts TEXT, warc_file TEXT, warc_offset INTEGER,
    PRIMARY KEY (run_id, agency_id, url_key)
);
CREATE TABLE IF NOT EXISTS page_findings (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL, url TEXT NOT NULL,
    check_id TEXT NOT NULL, severity TEXT NOT NULL, indicator TEXT NOT NULL, message TEXT NOT NULL,
    target TEXT, evidence TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS page_findings_by_run ON page_findings (run_id, agency_id);
CREATE TABLE IF NOT EXISTS browser_audits (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL, url TEXT NOT NULL, final_url TEXT,
    status TEXT NOT NULL, error TEXT, elapsed_s REAL, axe_version TEXT, title TEXT,
    screenshot TEXT, marks TEXT, violations INTEGER,
    PRIMARY KEY (run_id, agency_id, url)
);
CREATE TABLE IF NOT EXISTS refs (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL,
    source_url TEXT NOT NULL, target TEXT NOT NULL, target_key TEXT NOT NULL,
    kind TEXT NOT NULL, tag TEXT, text TEXT, locator TEXT, region TEXT, raw TEXT
);
CREATE INDEX IF NOT EXISTS refs_by_run ON refs (run_id, agency_id, target_key);
CREATE TABLE IF NOT EXISTS fetches (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL,
    url TEXT NOT NULL, url_key TEXT NOT NULL, purpose TEXT NOT NULL, method TEXT,
    status INTEGER, error TEXT, error_detail TEXT, final_url TEXT, content_type TEXT,
    response_ms REAL, redirects TEXT, fetched_at TEXT, not_found_text TEXT, title TEXT,
    warc_file TEXT, warc_offset INTEGER,
    PRIMARY KEY (run_id, agency_id, url_key, purpose)
);
CREATE TABLE IF NOT EXISTS search_probes (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL,
    kind TEXT NOT NULL, url TEXT NOT NULL, method TEXT, q TEXT, status INTEGER, error TEXT,
    response_ms REAL, final_url TEXT, fetched_at TEXT, facts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_probes_by_run ON search_probes (run_id, agency_id);
CREATE TABLE IF NOT EXISTS findings (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL,
    finding_id TEXT NOT NULL, check_id TEXT NOT NULL, severity TEXT NOT NULL,
    indicator TEXT NOT NULL, url TEXT NOT NULL, target TEXT, message TEXT NOT NULL,
    evidence TEXT NOT NULL,
    PRIMARY KEY (run_id, agency_id, finding_id)
);
CREATE TABLE IF NOT EXISTS summaries (
    run_id INTEGER NOT NULL, agency_id TEXT NOT NULL, summary TEXT NOT NULL,
    PRIMARY KEY (run_id, agency_id)
);
"""

_PAGE_COLUMNS = (
    "url", "url_key", "requested_url", "status", "content_type", "size", "fetched_at",
    "response_ms", "sha256", "title", "lang", "encoding", "depth", "referrer", "redirects",
    "date", "date_label", "date_source", "date_text", "site_date", "not_found_text", "text_length",
    "template", "facts", "warc_file", "warc_offset",
)
_FETCH_COLUMNS = (
    "url", "url_key", "purpose", "method", "status", "error", "error_detail", "final_url",
    "content_type", "response_ms", "redirects", "fetched_at", "not_found_text", "title", "warc_file",
    "warc_offset",
)
_SEARCH_COLUMNS = ("kind", "url", "method", "q", "status", "error", "response_ms", "final_url", "fetched_at",
                   "facts")
# Columns added after schema version 1; stores written by older versions get them on open.
_ADDED_COLUMNS = {
    "runs": (("summarised_at", "TEXT"),),
    "pages": (("warc_file", "TEXT"), ("warc_offset", "INTEGER")),
    "fetches": (("warc_file", "TEXT"), ("warc_offset", "INTEGER")),
}
# Per-page detail retention drops from old runs; findings, summaries and run_agencies stay for history and diff.
DETAIL_TABLES = ("pages", "refs", "fetches", "page_findings", "browser_audits", "search_probes")
_REF_COLUMNS = ("source_url", "target", "target_key", "kind", "tag", "text", "locator", "region", "raw")


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(slots=True)
class RunInfo:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    as_of: str
    tool_version: str
    settings: dict[str, Any]
    summarised_at: str | None = None   # set: page-level detail was pruned; findings and summaries remain


@dataclass(slots=True)
class RunAgency:
    run_id: int
    agency_id: str
    name: str
    group: str
    url: str | None
    status: str
    close_reason: str | None
    message: str
    started_at: str | None
    finished_at: str | None
    collegial: bool = False


class Store:
    """One SQLite file holding every run. Safe to open from several crawlers in one thread."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        if self.path.parent and not self.path.parent.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so no transaction stays open
        # between reactor callbacks (two crawlers share the file from one thread).
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.executescript(_SCHEMA)
        self._add_missing_columns()
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def _add_missing_columns(self) -> None:
        for table, columns in _ADDED_COLUMNS.items():
            present = {row["name"] for row in self.db.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns:
                if name not in present:
                    self.db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # --- runs -------------------------------------------------------------------------
    def start_run(self, as_of: str, tool_version: str, settings: dict[str, Any]) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO runs (started_at, status, as_of, tool_version, settings, pid)"
                " VALUES (?, 'running', ?, ?, ?, ?)",
                (utc_now(), as_of, tool_version, json.dumps(settings, ensure_ascii=False), os.getpid()),
            )
            return int(cursor.lastrowid)

    def finish_run(self, run_id: int, status: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (status, utc_now(), run_id))

    def mark_interrupted_runs(self) -> list[int]:
        """Runs left 'running' by a process that no longer exists were interrupted; say so."""
        stale = []
        for row in self.db.execute("SELECT id, pid FROM runs WHERE status = 'running'"):
            if row["pid"] is None or not _process_alive(row["pid"]):
                stale.append(row["id"])
        if stale:
            with self.transaction() as db:
                db.executemany("UPDATE runs SET status = 'interrupted' WHERE id = ?", [(i,) for i in stale])
                db.executemany(
                    "UPDATE run_agencies SET status = 'failed', message = 'run interrupted'"
                    " WHERE run_id = ? AND status IN ('pending', 'crawling')", [(i,) for i in stale])
        return stale

    def runs(self) -> list[RunInfo]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return [self._run_info(row) for row in rows]

    def run(self, run_id: int) -> RunInfo:
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise KeyError(f"no run {run_id} in {self.path}")
        return self._run_info(row)

    def previous_run_id(self, run_id: int, agency_id: str) -> int | None:
        row = self.db.execute(
            "SELECT MAX(r.id) FROM runs r JOIN run_agencies a ON a.run_id = r.id"
            " WHERE r.id < ? AND a.agency_id = ? AND a.status = 'checked'", (run_id, agency_id)).fetchone()
        return row[0]

    def last_run_in_year(self, run_id: int, agency_id: str, year: int) -> int | None:
        """The agency's last checked run before run_id whose reference date falls in the given year."""
        row = self.db.execute(
            "SELECT MAX(r.id) FROM runs r JOIN run_agencies a ON a.run_id = r.id"
            " WHERE r.id < ? AND a.agency_id = ? AND a.status = 'checked' AND r.as_of BETWEEN ? AND ?",
            (run_id, agency_id, f"{year:04d}-01-01", f"{year:04d}-12-31")).fetchone()
        return row[0]

    @staticmethod
    def _run_info(row: sqlite3.Row) -> RunInfo:
        return RunInfo(row["id"], row["started_at"], row["finished_at"], row["status"], row["as_of"],
                       row["tool_version"], json.loads(row["settings"]), row["summarised_at"])

    def summarise_old_runs(self, keep: int, current: int) -> list[int]:
        """Drop the page-level detail of all but the newest `keep` runs, in one transaction; returns their ids.

        Never touches the current run or one still running; findings, summaries and run_agencies stay, so
        history, diff, first-seen dates and growth rates keep working."""
        with self.transaction() as db:
            newest = {row[0] for row in db.execute("SELECT id FROM runs ORDER BY id DESC LIMIT ?", (max(keep, 1),))}
            old = [row[0] for row in db.execute(
                "SELECT id FROM runs WHERE status != 'running' AND summarised_at IS NULL AND id != ? ORDER BY id",
                (current,)) if row[0] not in newest]
            for table in DETAIL_TABLES:
                db.executemany(f"DELETE FROM {table} WHERE run_id = ?", [(run_id,) for run_id in old])
            db.executemany("UPDATE runs SET summarised_at = ? WHERE id = ?", [(utc_now(), i) for i in old])
        return old

    def add_run_agency(self, run_id: int, agency_id: str, name: str, group: str, url: str | None,
                       status: str = "pending", message: str = "", collegial: bool = False) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO run_agencies (run_id, agency_id, name, grp, url, status, message,"
                       " collegial) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (run_id, agency_id, name, group, url, status, message, int(collegial)))

    def set_agency_status(self, run_id: int, agency_id: str, status: str, *, close_reason: str | None = None,
                          message: str | None = None) -> None:
        now = utc_now()
        with self.transaction() as db:
            db.execute(
                "UPDATE run_agencies SET status = ?,"
                " close_reason = COALESCE(?, close_reason), message = COALESCE(?, message),"
                " started_at = CASE WHEN ? = 'crawling' THEN ? ELSE started_at END,"
                " finished_at = CASE WHEN ? IN ('crawled', 'checked', 'failed') THEN ? ELSE finished_at END"
                " WHERE run_id = ? AND agency_id = ?",
                (status, close_reason, message, status, now, status, now, run_id, agency_id))

    def run_agencies(self, run_id: int) -> list[RunAgency]:
        rows = self.db.execute("SELECT * FROM run_agencies WHERE run_id = ? ORDER BY rowid", (run_id,))
        return [RunAgency(r["run_id"], r["agency_id"], r["name"], r["grp"], r["url"], r["status"],
                          r["close_reason"], r["message"], r["started_at"], r["finished_at"], bool(r["collegial"]))
                for r in rows]

    # --- crawl records ---------------------------------------------------------------
    def write_records(self, run_id: int,
                      records: Iterable[PageRecord | FetchRecord | ReferenceBatch | PageFindings | SearchProbe]
                      ) -> None:
        pages, fetches, refs, page_findings, probes = [], [], [], [], []
        for record in records:
            if isinstance(record, SearchProbe):
                values = asdict(record)
                values["facts"] = json.dumps(values["facts"], ensure_ascii=False)
                probes.append((run_id, record.agency_id, *(values[c] for c in _SEARCH_COLUMNS)))
            elif isinstance(record, PageFindings):
                page_findings.extend(_finding_row(run_id, record.agency_id, f) for f in record.findings)
            elif isinstance(record, PageRecord):
                values = asdict(record)
                values["redirects"] = json.dumps(values["redirects"])
                values["facts"] = json.dumps(values["facts"], ensure_ascii=False)
                pages.append((run_id, record.agency_id, *(values[c] for c in _PAGE_COLUMNS)))
            elif isinstance(record, FetchRecord):
                values = asdict(record)
                values["redirects"] = json.dumps(values["redirects"])
                fetches.append((run_id, record.agency_id, *(values[c] for c in _FETCH_COLUMNS)))
            else:
                refs.extend((run_id, record.agency_id, record.source_url, r.target, r.target_key, r.kind,
                             r.tag, r.text, r.locator, r.region, r.raw) for r in record.references)
        with self.transaction() as db:
            if pages:
                db.executemany(_insert("pages", _PAGE_COLUMNS, "OR IGNORE"), pages)
            if fetches:
                db.executemany(_insert("fetches", _FETCH_COLUMNS, "OR REPLACE"), fetches)
            if refs:
                db.executemany(_insert("refs", _REF_COLUMNS), refs)
            if page_findings:
                db.executemany(_PAGE_FINDING_INSERT, page_findings)
            if probes:
                db.executemany(_insert("search_probes", _SEARCH_COLUMNS), probes)

    def _rows(self, table: str, columns: tuple[str, ...], run_id: int, agency_id: str, order: str,
              defaults: dict[str, object]) -> list[dict]:
        """Rows of one agency's run as dicts: JSON columns decoded, NULLs replaced by their defaults."""
        rows = self.db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE run_id = ? AND agency_id = ?"
                               f" ORDER BY {order}", (run_id, agency_id))
        result = []
        for row in rows:
            values = dict(zip(columns, row))
            for column, default in defaults.items():
                if isinstance(default, (list, dict)):
                    values[column] = json.loads(values[column]) if values[column] else type(default)()
                elif values[column] is None:
                    values[column] = default
            result.append(values)
        return result

    def pages(self, run_id: int, agency_id: str, with_facts: bool = True) -> list[PageRecord]:
        """with_facts=False leaves the page-level facts out: reports list pages, checks read facts."""
        columns = _PAGE_COLUMNS if with_facts else tuple(c for c in _PAGE_COLUMNS if c != "facts")
        rows = self._rows("pages", columns, run_id, agency_id, "url",
                          {"redirects": [], "facts": {}, "template": ""} if with_facts
                          else {"redirects": [], "template": ""})
        return [PageRecord(agency_id=agency_id, **values) for values in rows]

    def fetches(self, run_id: int, agency_id: str) -> list[FetchRecord]:
        rows = self._rows("fetches", _FETCH_COLUMNS, run_id, agency_id, "rowid",
                          {"redirects": [], "error_detail": "", "content_type": "", "fetched_at": "",
                           "title": "", "response_ms": 0.0})
        return [FetchRecord(agency_id=agency_id, **values) for values in rows]

    def search_probes(self, run_id: int, agency_id: str) -> list[dict]:
        """The site-search probe records of one agency, in the order the crawl wrote them."""
        return self._rows("search_probes", _SEARCH_COLUMNS, run_id, agency_id, "rowid", {"facts": {}})

    def references(self, run_id: int, agency_id: str) -> Iterator[tuple[str, Reference]]:
        rows = self.db.execute(
            "SELECT source_url, target, target_key, kind, tag, text, locator, region, raw FROM refs"
            " WHERE run_id = ? AND agency_id = ? ORDER BY rowid", (run_id, agency_id))
        # Menus repeat on every page: interning makes 400,000 references share a few thousand strings.
        shared = sys.intern
        for source, target, key, kind, tag, text, locator, region, raw in rows:
            yield shared(source), Reference(shared(target), shared(key), shared(kind), shared(tag or ""),
                                            shared(text or ""), shared(locator or ""), shared(region or ""),
                                            shared(raw or ""))

    def count_references(self, run_id: int, agency_id: str) -> int:
        return self.db.execute("SELECT COUNT(*) FROM refs WHERE run_id = ? AND agency_id = ?",
                               (run_id, agency_id)).fetchone()[0]

    def page_findings(self, run_id: int, agency_id: str) -> list[Finding]:
        rows = self.db.execute("SELECT * FROM page_findings WHERE run_id = ? AND agency_id = ? ORDER BY rowid",
                               (run_id, agency_id))
        return [_finding_from_row(row) for row in rows]

    def write_browser_audits(self, run_id: int, agency_id: str, audits: Iterable[dict],
                             findings: Iterable[Finding]) -> None:
        """One batch of browser-phase results: the audit records and the findings they produced."""
        with self.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO browser_audits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(run_id, agency_id, a["url"], a.get("final_url"), a["status"], a.get("error", ""),
                  a.get("elapsed_s"), a.get("axe_version"), a.get("title"), a.get("screenshot"),
                  json.dumps(a.get("marks", []), ensure_ascii=False), a.get("violations", 0)) for a in audits])
            db.executemany(_PAGE_FINDING_INSERT, [_finding_row(run_id, agency_id, f) for f in findings])

    def browser_audits(self, run_id: int, agency_id: str) -> list[dict]:
        rows = self.db.execute("SELECT * FROM browser_audits WHERE run_id = ? AND agency_id = ? ORDER BY url",
                               (run_id, agency_id))
        audits = []
        for row in rows:
            audit = dict(row)
            audit["marks"] = json.loads(audit["marks"] or "[]")
            audits.append(audit)
        return audits

    # --- findings ----------------------------------------------------------------------
    def replace_findings(self, run_id: int, agency_id: str, findings: Iterable[Finding],
                         summary: dict[str, Any]) -> None:
        rows = [(run_id, agency_id, f.finding_id, f.check, f.severity, f.indicator, f.url, f.target,
                 f.message, json.dumps(f.evidence, ensure_ascii=False)) for f in findings]
        with self.transaction() as db:
            db.execute("DELETE FROM findings WHERE run_id = ? AND agency_id = ?", (run_id, agency_id))
            db.executemany("INSERT OR IGNORE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.execute("INSERT OR REPLACE INTO summaries VALUES (?, ?, ?)",
                       (run_id, agency_id, json.dumps(summary, ensure_ascii=False)))

    def findings(self, run_id: int, agency_id: str) -> list[Finding]:
        rows = self.db.execute("SELECT * FROM findings WHERE run_id = ? AND agency_id = ? ORDER BY rowid",
                               (run_id, agency_id))
        return [_finding_from_row(row) for row in rows]

    def first_seen(self, run_id: int, agency_id: str) -> dict[str, str]:
        """finding id → start time of the earliest stored run that had the same finding, up to run_id."""
        rows = self.db.execute(
            "SELECT f.finding_id, MIN(r.started_at) FROM findings f JOIN runs r ON r.id = f.run_id"
            " WHERE f.agency_id = ? AND f.run_id <= ? AND f.finding_id IN"
            " (SELECT finding_id FROM findings WHERE run_id = ? AND agency_id = ?) GROUP BY f.finding_id",
            (agency_id, run_id, run_id, agency_id))
        return {row[0]: row[1] for row in rows}

    def summary(self, run_id: int, agency_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT summary FROM summaries WHERE run_id = ? AND agency_id = ?",
                              (run_id, agency_id)).fetchone()
        return json.loads(row[0]) if row else None

    def summary_counts(self, up_to_run: int, keys: Sequence[str]) -> Iterator[tuple[int, str, str, str, dict]]:
        """(run id, as_of, agency id, status, {key: value}) for every agency row of every run up to up_to_run,
        in run order: a few numbers from each stored summary, read by SQLite rather than parsing whole summaries."""
        fields = ", ".join(f"json_extract(s.summary, '$.{key}')" for key in keys)
        rows = self.db.execute(
            f"SELECT r.id, r.as_of, a.agency_id, a.status, {fields} FROM runs r"
            " JOIN run_agencies a ON a.run_id = r.id"
            " JOIN summaries s ON s.run_id = r.id AND s.agency_id = a.agency_id"
            " WHERE r.id <= ? ORDER BY r.id, a.rowid", (up_to_run,))
        for row in rows:
            yield row[0], row[1], row[2], row[3], dict(zip(keys, row[4:]))


_PAGE_FINDING_INSERT = ("INSERT INTO page_findings (run_id, agency_id, url, check_id, severity, indicator,"
                        " message, target, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _finding_row(run_id: int, agency_id: str, finding: Finding) -> tuple:
    return (run_id, agency_id, finding.url, finding.check, finding.severity, finding.indicator,
            finding.message, finding.target, json.dumps(finding.evidence, ensure_ascii=False))


def _finding_from_row(row: sqlite3.Row) -> Finding:
    return Finding(check=row["check_id"], severity=row["severity"], indicator=row["indicator"], url=row["url"],
                   message=row["message"], target=row["target"], evidence=json.loads(row["evidence"]))


def _insert(table: str, columns: tuple[str, ...], conflict: str = "") -> str:
    names = ", ".join(("run_id", "agency_id", *columns))
    marks = ", ".join("?" * (len(columns) + 2))
    return f"INSERT {conflict} INTO {table} ({names}) VALUES ({marks})"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
