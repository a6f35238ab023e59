"""The shareable report: one offline ``index.html`` plus CSV, Excel and graph files beside it.

The files are built in a staging folder and moved in at the end
(:func:`remit.atomic.atomic_dir`): an interrupted run leaves an earlier
report as it was, and a file the user added or changed is never lost.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from remit._version import __version__
from remit.analyses import UnitSummary, unit_summary
from remit.atomic import atomic_dir, atomic_file
from remit.exports.briefing import TOP_OVERLOADED, Brief, brief, with_overdue
from remit.exports.csvsafe import safe_frame
from remit.exports.files import write_graph
from remit.exports.html import asset, render, vis_css, vis_js
from remit.exports.i18n import column_labels, explanations, government_label, localize, strings
from remit.exports.mapdata import build_map_model
from remit.exports.netmap import add_followup, map_fragment
from remit.exports.numbers import format_number
from remit.exports.tables import CENTRALITY_COLUMNS, domain_table, task_table, unit_table
from remit.graph import build_graph
from remit.model import TaskList
from remit.progress import Progress

if TYPE_CHECKING:
    from remit.analyses.followup import FollowUp

__all__ = ["FILES", "render_report", "table_data", "write_report"]

#: The files a report folder holds besides ``index.html``.
FILES = ("units.csv", "units.xlsx", "tasks.csv", "graph.graphml", "graph.gexf", "graph.json", "report.docx")
MAX_FINDINGS = 200


def _is_num(value: Any) -> bool:
    return (isinstance(value, int | float) and not isinstance(value, bool)) or hasattr(value, "dtype")


def table_data(frame: pd.DataFrame, columns: Sequence[str], labels: dict[str, str], *,
               sortable: bool = False, cls: str = "rp", limit: int | None = None,
               sorted_by: str | None = None) -> dict[str, Any]:
    """The cells of an HTML table of ``frame``'s ``columns`` for the ``table`` macro of ``report.html``.

    ``sorted_by`` names the column the rows come sorted by (descending), for the sort arrow.

    Numbers keep their exact value as a sort key (``data-v``); the template escapes every text.

    Examples
    --------
    >>> t = table_data(pd.DataFrame({"unit": ["<b>"], "n": [2.5]}), ["unit", "n"], {"n": "N"})
    >>> t["head"], [c["text"] for c in t["rows"][0]], t["rows"][0][1]["num"]
    (['unit', 'N'], ['<b>', '2.5'], True)
    """
    cols = [c for c in columns if c in frame.columns]
    shown = frame if limit is None else frame.head(limit)
    rows = []
    for record in shown[cols].itertuples(index=False, name=None):
        cells = []
        for value, col in zip(record, cols, strict=True):
            num = _is_num(value) and not (isinstance(value, float) and math.isnan(value))
            cells.append({"num": num, "key": str(value) if num else "", "text": format_number(value, col)})
        rows.append(cells)
    return {"cls": f"{cls} sortable" if sortable else cls, "head": [labels.get(c, c) for c in cols],
            "rows": rows, "sorted": cols.index(sorted_by) if sorted_by in cols else None}


def _heatmap(due: pd.DataFrame, past_before: str | None = None) -> dict[str, Any] | None:
    """Cells of the deadline heat map: shade by share of the busiest cell; months before
    ``past_before`` ("YYYY-MM", from ``--as-of``) are marked past."""
    if due.empty:
        return None
    top = max(int(due.to_numpy().max()), 1)
    rows = []
    for unit, values in due.iterrows():
        cells = []
        for month, n in zip(due.columns, values.tolist(), strict=True):
            alpha = 0.0 if n == 0 else 0.15 + 0.85 * (n / top)
            cells.append({"n": n, "tip": f"{unit} · {month}: {n}",
                          "style": f"background:rgba(179,38,30,{alpha:.3f});"
                                   f"color:{'#fff' if alpha > 0.55 else '#333'}"})
        rows.append((unit, cells))
    return {"months": [(m, past_before is not None and str(m) < past_before) for m in due.columns],
            "rows": rows}


def render_report(tasklist: TaskList, G: nx.MultiDiGraph, summary: UnitSummary, units: pd.DataFrame,
                  lang: str = "zh", title: str | None = None, followup: FollowUp | None = None,
                  result: Brief | None = None) -> str:
    """The report's ``index.html`` as text.

    ``followup`` (from :func:`remit.analyses.followup.follow_up`) adds overdue
    and due-soon columns to the overloaded units and marks past months.
    ``result`` is the computed :class:`~remit.exports.briefing.Brief` the
    Word report and the workbook render too; computed here when not given.
    """
    s = strings(lang)
    b = result or brief(tasklist, G, summary, units, lang=lang, title=title, followup=followup)
    facts = dict(b.facts)
    n_agencies, n_collectives = facts[s["n_agencies"]], facts[s["n_collectives"]]
    cards = [
        (facts[s["n_tasks"]], s["n_tasks"]),
        (facts[s["n_units"]], f"{s['n_units']}（{s['n_agencies']} {n_agencies} · {s['n_collectives']} "
                              f"{n_collectives}）" if lang == "zh" else
         f"{s['n_units']} ({n_agencies} {s['n_agencies']}, {n_collectives} {s['n_collectives']})"),
        (facts[s["n_lead_edges"]], s["n_lead_edges"]),
        (facts[s["n_support_edges"]], s["n_support_edges"]),
        (facts[s["n_domains"]], s["n_domains"]),
        (facts[s["findings"]], s["findings"]),
    ]
    lists = b.lists
    # The list column only when there are several lists.
    domain_cols = ["list_id", "domain", "tasks"] if len(lists) > 1 else ["domain", "tasks"]
    domains = table_data(domain_table(tasklist), domain_cols,
                         {"list_id": s["n_lists"], "domain": s["domain"], "tasks": s["domain_tasks"]},
                         sortable=True)
    found = tasklist.findings
    findings = None if found.empty else table_data(
        found, ["severity", "code", "file", "row", "message"],
        column_labels(lang), sortable=True, limit=MAX_FINDINGS)

    labels = {c: s.get(c, c) for c in [*units.columns, *CENTRALITY_COLUMNS]}
    labels.update(column_labels(lang))
    labels.update({"unit": s["unit"], "other_clusters": s["other_clusters"],
                   "external_weight": s["external_weight"], "participation": s["participation"],
                   "bottleneck_rank": s["rank"], "bottleneck_score": s["score"],
                   "bottleneck_reason": s["reason"], "main_domain": s["top_domain"],
                   "cluster": s["cluster"]})
    overloaded_cols = ["bottleneck_rank", "unit", "bottleneck_score", "led", "supported", "load",
                       "peak_month"]
    followup_text, status_findings = None, None
    if followup is not None:  # follow-up over time (remit.analyses.followup): overdue and due-soon led tasks
        from remit.exports.word import followup_note

        overloaded_cols += ["overdue", "due_soon"]
        labels.update({"overdue": s["overdue"], "due_soon": s["due_soon"]})
        followup_text = followup_note(followup, s)
        if followup.findings:  # sheet rows naming no task, unreadable or later dates
            status_findings = table_data(pd.DataFrame([f.as_row() for f in followup.findings]),
                                         ["severity", "code", "row", "message"],
                                         {"severity": s["severity"], "code": s["code"], "row": s["row"],
                                          "message": s["message"]}, cls="rp rp-status-findings")
    bridges = summary.clusters.bridges
    sections = ("summary", "overloaded", "centrality", "clusters", "heatmap", "map", "files")
    file_notes = ("file_units_csv", "file_units_xlsx", "file_tasks_csv", "file_graphml", "file_gexf",
                  "file_json", "file_docx")
    model = build_map_model(summary, lang=lang, title=b.title)
    if followup is not None:  # overdue and due-soon counts in each unit's panel
        add_followup(model, followup)
    date = b.date.isoformat()
    return render(
        "report.html", html_lang="zh-CN" if lang == "zh" else "en", title=b.title, s=s, lists=lists,
        subtitle=s["title_date"].format(title="、".join(lists), date=date), who_leads=b.who_leads,
        government=government_label(tasklist, lang),
        sentences=b.sentences,
        version=__version__, nav=[(anchor, s[anchor]) for anchor in sections], cards=cards,
        domains=domains, findings=findings, more_findings=max(len(found) - MAX_FINDINGS, 0),
        overloaded=table_data(b.overloaded, [*overloaded_cols, "bottleneck_reason"], labels,
                              limit=TOP_OVERLOADED),
        followup_note=followup_text, status_findings=status_findings,
        past_note=None if followup is None else s["past_months_note"].format(date=followup.as_of.isoformat()),
        centrality=table_data(b.centrality, ["unit", "cluster", *CENTRALITY_COLUMNS], labels, sortable=True,
                              sorted_by="betweenness"),
        explain=explanations(lang), explain_overloaded=["score", "load"],
        explain_centrality=[c for c in CENTRALITY_COLUMNS if c in b.centrality.columns],
        cluster_summary=table_data(b.cluster_summary,
                                   ["method", "n_clusters", "modularity", "nmi_domains", "ari_domains"],
                                   labels),
        cluster_members=table_data(b.clusters, ["cluster", "size", "main_domain", "members"], labels,
                                   sortable=True),
        bridges=None if bridges.empty else table_data(bridges, list(bridges.columns), labels, limit=15),
        heat=_heatmap(b.due, None if followup is None else followup.as_of.isoformat()[:7]),
        map_fragment=map_fragment(model, height="720px"),
        files=[(name, s[key]) for name, key in zip(FILES, file_notes, strict=True)],
        vis_css=vis_css(), map_css=asset("map.css"), report_css=asset("report.css"),
        vis_js=vis_js(), map_js=asset("map.js"), report_js=asset("report.js"))


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    with atomic_file(path, "w", encoding="utf-8-sig") as handle:  # BOM so Excel reads the Chinese right
        safe_frame(frame).to_csv(handle, index=False, lineterminator="\n")  # no formula runs in Excel


def write_report(tasklist: TaskList, out_dir: str | Path, *, summary: UnitSummary | None = None,
                 lang: str | None = None, title: str | None = None, progress: bool | None = None,
                 force: bool = False, followup: FollowUp | None = None) -> Path:
    """Write the report folder ``out_dir``: ``index.html`` and the data files.

    Parameters
    ----------
    tasklist : TaskList
        The task list(s) to report on, from :func:`remit.load` (which applies the aliases).
    out_dir : path
        The folder to (re)create. It is replaced only once everything is written.
    summary : UnitSummary, optional
        :func:`remit.analyses.unit_summary` of ``build_graph(tasklist)``: its
        scope decides which units get rows, map nodes and partners in every
        table (by default the agencies'). Each part is computed once, for
        the page, the Word report and the data files alike.
    lang : {"zh", "en"}, optional
        Language of the page: by default the summary's, or Chinese. A summary
        whose reasons are in another language is refused.
    title : str, optional
        Heading of the page; escaped.
    progress : bool, optional
        Draw a progress bar on stderr; by default only on a terminal.
    force : bool
        Overwrite files of remit's that were changed since, and files of the
        same names that remit did not write (see :func:`remit.atomic.atomic_dir`).
    followup : FollowUp, optional
        From :func:`remit.analyses.followup.follow_up`: overdue and due-soon
        led tasks per unit, shown in the HTML and Word reports.

    Returns
    -------
    pathlib.Path
        ``out_dir``.

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> tl = remit.load(remit.example_path())
    >>> out = write_report(tl, pathlib.Path(tempfile.mkdtemp()) / "report", lang="en")
    >>> sorted(p.name for p in out.iterdir())  # doctest: +NORMALIZE_WHITESPACE
    ['.remit-output', 'graph.gexf', 'graph.graphml', 'graph.json', 'index.html', 'report.docx',
     'tasks.csv', 'units.csv', 'units.xlsx']
    """
    if not isinstance(tasklist, TaskList):
        raise TypeError(f"write_report() takes a TaskList, not {type(tasklist).__name__}; load files first "
                        "with remit.load(...)")
    if summary is None:
        summary = unit_summary(build_graph(tasklist), lang=lang or "zh")
    elif lang is not None and lang != summary.lang:
        raise ValueError(f"lang={lang!r}, but the summary's reasons are in {summary.lang!r}; "
                         f"compute it with unit_summary(..., lang={lang!r})")
    lang = summary.lang
    s = strings(lang)  # fail early on an unknown language
    G = summary.graph
    state: dict[str, Any] = {"summary": summary}

    def analyse(_: Path) -> None:
        state["units"] = unit_table(G, summary)
        if followup is not None:  # overdue and due-soon columns in units.csv and units.xlsx too
            state["units"] = with_overdue(state["units"], followup)
        state["tasks"] = task_table(tasklist, state["summary"])
        # The one computed result the page, the Word report and the workbook all render.
        state["brief"] = brief(tasklist, G, state["summary"], state["units"], lang=lang, title=title,
                               followup=followup)

    def write_xlsx_file(folder: Path) -> None:
        from remit.exports.xlsx import write_xlsx  # openpyxl only when a workbook is written

        m, b = state["summary"], state["brief"]
        central = b.centrality[["unit", *(c for c in m.centrality.columns if c in b.centrality.columns)]]
        sheets = {
            "units" if lang == "en" else "单位": state["units"],
            "tasks" if lang == "en" else "任务": state["tasks"],
            "centrality" if lang == "en" else "中心性": central,
            "bottlenecks" if lang == "en" else "瓶颈": m.bottlenecks.reset_index(),
            "clusters" if lang == "en" else "群组": b.clusters,
            "due" if lang == "en" else "每月到期": b.due.rename_axis("unit").reset_index(),
            "findings" if lang == "en" else "数据质量": tasklist.findings,
        }
        write_xlsx({name: localize(frame, lang) for name, frame in sheets.items()},
                   folder / "units.xlsx")

    steps: list[tuple[str, Callable[[Path], None]]] = [
        ("analyse", analyse),
        ("index.html", lambda f: _write_index(f, tasklist, G, state, lang, title, followup)),
        ("units.csv", lambda f: _write_csv(state["units"], f / "units.csv")),
        ("units.xlsx", write_xlsx_file),
        ("tasks.csv", lambda f: _write_csv(state["tasks"], f / "tasks.csv")),
        *((f"graph.{fmt}", _graph_step(G, fmt)) for fmt in ("graphml", "gexf", "json")),
        ("report.docx", lambda f: _write_docx(f, tasklist, G, state, lang, title, followup)),
    ]
    with (atomic_dir(out_dir, force=force) as folder,
          Progress(len(steps), s["progress"], enabled=progress) as bar):
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


def _write_docx(folder: Path, tasklist: TaskList, G: nx.MultiDiGraph, state: dict[str, Any], lang: str,
                title: str | None, followup: FollowUp | None) -> None:
    from remit.exports.word import write_docx

    write_docx(folder / "report.docx", tasklist, G, state["summary"], state["units"], lang=lang, title=title,
               followup=followup, result=state["brief"])


def _write_index(folder: Path, tasklist: TaskList, G: nx.MultiDiGraph, state: dict[str, Any], lang: str,
                 title: str | None, followup: FollowUp | None = None) -> None:
    page = render_report(tasklist, G, state["summary"], state["units"], lang=lang, title=title,
                         followup=followup, result=state["brief"])
    with atomic_file(folder / "index.html") as handle:
        handle.write(page)
