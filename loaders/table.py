"""Interpret the raw tables of one file as task rows.

This is where one list's layout conventions are read: repeated headers at
page breaks, domain cells that are blank on continuation rows, section rows
without a number, and task rows split across a page break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from remit.loaders.deadlines import Deadline, parse_deadline
from remit.loaders.findings import Finding
from remit.loaders.header import ColumnMap, match_header
from remit.loaders.ordinals import parse_number, split_ordinal
from remit.loaders.raw import RawRow, RawTable

from remit.errors import InputError, MissingColumnError, NoTaskTableError

__all__ = ["DraftTask", "read_task_rows"]


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


def _clean_text(text: str) -> str:
    # Line breaks inside a cell are layout, not content. Chinese text does not
    # use spaces between characters, so a break between two CJK characters is
    # dropped, anywhere else it becomes one space.
    text = re.sub(r"(?<=[\u3000-\u9fff\uff00-\uffef])\n+(?=[\u3000-\u9fff\uff00-\uffef])", "",
                  text)
    return re.sub(r"\s+", " ", text).strip()


def _title_of(text: str, bold: str) -> str:
    bold = _clean_text(bold)
    if bold:
        return bold.rstrip("。.；; ")
    head = re.split(r"[。；]", text, maxsplit=1)[0]
    return head.strip()


def _is_header_repeat(row: RawRow, columns: ColumnMap) -> bool:
    other = match_header(row)
    return other is not None and other.task == columns.task


def _section_heading(row: RawRow) -> str | None:
    """The domain heading of a section row ("一、深化商事登记制度改革"), if it is one."""
    values = {_clean_text(c) for c in row.cells if c.strip()}
    if len(values) != 1:
        return None
    value = values.pop()
    ordinal, name = split_ordinal(value)
    return value if ordinal is not None and len(name) <= 40 else None


def read_task_rows(tables: list[RawTable], source: str) -> tuple[list[DraftTask], list[Finding]]:
    """Return the task rows of one file's tables, and the findings met on the way.

    Parameters
    ----------
    tables : list of RawTable
        Every table of the file, in order.
    source : str
        The file name, for errors and findings.

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
    for table in tables:
        rows = iter(table.rows)
        for row in rows:
            header = match_header(row)
            if header is not None:
                if header.lead_column < 0:
                    raise MissingColumnError(
                        source, "the task table has no 牵头单位 or 责任单位 column; "
                        "expected one of 牵头单位/牵头部门/责任单位", row=row.locator)
                if columns is None or not _is_header_repeat(row, columns):
                    columns = header
                saw_header = True
                continue
            if columns is None or row.is_blank():
                continue
            if len(row.cells) != columns.width:
                extra = row.cells[columns.width:]
                if len(row.cells) < columns.width or any(c.strip() for c in extra):
                    raise InputError(
                        source, f"row has {len(row.cells)} cells but the header has "
                        f"{columns.width}; expected one cell per column", row=row.locator)
            domain = _read_row(row, columns, source, domain, drafts, findings)
    if not saw_header:
        raise NoTaskTableError(
            source, "no task table found; expected a header row naming a task column "
            "(改革措施/改革任务/工作任务…) and a 牵头单位 or 责任单位 column")
    return drafts, findings


def _read_row(row: RawRow, columns: ColumnMap, source: str, domain: str,
              drafts: list[DraftTask], findings: list[Finding]) -> str:
    """Read one data row into ``drafts``; return the domain in force after it."""
    number_cell = row.cell(columns.number).strip() if columns.number >= 0 else ""
    domain_cell = _clean_text(row.cell(columns.domain)) if columns.domain >= 0 else ""
    if domain_cell:
        domain = domain_cell
    number = parse_number(number_cell) if number_cell else None
    task_text = _clean_text(row.cell(columns.task))
    lead_cell = row.cell(columns.lead_column)
    support_cells = [row.cell(i) for i in columns.support_columns]
    has_units = bool(lead_cell.strip() or any(c.strip() for c in support_cells))

    if number is None:
        heading = _section_heading(row)
        if heading is not None:
            return heading
        # A row without a number that carries task text continues the task
        # above: PDF converters split one task across a page break.
        if drafts and (task_text or has_units) and not number_cell and (
                columns.number >= 0 and not row.is_spanned(columns.task)):
            last = drafts[-1]
            if task_text and not row.is_spanned(columns.task):
                last.text = f"{last.text}{task_text}"
            last.lead_cell = "、".join(c for c in (last.lead_cell, lead_cell) if c.strip())
            last.support_cells = [
                "、".join(c for c in pair if c.strip())
                for pair in zip(last.support_cells, support_cells, strict=True)]
            last.extra_locators.append(row.locator)
            findings.append(Finding(
                "info", "continued-row", source, row.locator,
                f"row has no number; read as the continuation of task {last.number}"))
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
    deadline = parse_deadline(row.cell(columns.deadline) if columns.deadline >= 0 else "")
    drafts.append(DraftTask(
        source=source, locator=row.locator, number=number, domain=domain,
        title=_title_of(task_text, bold), text=task_text, deadline=deadline,
        lead_cell=lead_cell, support_cells=support_cells,
        leads_from_responsible=columns.leads_from_responsible))
    return domain

