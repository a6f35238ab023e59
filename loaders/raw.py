"""The format-neutral grid that every format reader produces.

Each reader (Markdown, HTML, xlsx, CSV, docx) only has to turn its file into
a list of :class:`RawTable`. Merged cells are already expanded (a cell that
spans rows or columns is repeated into every slot it covers), line breaks
inside a cell are ``"\\n"``, and the bold text of a cell is reported apart
so that the task parser can take it as the title. Everything after that,
header detection, domains, units and deadlines, is shared in
:mod:`remit.loaders.table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["RawRow", "RawTable"]


@dataclass(frozen=True)
class RawRow:
    """One row of a source table.

    Parameters
    ----------
    locator : str
        Where the row is in its file, as a person would look for it:
        ``"line 57"`` for text formats, ``"sheet 任务, row 12"`` for xlsx,
        ``"table 3, row 5"`` for docx and HTML.
    cells : tuple of str
        Plain text of each cell, markup removed, ``"\\n"`` for line breaks.
    bold : tuple of str
        The bold text in each cell (``""`` when there is none).
    spanned : tuple of bool
        True where the cell was filled from a merged cell above it
        (``rowspan`` / vertical merge), so its value is a copy, not a new
        statement. Empty means no cell was spanned.
    runs_on : tuple of bool
        True where the cell's last line fills its width, so that when a page
        break cuts the row there, the text goes on mid-word in the next
        page's first row (a PDF reader measures it). Empty means unknown.

    Examples
    --------
    >>> row = RawRow("line 3", ("1", "一、商事登记"), ("", ""))
    >>> row.cell(1)
    '一、商事登记'
    >>> row.cell(9)
    ''
    """

    locator: str
    cells: tuple[str, ...]
    bold: tuple[str, ...] = ()
    spanned: tuple[bool, ...] = ()
    runs_on: tuple[bool, ...] = ()

    def cell(self, index: int) -> str:
        """Return cell ``index``, or ``""`` when the row is shorter."""
        return self.cells[index] if 0 <= index < len(self.cells) else ""

    def bold_of(self, index: int) -> str:
        """Return the bold text of cell ``index``, or ``""``."""
        return self.bold[index] if 0 <= index < len(self.bold) else ""

    def is_spanned(self, index: int) -> bool:
        """Whether cell ``index`` was copied down from a merged cell."""
        return self.spanned[index] if 0 <= index < len(self.spanned) else False

    def runs_on_at(self, index: int) -> bool:
        """Whether cell ``index``'s last line fills the cell (see ``runs_on``)."""
        return self.runs_on[index] if 0 <= index < len(self.runs_on) else False

    def is_blank(self) -> bool:
        """Whether every cell is empty or white space."""
        return not any(c.strip() for c in self.cells)

    def only_copies(self) -> bool:
        """Whether every filled cell was copied down from a merged cell: the row states nothing.

        A PDF's doubled borders or a merged cell taller than its neighbours leave such rows.

        Examples
        --------
        >>> RawRow("page 1, row 3", ("3", "", "市财政局"), spanned=(True, False, True)).only_copies()
        True
        >>> RawRow("page 1, row 4", ("3", "做甲", "市财政局"), spanned=(True, False, True)).only_copies()
        False
        """
        filled = [i for i, c in enumerate(self.cells) if c.strip()]
        return bool(filled) and all(self.is_spanned(i) for i in filled)


@dataclass
class RawTable:
    """A table as it stands in the file, before any interpretation.

    Parameters
    ----------
    source : str
        The file the table came from, as given by the user.
    rows : list of RawRow
        The rows in document order, header rows included.
    caption : str
        Text just above the table (a title row or heading), if any.
    """

    source: str
    rows: list[RawRow] = field(default_factory=list)
    caption: str = ""
