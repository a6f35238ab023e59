"""Successors: which body took over an old body's name, from when, at which level and where.

In 2018-19 every government merged its 工商局, 质监局 and 食药监局 into a
市场监管局, turned its 安监局 into an 应急管理局, and so on; the State Council
did the same in 2018 and again in 2023. ``data/unit_successors.csv`` holds
these changes (old name pattern, new name, date, level, place, source);
users add rows with ``--successors FILE``, which are tried first.

A successor is a fact with a date and a place: read "as of" a date, a name
becomes its successor only where the change was made by then, and a row
with a place applies to that government's lists only.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from remit.errors import InputError
from remit.model import LEVELS

__all__ = ["RULE", "Successor", "SuccessorMap", "level_of", "load_successors", "split_level"]

RULE = "successor"
# What stands before a local body's own name: 省, 市, 区, 县, or a place (济南市, 山东省, 历下区).
_PREFIX = re.compile(r"(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区|市|自治州|州|盟|区|县|旗))?(?:省|市|区|县)?")
_LEVEL_OF_END = {"省": "province", "区": "county", "县": "county", "旗": "county", "市": "city",
                 "州": "city", "盟": "city"}


def split_level(name: str) -> list[tuple[str, str]]:
    """Every way to read ``name`` as (level prefix, the body's own name), shortest prefix first.

    Examples
    --------
    >>> split_level("市工商局")[:2]
    [('', '市工商局'), ('市', '工商局')]
    >>> ("济南市", "工商局") in split_level("济南市工商局")
    True
    """
    found = []
    for end in range(0, min(len(name) - 1, 12)):
        if _PREFIX.fullmatch(name[:end]):
            found.append((name[:end], name[end:]))
    return found


def level_of(prefix: str) -> str | None:
    """The level a prefix names: 省 → province, 市 → city, 区/县 → county; '' → None.

    Examples
    --------
    >>> level_of("市"), level_of("山东省"), level_of("历下区"), level_of("")
    ('city', 'province', 'county', None)
    """
    if not prefix:
        return None
    if prefix.endswith("自治区"):
        return "province"
    return _LEVEL_OF_END.get(prefix[-1])


@dataclass(frozen=True)
class Successor:
    """One row of a successor map."""

    old: re.Pattern[str]
    new: str
    date: dt.date
    levels: frozenset[str]
    place: str
    source: str
    origin: str  # file and line, for the audit trail

    def rule(self) -> str:
        """The audit line's rule: what, from when, on whose word."""
        return f"{RULE} ({self.origin}: {self.date.isoformat()}, {self.source})"


@dataclass
class SuccessorMap:
    """The successor rows, the user's first.

    Examples
    --------
    >>> m = load_successors()
    >>> m.successor("市工商局", place="济南市")[0]
    '市市场监管局'
    >>> m.successor("市工商局", as_of=dt.date(2018, 6, 30)) is None
    True
    >>> [name for name, _ in m.chain("扶贫办")]
    ['国家乡村振兴局', '农业农村部']
    """

    rows: list[Successor]

    def successor(self, name: str, *, place: str | None = None,
                  as_of: dt.date | None = None) -> tuple[str, Successor] | None:
        """The name that took over ``name`` (by ``as_of``, where given) and the row that says so."""
        for row in self.rows:
            if row.place and row.place != place:
                continue
            if as_of is not None and row.date > as_of:
                continue
            if "national" in row.levels:
                match = row.old.fullmatch(name)
                if match:
                    return match.expand(row.new), row
                continue
            for prefix, own in split_level(name):
                if prefix and level_of(prefix) in row.levels:
                    match = row.old.fullmatch(own)
                    if match:
                        return prefix + match.expand(row.new), row
        return None

    def chain(self, name: str, *, place: str | None = None,
              as_of: dt.date | None = None) -> list[tuple[str, Successor]]:
        """Every successor in turn (扶贫办 → 国家乡村振兴局 → 农业农村部), each with its row."""
        found: list[tuple[str, Successor]] = []
        seen = {name}
        while (step := self.successor(name, place=place, as_of=as_of)) is not None:
            name = step[0]
            if name in seen:
                break
            seen.add(name)
            found.append(step)
        return found


def _date(text: str, origin: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(origin, f"date {text!r} is not YYYY-MM-DD") from None


def _read(text: str, source: str) -> list[Successor]:
    from remit.loaders.government import place_of

    reader = csv.reader(io.StringIO(text))
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:3] != ["old", "new", "date"]:
        raise InputError(source, "expected a header row old,new,date,level,place,source")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not cells or not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        values = dict(zip(header, (c.strip() for c in cells), strict=False))
        origin = f"{source}, line {line}"
        levels = frozenset(values.get("level", "").split("|")) - {""} or frozenset(LEVELS)
        if not levels <= set(LEVELS):
            raise InputError(source, f"level must be {'|'.join(LEVELS)}, not {values['level']!r}",
                             row=f"line {line}")
        try:
            old = re.compile(values["old"])
        except (re.error, KeyError):
            raise InputError(source, f"old {values.get('old')!r} is not a valid pattern",
                             row=f"line {line}") from None
        if not values.get("new"):
            raise InputError(source, "the new column is empty", row=f"line {line}")
        place = values.get("place", "")
        rows.append(Successor(old, values["new"], _date(values["date"], origin), levels,
                              (place_of(place).place or "") if place else "", values.get("source", ""),
                              origin))
    return rows


def load_successors(extra: list[str | Path] | None = None, *, builtin: bool = True) -> SuccessorMap:
    """The shipped successor map, after the user's own files (whose rows are tried first).

    Examples
    --------
    >>> load_successors().successor("农业部")[0]
    '农业农村部'
    """
    rows: list[Successor] = []
    for path in extra or []:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (FileNotFoundError, IsADirectoryError):
            raise InputError(str(path), "no such successor file") from None
        except UnicodeDecodeError:
            raise InputError(str(path), "not a UTF-8 CSV successor file") from None
        rows += _read(text, str(path))
    if builtin:
        shipped = resources.files("remit.loaders").joinpath("data/unit_successors.csv")
        rows += _read(shipped.read_text(encoding="utf-8"), "remit:unit_successors.csv")
    return SuccessorMap(rows)
