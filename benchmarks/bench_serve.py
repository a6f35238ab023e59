"""Query latency of ``remit cypher`` against the bare import floors, side by side.

Each round runs, one after the other, in fresh processes:

- floor A: ``python -c "import networkx, pandas, pyvis"``
- floor B: ``python -c "import neo4j, pandas"``
- cold: ``remit cypher top_leads`` on an empty cache (JVM, server, native load, query)
- repeated cold: ``remit cypher top_leads`` again (the cache holds the example: no load)
- served: ``remit cypher top_leads`` with ``remit serve`` running (no JVM in the client)

Rounds interleave the kinds so that a noisy machine slows all of them alike.
Wall-clock medians are given with their ratios to the floors, and so is the
CPU time (user + system) of each process, which other processes on the
machine disturb less.

Run: ``python benchmarks/bench_serve.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PYTHONPATH"] = str(ROOT)
    env["REMIT_DATA_DIR"] = str(data)
    return env


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    query = [py, "-m", "remit", "cypher", "top_leads", "-p", "limit=3"]
    base = Path(tempfile.mkdtemp(prefix="remit-bench-serve-"))
    warm, served = base / "warm", base / "served"
    subprocess.run(query, env=_env(warm), check=True, capture_output=True)  # fill the cache once
    server = subprocess.Popen([py, "-m", "remit", "serve", "--db", str(served / "db"),
                               "--bolt-port", str(_free()), "--http-port", str(_free())],
                              env=_env(served), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert server.stdout is not None
    print(server.stdout.readline().strip().split(";")[0])
    kinds = {
        "floor A (networkx, pandas, pyvis)": lambda i: timed([py, "-c", "import networkx, pandas, pyvis"],
                                                             _env(base)),
        "floor B (neo4j, pandas)": lambda i: timed([py, "-c", "import neo4j, pandas"], _env(base)),
        "cold (empty cache)": lambda i: timed(query, _env(base / f"cold{i}")),
        "repeated cold (cached)": lambda i: timed(query, _env(warm)),
        "served (remit serve up)": lambda i: timed(query, _env(served)),
    }
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in kinds}
    try:
        for i in range(args.runs):
            for name, run in kinds.items():
                results[name].append(run(i))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(60)
        shutil.rmtree(base, ignore_errors=True)
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in results.items()}
    floor_a, floor_b = med["floor A (networkx, pandas, pyvis)"], med["floor B (neo4j, pandas)"]
    print(f"{args.runs} interleaved runs each; medians (wall s / CPU s), ratios to floor A and floor B:")
    for name, (wall, cpu) in med.items():
        print(f"  {name:36s} wall {wall:6.2f} s ({wall / floor_a[0]:4.1f}x A, {wall / floor_b[0]:4.1f}x B)"
              f"   cpu {cpu:6.2f} s ({cpu / floor_a[1]:4.1f}x A, {cpu / floor_b[1]:4.1f}x B)")
    print("targets: repeated cold <= 3x floor A; served <= 2x floor B")


def _free() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


if __name__ == "__main__":
    main()
