"""The shareable report: one offline ``index.html`` plus CSV, Excel and graph files beside it.

The folder is built in a temporary sibling and swapped in at the end
(:func:`remit.atomic.atomic_dir`), so an interrupted run leaves an earlier
report as it was.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

import remit
from remit.atomic import atomic_dir, atomic_file
from remit.exports.files import write_graph
from remit.exports.html import asset, esc, fill, template, vis_css, vis_js
from remit.exports.i18n import column_labels, explanations, localize, strings, value_label
from remit.exports.mapdata import build_map_model
from remit.exports.metrics import Metrics, cluster_domains, compute_metrics
from remit.exports.netmap import map_fragment
from remit.exports.tables import (
    CENTRALITY_COLUMNS,
    cluster_summary,
    cluster_table,
    domain_table,
    due_table,
    task_table,
    unit_table,
)
from remit.exports.xlsx import write_xlsx
from remit.model import TaskList
from remit.progress import Progress

__all__ = ["FILES", "render_report", "write_report"]

#: The files a report folder holds besides ``index.html``.
FILES = ("units.csv", "units.xlsx", "tasks.csv", "graph.graphml", "graph.gexf", "graph.json")
TOP_OVERLOADED = 15
MAX_FINDINGS = 200


def _fmt(value: Any) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if hasattr(value, "item"):
        return _fmt(value.item())
    return str(value)


def _is_num(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or hasattr(value, "dtype")


def html_table(frame: pd.DataFrame, columns: Sequence[str], labels: dict[str, str], *,
               sortable: bool = False, cls: str = "rp", limit: int | None = None,
               sorted_by: str | None = None) -> str:
    """An HTML table of ``frame``'s ``columns``; every cell escaped, numbers keep a sort key.

    ``sorted_by`` marks the column the rows already come sorted by (descending) for the sort arrows.
    """
    cols = [c for c in columns if c in frame.columns]
    head = "".join(f'<th aria-sort="descending">{esc(labels.get(c, c))}</th>' if c == sorted_by
                   else f"<th>{esc(labels.get(c, c))}</th>" for c in cols)
    rows = []
    shown = frame if limit is None else frame.head(limit)
    for record in shown[cols].itertuples(index=False, name=None):
        cells = []
        for value in record:
            if _is_num(value) and not (isinstance(value, float) and math.isnan(value)):
                cells.append(f'<td class="num" data-v="{esc(value)}">{esc(_fmt(value))}</td>')
            else:
                cells.append(f"<td>{esc(_fmt(value))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    classes = f"{cls} sortable" if sortable else cls
    return (f'<table class="{classes}"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def _heatmap(due: pd.DataFrame, s: dict[str, str]) -> str:
    if due.empty:
        return '<p class="rp-note">—</p>'
    top = max(int(due.to_numpy().max()), 1)
    head = "<th></th>" + "".join(f"<th>{esc(c)}</th>" for c in due.columns)
    rows = []
    for unit, values in due.iterrows():
        cells = []
        for month, n in zip(due.columns, values.tolist(), strict=True):
            alpha = 0.0 if n == 0 else 0.15 + 0.85 * (n / top)
            style = f"background:rgba(179,38,30,{alpha:.3f});color:{'#fff' if alpha > 0.55 else '#333'}"
            tip = f"{unit} · {month}: {n}"
            cells.append(f'<td style="{style}" title="{esc(tip)}">{n if n else ""}</td>')
        rows.append(f'<tr><th class="rp-unit">{esc(unit)}</th>{"".join(cells)}</tr>')
    return f'<table class="rp-heat"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def _explain(lang: str, keys: Sequence[str]) -> str:
    """Plain-word lines that say what the table's figures mean."""
    text = explanations(lang)
    items = "".join(f"<li>{esc(text[k])}</li>" for k in keys if k in text)
    return f'<ul class="rp-explain">{items}</ul>'


def _section(anchor: str, title: str, body: str) -> str:
    return f'<section id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def render_report(tasklist: TaskList, G: nx.MultiDiGraph, metrics: Metrics, units: pd.DataFrame,
                  lang: str = "zh", title: str | None = None) -> str:
    """The report's ``index.html`` as text."""
    s = strings(lang)
    title = title or s["report_title"]
    kinds = tasklist.units["kind"]
    a = tasklist.assignments
    lists = sorted(tasklist.tasks["list_id"].unique().tolist())
    cards = [
        (len(tasklist.tasks), s["n_tasks"]),
        (len(tasklist.units), f"{s['n_units']}（{s['n_agencies']} {int((kinds == 'agency').sum())} · "
                              f"{s['n_collectives']} {int((kinds == 'collective').sum())}）"
         if lang == "zh" else f"{s['n_units']} ({int((kinds == 'agency').sum())} {s['n_agencies']}, "
                              f"{int((kinds == 'collective').sum())} {s['n_collectives']})"),
        (int((a["role"] == "lead").sum()), s["n_lead_edges"]),
        (int((a["role"] == "support").sum()), s["n_support_edges"]),
        (len(tasklist.domains()), s["n_domains"]),
        (len(tasklist.findings), s["findings"]),
    ]
    summary = '<div class="rp-cards">' + "".join(
        f'<div class="rp-card"><b>{esc(n)}</b><span>{esc(label)}</span></div>' for n, label in cards)
    summary += "</div>"
    summary += f'<p class="rp-note">{esc(s["n_lists"])}: {esc("、".join(lists))}</p>'
    # Domains and findings side by side; the list column only when there are several lists.
    domain_cols = ["list_id", "domain", "tasks"] if len(lists) > 1 else ["domain", "tasks"]
    summary += f'<div class="rp-grid"><div><h3>{esc(s["domains"])}</h3>' + html_table(
        domain_table(tasklist), domain_cols,
        {"list_id": s["n_lists"], "domain": s["domain"], "tasks": s["domain_tasks"]}, sortable=True)
    summary += f"</div><div><h3>{esc(s['findings'])}</h3>"
    findings = tasklist.findings
    if findings.empty:
        summary += f'<p class="rp-note">{esc(s["no_findings"])}</p>'
    else:
        summary += html_table(findings, ["severity", "code", "file", "row", "message"],
                              column_labels(lang), sortable=True, limit=MAX_FINDINGS)
        if len(findings) > MAX_FINDINGS:
            summary += f'<p class="rp-note">{esc(s["more_rows"].format(n=len(findings) - MAX_FINDINGS))}</p>'
    summary += "</div></div>"

    labels = {c: s.get(c, c) for c in [*units.columns, *CENTRALITY_COLUMNS]}
    labels.update(column_labels(lang))
    labels.update({"unit": s["unit"], "other_clusters": s["other_clusters"],
                   "external_weight": s["external_weight"], "participation": s["participation"],
                   "bottleneck_rank": s["rank"], "bottleneck_score": s["score"],
                   "bottleneck_reason": s["reason"], "main_domain": s["top_domain"],
                   "cluster": s["cluster"]})
    ranked = units.dropna(subset=["bottleneck_rank"]) if "bottleneck_rank" in units else units
    overloaded = html_table(ranked, ["bottleneck_rank", "unit", "bottleneck_score", "led", "supported",
                                     "load", "peak_month", "bottleneck_reason"], labels, limit=TOP_OVERLOADED)
    overloaded += _explain(lang, ["score", "load"])
    agencies = units[units["kind"] == "agency"] if "kind" in units else units
    cent = (f'<p class="rp-note">{esc(s["sort_hint"])}</p><div class="rp-scroll">'
            + html_table(agencies.sort_values(["betweenness", "unit"], ascending=[False, True],
                                              kind="stable"),
                         ["unit", "cluster", *CENTRALITY_COLUMNS], labels, sortable=True,
                         sorted_by="betweenness") + "</div>" + _explain(lang, CENTRALITY_COLUMNS))

    summary_frame = getattr(metrics.clusters, "summary", None)
    if not isinstance(summary_frame, pd.DataFrame):
        summary_frame = pd.DataFrame([cluster_summary(metrics)])
    if "method" in summary_frame.columns:
        summary_frame = summary_frame.assign(method=[value_label(m, lang) for m in summary_frame["method"]])
    clusters = html_table(summary_frame, ["method", "n_clusters", "modularity", "nmi_domains", "ari_domains"],
                          labels)
    clusters += f'<p class="rp-note">{esc(s["cluster_note"])}</p>'
    clusters += html_table(
        cluster_table(units, cluster_domains(G, metrics)), ["cluster", "size", "main_domain", "members"],
        labels, sortable=True)
    bridges = getattr(metrics.clusters, "bridges", None)
    if isinstance(bridges, pd.DataFrame) and not bridges.empty:
        b = bridges if "unit" in bridges.columns or bridges.index.name != "unit" else bridges.reset_index()
        clusters += f"<h3>{esc(s['bridges'])}</h3>" + html_table(b, list(b.columns), labels, limit=15)

    heat = (f'<p class="rp-note">{esc(s["heatmap_note"])}</p>'
            f'<div class="rp-scroll">{_heatmap(due_table(metrics), s)}</div>')
    model = build_map_model(G, metrics, lang=lang, title=title)
    files = '<ul class="rp-files">' + "".join(
        f'<li><a href="{esc(name)}">{esc(name)}</a> — {esc(s[key])}</li>'
        for name, key in zip(FILES, ("file_units_csv", "file_units_xlsx", "file_tasks_csv", "file_graphml",
                                     "file_gexf", "file_json"), strict=True)) + "</ul>"

    sections = [("summary", s["summary"], summary), ("overloaded", s["overloaded"], overloaded),
                ("centrality", s["centrality"], cent), ("clusters", s["clusters"], clusters),
                ("heatmap", s["heatmap"], heat), ("map", s["map"], map_fragment(model, height="720px")),
                ("files", s["files"], files)]
    nav = "".join(f'<a href="#{anchor}">{esc(name)}</a>' for anchor, name, _ in sections)
    body = (f'<header class="rp-header"><h1>{esc(title)}</h1>'
            f'<p>{esc("、".join(lists))} · {esc(s["generated_by"])} {esc(remit.__version__)}</p></header>'
            f'<nav class="rp-nav">{nav}</nav><main>'
            + "".join(_section(anchor, name, html) for anchor, name, html in sections)
            + "</main>")
    return fill(template("report.html"), {
        "LANG": "zh-CN" if lang == "zh" else "en", "TITLE": esc(title),
        "VIS_CSS": vis_css(), "MAP_CSS": asset("map.css"), "REPORT_CSS": asset("report.css"),
        "BODY": body, "VIS_JS": vis_js(), "MAP_JS": asset("map.js"), "REPORT_JS": asset("report.js"),
    })


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with atomic_file(path, "w", encoding="utf-8-sig") as handle:  # BOM so Excel reads the Chinese right
        frame.to_csv(handle, index=False, lineterminator="\n")


def write_report(source: Any, out_dir: str | Path, *, lang: str = "zh", title: str | None = None,
                 progress: bool | None = None) -> Path:
    """Write the report folder ``out_dir``: ``index.html`` and the data files.

    Parameters
    ----------
    source : path, list of paths or TaskList
        The task list(s) to report on.
    out_dir : path
        The folder to (re)create. It is replaced only once everything is written.
    lang : {"zh", "en"}
        Language of the page.
    title : str, optional
        Heading of the page; escaped.
    progress : bool, optional
        Draw a progress bar on stderr; by default only on a terminal.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> out = write_report(remit.example_path(), pathlib.Path(tempfile.mkdtemp()) / "report", lang="en")
    >>> sorted(p.name for p in out.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['.remit-output', 'graph.gexf', 'graph.graphml', 'graph.json', 'index.html', 'tasks.csv',
     'units.csv', 'units.xlsx']
    """
    strings(lang)  # fail early on an unknown language
    tasklist = source if isinstance(source, TaskList) else remit.load(source)
    G = remit.build_graph(tasklist)
    s = strings(lang)
    state: dict[str, Any] = {}

    def analyse(_: Path) -> None:
        state["metrics"] = compute_metrics(G, lang=lang)
        state["units"] = unit_table(G, state["metrics"])
        state["tasks"] = task_table(tasklist, state["metrics"])

    def write_xlsx_file(folder: Path) -> None:
        m = state["metrics"]
        sheets = {
            "units" if lang == "en" else "单位": state["units"],
            "tasks" if lang == "en" else "任务": state["tasks"],
            "centrality" if lang == "en" else "中心性": m.centrality.reset_index(),
            "bottlenecks" if lang == "en" else "瓶颈": m.bottlenecks.reset_index(),
            "clusters" if lang == "en" else "群组": cluster_table(state["units"], cluster_domains(G, m)),
            "due" if lang == "en" else "每月到期": due_table(m).rename_axis("unit").reset_index(),
            "findings" if lang == "en" else "数据质量": tasklist.findings,
        }
        write_xlsx({name: localize(frame, lang) for name, frame in sheets.items()},
                   folder / "units.xlsx")

    steps: list[tuple[str, Callable[[Path], None]]] = [
        ("analyse", analyse),
        ("index.html", lambda f: _write_index(f, tasklist, G, state, lang, title)),
        ("units.csv", lambda f: _write_csv(state["units"], f / "units.csv")),
        ("units.xlsx", write_xlsx_file),
        ("tasks.csv", lambda f: _write_csv(state["tasks"], f / "tasks.csv")),
        *((f"graph.{fmt}", _graph_step(G, fmt)) for fmt in ("graphml", "gexf", "json")),
    ]
    with atomic_dir(out_dir) as folder, Progress(len(steps), s["progress"], enabled=progress) as bar:
        for _name, step in steps:
            step(folder)
            bar.advance()
        _readable(folder)
    return Path(out_dir)


def _graph_step(G: nx.MultiDiGraph, fmt: str) -> Callable[[Path], None]:
    def step(folder: Path) -> None:
        write_graph(G, folder / f"graph.{fmt}", fmt)
    return step


def _readable(folder: Path) -> None:
    """Give the folder and its files the usual permissions (temp files are created private)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(folder, 0o777 & ~mask)
    for path in folder.iterdir():
        os.chmod(path, 0o666 & ~mask)


def _write_index(folder: Path, tasklist: TaskList, G: nx.MultiDiGraph, state: dict[str, Any], lang: str,
                 title: str | None) -> None:
    page = render_report(tasklist, G, state["metrics"], state["units"], lang=lang, title=title)
    with atomic_file(folder / "index.html") as handle:
        handle.write(page)
