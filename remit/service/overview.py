"""What ``remit check``, ``stats`` and ``aliases`` compute: findings, counts and merges of the lists read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from remit.errors import RemitError
from remit.service.reading import ReadOptions
from remit.service.text import plural
from remit.suggest import unknown_unit

if TYPE_CHECKING:  # pandas and the model only once a command runs: `remit --help` stays quick
    import pandas as pd

    from remit.model import TaskList

__all__ = ["Checked", "Stats", "alias_merges", "check", "explain", "places_line", "stats", "stats_lines",
           "stats_of", "stats_table", "unit_aliases"]

#: The columns of an audit trail (``remit check --explain``).
TRAIL_COLUMNS = ["file", "row", "task_id", "role", "raw", "rule", "before", "after", "unit"]


def unit_aliases(tasklist: TaskList) -> dict[str, list[str]]:
    """Canonical unit name → its other spellings, for did-you-mean hints.

    Examples
    --------
    >>> import remit
    >>> unit_aliases(remit.load(remit.example_path()))["市中级人民法院"]  # the example writes 市中级法院 too
    ['市中级法院']
    """
    return {str(u): [str(a) for a in (aliases if isinstance(aliases, list | tuple) else ()) if a]
            for u, aliases in zip(tasklist.units["unit"], tasklist.units["aliases"], strict=True)}


@dataclass(frozen=True)
class Checked:
    """The result of :func:`check`: the lists read and their data-quality findings."""

    tasklist: TaskList

    @property
    def findings(self) -> pd.DataFrame:
        """One row per finding: ``severity``, ``code``, ``file``, ``row``, ``message``."""
        return self.tasklist.findings

    @property
    def failed(self) -> bool:
        """Whether a finding is an error (``remit check`` exits 1)."""
        return self.tasklist.has_errors()

    def lines(self) -> list[str]:
        """Each finding on a line, then a count of tasks, errors, warnings and notes."""
        from remit.model import place_of_finding

        findings = self.findings
        out = [f"{f.severity:7} {place_of_finding(f.file, f.row)}: {f.message} [{f.code}]"
               for f in findings.itertuples(index=False)]
        n = findings["severity"].value_counts()
        out.append(f"{plural(len(self.tasklist.tasks), 'task')} read; {plural(n.get('error', 0), 'error')}, "
                   f"{plural(n.get('warning', 0), 'warning')}, {plural(n.get('info', 0), 'note')}")
        return out


def check(options: ReadOptions) -> Checked:
    """Read the lists of ``options`` for their findings (``remit check``).

    Examples
    --------
    >>> c = check(ReadOptions())
    >>> c.failed, c.lines()[-1].startswith("210 tasks read; 0 errors")
    (False, True)
    """
    return Checked(options.load())


def explain(options: ReadOptions, name: str) -> pd.DataFrame:
    """The audit trail of one unit name in the lists of ``options`` (``remit check --explain``).

    Raises
    ------
    RemitError
        When no unit of the lists is or was written ``name``, with the closest names.

    Examples
    --------
    >>> explain(ReadOptions(), "市税务局")["task_id"].nunique() >= 13
    True
    """
    tasklist = options.load()
    trail = tasklist.explain(name)
    if trail.empty:
        aliases = unit_aliases(tasklist)
        raise RemitError(unknown_unit(name, aliases, aliases))
    return trail[TRAIL_COLUMNS]


def alias_merges(options: ReadOptions) -> pd.DataFrame:
    """Each source spelling that became another name, with the rules applied (``remit aliases``)."""
    return options.load().merges()


def stats_of(tasklist: TaskList) -> dict[str, Any]:
    """The summary that ``remit stats --json`` prints.

    Examples
    --------
    >>> s = stats_of(ReadOptions().load())
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
        **tasklist.who_leads_record(),
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


def stats_table(summary: dict[str, Any]) -> pd.DataFrame:
    """The per-unit counts of :func:`stats_of` (``unit``, ``kind``, ``lead``, ``support``), most led first.

    Examples
    --------
    >>> stats_table({"per_unit": {"a": {"kind": "agency", "lead": 1, "support": 5},
    ...                           "b": {"kind": "agency", "lead": 2, "support": 0}}})["unit"].tolist()
    ['b', 'a']
    """
    import pandas as pd

    table = pd.DataFrame([{"unit": u, **v} for u, v in summary["per_unit"].items()],
                         columns=["unit", "kind", "lead", "support"])
    return table.sort_values(["lead", "support"], ascending=False, kind="stable")


def stats_lines(summary: dict[str, Any], lang: str = "zh") -> list[str]:
    """The summary above ``remit stats``' table, in ``lang``: lists, place, tasks, lead rule, domains,
    units and edges, one line each."""
    from remit.model import LeadRule

    units = summary["units"]
    by_order = [list_id for list_id, how in summary["lead_rule_applied"].items()
                if how.startswith("first listed")]
    if lang == "zh":
        note = f"（按排列顺序认定：{'、'.join(by_order)}）" if by_order else ""
        return [f"任务清单：{'、'.join(summary['lists'])}",
                f"所属政府：{places_line(summary['governments'], 'zh')}",
                f"任务数：  {summary['tasks']}",
                f"牵头认定：{LeadRule.parse(summary['lead_rule']).describe('zh')}{note}",
                f"领域数：  {len(summary['domains'])}",
                f"单位：    {units['agency']} 个部门，{units['collective']} 个泛指单位",
                f"关系：    牵头 {summary['lead_edges']} 条，配合 {summary['support_edges']} 条"]
    note = f" (the first listed leads where no rule is stated: {', '.join(by_order)})" if by_order else ""
    return [f"lists:    {', '.join(summary['lists'])}",
            f"place:    {places_line(summary['governments'])}",
            f"tasks:    {summary['tasks']}",
            f"lead rule: {summary['lead_rule']}{note}",
            f"domains:  {len(summary['domains'])}",
            f"units:    {units['agency']} agencies, {units['collective']} collective placeholders",
            f"edges:    {summary['lead_edges']} lead, {summary['support_edges']} support"]


def places_line(governments: dict[str, dict[str, str | None]], lang: str = "en") -> str:
    """One line: each government with its level, and the lists of each where they differ.

    Examples
    --------
    >>> places_line({"a": {"place": "深圳市", "level": "city"}})
    '深圳市 (city)'
    >>> places_line({"a": {"place": "深圳市", "level": "city"}}, "zh")
    '深圳市（市级）'
    >>> places_line({"a": {"place": None, "level": None}, "b": {"place": "济南市", "level": "city"}})
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


@dataclass(frozen=True)
class Stats:
    """The result of :func:`stats`: the summary of :func:`stats_of` and its per-unit table."""

    summary: dict[str, Any]
    table: pd.DataFrame

    def lines(self, lang: str = "zh") -> list[str]:
        """:func:`stats_lines` of the summary."""
        return stats_lines(self.summary, lang)


def stats(options: ReadOptions) -> Stats:
    """Count the tasks, domains, units and edges of the lists of ``options`` (``remit stats``).

    Examples
    --------
    >>> s = stats(ReadOptions())
    >>> s.lines("en")[2], s.table["unit"].iloc[0]
    ('tasks:    210', '市市场监管局')
    """
    summary = stats_of(options.load())
    return Stats(summary, stats_table(summary))
