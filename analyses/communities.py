"""Dependency clusters: groups of units that work together, compared with the document's chapters."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp

from remit.analyses._projection import Frames, UnitGraph, frames, to_networkx, unit_graph
from remit.analyses.agreement import adjusted_rand, normalized_mutual_info

__all__ = ["Clusters", "clusters", "clusters_of", "main_domains"]

GREEDY_MAX_UNITS = 500


@dataclass(frozen=True)
class Clusters:
    """The result of :func:`clusters`.

    Attributes
    ----------
    membership : pandas.DataFrame
        One row per unit, in name order: ``unit``, ``kind``, ``cluster``
        (Louvain, numbered from 1 by size), ``cluster_compare`` (the
        comparison method, numbered the same way) and ``domain`` (the unit's
        main domain, see :func:`main_domains`).
    summary : pandas.DataFrame
        One row per partition: ``method`` (``louvain``, the comparison
        method, and ``domains`` for the document's own chapters),
        ``n_clusters``, ``modularity`` (Newman's, weighted, resolution 1),
        ``nmi_domains`` and ``ari_domains`` (agreement with ``domain``).
    bridges : pandas.DataFrame
        Units with a partner in another Louvain cluster: ``unit``,
        ``cluster``, ``other_clusters`` (how many other clusters it touches),
        ``external_weight`` (tasks shared across clusters),
        ``participation`` (``1 - Σ_c (k_ic / k_i)²`` over weighted degree);
        most ``other_clusters`` first, then most ``external_weight``, then name.
    tasks : pandas.DataFrame
        ``task_id``, ``cluster``, ``via`` and ``lead_clusters``, ``split``;
        see :func:`clusters` for the rule.
    """

    membership: pd.DataFrame
    summary: pd.DataFrame
    bridges: pd.DataFrame
    tasks: pd.DataFrame


def main_domains(ug: UnitGraph, data: Frames) -> list[str]:
    """Each unit's main domain: where it leads or supports most tasks (ties: first by name).

    Returns ``"<list_id>/<domain>"`` per unit of ``ug``, or ``""`` for a unit
    whose tasks have no domain.
    """
    roles = data.roles.merge(data.tasks[["task_id", "domain"]], on="task_id").dropna(subset=["domain"])
    counts = roles.groupby(["unit", "domain"]).size().reset_index(name="n")
    counts = counts.sort_values(["unit", "n", "domain"], ascending=[True, False, True], kind="stable")
    best = counts.drop_duplicates("unit").set_index("unit")["domain"]
    return [str(best.get(name, "")) for name in ug.names]


def _numbered(groups: list[set[str]], names: list[str]) -> np.ndarray:
    """Cluster number per name: 1 for the largest group, ties by the group's first name."""
    ordered = sorted(groups, key=lambda g: (-len(g), min(g)))
    label = {name: k for k, group in enumerate(ordered, start=1) for name in group}
    return np.array([label[name] for name in names], dtype=np.int64)


def _groups(labels: np.ndarray | list[str], names: list[str]) -> list[set[str]]:
    by: dict[object, set[str]] = {}
    for name, lab in zip(names, labels, strict=True):
        by.setdefault(lab, set()).add(name)
    return list(by.values())


def clusters(G: nx.MultiDiGraph, *, resolution: float = 1.0, seed: int = 42,
             compare: str = "auto") -> Clusters:
    """Find groups of agencies that depend on each other in ``G``; see :func:`clusters_of`.

    With collective placeholders in scope too, read the ``clusters`` of
    :func:`remit.analyses.unit_summary`.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> cl = clusters(G)
    >>> cl.summary["method"].tolist()
    ['louvain', 'greedy_modularity', 'domains']
    >>> bool(cl.summary.loc[0, "modularity"] > cl.summary.loc[2, "modularity"])
    True
    """
    f = frames(G)
    return clusters_of(f, unit_graph(f), resolution=resolution, seed=seed, compare=compare)


def clusters_of(data: Frames, ug: UnitGraph, *, resolution: float = 1.0, seed: int = 42,
                compare: str = "auto") -> Clusters:
    """Find groups of units that depend on each other, and test them against the chapters.

    Louvain (networkx, weighted by shared tasks, the given ``resolution``
    and ``seed``) partitions the coordination graph. The comparison method
    is Clauset–Newman–Moore greedy modularity when the graph has at most
    500 units and asynchronous label propagation (seeded) above that,
    where networkx's greedy modularity grows too slow (about 7 s at 1,000
    units). On graphs dominated by a few hub units label propagation often
    ends in one cluster; that is its answer, not an error. Force a method
    with ``compare="greedy_modularity"`` or ``"label_propagation"``.

    Agreement with the chapters compares each partition with each unit's
    main domain (:func:`main_domains`) by normalised mutual information and
    the adjusted Rand index (:mod:`remit.analyses.agreement`). The row
    ``domains`` of ``summary`` scores the chapters themselves as a
    partition, so its modularity can be read against Louvain's.

    A task takes the Louvain cluster of its lead; with co-leads in
    different clusters, the cluster most of them share, ties going to the
    first-listed lead's (``via="lead"``; ``split`` marks such tasks). A task
    whose leads are all excluded units (collectives) takes its supporters'
    cluster by the same rule (``via="support"``); a task with neither has
    no cluster (None).

    Parameters
    ----------
    data : Frames
        The tables of the graph (:func:`remit.analyses._projection.frames`).
    ug : UnitGraph
        Its projection onto the units in scope: they, and only they, are clustered.
    resolution : float
        Louvain resolution; above 1 favours smaller clusters.
    seed : int
        Seed of Louvain and label propagation.
    compare : {"auto", "greedy_modularity", "label_propagation"}
        The comparison method.

    Returns
    -------
    Clusters
    """
    f = data
    C = to_networkx(ug)
    names = ug.names
    louvain = _numbered(nx.community.louvain_communities(C, weight="weight", resolution=resolution,
                                                        seed=seed), names)
    method = compare
    if compare == "auto":
        method = "greedy_modularity" if ug.n <= GREEDY_MAX_UNITS else "label_propagation"
    if method == "greedy_modularity":
        other = list(nx.community.greedy_modularity_communities(C, weight="weight"))
    elif method == "label_propagation":
        other = list(nx.community.asyn_lpa_communities(C, weight="weight", seed=seed))
    else:
        raise ValueError(f"compare must be auto, greedy_modularity or label_propagation, not {compare!r}")
    compared = _numbered([set(g) for g in other], names) if names else np.zeros(0, dtype=np.int64)
    domains = main_domains(ug, f)

    membership = pd.DataFrame({"unit": pd.Series(names, dtype=object),
                               "kind": pd.Series(ug.kinds, dtype=object),
                               "cluster": louvain, "cluster_compare": compared,
                               "domain": pd.Series(domains, dtype=object)})
    rows = []
    for label, part in (("louvain", louvain), (method, compared), ("domains", np.array(domains))):
        groups = _groups(list(part), names)
        modularity = nx.community.modularity(C, groups, weight="weight") if C.number_of_edges() else 0.0
        rows.append({"method": label, "n_clusters": len(groups), "modularity": float(modularity),
                     "nmi_domains": normalized_mutual_info(list(part), domains),
                     "ari_domains": adjusted_rand(list(part), domains)})
    summary = pd.DataFrame(rows)
    summary["method"] = summary["method"].astype(object)
    summary.attrs.update({"resolution": float(resolution), "seed": int(seed), "compare": method})
    return Clusters(membership, summary, _bridges(ug, louvain), _task_clusters(ug, f, louvain))


def _bridges(ug: UnitGraph, label: np.ndarray) -> pd.DataFrame:
    columns = ["unit", "cluster", "other_clusters", "external_weight", "participation"]
    if ug.n == 0:
        return pd.DataFrame(columns=columns)
    k = int(label.max())
    M = sp.csr_array((np.ones(ug.n), (np.arange(ug.n), label - 1)), shape=(ug.n, k))
    K = (ug.W @ M).toarray()  # weight from each unit to each cluster
    own = K[np.arange(ug.n), label - 1]
    touched = (K > 0).sum(axis=1) - (own > 0)
    strength = K.sum(axis=1)
    external = strength - own
    with np.errstate(invalid="ignore", divide="ignore"):
        participation = np.where(strength > 0, 1.0 - ((K / np.where(strength > 0, strength, 1)[:, None]) ** 2)
                                 .sum(axis=1), 0.0)
    frame = pd.DataFrame({"unit": pd.Series(ug.names, dtype=object), "cluster": label,
                          "other_clusters": touched.astype(np.int64),
                          "external_weight": external.astype(np.int64), "participation": participation})
    frame = frame[frame["other_clusters"] > 0]
    return frame.sort_values(["other_clusters", "external_weight", "unit"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def _task_clusters(ug: UnitGraph, f: Frames, label: np.ndarray) -> pd.DataFrame:
    of = dict(zip(ug.names, label.tolist(), strict=True))
    roles = f.roles[f.roles["unit"].isin(of)].sort_values(["task_id", "position", "unit"], kind="stable")
    by_task: dict[str, dict[str, list[int]]] = {}
    for task, unit, role in zip(roles["task_id"], roles["unit"], roles["role"], strict=True):
        by_task.setdefault(task, {"lead": [], "support": []})[role].append(of[unit])
    rows = []
    for task in f.tasks["task_id"]:
        entry = by_task.get(task, {"lead": [], "support": []})
        via, chosen = None, None
        for role in ("lead", "support"):
            found = entry[role]
            if found:
                counts = Counter(found)
                top = max(counts.values())
                # Most common cluster; on a tie the first-listed unit's.
                chosen = next(c for c in found if counts[c] == top)
                via = role
                break
        leads = tuple(sorted(set(entry["lead"])))
        rows.append({"task_id": task, "cluster": chosen, "via": via, "lead_clusters": leads,
                     "split": len(leads) > 1})
    frame = pd.DataFrame(rows, columns=["task_id", "cluster", "via", "lead_clusters", "split"])
    frame["cluster"] = frame["cluster"].astype("Int64")
    frame["via"] = frame["via"].astype(object)
    frame["task_id"] = frame["task_id"].astype(object)
    return frame
