"""Regression tests for issue 18 (hostile input, second pass): #2, #3, #9–#12.

The bombs themselves (#2's huge number, #3's PDFs) run under 1 GiB in
test_hostile_bombs.py; here are the smaller shapes.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

import remit
from remit.cli import main
from remit.errors import NoTaskTableError, UnreadableFileError
from remit.terminal import FORMAT
from tests.hostile import bombs

HEAD = "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


# -- 2. number gaps ---------------------------------------------------------------------------
def test_many_gaps_are_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    # Tasks 1, 3, 5, …, 99: 49 one-number gaps (2, 4, …, 98). Twenty are named, then one
    # finding counts them all, so a list of scattered numbers cannot flood the report.
    rows = "".join(f"| {n} | 任务{n}。 | 市财政局 |\n" for n in range(1, 100, 2))
    path = tmp_path / "odd.md"
    path.write_text(HEAD + rows, encoding="utf-8")
    gaps = remit.load(path).findings.query("code == 'number-gap'")["message"].tolist()
    assert len(gaps) == 21
    assert gaps[:2] == ["list odd has no task 2", "list odd has no task 4"]
    assert gaps[19] == "list odd has no task 40"
    assert gaps[20] == ("list odd has 49 gaps in its numbers (49 numbers missing in all); "
                        "only the first 20 are listed")


# -- 11. format characters make twin units -----------------------------------------------------
TWINS = ["市税务局", "市税\u202e务局", "市税务局\u200b", "\ufeff市税务局"]


def test_format_characters_do_not_split_a_unit(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | 任务{n}。 | {name} |\n" for n, name in enumerate(TWINS, start=1))
    path = tmp_path / "twins.md"
    path.write_text(HEAD + rows, encoding="utf-8")
    tl = remit.load(path)
    assert tl.units["unit"].tolist() == ["市税务局"]
    assert tl.assignments["unit"].tolist() == ["市税务局"] * 4
    # Each of the three dirty spellings has one step in the audit trail, none the clean one.
    steps = tl.audit.query("rule == 'format-characters'")
    assert sorted(steps["before"]) == sorted(TWINS[1:]) and set(steps["after"]) == {"市税务局"}


def test_format_characters_in_prose_names(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text("<html><body><h1>通知</h1><p>一、总则</p><p>（一）做甲。（市税\u202e务局负责）</p>"
                    "<p>（二）做乙。（市税务局负责）</p></body></html>", encoding="utf-8")
    assert remit.load(path).units["unit"].tolist() == ["市税务局"]


def test_explain_shows_the_format_character_as_an_escape(tmp_path: Path) -> None:
    # The audit trail keeps the spelling as read; printed raw, U+202E would reverse the line.
    path = tmp_path / "twins.md"
    path.write_text(HEAD + "| 1 | 甲。 | 市税\u202e务局 |\n", encoding="utf-8")
    code, out, _ = cli("check", str(path), "--explain", "市税务局")
    assert code == 0 and "\u202e" not in out
    assert "format-characters" in out and "市税\\u202e务局" in out


def test_format_character_set_is_unicode_category_cf() -> None:
    # An independent computation: every character the set matches is Cf, and every Cf
    # character of the Basic Multilingual Plane is in it.
    matched = {c for c in range(0x110000) if FORMAT.fullmatch(chr(c))}
    assert all(unicodedata.category(chr(c)) == "Cf" for c in matched)
    assert {c for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf"} <= matched


# -- 12. illegal XML characters and damaged .xls ----------------------------------------------
def test_form_feed_in_an_html_list_reaches_the_workbook_clean(tmp_path: Path) -> None:
    # A form feed in a prose heading became the domain 总\x0c则; openpyxl refused it
    # (IllegalCharacterError) while writing units.xlsx. XML 1.0 forbids \x0b and \x0c.
    path = tmp_path / "ff.html"
    path.write_text("<html><body><h1>通知</h1><ul><li>一、总\x0c则</li><li>（一）做\x0b甲。"
                    "（财政部、商务部负责）</li><li>（二）做乙。（商务部负责）</li></ul></body></html>",
                    encoding="utf-8")
    code, _, err = cli("report", "-o", str(tmp_path / "rep"), str(path))
    assert code == 0, err
    for name in ("units.xlsx", "tasks.xlsx"):
        if (tmp_path / "rep" / name).exists():
            cells = [c.value for ws in openpyxl.load_workbook(tmp_path / "rep" / name)
                     for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
            assert not any("\x0b" in c or "\x0c" in c for c in cells)
            assert name != "units.xlsx" or any("总则" in c for c in cells)
    code, _, err = cli("export", "-o", str(tmp_path / "g.graphml"), str(path))
    assert code == 0, err
    ET.parse(tmp_path / "g.graphml")  # well-formed XML


SAMPLE_XLS = Path(__file__).resolve().parents[1] / "fixtures" / "office" / "sample.xls"


@pytest.mark.parametrize(("offset", "kind"), [(2842, "IndexError"), (5312, "struct.error")])
def test_damaged_xls_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                 offset: int, kind: str) -> None:
    # One byte zeroed in the worksheet stream of a good workbook: xlrd opens the file
    # (on demand) and fails only when the sheet is parsed, with a bare IndexError or
    # struct.error (offsets found by zeroing each byte in turn).
    data = bytearray(SAMPLE_XLS.read_bytes())
    data[offset] = 0
    path = tmp_path / "damaged.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableFileError) as caught:
        remit.load(path)
    assert str(caught.value).startswith(f"{path}: not a readable .xls workbook")
    assert kind in str(caught.value)
    assert capsys.readouterr().out == ""  # xlrd's warnings no longer go to stdout


# -- 3. PDF pages that cost too much (the bombs themselves: test_hostile_bombs.py) -------------
def _one_page_pdf(tmp_path: Path, content: bytes, extra: list[bytes] | None = None) -> Path:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 6 0 R >> >> >>",
               bombs._stream(b"", content), bombs._PDF_FONT, *(extra or [])]
    path = tmp_path / "page.pdf"
    path.write_bytes(bombs._pdf(objects))
    return path


def test_a_page_of_too_many_characters_is_one_line(tmp_path: Path) -> None:
    # 210,000 characters on one page (the limit is 200,000 a page; 20 million a file), in
    # strings of 30,000 (pdfium reads at most 32,767 characters of one string).
    path = _one_page_pdf(tmp_path, b"BT /F1 1 Tf 10 10 Td "
                         + (b"(" + b"x" * 30_000 + b") Tj ") * 7 + b"ET")
    with pytest.raises(UnreadableFileError, match=r"page\.pdf, page 1: the page holds 210,000 "
                                                  r"characters, more than 200,000"):
        remit.load(path)


def test_a_form_drawn_many_times_under_the_limit_is_read(tmp_path: Path) -> None:
    # A form of one path, drawn 1,000 times by the page: 2,000 objects (1,000 draws, 1,000 paths),
    # far under the limit. The page's text is read to the point where remit wants a table.
    form = bombs._stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10]", b"0 0 5 5 re f")
    path = _one_page_pdf(tmp_path, b"BT /F1 12 Tf 72 720 Td (1 Task one two three) Tj ET\n"
                         + b"q /X Do Q\n" * 1000, [form])
    with pytest.raises(NoTaskTableError):
        remit.load(path)


def test_a_fan_out_over_the_limit_is_refused_by_its_count() -> None:
    # 2^17 draws of a form that paints once: 2^18 - 2 + 2^17 objects > 200,000; 2^16 is not.
    from remit.loaders.pdfguard import check_pdf_structure

    def fan_out(depth: int) -> bytes:
        return bombs.pdf_fan_out(Path(tempfile.mkdtemp()), depth=depth).read_bytes()

    check_pdf_structure("ok.pdf", fan_out(15))  # 2^15 draws: about 100,000 objects
    with pytest.raises(UnreadableFileError, match=r"bomb\.pdf, page 1: the page draws more than"):
        check_pdf_structure("bomb.pdf", fan_out(17))
