"""Loading into a Bolt server: counts, idempotence, replacing one list, hostile names."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import neo4j
import pandas as pd
import pytest

import remit
import remit.neo4j
from remit.cypher import get, parse, schema_statements
from remit.cypher import store as neo4j_store
from remit.cypher.catalog import statement
from remit.cypher.runner import execute
from remit.cypher.store import counts, delete_list, load
from remit.errors import GraphStoreError

pytestmark = pytest.mark.bolt

EXAMPLE = "shenzhen-2020-tasks"
HOSTILE = ["x'}) DETACH DELETE n //", "{braces} }) {", "`backtick`) MATCH (m) DELETE m //",
           "$name", '"; MATCH (n) SET n.name = "pwned', "a\\'b"]


def expected_counts(tasklist: remit.TaskList) -> dict[str, int]:
    G = remit.build_graph(tasklist)
    C = remit.coordination_graph(G)
    out = {"Unit": 0, "Task": 0, "Domain": 0, "LEADS": 0, "SUPPORTS": 0, "IN_DOMAIN": 0}
    for _, d in G.nodes(data=True):
        out[d["type"].capitalize()] += 1
    for _, _, k in G.edges(keys=True):
        out[k] += 1
    return {**out, "COORDINATES_WITH": C.number_of_edges()}


def list_tasks(bolt: Any, list_id: str) -> int:
    q = parse("MATCH (t:Task {list: $list}) RETURN count(t) AS n")
    return int(execute(bolt.driver, q, {"list": list_id}, bolt.database).loc[0, "n"])


def test_counts_match_the_model(bolt: Any, example: remit.TaskList) -> None:
    assert counts(bolt.driver, bolt.database) == expected_counts(example)


def test_loading_twice_changes_nothing(bolt: Any, example: remit.TaskList) -> None:
    before = counts(bolt.driver, bolt.database)
    summary = remit.neo4j.load(bolt.driver, example, database=bolt.database, batch_size=37)
    assert summary.totals == before == expected_counts(example)
    assert summary.changes["nodes_created"] == 0 and summary.changes["nodes_deleted"] == 0
    assert summary.changes["relationships_created"] == 0 and summary.changes["relationships_deleted"] == 0


def test_deadlines_are_dates(bolt: Any) -> None:
    q = parse("MATCH (t:Task {id: $id}) RETURN t.deadline AS d, t.deadline.month AS m")
    got = execute(bolt.driver, q, {"id": f"{EXAMPLE}#1"}, bolt.database)
    assert got.loc[0, "d"].isoformat() == "2020-01-31" and got.loc[0, "m"] == 1


def test_a_second_list_then_deleting_it(bolt: Any, example: remit.TaskList, variant: Any) -> None:
    assert counts(bolt.driver, bolt.database) == expected_counts(variant.combined)
    assert list_tasks(bolt, variant.list_id) == 210
    delete_list(bolt.driver, variant.list_id, bolt.database)
    assert counts(bolt.driver, bolt.database) == expected_counts(example)


def test_replace_list_leaves_other_lists_alone(bolt: Any, example: remit.TaskList, variant: Any) -> None:
    smaller = remit.TaskList(example.tasks[example.tasks["number"] <= 150].reset_index(drop=True),
                             example.assignments[example.assignments["task_id"].map(
                                 lambda t: int(t.split("#")[1]) <= 150)].reset_index(drop=True),
                             example.units, example.findings)
    # Units left with no task by the smaller list disappear; every other unit stays.
    kept = set(smaller.assignments["unit"]) | set(variant.combined.assignments["unit"][
        variant.combined.assignments["task_id"].str.startswith(variant.list_id)])
    smaller = remit.TaskList(smaller.tasks, smaller.assignments,
                             example.units[example.units["unit"].isin(kept)], example.findings)
    summary = load(bolt.driver, smaller, bolt.database, replace_list=EXAMPLE)
    assert list_tasks(bolt, EXAMPLE) == 150 and list_tasks(bolt, variant.list_id) == 210
    both = remit.TaskList(pd.concat([smaller.tasks, variant.tasklist.tasks], ignore_index=True),
                          pd.concat([smaller.assignments, variant.tasklist.assignments], ignore_index=True),
                          pd.concat([smaller.units, variant.tasklist.units]).drop_duplicates("unit"),
                          example.findings)
    assert summary.totals == expected_counts(both)
    load(bolt.driver, example, bolt.database, replace_list=EXAMPLE)
    assert counts(bolt.driver, bolt.database) == expected_counts(variant.combined)


def test_replace_list_must_be_in_the_input(bolt: Any, example: remit.TaskList) -> None:
    with pytest.raises(GraphStoreError, match="no list with that id"):
        load(bolt.driver, example, bolt.database, replace_list="not-there")


def hostile_list() -> remit.TaskList:
    tasks = pd.DataFrame({
        "task_id": ["evil#1", "evil#2"], "list_id": "evil", "number": pd.array([1, 2], dtype="Int64"),
        "domain_ordinal": pd.array([1, 1], dtype="Int64"), "domain": "'}) MATCH (n) DETACH DELETE n //",
        "title": ["'; MATCH (n) DETACH DELETE n; //", "`{$x}`"], "text": ["t1", "t2"],
        "deadline": [None, None], "deadline_kind": "none", "deadline_raw": "", "source": "evil.md",
        "row": ["line 1", "line 2"]})
    assign = pd.DataFrame({"task_id": ["evil#1", "evil#1", "evil#2", "evil#2", "evil#2", "evil#2"],
                           "unit": [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[3], HOSTILE[4], HOSTILE[5]],
                           "role": ["lead", "support", "lead", "support", "support", "support"],
                           "position": [0, 0, 0, 0, 1, 2]})
    units = pd.DataFrame({"unit": HOSTILE, "kind": "agency", "aliases": [("`alias'}",)] + [()] * 5})
    return remit.TaskList(tasks, assign, units, pd.DataFrame(columns=["severity"]))


def test_names_that_look_like_cypher_load_verbatim(bolt: Any, example: remit.TaskList) -> None:
    before = counts(bolt.driver, bolt.database)
    load(bolt.driver, hostile_list(), bolt.database)
    try:
        q = parse("MATCH (u:Unit)-[r]->(t:Task {list: 'evil'}) "
                  "RETURN u.name AS unit, u.aliases AS aliases, type(r) AS rel, t.title AS title")
        got = execute(bolt.driver, q, {}, bolt.database)
        assert set(got["unit"]) == set(HOSTILE)
        assert list(got.loc[got["unit"] == HOSTILE[0], "aliases"].iloc[0]) == ["`alias'}"]
        assert set(got["title"]) == {"'; MATCH (n) DETACH DELETE n; //", "`{$x}`"}
        for name in HOSTILE:
            tasks = remit.cypher.run("unit_partners", bolt.driver, database=bolt.database, unit=name)
            expected = ({HOSTILE[1]} if name == HOSTILE[0] else {HOSTILE[0]} if name == HOSTILE[1]
                        else set(HOSTILE[2:]) - {name})
            assert set(tasks["partner"]) == expected
        after = counts(bolt.driver, bolt.database)
        # Everything else is intact: only the hostile list's own nodes and edges were added.
        assert after["Task"] == before["Task"] + 2 and after["Domain"] == before["Domain"] + 1
        assert after["Unit"] == before["Unit"] + len(HOSTILE)
        assert after["LEADS"] == before["LEADS"] + 2 and after["SUPPORTS"] == before["SUPPORTS"] + 4
    finally:
        delete_list(bolt.driver, "evil", bolt.database)
    assert counts(bolt.driver, bolt.database) == before == expected_counts(example)


def test_load_sends_data_only_as_parameters() -> None:
    """A narrow mock: every statement the loader sends is one of its fixed texts."""
    driver = MagicMock(spec=neo4j.Driver)
    session = driver.session.return_value.__enter__.return_value
    sent: list[tuple[str, dict[str, Any]]] = []

    def run_tx(fn: Any, *args: Any) -> Any:
        tx = MagicMock(spec=neo4j.ManagedTransaction)

        def run(text: str, params: dict[str, Any] | None = None) -> Any:
            sent.append((text, params or {}))
            result = MagicMock()
            result.single.return_value = {"n": 0, "name": "x"}
            result.__iter__.return_value = iter([])
            result.consume.return_value.counters = MagicMock(**dict.fromkeys(neo4j_store.COUNTER_FIELDS, 0))
            return result
        tx.run.side_effect = run
        return fn(tx, *args)

    session.execute_write.side_effect = run_tx
    session.execute_read.side_effect = run_tx
    load(driver, hostile_list(), "db", progress=MagicMock())
    fixed = {v for k, v in vars(neo4j_store).items() if k.isupper() and isinstance(v, str)}
    fixed |= {get("graph_summary").text} | set(schema_statements())
    # The fixed texts are the files in cypher/statements/, every one of them.
    assert {v for k, v in vars(neo4j_store).items() if k.isupper() and isinstance(v, str)} >= {
        statement(p.stem) for p in (Path(neo4j_store.__file__).parent / "statements").glob("*.cypher")}
    assert sent and all(text in fixed for text, _ in sent)
    assert not any(name in text for text, _ in sent for name in HOSTILE)
    sent_units = [row["name"] for text, p in sent if text == neo4j_store.UNITS for row in p["rows"]]
    assert sent_units == HOSTILE


def test_unreachable_server_is_one_graph_store_error() -> None:
    driver = MagicMock(spec=neo4j.Driver)
    refused = "Couldn't connect to db:7687 (reason [Errno 111] Connection refused)"
    session = driver.session.return_value.__enter__.return_value
    session.execute_read.side_effect = neo4j.exceptions.ServiceUnavailable(refused)
    with pytest.raises(GraphStoreError, match=r"cannot reach the server.*Connection refused$"):
        counts(driver, "db")
