"""Commands ``remit serve`` and ``remit neo4j export-csv``.

``remit serve`` keeps the graph in a local ArcadeDB server with a Bolt
listener until Ctrl-C or SIGTERM, so that ``remit cypher``, the ``%%cypher``
notebook magic and any Bolt client (the ``neo4j`` driver, cypher-shell) can
ask it questions at once. ``remit neo4j export-csv`` writes the files that
``neo4j-admin database import full`` reads.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import sys
import time
from pathlib import Path
from typing import Any

from remit.cli.common import add_inputs, load_inputs, reading_options
from remit.errors import GraphStoreError

__all__ = ["register", "register_export_csv"]

PASSWORD_ENV = "REMIT_SERVE_PASSWORD"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
PASSWORD_FILE = "bolt-password"
READER_PASSWORD_FILE = "bolt-reader-password"


def register(sub: Any) -> None:
    """Add the ``serve`` command."""
    sv = sub.add_parser(
        "serve", help="keep the graph in a local Bolt server until Ctrl-C",
        description="Load INPUT (default: the bundled example) into a persistent ArcadeDB database "
                    "and serve it over Bolt on 127.0.0.1 until Ctrl-C or SIGTERM. The database is "
                    "reloaded only when the inputs, the aliases, the lead rule or remit changed. The "
                    "user is root; the generated password is kept in a file only you can read. The "
                    "user reader may only read; remit cypher and %%cypher use it, and a running "
                    "server, by themselves.",
        epilog=f"--host other than 127.0.0.1 needs a password of your own in {PASSWORD_ENV}.")
    add_inputs(sv)
    sv.add_argument("--db", metavar="DIR", help="database folder (default: remit's user data folder)")
    sv.add_argument("--bolt-port", type=int, default=7687, metavar="P", help="Bolt port (default 7687)")
    sv.add_argument("--http-port", type=int, default=2480, metavar="Q",
                    help="ArcadeDB HTTP port (default 2480)")
    sv.add_argument("--host", default="127.0.0.1", metavar="H",
                    help=f"interface to listen on (default 127.0.0.1; others need {PASSWORD_ENV})")
    sv.add_argument("--fresh", action="store_true", help="rebuild the database even if it is current")
    sv.set_defaults(handler=_serve)


def register_export_csv(neo_sub: Any) -> None:
    """Add ``remit neo4j export-csv`` to the ``neo4j`` command's actions."""
    ex = neo_sub.add_parser(
        "export-csv", help="write CSV files for neo4j-admin database import full",
        description="Write the graph as the CSV files that `neo4j-admin database import full` reads "
                    "(typed headers, id spaces Unit/Task/Domain), plus import.sh with the command "
                    "line. These files are for neo4j-admin, not for spreadsheets: cells are written "
                    "as they are, without formula neutralisation.")
    add_inputs(ex)
    ex.add_argument("folder", metavar="DIR", help="the folder to write (created; remit's own files only)")
    ex.set_defaults(handler=_export_csv)


def _serve(args: argparse.Namespace) -> int:
    from remit.cypher.embedded import READER, host_in_url
    from remit.cypher.local import (
        ServerState,
        check_port,
        content_key,
        data_folder,
        ensure_folder,
        note,
        open_engine,
        read_password,
        read_state,
        remove_state,
        state_path,
        write_private,
        write_state,
    )

    host = args.host
    user_password = os.environ.get(PASSWORD_ENV) or None
    if host not in LOOPBACK and not user_password:
        raise GraphStoreError(f"--host {host} opens the server beyond this machine: set a password of "
                              f"your own in {PASSWORD_ENV} first (at least 8 characters)")
    if user_password is not None and len(user_password) < 8:
        raise GraphStoreError(f"{PASSWORD_ENV} must be at least 8 characters long")
    check_port(args.bolt_port, "--bolt-port")
    check_port(args.http_port, "--http-port")
    root = ensure_folder(Path(args.db).expanduser(), "database", tighten=False) if args.db else \
        data_folder("serve", "database")
    existing = state_path(root)
    if existing.exists():
        state = read_state(existing)
        if state is not None:
            raise GraphStoreError(f"a remit serve is already running on {root} at {state.uri} "
                                  f"(pid {state.pid})")
        note(f"removed the state file of a server on {root} that is no longer running")
    if user_password is None:
        password_file = root / PASSWORD_FILE
        password = read_password(password_file) or secrets.token_urlsafe(24)
        write_private(password_file, password + "\n")
    else:
        password = user_password
    from remit.example import example_path

    specs = list(args.inputs) or [str(example_path())]
    key = content_key(specs, list(args.aliases), reading_options(args))
    stop = _Stop()
    with stop.installed(), open_engine(
            root, key, lambda: load_inputs(args), fresh=args.fresh, password=password,
            bolt_port=args.bolt_port, http_port=args.http_port, host=host, mode="production",
            say=note, ours=not args.db,
            describe={"inputs": [Path(s.partition("=")[2] if "=" in s and not Path(s).exists()
                                      else s).name for s in specs]}) as engine:
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
            print(f"remit serve: ready at {engine.uri} (user {engine.user}, {where}; read-only user "
                  f"{READER}, password in {state.reader_password_file}); {how} the database in {root}; "
                  "Ctrl-C stops it", flush=True)
            stop.wait()
        finally:
            remove_state(root)
    print("remit serve: stopped", file=sys.stderr, flush=True)
    return 0


class _Stop:
    """Waits for Ctrl-C or SIGTERM in the main thread."""

    def __init__(self) -> None:
        self.signalled = False

    def _handler(self, signum: int, frame: Any) -> None:
        self.signalled = True

    def installed(self) -> Any:
        import contextlib

        @contextlib.contextmanager
        def cm() -> Any:
            old = {s: signal.signal(s, self._handler) for s in (signal.SIGINT, signal.SIGTERM)}
            try:
                yield self
            finally:
                for s, h in old.items():
                    signal.signal(s, h)
        return cm()

    def wait(self) -> None:
        while not self.signalled:
            time.sleep(0.2)


def _export_csv(args: argparse.Namespace) -> int:
    from remit.cypher.admin_csv import write_import_csv

    tasklist = load_inputs(args)
    counts = write_import_csv(tasklist, Path(args.folder))
    print(f"wrote {args.folder}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"import it with the command in {Path(args.folder) / 'import.sh'}")
    return 0
