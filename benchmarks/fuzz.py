"""The long fuzz run of issue 10: 10,000 examples under ``ulimit -v 1500000``, 5 s per input.

Runs ``tests/fuzz`` (every reader and every exporter, see
``tests/fuzz/test_fuzz_readers.py``) in two processes side by side, each
limited to 1,500,000 KiB of address space, with hypothesis' deadline at
5,000 ms per input, and then prints the examples per strategy, the
failures, and the slowest input with its time and the process's memory.

Usage::

    python benchmarks/fuzz.py [--examples 10000] [--processes 2] [--seed 0]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.fuzz.strategies import STRATEGIES  # noqa: E402

LIMIT_KIB = 1_500_000


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_KIB * 1024, LIMIT_KIB * 1024))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="in all, shared by the strategies")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = sorted(STRATEGIES)
    per = max(args.examples // len(names), 1)
    groups = [names[i::args.processes] for i in range(args.processes)]
    stats = Path(tempfile.mkdtemp()) / "fuzz.jsonl"
    env = {**os.environ, "REMIT_FUZZ_EXAMPLES": str(per), "REMIT_FUZZ_DEADLINE_MS": "5000",
           "REMIT_FUZZ_STATS": str(stats), "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "PYTHONHASHSEED": str(args.seed)}
    start = time.perf_counter()
    procs = []
    for i, group in enumerate(groups):
        selector = " or ".join(f"[{n}]" for n in group)
        log = open(stats.with_name(f"pytest-{i}.log"), "w", encoding="utf-8")
        procs.append((subprocess.Popen(
            [sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:warnings",
             "-p", "no:cacheprovider", f"--hypothesis-seed={args.seed}", "-k", selector],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_limit), log))
    codes = [p.wait() for p, _ in procs]
    for _, log in procs:
        log.close()
    wall = time.perf_counter() - start
    rows = [json.loads(line) for line in stats.read_text(encoding="utf-8").splitlines()]
    by = collections.defaultdict(list)
    for row in rows:
        by[row["reader"]].append(row)
    print(f"{len(rows)} inputs in {wall / 60:.1f} min, {args.processes} processes, limit "
          f"{LIMIT_KIB:,} KiB, deadline 5 s; pytest exit codes {codes}")
    print(f"{'strategy':16} {'inputs':>7} {'RemitError':>10} {'loaded':>7} {'median s':>9} {'max s':>7} "
          f"{'max CPU s':>9}")
    for name in names:
        got = by.get(name, [])
        outcome = collections.Counter(r["outcome"] for r in got)
        times = sorted(r["seconds"] for r in got) or [0.0]
        cpu = max((r["cpu_seconds"] for r in got), default=0.0)
        print(f"{name:16} {len(got):7} {outcome['error']:10} {outcome['loaded']:7} "
              f"{times[len(times) // 2]:9.3f} {times[-1]:7.2f} {cpu:9.2f}")
    if rows:
        slow = max(rows, key=lambda r: r["cpu_seconds"])
        print(f"slowest input (CPU): {slow['reader']} {slow['name']} ({slow['bytes']:,} bytes, "
              f"{slow['outcome']}) {slow['cpu_seconds']:.2f} s CPU, {slow['seconds']:.2f} s wall; "
              f"process peak RSS then {slow['peak_rss_kib'] // 1024} MiB")
        print(f"highest peak RSS of a fuzz process: {max(r['peak_rss_kib'] for r in rows) // 1024} MiB")
    for i, _ in enumerate(procs):
        tail = stats.with_name(f"pytest-{i}.log").read_text(encoding="utf-8").strip().splitlines()[-1:]
        print(f"process {i}: {tail[0] if tail else ''}")
    print(f"failures: {sum(1 for c in codes if c != 0)} process(es) failed; logs in {stats.parent}")
    return 0 if not any(codes) else 1


if __name__ == "__main__":
    sys.exit(main())
