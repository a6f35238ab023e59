"""Read pipe tables from Markdown, as PDF and Word converters write them."""

from __future__ import annotations

import re

from remit.loaders.limits import CellBudget
from remit.loaders.markup import split_markup
from remit.loaders.raw import RawRow, RawTable

__all__ = ["read_markdown", "read_markdown_text"]

_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _split_row(line: str) -> list[str]:
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(body)]


def read_markdown_text(text: str, source: str) -> list[RawTable]:
    """Return every pipe table in ``text``.

    A table is a run of lines that start with ``|``. Separator lines
    (``|---|---|``) are dropped. The nearest heading or paragraph above a
    table becomes its caption.

    Parameters
    ----------
    text : str
        The Markdown document.
    source : str
        The file name to report in locators and errors.

    Returns
    -------
    list of RawTable

    Examples
    --------
    >>> doc = "# 清单\\n\\n| 序号 | 改革措施 |\\n|---|---|\\n| 1 | <b>甲。</b>乙 |\\n"
    >>> [t.rows[1].cells for t in read_markdown_text(doc, "x.md")]
    [('1', '甲。乙')]
    >>> read_markdown_text(doc, "x.md")[0].rows[1].bold
    ('', '甲。')
    """
    tables: list[RawTable] = []
    current: RawTable | None = None
    caption = ""
    budget = CellBudget(source)
    # Lines end at "\n" only: str.splitlines() also breaks at U+000C, U+001E,
    # U+0085 and U+2028, which can stand inside a cell and must not split its row.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.removesuffix("\r")
        stripped = line.strip()
        if not stripped.startswith("|"):
            current = None
            if stripped:
                caption = stripped.lstrip("#").strip()
            continue
        if _SEPARATOR.match(stripped):
            continue
        if current is None:
            current = RawTable(source=source, caption=caption)
            tables.append(current)
        cells = _split_row(stripped)
        budget.take(len(cells), f"line {number}")
        texts, bolds = zip(*(split_markup(c) for c in cells), strict=True)
        current.rows.append(RawRow(f"line {number}", tuple(texts), tuple(bolds)))
    return tables


def read_markdown(path: str, text: str) -> list[RawTable]:
    """Read the Markdown file ``path`` whose decoded content is ``text``."""
    return read_markdown_text(text, path)
