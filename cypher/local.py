"""Local graph databases that outlive a command: the content-hash cache and ``remit serve``.

A database folder holds an ArcadeDB server root and a marker,
``remit-db.json``, written after a complete load. The marker names the
*content key*: a hash of the inputs' bytes, their list ids, the alias files,
the shipped aliases, the remit version and :data:`SCHEMA_VERSION`. A folder
whose marker matches is used as it is; anything else is rebuilt (and a
folder written by another remit version is said to be rebuilt).

``remit cypher`` without ``NEO4J_URI`` asks a running ``remit serve`` first
(found through its state file under :func:`data_dir` ``/servers``), and
otherwise opens the cached database for its inputs under ``cache/``, so a
repeated query skips loading. A folder is used by one process at a time: an
exclusive ``flock`` on ``.remit.lock`` guards it.

This module reads files and JSON only; the JVM starts in :func:`open_engine`.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remit.errors import GraphStoreError
from remit.model import TaskList

__all__ = [
    "MARKER",
    "SCHEMA_VERSION",
    "FolderLock",
    "ServerState",
    "cached_database",
    "content_key",
    "data_dir",
    "find_server",
    "marker_of",
    "open_engine",
    "read_password",
    "remove_state",
    "state_path",
    "write_private",
    "write_state",
]

# Bump when the graph written for the same input changes (labels, properties, derived edges).
SCHEMA_VERSION = 1
MARKER = "remit-db.json"
LOCK = ".remit.lock"
DATABASE = "remit"
KEEP_CACHED = 4


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


def _version() -> str:
    import sys

    # The package root is always imported before its subpackage cypher/.
    return str(getattr(sys.modules.get("remit"), "__version__", "0"))


def _shipped_aliases() -> bytes:
    import importlib.util

    spec = importlib.util.find_spec("remit.loaders")  # finds the folder without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        # Every shipped table that changes a reading: aliases of each government, places, forms, successors.
        files = sorted((Path(folder) / "data").glob("*.csv"))
        if files:
            return b"".join(f.name.encode() + b"\0" + f.read_bytes() for f in files)
    return b""


def content_key(inputs: list[str], aliases: list[str], options: list[str] | None = None) -> str:
    """The hash that names a database's content.

    Parameters
    ----------
    inputs : list of str
        Input specs as given on the command line (``PATH`` or ``ID=PATH``).
        The file's name and bytes count, not the folder it is in.
    aliases : list of str
        Extra alias files.
    options : list of str, optional
        Other reading options that change the content (``--place=深圳市``).

    Examples
    --------
    >>> import remit
    >>> k = content_key([str(remit.example_path())], [])
    >>> len(k), k == content_key([str(remit.example_path())], [])
    (64, True)
    """
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    part("remit", _version().encode())
    part("schema", str(SCHEMA_VERSION).encode())
    part("shipped-aliases", _shipped_aliases())
    for kind, specs in (("input", inputs), ("aliases", aliases)):
        for spec in specs:
            text = str(spec)
            list_id, path = "", Path(text)
            if kind == "input" and "=" in text and not path.exists():
                list_id, _, rest = text.partition("=")
                path = Path(rest)
            part(kind, f"{list_id}={path.name}".encode())
            try:
                part("bytes", path.read_bytes())
            except OSError:
                part("bytes", b"\0unreadable")  # the loader reports it when the cache misses
    for option in options or []:
        part("option", option.encode())
    return digest.hexdigest()


def marker_of(root: Path) -> dict[str, Any] | None:
    """The marker of a database folder, or None when it has none (or a broken one)."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("arcadedb-embedded")
    except PackageNotFoundError:
        return "?"


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable by the user only (0600), replacing it atomically."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def ensure_folder(folder: Path, what: str) -> Path:
    """Create ``folder`` and check that remit may write there.

    Raises
    ------
    GraphStoreError
        One line naming the folder, when it cannot be created or written.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".remit-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise GraphStoreError(f"{folder}: cannot write the {what} folder ({reason}); set "
                              "REMIT_DATA_DIR or pass --db to use another") from None
    return folder


class FolderLock:
    """An exclusive ``flock`` on ``FOLDER/.remit.lock``: one process uses a database folder at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> FolderLock:
        """Take the lock, waiting up to ``wait`` seconds.

        Raises
        ------
        GraphStoreError
            When another process holds it.
        """
        import fcntl

        fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() >= deadline:
                    holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                    os.close(fd)
                    who = f" (pid {holder})" if holder.isdigit() else ""
                    raise GraphStoreError(f"{self.folder}: the database folder is locked by another "
                                          f"process{who}; stop it or pass --db to use another folder"
                                          ) from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _check_marker(root: Path, key: str, fresh: bool, say: Callable[[str], None]) -> bool:
    """Whether ``root`` holds the database for ``key``; clears a folder that must be rebuilt."""
    marker = marker_of(root)
    database = root / "databases" / DATABASE
    if marker and not fresh and marker.get("key") == key and database.is_dir():
        if marker.get("engine") == _engine_version():
            return True
        say(f"the database in {root} was written by arcadedb-embedded {marker.get('engine')}; "
            "rebuilding it")
    elif marker and not fresh and (marker.get("remit") != _version()
                                   or marker.get("schema") != SCHEMA_VERSION):
        say(f"the database in {root} was written by remit {marker.get('remit')} (schema "
            f"{marker.get('schema')}), not by this remit {_version()} (schema {SCHEMA_VERSION}); "
            "rebuilding it")
    elif marker is None and database.exists():
        raise GraphStoreError(f"{root}: holds a database that remit did not write; remit will not "
                              "replace it (pass --db with an empty or remit-made folder)")
    with contextlib.suppress(FileNotFoundError):
        (root / MARKER).unlink()
    shutil.rmtree(database, ignore_errors=True)
    return False


def _port_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        # As servers do: a port whose old connections linger in TIME_WAIT is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


@contextlib.contextmanager
def open_engine(root: Path, key: str, build: Callable[[], TaskList], *, fresh: bool = False,
                password: str | None = None, bolt_port: int | None = None,
                http_port: int | None = None, host: str = "127.0.0.1", mode: str = "development",
                say: Callable[[str], None] | None = None, wait: float = 0.0,
                describe: dict[str, Any] | None = None) -> Iterator[Any]:
    """An :class:`~remit.cypher.embedded.EmbeddedEngine` on ``root``, holding the data for ``key``.

    The folder is locked for the engine's lifetime. When its marker does not
    match ``key`` (or ``fresh``), ``build()`` gives the task list and the
    native bulk load writes it; otherwise nothing is loaded. Yields the
    running engine, with ``engine.fresh_load`` telling whether it loaded.

    Raises
    ------
    GraphStoreError
        The folder cannot be written or is locked, a port is in use, or the
        server does not start.
    """
    from remit.cypher.embedded import EmbeddedEngine
    from remit.cypher.native import bulk_load

    say = say or (lambda line: None)
    ensure_folder(root, "database")
    for port, flag in ((bolt_port, "--bolt-port"), (http_port, "--http-port")):
        if port and not _port_free(host, port):
            raise GraphStoreError(f"port {port} on {host} is in use ({flag}); pick another")
    lock = FolderLock(root).acquire(wait)
    engine = None
    try:
        valid = _check_marker(root, key, fresh, say)
        # The root user is created from the password only when the users file is
        # missing; remove it so that this start's password is the one that works.
        with contextlib.suppress(FileNotFoundError):
            (root / "config" / "server-users.jsonl").unlink()
        engine = EmbeddedEngine(root, database=DATABASE, password=password, bolt_port=bolt_port,
                                http_port=http_port, host=host, mode=mode)
        try:
            engine.start()
        except GraphStoreError as exc:
            if "lock" in str(exc).lower():
                raise GraphStoreError(f"{root}: the database is locked by another process") from exc
            raise
        engine.fresh_load = not valid
        if not valid:
            tasklist = build()
            _write_marker(root, key, bulk_load(engine._server.get_database(DATABASE), tasklist), describe)
        yield engine
    finally:
        if engine is not None:
            engine.stop()
        lock.release()


def _write_marker(root: Path, key: str, written: dict[str, Any], describe: dict[str, Any] | None) -> None:
    write_private(root / MARKER, json.dumps(
        {"key": key, "remit": _version(), "schema": SCHEMA_VERSION, "engine": _engine_version(),
         "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "counts": written, **(describe or {})},
        ensure_ascii=False, indent=1))


@contextlib.contextmanager
def cached_database(root: Path, key: str, build: Callable[[], TaskList], *, fresh: bool = False,
                    say: Callable[[str], None] | None = None, wait: float = 0.0) -> Iterator[Any]:
    """The embedded database in ``root`` for ``key``, opened in-process without a server.

    Starting no server saves most of a cold query's time; the queries then
    run with :func:`remit.cypher.native.execute_native`. Loads (natively)
    only when the marker does not match ``key``.
    """
    from remit.cypher.embedded import _quiet_stderr, start_jvm_quietly
    from remit.cypher.native import bulk_load

    say = say or (lambda line: None)
    ensure_folder(root, "database")
    lock = FolderLock(root).acquire(wait)
    database = None
    try:
        valid = _check_marker(root, key, fresh, say)
        start_jvm_quietly()
        import arcadedb_embedded

        path = str(root / "databases" / DATABASE)
        try:
            with _quiet_stderr():
                database = (arcadedb_embedded.open_database(path) if valid
                            else arcadedb_embedded.create_database(path))
        except Exception as exc:
            raise GraphStoreError(f"{root}: cannot open the database "
                                  f"({str(exc).splitlines()[0][:200]})") from None
        if not valid:
            _write_marker(root, key, bulk_load(database, build()), None)
        yield database
    finally:
        if database is not None:
            with contextlib.suppress(Exception):
                database.close()
        lock.release()


def prune_cache(cache: Path, keep: int = KEEP_CACHED) -> None:
    """Remove all but the ``keep`` most recently used cache folders (remit-made ones only)."""
    entries = [p for p in cache.iterdir() if p.is_dir() and (p / MARKER).is_file()]
    entries.sort(key=lambda p: (p / MARKER).stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        try:
            with FolderLock(old).acquire():
                shutil.rmtree(old / "databases", ignore_errors=True)
                (old / MARKER).unlink()
        except (GraphStoreError, OSError):
            continue  # in use: leave it
        shutil.rmtree(old, ignore_errors=True)


@dataclass(frozen=True)
class ServerState:
    """What a running ``remit serve`` tells clients: where it listens and where its password is."""

    pid: int
    uri: str
    user: str
    folder: str
    key: str
    password_file: str | None = None
    password_env: str | None = None
    http: str | None = None

    def password(self) -> str | None:
        """The password, read from the 0600 file or the named environment variable."""
        if self.password_env:
            return os.environ.get(self.password_env)
        return read_password(Path(self.password_file)) if self.password_file else None


def read_password(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def state_path(folder: Path) -> Path:
    """The state file of a server on ``folder``: under :func:`data_dir`, so that clients find it."""
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return data_dir() / "servers" / f"{name}.json"


def write_state(state: ServerState) -> Path:
    path = state_path(Path(state.folder))
    ensure_folder(path.parent, "state")
    write_private(path, json.dumps(state.__dict__, ensure_ascii=False, indent=1))
    return path


def remove_state(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        state_path(folder).unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_state(path: Path) -> ServerState | None:
    """The state in ``path``; None, and the file removed, when its server is gone."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = ServerState(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not _alive(state.pid):
        with contextlib.suppress(OSError):
            path.unlink()  # stale: the server died without cleaning up
        return None
    return state


def find_server(key: str | None = None) -> ServerState | None:
    """A running ``remit serve``: the one holding ``key``, or with ``key=None`` the newest one."""
    folder = data_dir() / "servers"
    try:
        paths = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    for path in paths:
        state = read_state(path)
        if state is not None and (key is None or state.key == key):
            return state
    return None


def note(line: str) -> None:
    """Say something on standard error, as ``remit: note: …``."""
    import sys

    print(f"remit: note: {line}", file=sys.stderr, flush=True)


def running_server(key: str | None, say: Callable[[str], None] = note) -> Any:
    """Connection settings for a running ``remit serve`` holding ``key`` (any, with None), or None."""
    state = find_server(key)
    if state is None:
        return None
    from remit.cypher.bolt import Settings

    password = state.password()
    if password is None:
        say(f"remit serve at {state.uri} keeps its password in {state.password_env or 'a file'} "
            "that this process cannot read; using the cache instead")
        return None
    return Settings(state.uri, state.user, password, DATABASE)
