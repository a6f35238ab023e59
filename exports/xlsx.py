"""A formatted Excel workbook: one sheet per table, bold header, frozen panes, fitted column widths.

Numbers keep their full value for sorting and show as every output shows
them (:mod:`remit.exports.numbers`); ISO dates (``2020-06-30``) become real
Excel dates; each sheet prints on A4 landscape, one page wide, its header
row repeated on every page.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from remit.atomic import atomic_file
from remit.control import CONTROL
from remit.exports.i18n import COLUMNS
from remit.exports.numbers import excel_format
from remit.model import plain_value

__all__ = ["write_xlsx"]

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E8EDF3")
MAX_WIDTH = 60
DATE_FORMAT = "yyyy-mm-dd"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Header (in either language) → the column name that sets its number format.
_NAMES = {label: name for name, labels in COLUMNS.items() for label in (name, *labels)}


def _width(value: Any) -> int:
    """Display width: CJK characters take two columns.

    Examples
    --------
    >>> _width("市财政局 ab"), _width(None), _width(2.5)
    (11, 0, 3)
    """
    return _text_width("" if value is None else str(value))


@lru_cache(maxsize=1 << 16)
def _text_width(text: str) -> int:
    # Unit names and dates repeat down a sheet: each text is measured once. No character
    # below U+1100 is wide or full-width, so ASCII text is its length.
    if text.isascii():
        return len(text)
    return len(text) + sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")


def _cell(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return CONTROL.sub("", "|".join(str(v) for v in value))
    value = plain_value(value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        if _ISO_DATE.match(value):
            try:  # a deadline: a real date, which Excel sorts and filters by month
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return CONTROL.sub("", value)  # openpyxl refuses control characters (IllegalCharacterError)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def write_xlsx(sheets: dict[str, pd.DataFrame], path: str | Path, *,
               index: dict[str, bool] | None = None) -> Path:
    """Write each DataFrame to its own sheet of ``path``, atomically.

    Parameters
    ----------
    sheets : dict
        Sheet name → table, in order. Names are cut to Excel's 31 characters.
    path : path
    index : dict, optional
        Sheet name → whether to write the frame's index as the first column.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "t.xlsx"
    >>> _ = write_xlsx({"单位": pd.DataFrame({"unit": ["市财政局"], "led": [3]})}, out)
    >>> ws = openpyxl.load_workbook(out)["单位"]
    >>> ws["A1"].value, ws["A1"].font.bold, ws.freeze_panes, ws["B2"].value
    ('unit', True, 'B2', 3)
    >>> ws.page_setup.orientation, ws.page_setup.paperSize, ws.print_title_rows
    ('landscape', 9, '$1:$1')
    """
    index = index or {}
    wb = Workbook()
    wb.remove(wb.active)
    for name, frame in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        frame = frame.reset_index() if index.get(name) else frame
        header = [str(c) for c in frame.columns]
        names = [_NAMES.get(h) for h in header]
        ws.append(header)
        widths = [_width(h) for h in header]
        for number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
            values = [_cell(v) for v in row]
            ws.append(values)
            for i, v in enumerate(values):
                if isinstance(v, dt.date):
                    ws.cell(row=number, column=i + 1).number_format = DATE_FORMAT
                    widths[i] = max(widths[i], 10)
                    continue
                shown = excel_format(v, names[i]) if isinstance(v, float) else None
                if shown is not None:
                    ws.cell(row=number, column=i + 1).number_format = shown
                if isinstance(v, str):
                    if v.startswith("="):
                        # openpyxl turns a string starting with "=" into a formula; document text stays text.
                        ws.cell(row=number, column=i + 1).data_type = "s"
                    # Widths are capped: a longer text need not be measured past the cap.
                    v = v[:MAX_WIDTH]
                widths[i] = max(widths[i], min(_width(v), MAX_WIDTH))
        for i, cell in enumerate(ws[1], start=1):
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="center")
            ws.column_dimensions[get_column_letter(i)].width = min(widths[i - 1] + 2, MAX_WIDTH + 2)
        ws.freeze_panes = "B2"  # header row and first column (the unit or task id) stay in view
        if frame.shape[1]:
            ws.auto_filter.ref = ws.dimensions
        _print_setup(ws)
    with atomic_file(path, "wb") as handle:
        wb.save(handle)
    return Path(path)


def _print_setup(ws: Any) -> None:
    """A4 landscape, one page wide (as many pages long as it takes), the header row on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
