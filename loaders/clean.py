"""Remove control characters from the text read, and say where.

A task list is text for people. A control character in it (NUL, backspace,
escape, the C1 range) is debris from a conversion, or an attack: XML 1.0
cannot hold most of them, so GraphML, GEXF and xlsx files would break, and a
terminal would obey an escape sequence. They are removed as the tables are
read, before anything else sees them; a vertical tab, form feed or NEL, which
word processors use as a line break, becomes a line break. Each row that
changed gets an ``info`` finding (``control-characters``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from remit.control import CONTROL
from remit.loaders.raw import RawRow, RawTable
from remit.model import Finding

__all__ = ["clean_tables", "clean_text"]

# The control characters are remit.control.CONTROL; these among them are line breaks to word processors.
_LINE_BREAKS = re.compile("[\x0b\x0c\x85]")
#: At most this many rows of one file are named one by one; the rest are counted.
MAX_ROW_FINDINGS = 20


def clean_text(text: str) -> tuple[str, int]:
    """Return ``text`` without control characters, and how many were changed.

    Carriage returns become line feeds; that is not counted as a change.

    Examples
    --------
    >>> clean_text("市财政局\\x1bc\\x00")
    ('市财政局c', 2)
    >>> clean_text("甲\\x0b乙")
    ('甲\\n乙', 1)
    >>> clean_text("市税务局")
    ('市税务局', 0)
    """
    if "\r" in text:  # a carriage return is a line break (a lone one broke rows of tasks.csv)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not CONTROL.search(text):
        return text, 0
    changed = len(CONTROL.findall(text))
    return CONTROL.sub("", _LINE_BREAKS.sub("\n", text)), changed


def _clean_row(row: RawRow) -> tuple[RawRow, int]:
    count = 0
    cells, bolds = [], []
    for value in row.cells:
        text, n = clean_text(value)
        cells.append(text)
        count += n
    for value in row.bold:
        text, _ = clean_text(value)
        bolds.append(text)
    if tuple(cells) == row.cells and tuple(bolds) == row.bold:
        return row, 0
    return replace(row, cells=tuple(cells), bold=tuple(bolds)), count


def clean_tables(tables: list[RawTable], source: str) -> tuple[list[RawTable], list[Finding]]:
    """Remove control characters from every cell and caption of ``tables``.

    Returns the cleaned tables and one ``info`` finding per changed row (the
    first :data:`MAX_ROW_FINDINGS`, then one that counts the rest).

    Examples
    --------
    >>> t = RawTable("a.md", [RawRow("line 3", ("1", "升级\\x1b[2J平台"), ("", ""))])
    >>> tables, found = clean_tables([t], "a.md")
    >>> tables[0].rows[0].cells[1], found[0].code, found[0].row
    ('升级[2J平台', 'control-characters', 'line 3')
    """
    findings: list[Finding] = []
    rows_changed = chars_changed = 0
    for table in tables:
        table.caption, _ = clean_text(table.caption)
        for i, row in enumerate(table.rows):
            new, count = _clean_row(row)
            table.rows[i] = new
            if not count:
                continue
            rows_changed += 1
            chars_changed += count
            if rows_changed <= MAX_ROW_FINDINGS:
                findings.append(Finding("info", "control-characters", source, row.locator,
                                        f"removed {count} control character(s) from the row"))
    if rows_changed > MAX_ROW_FINDINGS:
        findings.append(Finding("info", "control-characters", source, "",
                                f"{rows_changed} rows held {chars_changed} control characters "
                                f"in all; only the first {MAX_ROW_FINDINGS} are listed"))
    return tables, findings
