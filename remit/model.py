"""The in-memory model of one or more task lists: four tables and an audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["ASSIGNMENT_COLUMNS", "AUDIT_COLUMNS", "TASK_COLUMNS", "UNIT_COLUMNS", "TaskList", "plain_value",
           "plain_values"]

TASK_COLUMNS = [
    "task_id", "list_id", "number", "domain_ordinal", "domain", "title", "text",
    "deadline", "deadline_kind", "deadline_raw", "source", "row",
]
ASSIGNMENT_COLUMNS = ["task_id", "unit", "role", "position"]
UNIT_COLUMNS = ["unit", "kind", "aliases"]
AUDIT_COLUMNS = ["file", "row", "task_id", "role", "raw", "rule", "before", "after", "unit"]


def plain_value(value: Any) -> Any:
    """Turn a pandas or numpy cell into a plain Python value: missing → None, date → ISO text.

    This is remit's one cell normaliser; writers that need more (joined
    lists, rounded numbers) apply it first.

    Examples
    --------
    >>> import numpy as np
    >>> [plain_value(v) for v in (pd.NA, float("nan"), dt.date(2020, 6, 30), np.int64(3), "x")]
    [None, None, '2020-06-30', 3, 'x']
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str | bytes):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value



_ALREADY_PLAIN = frozenset({str, int, bool})


def plain_values(values: Iterable[Any]) -> list[Any]:
    """:func:`plain_value` over a whole column, with a fast path for cells already plain.

    Examples
    --------
    >>> plain_values(pd.Series(["a", None, "b"], dtype="string").tolist())
    ['a', None, 'b']
    """
    # A column of 100k cells is 100k calls; str, int and bool come back unchanged.
    return [value if value.__class__ in _ALREADY_PLAIN else plain_value(value) for value in values]

@dataclass
class TaskList:
    """Everything remit read from one or more task lists.

    Attributes
    ----------
    tasks : pandas.DataFrame
        One row per task, in document order. Columns: ``task_id``
        (``"<list>#<number>"``), ``list_id``, ``number``, ``domain_ordinal``
        (一 … 十四 → 1 … 14, missing where the heading has none),
        ``domain``, ``title``, ``text``, ``deadline`` (``datetime.date`` or
        None), ``deadline_kind`` (``date``/``ongoing``/``unknown``/``none``),
        ``deadline_raw``, ``source`` and ``row``.
    assignments : pandas.DataFrame
        One row per unit and task: ``task_id``, ``unit`` (canonical name),
        ``role`` (``lead`` or ``support``) and ``position`` (order in the cell).
    units : pandas.DataFrame
        One row per canonical unit: ``unit``, ``kind`` (``agency`` or
        ``collective``) and ``aliases`` (a tuple of the other spellings met).
    findings : pandas.DataFrame
        Data-quality findings: ``severity``, ``code``, ``file``, ``row``,
        ``message``, ``task_id``, ``unit``.
    audit : pandas.DataFrame
        Every change from source text to canonical name: ``file``, ``row``,
        ``task_id``, ``role``, ``raw``, ``rule``, ``before``, ``after`` and
        the final ``unit``.
    lead_rule : str
        The lead rule the lists were read with: ``stated`` (the documents'
        own words; the first listed where they say nothing), ``first`` or
        ``all``.
    chapters : list of tuple
        ``(list_id, ordinal, name, tasks)`` for every chapter (domain)
        heading, in document order, including headings with no task under
        them, which :meth:`domains` cannot show.
    titles : dict
        List id → the list's own title (its heading above the table), or
        the file name without suffix where the document has none.

    Examples
    --------
    >>> import remit
    >>> tl = remit.load(remit.example_path())
    >>> len(tl.tasks), tl.domains()[:2]
    (210, ['深化商事登记制度改革', '深化工程建设项目审批制度改革'])
    """

    tasks: pd.DataFrame
    assignments: pd.DataFrame
    units: pd.DataFrame
    findings: pd.DataFrame
    audit: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=AUDIT_COLUMNS))
    lead_rule: str = "stated"
    chapters: list[tuple[str, int | None, str, int]] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)

    def domains(self) -> list[str]:
        """Domain names in document order, one per list and domain."""
        seen = self.tasks.drop_duplicates(["list_id", "domain"])
        return [d for d in seen["domain"].tolist() if d]

    def has_errors(self) -> bool:
        """Whether any finding is an error."""
        return bool((self.findings["severity"] == "error").any())

    def merges(self) -> pd.DataFrame:
        """Every spelling that the normaliser turned into another name.

        Returns
        -------
        pandas.DataFrame
            Columns ``raw`` (as in the source, white space folded), ``unit``
            (canonical), ``rules`` (the rules applied, in order) and
            ``occurrences``, sorted by unit.
        """
        if self.audit.empty:
            return pd.DataFrame(columns=["raw", "unit", "rules", "occurrences"])
        per_mention = (self.audit.groupby(["file", "row", "role", "raw", "unit"], sort=False)["rule"]
                       .agg(lambda rules: " → ".join(dict.fromkeys(rules))).reset_index())
        # Keep line breaks visible: "市政务服务数据↵管理局" is a spelling too.
        per_mention["raw"] = (per_mention["raw"].str.strip().str.replace("\n", "↵")
                              .str.replace(r"[ \t\u3000]+", " ", regex=True))
        merged = (per_mention.groupby(["raw", "unit", "rule"], sort=False).size()
                  .reset_index(name="occurrences").rename(columns={"rule": "rules"}))
        merged = merged[merged["raw"] != merged["unit"]]
        return merged.sort_values(["unit", "raw"], kind="stable").reset_index(drop=True)

    def explain(self, name: str) -> pd.DataFrame:
        """The audit trail of every mention that is, or became, ``name``."""
        hits = self.audit[(self.audit["unit"] == name)
                          | self.audit["raw"].str.replace(r"\s+", "", regex=True).eq(name)]
        return hits.reset_index(drop=True)
