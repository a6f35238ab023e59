"""Old Word and WPS documents (.doc, .wps): converted to .docx by LibreOffice, then read.

LibreOffice (``soffice``) is the only maintained reader of these binary
formats. It runs headless in a private temporary profile, so that a
LibreOffice the user has open is not disturbed, and its output is read and
thrown away: nothing is left beside the input.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from remit.errors import UnreadableFileError
from remit.loaders.raw import RawTable
from remit.loaders.textlines import TextLine

__all__ = ["convert_with_soffice", "find_soffice", "read_doc_lines", "read_doc_tables"]

_TIMEOUT = 180  # seconds; a large document converts in a few


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None.

    Examples
    --------
    >>> find_soffice() is None or find_soffice().endswith(("soffice", "libreoffice"))
    True
    """
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(path: str, data: bytes, target: str) -> bytes:
    """Convert ``data`` (the file ``path``) to ``target`` ("docx", "xlsx") with LibreOffice.

    Raises
    ------
    UnreadableFileError
        When LibreOffice is not installed, fails, or times out.
    """
    soffice = find_soffice()
    suffix = Path(path).suffix.lower() or ".doc"
    if soffice is None:
        raise UnreadableFileError(path, f"an old Office/WPS file ({suffix}) needs LibreOffice to "
                                  "read; install it (Debian/Ubuntu: apt-get install "
                                  "libreoffice-writer-nogui libreoffice-calc-nogui) or save the "
                                  f"file as .{target}")
    with tempfile.TemporaryDirectory(prefix="remit-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", target,
                   "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise UnreadableFileError(path, f"LibreOffice did not convert the file within "
                                      f"{_TIMEOUT} s") from None
        except OSError as exc:
            raise UnreadableFileError(path, f"LibreOffice could not be started ({exc.strerror})"
                                      ) from None
        produced = folder / "out" / f"input.{target}"
        if not produced.exists():
            raise UnreadableFileError(path, f"LibreOffice could not convert this {suffix} file "
                                      "(damaged or password-protected?)")
        return produced.read_bytes()


def _docx_bytes(path: str, data: bytes, cache: dict[str, object] | None) -> bytes:
    if cache is not None and "docx" in cache:
        return cache["docx"]  # type: ignore[return-value]
    from remit.loaders.limits import check_zip_bytes

    converted = convert_with_soffice(path, data, "docx")
    check_zip_bytes(path, converted)  # the conversion is a ZIP package like any other
    if cache is not None:
        cache["docx"] = converted
    return converted


def read_doc_tables(path: str, data: bytes,
                    cache: dict[str, object] | None = None) -> list[RawTable]:
    """The tables of a .doc/.wps document, read after conversion to .docx."""
    from remit.loaders.docx import read_docx
    return read_docx(path, _docx_bytes(path, data, cache))


def read_doc_lines(path: str, data: bytes,
                   cache: dict[str, object] | None = None) -> list[TextLine]:
    """The paragraphs of a .doc/.wps document, read after conversion to .docx."""
    from remit.loaders.docx import read_docx_lines
    return read_docx_lines(path, _docx_bytes(path, data, cache))
