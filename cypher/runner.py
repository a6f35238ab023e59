"""Run a query through the ``neo4j`` driver and return a DataFrame.

Reads go through ``session.execute_read`` (READ routing on a cluster); a
query that writes needs ``write=True``. Neo4j refuses writes in a read
transaction by itself. ArcadeDB does not (``apoc.do.when`` wrote and
reported no change), so remit's own ArcadeDB servers are read as a user
that may only read (:data:`remit.cypher.embedded.READER`): the server
refuses the write. As a courtesy on any server, queries whose text holds a
write clause are refused before they are sent, and a read that reports
changes is rolled back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from remit.cypher.bolt import Settings, translating
from remit.cypher.catalog import Query, bind, get, parse, read_query_file
from remit.cypher.embedded import EmbeddedEngine, shared_engine
from remit.errors import QueryError
from remit.model import TaskList

# The driver is imported where it is used: about 0.24 s of start-up that a query answered by
# the cached embedded database (no Bolt) never needs.
if TYPE_CHECKING:
    import neo4j

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
    # No value is a driver's node, relationship or path unless the driver was imported.
    neo4j_graph = sys.modules.get("neo4j.graph")
    if neo4j_graph is not None:
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
    if name_or_text.endswith(".cypher"):
        return read_query_file(name_or_text)
    if "/" in name_or_text or "\\" in name_or_text or Path(name_or_text).is_file():
        # Only a .cypher file is read as a query: `remit cypher /etc/passwd` must not
        # read, run or quote an arbitrary file.
        raise QueryError(f"{name_or_text}: a query file must have the .cypher suffix")
    return get(name_or_text)


def _fingerprint(tasklist: TaskList) -> str:
    """A digest of everything a load writes: equal lists share one embedded database."""
    from remit.cypher.store import rows_of

    text = json.dumps(rows_of(tasklist), ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _embedded_database(engine: EmbeddedEngine, tasklist: TaskList) -> str:
    """The engine's database holding ``tasklist``, loaded on first use.

    The engine remembers which lists it holds by their content, not by the
    objects, so no task list is kept alive and equal lists are loaded once.
    """
    from remit.cypher.store import load

    key = _fingerprint(tasklist)
    with engine.lock:
        if key not in engine.loaded:
            database = f"remit{len(engine.loaded) + 1}"
            engine.create_database(database)
            import neo4j

            driver = neo4j.GraphDatabase.driver(engine.uri, auth=engine.auth)
            try:
                load(driver, tasklist, database, progress=_Silent())
            finally:
                driver.close()
            engine.loaded[key] = database
        return engine.loaded[key]


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
        Where to run; the caller opens and closes it. Without one, remit
        starts its embedded ArcadeDB engine once per process, loads
        ``tasklist`` into a database of its own (once per distinct list), and
        opens and closes a driver for this call: as the read-only user unless
        ``write=True``.
    database : str, optional
        The database on ``driver``; the server's default when None.
    tasklist : TaskList, optional
        Only with ``driver=None``, and then required: the data for the
        embedded engine, e.g. ``remit.load(remit.example_path())``.
    write : bool
        Allow a query that changes the graph.
    **params
        The query's parameters; they must match its declaration.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import remit
    >>> example = remit.load(remit.example_path())  # doctest: +SKIP
    >>> top = remit.cypher.run("top_leads", tasklist=example, limit=3)  # doctest: +SKIP
    >>> top.loc[0, "unit"], int(top.loc[0, "leads"])  # doctest: +SKIP
    ('市市场监管局', 40)
    """
    query = resolve(name)
    bind(query, params)  # fail fast, before any engine starts
    if driver is None:
        if tasklist is None:
            raise QueryError("run() needs a driver, or tasklist= to load into the embedded engine "
                             "(e.g. tasklist=remit.load(remit.example_path()))")
        engine = shared_engine()
        database = _embedded_database(engine, tasklist)
        import neo4j

        own = neo4j.GraphDatabase.driver(engine.uri, auth=engine.auth if write else engine.reader_auth)
        try:
            return execute(own, query, params, database, write=write)
        finally:
            own.close()
    if tasklist is not None:
        raise QueryError("tasklist= is only for the embedded engine (driver=None); load it into your "
                         "server with remit.neo4j.load(driver, tasklist)")
    return execute(driver, query, params, database, write=write)


def adhoc(text: str) -> Query:
    """An ad-hoc query from text given on the command line (a header is optional)."""
    return parse(text, source="-e")
