"""The data behind a map: vis-network nodes and edges plus the side tables the page's script reads.

Everything here is plain data. Text from documents travels only inside the
JSON that the page's script reads and puts on screen with ``textContent``;
no node or edge carries an HTML ``title``, so vis-network's ``innerHTML``
paths are never taken. Node and edge items are the dicts vis-network reads
(the ones pyvis would build); where they go is :mod:`remit.exports.maplayout`.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from remit.analyses import UnitSummary
from remit.errors import RemitError
from remit.exports.i18n import strings
from remit.exports.maplayout import LAYOUT_THRESHOLD, STRONGEST_PER_UNIT, lay_out, strongest_edges
from remit.exports.metrics import cluster_domains, unit_domains
from remit.graph.schema import DOMAIN, IN_DOMAIN, TASK, UNIT, task_node, unit_node
from remit.model import plain_value
from remit.suggest import unknown_unit

__all__ = ["COLOR_BY", "LAYOUT_THRESHOLD", "PALETTE", "build_map_model", "find_unit"]

COLOR_BY = ("cluster", "domain", "kind")
# Tableau 20, reordered so that neighbouring groups differ strongly.
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7",
           "#9c755f", "#a0cbe8", "#ffbe7d", "#8cd17d", "#ff9d9a", "#d4a6c8", "#86bcb6", "#f1ce63",
           "#fabfd2", "#d7b5a6", "#499894", "#bab0ac"]
OTHER_COLOR = "#c8c8c8"
TASK_COLOR = "#9aa5b1"
MAX_LEGEND = 16


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
        if data.get("type") == UNIT:
            if data["name"] == name or name in data.get("aliases", ()):
                return str(data["name"])
            aliases[data["name"]] = tuple(data.get("aliases", ()))
    raise RemitError(unknown_unit(name, aliases, aliases))


def _num(value: Any) -> Any:
    """A JSON-friendly number or string: NaN and NA become None, floats keep 4 decimals."""
    value = plain_value(value)
    if isinstance(value, float):
        return round(value, 4)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def _node(node_id: str, shape: str, label: str, color: str, size: float) -> dict[str, Any]:
    """A vis-network node item, keys in pyvis's order."""
    return {"color": color, "size": size, "id": node_id, "label": label, "shape": shape}


def _edge(source: str, target: str, **options: Any) -> dict[str, Any]:
    """A vis-network edge item, keys in pyvis's order."""
    return {**options, "from": source, "to": target}


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


def _metric_table(summary: UnitSummary, s: dict[str, str]) -> dict[str, list[list[Any]]]:
    """Each unit's panel metrics as ``[label, value]`` rows (one pass per table, not per cell)."""
    rows: dict[str, list[list[Any]]] = defaultdict(list)
    sources = [
        (summary.workload.units, [("led", "led"), ("supported", "supported"), ("co_led", "co_led"),
                                  ("partners", "partners"), ("load", "load"),
                                  ("peak_month", "peak_month")]),
        (summary.centrality, [(c, c) for c in ("degree", "weighted_degree", "betweenness", "eigenvector",
                                               "pagerank", "constraint")]),
        (summary.bottlenecks, [("rank", "bottleneck_rank"), ("score", "bottleneck_score"),
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
    for unit, cluster in summary.membership.items():
        rows[str(unit)].append([s["cluster"], _num(cluster)])
    return rows


def _focus(G: nx.MultiDiGraph, C: nx.Graph, focus: str | None, depth: int) -> tuple[list[str], str | None]:
    """The units shown, and the focus unit's canonical name."""
    if focus is None:
        return list(C.nodes), None
    name = find_unit(G, focus)
    if name not in C:
        raise RemitError(f"{name!r} is a collective placeholder; add --collectives to map it")
    return list(nx.ego_graph(C, name, radius=max(int(depth), 0)).nodes), name


def _task_items(G: nx.MultiDiGraph, roles: dict[str, dict[str, str]], shown: set[str], multi_list: bool
                ) -> tuple[list[str], dict[str, int | None], list[dict[str, Any]], dict[str, int],
                           dict[str, list[list[Any]]]]:
    """Domains, each task's domain, the tasks touching a shown unit, and each unit's ``[task, role]`` list."""
    domain_nodes = [n for n, d in G.nodes(data=True) if d.get("type") == DOMAIN]
    domain_index = {n: i for i, n in enumerate(domain_nodes)}
    domains = [f"{G.nodes[n]['list_id']}: {G.nodes[n]['name']}" if multi_list else G.nodes[n]["name"]
               for n in domain_nodes]
    task_nodes = [n for n, d in G.nodes(data=True) if d.get("type") == TASK]
    task_domain: dict[str, int | None] = {
        t: next((domain_index[d] for _, d, k in G.out_edges(t, keys=True) if k == IN_DOMAIN), None)
        for t in task_nodes}
    tasks: list[dict[str, Any]] = []
    task_index: dict[str, int] = {}
    unit_tasks: dict[str, list[list[Any]]] = defaultdict(list)
    for t in task_nodes:
        members = roles.get(t, {})
        if not any(u in shown for u in members):
            continue
        d = G.nodes[t]
        task_index[t] = len(tasks)
        number = d.get("number")
        tasks.append({"id": d.get("task_id"), "n": f"{d['list_id']}#{number}" if multi_list else number,
                      "title": d.get("title") or "",
                      "deadline": d.get("deadline") or d.get("deadline_raw") or "",
                      "d": task_domain[t]})
        for u, role in members.items():
            if u in shown:
                unit_tasks[u].append([task_index[t], role])
    return domains, task_domain, tasks, task_index, unit_tasks


def _colour_groups(G: nx.MultiDiGraph, C: nx.Graph, summary: UnitSummary, shown: list[str], color_by: str,
                   s: dict[str, str]) -> tuple[dict[str, int], list[dict[str, Any]]]:
    """Each shown unit's colour group, and the legend (at most :data:`MAX_LEGEND` entries)."""
    if color_by == "cluster":
        key: dict[str, Any] = {u: _num(summary.membership.get(u)) for u in shown}
        group_of, groups = _groups(shown, key, lambda g: s["other"] if g is None else f"{s['cluster']} {g}")
        main = cluster_domains(G, summary)  # the legend names each cluster by its main domain
        for group in groups:
            if group["key"] in main:
                group["main"] = main[group["key"]]
    elif color_by == "domain":
        doms = unit_domains(G)
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
    return group_of, groups


def _unit_edges(C: nx.Graph, shown: list[str], task_domain: dict[str, int | None], threshold: int
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Unit–unit edges (arrows point from lead to supporter) with their side-table rows, and the total."""
    sub = C.subgraph(shown)
    pairs = list(sub.edges(data=True))
    if len(shown) > threshold:
        pairs = strongest_edges(sub, STRONGEST_PER_UNIT)
    edges: list[dict[str, Any]] = []
    info: list[dict[str, Any]] = []
    for a, b, e in pairs:
        la, lb = e["leads"].get(a, 0), e["leads"].get(b, 0)
        src, dst = (b, a) if lb > la else (a, b)
        arrows = "to, from" if la and lb else ("to" if la or lb else "")
        eid = f"e{len(info)}"
        opts: dict[str, Any] = {"id": eid, "value": e["weight"]}
        # Only non-default styles are written: vis-network parses every option of every edge.
        if e["lead_support"] == 0:
            opts["dashes"] = True
        if arrows:
            opts["arrows"] = arrows
        edges.append(_edge(unit_node(src), unit_node(dst), **opts))
        found = (task_domain.get(task_node(t)) for t in e["tasks"])
        info.append({"id": eid, "a": src, "b": dst, "w": e["weight"], "ls": e["lead_support"],
                     "cl": e["co_lead"], "cs": e["co_support"],
                     "d": sorted({d for d in found if d is not None})})
    return edges, info, sub.number_of_edges()


def _task_edges(roles: dict[str, dict[str, str]], shown: set[str], tasks: list[dict[str, Any]],
                task_index: dict[str, int]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                     list[dict[str, Any]]]:
    """Task nodes and unit–task edges (solid with an arrow for a lead, dashed for a supporter)."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    info: list[dict[str, Any]] = []
    for t, ti in task_index.items():
        tid = task_node(tasks[ti]["id"])
        nodes.append(_node(tid, "square", f"#{tasks[ti]['n']}", TASK_COLOR, 5))
        for u, role in roles.get(t, {}).items():
            if u not in shown:
                continue
            eid = f"e{len(info)}"
            edges.append(_edge(unit_node(u), tid, id=eid, value=2 if role == "lead" else 1,
                               dashes=role != "lead", arrows="to" if role == "lead" else ""))
            info.append({"id": eid, "a": u, "b": tid, "role": role,
                         "d": [] if tasks[ti]["d"] is None else [tasks[ti]["d"]]})
    return nodes, edges, info


def build_map_model(summary: UnitSummary, *, color_by: str = "cluster",
                    show_tasks: bool = False, focus: str | None = None, depth: int = 1,
                    lang: str = "zh", title: str | None = None,
                    layout_threshold: int = LAYOUT_THRESHOLD) -> dict[str, Any]:
    """Everything the map page needs, as JSON-ready data.

    Parameters
    ----------
    summary : UnitSummary
        :func:`remit.analyses.unit_summary` of the graph to map: the units in
        its scope are the map's units, its figures fill their panels.
    color_by : {"cluster", "domain", "kind"}
        What a unit's colour shows.
    show_tasks : bool
        Show task nodes joined to their units, instead of unit–unit edges.
    focus, depth : str, int
        Keep only the units within ``depth`` coordination steps of ``focus``.
    lang : {"zh", "en"}
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
    G, C, roles = summary.graph, summary.coordination, summary.roles
    shown, focus_name = _focus(G, C, focus, depth)
    shown_set = set(shown)
    domains, task_domain, tasks, task_index, unit_tasks = _task_items(
        G, roles, shown_set, len(G.graph.get("lists", [])) > 1)
    group_of, groups = _colour_groups(G, C, summary, shown, color_by, s)

    work = summary.workload.units
    load = work["load"] if "load" in work.columns else None
    loads = {u: float(load[u]) if load is not None and u in load.index and load[u] == load[u] else
             float(C.nodes[u]["lead"] + C.nodes[u]["support"]) for u in shown}
    top = max(loads.values(), default=1.0) or 1.0
    metric_rows = _metric_table(summary, s)
    nodes: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for u in shown:
        nodes.append(_node(unit_node(u), "dot", u, groups[group_of[u]]["color"],
                           round(8 + 30 * math.sqrt(max(loads[u], 0.0) / top), 2)))
        gattrs = G.nodes.get(unit_node(u), {})
        units.append({"id": unit_node(u), "name": u, "aliases": list(gattrs.get("aliases", ())),
                      "kind": C.nodes[u].get("kind"), "group": group_of[u],
                      "tasks": unit_tasks.get(u, []),
                      "domains": sorted({tasks[ti]["d"] for ti, _ in unit_tasks.get(u, [])
                                         if tasks[ti]["d"] is not None}),
                      "metrics": metric_rows.get(u, []), "focus": u == focus_name})
        if gattrs.get("former"):  # names before a restructuring, for the unit's panel
            units[-1]["former"] = list(gattrs["former"])
    if show_tasks:
        task_nodes, edges, edge_info = _task_edges(roles, shown_set, tasks, task_index)
        nodes.extend(task_nodes)
        edges_total = len(edges)
    else:
        edges, edge_info, edges_total = _unit_edges(C, shown, task_domain, layout_threshold)
        edges_total = edges_total or len(edges)
    options = lay_out(nodes, edges, layout_threshold)
    return {
        "lang": lang, "strings": s, "title": title or s["map_title"], "colorBy": color_by,
        "mode": "tasks" if show_tasks else "units", "precomputed": len(nodes) > layout_threshold,
        "focus": focus_name,
        "nodes": nodes, "edges": edges, "options": options, "units": units, "tasks": tasks,
        "domains": domains, "groups": groups, "edgeInfo": edge_info, "edgesTotal": edges_total,
        "strongest": STRONGEST_PER_UNIT if len(edges) < edges_total else None,
    }
