"""Commands about reading lists: ``check``, ``stats`` and ``aliases``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from remit.cli.common import (
    add_format,
    add_inputs,
    add_lang,
    emit_frame,
    emit_json,
    load_inputs,
    plural,
    unit_aliases,
)
from remit.errors import RemitError
from remit.suggest import unknown_unit

if TYPE_CHECKING:
    from remit.model import TaskList

__all__ = ["register", "stats_of"]


def stats_of(tasklist: TaskList) -> dict[str, Any]:
    """The summary that ``remit stats --json`` prints.

    Examples
    --------
    >>> import remit
    >>> s = stats_of(remit.load(remit.example_path()))
    >>> s["tasks"], len(s["domains"]), s["per_unit"]["市市场监管局"]["lead"]
    (210, 14, 40)
    """
    a = tasklist.assignments
    counts = a.groupby(["unit", "role"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=["lead", "support"], fill_value=0)
    kinds = tasklist.units.set_index("unit")["kind"]
    per_unit = {
        unit: {"kind": kinds[unit], "lead": int(counts.at[unit, "lead"]),
               "support": int(counts.at[unit, "support"])}
        for unit in tasklist.units["unit"]
    }
    return {
        "tasks": len(tasklist.tasks),
        "lead_rule": tasklist.lead_rule.value,
        "lead_rule_applied": tasklist.applied_lead_rules(),
        "lists": sorted(tasklist.tasks["list_id"].unique().tolist()),
        "governments": {list_id: {"place": g.place, "level": g.level, "evidence": g.evidence}
                        for list_id, g in sorted(tasklist.governments.items())},
        "domains": tasklist.domains(),
        "units": {"agency": int((kinds == "agency").sum()),
                  "collective": int((kinds == "collective").sum())},
        "lead_edges": int((a["role"] == "lead").sum()),
        "support_edges": int((a["role"] == "support").sum()),
        "findings": {s: int((tasklist.findings["severity"] == s).sum())
                     for s in ("error", "warning", "info")},
        "per_unit": per_unit,
    }


def _check(args: argparse.Namespace) -> int:
    tasklist = load_inputs(args)
    if args.explain:
        trail = tasklist.explain(args.explain)
        if trail.empty:
            aliases = unit_aliases(tasklist)
            raise RemitError(unknown_unit(args.explain, aliases, aliases))
        emit_frame(trail[["file", "row", "task_id", "role", "raw", "rule", "before", "after",
                          "unit"]], args)
        return 0
    findings = tasklist.findings
    if args.json or args.csv:
        emit_frame(findings, args)
    else:
        for f in findings.itertuples(index=False):
            print(f"{f.severity:7} {f.file}, {f.row}: {f.message} [{f.code}]")
        n = findings["severity"].value_counts()
        print(f"{plural(len(tasklist.tasks), 'task')} read; {plural(n.get('error', 0), 'error')}, "
              f"{plural(n.get('warning', 0), 'warning')}, {plural(n.get('info', 0), 'note')}")
    return 1 if tasklist.has_errors() else 0


def _stats(args: argparse.Namespace) -> int:
    summary = stats_of(load_inputs(args))
    if args.json:
        emit_json(summary)
        return 0
    import pandas as pd

    table = pd.DataFrame([{"unit": u, **v} for u, v in summary["per_unit"].items()],
                         columns=["unit", "kind", "lead", "support"])
    table = table.sort_values(["lead", "support"], ascending=False, kind="stable")
    if args.csv:  # every unit, one row each, unless --top is given
        emit_frame(table if args.top is None else table.head(args.top), args)
        return 0
    from remit.model import LeadRule

    units = summary["units"]
    applied = summary["lead_rule_applied"]
    by_order = [list_id for list_id, how in applied.items() if how.startswith("first listed")]
    rule = LeadRule.parse(summary["lead_rule"])
    if args.lang == "zh":
        note = f"（按排列顺序认定：{'、'.join(by_order)}）" if by_order else ""
        print(f"任务清单：{'、'.join(summary['lists'])}")
        print(f"所属政府：{_places(summary['governments'], 'zh')}")
        print(f"任务数：  {summary['tasks']}")
        print(f"牵头认定：{rule.describe('zh')}{note}")
        print(f"领域数：  {len(summary['domains'])}")
        print(f"单位：    {units['agency']} 个部门，{units['collective']} 个泛指单位")
        print(f"关系：    牵头 {summary['lead_edges']} 条，配合 {summary['support_edges']} 条")
    else:
        note = f" (the first listed leads where no rule is stated: {', '.join(by_order)})" if by_order else ""
        print(f"lists:    {', '.join(summary['lists'])}")
        print(f"place:    {_places(summary['governments'])}")
        print(f"tasks:    {summary['tasks']}")
        print(f"lead rule: {summary['lead_rule']}{note}")
        print(f"domains:  {len(summary['domains'])}")
        print(f"units:    {units['agency']} agencies, {units['collective']} collective placeholders")
        print(f"edges:    {summary['lead_edges']} lead, {summary['support_edges']} support")
    emit_frame(table.head(20 if args.top is None else args.top), args)
    return 0


def _places(governments: dict[str, dict[str, str | None]], lang: str = "en") -> str:
    """One line: each government with its level, and the lists of each where they differ.

    Examples
    --------
    >>> _places({"a": {"place": "深圳市", "level": "city"}})
    '深圳市 (city)'
    >>> _places({"a": {"place": "深圳市", "level": "city"}}, "zh")
    '深圳市（市级）'
    >>> _places({"a": {"place": None, "level": None}, "b": {"place": "济南市", "level": "city"}})
    'a: unknown place (give --place); b: 济南市 (city)'
    """
    from remit.exports.i18n import level_label

    zh = lang == "zh"
    shown = {list_id: (f"{g['place']}（{level_label(g['level'], 'zh')}）" if zh else
                       f"{g['place']} ({g['level']})") if g["place"] else
             (f"未知的{level_label(g['level'], 'zh')}政府（可用 --place 指定）" if zh else
              f"unknown {g['level'] or 'place'} (give --place)")
             for list_id, g in governments.items()}
    if len(set(shown.values())) == 1:
        return next(iter(shown.values()))
    return ("；" if zh else "; ").join(f"{list_id}: {text}" for list_id, text in shown.items())


def _aliases(args: argparse.Namespace) -> int:
    emit_frame(load_inputs(args).merges(), args)
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``check``, ``stats`` and ``aliases``."""
    p = sub.add_parser("check", help="read the lists and print data-quality findings",
                       description="Print every data-quality finding; exit 1 if any is an "
                                   "error, 2 if an input cannot be read.")
    add_inputs(p)
    p.add_argument("--explain", metavar="NAME",
                   help="show the audit trail of one unit name instead")
    add_lang(p, "the tables")
    add_format(p)
    p.set_defaults(handler=_check)

    p = sub.add_parser("stats", help="count tasks, domains, units and edges",
                       description="Summarise the lists; --json prints one JSON object, --csv the "
                                   "per-unit counts (unit, kind, lead, support).")
    add_inputs(p)
    p.add_argument("--top", type=int, default=None, metavar="N",
                   help="units to list (default 20; with --csv, all)")
    add_lang(p, "the summary")
    add_format(p)
    p.set_defaults(handler=_stats)

    p = sub.add_parser("aliases", help="list every merge the normaliser made",
                       description="List each source spelling that became another name, "
                                   "with the rules applied.")
    add_inputs(p)
    add_lang(p, "the table")
    add_format(p)
    p.set_defaults(handler=_aliases)
