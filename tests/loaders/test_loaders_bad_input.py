"""Bad input: one clear error naming the file (and row), exit code 2, no traceback."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import remit
from remit.cli import main
from remit.errors import (
    InputError,
    MissingColumnError,
    NoTaskTableError,
    RemitError,
    UnreadableFileError,
)

HEADER = "| 序号 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def _cases(tmp: Path) -> list[tuple[str, Path, type[InputError], str | None, str]]:
    """(case, path, error class, row or None, words the message must contain)."""
    def text(name: str, body: str, encoding: str = "utf-8") -> Path:
        p = tmp / name
        p.write_bytes(body.encode(encoding))
        return p

    def raw(name: str, body: bytes) -> Path:
        p = tmp / name
        p.write_bytes(body)
        return p

    folder = tmp / "folder.md"
    folder.mkdir()
    return [
        ("empty", text("empty.md", "  \n\n"), UnreadableFileError, None, "empty"),
        ("no table", text("prose.md", "# 通知\n\n各区、各部门：请认真落实。\n"),
         NoTaskTableError, None, "no task table"),
        ("table but no task header", text("other.md", "| 姓名 | 电话 |\n|---|---|\n| 张三 | 123 |\n"),
         NoTaskTableError, None, "no task table"),
        ("missing lead column",
         text("nolead.md", "| 序号 | 改革措施 | 完成时限 |\n|---|---|---|\n| 1 | 推进甲 | 2020年1月 |\n"),
         MissingColumnError, "line 1", "牵头单位"),
        ("only a support column",
         text("support.md", "| 序号 | 改革措施 | 配合单位 |\n|---|---|---|\n| 1 | 甲 | 市财政局 |\n"),
         MissingColumnError, "line 1", "牵头单位"),
        ("ragged row", text("ragged.md", HEADER + "| 1 | 甲 | 市财政局 | | 2020年1月 |\n"
                                                  "| 2 | 乙 | 市税务局 |\n"),
         InputError, "line 4", "3 cells but the header has 5"),
        ("ragged csv row", text("ragged.csv", "序号,改革措施,牵头单位\n1,甲,市财政局\n2,乙\n"),
         InputError, "line 3", "2 cells but the header has 3"),
        # Hand-made: the quote opened on line 3 swallows lines 4 and 5 without a csv.Error.
        ("unclosed csv quote", text("quote.csv", "序号,改革措施,牵头单位\n1,甲,市财政局\n2,\"乙,市税务局\n"
                                                 "3,丙,市商务局\n4,丁,市公安局\n"),
         InputError, "line 3", "never closed"),
        ("undecodable", raw("bad.csv", "序号,改革措施".encode() + b"\xff\xfe\xfa\x80\x81"),
         UnreadableFileError, None, "cannot decode"),
        ("bad BOM", raw("bom.md", b"\xef\xbb\xbf" + b"\xff\xff\xfe"), UnreadableFileError, None,
         "byte-order mark"),
        ("binary", raw("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
         UnreadableFileError, None, "binary"),
        ("old office", raw("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
         UnreadableFileError, None, ".xlsx"),
        ("nonexistent", tmp / "missing.md", UnreadableFileError, None, "no such file"),
        ("folder", folder, UnreadableFileError, None, "folder"),
        ("corrupt xlsx", raw("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 20), UnreadableFileError,
         None, ".xlsx"),
        ("xlsx that is not a zip", text("fake.xlsx", "序号,改革措施,牵头单位\n"), UnreadableFileError,
         None, "ZIP"),
        ("zip with wrong content as xlsx", _zip(tmp / "wrong.xlsx", {"hello.txt": b"hi"}),
         UnreadableFileError, None, ".xlsx"),
        ("corrupt docx", raw("broken.docx", b"PK\x03\x04" + b"\x01junk" * 30), UnreadableFileError,
         None, ".docx"),
        ("zip with wrong content as docx",
         _zip(tmp / "wrong.docx", {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<no"}),
         UnreadableFileError, None, ".docx"),
        ("zip as csv", _zip(tmp / "zip.csv", {"a.txt": b"a"}), UnreadableFileError, None, "ZIP"),
        ("header without rows", text("header.md", HEADER), InputError, None, "no task rows"),
    ]


# The ids of _cases, spelled out so that pytest can name the tests before tmp_path exists.
CASE_NAMES = [
    "empty", "no table", "table but no task header", "missing lead column", "only a support column",
    "ragged row", "ragged csv row", "unclosed csv quote", "undecodable", "bad BOM", "binary", "old office",
    "nonexistent",
    "folder", "corrupt xlsx", "xlsx that is not a zip", "zip with wrong content as xlsx", "corrupt docx",
    "zip with wrong content as docx", "zip as csv", "header without rows",
]


Cases = dict[str, tuple[Path, type[InputError], str | None, str]]


@pytest.fixture
def cases(tmp_path: Path) -> Cases:
    return {name: (path, cls, row, words) for name, path, cls, row, words in _cases(tmp_path)}


@pytest.mark.parametrize("case", CASE_NAMES)
def test_load_raises_a_clear_input_error(cases: Cases, case: str) -> None:
    path, cls, row, words = cases[case]
    with pytest.raises(cls) as info:
        remit.load(path)
    error = info.value
    assert isinstance(error, InputError)
    assert error.path == str(path)
    assert error.row == row
    message = str(error)
    assert message.startswith(f"{path}")
    assert words in message
    assert "\n" not in message


@pytest.mark.parametrize("case", CASE_NAMES)
def test_cli_prints_one_line_and_exits_2(cases: Cases, case: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, _, row, words = cases[case]
    code = main(["check", str(path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"remit: {path}")
    if row:
        assert f"{path}, {row}:" in lines[0]
    assert words in lines[0]
    assert "Traceback" not in err


def test_every_input_error_is_a_remit_error() -> None:
    for cls in (UnreadableFileError, NoTaskTableError, MissingColumnError):
        assert issubclass(cls, InputError)
        assert issubclass(cls, RemitError)
        assert cls.exit_code == 2


def test_bad_alias_file_is_reported(write: Callable[[str, str], Path]) -> None:
    lst = write("a.md", HEADER + "| 1 | 甲 | 市财政局 | | 2020年1月 |\n")
    aliases = write("al.csv", "alias,canonical,kind\n市财政局,,department\n")
    with pytest.raises(InputError, match=r"al\.csv, line 2: kind must be agency or collective"):
        remit.load(lst, aliases=aliases)


def test_error_in_second_file_names_that_file(write: Callable[[str, str], Path]) -> None:
    good = write("good.md", HEADER + "| 1 | 甲 | 市财政局 | | 2020年1月 |\n")
    bad = write("bad.md", "nothing here\n")
    with pytest.raises(NoTaskTableError) as info:
        remit.load([good, bad])
    assert info.value.path == str(bad)


def test_case_names_match_the_cases(tmp_path: Path) -> None:
    assert [c[0] for c in _cases(tmp_path)] == CASE_NAMES
