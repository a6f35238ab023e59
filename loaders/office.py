"""Old Word and WPS documents (.doc, .wps): converted to .docx by LibreOffice, then read.

LibreOffice (``soffice``) is the only maintained reader of these binary
formats. It runs headless in a private temporary profile, so that a
LibreOffice the user has open is not disturbed, and its output is read and
thrown away: nothing is left beside the input. A document from a stranger
must not reach the network or outlive remit:

- the profile sends every HTTP, HTTPS and FTP request to a proxy at
  127.0.0.1:9, where nothing answers, so a linked image is never fetched
  (LibreOffice 7.4 fetched one while converting a .doc, even with its
  ``BlockUntrustedRefererLinks`` "stealth mode" on, which is set too); where
  the platform allows, LibreOffice also runs in a network namespace of its own
  (``unshare -n``), which has no network at all;
- LibreOffice runs in a session (process group) of its own; on a timeout,
  an error, Ctrl-C or SIGTERM the whole group is killed (``soffice.bin``
  too, not just the launcher) and the temporary folder removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from remit.atomic import terminate_as_exit
from remit.errors import UnreadableFileError
from remit.loaders.raw import RawTable
from remit.loaders.textlines import TextLine

__all__ = ["convert_with_soffice", "find_soffice", "no_network_prefix", "read_doc_lines",
           "read_doc_tables"]

_TIMEOUT = 180  # seconds; a large document converts in a few

#: Settings of the private profile: remote content off (see the module docstring).
_PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""
_SETTINGS = [("Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
             ("Inet/Settings", "ooInetProxyType", "2"),  # 2: the proxies below, for every host
             ("Inet/Settings", "ooInetNoProxy", ""),
             *[("Inet/Settings", f"ooInet{scheme}Proxy{key}", value)
               for scheme in ("HTTP", "HTTPS", "FTP") for key, value in (("Name", "127.0.0.1"),
                                                                        ("Port", "9"))]]


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None.

    Examples
    --------
    >>> find_soffice() is None or find_soffice().endswith(("soffice", "libreoffice"))
    True
    """
    return shutil.which("soffice") or shutil.which("libreoffice")


@lru_cache(maxsize=1)
def no_network_prefix() -> tuple[str, ...]:
    """The command that runs a program without network here: ``unshare -n``, ``-rn``, or none.

    ``unshare -n`` needs privileges; ``unshare -rn`` needs unprivileged user
    namespaces. Each is tried once (``unshare … true``); where neither works
    (no util-linux, a container that forbids namespaces, macOS), LibreOffice
    runs as it is and only its proxy settings keep it off the network.

    Examples
    --------
    >>> no_network_prefix() in ((), ("unshare", "-n"), ("unshare", "-rn"))
    True
    """
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    for flags in ("-n", "-rn"):
        try:
            subprocess.run([unshare, flags, "true"], capture_output=True, timeout=10, check=True)
        except (OSError, subprocess.SubprocessError):
            continue
        return ("unshare", flags)
    return ()


def _write_profile(profile: Path) -> None:
    items = "\n".join(f'<item oor:path="/org.openoffice.{path}"><prop oor:name="{name}" '
                      f'oor:op="fuse"><value>{value}</value></prop></item>'
                      for path, name, value in _SETTINGS)
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        _PROFILE_SETTINGS.format(items=items), encoding="utf-8")


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill every process of the session LibreOffice was started in, then reap the launcher."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the whole group has ended already
    process.wait()


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
    with terminate_as_exit():  # SIGTERM unwinds through the cleanup below
        folder = Path(tempfile.mkdtemp(prefix="remit-soffice-"))
        process: subprocess.Popen[bytes] | None = None
        try:
            source = folder / f"input{suffix}"
            source.write_bytes(data)
            _write_profile(folder / "profile")
            command = [*no_network_prefix(), soffice,
                       f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                       "--headless", "--norestore", "--convert-to", target,
                       "--outdir", str(folder / "out"), str(source)]
            try:
                process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                           start_new_session=True)
                process.wait(timeout=_TIMEOUT)
            except subprocess.TimeoutExpired:
                raise UnreadableFileError(path, f"LibreOffice did not convert the file within "
                                          f"{_TIMEOUT} s") from None
            except OSError as exc:
                raise UnreadableFileError(path, f"LibreOffice could not be started "
                                          f"({exc.strerror})") from None
            produced = folder / "out" / f"input.{target}"
            if not produced.exists():
                raise UnreadableFileError(path, f"LibreOffice could not convert this {suffix} "
                                          "file (damaged or password-protected?)")
            return produced.read_bytes()
        finally:
            if process is not None:
                _kill_group(process)
            shutil.rmtree(folder, ignore_errors=True)


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
