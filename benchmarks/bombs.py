"""Time and memory of remit on each resource bomb of issues 10 (#2) and 18 (#2, #3).

Each bomb is built in a temporary folder and given to ``remit check`` in a
fresh process limited to 1 GiB of address space (``RLIMIT_AS``). Prints the
exit code, the wall time, the peak resident memory (``VmHWM``) and remit's
one line for each.

Usage::

    python benchmarks/bombs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "hostile"))
from bombs import BOMBS

LIMIT = 1 << 30
CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
from remit.cli import main
rc = main(["check", sys.argv[1]])
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print("VmHWM_kB", hwm, file=sys.stderr)
sys.exit(rc)
"""


def run(path: Path) -> tuple[int, float, int, str]:
    """Exit code, seconds, peak RSS in MiB and the last line remit printed."""
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD.format(limit=LIMIT), str(path)],
                          capture_output=True, text=True, timeout=120, env=env)
    seconds = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    hwm = next((int(x.split()[1]) for x in lines if x.startswith("VmHWM_kB")), 0)
    said = next((x for x in lines if x.startswith("remit:")), proc.stdout.strip().splitlines()[-1:])
    return proc.returncode, seconds, hwm // 1024, str(said)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'bomb':28} {'file size':>12} exit  seconds  peak MiB")
        for name, make in BOMBS.items():
            path = make(Path(tmp))
            size = os.lstat(path).st_size
            code, seconds, peak, said = run(path)
            print(f"{name:28} {size:>12,} {code:>4} {seconds:8.2f} {peak:9}   {said[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
