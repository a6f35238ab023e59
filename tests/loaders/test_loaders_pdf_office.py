"""PDF, .xls and .doc inputs read the same as the formats they were made from.

The fixtures were made by tests/fixtures/make_fixtures.py: the bundled example
printed by headless Chromium from HTML (on Letter and on A5 paper), the realworld page 国发〔2018〕42号
printed by Chromium and saved as .docx/.doc, and the ten-row loader sample
printed/saved by LibreOffice. Each is compared with the reading of its
source through another path (Markdown, HTML, the xlsx/HTML sample), never
with remit's own output of the same file.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest

import remit
from remit.errors import NoTaskTableError, RemitError, UnreadableFileError
from remit.model import TaskList

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PDF = FIXTURES / "pdf"
OFFICE = FIXTURES / "office"


def _assignments(tl: TaskList) -> set[tuple[str, str, str]]:
    a = tl.assignments
    return set(zip(a["task_id"].str.split("#").str[1], a["unit"], a["role"], strict=True))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def example_md() -> TaskList:
    md = remit.load(remit.example_path())
    # The example's hand-verified totals: 210 tasks, 268 lead and 312 support assignments.
    assert len(md.tasks) == 210
    assert md.assignments["role"].value_counts().to_dict() == {"lead": 268, "support": 312}
    return md


def _reads_like_the_markdown(pdf: TaskList, md: TaskList) -> None:
    """Same tasks, assignments (task, unit, role), domains, chapters and deadlines as the Markdown."""
    assert len(pdf.tasks) == len(md.tasks)
    assert _assignments(pdf) == _assignments(md)
    assert pdf.domains() == md.domains()
    assert [c[1:] for c in pdf.chapters] == [c[1:] for c in md.chapters]  # (ordinal, name, tasks)
    merged = pdf.tasks.merge(md.tasks, on="number", suffixes=("_pdf", "_md"))
    assert len(merged) == len(md.tasks)
    assert (merged["domain_pdf"] == merged["domain_md"]).all()
    assert (merged["deadline_pdf"] == merged["deadline_md"]).all()


# Letter (Chromium's default) and A5: other widths wrap other names and headings, and
# other rows are cut by page breaks (on A5, "市司" | "法局", "六、优化" | "纳税服务").
@pytest.mark.parametrize("name", ["example-chromium.pdf", "example-chromium-a5.pdf"])
def test_example_printed_by_chromium_reads_like_the_markdown(example_md: TaskList, name: str) -> None:
    pdf = remit.load(PDF / name)
    _reads_like_the_markdown(pdf, example_md)
    merged = pdf.tasks.merge(example_md.tasks, on="number", suffixes=("_pdf", "_md"))
    assert (merged["title_pdf"].map(_squeeze) == merged["title_md"].map(_squeeze)).all()
    # Text equal up to white space: a space before a line wrap is not in the text layer.
    assert (merged["text_pdf"].map(_squeeze) == merged["text_md"].map(_squeeze)).all()
    # The rows cut by page breaks were joined, each noted; no number is missing.
    codes = set(pdf.findings["code"])
    assert "continued-row" in codes and "number-gap" not in codes
    # Names cut by a page break are whole again (rows 133 and 204 of the example).
    assert "市政务服务数据管理局" in set(pdf.assignments.loc[
        pdf.assignments["task_id"].str.endswith("#133"), "unit"])


@pytest.mark.slow  # prints the example twice with Chromium, about 15 s
@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
@pytest.mark.parametrize("paper", ["A4", "A4 landscape"])
def test_example_printed_on_a4_reads_like_the_markdown(example_md: TaskList, tmp_path: Path,
                                                       paper: str) -> None:
    # On A4 the page breaks cut headings alone ("十四、营造包容普惠" | "创新环境"); on A4
    # landscape, "四、优化不动" | "产登记办理".
    import sys

    sys.path.insert(0, str(FIXTURES))
    from make_fixtures import example_html, print_html

    pdf = tmp_path / "example.pdf"
    print_html(example_html(paper=paper), pdf)
    _reads_like_the_markdown(remit.load(pdf), example_md)


def test_example_as_word_table_printed_by_libreoffice_reads_like_the_markdown(
        example_md: TaskList) -> None:
    # A ruled Word table with a repeated header row; LibreOffice cuts 57 rows at page breaks.
    pdf = remit.load(PDF / "example-soffice.pdf")
    _reads_like_the_markdown(pdf, example_md)
    assert list(pdf.tasks["deadline"]) == list(example_md.tasks["deadline"])
    # Task text is not compared: LibreOffice's PDF puts some “quote” glyphs out of
    # reading order in the text layer, which pdfium returns as stored.


def test_prose_pdf_and_word_read_like_the_html() -> None:
    html = remit.load(FIXTURES / "realworld" / "guofa-2018-42-nongji.html")
    for path in (PDF / "nongji-chromium.pdf", OFFICE / "nongji.docx"):
        other = remit.load(path)
        assert len(other.tasks) == 18, path
        assert _assignments(other) == _assignments(html), path
        assert [c[2] for c in other.chapters] == [c[2] for c in html.chapters], path
        assert other.lead_rule == "stated"


@pytest.mark.slow  # two LibreOffice conversions, about 8 s
@pytest.mark.skipif(shutil.which("soffice") is None,
                    reason="LibreOffice (soffice) is not installed; .doc needs it")
def test_doc_reads_like_its_source_through_libreoffice() -> None:
    html = remit.load(FIXTURES / "realworld" / "guofa-2018-42-nongji.html")
    assert _assignments(remit.load(OFFICE / "nongji.doc")) == _assignments(html)
    sample = remit.load(OFFICE / "sample.doc")
    assert len(sample.tasks) == 10


def test_ruled_word_table_printed_by_libreoffice_and_xls(sample_files: dict[str, Path]) -> None:
    source = remit.load(sample_files["sample.xlsx"])
    # The Word table merges its domain cells down (vMerge); in the PDF they are ruled cells
    # without the borders between them, read back as one merged cell.
    for path in (PDF / "sample-soffice.pdf", OFFICE / "sample.xls"):
        other = remit.load(path)
        assert _assignments(other) == _assignments(source), path
        assert list(other.tasks["deadline"]) == list(source.tasks["deadline"]), path
        assert list(other.tasks["domain"]) == list(source.tasks["domain"]), path


def test_a_doc_renamed_docx_is_still_a_doc(tmp_path: Path, monkeypatch) -> None:
    renamed = tmp_path / "list.docx"
    renamed.write_bytes((OFFICE / "sample.doc").read_bytes())
    # Without LibreOffice the one-line error names what to install: proof that
    # the file was recognised as .doc by its content, not as a broken .docx.
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnreadableFileError, match=r"needs LibreOffice.*apt-get install"):
        remit.load(renamed)


def test_scan_without_text_layer(tmp_path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(buffer.getvalue())
    with pytest.raises(UnreadableFileError, match=r"has no text layer \(a scan\); run OCR on it"):
        remit.load(scan)


def test_encrypted_pdf_and_password_protected_workbook(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="encrypted"):
        remit.load(PDF / "encrypted.pdf")
    # An xlsx saved with a password is an OLE2 compound file whose directory
    # names an EncryptedPackage stream (MS-OFFCRYPTO 2.3.4.1); this builds
    # that layout's header and directory names.
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    names = b"".join(n.encode("utf-16-le").ljust(128, b"\x00")
                     for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(header + names)
    with pytest.raises(UnreadableFileError, match="password-protected"):
        remit.load(locked)


def test_prose_without_assignment_is_one_line(tmp_path: Path) -> None:
    prose = tmp_path / "notice.txt"
    prose.write_text("一、总体要求\n（一）指导思想。坚持稳中求进。\n（二）基本原则。坚持问题导向。\n",
                     encoding="utf-8")
    with pytest.raises(NoTaskTableError, match=r"no responsibilities found: expected "
                                               r"牵头单位/责任单位 or '…负责' after the measures"):
        remit.load(prose)


def test_cli_bad_pdf_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    from remit.cli import main

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    assert main(["stats", str(broken)]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "broken.pdf" in err


@pytest.mark.parametrize("junk", [b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF",
                                  b"%PDF-" + b"\x00" * 100, b"%PDF-1.5 garbage garbage"])
def test_damaged_pdfs_raise_remit_errors(tmp_path: Path, junk: bytes) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(junk)
    with pytest.raises(RemitError):
        remit.load(path)


@pytest.mark.slow  # prints six pages with Chromium, about 15 s
@pytest.mark.skipif(shutil.which("chromium") is None, reason="headless Chromium is not installed")
def test_all_realworld_pages_printed_by_chromium_read_like_the_html(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(FIXTURES))
    from make_fixtures import print_html, strip_fetches

    for page in sorted((FIXTURES / "realworld").glob("*.html")):
        pdf = tmp_path / f"{page.stem}.pdf"
        print_html(strip_fetches(page.read_text(encoding="utf-8")), pdf)
        html, printed = remit.load(page), remit.load(pdf)
        # 国办发〔2018〕121号 breaks a bracket over a page ("（体育总局、公安部、应急" | "部负责）").
        assert _assignments(printed) == _assignments(html), page.name
        assert printed.chapters == [(pdf.stem, *c[1:]) for c in html.chapters], page.name


def test_grid_drawn_as_one_path_gives_ruling_lines() -> None:
    # Some producers stroke a whole table grid as one path of move/line pairs.
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    from remit.loaders.pdf import _ruling_lines

    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    path = raw.FPDFPageObj_CreateNewPath(100, 700)
    for y in (700, 650, 600):
        raw.FPDFPath_MoveTo(path, 100, y)
        raw.FPDFPath_LineTo(path, 400, y)
    for x in (100, 200, 300, 400):
        raw.FPDFPath_MoveTo(path, x, 700)
        raw.FPDFPath_LineTo(path, x, 600)
    raw.FPDFPath_SetDrawMode(path, 0, True)
    raw.FPDFPage_InsertObject(page.raw, path)
    raw.FPDFPage_GenerateContent(page.raw)
    horizontal, vertical = _ruling_lines(page)
    assert sorted({round(y) for y, _, _ in horizontal}) == [600, 650, 700]
    assert sorted({round(x) for x, _, _ in vertical}) == [100, 200, 300, 400]
    assert all((a, b) == (100, 400) for _, a, b in horizontal)
