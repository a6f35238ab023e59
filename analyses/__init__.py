"""Analyses: workload, coordination centrality, bottlenecks, clusters and what-if.

Every analysis is a pure function of a task graph from
:func:`remit.build_graph`: it reads the graph, never changes it, does no I/O
and gives the same result on every run (fixed seeds; nodes sorted by name
before any algorithm whose result depends on order).

Examples
--------
>>> import remit
>>> from remit.analyses import workload, bottlenecks
>>> G = remit.build_graph(remit.load(remit.example_path()))
>>> int(workload(G).units.loc["市市场监管局", "led"]), bottlenecks(G).index[0]
(40, '市市场监管局')
"""

from __future__ import annotations

from remit.analyses.agreement import adjusted_rand, normalized_mutual_info
from remit.analyses.articulation import fragility
from remit.analyses.centrality import coordination_centrality
from remit.analyses.communities import Clusters, clusters
from remit.analyses.duties import Workload, workload
from remit.analyses.ranking import DEFAULT_WEIGHTS, bottlenecks
from remit.analyses.summary import UnitSummary, unit_summary
from remit.analyses.whatif import WhatIf, apply_change, what_if

__all__ = [
    "DEFAULT_WEIGHTS",
    "Clusters",
    "UnitSummary",
    "WhatIf",
    "Workload",
    "adjusted_rand",
    "apply_change",
    "bottlenecks",
    "clusters",
    "coordination_centrality",
    "fragility",
    "normalized_mutual_info",
    "unit_summary",
    "what_if",
    "workload",
]
