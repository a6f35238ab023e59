"""Read the 完成时限 column into dates.

A month ("2020年6月", "2020 年 6 月底", even the typo "2020年6月底底")
means the last day of that month. Text that names no date but a manner of
work ("持续推进", "长期坚持") is ``ongoing``; anything else is ``unknown``.
The raw text is always kept, so no deadline is ever dropped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["Deadline", "impossible_date", "parse_deadline"]

DeadlineKind = Literal["date", "ongoing", "unknown", "none"]

_FULLWIDTH = str.maketrans("０１２３４５６７８９／－．", "0123456789/-.")
_YMD = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?")
_YM = re.compile(r"(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*月?")
# "2020年13月" is a typo, not the year 2020: a year followed by a number is no year end.
_PERIOD = re.compile(r"(\d{4})\s*年?\s*(?:第?([一二三四1-4])季度|([上下])半年)")
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Y_END = re.compile(r"(\d{4})\s*年\s*(?:底|末|年底|年末|内|全年)?(?!\s*\d)")
_ONGOING = ("持续", "长期", "常态", "长效", "逐步", "每年", "定期", "按年度", "年度内", "不断")


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline.

    Attributes
    ----------
    date : datetime.date or None
        The last day by which the task is due.
    kind : str
        ``date``, ``ongoing``, ``unknown`` (text that names no date) or
        ``none`` (the cell was empty).
    raw : str
        The text as it stood in the source.
    """

    date: dt.date | None
    kind: DeadlineKind
    raw: str


def _month_end(year: int, month: int) -> dt.date | None:
    if not 1 <= month <= 12 or not 1900 <= year <= 2200:
        return None
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def impossible_date(raw: str) -> str | None:
    """Why a year-month-day written in ``raw`` is no day of the calendar, or None when there is none.

    :func:`parse_deadline` reads "2020年2月30日" as the month it names (the
    end of February); a sheet that records what was done on a day must not.

    Examples
    --------
    >>> impossible_date("2020-02-30")
    '2020-02 has 29 days'
    >>> impossible_date("２０２１年２月２９日完成")
    '2021-02 has 28 days'
    >>> impossible_date("2020-13-01")
    'there is no month 13'
    >>> print(impossible_date("2020-02-29"), impossible_date("2020年6月底"), impossible_date("尽快"))
    None None None
    """
    norm = re.sub(r"\s+", "", (raw or "").translate(_FULLWIDTH))
    for m in _YMD.finditer(norm):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        if not 1 <= month <= 12:
            return f"there is no month {month}"
        days = calendar.monthrange(year, month)[1] if year >= 1 else 31
        if not 1 <= day <= days:
            return f"{year:04d}-{month:02d} has {days} days"
    return None


def parse_deadline(raw: str | dt.date | dt.datetime | None) -> Deadline:
    """Return the :class:`Deadline` written in one cell.

    When a cell names several dates ("2020年3月启动，6月底完成"), the last
    one counts.

    Examples
    --------
    >>> parse_deadline("2020 年 1 月底").date
    datetime.date(2020, 1, 31)
    >>> parse_deadline("2020年6月底底").date
    datetime.date(2020, 6, 30)
    >>> parse_deadline("2020年2月").date
    datetime.date(2020, 2, 29)
    >>> parse_deadline("2020年底").date
    datetime.date(2020, 12, 31)
    >>> parse_deadline("2020-06-15").date
    datetime.date(2020, 6, 15)
    >>> parse_deadline("2023年二季度").date, parse_deadline("2023年第3季度末").date
    (datetime.date(2023, 6, 30), datetime.date(2023, 9, 30))
    >>> parse_deadline("2023年上半年").date, parse_deadline("2023年一季度启动，三季度完成").date
    (datetime.date(2023, 6, 30), datetime.date(2023, 9, 30))
    >>> parse_deadline("持续推进").kind
    'ongoing'
    >>> parse_deadline("尽快").kind
    'unknown'
    """
    if isinstance(raw, dt.datetime):
        return Deadline(raw.date(), "date", raw.date().isoformat())
    if isinstance(raw, dt.date):
        return Deadline(raw, "date", raw.isoformat())
    text = (raw or "").strip()
    if not text or text in {"无", "-", "—", "/"}:
        return Deadline(None, "none", text)
    norm = re.sub(r"\s+", "", text.translate(_FULLWIDTH))
    found: list[tuple[int, dt.date]] = []
    for m in _YMD.finditer(norm):
        try:
            found.append((m.end(), dt.date(int(m[1]), int(m[2]), int(m[3]))))
        except ValueError:
            pass
    if not found:
        # "2023年二季度", "2023年第3季度末", "2023年上半年": the quarter's or half year's last day.
        for m in _PERIOD.finditer(norm):
            quarter = _QUARTERS[m[2]] if m[2] else (2 if m[3] == "上" else 4)
            found.append((m.end(), _month_end(int(m[1]), 3 * quarter) or dt.date(int(m[1]), 12, 31)))
        if found:  # "2023年一季度启动，三季度完成": a bare quarter after a full one shares its year
            year, start = found[-1][1].year, found[-1][0]
            for m in re.finditer(r"(?<![\d年])第?([一二三四1-4])季度", norm[start:]):
                found.append((start + m.end(), _month_end(year, 3 * _QUARTERS[m[1]]) or found[-1][1]))
    if not found:
        for m in _YM.finditer(norm):
            end = _month_end(int(m[1]), int(m[2]))
            if end:
                found.append((m.end(), end))
        # "2020年3月启动，6月底完成": a bare month after a full one shares its year.
        if found:
            year = found[-1][1].year
            for m in re.finditer(r"(?<![\d年])(\d{1,2})\s*月", norm[found[-1][0]:]):
                end = _month_end(year, int(m[1]))
                if end:
                    found.append((found[-1][0] + m.end(), end))
    if not found:
        year_end = _Y_END.search(norm)
        if year_end and 1900 <= int(year_end[1]) <= 2200:
            found.append((year_end.end(), dt.date(int(year_end[1]), 12, 31)))
    if found:
        return Deadline(max(found, key=lambda pair: pair[0])[1], "date", text)
    if any(word in norm for word in _ONGOING):
        return Deadline(None, "ongoing", text)
    return Deadline(None, "unknown", text)
