"""The in-memory model of one or more task lists: four tables and an audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal

import pandas as pd

__all__ = ["ASSIGNMENT_COLUMNS", "AUDIT_COLUMNS", "FINDING_COLUMNS", "LEVELS", "NATIONAL", "STATUS_COLUMNS",
           "TASK_COLUMNS", "UNIT_COLUMNS", "Finding", "Government", "LeadRule", "Severity", "StatusSheet",
           "TaskList", "plain_value", "plain_values"]

TASK_COLUMNS = [
    "task_id", "list_id", "number", "domain_ordinal", "domain", "title", "text",
    "deadline", "deadline_kind", "deadline_raw", "source", "row",
]
ASSIGNMENT_COLUMNS = ["task_id", "unit", "role", "position"]
UNIT_COLUMNS = ["unit", "kind", "aliases"]
AUDIT_COLUMNS = ["file", "row", "task_id", "role", "raw", "rule", "before", "after", "unit"]
#: The place of the State Council and its departments.
NATIONAL = "国家"
LEVELS = ("national", "province", "city", "county")

# Data-quality findings: what a careful reader would flag in a task list.
Severity = Literal["error", "warning", "info"]
FINDING_COLUMNS = ["severity", "code", "file", "row", "message", "task_id", "unit"]


@dataclass(frozen=True)
class Finding:
    """One observation about the input.

    ``severity`` is ``error`` (the model is incomplete: a task without a
    lead), ``warning`` (probably a mistake in the source: a numbering gap, a
    near-duplicate name) or ``info`` (a cleaning step worth knowing about).

    Examples
    --------
    >>> f = Finding("warning", "number-gap", "a.md", "line 9", "tasks 4 to 5 are missing")
    >>> f.as_row()["code"]
    'number-gap'
    """

    severity: Severity
    code: str
    file: str
    row: str
    message: str
    task_id: str = ""
    unit: str = ""

    def as_row(self) -> dict[str, str]:
        """Return the finding as a plain dict for a DataFrame row."""
        return asdict(self)


def place_of_finding(file: str, row: str) -> str:
    """Where a finding is, as its one line names it: the file, and the row where there is one.

    Examples
    --------
    >>> place_of_finding("a.md", "line 9"), place_of_finding("a.md", "")
    ('a.md, line 9', 'a.md')
    """
    return f"{file}, {row}" if row else file


STATUS_COLUMNS = ["number", "text", "state", "done", "done_on", "note", "row"]


@dataclass
class StatusSheet:
    """A progress sheet (督办表) as read by :func:`remit.loaders.status.read_status`.

    Attributes
    ----------
    rows : pandas.DataFrame
        Columns :data:`STATUS_COLUMNS`: ``number`` (int or None), ``text``,
        ``state`` (as written), ``done`` (bool), ``done_on`` (date or None),
        ``note`` and ``row`` (where in the file).
    source : str
        The file name as given.
    findings : list of Finding
        Unreadable dates and rows that name no task.
    """

    rows: pd.DataFrame
    source: str
    findings: list[Finding] = field(default_factory=list)


@dataclass(frozen=True)
class Government:
    """The government whose list a list is: its place and level, and how remit knows.

    Attributes
    ----------
    place : str or None
        ``"深圳市"``, ``"山东省"``, :data:`NATIONAL` for the State Council; None when unknown.
    level : str or None
        One of :data:`LEVELS`, or None when unknown.
    evidence : str
        Where remit read it (``"--place"``, ``"文号 国办发〔2018〕129号"``, ``"text: 深圳 ×20, 我市 ×39"``).

    Examples
    --------
    >>> Government("深圳市", "city", "--place").describe()
    '深圳市 (city; --place)'
    >>> Government().describe()
    'unknown'
    """

    place: str | None = None
    level: str | None = None
    evidence: str = ""

    def describe(self) -> str:
        """One line for people: place, level and evidence."""
        if self.place is None and self.level is None:
            return "unknown"
        details = "; ".join(x for x in (self.level, self.evidence) if x)
        return f"{self.place or '?'} ({details})" if details else str(self.place)


class LeadRule(StrEnum):
    """Who leads where a list names responsible units without saying which leads.

    ``STATED`` (the default) follows the document's own words: 牵头 columns,
    labels and role words, or a rule it states once (列第一位者为牵头单位);
    where it says nothing, the first unit listed leads and a finding says so.
    ``FIRST`` makes the first listed unit of every list the only lead, even
    where the text names several. ``ALL`` makes every unit listed without a
    role a co-lead. A ``LeadRule`` is a ``str``, so ``rule == "stated"`` holds.

    Examples
    --------
    >>> LeadRule.parse("first") is LeadRule.FIRST
    True
    >>> LeadRule.parse("co-lead")
    Traceback (most recent call last):
    ...
    ValueError: lead rule must be one of stated, first, all, not 'co-lead'
    """

    STATED = "stated"
    FIRST = "first"
    ALL = "all"

    @classmethod
    def parse(cls, value: str | LeadRule) -> LeadRule:
        """The rule named by ``value``; a ``ValueError`` in one line otherwise."""
        try:
            return cls(value)
        except ValueError:
            names = ", ".join(rule.value for rule in cls)
            raise ValueError(f"lead rule must be one of {names}, not {value!r}") from None

    def describe(self, lang: str = "zh") -> str:
        """The rule in words, as a reader of a report wants it.

        Examples
        --------
        >>> LeadRule.STATED.describe()
        '以文件标明的牵头单位为准；未说明时以排在第一位的单位为牵头单位'
        """
        words = {
            ("stated", "zh"): "以文件标明的牵头单位为准；未说明时以排在第一位的单位为牵头单位",
            ("first", "zh"): "以排在第一位的单位为牵头单位",
            ("all", "zh"): "所列单位均为共同牵头单位",
            ("stated", "en"): ("the leads the document names; where it names none, the first unit "
                               "listed leads"),
            ("first", "en"): "the first unit listed leads",
            ("all", "en"): "every unit listed is a co-lead",
        }
        return words[(self.value, "zh" if lang == "zh" else "en")]


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
    lead_rule : LeadRule
        The lead rule the lists were read with (a ``str``): ``stated`` (the
        documents' own words; the first listed where they say nothing),
        ``first`` or ``all``. Where order decided a lead, ``findings`` holds a
        ``lead-from-order`` line naming the list.
    chapters : list of tuple
        ``(list_id, ordinal, name, tasks)`` for every chapter (domain)
        heading, in document order, including headings with no task under
        them, which :meth:`domains` cannot show.
    governments : dict
        list id → :class:`Government` of that list, read from the document
        or given with ``place=``; its aliases and successors are that
        government's.
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
    lead_rule: LeadRule = LeadRule.STATED
    chapters: list[tuple[str, int | None, str, int]] = field(default_factory=list)
    governments: dict[str, Government] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def government(self) -> Government:
        """The one government of every list loaded; an unknown one when they differ or none was read.

        Examples
        --------
        >>> import remit
        >>> remit.load(remit.example_path()).government().place
        '深圳市'
        """
        found = {(g.place, g.level): g for g in self.governments.values()}
        return next(iter(found.values())) if len(found) == 1 else Government()

    def who_leads(self, lang: str = "zh") -> str:
        """How the leads of these lists were read, in words a reader of a report understands.

        Examples
        --------
        >>> import remit
        >>> remit.load(remit.example_path(), lead_rule="all").who_leads("en")
        'every unit listed is a co-lead'
        """
        return self.lead_rule.describe(lang)

    def who_leads_record(self) -> dict[str, Any]:
        """The rule the lists were read with and what decided each list's leads, as ``stats --json``
        prints them (``lead_rule``, ``lead_rule_applied``).

        Examples
        --------
        >>> import remit
        >>> remit.load(remit.example_path()).who_leads_record()
        {'lead_rule': 'stated', 'lead_rule_applied': {'shenzhen-2020-tasks': 'marked'}}
        """
        return {"lead_rule": self.lead_rule.value, "lead_rule_applied": self.applied_lead_rules()}

    def applied_lead_rules(self) -> dict[str, str]:
        """What decided the leads of each list, in words ``check`` and ``stats`` both use.

        Under ``stated``: ``marked`` where the list marks its leads (牵头 columns,
        labels, role words), ``stated: …`` where it states a rule, and
        ``first listed (no rule stated)`` where order decided at least once.

        Examples
        --------
        >>> import remit
        >>> remit.load(remit.example_path()).applied_lead_rules()
        {'shenzhen-2020-tasks': 'marked'}
        """
        lists = dict(zip(self.tasks["source"], self.tasks["list_id"], strict=True))
        applied = {list_id: "marked" if self.lead_rule == LeadRule.STATED else self.lead_rule.value
                   for list_id in dict.fromkeys(self.tasks["list_id"])}
        if self.lead_rule != LeadRule.STATED:
            return applied
        for code, file, message in zip(self.findings["code"], self.findings["file"],
                                       self.findings["message"], strict=True):
            list_id = lists.get(file)
            if list_id is None:
                continue
            if code == "lead-rule-stated":
                applied[list_id] = "stated: " + message.rpartition(": ")[2]
            elif code == "lead-from-order" and applied[list_id] == "marked":
                applied[list_id] = "first listed (no rule stated)"
        return applied

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

    def former_names(self) -> dict[str, tuple[str, ...]]:
        """Unit → the names it had before a restructuring, as the lists wrote them.

        Only a list read as of a date (``remit.load(..., names_as_of=)``)
        maps old names to their successors; each step is in the audit trail.

        Examples
        --------
        >>> import remit
        >>> remit.load(remit.example_path()).former_names()
        {}
        """
        steps = self.audit[self.audit["rule"].str.startswith("successor")]
        found: dict[str, set[str]] = {}
        for unit, before in zip(steps["unit"], steps["before"], strict=True):
            if before != unit:
                found.setdefault(unit, set()).add(before)
        return {unit: tuple(sorted(names)) for unit, names in sorted(found.items())}

    def explain(self, name: str) -> pd.DataFrame:
        """The audit trail of every mention that is, or became, ``name``."""
        hits = self.audit[(self.audit["unit"] == name)
                          | self.audit["raw"].str.replace(r"\s+", "", regex=True).eq(name)]
        return hits.reset_index(drop=True)
