"""Commands ``remit neo4j load``, ``remit neo4j export-csv`` and ``remit cypher``.

Both reach a Bolt server from ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (or ``--uri``, ``--user`` and
``--database``; there is no password flag). Without a server, ``remit
cypher`` asks remit's own graph: where is decided in
:func:`remit.service.querying.run_query`.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from remit.cli.common import add_inputs, emit_frame, emit_json, read_options
from remit.errors import GraphStoreError, QueryError

# The driver, pandas and the query runner load when a command runs (the
# service imports them inside its functions), so that `remit --help` starts at once.
__all__ = ["register"]


def _add_server(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("server (default: the NEO4J_* environment variables)")
    group.add_argument("--uri", help="Bolt URI, e.g. neo4j+s://xxxx.databases.neo4j.io (NEO4J_URI)")
    group.add_argument("--user", help="user name (NEO4J_USERNAME, default neo4j); the password comes "
                                      "only from NEO4J_PASSWORD or a prompt")
    group.add_argument("--database", help="database name (NEO4J_DATABASE; default: the server's)")


def register(sub: Any) -> None:
    """Add the ``neo4j`` and ``cypher`` commands."""
    neo = sub.add_parser("neo4j", help="keep the graph in Neo4j or any Bolt server",
                         description="Keep the graph in Neo4j or any Bolt server.")
    neo_sub = neo.add_subparsers(dest="neo4j_command", metavar="ACTION", required=True)
    ld = neo_sub.add_parser("load", help="write task lists into the server (idempotent)",
                            description="Write task lists into a Bolt server with batched, retried "
                                        "transactions. Loading twice changes nothing.")
    add_inputs(ld)
    ld.add_argument("--replace-list", metavar="ID",
                    help="delete this list's tasks first, leaving other lists untouched")
    ld.add_argument("--batch-size", type=int, default=1000, metavar="N", help="rows per transaction")
    ld.add_argument("--json", action="store_true", help="print the summary as JSON")
    _add_server(ld)
    ld.set_defaults(handler=_load)
    _register_export_csv(neo_sub)

    cy = sub.add_parser(
        "cypher", help="run a library query, a .cypher file or ad-hoc Cypher",
        description="Run a named query from the library, a .cypher file, or -e 'QUERY'. With "
                    "NEO4J_URI set it runs on that server; otherwise on an embedded ArcadeDB engine "
                    "loaded with INPUT (default: the bundled example). Read-only unless --write.",
        epilog="-p values: for library queries they are converted to the declared type; for ad-hoc "
               "queries 12 becomes an int, 1.5 a float, true/false a boolean, anything else a "
               "string (quote it, -p id='\"007\"', to keep digits as a string).")
    cy.add_argument("query", nargs="?", metavar="NAME|FILE", help="a library query name or a .cypher file")
    cy.add_argument("-e", "--execute", metavar="QUERY", help="ad-hoc Cypher text")
    cy.add_argument("-p", "--param", action="append", default=[], metavar="KEY=VALUE",
                    help="a query parameter; may repeat")
    fmt = cy.add_mutually_exclusive_group()
    fmt.add_argument("--table", action="store_true", help="print a table (default)")
    fmt.add_argument("--csv", action="store_true", help="print CSV")
    fmt.add_argument("--json", action="store_true", help="print JSON")
    cy.add_argument("--write", action="store_true", help="allow the query to change the graph")
    cy.add_argument("--list", action="store_true", help="list the library's queries and exit")
    cy.add_argument("--embedded", action="store_true",
                    help="use remit's own graph (remit serve, else the cache) even when NEO4J_URI is set")
    cy.add_argument("--fresh", action="store_true",
                    help="rebuild the cached database for INPUT instead of reusing it")
    add_inputs(cy)
    _add_server(cy)
    cy.set_defaults(handler=_cypher)
    # `remit cypher top_leads -p limit=3 list.md`: inputs may follow the options.
    cy.__class__ = _IntermixedParser


def _register_export_csv(neo_sub: Any) -> None:
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


class _IntermixedParser(argparse.ArgumentParser):
    """A parser that takes positionals between options (``NAME -p k=v INPUT``).

    Plain argparse fills every positional from the first run of them, so an
    INPUT after ``-p`` was "unrecognized".
    """

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        if self._inside:  # parse_known_intermixed_args calls back here for each of its passes
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def _password_prompt() -> Callable[[str], str] | None:
    """Ask for a missing password on a terminal only; a pipe gets the server's refusal instead."""
    return getpass.getpass if sys.stdin.isatty() else None


def _load(args: argparse.Namespace) -> int:
    from remit.service.storing import store

    stored = store(read_options(args).load, uri=args.uri, user=args.user, database=args.database,
                   batch_size=args.batch_size, replace_list=args.replace_list,
                   ask_password=_password_prompt())
    if args.json:
        emit_json(stored.record())
    else:
        print("\n".join(stored.lines()))
    return 0


def _cypher(args: argparse.Namespace) -> int:
    from remit.service.querying import engine_message, library_table, parse_params, query_of, run_query

    if args.list:
        emit_frame(library_table(), args)
        return 0
    if args.execute is not None and args.query is not None:  # with -e, the first positional is an input
        args.inputs, args.query = [args.query, *args.inputs], None
    try:
        query = query_of(args.query, args.execute)
        answer = run_query(query, parse_params(args.param, query), read_options(args), uri=args.uri,
                           user=args.user, database=args.database, embedded=args.embedded,
                           write=args.write, fresh=args.fresh, ask_password=_password_prompt())
    except (QueryError, GraphStoreError) as exc:
        raise type(exc)(engine_message(str(exc))) from None
    print(f"remit: {answer.line}", file=sys.stderr)  # stdout holds the rows alone
    emit_frame(answer.frame, args)
    return 0


def _export_csv(args: argparse.Namespace) -> int:
    from remit.cypher.admin_csv import write_import_csv

    counts = write_import_csv(read_options(args).load(), Path(args.folder))
    print(f"wrote {args.folder}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    print(f"import it with the command in {Path(args.folder) / 'import.sh'}")
    return 0
