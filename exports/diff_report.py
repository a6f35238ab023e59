"""The comparison of two lists as an offline report folder: ``index.html`` and ``diff.json``.

The page reuses the report's template, styles and tables, and the map's
machinery: the new list's coordination map, its units coloured by their
change in load (:func:`remit.exports.mapcolor.color_by_load_change`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from remit._version import __version__
from remit.analyses import unit_summary
from remit.atomic import atomic_dir, atomic_file
from remit.exports.html import asset, render, vis_css, vis_js
from remit.exports.i18n import strings
from remit.exports.mapcolor import color_by_load_change
from remit.exports.mapdata import build_map_model
from remit.exports.netmap import map_fragment
from remit.exports.report import _readable, table_data
from remit.graph import unit_node

__all__ = ["render_diff_report", "write_diff_report"]


def _names(text: str) -> str:
    """File names without their folders: no path of this machine goes into a shared file."""
    return "、".join(Path(part).name if "=" not in part else part.split("=", 1)[0]
                    for part in text.split("、") if part)


def render_diff_report(result: Any, G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, *, lang: str = "zh",
                       old_name: str = "", new_name: str = "") -> str:
    """The diff report's ``index.html`` as text (``result``: a :class:`remit.analyses.diff.ListDiff`)."""
    s = strings(lang)
    m = result.matched
    labels = {k: s.get(k, k) for k in [*m.columns, *result.units.columns, "task_id", "title", "leads"]}
    labels.update({"old": s["old_task"], "new": s["new_task"], "unit": s["unit"], "title": s["title"]})
    cards = [(len(m), s["carried"]), (int(m["text_changed"].sum()), s["text_changed"]),
             (int(m["lead_changed"].sum()), s["lead_changed"]),
             (int(m["support_changed"].sum()), s["support_changed"]),
             (len(result.added), s["added"]), (len(result.dropped), s["dropped"])]
    changed = m[m["text_changed"] | m["lead_changed"] | m["support_changed"]].copy()
    for flag in ("text_changed", "lead_changed", "support_changed"):
        changed[flag] = changed[flag].map({True: "✔", False: ""})
    units = result.units.copy()
    units["status"] = units["status"].map(lambda v: s.get(v, v))
    renamed = getattr(result, "renamed", None)
    if renamed is not None and not renamed.empty:
        cards.append((len(renamed), s["renamed"]))
        G_new = G_new.copy()  # the map's unit panel names the units each one took over from
        for new, olds in renamed.groupby("new")["old"]:
            G_new.nodes[unit_node(str(new))]["former"] = tuple(sorted(olds))
    model = build_map_model(unit_summary(G_new, lang=lang), lang=lang, title=s["diff_title"])
    color_by_load_change(model, result.units, s)
    nav = [("summary", s["summary"]), ("carried", s["carried_changed"]), ("added", s["added"]),
           ("dropped", s["dropped"]), ("units", s["unit_changes"]), ("map", s["map"])]
    renamed_table = None
    if renamed is not None and not renamed.empty:
        nav.insert(1, ("renamed", s["renamed"]))
        renamed_table = table_data(renamed, ["old", "new", "rule", "tasks"],
                                   {c: s[f"renamed_{c}"] for c in ("old", "new", "rule", "tasks")},
                                   sortable=True, cls="rp rp-renamed")
    return render(
        "diff.html",
        html_lang="zh-CN" if lang == "zh" else "en", title=s["diff_title"], s=s, version=__version__,
        nav=nav, cards=cards, old_name=_names(old_name), new_name=_names(new_name),
        threshold=result.threshold, findings=result.findings,
        carried=table_data(changed, ["old", "new", "similarity", "text_changed", "lead_changed",
                                     "support_changed", "old_leads", "new_leads", "old_title", "new_title"],
                           labels, sortable=True),
        added=table_data(result.added, ["task_id", "title", "leads"], labels, sortable=True,
                         cls="rp rp-added"),
        dropped=table_data(result.dropped, ["task_id", "title", "leads"], labels, sortable=True,
                           cls="rp rp-dropped"),
        units=table_data(units, list(units.columns), labels, sortable=True, cls="rp rp-units"),
        renamed=renamed_table,
        # Markup (not escaped) by construction: the map's JSON island and the checked, inlined assets.
        map=map_fragment(model, height="680px"),
        vis_css=vis_css(), map_css=asset("map.css"), report_css=asset("report.css"),
        vis_js=vis_js(), map_js=asset("map.js"), report_js=asset("report.js"),
    )


def write_diff_report(result: Any, G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, out_dir: str | Path, *,
                      lang: str = "zh", old_name: str = "", new_name: str = "") -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/diff.json``; the folder is replaced once both are written.

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> from remit.analyses import unit_summary
    >>> from remit.analyses.diff import diff_lists
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> s = unit_summary(G)
    >>> out = write_diff_report(diff_lists(s, s), G, G, pathlib.Path(tempfile.mkdtemp()) / "d")
    >>> sorted(p.name for p in out.iterdir())
    ['.remit-output', 'diff.json', 'index.html']
    """
    page = render_diff_report(result, G_old, G_new, lang=lang, old_name=old_name, new_name=new_name)
    with atomic_dir(out_dir) as folder:
        with atomic_file(folder / "index.html") as handle:
            handle.write(page)
        with atomic_file(folder / "diff.json") as handle:
            json.dump(result.as_json(), handle, ensure_ascii=False, indent=1, default=_plain)
        _readable(folder)
    return Path(out_dir)


def _plain(value: Any) -> Any:
    return value.item() if hasattr(value, "item") else str(value)
