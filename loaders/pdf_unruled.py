"""Read a PDF task table that has no ruling lines, from the positions of its characters.

A Word table whose borders were removed, or columns laid out with tabs,
prints to a PDF without the grid :mod:`remit.loaders.pdf` reads. Its
columns are still there, as white corridors between the text:

1. pdfium's characters are grouped into lines by baseline and, within a
   line, into runs where the gap between two characters is wider than a
   space.
2. A line whose runs the table interpreter's own header matcher
   (:func:`remit.loaders.header.match_header`) accepts is the header: its
   runs name the columns. Between two neighbouring header runs, the column
   boundary is the middle of the widest x-range that no text below the
   header touches (or touches least: a section row merged across the table).
3. Each run below goes to the column it lies in; a run that crosses a
   boundary is a merged cell and is repeated into every column it covers,
   as the other readers expand merges.
4. A row starts at a line with a number in the 序号 column (or with a
   section heading there); other lines continue the row above, so a cell
   broken over several lines is one cell again. Without a 序号 column, a
   row starts where a column empty on the line above has text (cells are
   set from the top of their row) or after a gap wider than the usual
   line pitch; rows of one line each, without gaps, then run together.

A page without a header continues the columns of the page before it (a
table whose header is not repeated), until a line of running text across
the table (a note under it) ends the table; :mod:`remit.loaders.table`
then does all the interpretation, as for ruled tables.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from remit.loaders.header import SYNONYMS, ColumnMap, field_of, match_header
from remit.loaders.ordinals import parse_number, split_ordinal
from remit.loaders.pdfcells import cell_text, is_page_furniture, wrap_unit
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.units import PIECE_END, continues_name

__all__ = ["Columns", "baseline_groups", "page_chars", "unruled_page_table"]

# A space next to full-width punctuation is layout (its side bearing), never content.
_PUNCT = r"[\u2018-\u201f\u3000-\u303f\uff00-\uffef]"
_PUNCT_GAP = re.compile(rf" +(?={_PUNCT})|(?<={_PUNCT}) +")
_FIELD_NAMES = frozenset(word for words in SYNONYMS.values() for word in words)
_LIST_ENDS = ("、", "，", ",", "；", ";")
_HEADER_WORDS = tuple(w for f in ("lead", "responsible", "support") for w in SYNONYMS[f]
                      if len(w) >= 2)


@dataclass(frozen=True)
class Columns:
    """The columns found under one header: the boundaries between them and the map."""

    bounds: tuple[float, ...]  # x of each boundary between two neighbouring columns
    columns: ColumnMap

    def index_of(self, x: float) -> int:
        return sum(1 for b in self.bounds if x > b)


@dataclass
class _Run:
    x0: float
    x1: float
    text: str


@dataclass
class _Line:
    y: float  # baseline; larger is higher on the page
    runs: list[_Run]

    def text(self) -> str:
        return " ".join(r.text for r in self.runs)


def page_chars(textpage: Any, indices: Iterable[int] | None = None,
               ) -> Iterator[tuple[str, float, float, float, float]]:
    """(character, left, right, baseline y, height) of every visible character, in text order.

    ``indices`` picks the characters to look at (all of them by default).
    """
    import pypdfium2.raw as raw

    handle = textpage.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    ox, oy = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()) if indices is None else indices:
        code = raw.FPDFText_GetUnicode(handle, index)
        if code in (0, 2, 10, 13, 0xFFFE, 0xFFFF):
            continue
        if not raw.FPDFText_GetCharBox(handle, index, left, right, bottom, top):
            continue
        raw.FPDFText_GetCharOrigin(handle, index, ox, oy)
        yield chr(code), left.value, right.value, oy.value, top.value - bottom.value


def baseline_groups(chars: list[tuple[str, float, float, float, float]], size: float,
                    ) -> list[list[tuple[str, float, float, float, float]]]:
    """Characters (from :func:`page_chars`) grouped into lines, top to bottom, by their baselines.

    Examples
    --------
    >>> [[c[0] for c in line] for line in baseline_groups(
    ...     [("乙", 0, 10, 700, 10), ("甲", 0, 10, 712, 10), ("丙", 10, 20, 701, 10)], 10)]
    [['甲'], ['丙', '乙']]
    """
    grouped: list[list[tuple[str, float, float, float, float]]] = []
    for char in sorted(chars, key=lambda c: -c[3]):
        if grouped and grouped[-1][0][3] - char[3] <= 0.4 * size:
            grouped[-1].append(char)
        else:
            grouped.append([char])
    return grouped


def _lines(chars: list[tuple[str, float, float, float, float]],
           ) -> tuple[list[_Line], float, float]:
    """The lines of a page, top to bottom; the typical character height; a Chinese character's width."""
    heights = [h for c, _, _, _, h in chars if not c.isspace() and h > 0]
    if not heights:
        return [], 0.0, 0.0
    size = statistics.median(heights)
    widths = [x1 - x0 for c, x0, x1, _, _ in chars if "\u4e00" <= c <= "\u9fff"]
    em = statistics.median(widths) if widths else size
    grouped = baseline_groups(chars, size)
    lines = []
    for group in grouped:
        runs: list[_Run] = []
        for c, x0, x1, _, _ in sorted(group, key=lambda c: c[1]):
            if c.isspace():
                if runs and not runs[-1].text.endswith(" "):
                    runs[-1].text += " "
                continue
            if runs and x0 - runs[-1].x1 <= 0.7 * size:
                runs[-1].text += c
                runs[-1].x1 = max(runs[-1].x1, x1)
            else:
                runs.append(_Run(x0, x1, c))
        for run in runs:
            run.text = _PUNCT_GAP.sub("", run.text).strip()
        if runs:
            lines.append(_Line(group[0][3], runs))
    return lines, size, em


def _as_header(line: _Line) -> ColumnMap | None:
    cells = tuple(r.text for r in line.runs)
    if len(cells) < 3:
        return None
    found = match_header(RawRow("", cells))
    if (found is not None and found.lead_column >= 0
            and 2 * sum(field_of(c) is not None for c in cells) > len(cells)
            and not any(c.endswith(("，", "。", "；", "、")) for c in cells)):
        return found
    return None


def _merged_header(line: _Line, below: _Line) -> _Line | None:
    """``line`` with the words of the line below it added to the header word above each.

    None unless every word below sits under one header word and makes a
    field name with it ("牵头" / "单位", "完成" / "时限"), exactly as the header
    synonyms spell it: "序号" over "1" is a header over a data row.
    """
    texts = [r.text for r in line.runs]
    spans = [(r.x0, r.x1) for r in line.runs]
    for run in below.runs:
        over = [i for i, r in enumerate(line.runs) if run.x0 < r.x1 and r.x0 < run.x1]
        if len(over) != 1:
            return None
        index = over[0]
        texts[index] += run.text
        if texts[index] not in _FIELD_NAMES:
            return None
        spans[index] = (min(spans[index][0], run.x0), max(spans[index][1], run.x1))
    return _Line(line.y, [_Run(x0, x1, t) for (x0, x1), t in zip(spans, texts, strict=True)])


def _header_at(lines: list[_Line]) -> tuple[int, int, _Line, ColumnMap] | None:
    """The first task table header with a lead column: (index, lines it takes, header, map).

    Justified running text also falls apart into runs ("加强协调配合，" | "确保…措施…"),
    so a header must name a lead column and most of its runs must be field names.
    A header whose names wrap onto a second line ("牵头" / "单位") is one header.
    """
    for index, line in enumerate(lines):
        if index + 1 < len(lines):
            merged = _merged_header(line, lines[index + 1])
            found = _as_header(merged) if merged is not None else None
            if merged is not None and found is not None:
                return index, 2, merged, found
        found = _as_header(line)
        if found is not None:
            return index, 1, line, found
    return None


def _bounds(header: _Line, body: list[_Line]) -> tuple[float, ...]:
    """Column boundaries: between two header runs, the middle of the emptiest x-range."""
    bounds = []
    for left, right in zip(header.runs, header.runs[1:], strict=False):
        lo, hi = int(left.x1) + 1, int(right.x0)
        if hi <= lo:
            bounds.append((left.x1 + right.x0) / 2)
            continue
        # How many runs touch each point of [lo, hi): a difference array, linear in runs.
        steps = [0] * (hi - lo + 1)
        for line in body:
            for run in line.runs:
                first, after = max(lo, int(run.x0)), min(hi, int(run.x1) + 1)
                if first < after:
                    steps[first - lo] += 1
                    steps[after - lo] -= 1
        cover = list(itertools.accumulate(steps[:-1]))
        least = min(cover)
        best: float = lo
        best_len, start = -1, None
        for offset, count in enumerate([*cover, least + 1]):
            if count == least and start is None:
                start = offset
            elif count != least and start is not None:
                if offset - start > best_len:
                    best, best_len = lo + (start + offset) / 2, offset - start
                start = None
        bounds.append(best)
    return tuple(bounds)


def _place(line: _Line, columns: Columns, width: int) -> list[tuple[str, float]]:
    """(text, right end) of one line in each column.

    A run across a boundary is a merged cell: it fills every column it covers.
    """
    cells = [""] * width
    ends = [0.0] * width
    for run in line.runs:
        first, last = columns.index_of(run.x0 + 1), columns.index_of(run.x1 - 1)
        for index in range(first, last + 1):
            cells[index] = f"{cells[index]} {run.text}".strip()
            ends[index] = max(ends[index], run.x1)
    return [(_PUNCT_GAP.sub("", cell), end) for cell, end in zip(cells, ends, strict=True)]


def _join_lines(lines: list[tuple[str, float]], right: float, em: float, units: bool) -> str:
    """One cell's text from its lines; in a unit column a line ending short is a list break.

    A wrapped Chinese line fills its column; one after which the next
    character would still have fit was broken by hand ("市公安局" / "市税务局"),
    and after a whole unit name such a break separates two names. (A line
    pushed down with the mark it may not be parted from, "设" / "局、市…" or
    "管委" / "会）", is a wrap.)
    """
    parts: list[str] = []
    previous_end = 0.0
    for text, end in lines:
        if not text:
            continue
        # The first character cannot be moved up without the marks it may not be parted from.
        if (units and parts and PIECE_END.search(parts[-1]) and not parts[-1].endswith(_LIST_ENDS)
                and previous_end + wrap_unit(text) * em <= right + 0.25 * em
                and not continues_name(parts[-1], text)):  # "各区政府" / "（新区管委会）", "部" / "门"
            parts.append("、")
        elif parts:
            parts.append("\n")
        parts.append(text)
        previous_end = end
    return "".join(parts)


def unruled_page_table(path: str, number: int, textpage: Any, page_text: str,
                       previous: Columns | None) -> tuple[RawTable | None, Columns | None]:
    """The task table of a page without ruling lines, and the columns it runs in.

    ``previous`` is the columns of the page before, for a table whose
    header is not repeated on every page. Returns ``(None, None)`` when the
    page has no header and does not continue a table.

    Examples
    --------
    >>> unruled_page_table("list.pdf", 1, None, "一、总体要求", None)
    (None, None)
    """
    squeezed = re.sub(r"\s+", "", page_text)  # headers are often letter-spaced: "牵 头 单 位"
    if previous is None and not any(word in squeezed for word in _HEADER_WORDS):
        return None, None  # no unit column header: prose, or no table (cheap test first)
    lines, size, em = _lines(list(page_chars(textpage)))
    found = _header_at(lines)
    rows_from = 0
    columns = previous
    if found is not None:
        at, taken, header, column_map = found
        lines[at:at + taken] = [header]
        columns = Columns(_bounds(header, lines[at + 1:]), column_map)
        rows_from = at
    if columns is None:
        return None, None
    # Page numbers above or below the table are no rows.
    while lines and is_page_furniture(lines[-1].text()):
        lines.pop()
    if found is None:
        while lines and is_page_furniture(lines[0].text()):
            lines.pop(0)
    width = columns.columns.width
    number_column = columns.columns.number
    grouped: list[list[list[tuple[str, float]]]] = []  # rows, each a list of lines' cells
    last_y: float | None = None
    steps = [a.y - b.y for a, b in zip(lines[rows_from:], lines[rows_from + 1:], strict=False)]
    pitch = 1.4 * statistics.median(steps) if steps else size
    kind = ""  # what opened the current row: "number", "heading" or "" (a continuation)
    ended = False
    for index, line in enumerate(lines[rows_from:]):
        if _is_running_text(line, columns):
            ended = True  # a paragraph under the table (注：…) is no row, and no table follows
            break
        cells = _place(line, columns, width)
        starts = not grouped or (index == 1 and found is not None)  # the header is one line
        if number_column >= 0:
            mark = cells[number_column][0]
            if mark:
                numbered = parse_number(mark) is not None
                # A section heading starts a row; its own wrapped lines do not.
                if numbered or kind != "heading" or starts:
                    starts, kind = True, "number" if numbered else "heading"
            elif starts:
                kind = ""
        elif grouped and not starts:
            # Cells are set from the top of their row, so a column that was empty on the
            # line above and has text now opens a new row; so does a wider gap.
            above = grouped[-1][-1]
            starts = (any(text and not above[c][0] for c, (text, _) in enumerate(cells))
                      or (last_y is not None and last_y - line.y > pitch))
        if starts:
            grouped.append([cells])
        else:
            grouped[-1].append(cells)
        last_y = line.y
    # How far text reaches in each column: a line after which one more character fits was
    # broken by hand.
    right = [max((line[c][1] for row in grouped for line in row), default=0.0)
             for c in range(width)]
    unit_columns = {columns.columns.lead_column, *columns.columns.support_columns}
    rows = []
    for index, row_lines in enumerate(grouped, start=1):
        texts = tuple(cell_text(_join_lines([line[c] for line in row_lines], right[c], em,
                                             c in unit_columns))
                      for c in range(width))
        if any(texts):
            rows.append(RawRow(f"page {number}, row {index}", texts, ("",) * width))
    return (RawTable(source=path, rows=rows) if rows else None), (None if ended else columns)


def _is_running_text(line: _Line, columns: Columns) -> bool:
    """Whether ``line`` is one long run across the table: a paragraph, not a row.

    A section heading merged across the table is a row: it is short, or it
    opens with an ordinal (一、 / （二）).
    """
    if len(line.runs) != 1 or len(line.runs[0].text) <= 20:
        return False
    run = line.runs[0]
    crossed = sum(1 for b in columns.bounds if run.x0 < b < run.x1)
    return crossed >= max(1, len(columns.bounds) - 1) and split_ordinal(run.text)[0] is None
