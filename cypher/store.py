"""Write a task list into any Bolt server: Neo4j 5 (single, cluster, Aura) or ArcadeDB.

The schema is in ``cypher/schema.cypher``. Every write is a batched
``UNWIND $rows … MERGE`` inside a managed write transaction
(``session.execute_write``), which the driver retries on transient errors.
Values only ever travel as ``$parameters``; labels and relationship types are
fixed in the statements below, so a unit called ``x'}) DETACH DELETE n //``
is stored as exactly that name.

Loading is idempotent and safe to repeat after a failure: each batch of
tasks is written with its edges in one transaction (edges are merged, and
those the input no longer has are deleted), so a load cut off half way
leaves whole batches, and running it again completes it with nothing
duplicated.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import neo4j

from remit.cypher.bolt import Settings, translating
from remit.cypher.catalog import get, schema_statements, statement
from remit.errors import GraphStoreError
from remit.graph.schema import LABELS, RELATIONSHIPS
from remit.model import TaskList, plain_values
from remit.progress import Progress

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LABELS",
    "RELATIONSHIPS",
    "LoadSummary",
    "apply_schema",
    "counts",
    "delete_list",
    "derive_coordination",
    "load",
    "rows_of",
]

# The fixed statements, one file each in cypher/statements/. Each edge pattern, MERGE included, is
# written from the task: ArcadeDB follows the written order, and starting from a unit walks all of that
# unit's edges (a busy unit has thousands), which made batches ten times slower.
UNITS = statement("units")
DOMAINS = statement("domains")
TASKS = statement("tasks")
STALE_LEADS = statement("stale_leads")
STALE_SUPPORTS = statement("stale_supports")
STALE_DOMAINS = statement("stale_domains")
LEADS = statement("leads")
SUPPORTS = statement("supports")
IN_DOMAIN = statement("in_domain")
EXISTING_TASKS = statement("existing_tasks")
AGENCIES = statement("agencies")
COORDINATION = statement("coordination")
STALE_COORDINATION = statement("stale_coordination")
LIST_TASKS = statement("list_tasks")
LIST_DOMAINS = statement("list_domains")
ORPHAN_UNITS = statement("orphan_units")
COUNTER_FIELDS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
                  "properties_set")


class _Bar(Protocol):
    def advance(self, steps: int = 1) -> None: ...


@dataclass
class LoadSummary:
    """What a load wrote.

    Attributes
    ----------
    input : dict
        What the task list holds: units, tasks, domains, leads, supports.
    changes : dict
        The server's counters summed over every transaction: nodes and
        relationships created and deleted, properties set. A repeated load
        creates and deletes nothing.
    totals : dict
        Nodes per label and relationships per type in the database afterwards.
    replaced : str or None
        The list replaced with ``replace_list``.
    seconds : float
    """

    input: dict[str, int]
    changes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTER_FIELDS, 0))
    totals: dict[str, int] = field(default_factory=dict)
    replaced: str | None = None
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """The summary as lines of text for people."""
        out = []
        if self.replaced:
            out.append(f"replaced list {self.replaced}")
        out.append("loaded " + ", ".join(f"{n} {k}" for k, n in self.input.items()))
        out.append("changes: " + ", ".join(f"{k.replace('_', ' ')} {n}" for k, n in self.changes.items()))
        out.append("database now holds: " + ", ".join(f"{n} {k}" for k, n in self.totals.items()))
        out.append(f"took {self.seconds:.1f} s")
        return out


def _domain_key(list_id: str, name: str) -> str:
    return f"{list_id}/{name}"


def rows_of(tasklist: TaskList) -> dict[str, list[dict[str, Any]]]:
    """The parameter rows a load sends: plain Python values only.

    Returns
    -------
    dict
        ``units``, ``domains``, ``tasks``, ``leads``, ``supports`` and
        ``in_domain``, each a list of dicts.

    Examples
    --------
    >>> import remit
    >>> rows = rows_of(remit.load(remit.example_path()))
    >>> len(rows["tasks"]), len(rows["leads"]), len(rows["supports"]), rows["tasks"][0]["deadline"]
    (210, 268, 312, '2020-01-31')
    """
    frame = tasklist.units
    units = [{"name": name, "kind": kind, "aliases": [str(a) for a in aliases]}
             for name, kind, aliases in zip(frame["unit"].tolist(), frame["kind"].tolist(),
                                            frame["aliases"].tolist(), strict=True)]
    fields = ("number", "title", "text", "deadline", "deadline_kind", "deadline_raw", "domain", "row")
    ids, lists, ordinals, *cells = _columns(tasklist.tasks, ("task_id", "list_id", "domain_ordinal", *fields))
    tasks: list[dict[str, Any]] = []
    domains: dict[str, dict[str, Any]] = {}
    in_domain: list[dict[str, Any]] = []
    for task_id, list_id, ordinal, values in zip(ids, lists, ordinals, zip(*cells, strict=True), strict=True):
        task = {"id": task_id, "list": list_id, **dict(zip(fields, values, strict=True))}
        tasks.append(task)
        if task["domain"]:
            key = _domain_key(list_id, task["domain"])
            domains.setdefault(key, {"key": key, "list": list_id, "name": task["domain"], "ordinal": ordinal})
            in_domain.append({"task": task_id, "key": key})
    leads: list[dict[str, Any]] = []
    supports: list[dict[str, Any]] = []
    for task_id, unit, role, position in zip(*_columns(tasklist.assignments,
                                                      ("task_id", "unit", "role", "position")), strict=True):
        (leads if role == "lead" else supports).append({"unit": unit, "task": task_id, "position": position})
    return {"units": units, "domains": list(domains.values()), "tasks": tasks,
            "leads": leads, "supports": supports, "in_domain": in_domain}


def _columns(frame: pd.DataFrame, names: Iterable[str]) -> list[list[Any]]:
    # Column by column: row-wise to_dict() boxes every cell and took 2 s on 100k tasks.
    return [plain_values(frame[name].tolist()) for name in names]


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _run_all(tx: neo4j.ManagedTransaction, statements: Iterable[tuple[str, dict[str, Any]]]
             ) -> dict[str, int]:
    changes = dict.fromkeys(COUNTER_FIELDS, 0)
    for text, params in statements:
        counters = tx.run(text, params).consume().counters
        for key in COUNTER_FIELDS:
            changes[key] += int(getattr(counters, key))
    return changes


class _Writer:
    """Runs groups of statements in managed write transactions and sums the counters."""

    def __init__(self, session: neo4j.Session, changes: dict[str, int]) -> None:
        self.session = session
        self.changes = changes

    def write(self, statements: list[tuple[str, dict[str, Any]]]) -> None:
        done = self.session.execute_write(_run_all, statements)
        for key, n in done.items():
            self.changes[key] += n

    def repeat_until_none(self, text: str, params: dict[str, Any]) -> None:
        """Run a ``… LIMIT $batch … RETURN count(*) AS n`` statement until it does nothing."""
        while True:
            def work(tx: neo4j.ManagedTransaction) -> tuple[int, dict[str, int]]:
                result = tx.run(text, params)
                record = result.single()
                counters = result.consume().counters
                return (int(record["n"]) if record else 0,
                        {k: int(getattr(counters, k)) for k in COUNTER_FIELDS})
            n, done = self.session.execute_write(work)
            for key, m in done.items():
                self.changes[key] += m
            if n == 0:
                return


def apply_schema(driver: neo4j.Driver, database: str | None = None,
                 settings: Settings | None = None) -> None:
    """Create the constraints and indexes of ``schema.cypher`` (idempotent)."""
    with translating(settings, "creating the schema"), driver.session(database=database) as session:
        for statement in schema_statements():
            session.execute_write(_run_all, [(statement, {})])


def delete_list(driver: neo4j.Driver, list_id: str, database: str | None = None, *,
                batch_size: int = 1000, settings: Settings | None = None) -> dict[str, int]:
    """Remove one list's tasks and domains, and units left with no task; re-derive coordination.

    Returns the server's change counters.
    """
    changes = dict.fromkeys(COUNTER_FIELDS, 0)
    with translating(settings, f"deleting list {list_id}"), driver.session(database=database) as session:
        writer = _Writer(session, changes)
        _delete_list(writer, list_id, batch_size)
        writer.write([(ORPHAN_UNITS, {})])
        _derive(session, writer, batch_size, None)
    return changes


def _delete_list(writer: _Writer, list_id: str, batch_size: int) -> None:
    writer.repeat_until_none(LIST_TASKS, {"list": list_id, "batch": batch_size})
    writer.write([(LIST_DOMAINS, {"list": list_id})])


def derive_coordination(driver: neo4j.Driver, database: str | None = None, *, batch_size: int = 200,
                        settings: Settings | None = None) -> dict[str, int]:
    """(Re)build the ``COORDINATES_WITH`` edges between agencies from the task edges."""
    changes = dict.fromkeys(COUNTER_FIELDS, 0)
    with translating(settings, "deriving coordination"), driver.session(database=database) as session:
        _derive(session, _Writer(session, changes), batch_size, None)
    return changes


def _existing_tasks(session: neo4j.Session, ids: list[str]) -> set[str]:
    return set(session.execute_read(lambda tx: [r["id"] for r in tx.run(EXISTING_TASKS, {"ids": ids})]))


def _agencies(session: neo4j.Session) -> list[str]:
    return session.execute_read(lambda tx: [r["name"] for r in tx.run(AGENCIES)])


def _derive(session: neo4j.Session, writer: _Writer, batch_size: int, bar: _Bar | None,
            names: list[str] | None = None) -> None:
    # Each pair is stamped with this load's id; pairs from earlier loads that
    # were not re-stamped no longer share a task and are removed afterwards.
    load_id = uuid.uuid4().hex
    names = _agencies(session) if names is None else names
    for chunk in _chunks(names, batch_size):
        writer.write([(COORDINATION, {"names": chunk, "load_id": load_id})])
        if bar:
            bar.advance(len(chunk))
    writer.repeat_until_none(STALE_COORDINATION, {"load_id": load_id, "batch": 10 * batch_size})


def counts(driver: neo4j.Driver, database: str | None = None,
           settings: Settings | None = None) -> dict[str, int]:
    """Nodes per label and relationships per type of the remit schema (the library's ``graph_summary``)."""
    with translating(settings, "counting"), driver.session(database=database) as session:
        found = session.execute_read(_summary, get("graph_summary").text)
    return {key: found.get(key, 0) for key in (*LABELS, *RELATIONSHIPS)}


def _summary(tx: neo4j.ManagedTransaction, query: str) -> dict[str, int]:
    return {str(record["kind"]): int(record["n"]) for record in tx.run(query)}


def load(driver: neo4j.Driver, tasklist: TaskList, database: str | None = None, *,
         batch_size: int = 1000, replace_list: str | None = None, progress: _Bar | None = None,
         settings: Settings | None = None,
         on_batch: Callable[[str, int], None] | None = None, derive: bool = True) -> LoadSummary:
    """Write ``tasklist`` into the database behind ``driver``.

    Parameters
    ----------
    driver : neo4j.Driver
        Connected to Neo4j 5 or any Bolt server that speaks its Cypher.
    tasklist : TaskList
    database : str, optional
        The database; the server's default when None.
    batch_size : int
        Rows per ``UNWIND`` (and per transaction).
    replace_list : str, optional
        A list id in ``tasklist``: delete that list's tasks and domains first,
        and afterwards any unit left with no task. Other lists are untouched.
    progress : object with ``advance(n)``, optional
        A progress bar; by default a :class:`remit.progress.Progress` on
        standard error, drawn only on a terminal.
    settings : Settings, optional
        Names the server in error messages (redacted).
    on_batch : callable, optional
        Called as ``on_batch(phase, rows)`` after each committed batch.
    derive : bool
        Rebuild ``COORDINATES_WITH`` afterwards (skip it only for a load that
        another will follow; :func:`derive_coordination` does it later).

    Returns
    -------
    LoadSummary

    Raises
    ------
    GraphStoreError
        When the server cannot be reached, refuses the login, or goes away
        during the load. Running the load again completes it.
    """
    if batch_size < 1:
        raise GraphStoreError(f"batch size must be at least 1, not {batch_size}")
    started = time.monotonic()
    rows = rows_of(tasklist)
    lists = sorted({t["list"] for t in rows["tasks"]})
    if replace_list is not None and replace_list not in lists:
        raise GraphStoreError(f"--replace-list {replace_list}: the input has no list with that id "
                              f"(it has: {', '.join(lists) or 'none'})")
    summary = LoadSummary(input={"units": len(rows["units"]), "tasks": len(rows["tasks"]),
                                 "domains": len(rows["domains"]), "leads": len(rows["leads"]),
                                 "supports": len(rows["supports"])}, replaced=replace_list)
    leads = _group(rows["leads"], "task")
    supports = _group(rows["supports"], "task")
    domains_of = {r["task"]: r for r in rows["in_domain"]}
    n_agencies = int((tasklist.units["kind"] == "agency").sum())
    total = len(rows["units"]) + len(rows["domains"]) + len(rows["tasks"]) + n_agencies
    apply_schema(driver, database, settings)
    bar_cm = Progress(total, "loading graph") if progress is None else None
    bar = bar_cm.__enter__() if bar_cm is not None else progress
    try:
        with translating(settings, "loading"), driver.session(database=database) as session:
            writer = _Writer(session, summary.changes)
            if replace_list is not None:
                _delete_list(writer, replace_list, batch_size)
            for phase, text in (("units", UNITS), ("domains", DOMAINS)):
                for chunk in _chunks(rows[phase], batch_size):
                    writer.write([(text, {"rows": chunk})])
                    _advance(bar, on_batch, phase, len(chunk))
            for chunk in _chunks(rows["tasks"], batch_size):
                ids = [t["id"] for t in chunk]
                # Edges are merged, and only edges the input no longer has are
                # deleted: a repeated load changes nothing.
                # A task not yet in the database has no edges to retire; a
                # batch is one transaction, so a task either came with its
                # edges or is absent.
                existing = _existing_tasks(session, ids)
                keep = [{"id": i, "leads": [e["unit"] for e in leads.get(i, [])],
                         "supports": [e["unit"] for e in supports.get(i, [])],
                         "domain_key": domains_of[i]["key"] if i in domains_of else None}
                        for i in ids if i in existing]
                stale = [(text, {"rows": keep}) for text in (STALE_LEADS, STALE_SUPPORTS, STALE_DOMAINS)]
                writer.write([
                    (TASKS, {"rows": chunk}),
                    *(stale if keep else []),
                    (LEADS, {"rows": [e for i in ids for e in leads.get(i, [])]}),
                    (SUPPORTS, {"rows": [e for i in ids for e in supports.get(i, [])]}),
                    (IN_DOMAIN, {"rows": [domains_of[i] for i in ids if i in domains_of]}),
                ])
                _advance(bar, on_batch, "tasks", len(chunk))
            if replace_list is not None:
                writer.write([(ORPHAN_UNITS, {})])
            if derive:
                _derive(session, writer, max(1, batch_size // 5), None, _agencies(session))
            _advance(bar, on_batch, "coordination", n_agencies)
        summary.totals = counts(driver, database, settings)
    finally:
        if bar_cm is not None:
            bar_cm.__exit__(None, None, None)
    summary.seconds = time.monotonic() - started
    return summary


def _advance(bar: _Bar | None, on_batch: Callable[[str, int], None] | None, phase: str, n: int) -> None:
    if bar is not None:
        bar.advance(n)
    if on_batch is not None:
        on_batch(phase, n)


def _group(edges: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for edge in edges:
        grouped.setdefault(edge[key], []).append(edge)
    return grouped
