"""A real Bolt server for the Cypher tests: ArcadeDB always, Neo4j 5 too when NEO4J_URI is set.

The ArcadeDB server is the one docs/cypher.md ("Tests") describes: ``ArcadeDBServer`` with the
Bolt plugin on free loopback ports, in this process (the JVM starts once per
process, so the fixture is session-scoped). It must start: a failure here is
an error, never a skip. The Neo4j backend uses ``NEO4J_URI``,
``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE``; it deletes
every ``Unit``, ``Task`` and ``Domain`` node in that database first, so point
it at a scratch database.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

import remit
from remit.cypher.bolt import Settings, connect
from remit.cypher.embedded import free_port, start_jvm_quietly
from remit.cypher.store import load


@dataclass
class Backend:
    """A loaded server: its driver, database, and how to reach it again."""

    name: str
    driver: neo4j.Driver
    database: str | None
    uri: str
    user: str
    password: str
    server: object = None


def _arcadedb(root: Path) -> Backend:
    start_jvm_quietly()  # keeps ArcadeDB's log files out of the working folder
    from arcadedb_embedded.server import ArcadeDBServer

    password = secrets.token_urlsafe(12)
    bolt_port = free_port()
    server = ArcadeDBServer(root_path=str(root), root_password=password,
                            config={"http_port": free_port(),
                                    "server_plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
                                    "bolt_port": bolt_port})
    server.start()
    server.create_database("remit")
    uri = f"bolt://127.0.0.1:{bolt_port}"
    driver = neo4j.GraphDatabase.driver(uri, auth=("root", password))
    driver.execute_query("RETURN 1", database_="remit")
    return Backend("arcadedb", driver, "remit", uri, "root", password, server)


def _neo4j() -> Backend:
    settings = Settings.resolve()
    driver = connect(settings)
    driver.execute_query("MATCH (n) WHERE n:Unit OR n:Task OR n:Domain DETACH DELETE n",
                         database_=settings.database)
    return Backend("neo4j", driver, settings.database, settings.uri, settings.user,
                   settings.password or "")


@pytest.fixture(scope="session", params=["arcadedb", "neo4j"])
def bolt(request: pytest.FixtureRequest, example: remit.TaskList) -> Iterator[Backend]:
    """A Bolt server holding the example, for each backend."""
    if request.param == "neo4j":
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("NEO4J_URI not set")
        backend = _neo4j()
    else:
        root = Path(tempfile.mkdtemp(prefix="remit-test-arcadedb-"))
        backend = _arcadedb(root)
    load(backend.driver, example, backend.database)
    yield backend
    backend.driver.close()
    if backend.server is not None:
        backend.server.stop()  # type: ignore[attr-defined]


@dataclass
class Variant:
    """A second list loaded next to the example: the same tasks, with changes."""

    list_id: str
    new_unit: str
    tasklist: remit.TaskList
    combined: remit.TaskList


def make_variant(example: remit.TaskList, list_id: str = "variant-2021",
                 new_unit: str = "市新设协调办") -> Variant:
    """The example as another list: 市税务局 dropped everywhere, a new unit leading tasks 1-3."""
    import pandas as pd

    old = "shenzhen-2020-tasks#"
    tasks = example.tasks.copy()
    tasks["list_id"] = list_id
    tasks["task_id"] = tasks["task_id"].str.replace(old, f"{list_id}#", regex=False)
    a = example.assignments.copy()
    a["task_id"] = a["task_id"].str.replace(old, f"{list_id}#", regex=False)
    a = a[a["unit"] != "市税务局"]
    extra = pd.DataFrame({"task_id": [f"{list_id}#{n}" for n in (1, 2, 3)], "unit": new_unit,
                          "role": "lead", "position": 9})
    a = pd.concat([a, extra], ignore_index=True)
    units = pd.concat([example.units[example.units["unit"] != "市税务局"],
                       pd.DataFrame({"unit": [new_unit], "kind": ["agency"], "aliases": [()]})],
                      ignore_index=True)
    findings = example.findings.iloc[0:0]
    variant = remit.TaskList(tasks, a, units, findings)
    combined = remit.TaskList(pd.concat([example.tasks, tasks], ignore_index=True),
                              pd.concat([example.assignments, a], ignore_index=True),
                              pd.concat([example.units, units.tail(1)], ignore_index=True), findings)
    return Variant(list_id, new_unit, variant, combined)


@pytest.fixture
def variant(bolt: Backend, example: remit.TaskList) -> Iterator[Variant]:
    """The variant list loaded beside the example; removed again afterwards."""
    from remit.cypher.store import delete_list

    v = make_variant(example)
    load(bolt.driver, v.tasklist, bolt.database)
    yield v
    delete_list(bolt.driver, v.list_id, bolt.database)
