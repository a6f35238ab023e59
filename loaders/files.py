"""Open an input file: check it exists, pick its reader, decode its text."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from remit.errors import UnreadableFileError
from remit.loaders.limits import check_zip_bytes, read_input_bytes
from remit.loaders.raw import RawTable
from remit.loaders.textlines import TextLine

__all__ = ["InputDocument", "decode_text", "open_input", "read_lines", "read_tables",
           "sniff_format"]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PDF_MAGIC = b"%PDF-"
FORMATS = ("markdown", "html", "xlsx", "csv", "docx", "pdf", "xls", "doc")
_BY_SUFFIX = {".md": "markdown", ".markdown": "markdown", ".txt": "markdown",
              ".html": "html", ".htm": "html", ".xhtml": "html",
              ".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "csv",
              ".docx": "docx", ".pdf": "pdf", ".xls": "xls", ".et": "xls", ".doc": "doc",
              ".wps": "doc"}


def decode_text(data: bytes, path: str) -> str:
    """Decode a text file in UTF-8 (with or without BOM), UTF-16 or GB18030.

    The encoding is detected, never asked for: a BOM decides; otherwise
    strict UTF-8 is tried first, since GB18030 would also accept most UTF-8
    byte strings as garbage.

    Examples
    --------
    >>> decode_text("牵头单位".encode("gbk"), "x.csv")
    '牵头单位'
    >>> decode_text(codecs.BOM_UTF8 + "序号".encode(), "x.csv")
    '序号'
    """
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(path, f"the file starts with a byte-order mark but is not valid "
                                  f"{exc.encoding.upper()} (byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise UnreadableFileError(path, "this is a binary file, not a text table; expected "
                                  "Markdown, HTML, CSV, xlsx or docx")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError(path, "cannot decode the text as UTF-8 or GB18030/GBK")


def _zip_format(data: bytes) -> str | None:
    """``xlsx`` or ``docx`` by the parts inside an Office ZIP package, else None."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff_format(path: Path, head: bytes) -> str:
    """Return the reader for a file, from its content first and its suffix second.

    ``head`` is the start of the file, or all of it: with all of a ZIP
    package, a .docx saved as .xlsx (or the other way round) is still read
    by the right reader.

    Examples
    --------
    >>> sniff_format(Path("list.htm"), b"<html><table>")
    'html'
    >>> sniff_format(Path("list"), "| 序号 | 改革措施 |".encode())
    'markdown'
    """
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        found = _zip_format(head)
        if found is not None:
            return found
        if suffix in (".xlsx", ".xlsm", ".docx"):
            return _BY_SUFFIX[suffix]
        raise UnreadableFileError(str(path), "a ZIP file that is neither .xlsx nor .docx; "
                                  "expected Markdown, HTML, CSV, xlsx or docx")
    if head.startswith(_OLE_MAGIC):
        return _ole_format(head, suffix)
    if head.lstrip()[:1024].find(_PDF_MAGIC) == 0 or head.startswith(_PDF_MAGIC):
        return "pdf"
    if suffix == ".pdf":
        raise UnreadableFileError(str(path), "not a PDF file (it does not start with %PDF-)")
    if suffix in (".xlsx", ".xlsm", ".docx"):
        raise UnreadableFileError(str(path), f"not a valid {suffix} file (it is not a ZIP "
                                  "package)")
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    lowered = head[:4096].lower()
    if b"<table" in lowered or b"<html" in lowered:
        return "html"
    return "markdown"


def _ole_format(data: bytes, suffix: str) -> str:
    """``xls`` or ``doc`` for an old binary Office (OLE2) file, by its streams."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"  # an xlsx/docx saved with a password is wrapped in OLE2
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return "xls"
    return {".doc": "doc", ".wps": "doc", ".xls": "xls", ".et": "xls"}.get(suffix, "xls")


def _reader(fmt: str) -> Callable[[str, bytes], list[RawTable]]:
    # Imported on demand: a Markdown user never pays for openpyxl or docx.
    if fmt == "markdown":
        from remit.loaders.markdown import read_markdown
        return lambda path, data: read_markdown(path, decode_text(data, path))
    if fmt == "html":
        from remit.loaders.html import read_html
        return lambda path, data: read_html(path, decode_text(data, path))
    if fmt == "csv":
        from remit.loaders.csvfile import read_csv
        return lambda path, data: read_csv(path, decode_text(data, path))
    if fmt == "xlsx":
        from remit.loaders.xlsx import read_xlsx
        return read_xlsx
    if fmt == "docx":
        from remit.loaders.docx import read_docx
        return read_docx
    if fmt == "pdf":
        from remit.loaders.pdf import read_pdf_tables
        return read_pdf_tables
    if fmt == "xls":
        from remit.loaders.xls import read_xls
        return read_xls
    if fmt == "doc":
        from remit.loaders.office import read_doc_tables
        return read_doc_tables
    if fmt == "encrypted":
        def refuse(path: str, data: bytes) -> list[RawTable]:
            raise UnreadableFileError(path, "the file is password-protected (encrypted); "
                                      "remove the password and save it again")
        return refuse
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


class InputDocument:
    """An opened input file: its name, its bytes and its format."""

    def __init__(self, name: str, data: bytes, fmt: str, suffix: str) -> None:
        self.name, self.data, self.fmt, self.suffix = name, data, fmt, suffix
        self.cache: dict[str, object] = {}  # conversions shared by tables and text


def open_input(path: str | Path, max_input_size: int | str | None = None) -> InputDocument:
    """Check that ``path`` is a readable, non-empty file and sniff its format.

    ``max_input_size`` (bytes, or a size such as ``"200M"``) is the largest file read;
    by default ``REMIT_MAX_INPUT_SIZE`` or 64 MiB (:func:`remit.loaders.limits.max_input_bytes`).

    Raises
    ------
    UnreadableFileError
        When the path does not exist, is a folder, is not a regular file, is
        over the size limit, is empty, or cannot be decoded; or when a ZIP
        package would inflate past the limits (:mod:`remit.loaders.limits`).
    """
    name = str(path)
    file = Path(path)
    data = read_input_bytes(name, max_input_size)  # refuses FIFOs, devices and files over the size cap
    if not data.strip():
        raise UnreadableFileError(name, "the file is empty; expected a task table")
    head = data if data.startswith((_ZIP_MAGIC, _OLE_MAGIC)) else data[:8192]
    if data.startswith(_ZIP_MAGIC):
        check_zip_bytes(name, data)  # before any reader inflates a part
    return InputDocument(name, data, sniff_format(file, head), file.suffix.lower())


def tables_of(doc: InputDocument) -> list[RawTable]:
    """Every table of an opened input file."""
    if doc.fmt == "doc":
        from remit.loaders.office import read_doc_tables
        return read_doc_tables(doc.name, doc.data, doc.cache)
    tables = _reader(doc.fmt)(doc.name, doc.data)
    if doc.fmt == "markdown" and not tables and doc.suffix != ".md":
        # A .txt (or suffix-less) file without pipe tables may be a CSV/TSV export.
        tables = _reader("csv")(doc.name, doc.data)
    return tables


def read_tables(path: str | Path, max_input_size: int | str | None = None) -> list[RawTable]:
    """Read every table of one input file (no larger than ``max_input_size``, as for :func:`open_input`).

    Raises
    ------
    UnreadableFileError
        When the path does not exist, is a folder, is empty, or cannot be
        decoded.
    """
    return tables_of(open_input(path, max_input_size))


def read_lines(doc: InputDocument) -> list[TextLine] | None:
    """The running text of an opened file, for the prose reader; None for spreadsheets."""
    from remit.loaders import textlines
    if doc.fmt == "html":
        return textlines.html_lines(decode_text(doc.data, doc.name))
    if doc.fmt == "markdown":
        return textlines.markdown_lines(decode_text(doc.data, doc.name))
    if doc.fmt == "docx":
        from remit.loaders.docx import read_docx_lines
        return read_docx_lines(doc.name, doc.data)
    if doc.fmt == "doc":
        from remit.loaders.office import read_doc_lines
        return read_doc_lines(doc.name, doc.data, doc.cache)
    if doc.fmt == "pdf":
        from remit.loaders.pdf import read_pdf_lines
        return read_pdf_lines(doc.name, doc.data)
    return None
