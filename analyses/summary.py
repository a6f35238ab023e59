"""Every per-unit measure of a graph, computed once and handed to whoever needs it.

The command line, what-if, the report and the map all read one
:class:`UnitSummary`: the graph is read into tables once, projected onto
units once, and each of workload, centrality (Brandes and Burt included),
fragility and the bottleneck ranking runs once. Clusters run on first use,
on the same projection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import networkx as nx
import pandas as pd

from remit.analyses._projection import Frames, UnitGraph, frames, unit_graph
from remit.analyses.articulation import fragility_of
from remit.analyses.centrality import coordination_centrality
from remit.analyses.communities import Clusters, clusters
from remit.analyses.duties import Workload, workload
from remit.analyses.ranking import combine

__all__ = ["BOTTLENECK_SUMMARY", "UnitSummary", "unit_summary"]

#: The bottleneck columns a per-unit table carries beside workload and centrality.
BOTTLENECK_SUMMARY = ["rank", "score", "articulation", "separated_pairs", "reason"]


@dataclass(frozen=True)
class UnitSummary:
    """The per-unit analyses of one graph; see :func:`unit_summary`.

    Attributes
    ----------
    graph : networkx.MultiDiGraph
        The graph analysed (not changed).
    frames : Frames
        Its units, tasks and roles as tables.
    projection : UnitGraph
        The coordination graph over the included units, as sparse matrices.
    workload : Workload
        :func:`~remit.analyses.workload`.
    centrality : pandas.DataFrame
        :func:`~remit.analyses.coordination_centrality`.
    fragility : pandas.DataFrame
        :func:`~remit.analyses.articulation.fragility_of`.
    bottlenecks : pandas.DataFrame
        :func:`~remit.analyses.bottlenecks`, in rank order.
    include_collectives : bool
    lang : str
        Language of the bottleneck reasons.
    """

    graph: nx.MultiDiGraph
    frames: Frames
    projection: UnitGraph
    workload: Workload
    centrality: pd.DataFrame
    fragility: pd.DataFrame
    bottlenecks: pd.DataFrame
    include_collectives: bool
    lang: str
    cluster_options: dict[str, Any]

    @cached_property
    def clusters(self) -> Clusters:
        """:func:`~remit.analyses.clusters` on the same projection, computed on first use."""
        return clusters(self.graph, include_collectives=self.include_collectives, data=self.frames,
                        projection=self.projection, **self.cluster_options)

    @cached_property
    def table(self) -> pd.DataFrame:
        """One row per unit, indexed by ``unit`` in workload order (load, highest first).

        Columns: the workload columns, the centrality columns (without a
        second ``kind``) and :data:`BOTTLENECK_SUMMARY`.
        """
        return (self.workload.units.join(self.centrality.drop(columns=["kind"]))
                .join(self.bottlenecks[BOTTLENECK_SUMMARY]))


def unit_summary(G: nx.MultiDiGraph, *, include_collectives: bool = False, lang: str = "zh",
                 resolution: float = 1.0, seed: int = 42, **centrality_options: Any) -> UnitSummary:
    """Compute workload, centrality, fragility and bottlenecks of every unit, each once.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`; it is not changed.
    include_collectives : bool
        Give collective placeholders (各有关单位, …) rows, and count them as
        partners, in every measure.
    lang : {"zh", "en"}
        Language of the bottleneck reasons.
    resolution, seed : float, int
        Louvain options of :attr:`UnitSummary.clusters`.
    **centrality_options
        Passed to :func:`~remit.analyses.coordination_centrality`
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
    """
    f = frames(G)
    ug = unit_graph(G, include_collectives, data=f)
    work = workload(G, include_collectives=include_collectives, data=f, projection=ug)
    cent = coordination_centrality(G, include_collectives=include_collectives, data=f, projection=ug,
                                   **centrality_options)
    frag = fragility_of(ug)
    ranked = combine(work.units, cent, frag, lang=lang)
    return UnitSummary(G, f, ug, work, cent, frag, ranked, bool(include_collectives), lang,
                       {"resolution": resolution, "seed": seed})
