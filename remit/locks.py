"""One process at a time: an exclusive lock on a file or folder, and whether a process is alive.

POSIX locks with ``flock``, Windows with ``msvcrt.locking``; either way the
operating system drops the lock when its holder dies, so a lock is never
stale. A file lock can name its holder: :class:`FileLock` writes the pid
into a lock *file*, and :exc:`Locked` reports it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from pathlib import Path

__all__ = ["FileLock", "Locked", "pid_alive"]

# Windows locks a byte range, which nobody may then read: lock a byte far past the pid.
_WINDOWS_BYTE = 1 << 30


class Locked(OSError):
    """Another process holds the lock; ``holder`` is its pid when the lock file names it."""

    def __init__(self, path: Path, holder: int | None) -> None:
        super().__init__(errno.EAGAIN, "locked by another process", str(path))
        self.holder = holder


class FileLock:
    """An exclusive lock on ``path`` between processes: a lock file (created 0600), or a folder.

    A folder is locked as it is (POSIX only: Windows cannot lock a folder,
    and there the lock of a folder is a no-op); a file is created if missing
    and, while held, holds the holder's pid.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / ".lock"
    >>> with FileLock(path).acquire():
    ...     try:
    ...         FileLock(path).acquire()
    ...     except Locked as exc:
    ...         exc.holder == os.getpid()
    True
    >>> FileLock(path).acquire().release()
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, wait: float | None = 0.0) -> FileLock:
        """Take the lock, waiting up to ``wait`` seconds (None: as long as it takes).

        Raises
        ------
        Locked
            When another process holds it after ``wait`` seconds.
        OSError
            When the file cannot be opened or written.
        """
        folder = self.path.is_dir()
        if folder and sys.platform == "win32":
            return self
        flags = os.O_RDONLY if folder else os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self.path, flags, 0o600)
        deadline = None if wait is None else time.monotonic() + wait
        while not _try_lock(fd):
            if deadline is not None and time.monotonic() >= deadline:
                holder = None if folder else _read_pid(fd)
                os.close(fd)
                raise Locked(self.path, holder)
            time.sleep(0.1)
        self._fd = fd
        if not folder:
            try:
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
                os.write(fd, str(os.getpid()).encode())
            except OSError:
                self.release()
                raise
        return self

    def release(self) -> None:
        """Drop the lock (closing the file drops it); nothing when it is not held."""
        if self._fd is None:
            return
        if not self.path.is_dir():
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
        if sys.platform == "win32":
            with contextlib.suppress(OSError):
                import msvcrt

                os.lseek(self._fd, _WINDOWS_BYTE, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on ``fd`` without waiting; whether it was free."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode(errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (or may be: a process of another user counts as alive).

    Examples
    --------
    >>> pid_alive(os.getpid())
    True
    """
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        import ctypes

        kernel = ctypes.WinDLL("kernel32", use_last_error=True)
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists, not ours
        try:
            code = ctypes.c_ulong()
            kernel.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process
        return True
    return True
