"""Write files and folders so that an interrupted run leaves nothing half-written."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from remit.errors import OutputError
from remit.locks import FileLock, pid_alive

__all__ = ["MARKER", "atomic_dir", "atomic_file", "read_manifest", "terminate_as_exit", "write_text_atomic"]

# Left in every folder remit writes: the manifest of the files it wrote there,
# with their hashes, so that a later run replaces only those, and only unchanged.
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
        with terminate_as_exit(), os.fdopen(fd, mode, encoding=None if "b" in mode else encoding) as handle:
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
def atomic_dir(path: str | Path, *, force: bool = False) -> Iterator[Path]:
    """Write an output folder without ever losing a file that remit did not write.

    The new files are built in a staging folder inside ``path``. Only when
    all of them are written are they checked against the folder's manifest
    (:data:`MARKER`, with a SHA-256 for every file remit wrote last time),
    and only then moved in, one ``os.replace`` each:

    - a file that is not in the manifest is the user's: it is kept;
    - a file of remit's that the user has changed since (its hash differs)
      is not overwritten: an :class:`OutputError` names it, unless ``force``;
    - a file of remit's that this run no longer writes, unchanged, is removed.

    Nothing is moved until every file has passed the check, so a refusal
    leaves the folder as it was. Under concurrent runs the check and the
    moves hold a lock on the folder. The staging folder is removed after any
    failure, Ctrl-C or SIGTERM; one left by a killed run is removed by the
    next. ``path`` may be ``.``; a symlink to a folder is written through;
    a missing parent folder is an error (only the last folder is created).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report"
    >>> with atomic_dir(out) as work:
    ...     _ = (work / "units.csv").write_text("unit\\n", encoding="utf-8")
    >>> (out / "notes.txt").write_text("mine", encoding="utf-8") and None
    >>> with atomic_dir(out) as work:
    ...     _ = (work / "units.csv").write_text("unit,load\\n", encoding="utf-8")
    >>> sorted(p.name for p in out.iterdir())
    ['.remit-output', 'notes.txt', 'units.csv']
    """
    with terminate_as_exit():  # from before the staging folder exists: SIGTERM always cleans up
        target, created = _prepare_target(path)
        _remove_leftovers(target)
        try:
            work = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, suffix=f"-{os.getpid()}", dir=target))
        except OSError as exc:
            _drop_if_empty(target, created)
            raise OutputError(str(path), f"cannot write here ({exc.strerror or exc})") from None
        try:
            (work / STAGING_MARK).write_text(f"{os.getpid()}\n", encoding="utf-8")
            yield work
            (work / STAGING_MARK).unlink()
            with _locked(target):
                _commit(work, target, str(path), force)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            _drop_if_empty(target, created)
            raise
        shutil.rmtree(work, ignore_errors=True)


#: Staging folders are named ``.remit-staging-XXXX-<pid>`` and hold :data:`STAGING_MARK`
#: while they are being filled; only such folders are ever removed as leftovers.
STAGING_PREFIX = ".remit-staging-"
STAGING_MARK = ".remit-staging"


def _prepare_target(path: str | Path) -> tuple[Path, bool]:
    """The folder to write into (a symlink resolved), created if missing; and whether it was."""
    given = Path(path)
    target = given
    if given.is_symlink():
        if not given.is_dir():
            raise OutputError(str(path), "is a symlink that does not point to a folder")
        target = given.resolve()  # write through the link, into the folder it points to
    if target.exists() and not target.is_dir():
        raise OutputError(str(path), "is a file; expected a folder to write the report into")
    if target.is_dir():
        return target, False
    parent = target.absolute().parent
    if not parent.is_dir():
        raise OutputError(str(path), f"the folder {parent.name or parent} it would go in does not "
                          "exist; create it first (remit creates only the last folder)")
    try:
        target.mkdir()
    except FileExistsError:
        return target, False
    except OSError as exc:
        raise OutputError(str(path), f"cannot write here ({exc.strerror or exc})") from None
    _chmod_default(target, directory=True)
    return target, True


def _drop_if_empty(target: Path, created: bool) -> None:
    if created:
        with suppress(OSError):
            target.rmdir()  # only succeeds when nothing is in it


def _remove_leftovers(target: Path) -> None:
    """Remove staging folders that a killed run left in ``target``; never anything else.

    A leftover is a folder named ``.remit-staging-…-<pid>`` that still holds
    :data:`STAGING_MARK` and whose process is gone. Folders of the earlier
    layout (``.<name>.….part`` and ``.<name>.old-<pid>`` beside the target,
    holding :data:`MARKER`) are removed under the same rule.
    """
    candidates = [p for p in target.glob(f"{STAGING_PREFIX}*") if (p / STAGING_MARK).is_file()]
    candidates += [p for p in target.parent.glob(f".{target.name}.*.part") if (p / MARKER).is_file()]
    candidates += [p for p in target.parent.glob(f".{target.name}.old-*") if (p / MARKER).is_file()]
    for folder in candidates:
        if folder.is_symlink() or not folder.is_dir():
            continue
        tail = folder.name.rsplit("-", 1)[-1]
        pid = int(tail) if tail.isdigit() else None
        if pid is not None and pid_alive(pid):
            continue  # another run is writing it right now
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit for the block, so that cleanup code runs.

    Outside the main thread, where Python cannot handle signals, the block
    runs unchanged.

    Examples
    --------
    >>> with terminate_as_exit():
    ...     signal.getsignal(signal.SIGTERM).__name__
    'handler'
    """
    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: signals cannot be handled here
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` itself (no lock file; Windows cannot lock a folder)."""
    with FileLock(folder).acquire(wait=None):
        yield


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(folder: str | Path) -> dict[str, list[str]]:
    """The files remit wrote into ``folder``, with their accepted SHA-256 hashes.

    A marker remit cannot read names no file: every file in the folder is
    then one remit did not write.
    """
    marker = Path(folder) / MARKER
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        files = data.get("files", {})
        return {str(k): [v] if isinstance(v, str) else list(v) for k, v in files.items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _write_manifest(target: Path, files: dict[str, list[str]]) -> None:
    text = json.dumps({"written_by": "remit", "note": "files remit wrote here and their SHA-256; "
                       "remit replaces only these, and only while they are unchanged",
                       "files": {k: v[0] if len(v) == 1 else v for k, v in sorted(files.items())}},
                      ensure_ascii=False, indent=1)
    with atomic_file(target / MARKER) as handle:
        handle.write(text + "\n")


def _commit(work: Path, target: Path, shown: str, force: bool) -> None:
    """Check every new file against the manifest, then move them in one by one."""
    new = sorted(p.relative_to(work).as_posix() for p in work.rglob("*") if p.is_file())
    manifest = read_manifest(target)
    hashes = {name: _sha256(work / name) for name in new}
    for name in new:
        dest = target / name
        if dest.is_dir() and not dest.is_symlink():
            raise OutputError(str(Path(shown) / name), "is a folder; remit would write a file there")
        if not dest.exists() and not dest.is_symlink():
            continue
        if name in manifest:
            known = manifest[name]
            if force or (dest.is_file() and _sha256(dest) in known):
                continue
            raise OutputError(str(Path(shown) / name), "was changed since remit wrote it; rename "
                              "it to keep your changes, or give --force to overwrite it")
        if force:
            continue
        raise OutputError(str(Path(shown) / name), "is not a file remit wrote; move it away, "
                          "write the report to another folder, or give --force to overwrite it")
    # Before anything moves, the marker accepts both the old and the new
    # version of each file: a run killed half-way leaves a folder the next
    # run still recognises as its own.
    during = {name: [hashes[name], *manifest.get(name, [])] for name in new}
    _write_manifest(target, {**manifest, **during})
    for name in new:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        _chmod_default(work / name, directory=False)
        os.replace(work / name, dest)
    for name, known in manifest.items():
        stale = target / name
        if name in hashes or not stale.is_file():
            continue
        if known and _sha256(stale) in known:
            stale.unlink()  # remit's own file, unchanged, that this run no longer writes
    _write_manifest(target, {name: [hashes[name]] for name in new})
