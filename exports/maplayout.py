"""Where the map's nodes go: vis-network's physics for small maps, a layout computed here for big ones.

The map model (:mod:`remit.exports.mapdata`) says what is drawn; this module
says how it is laid out: the vis-network options, and for maps above
:data:`LAYOUT_THRESHOLD` nodes fixed positions and a backbone of each unit's
strongest links.
"""

from __future__ import annotations

import math
import random
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["LAYOUT_THRESHOLD", "STRONGEST_PER_UNIT", "lay_out", "precomputed_layout", "strongest_edges",
           "vis_options"]

#: Above this many nodes the browser gets a layout computed in Python, physics off.
LAYOUT_THRESHOLD = 2000
#: In maps above the layout threshold, each unit keeps this many strongest links (see strongest_edges).
STRONGEST_PER_UNIT = 5


def strongest_edges(graph: nx.Graph, k: int) -> list[tuple[Any, Any, dict[str, Any]]]:
    """The edges that are among the ``k`` heaviest of at least one of their ends.

    Big coordination graphs are hairballs, and vis-network spends tens of
    microseconds on each edge; this backbone keeps every unit's strongest ties.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_weighted_edges_from([("a", "b", 5), ("a", "c", 1), ("a", "d", 3), ("c", "d", 1)])
    >>> sorted((u, v) for u, v, _ in strongest_edges(G, 1))
    [('a', 'b'), ('a', 'c'), ('a', 'd')]
    """
    keep: set[frozenset[Any]] = set()
    for node in graph.nodes:
        ranked = sorted(graph[node].items(),
                        key=lambda item: (-item[1].get("weight", 1), -item[1].get("lead_support", 0),
                                          str(item[0])))
        keep.update(frozenset((node, other)) for other, _ in ranked[:k])
    return [(u, v, d) for u, v, d in graph.edges(data=True) if frozenset((u, v)) in keep]


def _force_layout(graph: nx.Graph, seed: int) -> np.ndarray:
    """Raw 2-D coordinates of ``graph``'s nodes, in ``graph.nodes`` order."""
    nodes = list(graph.nodes)
    try:
        import igraph
    except ImportError:  # pragma: no cover - igraph is installed wherever the tests run
        spectral = nx.spectral_layout(graph) if len(nodes) > 2 else nx.circular_layout(graph)
        jitter = np.random.default_rng(seed).normal(0, 0.01, size=(len(nodes), 2))
        return np.array([spectral[n] for n in nodes]) + jitter
    index = {n: i for i, n in enumerate(nodes)}
    g = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in graph.edges()])
    # igraph draws its start positions from the generator we give it: a seeded one makes the
    # layout repeatable. (Passing tightly packed start positions instead defeats the grid and
    # costs minutes on 10k nodes.)
    igraph.set_random_number_generator(random.Random(seed))
    try:
        return np.asarray(g.layout_fruchterman_reingold(grid=len(nodes) > 1000).coords, dtype=float)
    finally:
        igraph.set_random_number_generator(random)


def precomputed_layout(graph: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Positions for a large graph, in vis-network's pixel scale.

    The largest connected component is placed by igraph's grid
    Fruchterman–Reingold (C, about a second for 10k nodes) with a fixed
    seed, or by networkx's spectral layout when python-igraph is missing.
    Other nodes, which a force layout flings to the rim, are shelved on a
    grid below the drawing, component by component.

    Examples
    --------
    >>> pos = precomputed_layout(nx.path_graph(5))
    >>> sorted(pos) == [0, 1, 2, 3, 4]
    True
    >>> precomputed_layout(nx.path_graph(5)) == pos  # repeatable
    True
    """
    # A force layout flings small components to the rim; lay out the largest and shelve the rest.
    components = sorted(nx.connected_components(graph), key=len, reverse=True) if len(graph) else []
    linked = list(components[0]) if components and len(components[0]) > 1 else []
    alone = [n for comp in components[1 if linked else 0:] for n in sorted(comp, key=str)]
    pos: dict[Any, tuple[float, float]] = {}
    bottom = 0.0
    if linked:
        coords = _force_layout(graph.subgraph(linked), seed)
        coords = coords - np.median(coords, axis=0)
        # Scale by the 95th percentile, not the maximum, so that a few outliers do not squeeze the core;
        # about 12 px per node along each axis keeps big maps legible when zoomed in.
        radius = float(np.percentile(np.hypot(coords[:, 0], coords[:, 1]), 95)) or 1.0
        coords = coords / radius * (12 * math.sqrt(len(linked)) + 100)
        pos.update({n: (float(x), float(y)) for n, (x, y) in zip(linked, coords, strict=True)})
        bottom = float(coords[:, 1].max()) + 80
    if alone:
        width = max(int(math.sqrt(len(alone)) * 2), 1)
        step = 40.0
        left = -width * step / 2
        for k, n in enumerate(alone):
            pos[n] = (left + (k % width) * step, bottom + (k // width) * step)
    return pos


def vis_options(*, big: bool, n_nodes: int) -> dict[str, Any]:
    """vis-network options: force-atlas physics that stop once stable, or none for a precomputed layout.

    Examples
    --------
    >>> small, big = vis_options(big=False, n_nodes=51), vis_options(big=True, n_nodes=9000)
    >>> small["physics"]["solver"], big["physics"]["enabled"], big["edges"]["smooth"]
    ('forceAtlas2Based', False, False)
    """
    if big:
        physics: dict[str, Any] = {"enabled": False, "stabilization": {
            "enabled": True, "fit": True, "iterations": 1000, "onlyDynamicEdges": False,
            "updateInterval": 50}}
    else:
        physics = {"enabled": True,
                   "forceAtlas2Based": {"avoidOverlap": 0.2, "centralGravity": 0.01, "damping": 0.5,
                                        "gravitationalConstant": -60, "springConstant": 0.05,
                                        "springLength": 120},
                   "solver": "forceAtlas2Based",
                   "stabilization": {"enabled": True, "fit": True, "iterations": 600, "updateInterval": 50}}
    return {
        "configure": {"enabled": False},
        "edges": {"color": {"color": "#8d99a6", "highlight": "#e15759", "opacity": 0.7},
                  "smooth": False if big else {"enabled": True, "type": "continuous"},
                  "scaling": {"min": 1, "max": 10}},
        "interaction": {"dragNodes": True, "hideEdgesOnDrag": big, "hideNodesOnDrag": False, "hover": not big,
                        "tooltipDelay": 150, "navigationButtons": False, "keyboard": False},
        "physics": physics,
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1,
                  "scaling": {"label": {"enabled": False}}},
        "layout": {"randomSeed": 42, "improvedLayout": not big and n_nodes < 150},
    }


def lay_out(nodes: list[dict[str, Any]], edges: list[dict[str, Any]],
            threshold: int = LAYOUT_THRESHOLD) -> dict[str, Any]:
    """Give ``nodes`` fixed ``x``/``y`` when there are more than ``threshold``; return the vis options."""
    big = len(nodes) > threshold
    if big:
        layout_graph = nx.Graph()
        layout_graph.add_nodes_from(n["id"] for n in nodes)
        layout_graph.add_edges_from((e["from"], e["to"]) for e in edges)
        pos = precomputed_layout(layout_graph)
        for n in nodes:
            n["x"], n["y"] = round(pos[n["id"]][0], 1), round(pos[n["id"]][1], 1)
    return vis_options(big=big, n_nodes=len(nodes))
