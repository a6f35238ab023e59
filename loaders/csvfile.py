"""Read a CSV or TSV export of a task table.

The delimiter is not asked for: comma, tab and semicolon are tried and the
one that yields a task-table header wins (failing that, the one that cuts
the most rows into the same number of cells). Quoted cells may hold line
breaks; each row is located by the physical line where its record starts.
The encoding (UTF-8, UTF-8 with BOM, GBK/GB18030) is detected before, in
:func:`remit.loaders.files.decode_text`.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

from remit.errors import InputError
from remit.loaders.header import match_header
from remit.loaders.limits import CellBudget
from remit.loaders.markup import split_markup
from remit.loaders.raw import RawRow, RawTable

__all__ = ["read_csv", "read_csv_text"]

_DELIMITERS = (",", "\t", ";")


def _parse(text: str, delimiter: str, source: str) -> tuple[list[RawRow], InputError | None]:
    """The rows of ``text`` cut at ``delimiter``, and the error that stopped the reader, if any."""
    rows: list[RawRow] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    budget = CellBudget(source)
    start = 1
    try:
        for record in reader:
            budget.take(len(record), f"line {start}")
            cells, bolds = [], []
            for value in record:
                # Exports of converted pages can still carry <br> or <b>.
                plain, bold = split_markup(value.replace("\r\n", "\n").replace("\r", "\n"),
                                           markdown=False)
                cells.append(plain)
                bolds.append(bold)
            if record:
                rows.append(RawRow(f"line {start}", tuple(cells), tuple(bolds)))
            start = reader.line_num + 1
    except csv.Error as exc:
        # Never drop the rest of the list silently: the caller reports this
        # if the delimiter it broke on is the file's.
        return rows, InputError(source, f"the CSV cannot be read past here ({exc}); is a "
                                "quote left open?", row=f"line {start}")
    if rows and _quote_left_open(text, rows[-1]):
        return rows, InputError(source, "a quote opened in this record is never closed, so the rest of the "
                                "file would be read as one cell; close the quote", row=rows[-1].locator)
    return rows, None


def _quote_left_open(text: str, last: RawRow) -> bool:
    """Whether the last record ran to the end of the file inside a quoted cell.

    Python's reader then ends the cell at the end of the file and keeps every
    later line in it, without an error. A record's quotes come in pairs (an
    escaped quote is doubled), so an odd count from the record's first line on
    means one was never closed; a multi-line cell is required as well, so a
    stray inch mark on the last line is not taken for one.
    """
    if "\n" not in last.cells[-1]:
        return False
    first_line = int(last.locator.removeprefix("line "))
    # Lines as the reader counts them: at \n, \r and \r\n only.
    tail = "".join(io.StringIO(text, newline="").readlines()[first_line - 1:])
    return tail.count('"') % 2 == 1


def _score(rows: list[RawRow]) -> tuple[int, int, int]:
    has_header = any(match_header(row) is not None for row in rows[:50])
    widths = Counter(len(row.cells) for row in rows)
    width, count = widths.most_common(1)[0] if widths else (0, 0)
    return int(has_header), count if width > 1 else 0, width


def read_csv_text(text: str, source: str) -> list[RawTable]:
    """Return the one table of a CSV/TSV document.

    Parameters
    ----------
    text : str
        The decoded CSV text.
    source : str
        The file name to report in locators and errors.

    Returns
    -------
    list of RawTable
        One table (none if the text holds no record); rows are located as
        ``"line N"``, the line where the record starts.

    Examples
    --------
    >>> doc = '序号;改革措施;牵头单位\\n1;"升级平台。\\n第二行";市市场监管局\\n2;乙;市税务局\\n'
    >>> rows = read_csv_text(doc, "x.csv")[0].rows
    >>> [(r.locator, r.cells[1]) for r in rows[1:]]
    [('line 2', '升级平台。\\n第二行'), ('line 4', '乙')]
    """
    if source.lower().endswith(".tsv"):
        candidates = ["\t", *(d for d in _DELIMITERS if d != "\t")]
    else:
        candidates = list(_DELIMITERS)
    best: list[RawRow] = []
    best_error: InputError | None = None
    best_score = (-1, -1, -1)
    # A cell may be as long as the file: the default limit of 131,072
    # characters would stop the reader half-way through the list.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))
    try:
        for delimiter in candidates:
            rows, error = _parse(text, delimiter, source)
            score = _score(rows)
            if score > best_score:
                best, best_error, best_score = rows, error, score
    finally:
        csv.field_size_limit(limit)
    if best_error is not None:
        raise best_error
    return [RawTable(source=source, rows=best)] if best else []


def read_csv(path: str, text: str) -> list[RawTable]:
    """Read the CSV file ``path`` whose decoded content is ``text``."""
    return read_csv_text(text, path)
