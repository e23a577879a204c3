"""The list of agencies to audit: reading and checking agencies.csv.

One Agency per row; a bad file is refused whole, with every problem named by file and line."""

from __future__ import annotations

import codecs
import csv
import ipaddress
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

GROUPS: dict[str, str] = {
    "portal": "市府入口網",
    "1": "第1組",
    "2": "第2組",
    "3": "第3組",
    "planning": "服務規劃機關",
}

COLUMNS: tuple[str, ...] = (
    "id", "name", "group", "url", "scope", "extra_hosts", "search_url", "collegial", "notes",
)
REQUIRED_COLUMNS: tuple[str, ...] = ("id", "name", "group", "url")

_TRUE = frozenset({"yes", "true", "1", "是"})
_FALSE = frozenset({"no", "false", "0", "否", ""})

# The id becomes a directory name, so it is kept to what every file system accepts.
_ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ID_MAX = 64
_LABEL_RE = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
# Editors count \r\n, \n and a lone \r as line breaks, and nothing else; str.splitlines
# would also break on \x0b, \x1c, U+2028 ... and so shift every later line number.
_LINE_BREAK_RE = re.compile(r"(?<=\n)|(?<=\r)(?!\n)")
_BYTE_LINE_BREAK_RE = re.compile(rb"\r\n|\r|\n")
_MAX_LISTED_LINES = 10


@dataclass(frozen=True, slots=True)
class Agency:
    id: str
    name: str
    group: str
    url: str | None
    extra_hosts: tuple[str, ...] = ()
    search_url: str | None = None
    collegial: bool = False
    notes: str = ""
    line: int = 0
    # A path prefix ("/parks/") for an agency whose site is one folder of a host it shares with others;
    # "" means the whole host is the agency's.
    scope: str = ""
    # Folders inside this agency's scope that are other agencies' sites (the portal's /parks/): checked as
    # links, never crawled as this agency's pages. Filled by load_agencies from the whole file.
    excluded: tuple[str, ...] = ()

    @property
    def hosts(self) -> tuple[str, ...]:
        found: list[str] = []
        if self.url:
            host = urlsplit(self.url).hostname
            if host:
                found.append(host.lower())
        for host in self.extra_hosts:
            host = host.lower()
            if host and host not in found:
                found.append(host)
        return tuple(found)

    @property
    def group_name(self) -> str:
        return GROUPS.get(self.group, self.group)


def host_variants(hosts: Iterable[str]) -> frozenset[str]:
    """The hosts with and without "www.": agencies link to both spellings of their own site."""
    variants = set()
    for host in hosts:
        variants.add(host)
        variants.add(host[4:] if host.startswith("www.") else f"www.{host}")
    return frozenset(variants)


class AgencyFileError(ValueError):
    """Raised with every problem found, each naming the file and line."""

    def __init__(self, problems: list[str] | str, summary: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [problems]
        problems = list(problems)
        if summary is None:
            count = len(problems)
            summary = f"{count} problem{'s' if count != 1 else ''} in the agency list:"
        # Both go to args so the exception survives pickling (multiprocessing, logging handlers).
        super().__init__(problems, summary)
        self.problems: list[str] = problems
        self.summary: str = summary

    def __str__(self) -> str:
        return "\n".join([self.summary, *self.problems])


def load_agencies(path: str | os.PathLike) -> list[Agency]:
    """Read agencies.csv and return its agencies in file order.

    Raises AgencyFileError listing every problem found, so one edit-and-rerun fixes them all.
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise AgencyFileError(
            [f"{name}: file not found (working directory {os.getcwd()})"],
            f"{name}: cannot read the agency list:",
        ) from None
    except IsADirectoryError:
        raise AgencyFileError(
            [f"{name}: is a directory, not a CSV file"],
            f"{name}: cannot read the agency list:",
        ) from None
    except OSError as exc:
        raise AgencyFileError(
            [f"{name}: cannot be read ({exc.strerror or exc})"],
            f"{name}: cannot read the agency list:",
        ) from None

    text, problems = _decode(raw, name)
    if text is None:
        raise AgencyFileError(problems, f"{name}: the agency list is not a UTF-8 CSV file:")

    agencies, problems = _parse(text, name)
    if problems:
        count = len(problems)
        raise AgencyFileError(
            problems, f"{name}: {count} problem{'s' if count != 1 else ''} found; fix them and run again:"
        )
    return nest_scopes(agencies)


def nest_scopes(agencies: list[Agency]) -> list[Agency]:
    """Each agency with the folders of its host(s) that other agencies own (a narrower scope on a shared host)."""
    nested = []
    for agency in agencies:
        mine = host_variants(agency.hosts)
        inner = sorted({other.scope for other in agencies
                        if other is not agency and other.scope and other.scope != agency.scope
                        and other.scope.startswith(agency.scope or "/") and mine & set(other.hosts)})
        nested.append(replace(agency, excluded=tuple(inner)) if inner else agency)
    return nested


def select_agencies(agencies: list[Agency], ids: Sequence[str]) -> list[Agency]:
    """The agencies whose id is in ids, in file order; an unknown id is an error."""
    if isinstance(ids, str):
        # A bare string would otherwise be taken letter by letter.
        raise TypeError("ids must be a sequence of agency ids, not a single string")
    wanted = {i.strip() for i in ids}
    known = {a.id for a in agencies}
    unknown = [i for i in dict.fromkeys(x.strip() for x in ids) if i not in known]
    if unknown:
        valid = ", ".join(a.id for a in agencies) or "(none)"
        problems = [f"unknown agency id {i!r}" for i in unknown]
        problems.append(f"valid ids: {valid}")
        raise AgencyFileError(problems, "cannot select agencies:")
    return [a for a in agencies if a.id in wanted]


def _decode(raw: bytes, name: str) -> tuple[str | None, list[str]]:
    # Excel and Notepad on Windows add a BOM when saving "UTF-8"; that is still UTF-8.
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [
            f"{name}:1: the file is UTF-16 (Excel 'Unicode text'), not UTF-8; re-save it as "
            "'CSV UTF-8' (Big5/cp950 and UTF-16 files must be re-saved as UTF-8)"
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass

    # Decoding line by line is what lets the message point at a line the user can open.
    bad: list[tuple[int, UnicodeDecodeError]] = []
    for number, line in enumerate(_BYTE_LINE_BREAK_RE.split(raw), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad.append((number, exc))
    if not bad:  # cannot happen for a line-splittable encoding, but never claim a wrong line
        return None, [f"{name}: the file is not valid UTF-8; re-save it as UTF-8"]

    number, exc = bad[0]
    looks_big5 = _decodes_as(raw, "cp950")
    guess = " (it looks like Big5/cp950)" if looks_big5 else ""
    message = (
        f"{name}:{number}: the file is not UTF-8{guess}: byte 0x{exc.object[exc.start]:02x} at "
        f"byte {exc.start + 1} of this line cannot be decoded. Big5/cp950 files (e.g. saved by Excel "
        "on Traditional Chinese Windows) must be re-saved as UTF-8 ('CSV UTF-8' in Excel)"
    )
    if len(bad) > 1:
        listed = ", ".join(str(n) for n, _ in bad[:_MAX_LISTED_LINES])
        more = ", ..." if len(bad) > _MAX_LISTED_LINES else ""
        message += f"; {len(bad)} lines fail to decode: {listed}{more}"
    return None, [message]


def _decodes_as(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


class _Lines:
    """Feeds physical lines to csv.reader, skipping blank and # lines between records.

    csv.reader pulls one line at a time and never reads ahead, so a line pulled right after a
    record was returned is the first line of the next record; only there may lines be skipped
    (inside a quoted field a blank or # line is data).
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self.consumed = 0          # physical lines handed out or skipped so far
        self.record_start = 0      # 1-based line where the current record began
        self._at_record_start = True

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        while self.consumed < len(self._lines):
            line = self._lines[self.consumed]
            self.consumed += 1
            if self._at_record_start:
                if _is_skippable(line):
                    continue
                self.record_start = self.consumed
                self._at_record_start = False
            return line
        raise StopIteration

    def new_record(self) -> None:
        self._at_record_start = True


def _is_skippable(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _records(text: str, name: str, problems: list[str]) -> Iterator[tuple[int, list[str]]]:
    lines = [piece for piece in _LINE_BREAK_RE.split(text) if piece]
    feed = _Lines(lines)
    # strict: a stray quote is reported instead of silently swallowing the following lines.
    reader = csv.reader(feed, strict=True)
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if feed.consumed >= len(lines) and "end of data" in str(exc):
                problems.append(
                    f"{name}:{feed.record_start}: a quoted field starting on this line is never closed "
                    f"(missing '\"'); everything after it was read as part of it"
                )
                return
            problems.append(
                f"{name}:{feed.record_start}: cannot parse this line as CSV ({exc}); a value with a '\"' "
                "must be quoted as a whole, with the inner '\"' doubled"
            )
            feed.new_record()
            continue
        start = feed.record_start
        feed.new_record()
        # Spreadsheets leave rows of bare commas behind; they carry nothing.
        if not any(f.strip() for f in fields):
            continue
        yield start, fields


def _parse(text: str, name: str) -> tuple[list[Agency], list[str]]:
    problems: list[str] = []
    records = _records(text, name, problems)

    header_line, header = next(records, (0, None))
    if header is None:
        problems.append(
            f"{name}: the file has no header line; the first line must be: {','.join(COLUMNS)}"
        )
        return [], problems

    columns = [h.strip() for h in header]
    index: dict[str, int] = {}
    for position, column in enumerate(columns, start=1):
        if not column:
            problems.append(f"{name}:{header_line}: header column {position} has no name")
        elif column in index:
            problems.append(f"{name}:{header_line}: header names column {column!r} twice")
        else:
            index[column] = position - 1
    unknown = [c for c in columns if c and c not in COLUMNS]
    if unknown:
        problems.append(
            f"{name}:{header_line}: unknown column{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(repr(c) for c in unknown)} in the header; allowed columns: {','.join(COLUMNS)}"
        )
    missing = [c for c in REQUIRED_COLUMNS if c not in index]
    if missing:
        hint = ""
        if len(missing) == len(REQUIRED_COLUMNS):
            hint = f"; the first line must be the header: {','.join(COLUMNS)}"
        problems.append(
            f"{name}:{header_line}: header is missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}{hint}"
        )

    agencies: list[Agency] = []
    first_seen: dict[str, int] = {}
    rows = 0
    for line, fields in records:
        rows += 1
        if len(fields) != len(columns):
            few_many = "too few" if len(fields) < len(columns) else "too many"
            problems.append(
                f"{name}:{line}: {few_many} fields: {len(fields)} instead of {len(columns)} "
                f"({','.join(columns)}); a value containing a comma must be in double quotes"
            )
            continue
        agency = _row(fields, index, line, name, first_seen, problems)
        if agency is not None:
            agencies.append(agency)

    if rows == 0 and not problems:
        problems.append(f"{name}: the file lists no agencies (only a header)")
    return agencies, problems


def _row(
    fields: list[str],
    index: dict[str, int],
    line: int,
    name: str,
    first_seen: dict[str, int],
    problems: list[str],
) -> Agency | None:
    def get(column: str) -> str:
        return fields[index[column]].strip() if column in index else ""

    before = len(problems)

    def problem(message: str) -> None:
        problems.append(f"{name}:{line}: {message}")

    agency_id = get("id")
    if "id" in index:
        if not agency_id:
            problem("id is empty")
        elif not _ID_RE.match(agency_id) or len(agency_id) > _ID_MAX:
            problem(
                f"id {agency_id!r} is not valid: use lower-case ascii letters, digits and '-', "
                f"starting with a letter or digit, at most {_ID_MAX} characters (it names a directory)"
            )
        elif agency_id in first_seen:
            problem(f"duplicate id {agency_id!r}: also on line {first_seen[agency_id]}")
        else:
            first_seen[agency_id] = line

    agency_name = get("name")
    if "name" in index and not agency_name:
        problem("name is empty")

    group = get("group")
    if "group" in index and group not in GROUPS:
        valid = ", ".join(GROUPS)
        problem(f"unknown group {group!r}; valid groups: {valid}" if group else f"group is empty; valid groups: {valid}")

    url = get("url")
    if url:
        message = _url_problem(url)
        if message:
            problem(f"url {url!r} {message}")

    scope = get("scope")
    if scope:
        if not scope.startswith("/") or any(ch in scope for ch in "?# \t"):
            problem(f"scope {scope!r} is not a path prefix such as /parks/ (it starts with / and has no "
                    "query, fragment or spaces)")
        else:
            scope = scope if scope.endswith("/") else scope + "/"
            if url and not (urlsplit(url).path or "/").startswith(scope):
                problem(f"url {url!r} is outside its own scope {scope!r}")

    extra_hosts: list[str] = []
    for entry in get("extra_hosts").split(";"):
        entry = entry.strip()
        if not entry:
            continue
        message = _extra_host_problem(entry)
        if message:
            problem(f"extra_hosts entry {entry!r} {message}")
        else:
            extra_hosts.append(entry.lower().rstrip("."))

    search_url = get("search_url")
    if search_url:
        message = _url_problem(search_url)
        if message:
            problem(f"search_url {search_url!r} {message}")

    collegial_text = get("collegial")
    collegial = collegial_text.lower() in _TRUE
    if collegial_text.lower() not in _TRUE | _FALSE:
        problem(f"collegial {collegial_text!r} is not one of yes/no/true/false/1/0/是/否")

    if len(problems) > before:
        return None
    return Agency(
        id=agency_id,
        name=agency_name,
        group=group,
        url=url or None,
        extra_hosts=tuple(extra_hosts),
        search_url=search_url or None,
        collegial=collegial,
        notes=get("notes"),
        line=line,
        scope=scope,
    )


def _url_problem(value: str) -> str | None:
    if any(ch.isspace() for ch in value):
        return "contains spaces (encode them as %20)"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError on a malformed port
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        if not parts.scheme and "." in value.split("/", 1)[0]:
            return "is not an http(s) URL (it has no scheme: add https://)"
        return "is not an http(s) URL"
    if not parts.hostname:
        return "is not an absolute http(s) URL with a host"
    message = _host_problem(parts.hostname)
    if message:
        return f"has an invalid host ({message})"
    return None


def _extra_host_problem(entry: str) -> str | None:
    # Hosts are compared with urlsplit().hostname, which carries neither scheme, path nor port.
    if "://" in entry or "/" in entry:
        host = urlsplit(entry if "://" in entry else f"//{entry}").hostname or entry
        return f"is a URL, not a host name; write the host only ({host})"
    if ":" in entry and not _is_ip(entry):
        return "has a port or ':'; write the host name only"
    message = _host_problem(entry)
    return f"is not a valid host name ({message})" if message else None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _host_problem(host: str) -> str | None:
    if _is_ip(host):
        return None
    bare = host[:-1] if host.endswith(".") else host
    if not bare:
        return "empty host"
    try:
        ascii_host = bare.encode("idna").decode("ascii")
    except UnicodeError:
        return f"{host!r} is not a valid host name"
    if len(ascii_host) > 253:
        return "longer than 253 characters"
    for label in ascii_host.lower().split("."):
        if not _LABEL_RE.match(label):
            return f"{host!r} has an invalid part {label!r}: use letters, digits, '-' and dots"
    return None
