"""Lists written in traditional characters are read as simplified.

Mirrors and Hong Kong or Taiwan reprints of a mainland list (and some
older files) use traditional characters: 牽頭單位, 市財政局, 按職責分工負責.
remit's role words and unit names are simplified, so such a document is
converted character by character before it is read, and its units are
named in simplified characters, as the same bodies' own lists name them.

The table ``data/traditional.csv`` is OpenCC's ``TSCharacters.txt``
(Apache License 2.0, https://github.com/BYVoid/OpenCC), first candidate
of each one-character mapping.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources

from remit.loaders.raw import RawRow, RawTable
from remit.loaders.textlines import TextLine

__all__ = ["is_traditional", "simplified_lines", "simplified_tables", "to_simplified"]

#: A document is traditional when at least this many of its characters are traditional only
#: and they make up at least the share below of its Chinese characters. A simplified list
#: that quotes a name in traditional characters (臺灣) stays as it is.
MIN_TRADITIONAL = 8
MIN_SHARE = 0.03
#: How many characters from the start of a document are looked at.
SAMPLE = 20_000


@cache
def _tables() -> tuple[dict[int, str], frozenset[str]]:
    """The conversion table and the characters that are never simplified ones."""
    text = resources.files("remit.loaders").joinpath("data", "traditional.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    table = {ord(row["traditional"]): row["simplified"] for row in rows}
    only = frozenset(row["traditional"] for row in rows if not row["also_simplified"])
    return table, only


def is_traditional(texts: Iterable[str]) -> bool:
    """Whether the texts (a document's cells or lines, in order) are written in traditional characters.

    The first :data:`SAMPLE` characters decide: a long list need not be read twice.

    Examples
    --------
    >>> is_traditional(["（市政府辦公室、市行政審批服務局牽頭，", "市級各有關部門按職責分工負責）"])
    True
    >>> is_traditional(["（市政府办公室牵头，市级各有关部门按职责分工负责）支持臺灣同胞"])
    False
    """
    _, only = _tables()
    sample: list[str] = []
    size = 0
    for text in texts:
        sample.append(text)
        size += len(text)
        if size >= SAMPLE:
            break
    joined = "".join(sample)[:SAMPLE]
    han = sum(1 for ch in joined if "\u4e00" <= ch <= "\u9fff")
    traditional = sum(1 for ch in joined if ch in only)
    return traditional >= MIN_TRADITIONAL and traditional >= MIN_SHARE * han


def to_simplified(text: str) -> str:
    """``text`` with every traditional character replaced by its simplified form.

    Examples
    --------
    >>> to_simplified("市財政局牽頭，各縣市區政府負責")
    '市财政局牵头，各县市区政府负责'
    """
    return text.translate(_tables()[0])


def simplified_tables(tables: list[RawTable]) -> list[RawTable]:
    """The tables with every cell, bold text and caption converted."""
    def row_of(row: RawRow) -> RawRow:
        return replace(row, cells=tuple(map(to_simplified, row.cells)),
                       bold=tuple(map(to_simplified, row.bold)))
    return [replace(t, rows=[row_of(r) for r in t.rows], caption=to_simplified(t.caption)) for t in tables]


def simplified_lines(lines: list[TextLine]) -> list[TextLine]:
    """The lines with their text converted."""
    return [replace(line, text=to_simplified(line.text)) for line in lines]
