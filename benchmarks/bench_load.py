"""Time reading the bundled example and building its graph.

Imports are done before the clock starts; each run loads the file from disk
again (no caching) and builds the task graph. Prints the best and the median
of the runs, and the share taken by each step.

Usage::

    python benchmarks/bench_load.py [--runs 20] [INPUT ...]

Target: remit.load + remit.build_graph on the 210-task example in at most 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import remit

TARGET_SECONDS = 0.3


def bench(paths: list[str | Path], runs: int) -> dict[str, list[float]]:
    """Return the wall times (seconds) of load, build_graph and both, per run."""
    times: dict[str, list[float]] = {"load": [], "build_graph": [], "total": []}
    remit.load(paths)  # warm-up: lazily imported readers, regex compilation
    for _ in range(runs):
        start = time.perf_counter()
        tasklist = remit.load(paths)
        loaded = time.perf_counter()
        remit.build_graph(tasklist)
        built = time.perf_counter()
        times["load"].append(loaded - start)
        times["build_graph"].append(built - loaded)
        times["total"].append(built - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="task lists (default: the bundled example)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args(argv)
    paths: list[str | Path] = list(args.inputs) or [remit.example_path()]
    tasklist = remit.load(paths)
    times = bench(paths, args.runs)
    print(f"inputs: {', '.join(str(p) for p in paths)}")
    print(f"tasks: {len(tasklist.tasks)}, units: {len(tasklist.units)}, "
          f"assignments: {len(tasklist.assignments)}; {args.runs} runs")
    for step, values in times.items():
        print(f"{step:12} best {min(values) * 1000:7.1f} ms   median "
              f"{statistics.median(values) * 1000:7.1f} ms")
    median = statistics.median(times["total"])
    verdict = "within" if median <= TARGET_SECONDS else "OVER"
    print(f"target {TARGET_SECONDS * 1000:.0f} ms: {verdict} (median {median * 1000:.1f} ms)")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
