"""Local graph databases that outlive a command: the content-hash cache and ``remit serve``.

A database folder holds an ArcadeDB server root and a marker,
``remit-db.json``. The marker names the *content key*: a hash of the inputs'
bytes, their list ids, the alias files, the shipped aliases, the lead rule,
the remit version and :data:`SCHEMA_VERSION`. It is written with state
``loading`` before remit touches the database and with state ``complete``
and a manifest (every database file's size and SHA-256) once the database
is closed, so a load cut off by Ctrl-C, ``kill -9`` or a full disk leaves a
folder remit knows it may rebuild. A folder is used only when its marker
matches, is complete, every file matches the manifest and the database holds
no trigger (remit makes none); anything else of remit's is rebuilt, with a
note. The cache is opened read-only.

The folders are the user's own (:mod:`remit.cypher.folders`).
``remit cypher`` without ``NEO4J_URI`` asks a running ``remit serve`` first
(:mod:`remit.cypher.servers`), and otherwise opens the cached database for
its inputs under ``cache/``, so a repeated query skips loading.

This module reads files and JSON only; the JVM starts in :func:`open_engine`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# What callers used to import from here lives in folders and servers now.
from remit.cypher.folders import (
    DATABASE,
    FolderLock,
    check_private,
    data_dir,
    data_folder,
    database_folders,
    ensure_folder,
    write_private,
)
from remit.cypher.servers import (
    ServerState,
    find_server,
    note,
    read_password,
    read_state,
    remove_state,
    running_server,
    state_path,
    write_state,
)
from remit.errors import GraphStoreError
from remit.model import TaskList

__all__ = [
    "DATABASE",
    "MARKER",
    "SCHEMA_VERSION",
    "FolderLock",
    "ServerState",
    "cached_database",
    "check_port",
    "check_private",
    "content_key",
    "data_dir",
    "data_folder",
    "ensure_folder",
    "find_server",
    "manifest",
    "marker_of",
    "note",
    "open_engine",
    "prune_cache",
    "read_password",
    "read_state",
    "remove_state",
    "running_server",
    "state_path",
    "write_private",
    "write_state",
]

# Bump when the graph written for the same input changes (labels, properties, derived edges).
SCHEMA_VERSION = 2  # 2: markers with a state and a manifest
MARKER = "remit-db.json"
KEEP_CACHED = 4


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
        Other reading options that change the content (``--lead-rule=first``,
        ``--place=深圳市``): each decides what the graph holds.

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


def manifest(root: Path) -> dict[str, list[Any]]:
    """Every file of the database in ``root``: its size and SHA-256, by path within the database.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "databases" / "remit").mkdir(parents=True)
    >>> _ = (root / "databases" / "remit" / "a.bucket").write_bytes(b"x")
    >>> manifest(root)
    {'a.bucket': [1, '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881']}
    >>> import shutil; shutil.rmtree(root)
    """
    database = root / "databases" / DATABASE
    found: dict[str, list[Any]] = {}
    for path in sorted(database.rglob("*")):
        if path.is_symlink() or not path.is_file():
            if path.is_symlink():
                found[str(path.relative_to(database))] = [-1, "symlink"]
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found[str(path.relative_to(database))] = [path.stat().st_size, digest.hexdigest()]
    return found


def _changed(root: Path, expected: Any) -> str | None:
    """The first file of the database that differs from the manifest, or None."""
    if not isinstance(expected, dict):
        return "the manifest"
    found = manifest(root)
    for name in sorted(set(found) | set(expected)):
        if found.get(name) != expected.get(name):
            return name
    return None


def _check_marker(root: Path, key: str, fresh: bool, say: Callable[[str], None], *,
                  ours: bool = False) -> bool:
    """Whether ``root`` holds the database for ``key``, as remit wrote it.

    Otherwise the folder is marked ``loading`` and its database removed, for
    the caller to rebuild. A database without a marker is refused, unless
    ``root`` is one of remit's own folders under :func:`data_dir` (``ours``):
    a remit before markers had states left one there when its first load
    was cut off.
    """
    marker = marker_of(root)
    database = root / "databases" / DATABASE
    if marker is None and database.exists() and ours:
        say(f"the database in {root} has no marker (an earlier load did not finish?); rebuilding it")
    elif marker is None and database.exists():
        raise GraphStoreError(f"{root}: holds a database that remit did not write; remit will not "
                              "replace it (pass --db with an empty or remit-made folder)")
    if marker and not fresh:
        if marker.get("state") == "loading":
            say(f"an earlier load into {root} did not finish; rebuilding the database")
        elif marker.get("remit") != _version() or marker.get("schema") != SCHEMA_VERSION:
            say(f"the database in {root} was written by remit {marker.get('remit')} (schema "
                f"{marker.get('schema')}), not by this remit {_version()} (schema {SCHEMA_VERSION}); "
                "rebuilding it")
        elif marker.get("key") != key:
            pass  # other inputs: rebuilt for these, as a cache does
        elif marker.get("engine") != _engine_version():
            say(f"the database in {root} was written by arcadedb-embedded {marker.get('engine')}; "
                "rebuilding it")
        elif (changed := _changed(root, marker.get("manifest"))) is not None:
            say(f"the database in {root} is not as remit wrote it ({changed} changed); rebuilding it")
        else:
            return True
    _write_marker(root, {"key": key, "state": "loading"})
    shutil.rmtree(database, ignore_errors=True)
    if database.exists():
        raise GraphStoreError(f"{database}: cannot remove the old database")
    return False


def _check_triggers(root: Path, java_database: Any) -> None:
    """Refuse a database with triggers: remit makes none, and one could run code on every read."""
    triggers = [str(t.getName()) for t in java_database.getSchema().getTriggers()]
    if triggers:
        raise GraphStoreError(f"{root}: the database has triggers remit did not make "
                              f"({', '.join(sorted(triggers))[:200]}); remit will not use it "
                              "(pass --fresh to rebuild it)")


def _check_counts(root: Path, database: Any, counts: dict[str, Any]) -> None:
    """Refuse a freshly loaded database that does not hold what the load wrote."""
    from remit.cypher.native import EDGE_TYPES, VERTEX_TYPES

    for name in (*VERTEX_TYPES, *EDGE_TYPES):
        found = database.count_type(name)
        if name in counts and found != counts[name]:
            raise GraphStoreError(f"{root}: the load wrote {counts[name]} {name} but the database holds "
                                  f"{found} (is the disk full?); the next run rebuilds it")


def check_port(port: int, flag: str) -> int:
    """``port`` when it is a TCP port number, else one line.

    Examples
    --------
    >>> check_port(70000, "--bolt-port")
    Traceback (most recent call last):
    ...
    remit.errors.GraphStoreError: --bolt-port 70000: a port is a number from 1 to 65535
    """
    if not 0 < port < 65536:
        raise GraphStoreError(f"{flag} {port}: a port is a number from 1 to 65535")
    return port


def _port_free(host: str, port: int) -> bool:
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        raise GraphStoreError(f"--host {host}: not an address of this machine") from None
    with socket.socket(family, kind, proto) as s:
        # As servers do: a port whose old connections linger in TIME_WAIT is free.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError:
            return False
    return True


@contextlib.contextmanager
def open_engine(root: Path, key: str, build: Callable[[], TaskList], *, fresh: bool = False,
                password: str | None = None, bolt_port: int | None = None,
                http_port: int | None = None, host: str = "127.0.0.1", mode: str = "development",
                say: Callable[[str], None] | None = None, wait: float = 0.0,
                describe: dict[str, Any] | None = None, ours: bool = False) -> Iterator[Any]:
    """An :class:`~remit.cypher.embedded.EmbeddedEngine` on ``root``, holding the data for ``key``.

    The folder is locked for the engine's lifetime. When its marker does not
    match ``key`` (or ``fresh``), ``build()`` gives the task list and the
    native bulk load writes it; otherwise nothing is loaded. Yields the
    running engine, with ``engine.fresh_load`` telling whether it loaded.
    ``ours``: ``root`` is remit's own folder (``serve``'s default), not ``--db``.

    The marker says ``loading`` while the server runs (a client with
    ``root``'s password may write) and gets its manifest once the server has
    stopped, so a server killed meanwhile leaves a database that is rebuilt.

    Raises
    ------
    GraphStoreError
        The folder cannot be written or is locked, a port is in use, or the
        server does not start.
    """
    from remit.cypher.embedded import EmbeddedEngine
    from remit.cypher.native import bulk_load

    say = say or (lambda line: None)
    database_folders(root, ("databases", "config", "log", "backups"), tighten=ours)
    for port, flag in ((bolt_port, "--bolt-port"), (http_port, "--http-port")):
        if port and not _port_free(host, check_port(port, flag)):
            raise GraphStoreError(f"port {port} on {host} is in use ({flag}); pick another")
    lock = FolderLock(root).acquire(wait)
    engine = None
    counts: dict[str, Any] | None = None
    ready = False
    try:
        if _check_marker(root, key, fresh, say, ours=ours):
            counts = (marker_of(root) or {}).get("counts") or {}
            _write_marker(root, {"key": key, "state": "loading", "counts": counts})
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
        database = engine._server.get_database(DATABASE)
        _check_triggers(root, database.get_java_database())
        engine.fresh_load = counts is None
        if counts is None:
            written = bulk_load(database, build())
            _check_counts(root, database, written)
            counts = written
        ready = True
        yield engine
    finally:
        if engine is not None:
            # Only a clean stop leaves files worth a manifest; otherwise the marker stays "loading".
            if engine.stop() and ready and counts is not None:
                _write_marker(root, {"key": key, "state": "complete", "counts": counts,
                                     "manifest": manifest(root), **(describe or {})})
        lock.release()


def _write_marker(root: Path, fields: dict[str, Any]) -> None:
    write_private(root / MARKER, json.dumps(
        {"remit": _version(), "schema": SCHEMA_VERSION, "engine": _engine_version(),
         "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **fields}, ensure_ascii=False, indent=1))


@contextlib.contextmanager
def cached_database(root: Path, key: str, build: Callable[[], TaskList], *, fresh: bool = False,
                    say: Callable[[str], None] | None = None, wait: float = 0.0) -> Iterator[Any]:
    """The embedded database in ``root`` for ``key``, opened in-process, read-only, without a server.

    Starting no server saves most of a cold query's time; the queries then
    run with :func:`remit.cypher.native.execute_native`. Loads (natively)
    only when the marker does not match ``key`` or the files not its
    manifest; the engine then refuses every write (``DatabaseIsReadOnly``).
    """
    from remit.cypher.embedded import _quiet_stderr, start_jvm_quietly
    from remit.cypher.native import bulk_load

    say = say or (lambda line: None)
    database_folders(root)
    lock = FolderLock(root).acquire(wait)
    database = None
    try:
        valid = _check_marker(root, key, fresh, say, ours=True)
        start_jvm_quietly()
        import arcadedb_embedded
        import jpype
        from arcadedb_embedded.core import Database

        path = str(root / "databases" / DATABASE)
        try:
            if not valid:
                with _quiet_stderr():
                    database = arcadedb_embedded.create_database(path)
                counts = bulk_load(database, build())
                database.close()
                database = None
            read_only = jpype.JClass("com.arcadedb.engine.ComponentFile$MODE").READ_ONLY
            with _quiet_stderr():
                database = Database(jpype.JClass("com.arcadedb.database.DatabaseFactory")(path)
                                    .open(read_only))
            if not valid:
                # A full disk can fail the engine's page flushes after the load said it was done.
                _check_counts(root, database, counts)
                _write_marker(root, {"key": key, "state": "complete", "counts": counts,
                                     "manifest": manifest(root)})
        except GraphStoreError:
            raise
        except Exception as exc:
            raise GraphStoreError(f"{root}: cannot open the database "
                                  f"({str(exc).splitlines()[0][:200]})") from None
        _check_triggers(root, database.get_java_database())
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


