"""Tests for crawler.agencies: the real agencies.csv and every way a hand-edited file goes wrong.

Each error test checks the line number, since "which line do I fix" is what the message is for."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from crawler.agencies import (
    COLUMNS,
    GROUPS,
    Agency,
    AgencyFileError,
    load_agencies,
    select_agencies,
)

REPO = Path(__file__).resolve().parent.parent
AGENCIES_CSV = REPO / "agencies.csv"
HEADER = "id,name,group,url,extra_hosts,search_url,collegial,notes\n"

# The first-line agencies of 新竹市政府104年度提升服務品質實施計畫, 參、一, by group.
PLAN_GROUPS = {
    "1": ["新竹市政府衛生局", "新竹市稅務局", "新竹市環境保護局", "新竹市消防局", "新竹市文化局"],
    "2": [
        "新竹市東區區公所", "新竹市北區區公所", "新竹市香山區公所",
        "新竹市東區戶政事務所", "新竹市北區戶政事務所", "新竹市香山戶政事務所",
    ],
    "3": ["新竹市地政事務所", "新竹市殯葬管理所", "新竹市東區衛生所", "新竹市北區衛生所", "新竹市香山衛生所"],
}


def write(tmp_path: Path, text: str, name: str = "agencies.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(AgencyFileError) as info:
        load_agencies(path)
    return info.value.problems


def only_problem(path: Path) -> str:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def at_line(problem: str, path: Path, line: int) -> None:
    assert problem.startswith(f"{path}:{line}: "), problem


# --- the real file -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real() -> list[Agency]:
    return load_agencies(AGENCIES_CSV)


def test_real_file_is_utf8_without_bom():
    raw = AGENCIES_CSV.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    raw.decode("utf-8")
    assert raw.decode("utf-8").splitlines()[0] == ",".join(COLUMNS)


def test_real_file_loads_with_unique_ids(real):
    ids = [a.id for a in real]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9-]*", i) for i in ids)


def test_real_file_every_group_non_empty(real):
    for group in GROUPS:
        assert [a for a in real if a.group == group], group
    assert [a.id for a in real if a.group == "portal"] == ["hccg"]


def test_real_file_has_plan_agencies_in_plan_groups(real):
    by_name = {a.name: a for a in real}
    for group, names in PLAN_GROUPS.items():
        for name in names:
            assert name in by_name, name
            assert by_name[name].group == group, name
    # Only the plan's agencies are first-line; anything else the city runs goes elsewhere.
    first_line = {a.name for a in real if a.group in ("1", "2", "3")}
    assert first_line == {n for names in PLAN_GROUPS.values() for n in names}


def test_real_file_planning_group_holds_the_city_departments(real):
    planning = {a.name for a in real if a.group == "planning"}
    for short in ("民政處", "財政處", "社會處", "地政處", "數位發展處", "教育處"):
        assert any(name.endswith(short) for name in planning), short


def test_real_file_empty_or_inferred_urls_say_why(real):
    for agency in real:
        if agency.url is None:
            assert "網址未查證" in agency.notes, agency.id
        assert not agency.collegial
    # The hosts guessed by analogy in the domain notes must be flagged as guesses.
    for agency_id in ("xiangshan-district", "north-household", "xiangshan-household"):
        agency = next(a for a in real if a.id == agency_id)
        assert agency.url and "推測網址，待查證" in agency.notes


def test_real_file_first_line_urls_are_https(real):
    for agency in real:
        if agency.url:
            assert agency.url.startswith("https://"), agency.id
            assert agency.hosts[0] in agency.url


# --- loading good files --------------------------------------------------------------------

def test_minimal_columns_and_defaults(tmp_path):
    path = write(tmp_path, "id,name,group,url\nhccg,新竹市政府,portal,https://www.hccg.gov.tw/\n")
    [agency] = load_agencies(path)
    assert agency == Agency(
        id="hccg", name="新竹市政府", group="portal", url="https://www.hccg.gov.tw/", line=2,
    )
    assert agency.extra_hosts == () and agency.search_url is None and not agency.collegial
    assert agency.group_name == "市府入口網"


def test_columns_in_any_order(tmp_path):
    path = write(tmp_path, "url,group,name,id\nhttps://a.example/,1,甲,a\n")
    [agency] = load_agencies(path)
    assert (agency.id, agency.name, agency.group, agency.url) == ("a", "甲", "1", "https://a.example/")


def test_bom_file_loads(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + "tax,新竹市稅務局,1,https://www.hcct.gov.tw/,,,no,\n").encode())
    [agency] = load_agencies(path)
    assert agency.id == "tax" and agency.name == "新竹市稅務局"


def test_quoted_field_with_comma(tmp_path):
    path = write(
        tmp_path,
        HEADER + 'epb,新竹市環境保護局,1,https://www.hccepb.gov.tw/,car.hccepb.gov.tw,,no,"清運車, 7966 查詢"\n',
    )
    [agency] = load_agencies(path)
    assert agency.notes == "清運車, 7966 查詢"


def test_blank_comment_and_multiline_lines_keep_physical_numbers(tmp_path):
    path = write(
        tmp_path,
        "# 新竹市 agencies\n"                       # 1
        + HEADER                                    # 2
        + "\n"                                      # 3
        + "a,甲,1,https://a.example/,,,no,\"two\n"  # 4
        + "lines\"\n"                               # 5
        + "# commented out\n"                       # 6
        + ",,,,,,,\n"                               # 7: a spreadsheet's empty row
        + "b,乙,2,https://b.example/,,,no,\n",      # 8
    )
    a, b = load_agencies(path)
    assert (a.line, a.notes) == (4, "two\nlines")
    assert b.line == 8


def test_crlf_and_collegial_values(tmp_path):
    rows = [HEADER.strip()]
    for n, value in enumerate(["yes", "NO", "true", "false", "1", "0", "是", "否", ""]):
        rows.append(f"a{n},甲,1,https://a.example/,,,{value},")
    agencies = load_agencies(write(tmp_path, "\r\n".join(rows) + "\r\n"))
    assert [a.collegial for a in agencies] == [True, False, True, False, True, False, True, False, False]
    assert [a.line for a in agencies] == list(range(2, 11))


def test_empty_url_is_none_and_fields_are_stripped(tmp_path):
    path = write(tmp_path, HEADER + " land-office , 新竹市地政事務所 ,3, ,,,no,網址未查證\n")
    [agency] = load_agencies(path)
    assert agency.id == "land-office" and agency.name == "新竹市地政事務所"
    assert agency.url is None and agency.hosts == ()


# --- hosts and group names -----------------------------------------------------------------

def test_hosts_lowercase_deduplicated_in_order():
    agency = Agency(
        id="epb", name="環保局", group="1", url="https://WWW.HCCEPB.gov.tw:443/x?y=1",
        extra_hosts=("car.hccepb.gov.tw", "www.hccepb.gov.tw", "7966.HCCG.gov.tw", "car.hccepb.gov.tw"),
    )
    assert agency.hosts == ("www.hccepb.gov.tw", "car.hccepb.gov.tw", "7966.hccg.gov.tw")


def test_hosts_without_url_are_the_extra_hosts():
    agency = Agency(id="x", name="x", group="3", url=None, extra_hosts=("a.example",))
    assert agency.hosts == ("a.example",)


def test_hosts_from_file(tmp_path):
    path = write(
        tmp_path,
        HEADER + "health,衛生局,1,https://dep.hcchb.gov.tw/ch/home.jsp?id=1,WWW.hcchb.gov.tw; ;,,,\n",
    )
    [agency] = load_agencies(path)
    assert agency.extra_hosts == ("www.hcchb.gov.tw",)
    assert agency.hosts == ("dep.hcchb.gov.tw", "www.hcchb.gov.tw")


def test_group_names_in_display_order():
    assert list(GROUPS) == ["portal", "1", "2", "3", "planning"]
    assert GROUPS["planning"] == "服務規劃機關"
    assert Agency(id="a", name="a", group="2", url=None).group_name == "第2組"


# --- file-level errors ---------------------------------------------------------------------

def test_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(AgencyFileError) as info:
        load_agencies(path)
    assert "not found" in str(info.value) and str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_big5_file_names_encoding_and_line(tmp_path):
    text = HEADER + "tax,tax office,1,https://www.hcct.gov.tw/,,,no,\n" + "fire,新竹市消防局,1,https://www.hcfd.gov.tw/,,,no,\n"
    path = write(tmp_path, text, encoding="big5")
    problem = only_problem(path)
    at_line(problem, path, 3)
    assert "not UTF-8" in problem and "Big5/cp950" in problem and "re-saved as UTF-8" in problem


def test_utf16_file_is_refused(tmp_path):
    path = tmp_path / "u16.csv"
    path.write_bytes((HEADER + "a,甲,1,https://a.example/,,,,\n").encode("utf-16"))
    assert "UTF-16" in only_problem(path)


def test_empty_file(tmp_path):
    assert "no header" in only_problem(write(tmp_path, "# nothing yet\n\n"))


def test_header_only(tmp_path):
    assert "no agencies" in only_problem(write(tmp_path, HEADER))


def test_header_missing_required_column(tmp_path):
    path = write(tmp_path, "id,name,url\na,甲,https://a.example/\n")
    problem = only_problem(path)
    at_line(problem, path, 1)
    assert "missing required column group" in problem


def test_header_unknown_columns_named(tmp_path):
    path = write(tmp_path, "id,name,group,url,homepage,Notes\na,甲,1,https://a.example/,x,y\n")
    problem = only_problem(path)
    at_line(problem, path, 1)
    assert "'homepage'" in problem and "'Notes'" in problem


def test_data_without_header(tmp_path):
    path = write(tmp_path, "hccg,新竹市政府,portal,https://www.hccg.gov.tw/\n")
    problems = problems_of(path)
    assert any("first line must be the header" in p for p in problems)


def test_row_with_missing_field(tmp_path):
    path = write(tmp_path, HEADER + "a,甲,1,https://a.example/,,,no,\nb,乙,1,https://b.example/,,no,\n")
    problem = only_problem(path)
    at_line(problem, path, 3)
    assert "too few fields: 7 instead of 8" in problem


def test_row_with_unquoted_comma(tmp_path):
    path = write(tmp_path, HEADER + "a,甲,1,https://a.example/,,,no,清運車, 7966\n")
    problem = only_problem(path)
    at_line(problem, path, 2)
    assert "too many fields" in problem and "double quotes" in problem


def test_unclosed_quote(tmp_path):
    path = write(tmp_path, HEADER + "a,甲,1,https://a.example/,,,no,ok\n" + 'b,乙,1,https://b.example/,,,no,"open\n' + "c,丙,1,,,,,\n")
    problem = only_problem(path)
    at_line(problem, path, 3)
    assert "never closed" in problem


def test_stray_quote_is_reported_and_later_rows_still_checked(tmp_path):
    path = write(tmp_path, HEADER + 'a,甲,1,https://a.example/,,,no,"x"y\n' + "b,乙,7,https://b.example/,,,no,\n")
    problems = problems_of(path)
    assert len(problems) == 2, problems
    at_line(problems[0], path, 2)
    assert "cannot parse" in problems[0] and "doubled" in problems[0]
    at_line(problems[1], path, 3)
    assert "unknown group '7'" in problems[1]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (",甲,1,https://a.example/,,,,", "id is empty"),
        ("Health,甲,1,https://a.example/,,,,", "id 'Health' is not valid"),
        ("east district,甲,1,https://a.example/,,,,", "id 'east district' is not valid"),
        ("-a,甲,1,https://a.example/,,,,", "id '-a' is not valid"),
        ("衛生局,甲,1,https://a.example/,,,,", "is not valid"),
        ("a,,1,https://a.example/,,,,", "name is empty"),
        ("a,甲,4,https://a.example/,,,,", "unknown group '4'; valid groups: portal, 1, 2, 3, planning"),
        ("a,甲,,https://a.example/,,,,", "group is empty; valid groups: portal, 1, 2, 3, planning"),
        ("a,甲,1,htp://x,,,,", "url 'htp://x' is not an http(s) URL"),
        ("a,甲,1,www.hccg.gov.tw,,,,", "add https://"),
        ("a,甲,1,ftp://a.example/,,,,", "is not an http(s) URL"),
        ("a,甲,1,https:///path,,,,", "is not an absolute http(s) URL with a host"),
        ("a,甲,1,/ch/home.jsp,,,,", "is not an http(s) URL"),
        ("a,甲,1,https://a.example/新 聞,,,,", "contains spaces"),
        ("a,甲,1,https://a_b.example/,,,,", "invalid host"),
        ("a,甲,1,https://a.example:99999/,,,,", "is not a valid URL"),
        ("a,甲,1,https://a.example/,https://car.hccepb.gov.tw/,,,", "is a URL, not a host name"),
        ("a,甲,1,https://a.example/,car.hccepb.gov.tw:8080,,,", "has a port"),
        ("a,甲,1,https://a.example/,bad_host.example,,,", "extra_hosts entry 'bad_host.example' is not a valid host name"),
        ("a,甲,1,https://a.example/,a..example,,,", "is not a valid host name"),
        ("a,甲,1,https://a.example/,-a.example,,,", "is not a valid host name"),
        ("a,甲,1,https://a.example/,,search?q=,,", "search_url 'search?q=' is not an http(s) URL"),
        ("a,甲,1,https://a.example/,,,maybe,", "collegial 'maybe' is not one of yes/no"),
    ],
)
def test_row_errors_name_line_and_problem(tmp_path, row, expected):
    path = write(tmp_path, HEADER + "ok,好,1,https://ok.example/,,,no,\n" + row + "\n")
    problem = only_problem(path)
    at_line(problem, path, 3)
    assert expected in problem


def test_duplicate_id_names_both_lines(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "health,衛生局,1,https://dep.hcchb.gov.tw/,,,,\n"
        + "# the second one is a copy-paste slip\n"
        + "health,東區衛生所,3,,,,,\n",
    )
    problem = only_problem(path)
    at_line(problem, path, 4)
    assert "duplicate id 'health'" in problem and "line 2" in problem


def test_all_problems_reported_at_once(tmp_path):
    path = write(
        tmp_path,
        "id,name,group,url,homepage\n"           # 1: unknown column
        + "a,甲,1,https://a.example/,\n"         # 2: fine
        + "a,乙,9,htp://b,\n"                    # 3: duplicate id, bad group, bad url
        + "\n"                                   # 4
        + "c,丙,1\n"                             # 5: too few fields
        + "D,,2,https://d.example/,\n",          # 6: bad id, empty name
    )
    with pytest.raises(AgencyFileError) as info:
        load_agencies(path)
    problems = info.value.problems
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == [1, 3, 3, 3, 5, 6, 6]
    message = str(info.value)
    first, *rest = message.splitlines()
    assert "7 problems" in first and str(path) in first
    assert rest == problems


def test_error_pickles():
    exc = AgencyFileError(["f.csv:2: id is empty"])
    copy = pickle.loads(pickle.dumps(exc))
    assert copy.problems == exc.problems and str(copy) == str(exc)


# --- select_agencies -----------------------------------------------------------------------

def test_select_keeps_file_order(real):
    chosen = select_agencies(real, ["fire", "hccg", "tax", "fire"])
    assert [a.id for a in chosen] == ["hccg", "tax", "fire"]


def test_select_nothing(real):
    assert select_agencies(real, []) == []


def test_select_unknown_id_lists_valid_ids(real):
    with pytest.raises(AgencyFileError) as info:
        select_agencies(real, ["tax", "police"])
    message = str(info.value)
    assert "'police'" in message and "'tax'" not in message
    assert "valid ids:" in message and "hccg" in message and "east-district" in message


def test_select_refuses_a_bare_string(real):
    with pytest.raises(TypeError):
        select_agencies(real, "tax")
