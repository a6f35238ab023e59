"""The report as a Word briefing (``report.docx``) for leaders, through python-docx.

It follows the look of Chinese official documents (GB/T 9704-2012, as
docs/followup.md lists it): A4 with a 156 × 225 mm type area (top margin
37 mm, left 28 mm), the body in 仿宋 3号 (16 pt), first-level headings
(一、) in 黑体, page numbers as "— 1 —" on the outer side, the language
zh-CN. Latin text takes a matching face (Times New Roman beside 仿宋, Arial
beside 黑体). Page 1 is the conclusion in sentences; the tables follow, with
their header row repeated on every page and no row split across pages.
Everything shown comes from one :class:`~remit.exports.briefing.Brief`, the
same the HTML page and the workbook render.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import element_class_lookup
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

from remit._version import __version__
from remit.analyses import UnitSummary
from remit.atomic import atomic_file
from remit.control import CONTROL
from remit.exports.briefing import Brief, brief, with_overdue
from remit.exports.figure import map_png
from remit.exports.i18n import column_labels, explanations, strings
from remit.exports.numbers import format_number
from remit.model import TaskList

if TYPE_CHECKING:
    from remit.analyses.followup import FollowUp

__all__ = ["BODY_FONT", "HEADING_FONT", "docx_report", "followup_note", "with_overdue", "write_docx"]

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_LATIN = "Times New Roman"
HEADING_LATIN = "Arial"
BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
TABLE_PT = 10.5  # 五号
PAGE_NUMBER_PT = 14  # 4号
# GB/T 9704: A4, type area 156 × 225 mm, top margin 37 mm, left 28 mm.
PAGE_W_CM, PAGE_H_CM = 21.0, 29.7
TOP_CM, LEFT_CM, TEXT_W_CM, TEXT_H_CM = 3.7, 2.8, 15.6, 22.5
TOP_UNITS = 15
TOP_CENTRAL = 10
ORDINALS = "一二三四五六七八九十"

def _xml(text: str) -> str:
    """Text Word can hold: XML 1.0 has no place for control characters, so they are dropped.

    Examples
    --------
    >>> _xml("\x1bc市财政局\x01")
    'c市财政局'
    """
    return CONTROL.sub("", text)


def _fonts(element: Any, east_asian: str, latin: str) -> None:
    """Set the fonts of a style or run element, replacing theme fonts (which would win over them)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _language(doc: Any) -> None:
    """zh-CN for the Chinese text (``w:eastAsia``) and the document; the Latin script keeps en-US
    (``w:val``), as Word's own Chinese template has it, so that numbers and words in Latin letters
    break between words, never inside them."""
    for rpr in (doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                doc.styles["Normal"].element.get_or_add_rPr()):
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    doc.core_properties.language = "zh-CN"


def _styles(doc: Any, lang: str) -> None:
    zh = lang == "zh"
    normal = doc.styles["Normal"]
    _fonts(normal.element, BODY_FONT if zh else BODY_LATIN, BODY_LATIN)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28.9)  # 22 lines in the 225 mm type area
    fmt.space_before = fmt.space_after = Pt(0)
    for name, font, latin, size in (("Title", HEADING_FONT, HEADING_LATIN, TITLE_PT),
                                    ("Heading 1", HEADING_FONT, HEADING_LATIN, BODY_PT),
                                    ("Heading 2", SUBHEADING_FONT, BODY_LATIN, BODY_PT)):
        style = doc.styles[name]
        _fonts(style.element, font if zh else latin, latin)
        style.font.size = Pt(size)
        style.font.bold = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(0)
        pf.keep_with_next = True
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(28.9 if size == BODY_PT else 36)
        rpr = style.element.get_or_add_rPr()
        for tag in ("w:bCs", "w:i", "w:iCs"):
            for el in rpr.findall(qn(tag)):
                rpr.remove(el)
    title = doc.styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pPr = title.element.get_or_add_pPr()
    for border in pPr.findall(qn("w:pBdr")):  # the default Title style has a rule under it
        pPr.remove(border)
    table = doc.styles["Table Grid"]
    _fonts(table.element, BODY_FONT if zh else BODY_LATIN, BODY_LATIN)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_W_CM), Cm(PAGE_H_CM)
    section.top_margin, section.left_margin = Cm(TOP_CM), Cm(LEFT_CM)
    section.right_margin = Cm(PAGE_W_CM - LEFT_CM - TEXT_W_CM)
    section.bottom_margin = Cm(PAGE_H_CM - TOP_CM - TEXT_H_CM)
    section.footer_distance = Cm(2.2)
    # Page numbers on the outer side: odd pages right, even pages left.
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _field(paragraph: Any, instruction: str) -> Any:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)
    return run


def _page_number(paragraph: Any, align: Any) -> None:
    """"— 1 —" in 4号 Arabic numerals, one character in from the outer edge."""
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    runs = [paragraph.add_run("— "), _field(paragraph, "PAGE"), paragraph.add_run(" —")]
    for run in runs:
        run.font.size = Pt(PAGE_NUMBER_PT)
        run.font.name = BODY_LATIN


def _heading(doc: Any, number: int, text: str, lang: str) -> None:
    label = f"{ORDINALS[number - 1]}、{text}" if lang == "zh" and number <= len(ORDINALS) else \
        f"{number}. {text}"
    doc.add_heading(_xml(label), level=1)


def _paragraph(doc: Any, text: str, *, indent: bool = True, size: float | None = None) -> Any:
    p = doc.add_paragraph(_xml(text))
    if indent:
        p.paragraph_format.first_line_indent = Pt(2 * (size or BODY_PT))  # two characters
    if size is not None:
        p.paragraph_format.line_spacing = Pt(size * 1.5)
        for run in p.runs:
            run.font.size = Pt(size)
    return p


#: What the table cells hold, written as XML text in one go: python-docx's per-cell API took about
#: 0.7 ms a cell (0.45 s of every report), this takes a few microseconds. The XML is the one
#: python-docx wrote, element for element (tests/exports/test_exports_word.py compares them).
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)
_TABLE_PT = round(TABLE_PT * 2)  # w:sz counts half points
_ROW = "<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{cells}</w:tr>"
_CELL = ('<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p><w:pPr>'
         '<w:spacing w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>{align}</w:pPr>'
         '{runs}</w:p></w:tc>')
_RIGHT = '<w:jc w:val="right"/>'
_T = qn("w:t")
# What XML text cannot hold as itself (lxml writes a carriage return as &#13; too).
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_BODY_RPR = f'<w:rPr><w:b w:val="0"/><w:sz w:val="{_TABLE_PT}"/></w:rPr>'
# 黑体 is the emphasis of the header row; a bold 黑体 smears in print.
_HEAD_RPR = (f'<w:rPr><w:rFonts w:ascii="{HEADING_LATIN}" w:hAnsi="{HEADING_LATIN}" w:cs="{HEADING_LATIN}" '
             f'w:eastAsia="{HEADING_FONT}"/><w:b w:val="0"/><w:sz w:val="{_TABLE_PT}"/></w:rPr>')


def _runs(text: str, rpr: str) -> str:
    """One run a line of ``text``, the lines after the first opening with a line break."""
    out = []
    for number, line in enumerate(_xml(text).split("\n")):
        space = ' xml:space="preserve"' if len(line.strip()) < len(line) else ""
        out.append(f'<w:r>{rpr}{"<w:br/>" if number else ""}<w:t{space}>'
                   f'{line.translate(_ESCAPE)}</w:t></w:r>')
    return "".join(out)


def _rows_xml(header: list[str], body: list[list[str]], widths: list[int], right: list[bool]) -> str:
    """The rows of a table as WordprocessingML: the header row (repeated on every page), then the body;
    no row splits across pages."""
    head = "".join(_CELL.format(width=w, align="", runs=_runs(text, _HEAD_RPR))
                   for text, w in zip(header, widths, strict=True))
    rows = [_ROW.format(header="<w:tblHeader/>", cells=head)]
    aligns = [_RIGHT if r else "" for r in right]
    for record in body:
        rows.append(_ROW.format(header="", cells="".join(
            _CELL.format(width=w, align=a, runs=_runs(text, _BODY_RPR))
            for text, w, a in zip(record, widths, aligns, strict=True))))
    return "".join(rows)


def _table(doc: Any, frame: pd.DataFrame, columns: list[str], labels: dict[str, str],
           widths: dict[str, float], wide: str | None = None) -> Any:
    """A ruled table of ``frame``'s ``columns``, as wide as the type area.

    ``widths`` gives columns their width in cm (1.3 by default); ``wide`` takes the width left over.
    """
    cols = [c for c in columns if c in frame.columns]
    table = doc.add_table(rows=0, cols=len(cols))
    table.style = "Table Grid"  # ruled, so it prints and converts to PDF with lines
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    sizes = {c: widths.get(c, 1.3) for c in cols if c != wide}
    if wide in cols:
        sizes[wide] = max(TEXT_W_CM - sum(sizes.values()), 2.0)
    scale = min(1.0, TEXT_W_CM / sum(sizes.values()))  # never wider than the type area
    # Word reads the cell widths, LibreOffice the grid's column widths: set both.
    for column, col in zip(table.columns, cols, strict=True):
        column.width = Cm(sizes[col] * scale)
    body = [[format_number(value, col) for value, col in zip(record, cols, strict=True)]
            for record in frame[cols].itertuples(index=False, name=None)]
    xml = _rows_xml([str(labels.get(col, col)) for col in cols], body,
                    [Cm(sizes[col] * scale).twips for col in cols],
                    [pd.api.types.is_numeric_dtype(frame[c]) for c in cols])
    rows = etree.fromstring(f"<w:tbl {nsdecls('w')}>{xml}</w:tbl>", _PARSER)
    for t in rows.iter(_T):
        if t.text is None:  # python-docx writes an empty cell's text as <w:t></w:t>, not <w:t/>
            t.text = ""
    table._tbl.extend(list(rows))
    doc.add_paragraph()  # a table never runs into the next heading
    return table


#: Where a title of two lines may break: after the place and year, or before 关于.
_TITLE_BREAK = re.compile(r"(?<=[省市区县年])|(?=关于)")
TITLE_LINE = 19  # characters of 2号 type in the 156 mm type area


def title_lines(title: str) -> str:
    """The title, broken into two lines of even length at a natural point when it is too long for one.

    Examples
    --------
    >>> print(title_lines("深圳市2020年优化营商环境改革重点任务清单"))
    深圳市2020年
    优化营商环境改革重点任务清单
    >>> title_lines("改革任务清单")
    '改革任务清单'
    """
    width = sum(0.5 if ch.isascii() else 1.0 for ch in title)
    if width <= TITLE_LINE:
        return title
    cuts = [m.start() for m in _TITLE_BREAK.finditer(title) if 0 < m.start() < len(title)]
    if not cuts:
        return title
    cut = min(cuts, key=lambda i: abs(i - len(title) / 2))
    return f"{title[:cut]}\n{title[cut:]}"


def _date(day: Any, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _month_frame(due: pd.DataFrame, lang: str, followup: FollowUp | None,
                 past: str) -> tuple[pd.DataFrame, str | None]:
    """The month table with short headers: "6月" when every month is of one year, which the note names."""
    frame = due.head(TOP_UNITS).copy()
    months = [str(c) for c in frame.columns]
    years = {m[:4] for m in months}
    note = None
    if len(years) == 1 and all(len(m) == 7 for m in months):
        names = {m: str(int(m[5:])) for m in months}
        note = next(iter(years)) + ("年" if lang == "zh" else "")
    else:
        names = {m: m.replace("-", "-\n") for m in months}
    if followup is not None:
        cutoff = followup.as_of.isoformat()[:7]
        names = {m: f"{n}\n{past}" if m < cutoff else n for m, n in names.items()}
    frame.columns = [names[m] for m in months]
    return frame.rename_axis("unit").reset_index(), note


def docx_report(tasklist: TaskList, G: nx.MultiDiGraph, summary: UnitSummary, units: pd.DataFrame, *,
                lang: str = "zh", title: str | None = None, followup: FollowUp | None = None,
                figure: bool = True, result: Brief | None = None) -> tuple[Any, str | None]:
    """Build the Word briefing; return the document and a one-line note when the figure was left out.

    Parameters
    ----------
    tasklist, G, summary, units
        As the HTML report has them (:func:`remit.exports.tables.unit_table` for ``units``).
    title : str, optional
        By default the list's own title.
    followup : FollowUp, optional
        From :func:`remit.analyses.followup.follow_up`: adds overdue and due-soon columns.
    figure : bool
        Draw the map figure (needs a CJK font).
    result : Brief, optional
        The computed result the HTML page and the workbook render
        (:func:`remit.exports.briefing.brief`); computed here when not given.
    """
    s = strings(lang)
    b = result or brief(tasklist, G, summary, units, lang=lang, title=title, followup=followup)
    labels = column_labels(lang)
    labels.update({"bottleneck_rank": s["rank"], "bottleneck_score": s["score"]})
    doc = Document()
    _styles(doc, lang)
    _language(doc)
    _page(doc)
    doc.core_properties.title = _xml(b.title)
    doc.core_properties.author = "remit"

    # Page 1: the conclusion first, in sentences.
    doc.add_heading(_xml(title_lines(b.title)), level=0)
    sub = _paragraph(doc, f"{s['analysis_date']}{_date(b.date, lang)} · {s['generated_by']} {__version__}",
                     indent=False)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(sub.runs[0]._r, SUBHEADING_FONT, BODY_LATIN)
    _heading(doc, 1, s["conclusions"], lang)
    for sentence in b.sentences:
        _paragraph(doc, sentence)
    _paragraph(doc, f"{s['lead_rule_words']}{b.who_leads}。" if lang == "zh" else
               f"{s['lead_rule_words']}{b.who_leads}.")

    _heading(doc, 2, s["overloaded"], lang)
    if followup is not None:
        _paragraph(doc, followup_note(followup, s), size=12)
    cols = ["bottleneck_rank", "unit", "bottleneck_score", "led", "supported", "load", "peak_month"]
    if followup is not None:  # on paper the overdue counts take the peak month's place
        cols = [*cols[:-1], "overdue", "due_soon"]
    narrow = {"bottleneck_rank": 1.2, "unit": 2.6, "bottleneck_score": 1.3, "led": 1.2, "supported": 1.2,
              "load": 1.2, "peak_month": 1.7, "overdue": 1.2, "due_soon": 1.3}
    _table(doc, b.overloaded.head(TOP_UNITS), [*cols, "bottleneck_reason"], labels, narrow,
           wide="bottleneck_reason")
    explain = explanations(lang)
    for key in ("score", "load"):
        _paragraph(doc, explain[key], size=12)

    _heading(doc, 3, s["top_centrality"], lang)
    central_cols = ["unit", "cluster", "degree", "weighted_degree", "betweenness", "pagerank", "constraint"]
    _table(doc, b.centrality.head(TOP_CENTRAL), central_cols, labels,
           {"cluster": 1.2, "degree": 1.0, "weighted_degree": 1.6, "betweenness": 2.2, "pagerank": 2.4,
            "constraint": 2.3}, wide="unit")
    for key in ("betweenness", "constraint"):
        _paragraph(doc, explain[key], size=12)

    _heading(doc, 4, s["clusters_vs_domains"], lang)
    _table(doc, b.cluster_summary, ["method", "n_clusters", "modularity", "nmi_domains", "ari_domains"],
           labels, {"n_clusters": 1.7, "modularity": 1.6, "nmi_domains": 3.6, "ari_domains": 3.6},
           wide="method")
    _paragraph(doc, s["cluster_note"], size=12)
    _table(doc, b.clusters, ["cluster", "size", "main_domain", "members"], labels,
           {"cluster": 1.2, "size": 1.2, "main_domain": 3.6}, wide="members")

    _heading(doc, 5, s["month_table"], lang)
    month_frame, year = _month_frame(b.due, lang, followup, s["past"])
    if year:
        _paragraph(doc, s["month_year_note"].format(year=year), size=12)
    if followup is not None:
        _paragraph(doc, s["past_months_note"].format(date=followup.as_of.isoformat()), size=12)
    n_months = max(len(month_frame.columns) - 1, 1)
    _table(doc, month_frame, list(month_frame.columns), labels,
           {c: min(1.3, (TEXT_W_CM - 3.2) / n_months) for c in month_frame.columns if c != "unit"},
           wide="unit")

    _heading(doc, 6, s["figure"], lang)
    note = None
    legend = dict(zip(b.clusters["cluster"], b.clusters["main_domain"], strict=True))
    png = map_png(summary, width_in=TEXT_W_CM / 2.54, legend=legend, lang=lang) if figure else None
    if png is None:
        note = s["figure_skipped"]
        _paragraph(doc, note)
    else:
        doc.add_picture(io.BytesIO(png), width=Cm(TEXT_W_CM))
        picture = doc.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.first_line_indent = Pt(0)
        picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE  # an exact line would clip it
        _paragraph(doc, s["figure_note"], size=12)
    return doc, note


def followup_note(followup: FollowUp, s: dict[str, str]) -> str:
    """The sentence that says on which day the deadlines are followed up, and from which sheet."""
    text = s["as_of_note"].format(date=followup.as_of.isoformat())
    if not followup.has_status:
        return f"{text} {s['no_status_note']}"
    name = Path(followup.source).name  # never a path of this machine in a shared file
    done = int(followup.tasks["done"].sum())
    return f"{text} {s['status_note'].format(file=name, n=done)}"


def write_docx(path: str | Path, tasklist: TaskList, G: nx.MultiDiGraph, summary: UnitSummary,
               units: pd.DataFrame, **options: Any) -> str | None:
    """Write :func:`docx_report` to ``path`` atomically; return the figure note, if any."""
    doc, note = docx_report(tasklist, G, summary, units, **options)
    with atomic_file(path, "wb") as handle:
        doc.save(handle)
    return note
