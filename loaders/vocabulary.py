"""The recogniser's word lists: how a body's name ends, and the role words around names.

Both lists are data files in ``loaders/data`` so that they can be read and
extended without touching code:

- ``unit_words.csv``: the closed set of endings of a body's name (部 委 办 局
  厅 … 中心 政府 集团 公司 海关 专班), the words that make a collective
  (各…, 有关…, …部门, …单位) and the level words (省 市 区 县 …);
- ``role_words.csv``: role words (牵头 lead; 配合 参与 参加 support; 负责
  落实 实施 listed, where order or a stated rule decides) and the modifiers
  that may stand before them (按职责分工, 分别, 共同, 具体 …).

A role phrase is any run of modifiers and role words at the end of a unit
list ("按职责分工负责", "牵头负责", "具体实施", "分头落实"); its role is lead if it
holds a lead word, support if it holds a support word, else ``listed``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["Vocabulary", "shipped_vocabulary"]

# Characters no body's name holds: sentence words, digits and signs.
_NOT_A_NAME = re.compile(r"[的把了是%％\d。：:；;！？]|(?<!机)要|进一步|情况|根据|按照")
_TRAILING_NOTE = re.compile(r"（[^（）]*）$")
# Strong role words make a bracket an assignment even when its names are unknown.
_STRONG = ("牵头", "负责", "配合", "参与", "参加", "协助", "协办", "负总责")


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("remit.loaders").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, eq=False)  # hashed by identity: the patterns are cached per list
class Vocabulary:
    """The word lists, with the patterns built from them."""

    suffixes: tuple[str, ...]
    collective_ends: tuple[str, ...]
    collective_starts: tuple[str, ...]
    levels: tuple[str, ...]
    roles: dict[str, str]  # role word → lead / support / listed / label
    modifiers: tuple[str, ...]

    @property
    def role_tail(self) -> re.Pattern[str]:
        """A role phrase at the end of a text, after an optional 等 (group ``phrase``)."""
        return _tail_pattern(self)

    def role_of(self, phrase: str) -> str:
        """``lead``, ``support`` or ``listed`` for a role phrase or a label.

        Examples
        --------
        >>> v = shipped_vocabulary()
        >>> [v.role_of(p) for p in ("牵头负责", "按职责分工配合", "具体实施", "牵头考核单位", "责任单位")]
        ['lead', 'support', 'listed', 'lead', 'listed']
        """
        kinds = {kind for word, kind in self.roles.items() if word in phrase}
        if "lead" in kinds:
            return "lead"
        if "support" in kinds:
            return "support"
        return "listed"

    def is_strong(self, phrase: str) -> bool:
        """Whether a role phrase alone shows an assignment (负责, 牵头 …; not 推进, 实施)."""
        return any(word in phrase for word in _STRONG)

    def is_collective(self, name: str) -> bool:
        """Whether ``name`` is a placeholder for many bodies (各地区, 有关部门, 成员单位).

        Examples
        --------
        >>> v = shipped_vocabulary()
        >>> [v.is_collective(n) for n in ("各地区", "国务院相关部门", "专班成员单位", "市财政局")]
        [True, True, True, False]
        >>> [v.is_collective(n) for n in ("各区", "县直各部门", "市、区市场监管领域相关部门", "全区")]
        [True, True, True, False]
        """
        # "市、区…部门": a list of levels sharing one collective noun.
        return "、" in name or bool(_collective_pattern(self).search(name))

    def is_unit(self, name: str) -> bool:
        """Whether ``name`` looks like a body's name or a collective, and nothing else.

        Examples
        --------
        >>> v = shipped_vocabulary()
        >>> [v.is_unit(n) for n in ("省发展改革委", "崂山实验室", "各有关部门", "济南", "加强监管的")]
        [True, True, True, False, False]
        """
        name = _TRAILING_NOTE.sub("", name)  # 各区政府（新区管委会）: judged by what the note follows
        if not 2 <= len(name) <= 40 or _NOT_A_NAME.search(name):
            return False
        # The closing word must close something: "中央" alone is no body, "共青团中央" is.
        end = _unit_end_pattern(self).search(name)
        return bool(end and end.start() > 0) or self.is_collective(name)

    def may_be_unit(self, name: str) -> bool:
        """Whether an unrecognised ``name`` still reads as a name (中国移动), not words of a sentence.

        Examples
        --------
        >>> v = shipped_vocabulary()
        >>> [v.may_be_unit(n) for n in ("中国移动", "各地根据实际情况", "负责组织实施工作")]
        [True, False, False]
        """
        name = _TRAILING_NOTE.sub("", name)
        if not 2 <= len(name) <= 12 or _NOT_A_NAME.search(name):
            return False
        return not any(word in name for word, kind in self.roles.items() if kind != "label")

    def ends_with_suffix(self, name: str) -> bool:
        """Whether ``name`` ends with a body's closing word (局, 委, 中心 …)."""
        return bool(_unit_end_pattern(self).search(name))

    def suffix_start(self, name: str) -> int | None:
        """Where the closing word of ``name`` starts, or None."""
        match = _unit_end_pattern(self).search(name)
        return match.start() if match else None


@cache
def _tail_pattern(v: Vocabulary) -> re.Pattern[str]:
    cores = _alternation([w for w, k in v.roles.items() if k != "label"])
    mods = _alternation(list(v.modifiers))
    return re.compile(rf"(?:等)?(?P<phrase>(?:(?:{mods})*(?:{cores}))+)$")


@cache
def _unit_end_pattern(v: Vocabulary) -> re.Pattern[str]:
    return re.compile(rf"(?:{_alternation(list(v.suffixes))})$")


@cache
def _collective_pattern(v: Vocabulary) -> re.Pattern[str]:
    starts = _alternation(list(v.collective_starts))
    ends = _alternation(list(v.collective_ends))
    return re.compile(rf"^(?:[省市区县]?(?:{starts})).|(?:{ends})$")


@cache
def shipped_vocabulary() -> Vocabulary:
    """The shipped word lists (read once).

    Examples
    --------
    >>> v = shipped_vocabulary()
    >>> v.role_tail.search("交通运输部及各地区按职责分工负责").group("phrase")
    '按职责分工负责'
    >>> v.role_tail.search("各有关部门分工负责").group("phrase")
    '分工负责'
    """
    units = _rows("unit_words.csv")
    roles = _rows("role_words.csv")
    by_kind: dict[str, list[str]] = {}
    for row in units:
        by_kind.setdefault(row["kind"], []).append(row["word"])
    return Vocabulary(
        suffixes=tuple(by_kind.get("suffix", [])),
        collective_ends=tuple(by_kind.get("collective_end", [])),
        collective_starts=tuple(by_kind.get("collective_start", [])),
        levels=tuple(by_kind.get("level", [])),
        roles={r["word"]: r["kind"] for r in roles if r["kind"] != "modifier"},
        modifiers=tuple(r["word"] for r in roles if r["kind"] == "modifier"),
    )
