"""Commands ``remit neo4j load`` and ``remit cypher``.

Both reach a Bolt server from ``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` (or ``--uri``, ``--user`` and
``--database``; there is no password flag). Without a server, ``remit
cypher`` starts the embedded ArcadeDB engine for the length of the command.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import re
import sys
from typing import TYPE_CHECKING, Any

from remit.cli.common import add_inputs, emit_frame, emit_json, load_inputs, reading_options, unit_aliases
from remit.errors import GraphStoreError, QueryError
from remit.suggest import unknown_unit

# The driver, pandas and the query runner load when a command runs, so that
# `remit --help` starts at once.
if TYPE_CHECKING:
    import pandas as pd

    from remit.cypher.bolt import Settings
    from remit.cypher.catalog import Query

__all__ = ["UNIT_PARAMS", "parse_params", "register"]

#: Parameters of the library's queries that name a unit; an unknown name gets a did-you-mean.
UNIT_PARAMS = ("unit", "source", "target")


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
    from remit.cli.serve import register_export_csv

    register_export_csv(neo_sub)

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


def _settings(args: argparse.Namespace) -> Settings:
    from remit.cypher.bolt import Settings

    settings = Settings.resolve(uri=args.uri, user=args.user, database=args.database)
    if settings.password is None and sys.stdin.isatty():
        password = getpass.getpass(f"password for {settings.user} at {settings.shown}: ")
        settings = Settings(settings.uri, settings.user, password, settings.database)
    return settings


def _load(args: argparse.Namespace) -> int:
    from remit.cypher.bolt import connect
    from remit.cypher.store import load

    settings = _settings(args)
    tasklist = load_inputs(args)
    driver = connect(settings)
    try:
        summary = load(driver, tasklist, settings.database, batch_size=args.batch_size,
                       replace_list=args.replace_list, settings=settings)
    finally:
        driver.close()
    if args.json:
        emit_json({"server": settings.shown, "database": settings.database, "input": summary.input,
                   "changes": summary.changes, "totals": summary.totals,
                   "replaced": summary.replaced, "seconds": round(summary.seconds, 3)})
    else:
        print(f"server {settings.shown}" + (f", database {settings.database}" if settings.database else ""))
        print("\n".join(summary.lines()))
    return 0


def _guess(text: str) -> Any:
    """A command-line value for an ad-hoc query: int, float, bool, else str."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_params(pairs: list[str], query: Query) -> dict[str, Any]:
    """Turn ``-p key=value`` options into typed parameters for ``query``.

    Examples
    --------
    >>> from remit.cypher import get, parse
    >>> parse_params(["limit=3"], get("top_leads"))
    {'limit': 3}
    >>> parse_params(["n=12", "x=1.5", "b=true", "s=市税务局", "id='007'"], parse("RETURN $n"))
    {'n': 12, 'x': 1.5, 'b': True, 's': '市税务局', 'id': '007'}
    """
    declared = {p.name: p for p in query.params}
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("$")
        if not sep or not key:
            raise QueryError(f"-p {pair!r}: expected KEY=VALUE")
        if key in params:
            raise QueryError(f"-p {key} given twice")
        params[key] = declared[key].convert(value) if key in declared else _guess(value)
    return params


def _list(args: argparse.Namespace) -> int:
    import pandas as pd

    from remit.cypher.catalog import library

    rows = [{"name": q.name,
             "parameters": ", ".join(f"{p.name} ({p.type}{'' if p.required else f', default {p.default}'})"
                                     for p in q.params),
             "question": q.zh, "question_en": q.en} for q in library().values()]
    emit_frame(pd.DataFrame(rows), args)
    return 0


_JAVA_CLASS = re.compile(r"\b(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b:?\s*")
_CAUSED_BY = re.compile(r"\s*\(caused by [^)]*\)")
_SYNTAX_AT = re.compile(r"Syntax error at line (\d+):(\d+)\s*-\s*")


def engine_message(text: str) -> str:
    """An engine's error as one line for a person: no Java class names, the position in words.

    Examples
    --------
    >>> engine_message("ad-hoc query: com.arcadedb.exception.CommandParsingException: Syntax error "
    ...                "at line 1:14 - mismatched input 'RETURN' (caused by org.antlr.v4.Mismatch)")
    "ad-hoc query: syntax error at line 1, column 15: mismatched input 'RETURN'"
    """
    text = _JAVA_CLASS.sub("", _CAUSED_BY.sub("", text.splitlines()[0] if text else ""))
    # ANTLR counts columns from 0; a person counts from 1.
    return _SYNTAX_AT.sub(lambda m: f"syntax error at line {m[1]}, column {int(m[2]) + 1}: ", text)


def _cypher(args: argparse.Namespace) -> int:
    try:
        return _cypher_run(args)
    except (QueryError, GraphStoreError) as exc:
        raise type(exc)(engine_message(str(exc))) from None


def _cypher_run(args: argparse.Namespace) -> int:
    from remit.cypher.bolt import connect
    from remit.cypher.catalog import bind
    from remit.cypher.runner import adhoc, execute, resolve

    if args.list:
        return _list(args)
    inputs = list(args.inputs)
    if args.execute is not None:
        if args.query is not None:  # with -e, the first positional is an input file
            inputs.insert(0, args.query)
        query = adhoc(args.execute)
    elif args.query is not None:
        query = resolve(args.query)
    else:
        raise QueryError("give a query name (see remit cypher --list), a .cypher file, or -e 'QUERY'")
    args.inputs = inputs
    params = parse_params(args.param, query)
    bind(query, params)  # report parameter mistakes before starting anything
    if (args.uri or os.environ.get("NEO4J_URI")) and not args.embedded:
        settings = _settings(args)
        if inputs:
            print(f"remit: note: INPUT is only for the embedded engine; querying {settings.shown}",
                  file=sys.stderr)
        driver = connect(settings)
        try:
            frame = execute(driver, query, params, settings.database, write=args.write, settings=settings)
            args.answered_by = f"the server at {settings.shown}"
            if frame.empty and _unit_params(query, params):  # an empty answer: was a name wrong?
                every = adhoc("MATCH (u:Unit) RETURN u.name AS name, u.aliases AS aliases")
                names = execute(driver, every, {}, settings.database, settings=settings)
                _check_units(query, params, {str(n): list(a or ()) for n, a in
                                             zip(names["name"], names["aliases"], strict=True)})
        finally:
            driver.close()
    else:
        frame = _run_embedded(args, query, params)
        if frame.empty and _unit_params(query, params):  # an empty answer: was a name wrong?
            _check_units(query, params, unit_aliases(load_inputs(args)))
    _answered(args)  # after the checks: a query that fails says only why
    emit_frame(frame, args)
    return 0


def _run_embedded(args: argparse.Namespace, query: Query, params: dict[str, Any]) -> pd.DataFrame:
    """Run on remit's own graph: a running ``remit serve``, else the content-hash cache in-process."""
    from remit.cypher import local
    from remit.cypher.bolt import connect
    from remit.cypher.runner import execute
    from remit.errors import GraphStoreError

    if args.write:
        return _run_scratch(args, query, params)  # writes never touch the shared cache
    from remit.example import example_path

    specs = list(args.inputs) or [str(example_path())]
    key = local.content_key(specs, list(args.aliases), reading_options(args))
    default = not args.inputs and not args.aliases and not reading_options(args)
    settings = None if args.fresh else local.running_server(None if default else key)
    if settings is not None:
        try:
            driver = connect(settings)
        except GraphStoreError as exc:
            local.note(f"remit serve at {settings.shown} did not answer ({exc}); using the cache instead")
        else:
            try:
                frame = execute(driver, query, params, settings.database, settings=settings)
                args.answered_by = f"remit serve at {settings.shown}"
                return frame
            finally:
                driver.close()
    from remit.cypher.native import execute_native

    loaded: list[bool] = []

    def build() -> Any:
        loaded.append(True)
        return load_inputs(args)

    cache = local.data_folder("cache", "cache")
    with local.cached_database(cache / key[:16], key, build, fresh=args.fresh,
                               say=local.note, wait=120) as database:
        frame = execute_native(database, query, params)
    with contextlib.suppress(OSError):  # tidying only: a full disk must not cost the answer
        local.prune_cache(cache)
    args.answered_by = "a fresh load of the lists (now cached)" if loaded else "remit's cached database"
    return frame


def _answered(args: argparse.Namespace) -> None:
    """Say on stderr, in one line, what answered the query: the output on stdout stays the rows alone."""
    by = getattr(args, "answered_by", None)
    if by:
        print(f"remit: answered by {by}", file=sys.stderr)


def _run_scratch(args: argparse.Namespace, query: Query, params: dict[str, Any]) -> pd.DataFrame:
    from remit.cypher.embedded import EmbeddedEngine
    from remit.cypher.native import bulk_load
    from remit.cypher.runner import execute

    tasklist = load_inputs(args)
    _check_units(query, params, unit_aliases(tasklist))  # before the engine starts: it takes seconds
    with EmbeddedEngine() as engine:
        bulk_load(engine._server.get_database(engine.database), tasklist)
        frame = execute(engine.driver(), query, params, engine.database, write=True)
    args.answered_by = "a fresh load into a scratch database (--write never changes the cache)"
    return frame


def _unit_params(query: Query, params: dict[str, Any]) -> list[str]:
    """The names given for the library query's unit parameters (never for ad-hoc Cypher)."""
    from remit.cypher.catalog import library

    declared = {p.name for p in query.params}
    if query.name not in library():
        return []
    return [str(params[k]) for k in UNIT_PARAMS if k in declared and isinstance(params.get(k), str)]


def _check_units(query: Query, params: dict[str, Any], aliases: dict[str, list[str]]) -> None:
    """Stop with a did-you-mean when a unit parameter is not a canonical unit name.

    The queries match canonical names only, so an alias gets its canonical name suggested.
    """
    for name in _unit_params(query, params):
        if name not in aliases:
            raise QueryError(unknown_unit(name, aliases, aliases))
