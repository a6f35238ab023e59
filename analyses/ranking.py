"""Bottlenecks: where work will jam, ranked by a transparent composite with a reason per unit."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from remit.analyses._projection import frames, unit_graph
from remit.analyses.articulation import fragility_of
from remit.analyses.centrality import centrality_of
from remit.analyses.duties import workload_of

__all__ = ["BOTTLENECK_COLUMNS", "DEFAULT_WEIGHTS", "bottlenecks", "combine"]

DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {"load": 0.4, "crunch": 0.2, "brokerage": 0.2, "fragility": 0.2})

BOTTLENECK_COLUMNS = [
    "rank", "score", "kind", "led", "co_led", "supported", "partners",
    "load", "load_norm", "crunch", "crunch_month", "crunch_norm",
    "betweenness", "constraint", "brokerage_norm",
    "articulation", "separated_pairs", "fragility_norm", "bridge_a", "bridge_b", "reason",
]


def bottlenecks(G: nx.MultiDiGraph, *, weights: Mapping[str, float] | None = None, lang: str = "zh",
                **centrality_options: Any) -> pd.DataFrame:
    """Rank agencies by how likely work is to jam at them, and say why in one sentence.

    Four components, each scaled to [0, 1] by dividing by its largest value
    over the units ranked (0 when that largest value is 0):

    - ``load``: the weighted load of :func:`~remit.analyses.workload`;
    - ``crunch``: the most led tasks falling due in one month
      (``peak_due``; the month is ``crunch_month``);
    - ``brokerage``: the mean of betweenness ÷ its maximum and
      ``1 - min(constraint, 1)`` (high betweenness, low Burt constraint;
      0 for a unit without partners);
    - ``fragility``: ``separated_pairs`` (pairs of partners that lose
      their last connection if the unit drops out, see
      :func:`~remit.analyses.articulation.fragility`) ÷ its maximum.

    ``score = Σ weight_c × component_c``; with the default weights
    (load 0.4, crunch 0.2, brokerage 0.2, fragility 0.2) it lies in [0, 1].
    ``rank`` 1 is the highest score; ties go by name. With collective
    placeholders in scope too, read the ``bottlenecks`` of
    :func:`remit.analyses.unit_summary`.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`remit.build_graph`; it is not changed.
    weights : mapping, optional
        Weights of ``load``, ``crunch``, ``brokerage`` and ``fragility``;
        missing keys keep their default.
    lang : {"zh", "en"}
        Language of ``reason``.
    **centrality_options
        Passed to :func:`~remit.analyses.coordination_centrality`
        (``betweenness_exact_max``, ``sample_size``, ``seed``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``unit`` in rank order; columns
        :data:`BOTTLENECK_COLUMNS`. ``attrs["weights"]`` holds the weights
        used, ``attrs["lang"]`` the language.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> b = bottlenecks(G)
    >>> b.index[0], int(b.iloc[0]["rank"])
    ('市市场监管局', 1)
    >>> b.loc["市市场监管局", "reason"]
    '牵头 40 项（11 项共同牵头），其中 31 项 2020-06 到期；配合 8 项；与 31 个单位协同，中介中心度居第 3 位。'
    >>> bottlenecks(G, lang="en").loc["市人力资源保障局", "reason"].split("; ")[-1]
    'the only link between 市市场监管局 and 市人才工作局 (and 15 more pairs of partners).'
    """
    f = frames(G)
    ug = unit_graph(f)
    return combine(workload_of(f, ug).units, centrality_of(ug, **centrality_options), fragility_of(ug),
                   weights=weights, lang=lang)


def _scaled(values: pd.Series) -> pd.Series:
    top = float(values.max()) if len(values) else 0.0
    return values.astype(float) / top if top > 0 else values.astype(float) * 0.0


def combine(units: pd.DataFrame, centrality: pd.DataFrame, frag: pd.DataFrame, *,
            weights: Mapping[str, float] | None = None, lang: str = "zh") -> pd.DataFrame:
    """Build the bottleneck table from a workload, a centrality and a fragility table.

    See :func:`bottlenecks` for the formula. Rows are the units of ``units``.
    """
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    used = dict(DEFAULT_WEIGHTS)
    for key, value in (weights or {}).items():
        if key not in used:
            raise ValueError(f"unknown bottleneck weight {key!r}; expected one of {sorted(used)}")
        used[key] = float(value)
    names = units.index
    c = centrality.reindex(names)
    fr = frag.reindex(names)
    bet = c["betweenness"].fillna(0.0)
    constraint = c["constraint"]
    openness = (1.0 - constraint.clip(upper=1.0)).fillna(0.0)
    table = pd.DataFrame(index=pd.Index(names, name="unit"))
    table["kind"] = units["kind"]
    for col in ("led", "co_led", "supported", "partners"):
        table[col] = units[col].astype(np.int64)
    table["load"] = units["load"].astype(float)
    table["load_norm"] = _scaled(table["load"])
    table["crunch"] = units["peak_due"].astype(np.int64)
    table["crunch_month"] = units["peak_month"]
    table["crunch_norm"] = _scaled(table["crunch"])
    table["betweenness"] = bet
    table["constraint"] = constraint
    table["brokerage_norm"] = (_scaled(bet) + openness) / 2.0
    table["articulation"] = fr["articulation"].fillna(False).astype(bool)
    table["separated_pairs"] = fr["separated_pairs"].fillna(0).astype(np.int64)
    table["fragility_norm"] = _scaled(table["separated_pairs"])
    table["bridge_a"] = fr["bridge_a"].astype(object)
    table["bridge_b"] = fr["bridge_b"].astype(object)
    table["score"] = (used["load"] * table["load_norm"] + used["crunch"] * table["crunch_norm"]
                      + used["brokerage"] * table["brokerage_norm"]
                      + used["fragility"] * table["fragility_norm"])
    scores, labels = table["score"].tolist(), list(table.index)
    order = sorted(range(len(table)), key=lambda i: (-scores[i], labels[i]))
    table = table.iloc[order].copy()
    table["rank"] = np.arange(1, len(table) + 1, dtype=np.int64)
    bet_rank = bet.rank(ascending=False, method="min")
    ranks = bet_rank.to_dict()
    reasons = [_reason(name, row, int(ranks[name]), len(table), lang)
               for name, row in zip(table.index, table.to_dict("records"), strict=True)]
    table["reason"] = pd.Series(reasons, index=table.index, dtype=object)
    table = table[BOTTLENECK_COLUMNS]
    table.attrs.update({"weights": used, "lang": lang, **{k: v for k, v in centrality.attrs.items()
                                                          if k.startswith(("betweenness", "seed"))}})
    return table


def _reason(name: str, row: dict[str, Any], bet_rank: int, n: int, lang: str) -> str:
    """One plain sentence: the workload, the crunch, brokerage if notable, the bridge if any."""
    led, co, sup = int(row["led"]), int(row["co_led"]), int(row["supported"])
    due, month = int(row["crunch"]), row["crunch_month"]
    pairs = int(row["separated_pairs"])
    # Brokerage is worth a mention only in the top tenth (at least the top three).
    notable = row["betweenness"] > 0 and bet_rank <= max(3, n // 10)
    parts: list[str] = []
    if lang == "zh":
        first = f"牵头 {led} 项" if led else "未牵头任务"
        if co:
            first += f"（{co} 项共同牵头）"
        if due:
            first += f"，其中 {due} 项 {month} 到期"
        parts.append(first)
        if sup:
            parts.append(f"配合 {sup} 项")
        if notable:
            parts.append(f"与 {int(row['partners'])} 个单位协同，中介中心度居第 {bet_rank} 位")
        if row["articulation"]:
            more = f" 等 {pairs} 对协作单位" if pairs > 1 else " "
            parts.append(f"是 {row['bridge_a']} 与 {row['bridge_b']}{more}之间唯一的协同桥梁")
        return "；".join(parts) + "。"
    first = f"leads {led} task{'s' if led != 1 else ''}" if led else "leads no task"
    if co:
        first += f" ({co} co-led)"
    if due:
        first += f", {due} of them due in {month}"
    parts.append(first[0].upper() + first[1:])
    if sup:
        parts.append(f"supports {sup}")
    if notable:
        parts.append(f"works with {int(row['partners'])} units, {_ordinal(bet_rank)} in betweenness")
    if row["articulation"]:
        more = f" (and {pairs - 1} more pairs of partners)" if pairs > 2 else (
            " (and 1 more pair of partners)" if pairs == 2 else "")
        parts.append(f"the only link between {row['bridge_a']} and {row['bridge_b']}{more}")
    return "; ".join(parts) + "."


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"
