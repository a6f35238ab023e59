"""Bulk load into an embedded ArcadeDB database through its native ingest API.

:func:`remit.cypher.store.load` writes through Bolt with ``UNWIND … MERGE``:
portable (Neo4j, Aura, any Bolt server) and idempotent, but on ArcadeDB each
merged element costs the server 0.1–0.2 ms. A fresh embedded database needs
none of MERGE's look-ups: :func:`bulk_load` creates the vertices with
``GraphBatch.create_vertices`` and the edges with ``GraphBatch.new_edges``,
and derives ``COORDINATES_WITH`` in Python. The result is the same graph the
Bolt loader writes (same labels, properties, types and the same derived
edges; ``deadline`` a ``date``), so every library query answers the same.

Only for an empty database: it does not merge into existing data.
"""

from __future__ import annotations

import gc
import json
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from itertools import chain, combinations
from typing import Any

from remit.cypher.catalog import schema_statements
from remit.errors import GraphStoreError
from remit.graph.schema import (
    COORDINATES_WITH,
    DOMAIN,
    IN_DOMAIN,
    KEY_OF,
    LABEL_OF,
    LABELS,
    LEADS,
    RELATIONSHIPS,
    SUPPORTS,
    TASK,
    UNIT,
)
from remit.model import TaskList
from remit.progress import Progress

__all__ = ["EDGE_TYPES", "bulk_load", "coordination_rows"]

EDGE_TYPES = RELATIONSHIPS
VERTEX_TYPES = LABELS
_UNIT, _TASK, _DOMAIN = LABEL_OF[UNIT], LABEL_OF[TASK], LABEL_OF[DOMAIN]
_EDGE_LIST_BYTES = 1024


def _cypher_order(name: str) -> bytes:
    """Sort key matching Cypher's string ``<`` on the JVM (UTF-16 code units)."""
    return name.encode("utf-16-be")


def coordination_rows(rows: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The ``COORDINATES_WITH`` edges the Bolt loader derives, computed from the load rows.

    Two agencies are joined when both lead or support a common task; the edge
    runs from the name that sorts first, with ``weight`` the number of shared
    tasks and ``tasks`` their ids (sorted).

    Examples
    --------
    >>> rows = {"units": [{"name": "乙", "kind": "agency"}, {"name": "甲", "kind": "agency"},
    ...                   {"name": "各有关单位", "kind": "collective"}],
    ...         "leads": [{"unit": "甲", "task": "t1"}, {"unit": "甲", "task": "t2"}],
    ...         "supports": [{"unit": "乙", "task": "t1"}, {"unit": "各有关单位", "task": "t1"},
    ...                      {"unit": "乙", "task": "t2"}]}
    >>> coordination_rows(rows)
    [{'a': '乙', 'b': '甲', 'weight': 2, 'tasks': ['t1', 't2']}]
    """
    # Rank the agencies once in Cypher's order, so pairs sort as integers; tasks
    # are visited in sorted order, so each pair's task list comes out sorted.
    agencies = sorted((u["name"] for u in rows["units"] if u["kind"] == "agency"), key=_cypher_order)
    rank = {name: index for index, name in enumerate(agencies)}
    units_of: dict[str, set[int]] = defaultdict(set)
    for edge in chain(rows["leads"], rows["supports"]):
        position = rank.get(edge["unit"])
        if position is not None:
            units_of[edge["task"]].add(position)
    shared: dict[tuple[int, int], list[str]] = defaultdict(list)
    for task in sorted(units_of):
        units = units_of[task]
        if len(units) > 1:
            for pair in combinations(sorted(units), 2):
                shared[pair].append(task)
    return [{"a": agencies[a], "b": agencies[b], "weight": len(tasks), "tasks": tasks}
            for (a, b), tasks in sorted(shared.items())]


def _present(row: dict[str, Any]) -> dict[str, Any]:
    # The Bolt loader's SET x = null leaves no property; do the same.
    return {k: v for k, v in row.items() if v is not None}


def bulk_load(database: Any, tasklist: TaskList, *, progress: bool | None = None) -> dict[str, float]:
    """Write ``tasklist`` into an empty embedded ArcadeDB ``database`` natively.

    Parameters
    ----------
    database : arcadedb_embedded.Database
        An open, empty database (from ``ArcadeDBServer.create_database`` or
        ``arcadedb_embedded.create_database``).
    tasklist : TaskList
    progress : bool, optional
        Draw a progress bar on stderr (four steps: rows, vertices, edges,
        connecting the edges); by default only on a terminal.

    Returns
    -------
    dict
        Nodes per label and relationships per type written, and ``seconds``.

    Raises
    ------
    GraphStoreError
        If the database already holds remit nodes, or the engine refuses the load.

    Examples
    --------
    >>> import remit  # doctest: +SKIP
    >>> bulk_load(server.create_database("remit"), remit.load(remit.example_path()))  # doctest: +SKIP
    {'Unit': 104, 'Task': 210, ...}
    """
    from remit.cypher.store import rows_of

    started = time.monotonic()
    # The rows are a million small acyclic containers; with the cyclic collector
    # running, each of its passes walked the whole parsed list too: pausing it
    # took a 100k-task load from 20 s to 15 s (medians of three processes).
    with _cyclic_gc_paused(), Progress(4, "loading graph", enabled=progress) as bar:
        try:
            rows = rows_of(tasklist)
            _prepare(database)
            bar.advance()
            # The engine writes the vertices on a second thread (JPype leaves the GIL
            # while in Java) as Python derives the coordination edges: on 2 cores the
            # two overlap, which took about 3 s off a 100k-task load.
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="remit-load") as pool:
                pending = pool.submit(_write_vertices, database, rows)
                coordination = coordination_rows(rows)
                rids = pending.result()
            bar.advance()
            _write_edges(database, rows, coordination, rids, bar)
            bar.advance()
        except GraphStoreError:
            raise
        except Exception as exc:  # the engine's errors are Java exceptions wrapped in ArcadeDBError
            raise GraphStoreError(f"the native bulk load failed: {str(exc).splitlines()[0][:200]}") from exc
    return {_UNIT: len(rids[_UNIT]), _TASK: len(rids[_TASK]), _DOMAIN: len(rids[_DOMAIN]),
            LEADS: len(rows["leads"]), SUPPORTS: len(rows["supports"]),
            IN_DOMAIN: len(rows["in_domain"]), COORDINATES_WITH: len(coordination),
            "seconds": round(time.monotonic() - started, 3)}


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _prepare(database: Any) -> None:
    """Constraints, indexes and types, then check that the database holds no remit nodes."""
    for statement in schema_statements():
        database.command("opencypher", statement)
    schema = database.schema
    for name in VERTEX_TYPES:
        schema.get_or_create_vertex_type(name)
    for name in EDGE_TYPES:
        schema.get_or_create_edge_type(name)
    # A typed property makes the engine store the ISO text as java.time.LocalDate,
    # what Cypher's date() stores, so dates can travel in the fast JSON path.
    from arcadedb_embedded.schema import PropertyType

    schema.get_or_create_property(_TASK, "deadline", PropertyType.DATE)
    if any(database.count_type(name) for name in VERTEX_TYPES):
        raise GraphStoreError("the native bulk load needs an empty database")


def _write_vertices(database: Any, rows: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, str]]:
    """Create every vertex; return each label's record ids by key."""
    with database.graph_batch(edge_list_initial_size=_EDGE_LIST_BYTES,
                              pre_allocate_edge_chunks=True) as batch:
        return {label: dict(zip([row[key] for row in rows[kind]],
                                _vertices(batch, label, [_present(row) for row in rows[kind]]), strict=True))
                for label, kind, key in ((_UNIT, "units", KEY_OF[UNIT]), (_DOMAIN, "domains", KEY_OF[DOMAIN]),
                                         (_TASK, "tasks", KEY_OF[TASK]))}


def _write_edges(database: Any, rows: dict[str, list[dict[str, Any]]], coordination: list[dict[str, Any]],
                 rids: dict[str, dict[str, str]], bar: Progress) -> None:
    """Buffer every edge in one batch; the engine connects them when it closes."""
    unit, task, domain = rids[_UNIT], rids[_TASK], rids[_DOMAIN]
    edges = len(rows["leads"]) + len(rows["supports"]) + len(rows["in_domain"]) + len(coordination)
    load_id = uuid.uuid4().hex
    # Measured on 100k tasks / 700k edges: buffering every edge until close and
    # pre-allocating edge chunks took the edge phases from 19 s to 12 s.
    with database.graph_batch(expected_edge_count=max(edges, 1), batch_size=max(edges, 1) + 1,
                              edge_list_initial_size=_EDGE_LIST_BYTES) as batch:
        for kind, edge in (("leads", LEADS), ("supports", SUPPORTS)):
            _edges(batch, edge, [{"_src": unit[e["unit"]], "_dst": task[e["task"]],
                                  "position": e["position"]} for e in rows[kind]])
        _edges(batch, IN_DOMAIN, [{"_src": task[r["task"]], "_dst": domain[r["key"]]}
                                  for r in rows["in_domain"]])
        _edges(batch, COORDINATES_WITH,
               [{"_src": unit[c["a"]], "_dst": unit[c["b"]], "weight": c["weight"],
                 "tasks": c["tasks"], "load_id": load_id} for c in coordination])
        bar.advance()  # what is left is the engine connecting the buffered edges


# The wheel's JSON bridges take whole chunks in one crossing. Its Python wrappers
# (create_vertices, new_edges) only use them for scalar values and go value by
# value (edges: one call per edge) for lists such as aliases and tasks, which
# made a 100k-task load three times slower; the bridges themselves store JSON
# lists as java.util.ArrayList, as Cypher does.
_CHUNK = 50_000


def _bridge(name: str) -> Any:
    import jpype

    try:
        return jpype.JClass(f"com.arcadedb.python.{name}")
    except Exception:  # an older wheel without the bridge jar
        return None


def _vertices(batch: Any, type_name: str, rows: list[dict[str, Any]]) -> list[str]:
    bridge = _bridge("VertexBatcher")
    if bridge is None:
        return list(batch.create_vertices(type_name, rows))
    rids: list[str] = []
    for start in range(0, len(rows), _CHUNK):
        joined = str(bridge.createVerticesJson(batch._java_graph_batch, type_name,
                                               json.dumps(rows[start:start + _CHUNK])))
        rids.extend(joined.split(";") if joined else [])
    return rids


def _edges(batch: Any, type_name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    bridge = _bridge("EdgeBatcher")
    if bridge is None:
        batch.new_edges([r["_src"] for r in rows], type_name, [r["_dst"] for r in rows],
                        [{k: v for k, v in r.items() if k not in ("_src", "_dst")} for r in rows])
        return
    for start in range(0, len(rows), _CHUNK):
        bridge.newEdgesJson(batch._java_graph_batch, type_name, json.dumps(rows[start:start + _CHUNK]))


def _python(value: Any) -> Any:
    """A query value as the Bolt path gives it after ``to_native``: dates, lists, dicts, numbers."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, list | tuple):
        return [_python(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _python(v) for k, v in value.items()}
    name = type(value).__name__
    getter = getattr(value, "getClass", None)
    if getter is not None:
        name = str(getter().getSimpleName())
    if name in ("CypherDate", "LocalDate"):
        import datetime as dt

        return dt.date.fromisoformat(str(value))
    if hasattr(value, "get_property_names") or hasattr(value, "to_dict"):
        try:
            props = value.to_dict()
        except Exception:
            props = {}
        return {k: _python(v) for k, v in props.items() if not str(k).startswith("@")}
    from arcadedb_embedded.type_conversion import convert_java_to_python

    converted = convert_java_to_python(value)
    return converted if converted is not value else str(value)


def execute_native(database: Any, query: Any, params: dict[str, Any] | None = None) -> Any:
    """Run a read-only query on an open embedded database, without a server; return a DataFrame.

    The same checks as :func:`remit.cypher.runner.execute` (parameters, no
    write clause). The engine refuses what is not idempotent in a query
    (``QueryNotIdempotentException``, ``apoc.do.when`` included); on a
    database opened read-write the transaction is also rolled back, and
    :func:`remit.cypher.cache.cached_database` opens it read-only, so nothing
    is ever written. Values come back as the Bolt path returns them (dates as
    ``datetime.date``, lists as lists).

    Raises
    ------
    QueryError
        Wrong parameters, a write clause, or an error from the engine (one line).
    """
    import pandas as pd

    from remit.cypher.catalog import bind
    from remit.cypher.runner import _frame, write_clause
    from remit.errors import QueryError

    bound = bind(query, params or {})
    what = "ad-hoc query" if query.source == "-e" else f"query {query.name}"
    clause = "a write" if query.write else write_clause(query.text)
    if clause:
        raise QueryError(f"{what} writes ({clause}); queries are read-only unless you pass "
                         "--write (write=True)")
    # A read-only database cannot begin a transaction, and needs none.
    read_write = str(database.get_java_database().getMode()) != "READ_ONLY"
    if read_write:
        database.begin()
    try:
        result = database.query("opencypher", query.text, bound) if bound else \
            database.query("opencypher", query.text)
        keys: list[str] = []
        records: list[list[Any]] = []
        for row in result:
            names = row.get_property_names()
            keys = keys or list(names)
            records.append([_python(row.get(n, convert_types=False)) for n in keys])
    except Exception as exc:
        message = str(exc).replace("Query failed: ", "").splitlines()[0][:300]
        raise QueryError(f"{what}: the engine rejected the query: {message}") from None
    finally:
        if read_write:
            database.rollback()
    return _frame(keys, records) if records else pd.DataFrame(columns=keys)
