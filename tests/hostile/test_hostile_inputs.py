"""Regression tests for the defects of issue 10 (#1, #3–#6, #8, #9); #2 is in test_hostile_bombs.py
and #7 in tests/exports/test_exports_keep_user_work.py."""

from __future__ import annotations

import contextlib
import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import openpyxl
import pytest

import remit
from remit.cli import main
from remit.cypher.bolt import Settings
from remit.errors import GraphStoreError, QueryError
from remit.exports.files import write_graph
from remit.exports.report import write_report

HEAD = "|序号|改革任务|牵头单位|配合单位|\n|---|---|---|---|\n"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- 1. CSV formula injection ---------------------------------------------------------------
def test_formulas_in_csv_outputs_are_neutralised(tmp_path: Path) -> None:
    src = write(tmp_path, "f.md", HEAD + '|1|=HYPERLINK("http://evil.example","点我")。|=1+2|@SUM(A1)|\n'
                                         "|2|+86 热线。|-2+3局|市财政局|\n")
    out = tmp_path / "rep"
    write_report(remit.load(src), out, progress=False)
    write_graph(remit.build_graph(remit.load(src)), tmp_path / "g.csv", "csv")
    cells = []
    for name in (out / "units.csv", out / "tasks.csv", tmp_path / "g.csv"):
        with name.open(encoding="utf-8-sig", newline="") as handle:
            cells += [c for row in csv.reader(handle) for c in row]
    risky = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert risky == []  # OWASP: no text cell starts a formula
    assert "'=1+2" in cells and "'-2+3局" in cells and any(c.startswith("'@SUM") for c in cells)
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    # Numbers stay numbers: the 'led' count of =1+2 (one task, hand-checked) is a plain 1.
    with (out / "units.csv").open(encoding="utf-8-sig", newline="") as handle:
        units = {row["unit"]: row for row in csv.DictReader(handle)}
    assert units["'=1+2"]["led"] == "1"
    # The workbook holds the text as text, unchanged (it never ran formulas).
    ws = openpyxl.load_workbook(out / "units.xlsx")["单位"]
    assert "=1+2" in [c.value for c in ws["A"]]


def test_negative_numbers_are_not_quoted() -> None:
    import pandas as pd

    from remit.exports.csvsafe import safe_frame

    frame = pd.DataFrame({"unit": ["甲", "-x"], "delta": [-1.5, 2.0], "n": [-3, 4]})
    text = safe_frame(frame).to_csv(index=False)
    assert text.splitlines() == ["unit,delta,n", "甲,-1.5,-3", "'-x,2.0,4"]


# -- 3. a CSV cell over 131,072 characters ----------------------------------------------------
def test_long_csv_cell_keeps_every_row(tmp_path: Path) -> None:
    rows = ["序号,改革任务,牵头单位"] + [f"{n},任务{n}。,市财政局" for n in range(1, 6)]
    rows[2] = "2,长" + "长" * 140_000 + "。,市财政局"
    src = write(tmp_path, "long.csv", "\n".join(rows) + "\n")
    tl = remit.load(src)
    assert list(tl.tasks["number"]) == [1, 2, 3, 4, 5]
    assert len(tl.tasks.loc[tl.tasks["number"] == 2, "text"].iloc[0]) > 140_000


# -- 4. control characters --------------------------------------------------------------------
CONTROL = "\x01\x08\x1b\x00\x0b\x7f\x85"


def test_control_characters_are_cleaned_and_recorded(tmp_path: Path) -> None:
    filler = "正常的任务文本。" * 1200  # > 8 KB before the NUL, where the binary check does not look
    src = write(tmp_path, "ctl.md", HEAD + f"|1|{filler}|市财政局|市税务局|\n"
                                         f"|2|升级{CONTROL}平台。|市\x1bc住建局|市财政局|\n")
    tl = remit.load(src)
    text = tl.tasks.loc[tl.tasks["number"] == 2, "text"].iloc[0]
    assert not any(ch in text for ch in "\x01\x08\x1b\x00\x7f\x85")
    assert "市c住建局" in set(tl.units["unit"])
    found = tl.findings[tl.findings["code"] == "control-characters"]
    assert list(found["row"]) == ["line 4"] and list(found["file"]) == ["ctl.md"]
    out = tmp_path / "rep"
    write_report(tl, out, progress=False)  # openpyxl raised IllegalCharacterError here
    G = remit.build_graph(tl)
    for fmt in ("graphml", "gexf"):
        path = write_graph(G, tmp_path / f"g.{fmt}", fmt)
        ET.parse(path)  # gexf was not well formed
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == G.number_of_nodes()
    openpyxl.load_workbook(out / "units.xlsx")


def test_terminal_never_gets_an_escape_sequence(tmp_path: Path) -> None:
    # A unit name can still carry ESC through an alias file, which is not a task table.
    src = write(tmp_path, "t.md", HEAD + "|1|甲。|市财政局|市税务局|\n")
    aliases = write(tmp_path, "a.csv", "alias,canonical,kind,note\n市财政局,\x1bc市财政局\x9b2J,agency,x\n")
    code, out, err = cli("units", str(src), "--aliases", str(aliases))
    assert code == 0, err
    assert "\x1b" not in out and "\x9b" not in out and "\\x1bc市财政局" in out
    code, out, err = cli("check", str(tmp_path / "无\x1b[2J.md"))
    assert code == 2 and "\x1b" not in err and "\\x1b[2J" in err


# -- 5. lists without an agency ---------------------------------------------------------------
@pytest.mark.parametrize("lead", ["无", "各有关单位"])
def test_list_without_agencies_reports_what_there_is(tmp_path: Path, lead: str) -> None:
    src = write(tmp_path, "none.md", HEAD + f"|1|甲。|{lead}||\n|2|乙。|{lead}||\n")
    code, out, err = cli("stats", str(src), "--lang", "en")
    assert code == 0 and "Traceback" not in err and "tasks:    2" in out
    code, _, err = cli("report", str(src), "-o", str(tmp_path / "rep"))
    assert code == 0, err
    assert (tmp_path / "rep" / "index.html").is_file()
    with (tmp_path / "rep" / "tasks.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [r["number"] for r in csv.DictReader(handle)] == ["1", "2"]


# -- 6. NEO4J_URI never leaks its password ----------------------------------------------------
@pytest.mark.parametrize("secret", ["pa55/w0rd", "pa55#w0rd", "pa55?w0rd", "pa55@w0rd", "pa55:w0rd"])
@pytest.mark.parametrize("rest", ["db.example:7687", "db.example:port", "", "db.example:99999", "/x"])
def test_malformed_uri_error_never_shows_the_password(secret: str, rest: str) -> None:
    uri = f"bolt://neo4j:{secret}@{rest}"
    try:
        s = Settings.resolve(uri=uri, env={})
    except GraphStoreError as exc:
        message = str(exc)
        assert "\n" not in message
        for piece in {secret, *secret.replace("/", " ").replace("#", " ").replace("?", " ")
                      .replace("@", " ").replace(":", " ").split()}:
            assert piece not in message
    else:
        assert rest == "db.example:7687" and s.password == secret and s.uri == "bolt://db.example:7687"
        assert secret not in repr(s) and secret not in s.shown


def test_issue_uri_gives_one_clean_line() -> None:
    env = {"NEO4J_URI": "bolt://neo4j:pa55w0rd/xyz@db.example:7687"}
    s = Settings.resolve(env=env)  # the password ends at the last @: this URI is valid
    assert s.password == "pa55w0rd/xyz" and s.uri == "bolt://db.example:7687"
    with pytest.raises(GraphStoreError) as caught:
        Settings.resolve(env={"NEO4J_URI": "bolt://neo4j:pa55w0rd/xyz"})
    assert "pa55w0rd" not in str(caught.value) and "xyz" not in str(caught.value)


# -- 8. Markdown cells with characters str.splitlines() splits on -----------------------------
@pytest.mark.parametrize("char", ["\x0c", "\x1e", "\x85", "\u2028", "\u2029", "\x1c", "\x1d"])
def test_markdown_cell_is_not_split(tmp_path: Path, char: str) -> None:
    src = write(tmp_path, "m.md", HEAD + f"|1|升级{char}平台。|市财政局|市税务局|\n|2|乙。|市税务局||\n")
    tl = remit.load(src)
    assert list(tl.tasks["number"]) == [1, 2]
    assert tl.tasks["text"].iloc[0].startswith("升级") and tl.tasks["text"].iloc[0].endswith("平台。")


# -- 9. remit cypher reads only .cypher files -------------------------------------------------
def test_cypher_refuses_other_files_without_echoing_them(tmp_path: Path) -> None:
    secret = write(tmp_path, "passwd", "root:x:0:0:TOPSECRET:/root:/bin/bash\n")
    for target in (str(secret), "/etc/passwd"):
        code, out, err = cli("cypher", target)
        assert code == 2 and ".cypher suffix" in err
        assert "TOPSECRET" not in err + out and "root:" not in err + out
        assert len(err.strip().splitlines()) == 1
    from remit.cypher.runner import resolve

    with pytest.raises(QueryError, match="cypher suffix"):
        resolve(str(secret))


# -- found by the fuzzer ----------------------------------------------------------------------
def test_row_after_a_header_with_other_unit_columns(tmp_path: Path) -> None:
    # A row without a number right after a new header used to be merged into the task of the
    # table before, whose unit columns differ: ValueError from zip(strict=True).
    src = write(tmp_path, "two.md",
                "| 编号 | 工作任务 | 责任单位 |\n|---|---|---|\n| 1 | 甲。 | 市财政局 |\n\n"
                "| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|---|\n"
                "|  |  | 乙。 | 市税务局 | 市财政局 |  |\n")
    tl = remit.load(src)
    assert list(tl.tasks["title"]) == ["甲", "乙"]
    assert (tl.findings["code"] == "missing-number").sum() == 1


def test_control_characters_from_an_alias_file_do_not_break_the_exports(tmp_path: Path) -> None:
    # The loaders clean what they read from task lists; an alias file can still name a unit
    # with ESC in it. The writers drop what XML and openpyxl cannot hold.
    src = write(tmp_path, "t.md", HEAD + "|1|甲。|市财政局|市税务局|\n")
    aliases = write(tmp_path, "a.csv", "alias,canonical,kind,note\n市财政局,\x1bc市财政局\x01,agency,x\n")
    tl = remit.load(src, aliases=aliases)
    assert "\x1bc市财政局\x01" in set(tl.units["unit"])
    G = remit.build_graph(tl)
    for fmt in ("graphml", "gexf"):
        ET.parse(write_graph(G, tmp_path / f"g.{fmt}", fmt))
    assert "unit:c市财政局" in nx.read_graphml(tmp_path / "g.graphml")
    write_report(tl, tmp_path / "rep", progress=False)
    ws = openpyxl.load_workbook(tmp_path / "rep" / "units.xlsx")["单位"]
    assert "c市财政局" in [c.value for c in ws["A"]]


def test_carriage_return_in_a_cell_keeps_tasks_csv_rectangular(tmp_path: Path) -> None:
    # Found by the 10,000-example run: "市财政局\r=1" in a 完成时限 cell of a Markdown table
    # was written raw, and a lone CR ends a row for a CSV reader.
    src = write(tmp_path, "cr.md", "| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n"
                "|---|---|---|---|---|---|\n| 1 | 一、甲 | 乙。 | 市财政局 |  | 市财政局\r=1 |\n")
    out = tmp_path / "rep"
    write_report(remit.load(src), out, progress=False)
    with (out / "tasks.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 2 and len(rows[0]) == len(rows[1])
    assert "\r" not in (out / "tasks.csv").read_text(encoding="utf-8-sig")
