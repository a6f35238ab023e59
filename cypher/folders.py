"""The user's own folders and files for remit's databases: where they are, private, locked.

Everything remit keeps between commands lives under :func:`data_dir`. Each
folder is created 0700, and a folder or file that belongs to another user or
that others may write is refused in one line, as ssh refuses such a
``~/.ssh``: another local user who could write there could plant the
password a new ``remit serve`` adopts, or a state file that makes ``remit
cypher`` send a password to a port of theirs. A database folder is used by
one process at a time: an exclusive lock on ``.remit.lock`` guards it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path
from typing import Any

from remit.errors import GraphStoreError
from remit.locks import FileLock, Locked

__all__ = ["DATABASE", "FolderLock", "check_private", "data_dir", "data_folder", "database_folders",
           "ensure_folder", "write_private"]

#: The database in every folder: ``databases/remit``.
DATABASE = "remit"
LOCK = ".remit.lock"


def data_dir() -> Path:
    """Where remit keeps databases: ``REMIT_DATA_DIR``, else the user data folder.

    Examples
    --------
    >>> str(_data_dir({"REMIT_DATA_DIR": "/srv/remit"}))
    '/srv/remit'
    """
    return _data_dir(os.environ)


def _data_dir(env: Any) -> Path:
    if env.get("REMIT_DATA_DIR"):
        return Path(env["REMIT_DATA_DIR"])
    import platformdirs

    return Path(platformdirs.user_data_dir("remit", appauthor=False))


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the user only (0600), replacing it atomically.

    Raises
    ------
    GraphStoreError
        One line naming the file when it cannot be written (a full disk, say).
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    except OSError as exc:
        raise GraphStoreError(f"{path}: cannot write ({_reason(exc)})") from None


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def check_private(path: Path, what: str) -> os.stat_result:
    """Refuse ``path`` unless this user owns it and nobody else may write it, as ssh does.

    Another local user who could write remit's folders or files could plant
    the password a server adopts, or a state file that sends a password to a
    port of theirs.

    Raises
    ------
    GraphStoreError
        One line naming the path.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = check_private(folder, "database folder")
    >>> folder.chmod(0o777)
    >>> try:
    ...     check_private(folder, "database folder")
    ... except GraphStoreError as exc:
    ...     print(str(exc).partition(": ")[2])
    the database folder is writable by other users (mode 777); remit will not use it (chmod go-w it)
    >>> folder.rmdir()
    """
    try:
        info = os.stat(path)  # as ssh: what a symlink points to counts
    except OSError as exc:
        raise GraphStoreError(f"{path}: cannot read the {what} ({_reason(exc)})") from None
    if info.st_uid != os.getuid():
        raise GraphStoreError(f"{path}: the {what} belongs to another user (uid {info.st_uid}); "
                              "remit will not use it")
    if info.st_mode & 0o022:
        raise GraphStoreError(f"{path}: the {what} is writable by other users (mode "
                              f"{stat.S_IMODE(info.st_mode):o}); remit will not use it (chmod go-w it)")
    return info


def _make_private(folder: Path) -> None:
    """Create ``folder`` and any missing parent 0700 (``mkdir -p`` would give the parents 0755)."""
    missing = []
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        missing.append(path)
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=0o700)


def ensure_folder(folder: Path, what: str, *, tighten: bool = True) -> Path:
    """Create ``folder`` (0700), check that it is the user's own, make it private, check that remit may write.

    ``tighten=False`` leaves an existing folder's mode as it is (a ``--db``
    folder the user chose); the database folders remit makes in it are 0700.

    Raises
    ------
    GraphStoreError
        One line naming the folder, when it cannot be created or written, or
        belongs to another user, or others may write it.
    """
    try:
        _make_private(folder)
    except OSError as exc:
        raise GraphStoreError(f"{folder}: cannot write the {what} folder ({_reason(exc)}); set "
                              "REMIT_DATA_DIR or pass --db to use another") from None
    info = check_private(folder, f"{what} folder") if folder.is_dir() else None
    try:
        if info is None:
            raise NotADirectoryError(errno.ENOTDIR, "Not a directory")
        if tighten and info.st_mode & 0o077:
            folder.chmod(0o700)  # the data folders hold a password and the graph: the user's only
        probe = folder / f".remit-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise GraphStoreError(f"{folder}: cannot write the {what} folder ({_reason(exc)}); set "
                              "REMIT_DATA_DIR or pass --db to use another") from None
    return folder


def database_folders(root: Path, names: tuple[str, ...] = ("databases",), *, tighten: bool = True) -> None:
    """``root`` checked, and the folders ArcadeDB writes in it made 0700 (it makes them 0755, files 0644)."""
    ensure_folder(root, "database", tighten=tighten)
    for name in names:
        try:
            _make_private(root / name)
            if (root / name).is_dir() and not (root / name).is_symlink():
                (root / name).chmod(0o700)
        except OSError as exc:
            raise GraphStoreError(f"{root / name}: cannot write the database folder ({_reason(exc)})"
                                  ) from None


def data_folder(name: str, what: str) -> Path:
    """``data_dir()/name``, both made and checked by :func:`ensure_folder`."""
    ensure_folder(data_dir(), "data")
    return ensure_folder(data_dir() / name, what)


class FolderLock:
    """An exclusive lock on ``FOLDER/.remit.lock`` (:class:`remit.locks.FileLock`): one process
    uses a database folder at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = FileLock(folder / LOCK)

    def acquire(self, wait: float = 0.0) -> FolderLock:
        """Take the lock, waiting up to ``wait`` seconds.

        Raises
        ------
        GraphStoreError
            When another process holds it, or the lock file cannot be written.
        """
        try:
            self._lock.acquire(wait)
        except Locked as exc:
            who = f" (pid {exc.holder})" if exc.holder else ""
            raise GraphStoreError(f"{self.folder}: the database folder is locked by another "
                                  f"process{who}; stop it or pass --db to use another folder") from None
        except OSError as exc:
            raise GraphStoreError(f"{self.folder}: cannot lock the database folder ({_reason(exc)})"
                                  ) from None
        return self

    def release(self) -> None:
        """Drop the lock."""
        self._lock.release()

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
