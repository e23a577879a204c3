"""The command line: bad input ends with a clear message naming the line, and nothing is crawled."""

from tests.conftest import govaudit


def test_malformed_agencies_file_names_the_line(tmp_path):
    bad = tmp_path / "agencies.csv"
    bad.write_text("id,name,group,url\nok,好,1,http://127.0.0.1:9/\nok,重複,1,http://127.0.0.1:9/\n"
                   "x,壞網址,2,htp://nowhere\n", encoding="utf-8")
    result = govaudit("run", "--agencies", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert ":3:" in result.stderr and ":4:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_agency_id_lists_the_valid_ones(tmp_path):
    good = tmp_path / "agencies.csv"
    good.write_text("id,name,group,url\nok,好,1,http://127.0.0.1:9/\n", encoding="utf-8")
    result = govaudit("run", "--agencies", str(good), "--agency", "nope", "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "nope" in result.stderr and "ok" in result.stderr


def test_bad_as_of_and_missing_database(tmp_path):
    result = govaudit("run", "--as-of", "113-05-01", "--out", str(tmp_path))
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    result = govaudit("history", "--db", str(tmp_path / "none.sqlite"))
    assert result.returncode == 2 and "找不到資料庫" in result.stderr
