"""The same graph gives the same tables: twice in one process, and across hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd

from remit.analyses import bottlenecks, clusters, coordination_centrality, unit_summary, what_if, workload

ROOT = Path(__file__).resolve().parents[2]

# Prints a digest of every analysis of the example; run under different PYTHONHASHSEED values.
SCRIPT = """
import hashlib, remit
from remit.analyses import bottlenecks, clusters, coordination_centrality, unit_summary, what_if, workload
G = remit.build_graph(remit.load(remit.example_path()))
parts = [workload(G).units, workload(G).due, coordination_centrality(G),
         coordination_centrality(G, betweenness_exact_max=10, sample_size=20),
         bottlenecks(G), bottlenecks(G, lang="en")]
cl = clusters(G)
parts += [cl.membership, cl.summary, cl.bridges, cl.tasks]
parts += [what_if(unit_summary(G), remove=["市人力资源保障局"]).delta]
digest = hashlib.sha256()
for frame in parts:
    digest.update(frame.to_csv(float_format="%.12g").encode("utf-8"))
print(digest.hexdigest())
"""


def test_two_runs_identical(example_graph: nx.MultiDiGraph) -> None:
    pd.testing.assert_frame_equal(workload(example_graph).units, workload(example_graph).units)
    pd.testing.assert_frame_equal(coordination_centrality(example_graph),
                                  coordination_centrality(example_graph))
    pd.testing.assert_frame_equal(bottlenecks(example_graph), bottlenecks(example_graph))
    a, b = clusters(example_graph), clusters(example_graph)
    for name in ("membership", "summary", "bridges", "tasks"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    pd.testing.assert_frame_equal(what_if(unit_summary(example_graph), remove=["市税务局"]).delta,
                                  what_if(unit_summary(example_graph), remove=["市税务局"]).delta)


def test_identical_across_hash_seeds() -> None:
    digests = set()
    for seed in ("0", "1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True,
                              text=True, check=True)
        digests.add(done.stdout.strip())
    assert len(digests) == 1 and len(next(iter(digests))) == 64
