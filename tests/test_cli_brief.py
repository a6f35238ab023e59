"""Chinese where a person looks, one number format, and the newcomer's first mistakes (issue 19)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from remit.cli import main
from remit.service.querying import engine_message


def test_units_prints_chinese_headers_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "3"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split()
    assert header[:4] == ["负荷", "瓶颈排名", "单位", "牵头任务"]
    assert not any(re.fullmatch(r"[a-z_]+", word) for word in header)


def test_units_in_english_and_json_keys_stay_snake_case(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "1", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["load", "bottleneck", "rank", "unit"]
    assert main(["units", "--top", "1", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert {"unit", "led", "load", "betweenness"} <= set(row)
    assert main(["units", "--top", "1", "--csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("unit,kind,led,")


def _significant(word: str) -> int:
    return len(word.replace(".", "").lstrip("0"))


def test_one_number_format_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--top", "5"]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[1:6]]
    # 市市场监管局: lead share 33.45 + 0.5 × 8 supported = 37.45 (README), shown to one decimal.
    assert rows[0][0] == "37.5" and rows[0][2] == "市市场监管局"
    for row in rows:
        assert re.fullmatch(r"\d+\.\d", row[0])  # every load to one decimal
        # betweenness, PageRank, constraint and the bottleneck score: three significant digits
        assert [_significant(w) for w in row[-4:]] == [3, 3, 3, 3], row


def test_a_misspelt_command_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chek"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["remit: unknown command 'chek'; did you mean check? (remit --help lists the commands)"]


def test_whatif_without_a_change_says_how_to_use_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["whatif"]) == 2
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert "--remove UNIT" in line and "--reassign TASK:FROM:TO" in line
    assert captured.out == ""


def test_a_java_class_name_never_reaches_the_user() -> None:
    raw = ("ad-hoc query: the engine rejected the query: com.arcadedb.exception.CommandParsingException: "
           "Syntax error at line 1:14 - mismatched input 'RETURN' expecting {'$', '{', ')', WHERE} "
           "(caused by org.antlr.v4.runtime.InputMismatchException)")
    text = engine_message(raw)
    assert "com.arcadedb" not in text and "org.antlr" not in text and "Exception" not in text
    # 'MATCH (u:Unit RETURN u': RETURN starts at the 15th character; ANTLR counts from 0.
    assert "line 1, column 15" in text and "\n" not in text


@pytest.mark.bolt
def test_cypher_says_what_answered_and_a_syntax_error_is_one_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert main(["cypher", "top_leads", "-p", "limit=1"]) == 0
    first = capsys.readouterr()
    assert first.err.strip().splitlines() == ["remit: answered by a fresh load of the lists (now cached)"]
    assert "市市场监管局" in first.out
    assert main(["cypher", "top_leads", "-p", "limit=1"]) == 0
    assert capsys.readouterr().err.strip().splitlines() == ["remit: answered by remit's cached database"]
    query = "MATCH (u:Unit RETURN u"
    assert main(["cypher", "-e", query]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "column 15" in line and query[14:20] == "RETURN" and "com." not in line and "Exception" not in line


@pytest.mark.bolt
def test_line_magic_errors_say_percent_cypher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "remit")
    capsys.readouterr()  # another test may have loaded it: IPython says so, which is not ours
    assert shell.run_line_magic("cypher", "") is None
    out = capsys.readouterr().out.strip()
    assert out.startswith("%cypher: ") and "%%cypher:" not in out and not out.startswith("remit:")
    assert shell.run_cell_magic("cypher", "", "   ") is None
    assert capsys.readouterr().out.strip().startswith("%%cypher: ")
