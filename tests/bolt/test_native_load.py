"""The native bulk load (GraphBatch) writes the same graph as the Bolt loader.

Both loads go into the session's ArcadeDB server side by side: the example
through ``remit.cypher.store.load`` (the ``bolt`` fixture) and again through
``remit.cypher.native.bulk_load`` into a second database. Every node and
relationship, with every property, must match, and every library query must
give the same rows on both.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import remit
from remit.cypher import execute, library
from remit.cypher.catalog import parse
from remit.cypher.native import bulk_load, execute_native

pytestmark = pytest.mark.bolt

EXAMPLE = "shenzhen-2020-tasks"
# Values for the library's required parameters: units, months and lists of the example.
CHOICES: dict[str, list[Any]] = {
    "unit": ["市税务局", "市市场监管局", "各有关单位"],
    "year": [2020],
    "month": [1, 6, 12],
    "old": [EXAMPLE],
    "new": ["no-such-list"],
    "source": ["市市场监管局"],
    "target": ["市税务局", "市财政局"],
    "limit": [1000, 3],
    "include_collectives": [False, True],
}

NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
EDGES = ("MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
         "coalesce(a.name, a.id, a.key) AS a, coalesce(b.name, b.id, b.key) AS b")


_DATABASES: dict[str, Any] = {}


@pytest.fixture(scope="module")
def native(bolt: Any, example: remit.TaskList) -> str:
    if bolt.server is None:
        pytest.skip("the native load is for the embedded ArcadeDB engine only")
    database = bolt.server.create_database("native")
    written = bulk_load(database, example)
    # Hand-checked in the source: 210 tasks, 268 lead and 312 support assignments.
    assert (written["Task"], written["LEADS"], written["SUPPORTS"]) == (210, 268, 312)
    _DATABASES["native"] = database
    return "native"


def _rows(bolt: Any, database: str, text: str) -> list[str]:
    records, _, _ = bolt.driver.execute_query(text, database_=database)
    out = []
    for r in records:
        row = dict(r)
        if isinstance(row.get("props"), dict):
            props = {k: v for k, v in row["props"].items() if k != "load_id"}
            if row.get("type") == "COORDINATES_WITH":  # collect() order is the server's
                props["tasks"] = sorted(props["tasks"])
            row["props"] = sorted(props.items())
        out.append(repr(sorted(row.items())))
    return sorted(out)


def test_same_nodes_and_edges(bolt: Any, native: str) -> None:
    nodes = _rows(bolt, native, NODES)
    assert nodes == _rows(bolt, bolt.database, NODES)
    assert len(nodes) > 210
    edges = _rows(bolt, native, EDGES)
    assert edges == _rows(bolt, bolt.database, EDGES)
    assert sum("'COORDINATES_WITH'" in e for e in edges) > 0


def test_deadline_is_a_date(bolt: Any, native: str) -> None:
    import neo4j.time

    records, _, _ = bolt.driver.execute_query(
        "MATCH (t:Task) WHERE t.deadline IS NOT NULL RETURN t.deadline AS d, t.deadline.month AS m "
        "ORDER BY t.id LIMIT 1", database_=native)
    assert isinstance(records[0]["d"], neo4j.time.Date) and records[0]["m"] == records[0]["d"].month


def _param_sets(query: Any) -> list[dict[str, Any]]:
    names = [p.name for p in query.params]
    return [dict(zip(names, combo, strict=True))
            for combo in itertools.product(*(CHOICES[n] for n in names))]


# Columns whose list order the query fixes (ORDER BY before collect, or a path);
# other collected lists come in the server's storage order, which Cypher leaves open.
ORDERED = {("co_led_tasks", "leads"), ("unsupported_tasks", "leads"), ("shortest_path", "path"),
           ("shortest_path", "shared_tasks")}


def _records(query: Any, frame: Any) -> list[dict[str, Any]]:
    rows = [{k: sorted(v) if isinstance(v, list) and (query.name, k) not in ORDERED else v
             for k, v in row.items()} for row in frame.to_dict("records")]
    # Without ORDER BY (graph_summary's UNION) the row order is the server's too.
    return rows if "ORDER BY" in query.text else sorted(rows, key=repr)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_agrees(bolt: Any, native: str, name: str) -> None:
    query = library()[name]
    nonempty = 0
    for params in _param_sets(query):
        want = execute(bolt.driver, query, params, bolt.database)
        got = execute(bolt.driver, query, params, native)
        assert _records(query, got) == _records(query, want), (name, params)
        # The cache's server-less path: the same query run in-process on the database.
        direct = execute_native(_DATABASES[native], query, params)
        assert _records(query, direct) == _records(query, want), (name, params, "in-process")
        nonempty += not want.empty
    assert nonempty or name in ("list_diff",), f"{name}: every parameter set gave no rows"


def test_a_second_load_is_refused_and_leaves_the_collector_on(native: str, example: remit.TaskList) -> None:
    import gc

    from remit.errors import GraphStoreError

    assert gc.isenabled()
    with pytest.raises(GraphStoreError, match="needs an empty database"):
        bulk_load(_DATABASES[native], example)
    # The load pauses Python's cyclic collector; it must be back on after a failure too.
    assert gc.isenabled()
    count = execute_native(_DATABASES[native], parse("MATCH (t:Task) RETURN count(t) AS n", "-e"))
    assert count["n"].tolist() == [210]  # the refused load wrote nothing


def test_the_load_draws_its_progress_on_request(bolt: Any, example: remit.TaskList,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    if bolt.server is None:
        pytest.skip("the native load is for the embedded ArcadeDB engine only")
    bulk_load(bolt.server.create_database("native_progress"), example, progress=True)
    err = capsys.readouterr().err
    # Four steps: rows, vertices (with the coordination pairs), edges, connecting them.
    assert "loading graph" in err and "4/4" in err and "5/4" not in err
    capsys.readouterr()
    bulk_load(bolt.server.create_database("native_quiet"), example, progress=False)
    assert capsys.readouterr().err == ""
