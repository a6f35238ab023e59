"""Recognise a task table's header row by the synonyms offices use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from remit.loaders.raw import RawRow

__all__ = ["RULE_TEXT", "ColumnMap", "field_of", "match_header"]

# Field → synonyms, most specific first. Matching is on the cell with white
# space and bracketed notes removed ("完成时限（月）" → "完成时限").
SYNONYMS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "序"),
    "domain": ("所属领域", "重点领域", "领域", "类别", "板块", "分类", "改革领域"),
    "lead": ("牵头单位", "牵头部门", "牵头责任单位", "主办单位", "牵头处室", "牵头"),
    "responsible": ("责任单位", "责任部门", "负责部门", "负责单位", "指导部门", "主责单位",
                    "责任主体", "落实单位", "承办单位", "实施单位", "实施主体", "落实部门"),
    "support": ("配合单位", "配合部门", "参与单位", "参与部门", "参加单位", "参加部门", "协办单位",
                "协同单位", "协同部门", "协助单位", "协助部门", "配合"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "时间安排", "进度安排", "时限",
                 "完成期限"),
    "task": ("改革措施", "改革任务", "改革举措", "主要举措", "工作任务", "重点任务", "重点工作",
             "具体措施", "主要任务", "工作内容", "任务内容", "任务名称", "任务", "措施", "举措"),
    # The body of a measure where the task column holds only its name (改革举措 | 主要内容).
    "detail": ("主要内容", "具体内容", "改革内容", "措施内容", "主要措施内容"),
}
_TASK_WORDS = ("任务", "措施", "内容", "举措", "工作")
assert all(any(w in s for w in _TASK_WORDS) for s in SYNONYMS["task"] + SYNONYMS["detail"])
_NOTE = re.compile(r"[（(][^）)]*[）)]")
# A lead rule written once: "列第一位者为牵头单位", "排在第一位的部门为牵头部门", and
# "排名不分先后" (the order says nothing: every listed unit leads alike).
RULE_TEXT = re.compile(r"(?:第一(?:位|个|家|名)?|首位|首个)(?:者|的)?(?:部门|单位)?(?:为|是)牵头(?:单位|部门)"
                   r"|(?:排名|排序|顺序|排列)不分先后")


# A column of people (牵头市领导, 责任人), not of bodies, unless it names the bodies too.
_PEOPLE = re.compile(r"^(?!.*(?:单位|部门)).*(?:领导|负责人|责任人|联系人|分管)$")


def field_of(cell: str) -> str | None:
    """The field a header cell names (``"lead"``, ``"task"``, …), or None.

    White space and bracketed notes are ignored; an exact synonym wins over
    one contained in a longer cell.

    Examples
    --------
    >>> [field_of(c) for c in ["完成时限（月）", "牵 头\\n单 位", "主要责任单位", "备注", ""]]
    ['deadline', 'lead', 'responsible', None, None]
    >>> [field_of(c) for c in ["牵头市领导", "牵头单位及责任人", "落实单位"]]
    [None, 'lead', 'responsible']
    """
    if len(cell) > 60:  # task text, not a header: skip the regexes
        return None
    return _field_of_short(cell)


@lru_cache(maxsize=65536)
def _field_of_short(cell: str) -> str | None:
    text = _NOTE.sub("", re.sub(r"\s+", "", cell))
    if not text or len(text) > 12 or _PEOPLE.search(text):
        return None
    for name, words in SYNONYMS.items():
        if text in words:
            return name
    for name, words in SYNONYMS.items():
        if any(len(w) >= 2 and w in text for w in words):
            return name
    return None


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds which field; -1 where the table has no such column.

    ``leads_from_responsible`` is True when the table has no 牵头 column, so
    its 责任单位 column names the lead (marked with 牵头 where it names
    supporters too).
    """

    width: int
    number: int = -1
    domain: int = -1
    task: int = -1
    lead: int = -1
    responsible: int = -1
    support: tuple[int, ...] = ()
    deadline: int = -1
    detail: int = -1
    first_leads: bool = False  # the header says "第一位为牵头单位" of its 责任单位 column

    @property
    def leads_from_responsible(self) -> bool:
        return self.lead < 0 and self.responsible >= 0

    @property
    def lead_column(self) -> int:
        return self.lead if self.lead >= 0 else self.responsible

    @property
    def support_columns(self) -> tuple[int, ...]:
        if self.lead >= 0 and self.responsible >= 0:
            return (self.responsible, *self.support)
        return self.support


def match_header(row: RawRow) -> ColumnMap | None:
    """Return the column map if ``row`` is a task table header, else None.

    A header names a task column and at least one unit column.

    Examples
    --------
    >>> cols = ("序号", "所属领域", "改革措施", "牵头单位", "责任单位", "完成时限")
    >>> m = match_header(RawRow("line 1", cols))
    >>> m.task, m.lead, m.support_columns, m.deadline
    (2, 3, (4,), 5)
    >>> m = match_header(RawRow("line 1", ("序号", "工作任务", "责任单位", "完成时间")))
    >>> m.leads_from_responsible
    True
    >>> match_header(RawRow("line 9", ("1", "升级平台", "市市场监管局", "2020年1月"))) is None
    True
    """
    # Every task synonym holds one of these words; most data rows have none in
    # a short cell, and are turned away before any cell is matched.
    if not any(len(c) <= 60 and any(word in c for word in _TASK_WORDS) for c in row.cells):
        return None
    found: dict[str, int] = {}
    support: list[int] = []
    for index, cell in enumerate(row.cells):
        name = field_of(cell)
        if name == "support":
            support.append(index)
        elif name and name not in found:
            found[name] = index
        elif name == "responsible":
            support.append(index)
        elif name == "task" and "detail" not in found:
            # 工作任务 | 具体措施: the second task column says what the first names.
            found["detail"] = index
    if "task" not in found and "detail" in found:
        found["task"] = found.pop("detail")
    if "task" not in found or not ({"lead", "responsible"} & found.keys() or support):
        return None
    return ColumnMap(
        width=len(row.cells),
        number=found.get("number", -1),
        domain=found.get("domain", -1),
        task=found["task"],
        lead=found.get("lead", -1),
        responsible=found.get("responsible", -1),
        support=tuple(support),
        deadline=found.get("deadline", -1),
        detail=found.get("detail", -1),
        first_leads=any(RULE_TEXT.search(c) and "不分先后" not in c for c in row.cells),
    )
