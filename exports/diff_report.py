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

import remit
from remit.atomic import atomic_dir, atomic_file
from remit.exports.html import asset, esc, fill, template, vis_css, vis_js
from remit.exports.i18n import strings
from remit.exports.mapcolor import color_by_load_change
from remit.exports.mapdata import build_map_model
from remit.exports.metrics import compute_metrics
from remit.exports.netmap import map_fragment
from remit.exports.report import html_table

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
    title = s["diff_title"]
    labels = {k: s.get(k, k) for k in [*m.columns, *result.units.columns, "task_id", "title", "leads"]}
    labels.update({"old": s["old_task"], "new": s["new_task"], "unit": s["unit"], "title": s["title"]})
    cards = [(len(m), s["carried"]), (int(m["text_changed"].sum()), s["text_changed"]),
             (int(m["lead_changed"].sum()), s["lead_changed"]),
             (int(m["support_changed"].sum()), s["support_changed"]),
             (len(result.added), s["added"]), (len(result.dropped), s["dropped"])]
    summary = '<div class="rp-cards">' + "".join(
        f'<div class="rp-card" data-card="{i}"><b>{esc(n)}</b><span>{esc(label)}</span></div>'
        for i, (n, label) in enumerate(cards)) + "</div>"
    summary += (f'<p class="rp-note">{esc(s["old_list"])}: {esc(_names(old_name))} · {esc(s["new_list"])}: '
                f'{esc(_names(new_name))}</p>')
    summary += f'<p class="rp-note">{esc(s["threshold_note"].format(t=result.threshold))}</p>'
    if result.findings:
        summary += "".join(f'<p class="rp-note rp-warning">{esc(line)}</p>' for line in result.findings)

    changed = m[m["text_changed"] | m["lead_changed"] | m["support_changed"]].copy()
    for flag in ("text_changed", "lead_changed", "support_changed"):
        changed[flag] = changed[flag].map({True: "✔", False: ""})
    carried = html_table(changed, ["old", "new", "similarity", "text_changed", "lead_changed",
                                   "support_changed", "old_leads", "new_leads", "old_title", "new_title"],
                         labels, sortable=True)
    added = html_table(result.added, ["task_id", "title", "leads"], labels, sortable=True, cls="rp rp-added")
    dropped = html_table(result.dropped, ["task_id", "title", "leads"], labels, sortable=True,
                         cls="rp rp-dropped")
    units = result.units.copy()
    units["status"] = units["status"].map(lambda v: s.get(v, v))
    unit_table = ('<div class="rp-scroll">' + html_table(units, list(units.columns), labels, sortable=True,
                                                         cls="rp rp-units") + "</div>")

    model = build_map_model(G_new, compute_metrics(G_new, lang=lang), lang=lang, title=title)
    color_by_load_change(model, result.units, s)
    map_html = f'<p class="rp-note">{esc(s["diff_map_note"])}</p>' + map_fragment(model, height="680px")

    sections = [("summary", s["summary"], summary), ("carried", s["carried_changed"], carried),
                ("added", s["added"], added), ("dropped", s["dropped"], dropped),
                ("units", s["unit_changes"], unit_table), ("map", s["map"], map_html)]
    nav = "".join(f'<a href="#{a}">{esc(name)}</a>' for a, name, _ in sections)
    body = (f'<header class="rp-header"><h1>{esc(title)}</h1>'
            f'<p>{esc(s["generated_by"])} {esc(remit.__version__)}</p></header>'
            f'<nav class="rp-nav">{nav}</nav><main>'
            + "".join(f'<section id="{a}"><h2>{esc(name)}</h2>{html}</section>' for a, name, html in sections)
            + "</main>")
    return fill(template("report.html"), {
        "LANG": "zh-CN" if lang == "zh" else "en", "TITLE": esc(title),
        "VIS_CSS": vis_css(), "MAP_CSS": asset("map.css"), "REPORT_CSS": asset("report.css"),
        "BODY": body, "VIS_JS": vis_js(), "MAP_JS": asset("map.js"), "REPORT_JS": asset("report.js"),
    })


def write_diff_report(result: Any, G_old: nx.MultiDiGraph, G_new: nx.MultiDiGraph, out_dir: str | Path, *,
                      lang: str = "zh", old_name: str = "", new_name: str = "") -> Path:
    """Write ``out_dir/index.html`` and ``out_dir/diff.json``; the folder is replaced once both are written.

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> from remit.analyses.diff import diff_lists
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> out = write_diff_report(diff_lists(G, G), G, G, pathlib.Path(tempfile.mkdtemp()) / "d")
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


def _readable(folder: Path) -> None:
    from remit.exports.report import _readable as readable

    readable(folder)
