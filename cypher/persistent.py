"""A persistent embedded server on a folder of its own, as ``remit serve`` runs it.

The folder keeps its database between starts: it is loaded only when its
marker (:mod:`remit.cypher.marker`) does not match the content key, and the
folder is locked while the server runs. This module reads files only until
:func:`open_engine` starts the JVM.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from remit.cypher.folders import DATABASE, FolderLock, database_folders
from remit.cypher.marker import check_counts, check_marker, check_triggers, manifest, marker_of, write_marker
from remit.errors import GraphStoreError
from remit.model import TaskList

__all__ = ["check_port", "open_engine"]


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
def open_engine(root: Path, key: str, build: Callable[[], TaskList], *, version: str,
                fresh: bool = False, password: str | None = None, bolt_port: int | None = None,
                http_port: int | None = None, host: str = "127.0.0.1", mode: str = "development",
                say: Callable[[str], None] | None = None, wait: float = 0.0,
                describe: dict[str, Any] | None = None, ours: bool = False) -> Iterator[Any]:
    """An :class:`~remit.cypher.embedded.EmbeddedEngine` on ``root``, holding the data for ``key``.

    The folder is locked for the engine's lifetime. When its marker does not
    match ``key`` and ``version`` (or ``fresh``), ``build()`` gives the task
    list and the native bulk load writes it; otherwise nothing is loaded.
    Yields the running engine, with ``engine.fresh_load`` telling whether it
    loaded. ``ours``: ``root`` is remit's own folder (``serve``'s default),
    not ``--db``.

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
        if check_marker(root, key, version, fresh, say, ours=ours):
            counts = (marker_of(root) or {}).get("counts") or {}
            write_marker(root, version, {"key": key, "state": "loading", "counts": counts})
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
        database = engine.native_database()
        check_triggers(root, database.get_java_database())
        engine.fresh_load = counts is None
        if counts is None:
            written = bulk_load(database, build())
            check_counts(root, database, written)
            counts = written
        ready = True
        yield engine
    finally:
        if engine is not None:
            # Only a clean stop leaves files worth a manifest; otherwise the marker stays "loading".
            if engine.stop() and ready and counts is not None:
                write_marker(root, version, {"key": key, "state": "complete", "counts": counts,
                                             "manifest": manifest(root), **(describe or {})})
        lock.release()
