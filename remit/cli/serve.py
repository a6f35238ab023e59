"""Command ``remit serve``.

It keeps the graph in a local ArcadeDB server with a Bolt listener until
Ctrl-C or SIGTERM, so that ``remit cypher``, the ``%%cypher`` notebook magic
and any Bolt client (the ``neo4j`` driver, cypher-shell) can ask it
questions at once (:func:`remit.service.serving.serve`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from remit.cli.common import add_inputs, read_options
from remit.service.serving import PASSWORD_ENV

__all__ = ["register"]


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


def _serve(args: argparse.Namespace) -> int:
    from remit.service.serving import serve

    serve(read_options(args), db=args.db, bolt_port=args.bolt_port, http_port=args.http_port, host=args.host,
          fresh=args.fresh, ready=lambda line: print(line, flush=True))
    print("remit serve: stopped", file=sys.stderr, flush=True)
    return 0
