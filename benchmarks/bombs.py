"""Time and memory of remit on each resource bomb of issues 10 (#2) and 18 (#2, #3), and on a 30k × 30k diff.

Each bomb is built in a temporary folder and given to ``remit check`` in a
fresh process limited to 1 GiB of address space (``RLIMIT_AS``). Prints the
exit code, the wall time, the peak resident memory (``VmHWM``) and remit's
one line for each. The diff compares two synthetic lists of 30,000 tasks
(``remit synth`` seeds 0 and 1) in the same kind of process; its answer is
checked against the lists themselves: the tasks of a chapter differ only in
their numbers, so each chapter carries over as many tasks as the shorter of
its two editions has.

Usage::

    python benchmarks/bombs.py             # every bomb, then the diff
    python benchmarks/bombs.py --diff-only
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
from bombs import BOMBS  # noqa: E402

LIMIT = 1 << 30
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from remit.cli import main
rc = main(sys.argv[1:])
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print("VmHWM_kB", hwm, file=sys.stderr)
sys.exit(rc)
"""


def run(argv: list[str], timeout: float = 120) -> tuple[int, float, int, str, str]:
    """Exit code, seconds, peak RSS in MiB, the last line remit printed, and what it wrote to stdout."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD.format(limit=LIMIT), *argv],
                          capture_output=True, text=True, timeout=timeout, env=env)
    seconds = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    hwm = next((int(x.split()[1]) for x in lines if x.startswith("VmHWM_kB")), 0)
    said = next((x for x in lines if x.startswith("remit:")), proc.stdout.strip().splitlines()[-1:])
    return proc.returncode, seconds, hwm // 1024, str(said), proc.stdout


def chapter_sizes(path: Path) -> Counter[str]:
    """Tasks per chapter of a ``remit synth`` list, read from its rows ("<b>{chapter}第{n}项措施。</b>")."""
    return Counter(re.findall(r"^\| \d+ \| [^|]* \| <b>(.+?)第\d+项措施。</b>",
                              path.read_text(encoding="utf-8"), re.MULTILINE))


def diff_30k(folder: Path, tasks: int = 30_000, units: int = 400) -> bool:
    """Diff two synthetic lists of ``tasks`` tasks; print the figures; whether the answer is right."""
    from remit.synth import write_synthetic

    old = write_synthetic(folder / "old.md", tasks, units, seed=0)
    new = write_synthetic(folder / "new.md", tasks, units, seed=1)
    code, seconds, peak, said, out = run(["diff", str(old), str(new), "--json"], timeout=900)
    a, b = chapter_sizes(old), chapter_sizes(new)
    expected = sum(min(a[c], b[c]) for c in a)
    if code == 0:
        result = json.loads(out)
        matched = len(result["matched"])
        same_chapter = all(re.sub(r"#\d+$", "", m["old"]) == "old" for m in result["matched"])
        right = matched == expected and len(result["dropped"]) == tasks - expected and same_chapter
        said = f"carried over {matched:,} (expected {expected:,}), dropped {len(result['dropped']):,}"
    else:
        right = code == 2 and said.startswith("remit:")
    name = f"diff {tasks // 1000}k x {tasks // 1000}k synth"
    print(f"{name:28} {old.stat().st_size + new.stat().st_size:>12,} {code:>4} {seconds:8.2f} {peak:9}   "
          f"{said[:110]}")
    return right


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--diff-only", action="store_true", help="only the 30k x 30k diff")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'bomb':28} {'file size':>12} exit  seconds  peak MiB")
        for name, make in BOMBS.items():
            if args.diff_only:
                break
            path = make(Path(tmp))
            size = os.lstat(path).st_size
            code, seconds, peak, said, _ = run(["check", str(path)])
            print(f"{name:28} {size:>12,} {code:>4} {seconds:8.2f} {peak:9}   {said[:110]}")
        right = diff_30k(Path(tmp))
    return 0 if right else 1


if __name__ == "__main__":
    sys.exit(main())
