"""Commands ``remit serve`` and ``remit neo4j export-csv``.

``remit serve`` keeps the graph in a local ArcadeDB server with a Bolt
listener until Ctrl-C or SIGTERM, so that ``remit cypher``, the ``%%cypher``
notebook magic and any Bolt client (the ``neo4j`` driver, cypher-shell) can
ask it questions at once. ``remit neo4j export-csv`` writes the files that
``neo4j-admin database import full`` reads.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from remit.cli.common import add_inputs, load_inputs, reading_options
from remit.service.serving import PASSWORD_ENV

if TYPE_CHECKING:
    from remit.service.lists import Lists

__all__ = ["lists_of", "register", "register_export_csv"]


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


def lists_of(args: argparse.Namespace) -> Lists:
    """The inputs and reading options of a command, as :class:`~remit.service.lists.Lists`."""
    from remit.service.lists import Lists

    return Lists(list(args.inputs), list(args.aliases), reading_options(args), lambda: load_inputs(args))


def _serve(args: argparse.Namespace) -> int:
    from remit.service.serving import serve

    serve(lists_of(args), db=args.db, bolt_port=args.bolt_port, http_port=args.http_port, host=args.host,
          fresh=args.fresh, ready=lambda line: print(line, flush=True))
    print("remit serve: stopped", file=sys.stderr, flush=True)
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    from remit.cypher.admin_csv import write_import_csv

    tasklist = load_inputs(args)
    counts = write_import_csv(tasklist, Path(args.folder))
    print(f"wrote {args.folder}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"import it with the command in {Path(args.folder) / 'import.sh'}")
    return 0
