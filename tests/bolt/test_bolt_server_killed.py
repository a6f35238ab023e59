"""The server dies in the middle of a load: remit says so, and loading again completes it.

A JVM cannot restart inside one process, so this server runs in a
subprocess (``remit.cypher.embedded.main``: ArcadeDB with Bolt on a root
folder in tmp_path). It is killed with SIGKILL after some batches have
committed, restarted on the same folder, and the load is run again. The
result must equal a clean load of the same list: same counts, same edges.
"""

from __future__ import annotations

import os
import secrets
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import neo4j
import pytest

import remit
from remit.cypher import parse
from remit.cypher.embedded import free_port
from remit.cypher.runner import execute
from remit.cypher.store import counts, load
from remit.errors import GraphStoreError
from remit.synth import synthesize

pytestmark = [pytest.mark.bolt, pytest.mark.slow]

ROOT = Path(remit.__file__).resolve().parent.parent
EDGES = parse("MATCH (u:Unit)-[r]->(t:Task) RETURN u.name AS unit, type(r) AS rel, t.id AS task, "
              "r.position AS position")


class Server:
    def __init__(self, root: Path, password: str) -> None:
        self.bolt_port, http_port = free_port(), free_port()
        env = {**os.environ, "REMIT_ARCADEDB_PASSWORD": password, "PYTHONPATH": str(ROOT)}
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "import sys; from remit.cypher.embedded import main; sys.exit(main())",
             str(root), str(self.bolt_port), str(http_port)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
        assert self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], 180)
        assert ready and self.proc.stdout.readline().strip() == "ready", "ArcadeDB subprocess did not start"
        self.uri = f"bolt://127.0.0.1:{self.bolt_port}"

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=60)


def edge_set(driver: neo4j.Driver, database: str) -> set[tuple[Any, ...]]:
    frame = execute(driver, EDGES, {}, database)
    return set(frame.itertuples(index=False, name=None))


def test_load_survives_a_killed_server(bolt: Any, tmp_path: Path) -> None:
    if bolt.name != "arcadedb":
        pytest.skip("the kill test needs a server remit can start and kill: ArcadeDB")
    source = tmp_path / "big.md"
    source.write_text(synthesize(800, 120, seed=7), encoding="utf-8")
    tasklist = remit.load(source)

    # The reference: a clean load into a fresh database on the session server.
    bolt.server.create_database("clean")
    load(bolt.driver, tasklist, "clean", batch_size=100)
    clean_counts, clean_edges = counts(bolt.driver, "clean"), edge_set(bolt.driver, "clean")
    assert clean_counts["Task"] == 800

    password = secrets.token_urlsafe(12)
    root = tmp_path / "server"
    server = Server(root, password)
    driver = neo4j.GraphDatabase.driver(server.uri, auth=("root", password), max_transaction_retry_time=2)
    committed = []

    def kill_after_some_batches(phase: str, rows: int) -> None:
        if phase == "tasks":
            committed.append(rows)
            if len(committed) == 3:
                server.kill()

    try:
        with pytest.raises(GraphStoreError, match="cannot reach the server, or lost it"):
            load(driver, tasklist, "remit", batch_size=100, on_batch=kill_after_some_batches)
    finally:
        driver.close()
    assert len(committed) == 3  # it stopped where the server died

    server = Server(root, password)  # same folder: the 3 committed batches are there
    driver = neo4j.GraphDatabase.driver(server.uri, auth=("root", password))
    try:
        partial = counts(driver, "remit")
        assert 300 <= partial["Task"] < 800
        summary = load(driver, tasklist, "remit", batch_size=100)
        assert summary.totals == clean_counts
        assert edge_set(driver, "remit") == clean_edges
    finally:
        driver.close()
        server.kill()
