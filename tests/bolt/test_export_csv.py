"""``remit neo4j export-csv``: neo4j-admin import files checked against the networkx graph."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest

import remit
from remit.cli import main
from remit.cypher.admin_csv import ARRAY_DELIMITER, FILES, write_import_csv


def _read(folder: Path, kind: str) -> tuple[list[str], list[list[str]]]:
    with open(folder / FILES[kind][0], encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def test_headers_id_spaces_and_counts(tmp_path: Path, example: remit.TaskList,
                                      example_graph: nx.MultiDiGraph) -> None:
    counts = write_import_csv(example, tmp_path)
    G = example_graph
    units = {d["name"] for _, d in G.nodes(data=True) if d["type"] == "unit"}
    tasks = {d["task_id"] for _, d in G.nodes(data=True) if d["type"] == "task"}
    C = remit.coordination_graph(G)
    # Hand-checked in the source list: 210 tasks, 268 lead and 312 support assignments.
    assert (counts["Task"], counts["LEADS"], counts["SUPPORTS"]) == (210, 268, 312)
    assert counts["Unit"] == len(units) and counts["COORDINATES_WITH"] == C.number_of_edges()

    header, rows = _read(tmp_path, "Unit")
    assert header == ["name:ID(Unit)", "kind", "aliases:string[]", ":LABEL"]
    assert {r[0] for r in rows} == units and len(rows) == len(units) and {r[3] for r in rows} == {"Unit"}
    header, rows = _read(tmp_path, "Task")
    assert header[0] == "id:ID(Task)" and "deadline:date" in header and "number:long" in header
    assert {r[0] for r in rows} == tasks and header[-1] == ":LABEL"
    deadline = header.index("deadline:date")
    assert all(r[deadline] == "" or len(r[deadline]) == 10 for r in rows)
    header, domains = _read(tmp_path, "Domain")
    assert header[0] == "key:ID(Domain)"
    domain_ids = {r[0] for r in domains}

    spaces = {"Unit": units, "Task": tasks, "Domain": domain_ids}
    for kind in ("LEADS", "SUPPORTS", "IN_DOMAIN", "COORDINATES_WITH"):
        header, rows = _read(tmp_path, kind)
        start_space = header[0][len(":START_ID("):-1]
        end_space = header[1][len(":END_ID("):-1]
        assert header[0].startswith(":START_ID(") and header[1].startswith(":END_ID(")
        assert header[-1] == ":TYPE" and {r[-1] for r in rows} == {kind}
        assert {r[0] for r in rows} <= spaces[start_space] and {r[1] for r in rows} <= spaces[end_space]
        assert len(rows) == counts[kind]
    # The networkx coordination graph is the independent check of the derived edges.
    header, rows = _read(tmp_path, "COORDINATES_WITH")
    for a, b, weight, shared, _ in rows:
        assert C[a][b]["weight"] == int(weight) == len(shared.split(ARRAY_DELIMITER))
    assert "--array-delimiter=U+001F" in (tmp_path / "import.sh").read_text(encoding="utf-8")


def test_cells_are_not_formula_neutralised(tmp_path: Path, example: remit.TaskList) -> None:
    tl = example
    units = tl.units.copy()
    units.loc[0, "unit"] = "=HYPERLINK(\"x\")"
    a = tl.assignments.copy()
    a.loc[a["unit"] == tl.units.loc[0, "unit"], "unit"] = "=HYPERLINK(\"x\")"
    write_import_csv(remit.TaskList(tl.tasks, a, units, tl.findings), tmp_path)
    _, rows = _read(tmp_path, "Unit")
    assert "=HYPERLINK(\"x\")" in {r[0] for r in rows}  # exact: neo4j-admin stores what it reads


def test_cli_refuses_a_folder_of_foreign_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "units.csv").write_text("mine\n", encoding="utf-8")
    assert main(["neo4j", "export-csv", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "units.csv" in err and "not written by remit" in err
    assert (tmp_path / "units.csv").read_text(encoding="utf-8") == "mine\n"
    out_dir = tmp_path / "out"
    assert main(["neo4j", "export-csv", str(out_dir)]) == 0
    assert main(["neo4j", "export-csv", str(out_dir)]) == 0  # its own files: rewritten
    assert "210 Task" in capsys.readouterr().out
