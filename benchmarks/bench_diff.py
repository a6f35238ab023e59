"""Accuracy and speed of ``remit diff`` on the example against edited copies of itself.

Run from the repository root::

    python benchmarks/bench_diff.py                  # seeds 0..9, default threshold
    python benchmarks/bench_diff.py --seeds 20 --threshold 0.4

Each seed writes "next year's list" from the example by known edits
(:mod:`listedits`: renumber and reorder every row, reword 10 % of the tasks,
change 7 % of the leads, drop 6 %, add 5 % new), then matches it with
:func:`remit.analyses.diff.diff_lists` and scores the result against the
edits' own record. Also checks the example against itself (210 carried over,
no change). Times are medians over the seeds, matching only (load and graph
building excluded).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "benchmarks"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from listedits import edited_list  # noqa: E402

import remit  # noqa: E402
from remit.analyses import unit_summary  # noqa: E402
from remit.analyses.diff import DEFAULT_THRESHOLD, diff_lists  # noqa: E402


def score(seed: int, threshold: float, work: Path) -> dict[str, float]:
    """One edited list: precision, recall and whether drops, additions and lead changes were found."""
    source = remit.load(remit.example_path())
    path = work / f"edited-{seed}.md"
    truth = edited_list(source, path, seed=seed)
    G_old = remit.build_graph(source)
    G_new = remit.build_graph(remit.load(f"next={path}"))
    start = time.perf_counter()
    d = diff_lists(unit_summary(G_old), unit_summary(G_new), threshold=threshold)
    seconds = time.perf_counter() - start
    true_pairs = {(old, f"next#{num}") for old, num in truth.carried.items()}
    found = set(zip(d.matched["old"], d.matched["new"], strict=True))
    correct = len(found & true_pairs)
    lead_flag = set(d.matched.loc[d.matched["lead_changed"], "old"])
    sims = dict(zip(zip(d.matched["old"], d.matched["new"], strict=True), d.matched["similarity"],
                    strict=True))
    lowest_true = min((sims[p] for p in true_pairs if p in sims), default=0.0)
    return {
        "precision": correct / len(found) if found else 0.0,
        "recall": correct / len(true_pairs),
        "dropped_found": len(set(d.dropped["task_id"]) & truth.dropped) / len(truth.dropped),
        "dropped_extra": len(set(d.dropped["task_id"]) - truth.dropped),
        "added_found": len({int(t.split("#")[1]) for t in d.added["task_id"]} & truth.added)
        / len(truth.added),
        "lead_changed_found": len(lead_flag & truth.lead_changed) / len(truth.lead_changed),
        "lead_changed_extra": len(lead_flag - truth.lead_changed),
        "lowest_true_similarity": lowest_true,
        "seconds": seconds,
    }


def bench_scale(n: int, seed: int = 0, threshold: float = DEFAULT_THRESHOLD) -> dict[str, float]:
    """Time only: :func:`~remit.analyses.textmatch.match_texts` of ``n`` against ``n`` texts.

    The texts are the example's, each given a random tail of 12 characters drawn
    from the example (so that copies differ), and the new side is shuffled;
    at this size remit's synthetic lists would not do: their texts differ only
    in numbers, which the matcher folds away (``python benchmarks/bombs.py
    --diff-only`` times those). Every copy of a text is at 0.5 or more from
    the other copies of its base text: ``n`` = 30,000 passes
    :data:`~remit.analyses.textmatch.MAX_PAIRS` at the default threshold.
    """
    import random

    from remit.analyses.textmatch import DENSE_LIMIT, match_texts

    rng = random.Random(seed)
    base = remit.load(remit.example_path()).tasks["text"].tolist()
    pool = [ch for ch in "".join(base) if "\u4e00" <= ch <= "\u9fff"]
    old = [base[i % len(base)] + "".join(rng.choices(pool, k=12)) for i in range(n)]
    new = old[:]
    rng.shuffle(new)
    start = time.perf_counter()
    pairs = match_texts(old, new, threshold).pairs
    seconds = time.perf_counter() - start
    correct = sum(old[i] == new[j] for i, j, _ in pairs)
    return {"seconds": seconds, "pairs": len(pairs), "correct": correct, "hungarian": n * n <= DENSE_LIMIT}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--scale", type=int, nargs="*", default=[], metavar="N",
                        help="also time N x N matching (e.g. --scale 2000 10000)")
    args = parser.parse_args()
    for n in args.scale:
        r = bench_scale(n, threshold=args.threshold)
        print(f"{n} x {n}: matching {r['seconds']:.2f} s ({'Hungarian' if r['hungarian'] else 'greedy'}), "
              f"{r['correct']}/{n} pairs right")

    G = remit.build_graph(remit.load(remit.example_path()))
    same = diff_lists(unit_summary(G), unit_summary(G), threshold=args.threshold)
    changed = same.matched[["text_changed", "lead_changed", "support_changed"]].to_numpy().any()
    print(f"example vs itself: {len(same.matched)} carried over, {len(same.dropped)} dropped, "
          f"{len(same.added)} added, any change flagged: {bool(changed)}, "
          f"units whose load changed: {int((same.units['load_change'] != 0).sum())}")

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(args.seeds):
            r = score(seed, args.threshold, Path(tmp))
            results.append(r)
            print(f"seed {seed}: precision {r['precision']:.4f} recall {r['recall']:.4f} "
                  f"dropped {r['dropped_found']:.2f} (+{r['dropped_extra']} extra) "
                  f"added {r['added_found']:.2f} "
                  f"lead changes {r['lead_changed_found']:.2f} (+{r['lead_changed_extra']} extra) "
                  f"lowest true-pair similarity {r['lowest_true_similarity']:.2f} "
                  f"{r['seconds'] * 1000:.0f} ms")
    if not results:
        return 0 if len(same.matched) == 210 else 1
    for key in ("precision", "recall", "dropped_found", "added_found", "lead_changed_found"):
        values = [r[key] for r in results]
        print(f"{key}: min {min(values):.4f} median {statistics.median(values):.4f}")
    print(f"matching time: median {statistics.median(r['seconds'] for r in results) * 1000:.0f} ms "
          f"(threshold {args.threshold})")
    ok = all(r["precision"] >= 0.95 and r["recall"] >= 0.95 for r in results) and len(same.matched) == 210
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
