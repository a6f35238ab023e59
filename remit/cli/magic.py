"""``%%cypher``: Cypher in Jupyter and IPython, answered as a pandas DataFrame.

Load it with ``%load_ext remit``. A cell holds Cypher; ``$name``
parameters take the notebook variable of that name unless ``-p`` gives a
value (a Python expression, evaluated in the notebook)::

    %%cypher
    MATCH (u:Unit {name: $unit})-[:LEADS]->(t:Task) RETURN t.id AS task, t.deadline AS deadline

    %cypher top_leads -p limit=5

It lives beside the CLI rather than in ``cypher/`` because it loads input
files (``remit.load``), which the Bolt layer must not import. The query
runs where ``remit cypher`` would run it, decided in one place
(:func:`remit.service.querying.run_query`): on ``NEO4J_URI`` when it is
set, else on a running ``remit serve`` (the cache when that does not
answer), else on remit's cached embedded database for ``--input``
(default: the bundled example), opened for the cell only and pruned
afterwards; ``--write`` without ``NEO4J_URI`` on a scratch database.
"""

from __future__ import annotations

import argparse
import re
import shlex
from typing import Any

from remit.errors import RemitError

__all__ = ["load_ipython_extension", "referenced_params", "run_cell"]

_OPAQUE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$([A-Za-z_]\w*)")


def referenced_params(text: str) -> list[str]:
    """The ``$parameters`` a Cypher text uses, in order, outside strings and comments.

    Examples
    --------
    >>> referenced_params("MATCH (u {name: $unit}) // $not\\nRETURN '$no', $limit, $unit")
    ['unit', 'limit']
    """
    return list(dict.fromkeys(_PARAM.findall(_OPAQUE.sub(" ", text))))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="%%cypher", add_help=False, exit_on_error=False)
    p.add_argument("name", nargs="?", help="a library query, when the cell is empty")
    p.add_argument("-p", "--param", action="append", default=[], metavar="KEY=EXPR")
    p.add_argument("-i", "--input", action="append", default=[], metavar="FILE")
    p.add_argument("--aliases", action="append", default=[], metavar="FILE")
    p.add_argument("--fresh", action="store_true")
    p.add_argument("--write", action="store_true")
    return p


def run_cell(query: Any, params: dict[str, Any], inputs: list[str], aliases: list[str], *,
             fresh: bool = False, write: bool = False) -> Any:
    """Run ``query`` where ``remit cypher`` would (:func:`remit.service.querying.run_query`); its rows.

    Nothing stays open between cells: a driver connects in milliseconds, and
    the cached database is opened for the cell only, so that ``remit cypher``
    in a terminal can use it meanwhile. The JVM, once started, stays.
    """
    from remit.service.querying import run_query
    from remit.service.reading import ReadOptions

    return run_query(query, params, ReadOptions(inputs=tuple(inputs), aliases=tuple(aliases)), fresh=fresh,
                     write=write).frame


def _make_magics() -> type:
    """The Magics class; built on demand so that importing this module needs no IPython."""
    from IPython.core.magic import Magics, line_cell_magic, magics_class

    @magics_class
    class CypherMagics(Magics):
        """The ``%%cypher`` cell magic."""

        @line_cell_magic
        def cypher(self, line: str, cell: str | None = None) -> Any:
            """Run the cell's Cypher (or the library query named on the line); return a DataFrame."""
            magic = "%cypher" if cell is None else "%%cypher"  # IPython passes no cell to a line magic
            try:
                return self._run(line, cell or "", magic)
            except RemitError as exc:
                from remit.service.querying import engine_message

                # One line, named after the magic the user typed; no traceback, no Java class name.
                text = engine_message(str(exc)).removeprefix(f"query {magic}: ")
                print(text if text.startswith(magic) else f"{magic}: {text}")
                return None

        def _run(self, line: str, cell: str, magic: str) -> Any:
            from remit.cypher.catalog import get, parse

            try:
                args = _parser().parse_args(shlex.split(line))
            except (argparse.ArgumentError, SystemExit, ValueError) as exc:
                raise RemitError(f"{magic} {line}: {exc}") from None
            if cell.strip():
                query = parse(cell, source="%%cypher")
            elif args.name:
                query = get(args.name)
            else:
                raise RemitError(f"{magic}: name a library query (%cypher top_leads) or write Cypher in a "
                                 "%%cypher cell")
            namespace: dict[str, Any] = self.shell.user_ns if self.shell is not None else {}
            params: dict[str, Any] = {}
            for pair in args.param:
                key, sep, expr = pair.partition("=")
                if not sep or not key.strip():
                    raise RemitError(f"-p {pair!r}: expected KEY=EXPR")
                try:
                    params[key.strip().lstrip("$")] = eval(expr, namespace)  # the user's own notebook
                except Exception:
                    params[key.strip().lstrip("$")] = expr  # a bare word is a string
            names = [p.name for p in query.params] if query.declared else referenced_params(query.text)
            for name in names:
                if name not in params and name in namespace:
                    params[name] = namespace[name]
            return run_cell(query, params, args.input, args.aliases, fresh=args.fresh, write=args.write)

    return CypherMagics


def load_ipython_extension(ipython: Any) -> None:
    """Register ``%%cypher`` with an IPython shell (``%load_ext remit``)."""
    magics = _make_magics()(ipython)
    ipython.register_magics(magics)
