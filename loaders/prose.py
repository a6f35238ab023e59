"""Read measures and their responsible units from a document's running text.

National and provincial documents do not tabulate their tasks: they number
measures (一、 / （一） / 1. / （1） / ① / 1.2.1) and write who is responsible
after each one, in brackets (``（A、B负责）``, ``（牵头单位：X；配合单位：Y）``),
on lines of their own (``牵头单位：X``), or as the subject of the sentence
(``（5）铁道部、交通部负责…``). This module reads that text whatever format
it came from; :mod:`remit.loaders.textlines` and the PDF/docx readers give it
the lines.

The reading, in order:

1. Lines become a tree of numbered items. Levels are ranked by kind
   (一、 above （一） above 1. above （1） above ①; 1 above 1.1 above 1.1.1),
   so a document may skip a level. Text before the first number (a covering
   letter), a table of contents and a signature block are not items.
2. Every item's own text is searched for assignments. Brackets whose content
   ends in 负责 or names 牵头单位/责任单位… fields are assignments; other
   brackets (省（区、市）, （试行）, （2018—2020年）) are left in the text.
3. A measure is the smallest numbered item with an assignment of its own or
   inherited from a group heading above it. The top level above the
   measures is the chapter, which becomes the domain.
4. The lead rule decides who leads among units listed without a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from remit.errors import NoTaskTableError
from remit.loaders.deadlines import Deadline, parse_deadline
from remit.loaders.findings import Finding
from remit.loaders.header import LEAD_RULE
from remit.loaders.ordinals import chinese_to_int
from remit.loaders.table import DraftTask
from remit.loaders.textlines import TextLine
from remit.loaders.units import NamePiece, split_unit_cell

__all__ = ["COUNT_NOTE", "LEAD_RULES", "Chapter", "LeadRule", "ProseReading", "read_prose"]

LeadRule = Literal["stated", "first", "all"]
LEAD_RULES: tuple[str, ...] = ("stated", "first", "all")
NO_RESPONSIBILITIES = ("no responsibilities found: expected 牵头单位/责任单位 or '…负责' after the "
                       "measures")

_CN = "[一二三四五六七八九十百零〇两]+"
_CJK = "\u4e00-\u9fff"
# (pattern, kind, rank). Lower rank = higher level. Decimal numbers get the
# rank of their depth, computed below.
_NUMBERINGS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(rf"^({_CN})\s*[、．.]\s*"), "cn", 10),
    (re.compile(rf"^第({_CN})(?:章|部分)\s*"), "cn", 10),
    (re.compile(rf"^[（(]\s*({_CN})\s*[）)]\s*[、.．]?\s*"), "pcn", 20),
    (re.compile(r"^(\d{1,2}(?:[.．]\d{1,2}){1,4})(?:[.．]?[\s\u3000]+|(?=[（\u4e00-\u9fff]))"
                r"(?![倍万亿元个年月日天周小时分秒米吨台套次人家所项%％])"), "dec", 0),
    (re.compile(rf"^(\d{{1,2}})[\s\u3000]+(?=[{_CJK}])"), "dec", 0),
    (re.compile(r"^(\d{1,3})\s*[.．、](?![\d])\s*"), "arabic", 30),
    (re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*"), "parabic", 40),
    (re.compile(r"^([①-⑳])\s*"), "circled", 50),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

_LABELS = {
    "牵头单位": "lead", "牵头部门": "lead", "主办单位": "lead", "主责单位": "lead",
    "牵头责任单位": "lead", "牵头": "lead",
    "责任单位": "listed", "责任部门": "listed", "负责部门": "listed", "负责单位": "listed",
    "指导部门": "listed", "实施单位": "listed", "责任主体": "listed",
    "配合单位": "support", "配合部门": "support", "参与单位": "support", "参与部门": "support",
    "协办单位": "support", "协同单位": "support", "配合": "support", "参加单位": "support",
    "参加部门": "support", "协助单位": "support", "协同部门": "support",
    "完成时限": "deadline", "完成时间": "deadline", "时间安排": "deadline",
    "进度安排": "deadline", "时限": "deadline", "时间节点": "deadline",
    "适用范围": "scope", "实施范围": "scope",
}
_LABEL = "|".join(sorted(_LABELS, key=len, reverse=True))
_FIELD = re.compile(rf"(?:^|(?<=[；;，,。\s]))({_LABEL})\s*[:：]\s*")
_RULE = LEAD_RULE
# "（以上单位排名不分先后）": the order says nothing, every listed unit leads alike.
_UNORDERED = re.compile(r"不分先后")
_DUTY_TAIL = re.compile(r"(?:按照?(?:部门|各自)?职责(?:分工)?(?:分别|各自)?|分别|共同|各自)?"
                        r"(?:负责(?:落实|实施|推进|组织实施)?|落实)$")
# Words no body's name holds; "以上" is allowed (各地级以上市人民政府, 县级以上地方人民政府).
_NOT_NAME = re.compile(r"[的对在要将把从向了是%\d]|根据|情况|实际|以及|进一步|加强|推进")
_DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九十○Ｏ]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日$")
_END_MARKS = ("扫一扫在手机打开当前页", "【打印】", "【关闭窗口】")
_BODY = rf"[{_CJK}]{{1,16}}?(?:部|委|局|办|署|行|公司|院|会|厅|中心|政府|集团|总站|室|社|联)"
_SUBJECT = re.compile(
    rf"^((?:{_BODY})(?:(?:、|及)(?:{_BODY}))*)"
    rf"(?:会同((?:{_BODY}|(?:国务院|其他)?(?:有关|相关)部门(?:（单位）)?)"
    rf"(?:(?:、|及)(?:{_BODY}))*)|(?=负责|按|，))"
    rf"[^。；]*?负责")
# Words that show a sentence opening is not a body's name ("本预案由国务院办公厅负责…").
_NOT_SUBJECT = re.compile(r"[由据的在对将把从向经当如若]")
# "一、优化服务（共5项）": the count a chapter heading states.
COUNT_NOTE = re.compile(r"\s*[（(]\s*共\s*(\d+)\s*(?:项|条|个)\s*(?:任务|措施)?\s*[）)]")


@dataclass
class _Clause:
    """One assignment: pieces with the role the text gives them (``listed``: by order)."""

    pieces: list[tuple[NamePiece, str]]
    co_leads: bool = False  # "A、B牵头负责": the text names every one a lead
    deadline: str = ""  # "（X负责，2020年底前完成）"


@dataclass
class _Item:
    kind: str
    rank: int
    number: int
    locator: str
    head: str
    paragraphs: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)
    parent: _Item | None = None
    clauses: list[_Clause] = field(default_factory=list)
    deadline: str = ""
    closed: bool = False  # an assignment ended a paragraph: later loose text is not ours
    extra_locators: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join([self.head, *self.paragraphs])


@dataclass(frozen=True)
class Chapter:
    """A top-level heading of a prose document: one domain, even with no tasks."""

    ordinal: int | None
    name: str
    tasks: int
    stated_count: int | None = None


@dataclass
class ProseReading:
    """What the prose reader found in one document."""

    drafts: list[DraftTask]
    findings: list[Finding]
    chapters: list[Chapter]
    rule: str | None  # the lead rule as the document states it, if it does


def _numbering(text: str) -> tuple[str, int, int, str] | None:
    """(kind, rank, number, rest) of a numbered line, or None."""
    for pattern, kind, rank in _NUMBERINGS:
        match = pattern.match(text)
        if not match:
            continue
        raw = match.group(1)
        rest = text[match.end():].strip()
        if not rest:
            return None
        if kind == "dec":
            parts = re.split(r"[.．]", raw)
            if len(parts) == 1 and (len(rest) > 30 or "。" in rest):
                continue  # "3 个工作日内…": a number in running text, not a chapter
            return f"dec{len(parts)}", 10 * len(parts), int(parts[-1]), rest
        if kind == "circled":
            return kind, rank, _CIRCLED.index(raw) + 1, rest
        value = int(raw) if raw.isdecimal() else chinese_to_int(raw)
        if value is None:
            continue
        return kind, rank, value, rest
    return None


def _brackets(text: str) -> list[tuple[int, int, str]]:
    """Top-level bracket groups of ``text``: (start, end, content)."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "（(":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
            if depth == 0:
                out.append((start, i + 1, text[start + 1:i]))
    return out


def _looks_like_names(pieces: list[NamePiece]) -> bool:
    return bool(pieces) and all(
        2 <= len(p.name) <= 30 and not _NOT_NAME.search(p.name) for p in pieces)


_WHEN = re.compile(r"\d{4}\s*年|年底|年内|月底|前完成|长期坚持|持续推进|持续开展|每年")


def _duty_clause(text: str) -> _Clause | None:
    """Read "A、B负责", "A牵头，B参与", "A会同B负责" (without brackets) as a clause."""
    text = text.strip().rstrip("。；;，,")
    # "X负责，2020年底前完成": a time clause is the deadline, not a unit.
    parts = re.split(r"[，,]", text)
    when = [p for p in parts if _WHEN.search(p) and "负责" not in p]
    deadline = when[-1].strip() if when else ""
    # "X负责，Y配合": each comma clause loses its own 负责.
    kept = [p for p in parts if p not in when]
    text = "，".join([_DUTY_TAIL.sub("", p) for p in kept[:-1]] + kept[-1:])
    if not text:
        return None
    co_leads = bool(re.search(r"牵头负责$", text))
    if not co_leads:
        stripped = _DUTY_TAIL.sub("", text)
        if stripped == text and not re.search(r"(?:牵头|参与|配合|协助)$", text):
            return None
        text = stripped
    else:
        text = text[:-2]
    partner = ""
    if "会同" in text:
        text, _, partner = text.partition("会同")
    pieces = split_unit_cell(text)
    partner_pieces = split_unit_cell(partner) if partner else []
    if not _looks_like_names(pieces) or (partner and not _looks_like_names(partner_pieces)):
        return None
    # "A牵头，B、C参与": a marker at the end of a clause names every unit in it.
    lead_clauses = {p.clause for p in pieces if p.marker == "lead"}
    support_clauses = {p.clause for p in pieces if p.marker == "support"} - lead_clauses
    roles: list[tuple[NamePiece, str]] = []
    for piece in pieces:
        if piece.clause in lead_clauses:
            roles.append((piece, "lead"))
        elif piece.clause in support_clauses:
            roles.append((piece, "support"))
        else:
            roles.append((piece, "listed"))
    if lead_clauses:
        # Beside a unit marked 牵头, the unmarked ones are the others responsible.
        roles = [(p, "support" if r == "listed" else r) for p, r in roles]
    roles.extend((p, "support") for p in partner_pieces)
    return _Clause(roles, co_leads=co_leads or sum(r == "lead" for _, r in roles) > 1,
                   deadline=deadline)


def _field_clause(text: str, item: _Item | None) -> _Clause | None:
    """Read "牵头单位：X；配合单位：Y；完成时限：…" as a clause (and a deadline)."""
    matches = list(_FIELD.finditer(text))
    if not matches or text[:matches[0].start()].strip("（(；;，,。 "):
        return None
    roles: list[tuple[NamePiece, str]] = []
    explicit = False
    for match, after in zip(matches, [*matches[1:], None], strict=True):
        value = text[match.end(): after.start() if after else len(text)].strip("；;，,。 ")
        role = _LABELS[match.group(1)]
        if role == "deadline":
            if item is not None and value:
                item.deadline = value
            continue
        if role == "scope" or not value:
            continue
        pieces = split_unit_cell(_DUTY_TAIL.sub("", value))
        if not _looks_like_names(pieces):
            return None
        if role == "listed":
            # "责任单位：省发展改革委（牵头）、省财政厅": a marker in the list names the lead.
            marked = [(p, p.marker or "listed") for p in pieces]
            if any(r == "lead" for _, r in marked):
                marked = [(p, "support" if r == "listed" else r) for p, r in marked]
            explicit = explicit or any(r == "lead" for _, r in marked)
            roles.extend(marked)
            continue
        explicit = explicit or role == "lead"
        roles.extend((p, role) for p in pieces)
    if not roles:
        return _Clause([]) if item is not None and item.deadline else None
    if explicit:
        # Beside a 牵头单位 field, 责任单位/负责部门 names the others responsible: support.
        roles = [(p, "support" if r == "listed" else r) for p, r in roles]
    return _Clause(roles, co_leads=sum(r == "lead" for _, r in roles) > 1)


class _Reader:
    """Reads assignment brackets, and remembers a lead rule once the document states it."""

    def __init__(self) -> None:
        self.rule: str | None = None

    def bracket_clauses(self, item: _Item, paragraph: str) -> tuple[str, bool]:
        """Find assignment brackets in one paragraph; return the text without them.

        The bool says whether the paragraph ends with an assignment.
        """
        kept: list[str] = []
        last = 0
        ends_with = False
        for start, end, content in _brackets(paragraph):
            clause = self.read_bracket(item, content)
            if clause is None:
                continue
            kept.append(paragraph[last:start])
            last = end
            if clause.pieces:
                item.clauses.append(clause)
            if clause.deadline and not item.deadline:
                item.deadline = clause.deadline
            if not paragraph[end:].strip("。；; "):
                ends_with = True
        kept.append(paragraph[last:])
        text = "".join(kept)
        # "…做好工作。牵头单位：X；配合单位：Y。": fields written inline after the text.
        for match in _FIELD.finditer(text):
            before = text[:match.start()].rstrip()
            if match.start() and before[-1:] not in ("。", "；", ";", "，", ","):
                continue
            tail = text[match.start():]
            clause = _field_clause(tail, item)
            if clause is not None:
                if clause.pieces:
                    item.clauses.append(clause)
                return before, True
        return text, ends_with

    def read_bracket(self, item: _Item | None, content: str) -> _Clause | None:
        content = content.strip()
        if len(content) > 300 or not content:
            return None
        field = _field_clause(content, item)
        if field is not None:
            return field
        # "A、B负责。列第一位者为牵头单位，下同": sentences; one is the duty.
        duty: _Clause | None = None
        rule = None
        when = ""
        for sentence in re.split(r"[。；;]", content):
            sentence = sentence.strip("，, ")
            if not sentence or sentence == "下同":
                continue
            if _RULE.search(sentence) and len(sentence) <= 40:
                rule = re.sub(r"[，,]?\s*下同$", "", sentence)
                continue
            if _WHEN.search(sentence) and not re.search(r"负责|牵头|配合|参与|协助", sentence):
                when = sentence  # "…配合；2020年底前完成": the deadline sentence
                continue
            found = _duty_clause(sentence)
            if found is None or duty is not None:
                return None
            duty = found
        if duty is None:
            return None
        if rule and self.rule is None:
            self.rule = rule
        duty.deadline = duty.deadline or when
        return duty


def _skip_toc(lines: list[TextLine]) -> list[TextLine]:
    """Drop a table of contents (目录 and the headings it repeats)."""
    for i, line in enumerate(lines):
        if re.sub(r"\s", "", line.text) not in ("目录", "目次"):
            continue
        first = next((j for j in range(i + 1, len(lines)) if _numbering(lines[j].text)), None)
        if first is None:
            return lines
        key = re.sub(r"\s", "", lines[first].text)
        again = next((j for j in range(first + 1, len(lines))
                      if re.sub(r"\s", "", lines[j].text) == key), None)
        if again is None:
            return lines
        return lines[:i] + lines[again:]
    return lines


def _is_signature(lines: list[TextLine], i: int) -> bool:
    text = lines[i].text
    if _DATE_LINE.match(text) or re.fullmatch(r"[（(]此件[^）)]*[）)]", text):
        return True
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return (len(text) <= 25 and not re.search(r"[，。；：、]", text)
            and bool(_DATE_LINE.match(nxt)))


def _parse_tree(lines: list[TextLine], reader: _Reader) -> list[_Item]:
    roots: list[_Item] = []
    stack: list[_Item] = []
    current: _Item | None = None
    for i, line in enumerate(lines):
        text = line.text
        if any(mark in text for mark in _END_MARKS):
            break
        if _is_signature(lines, i):
            # After a signature, loose lines (a page footer's "主办单位：…") belong
            # to no measure; numbered ones may start a new part (a plan after its 函).
            current = None
            continue
        numbered = _numbering(text)
        if numbered is not None:
            kind, rank, number, rest = numbered
            while stack and stack[-1].rank >= rank:
                stack.pop()
            item = _Item(kind, rank, number, line.locator, "")
            if stack:
                item.parent = stack[-1]
                stack[-1].children.append(item)
            else:
                roots.append(item)
            stack.append(item)
            current = item
            item.head, ends = reader.bracket_clauses(item, rest)
            item.closed = ends
            continue
        if current is None:
            continue  # the covering letter or preamble before the first number
        field = _field_clause(text, current)
        if field is not None:
            if field.pieces:
                current.clauses.append(field)
            current.extra_locators.append(line.locator)
            continue
        before = len(current.clauses)
        kept, ends = reader.bracket_clauses(current, text)
        if current.closed and len(current.clauses) == before:
            # Loose text after a measure's assignment, with none of its own: a
            # closing paragraph. (A PDF may break a measure after a bracket; the
            # part after it has brackets of its own and is kept.)
            continue
        current.paragraphs.append(kept)
        current.extra_locators.append(line.locator)
        current.closed = ends
    return roots


def _walk(items: list[_Item]) -> list[_Item]:
    out: list[_Item] = []
    for item in items:
        out.append(item)
        out.extend(_walk(item.children))
    return out


def _subject_clauses(items: list[_Item]) -> None:
    """The fallback for documents without brackets: "X、Y负责…" as an item's subject."""
    for item in items:
        match = _SUBJECT.match(item.head)
        if not match:
            continue
        if _NOT_SUBJECT.search(match.group(1)):
            continue
        subject = match.group(1).replace("及", "、")
        pieces = split_unit_cell(subject)
        partners = split_unit_cell(match.group(2)) if match.group(2) else []
        if not _looks_like_names(pieces):
            continue
        item.clauses.append(_Clause([(p, "listed") for p in pieces]
                                    + [(p, "support") for p in partners]))


def _measures(items: list[_Item]) -> list[tuple[_Item, list[_Clause]]]:
    """The smallest numbered items with an assignment, own or inherited."""
    out: list[tuple[_Item, list[_Clause]]] = []

    def visit(item: _Item, inherited: list[_Clause]) -> None:
        own = item.clauses or inherited
        assigned_below = any(c.clauses for c in _walk(item.children))
        if item.children and (assigned_below or item.clauses):
            for child in item.children:
                visit(child, own)
            return
        if own:
            out.append((item, own))

    for root in items:
        visit(root, [])
    return out


def _resolve_roles(clauses: list[_Clause], rule: LeadRule,
                   ) -> tuple[list[tuple[NamePiece, str]], bool]:
    """Roles of every piece of a measure; the bool says whether order decided a lead."""
    roles: dict[str, tuple[NamePiece, str]] = {}
    by_order = False
    for clause in clauses:
        listed = [p for p, r in clause.pieces if r == "listed"]
        leads = [p for p, r in clause.pieces if r == "lead"]
        for piece, role in clause.pieces:
            if role == "listed":
                if rule == "all":
                    role = "lead"
                elif piece is listed[0] and not leads:
                    role = "lead"
                    by_order = by_order or len(clause.pieces) > 1
                else:
                    role = "support"
            elif role == "lead" and rule == "first" and clause.co_leads and piece is not leads[0]:
                role = "support"  # "first": one lead per list, even where the text names more
            name = piece.name
            if name not in roles or (role == "lead" and roles[name][1] != "lead"):
                roles[name] = (piece, role)
    return list(roles.values()), by_order


def read_prose(lines: list[TextLine], source: str, lead_rule: LeadRule = "stated",
               ) -> ProseReading | None:
    """Read the measures of a document's text and who is responsible for each.

    Parameters
    ----------
    lines : list of TextLine
        The document's paragraphs, in order.
    source : str
        The file name, for locators, findings and errors.
    lead_rule : {"stated", "first", "all"}
        ``stated`` follows the document's words (牵头 markers, a stated
        rule such as 列第一位者为牵头单位), else the first listed unit leads
        and an info finding says so; ``first``: the first listed unit of each
        list leads; ``all``: every listed unit is a co-lead.

    Returns
    -------
    ProseReading or None
        None when the text has no numbered item at all (it is not a list).

    Raises
    ------
    NoTaskTableError
        When the text has numbered items but no assignment at all.

    Examples
    --------
    >>> from remit.loaders.textlines import plain_lines
    >>> text = ("一、深化改革\\n（一）优化服务。（财政部、商务部负责。列第一位者为牵头单位，下同）"
    ...         "\\n（二）加强监管。（牵头单位：市场监管总局；配合单位：公安部）")
    >>> reading = read_prose(plain_lines(text), "x.txt")
    >>> [(d.number, d.domain, d.lead_pieces) for d in reading.drafts]
    [(1, '一、深化改革', ['财政部']), (2, '一、深化改革', ['市场监管总局'])]
    >>> reading.rule
    '列第一位者为牵头单位'
    """
    reader = _Reader()
    lines = _skip_toc(lines)
    # A rule may also be stated once outside any bracket ("注：排在第一位的为牵头单位").
    for line in lines:
        sentence = next((s for s in re.split(r"[。；;（）()]", line.text) if _RULE.search(s)), None)
        if sentence is not None:
            reader.rule = re.sub(r"^(?:注|说明|备注)[:：]|[，,]?\s*下同$", "", sentence.strip())
            break
    roots = _parse_tree(lines, reader)
    items = _walk(roots)
    findings: list[Finding] = []
    if not any(item.clauses for item in items):
        _subject_clauses(items)
    if not items:
        return None
    measures = _measures(roots)
    if not measures:
        raise NoTaskTableError(source, NO_RESPONSIBILITIES)

    numbers = [m.number for m, _ in measures]
    unique = len(set(numbers)) == len(numbers)
    drafts: list[DraftTask] = []
    order_used_at: str | None = None
    top_rank = min(r.rank for r in roots)
    chapter_of: dict[int, _Item] = {}
    for item, _ in measures:
        top = item
        while top.parent is not None:
            top = top.parent
        if top is not item and top.rank == top_rank:
            chapter_of[id(item)] = top
    chapters_items = [r for r in roots if r.rank == top_rank] if chapter_of else []

    for position, (item, clauses) in enumerate(measures, start=1):
        effective: LeadRule = lead_rule
        if lead_rule == "stated" and reader.rule and _UNORDERED.search(reader.rule):
            effective = "all"
        roles, by_order = _resolve_roles(clauses, effective)
        if by_order and lead_rule == "stated" and reader.rule is None and order_used_at is None:
            order_used_at = item.locator
        chapter = chapter_of.get(id(item))
        domain = _domain_heading(chapter) if chapter is not None else ""
        text = item.text.strip()
        title = re.split(r"[。；]", text, maxsplit=1)[0].strip()
        drafts.append(DraftTask(
            source=source, locator=item.locator,
            number=item.number if unique else position, domain=domain, title=title,
            text=text, deadline=parse_deadline(item.deadline) if item.deadline
            else Deadline(None, "none", ""),
            lead_cell="", support_cells=[], leads_from_responsible=False,
            extra_locators=item.extra_locators, pieces=roles))
    measure_kinds = {(m.kind, m.rank) for m, _ in measures}
    chosen = {id(m) for m, _ in measures}
    for item in items:
        if ((item.kind, item.rank) in measure_kinds and id(item) not in chosen
                and not any(id(x) in chosen for x in _walk(item.children))):
            findings.append(Finding("info", "unassigned-measure", source, item.locator,
                                    f"numbered item {item.head[:24]!r} names no responsible "
                                    "unit; it is not read as a task"))
    if reader.rule is not None:
        findings.append(Finding("info", "lead-rule-stated", source, measures[0][0].locator,
                                f"the document states its lead rule: {reader.rule}"))
    if order_used_at is not None:
        findings.append(Finding("info", "lead-from-order", source, order_used_at,
                                "lead taken from order (no rule stated): the first unit listed "
                                "for each measure is read as its lead"))
    chapters: list[Chapter] = []
    for chapter in chapters_items:
        heading = _domain_heading(chapter)
        stated = COUNT_NOTE.search(chapter.head)
        count = sum(1 for d in drafts if d.domain == heading)
        chapters.append(Chapter(chapter.number, _chapter_name(chapter), count,
                                int(stated.group(1)) if stated else None))
        if stated and int(stated.group(1)) != count:
            findings.append(Finding("warning", "domain-count", source, chapter.locator,
                                    f"chapter {_chapter_name(chapter)!r} says 共{stated.group(1)}项 "
                                    f"but {count} measures with an assignment were read under it"))
    return ProseReading(drafts, findings, chapters, reader.rule)


def _chapter_name(item: _Item) -> str:
    name = re.split(r"[。]", item.head, maxsplit=1)[0]
    return COUNT_NOTE.sub("", name).strip().rstrip("：:")


def _domain_heading(item: _Item) -> str:
    """The chapter as a domain heading with its ordinal ("二、…")."""
    return f"{_cn_numeral(item.number)}、{_chapter_name(item)}"


def _cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
