"""Keep the graph in Neo4j (or any Bolt server): the Python API.

Examples
--------
Load a task list into a server you run, then ask it a library question::

    import neo4j, remit, remit.neo4j, remit.cypher
    driver = neo4j.GraphDatabase.driver("neo4j://localhost:7687", auth=("neo4j", password))
    summary = remit.neo4j.load(driver, remit.load("list.md"), database="neo4j")
    print("\\n".join(summary.lines()))
    remit.cypher.run("top_leads", driver, database="neo4j", limit=5)

Or connect from the ``NEO4J_*`` environment variables:

>>> settings = Settings.resolve(env={"NEO4J_URI": "neo4j+s://u:secret@db.example"})
>>> settings.shown, settings.user, settings.password
('neo4j+s://db.example', 'u', 'secret')
"""

from __future__ import annotations

import neo4j

from remit.cypher.bolt import Settings, connect, redact
from remit.cypher.embedded import EmbeddedEngine
from remit.cypher.store import LoadSummary, apply_schema, counts, delete_list, derive_coordination
from remit.cypher.store import load as _load
from remit.model import TaskList

__all__ = [
    "EmbeddedEngine",
    "LoadSummary",
    "Settings",
    "apply_schema",
    "connect",
    "counts",
    "delete_list",
    "derive_coordination",
    "load",
    "redact",
]


def load(driver: neo4j.Driver, tasklist: TaskList, database: str | None = None, *,
         batch_size: int = 1000, replace_list: str | None = None) -> LoadSummary:
    """Write ``tasklist`` into the server behind ``driver``: idempotent, batched, retried.

    Parameters
    ----------
    driver : neo4j.Driver
    tasklist : TaskList
    database : str, optional
        The server's default database when None.
    batch_size : int
        Rows per ``UNWIND`` batch and transaction.
    replace_list : str, optional
        Replace this list's tasks (other lists stay as they are).

    Returns
    -------
    LoadSummary
        Input sizes, the server's change counters and the totals afterwards.

    Raises
    ------
    remit.errors.GraphStoreError
        The server is unreachable, refused the login, or went away; loading
        again completes the load.
    """
    return _load(driver, tasklist, database, batch_size=batch_size, replace_list=replace_list)
