"""Run a query through the ``neo4j`` driver and return a DataFrame.

Reads go through ``session.execute_read`` (READ routing on a cluster); a
query that writes needs ``write=True``. Neo4j refuses writes in a read
transaction by itself; for servers that do not (ArcadeDB), a read that
reports changes is rolled back and refused here, and queries whose text
holds a write clause are refused before they are sent.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from typing import Any

import neo4j
import pandas as pd
from neo4j import graph as neo4j_graph

from remit.cypher.bolt import Settings, translating
from remit.cypher.library import Query, bind, get, parse
from remit.errors import QueryError
from remit.model import TaskList

__all__ = ["adhoc", "execute", "resolve", "run", "write_clause"]

# Strings, comments and `escaped names` can hold anything; blank them before
# looking for write clauses.
_OPAQUE = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_WRITE = re.compile(r"(?<![.\w$])(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV)\b",
                    re.I)


def write_clause(text: str) -> str | None:
    """The first write clause in a Cypher text, ignoring strings and comments.

    Examples
    --------
    >>> write_clause("MATCH (u:Unit {name: 'x}) DETACH DELETE n'}) RETURN u.set") is None
    True
    >>> write_clause("MATCH (n) // note\\nDETACH DELETE n")
    'DETACH'
    """
    match = _WRITE.search(_OPAQUE.sub(" ", text))
    return match.group(1).upper() if match else None


class _WroteInRead(Exception):
    """A read transaction reported changes; raising it rolls the transaction back."""


def _native(value: Any) -> Any:
    if isinstance(value, neo4j_graph.Node):
        return {**dict(value.items()), "_labels": sorted(value.labels)}
    if isinstance(value, neo4j_graph.Relationship):
        return {**dict(value.items()), "_type": value.type}
    if isinstance(value, neo4j_graph.Path):
        return [_native(n) for n in value.nodes]
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    if hasattr(value, "to_native"):
        return value.to_native()
    return value


def _frame(keys: list[str], records: list[list[Any]]) -> pd.DataFrame:
    rows = [[_native(v) for v in record] for record in records]
    frame = pd.DataFrame(rows, columns=keys)
    # Keep lists and dates as Python objects; numbers stay numbers.
    for column in frame.columns:
        if frame[column].map(lambda v: isinstance(v, list | dict | dt.date)).any():
            frame[column] = frame[column].astype(object)
    return frame


def execute(driver: neo4j.Driver, query: Query, params: dict[str, Any] | None = None,
            database: str | None = None, *, write: bool = False,
            settings: Settings | None = None) -> pd.DataFrame:
    """Check the parameters, run ``query`` in a managed transaction, return the rows.

    Raises
    ------
    QueryError
        Wrong parameters, a syntax error, a write without ``write=True``.
    GraphStoreError
        The server is unreachable or refused the login.
    """
    bound = bind(query, params or {})
    what = "ad-hoc query" if query.source == "-e" else f"query {query.name}"
    if not write:
        clause = "a write" if query.write else write_clause(query.text)
        if clause:
            raise QueryError(f"{what} writes ({clause}); queries are read-only unless you pass "
                             "--write (write=True)")

    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
        result = tx.run(query.text, bound)
        keys = list(result.keys())
        records = [list(r.values()) for r in result]
        if not write and result.consume().counters.contains_updates:
            raise _WroteInRead()
        return keys, records

    try:
        with translating(settings, what), driver.session(database=database) as session:
            keys, records = session.execute_write(work) if write else session.execute_read(work)
    except _WroteInRead:
        raise QueryError(f"{what} changed the graph in a read transaction (rolled back); "
                         "pass --write (write=True) to allow it") from None
    return _frame(keys, records)


def resolve(name_or_text: str | Query) -> Query:
    """A library query by name, a ``.cypher`` file by path, or a :class:`Query` as is."""
    if isinstance(name_or_text, Query):
        return name_or_text
    from pathlib import Path

    from remit.cypher.library import read_query_file

    if name_or_text.endswith(".cypher"):
        return read_query_file(name_or_text)
    if "/" in name_or_text or "\\" in name_or_text or Path(name_or_text).is_file():
        # Only a .cypher file is read as a query: `remit cypher /etc/passwd` must not
        # read, run or quote an arbitrary file.
        raise QueryError(f"{name_or_text}: a query file must have the .cypher suffix")
    return get(name_or_text)


_embedded_lock = threading.Lock()
_embedded_dbs: dict[int, tuple[TaskList | None, str]] = {}


def _embedded(tasklist: TaskList | None) -> tuple[neo4j.Driver, str]:
    """The shared embedded engine, with ``tasklist`` (default: the example) loaded once."""
    from remit.cypher.embedded import shared_engine
    from remit.cypher.store import load

    engine = shared_engine()
    with _embedded_lock:
        key = id(tasklist) if tasklist is not None else 0
        if key not in _embedded_dbs:
            if tasklist is None:
                import remit

                data = remit.load(remit.example_path())
                database = engine.database
            else:
                data = tasklist
                database = f"remit{len(_embedded_dbs) + 1}"
                engine.create_database(database)
            driver = _engine_driver(engine)
            load(driver, data, database, progress=_Silent())
            # Keep the task list alive so that its id() is never reused.
            _embedded_dbs[key] = (tasklist, database)
        return _engine_driver(engine), _embedded_dbs[key][1]


_drivers: dict[int, neo4j.Driver] = {}


def _engine_driver(engine: Any) -> neo4j.Driver:
    if id(engine) not in _drivers:
        _drivers[id(engine)] = engine.driver()
    return _drivers[id(engine)]


class _Silent:
    def advance(self, steps: int = 1) -> None:
        pass


def run(name: str | Query, /, driver: neo4j.Driver | None = None, *, database: str | None = None,
        tasklist: TaskList | None = None, write: bool = False, **params: Any) -> pd.DataFrame:
    """Run a library query (or a ``.cypher`` file) and return its rows as a DataFrame.

    Parameters
    ----------
    name : str or Query
        A name from :func:`remit.cypher.library`, a path ending in ``.cypher``,
        or a :class:`Query` (see :func:`remit.cypher.parse` for ad-hoc text).
    driver : neo4j.Driver, optional
        Where to run. Without one, remit starts its embedded ArcadeDB engine
        once per process and loads ``tasklist`` into it (by default the
        bundled example); later calls reuse it.
    database : str, optional
        The database on ``driver``; the server's default when None.
    tasklist : TaskList, optional
        Only with ``driver=None``: the data for the embedded engine.
    write : bool
        Allow a query that changes the graph.
    **params
        The query's parameters; they must match its declaration.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import remit.cypher
    >>> top = remit.cypher.run("top_leads", limit=3)  # doctest: +SKIP
    >>> top.loc[0, "unit"], int(top.loc[0, "leads"])  # doctest: +SKIP
    ('市市场监管局', 40)
    """
    query = resolve(name)
    bind(query, params)  # fail fast, before any engine starts
    if driver is None:
        driver, database = _embedded(tasklist)
    elif tasklist is not None:
        raise QueryError("tasklist= is only for the embedded engine (driver=None); load it into your "
                         "server with remit.neo4j.load(driver, tasklist)")
    return execute(driver, query, params, database, write=write)


def adhoc(text: str) -> Query:
    """An ad-hoc query from text given on the command line (a header is optional)."""
    return parse(text, source="-e")
