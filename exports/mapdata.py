"""The data behind a map: vis-network nodes and edges (built with pyvis) plus side tables.

Everything here is plain data. Text from documents travels only inside the
JSON that the page's script reads and puts on screen with ``textContent``;
no node or edge carries an HTML ``title``, so pyvis's and vis-network's
``innerHTML`` paths are never taken.
"""

from __future__ import annotations

import json
import math
import random
from collections import defaultdict
from typing import Any

import networkx as nx
import numpy as np
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from remit.errors import RemitError
from remit.exports.i18n import strings
from remit.exports.metrics import Metrics, cluster_domains, unit_domains
from remit.graph import coordination_graph, task_roles
from remit.suggest import unknown_unit

__all__ = ["COLOR_BY", "LAYOUT_THRESHOLD", "PALETTE", "build_map_model", "find_unit", "precomputed_layout"]

COLOR_BY = ("cluster", "domain", "kind")
#: Above this many nodes the browser gets a layout computed in Python, physics off.
LAYOUT_THRESHOLD = 2000
# Tableau 20, reordered so that neighbouring groups differ strongly.
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
           "#9c755f", "#a0cbe8", "#ffbe7d", "#8cd17d", "#ff9d9a", "#d4a6c8", "#86bcb6", "#f1ce63",
           "#fabfd2", "#d7b5a6", "#499894", "#bab0ac"]
OTHER_COLOR = "#c8c8c8"
TASK_COLOR = "#9aa5b1"
MAX_LEGEND = 16
#: In maps above the layout threshold, each unit keeps this many strongest links (see strongest_edges).
STRONGEST_PER_UNIT = 5


def find_unit(G: nx.MultiDiGraph, name: str) -> str:
    """The canonical name of the unit called ``name`` (or with that alias).

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> find_unit(G, "市住建局")
    '市住房建设局'
    """
    aliases: dict[str, tuple[str, ...]] = {}
    for _, data in G.nodes(data=True):
        if data.get("type") == "unit":
            if data["name"] == name or name in data.get("aliases", ()):
                return str(data["name"])
            aliases[data["name"]] = tuple(data.get("aliases", ()))
    raise RemitError(unknown_unit(name, aliases, aliases))


def _num(value: Any) -> Any:
    """A JSON-friendly number or string; NaN and NA become None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return round(value, 4)
    if isinstance(value, bool | int | str):
        return value
    try:
        if value != value:  # pandas NA
            return None
    except TypeError:
        return None
    return str(value)


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


def _groups(names: list[str], key: dict[str, Any], label: Any) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Assign units to colour groups, largest group first."""
    sizes: dict[Any, int] = defaultdict(int)
    for n in names:
        sizes[key.get(n)] += 1
    ordered = sorted(sizes, key=lambda g: (g is None, -sizes[g], str(g)))
    groups = []
    index: dict[Any, int] = {}
    for i, g in enumerate(ordered):
        color = PALETTE[i % len(PALETTE)] if g is not None and i < len(PALETTE) else OTHER_COLOR
        index[g] = i
        groups.append({"name": label(g), "color": color, "size": sizes[g], "key": g})
    return {n: index[key.get(n)] for n in names}, groups


def _metric_table(metrics: Metrics, s: dict[str, str]) -> dict[str, list[list[Any]]]:
    """Each unit's panel metrics as ``[label, value]`` rows (one pass per table, not per cell)."""
    rows: dict[str, list[list[Any]]] = defaultdict(list)
    sources = [
        (metrics.workload, [("led", "led"), ("supported", "supported"), ("co_led", "co_led"),
                            ("partners", "partners"), ("load", "load"), ("peak_month", "peak_month")]),
        (metrics.centrality, [(c, c) for c in ("degree", "weighted_degree", "betweenness", "eigenvector",
                                               "pagerank", "constraint")]),
        (metrics.bottlenecks, [("rank", "bottleneck_rank"), ("score", "bottleneck_score"),
                               ("reason", "reason")]),
    ]
    for frame, cols in sources:
        present = [(c, label) for c, label in cols if c in frame.columns]
        records = frame[[c for c, _ in present]].to_dict("index")
        for unit, record in records.items():
            for col, label in present:
                value = _num(record[col])
                if col != "reason" or value:
                    rows[str(unit)].append([s.get(label, label), value])
    for unit, cluster in metrics.membership.items():
        rows[str(unit)].append([s["cluster"], _num(cluster)])
    return rows


def build_map_model(G: nx.MultiDiGraph, metrics: Metrics, *, color_by: str = "cluster",
                    show_tasks: bool = False, focus: str | None = None, depth: int = 1,
                    lang: str = "zh", include_collectives: bool = False,
                    title: str | None = None, layout_threshold: int = LAYOUT_THRESHOLD) -> dict[str, Any]:
    """Everything the map page needs, as JSON-ready data.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`.
    metrics : Metrics
        From :func:`remit.exports.metrics.compute_metrics`.
    color_by : {"cluster", "domain", "kind"}
        What a unit's colour shows.
    show_tasks : bool
        Show task nodes joined to their units, instead of unit–unit edges.
    focus, depth : str, int
        Keep only the units within ``depth`` coordination steps of ``focus``.
    lang : {"zh", "en"}
    include_collectives : bool
        Keep collective placeholders (各有关单位, …); off by default, as in
        :func:`remit.coordination_graph`.
    layout_threshold : int
        Node count above which positions are computed here and physics is off.

    Returns
    -------
    dict
        ``nodes`` and ``edges`` (vis-network items), ``options``, ``units``,
        ``tasks``, ``domains``, ``groups``, ``edgeInfo``, ``strings``, ...
    """
    if color_by not in COLOR_BY:
        raise RemitError(f"--color-by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")
    s = strings(lang)
    C = coordination_graph(G, include_collectives=include_collectives)
    shown = list(C.nodes)
    focus_name = None
    if focus is not None:
        focus_name = find_unit(G, focus)
        if focus_name not in C:
            raise RemitError(f"{focus_name!r} is a collective placeholder; add --collectives to map it")
        shown = list(nx.ego_graph(C, focus_name, radius=max(int(depth), 0)).nodes)
    shown_set = set(shown)

    domain_nodes = [n for n, d in G.nodes(data=True) if d.get("type") == "domain"]
    domain_index = {n: i for i, n in enumerate(domain_nodes)}
    domains = [G.nodes[n]["name"] for n in domain_nodes]
    multi_list = len(G.graph.get("lists", [])) > 1
    if multi_list:
        domains = [f"{G.nodes[n]['list_id']}: {G.nodes[n]['name']}" for n in domain_nodes]

    roles = task_roles(G, include_collectives=include_collectives)
    task_nodes = [n for n, d in G.nodes(data=True) if d.get("type") == "task"]
    task_domain: dict[str, int | None] = {}
    for t in task_nodes:
        task_domain[t] = next((domain_index[d] for _, d, k in G.out_edges(t, keys=True) if k == "IN_DOMAIN"),
                              None)
    tasks: list[dict[str, Any]] = []
    task_index: dict[str, int] = {}
    unit_tasks: dict[str, list[list[Any]]] = defaultdict(list)
    for t in task_nodes:
        members = roles.get(t, {})
        if not any(u in shown_set for u in members):
            continue
        d = G.nodes[t]
        task_index[t] = len(tasks)
        number = d.get("number")
        tasks.append({"id": d.get("task_id"), "n": f"{d['list_id']}#{number}" if multi_list else number,
                      "title": d.get("title") or "",
                      "deadline": d.get("deadline") or d.get("deadline_raw") or "",
                      "d": task_domain[t]})
        for u, role in members.items():
            if u in shown_set:
                unit_tasks[u].append([task_index[t], role])

    # Colour groups.
    doms = unit_domains(G)
    if color_by == "cluster":
        key: dict[str, Any] = {u: _num(metrics.membership.get(u)) for u in shown}
        group_of, groups = _groups(shown, key, lambda g: s["other"] if g is None else f"{s['cluster']} {g}")
        main = cluster_domains(G, metrics)
        for group in groups:
            if group["key"] in main:
                group["main"] = main[group["key"]]
    elif color_by == "domain":
        key = {u: doms[u][0] if doms.get(u) else None for u in shown}
        group_of, groups = _groups(shown, key, lambda g: s["other"] if g is None else str(g))
    else:
        key = {u: C.nodes[u].get("kind") for u in shown}
        group_of, groups = _groups(shown, key, lambda g: s.get(str(g), str(g)))
    if len(groups) > MAX_LEGEND:
        rest = sum(g["size"] for g in groups[MAX_LEGEND - 1:])
        for u, gi in group_of.items():
            group_of[u] = min(gi, MAX_LEGEND - 1)
        groups = [*groups[:MAX_LEGEND - 1], {"name": s["other"], "color": OTHER_COLOR, "size": rest}]
        groups[-1]["color"] = OTHER_COLOR

    load = metrics.workload["load"] if "load" in metrics.workload.columns else None
    loads = {u: float(load[u]) if load is not None and u in load.index and load[u] == load[u] else
             float(C.nodes[u]["lead"] + C.nodes[u]["support"]) for u in shown}
    top = max(loads.values(), default=1.0) or 1.0

    net = Network(directed=True, height="100%", width="100%")
    unit_id = {u: f"unit:{u}" for u in shown}
    units: list[dict[str, Any]] = []
    metric_rows = _metric_table(metrics, s)
    for u in shown:
        color = groups[group_of[u]]["color"]
        node = Node(unit_id[u], "dot", label=u, color=color,
                    size=round(8 + 30 * math.sqrt(max(loads[u], 0.0) / top), 2))
        net.nodes.append(node.options)
        net.node_ids.append(unit_id[u])
        net.node_map[unit_id[u]] = node.options
        gattrs = G.nodes.get(f"unit:{u}", {})
        units.append({"id": unit_id[u], "name": u, "aliases": list(gattrs.get("aliases", ())),
                      "kind": C.nodes[u].get("kind"), "group": group_of[u],
                      "tasks": unit_tasks.get(u, []),
                      "domains": sorted({tasks[ti]["d"] for ti, _ in unit_tasks.get(u, [])
                                         if tasks[ti]["d"] is not None}),
                      "metrics": metric_rows.get(u, []), "focus": u == focus_name})

    edge_info: list[dict[str, Any]] = []
    edges_total = 0
    if not show_tasks:
        sub = C.subgraph(shown)
        edges_total = sub.number_of_edges()
        pairs = list(sub.edges(data=True))
        if len(shown) > layout_threshold:
            pairs = strongest_edges(sub, STRONGEST_PER_UNIT)
        for a, b, e in pairs:
            la, lb = e["leads"].get(a, 0), e["leads"].get(b, 0)
            src, dst = (b, a) if lb > la else (a, b)
            arrows = "to, from" if la and lb else ("to" if la or lb else "")
            eid = f"e{len(edge_info)}"
            opts: dict[str, Any] = {"id": eid, "value": e["weight"]}
            # Only non-default styles are written: vis-network parses every option of every edge.
            if e["lead_support"] == 0:
                opts["dashes"] = True
            if arrows:
                opts["arrows"] = arrows
            edge = Edge(unit_id[src], unit_id[dst], False, **opts)
            net.edges.append(edge.options)
            found = (task_domain.get(f"task:{t}") for t in e["tasks"])
            edge_doms = sorted({d for d in found if d is not None})
            edge_info.append({"id": eid, "a": src, "b": dst, "w": e["weight"], "ls": e["lead_support"],
                              "cl": e["co_lead"], "cs": e["co_support"], "d": edge_doms})
    else:
        for t, ti in task_index.items():
            tid = f"task:{tasks[ti]['id']}"
            node = Node(tid, "square", label=f"#{tasks[ti]['n']}", color=TASK_COLOR, size=5)
            net.nodes.append(node.options)
            net.node_ids.append(tid)
            net.node_map[tid] = node.options
            for u, role in roles.get(t, {}).items():
                if u not in shown_set:
                    continue
                eid = f"e{len(edge_info)}"
                edge = Edge(unit_id[u], tid, False, id=eid, value=2 if role == "lead" else 1,
                            dashes=role != "lead", arrows="to" if role == "lead" else "")
                net.edges.append(edge.options)
                edge_info.append({"id": eid, "a": u, "b": tid, "role": role,
                                  "d": [] if tasks[ti]["d"] is None else [tasks[ti]["d"]]})

    n_nodes = len(net.nodes)
    big = n_nodes > layout_threshold
    edges_total = edges_total or len(net.edges)
    if big:
        layout_graph = nx.Graph()
        layout_graph.add_nodes_from(n["id"] for n in net.nodes)
        layout_graph.add_edges_from((e["from"], e["to"]) for e in net.edges)
        pos = precomputed_layout(layout_graph)
        for n in net.nodes:
            n["x"], n["y"] = round(pos[n["id"]][0], 1), round(pos[n["id"]][1], 1)
        net.toggle_physics(False)
        net.set_edge_smooth("discrete")
    else:
        net.force_atlas_2based(gravity=-60, central_gravity=0.01, spring_length=120, spring_strength=0.05,
                               damping=0.5, overlap=0.2)
        net.options.physics.stabilization = {"enabled": True, "iterations": 600, "updateInterval": 50,
                                             "fit": True}
    options = json.loads(net.options.to_json())
    options["edges"]["smooth"] = False if big else {"enabled": True, "type": "continuous"}
    options["edges"]["color"] = {"color": "#8d99a6", "highlight": "#e15759", "opacity": 0.7}
    options["edges"]["scaling"] = {"min": 1, "max": 10}
    options["nodes"] = {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1,
                        "scaling": {"label": {"enabled": False}}}
    options["interaction"].update({"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                                   "navigationButtons": False, "keyboard": False})
    options["layout"] = {"randomSeed": 42, "improvedLayout": not big and n_nodes < 150}
    return {
        "lang": lang, "strings": s, "title": title or s["map_title"], "colorBy": color_by,
        "mode": "tasks" if show_tasks else "units", "precomputed": big, "focus": focus_name,
        "nodes": net.nodes, "edges": net.edges, "options": options, "units": units, "tasks": tasks,
        "domains": domains, "groups": groups, "edgeInfo": edge_info, "edgesTotal": edges_total,
        "strongest": STRONGEST_PER_UNIT if len(net.edges) < edges_total else None,
    }
