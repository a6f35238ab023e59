"""Check a PDF's structure before pdfium loads a page of it.

pdfium parses a whole page when it loads it: every content stream is
inflated in full, and every form XObject the page draws is parsed again
each time it is drawn. Neither can be stopped half-way, so a 5 KB file
whose form draws the form below it twice, 22 levels deep (2^22 draws), took
3.8 GB, and a 3 MB stream of zeros inflated to 3.2 GB; both ended in an
abort without a word. This module reads the file's objects itself first
(cheaply: only Flate streams are inflated, chunk by chunk, and only counted)
and refuses, with one line naming the page, a PDF where

- one stream inflates to more than :data:`~remit.loaders.limits.MAX_PDF_STREAM_BYTES`,
  or all of them together to more than :data:`~remit.loaders.limits.MAX_PDF_INFLATED_BYTES`;
- one page would draw more than :data:`~remit.loaders.limits.MAX_PDF_PAGE_OBJECTS`
  objects (paths, text runs, images and forms, each form counted as often
  as it is drawn).

The reading is lenient: what it cannot parse it leaves to pdfium, which
reports a damaged file in its own words.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from remit.errors import UnreadableFileError
from remit.loaders.limits import MAX_PDF_INFLATED_BYTES, MAX_PDF_PAGE_OBJECTS, MAX_PDF_STREAM_BYTES

__all__ = ["check_pdf_structure"]

_OBJ = re.compile(rb"(\d{1,10})\s+\d{1,10}\s+obj(?![A-Za-z0-9])")
_REF = re.compile(rb"(\d{1,10})\s+\d+\s+R\b")
_NAMED_REF = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*(\d{1,10})\s+\d+\s+R\b")
_LENGTH = re.compile(rb"/Length\s+(\d{1,10})(?!\d|\s+\d+\s+R)")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]()<>{}%]+)")
_NAME = re.compile(rb"/([^\s/\[\]()<>{}%]+)")
_INT = re.compile(rb"/(N|First)\s+(\d{1,10})")
# Operators that make a page object: text shown, paths painted, shadings, inline images, forms drawn.
_PAINTS = re.compile(rb"[\s)\]>](?:Tj|TJ|'|\"|S|s|f\*?|F|B\*?|b\*?|sh|BI|Do)(?=[\s/\[(<%])")
_BRACKETS = re.compile(rb"<<|>>")
_DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do(?=[\s/\[(<%]|$)")
# References that lead away from what a page draws: up the page tree, to annotations, thumbnails.
_NOT_DRAWN = re.compile(rb"/(?:Parent|Annots|Thumb|B|P|StructParents|Metadata)\s*"
                        rb"(?:\d+\s+\d+\s+R|\[[^\]]*\])")
_CHUNK = 1 << 20
_MAX_DEPTH = 64  # forms inside forms followed this deep (pdfium itself stops sooner)


class _TooLarge(Exception):
    """A stream inflated past its cap."""


@dataclass(slots=True)
class _Object:
    head: bytes  # the dictionary (or the whole object when it has no stream)
    stream: tuple[int, int] | None = None  # where its stream data lies in the file
    size: int = 0  # inflated bytes of a stream remit may draw (not an image)
    paints: int | None = None  # objects its operators make, once counted
    draws: Counter[bytes] | None = None  # how often it draws each named form (None: never)
    names: dict[bytes, int] | None = None  # its own /Resources /XObject, once read


def _inflate(data: bytes, cap: int) -> bytes:
    """Inflate ``data`` chunk by chunk; raise :class:`_TooLarge` past ``cap`` bytes.

    A damaged stream gives what inflated before the damage, as pdfium reads it.
    """
    inflater = zlib.decompressobj()
    parts, size, pending = [], 0, data
    try:
        while True:
            part = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            size += len(part)
            if size > cap:
                raise _TooLarge
            parts.append(part)
            if inflater.eof or (not part and not pending):
                break
    except zlib.error:
        pass
    return b"".join(parts)


def _decode(head: bytes, raw: bytes, cap: int) -> bytes | None:
    """The stream's data after its filters, or None for filters left to pdfium (images…)."""
    match = _FILTER.search(head)
    filters = _NAME.findall(match.group(1)) if match else []
    data = raw
    for name in filters:
        if name in (b"FlateDecode", b"Fl"):
            data = _inflate(data, cap)
        elif name in (b"ASCIIHexDecode", b"AHx"):
            hexes = re.sub(rb"[^0-9A-Fa-f]", b"", data.split(b">")[0])
            data = binascii.unhexlify(hexes + b"0" * (len(hexes) % 2))
        elif name in (b"ASCII85Decode", b"A85"):
            text = re.sub(rb"\s", b"", data.split(b"~>")[0]).removeprefix(b"<~")
            try:
                data = base64.a85decode(text)
            except ValueError:
                return None
        else:
            return None
    return data


def _read_objects(data: bytes) -> dict[int, _Object]:
    """Every ``N G obj`` of the file, with where its stream lies; later ones win (updates)."""
    objects: dict[int, _Object] = {}
    position = 0
    while (keyword := data.find(b"obj", position)) >= 0:
        # Found by its keyword first: far faster than a regular expression over the whole file.
        match = _OBJ.search(data, max(keyword - 24, position), keyword + 4)
        if match is None or match.end() != keyword + 3:
            position = keyword + 3
            continue
        number, start = int(match.group(1)), match.end()
        end = data.find(b"endobj", start)
        stream = data.find(b"stream", start, end if end >= 0 else len(data))
        if stream < 0:
            objects[number] = _Object(data[start:end if end >= 0 else len(data)])
            position = end + 6 if end >= 0 else len(data)
            continue
        head = data[start:stream]
        begin = stream + 6 + (2 if data[stream + 6:stream + 8] == b"\r\n" else 1)
        length = _LENGTH.search(head)
        stop = begin + int(length.group(1)) if length else -1
        if not 0 <= stop <= len(data) or data.find(b"endstream", stop, stop + 32) < 0:
            stop = data.find(b"endstream", begin)
            stop = len(data) if stop < 0 else stop
        objects[number] = _Object(head, (begin, stop))
        position = stop
    return objects


def _unpack_object_streams(path: str, data: bytes, objects: dict[int, _Object],
                           budget: list[int]) -> None:
    """Add the objects kept compressed in object streams (/Type /ObjStm)."""
    for number, obj in list(objects.items()):
        if obj.stream is None or b"/ObjStm" not in obj.head:
            continue
        try:
            content = _decode(obj.head, data[obj.stream[0]:obj.stream[1]], MAX_PDF_STREAM_BYTES)
        except _TooLarge:
            raise _too_large(path, f"object {number}") from None
        except ValueError:
            continue
        if content is None:
            continue
        budget[0] += len(content)
        ints = dict(_INT.findall(obj.head))
        first, count = int(ints.get(b"First", b"0")), int(ints.get(b"N", b"0"))
        numbers = [int(n) for n in re.findall(rb"\d{1,10}", content[:first])][: 2 * count]
        pairs = list(zip(numbers[::2], numbers[1::2], strict=False))
        for index, (number, offset) in enumerate(pairs):
            following = pairs[index + 1][1] if index + 1 < len(pairs) else len(content) - first
            objects.setdefault(number, _Object(content[first + offset:first + following]))


def _body(objects: dict[int, _Object], text: bytes, key: bytes) -> bytes:
    """The value of ``/key`` in ``text``: an inline ``<< … >>`` or the object it refers to."""
    match = re.search(rb"/" + key + rb"\s*(?:(\d{1,10})\s+\d+\s+R|<<)", text)
    if match is None:
        return b""
    if match.group(1):
        target = objects.get(int(match.group(1)))
        return target.head if target is not None else b""
    depth = 1
    for bracket in _BRACKETS.finditer(text, match.end()):
        depth += 1 if bracket.group() == b"<<" else -1
        if not depth:
            return text[match.end():bracket.start()]
    return text[match.end():]


def _xobjects(objects: dict[int, _Object], head: bytes) -> dict[bytes, int]:
    """Name → object number of the forms and images in the /Resources of ``head``."""
    resources = _body(objects, head, b"Resources")
    return {name: int(number) for name, number in _NAMED_REF.findall(_body(objects, resources,
                                                                            b"XObject"))}


def _pages(objects: dict[int, _Object], data: bytes) -> list[tuple[int, dict[bytes, int]]]:
    """The pages in order, each with the forms its resources name (inherited ones too)."""
    root = re.findall(rb"/Root\s+(\d{1,10})\s+\d+\s+R", data)
    catalog = objects.get(int(root[-1])) if root else None
    pages_ref = re.search(rb"/Pages\s+(\d{1,10})\s+\d+\s+R", catalog.head) if catalog else None
    out: list[tuple[int, dict[bytes, int]]] = []
    stack: list[tuple[int, dict[bytes, int]]] = [(int(pages_ref.group(1)), {})] if pages_ref else []
    seen: set[int] = set()
    while stack and len(out) < 100_000:
        number, inherited = stack.pop()
        node = objects.get(number)
        if node is None or number in seen:
            continue
        seen.add(number)
        names = {**inherited, **_xobjects(objects, node.head)}
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", node.head)
        if kids is None:
            out.append((number, names))
        else:
            stack.extend((int(n), names) for n in reversed(_REF.findall(kids.group(1))))
    return out


def _page_of(objects: dict[int, _Object], pages: list[tuple[int, dict[bytes, int]]],
             target: int) -> int | None:
    """The number (from 1) of the first page that draws object ``target``, if any."""
    for index, (number, _) in enumerate(pages, start=1):
        todo, seen = [number], {number}
        while todo:
            current = todo.pop()
            if current == target:
                return index
            obj = objects.get(current)
            for ref in _REF.findall(_NOT_DRAWN.sub(b"", obj.head)) if obj is not None else ():
                if int(ref) not in seen:
                    seen.add(int(ref))
                    todo.append(int(ref))
    return None


def _where(objects: dict[int, _Object], pages: list[tuple[int, dict[bytes, int]]],
           number: int) -> str:
    page = _page_of(objects, pages, number)
    return f"page {page}" if page is not None else f"object {number}"


def _weigh(objects: dict[int, _Object], number: int, names: dict[bytes, int],
           paints: Callable[[_Object], int], memo: dict[int, int], busy: set[int]) -> int:
    """Objects drawn by stream ``number``, forms counted as often as drawn (capped past the limit).

    ``paints`` says how many objects one stream makes by itself: an upper
    bound from its size first, then, for a page over the limit, the count.
    """
    if number in memo:
        return memo[number]
    obj = objects.get(number)
    if obj is None or number in busy:
        return 0  # pdfium does not draw a form inside itself
    if len(busy) > _MAX_DEPTH:
        return 1  # pdfium stops far sooner; counted as one draw, and the stack stays small
    busy.add(number)
    own = names
    if b"/Resources" in obj.head:
        if obj.names is None:
            obj.names = _xobjects(objects, obj.head)
        own = obj.names
    total = paints(obj)
    for name, times in (obj.draws or {}).items():
        if name in own and total <= MAX_PDF_PAGE_OBJECTS:
            total += times * _weigh(objects, own[name], own, paints, memo, busy)
    busy.discard(number)
    memo[number] = min(total, MAX_PDF_PAGE_OBJECTS + 1)
    return memo[number]


def _page_weight(objects: dict[int, _Object], page: _Object, names: dict[bytes, int],
                 paints: Callable[[_Object], int]) -> int:
    contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d{1,10}\s+\d+\s+R)", page.head)
    memo: dict[int, int] = {}
    return sum(_weigh(objects, int(ref), names, paints, memo, set())
               for ref in (_REF.findall(contents.group(1)) if contents else ()))


def _too_large(path: str, where: str) -> UnreadableFileError:
    return UnreadableFileError(path, f"a stream of the PDF inflates to more than "
                               f"{MAX_PDF_STREAM_BYTES >> 20} MiB (a Flate bomb?); this is not a "
                               "task list", row=where)


def check_pdf_structure(path: str, data: bytes) -> None:
    """Refuse a PDF whose pages would inflate or draw far too much; see the module docstring.

    Raises
    ------
    UnreadableFileError
        Naming the page (or, for a stream no page draws, the object).

    Examples
    --------
    >>> import zlib
    >>> bomb = zlib.compress(b" " * (70 << 20), 9)
    >>> pages = (b"%PDF-1.7\\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\\n"
    ...          b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\\n"
    ...          b"3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\\n")
    >>> stream = b"4 0 obj << /Filter /FlateDecode /Length %d >>\\nstream\\n" % len(bomb)
    >>> pdf = pages + stream + bomb + b"\\nendstream endobj\\ntrailer << /Root 1 0 R >>\\n"
    >>> check_pdf_structure("bomb.pdf", pdf)
    Traceback (most recent call last):
    ...
    remit.errors.UnreadableFileError: bomb.pdf, page 1: a stream of the PDF inflates to more than 64 MiB ...
    """
    objects = _read_objects(data)
    inflated = [0]
    _unpack_object_streams(path, data, objects, inflated)
    pages = _pages(objects, data)
    for number, obj in objects.items():
        if obj.stream is None or b"/ObjStm" in obj.head:
            continue
        try:
            content = _decode(obj.head, data[obj.stream[0]:obj.stream[1]], MAX_PDF_STREAM_BYTES)
        except _TooLarge:
            raise _too_large(path, _where(objects, pages, number)) from None
        except ValueError:  # binascii.Error too
            continue
        if content is None:
            continue
        inflated[0] += len(content)
        if inflated[0] > MAX_PDF_INFLATED_BYTES:
            raise UnreadableFileError(path, f"the streams of the PDF inflate to more than "
                                      f"{MAX_PDF_INFLATED_BYTES >> 20} MiB in all; this is not a "
                                      "task list", row=_where(objects, pages, number))
        if b"/Image" not in obj.head:
            obj.size = len(content)
            if b"Do" in content:
                obj.draws = Counter(_DRAWS.findall(content))

    def counted(obj: _Object) -> int:
        if obj.paints is None:
            assert obj.stream is not None
            content = _decode(obj.head, data[obj.stream[0]:obj.stream[1]], MAX_PDF_STREAM_BYTES)
            obj.paints = len(_PAINTS.findall(b" " + (content or b"") + b" "))
        return obj.paints

    def bound(obj: _Object) -> int:
        return obj.size // 2  # an operator and the white space after it

    for index, (number, names) in enumerate(pages, start=1):
        page = objects[number]
        # Counting operators costs; most pages are far under the limit by their size alone.
        if _page_weight(objects, page, names, bound) <= MAX_PDF_PAGE_OBJECTS:
            continue
        if _page_weight(objects, page, names, counted) > MAX_PDF_PAGE_OBJECTS:
            raise UnreadableFileError(path, f"the page draws more than {MAX_PDF_PAGE_OBJECTS:,} "
                                      "objects (forms drawn inside forms: a fan-out bomb?); this "
                                      "is not a task list", row=f"page {index}")
