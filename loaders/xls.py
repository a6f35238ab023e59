"""Read the sheets of an old binary Excel workbook (.xls, and WPS .et saved as .xls) with xlrd.

Merged ranges are expanded the way :mod:`remit.loaders.xlsx` expands them:
the value of the top-left cell is repeated into every cell of the range, and
cells below the first row of a range are flagged ``spanned``.
"""

from __future__ import annotations

import io
import struct

from remit.errors import UnreadableFileError
from remit.loaders.limits import CellBudget, check_zip_bytes
from remit.loaders.raw import RawRow, RawTable

__all__ = ["read_xls"]

def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _through_libreoffice(path: str, data: bytes, reason: str) -> list[RawTable]:
    """A WPS .et (or an .xls xlrd cannot parse): let LibreOffice convert it to .xlsx."""
    from remit.loaders.office import convert_with_soffice, find_soffice
    from remit.loaders.xlsx import read_xlsx

    if find_soffice() is None:
        raise UnreadableFileError(path, f"not a readable .xls workbook ({reason}); save it as "
                                  ".xlsx, or install LibreOffice to convert it")
    converted = convert_with_soffice(path, data, "xlsx")
    check_zip_bytes(path, converted)  # the conversion is a ZIP package like any other
    return read_xlsx(path, converted)


def read_xls(path: str, data: bytes) -> list[RawTable]:
    """Read every sheet of the .xls workbook ``path`` whose bytes are ``data``.

    A WPS .et file that xlrd cannot parse is converted by LibreOffice when
    it is installed.

    Raises
    ------
    UnreadableFileError
        When the file is damaged, encrypted, or not a workbook.

    Examples
    --------
    >>> read_xls("old.xls", b"\\xd0\\xcf\\x11\\xe0" + bytes(60))
    Traceback (most recent call last):
    ...
    remit.errors.UnreadableFileError: old.xls: not a readable .xls workbook (...); save it as .xlsx
    """
    import xlrd

    try:
        # xlrd writes its warnings about a damaged file to stdout unless given a log of its own.
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True,
                                  logfile=io.StringIO())
    except Exception as exc:  # xlrd raises many kinds for damaged or foreign input
        if "encrypt" in str(exc).lower():
            raise UnreadableFileError(path, "the workbook is password-protected; remove the "
                                      "password and save it again") from None
        if path.lower().endswith(".et"):
            return _through_libreoffice(path, data, type(exc).__name__)
        raise UnreadableFileError(path, f"not a readable .xls workbook ({type(exc).__name__}); "
                                  "save it as .xlsx") from None
    tables: list[RawTable] = []
    try:
        for sheet_index in range(book.nsheets):
            try:  # the sheets are parsed here (on demand), where a damaged record shows
                sheet = book.sheet_by_index(sheet_index)
            except Exception as exc:  # xlrd raises IndexError, struct.error, AssertionError…
                kind = "struct.error" if isinstance(exc, struct.error) else type(exc).__name__
                raise UnreadableFileError(path, f"not a readable .xls workbook (sheet "
                                          f"{sheet_index + 1} is damaged: {kind}); save it as "
                                          ".xlsx") from None
            CellBudget(path).take(sheet.nrows * max(sheet.ncols, 1), f"sheet {sheet.name}")
            values = [[_text(sheet.cell_value(r, c)) for c in range(sheet.ncols)]
                      for r in range(sheet.nrows)]
            spanned = [[False] * sheet.ncols for _ in range(sheet.nrows)]
            for rlo, rhi, clo, chi in sheet.merged_cells:
                top = values[rlo][clo] if rlo < sheet.nrows and clo < sheet.ncols else ""
                for r in range(rlo, min(rhi, sheet.nrows)):
                    for c in range(clo, min(chi, sheet.ncols)):
                        values[r][c] = top
                        spanned[r][c] = r > rlo
            rows = [RawRow(f"sheet {sheet.name}, row {r + 1}", tuple(values[r]),
                           ("",) * sheet.ncols, tuple(spanned[r])) for r in range(sheet.nrows)]
            tables.append(RawTable(source=path, rows=rows))
    finally:
        book.release_resources()
    return tables
