"""Benchmarks of the Bolt backend on the embedded ArcadeDB engine.

1. ``remit cypher`` cold: a fresh process starts the JVM and ArcadeDB, loads
   the example and answers a query (startup included; target <= 5 s).
   Measured as the wall time of ``python -m remit cypher top_leads``, and
   broken down in-process (JVM, server, load, query).
2. Batched against row-by-row loading on a synthetic list (default 100,000
   tasks, from ``remit.synth.synthesize``): the batched loader
   (``UNWIND $rows … MERGE``, 1,000 rows a transaction) against one
   transaction per task with one statement per node and edge. Row by row is
   timed on a sample of tasks and extrapolated (said in the output), since a
   full row-by-row run would take too long: a database is filled with all
   but the last 2 x SAMPLE tasks, then the next SAMPLE are loaded batched and
   the last SAMPLE row by row, so both run at the same database size. Only
   the task-and-edge phase is compared; the batched loader's other phases
   are reported beside it.

3. The native bulk load (``remit.cypher.native.bulk_load``: GraphBatch, no
   MERGE) of the same synthetic list into a fresh embedded database, against
   the batched Bolt load above, in the same process (target <= 20 s for
   100,000 tasks and 10,000 units). ``--native-runs N`` repeats the native
   load in N more fresh processes (each parses the list first, as a user's
   process would) and gives their median, since one run on a shared machine
   can be off by seconds.

Run: ``python benchmarks/bench_neo4j.py [--tasks N] [--units N] [--sample N] [--skip-row-by-row]
[--native-runs N]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import remit  # noqa: E402
import remit.cypher  # noqa: E402
from remit.cypher.embedded import EmbeddedEngine  # noqa: E402
from remit.cypher.store import load, rows_of  # noqa: E402


def cold_cli(runs: int) -> list[float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PYTHONPATH"] = str(ROOT)
    times = []
    for _ in range(runs):
        env["REMIT_DATA_DIR"] = tempfile.mkdtemp(prefix="remit-bench-cold-")  # an empty cache: truly cold
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "remit", "cypher", "top_leads", "-p", "limit=3"],
                       env=env, check=True, capture_output=True, cwd=tempfile.gettempdir())
        times.append(time.perf_counter() - start)
    return times


def breakdown() -> dict[str, float]:
    from remit.cypher.embedded import start_jvm_quietly

    out = {}
    t0 = time.perf_counter()
    start_jvm_quietly()
    out["jvm"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine = EmbeddedEngine().start()
    out["server"] = time.perf_counter() - t0
    tasklist = remit.load(remit.example_path())
    driver = engine.driver()
    t0 = time.perf_counter()
    load(driver, tasklist, engine.database)
    out["load example"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    remit.cypher.run("top_leads", driver, database=engine.database)
    out["query"] = time.perf_counter() - t0
    engine.stop()
    return out


ROW_TASK = ("MERGE (t:Task {id: $id}) SET t.list = $list, t.number = $number, t.title = $title, "
            "t.text = $text, t.deadline = CASE WHEN $deadline IS NULL THEN null ELSE date($deadline) END, "
            "t.deadline_kind = $deadline_kind")
# Written from the task, as the batched loader's are (see cypher/store.py), so that
# both sides get ArcadeDB's faster plan.
ROW_LEAD = "MATCH (t:Task {id: $task}) MATCH (u:Unit {name: $unit}) MERGE (t)<-[:LEADS]-(u)"
ROW_SUPPORT = "MATCH (t:Task {id: $task}) MATCH (u:Unit {name: $unit}) MERGE (t)<-[:SUPPORTS]-(u)"
ROW_DOMAIN = "MATCH (t:Task {id: $task}) MATCH (d:Domain {key: $key}) MERGE (t)-[:IN_DOMAIN]->(d)"


def subset(tasklist: remit.TaskList, start: int, stop: int) -> remit.TaskList:
    """Tasks ``start:stop`` of a list, with their assignments (all units kept)."""
    tasks = tasklist.tasks.iloc[start:stop].reset_index(drop=True)
    keep = set(tasks["task_id"])
    a = tasklist.assignments[tasklist.assignments["task_id"].isin(keep)].reset_index(drop=True)
    return remit.TaskList(tasks, a, tasklist.units, tasklist.findings.iloc[0:0])


def row_by_row(driver: Any, database: str, tasklist: remit.TaskList) -> float:
    """Load the tasks of ``tasklist`` one transaction each, one statement per node and edge."""
    rows = rows_of(tasklist)
    leads: dict[str, list[str]] = {}
    supports: dict[str, list[str]] = {}
    for e in rows["leads"]:
        leads.setdefault(e["task"], []).append(e["unit"])
    for e in rows["supports"]:
        supports.setdefault(e["task"], []).append(e["unit"])
    domain = {r["task"]: r["key"] for r in rows["in_domain"]}
    with driver.session(database=database) as session:
        start = time.perf_counter()
        for task in rows["tasks"]:
            def work(tx: Any, task: dict[str, Any] = task) -> None:
                tid = task["id"]
                keys = ("id", "list", "number", "title", "text", "deadline", "deadline_kind")
                tx.run(ROW_TASK, {k: task[k] for k in keys}).consume()
                for unit in leads.get(tid, []):
                    tx.run(ROW_LEAD, {"unit": unit, "task": tid}).consume()
                for unit in supports.get(tid, []):
                    tx.run(ROW_SUPPORT, {"unit": unit, "task": tid}).consume()
                if tid in domain:
                    tx.run(ROW_DOMAIN, {"task": tid, "key": domain[tid]}).consume()
            session.execute_write(work)
        return time.perf_counter() - start


def tasks_phase(driver: Any, database: str, tasklist: remit.TaskList, batch_size: int) -> float:
    """Seconds the batched loader spends on the tasks-with-edges phase."""
    marks: dict[str, float] = {}

    def on_batch(phase: str, rows: int) -> None:
        now = time.perf_counter()
        marks.setdefault(f"{phase} start", marks.get("last", now))
        marks[f"{phase} end"] = marks["last"] = now

    load(driver, tasklist, database, batch_size=batch_size, on_batch=on_batch, derive=False)
    return marks["tasks end"] - marks["tasks start"]


def batched(engine: EmbeddedEngine, tasklist: remit.TaskList, batch_size: int) -> dict[str, float]:
    engine.create_database("batched")
    driver = engine.driver()
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def on_batch(phase: str, rows: int) -> None:
        marks.setdefault(f"{phase} start", marks.get("last", start))
        marks[f"{phase} end"] = marks["last"] = time.perf_counter()

    summary = load(driver, tasklist, "batched", batch_size=batch_size, on_batch=on_batch)
    total = time.perf_counter() - start
    return {"total": total, "tasks phase": marks["tasks end"] - marks["tasks start"],
            "units+domains": marks["domains end"] - start,
            "coordination": marks["coordination end"] - marks["tasks end"],
            "tasks": summary.totals["Task"], "edges": summary.totals["LEADS"] + summary.totals["SUPPORTS"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=5_000, help="tasks loaded each way side by side")
    parser.add_argument("--batch-size", type=int, default=1_000)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--skip-row-by-row", action="store_true", help="only the batched and native loads")
    parser.add_argument("--native-runs", type=int, default=0, help="native loads in fresh processes, after")
    parser.add_argument("--native-once", metavar="LIST", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.native_once:
        print(native_once(Path(args.native_once)))
        return

    times = cold_cli(args.cold_runs)
    print(f"remit cypher top_leads, cold process (JVM + ArcadeDB start, load example, query): "
          f"median {statistics.median(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}")
    parts = breakdown()
    print("in-process breakdown: " + ", ".join(f"{k} {v:.2f} s" for k, v in parts.items()))

    from remit.synth import synthesize

    t0 = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="remit-bench-"))
    source = folder / "synthetic.md"
    source.write_text(synthesize(args.tasks, args.units, seed=1), encoding="utf-8")
    tasklist = remit.load(source)
    print(f"synthetic list: {len(tasklist.tasks)} tasks, {len(tasklist.units)} units, "
          f"{len(tasklist.assignments)} assignments (made and parsed in {time.perf_counter() - t0:.1f} s)")
    with EmbeddedEngine() as engine:
        t_native, written = native_load(engine, tasklist)
        print(f"native bulk load (GraphBatch): {t_native:.1f} s; " + ", ".join(
            f"{n} {k}" for k, n in written.items() if k != "seconds"))
        b = batched(engine, tasklist, args.batch_size)
        print(f"batched (UNWIND, {args.batch_size} rows/tx): total {b['total']:.1f} s = units+domains "
              f"{b['units+domains']:.1f} s + tasks with edges {b['tasks phase']:.1f} s + coordination "
              f"{b['coordination']:.1f} s; {b['tasks']:.0f} tasks, {b['edges']:.0f} lead/support edges")
        print(f"native against batched Bolt, same list, same process: {t_native:.1f} s vs {b['total']:.1f} s "
              f"({b['total'] / t_native:.1f}x faster)")
        if args.native_runs:
            runs = [float(subprocess.run([sys.executable, __file__, "--native-once", str(source)], check=True,
                                         capture_output=True, text=True).stdout.split()[-1])
                    for _ in range(args.native_runs)]
            print(f"native bulk load in {args.native_runs} fresh processes: median "
                  f"{statistics.median(runs):.1f} s, runs {', '.join(f'{t:.1f}' for t in runs)}")
        if args.skip_row_by_row:
            return
        # Side by side at the same database size: fill a database with all but the last
        # 2 x sample tasks, then load the next sample batched and the last sample row by row.
        n, sample = len(tasklist.tasks), min(args.sample, len(tasklist.tasks) // 4)
        engine.create_database("side")
        driver = engine.driver()
        load(driver, subset(tasklist, 0, n - 2 * sample), "side", batch_size=args.batch_size,
             derive=False, progress=_Quiet())
        t_batched = tasks_phase(driver, "side", subset(tasklist, n - 2 * sample, n - sample),
                                args.batch_size)
        t_rows = row_by_row(driver, "side", subset(tasklist, n - sample, n))
        print(f"side by side at {n - 2 * sample}+ tasks in the database, {sample} tasks each: batched "
              f"{t_batched:.1f} s ({1000 * t_batched / sample:.2f} ms/task), row by row (1 tx per task, "
              f"1 statement per node/edge) {t_rows:.1f} s ({1000 * t_rows / sample:.2f} ms/task): "
              f"{t_rows / t_batched:.1f}x")
        estimate = t_rows / sample * n
        print(f"row by row extrapolated to {n} tasks: {estimate:.0f} s, against {b['tasks phase']:.0f} s "
              f"measured batched: {estimate / b['tasks phase']:.1f}x")


def native_load(engine: EmbeddedEngine, tasklist: remit.TaskList) -> tuple[float, dict[str, float]]:
    """Seconds and counts of one native bulk load into a new database ``native`` of ``engine``."""
    from remit.cypher.native import bulk_load

    engine.create_database("native")
    started = time.perf_counter()
    written = bulk_load(engine.native_database("native"), tasklist)
    return time.perf_counter() - started, written


def native_once(source: Path) -> float:
    """Parse ``source`` and time one native bulk load of it into a fresh embedded database."""
    tasklist = remit.load(source)
    with EmbeddedEngine() as engine:
        return native_load(engine, tasklist)[0]


class _Quiet:
    def advance(self, steps: int = 1) -> None:
        pass


if __name__ == "__main__":
    main()
