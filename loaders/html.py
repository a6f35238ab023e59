"""Read ``<table>`` elements from HTML, as government web pages publish them.

Only the standard library's :class:`html.parser.HTMLParser` is used. The
reader builds the grid a browser would draw: ``rowspan`` and ``colspan`` are
expanded into every slot they cover, short rows are padded with empty cells,
``<br>`` and block ends (``</p>``, ``</div>``, ``</li>``) become ``"\\n"``,
and text inside ``<b>``/``<strong>`` is reported as bold. A table nested in a
cell (pages laid out with tables) is read as a table of its own, and its
text does not leak into the outer cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from remit.loaders.limits import CellBudget
from remit.loaders.raw import RawRow, RawTable

__all__ = ["read_html", "read_html_text"]

_MAX_COLSPAN = 1000  # the limits the HTML standard gives
_MAX_ROWSPAN = 65534
_CELL_TAGS = {"td", "th"}
_BOLD_TAGS = {"b", "strong"}
_BLOCK_TAGS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}
_SKIP_TAGS = {"script", "style", "template", "head", "title"}
_CJK = "\u3000-\u9fff\uff00-\uffef"
# White space with a line break between two CJK characters renders as
# nothing (CSS Text 3, segment break transformation); elsewhere as one space.
_CJK_BREAK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f]*\n\s*(?=[{_CJK}])")


def _span(value: str | None, limit: int) -> int:
    try:
        number = int((value or "1").strip())
    except ValueError:
        return 1
    if number == 0 and limit == _MAX_ROWSPAN:
        return limit  # rowspan="0": to the end of the table
    return min(max(number, 1), limit)


def _render(raw: str) -> str:
    """Turn collected cell text (source white space kept, breaks as \\x00) into text."""
    text = _CJK_BREAK.sub("", raw)
    text = re.sub(r"\s+", " ", text)
    lines = [line.strip() for line in text.split("\x00")]
    return "\n".join(lines).strip("\n ")


@dataclass
class _Cell:
    text: list[str] = field(default_factory=list)
    bold: list[str] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1


@dataclass
class _Table:
    index: int
    caption: str
    rows: list[tuple[int, list[_Cell]]] = field(default_factory=list)
    row: list[_Cell] | None = None
    cell: _Cell | None = None
    bold_depth: int = 0
    in_caption: bool = False
    caption_text: list[str] = field(default_factory=list)
    row_count: int = 0


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.count = 0
        self.skip = 0
        self.outside: list[str] = []

    # -- helpers -----------------------------------------------------------
    def _close_cell(self, table: _Table) -> None:
        if table.cell is not None and table.row is not None:
            table.row.append(table.cell)
        table.cell = None
        table.bold_depth = 0

    def _close_row(self, table: _Table) -> None:
        self._close_cell(table)
        if table.row is not None:
            table.rows.append((table.row_count, table.row))
        table.row = None

    def _close_table(self) -> None:
        table = self.stack.pop()
        self._close_row(table)
        if table.caption_text:
            table.caption = _render("".join(table.caption_text))
        self.done.append(table)

    def _break(self) -> None:
        table = self.stack[-1] if self.stack else None
        if table is not None and table.cell is not None:
            table.cell.text.append("\x00")
            if table.bold_depth:
                table.cell.bold.append("\x00")
        elif table is None:
            self.outside.append("\x00")

    # -- parser callbacks ----------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag == "table":
            self.count += 1
            lines = [line for line in _render("".join(self.outside)).split("\n") if line]
            self.stack.append(_Table(self.count, lines[-1] if lines else ""))
            self.outside = []
            return
        if not self.stack:
            if tag in _BLOCK_TAGS or tag == "br":
                self._break()
            return
        table = self.stack[-1]
        if tag == "tr":
            self._close_row(table)
            table.row_count += 1
            table.row = []
        elif tag in _CELL_TAGS:
            self._close_cell(table)
            if table.row is None:  # a cell without <tr>: start a row for it
                table.row_count += 1
                table.row = []
            values = dict(attrs)
            table.cell = _Cell(colspan=_span(values.get("colspan"), _MAX_COLSPAN),
                               rowspan=_span(values.get("rowspan"), _MAX_ROWSPAN))
        elif tag == "caption":
            table.in_caption = True
        elif tag in _BOLD_TAGS and table.cell is not None:
            table.bold_depth += 1
        elif tag == "br" or (tag in _BLOCK_TAGS and table.cell is not None):
            self._break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._break()
        elif tag not in _SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(self.skip - 1, 0)
            return
        if not self.stack:
            if tag in _BLOCK_TAGS:
                self._break()
            return
        table = self.stack[-1]
        if tag == "table":
            self._close_table()
        elif tag == "tr":
            self._close_row(table)
        elif tag in _CELL_TAGS:
            self._close_cell(table)
        elif tag == "caption":
            table.in_caption = False
        elif tag in _BOLD_TAGS and table.bold_depth:
            table.bold_depth -= 1
        elif tag in _BLOCK_TAGS and table.cell is not None:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.stack:
            self.outside.append(data)
            return
        table = self.stack[-1]
        if table.cell is not None:
            table.cell.text.append(data)
            if table.bold_depth:
                table.cell.bold.append(data)
        elif table.in_caption:
            table.caption_text.append(data)

    def close(self) -> None:
        super().close()
        while self.stack:
            self._close_table()


_Pending = dict[int, tuple[int, str, str]]


def _fill_pending(pending: _Pending, texts: list[str], bolds: list[str],
                  spanned: list[bool]) -> None:
    """Copy cells spanning down from rows above into the next free columns."""
    while len(texts) in pending:
        col = len(texts)
        left, text, bold = pending[col]
        texts.append(text)
        bolds.append(bold)
        spanned.append(True)
        if left <= 1:
            del pending[col]
        else:
            pending[col] = (left - 1, text, bold)


def _grid(table: _Table, source: str) -> RawTable:
    """Expand row and column spans into a rectangular grid of RawRows."""
    # Column → (rows still to fill, text, bold) for cells spanning down.
    pending: _Pending = {}
    grid: list[tuple[str, list[str], list[str], list[bool]]] = []
    budget = CellBudget(source)
    for number, cells in table.rows:
        texts: list[str] = []
        bolds: list[str] = []
        spanned: list[bool] = []

        for cell in cells:
            _fill_pending(pending, texts, bolds, spanned)
            budget.take(cell.colspan, f"table {table.index}, row {number}")
            text = _render("".join(cell.text))
            bold = _render("".join(cell.bold))
            for _ in range(cell.colspan):
                col = len(texts)
                texts.append(text)
                bolds.append(bold)
                spanned.append(False)
                if cell.rowspan > 1:
                    pending[col] = (cell.rowspan - 1, text, bold)
        _fill_pending(pending, texts, bolds, spanned)
        # Spans that start further right than this row reaches.
        for col in sorted(c for c in pending if c > len(texts)):
            while len(texts) < col:
                texts.append("")
                bolds.append("")
                spanned.append(False)
            _fill_pending(pending, texts, bolds, spanned)
        budget.take(sum(spanned), f"table {table.index}, row {number}")  # cells copied down
        grid.append((f"table {table.index}, row {number}", texts, bolds, spanned))
    width = max((len(t) for _, t, _, _ in grid), default=0)
    budget.check_grid(len(grid), width, f"table {table.index}")  # before padding every row to width
    rows = []
    for locator, texts, bolds, spanned in grid:
        pad = width - len(texts)  # a browser draws missing cells as empty ones
        rows.append(RawRow(locator, tuple(texts + [""] * pad), tuple(bolds + [""] * pad),
                           tuple(spanned + [False] * pad)))
    return RawTable(source=source, rows=rows, caption=table.caption)


def read_html_text(text: str, source: str) -> list[RawTable]:
    """Return every ``<table>`` of an HTML document, in document order.

    Parameters
    ----------
    text : str
        The HTML document.
    source : str
        The file name to report in locators and errors.

    Returns
    -------
    list of RawTable
        One per ``<table>``; rows are located as ``"table N, row M"``.

    Examples
    --------
    >>> doc = ('<table><tr><th>序号</th><th>领域</th></tr>'
    ...        '<tr><td>1</td><td rowspan="2">一、<b>商事</b><br>登记</td></tr>'
    ...        '<tr><td>2</td></tr></table>')
    >>> rows = read_html_text(doc, "x.html")[0].rows
    >>> rows[2].locator, rows[2].cells, rows[2].spanned
    ('table 1, row 3', ('2', '一、商事\\n登记'), (False, True))
    >>> rows[1].bold
    ('', '商事')
    """
    parser = _TableParser()
    parser.feed(text)
    parser.close()
    tables = sorted(parser.done, key=lambda t: t.index)
    return [_grid(t, source) for t in tables if t.rows]


def read_html(path: str, text: str) -> list[RawTable]:
    """Read the HTML file ``path`` whose decoded content is ``text``."""
    return read_html_text(text, path)
