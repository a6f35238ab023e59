"""Benchmark the analyses: the example, synthetic lists of 10k/30k/100k tasks, and sampling error.

Run from the repository root::

    python benchmarks/bench_analyses.py                 # everything
    python benchmarks/bench_analyses.py --sizes 10000   # one synthetic size
    python benchmarks/bench_analyses.py --skip-error    # no sampled-vs-exact comparison

Each synthetic size runs in a fresh subprocess so that its peak resident
memory (``resource.getrusage``, ``ru_maxrss``) is its own. Times exclude
imports; loading and graph building are reported separately from the
analyses. Synthetic lists are cached in ``--cache`` (default: a folder
under the system temp dir) and reused when present.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SIZES = {10_000: 1_000, 30_000: 3_000, 100_000: 10_000}


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _timed(label: str, fn: Any, out: dict[str, float]) -> Any:
    start = time.perf_counter()
    result = fn()
    out[label] = round(time.perf_counter() - start, 3)
    return result


def bench_example(repeats: int = 5) -> dict[str, Any]:
    """All analyses on the bundled example; best of ``repeats`` after one warm-up."""
    import remit
    from remit.analyses import bottlenecks, clusters, coordination_centrality, unit_summary, what_if, workload

    G = remit.build_graph(remit.load(remit.example_path()))

    def everything() -> None:
        workload(G)
        coordination_centrality(G)
        bottlenecks(G)
        clusters(G)
        what_if(unit_summary(G), remove=["市人力资源保障局"])

    everything()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        everything()
        runs.append(time.perf_counter() - start)
    return {"all_analyses_best_s": round(min(runs), 3),
            "all_analyses_median_s": round(sorted(runs)[len(runs) // 2], 3)}


def bench_size(n_tasks: int, n_units: int, cache: Path) -> dict[str, Any]:
    """One synthetic size, in this process: generate (cached), load, build, analyse.

    The analyses run as a report runs them: the parts of one
    :func:`~remit.analyses.unit_summary`, each on first use, so the tables
    read from the graph (``frames``), the projection and the centrality
    table are computed once and reused by the parts that need them.
    """
    import remit
    from remit.analyses import unit_summary
    from remit.synth import write_synthetic

    times: dict[str, float] = {}
    path = cache / f"synth-{n_tasks}-{n_units}-s7-v2.md"
    if not path.exists():
        _timed("generate", lambda: write_synthetic(path, n_tasks, n_units, seed=7), times)
    loaded = _timed("load", lambda: remit.load(path), times)
    G = _timed("build_graph", lambda: remit.build_graph(loaded), times)
    rss_graph = _peak_mib()
    analyses: dict[str, float] = {}
    s = unit_summary(G)
    _timed("frames", lambda: s.frames, analyses)
    _timed("projection", lambda: s.projection, analyses)
    _timed("workload", lambda: s.workload, analyses)
    c = _timed("coordination_centrality", lambda: s.centrality, analyses)
    _timed("bottlenecks", lambda: s.bottlenecks, analyses)  # fragility, then the ranking
    cl = _timed("clusters", lambda: s.clusters, analyses)
    # What `remit units` runs: every per-unit measure once on one projection (clusters excluded).
    shared: dict[str, float] = {}
    _timed("unit_summary", lambda: unit_summary(G).table, shared)
    return {
        "tasks": n_tasks, "units": n_units, "times_s": times, "analyses_s": analyses,
        "analyses_total_s": round(sum(analyses.values()), 3), "unit_summary_s": shared["unit_summary"],
        "edges_coordination": int(c["degree"].sum() // 2),
        "betweenness": {k: c.attrs[k] for k in (
            "betweenness_mode", "betweenness_sources", "bipartite_betweenness_mode",
            "bipartite_betweenness_sources")},
        "clusters": cl.summary.round(4).to_dict("records"),
        "peak_rss_after_graph_mib": round(rss_graph, 1), "peak_rss_mib": round(_peak_mib(), 1),
    }


def bench_error(cache: Path, n_tasks: int = 10_000, n_units: int = 1_000) -> dict[str, Any]:
    """Sampled against exact betweenness (unit graph and unit–task graph) on the 10k list."""
    import numpy as np

    import remit
    from remit.analyses._projection import unit_graph
    from remit.analyses.centrality import betweenness, bipartite_betweenness

    path = cache / f"synth-{n_tasks}-{n_units}-s7-v2.md"
    if not path.exists():
        from remit.synth import write_synthetic

        write_synthetic(path, n_tasks, n_units, seed=7)
    ug = unit_graph(remit.build_graph(remit.load(path)))
    out: dict[str, Any] = {}
    for label, fn, M in (("unit graph", betweenness, ug.W), ("unit-task graph", bipartite_betweenness, ug.B)):
        start = time.perf_counter()
        exact, mode, _ = fn(M, exact_max=10**9)
        exact_s = time.perf_counter() - start
        assert mode == "exact"
        rows = [{"sources": "all", "seconds": round(exact_s, 2)}]
        top_idx = np.argsort(-exact, kind="stable")[:20]
        top = set(top_idx.tolist())
        for k in (64, 256, 1024):
            start = time.perf_counter()
            approx, mode, used = fn(M, exact_max=0, sample_size=k, seed=42)
            seconds = time.perf_counter() - start
            err = np.abs(approx - exact)
            rel_top = err[top_idx] / exact[top_idx]
            ranks_e = np.argsort(np.argsort(-exact, kind="stable"), kind="stable")
            ranks_a = np.argsort(np.argsort(-approx, kind="stable"), kind="stable")
            spearman = float(np.corrcoef(ranks_e, ranks_a)[0, 1])
            top_a = set(np.argsort(-approx, kind="stable")[:20].tolist())
            rows.append({"sources": used, "seconds": round(seconds, 2),
                         "max_abs_error": float(f"{err.max():.3g}"),
                         "mean_abs_error": float(f"{err.mean():.3g}"),
                         "max_value": float(f"{exact.max():.3g}"),
                         "median_rel_error_top20": float(f"{np.median(rel_top):.3g}"),
                         "max_rel_error_top20": float(f"{rel_top.max():.3g}"),
                         "spearman": round(spearman, 4), "top20_overlap": len(top & top_a)})
        out[label] = rows
    return out


def _child(n_tasks: int, n_units: int, cache: Path) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", f"{n_tasks}:{n_units}", "--cache", str(cache)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark of {n_tasks} tasks failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES),
                        help="task counts to run (units = tasks / 10)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "remit-bench")
    parser.add_argument("--skip-error", action="store_true", help="skip sampled-vs-exact betweenness")
    parser.add_argument("--skip-example", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.child:
        n_tasks, n_units = (int(x) for x in args.child.split(":"))
        print(json.dumps(bench_size(n_tasks, n_units, args.cache), ensure_ascii=False))
        return 0
    report: dict[str, Any] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    if not args.skip_example:
        report["example"] = bench_example()
        print("example:", json.dumps(report["example"]), flush=True)
    report["synthetic"] = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        result = _child(size, SIZES.get(size, size // 10), args.cache)
        report["synthetic"].append(result)
        print(f"{size} tasks:", json.dumps(result, ensure_ascii=False), flush=True)
    if not args.skip_error:
        report["sampling_error"] = bench_error(args.cache)
        print("sampling error:", json.dumps(report["sampling_error"]), flush=True)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
