"""Read every sheet of an Excel workbook (.xlsx) with openpyxl.

A merged cell's value is written into every cell of its range; cells below
the first row of a vertical merge are flagged as ``spanned``. Dates become
ISO text (``2020-06-30``), whole numbers lose their ``.0``, line breaks are
``"\\n"``, and bold runs of rich text are reported as bold.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText

from remit.errors import UnreadableFileError
from remit.loaders.limits import CellBudget
from remit.loaders.raw import RawRow, RawTable

__all__ = ["cell_text", "read_xlsx"]


def cell_text(value: Any) -> str:
    """Return the text a person sees for one cell value.

    Examples
    --------
    >>> [cell_text(v) for v in [None, 12, 12.0, 1.5, "a\\r\\nb", dt.datetime(2020, 6, 30)]]
    ['', '12', '12', '1.5', 'a\\nb', '2020-06-30']
    >>> cell_text(dt.datetime(2020, 6, 30, 9, 30))
    '2020-06-30 09:30'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")


def _bold_of(value: Any, font: Any) -> str:
    """The bold part of a cell: rich-text runs in bold (a wholly bold cell counts too)."""
    if isinstance(value, CellRichText):
        parts = []
        for block in value:
            block_font = getattr(block, "font", None)
            if block_font is not None and getattr(block_font, "b", False):
                parts.append(block.text)
        return cell_text("".join(parts)).strip()
    if font is not None and font.b and isinstance(value, str):
        return cell_text(value).strip()
    return ""


def _reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "the ZIP package is damaged"
    return f"its parts are missing or malformed: {type(exc).__name__}"


def _open(path: str, data: bytes) -> Any:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and unknown extensions.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True, rich_text=True)
    except Exception as exc:  # any failure here means a broken file
        raise UnreadableFileError(path, f"not a readable .xlsx workbook ({_reason(exc)}); save "
                                  "it again from Excel or WPS as .xlsx") from None


def read_xlsx(path: str, data: bytes) -> list[RawTable]:
    """Read every sheet of the workbook ``path`` whose bytes are ``data``.

    Parameters
    ----------
    path : str
        The file name to report in locators and errors.
    data : bytes
        The content of the .xlsx file.

    Returns
    -------
    list of RawTable
        One per non-empty sheet; rows are located as ``"sheet <name>, row N"``.

    Raises
    ------
    UnreadableFileError
        When the bytes are not a valid workbook.

    Examples
    --------
    >>> from openpyxl import Workbook
    >>> wb = Workbook(); ws = wb.active; ws.title = "任务"
    >>> ws.append(["序号", "所属领域"]); ws.append([1.0, "一、商事登记"]); ws.append([2, None])
    >>> ws.merge_cells("B2:B3")
    >>> buf = io.BytesIO(); wb.save(buf)
    >>> rows = read_xlsx("x.xlsx", buf.getvalue())[0].rows
    >>> rows[2].locator, rows[2].cells, rows[2].spanned
    ('sheet 任务, row 3', ('2', '一、商事登记'), (False, True))
    """
    workbook = _open(path, data)
    tables: list[RawTable] = []
    try:
        for sheet in workbook.worksheets:
            table = _read_sheet(path, sheet)
            if table.rows:
                tables.append(table)
    except UnreadableFileError:
        raise
    except Exception as exc:  # malformed sheet content
        raise UnreadableFileError(path, f"a sheet of the workbook cannot be read "
                                  f"({type(exc).__name__}); save it again as .xlsx") from None
    finally:
        workbook.close()
    return tables


def _read_sheet(path: str, sheet: Any) -> RawTable:
    name = sheet.title
    grid: dict[tuple[int, int], tuple[str, str, bool]] = {}
    # Only the cells the file holds: iter_rows() would create every cell of the
    # sheet's bounding box, billions for one stray cell at XFD1048576.
    stored = getattr(sheet, "_cells", None)
    cells = stored.values() if isinstance(stored, dict) else (c for r in sheet.iter_rows() for c in r)
    for cell in cells:
        value = cell.value
        if value is None:
            continue
        grid[(cell.row, cell.column)] = (cell_text(value), _bold_of(value, cell.font), False)
    if not grid:
        return RawTable(source=path, rows=[], caption=name)
    # A merge reaching past the last row or column that holds anything adds
    # only copies of its own value; it is cut at the data's edge.
    data_rows = max(r for r, _ in grid)
    data_cols = max(c for _, c in grid)
    budget = CellBudget(path)
    # A merged range holds its value in the top-left cell only; a person reads
    # it in every cell it covers.
    for merged in sheet.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        bottom, right = min(merged.max_row, data_rows), min(merged.max_col, data_cols)
        text, bold, _ = grid.get((top, left), ("", "", False))
        budget.take((bottom - top + 1) * (right - left + 1), f"sheet {name}, row {top}")
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                if text or (r, c) in grid:
                    grid[(r, c)] = (text, bold, r > top)
    filled = [key for key, (text, _, _) in grid.items() if text.strip()]
    if not filled:
        return RawTable(source=path, rows=[], caption=name)
    width = max(c for _, c in filled)
    row_numbers = sorted({r for r, _ in filled})
    budget.check_grid(len(row_numbers), width, f"sheet {name}")
    rows = []
    for r in row_numbers:
        cells_of_row = [grid.get((r, c), ("", "", False)) for c in range(1, width + 1)]
        if not any(text.strip() for text, _, _ in cells_of_row):
            continue
        rows.append(RawRow(f"sheet {name}, row {r}", tuple(t for t, _, _ in cells_of_row),
                           tuple(b for _, b, _ in cells_of_row), tuple(s for _, _, s in cells_of_row)))
    return RawTable(source=path, rows=rows, caption=name)
