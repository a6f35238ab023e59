"""The one per-graph result: every per-unit measure of a graph, over one unit scope, each computed once.

The command line, what-if, the diff, the follow-up, the report, the Word
briefing and the map all read one :class:`UnitSummary`. Its scope (are
collective placeholders units of the analysis?) is decided here, once, by
:func:`remit.graph.in_scope`; everything downstream takes the summary, or
its projection, which carries that scope. The graph is read into tables
once and projected onto units once; workload, centrality (Brandes and Burt
included), fragility, the bottleneck ranking and the clusters each run on
first use, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd

from remit.analyses._projection import Frames, UnitGraph, frames, unit_graph
from remit.analyses.articulation import fragility_of
from remit.analyses.centrality import centrality_of
from remit.analyses.communities import Clusters, clusters_of
from remit.analyses.duties import Workload, workload_of
from remit.analyses.ranking import combine
from remit.graph.coordination import coordination_graph, in_scope, task_roles

__all__ = ["BOTTLENECK_SUMMARY", "UnitSummary", "unit_summary"]

#: The bottleneck columns a per-unit table carries beside workload and centrality.
BOTTLENECK_SUMMARY = ["rank", "score", "articulation", "separated_pairs", "reason"]


@dataclass(frozen=True, eq=False)
class UnitSummary:
    """The per-unit analyses of one graph over one unit scope; see :func:`unit_summary`.

    Every attribute after the options is computed on first use, once.

    Attributes
    ----------
    graph : networkx.MultiDiGraph
        The graph analysed (not changed).
    include_collectives : bool
        The scope: whether collective placeholders (各有关单位, …) are units of the analysis.
    lang : str
        Language of the bottleneck reasons.
    cluster_options : mapping
        ``resolution`` and ``seed`` of the clusters.
    centrality_options : mapping
        Options of :func:`~remit.analyses.centrality.centrality_of`.
    frames : Frames
        The graph's units, tasks and roles as tables (every unit).
    projection : UnitGraph
        The coordination graph over the units in scope, as sparse matrices.
    workload : Workload
        :func:`~remit.analyses.duties.workload_of` the projection.
    centrality : pandas.DataFrame
        :func:`~remit.analyses.centrality.centrality_of` the projection.
    fragility : pandas.DataFrame
        :func:`~remit.analyses.articulation.fragility_of` the projection.
    bottlenecks : pandas.DataFrame
        :func:`~remit.analyses.ranking.combine` of the three, in rank order.
    clusters : Clusters
        :func:`~remit.analyses.communities.clusters_of` the projection.
    membership : pandas.Series
        Unit → Louvain cluster.
    table : pandas.DataFrame
        One row per unit in scope: workload, centrality and bottleneck columns.
    coordination : networkx.Graph
        :func:`remit.coordination_graph` over the units in scope (the map and the figure draw it).
    roles : dict
        :func:`remit.graph.task_roles` over the units in scope.
    every_role : dict
        :func:`remit.graph.task_roles` over every unit, whatever the scope: a
        task's leads are all its leads (the follow-up and the diff name them).
    """

    graph: nx.MultiDiGraph
    include_collectives: bool = False
    lang: str = "zh"
    cluster_options: Mapping[str, Any] = field(default_factory=dict)
    centrality_options: Mapping[str, Any] = field(default_factory=dict)

    def in_scope(self, kind: str) -> bool:
        """Whether a unit of this kind is in the summary's scope (:func:`remit.graph.in_scope`)."""
        return in_scope(kind, self.include_collectives)

    def on(self, G: nx.MultiDiGraph) -> UnitSummary:
        """The same analyses, scope and options on another graph (a changed copy, last year's list)."""
        return replace(self, graph=G)

    @cached_property
    def frames(self) -> Frames:
        return frames(self.graph)

    @cached_property
    def projection(self) -> UnitGraph:
        return unit_graph(self.frames, self.in_scope)

    @cached_property
    def workload(self) -> Workload:
        return workload_of(self.frames, self.projection)

    @cached_property
    def centrality(self) -> pd.DataFrame:
        return centrality_of(self.projection, **self.centrality_options)

    @cached_property
    def fragility(self) -> pd.DataFrame:
        return fragility_of(self.projection)

    @cached_property
    def bottlenecks(self) -> pd.DataFrame:
        return combine(self.workload.units, self.centrality, self.fragility, lang=self.lang)

    @cached_property
    def clusters(self) -> Clusters:
        return clusters_of(self.frames, self.projection, **self.cluster_options)

    @cached_property
    def membership(self) -> pd.Series:
        return self.clusters.membership.set_index("unit")["cluster"]

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per unit, indexed by ``unit`` in workload order (load, highest first).

        Columns: the workload columns, the centrality columns (without a
        second ``kind``) and :data:`BOTTLENECK_SUMMARY`.
        """
        return (self.workload.units.join(self.centrality.drop(columns=["kind"]))
                .join(self.bottlenecks[BOTTLENECK_SUMMARY]))

    @cached_property
    def coordination(self) -> nx.Graph:
        return coordination_graph(self.graph, self.include_collectives)

    @cached_property
    def roles(self) -> dict[str, dict[str, str]]:
        return task_roles(self.graph, self.include_collectives)

    @cached_property
    def every_role(self) -> dict[str, dict[str, str]]:
        return task_roles(self.graph, include_collectives=True)


def unit_summary(G: nx.MultiDiGraph, *, include_collectives: bool = False, lang: str = "zh",
                 resolution: float = 1.0, seed: int = 42, **centrality_options: Any) -> UnitSummary:
    """The per-unit analyses of ``G``: workload, centrality, fragility, bottlenecks and clusters.

    Nothing is computed here: each part is computed on first use, once,
    from one reading of the graph and one projection.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`; it is not changed.
    include_collectives : bool
        Give collective placeholders (各有关单位, …) rows, and count them as
        partners, in every measure; the scope of everything that reads the
        summary.
    lang : {"zh", "en"}
        Language of the bottleneck reasons.
    resolution, seed : float, int
        Louvain options of :attr:`UnitSummary.clusters`.
    **centrality_options
        Passed to :func:`~remit.analyses.centrality.centrality_of`
        (``betweenness_exact_max``, ``sample_size``, ``seed``...).

    Returns
    -------
    UnitSummary

    Examples
    --------
    The same figures as each analysis alone (市税务局: rows 5, 9, 12 and 69-78 of the
    example lead it, 13 tasks):

    >>> import remit
    >>> from remit.analyses import bottlenecks
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> s = unit_summary(G)
    >>> int(s.table.loc["市税务局", "led"]), s.table.index[0]
    (13, '市市场监管局')
    >>> s.bottlenecks.equals(bottlenecks(G))
    True

    With the 11 collective placeholders in scope, they get rows everywhere:

    >>> every = unit_summary(G, include_collectives=True)
    >>> len(every.table) - len(s.table), every.table.loc["各有关单位", "kind"]
    (11, 'collective')
    """
    return UnitSummary(G, bool(include_collectives), lang, {"resolution": resolution, "seed": seed},
                       dict(centrality_options))
