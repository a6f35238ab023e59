"""Side-by-side timings of what a user feels: start-up, ``report``, ``map``, ``units`` against ``stats``.

Run from the repository root (the checkout's code is what ``python -m remit`` imports there)::

    python benchmarks/bench_startup.py                    # every group, 9 rounds
    python benchmarks/bench_startup.py --only report --only map --rounds 5
    python benchmarks/bench_startup.py --units-tasks 30000 --units-units 3000
    python benchmarks/bench_startup.py --only units --units-tasks 100000 --units-units 10000 --rounds 1

Each round runs every command of a group once, in turn, so machine noise hits them alike; the figures
are medians over the rounds and the ratio of the medians. Targets (issue 8):

- ``remit --help`` and ``remit --version``: at most 6x ``python -c "import argparse"``;
- ``remit report`` on the bundled example: at most 2x ``python -c "import networkx, pandas, pyvis"``;
- ``remit map`` on the example: at most 1x ``benchmarks/map_by_hand.py``, a hand-written pandas +
  networkx + pyvis script that draws the same list's unit graph doing less (issue 21);
- repeated cold ``remit cypher top_leads``: ``bench_serve.py`` times it against the same import floor
  (at most 2.5x, issue 21), beside the cold and the served runs;
- ``remit units`` on a 30k-task / 3k-unit ``remit synth`` list: at most 2.2x ``remit stats`` on it;
- ``remit units`` on 100k tasks / 10k units: at most 45 s and 2 GiB (peak resident memory of the child).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


GROUPS = ("start", "report", "map", "units")


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and the peak RSS (GiB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the maximum over all of them so far: only a rise is this child's.
    return wall, max(peak, before) / 2**20


def compare(label: str, commands: dict[str, list[str]], rounds: int) -> dict[str, object]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for cmd in commands.values():  # one warm-up each (file cache, .pyc)
        _run(cmd)
    for _ in range(rounds):
        for name, cmd in commands.items():
            times[name].append(_run(cmd)[0])
    medians = {name: statistics.median(t) for name, t in times.items()}
    base = next(iter(medians))
    out: dict[str, object] = {"group": label, "rounds": rounds,
                              "median_s": {k: round(v, 3) for k, v in medians.items()}}
    out["ratio"] = {k: round(v / medians[base], 2) for k, v in medians.items() if k != base}
    print(json.dumps(out, ensure_ascii=False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--only", choices=GROUPS, action="append")
    parser.add_argument("--units-tasks", type=int, default=30000)
    parser.add_argument("--units-units", type=int, default=3000)
    args = parser.parse_args()
    groups = args.only or list(GROUPS)
    remit = [PY, "-m", "remit"]
    floor = [PY, "-c", "import networkx, pandas, pyvis"]
    with tempfile.TemporaryDirectory(prefix="remit-bench-") as tmp:
        if "start" in groups:
            compare("start-up", {"import argparse": [PY, "-c", "import argparse"],
                                 "remit --help": [*remit, "--help"],
                                 "remit --version": [*remit, "--version"]}, args.rounds)
        if "report" in groups:
            compare("report", {"import networkx, pandas, pyvis": floor,
                               "remit report": [*remit, "report", "-o", f"{tmp}/report"]}, args.rounds)
        if "map" in groups:
            compare("map", {"map_by_hand.py (pandas, networkx, pyvis)":
                            [PY, str(ROOT / "benchmarks" / "map_by_hand.py"), f"{tmp}/hand.html"],
                            "remit map": [*remit, "map", "-o", f"{tmp}/map.html"]}, args.rounds)
        if "units" in groups:
            synth = Path(tmp) / "synth.md"
            subprocess.run([*remit, "synth", "--tasks", str(args.units_tasks), "--units",
                            str(args.units_units), "-o", str(synth)], cwd=ROOT, check=True,
                           stderr=subprocess.DEVNULL)
            compare(f"units {args.units_tasks} tasks / {args.units_units} units",
                    {"remit stats": [*remit, "stats", str(synth)],
                     "remit units": [*remit, "units", "--json", str(synth)]}, args.rounds)
            wall, peak = _run([*remit, "units", "--json", str(synth)])
            print(json.dumps({"group": "units single run", "wall_s": round(wall, 2),
                              "peak_rss_gib": round(peak, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
