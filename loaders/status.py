"""Read a progress sheet (督办表) as offices keep it: number or task, status, date done, remarks.

The sheet is xlsx or CSV (any format :func:`remit.loaders.files.read_tables`
reads). Its header names 序号 (or the task text), 完成情况 / 进展情况 / 状态,
完成时间 and 备注, in any order. A status of 已完成 or 完成 means done on the
date in 完成时间. Joining rows to tasks is the job of
:func:`remit.analyses.followup.progress`; here the sheet is only read.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from remit.errors import InputError
from remit.loaders.deadlines import impossible_date, parse_deadline
from remit.loaders.files import read_tables
from remit.loaders.raw import RawRow
from remit.model import STATUS_COLUMNS, Finding, StatusSheet

__all__ = ["STATUS_COLUMNS", "StatusSheet", "is_done", "read_status"]

_FIELDS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "任务编号", "序"),
    "state": ("完成情况", "进展情况", "状态", "完成状态", "进展", "推进情况", "办理情况"),
    "done_on": ("完成时间", "实际完成时间", "完成日期", "办结时间"),
    "note": ("备注", "说明"),
    "text": ("改革措施", "改革任务", "工作任务", "重点任务", "任务名称", "任务内容", "任务", "措施"),
}
_DONE = {"已完成", "完成", "已办结", "办结", "已落实"}
_NOTE = re.compile(r"[（(][^）)]*[）)]")


def is_done(state: str) -> bool:
    """Whether a status cell says the task is done (已完成, 完成; not 未完成 or 基本完成).

    Examples
    --------
    >>> [is_done(s) for s in ["已完成", " 完成 ", "未完成", "推进中", "已完成（提前）", "基本完成"]]
    [True, True, False, False, True, False]
    """
    text = _NOTE.sub("", re.sub(r"\s+", "", state or ""))
    return text in _DONE


def _field(cell: str) -> str | None:
    text = _NOTE.sub("", re.sub(r"\s+", "", cell or ""))
    if not text or len(text) > 12:
        return None
    for name, words in _FIELDS.items():
        if text in words:
            return name
    for name, words in _FIELDS.items():
        if any(len(w) >= 2 and w in text for w in words):
            return name
    return None


def _header(row: RawRow) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        name = _field(cell)
        if name and name not in found:
            found[name] = index
    if "state" in found and ("number" in found or "text" in found):
        return found
    return None


def _number(cell: str) -> int | None:
    text = re.sub(r"\s+", "", cell or "")
    if re.fullmatch(r"\d+(\.0)?", text):
        return int(float(text))
    return None


def read_status(path: str | Path, max_input_size: int | str | None = None) -> StatusSheet:
    """Read a progress sheet (no larger than ``max_input_size``, as for
    :func:`remit.loaders.files.open_input`).

    Raises
    ------
    remit.errors.InputError
        When the file cannot be read, no table in it has a status column
        with a number or task column, or a 完成时间 names a day the calendar
        does not have (2020-02-30), naming the row.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> _ = p.write_text("序号,完成情况,完成时间,备注\\n3,已完成,2020-01-20,\\n4,推进中,,\\n5,已完成,去年\\n",
    ...                  encoding="utf-8")
    >>> sheet = read_status(p)
    >>> sheet.rows[["number", "done", "done_on"]].values.tolist()
    [[3, True, datetime.date(2020, 1, 20)], [4, False, None], [5, True, None]]
    >>> [f.code for f in sheet.findings]
    ['status-date-unreadable']
    """
    name = str(path)
    records: list[dict[str, object]] = []
    findings: list[Finding] = []
    header_seen = False
    for table in read_tables(path, max_input_size):
        cols: dict[str, int] | None = None
        for row in table.rows:
            if cols is None:
                cols = _header(row)
                header_seen |= cols is not None
                continue
            if _header(row) is not None:  # a repeated header
                continue

            def cell(key: str, row: RawRow = row, cols: dict[str, int] = cols) -> str:
                i = cols.get(key, -1)
                return row.cells[i].strip() if 0 <= i < len(row.cells) else ""

            number_cell, text, state = cell("number"), cell("text"), cell("state")
            if not (number_cell or text) and not state:
                continue
            number = _number(number_cell)
            if number_cell and number is None and not text:
                findings.append(Finding("warning", "status-number-unreadable", name, row.locator,
                                        f"序号 {number_cell!r} is not a number; the row is ignored"))
                continue
            done = is_done(state)
            raw_date = cell("done_on")
            done_on: dt.date | None = None
            if raw_date:
                wrong = impossible_date(raw_date)
                if wrong:  # a typo in the day: done on which day, nobody can tell
                    raise InputError(name, f"完成时间 {raw_date!r} is no day of the calendar: {wrong}",
                                     row=row.locator)
                parsed = parse_deadline(raw_date)
                done_on = parsed.date
                if parsed.date is None:
                    findings.append(Finding("warning", "status-date-unreadable", name, row.locator,
                                            f"完成时间 {raw_date!r} is not a date"
                                            + ("; the task counts as done, date unknown" if done else "")))
            elif done:
                findings.append(Finding("info", "status-date-missing", name, row.locator,
                                        "done without a 完成时间; the task counts as done, date unknown"))
            records.append({"number": number, "text": text, "state": state, "done": done,
                            "done_on": done_on, "note": cell("note"), "row": row.locator})
    if not header_seen:
        raise InputError(name, "no progress table found: expected a header with 序号 (or the task text) "
                               "and 完成情况, 进展情况 or 状态")
    rows = pd.DataFrame(records, columns=STATUS_COLUMNS)
    # Plain ints and None: a column with gaps would otherwise turn 999 into 999.0.
    rows["number"] = pd.Series([r["number"] for r in records], index=rows.index, dtype=object)
    return StatusSheet(rows, name, findings)
