"""The text of a PDF table cell, and the page furniture around a table.

Shared by the ruled (:mod:`remit.loaders.pdf`) and the unruled
(:mod:`remit.loaders.pdf_unruled`) table readers.
"""

from __future__ import annotations

import re

from remit.loaders.textlines import fix_radicals
from remit.loaders.units import separates_names

__all__ = ["HAN_GAP", "NO_LINE_END", "NO_LINE_START", "cell_text", "drop_running_lines", "is_page_furniture",
           "wrap_unit"]

_PAGE_NUMBER = re.compile(r"^[-—－–\s·]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4})?[-—－–\s·]*$"
                          r"|^第\s*\d{1,4}\s*页\s*[，,]?\s*共\s*\d{1,4}\s*页$")
# Justified lines come back with spaces between Chinese characters ("运 用"); in
# Chinese text such a space is layout, never content.
HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
# Marks that may not open a line: a wrap pushes the character before them down too ("管委" / "会）").
NO_LINE_START = "、，,；;。：:）)」』”’》〉"
# Marks that may not end a line: a wrap takes them down with the character after them ("（新").
NO_LINE_END = "（(「『“‘《〈【"


def wrap_unit(line: str) -> int:
    """How many characters at the start of ``line`` a wrap moves down as one.

    A character cannot be parted from the opening marks before it nor from
    the closing marks after it, so a line that ends short of its cell by less
    than these characters' width was still wrapped.

    Examples
    --------
    >>> wrap_unit("局、市财政局"), wrap_unit("（新区管委会）"), wrap_unit("会）、"), wrap_unit("市")
    (2, 2, 3, 1)
    """
    start = len(line) - len(line.lstrip(NO_LINE_END))
    if start >= len(line):
        return len(line)
    rest = line[start + 1:]
    return start + 1 + len(rest) - len(rest.lstrip(NO_LINE_START))


def cell_text(text: str) -> str:
    """Join a cell's lines: a wrap next to a Chinese character or mark is no space.

    Examples
    --------
    >>> cell_text("市政务服务数\\r\\n据管理局")
    '市政务服务数据管理局'
    >>> cell_text("2020 年\\n1 月底")
    '2020 年1 月底'
    """
    lines = fix_radicals(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        spaced = raw[:1].isspace() or (out[-1:] == " ")
        out = out.rstrip(" ")
        if out and spaced:
            out += " " + line
        elif out and (ord(out[-1]) > 0x2000 or ord(line[0]) > 0x2000):
            out += line
        elif out:
            out += "\n" + line
        else:
            out = line
        if raw[-1:].isspace():
            out += " "
    return HAN_GAP.sub(_gap, out.rstrip(" "))


def _gap(match: re.Match[str]) -> str:
    """A space between Chinese characters is layout, unless it parts two whole unit names."""
    text = match.string
    before = re.split(r"[ \u3000\n]", text[:match.start()])[-1]
    return " " if separates_names(before, text[match.end():]) else ""


def is_page_furniture(line: str) -> bool:
    """Whether a line of a page is its page number ("- 3 -", "第 3 页，共 9 页").

    Examples
    --------
    >>> [is_page_furniture(s) for s in ["- 3 -", "第 3 页，共 9 页", "12", "一、总体要求"]]
    [True, True, True, False]
    """
    return bool(_PAGE_NUMBER.match(line))


_DIGITS = re.compile(r"\d+")


def drop_running_lines(pages: list[list[str]], edge: int = 2) -> list[list[str]]:
    """Drop the running header and footer lines that a browser or a word processor prints.

    A line among the first or last ``edge`` lines of a page whose text, with its
    numbers masked, stands there on at least half of the pages (and on two or
    more) is page furniture: "2018/12/21 下午3:02 国务院办公厅关于…" above and
    "file:///…/page.html 2/4" below every page of a browser's print.

    Examples
    --------
    >>> pages = [["1/2 标题", "正文一"], ["2/2 标题", "正文二"]]
    >>> drop_running_lines(pages)
    [['正文一'], ['正文二']]
    """
    if len(pages) < 2:
        return pages
    seen: dict[str, set[int]] = {}
    for number, lines in enumerate(pages):
        for line in {*lines[:edge], *lines[-edge:]}:
            seen.setdefault(_DIGITS.sub("#", line), set()).add(number)
    running = {key for key, where in seen.items() if len(where) >= max(2, (len(pages) + 1) // 2)}
    out = []
    for lines in pages:
        at_edge = set(range(min(edge, len(lines)))) | set(range(max(len(lines) - edge, 0), len(lines)))
        out.append([line for i, line in enumerate(lines)
                    if i not in at_edge or _DIGITS.sub("#", line) not in running])
    return out
