"""One computed result for every output: the report's tables and its page-1 summary in sentences.

The HTML page, the Word report and the workbook all render a :class:`Brief`,
so a cluster, a rank or a load reads the same in each of them
(``tests/exports/test_exports_one_story.py`` compares them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import networkx as nx
import pandas as pd

from remit.analyses import UnitSummary
from remit.analyses.overdue import with_overdue
from remit.exports.i18n import strings, value_label
from remit.exports.metrics import cluster_domains
from remit.exports.numbers import format_number
from remit.exports.tables import cluster_table, due_table
from remit.model import TaskList

if TYPE_CHECKING:
    from remit.analyses.followup import FollowUp

__all__ = ["TOP_OVERLOADED", "Brief", "brief", "document_title", "one_list",
           "with_overdue"]

TOP_OVERLOADED = 15
TOP_SUMMARY = 3

@dataclass
class Brief:
    """What the report says, computed once and rendered by the HTML page, the Word report and the workbook.

    Attributes
    ----------
    title : str
        The list's own title (:func:`document_title`) or the title the user gave.
    date : datetime.date
        The day of the analysis.
    lists : list of str
        The list ids.
    who_leads : str
        How the leads were read, in words (:meth:`remit.model.TaskList.who_leads`).
    facts : list of (str, int)
        Counts for the summary cards: tasks, units, lead and support assignments, domains, findings.
    sentences : list of str
        Page 1 of the Word report: the conclusions in sentences.
    overloaded : pandas.DataFrame
        The units most likely to hold work up, in bottleneck rank order (all ranked units).
    centrality : pandas.DataFrame
        Agencies by betweenness, highest first.
    cluster_summary : pandas.DataFrame
        One row per clustering method; ``method`` in the report's language.
    clusters : pandas.DataFrame
        One row per cluster: size, main domain, members.
    due : pandas.DataFrame
        Led tasks due per unit and month.
    """

    title: str
    date: dt.date
    lists: list[str]
    who_leads: str
    facts: list[tuple[str, int]]
    sentences: list[str]
    overloaded: pd.DataFrame
    centrality: pd.DataFrame
    cluster_summary: pd.DataFrame
    clusters: pd.DataFrame
    due: pd.DataFrame
    extra: dict[str, Any] = field(default_factory=dict)


def document_title(tasklist: TaskList, lang: str = "zh") -> str:
    """The title of the lists as the documents give it (``TaskList.titles``), else their ids.

    Examples
    --------
    >>> import remit
    >>> document_title(remit.load(remit.example_path()))
    '深圳市2020年优化营商环境改革重点任务清单'
    """
    lists = list(dict.fromkeys(tasklist.tasks["list_id"].tolist()))
    titles = getattr(tasklist, "titles", {}) or {}
    named = list(dict.fromkeys(titles.get(list_id) or list_id for list_id in lists))
    return ("、" if lang == "zh" else "; ").join(named) if named else strings(lang)["report_title"]




def one_list(tasklist: TaskList, list_id: str) -> TaskList:
    """The part of ``tasklist`` read from the list ``list_id``.

    Examples
    --------
    >>> import remit
    >>> len(one_list(remit.load(remit.example_path()), "shenzhen-2020-tasks").tasks)
    210
    """
    tasks = tasklist.tasks[tasklist.tasks["list_id"] == list_id].reset_index(drop=True)
    ids = set(tasks["task_id"])
    assignments = tasklist.assignments[tasklist.assignments["task_id"].isin(ids)].reset_index(drop=True)
    units = tasklist.units[tasklist.units["unit"].isin(set(assignments["unit"]))].reset_index(drop=True)
    return replace(tasklist, tasks=tasks, assignments=assignments, units=units,
                   chapters=[c for c in tasklist.chapters if c[0] == list_id],
                   titles={k: v for k, v in (getattr(tasklist, "titles", {}) or {}).items() if k == list_id})


def _changes(tasklist: TaskList, lang: str) -> str | None:
    """What changed from the first list to the second, in one sentence, when the report covers two."""
    lists = list(dict.fromkeys(tasklist.tasks["list_id"].tolist()))
    if len(lists) != 2:
        return None
    from remit.analyses import unit_summary
    from remit.analyses.diff import diff_lists
    from remit.graph import build_graph

    old, new = (unit_summary(build_graph(one_list(tasklist, list_id))) for list_id in lists)
    d = diff_lists(old, new)
    m = d.matched
    changed = int((m["text_changed"] | m["lead_changed"] | m["support_changed"]).sum())
    old_title = (getattr(tasklist, "titles", {}) or {}).get(lists[0]) or lists[0]
    units = d.units[d.units["load_change"] != 0].sort_values(["load_change", "unit"], kind="stable")
    zh = lang == "zh"
    text = (f"与《{old_title}》相比：延续 {len(m)} 项（其中 {changed} 项内容或分工有调整），"
            f"新增 {len(d.added)} 项，取消 {len(d.dropped)} 项" if zh else
            f"Against “{old_title}”: {len(m)} tasks carried over ({changed} of them changed), "
            f"{len(d.added)} new, {len(d.dropped)} dropped")
    if len(units):
        up, down = units.iloc[-1], units.iloc[0]
        if up["load_change"] > 0:
            change = format_number(up["load_change"], "load_change")
            text += f"；负荷增加最多的是{up['unit']}（+{change}）" if zh else \
                f"; the largest rise in load is {up['unit']}'s (+{change})"
        if down["load_change"] < 0:
            change = format_number(-down["load_change"], "load_change")
            text += f"，减少最多的是{down['unit']}（−{change}）" if zh else \
                f", the largest fall {down['unit']}'s (−{change})"
    return text + ("。" if zh else ".")


def _facts(tasklist: TaskList, s: dict[str, str]) -> list[tuple[str, int]]:
    kinds = tasklist.units["kind"]
    a = tasklist.assignments
    return [(s["n_tasks"], len(tasklist.tasks)), (s["n_units"], len(tasklist.units)),
            (s["n_agencies"], int((kinds == "agency").sum())),
            (s["n_collectives"], int((kinds == "collective").sum())),
            (s["n_lead_edges"], int((a["role"] == "lead").sum())),
            (s["n_support_edges"], int((a["role"] == "support").sum())),
            (s["n_domains"], len(tasklist.domains())), (s["findings"], len(tasklist.findings))]


def _join(names: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _overdue(followup: FollowUp, lang: str) -> str:
    """What is overdue on the day of the follow-up, in one sentence."""
    zh = lang == "zh"
    overdue = followup.units["overdue"].astype(int)
    total = int((followup.tasks["state"] == "overdue").sum())
    worst = overdue[overdue > 0].sort_values(ascending=False, kind="stable").head(TOP_SUMMARY)
    date = followup.as_of.isoformat()
    # Without a status sheet nothing counts as done: the sentence says so in passing.
    unsure = ("" if followup.has_status else "（未提供进展情况表，均按未完成计）") if zh else \
        ("" if followup.has_status else " (no progress sheet: none counts as done)")
    if total == 0:
        return f"截至 {date}，没有逾期的牵头任务{unsure}。" if zh else \
            f"As of {date}, no led task is overdue{unsure}."
    who = _join([f"{u}（{n} 项）" if zh else f"{u} ({n})" for u, n in worst.items()], lang)
    return (f"截至 {date}，{total} 项任务已过完成时限而未完成{unsure}，逾期最多的是{who}。" if zh else
            f"As of {date}, {total} tasks are past their deadline and not done{unsure}; most overdue: {who}.")


def _sentences(tasklist: TaskList, units: pd.DataFrame, summary: UnitSummary, lang: str,
               followup: FollowUp | None) -> list[str]:
    zh = lang == "zh"
    kinds = tasklist.units["kind"]
    n_agencies, n_collectives = int((kinds == "agency").sum()), int((kinds == "collective").sum())
    n_tasks, n_domains = len(tasklist.tasks), len(tasklist.domains())
    where = (f"分 {n_domains} 个领域，" if zh else f" in {n_domains} domains") if n_domains else ""
    out = [f"本清单共 {n_tasks} 项任务，{where}涉及 {len(tasklist.units)} 个单位"
           f"（{n_agencies} 个部门、{n_collectives} 个泛指单位）。" if zh else
           f"The list has {n_tasks} tasks{where}, for {len(tasklist.units)} units "
           f"({n_agencies} agencies, {n_collectives} collectives)."]
    loaded = units.sort_values(["load", "unit"], ascending=[False, True], kind="stable").head(TOP_SUMMARY)
    order = ("负荷最重的是", "其次是", "再次是") if zh else ("The heaviest load is", "Next is", "Then")
    for word, row in zip(order, loaded.itertuples(index=False), strict=False):
        load = format_number(row.load, "load")
        out.append(f"{word}{row.unit}（负荷 {load}）：{row.bottleneck_reason}" if zh else
                   f"{word} {row.unit} (load {load}): {row.bottleneck_reason}")
    if followup is not None:  # what is late comes right after who is loaded
        out.append(_overdue(followup, lang))
    deadlines = tasklist.tasks["deadline"].map(
        lambda d: d.isoformat()[:7] if hasattr(d, "isoformat") else None)
    months = deadlines.dropna().value_counts()
    if len(months):
        top = months.sort_index().sort_values(ascending=False, kind="stable")
        month, n = str(top.index[0]), int(top.iloc[0])
        share = format_number(100 * n / int(months.sum()), "load")
        out.append(f"完成时限最集中在 {month}：{n} 项任务在该月到期，占有明确时限任务的 {share}%。" if zh else
                   f"Most deadlines fall in {month}: {n} tasks, {share}% of those with a date.")
    agencies = units[units["kind"] == "agency"] if "kind" in units else units
    hubs = agencies[agencies["betweenness"] > 0].sort_values(["betweenness", "unit"], ascending=[False, True],
                                                             kind="stable").head(TOP_SUMMARY)
    if len(hubs):
        names = hubs["unit"].tolist()
        text = (f"{_join(names, lang)}把协同网络连在一起：其他部门之间的协作最常经由它们"
                "（中介中心性最高）。" if zh else
                f"{_join(names, lang)} hold the network together: work between other agencies most "
                "often passes through them (highest betweenness).")
        cut = summary.table.index[summary.table["articulation"].fillna(False).astype(bool)].tolist() \
            if "articulation" in summary.table else []
        if cut:
            text += (f"{_join(sorted(cut), lang)}若缺位，有的部门将与其他部门失去联系。" if zh else
                     f" Without {_join(sorted(cut), lang)}, some agencies would lose touch with the rest.")
        out.append(text)
    changes = _changes(tasklist, lang)
    if changes is not None:
        out.append(changes)
    return out


def brief(tasklist: TaskList, G: nx.MultiDiGraph, summary: UnitSummary, units: pd.DataFrame, *,
          lang: str = "zh", title: str | None = None, followup: FollowUp | None = None,
          date: dt.date | None = None) -> Brief:
    """Compute what the report says, once, for the HTML page, the Word report and the workbook.

    Parameters
    ----------
    tasklist, G, summary
        The lists, their graph and its :func:`remit.analyses.unit_summary`.
    units : pandas.DataFrame
        :func:`remit.exports.tables.unit_table`.
    title : str, optional
        By default the lists' own titles (:func:`document_title`).
    followup : FollowUp, optional
        From :func:`remit.analyses.followup.follow_up`: overdue and due-soon columns and a sentence.
    date : datetime.date, optional
        The day of the analysis; today by default.

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> from remit.exports.tables import unit_table
    >>> tl = remit.load(remit.example_path()); G = remit.build_graph(tl); s = unit_summary(G)
    >>> b = brief(tl, G, s, unit_table(G, s))
    >>> b.sentences[1].split('（11')[0]
    '负荷最重的是市市场监管局（负荷 37.5）：牵头 40 项'
    >>> b.clusters.set_index("cluster").at[1, "main_domain"]
    '加强法治保障'
    """
    s = strings(lang)
    title = title or document_title(tasklist, lang)
    ranked = units.dropna(subset=["bottleneck_rank"]) if "bottleneck_rank" in units else units
    ranked = with_overdue(ranked, followup)
    agencies = units[units["kind"] == "agency"] if "kind" in units else units
    methods = summary.clusters.summary
    methods = methods.assign(method=[value_label(m, lang) for m in methods["method"]])
    return Brief(
        title=title, date=date or dt.date.today(),
        lists=list(dict.fromkeys(tasklist.tasks["list_id"].tolist())),
        who_leads=tasklist.who_leads(lang),
        facts=_facts(tasklist, s), sentences=_sentences(tasklist, units, summary, lang, followup),
        overloaded=ranked.reset_index(drop=True),
        centrality=agencies.sort_values(["betweenness", "unit"], ascending=[False, True],
                                        kind="stable").reset_index(drop=True),
        cluster_summary=methods, clusters=cluster_table(units, cluster_domains(G, summary)),
        due=due_table(summary))
