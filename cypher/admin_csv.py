"""CSV files for ``neo4j-admin database import full``: the first load of a big graph into Neo4j.

The files carry Neo4j's typed headers: ``name:ID(Unit)``, ``id:ID(Task)``
and ``key:ID(Domain)`` declare one id space per label, ``:LABEL`` and
``:TYPE`` name the label and relationship type, ``:START_ID(Unit)`` and
``:END_ID(Task)`` join the relationships to their id spaces, and properties
are typed (``deadline:date``, ``number:long``, ``aliases:string[]``). The
graph is the one :func:`remit.cypher.store.load` writes, ``COORDINATES_WITH``
included, so the query library works on the imported database as it is.

The cells are written exactly: no spreadsheet formula neutralisation (a
leading ``'`` would become part of a unit's name in Neo4j). These files are
for neo4j-admin, not for opening in a spreadsheet.
"""

from __future__ import annotations

import csv
import os
import shlex
from pathlib import Path
from typing import Any

from remit.cypher.native import coordination_rows
from remit.errors import OutputError
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

__all__ = ["ARRAY_DELIMITER", "FILES", "write_import_csv"]

# neo4j-admin's default array delimiter is ';'; names may hold ';' but not this.
ARRAY_DELIMITER = "\u001f"
_UNIT, _TASK, _DOMAIN = LABEL_OF[UNIT], LABEL_OF[TASK], LABEL_OF[DOMAIN]
FILES = {
    _UNIT: ("units.csv", [f"{KEY_OF[UNIT]}:ID({_UNIT})", "kind", "aliases:string[]", ":LABEL"]),
    _TASK: ("tasks.csv", [f"{KEY_OF[TASK]}:ID({_TASK})", "list", "number:long", "title", "text",
                          "deadline:date", "deadline_kind", "deadline_raw", "domain", "row", ":LABEL"]),
    _DOMAIN: ("domains.csv", [f"{KEY_OF[DOMAIN]}:ID({_DOMAIN})", "list", "ordinal:long", "name", ":LABEL"]),
    LEADS: ("leads.csv", [f":START_ID({_UNIT})", f":END_ID({_TASK})", "position:long", ":TYPE"]),
    SUPPORTS: ("supports.csv", [f":START_ID({_UNIT})", f":END_ID({_TASK})", "position:long", ":TYPE"]),
    IN_DOMAIN: ("in_domain.csv", [f":START_ID({_TASK})", f":END_ID({_DOMAIN})", ":TYPE"]),
    COORDINATES_WITH: ("coordinates_with.csv", [f":START_ID({_UNIT})", f":END_ID({_UNIT})", "weight:long",
                                                "tasks:string[]", ":TYPE"]),
}
MARK = "# written by remit neo4j export-csv\n"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(v) for v in value)
    return value


def _rows(tasklist: TaskList) -> dict[str, list[list[Any]]]:
    from remit.cypher.store import rows_of

    rows = rows_of(tasklist)
    task_fields = (KEY_OF[TASK], "list", "number", "title", "text", "deadline", "deadline_kind",
                   "deadline_raw", "domain", "row")
    return {
        _UNIT: [[u[KEY_OF[UNIT]], u["kind"], u["aliases"], _UNIT] for u in rows["units"]],
        _TASK: [[t[f] for f in task_fields] + [_TASK] for t in rows["tasks"]],
        _DOMAIN: [[d[KEY_OF[DOMAIN]], d["list"], d["ordinal"], d["name"], _DOMAIN] for d in rows["domains"]],
        LEADS: [[e["unit"], e["task"], e["position"], LEADS] for e in rows["leads"]],
        SUPPORTS: [[e["unit"], e["task"], e["position"], SUPPORTS] for e in rows["supports"]],
        IN_DOMAIN: [[r["task"], r["key"], IN_DOMAIN] for r in rows["in_domain"]],
        COORDINATES_WITH: [[c["a"], c["b"], c["weight"], c["tasks"], COORDINATES_WITH]
                           for c in coordination_rows(rows)],
    }


def import_command(database: str = "neo4j") -> str:
    """The ``neo4j-admin`` command line that imports the files, run from their folder.

    Examples
    --------
    >>> "--nodes=units.csv" in import_command() and "--array-delimiter" in import_command()
    True
    """
    nodes = " ".join(f"--nodes={FILES[k][0]}" for k in LABELS)
    rels = " ".join(f"--relationships={FILES[k][0]}" for k in RELATIONSHIPS)
    # neo4j-admin takes a delimiter as U+XXXX; task texts may span lines.
    return (f"neo4j-admin database import full {nodes} {rels} "
            f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X} --multiline-fields=true {shlex.quote(database)}")


def write_import_csv(tasklist: TaskList, folder: str | Path) -> dict[str, int]:
    """Write the graph as neo4j-admin import CSV files into ``folder``.

    Returns
    -------
    dict
        Rows written per label and relationship type.

    Raises
    ------
    OutputError
        When ``folder`` holds files remit did not write, or cannot be written.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(str(folder), f"cannot create the folder ({exc.strerror})") from None
    script = folder / "import.sh"
    ours = {name for name, _ in FILES.values()} | {"import.sh"}
    for name in ours:
        path = folder / name
        if path.exists() and not (script.exists() and _starts_with_mark(script)):
            raise OutputError(str(path), "exists and was not written by remit; choose an empty folder")
    counts: dict[str, int] = {}
    for kind, rows in _rows(tasklist).items():
        name, header = FILES[kind]
        tmp = folder / f".{name}.tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL)
            writer.writerow(header)
            writer.writerows([[_cell(v) for v in row] for row in rows])
        os.replace(tmp, folder / name)
        counts[kind] = len(rows)
    script.write_text(f"#!/bin/sh\n{MARK}# Run from this folder with Neo4j stopped (or into a new "
                      f"database):\n{import_command()}\n", encoding="utf-8")
    return counts


def _starts_with_mark(path: Path) -> bool:
    try:
        return MARK in path.read_text(encoding="utf-8")[:200]
    except OSError:
        return False
