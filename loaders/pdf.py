"""Read PDF task lists: ruled tables and running text, through pdfium.

Why pypdfium2 and not pdfplumber: pdfium (Chrome's PDF engine) pulls the
whole text layer of a 31-page list in about 0.2 s, where pdfplumber's
``extract_tables()`` needs about 0.25 s *per page* (docs/input.md, "Why
pypdfium2", measured in benchmarks/bench_pdf.py). A 200-page attachment must read in 10 s,
so the table logic is remit's own, over pdfium's ruling lines and text:

1. The thin filled rectangles and stroked lines of a page are its ruling
   lines. Their positions, clustered, give the column and row boundaries.
2. Every slot of that grid is a cell; where the border between two
   neighbouring slots is missing, they are one merged cell (a vertical
   merge marks the lower slots ``spanned``, as the HTML and docx readers do).
3. The text inside each cell's rectangle is asked of pdfium directly.

Each page gives one :class:`RawTable`; :mod:`remit.loaders.table` already
joins pages (repeated headers, rows split over a page break). A PDF without
a task table is read as running text by the prose reader: lines are joined
into paragraphs (a name broken across two lines is one name again) and
Kangxi-radical look-alikes are mapped back (⼯ → 工).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from remit.errors import RemitError, UnreadableFileError
from remit.loaders.limits import MAX_PDF_PAGE_CHARS, CellBudget
from remit.loaders.pdf_unruled import Columns, baseline_groups, page_chars, unruled_page_table
from remit.loaders.pdfcells import HAN_GAP as _HAN_GAP
from remit.loaders.pdfcells import cell_text as _cell_text
from remit.loaders.pdfcells import drop_running_lines, wrap_unit
from remit.loaders.pdfcells import is_page_furniture as _is_page_furniture
from remit.loaders.pdfguard import check_pdf_structure
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.textlines import TextLine, fix_radicals
from remit.loaders.units import ends_like_a_name, opens_with_a_name

__all__ = ["read_pdf_lines", "read_pdf_tables"]

MAX_PAGES = 3000  # far above any task list; bounds the work a hostile file can ask for
MAX_CHARS = 20_000_000
_THIN = 2.5  # points: a rectangle thinner than this is a ruling line
_SNAP = 2.0  # points: boundaries closer than this are one
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、\s]"
                       r"|\d+(?:[.．]\d+)+|[①-⑳]|(?:牵头单位|责任单位|配合单位|完成时限)[:：])")
_CLOSING = "。！？；：”）)"



@contextmanager
def _open(path: str, data: bytes) -> Iterator[Any]:
    import pypdfium2 as pdfium

    check_pdf_structure(path, data)  # before pdfium inflates or draws anything
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UnreadableFileError(path, "the PDF is encrypted (password-protected); remove "
                                      "the password and save it again") from None
        raise UnreadableFileError(path, "not a readable PDF (damaged or not a PDF)") from None
    except Exception:  # pdfium can fail in many ways on hostile input
        raise UnreadableFileError(path, "not a readable PDF (damaged or not a PDF)") from None
    try:
        if len(document) == 0:
            raise UnreadableFileError(path, "the PDF has no pages")
        if len(document) > MAX_PAGES:
            raise UnreadableFileError(path, f"the PDF has {len(document)} pages; more than "
                                      f"{MAX_PAGES} is not a task list")
        yield document
    except RemitError:
        raise
    except Exception as exc:  # a page pdfium cannot parse
        raise UnreadableFileError(path, f"a page of the PDF cannot be read "
                                  f"({type(exc).__name__})") from None
    finally:
        document.close()


def _no_text(path: str) -> UnreadableFileError:
    return UnreadableFileError(path, "the PDF has no text layer (a scan); run OCR on it first "
                               "(for example ocrmypdf) and read the result")


def _page_texts(path: str, document: Any) -> Iterator[tuple[int, Any, Any]]:
    """(page number, page, textpage) for every page; raises on a text-less PDF."""
    total = 0
    pages = len(document)
    for index in range(pages):
        page = document[index]
        textpage = page.get_textpage()
        chars = textpage.count_chars()
        if chars > MAX_PDF_PAGE_CHARS:
            raise UnreadableFileError(path, f"the page holds {chars:,} characters, more than "
                                      f"{MAX_PDF_PAGE_CHARS:,}; this is not a task list",
                                      row=f"page {index + 1}")
        total += chars
        if total > MAX_CHARS:
            raise UnreadableFileError(path, f"the PDF holds more than {MAX_CHARS} characters; "
                                      "this is not a task list")
        if index == pages - 1 and total < 10 * pages:
            # A scan has no text layer, or only a stamped page number or two.
            raise _no_text(path)
        yield index + 1, page, textpage


def _cluster(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= _SNAP:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def _path_objects(page: Any) -> Iterator[tuple[Any, tuple[float, float, float, float]]]:
    """Path objects of a page with their bounds, through pdfium's C API.

    pypdfium2's ``get_objects`` wraps every text object in a Python object
    too; on a dense page that costs more than all the rest of the reading.
    """
    import ctypes

    import pypdfium2.raw as raw

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    # (container, is a form object, depth): the page itself, then nested forms.
    stack: list[tuple[Any, bool, int]] = [(page.raw, False, 0)]
    while stack:
        container, is_form, depth = stack.pop()
        count = (raw.FPDFFormObj_CountObjects(container) if is_form
                 else raw.FPDFPage_CountObjects(container))
        for index in range(count):
            obj = (raw.FPDFFormObj_GetObject(container, index) if is_form
                   else raw.FPDFPage_GetObject(container, index))
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                if raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    yield obj, (left.value, bottom.value, right.value, top.value)
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 4:  # forms nest; bound the depth
                stack.append((obj, True, depth + 1))


def _segments(obj: Any) -> int:
    import pypdfium2.raw as raw
    return int(raw.FPDFPath_CountSegments(obj))


def _ruling_lines(page: Any) -> tuple[list[tuple[float, float, float]],
                                      list[tuple[float, float, float]]]:
    """Horizontal (y, x0, x1) and vertical (x, y0, y1) ruling lines of a page."""
    horizontal, vertical = [], []
    for obj, (left, bottom, right, top) in _path_objects(page):
        width, height = right - left, top - bottom
        if height <= _THIN and width > _THIN:
            horizontal.append(((top + bottom) / 2, left, right))
        elif width <= _THIN and height > _THIN:
            vertical.append(((left + right) / 2, bottom, top))
        elif width > _THIN and height > _THIN:
            count = _segments(obj)
            if count in (4, 5):
                # A stroked rectangle (LibreOffice draws cell borders so): its four sides.
                horizontal += [(bottom, left, right), (top, left, right)]
                vertical += [(left, bottom, top), (right, bottom, top)]
            elif 5 < count <= _MAX_SEGMENTS:
                # A whole grid drawn as one path (move/line pairs): its straight pieces.
                _straight_segments(obj, count, horizontal, vertical)
    return horizontal, vertical


_MAX_SEGMENTS = 20_000  # a table grid has a few hundred; more is a drawing, not a table


def _straight_segments(obj: Any, count: int, horizontal: list[tuple[float, float, float]],
                       vertical: list[tuple[float, float, float]]) -> None:
    """Add the horizontal and vertical line pieces of one path object, in page space."""
    import ctypes

    import pypdfium2.raw as raw

    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, matrix):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    previous: tuple[float, float] | None = None
    for index in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        if not segment or not raw.FPDFPathSegment_GetPoint(segment, x, y):
            previous = None
            continue
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e,
                 matrix.b * x.value + matrix.d * y.value + matrix.f)
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_LINETO and previous:
            (x0, y0), (x1, y1) = previous, point
            if abs(y1 - y0) <= 0.5 and abs(x1 - x0) > _THIN:
                horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) > _THIN:
                vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        previous = point


def _covered(lines: list[tuple[float, float, float]], at: float, lo: float, hi: float) -> bool:
    """Whether a line at ``at`` (±snap) covers the middle of [lo, hi]."""
    middle = (lo + hi) / 2
    return any(abs(pos - at) <= _SNAP and a - _SNAP <= middle <= b + _SNAP for pos, a, b in lines)


def _page_table(path: str, number: int, page: Any, textpage: Any,
                budget: CellBudget) -> RawTable | None:
    horizontal, vertical = _ruling_lines(page)
    if len(horizontal) < 2 or len(vertical) < 2:
        return None
    xs = _cluster([x for x, _, _ in vertical])
    h_ys = [y for y, _, _ in horizontal]
    # A row cut by the page break has no border at the cut: the column lines
    # run on past the last horizontal line, and their end closes the row.
    lowest, highest = min(y0 for _, y0, _ in vertical), max(y1 for _, _, y1 in vertical)
    if lowest < min(h_ys) - 3 * _SNAP:
        horizontal.append((lowest, xs[0], xs[-1]))
        h_ys.append(lowest)
    if highest > max(h_ys) + 3 * _SNAP:
        horizontal.append((highest, xs[0], xs[-1]))
        h_ys.append(highest)
    ys = sorted(_cluster(h_ys), reverse=True)  # top to bottom
    if len(xs) < 2 or len(ys) < 2 or len(xs) > 60 or len(ys) > 400:
        return None
    budget.take((len(xs) - 1) * (len(ys) - 1), f"page {number}")
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    # Union-find over grid slots: a missing border joins two slots into one cell.
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not _covered(vertical, xs[c + 1], ys[r + 1], ys[r]):
                parent[find(here + 1)] = find(here)
            if r + 1 < n_rows and not _covered(horizontal, ys[r + 1], xs[c], xs[c + 1]):
                parent[find(here + n_cols)] = find(here)
    boxes: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            box = boxes.setdefault(root, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    texts: dict[int, str] = {}
    runs_on: set[int] = set()  # cells of the last row whose last line fills the cell
    slots: dict[tuple[int, int], list[_Char]] | None = None
    tail: list[_Char] | None = None
    for root, (r0, c0, r1, c1) in boxes.items():
        text = textpage.get_text_bounded(left=xs[c0], bottom=ys[r1 + 1], right=xs[c1 + 1],
                                         top=ys[r0])
        lines = [line for line in re.split(r"\r\n|\r|\n", text) if line.strip()]
        # Only where a line other than the last ends like a unit name can a break part two
        # names; and only the last row can have been cut by the page break (Chromium leaves
        # it open at the foot, LibreOffice closes it: whether it was is the next page's to say).
        last_row = r1 == n_rows - 1 and bool(lines)
        breaks = any(ends_like_a_name(line.strip()) for line in lines[:-1])
        if not last_row and not breaks:
            texts[root] = _cell_text(text)
            continue
        if breaks and slots is None:  # the page's characters, once, by grid slot
            slots = _chars_by_slot(list(page_chars(textpage)), xs, ys)
        if slots is not None:
            chars = [c for r in range(r0, r1 + 1) for k in range(c0, c1 + 1) for c in slots.get((r, k), ())]
        else:  # the last row only: its characters close the page's text
            tail = _chars_below(textpage, ys[-2]) if tail is None else tail
            chars = tail
        cell = _CellLines.of(lines, chars, (xs[c0], ys[r1 + 1], xs[c1 + 1], ys[r0]))
        texts[root] = cell.text() if breaks and cell is not None else _cell_text(text)
        if last_row and cell is not None and cell.fills(len(cell.rows) - 1, 1):
            runs_on.add(root)
    rows = []
    for r in range(n_rows):
        cells, spanned = [], []
        for c in range(n_cols):
            root = find(r * n_cols + c)
            cells.append(texts[root])
            spanned.append(boxes[root][0] < r)
        if any(cells):
            ends = tuple(find(r * n_cols + c) in runs_on for c in range(n_cols)) if r == n_rows - 1 else ()
            rows.append(RawRow(f"page {number}, row {r + 1}", tuple(cells), ("",) * n_cols,
                               tuple(spanned), ends))
    return RawTable(source=path, rows=rows) if rows else None


_Char = tuple[str, float, float, float, float]  # as pdf_unruled.page_chars gives them


def _chars_by_slot(chars: list[_Char], xs: list[float], ys: list[float],
                   ) -> dict[tuple[int, int], list[_Char]]:
    """The characters of a page by the grid slot (row, column) their middle and baseline fall in."""
    down = [-y for y in ys]  # ys run top to bottom, so descending
    out: dict[tuple[int, int], list[_Char]] = {}
    for char in chars:
        column = bisect.bisect_right(xs, (char[1] + char[2]) / 2) - 1
        row = bisect.bisect_right(down, -char[3]) - 1
        if 0 <= column < len(xs) - 1 and 0 <= row < len(ys) - 1:
            out.setdefault((row, column), []).append(char)
    return out


def _chars_below(textpage: Any, top: float) -> list[_Char]:
    """The characters under ``top`` (the top of a table's last row) that close a page's text.

    Producers write a table row by row, so its last row's characters come
    last; reading back from the end stops at a run of characters above
    ``top``, rather than asking for every character of the page. Were a row
    written out of order, lines would come back incomplete and be left unmeasured.
    """
    out: list[_Char] = []
    above = 0
    for char in page_chars(textpage, range(textpage.count_chars() - 1, -1, -1)):
        if char[3] <= top:
            out.append(char)
            above = 0
        else:
            above += 1
            if above > 32:
                break
    return out


@dataclass
class _CellLines:
    """A ruled cell's text lines with the characters that make each one.

    A line the word processor wrapped is full: its next character would not
    have fitted. A line that ends early was broken by hand, and in a unit
    cell such a break usually parts two names ("市公安局" / "市税务局"), which
    :func:`remit.loaders.units.separate_lines` then decides.
    """

    lines: list[str]  # the cell's non-blank text lines
    rows: list[list[_Char]]  # their characters, line by line
    text_right: float  # how far right the text may run
    size: float  # a character's typical height

    @classmethod
    def of(cls, lines: list[str], chars: list[_Char], box: tuple[float, float, float, float],
           ) -> _CellLines | None:
        """The cell's characters in ``box`` by baseline; None when it holds none."""
        left, bottom, right, top = box
        inside = [c for c in chars if not c[0].isspace() and left <= (c[1] + c[2]) / 2 <= right
                  and bottom <= c[3] <= top]
        if not inside:
            return None
        size = sorted(c[4] for c in inside)[len(inside) // 2]
        rows = baseline_groups(inside, size)
        # Cells are padded alike on both sides: the text may run as far right as
        # the left padding is wide.
        return cls(lines, rows, right - (min(c[1] for c in inside) - left), size)

    def fills(self, index: int, width: float) -> bool:
        """Whether line ``index`` leaves less room than ``width`` characters need (in sizes)."""
        end = max(c[2] for c in self.rows[index])
        return end + width * self.size > self.text_right - 0.25 * self.size

    def text(self) -> str:
        """The cell's text: wrapped lines joined, a line that ends short kept as a line break.

        Everything is joined when the text lines do not match the baselines
        (pdfium sometimes returns two printed lines as one).
        """
        if len(self.rows) != len(self.lines):
            return _cell_text("\n".join(self.lines))
        segments, current = [], [self.lines[0]]
        for index, (following, line) in enumerate(zip(self.rows[1:], self.lines[1:], strict=False)):
            ordered = sorted(following, key=lambda c: c[1])
            # A wrap pushes a character down with the marks it may not be parted from ("会）", "（新").
            moved = wrap_unit("".join(c[0] for c in ordered))
            # A full line may still end a name typed one a line, as wide as the cell, when
            # another whole name opens the next ("市中级人民法院" / "市司法局").
            if not self.fills(index, sum(c[2] - c[1] for c in ordered[:moved]) / self.size) or (
                    ends_like_a_name(self.lines[index].strip()) and opens_with_a_name(line.strip())):
                segments.append(current)
                current = []
            current.append(line)
        segments.append(current)
        return "\n".join(_cell_text("\n".join(segment)) for segment in segments)


def read_pdf_tables(path: str, data: bytes) -> list[RawTable]:
    """Read the task tables of a PDF, one :class:`RawTable` per page that has one.

    A page with ruling lines is read by its grid; a page without them, by
    the positions of its text under a header row
    (:mod:`remit.loaders.pdf_unruled`).

    Raises
    ------
    UnreadableFileError
        For an encrypted, damaged or text-less (scanned) PDF.

    Examples
    --------
    >>> read_pdf_tables("list.pdf", b"%PDF-1.7 not really")
    Traceback (most recent call last):
    ...
    remit.errors.UnreadableFileError: list.pdf: not a readable PDF (damaged or not a PDF)
    """
    tables: list[RawTable] = []
    budget = CellBudget(path)  # all pages together are one table to remit.loaders.table
    unruled: Columns | None = None  # the columns of an unruled table running on from a page before
    with _open(path, data) as document:
        for number, page, textpage in _page_texts(path, document):
            table = _page_table(path, number, page, textpage, budget)
            if table is None:
                table, unruled = unruled_page_table(path, number, textpage,
                                                    textpage.get_text_range(), unruled)
                if table is not None:
                    budget.take(len(table.rows) * len(table.rows[0].cells), f"page {number}")
            else:
                unruled = None
            if table is not None:
                tables.append(table)
    return tables


def read_pdf_lines(path: str, data: bytes) -> list[TextLine]:
    """The paragraphs of a PDF's text layer, for the prose reader.

    Lines are joined into paragraphs, across page breaks too: a line ends
    its paragraph where it is clearly shorter than the page's full lines
    (and ends with closing punctuation), or where the next line opens a
    numbered item or a 牵头单位：/责任单位： field. Page numbers are dropped.

    Examples
    --------
    >>> import io, pypdfium2
    >>> blank = pypdfium2.PdfDocument.new(); _ = blank.new_page(595, 842)
    >>> buffer = io.BytesIO(); blank.save(buffer)
    >>> try:
    ...     read_pdf_lines("scan.pdf", buffer.getvalue())
    ... except UnreadableFileError as error:
    ...     print(error.message[:49])
    the PDF has no text layer (a scan); run OCR on it
    """
    pages: list[tuple[int, list[str]]] = []
    with _open(path, data) as document:
        for number, _page, textpage in _page_texts(path, document):
            raw_lines = [_HAN_GAP.sub("", fix_radicals(line)).strip() for line in
                         textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                         .split("\n")]
            pages.append((number, [line for line in raw_lines
                                   if line and not _is_page_furniture(line)]))
    kept = drop_running_lines([lines for _, lines in pages])
    return _paragraphs([(number, lines) for (number, _), lines in zip(pages, kept, strict=True)])


def _paragraphs(pages: list[tuple[int, list[str]]]) -> list[TextLine]:
    """Join the wrapped lines of every page into paragraphs."""
    out: list[TextLine] = []
    paragraph: list[str] = []
    where = ""
    for page, lines in pages:
        full = max((len(line) for line in lines), default=0)
        for index, line in enumerate(lines, start=1):
            if paragraph and _NUMBERED.match(line):
                out.append(TextLine(where, "".join(paragraph)))
                paragraph = []
            if not paragraph:
                where = f"page {page}, line {index}"
            paragraph.append(line)
            if len(line) < 0.5 * full or (len(line) < 0.8 * full and line[-1] in _CLOSING):
                out.append(TextLine(where, "".join(paragraph)))
                paragraph = []
    if paragraph:
        out.append(TextLine(where, "".join(paragraph)))
    return out
