"""Synthetic task lists for tests and scale benchmarks, shaped like real ones.

A real list has a few units that lead dozens of tasks and a long tail that
lead one or none; most tasks have one lead, some have two or three; support
counts run from none to a dozen; deadlines bunch at mid-year and year-end;
domains are chapters headed by Chinese ordinals; and collective
placeholders (各有关单位 …) turn up now and then. :func:`synthesize` draws
such a list from a seed and writes it as the same Markdown tables as the
bundled example, so :func:`remit.load` reads it back.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from remit.atomic import atomic_file
from remit.progress import Progress

__all__ = ["chinese_numeral", "synthesize", "unit_names", "write_synthetic"]

COLLECTIVES = ("各区政府（新区管委会）", "各有关单位", "各相关单位", "各行业主管部门",
               "各审批部门", "市各有关单位", "市联席会议成员单位", "各有关部门")
_A = ("发展", "教育", "科技", "工业", "公安", "民政", "司法", "财政", "人力", "规划", "生态", "住房",
      "交通", "水务", "商务", "文化", "卫生", "应急", "审计", "国资", "统计", "医保", "城管", "金融",
      "口岸", "气象", "档案", "能源", "海洋", "林业", "农村", "体育", "旅游", "外事", "侨务", "科普",
      "数据", "人才", "邮政", "住建")
_B = ("服务", "管理", "保障", "监督", "促进", "建设", "执法", "协调", "研究", "运营", "保护", "安全",
      "评审", "信息", "资源", "市场", "产业", "质量", "标准", "政策", "投资", "合作", "创新", "应用",
      "登记", "许可", "审批", "规范", "治理", "改革", "开放", "贸易", "园区", "设施", "环境", "网络",
      "平台", "统筹", "监测", "调查", "储备", "交流", "联络", "宣传", "培训")
_C = ("", "综合", "专项", "事务", "技术", "工程", "行政", "公共")
_SUFFIX = ("局", "委", "办", "中心", "署", "处", "站", "院")
_DOMAIN_TOPICS = ("深化商事登记制度改革", "深化工程建设项目审批制度改革", "优化水电气报装服务",
                  "提升跨境贸易便利化水平", "优化税费缴纳服务", "提升金融服务水平", "加强知识产权保护",
                  "推进政务服务改革", "加强事中事后监管", "优化人才服务", "提升公共资源交易效率",
                  "加强法治保障", "推进不动产登记改革", "优化市场准入", "强化政策落实",
                  "推进数字政府建设", "完善信用体系建设", "提升通关效率", "优化用地保障",
                  "加强劳动力市场监管", "深化财税体制改革", "完善招标投标机制", "推进破产制度改革",
                  "加强中小投资者保护")
_DIGITS = "零一二三四五六七八九"
# Month weights: real lists bunch deadlines at the end of June and of December.
_MONTH_WEIGHTS = np.array([3, 1, 4, 2, 2, 30, 2, 1, 4, 2, 2, 20], dtype=float)


def chinese_numeral(n: int) -> str:
    """Write ``n`` (1–999) in Chinese numerals, as list chapters are numbered.

    Examples
    --------
    >>> [chinese_numeral(n) for n in (1, 10, 14, 20, 35, 101, 110)]
    ['一', '十', '十四', '二十', '三十五', '一百零一', '一百一十']
    """
    if not 1 <= n <= 999:
        raise ValueError(f"chinese_numeral takes 1 to 999, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = ""
    if hundreds:
        out += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            return out + "零" + _DIGITS[ones]
    if tens:
        out += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        out += _DIGITS[ones]
    return out


def unit_names(n: int, seed: int = 0) -> list[str]:
    """``n`` distinct agency names such as 市交通运输服务局, in a seeded order.

    Examples
    --------
    >>> names = unit_names(500, seed=1)
    >>> len(set(names)), all(name.startswith("市") for name in names)
    (500, True)
    """
    rng = np.random.default_rng(seed)
    capacity = len(_A) * len(_B) * len(_C)
    picks = rng.permutation(capacity)[:n] if n <= capacity else np.arange(n)
    names = []
    for k in picks:
        k = int(k)
        a, b, c = k % len(_A), (k // len(_A)) % len(_B), (k // (len(_A) * len(_B))) % len(_C)
        extra = k // capacity
        suffix = _SUFFIX[(a * 7 + b * 3 + c) % len(_SUFFIX)]
        # Beyond the pool, a numbered branch keeps names distinct ("第二").
        branch = f"第{chinese_numeral(extra + 1)}" if extra else ""
        names.append(f"市{_A[a]}{_B[b]}{_C[c]}{branch}{suffix}")
    return names


def _heavy_tail(rng: np.random.Generator, n: int, exponent: float) -> np.ndarray:
    """Zipf-like selection weights over ``n`` items, in a random order."""
    weights = 1.0 / np.arange(1, n + 1) ** exponent
    return weights[rng.permutation(n)] / weights.sum()


def _draw(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Indices drawn with the probabilities whose running sum is ``cdf``."""
    return np.minimum(np.searchsorted(cdf, u * cdf[-1], side="right"), len(cdf) - 1)


def synthesize(n_tasks: int, n_units: int, seed: int = 0, *, year: int = 2021,
               show_progress: bool | None = False) -> str:
    """Draw a realistic task list and return it as Markdown tables.

    The list has exactly ``n_tasks`` tasks and uses exactly ``n_units``
    units, about one in twenty-five of them collective placeholders (at
    most eight). For each task:

    - leads: one (80 %), two (15 %) or three (5 %), drawn from Zipf-like
      weights (exponent 1.1), half the time from the units that specialise
      in the task's domain, so that a few units lead many tasks;
    - supports: none for 30 % of tasks, else a geometric count (mean 2.5,
      at most 11), from a second heavy-tailed weighting, half of them from
      the chapter's own units;
    - a collective placeholder joins 5 % of tasks;
    - deadline: a month of ``year``, June and December most often; 2 % are
      "持续推进" (ongoing);
    - domain: one of ``max(3, min(24, n_tasks // 40))`` chapters, headed
      "一、…", "二、…".

    Every unit appears at least once. The same arguments always give the
    same text.

    Parameters
    ----------
    n_tasks : int
        Tasks (at least 1).
    n_units : int
        Units (at least 2, at most ``3 × n_tasks``).
    seed : int
        Random seed.
    year : int
        Year of the deadlines.
    show_progress : bool or None
        Draw a progress bar on standard error; None: only on a terminal.

    Returns
    -------
    str

    Examples
    --------
    >>> import remit, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "synthetic.md"
    >>> _ = path.write_text(synthesize(60, 25, seed=3), encoding="utf-8")
    >>> tl = remit.load(path)
    >>> len(tl.tasks), len(tl.units)
    (60, 25)
    """
    if n_tasks < 1:
        raise ValueError(f"n_tasks must be at least 1, not {n_tasks}")
    if not 2 <= n_units <= 3 * n_tasks:
        raise ValueError(f"n_units must be between 2 and 3 × n_tasks ({3 * n_tasks}), not {n_units}")
    rng = np.random.default_rng(seed)
    n_coll = min(len(COLLECTIVES), n_units // 25)
    agencies = unit_names(n_units - n_coll, seed=seed)
    collectives = list(COLLECTIVES[:n_coll])
    n_ag = len(agencies)
    n_domains = min(n_tasks, max(3, min(len(_DOMAIN_TOPICS), n_tasks // 40)))
    domain_of_task = np.sort(np.concatenate(
        [np.arange(n_domains), rng.integers(0, n_domains, size=n_tasks - n_domains)]))
    # Sampling by inverse CDF (searchsorted) keeps 100,000 tasks fast.
    lead_cdf = np.cumsum(_heavy_tail(rng, n_ag, 1.1))
    support_cdf = np.cumsum(_heavy_tail(rng, n_ag, 0.9))
    home = rng.integers(0, n_domains, size=n_ag)
    global_leads = _draw(lead_cdf, rng.random((n_tasks, 3)))
    home_leads = global_leads.copy()
    for d in range(n_domains):
        pool = np.flatnonzero(home == d)
        tasks = np.flatnonzero(domain_of_task == d)
        if len(pool) and len(tasks):
            cdf = np.cumsum(np.diff(np.concatenate([[0.0], lead_cdf]))[pool])
            home_leads[tasks] = pool[_draw(cdf, rng.random((len(tasks), 3)))]
    from_home = rng.random((n_tasks, 3)) < 0.5
    lead_draws = np.where(from_home, home_leads, global_leads)
    # Supporters too come half the time from the chapter's own units.
    support_draws = _draw(support_cdf, rng.random((n_tasks, 11)))
    home_supports = support_draws.copy()
    support_p = np.diff(np.concatenate([[0.0], support_cdf]))
    for d in range(n_domains):
        pool = np.flatnonzero(home == d)
        tasks = np.flatnonzero(domain_of_task == d)
        if len(pool) and len(tasks):
            home_supports[tasks] = pool[_draw(np.cumsum(support_p[pool]), rng.random((len(tasks), 11)))]
    support_draws = np.where(rng.random((n_tasks, 11)) < 0.5, home_supports, support_draws)
    months = rng.choice(12, size=n_tasks, p=_MONTH_WEIGHTS / _MONTH_WEIGHTS.sum()) + 1
    ongoing = rng.random(n_tasks) < 0.02
    n_leads = rng.choice([1, 2, 3], size=n_tasks, p=[0.8, 0.15, 0.05])
    n_supports = np.where(rng.random(n_tasks) < 0.3, 0, np.minimum(11, rng.geometric(1 / 2.5, size=n_tasks)))
    with_collective = np.flatnonzero(rng.random(n_tasks) < 0.05)
    coll_pick = rng.integers(0, max(n_coll, 1), size=len(with_collective))

    leads: list[list[int]] = []
    supports: list[list[int]] = []
    for t in range(n_tasks):
        chosen = list(dict.fromkeys(lead_draws[t, :n_leads[t]].tolist()))
        sup = [u for u in dict.fromkeys(support_draws[t, :n_supports[t]].tolist()) if u not in chosen]
        leads.append(chosen)
        supports.append(sup)
    # Every agency appears at least once: the unused ones support a task each.
    used = np.zeros(n_ag, dtype=bool)
    for row in (*leads, *supports):
        used[row] = True
    slots = rng.permutation(n_tasks)
    unused = np.flatnonzero(~used).tolist()
    for k, u in enumerate(unused):
        supports[int(slots[k % n_tasks])].append(u)
    coll_of: dict[int, list[str]] = {}
    if collectives:
        picks = [(int(t), collectives[int(c)]) for t, c in zip(with_collective, coll_pick, strict=True)]
        picks += [(int(slots[(len(unused) + k) % n_tasks]), name) for k, name in enumerate(collectives)]
        for t, name in picks:
            if name not in coll_of.setdefault(t, []):
                coll_of[t].append(name)
    return _markdown(n_tasks, domain_of_task, months, ongoing, leads, supports, coll_of, agencies,
                     year, show_progress)


def _markdown(n_tasks: int, domain_of_task: np.ndarray, months: np.ndarray, ongoing: np.ndarray,
              leads: list[list[int]], supports: list[list[int]], coll_of: dict[int, list[str]],
              agencies: list[str], year: int, show_progress: bool | None) -> str:
    header = ("| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n"
              "|----|----|----|----|----|----|\n")
    page = 40
    out = [f"## 合成改革任务清单（{n_tasks} 项）\n\n"]
    previous = -1
    with Progress(n_tasks, "synthesising", enabled=show_progress) as bar:
        for t in range(n_tasks):
            if t % page == 0:
                out.append("\n" + header)
            d = int(domain_of_task[t])
            topic = _DOMAIN_TOPICS[d % len(_DOMAIN_TOPICS)]
            # The domain cell is filled where a chapter starts and repeated at a page break.
            domain = f"{chinese_numeral(d + 1)}、{topic}" if d != previous or t % page == 0 else ""
            previous = d
            lead_names = [agencies[u] for u in leads[t]]
            support_names = [agencies[u] for u in supports[t]]
            extra = coll_of.get(t, [])
            if extra and not lead_names:
                lead_names = extra
            else:
                support_names += extra
            deadline = "持续推进" if ongoing[t] else f"{year}年{int(months[t])}月底"
            title = f"<b>{topic}第{t + 1}项措施。</b> 围绕{topic}，完善工作机制，推进第{t + 1}项改革落地。"
            out.append(f"| {t + 1} | {domain} | {title} | {'、'.join(lead_names)} | "
                       f"{'、'.join(support_names)} | {deadline} |\n")
            bar.advance()
    return "".join(out)


def write_synthetic(path: str | Path, n_tasks: int, n_units: int, seed: int = 0, *,
                    show_progress: bool | None = False) -> Path:
    """Write :func:`synthesize` to ``path`` as UTF-8, atomically; return the path."""
    text = synthesize(n_tasks, n_units, seed, show_progress=show_progress)
    target = Path(path)
    with atomic_file(target) as handle:
        handle.write(text)
    return target
