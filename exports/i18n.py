"""Interface text of the map and the report, in Chinese (default) and English."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from remit.loaders.readback import TASK_TABLE_LABELS

if TYPE_CHECKING:
    from remit.model import TaskList

__all__ = ["COLUMNS", "LANGS", "VALUES", "column_labels", "explanations", "government_label", "level_label",
           "localize", "strings", "value_label"]

LANGS = ("zh", "en")

_ZH: dict[str, str] = {
    "map_title": "部门协同网络图",
    "report_title": "改革任务分析报告",
    "search": "搜索单位（名称或别名）",
    "no_match": "没有匹配的单位",
    "domain_filter": "领域",
    "all_domains": "全部领域",
    "role_filter": "关系",
    "lead_support": "牵头→配合",
    "co_lead": "共同牵头",
    "co_support": "共同配合",
    "lead": "牵头",
    "support": "配合",
    "legend": "图例",
    "edge_solid": "实线箭头：牵头单位→配合单位",
    "edge_dashed": "虚线：共同牵头或共同配合",
    "edge_task_lead": "实线箭头：牵头",
    "edge_task_support": "虚线：配合",
    "size_note": "圆点大小：任务负荷",
    "task_node": "任务",
    "close": "关闭",
    "tasks": "任务",
    "number": "序号",
    "title": "任务",
    "role": "角色",
    "deadline": "完成时限",
    "metrics": "指标",
    "aliases": "别名",
    "former_names": "曾用名（机构改革前）",
    "kind": "类型",
    "agency": "部门",
    "collective": "泛指单位",
    "shared_tasks": "共同任务",
    "cluster": "群组",
    "domain": "领域",
    "led": "牵头任务",
    "supported": "配合任务",
    "co_led": "共同牵头",
    "partners": "协作单位",
    "load": "负荷",
    "peak_month": "到期高峰月",
    "degree": "度",
    "weighted_degree": "加权度",
    "betweenness": "中介中心性",
    "eigenvector": "特征向量中心性",
    "pagerank": "PageRank",
    "constraint": "结构洞约束",
    "effective_size": "有效规模",
    "efficiency": "效率",
    "bottleneck_rank": "瓶颈排名",
    "bottleneck_score": "瓶颈得分",
    "loading": "正在布局…",
    "units_shown": "单位",
    "strongest_note": "（每个单位只画最强的 {k} 条连线）",
    "edges_shown": "连线",
    "other": "其他",
    "mainly": "主要为",
    # report
    "generated_by": "由 remit 生成",
    "summary": "概况",
    "n_lists": "任务清单",
    "lead_rule": "牵头单位的认定",
    "government": "所属政府（--place）",
    "n_tasks": "任务数",
    "n_units": "单位数",
    "n_agencies": "部门",
    "n_collectives": "泛指单位",
    "n_lead_edges": "牵头关系",
    "n_support_edges": "配合关系",
    "n_domains": "领域数",
    "domains": "领域",
    "domain_tasks": "任务数",
    "findings": "数据质量问题",
    "no_findings": "未发现数据质量问题。",
    "severity": "级别",
    "code": "代码",
    "row": "位置",
    "message": "说明",
    "overloaded": "最可能卡住工作的部门（按瓶颈得分排序）",
    "rank": "排名",
    "unit": "单位",
    "score": "得分",
    "reason": "原因",
    "centrality": "协同中心性",
    "sort_hint": "点击表头排序",
    "clusters": "协同群组",
    "method": "方法",
    "n_clusters": "群组数",
    "modularity": "模块度",
    "nmi": "与官方领域的 NMI",
    "ari": "与官方领域的 ARI",
    "members": "成员",
    "size": "规模",
    "top_domain": "主要领域",
    "bridges": "跨群组桥梁单位",
    "other_clusters": "相连的其他群组",
    "external_weight": "跨群组共同任务",
    "participation": "参与系数",
    "cluster_note": "第一行是下文所用的分群；NMI/ARI 越接近 1，群组与官方领域划分越一致。",
    "heatmap": "各单位每月到期的牵头任务",
    "heatmap_note": "每格为该单位牵头、当月到期的任务数；颜色越深越多。",
    "map": "协同网络图",
    "files": "下载数据",
    "file_units_csv": "单位指标（CSV）",
    "file_units_xlsx": "全部表格（Excel）",
    "file_tasks_csv": "任务（CSV）",
    "file_graphml": "图（GraphML）",
    "file_gexf": "图（GEXF，Gephi）",
    "file_json": "图（JSON node-link）",
    "more_rows": "另有 {n} 行，见 Excel 文件。",
    "lead_units": "牵头单位",
    "support_units": "配合单位",
    "progress": "生成报告",
}

_EN: dict[str, str] = {
    "map_title": "Unit coordination map",
    "report_title": "Reform task report",
    "search": "Find a unit (name or alias)",
    "no_match": "No matching unit",
    "domain_filter": "Domain",
    "all_domains": "All domains",
    "role_filter": "Relation",
    "lead_support": "lead→support",
    "co_lead": "co-lead",
    "co_support": "co-support",
    "lead": "lead",
    "support": "support",
    "legend": "Legend",
    "edge_solid": "solid arrow: lead unit → supporting unit",
    "edge_dashed": "dashed: co-lead or co-support",
    "edge_task_lead": "solid arrow: leads",
    "edge_task_support": "dashed: supports",
    "size_note": "dot size: task load",
    "task_node": "task",
    "close": "Close",
    "tasks": "Tasks",
    "number": "No.",
    "title": "Task",
    "role": "Role",
    "deadline": "Deadline",
    "metrics": "Metrics",
    "aliases": "Aliases",
    "former_names": "Former names (before a restructuring)",
    "kind": "Kind",
    "agency": "agency",
    "collective": "collective",
    "shared_tasks": "shared tasks",
    "cluster": "Cluster",
    "domain": "Domain",
    "led": "led",
    "supported": "supported",
    "co_led": "co-led",
    "partners": "partners",
    "load": "load",
    "peak_month": "peak month",
    "degree": "degree",
    "weighted_degree": "weighted degree",
    "betweenness": "betweenness",
    "eigenvector": "eigenvector",
    "pagerank": "PageRank",
    "constraint": "constraint",
    "effective_size": "effective size",
    "efficiency": "efficiency",
    "bottleneck_rank": "bottleneck rank",
    "bottleneck_score": "bottleneck score",
    "loading": "Laying out…",
    "units_shown": "units",
    "strongest_note": "(each unit's {k} strongest links drawn)",
    "edges_shown": "links",
    "other": "other",
    "mainly": "mainly",
    "generated_by": "Generated by remit",
    "summary": "Summary",
    "n_lists": "Lists",
    "lead_rule": "Who leads",
    "government": "Government (--place)",
    "n_tasks": "Tasks",
    "n_units": "Units",
    "n_agencies": "agencies",
    "n_collectives": "collectives",
    "n_lead_edges": "Lead assignments",
    "n_support_edges": "Support assignments",
    "n_domains": "Domains",
    "domains": "Domains",
    "domain_tasks": "Tasks",
    "findings": "Data-quality findings",
    "no_findings": "No data-quality findings.",
    "severity": "Severity",
    "code": "Code",
    "row": "Where",
    "message": "Message",
    "overloaded": "Units most likely to hold work up (by bottleneck score)",
    "rank": "Rank",
    "unit": "Unit",
    "score": "Score",
    "reason": "Reason",
    "centrality": "Coordination centrality",
    "sort_hint": "click a header to sort",
    "clusters": "Clusters",
    "method": "Method",
    "n_clusters": "Clusters",
    "modularity": "Modularity",
    "nmi": "NMI with official domains",
    "ari": "ARI with official domains",
    "members": "Members",
    "size": "Size",
    "top_domain": "Main domain",
    "bridges": "Units bridging clusters",
    "other_clusters": "other clusters reached",
    "external_weight": "tasks shared across clusters",
    "participation": "participation",
    "cluster_note": ("The first row is the clustering used below; NMI/ARI near 1 mean the clusters "
                     "follow the official domains."),
    "heatmap": "Led tasks due per month",
    "heatmap_note": "Each cell counts the tasks the unit leads that fall due that month; darker is more.",
    "map": "Coordination map",
    "files": "Data files",
    "file_units_csv": "Unit metrics (CSV)",
    "file_units_xlsx": "All tables (Excel)",
    "file_tasks_csv": "Tasks (CSV)",
    "file_graphml": "Graph (GraphML)",
    "file_gexf": "Graph (GEXF, Gephi)",
    "file_json": "Graph (JSON node-link)",
    "more_rows": "{n} more rows in the Excel file.",
    "lead_units": "Lead units",
    "support_units": "Supporting units",
    "progress": "writing report",
}


def strings(lang: str) -> dict[str, str]:
    """The interface text for ``lang`` (``"zh"`` or ``"en"``).

    Examples
    --------
    >>> strings("en")["lead"], strings("zh")["lead"]
    ('lead', '牵头')
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return dict(_ZH if lang == "zh" else _EN)


# Follow-up over time: progress against deadlines, list comparison, the Word report.
_ZH.update({
    "overdue": "逾期",
    "due_soon": "30天内到期",
    "done": "已完成",
    "as_of_note": ("截至 {date}：“逾期”指牵头任务完成时限已过且尚未完成；"
                   "“30天内到期”指未完成且在 30 天内到期。"),
    "no_status_note": "未提供进展情况表（--status），所有任务均按未完成计。",
    "status_note": "进展情况表 {file}：截至该日已完成 {n} 项。",
    "past_months_note": "截至 {date} 已过去的月份，表头标为灰色并加注“已过”。",
    "past": "已过",
    "no_overdue": "无逾期",
    "overdue_bin": "逾期 {a}–{b} 项",
    "overdue_more": "逾期 {a} 项及以上",
    "diff_title": "任务清单对比",
    "old_list": "原清单",
    "new_list": "新清单",
    "carried": "延续任务",
    "added": "新增任务",
    "dropped": "取消任务",
    "renamed": "改名单位（机构改革）",
    "renamed_old": "原名称",
    "renamed_new": "新名称",
    "renamed_rule": "依据",
    "renamed_tasks": "涉及任务",
    "carried_changed": "有调整的延续任务",
    "text_changed": "内容调整",
    "lead_changed": "牵头单位调整",
    "support_changed": "配合单位调整",
    "similarity": "相似度",
    "threshold_note": "任务按文字相似度（字符 2–3 元组 TF-IDF 余弦）一对一匹配，不比较序号；相似度阈值 {t}。",
    "old_task": "原任务",
    "old_title": "原任务名称",
    "new_title": "新任务名称",
    "new_task": "新任务",
    "old_leads": "原牵头单位",
    "new_leads": "新牵头单位",
    "task_id": "任务编号",
    "leads": "牵头单位",
    "unit_changes": "各单位工作量变化",
    "status": "状态",
    "appeared": "新出现",
    "disappeared": "不再出现",
    "both": "两份清单均有",
    "led_old": "原牵头",
    "led_new": "现牵头",
    "led_change": "牵头变化",
    "supported_old": "原配合",
    "supported_new": "现配合",
    "supported_change": "配合变化",
    "load_old": "原负荷",
    "load_new": "现负荷",
    "load_change": "负荷变化",
    "partners_old": "原协作单位",
    "partners_new": "现协作单位",
    "partners_change": "协作单位变化",
    "load_up_big": "负荷增加 5 及以上",
    "load_up": "负荷增加 1–5",
    "load_same": "基本不变（变化小于 1）",
    "load_down": "负荷减少 1–5",
    "load_down_big": "负荷减少 5 及以上",
    "diff_map_note": "新清单的协同网络图，单位颜色表示负荷变化。",
    "nothing_in_common": "两份清单没有相同的任务。",
    "file_docx": "Word 报告（供领导阅读）",
    "top_centrality": "协同中心性最高的部门",
    "month_table": "每月到期任务（牵头）",
    "figure": "部门协同网络图",
    "figure_skipped": "未找到中文字体，略去网络图。",
    "clusters_vs_domains": "协作群组与官方领域",
    "analysis_date": "分析日期：",
    "colon": "：",
    "conclusions": "主要结论",
    "lead_rule_words": "牵头单位的认定：",
    "month_year_note": "表头为 {year}的月份（1 即 1 月）。",
    "figure_note": ("圆点为部门，大小表示任务负荷，颜色表示协作群组；只标出负荷最重的部门，"
                    "连线表示共同承担任务。"),
    "title_date": "{title} · 分析日期 {date}",
})
_EN.update({
    "overdue": "Overdue",
    "due_soon": "Due within 30 days",
    "done": "Done",
    "as_of_note": "As of {date}: 'overdue' counts led tasks past their deadline and not done; 'due within "
                  "30 days' counts those not done that fall due in the next 30 days.",
    "no_status_note": "No progress sheet (--status) was given: no task counts as done.",
    "status_note": "Progress sheet {file}: {n} tasks done by that day.",
    "past_months_note": "Months already past on {date} have a grey heading marked 'past'.",
    "past": "past",
    "no_overdue": "none overdue",
    "overdue_bin": "{a}–{b} overdue",
    "overdue_more": "{a} or more overdue",
    "diff_title": "Task lists compared",
    "old_list": "Old list",
    "new_list": "New list",
    "carried": "Carried over",
    "added": "New tasks",
    "dropped": "Dropped tasks",
    "renamed": "Units renamed (restructuring)",
    "renamed_old": "Old name",
    "renamed_new": "New name",
    "renamed_rule": "Rule",
    "renamed_tasks": "Tasks",
    "carried_changed": "Carried over with changes",
    "text_changed": "Text changed",
    "lead_changed": "Lead changed",
    "support_changed": "Support changed",
    "similarity": "Similarity",
    "threshold_note": "Tasks are matched one to one by text (TF-IDF cosine over character 2–3-grams), never "
                      "by number; similarity threshold {t}.",
    "old_task": "Old task",
    "old_title": "Old title",
    "new_title": "New title",
    "new_task": "New task",
    "old_leads": "Old lead",
    "new_leads": "New lead",
    "task_id": "Task",
    "leads": "Lead",
    "unit_changes": "Change in each unit's work",
    "status": "Status",
    "appeared": "appeared",
    "disappeared": "disappeared",
    "both": "in both",
    "led_old": "Led before",
    "led_new": "Led now",
    "led_change": "Change in led",
    "supported_old": "Supported before",
    "supported_new": "Supported now",
    "supported_change": "Change in supported",
    "load_old": "Load before",
    "load_new": "Load now",
    "load_change": "Change in load",
    "partners_old": "Partners before",
    "partners_new": "Partners now",
    "partners_change": "Change in partners",
    "load_up_big": "load up 5 or more",
    "load_up": "load up 1–5",
    "load_same": "about the same (less than 1)",
    "load_down": "load down 1–5",
    "load_down_big": "load down 5 or more",
    "diff_map_note": "The new list's coordination map; colour shows each unit's change in load.",
    "nothing_in_common": "The two lists have no task in common.",
    "file_docx": "Word report for leaders",
    "top_centrality": "Most central units",
    "month_table": "Led tasks due per month",
    "figure": "Coordination map",
    "figure_skipped": "No CJK font found; the map figure is left out.",
    "clusters_vs_domains": "Clusters against the official domains",
    "analysis_date": "Analysed on ",
    "colon": ": ",
    "conclusions": "Conclusions",
    "lead_rule_words": "Who leads: ",
    "month_year_note": "The columns are the months of {year}.",
    "figure_note": "Dots are agencies, sized by task load and coloured by cluster; only the busiest are "
                   "named; lines join agencies that share tasks.",
    "title_date": "{title} · analysed on {date}",
})


#: Column name → (Chinese, English) label, for the report's tables and the Excel workbook. CSV files keep
#: the snake_case names (see the README's "File exports").
COLUMNS: dict[str, tuple[str, str]] = {
    "unit": ("单位", "unit"), "kind": ("类型", "kind"), "led": ("牵头任务", "led"),
    "co_led": ("共同牵头", "co-led"), "supported": ("配合任务", "supported"), "tasks": ("任务数", "tasks"),
    "partners": ("协作单位", "partners"), "domains": ("涉及领域数", "domains"),
    "lead_share": ("牵头占比", "lead share"),
    "load": ("负荷", "load"), "load_norm": ("负荷（归一）", "load (scaled)"),
    "peak_month": ("到期高峰月", "peak month"), "peak_due": ("高峰月到期数", "due in peak month"),
    "overdue": ("逾期", "overdue"), "due_soon": ("30天内到期", "due within 30 days"),
    "degree": ("度", "degree"), "weighted_degree": ("加权度", "weighted degree"),
    "betweenness": ("中介中心性", "betweenness"), "eigenvector": ("特征向量中心性", "eigenvector"),
    "pagerank": ("PageRank", "PageRank"), "effective_size": ("有效规模", "effective size"),
    "efficiency": ("效率", "efficiency"), "constraint": ("结构洞约束", "constraint"),
    "bipartite_degree": ("任务数（二部图度）", "tasks (bipartite degree)"),
    "bipartite_betweenness": ("二部图中介中心性", "bipartite betweenness"),
    "bottleneck_rank": ("瓶颈排名", "bottleneck rank"), "bottleneck_score": ("瓶颈得分", "bottleneck score"),
    "bottleneck_reason": ("原因", "reason"), "rank": ("排名", "rank"), "score": ("得分", "score"),
    "reason": ("原因", "reason"), "crunch": ("高峰到期", "crunch"),
    "crunch_month": ("高峰月", "crunch month"),
    "crunch_norm": ("高峰（归一）", "crunch (scaled)"),
    "brokerage_norm": ("中介（归一）", "brokerage (scaled)"),
    "articulation": ("割点", "articulation point"), "separated_pairs": ("会断开的协作对", "pairs separated"),
    "fragility_norm": ("脆弱性（归一）", "fragility (scaled)"), "bridge_a": ("断开的一方", "separates a"),
    "bridge_b": ("断开的另一方", "separates b"),
    "main_domain": ("主要领域", "main domain"), "aliases": ("别名", "aliases"),
    "former_names": ("曾用名", "former names"), "size": ("规模", "size"),
    "members": ("成员", "members"),
    # The task table's headers: remit reads that sheet back (remit.loaders.readback).
    **TASK_TABLE_LABELS,
    "severity": ("级别", "severity"), "code": ("代码", "code"),
    "file": ("文件", "file"), "message": ("说明", "message"), "method": ("方法", "method"),
    "n_clusters": ("群组数", "clusters"), "modularity": ("模块度", "modularity"),
    "nmi_domains": ("与官方领域的 NMI", "NMI with official domains"),
    "ari_domains": ("与官方领域的 ARI", "ARI with official domains"),
    "other_clusters": ("相连的其他群组", "other clusters reached"),
    "external_weight": ("跨群组共同任务", "tasks shared across clusters"),
    "participation": ("参与系数", "participation"), "role": ("角色", "role"),
    "lead": ("牵头", "lead"), "support": ("配合", "support"), "raw": ("原写法", "as written"),
    "rules": ("规则", "rules"), "occurrences": ("次数", "occurrences"), "rule": ("规则", "rule"),
    "before": ("修改前", "before"), "after": ("修改后", "after"), "removed": ("已移除", "removed"),
}

#: Values of categorical columns → (Chinese, English) text.
VALUES: dict[str, tuple[str, str]] = {
    "agency": ("部门", "agency"), "collective": ("泛指单位", "collective"),
    "lead": ("牵头", "lead"), "support": ("配合", "support"),
    "date": ("日期", "date"), "ongoing": ("持续推进", "ongoing"), "unknown": ("无法识别", "unknown"),
    "none": ("未写", "none"), "error": ("错误", "error"),
    "warning": ("警告", "warning"), "info": ("提示", "info"),
    "louvain": ("Louvain 社区发现", "Louvain"),
    "greedy_modularity": ("贪心模块度（CNM）", "greedy modularity (CNM)"),
    "label_propagation": ("标签传播", "label propagation"), "domains": ("官方领域划分", "official domains"),
}
_VALUE_COLUMNS = ("kind", "role", "deadline_kind", "severity", "method")


def column_labels(lang: str) -> dict[str, str]:
    """Column name → label in ``lang``.

    Examples
    --------
    >>> column_labels("zh")["bipartite_degree"], column_labels("en")["co_led"]
    ('任务数（二部图度）', 'co-led')
    """
    i = _index(lang)
    return {k: v[i] for k, v in COLUMNS.items()}


def localize(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy of ``frame`` for people to read: headers and categorical values in ``lang``.

    Unknown columns keep their names; only ``kind``, ``role``, ``deadline_kind``,
    ``severity`` and ``method`` have their values translated.

    Examples
    --------
    >>> localize(pd.DataFrame({"unit": ["市财政局"], "kind": ["agency"]}), "zh").to_dict("records")
    [{'单位': '市财政局', '类型': '部门'}]
    """
    i = _index(lang)
    out = frame.copy()
    for col in _VALUE_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: VALUES[v][i] if isinstance(v, str) and v in VALUES else v)
    return out.rename(columns={c: COLUMNS[c][i] for c in out.columns if isinstance(c, str) and c in COLUMNS})


def value_label(value: Any, lang: str) -> Any:
    """``value`` in ``lang`` if it is a known categorical value (``agency`` → 部门), else unchanged."""
    return VALUES[value][_index(lang)] if isinstance(value, str) and value in VALUES else value


# The parts of the bottleneck score in the order the explanation names them (zh, en).
_SCORE_PARTS = {"load": ("负荷", "load"), "crunch": ("到期高峰", "deadline crunch"),
                "brokerage": ("中介作用", "brokerage"), "fragility": ("脆弱性", "fragility")}

_EXPLAIN_ZH = {
    "degree": "度：与该单位至少共同承担一项任务的其他部门个数（即协作单位数）。",
    "weighted_degree": "加权度：与其他部门共同承担的任务数之和，一项任务与几个部门共担就计几次。",
    "betweenness": "中介中心性：其他部门之间的最短协作路径经过该单位的比例（0–1），越高越像“中间人”。",
    "eigenvector": "特征向量中心性：与协作多、且伙伴本身也很核心的部门相连时较高。",
    "pagerank": "PageRank：沿“牵头→配合”方向传递的重要性；越高说明越多牵头单位依靠它配合。",
    "effective_size": "有效规模：协作伙伴中彼此不重复的部分，约等于“互不相识”的伙伴个数。",
    "efficiency": "效率：有效规模 ÷ 度，1 表示伙伴之间互不协作。",
    "constraint": "结构洞约束：伙伴之间彼此协作越多越高；越低说明该单位越能在不同圈子间牵线。",
    "bipartite_degree": "任务数（二部图度）：该单位牵头或配合的任务总数。",
    "bipartite_betweenness": "二部图中介中心性：在“单位—任务”图中，单位之间的路径经过它的比例。",
}
_EXPLAIN_EN = {
    "degree": "Degree: how many other agencies share at least one task with the unit (its partners).",
    "weighted_degree": "Weighted degree: the tasks shared with other agencies, counted once per partner.",
    "betweenness": "Betweenness: the share (0–1) of shortest coordination paths between other agencies "
                   "that pass through the unit; high means a go-between.",
    "eigenvector": "Eigenvector: high for units tied to many partners that are themselves central.",
    "pagerank": "PageRank: importance passed along lead → supporter links; high means many leads rely on it.",
    "effective_size": "Effective size: the partners that do not overlap, "
        "roughly those who do not work together.",
    "efficiency": "Efficiency: effective size divided by degree; 1 means no two partners work together.",
    "constraint": "Constraint: higher when the unit's partners all work with each other; low means the unit "
                  "links otherwise separate groups.",
    "bipartite_degree": "Tasks (bipartite degree): the tasks the unit leads or supports.",
    "bipartite_betweenness": "Bipartite betweenness: the share of unit–task paths between units that pass "
                             "through it.",
}


def explanations(lang: str) -> dict[str, str]:
    """One plain line per figure of the report (score, load and each centrality), in ``lang``.

    Examples
    --------
    >>> explanations("zh")["load"].startswith("负荷：")
    True
    """
    # The weights live with the analyses; imported here, as only the report explains them.
    from remit.analyses.duties import LEAD_WEIGHT, SUPPORT_WEIGHT
    from remit.analyses.ranking import DEFAULT_WEIGHTS

    zh = _index(lang) == 0
    terms = " + ".join(f"{DEFAULT_WEIGHTS[part]:g}×{names[0 if zh else 1]}"
                       for part, names in _SCORE_PARTS.items())
    if zh:
        weighed = {"score": f"得分（瓶颈得分）：{terms}，每项先除以全体最大值，满分 1；越高越可能卡住工作。",
                   "load": f"负荷：牵头任务按共同牵头单位数平分（每项 {LEAD_WEIGHT:g}/牵头单位数），"
                           f"加上配合任务数 × {SUPPORT_WEIGHT:g}。"}
    else:
        weighed = {"score": f"Score (bottleneck score): {terms}, each first divided by its maximum over all "
                            "units, so at most 1; higher means more likely to hold work up.",
                   "load": f"Load: each led task counts {LEAD_WEIGHT:g} divided by the number of its leads, "
                           f"plus {SUPPORT_WEIGHT:g} for each supported task."}
    return weighed | (_EXPLAIN_ZH if zh else _EXPLAIN_EN)


def _index(lang: str) -> int:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGS)}")
    return LANGS.index(lang)


_LEVEL_LABELS = {"national": ("国家", "national"), "province": ("省级", "province"),
                 "city": ("市级", "city"), "county": ("县级", "county")}


def level_label(level: str | None, lang: str = "zh") -> str:
    """A government's level in words (``city`` → 市级).

    Examples
    --------
    >>> level_label("city"), level_label("province", "en"), level_label(None)
    ('市级', 'province', '')
    """
    return _LEVEL_LABELS.get(level or "", ("", ""))[0 if lang == "zh" else 1]


def government_label(tasklist: TaskList, lang: str = "zh") -> str:
    """Whose lists these are, for the report: place and level of each government read.

    Examples
    --------
    >>> import remit
    >>> government_label(remit.load(remit.example_path()))
    '深圳市（市级）'
    >>> government_label(remit.load(remit.example_path()), "en")
    '深圳市 (city)'

    """
    zh = lang == "zh"
    shown = []
    for place, level in dict.fromkeys((g.place, g.level) for g in tasklist.governments.values()):
        label = level_label(level, lang)
        if place is None:
            shown.append("未知（可用 --place 指定）" if zh else "unknown (give --place)")
        else:
            shown.append(f"{place}（{label}）" if zh and label else f"{place} ({label})" if label else place)
    if not shown:
        return "未知（可用 --place 指定）" if zh else "unknown (give --place)"
    return "、".join(shown) if zh else ", ".join(shown)
