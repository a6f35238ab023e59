"""``remit serve``: the graph of some lists in a local ArcadeDB server with Bolt, until Ctrl-C or SIGTERM.

:func:`serve` checks the address and the password, loads the lists into a
persistent database (only when they, the reading options or remit changed),
writes the state file by which ``remit cypher`` and ``%%cypher`` find the
server, and serves until stopped. The user ``root`` may write, with a
generated password kept in a 0600 file (or one of the user's own in
:data:`PASSWORD_ENV`); the user ``reader`` may only read.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remit.errors import GraphStoreError

if TYPE_CHECKING:  # `remit serve --help` reads PASSWORD_ENV from here: nothing heavy at import
    from remit.service.reading import ReadOptions

__all__ = ["LOOPBACK", "PASSWORD_ENV", "PASSWORD_FILE", "READER_PASSWORD_FILE", "serve", "until_signalled"]

PASSWORD_ENV = "REMIT_SERVE_PASSWORD"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
PASSWORD_FILE = "bolt-password"
READER_PASSWORD_FILE = "bolt-reader-password"


def _check_host(host: str, user_password: str | None) -> None:
    """Refuse a server beyond this machine without a password of the user's own.

    Examples
    --------
    >>> _check_host("0.0.0.0", None)
    Traceback (most recent call last):
    ...
    remit.errors.GraphStoreError: --host 0.0.0.0 opens the server beyond this machine: set a password \
of your own in REMIT_SERVE_PASSWORD first (at least 8 characters)
    """
    if host not in LOOPBACK and not user_password:
        raise GraphStoreError(f"--host {host} opens the server beyond this machine: set a password of "
                              f"your own in {PASSWORD_ENV} first (at least 8 characters)")
    if user_password is not None and len(user_password) < 8:
        raise GraphStoreError(f"{PASSWORD_ENV} must be at least 8 characters long")


def serve(lists: ReadOptions, *, db: str | Path | None = None, bolt_port: int = 7687, http_port: int = 2480,
          host: str = "127.0.0.1", fresh: bool = False, ready: Callable[[str], None] = print,
          wait: Callable[[], None] | None = None, say: Callable[[str], None] | None = None) -> None:
    """Serve the graph of ``lists`` over Bolt until ``wait()`` returns (by default: Ctrl-C or SIGTERM).

    Parameters
    ----------
    lists : ReadOptions
        The inputs to load (only when the database does not hold them already).
    db : str or Path, optional
        The database folder; by default ``serve/`` in remit's data folder.
    bolt_port, http_port : int
        The ports to listen on.
    host : str
        The interface; anything but the loopback needs a password in :data:`PASSWORD_ENV`.
    fresh : bool
        Rebuild the database even when it is current.
    ready : callable
        Given the one line that says the server is ready (address, users, password files).
    wait : callable, optional
        Returns when the server should stop.
    say : callable, optional
        Where notes go (default: stderr, ``remit: note: …``).

    Raises
    ------
    GraphStoreError
        A port in use, a folder locked or already served, an unwritable folder, a missing password.
    """
    from remit._version import __version__
    from remit.cypher.embedded import READER, host_in_url
    from remit.cypher.folders import data_folder, ensure_folder, write_private
    from remit.cypher.persistent import check_port, open_engine
    from remit.cypher.servers import (
        ServerState,
        note,
        read_password,
        read_state,
        remove_state,
        state_path,
        write_state,
    )

    say = say or note
    user_password = os.environ.get(PASSWORD_ENV) or None
    _check_host(host, user_password)
    check_port(bolt_port, "--bolt-port")
    check_port(http_port, "--http-port")
    root = ensure_folder(Path(db).expanduser(), "database", tighten=False) if db else \
        data_folder("serve", "database")
    existing = state_path(root)
    if existing.exists():
        state = read_state(existing)
        if state is not None:
            raise GraphStoreError(f"a remit serve is already running on {root} at {state.uri} "
                                  f"(pid {state.pid})")
        say(f"removed the state file of a server on {root} that is no longer running")
    if user_password is None:
        password = read_password(root / PASSWORD_FILE) or secrets.token_urlsafe(24)
        write_private(root / PASSWORD_FILE, password + "\n")
    else:
        password = user_password
    key = lists.key()
    signals = until_signalled() if wait is None else contextlib.nullcontext(wait)
    with signals as stop, open_engine(
            root, key, lists.load, version=__version__, fresh=fresh, password=password,
            bolt_port=bolt_port, http_port=http_port, host=host, mode="production", say=say,
            ours=not db, describe={"inputs": lists.names()}) as engine:
        state = ServerState(pid=os.getpid(), uri=engine.uri, user=engine.user, folder=str(root), key=key,
                            password_file=None if user_password else str(root / PASSWORD_FILE),
                            password_env=PASSWORD_ENV if user_password else None,
                            http=f"http://{host_in_url(host)}:{engine.http_port}",
                            reader=READER, reader_password_file=str(root / READER_PASSWORD_FILE))
        write_private(root / READER_PASSWORD_FILE, engine.reader_password + "\n")
        write_state(state)
        try:
            where = f"password in {state.password_file}" if state.password_file else \
                f"password from {PASSWORD_ENV}"
            how = "loaded" if engine.fresh_load else "reused"
            ready(f"remit serve: ready at {engine.uri} (user {engine.user}, {where}; read-only user "
                  f"{READER}, password in {state.reader_password_file}); {how} the database in {root}; "
                  "Ctrl-C stops it")
            stop()
        finally:
            remove_state(root)


@contextlib.contextmanager
def until_signalled() -> Iterator[Callable[[], None]]:
    """A wait that returns at Ctrl-C or SIGTERM, with both handled inside the block (main thread only)."""
    signalled: list[int] = []

    def handler(signum: int, frame: Any) -> None:
        signalled.append(signum)

    def wait() -> None:
        while not signalled:
            time.sleep(0.2)

    old = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield wait
    finally:
        for s, h in old.items():
            signal.signal(s, h)
