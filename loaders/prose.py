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

from remit.errors import NoTaskTableError
from remit.loaders.clauses import Clause, normalise_labels, parse_clause, prose_clauses
from remit.loaders.deadlines import Deadline, parse_deadline
from remit.loaders.header import RULE_TEXT
from remit.loaders.ordinals import chinese_to_int
from remit.loaders.roles import DEFAULT_RESOLVER, Resolver
from remit.loaders.table import DraftTask
from remit.loaders.textlines import TextLine
from remit.loaders.units import opens_with_a_name, split_unit_cell
from remit.loaders.vocabulary import shipped_vocabulary
from remit.model import Finding

__all__ = ["COUNT_NOTE", "Chapter", "ProseReading", "read_prose"]

NO_RESPONSIBILITIES = ("no responsibilities found: expected 牵头单位/责任单位 or '…负责' after the "
                       "measures")

_CN = "[一二三四五六七八九十百零〇两]+"
_CJK = "\u4e00-\u9fff"
# A number's full stop: ASCII, full-width, the small form (1﹒) and the ideographic 、.
_STOP = "[.．﹒]"
# (pattern, kind, rank). Lower rank = higher level. Decimal numbers get the
# rank of their depth, computed below.
_NUMBERINGS: list[tuple[re.Pattern[str], str, int]] = [
    (re.compile(rf"^第({_CN})(?:章|编|部分)\s*"), "chapter", 5),
    (re.compile(rf"^({_CN})\s*[、．.﹒]\s*"), "cn", 10),
    (re.compile(rf"^第({_CN})节\s*"), "section", 12),
    (re.compile(rf"^第({_CN})条\s*"), "article", 15),
    (re.compile(rf"^[（(]\s*({_CN})\s*[）)]\s*[、.．]?\s*"), "pcn", 20),
    (re.compile(rf"^(\d{{1,2}}(?:{_STOP}\d{{1,2}}){{1,4}})(?:{_STOP}?[\s\u3000]+|(?=[（\u4e00-\u9fff]))"
                r"(?![倍万亿元个年月日天周小时分秒米吨台套次人家所项%％])"), "dec", 0),
    (re.compile(rf"^(\d{{1,2}})[\s\u3000]+(?=[{_CJK}])"), "dec", 0),
    # "4.2021年底前启动…": a measure may open with a year.
    (re.compile(rf"^(\d{{1,3}})\s*(?:{_STOP}|、)(?:(?!\d)|(?=\d{{4}}\s*年))\s*"), "arabic", 30),
    # "1突破大模型关键核心技术。": a number glued to its text, with no stop.
    (re.compile(rf"^(\d{{1,2}})(?=[{_CJK}])(?![倍万亿元个年月日天周小时分秒米吨台套次人家所项名批届级类种只位层轮场座户款份组支期季度岁])"),
     "arabic", 30),
    (re.compile(r"^[（(]\s*(\d{1,3})\s*[）)]\s*[、.．]?\s*"), "parabic", 40),
    (re.compile(r"^([①-⑳])\s*"), "circled", 50),
]
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Full-width digits read as digits; invisible format characters and private-use glyphs
# (a font's own full stop after a number: "1\ue010突破…") are dropped.
_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad\ue000-\uf8ff]")
# Where a number glued into running text may start: a bare number after a sentence, a
# bracket or a colon; a bracketed or circled number anywhere ("…便利度（一）优化…").
_GLUE_AT = re.compile(rf"(?<=[。；;！？）)：:」”’])\s*(?=第{_CN}[条章节]|{_CN}、|\d{{1,2}}\s*[.．﹒、])"
                      rf"|(?=[（(]{_CN}[）)]|[（(]\d{{1,2}}[）)]|[①-⑳])")
# Paragraphs flattened into one line keep their indent: two ideographic spaces or more.
_INDENT = re.compile(r"[\u3000]{2,}|(?<=[。；！？）])\s{2,}")
_END_MARKS = ("扫一扫在手机打开当前页", "【打印】", "【关闭窗口】")
_DATE_LINE = re.compile(r"^[\d〇零一二三四五六七八九十○Ｏ]{2,4}\s*年\s*[\d一二三四五六七八九十]{1,2}\s*月"
                        r"\s*[\d一二三四五六七八九十]{1,3}\s*日$")
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
# A line that opens with a unit label: "牵头单位：X；配合单位：Y".
_LABEL_LINE = re.compile(r"^[^：:，,；;。（）()、\s]{1,12}(?:单位|部门)\s*[:：]")
# A label inline after a measure's text: "…做好工作。牵头单位：X".
_INLINE_LABEL = re.compile(r"(?<=[。；;，,])\s*(?=[^：:，,；;。（）()、\s]{1,12}(?:单位|部门)\s*[:：])")
# A line that gives the measure's time: "完成时限：2020年12月".
_TIME_LINE = re.compile(r"^(?:完成|工作)?(?:时限|时间|期限|时间节点|时间安排|进度安排)\s*[:：]\s*(.+)$")


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
    clauses: list[Clause] = field(default_factory=list)
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


@dataclass
class ProseReading:
    """What the prose reader found in one document."""

    drafts: list[DraftTask]
    findings: list[Finding]
    chapters: list[Chapter]
    rule: str | None  # the lead rule as the document states it, if it does


def _numbering(text: str) -> tuple[str, int, int, str] | None:
    """(kind, rank, number, rest) of a numbered line, or None."""
    text = text[:6].translate(_DIGITS) + text[6:]
    for pattern, kind, rank in _NUMBERINGS:
        match = pattern.match(text)
        if not match:
            continue
        raw = match.group(1)
        rest = text[match.end():].strip()
        if not rest:
            return None
        if kind == "dec":
            parts = re.split(_STOP, raw)
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


def _open_brackets(text: str) -> int:
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


def _prepare(lines: list[TextLine]) -> list[TextLine]:
    """Lines as the reader wants them: one paragraph and at most one number each.

    - a bracket left open at a line's end goes on in the next line (a name
      wrapped inside "（青岛市绿色低碳高⏎质量发展…办公室负责）");
    - a line that holds several indented paragraphs is cut at the indents;
    - a number glued to the sentence before it ("…负责）2．简化…") starts a
      line of its own, when it goes on the count of its kind (1 after
      nothing, n+1 after n), so a number quoted in a sentence stays put.
    """
    joined: list[TextLine] = []
    for line in lines:
        text = normalise_labels(_INVISIBLE.sub("", line.text).strip())
        if not text:
            continue
        if (joined and 0 < _open_brackets(joined[-1].text) <= 2 and _numbering(text) is None
                and len(joined[-1].text) < 2000):
            joined[-1] = TextLine(joined[-1].locator, joined[-1].text + text)
            continue
        joined.append(TextLine(line.locator, text))
    out: list[TextLine] = []
    last: dict[str, int] = {}
    for line in joined:
        for paragraph in _INDENT.split(line.text):
            for piece in _cut_numbers(paragraph.strip(), last):
                if piece:
                    out.append(TextLine(line.locator, piece))
    return out


def _cut_numbers(text: str, last: dict[str, int]) -> list[str]:
    """Cut ``text`` before every glued number that goes on its kind's count."""
    pieces: list[str] = []
    start = 0
    head = _numbering(text)
    if head is not None:
        last[head[0]] = head[2]
    for match in _GLUE_AT.finditer(text):
        at = match.end()
        if at <= start or at >= len(text):
            continue
        found = _numbering(text[at:])
        if found is None:
            continue
        kind, _, number, _ = found
        if number != last.get(kind, 0) + 1 and number != 1:
            continue
        pieces.append(text[start:at])
        start = at
        last[kind] = number
    pieces.append(text[start:])
    return [p.strip() for p in pieces]


class _Reader:
    """Reads the clauses of each paragraph, and remembers a lead rule once the document states it."""

    def __init__(self, source: str) -> None:
        self.rule: str | None = None
        self.source = source
        self.findings: list[Finding] = []

    def add(self, item: _Item, clause: Clause) -> None:
        if clause.rule and self.rule is None:
            self.rule = clause.rule
        if clause.deadline and not item.deadline:
            item.deadline = clause.deadline
        if clause.unread:
            self.findings.append(Finding(
                "warning", "unread-words", self.source, item.locator,
                f"{'、'.join(clause.unread)!r} in the clause {clause.text[:60]!r} is neither a unit nor "
                "a role word; it was left out"))
        if clause.unknown:
            self.findings.append(Finding(
                "info", "unknown-unit", self.source, item.locator,
                f"{'、'.join(clause.unknown)!r} is read as a unit, though its name does not end like "
                "one remit knows (loaders/data/unit_words.csv)"))
        item.clauses.append(clause)

    def paragraph_clauses(self, item: _Item, paragraph: str) -> tuple[str, bool]:
        """Find the clauses of one paragraph; return the text without them.

        The bool says whether the paragraph ends with an assignment.
        """
        when = _TIME_LINE.match(paragraph)
        if when:
            item.deadline = item.deadline or when.group(1).rstrip("。；;")
            return "", item.closed
        if _LABEL_LINE.match(paragraph):
            clause = parse_clause(paragraph.rstrip("。"))
            if clause is not None:
                self.add(item, clause)
                return "", True
        kept: list[str] = []
        last = 0
        ends_with = False
        found: list[tuple[int, int, Clause]] = []
        for start, end, content in _brackets(paragraph):
            if len(content) > 300 or not content.strip():
                continue
            clause = parse_clause(content.strip())
            if clause is None and not paragraph[end:].strip("。；; "):
                clause = _bare_units(content, after_sentence=paragraph[:start].rstrip()[-1:] in "。；;")
            if clause is not None and (clause.pieces or _assigns(content)):
                found.append((start, end, clause))
            elif clause is None and RULE_TEXT.search(content) and len(content) <= 40:
                self.rule = self.rule or re.sub(r"[，,]?\s*下同$", "", content.strip())
        found.extend(prose_clauses(paragraph))
        for start, end, clause in sorted(found, key=lambda f: f[0]):
            if start < last:
                continue
            self.add(item, clause)
            kept.append(paragraph[last:start])
            last = end
            if not paragraph[end:].strip("。；; "):
                ends_with = True
        kept.append(paragraph[last:])
        text = "".join(kept)
        # "…做好工作。牵头单位：X；配合单位：Y。": a label written inline after the text.
        for match in _INLINE_LABEL.finditer(text):
            clause = parse_clause(text[match.end():].rstrip("。"))
            if clause is not None and clause.pieces:
                self.add(item, clause)
                return text[:match.start()], True
        if not found:
            tail = _tail_clause(text)
            if tail is not None:
                self.add(item, tail[1])
                return text[:tail[0]].rstrip("，,；; "), True
        return text, ends_with


_SENTENCE_CUT = re.compile(r"[，,；;]")


def _tail_clause(text: str) -> tuple[int, Clause] | None:
    """Responsibilities written without brackets at the end of a measure: where they start, and the clause.

    "推进数字政府建设，市政务服务数据管理局牵头，市有关部门按职责分工负责。" Each of the last
    segments (cut at ，；) must be names with a role phrase, every name one remit knows; the
    longest such run, short of the whole text, is the clause.

    Examples
    --------
    >>> start, c = _tail_clause("推进数字政府建设，市数据局牵头，市有关部门按职责分工负责。")
    >>> start, [(p.name, r) for p, r in c.pieces]
    (9, [('市数据局', 'lead'), ('市有关部门', 'listed')])
    >>> _tail_clause("推动企业牵头组建创新联合体，加快成果转化。") is None
    True
    """
    body = text.rstrip("。；;， \n")
    if body.count("（") + body.count("(") != body.count("）") + body.count(")"):
        return None  # a bracket left open: the cuts would fall inside it
    cuts = [m.end() for m in _SENTENCE_CUT.finditer(body)]
    best: tuple[int, Clause] | None = None
    for start in reversed(cuts[-4:]):
        if not all(_assigns_alone(part) for part in _SENTENCE_CUT.split(body[start:])):
            break
        clause = parse_clause(body[start:])
        if clause is None or not clause.pieces or clause.unread or clause.unknown:
            break
        best = (start, clause)
    return best


def _assigns_alone(segment: str) -> bool:
    """Whether one segment is unit names followed by a role phrase, and nothing else."""
    clause = parse_clause(segment.strip())
    return clause is not None and bool(clause.pieces) and not clause.unread and not clause.unknown


def _bare_units(content: str, after_sentence: bool) -> Clause | None:
    """A bracket that closes a paragraph and names units only: "…。（市公安局、市税务局）".

    Without a label or a role word such a bracket is read only when every name in it is a
    unit remit knows (a deadline may stand beside them); the lead rule then decides who leads.
    A bracket glued to a word ("…工程研究中心（实验室）。") may be part of the sentence, so
    there every name must also open with its level (市公安局, not 实验室).

    Examples
    --------
    >>> [p.name for p, _ in _bare_units("市公安局、市税务局", after_sentence=False).pieces]
    ['市公安局', '市税务局']
    >>> _bare_units("实验室", after_sentence=False) is None, _bare_units("2023年底前", True) is None
    (True, True)
    """
    clause = parse_clause(content.strip(), default_role="listed")
    if clause is None or not clause.pieces or clause.unread or clause.unknown:
        return None
    if not after_sentence and not all(opens_with_a_name(p.name) for p, _ in clause.pieces):
        return None
    return clause


def _assigns(content: str) -> bool:
    """Whether a bracket whose names were not all read still says someone is responsible."""
    v = shipped_vocabulary()
    tail = v.role_tail.search(content.strip().rstrip("。"))
    strong = tail is not None and v.is_strong(tail.group("phrase"))
    return bool(_LABEL_LINE.match(content.strip())) or strong


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
            item.head, item.closed = reader.paragraph_clauses(item, rest)
            continue
        if current is None:
            continue  # the covering letter or preamble before the first number
        before = len(current.clauses)
        kept, ends = reader.paragraph_clauses(current, text)
        if current.closed and len(current.clauses) == before:
            # Loose text after a measure's assignment, with none of its own: a
            # closing paragraph. (A PDF may break a measure after a bracket; the
            # part after it has brackets of its own and is kept.)
            continue
        if kept:
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
    v = shipped_vocabulary()
    for item in items:
        match = _SUBJECT.match(item.head)
        if not match:
            continue
        if _NOT_SUBJECT.search(match.group(1)):
            continue
        subject = match.group(1).replace("及", "、")
        pieces = split_unit_cell(subject)
        partners = split_unit_cell(match.group(2)) if match.group(2) else []
        if not pieces or not all(v.is_unit(p.name) for p in [*pieces, *partners]):
            continue
        for index, piece in enumerate(partners, start=1):
            piece.clause = index
        item.clauses.append(Clause([(p, "listed") for p in pieces] + [(p, "support") for p in partners],
                                   text=match.group(0)))


def _full_text(item: _Item) -> str:
    """A measure's text with its sub-items that carry no clause of their own."""
    parts = [item.text]
    for child in item.children:
        if not child.clauses:
            parts.append(_full_text(child))
    return "".join(parts)


def _measures(items: list[_Item]) -> list[_Item]:
    """The numbered items that carry a clause of their own, in document order.

    A clause belongs to the nearest number before it, so an item with a
    clause is a measure, and so is each of its sub-items that has one of its
    own ("（一）…（A负责）具体措施：1．…（B牵头）"). Sub-items without a
    clause are part of their item's text.
    """
    return [item for item in _walk(items) if item.clauses]


def read_prose(lines: list[TextLine], source: str, resolver: Resolver = DEFAULT_RESOLVER,
               ) -> ProseReading | None:
    """Read the measures of a document's text and who is responsible for each.

    Parameters
    ----------
    lines : list of TextLine
        The document's paragraphs, in order.
    source : str
        The file name, for locators, findings and errors.
    resolver : Resolver
        How the listed units of a clause become lead and support: the lead
        rule of the load (:class:`remit.loaders.roles.Resolver`).

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
    reader = _Reader(source)
    lines = _prepare(_skip_toc(lines))
    # A rule may also be stated once outside any bracket ("注：排在第一位的为牵头单位").
    for line in lines:
        sentence = next((s for s in re.split(r"[。；;（）()，,]", line.text) if RULE_TEXT.search(s)), None)
        if sentence is not None:
            reader.rule = re.sub(r"^(?:注|说明|备注)[:：]|[，,]?\s*下同$", "", sentence.strip())
            break
    roots = _parse_tree(lines, reader)
    items = _walk(roots)
    if not items:
        return None
    if not any(item.clauses for item in items):
        _subject_clauses(items)
    measures = _measures(roots)
    if not measures:
        raise NoTaskTableError(source, NO_RESPONSIBILITIES)
    findings = reader.findings
    numbers = [m.number for m in measures]
    unique = len(set(numbers)) == len(numbers)
    document = resolver.for_document(reader.rule)
    drafts: list[DraftTask] = []
    order_used_at: str | None = None
    top_rank = min(r.rank for r in roots)
    chapter_of: dict[int, _Item] = {}
    for item in measures:
        top = item
        while top.parent is not None:
            top = top.parent
        if top is not item and top.rank == top_rank:
            chapter_of[id(item)] = top
    chapters_items = [r for r in roots if r.rank == top_rank] if chapter_of else []

    for position, item in enumerate(measures, start=1):
        resolution = document.resolve(item.clauses)
        if resolution.by_order and order_used_at is None:
            order_used_at = item.locator
        if not resolution.roles:
            findings.append(Finding(
                "warning", "no-units", source, item.locator,
                f"measure {item.head[:24]!r} has the clause {item.clauses[0].text[:60]!r} but names no "
                "unit remit can read; it is kept as a task without units"))
        chapter = chapter_of.get(id(item))
        domain = _domain_heading(chapter) if chapter is not None else ""
        text = _full_text(item).strip()
        title = re.split(r"[。；]", item.text.strip(), maxsplit=1)[0].strip()
        for index, clause in enumerate(item.clauses):
            for piece, _ in clause.pieces:
                piece.cell = index
        drafts.append(DraftTask(
            source=source, locator=item.locator,
            number=item.number if unique else position, domain=domain, title=title,
            text=text, deadline=parse_deadline(item.deadline) if item.deadline
            else Deadline(None, "none", ""),
            lead_cell="", support_cells=[], leads_from_responsible=False,
            extra_locators=item.extra_locators, pieces=resolution.roles))
    measure_kinds = {(m.kind, m.rank) for m in measures}
    chosen = {id(m) for m in measures}
    for item in items:
        if ((item.kind, item.rank) in measure_kinds and id(item) not in chosen
                and not any(id(x) in chosen for x in _walk(item.children))):
            findings.append(Finding("info", "unassigned-measure", source, item.locator,
                                    f"numbered item {item.head[:24]!r} names no responsible "
                                    "unit; it is not read as a task"))
    if reader.rule is not None:
        findings.append(Finding("info", "lead-rule-stated", source, measures[0].locator,
                                f"the document states its lead rule: {reader.rule}"))
    if order_used_at is not None and resolver.notes_order and reader.rule is None:
        findings.append(Finding("info", "lead-from-order", source, order_used_at,
                                "lead taken from order (no rule stated): the first unit listed "
                                "for each measure is read as its lead"))
    chapters: list[Chapter] = []
    for chapter in chapters_items:
        heading = _domain_heading(chapter)
        stated = COUNT_NOTE.search(chapter.head)
        count = sum(1 for d in drafts if d.domain == heading)
        chapters.append(Chapter(chapter.number, _chapter_name(chapter), count))
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
