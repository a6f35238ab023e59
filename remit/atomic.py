"""Write files and folders so that an interrupted run leaves nothing half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from remit.errors import OutputError

__all__ = ["MARKER", "atomic_dir", "atomic_file", "write_text_atomic"]

# Left in every folder remit writes, so that a later run knows the folder is
# its own to replace, and never replaces a folder of the user's.
MARKER = ".remit-output"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _chmod_default(path: str | Path, directory: bool) -> None:
    # mkstemp/mkdtemp create private (0600/0700) entries; a report is meant
    # to be shared, so give it the permissions a plain open() would.
    os.chmod(path, (0o777 if directory else 0o666) & ~_umask())


@contextmanager
def atomic_file(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator:
    """Open a temporary file beside ``path``; rename it over ``path`` on success.

    On an exception the temporary file is removed and any earlier ``path``
    stays as it was.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_file(target) as fh:
    ...     _ = fh.write("完成")
    >>> target.read_text(encoding="utf-8")
    '完成'
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(str(target), "is a folder; expected a file name to write")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise OutputError(str(target), f"cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
        _chmod_default(tmp, directory=False)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    with atomic_file(path) as handle:
        handle.write(text)


@contextmanager
def atomic_dir(path: str | Path) -> Iterator[Path]:
    """Build a folder in a temporary sibling; swap it in for ``path`` on success.

    An interrupted run leaves the earlier folder intact. The swap is two
    renames, so a reader never sees a half-filled folder. Only an empty
    folder, or one that remit wrote (it holds :data:`MARKER`), is replaced:
    anything else is the user's, and is refused.
    """
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputError(str(target), "is a file; expected a folder to write the report into")
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise OutputError(str(target), "is a folder remit did not write; name a new or empty "
                          "folder, or an earlier report")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent))
    except OSError as exc:
        raise OutputError(str(target), f"cannot write here ({exc.strerror or exc})") from None
    _chmod_default(work, directory=True)
    (work / MARKER).write_text("written by remit; this folder is replaced by the next run\n",
                               encoding="utf-8")
    try:
        yield work
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
