"""Each analysis runs once per command, flags reach every consumer, and start-up imports stay light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import remit
from remit.analyses import unit_summary

ROOT = Path(__file__).resolve().parent.parent


def test_units_projects_once_and_runs_brandes_twice(example_graph, monkeypatch) -> None:
    """`remit units`' table: one projection, Brandes once per graph (units, unit-task), Burt once."""
    import remit.analyses._projection as projection
    import remit.analyses.centrality as centrality
    from remit.analyses.ordering import sorted_units

    calls = {"unit_graph": 0, "brandes": 0, "burt": 0}

    def spy(name, real):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)
        return wrapper

    real = projection.unit_graph
    for module in ("remit.analyses._projection", "remit.analyses.summary", "remit.analyses.ranking",
                   "remit.analyses.duties", "remit.analyses.centrality", "remit.analyses.communities"):
        monkeypatch.setattr(f"{module}.unit_graph", spy("unit_graph", real))
    monkeypatch.setattr(centrality, "brandes_dependencies", spy("brandes", centrality.brandes_dependencies))
    monkeypatch.setattr(centrality, "burt", spy("burt", centrality.burt))
    table = sorted_units(unit_summary(example_graph))
    assert calls == {"unit_graph": 1, "brandes": 2, "burt": 1}
    assert len(table) == 51  # the example's agencies (62 units less 11 collectives)


def test_collectives_get_rows_everywhere_when_asked(example) -> None:
    """The summary's scope reaches the map's panels and the report's unit table (bug fix, issue 8)."""
    from remit.exports.tables import unit_table

    G = remit.build_graph(example)
    collectives = set(example.units.loc[example.units["kind"] == "collective", "unit"])
    assert len(collectives) == 11
    every = unit_summary(G, include_collectives=True)
    m = remit.exports.map(every)
    panels = {u["name"]: dict(u["metrics"]) for u in m.model["units"]}
    assert collectives <= set(panels)
    # Tasks each collective leads, counted straight from the assignments table.
    a = example.assignments
    led = a[a["role"] == "lead"].groupby("unit")["task_id"].nunique()
    for name in collectives:
        assert panels[name], name
        assert panels[name][remit.exports.i18n.strings("zh")["led"]] == int(led.get(name, 0)), name
    units = unit_table(G, every)
    assert collectives <= set(units["unit"])
    assert not collectives & set(unit_table(G, unit_summary(G))["unit"])


def test_exports_refuse_paths(example_path) -> None:
    """Loading is remit.load's job alone (it applies --aliases); exports take a TaskList or a graph."""
    from remit.exports.report import write_report

    with pytest.raises(TypeError, match=r"remit\.load"):
        remit.exports.map(example_path)
    with pytest.raises(TypeError, match=r"remit\.load"):
        write_report(example_path, "never-written")
    assert not Path("never-written").exists()


def _modules_after(code: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n' + ' '.join(sys.modules))"],
                          cwd=ROOT, capture_output=True, text=True, check=True, timeout=120)
    return set(done.stdout.splitlines()[-1].split())


def test_help_and_version_import_no_heavy_package() -> None:
    for argv in (["--help"], ["--version"], ["units", "--help"]):
        loaded = _modules_after(f"from remit.cli import main\ntry:\n    main({argv!r})\nexcept SystemExit:\n"
                                "    pass")
        assert not loaded & {"pandas", "networkx", "numpy", "scipy", "neo4j", "jinja2"}, argv


def test_report_does_not_import_ipython_and_map_not_openpyxl(tmp_path) -> None:
    loaded = _modules_after(f"import remit\nfrom remit.exports.report import write_report\n"
                            f"write_report(remit.load(remit.example_path()), {str(tmp_path / 'r')!r})")
    assert "openpyxl" in loaded and "docx" in loaded  # the report writes units.xlsx and report.docx
    assert not loaded & {"IPython", "pyvis", "pyvis.network"}
    loaded = _modules_after("import remit\nremit.exports.map(remit.load(remit.example_path()))")
    assert not loaded & {"IPython", "pyvis", "openpyxl", "docx"}


def test_summary_matches_each_analysis_alone(example_graph) -> None:
    """The shared computation gives exactly what each public analysis gives on its own."""
    from remit.analyses import bottlenecks, clusters, coordination_centrality, fragility, workload

    s = unit_summary(example_graph, lang="en")
    assert s.workload.units.equals(workload(example_graph).units)
    assert s.centrality.equals(coordination_centrality(example_graph))
    assert s.fragility.equals(fragility(example_graph))
    assert s.bottlenecks.equals(bottlenecks(example_graph, lang="en"))
    assert s.clusters.membership.equals(clusters(example_graph).membership)


def test_summary_with_collectives_matches_each_analysis_of_that_projection(example_graph) -> None:
    """With collectives in scope, each part is the analysis of the projection onto every unit."""
    from remit.analyses._projection import frames, unit_graph
    from remit.analyses.centrality import centrality_of
    from remit.analyses.communities import clusters_of
    from remit.analyses.duties import workload_of

    s = unit_summary(example_graph, include_collectives=True)
    f = frames(example_graph)
    every = unit_graph(f, lambda kind: True)
    assert every.n == 62  # 51 agencies and 11 collectives (tests/test_example_list.py)
    assert s.workload.units.equals(workload_of(f, every).units)
    assert s.centrality.equals(centrality_of(every))
    assert s.clusters.membership.equals(clusters_of(f, every).membership)


def test_summary_computes_each_part_on_first_use_only(example_graph, monkeypatch) -> None:
    """A command that needs clusters only (remit clusters) runs no Brandes; a second read runs nothing."""
    import remit.analyses.centrality as centrality

    calls = {"brandes": 0}

    def spy(*args, **kwargs):
        calls["brandes"] += 1
        return real(*args, **kwargs)

    real = centrality.brandes_dependencies
    monkeypatch.setattr(centrality, "brandes_dependencies", spy)
    s = unit_summary(example_graph)
    assert s.clusters is s.clusters and calls["brandes"] == 0
    assert s.table is s.table and calls["brandes"] == 2  # units, then the unit-task graph
