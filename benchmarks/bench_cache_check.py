"""What checking a cached database costs: the manifest of its files (size and SHA-256).

Before ``remit cypher`` uses a cached database it hashes every file and
compares with the manifest remit wrote after the load. This script builds
the cache for the bundled example and for a synthetic list, then times
:func:`remit.cypher.marker.manifest` (median of five, files in the page
cache, as on a repeated query) against the database's size on disk.

Run: ``python benchmarks/bench_cache_check.py [--tasks 100000] [--units 10000]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import remit
from remit.cypher.cache import cached_database
from remit.cypher.marker import manifest
from remit.service.reading import ReadOptions


def measure(source: Path, folder: Path) -> tuple[float, float]:
    """Build the cache entry for ``source`` in ``folder``; return (MB on disk, median ms to hash)."""
    key = ReadOptions(inputs=(str(source),)).key()
    root = folder / key[:16]
    with cached_database(root, key, lambda: remit.load(source), version=remit.__version__):
        pass
    files = [p for p in (root / "databases" / "remit").rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    times = []
    for _ in range(5):
        started = time.perf_counter()
        manifest(root)
        times.append((time.perf_counter() - started) * 1000)
    return size, statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    args = parser.parse_args()
    from remit.synth import synthesize

    folder = Path(tempfile.mkdtemp(prefix="remit-bench-cache-"))
    synthetic = folder / "synthetic.md"
    synthetic.write_text(synthesize(args.tasks, args.units, seed=1), encoding="utf-8")
    for name, source in (("example", remit.example_path()),
                         (f"synthetic {args.tasks} tasks", synthetic)):
        size, ms = measure(source, folder)
        print(f"{name}: database {size:.1f} MB, manifest {ms:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
