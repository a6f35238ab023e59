"""Make "next year's list" from a task list by known, seeded edits, and keep the truth.

Used by ``benchmarks/bench_diff.py`` and by ``tests/analyses/test_diff.py``:
the truth comes from the edits made here, never from remit's matcher.

Edits, in this order: drop some tasks, reword some (drop a clause, change
the year, add 进一步), change the lead of some, add new tasks written by hand,
then shuffle every row and renumber 1..N.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import remit

__all__ = ["NEW_TASKS", "Truth", "edited_list"]

# New tasks, as an office would write them; none restates a task of the Shenzhen 2020 list.
_NEW_TASK_TEXT = """
    推行惠企政策“免申即享”｜市工业和信息化局｜市财政局、市政务服务数据管理局
    依托市统一政务服务平台梳理惠企政策清单，对符合条件的企业实行政策兑现免申报、自动核发，资金直达企业账户。
    建立企业破产府院联动机制｜市中级人民法院｜市人力资源保障局、市司法局
    健全政府与法院在破产案件中的信息共享、职工安置、财产处置和信用修复协调机制，降低企业退出成本。
    开展营商环境第三方评估｜市发展改革委｜市统计局
    委托独立机构按照国家评价指标体系对各区开展年度评估，评估结果向社会公开并纳入绩效考核。
    推广电子营业执照跨区域互认｜市市场监管局｜市地方金融监管局
    推动电子营业执照在银行开户、社保登记、招投标等场景全面应用，实现与粤港澳大湾区其他城市互认互通。
    建设知识产权快速维权中心｜市市场监管局｜市中级人民法院
    面向新一代信息技术和高端装备产业设立快速维权通道，外观设计专利授权周期压缩至十个工作日以内。
    实施中小企业数字化转型专项行动｜市工业和信息化局｜市科技创新委
    遴选一批工业互联网平台服务商，为中小企业提供上云用云补贴和诊断服务，培育数字化转型标杆企业。
    完善公共数据开放制度｜市政务服务数据管理局｜市交通运输局、市气象局
    制定公共数据分级分类开放目录，建设统一开放平台，优先开放交通、气象、企业登记等高价值数据集。
    优化外籍人才工作许可办理｜市科技创新委｜市公安局
    将外国人来华工作许可与居留许可合并受理，实行一窗受理、并联审批，办理时限压缩至七个工作日。
    推行包容审慎柔性执法｜市司法局｜市市场监管局、市生态环境局
    制定轻微违法行为免罚清单和从轻减轻处罚清单，对首次轻微违法且及时纠正的不予行政处罚。
    设立企业诉求统一受理平台｜市政务服务数据管理局｜市工业和信息化局
    整合十二三四五热线与各部门企业服务渠道，建立诉求分拨、限时办结、回访评价的闭环机制。
    建立水电气网联合报装服务｜市水务局｜市发展改革委、市住房建设局
    供水、供电、供气和通信接入实行一表申请、联合踏勘、同步施工，小型项目接入零费用。
    推进绿色金融改革创新｜市地方金融监管局｜市生态环境局
    完善绿色信贷、绿色债券认定标准和环境信息披露制度，支持金融机构开展碳排放权质押融资。
"""
# Each task: "title｜lead｜supports" on one line, its body on the next.
_LINES = [line.strip() for line in _NEW_TASK_TEXT.strip().splitlines()]
NEW_TASKS = [(head.split("｜")[0], body, *head.split("｜")[1:])
             for head, body in zip(_LINES[::2], _LINES[1::2], strict=True)]

_YEAR = re.compile(r"20[12]\d")


@dataclass
class Truth:
    """What the edits did. Old tasks by id; new tasks by their new number."""

    carried: dict[str, int] = field(default_factory=dict)  # old task id -> new number
    dropped: set[str] = field(default_factory=set)
    added: set[int] = field(default_factory=set)
    reworded: set[str] = field(default_factory=set)
    lead_changed: set[str] = field(default_factory=set)


def _reword(text: str, how: str) -> str | None:
    """One rewording of ``text``, or None when this kind does not apply."""
    if how == "year":
        return _YEAR.sub(lambda m: str(int(m[0]) + 1), text, count=1) if _YEAR.search(text) else None
    if how == "further":
        head, sep, tail = text.partition("。")
        return f"{head}{sep}进一步{tail.strip()}" if tail.strip() else f"进一步{text}"
    # Drop one clause of the body (between "，" or "；"), never the first.
    clauses = re.split(r"(?<=[，；])", text)
    if len(clauses) < 3:
        return None
    k = max(range(1, len(clauses) - 1), key=lambda i: len(clauses[i]))
    return "".join(clauses[:k] + clauses[k + 1:])


def edited_list(source: remit.TaskList, out: Path, *, seed: int = 0, drop: float = 0.06,
                reword: float = 0.10, relead: float = 0.07, add: float = 0.05) -> Truth:
    """Write an edited copy of ``source`` as Markdown to ``out``; return what was done."""
    rng = random.Random(seed)
    tasks = source.tasks.to_dict("records")
    a = source.assignments
    leads = {t: g.sort_values("position")["unit"].tolist()
             for t, g in a[a["role"] == "lead"].groupby("task_id")}
    supports = {t: g.sort_values("position")["unit"].tolist()
                for t, g in a[a["role"] == "support"].groupby("task_id")}
    agencies = sorted(source.units.loc[source.units["kind"] == "agency", "unit"])
    ids = [t["task_id"] for t in tasks]
    n = len(ids)
    truth = Truth()
    truth.dropped = set(rng.sample(ids, round(drop * n)))
    kept = [i for i in ids if i not in truth.dropped]
    to_reword = rng.sample(kept, round(reword * n))
    to_relead = rng.sample(kept, round(relead * n))
    rows = []
    for t in tasks:
        tid = t["task_id"]
        if tid in truth.dropped:
            continue
        text = t["text"]
        if tid in to_reword:
            for how in rng.sample(["clause", "year", "further"], 3):
                changed = _reword(text, how)
                if changed and changed != text:
                    text = changed
                    truth.reworded.add(tid)
                    break
        lead = list(leads.get(tid, []))
        if tid in to_relead:
            choices = [u for u in agencies if u not in lead and u not in supports.get(tid, [])]
            lead = [rng.choice(choices)]
            truth.lead_changed.add(tid)
        rows.append({"old": tid, "domain": f"{t['domain']}", "text": text, "lead": "、".join(lead),
                     "support": "、".join(supports.get(tid, [])), "deadline": t["deadline_raw"]})
    domains = source.domains()
    for title, body, lead, support in rng.sample(NEW_TASKS, min(round(add * n), len(NEW_TASKS))):
        rows.append({"old": None, "domain": rng.choice(domains), "text": f"{title}。{body}", "lead": lead,
                     "support": support, "deadline": "2021年12月"})
    rng.shuffle(rows)
    lines = ["| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |", "|---|---|---|---|---|---|"]
    for number, row in enumerate(rows, start=1):
        if row["old"] is None:
            truth.added.add(number)
        else:
            truth.carried[row["old"]] = number
        cells = [str(number), row["domain"], row["text"].replace("|", "｜").replace("\n", " "),
                 row["lead"], row["support"], row["deadline"]]
        lines.append("| " + " | ".join(cells) + " |")
    out.write_text("# 任务清单（编辑后）\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return truth
