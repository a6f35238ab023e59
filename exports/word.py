"""The report as a Word document (``report.docx``) for leaders, through python-docx.

The body font is set for East Asian text as well (``w:eastAsia``), so Word
and WPS show the Chinese in 宋体 and headings in 黑体 rather than in a
fallback font; Latin text uses Times New Roman.
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from remit._version import __version__
from remit.atomic import atomic_file
from remit.exports.figure import map_png
from remit.exports.i18n import strings
from remit.exports.metrics import Metrics
from remit.exports.tables import cluster_summary, cluster_table, due_table
from remit.model import TaskList

__all__ = ["BODY_FONT", "HEADING_FONT", "docx_report", "progress_note", "with_overdue", "write_docx"]

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
TOP_UNITS = 15
TOP_CENTRAL = 10
PAGE_WIDTH_CM = 17.0  # A4 less 2 cm margins


def _fonts(style: Any, east_asian: str, latin: str = "Times New Roman") -> None:
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    """Text Word can hold: XML 1.0 has no place for control characters, so they are dropped.

    Examples
    --------
    >>> _xml("\x1bc市财政局\x01")
    'c市财政局'
    """
    return _NOT_XML.sub("", text)


def _cell(value: Any) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.4g}"
    if hasattr(value, "item"):
        return _cell(value.item())
    return _xml(str(value))


def _table(doc: Any, frame: pd.DataFrame, columns: list[str], labels: dict[str, str],
           wide: str | None = None, narrow_cm: float = 1.3) -> Any:
    """A ruled table of ``frame``'s ``columns``; ``wide`` (a text column) takes the width left over."""
    cols = [c for c in columns if c in frame.columns]
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"  # ruled, so it prints and converts to PDF with lines
    for cell, col in zip(table.rows[0].cells, cols, strict=True):
        cell.text = _xml(labels.get(col, col))
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for record in frame[cols].itertuples(index=False, name=None):
        cells = table.add_row().cells
        for cell, value in zip(cells, record, strict=True):
            cell.text = _cell(value)
    if wide in cols:
        table.autofit = False
        narrow = {c: Cm(3.0) if c in ("unit", "main_domain") else Cm(narrow_cm) for c in cols if c != wide}
        rest = Cm(max(PAGE_WIDTH_CM - sum(w.cm for w in narrow.values()), 3.0))
        # Word reads the cell widths, LibreOffice the grid's column widths: set both.
        for column, col in zip(table.columns, cols, strict=True):
            column.width = narrow.get(col, rest)
        for row in table.rows:
            for cell, col in zip(row.cells, cols, strict=True):
                cell.width = narrow.get(col, rest)
    return table


def docx_report(tasklist: TaskList, G: nx.MultiDiGraph, metrics: Metrics, units: pd.DataFrame, *,
                lang: str = "zh", title: str | None = None, progress: Any = None,
                figure: bool = True) -> tuple[Any, str | None]:
    """Build the Word report; return the document and a one-line note when the figure was left out.

    Parameters
    ----------
    tasklist, G, metrics, units
        As the HTML report has them (:func:`remit.exports.tables.unit_table` for ``units``).
    progress : Progress, optional
        From :func:`remit.analyses.followup.progress`: adds overdue and due-soon columns.
    figure : bool
        Draw the map figure (needs a CJK font).
    """
    s = strings(lang)
    title = title or s["report_title"]
    doc = Document()
    for name in ("Normal", "Table Grid"):
        _fonts(doc.styles[name], BODY_FONT)
    for name in ("Title", "Heading 1", "Heading 2"):
        _fonts(doc.styles[name], HEADING_FONT, "Arial")
    doc.styles["Normal"].font.size = Pt(10.5)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.0)

    doc.add_heading(_xml(title), level=0)
    lists = sorted(tasklist.tasks["list_id"].unique().tolist())
    doc.add_paragraph(_xml(f"{'、'.join(lists)} · {s['generated_by']} {__version__}"))

    doc.add_heading(s["summary"], level=1)
    kinds = tasklist.units["kind"]
    a = tasklist.assignments
    facts = [(s["n_tasks"], len(tasklist.tasks)), (s["n_units"], len(tasklist.units)),
             (s["n_agencies"], int((kinds == "agency").sum())),
             (s["n_collectives"], int((kinds == "collective").sum())),
             (s["n_lead_edges"], int((a["role"] == "lead").sum())),
             (s["n_support_edges"], int((a["role"] == "support").sum())),
             (s["n_domains"], len(tasklist.domains())), (s["findings"], len(tasklist.findings))]
    sep = "；" if lang == "zh" else "; "
    colon = "：" if lang == "zh" else ": "
    doc.add_paragraph(sep.join(f"{label}{colon}{value}" for label, value in facts))
    if progress is not None:
        doc.add_paragraph(_xml(progress_note(progress, s)))

    doc.add_heading(s["overloaded"], level=1)
    labels = {c: s.get(c, c) for c in units.columns}
    labels.update({"unit": s["unit"], "bottleneck_rank": s["rank"], "bottleneck_reason": s["reason"],
                   "cluster": s["cluster"], "main_domain": s["top_domain"], "overdue": s["overdue"],
                   "due_soon": s["due_soon"]})
    table = units
    cols = ["bottleneck_rank", "unit", "led", "supported", "load", "peak_month"]
    if progress is not None:
        table = with_overdue(units, progress)
        cols += ["overdue", "due_soon"]
    ranked = table.dropna(subset=["bottleneck_rank"]) if "bottleneck_rank" in table else table
    _table(doc, ranked.head(TOP_UNITS), [*cols, "bottleneck_reason"], labels, wide="bottleneck_reason")

    doc.add_heading(s["top_centrality"], level=1)
    agencies = units[units["kind"] == "agency"] if "kind" in units else units
    central = agencies.sort_values(["betweenness", "unit"], ascending=[False, True], kind="stable")
    _table(doc, central.head(TOP_CENTRAL), ["unit", "degree", "weighted_degree", "betweenness", "pagerank",
                                             "constraint"], labels)

    doc.add_heading(s["clusters_vs_domains"], level=1)
    summary = getattr(metrics.clusters, "summary", None)
    if not isinstance(summary, pd.DataFrame):
        summary = pd.DataFrame([cluster_summary(metrics)])
    _table(doc, summary, ["method", "n_clusters", "modularity", "nmi_domains", "ari_domains"],
           {"method": s["method"], "n_clusters": s["n_clusters"], "modularity": s["modularity"],
            "nmi_domains": s["nmi"], "ari_domains": s["ari"]})
    doc.add_paragraph(s["cluster_note"])
    _table(doc, cluster_table(units), ["cluster", "size", "main_domain", "members"],
           {"cluster": s["cluster"], "size": s["size"], "main_domain": s["top_domain"],
            "members": s["members"]}, wide="members")

    doc.add_heading(s["month_table"], level=1)
    due = due_table(metrics).head(TOP_UNITS)
    if progress is not None:
        doc.add_paragraph(s["past_months_note"].format(date=progress.as_of.isoformat()))
        past = {c: f"{c} {s['past']}" for c in due.columns if str(c) < progress.as_of.isoformat()[:7]}
        due = due.rename(columns=past)
    month_frame = due.rename_axis("unit").reset_index()
    _table(doc, month_frame, list(month_frame.columns), {"unit": s["unit"]}, wide="unit",
           narrow_cm=min(1.3, (PAGE_WIDTH_CM - 3.0) / max(len(month_frame.columns) - 1, 1)))

    doc.add_heading(s["figure"], level=1)
    note = None
    png = map_png(G, metrics) if figure else None
    if png is None:
        note = s["figure_skipped"]
        doc.add_paragraph(note)
    else:
        doc.add_picture(io.BytesIO(png), width=Cm(16.5))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc, note


def with_overdue(units: pd.DataFrame, progress: Any) -> pd.DataFrame:
    """``units`` (one row per unit, a ``unit`` column) with ``overdue`` and ``due_soon`` added once."""
    if progress is None or "overdue" in units.columns:
        return units
    out = units.merge(progress.units[["overdue", "due_soon"]], left_on="unit", right_index=True, how="left")
    out[["overdue", "due_soon"]] = out[["overdue", "due_soon"]].fillna(0).astype(int)
    return out


def progress_note(progress: Any, s: dict[str, str]) -> str:
    """The sentence that says on which day progress is judged, and from which sheet."""
    text = s["as_of_note"].format(date=progress.as_of.isoformat())
    if not progress.has_status:
        return f"{text} {s['no_status_note']}"
    name = Path(progress.source).name  # never a path of this machine in a shared file
    done = int(progress.tasks["done"].sum())
    return f"{text} {s['status_note'].format(file=name, n=done)}"


def write_docx(path: str | Path, tasklist: TaskList, G: nx.MultiDiGraph, metrics: Metrics,
               units: pd.DataFrame, **options: Any) -> str | None:
    """Write :func:`docx_report` to ``path`` atomically; return the figure note, if any."""
    doc, note = docx_report(tasklist, G, metrics, units, **options)
    with atomic_file(path, "wb") as handle:
        doc.save(handle)
    return note
