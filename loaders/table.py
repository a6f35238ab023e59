"""Interpret the raw tables of one file as task rows.

This is where one list's layout conventions are read: repeated headers at
page breaks, domain cells that are blank on continuation rows, section rows
without a number, and task rows split across a page break.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from remit.errors import InputError, MissingColumnError, NoTaskTableError
from remit.loaders.deadlines import Deadline, parse_deadline
from remit.loaders.header import ColumnMap, field_of, match_header
from remit.loaders.ordinals import parse_number, split_ordinal
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.units import PIECE_END, NamePiece, continues_name, opens_with_a_name
from remit.model import Finding

__all__ = ["DraftTask", "read_task_rows"]

_LIST_MARKS = ("、", "，", ",", "；", ";")


@dataclass
class DraftTask:
    """A task row as read, before its unit names are resolved."""

    source: str
    locator: str
    number: int | None
    domain: str
    title: str
    text: str
    deadline: Deadline
    lead_cell: str
    support_cells: list[str]
    leads_from_responsible: bool
    extra_locators: list[str] = field(default_factory=list)
    # Prose documents decide each unit's role while reading (the lead rule);
    # a table row leaves this None and its cells are split later.
    pieces: list[tuple[NamePiece, str]] | None = None
    # The table says its 责任单位 lists lead with their first name ("列第一位者为牵头单位").
    first_leads: bool = False
    # One of several rows under one merged 序号 cell, each with its own measure.
    shares_number: bool = False
    # The list the row belongs to, where the file says so (remit's own tasks.csv holds
    # a list_id column); None: the file's own list id.
    list_id: str | None = None

    @property
    def lead_pieces(self) -> list[str]:
        """Names of the pieces read as leads (prose documents only)."""
        return [p.name for p, role in self.pieces or [] if role == "lead"]


def _clean_text(text: str) -> str:
    # Line breaks inside a cell are layout, not content. Chinese text does not
    # use spaces between characters, so a break between two CJK characters is
    # dropped, anywhere else it becomes one space.
    text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n+(?=[\u3000-\u9fff\uff00-\uffef])", "",
                  text)
    return re.sub(r"\s+", " ", text).strip()




def _join_unit_cells(first: str, then: str, runs_on: bool = False) -> str:
    """Join a unit cell with its continuation after a page break.

    ``runs_on``: the cell's last line before the break filled the cell (the
    PDF reader measured it), so the break fell inside a name, unless a whole
    name ends the line and another opens the next page ("市中级人民法院" / "市司法局",
    typed one a line, the first as wide as the cell).

    Examples
    --------
    >>> _join_unit_cells("市民政局、市人力资源社", "会保障局、市教育局")
    '市民政局、市人力资源社会保障局、市教育局'
    >>> _join_unit_cells("市财政局", "市税务局")
    '市财政局、市税务局'
    >>> _join_unit_cells("深汕特别合作区管委", "会、市财政局")
    '深汕特别合作区管委会、市财政局'
    >>> _join_unit_cells("市财政局、各区政府", "（新区管委会）")
    '市财政局、各区政府（新区管委会）'
    >>> _join_unit_cells("市财政局、市司", "法局", runs_on=True)
    '市财政局、市司法局'
    >>> _join_unit_cells("市财政局、市中级人民法院", "市司法局", runs_on=True)
    '市财政局、市中级人民法院、市司法局'
    """
    first, then = first.rstrip(), then.strip()
    if not first or not then:
        return first or then
    if runs_on and not (PIECE_END.search(first) and opens_with_a_name(then)):
        return first + then
    # After a whole name the next cell starts another name; a cell cut inside one
    # ("市人力资源社" | "会保障局", "各区政府" | "（新区管委会）") goes on with it.
    if PIECE_END.search(first) and not first.endswith(_LIST_MARKS) and not continues_name(first, then):
        return f"{first}、{then}"
    return first + then


def _title_of(text: str, bold: str) -> str:
    bold = _clean_text(bold)
    # A wholly bold cell marks no title; its first sentence is the title.
    if bold and bold != text:
        return bold.rstrip("。.；; ")
    head = re.split(r"[。；]", text, maxsplit=1)[0]
    return head.strip()


_UNIT_FIELDS = ("lead", "responsible", "support")


def _with_sub_header(header: RawRow, row: RawRow) -> ColumnMap | None:
    """The columns of a header whose unit cells are named in the row below it, or None.

    "责任单位" merged over "牵头单位 | 配合单位": the second row holds no task word, so
    alone it is no header, but it names the unit sub-columns. The two rows read as one,
    each column by the lower cell where it names a field.

    Examples
    --------
    >>> top = RawRow("line 1", ("序号", "主要任务", "责任单位", "", "完成时限"))
    >>> m = _with_sub_header(top, RawRow("line 2", ("", "", "牵头单位", "配合单位", "")))
    >>> m.lead, m.support_columns, m.deadline
    (2, (3,), 4)
    >>> _with_sub_header(top, RawRow("line 2", ("1", "做甲", "市财政局", "", "6月"))) is None
    True
    """
    filled = [c for c in row.cells if c.strip()]
    fields = [field_of(c) for c in filled]
    if not filled or None in fields or not any(f in _UNIT_FIELDS for f in fields):
        return None
    cells = tuple(low if field_of(low) else top
                  for top, low in itertools.zip_longest(header.cells, row.cells, fillvalue=""))
    return match_header(RawRow(header.locator, cells))


def _is_header_repeat(row: RawRow, columns: ColumnMap) -> bool:
    other = match_header(row)
    return other is not None and other.task == columns.task


def _section_heading(row: RawRow, columns: ColumnMap) -> str | None:
    """The domain heading of a section row ("一、深化商事登记制度改革"), if it is one.

    A section row holds one text: a heading with an ordinal anywhere, or any
    short text merged across the row or standing alone in the 序号 or 领域
    column. Text alone in the task column is a task's continuation instead.
    """
    filled = [(i, _clean_text(c)) for i, c in enumerate(row.cells) if c.strip()]
    values = {v for _, v in filled}
    if len(values) != 1:
        return None
    value = values.pop()
    if len(value) > 40:
        return None
    ordinal, _ = split_ordinal(value)
    if ordinal is not None:
        return value
    where = {i for i, _ in filled}
    if len(where) >= 2 or where <= {columns.number, columns.domain} - {-1}:
        return value
    return None


_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表)\s*\d*$", re.IGNORECASE)


def _sheet_domain(caption: str) -> str:
    """The domain a sheet's name gives ("营商环境"), or "" for a default name (Sheet1, 工作表2).

    Examples
    --------
    >>> _sheet_domain("营商环境"), _sheet_domain("Sheet2"), _sheet_domain("工作表1"), _sheet_domain("")
    ('营商环境', '', '', '')
    """
    name = caption.strip()
    return "" if _DEFAULT_SHEET.match(name) else name


def _near_header(row: RawRow) -> bool:
    """Whether ``row`` looks like a task table header that lacks every unit column."""
    names = {field_of(cell) for cell in row.cells} - {None}
    return "task" in names and len(names) >= 2


def read_task_rows(tables: list[RawTable], source: str, headings: list[str] | None = None,
                   ) -> tuple[list[DraftTask], list[Finding]]:
    """Return the task rows of one file's tables, and the findings met on the way.

    A table with a header row starts a task table (rows above its header,
    such as a title row, are skipped). A table without a header continues
    the task table before it, as PDF converters split one table per page,
    if it has the same number of columns; otherwise it is not a task table.

    Parameters
    ----------
    tables : list of RawTable
        Every table of the file, in order.
    source : str
        The file name, for errors and findings.
    headings : list of str, optional
        Filled with every domain heading met, in order, including headings
        with no task row under them.

    Raises
    ------
    NoTaskTableError
        When no table has a header naming a task and its units.
    MissingColumnError
        When the task table has no lead (牵头/责任) column.
    InputError
        When a row has more or fewer cells than its header.
    """
    drafts: list[DraftTask] = []
    findings: list[Finding] = []
    columns: ColumnMap | None = None
    domain = ""
    saw_header = False
    near_miss: RawRow | None = None
    previous: RawRow | None = None  # the data row read last: a row cut by a page break ends there
    every_header = [[match_header(row) for row in table.rows] for table in tables]
    sheets = [_sheet_domain(t.caption) for t, hs in zip(tables, every_header, strict=True) if any(hs)]
    by_sheet = len(sheets) >= 2 and all(sheets)  # a workbook of one task sheet a domain
    for table, headers in zip(tables, every_header, strict=True):
        first = next((i for i, h in enumerate(headers) if h is not None), None)
        if first is not None and by_sheet:
            domain = _sheet_domain(table.caption)
        if first is None:
            width = max((len(r.cells) for r in table.rows), default=0)
            if columns is None or width != columns.width:
                if near_miss is None:
                    near_miss = next((r for r in table.rows if _near_header(r)), None)
                if columns is not None and any(not r.is_blank() for r in table.rows):
                    findings.append(Finding(
                        "info", "table-skipped", source, table.rows[0].locator,
                        f"a table of {width} columns without a header follows the task "
                        f"table of {columns.width} columns; it is not read as tasks"))
                continue
            first = 0
        previous_header = False
        # The first row of a page (a table without a header, or after a repeated header).
        page_top = first == 0 and columns is not None
        header_row: RawRow | None = None
        for row, header in zip(table.rows[first:], headers[first:], strict=True):
            if header is None and row.only_copies():
                continue  # a row of merged cells' copies (doubled borders) says nothing
            if header is None and previous_header and header_row is not None:
                header = _with_sub_header(header_row, row)
            if header is not None:
                header_row = row if header_row is None or not previous_header else header_row
                if header.lead_column < 0:
                    raise MissingColumnError(
                        source, "the task table has no 牵头单位 or 责任单位 column; "
                        "expected one of 牵头单位/牵头部门/责任单位", row=row.locator)
                if (columns is None or not _is_header_repeat(row, columns)
                        or (previous_header and header.lead >= 0 > columns.lead)):
                    # A second header row directly below the first names the
                    # sub-columns (责任单位 → 牵头单位 | 配合单位): it wins.
                    columns = header
                page_top = columns is not header  # a repeated header: a new page, same table
                saw_header = previous_header = True
                continue
            previous_header = False
            if columns is None or row.is_blank():
                continue
            if len(row.cells) != columns.width:
                extra = row.cells[columns.width:]
                if len(row.cells) < columns.width or any(c.strip() for c in extra):
                    raise InputError(
                        source, f"row has {len(row.cells)} cells but the header has "
                        f"{columns.width}; expected one cell per column", row=row.locator)
            domain = _read_row(row, columns, source, domain, drafts, findings,
                               previous if page_top else None)
            page_top = False
            previous = row
            if headings is not None and domain and (not headings or headings[-1] != domain):
                if drafts and drafts[-1].domain == domain and headings and \
                        domain.startswith(headings[-1]):
                    headings.pop()  # a heading cut by a page break, now whole (and met before)
                if domain not in headings:
                    headings.append(domain)
    if not saw_header:
        if near_miss is not None:
            raise MissingColumnError(
                source, "the task table has no 牵头单位 or 责任单位 column; expected one of "
                "牵头单位/牵头部门/责任单位", row=near_miss.locator)
        raise NoTaskTableError(
            source, "no task table found; expected a header row naming a task column "
            "(改革措施/改革任务/工作任务…) and a 牵头单位 or 责任单位 column")
    return drafts, findings


def _read_row(row: RawRow, columns: ColumnMap, source: str, domain: str,
              drafts: list[DraftTask], findings: list[Finding], above: RawRow | None = None) -> str:
    """Read one data row into ``drafts``; return the domain in force after it.

    ``above`` is given for the first row of a page: the last row of the page before.
    """
    page_top = above is not None
    number_cell = row.cell(columns.number).strip() if columns.number >= 0 else ""
    domain_cell = _clean_text(row.cell(columns.domain)) if columns.domain >= 0 else ""
    number = parse_number(number_cell) if number_cell else None
    shares_number = False
    if (number is not None and row.is_spanned(columns.number) and drafts
            and drafts[-1].number == number):
        own_text = any(columns_index >= 0 and row.cell(columns_index).strip()
                       and not row.is_spanned(columns_index)
                       for columns_index in (columns.task, columns.detail))
        if own_text and (row.cell(columns.lead_column).strip() or not row.is_spanned(columns.lead_column)):
            # A numbered item merged over rows that each say their own measure, with
            # their own units: one task a row, under the item's number.
            shares_number = True
        else:
            # The 序号 cell is merged over several rows: one task whose units
            # (or text) run over those rows.
            number, number_cell = None, ""
    task_text = _clean_text(row.cell(columns.task))
    lead_cell = row.cell(columns.lead_column)
    support_cells = [row.cell(i) for i in columns.support_columns]
    has_units = bool(lead_cell.strip() or any(c.strip() for c in support_cells))
    # The row above the page break stated the heading in force itself: the page
    # break may have cut that cell, alone ("十四、营造包容普惠" | "创新环境").
    cut_heading = (above is not None and columns.domain >= 0 and not above.is_spanned(columns.domain)
                   and _clean_text(above.cell(columns.domain)) == domain)
    continued_heading = False
    if domain_cell:
        if (number is None and not number_cell and drafts and columns.number >= 0
                and (task_text or has_units or cut_heading) and drafts[-1].domain == domain and domain
                and split_ordinal(domain_cell)[0] is None and not domain.endswith(domain_cell)):
            # A row cut by a page break cuts its domain cell too
            # ("九、深化公共" | "资源交易体制改革"): the rest continues the heading.
            domain = drafts[-1].domain = domain + domain_cell
            continued_heading = True
        elif not (row.is_spanned(columns.domain) and domain.endswith(domain_cell)):
            # (A merged cell copied down holds only the part after the cut: keep the whole.)
            domain = domain_cell

    if number is None:
        heading = None if continued_heading else _section_heading(row, columns)
        if heading is not None:
            return heading
        # A row without a number that carries task text continues the task
        # above: PDF converters split one task across a page break.
        # (Only under the same columns: after a new header with other unit columns, a
        # row cannot continue a task of the table before.)
        # Without a 序号 column, only the first row of a page holding text alone (no
        # units, no deadline) can be the rest of the task cut by the page break.
        cut_without_number = (columns.number < 0 and page_top and task_text and not has_units
                              and not (columns.deadline >= 0 and row.cell(columns.deadline).strip()))
        if drafts and (task_text or has_units) and not number_cell and (
                (columns.number >= 0 or cut_without_number)
                and (not row.is_spanned(columns.task) or has_units)
                and len(drafts[-1].support_cells) == len(support_cells)):
            last = drafts[-1]
            if task_text and not row.is_spanned(columns.task):
                last.text = f"{last.text}{task_text}"
            # Cells copied down from a merge above say nothing new.
            runs_on = above.runs_on_at if above is not None else (lambda _: False)
            if not row.is_spanned(columns.lead_column):
                last.lead_cell = _join_unit_cells(last.lead_cell, lead_cell,
                                                  runs_on(columns.lead_column))
            last.support_cells = [
                _join_unit_cells(old, new, runs_on(i)) if not row.is_spanned(i) else old
                for old, new, i in zip(last.support_cells, support_cells, columns.support_columns,
                                       strict=True)]
            last.extra_locators.append(row.locator)
            findings.append(Finding(
                "info", "continued-row", source, row.locator,
                "row has no number; read as the continuation of "
                + (f"task {last.number}" if last.number is not None else "the task above")))
            return domain
        if number_cell:
            findings.append(Finding("warning", "unreadable-number", source, row.locator,
                                    f"序号 {number_cell!r} is not a number; row read as task "
                                    "without a number"))
        elif not task_text:
            return domain
        elif columns.number >= 0:
            findings.append(Finding("warning", "missing-number", source, row.locator,
                                    "task row has no 序号"))

    bold = _clean_text(row.bold_of(columns.task))
    detail = _clean_text(row.cell(columns.detail)) if columns.detail >= 0 else ""
    if detail and detail != task_text:
        # 改革举措 | 主要内容: the first column names the measure, the second says it.
        bold = bold or task_text
        task_text = f"{task_text} {detail}".strip()
    deadline = parse_deadline(row.cell(columns.deadline) if columns.deadline >= 0 else "")
    drafts.append(DraftTask(
        source=source, locator=row.locator, number=number, domain=domain,
        title=_title_of(task_text, bold), text=task_text, deadline=deadline,
        lead_cell=lead_cell, support_cells=support_cells,
        leads_from_responsible=columns.leads_from_responsible,
        first_leads=columns.first_leads, shares_number=shares_number))
    return domain

