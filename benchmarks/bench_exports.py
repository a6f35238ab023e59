"""Benchmark the exports: the example's map and report, and a 10k-node synthetic map in Chromium.

Run from the repository root::

    python benchmarks/bench_exports.py                  # everything
    python benchmarks/bench_exports.py --skip-browser   # Python side only
    python benchmarks/bench_exports.py --units 10000 --tasks 30000

Figures:

- ``example_map_s`` / ``example_report_s``: writing the map file and the whole report folder of the
  bundled example, from a loaded TaskList (best of ``--repeat`` runs; the analyses are included,
  loading is reported separately as ``example_load_s``). Target: at most 2 s each.
- ``synthetic_*``: a synthetic list (``remit.synth.synthesize``) whose coordination map has about
  10k unit nodes; Python build time, file size, and the time Chromium needs from navigation start
  until the page says it is interactive (``window.__remitMapReadyAt``, set once the precomputed
  layout is drawn or physics has stabilised). Target: at most 10 s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import remit  # noqa: E402
from remit.exports import map as make_map  # noqa: E402
from remit.exports.report import write_report  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_example(out: Path, repeat: int) -> dict[str, float]:
    start = time.perf_counter()
    tasklist = remit.load(remit.example_path())
    load_s = time.perf_counter() - start
    make_map(tasklist)  # warm caches (asset files) once, as any second call would find them
    return {
        "example_load_s": round(load_s, 3),
        "example_map_s": round(_best(lambda: make_map(tasklist).save(out / "map.html"), repeat), 3),
        "example_report_s": round(_best(lambda: write_report(tasklist, out / "report"), repeat), 3),
    }


def browser_ready_ms(path: Path, runs: int) -> list[float]:
    """Milliseconds from navigation start to the map's ready flag, one fresh page per run."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                ctx = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
                page = ctx.new_page()
                page.goto(path.resolve().as_uri(), wait_until="commit")
                page.wait_for_function("() => window.__remitMapReady === true", timeout=120_000)
                results.append(round(page.evaluate("() => window.__remitMapReadyAt"), 1))
                ctx.close()
        finally:
            browser.close()
    return results


def bench_synthetic(out: Path, n_tasks: int, n_units: int, browser: bool, runs: int) -> dict[str, Any]:
    from remit.synth import synthesize

    src = out / f"synthetic-{n_tasks}-{n_units}.md"
    src.write_text(synthesize(n_tasks, n_units, seed=7), encoding="utf-8")
    start = time.perf_counter()
    G = remit.build_graph(remit.load(src))
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    from remit.analyses import unit_summary

    summary = unit_summary(G)
    _ = summary.table, summary.clusters  # what the map shows, computed here to time it apart
    analyses_s = time.perf_counter() - start
    start = time.perf_counter()
    m = make_map(summary)
    path = m.save(out / "synthetic-map.html")
    map_s = time.perf_counter() - start
    result: dict[str, Any] = {
        "synthetic_tasks": n_tasks, "synthetic_nodes": len(m.model["nodes"]),
        "synthetic_edges": len(m.model["edges"]), "synthetic_precomputed_layout": m.model["precomputed"],
        "synthetic_load_s": round(load_s, 2), "synthetic_analyses_s": round(analyses_s, 2),
        "synthetic_map_build_s": round(map_s, 2),
        "synthetic_map_mb": round(path.stat().st_size / 1e6, 1),
    }
    if browser:
        ready = browser_ready_ms(path, runs)
        result["synthetic_ready_ms"] = ready
        result["synthetic_ready_ms_best"] = min(ready)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=30_000, help="synthetic tasks (default 30000)")
    parser.add_argument("--units", type=int, default=10_000, help="synthetic units (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the example timings (best kept)")
    parser.add_argument("--browser-runs", type=int, default=3, help="page loads of the synthetic map")
    parser.add_argument("--skip-browser", action="store_true", help="no Chromium timing")
    parser.add_argument("--skip-synthetic", action="store_true", help="only the example")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="remit-bench-exports-") as tmp:
        out = Path(tmp)
        figures: dict[str, Any] = bench_example(out, args.repeat)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
        if not args.skip_synthetic:
            figures.update(bench_synthetic(out, args.tasks, args.units, not args.skip_browser,
                                           args.browser_runs))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
