"""Builders for the resource bombs of issues 10 (#2) and 18; shared by the tests and benchmarks/bombs.py.

Each builder writes one hostile file into ``folder`` and returns its path.
The shapes are the ones the security pass reported.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

HEADER = ["序号", "改革任务", "牵头单位"]


def html_spans(folder: Path) -> Path:
    """~45 KB: cells with colspan=1000 rowspan=0, then 2,000 empty rows."""
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"
    bomb = "<tr>" + '<td colspan="1000" rowspan="0">x</td>' * 10 + "</tr>"
    path = folder / "spans.html"
    path.write_text(f"<table>{head}{bomb}{'<tr></tr>' * 2000}</table>", encoding="utf-8")
    return path


def _xlsx(sheet_extra: str = "", cells: str = "") -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append([1, "升级平台。", "市财政局"])
    buf = io.BytesIO()
    wb.save(buf)

    def edit(text: str) -> str:
        if cells:
            text = text.replace("</sheetData>", f"{cells}</sheetData>")
        if sheet_extra:
            text = text.replace("</sheetData>", f"</sheetData>{sheet_extra}")
        return text
    return _rewrite_part(buf.getvalue(), "xl/worksheets/sheet1.xml", edit)


def _rewrite_part(package: bytes, name: str, edit: Callable[[str], str]) -> bytes:
    """The ZIP ``package`` (an .xlsx or .docx) with its XML part ``name`` passed through ``edit``."""
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, edit(data.decode()).encode() if info.filename == name else data)
    return out.getvalue()


def xlsx_merge(folder: Path) -> Path:
    """~5 KB: one merged range G2:XFD1048576."""
    path = folder / "merge.xlsx"
    path.write_bytes(_xlsx('<mergeCells count="1"><mergeCell ref="G2:XFD1048576"/></mergeCells>'))
    return path


def xlsx_far_cell(folder: Path) -> Path:
    """A stray cell at XFD1048576: the bounding box is 17 billion cells."""
    path = folder / "far.xlsx"
    path.write_bytes(_xlsx(cells='<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                 '<is><t>x</t></is></c></row>'))
    return path


def _docx(table_xml_edit: Callable[[str], str]) -> bytes:
    from docx import Document

    doc = Document()
    table = doc.add_table(rows=2, cols=3)
    for i, h in enumerate(HEADER):
        table.cell(0, i).text = h
    for i, v in enumerate(["1", "升级平台。", "市财政局"]):
        table.cell(1, i).text = v
    buf = io.BytesIO()
    doc.save(buf)
    return _rewrite_part(buf.getvalue(), "word/document.xml", table_xml_edit)


def docx_gridspan(folder: Path) -> Path:
    """A cell with gridSpan w:val=200000000."""
    def edit(xml: str) -> str:
        return xml.replace("<w:tc><w:tcPr>", '<w:tc><w:tcPr><w:gridSpan w:val="200000000"/>', 1)
    path = folder / "gridspan.docx"
    path.write_bytes(_docx(edit))
    return path


def _zip_bomb(template: bytes, inflated_part: str, size: int) -> bytes:
    """``template`` with an extra part that inflates to ``size`` bytes of zeros."""
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(template))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        info = zipfile.ZipInfo(inflated_part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as part:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                part.write(block)
    return out.getvalue()


_BOMB_SIZE = 1200 * 1024 * 1024  # 1.2 GB inflated


def xlsx_zip_bomb(folder: Path, size: int = _BOMB_SIZE) -> Path:
    """~1.2 MB xlsx whose extra part inflates to 1.2 GB."""
    path = folder / "zipbomb.xlsx"
    path.write_bytes(_zip_bomb(_xlsx(), "xl/sharedStrings2.xml", size))
    return path


def docx_zip_bomb(folder: Path, size: int = _BOMB_SIZE) -> Path:
    """~1.2 MB docx with a part that inflates to 1.2 GB."""
    path = folder / "zipbomb.docx"
    path.write_bytes(_zip_bomb(_docx(lambda x: x), "word/media/blob.bin", size))
    return path


def dev_zero_link(folder: Path) -> Path:
    """A symlink named like a task list that points at /dev/zero."""
    path = folder / "zero.csv"
    path.symlink_to("/dev/zero")
    return path


def fifo(folder: Path) -> Path:
    """A named pipe nobody writes to: reading it would block for ever."""
    path = folder / "pipe.md"
    os.mkfifo(path)
    return path


def csv_tiny_cells(folder: Path) -> Path:
    """~6 MB of one-character cells: three million cells."""
    path = folder / "tiny.csv"
    row = ",".join("x" * 1 for _ in range(1000)) + "\n"
    path.write_text(",".join(HEADER) + "\n" + row * 3000, encoding="utf-8")
    return path


def csv_huge_number(folder: Path) -> Path:
    """Tasks numbered 1, 2 and 99999999: the gap check once built a set of every number below."""
    path = folder / "huge.csv"
    path.write_text(",".join(HEADER) + "\n1,升级平台。,市财政局\n2,优化流程。,市税务局\n"
                    "99999999,整合窗口。,市商务局\n", encoding="utf-8")
    return path




def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (numbered from 1; 1 is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< %s /Length %d >>\nstream\n" % (dictionary, len(data)) + data + b"\nendstream"


_PDF_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (1 Task) Tj ET\n"


def pdf_fan_out(folder: Path, depth: int = 22) -> Path:
    """~3 KB: a form XObject that draws the one below it twice, ``depth`` times: 2^22 draws."""
    # 1 catalog, 2 pages, 3 page, 4 page content, 5 font, 6 the drawn form, 7.. the levels.
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> /XObject << /X %d 0 R >> >> >>" % (6 + depth),
               _stream(b"", _PDF_TEXT + b"q /X Do Q"),
               _PDF_FONT,
               _stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                       b"/Resources << /Font << /F1 5 0 R >> >>", b"BT /F1 1 Tf (x) Tj ET")]
    for level in range(depth):
        objects.append(_stream(b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                               b"/Resources << /XObject << /X %d 0 R >> >>" % (6 + level),
                               b"/X Do /X Do"))
    path = folder / "fanout.pdf"
    path.write_bytes(_pdf(objects))
    return path


def pdf_flate_bomb(folder: Path, size: int = 3 << 30) -> Path:
    """~3 MB: a page whose Flate-compressed content stream inflates to ``size`` bytes of spaces."""
    import zlib

    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    packed = b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] "
               b"/Resources << /Font << /F1 6 0 R >> >> >>",
               _stream(b"", _PDF_TEXT),
               _stream(b"/Filter /FlateDecode", packed),
               _PDF_FONT]
    path = folder / "flate.pdf"
    path.write_bytes(_pdf(objects))
    return path


BOMBS: dict[str, Callable[[Path], Path]] = {
    "html colspan/rowspan=0": html_spans,
    "xlsx merge G2:XFD1048576": xlsx_merge,
    "xlsx cell at XFD1048576": xlsx_far_cell,
    "docx gridSpan 200000000": docx_gridspan,
    "xlsx zip bomb 1.2 GB": xlsx_zip_bomb,
    "docx zip bomb 1.2 GB": docx_zip_bomb,
    "/dev/zero via symlink": dev_zero_link,
    "FIFO": fifo,
    "csv 3M tiny cells": csv_tiny_cells,
    "csv task number 99999999": csv_huge_number,
    "pdf form fan-out 2^22": pdf_fan_out,
    "pdf Flate bomb 3 GB": pdf_flate_bomb,
}
