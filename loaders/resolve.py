"""Resolve the unit names of every loaded list into one set of canonical units.

This is the second pass of normalisation. It needs every name of every list
at once: the shared-prefix rule ("省工业和信息化厅、科技厅") asks whether a
name is known on its own, and "did you mean" compares names with each other.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from remit.loaders.aliases import AliasRegistry
from remit.loaders.forms import RULE as FORMS_RULE
from remit.loaders.forms import same_body_merges
from remit.loaders.government import names_a_place
from remit.loaders.ordinals import split_ordinal
from remit.loaders.prose import COUNT_NOTE
from remit.loaders.roles import DEFAULT_RESOLVER, Resolver, table_clauses
from remit.loaders.table import DraftTask
from remit.loaders.units import NamePiece, Step
from remit.loaders.vocabulary import shipped_vocabulary
from remit.model import (
    ASSIGNMENT_COLUMNS,
    AUDIT_COLUMNS,
    FINDING_COLUMNS,
    TASK_COLUMNS,
    UNIT_COLUMNS,
    Finding,
    TaskList,
)

__all__ = ["build_tasklist", "classify_kind"]

_LEVEL_PREFIX = ("省", "市", "县", "区")
_AGENCY_END = re.compile(r"(?:厅|局|委|办|院|署|馆|中心|集团|公司|站|所|会|处|部|行|关|支行|机构|管理局)$")


def classify_kind(name: str, registry: AliasRegistry | None = None) -> str:
    """Return ``collective`` for a placeholder such as 各有关单位, else ``agency``.

    Examples
    --------
    >>> [classify_kind(n) for n in ["各区政府（新区管委会）", "市各有关单位", "市联席会议成员单位",
    ...                             "市、区市场监管领域相关部门", "各行业主管部门", "市财政局"]]
    ['collective', 'collective', 'collective', 'collective', 'collective', 'agency']
    """
    if registry is not None and name in registry.kinds:
        return registry.kinds[name]
    return "collective" if shipped_vocabulary().is_collective(name.removesuffix("等")) else "agency"


@dataclass
class _Mention:
    task: int
    role: str
    position: int
    piece: NamePiece
    unit: str = ""
    cell: int = 0  # 0: the lead (or 责任) cell; 1…: the support cells
    opens: bool = False  # first name of its clause in its cell: it borrows no prefix


#: At most this many gaps of one list are named one by one; the rest are counted.
MAX_GAP_FINDINGS = 20


def _gaps(numbers: set[int]) -> list[tuple[int, int]]:
    """The (first, last) runs of numbers from 1 to ``max(numbers)`` that are not in ``numbers``.

    Computed from the sorted numbers alone, so a stray 序号 of 99999999
    costs one gap, not a set of a hundred million numbers.

    Examples
    --------
    >>> _gaps({1, 2, 5, 7, 99999999})
    [(3, 4), (6, 6), (8, 99999998)]
    >>> _gaps({3}), _gaps({1, 2})
    ([(1, 2)], [])
    """
    gaps: list[tuple[int, int]] = []
    previous = 0
    for n in sorted(n for n in numbers if n >= 1):
        if n > previous + 1:
            gaps.append((previous + 1, n - 1))
        previous = n
    return gaps


def _mentions(draft: DraftTask, index: int, resolver: Resolver) -> tuple[list[_Mention], bool]:
    """Every name of one task with its role; the bool says whether order chose a lead.

    A prose measure comes with its roles resolved; a table row's cells are
    read here by the same grammar and resolver.
    """
    by_order = False
    if draft.pieces is not None:
        pieces = draft.pieces
    else:
        clauses = table_clauses(draft.lead_cell, draft.support_cells,
                                lead_column=not draft.leads_from_responsible)
        resolution = resolver.resolve(clauses, lead_wins=False)
        pieces, by_order = resolution.roles, resolution.by_order and not draft.first_leads
    out = [_Mention(index, role, pos, piece.copy(), cell=piece.cell)
           for pos, (piece, role) in enumerate(pieces)]
    previous: tuple[int, int] | None = None
    for m in out:
        here = (m.cell, m.piece.clause)
        m.opens = here != previous
        previous = here
    return out, by_order


def _apply_shared_prefix(mentions: list[_Mention], known: set[str]) -> None:
    """Give "科技厅" in "省工业和信息化厅、科技厅" the 省 of the name before it.

    Only names joined by 、 within one clause of one cell share a prefix; a
    name that is known on its own, or that carries a place of its own
    (深圳海关, 前海管理局), keeps its name.
    """
    for before, current in itertools.pairwise(mentions):
        if current.opens or before.task != current.task:
            continue
        name = current.piece.name
        prefix = before.piece.name[:1]
        if (prefix in _LEVEL_PREFIX and not before.piece.name.startswith(_NOT_A_LEVEL)
                and not _NAMES_LEVEL.search(name)
                and not name.startswith("各") and _AGENCY_END.search(name) and len(name) <= 10
                and (prefix + name in known or not _looks_self_standing(name, known))):
            current.piece.apply("shared-prefix", prefix + name)


# "市场监管总局" starts with 市 but names no city; a name that already holds a
# level word (团市委, 市委办公厅, 省委宣传部) borrows none.
_NOT_A_LEVEL = ("市场", "区块", "县域", "省级", "市级", "区级", "县级")
_NAMES_LEVEL = re.compile(r"[省市区县]")
_PLACE = re.compile(r"深圳|前海|深汕|中国|国家|中央|人民银行|银保监|证监|海关|边检|海事|铁路|民航"
                    r"|^.{2,3}[省市区县](?!场)")


# Companies and courts have no level of their own to borrow (燃气集团, 互联网法院), nor have
# central enterprises placed locally (中铁济南局, 中建八局, 国网X公司).
_NO_LEVEL = re.compile(r"(?:公司|集团|法院|检察院)$"
                       r"|^(?:中(?:铁|建|交|核|冶|电|化|粮|石|海油|船|航|煤|铝)|国网|国铁)")


def _looks_self_standing(name: str, known: set[str]) -> bool:
    # A name that carries a place ("深圳海关", "前海管理局", "广州市税务局", "中铁济南局"), that
    # has no level (a company, a court), or that is known elsewhere on its own does not borrow a prefix.
    return (name in known or bool(_PLACE.search(name)) or bool(_NO_LEVEL.search(name))
            or names_a_place(name))


def _apply_second_names(mentions: list[_Mention], registry: AliasRegistry) -> None:
    """Read "省知识产权局" alone as 省市场监管局 where the lists wrote "省市场监管局（省知识产权局）".

    The list itself declares the two names one body. An alias file entry for
    the bracketed name wins.
    """
    second: dict[str, str] = {}
    for m in mentions:
        for name in m.piece.second_names:
            second.setdefault(name, m.piece.name)
    for m in mentions:
        name = m.piece.name
        if name in second and name not in registry.aliases and second[name] != name:
            m.piece.apply("second-name", second[name])


# Words whose presence or absence does not change the body: 市中级法院 and
# 市中级人民法院, 市住房和建设局 and 市住房建设局, 委员会 and 委.
_FILLERS = re.compile(r"人民|和|与|及|的|(?<=委)员会")
# Characters that name a body's kind or level: one more or one fewer of these
# makes another body (市场监管局 and 市场监管总局, 市水务局 and 市税务局).
_KEY_CHARS = frozenset("总省市区县乡镇委办局厅部署院会行处室站所团党政协府")


def _did_you_mean(counts: Counter[str]) -> dict[str, str]:
    """Map rare names to a more frequent name that is a variant of the same body.

    Variants are: the same name up to filler words (人民, 和, 与, 委员会); the
    same characters in another order with the same first and last one
    (市文化旅游广电体育局, 市文化广电旅游体育局); or one character more or fewer, that character not
    one that names a kind or level. A different character in the same place
    (市商务局, 市税务局; 市政协办公厅, 市政府办公厅) is a different body, never a
    variant. Candidates are found by signature, linear in the number of names.

    Examples
    --------
    >>> _did_you_mean(Counter({"市中级人民法院": 5, "市中级法院": 1, "市税务局": 3, "市商务局": 1}))
    {'市中级法院': '市中级人民法院'}
    """
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    shorter_of: dict[str, set[str]] = defaultdict(set)  # deletion signature → longer names
    for name in counts:
        if len(name) < 4:
            continue
        key = _FILLERS.sub("", name)
        groups[("filler", key)].add(name)
        if len(name) >= 6:
            groups[("anagram", "".join(sorted(name)) + name[0] + name[-1])].add(name)
        if len(name) >= 6:
            for i, ch in enumerate(name):
                if ch not in _KEY_CHARS and i < len(name) - 1:
                    shorter_of[name[:i] + name[i + 1:]].add(name)
    pairs: set[tuple[str, str]] = set()
    for group in groups.values():
        for a, b in itertools.combinations(sorted(group), 2):
            pairs.add((a, b))
    for short, longer in shorter_of.items():
        if short in counts:
            for name in longer:
                pairs.add((short, name))
    suggestions: dict[str, str] = {}
    for a, b in sorted(pairs):
        rare, common = (a, b) if (counts[a], a) < (counts[b], b) else (b, a)
        if counts[common] > counts[rare]:
            best = suggestions.get(rare)
            if best is None or (counts[common], common) > (counts[best], best):
                suggestions[rare] = common
    return suggestions


def build_tasklist(drafts_by_source: dict[str, list[DraftTask]], list_ids: dict[str, str],
                   registry: AliasRegistry, findings: list[Finding],
                   resolver: Resolver = DEFAULT_RESOLVER, scoped: dict[str, AliasRegistry] | None = None,
                   rename: Callable[[str, str], list[tuple[str, str]]] | None = None) -> TaskList:
    """Turn the draft rows of every file into one :class:`TaskList`.

    ``scoped`` gives each file the registry of its own government
    (:meth:`AliasRegistry.for_government`); without it ``registry`` applies to every file.
    ``rename(file, name)`` gives the successive new names of a renamed body, each with its
    rule (:mod:`remit.loaders.successors`), for lists read as of a date.
    """
    scoped = scoped or dict.fromkeys(drafts_by_source, registry)
    registry = AliasRegistry.union(list(scoped.values()))
    drafts = [d for src in drafts_by_source.values() for d in src]
    task_ids = _task_ids(drafts, list_ids, findings)
    mentions: list[_Mention] = []
    order_used: dict[str, DraftTask] = {}
    for i, d in enumerate(drafts):
        found, by_order = _mentions(d, i, resolver)
        mentions.extend(found)
        if by_order:
            order_used.setdefault(d.source, d)
    if resolver.notes_order:
        for d in order_used.values():
            findings.append(Finding("info", "lead-from-order", d.source, d.locator,
                                    "lead taken from order (no rule stated): the first unit listed "
                                    "in the responsible-unit column is read as each task's lead"))

    known = registry.known()
    # Names that open a clause stand on their own: they cannot have borrowed a prefix.
    opening = {m.piece.name for m in mentions if m.opens}
    _apply_shared_prefix(mentions, known | opening)
    _apply_second_names(mentions, registry)

    audit_rows: list[dict[str, object]] = []
    spellings: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        canonical, source = scoped[drafts[m.task].source].canonical(m.piece.name)
        if source is not None:
            m.piece.steps.append(Step(f"alias ({source})", m.piece.name, canonical))
        for successor, rule in rename(drafts[m.task].source, canonical) if rename else ():
            m.piece.steps.append(Step(rule, canonical, successor))
            canonical = successor
        m.unit = canonical
    _merge_known_forms(mentions, drafts)
    for m in mentions:
        canonical = m.unit
        d = drafts[m.task]
        spellings[canonical].add(m.piece.name)
        spellings[canonical].update(m.piece.second_names)
        steps = m.piece.steps or [Step("as-is", m.piece.raw, m.piece.name)]
        for step in steps:
            audit_rows.append({"file": d.source, "row": d.locator, "task_id": task_ids[m.task],
                               "role": m.role, "raw": m.piece.raw, "rule": step.rule,
                               "before": step.before, "after": step.after, "unit": canonical})

    assignments, seen = [], set()
    for m in mentions:
        key = (m.task, m.unit, m.role)
        if key in seen:
            continue
        seen.add(key)
        assignments.append({"task_id": task_ids[m.task], "unit": m.unit, "role": m.role,
                            "position": m.position})
    _check_assignments(drafts, task_ids, mentions, findings)
    _check_domain_counts(drafts, list_ids, findings)

    counts = Counter(m.unit for m in mentions)
    first_mention: dict[str, _Mention] = {}
    for m in mentions:
        first_mention.setdefault(m.unit, m)
    agencies = Counter({u: n for u, n in counts.items() if classify_kind(u, registry) == "agency"})
    for rare, common in _did_you_mean(agencies).items():
        first = first_mention[rare]
        d = drafts[first.task]
        findings.append(Finding("warning", "did-you-mean", d.source, d.locator,
                                f"unit {rare!r} appears {counts[rare]}× and nearly matches "
                                f"{common!r} ({counts[common]}×); add it to an alias file "
                                "if they are one body", task_ids[first.task], rare))

    units = sorted(counts, key=lambda u: (-counts[u], u))
    unit_rows = [{"unit": u, "kind": classify_kind(u, registry),
                  "aliases": tuple(sorted(spellings[u] - {u}))} for u in units]
    return TaskList(
        tasks=_task_frame(drafts, task_ids, list_ids),
        assignments=pd.DataFrame(assignments, columns=ASSIGNMENT_COLUMNS),
        units=pd.DataFrame(unit_rows, columns=UNIT_COLUMNS),
        findings=pd.DataFrame([f.as_row() for f in findings], columns=FINDING_COLUMNS),
        audit=pd.DataFrame(audit_rows, columns=AUDIT_COLUMNS),
    )


def _list_of(draft: DraftTask, list_ids: dict[str, str]) -> str:
    """The list id of a row: its own where the file names it, else its file's."""
    return draft.list_id or list_ids[draft.source]


def _merge_known_forms(mentions: list[_Mention], drafts: list[DraftTask]) -> None:
    """Merge 省发展和改革委 into 省发展改革委 where one document writes both (:mod:`remit.loaders.forms`)."""
    per_source: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        per_source[drafts[m.task].source][m.unit] += 1
    merges = {source: same_body_merges(counts) for source, counts in per_source.items()}
    for m in mentions:
        winner = merges[drafts[m.task].source].get(m.unit)
        if winner is not None:
            m.piece.steps.append(Step(FORMS_RULE, m.unit, winner))
            m.unit = winner


def _task_ids(drafts: list[DraftTask], list_ids: dict[str, str],
              findings: list[Finding]) -> list[str]:
    ids: list[str] = []
    used: set[str] = set()
    numbers: dict[str, list[tuple[int, DraftTask]]] = defaultdict(list)
    for position, d in enumerate(drafts, start=1):
        list_id = _list_of(d, list_ids)
        base = f"{list_id}#{d.number}" if d.number is not None else f"{list_id}#r{position}"
        task_id, k = base, 2
        while task_id in used:
            task_id, k = f"{base}-{k}", k + 1
        if task_id != base and d.number is not None and not d.shares_number:
            findings.append(Finding("warning", "duplicate-number", d.source, d.locator,
                                    f"序号 {d.number} is used twice in list {list_id}; "
                                    f"this row is kept as {task_id}", task_id))
        used.add(task_id)
        ids.append(task_id)
        if d.number is not None and d.pieces is None:
            # Prose measures are numbered with their unassigned siblings
            # (（一）指导思想); the prose reader reports those itself.
            numbers[list_id].append((d.number, d))
    for list_id, pairs in numbers.items():
        present = {n for n, _ in pairs}
        after = {n: d for n, d in reversed(pairs)}
        gaps = _gaps(present)
        for start, end in gaps[:MAX_GAP_FINDINGS]:
            d = after.get(end + 1, pairs[-1][1])
            gap = str(start) if start == end else f"{start}–{end}"
            findings.append(Finding("warning", "number-gap", d.source, d.locator,
                                    f"list {list_id} has no task {gap}"))
        if len(gaps) > MAX_GAP_FINDINGS:
            missing = sum(end - start + 1 for start, end in gaps)
            d = pairs[-1][1]
            findings.append(Finding("warning", "number-gap", d.source, "",
                                    f"list {list_id} has {len(gaps):,} gaps in its numbers "
                                    f"({missing:,} numbers missing in all); only the first "
                                    f"{MAX_GAP_FINDINGS} are listed"))
    return ids


def _check_assignments(drafts: list[DraftTask], task_ids: list[str], mentions: list[_Mention],
                       findings: list[Finding]) -> None:
    roles: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for m in mentions:
        roles[m.task][m.unit].add(m.role)
    for index, d in enumerate(drafts):
        units = roles.get(index, {})
        if d.pieces == []:
            pass  # a measure whose clause named no readable unit: the reader warned
        elif not any("lead" in r for r in units.values()):
            findings.append(Finding("error", "no-lead", d.source, d.locator,
                                    f"task {task_ids[index]} has no lead unit", task_ids[index]))
        for unit, r in units.items():
            if r == {"lead", "support"}:
                findings.append(Finding("warning", "lead-and-support", d.source, d.locator,
                                        f"{unit} is both lead and support of {task_ids[index]}",
                                        task_ids[index], unit))
        if d.deadline.kind == "unknown":
            findings.append(Finding("warning", "unreadable-deadline", d.source, d.locator,
                                    f"deadline {d.deadline.raw!r} names no date",
                                    task_ids[index]))
    for m in mentions:
        if len(m.unit) < 2 or len(m.unit) > 40 or re.search(r"[（）]{2}|[：:=]|\d{3,}", m.unit):
            d = drafts[m.task]
            findings.append(Finding("warning", "unclean-unit", d.source, d.locator,
                                    f"unit cell piece {m.piece.raw.strip()!r} did not split into "
                                    "a clean name", task_ids[m.task], m.unit))




def _check_domain_counts(drafts: list[DraftTask], list_ids: dict[str, str],
                         findings: list[Finding]) -> None:
    """A domain heading that says "（共N项）" should head N tasks."""
    counts: Counter[tuple[str, str]] = Counter((_list_of(d, list_ids), d.domain) for d in drafts)
    first: dict[tuple[str, str], DraftTask] = {}
    for d in drafts:
        first.setdefault((_list_of(d, list_ids), d.domain), d)
    for (list_id, domain), n in counts.items():
        stated = COUNT_NOTE.search(domain)
        if stated and int(stated.group(1)) != n:
            d = first[(list_id, domain)]
            findings.append(Finding("warning", "domain-count", d.source, d.locator,
                                    f"domain {COUNT_NOTE.sub('', domain)!r} says 共"
                                    f"{stated.group(1)}项 but {n} tasks were read under it"))


def _task_frame(drafts: list[DraftTask], task_ids: list[str],
                list_ids: dict[str, str]) -> pd.DataFrame:
    rows = []
    for task_id, d in zip(task_ids, drafts, strict=True):
        ordinal, name = split_ordinal(d.domain) if d.domain else (None, "")
        name = COUNT_NOTE.sub("", name).strip()
        rows.append({
            "task_id": task_id, "list_id": _list_of(d, list_ids), "number": d.number,
            "domain_ordinal": ordinal, "domain": name, "title": d.title, "text": d.text,
            "deadline": d.deadline.date, "deadline_kind": d.deadline.kind,
            "deadline_raw": d.deadline.raw, "source": d.source,
            "row": ", ".join([d.locator, *d.extra_locators]),
        })
    frame = pd.DataFrame(rows, columns=TASK_COLUMNS)
    frame["number"] = frame["number"].astype("Int64")
    frame["domain_ordinal"] = frame["domain_ordinal"].astype("Int64")
    return frame
