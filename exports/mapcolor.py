"""Recolour a built map model by a number per unit: overdue tasks, or the change in load between two lists.

The map model (:func:`remit.exports.mapdata.build_map_model`) colours units
by group; these functions replace the groups and legend with bins of a
value, and add the value to each unit's panel. The page's script is
unchanged: it draws whatever ``groups`` and node colours the model holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

__all__ = ["OVERDUE_BINS", "color_by_load_change", "color_by_overdue", "recolor"]

# (low, high, colour): green for none, then warmer as more tasks are late.
OVERDUE_BINS = [(0, 0, "#59a14f"), (1, 2, "#edc948"), (3, 5, "#f28e2b"), (6, 10, "#e15759"),
                (11, None, "#9c1f1f")]
_LOAD_BINS = [("load_up_big", "#b2182b"), ("load_up", "#ef8a62"), ("load_same", "#c8c8c8"),
              ("load_down", "#67a9cf"), ("load_down_big", "#2166ac"), ("appeared", "#8e6bb8")]


def recolor(model: dict[str, Any], group_of: Callable[[str], int], groups: list[dict[str, Any]],
            color_by: str, metric_rows: dict[str, list[list[Any]]] | None = None) -> dict[str, Any]:
    """Give every unit node the colour of ``groups[group_of(name)]``; return the model (changed in place).

    Examples
    --------
    >>> m = {"nodes": [{"id": "unit:a", "color": "#000"}], "units": [{"id": "unit:a", "name": "a",
    ...      "group": 0, "metrics": []}], "groups": []}
    >>> g = [{"name": "x", "color": "#fff", "size": 0}]
    >>> recolor(m, lambda u: 0, g, "overdue", {"a": [["overdue", 3]]})["nodes"][0]["color"]
    '#fff'
    >>> m["groups"][0]["size"], m["units"][0]["metrics"]
    (1, [['overdue', 3]])
    """
    groups = [dict(g, size=0) for g in groups]
    color = {}
    for unit in model["units"]:
        index = group_of(unit["name"])
        unit["group"] = index
        groups[index]["size"] += 1
        color[unit["id"]] = groups[index]["color"]
        if metric_rows and unit["name"] in metric_rows:
            unit["metrics"] = [*unit["metrics"], *metric_rows[unit["name"]]]
    for node in model["nodes"]:
        if node["id"] in color:
            node["color"] = color[node["id"]]
    model["groups"] = groups
    model["colorBy"] = color_by
    return model


def color_by_overdue(model: dict[str, Any], units: pd.DataFrame, s: dict[str, str]) -> dict[str, Any]:
    """Colour units by their overdue led tasks (``units``: :attr:`remit.analyses.followup.FollowUp.units`)."""
    groups = []
    for low, high, colour in OVERDUE_BINS:
        if low == 0 and high == 0:
            name = s["no_overdue"]
        elif high is None:
            name = s["overdue_more"].format(a=low)
        else:
            name = s["overdue_bin"].format(a=low, b=high)
        groups.append({"name": name, "color": colour, "size": 0})
    overdue = {str(u): int(n) for u, n in units["overdue"].items()}

    def group_of(unit: str) -> int:
        n = overdue.get(unit, 0)
        return next(i for i, (low, high, _) in enumerate(OVERDUE_BINS)
                    if n >= low and (high is None or n <= high))

    return recolor(model, group_of, groups, "overdue", followup_rows(units, s))


def followup_rows(units: pd.DataFrame, s: dict[str, str]) -> dict[str, list[list[Any]]]:
    """Each unit's overdue and due-soon counts as panel rows."""
    return {str(u): [[s["overdue"], int(r["overdue"])], [s["due_soon"], int(r["due_soon"])]]
            for u, r in units[["overdue", "due_soon"]].iterrows()}


def color_by_load_change(model: dict[str, Any], changes: pd.DataFrame, s: dict[str, str]) -> dict[str, Any]:
    """Colour units by the change in load between two lists (``changes``: :attr:`ListDiff.units`)."""
    table = changes.set_index("unit")
    groups = [{"name": s[key], "color": colour, "size": 0} for key, colour in _LOAD_BINS]

    def group_of(unit: str) -> int:
        if unit not in table.index:
            return 2
        if table.at[unit, "status"] == "appeared":
            return 5
        delta = float(table.at[unit, "load_change"])
        if delta >= 5:
            return 0
        if delta >= 1:
            return 1
        if delta > -1:
            return 2
        return 3 if delta > -5 else 4

    rows = {str(u): [[s["load_change"], round(float(r["load_change"]), 2)],
                     [s["led_change"], int(r["led_change"])],
                     [s["supported_change"], int(r["supported_change"])]] for u, r in table.iterrows()}
    return recolor(model, group_of, groups, "load_change", rows)
