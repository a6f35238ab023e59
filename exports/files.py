"""Write the task graph as one file: GraphML, GEXF, node-link JSON or a CSV edge list.

GraphML and GEXF store only strings, numbers and booleans. :func:`flatten_graph`
turns everything else into one of those: tuples and lists are joined with
``"|"`` (``aliases``), dicts become JSON text, and a missing value (None) is
left out of the element rather than written as the string ``"None"``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from remit.atomic import atomic_file
from remit.control import CONTROL
from remit.exports.csvsafe import neutralise
from remit.graph.schema import TASK
from remit.model import plain_value

__all__ = ["FORMATS", "export_graph", "flat_value", "flatten_graph", "graph_json", "write_graph"]

FORMATS = ("graphml", "gexf", "json", "csv")
#: Separator for list-valued attributes in GraphML/GEXF/CSV; no unit name contains it.
LIST_SEP = "|"


def flat_value(value: Any) -> str | int | float | bool | None:
    """A value GraphML and GEXF can store, or None to leave the attribute out.

    Examples
    --------
    >>> flat_value(("市住建局", "住建局")), flat_value({"a": 1}), flat_value(None)
    ('市住建局|住建局', '{"a": 1}', None)
    """
    if isinstance(value, tuple | list | set | frozenset):
        items = sorted(value) if isinstance(value, set | frozenset) else value
        return CONTROL.sub("", LIST_SEP.join(str(v) for v in items))
    if isinstance(value, dict):
        return CONTROL.sub("", json.dumps(value, ensure_ascii=False, sort_keys=True))
    value = plain_value(value)
    if isinstance(value, str):
        return CONTROL.sub("", value)  # XML 1.0 cannot hold them (an alias file may still bring one)
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def flatten_graph(G: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """Return a copy of ``G`` whose attributes are all scalars.

    Parameters
    ----------
    G : networkx.Graph
        Any graph; typically :func:`remit.build_graph`'s MultiDiGraph.
    gexf : bool
        GEXF reserves the edge attribute ``type`` (directed/undirected) and
        ``label``; when True, the edge's ``type`` is written as ``relation``
        and also as the edge label, so Gephi shows LEADS/SUPPORTS.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> F = flatten_graph(G)
    >>> F.nodes["unit:市住房建设局"]["aliases"], "deadline" in F.nodes["task:shenzhen-2020-tasks#1"]
    ('市住建局', True)
    """
    H = G.__class__()
    H.graph.update({k: v for k, v in ((k, flat_value(v)) for k, v in G.graph.items()) if v is not None})
    for node, data in G.nodes(data=True):
        attrs = {k: v for k, v in ((k, flat_value(v)) for k, v in data.items()) if v is not None}
        H.add_node(_xml_id(node), **attrs)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edges:
        data = edge[-1]
        attrs = {k: v for k, v in ((k, flat_value(v)) for k, v in data.items()) if v is not None}
        if gexf and "type" in attrs:
            attrs["relation"] = attrs.pop("type")
            attrs["label"] = attrs["relation"]
        if G.is_multigraph():
            H.add_edge(_xml_id(edge[0]), _xml_id(edge[1]), key=_xml_id(edge[2]), **attrs)
        else:
            H.add_edge(_xml_id(edge[0]), _xml_id(edge[1]), **attrs)
    return H


def _xml_id(value: Any) -> Any:
    """A node id or edge key XML can hold: strings lose their control characters."""
    return CONTROL.sub("", value) if isinstance(value, str) else value


def graph_json(G: nx.Graph) -> dict[str, Any]:
    """Node-link data of ``G`` (``nodes``, ``edges``), with tuples as JSON lists.

    Examples
    --------
    >>> import remit
    >>> data = graph_json(remit.build_graph(remit.load(remit.example_path())))
    >>> sorted(data)[:3], len(data["nodes"])
    (['directed', 'edges', 'graph'], 286)
    """
    data = nx.node_link_data(G, edges="edges")
    return json.loads(json.dumps(data, ensure_ascii=False, default=_json_default))


def _json_default(value: Any) -> Any:
    if isinstance(value, set | frozenset):
        return sorted(value)
    value = plain_value(value)
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def _write_csv(G: nx.Graph, handle: Any) -> None:
    """The typed graph as an edge list, one row per edge, node types beside the ends."""
    writer = csv.writer(handle)
    writer.writerow(["source", "source_type", "target", "target_type", "type", "position"])
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
    for edge in edges:
        u, v, data = edge[0], edge[1], edge[-1]
        relation = data.get("type", edge[2] if G.is_multigraph() else "")
        writer.writerow([neutralise(x) for x in (  # no formula runs when Excel opens it
            _node_name(G, u), G.nodes[u].get("type", ""), _node_name(G, v),
            G.nodes[v].get("type", ""), relation, "" if data.get("position") is None else data["position"])])


def _node_name(G: nx.Graph, node: Any) -> str:
    data = G.nodes[node]
    if data.get("type") == TASK:
        return str(data.get("task_id", node))
    return str(data.get("name", node))


def write_graph(G: nx.Graph, path: str | Path, fmt: str) -> Path:
    """Write ``G`` to ``path`` in ``fmt`` (one of :data:`FORMATS`), atomically, as UTF-8.

    Examples
    --------
    >>> import remit, tempfile, pathlib, networkx as nx
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> out = write_graph(G, pathlib.Path(tempfile.mkdtemp()) / "g.graphml", "graphml")
    >>> nx.read_graphml(out).number_of_edges() == G.number_of_edges()
    True
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt == "graphml":
        with atomic_file(path, "wb") as handle:
            nx.write_graphml(flatten_graph(G), handle, encoding="utf-8", named_key_ids=True)
    elif fmt == "gexf":
        with atomic_file(path, "wb") as handle:
            nx.write_gexf(flatten_graph(G, gexf=True), handle, encoding="utf-8")
    elif fmt == "json":
        with atomic_file(path) as handle:
            json.dump(graph_json(G), handle, ensure_ascii=False, indent=1)
            handle.write("\n")
    else:
        with atomic_file(path, "w", encoding="utf-8-sig") as handle:  # BOM: Excel opens Chinese right
            _write_csv(G, handle)
    return path


def export_graph(G: nx.Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``G`` to ``path``; the format defaults to the file's extension.

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> export_graph(G, pathlib.Path(tempfile.mkdtemp()) / "g.gexf").suffix
    '.gexf'
    """
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    return write_graph(G, path, fmt)
