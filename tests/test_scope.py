"""The unit scope (agencies, or collectives too) and the lead rule are each decided once and walk
through few modules."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import networkx as nx
import pytest

import remit
from remit.analyses import unit_summary
from remit.analyses._projection import frames, unit_graph
from remit.analyses.diff import diff_lists
from remit.analyses.followup import follow_up
from remit.graph import coordination_graph, in_scope, task_roles

ROOT = Path(__file__).resolve().parent.parent
#: The folders below the command line: model <- loaders <- graph <- analyses <- exports (and cypher).
LOWER_LAYERS = ("graph", "analyses", "exports", "cypher", "loaders")
FLAG = "include_collectives"


def _mentions(path: Path, name: str) -> bool:
    """Whether the module's code (not its docstrings or comments) names ``name``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        named = (node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute)
                 else node.arg if isinstance(node, ast.arg | ast.keyword) else None)
        if named == name:
            return True
    return False


def test_the_flag_walks_through_two_modules_below_the_cli() -> None:
    """Issue 21: the filter's home (graph/) and the one per-graph result (analyses/summary.py), no more.

    Before, 17 modules of these folders took or passed the flag (the map, the report, the Word
    briefing, the figure, what-if, diff, follow-up, every analysis...).
    """
    found = sorted(str(p.relative_to(ROOT)) for folder in LOWER_LAYERS for p in (ROOT / folder).rglob("*.py")
                   if _mentions(p, FLAG))
    assert found == ["analyses/summary.py", "graph/coordination.py"]


def test_the_counter_sees_every_kind_of_mention(tmp_path: Path) -> None:
    for code in (f"def f({FLAG}=False): pass", f"f({FLAG}=True)", f"x = {FLAG}", f"y = s.{FLAG}"):
        (tmp_path / "m.py").write_text(code, encoding="utf-8")
        assert _mentions(tmp_path / "m.py", FLAG), code
    (tmp_path / "m.py").write_text(f'"""Docs may say {FLAG}."""\n# and comments\n', encoding="utf-8")
    assert not _mentions(tmp_path / "m.py", FLAG)


@pytest.mark.parametrize(("kind", "include", "expected"), [
    ("agency", False, True), ("agency", True, True), (None, False, True),
    ("collective", False, False), ("collective", True, True),
])
def test_in_scope(kind: str | None, include: bool, expected: bool) -> None:
    assert in_scope(kind, include) is expected


def _units_of_kind(example: remit.TaskList, kind: str) -> set[str]:
    return set(example.units.loc[example.units["kind"] == kind, "unit"])


@pytest.mark.parametrize("include", [False, True])
def test_every_consumer_covers_the_same_units(example: remit.TaskList, example_graph: nx.MultiDiGraph,
                                              include: bool) -> None:
    """The projection, the networkx coordination graph, the roles, workload, follow-up and diff agree."""
    # The truth: the loader's unit table (51 agencies and 11 collectives, tests/test_example_list.py).
    agencies, collectives = _units_of_kind(example, "agency"), _units_of_kind(example, "collective")
    assert (len(agencies), len(collectives)) == (51, 11)
    expected = agencies | collectives if include else agencies
    s = unit_summary(example_graph, include_collectives=include)
    assert set(s.projection.names) == expected
    assert set(coordination_graph(example_graph, include)) == expected
    assert set(s.coordination) == expected
    assert {u for members in s.roles.values() for u in members} <= expected
    assert s.roles == task_roles(example_graph, include)
    assert set(s.workload.units.index) == expected
    assert set(s.table.index) == expected
    assert set(s.clusters.membership["unit"]) == expected
    assert set(follow_up(s, dt.date(2020, 7, 1)).units.index) == expected
    assert set(diff_lists(s, s).units["unit"]) == expected


def test_follow_up_names_every_lead_whatever_the_scope(example: remit.TaskList,
                                                      example_graph: nx.MultiDiGraph) -> None:
    """A task's leads list its collective leads even when collectives have no row."""
    truth = example.assignments[example.assignments["role"] == "lead"].groupby("task_id")["unit"]
    kinds = dict(zip(example.units["unit"], example.units["kind"], strict=True))
    collective_leads = 0
    for include in (False, True):
        tasks = follow_up(unit_summary(example_graph, include_collectives=include), dt.date(2020, 7, 1)).tasks
        leads = dict(zip(tasks["task_id"], tasks["leads"], strict=True))
        for task_id, units in truth:
            assert leads[task_id] == sorted(set(units)), task_id
            collective_leads += any(kinds[u] == "collective" for u in units)
    assert collective_leads > 0  # the example has tasks led by a collective


def test_a_lead_shared_with_a_collective_is_halved_in_both_scopes(example: remit.TaskList,
                                                                   example_graph: nx.MultiDiGraph) -> None:
    """Lead shares divide by every lead of a task, collectives included, whatever the scope."""
    a = example.assignments
    leads = a[a["role"] == "lead"]
    kinds = dict(zip(example.units["unit"], example.units["kind"], strict=True))
    mixed = [t for t, g in leads.groupby("task_id")
             if {kinds[u] for u in g["unit"]} == {"agency", "collective"}]
    assert mixed  # the example has such tasks
    # Each agency's lead share, counted straight from the assignments table.
    n_leads = leads.groupby("task_id")["unit"].nunique()
    share = leads.drop_duplicates(["task_id", "unit"]).assign(k=lambda t: 1 / t["task_id"].map(n_leads))
    truth = share.groupby("unit")["k"].sum()
    for include in (False, True):
        units = unit_summary(example_graph, include_collectives=include).workload.units
        for unit in units.index[units["kind"] == "agency"]:
            assert units.at[unit, "lead_share"] == pytest.approx(truth.get(unit, 0.0)), (unit, include)


def test_a_projection_carries_its_scope(example_graph: nx.MultiDiGraph) -> None:
    f = frames(example_graph)
    assert unit_graph(f).n == 51
    assert unit_graph(f, lambda kind: in_scope(kind, True)).n == 62
    assert unit_graph(f, lambda kind: False).n == 0


def _walks(path: Path, name: str) -> bool:
    """Code that names ``name``, or a string that is exactly ``name`` (``getattr(args, "…")``, ``dest=``)."""
    if _mentions(path, name):
        return True
    return any(isinstance(node, ast.Constant) and node.value == name
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


def package_modules() -> list[Path]:
    return sorted(p for folder in ("remit", *LOWER_LAYERS) for p in (ROOT / folder).rglob("*.py"))


def test_the_flag_walks_through_four_modules_in_the_whole_package() -> None:
    """Issue 21, done when: the option (cli/common.py), the one Scope of a command (service/scoping.py),
    the one per-graph result and the filter. Before the service layer it was 21 modules."""
    found = sorted(str(p.relative_to(ROOT)) for p in package_modules() if _walks(p, FLAG))
    assert found == ["analyses/summary.py", "graph/coordination.py", "remit/cli/common.py",
                     "remit/service/scoping.py"]


def test_the_walk_counter_sees_strings_that_name_the_flag_and_skips_texts(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text(f'getattr(args, "{FLAG}", False)\n', encoding="utf-8")
    assert _walks(tmp_path / "m.py", FLAG)
    (tmp_path / "m.py").write_text(f'q = "MATCH (u) WHERE ${FLAG} RETURN u"\n', encoding="utf-8")
    assert not _walks(tmp_path / "m.py", FLAG)


def test_the_lead_rule_walks_through_four_modules_in_the_whole_package() -> None:
    """Issue 21, done when: the option (cli/common.py), the reading options (service/reading.py), the
    loader that applies it (loaders/__init__.py, through one resolver) and the model's type. Exports and
    ``stats`` ask the model in words (``TaskList.who_leads``, ``who_leads_record``)."""
    found = sorted(str(p.relative_to(ROOT)) for p in package_modules() if _mentions(p, "lead_rule"))
    assert found == ["loaders/__init__.py", "remit/cli/common.py", "remit/model.py",
                     "remit/service/reading.py"]
