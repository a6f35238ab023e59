"""Hypothesis strategies for hostile and broken inputs to every reader (issue 10).

Each strategy draws ``(file name, bytes)``. The shapes:

- random bytes behind real format prefixes (ZIP, OLE2, BOMs, ``%PDF``);
- valid files of each format (the hand-checked sample rows of
  ``tests/loaders/loader_samples.py``), truncated or with bits flipped;
- random tables with Chinese names, in every text format, with control
  characters, markup and XSS payloads in the cells;
- amplification shapes: huge ``rowspan``/``colspan``, ``gridSpan``, merged
  ranges, many and oversized ZIP parts.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import strategies as st

from tests.loaders.loader_samples import WRITERS, markdown_table

UNITS = ["市财政局", "市税务局", "市住房建设局", "市市场监管局", "各区政府（新区管委会）", "无", "深圳海关",
         "市政务服务数据<br>管理局", "市=1+2局", "@SUM(A1)局", "-2+3局", "市\x1bc局",
         "市<script>x</script>局"]
HEADERS = [["序号", "所属领域", "改革措施", "牵头单位", "责任单位", "完成时限"],
           ["序号", "改革任务", "牵头单位", "配合单位"], ["编号", "工作任务", "责任单位"],
           ["序号", "重点任务", "牵头部门", "参与单位", "完成时间"]]
HOSTILE = ["=HYPERLINK(\"http://x\",\"点\")", "+1", "-1", "@cmd", "\t=1", "\r=1", "\x00", "\x01", "\x08",
           "\x1b[2J", "\x1bc", "\x0c", "\x1e", "\x85", "\u2028", "\ufeff", "<img src=x onerror=1>",
           "</script>", "&lt;script&gt;", "\"", "'", "|", "\\|", "、", "，", "2020年6月底", "一、深化改革",
           "按职责分工负责", "<b>标题。</b>", "\n"]
PREFIXES = {"zip": b"PK\x03\x04", "ole2": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "bom8": b"\xef\xbb\xbf",
            "bom16le": b"\xff\xfe", "bom16be": b"\xfe\xff", "pdf": b"%PDF-1.7\n", "html": b"<table>",
            "md": "| 序号 | 改革任务 | 牵头单位 |\n".encode()}
SUFFIXES = [".md", ".csv", ".tsv", ".html", ".xlsx", ".docx", ".txt", ".pdf", ".xls", ".doc", ""]

text_cell = st.lists(st.sampled_from(UNITS + HOSTILE) | st.text(max_size=3), max_size=4).map("".join)


@functools.cache
def valid_samples() -> dict[str, bytes]:
    """The sample list in every format remit reads, built once."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in WRITERS.items():
            out[name] = write(Path(tmp) / name).read_bytes()
    return out


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    """A header (usually a task header) and a few rows of Chinese names and hostile text."""
    header = list(draw(st.sampled_from(HEADERS)))
    if draw(st.integers(0, 7)) == 0:
        header = draw(st.lists(text_cell, min_size=1, max_size=6))
    width = len(header)
    ragged = draw(st.integers(0, 9)) == 0
    number = st.one_of(st.integers(-3, 300).map(str), st.sampled_from(["", "一", "1.2", "=1+1"]))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        size = width + (draw(st.integers(-1, 1)) if ragged else 0)
        row = [draw(number)] + [draw(text_cell) for _ in range(max(size - 1, 0))]
        rows.append(row[:max(size, 0)])
    return [header, *rows]


def _csv(table: list[list[str]], delimiter: str) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delimiter).writerows(table)
    return buf.getvalue()


@st.composite
def markdown_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """Random Markdown pipe tables, sometimes several, with a heading."""
    parts = [f"# {draw(text_cell)}\n\n{markdown_table(draw(tables()))}"
             for _ in range(draw(st.integers(1, 2)))]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    return "t.md", "\n".join(parts).encode(encoding, errors="replace")


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """Random CSV/TSV tables, sometimes with one cell over the csv module's 131,072 limit."""
    table = draw(tables())
    if table[1:] and table[1][1:] and draw(st.integers(0, 9)) == 0:
        table[1][1] = "长" * 140_000
    delimiter = draw(st.sampled_from([",", "\t", ";"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    name = "t.tsv" if delimiter == "\t" and draw(st.booleans()) else "t.csv"
    return name, _csv(table, delimiter).encode(encoding, errors="replace")


span = st.one_of(st.integers(0, 4).map(str),
                 st.sampled_from(["0", "1000", "65534", "99999999", "-1", "x", ""]))


@st.composite
def html_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """Random HTML tables with random row and column spans, nested tables and stray tags."""
    table = draw(tables())
    rows = []
    for r, row in enumerate(table):
        tag = "th" if r == 0 else "td"
        cells = []
        for value in row:
            attrs = ""
            if draw(st.integers(0, 5)) == 0:
                attrs = f' rowspan="{draw(span)}" colspan="{draw(span)}"'
            body = html.escape(value) if draw(st.booleans()) else value
            cells.append(f"<{tag}{attrs}>{body}</{tag}>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    if draw(st.integers(0, 5)) == 0:
        rows.append("<tr></tr>" * draw(st.integers(0, 3000)))
    if draw(st.integers(0, 5)) == 0:
        rows.insert(0, "<tr><td><table><tr><td>内</td></tr></table></td></tr>")
    junk = draw(st.sampled_from(["", "<script>alert(1)</script>", "<table>", "</td></tr>", "<!--", "<b>"]))
    doc = (f"<html><body><p>{html.escape(draw(text_cell))}</p>{junk}<table>{''.join(rows)}</table>"
           "</body></html>")
    return "t.html", doc.encode(draw(st.sampled_from(["utf-8", "gb18030"])), errors="replace")


def _xml_text(value: str) -> str:
    # Only characters XML 1.0 allows; the reader's own cleaning is tested with the other formats.
    keep = "".join(ch for ch in value
                   if ch in "\t\n\r" or 0x20 <= ord(ch) < 0xD800 or 0xE000 <= ord(ch) < 0xFFFE)
    return html.escape(keep, quote=True)


def _column(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _rezip(base: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


merge_ref = st.tuples(st.integers(1, 40), st.integers(1, 30),
                      st.sampled_from([1, 2, 5, 1000, 100_000, 1_048_576]),
                      st.sampled_from([1, 2, 6, 64, 16_384]))


@st.composite
def xlsx_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """The sample workbook with its sheet replaced by a random table and random merged ranges."""
    table = draw(tables())
    rows = []
    for r, row in enumerate(table, start=1):
        cells = "".join(f'<c r="{_column(c)}{r}" t="inlineStr"><is><t>{_xml_text(v)}</t></is></c>'
                        for c, v in enumerate(row, start=1))
        rows.append(f'<row r="{r}">{cells}</row>')
    merges = draw(st.lists(merge_ref, max_size=3))
    refs = "".join(f'<mergeCell ref="{_column(c)}{r}:{_column(min(c + w - 1, 16384))}'
                   f'{min(r + h - 1, 1048576)}"/>' for r, c, h, w in merges)
    merge_xml = f'<mergeCells count="{len(merges)}">{refs}</mergeCells>' if merges else ""
    sheet = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             f'spreadsheetml/2006/main"><sheetData>{"".join(rows)}</sheetData>{merge_xml}</worksheet>')
    base = valid_samples()["sample.xlsx"]
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        sheet_name = next(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    return "t.xlsx", _rezip(base, {sheet_name: sheet.encode()})


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@st.composite
def docx_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """The sample document with its body replaced by a random table with gridSpan and vMerge."""
    table = draw(tables())
    trs = []
    for row in table:
        tcs = []
        for value in row:
            props = ""
            if draw(st.integers(0, 5)) == 0:
                props = f'<w:gridSpan w:val="{draw(st.sampled_from(["0", "2", "64", "200000000", "x"]))}"/>'
            if draw(st.integers(0, 5)) == 0:
                props += draw(st.sampled_from(['<w:vMerge w:val="restart"/>', "<w:vMerge/>"]))
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{_xml_text(value)}</w:t></w:r></w:p></w:tc>")
        before = f'<w:trPr><w:gridBefore w:val="{draw(st.sampled_from(["1", "9999999"]))}"/></w:trPr>' \
            if draw(st.integers(0, 9)) == 0 else ""
        trs.append(f"<w:tr>{before}{''.join(tcs)}</w:tr>")
    doc = (f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body><w:tbl>{"".join(trs)}</w:tbl>'
           "</w:body></w:document>")
    return "t.docx", _rezip(valid_samples()["sample.docx"], {"word/document.xml": doc.encode()})


@st.composite
def zip_shapes(draw: st.DrawFn) -> tuple[str, bytes]:
    """Valid Office packages with extra parts: many small ones, or one declared huge."""
    name = draw(st.sampled_from(["sample.xlsx", "sample.docx"]))
    base = valid_samples()[name]
    if draw(st.booleans()):
        extra = {f"custom/p{i}.xml": b"<x/>" for i in range(draw(st.integers(1, 300)))}
    else:
        extra = {"custom/zeros.bin": b"\0" * draw(st.sampled_from([1 << 20, 70 << 20]))}
    return "t" + name[-5:], _rezip(base, {}, extra)


@st.composite
def prefixed_bytes(draw: st.DrawFn) -> tuple[str, bytes]:
    """Random bytes behind a real format prefix, under a random suffix."""
    prefix = PREFIXES[draw(st.sampled_from(sorted(PREFIXES)))]
    return "t" + draw(st.sampled_from(SUFFIXES)), prefix + draw(st.binary(max_size=400))


@st.composite
def damaged_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid sample file, truncated or with bits flipped."""
    name = draw(st.sampled_from(sorted(valid_samples())))
    data = bytearray(valid_samples()[name])
    if draw(st.booleans()):
        data = data[:draw(st.integers(1, len(data) - 1))]
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] ^= 1 << draw(st.integers(0, 7))
    suffix = name[name.rindex("."):] if draw(st.integers(0, 4)) else draw(st.sampled_from(SUFFIXES))
    return "t" + suffix, bytes(data)


#: Strategy per reader (or per family of shapes), in the order the suite runs them.
STRATEGIES = {
    "markdown": markdown_files(),
    "csv": csv_files(),
    "html": html_files(),
    "xlsx": xlsx_files(),
    "docx": docx_files(),
    "zip-parts": zip_shapes(),
    "prefixed-bytes": prefixed_bytes(),
    "damaged": damaged_files(),
}
