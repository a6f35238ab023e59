"""The interactive map: one self-contained, offline HTML file (vis-network via pyvis)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from markupsafe import Markup

from remit.analyses import UnitSummary, unit_summary
from remit.atomic import write_text_atomic
from remit.errors import RemitError
from remit.exports.html import asset, json_island, render, vis_css, vis_js
from remit.exports.mapdata import LAYOUT_THRESHOLD, build_map_model
from remit.graph import build_graph
from remit.model import TaskList

if TYPE_CHECKING:
    from remit.analyses.followup import FollowUp

__all__ = ["Map", "add_followup", "make_map", "map_fragment", "map_page"]


def map_fragment(model: dict[str, Any], height: str = "100%") -> Markup:
    """The map's container and its data; needs vis-network and ``map.js`` on the same page."""
    island = json_island(model, cls="remit-map-data")
    return Markup(render("map_fragment.html", height=height, island=island).rstrip("\n"))


def map_page(model: dict[str, Any]) -> str:
    """A whole HTML document showing one map, with every script and style inlined."""
    return render("map.html", html_lang="zh-CN" if model["lang"] == "zh" else "en", title=model["title"],
                  vis_css=vis_css(), map_css=asset("map.css"), vis_js=vis_js(), map_js=asset("map.js"),
                  fragment=map_fragment(model))


@dataclass
class Map:
    """A rendered map. Shows itself inline in Jupyter; ``save`` writes the file.

    Attributes
    ----------
    html : str
        The complete, self-contained HTML document.
    model : dict
        The data the page draws (nodes, edges, units, tasks, ...).

    Examples
    --------
    >>> import remit, remit.exports
    >>> m = remit.exports.map(remit.load(remit.example_path()))
    >>> m.html.startswith("<!DOCTYPE html>"), len(m.model["nodes"])
    (True, 51)
    """

    html: str
    model: dict[str, Any] = field(repr=False)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` as UTF-8, atomically; return the path."""
        path = Path(path)
        write_text_atomic(path, self.html)
        return path

    def _repr_html_(self) -> str:
        # An iframe keeps the page's scripts and styles apart from the notebook's,
        # and srcdoc keeps it one offline document.
        return str(Markup('<iframe srcdoc="{}" style="width:100%;height:640px;border:0" '
                          'sandbox="allow-scripts"></iframe>').format(self.html))

    def __repr__(self) -> str:
        return f"<remit Map: {len(self.model['nodes'])} nodes, {len(self.model['edges'])} edges>"


def _summary_of(source: TaskList | nx.MultiDiGraph | UnitSummary, lang: str | None) -> UnitSummary:
    if isinstance(source, UnitSummary):
        if lang is not None and lang != source.lang:
            raise ValueError(f"lang={lang!r}, but the summary's reasons are in {source.lang!r}; "
                             f"compute it with unit_summary(..., lang={lang!r})")
        return source
    if isinstance(source, nx.MultiDiGraph):
        return unit_summary(source, lang=lang or "zh")
    if isinstance(source, TaskList):
        return unit_summary(build_graph(source), lang=lang or "zh")
    raise TypeError(f"map() takes a TaskList or a graph from remit.build_graph, not {type(source).__name__}; "
                    "load files first with remit.load(...)")


def make_map(source: TaskList | nx.MultiDiGraph | UnitSummary, *, color_by: str = "cluster",
             tasks: bool = False, focus: str | None = None, depth: int = 1, lang: str | None = None,
             title: str | None = None, layout_threshold: int = LAYOUT_THRESHOLD,
             followup: FollowUp | None = None) -> Map:
    """Draw the coordination map of a task list.

    Parameters
    ----------
    source : TaskList, networkx.MultiDiGraph or UnitSummary
        What to map: a list from :func:`remit.load`, a graph from
        :func:`remit.build_graph` (both mapped over the agencies), or the
        :func:`remit.analyses.unit_summary` of a graph, whose scope and
        figures the map shows (the report passes its own).
    color_by : {"cluster", "domain", "kind"}
        Colour units by coordination cluster (default), main domain or kind.
    tasks : bool
        Show task nodes instead of collapsing them into unit–unit edges.
    focus : str, optional
        Map only this unit (name or alias) and its neighbourhood...
    depth : int
        ...up to ``depth`` coordination steps away.
    lang : {"zh", "en"}, optional
        Interface language: by default the summary's, or Chinese for a list
        or a graph. A summary whose reasons are in another language is refused.
    title : str, optional
        Page heading; escaped.
    layout_threshold : int
        Above this many nodes, lay out in Python and switch physics off.
    followup : FollowUp, optional
        From :func:`remit.analyses.followup.follow_up`: adds overdue and
        due-soon counts to each unit's panel, and ``color_by="overdue"``
        colours units by their overdue led tasks.

    Returns
    -------
    Map

    Examples
    --------
    >>> import remit
    >>> m = make_map(remit.load(remit.example_path()), color_by="kind", focus="深圳海关")
    >>> m.model["focus"], "深圳海关" in [u["name"] for u in m.model["units"]]
    ('深圳海关', True)
    """
    summary = _summary_of(source, lang)
    if color_by == "overdue" and followup is None:
        raise RemitError("--color-by overdue needs --as-of DATE (and a --status FILE)")
    model = build_map_model(summary, color_by="cluster" if color_by == "overdue" else color_by,
                            show_tasks=tasks, focus=focus, depth=depth, lang=summary.lang, title=title,
                            layout_threshold=layout_threshold)
    if followup is not None:
        add_followup(model, followup, recolour=color_by == "overdue")
    return Map(html=map_page(model), model=model)


def add_followup(model: dict[str, Any], followup: FollowUp, *, recolour: bool = False) -> None:
    """Add overdue and due-soon counts to each unit's panel; with ``recolour``, colour units by overdue."""
    from remit.exports.i18n import strings
    from remit.exports.mapcolor import color_by_overdue, followup_rows

    s = strings(model["lang"])
    if recolour:
        color_by_overdue(model, followup.units, s)
    else:
        rows = followup_rows(followup.units, s)
        for unit in model["units"]:
            unit["metrics"] = [*unit["metrics"], *rows.get(unit["name"], [])]
