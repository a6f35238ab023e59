"""Read the tables of a Word document (.docx) with python-docx.

The reader walks the table XML itself so that merges are seen as Word
stores them: a horizontal merge (``gridSpan``) is repeated into every grid
column it covers, a vertical merge (``vMerge`` restart/continue) repeats the
value of its first cell into the cells below, flagged ``spanned``. The
paragraphs of a cell are joined with ``"\\n"`` and bold runs are reported as
bold. A table nested in a cell is read as a table of its own.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from remit.errors import InputError, UnreadableFileError
from remit.loaders.limits import CellBudget
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.textlines import TextLine, plain_lines

__all__ = ["read_docx", "read_docx_lines"]

_OFF = {"0", "false", "off", "none"}
_T, _BR, _CR, _TAB, _R = qn("w:t"), qn("w:br"), qn("w:cr"), qn("w:tab"), qn("w:r")
_P, _TC, _TR, _TBL = qn("w:p"), qn("w:tc"), qn("w:tr"), qn("w:tbl")
_VAL = qn("w:val")


def _int_attr(element: Any, path: str, default: int) -> int:
    found = element.find(path) if element is not None else None
    if found is None:
        return default
    try:
        return max(int(found.get(_VAL, default)), 0)
    except ValueError:
        return default


def _is_bold(run: Any) -> bool:
    flag = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
    return flag is not None and (flag.get(_VAL) or "true").lower() not in _OFF


def _cell_text(tc: Any) -> tuple[str, str]:
    """Text and bold text of one cell; paragraphs joined with line breaks."""
    lines, bold_lines = [], []
    for paragraph in tc.iterchildren(_P):
        text: list[str] = []
        bold: list[str] = []
        for run in paragraph.iter(_R):
            strong = _is_bold(run)
            for child in run.iterchildren():
                if child.tag == _T:
                    piece = child.text or ""
                elif child.tag in (_BR, _CR):
                    piece = "\n"
                elif child.tag == _TAB:
                    piece = " "
                else:
                    continue
                text.append(piece)
                if strong:
                    bold.append(piece)
        lines.append("".join(text).strip())
        bold_lines.append("".join(bold).strip())
    return "\n".join(lines).strip(), "\n".join(b for b in bold_lines if b).strip()


def _read_table(tbl: Any, index: int, source: str, caption: str) -> RawTable:
    grid_cols = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    above: dict[int, tuple[str, str]] = {}  # column → value of the cell that started a merge
    grid: list[tuple[str, list[str], list[str], list[bool]]] = []
    budget = CellBudget(source)
    for number, tr in enumerate(tbl.iterchildren(_TR), start=1):
        trpr = tr.find(qn("w:trPr"))
        before = _int_attr(trpr, qn("w:gridBefore"), 0)
        budget.take(before, f"table {index}, row {number}")
        texts, bolds, spanned = [""] * before, [""] * before, [False] * before
        for tc in tr.iterchildren(_TC):
            tcpr = tc.find(qn("w:tcPr"))
            span = max(_int_attr(tcpr, qn("w:gridSpan"), 1), 1)
            budget.take(span, f"table {index}, row {number}")
            vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
            hmerge = tcpr.find(qn("w:hMerge")) if tcpr is not None else None
            col = len(texts)
            text, bold = _cell_text(tc)
            is_copy = False
            if vmerge is not None and (vmerge.get(_VAL) or "continue") == "continue":
                text, bold = above.get(col, (text, bold))
                is_copy = True
            elif hmerge is not None and (hmerge.get(_VAL) or "continue") == "continue" and texts:
                text, bold = texts[-1], bolds[-1]
            if vmerge is not None and not is_copy:
                above[col] = (text, bold)
            elif vmerge is None:
                above.pop(col, None)
            for _ in range(span):
                texts.append(text)
                bolds.append(bold)
                spanned.append(is_copy)
        grid.append((f"table {index}, row {number}", texts, bolds, spanned))
    width = max([grid_cols, *(len(t) for _, t, _, _ in grid)])
    budget.check_grid(len(grid), width, f"table {index}")  # before padding every row to width
    rows = []
    for locator, texts, bolds, spanned in grid:
        pad = width - len(texts)
        rows.append(RawRow(locator, tuple(texts + [""] * pad), tuple(bolds + [""] * pad),
                           tuple(spanned + [False] * pad)))
    return RawTable(source=source, rows=rows, caption=caption)


def _caption(tbl: Any) -> str:
    sibling = tbl.getprevious()
    for _ in range(3):
        if sibling is None:
            break
        if sibling.tag == _P:
            text = "".join(t.text or "" for t in sibling.iter(_T)).strip()
            if text:
                return text
        sibling = sibling.getprevious()
    return ""


def read_docx(path: str, data: bytes) -> list[RawTable]:
    """Read every table of the Word document ``path`` whose bytes are ``data``.

    Parameters
    ----------
    path : str
        The file name to report in locators and errors.
    data : bytes
        The content of the .docx file.

    Returns
    -------
    list of RawTable
        One per table in document order (nested tables included); rows are
        located as ``"table N, row M"``.

    Raises
    ------
    UnreadableFileError
        When the bytes are not a valid Word document.

    Examples
    --------
    >>> from docx import Document
    >>> doc = Document(); t = doc.add_table(rows=3, cols=2)
    >>> t.cell(0, 0).text, t.cell(0, 1).text = "序号", "所属领域"
    >>> t.cell(1, 0).text, t.cell(2, 0).text = "1", "2"
    >>> t.cell(1, 1).text = "一、商事登记"
    >>> _ = t.cell(1, 1).merge(t.cell(2, 1))
    >>> buf = io.BytesIO(); doc.save(buf)
    >>> rows = read_docx("x.docx", buf.getvalue())[0].rows
    >>> rows[2].locator, rows[2].cells, rows[2].spanned
    ('table 1, row 3', ('2', '一、商事登记'), (False, True))
    """
    try:
        document = Document(io.BytesIO(data))
        body = document.element.body
    except Exception as exc:  # any failure here means a broken or foreign file
        reason = ("the ZIP package is damaged" if isinstance(exc, zipfile.BadZipFile)
                  else f"its parts are missing or malformed: {type(exc).__name__}")
        raise UnreadableFileError(path, f"not a readable .docx document ({reason}); save it "
                                  "again from Word or WPS as .docx") from None
    try:
        return [_read_table(tbl, index, path, _caption(tbl))
                for index, tbl in enumerate(body.iter(_TBL), start=1)]
    except InputError:
        raise
    except Exception as exc:  # malformed table XML
        raise UnreadableFileError(path, f"a table of the document cannot be read "
                                  f"({type(exc).__name__})") from None


def read_docx_lines(path: str, data: bytes) -> list[TextLine]:
    """The body paragraphs of a Word document (outside tables), for the prose reader.

    Examples
    --------
    >>> from docx import Document
    >>> doc = Document(); _ = doc.add_paragraph("一、总体要求")
    >>> _ = doc.add_paragraph("（一）做好工作。（财政部负责）")
    >>> buf = io.BytesIO(); doc.save(buf)
    >>> [line.text for line in read_docx_lines("x.docx", buf.getvalue())]
    ['一、总体要求', '（一）做好工作。（财政部负责）']
    """
    try:
        body = Document(io.BytesIO(data)).element.body
    except Exception:  # read_docx has already named the problem; say it the same way
        raise UnreadableFileError(path, "not a readable .docx document; save it again from "
                                  "Word or WPS as .docx") from None
    lines: list[TextLine] = []
    counters: dict[tuple[str, int], int] = {}
    for number, paragraph in enumerate(body.iterchildren(_P), start=1):
        text = "".join(t.text or "" for t in paragraph.iter(_T))
        cleaned = " ".join(c.text for c in plain_lines(text))
        if not cleaned:
            continue
        prefix = _list_number(paragraph, counters)
        lines.append(TextLine(f"paragraph {number}", prefix + cleaned))
    return lines


_NUM_PR = f"{qn('w:pPr')}/{qn('w:numPr')}"
_CN_DIGITS = "零一二三四五六七八九"


def _cn(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


def _list_number(paragraph: Any, counters: dict[tuple[str, int], int]) -> str:
    """The number Word draws before an auto-numbered paragraph, as text.

    Word keeps list numbers out of the text (``w:numPr``). Its level gives
    the depth; the prefix written is the usual style of that depth in
    Chinese documents (一、 / （一） / 1. / （1） / ①), counted per list.
    """
    num_pr = paragraph.find(_NUM_PR)
    if num_pr is None:
        return ""
    num_id = num_pr.find(qn("w:numId"))
    list_id = num_id.get(_VAL, "") if num_id is not None else ""
    if list_id in ("", "0"):
        return ""
    level = min(_int_attr(num_pr, qn("w:ilvl"), 0), 8)
    count = counters.get((list_id, level), 0) + 1
    counters[(list_id, level)] = count
    for deeper in range(level + 1, 9):
        counters.pop((list_id, deeper), None)
    if level == 0:
        return f"{_cn(count)}、"
    if level == 1:
        return f"（{_cn(count)}）"
    if level == 2:
        return f"{count}."
    if level == 3:
        return f"（{count}）"
    return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[min(count, 20) - 1]
