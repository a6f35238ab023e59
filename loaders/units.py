"""Split a unit cell into names, and clean each name step by step.

Every change from the source text towards a canonical name is recorded as a
:class:`Step` with the rule that made it, so that a user can see why two
spellings became one unit. Canonical merging through the alias registry and
the shared-prefix rule happen later, in :mod:`remit.loaders.resolve`,
because they need to know every name in every loaded list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from remit.loaders.vocabulary import shipped_vocabulary
from remit.terminal import FORMAT

__all__ = ["NAME_END", "PIECE_END", "NamePiece", "Step", "continues_name", "ends_like_a_name",
           "normalise_punctuation", "opens_with_a_name", "separate_lines", "separates_names",
           "split_unit_cell"]

_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ";": "；", ":": "：",
                        "[": "【", "]": "】", "\u3000": " "})
_SEPARATORS = re.compile(r"[、，；]")
_EMPTY = {"", "无", "暂无", "-", "—", "——", "/", "／", "空", "N/A", "n/a"}
_LEVEL_CHARS = {"省", "市", "区", "县", "镇", "乡", "街道"}
# "A（牵头）", "B（配合单位）": a role in brackets after a name.
_BRACKET_ROLE = re.compile(r"[（〔【]([^（）〔〕【】]{1,12})[）〕】]$")
# "*市发展改革委", "市发展改革委★": a star is how many tables mark the lead.
_STAR = re.compile(r"^[*＊★]+|[*＊★]+$")
_NAMED_LEAD = re.compile(r"为牵头(?:单位|部门)$")
_TRAILING_DENG = re.compile(r"等(?:其他)?(?:有关|相关)?(?:部门|单位|机构)?"
                            r"(?:(?:和|及)(?:有关|相关)?(?:部门|单位|机构))?$")
# "商务部等和各有关省级人民政府": a list closed by 等, then a collective joined by 和.
# "交通运输部、卫生健康委等国务院相关部门": a list closed by 等, then a collective.
_DENG_COLLECTIVE = re.compile(r"^(.+?)等(?:有关|相关)?(?:部门|单位|机构)?(?:和|及|以及)?"
                              r"((?:国务院|中央|省|市|区|县|州)?(?:各|有关|相关|其他).+)$")
# "国务院相关部门及各地区", "市委宣传部和市委网信办": a conjunction between two whole names.
_CONJUNCTION = re.compile(r"以及|及|和|与|并")
# Level words that open a collective spanning a separator: 各省、自治区、直辖市人民政府,
# 各区、县级市政府, 各有关区、县级市政府.
_COLLECTIVE_HEAD = re.compile(r"^(?:各|有关|相关)(?:有关|相关)?"
                              r"(?:省|市|区|县|自治区|直辖市|县级市|地|州|盟|乡|镇)$")
_LEVEL_START = re.compile(r"^(?:省|市|区|县|自治区|直辖市|县级市|地|州|盟|旗|乡|镇)")
_COLLECTIVE_PART = re.compile(r"^(?:省|市|区|县|自治区|直辖市|县级市|地|州|盟|旗|乡|镇)$")
_LEADING_YOU = re.compile(r"^由")
_PAREN_TAIL = re.compile(r"^(.+?)（(.+)）$")


@dataclass(frozen=True)
class Step:
    """One recorded change to a name: ``before`` became ``after`` by ``rule``."""

    rule: str
    before: str
    after: str


@dataclass
class NamePiece:
    """One unit name cut from a cell, with the history of its cleaning.

    Attributes
    ----------
    raw : str
        The piece exactly as it stood in the cell.
    name : str
        The cleaned name so far.
    steps : list of Step
        Every change made, in order.
    marker : str
        ``"lead"`` or ``"support"`` when the text itself said so
        (``X牵头``, ``X配合``), else ``""``.
    second_names : list of str
        Other names of the same body given in brackets
        (``省市场监管局（省知识产权局）``).
    """

    raw: str
    name: str
    steps: list[Step] = field(default_factory=list)
    marker: str = ""
    second_names: list[str] = field(default_factory=list)
    clause: int = 0
    cell: int = 0  # which cell (table) or clause (prose) of its task the name stood in

    def copy(self) -> NamePiece:
        """A copy whose step and name lists can be changed independently."""
        return NamePiece(self.raw, self.name, list(self.steps), self.marker,
                         list(self.second_names), self.clause, self.cell)

    def apply(self, rule: str, new_name: str) -> None:
        """Record ``rule`` and move to ``new_name`` if it changes anything."""
        if new_name != self.name:
            self.steps.append(Step(rule, self.name, new_name))
            self.name = new_name


def normalise_punctuation(text: str) -> str:
    """Unify ASCII and full-width punctuation and drop all white space.

    Examples
    --------
    >>> normalise_punctuation("各区政府(新区管委会)")
    '各区政府（新区管委会）'
    >>> normalise_punctuation("市政务服务数据\\n管理局")
    '市政务服务数据管理局'
    """
    return re.sub(r"\s+", "", text.translate(_PUNCT))


# The last word of a complete unit name (市税务局, 市发展改革委, 深圳海关, 市燃气集团).
_NAME_WORDS = "局|委|办|厅|院|部|署|会|行|司|中心|站|所|处|关|府|集团|公司|组|室"
NAME_END = re.compile(rf"(?:{_NAME_WORDS})$")
# A piece of a unit cell that needs nothing more: a whole name, a collective's
# last word, or a list mark (a cell cut by a page break elsewhere continues a name).
PIECE_END = re.compile(rf"(?:{_NAME_WORDS}|单位|部门|机构|[）)、，,；;])$")
# What continues a name after a line break rather than starting another: a bracketed
# second name, a closing mark, a sub-office (人民银行深圳中心 | 支行, 市人民政府 | 办公厅),
# or the collective noun that closes "各有关 | 部门", "各行业主管部 | 门" (no name starts so).
_CONTINUES = re.compile(r"^(?:[（(）)、，,；;：:]|分|支|办公|直属|派出|所属|下属|大队|中队|党组|委员会"
                        r"|部门|单位|机构)")
_MARKER_END = re.compile(r"(?:牵头|配合|负责|参与)$")  # "市财政局牵头⏎市税务局配合"
_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_LINE_BREAK = re.compile(r"[ \t\u3000]*(?:\r\n|\r|\n)[ \t\u3000]*")


def ends_like_a_name(text: str) -> bool:
    """Whether ``text`` ends like a complete unit name, or with a 牵头/配合 marker after one.

    Examples
    --------
    >>> ends_like_a_name("市税务局"), ends_like_a_name("市财政局牵头"), ends_like_a_name("市政务服务数据")
    (True, True, False)
    """
    return bool(NAME_END.search(text) or _MARKER_END.search(text))


def continues_name(before: str, after: str) -> bool:
    """Whether the text ``after`` a break goes on with the name that ``before`` ends with.

    It does when ``after`` opens with a closing mark, a bracket, a
    sub-office or a collective noun, when the break falls inside 部门, when
    ``before`` leaves a bracket open, or when ``after``'s first name is a
    single character ("管委" / "会）").

    Examples
    --------
    >>> continues_name("各区政府", "（新区管委会）、市财政局"), continues_name("各行业主管部", "门")
    (True, True)
    >>> continues_name("各区政府（新区管委", "会）"), continues_name("市公安局", "市税务局")
    (True, False)
    """
    before = re.split(r"[、，,；;]", before)[-1]
    head = re.sub(r"[）)」』”’》〉]", "", re.split(r"[、，,；;\s]", after, maxsplit=1)[0])
    in_brackets = before.count("（") + before.count("(") > before.count("）") + before.count(")")
    return (len(head) < 2 or bool(_CONTINUES.match(after)) or in_brackets
            or (before.endswith("部") and after.startswith("门")))


def opens_with_a_name(text: str) -> bool:
    """Whether ``text`` opens with a whole unit name of its own: a level word, or 各, then a name.

    A wrap can leave the tail of a name that ends like one ("市司" / "法局",
    "市人力资源社会" / "保障局"); such a tail does not open with a level word.

    Examples
    --------
    >>> opens_with_a_name("市司法局、市财政局"), opens_with_a_name("各有关单位"), opens_with_a_name("法局")
    (True, True, False)
    """
    head = re.split(r"[、，,；;\s（(]", text, maxsplit=1)[0]
    return len(head) >= 3 and bool((_LEVEL_START.match(head) or head.startswith("各"))
                                   and (ends_like_a_name(head) or PIECE_END.search(head)))


def separate_lines(cell: str) -> str:
    """Turn a line break between two whole unit names into ``、``; other breaks stay.

    A cell that lists its units one a line ("市公安局⏎市税务局", hard
    breaks in Word or Excel) names two units; a name wrapped inside
    ("市政务服务数据⏎管理局", "深汕特别合作区管委⏎会") is one. A break
    separates when the text before it ends like a complete name and the text
    after it is two characters or more and does not continue that name.

    Examples
    --------
    >>> separate_lines("市公安局\\n市税务局\\n市人力资源社会保障局")
    '市公安局、市税务局、市人力资源社会保障局'
    >>> separate_lines("市政务服务数据\\n管理局、市住房建\\n设局")
    '市政务服务数据\\n管理局、市住房建\\n设局'
    >>> separate_lines("深汕特别合作区管委\\n会"), separate_lines("人民银行深圳中心\\n支行")
    ('深汕特别合作区管委\\n会', '人民银行深圳中心\\n支行')
    >>> separate_lines("各区政府（新区管委\\n会）")
    '各区政府（新区管委\\n会）'
    >>> separate_lines("市财政局牵头\\n市税务局配合")
    '市财政局牵头、市税务局配合'
    >>> separate_lines("市市场监管局\\n（市知识产权局）")
    '市市场监管局\\n（市知识产权局）'
    >>> separate_lines("市财政局、各行业主管部\\n门按职责分工负责")
    '市财政局、各行业主管部\\n门按职责分工负责'
    >>> separate_lines("市发展改革委 市财政局　深圳海关"), separate_lines("市发展 改革委 市人民政府 办公厅")
    ('市发展改革委、市财政局、深圳海关', '市发展 改革委、市人民政府 办公厅')
    """
    if _SPACE_RUN.search(cell):
        cell = "\n".join(_separate_spaces(line) for line in cell.split("\n"))
    if "\n" not in cell and "\r" not in cell:
        return cell
    parts = _LINE_BREAK.split(cell)
    out = parts[0]
    for part in parts[1:]:
        whole = ends_like_a_name(re.split(r"[、，,；;]", out)[-1]) and not continues_name(out, part)
        out += ("、" if whole else "\n") + part
    return out


def _separate_spaces(line: str) -> str:
    """Turn a space between two whole unit names into ``、`` ("市公安局 市税务局", "深圳海关　市税务局").

    Spaces inside one line are stricter than line breaks: PDFs and justified
    cells put spaces inside names ("市发展 改革委", "市人民政府 办公厅"), so both
    sides must be whole names of three characters or more.
    """
    parts = _SPACE_RUN.split(line.strip(" \t\u3000\u00a0"))
    out = parts[0]
    for part in parts[1:]:
        out += ("、" if separates_names(out, part) else " ") + part
    return out


def separates_names(before: str, after: str) -> bool:
    """Whether a space between ``before`` and ``after`` parts two whole unit names.

    Both sides must be whole names of three characters or more, and ``after`` must not
    go on with the name before it.

    Examples
    --------
    >>> separates_names("市发展改革委", "市财政局"), separates_names("市发展", "改革委")
    (True, False)
    >>> separates_names("市人民政府", "办公厅"), separates_names("推进", "市财政局改革")
    (False, False)
    >>> separates_names("市人力资源和社会", "保障局"), separates_names("市税务局", "深圳海关")
    (False, True)
    """
    name = re.split(r"[、，,；;：:（(]", before)[-1]
    head = re.split(r"[、，,；;：:\s（(]", after, maxsplit=1)[0]
    # A short tail without its level ("市人力资源和社会 保障局", "中共深圳市委 宣传部") is
    # more likely the end of one name than a second one.
    return (len(name) >= 3 and ends_like_a_name(name) and len(head) >= 3
            and (ends_like_a_name(head) or bool(PIECE_END.search(head)))
            and (len(head) >= 4 or opens_with_a_name(head))
            and not continues_name(before, after))


def _cut(cell: str) -> list[tuple[str, int]]:
    """Cut a cell on the separators; return pieces with their clause index.

    A clause ends at ``，`` or ``；`` ("A牵头，B配合"); ``、`` joins names
    within a clause. A line break between two whole names is a ``、``
    (:func:`separate_lines`). A separator inside brackets is part of a name
    (各县（市、区）人民政府).
    """
    pieces: list[tuple[str, int]] = []
    clause, start = 0, 0
    cell = separate_lines(cell)
    unified = cell.translate(_PUNCT)
    depth = [0] * (len(unified) + 1)
    for i, ch in enumerate(unified):
        depth[i + 1] = depth[i] + (ch == "（") - (ch == "）" and depth[i] > 0)
    balanced = depth[-1] == 0  # an unclosed bracket (a cell cut short) protects nothing
    for match in _SEPARATORS.finditer(unified):
        if balanced and depth[match.start()] > 0:
            continue
        pieces.append((cell[start:match.start()], clause))
        if match.group() != "、":
            clause += 1
        start = match.end()
    pieces.append((cell[start:], clause))
    return pieces


def split_unit_cell(cell: str) -> list[NamePiece]:
    """Split one 牵头单位/责任单位 cell into cleaned :class:`NamePiece` objects.

    Examples
    --------
    >>> [p.name for p in split_unit_cell("市政务服务数据\\n管理局、市住房建\\n设局")]
    ['市政务服务数据管理局', '市住房建设局']
    >>> [p.name for p in split_unit_cell("市财政局，市、区市场监管领域相关部门")]
    ['市财政局', '市、区市场监管领域相关部门']
    >>> p = split_unit_cell("深圳海关按部门职责分工负责")[0]
    >>> p.name, [s.rule for s in p.steps]
    ('深圳海关', ['responsibility-phrase'])
    >>> [(p.name, p.marker) for p in split_unit_cell("省X厅牵头，省Y局按职责分工负责")]
    [('省X厅', 'lead'), ('省Y局', '')]
    >>> p = split_unit_cell("省市场监管局（省知识产权局）")[0]
    >>> p.name, p.second_names
    ('省市场监管局', ['省知识产权局'])
    >>> [p.name for p in split_unit_cell("各县（市、区）人民政府、市财政局")]
    ['各县（市、区）人民政府', '市财政局']
    >>> split_unit_cell("无")
    []
    """
    # Cells repeat a lot across a list ("市市场监管局"); split each text once
    # and hand out copies, since later passes edit the pieces.
    return [piece.copy() for piece in _split_once(cell)]


@lru_cache(maxsize=65536)
def _split_once(cell: str) -> tuple[NamePiece, ...]:
    if normalise_punctuation(cell) in _EMPTY:
        return ()
    raw_pieces = _cut(cell)
    # "市、区市场监管领域相关部门": a lone level word is not a unit; it shares
    # the rest of the name with the piece that follows.
    merged: list[tuple[str, int]] = []
    carry = ""
    for index, (raw, clause) in enumerate(raw_pieces):
        word = normalise_punctuation(raw)
        after = normalise_punctuation(raw_pieces[index + 1][0]) if index + 1 < len(raw_pieces) else ""
        opens_collective = (_COLLECTIVE_HEAD.match(word) or (
            carry.startswith("各") and _COLLECTIVE_PART.match(word))) and bool(
            _LEVEL_START.match(after))
        if word in _LEVEL_CHARS or opens_collective:
            carry += raw + "、"
            continue
        merged.append((carry + raw, clause))
        carry = ""
    if carry:
        merged.append((carry.rstrip("、"), raw_pieces[-1][1]))

    pieces: list[NamePiece] = []
    for raw, clause in merged:
        if not raw.strip():
            continue
        piece = NamePiece(raw=raw, name=raw, clause=clause)
        piece.apply("whitespace", re.sub(r"\s+", "", raw))
        piece.apply("format-characters", FORMAT.sub("", piece.name))  # U+202E, U+200B, U+FEFF…
        piece.apply("punctuation", piece.name.translate(_PUNCT))
        piece.apply("leading-you", _LEADING_YOU.sub("", piece.name))
        _strip_markers(piece)
        queue = [piece]
        collective = _split_deng_collective(piece)
        if collective is not None:
            _strip_markers(piece)  # "按职责分工负责等各区政府": what stood before 等 may be role words only
            queue.append(collective)
        for part in queue:
            for named in _split_conjunction(part):
                _split_second_name(named)
                if named.name and named.name not in _EMPTY:
                    pieces.append(named)
    _share_suffix(pieces)
    return tuple(pieces)


def _split_conjunction(piece: NamePiece) -> list[NamePiece]:
    """Cut "国务院相关部门及各地区" into two names where both sides are whole names.

    "市工业和信息化局" stays one: "市工业" is no name.
    """
    v = shipped_vocabulary()
    for match in _CONJUNCTION.finditer(piece.name):
        left, right = piece.name[:match.start()], piece.name[match.end():]
        if v.is_unit(left) and not _in_brackets(left) and _whole_names(right):
            first = piece.copy()
            first.apply("conjunction", left)
            rest = piece.copy()
            rest.apply("conjunction", right)
            return [first, *_split_conjunction(rest)]
    return [piece]


def _in_brackets(text: str) -> bool:
    return text.count("（") > text.count("）")


def _whole_names(text: str) -> bool:
    v = shipped_vocabulary()
    head = _CONJUNCTION.split(text, maxsplit=1)[0]
    if head in v.collective_ends:
        return False  # "国务院相关部门和单位及各地区": 单位 alone names no one
    return v.is_unit(text) or any(
        v.is_unit(text[:m.start()]) and _whole_names(text[m.end():]) for m in _CONJUNCTION.finditer(text))


_PLACE_HEAD = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_LEVEL_AT = re.compile(r"(?<=^[\u4e00-\u9fff]{2})[省市区县州]|(?<=^[\u4e00-\u9fff]{3})[省市区县州]"
                       r"|(?<=^[\u4e00-\u9fff]{4})[省市区县州]")


def _share_suffix(pieces: list[NamePiece]) -> None:
    """Give "济南、青岛" the 市政府 of "烟台市政府" that closes their list.

    Only bare place names (two to four characters that are no name on their
    own) borrow, and only from the name right after them in the same clause.
    """
    v = shipped_vocabulary()
    run: list[NamePiece] = []
    for piece in pieces:
        if _PLACE_HEAD.match(piece.name) and not v.is_unit(piece.name):
            if run and run[-1].clause != piece.clause:
                run = []
            run.append(piece)
            continue
        level = _LEVEL_AT.search(piece.name)
        if run and level and run[-1].clause == piece.clause and v.is_unit(piece.name):
            suffix = piece.name[level.start():]
            for short in run:
                short.apply("shared-suffix", short.name + suffix)
        run = []


def _split_deng_collective(piece: NamePiece) -> NamePiece | None:
    """Cut "X等和各有关省级人民政府" into X (kept in ``piece``) and the collective (returned)."""
    match = _DENG_COLLECTIVE.match(piece.name)
    if not match:
        return None
    collective = piece.copy()
    collective.apply("deng-collective", match.group(2))
    piece.apply("deng-collective", match.group(1))
    return collective


def _strip_markers(piece: NamePiece) -> None:
    """Take role words off the end of a name, keeping the role they give.

    Markers can stack ("X等部门按职责分工负责", "X牵头负责", even "X牵头牵头");
    each pass shortens the name, so this ends.
    """
    v = shipped_vocabulary()
    while True:
        before = piece.name
        bracket = _BRACKET_ROLE.search(piece.name)
        if bracket and v.role_tail.fullmatch(bracket.group(1).removesuffix("单位")):
            _mark(piece, v.role_of(bracket.group(1)), piece.name[:bracket.start()])
        if _NAMED_LEAD.search(piece.name):
            _mark(piece, "lead", _NAMED_LEAD.sub("", piece.name))
        if _STAR.search(piece.name) and len(_STAR.sub("", piece.name)) >= 2:
            _mark(piece, "lead", _STAR.sub("", piece.name))
        tail = v.role_tail.search(piece.name)
        if tail is not None:  # a piece that is all role words goes
            _mark(piece, v.role_of(tail.group("phrase")), piece.name[:tail.start()])
        piece.apply("trailing-deng", _TRAILING_DENG.sub("", piece.name))
        if piece.name == before:
            return


def _mark(piece: NamePiece, role: str, rest: str) -> None:
    if role == "lead":
        piece.marker = "lead"
        piece.apply("lead-marker", rest)
    elif role == "support":
        piece.marker = piece.marker or "support"
        piece.apply("support-marker", rest)
    else:
        piece.apply("responsibility-phrase", rest)


def _split_second_name(piece: NamePiece) -> None:
    match = _PAREN_TAIL.match(piece.name)
    if not match:
        return
    outer, inner = match.group(1), match.group(2)
    # Only a bracketed *name* of the same level is a second name; a
    # qualification such as 各区政府（新区管委会） stays part of the name.
    if outer[:1] in _LEVEL_CHARS and inner[:1] == outer[:1] and len(inner) >= 3:
        piece.second_names.append(inner)
        piece.apply("second-name", outer)
