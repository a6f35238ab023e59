"""One grammar for a responsibility clause, in prose brackets and table cells alike.

A clause is a sequence of segments cut at ``，；。`` outside brackets. Each
segment is one of:

- a stated lead rule (列第一位者为牵头单位, 排在第一位的部门为牵头部门) or 下同;
- a label and a unit list (牵头单位：A、B; 责任单位：C; 牵头考核单位：D): the
  label gives the role, whatever its words, by the role words it holds;
- a time (2020年底前完成, 6月底完成, 长期坚持): the deadline;
- a unit list and a role phrase (A、B牵头; C按职责分工配合; 由A牵头; A会同B负责);
- a unit list alone, which continues the labelled list before it
  (责任单位：A、B，C、D) or takes the role of the phrase after it;
- anything else: words that are neither a unit nor a role. They are kept in
  ``Clause.unread`` for a finding and never glued into a name.

A unit list is cut by :func:`remit.loaders.units.split_unit_cell` (、 及 和 与,
shared suffixes); a name the recogniser does not accept
(:meth:`~remit.loaders.vocabulary.Vocabulary.is_unit`) goes to ``unread``.
The roles read here are ``lead``, ``support`` or ``listed`` (order or a
stated rule decides); :mod:`remit.loaders.roles` resolves them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from remit.loaders.header import RULE_TEXT
from remit.loaders.units import NamePiece, split_unit_cell
from remit.loaders.vocabulary import shipped_vocabulary

__all__ = ["Clause", "normalise_labels", "parse_clause", "prose_clauses", "segments"]

_WHEN = re.compile(r"\d{4}\s*年|年底|年内|月底|月份?前|月中旬|前完成|长期坚持|持续推进|持续开展|每年|"
                   r"^\d{1,2}\s*月|[一二三四五六七八九十]+月|季度|完成$")
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")
_SCORE = re.compile(r"^[\d.]+\s*分$|^分值|^权重")
_LABEL = re.compile(r"^(?P<label>[^：:，,；;。（）()、\s]{1,12})\s*[:：]\s*")
_UNIT_LABEL = re.compile(r"(?:单位|部门|主体|机构|处室|科室)$")
# Labels that name people, not bodies: 牵头领导：张三, 联系人：李四.
_PERSON_LABEL = re.compile(r"(?:领导|负责人|联系人|责任人|分管)$")
_SPACED_LABEL = re.compile(r"[ \u3000\r\n]+(?=[^\s：:，,；;。（）()、]{0,10}"
                           r"(?:单位|部门|领导|负责人|联系人|牵头|配合|参与|协办)\s*[:：])")
_TIME_LABEL = re.compile(r"时限|时间|期限|节点|进度|完成")
_PROSE_FORM = re.compile(r"由((?:[^。；;，,（）]|（[^（）]*）){2,80}?)牵头(?:负责)?"
                         r"(?:[，,]((?:[^。；;（）]|（[^（）]*）){2,300}?)(?:参加|配合|参与|协助))?(?=[。；;]|$)")


@dataclass
class Clause:
    """One assignment: unit pieces with the role the text gives each.

    Attributes
    ----------
    pieces : list of (NamePiece, str)
        Each name with ``lead``, ``support`` or ``listed``; ``NamePiece.clause``
        numbers the segment a name stood in.
    deadline : str
        A time written in the clause ("2020年底前完成").
    rule : str or None
        A lead rule the clause states ("列第一位者为牵头单位").
    unread : list of str
        Words that are neither a unit nor a role.
    unknown : list of str
        Names kept although the recogniser does not know their ending.
    text : str
        The clause as written.
    """

    pieces: list[tuple[NamePiece, str]] = field(default_factory=list)
    deadline: str = ""
    rule: str | None = None
    unread: list[str] = field(default_factory=list)
    text: str = ""
    unknown: list[str] = field(default_factory=list)

    def copy(self) -> Clause:
        """A copy whose names and lists can be changed independently."""
        return Clause([(piece.copy(), role) for piece, role in self.pieces], self.deadline, self.rule,
                      list(self.unread), self.text, list(self.unknown))

    @property
    def co_leads(self) -> bool:
        """Whether the text itself names more than one lead."""
        return sum(role == "lead" for _, role in self.pieces) > 1


def segments(text: str) -> list[str]:
    """Cut ``text`` at ``，；。`` outside brackets.

    Examples
    --------
    >>> segments("牵头单位：省X厅（省Y局），Z局；完成时限：6月")
    ['牵头单位：省X厅（省Y局）', 'Z局', '完成时限：6月']
    """
    # "牵头单位：A 配合单位：B", "牵头：A⏎配合：B": a label after a space or a line break starts a
    # segment too.
    text = _SPACED_LABEL.sub("；", text)
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]" and depth:
            depth -= 1
        elif depth == 0 and ch in "，,；;。":
            out.append(text[start:i])
            start = i + 1
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _units(text: str, role: str, index: int, clause: Clause, strict: bool = True) -> tuple[int, int]:
    """Add the names of one unit list; return (recognised, unknown) counts.

    A name the recogniser accepts is added. One it does not know but that
    reads as a name (中国移动) is added too and listed in ``unknown``. Words
    of a sentence go to ``unread``: dropped in prose (``strict``), kept in a
    table cell, whose column says it holds units.
    """
    v = shipped_vocabulary()
    partner = ""
    if "会同" in text:  # "A会同B负责": A takes the role, B supports
        text, _, partner = text.partition("会同")
    recognised = unknown = 0
    for part, part_role in ((text, role), (partner, "support")):
        if not part:
            continue
        for piece in split_unit_cell(part):
            if v.is_unit(piece.name):
                recognised += 1
            elif v.may_be_unit(piece.name):
                clause.unknown.append(piece.name)
                unknown += 1
            else:
                clause.unread.append(piece.name)
                if strict:
                    continue
            piece.clause = index
            clause.pieces.append((piece, piece.marker or part_role))
    return recognised, unknown


# "【牵头单位】X", "牵头单位（部门）：X": other ways of writing a label.
_BRACKET_LABEL = re.compile(r"【([^【】：:]{1,10}?(?:单位|部门))】\s*[:：]?")
_LABEL_NOTE = re.compile(r"(单位|部门)[（(](?:单位|部门)[）)](?=\s*[:：])")


def normalise_labels(text: str) -> str:
    """Write every unit label as ``名称：``.

    Examples
    --------
    >>> normalise_labels("【牵头单位】市财政局【配合单位】市税务局")
    '牵头单位：市财政局；配合单位：市税务局'
    >>> normalise_labels("责任单位（部门）：市财政局")
    '责任单位：市财政局'
    """
    text = _LABEL_NOTE.sub(r"\1", text)
    text = _BRACKET_LABEL.sub(r"；\1：", text)
    return text.lstrip("；")


def parse_clause(text: str, default_role: str | None = None) -> Clause | None:
    """Read one responsibility clause.

    Parameters
    ----------
    text : str
        The clause: a bracket's content, a labelled line or a table cell.
    default_role : {"lead", "support", "listed"}, optional
        The role of names with neither a label nor a role phrase: a table
        column's role. Without it (prose), such a text is no clause.

    Returns
    -------
    Clause or None
        None when the text holds no assignment at all: no unit label, and no
        role phrase after a name (or no strong role word such as 负责).

    Examples
    --------
    >>> c = parse_clause("6月底完成，牵头考核单位：市审批服务局")
    >>> [(p.name, r) for p, r in c.pieces], c.deadline
    ([('市审批服务局', 'lead')], '6月底完成')
    >>> c = parse_clause("交通运输部及各地区按职责分工负责")
    >>> [(p.name, r) for p, r in c.pieces]
    [('交通运输部', 'listed'), ('各地区', 'listed')]
    >>> c = parse_clause("税务总局、财政部负责，排在第一位的部门为牵头部门，下同")
    >>> [p.name for p, _ in c.pieces], c.rule
    (['税务总局', '财政部'], '排在第一位的部门为牵头部门')
    >>> c = parse_clause("责任单位：市科技局、市工业和信息化局，青岛海洋科技中心")
    >>> [(p.name, r) for p, r in c.pieces]
    [('市科技局', 'listed'), ('市工业和信息化局', 'listed'), ('青岛海洋科技中心', 'listed')]
    >>> parse_clause("试行") is None, parse_clause("2018—2020年") is None
    (True, True)
    """
    # A list repeats its cells ("市市场监管局" a hundred times): read each text once and hand
    # out copies, since later passes edit the names.
    found = _parse_once(text, default_role)
    return None if found is None else found.copy()


@lru_cache(maxsize=65536)
def _parse_once(text: str, default_role: str | None) -> Clause | None:
    v = shipped_vocabulary()
    strict = default_role is None
    text = normalise_labels(text)
    clause = Clause(text=text)
    assigned = False  # a unit label or a role phrase was met
    carry: str | None = default_role  # the role a bare unit list takes
    pending: list[tuple[str, int]] = []  # bare lists waiting for a role phrase
    for index, segment in enumerate(segments(text)):
        bare = segment.strip("　 ")
        if bare in ("下同", "") or _SCORE.search(bare):
            continue
        if RULE_TEXT.search(bare) and len(bare) <= 40:
            clause.rule = re.sub(r"[，,]?\s*下同$", "", bare)
            continue
        label = _LABEL.match(bare)
        if label:
            name = label.group("label")
            value = bare[label.end():]
            says_role = any(word in name for word in v.roles)
            if _PERSON_LABEL.search(name):
                carry = None  # a person is no unit
            elif _UNIT_LABEL.search(name) or says_role:
                role = v.role_of(name)
                carry = role
                recognised, _ = _units(value, role, index, clause, strict)
                # "财政部门：市财政局负责…" names a topic, not a role: only names make it one.
                assigned = assigned or says_role or recognised > 0
            elif _TIME_LABEL.search(name):
                clause.deadline = value
                carry = default_role
            elif default_role is not None:
                _units(bare, default_role, index, clause, strict)  # a cell's text, kept whole
            else:
                carry = None  # 适用范围：… and what continues it are no units
            continue
        if _WHEN.search(bare) and not any(v.is_unit(_TRAILING_NOTE.sub("", p.name))
                                          for p in split_unit_cell(bare)):
            tail = v.role_tail.search(bare)
            if tail is None or not v.is_strong(tail.group("phrase")):
                clause.deadline = clause.deadline or bare
                continue
        tail = v.role_tail.search(bare)
        if tail is not None:
            phrase = tail.group("phrase")
            names = re.sub(r"^由", "", bare[:tail.start()])
            role = v.role_of(phrase)
            if role == "listed" and default_role is not None:
                role = default_role  # "…按职责分工负责" in a 牵头 column: the column says lead
            if not names and pending:
                names_list, pending = pending, []
                for pending_text, pending_index in names_list:
                    _units(pending_text, role, pending_index, clause, strict)
                assigned = True
                continue
            before = len(clause.unread)
            mark = len(clause.pieces)
            # The whole segment goes to the splitter, which takes the role words off the
            # last name itself and records that step in the audit trail.
            recognised, unknown = _units(bare, role, index, clause, strict) if names else (0, 0)
            accepted = recognised + unknown
            if (accepted and v.is_strong(phrase)) or (recognised and len(clause.unread) == before):
                assigned = True
                # "A、B，各省级人民政府按职责分工负责": the lists before share the phrase, in order.
                current = clause.pieces[mark:]
                del clause.pieces[mark:]
                for pending_text, pending_index in pending:
                    _units(pending_text, role, pending_index, clause, strict)
                clause.pieces.extend(current)
                pending = []
            elif not accepted and v.is_strong(phrase) and names:
                assigned = True
            carry = default_role
            continue
        if carry is not None:
            _units(bare, carry, index, clause, strict)
        else:
            pending.append((bare, index))
    if not assigned and default_role is None:
        return None
    for pending_text, _ in pending:
        clause.unread.append(pending_text)
    return clause


def prose_clauses(text: str) -> list[tuple[int, int, Clause]]:
    """Clauses written as running text: "由A牵头，B、C等参加。" (start, end, clause).

    Only a whole sentence of that form counts: "由X牵头，可会同Y，组织开展…"
    goes on with other words and is no assignment.

    Examples
    --------
    >>> found = prose_clauses("污染处置组。由环境保护部牵头，公安部、水利部等参加。")
    >>> [(p.name, r) for p, r in found[0][2].pieces]
    [('环境保护部', 'lead'), ('公安部', 'support'), ('水利部', 'support')]
    """
    out = []
    for match in _PROSE_FORM.finditer(text):
        if match.start() and text[match.start() - 1] not in "。；;　 ":
            continue
        clause = parse_clause(match.group(0))
        if clause is not None and clause.pieces and not clause.unread:
            out.append((match.start(), match.end(), clause))
    return out
