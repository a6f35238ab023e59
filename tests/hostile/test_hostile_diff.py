"""Issue 18 (hostile input, second pass): ``remit diff`` of long lists in bounded memory,
``--threshold 1`` on identical lists, and a 完成时间 the calendar does not have."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from remit.analyses import textmatch, unit_summary
from remit.analyses.diff import diff_lists
from remit.cli import main
from remit.errors import InputError, RemitError
from remit.loaders.status import read_status
from remit.synth import synthesize

ROOT = Path(__file__).resolve().parents[2]
# A synthetic row: | 序号 | 领域 | <b>{chapter}第{n}项措施。</b> {body} | …
SYNTH_TASK = re.compile(r"^\| \d+ \| [^|]* \| (<b>(.+?)第\d+项措施。</b>[^|]*?) \|", re.MULTILINE)


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def synth_tasks(n: int, seed: int) -> tuple[list[str], list[str]]:
    """The task texts of ``remit synth --tasks n`` and the chapter each belongs to."""
    rows = SYNTH_TASK.findall(synthesize(n, 60, seed=seed))
    assert len(rows) == n
    return [re.sub(r"</?b>", "", text) for text, _ in rows], [chapter for _, chapter in rows]


def reference_greedy(S: sp.csr_matrix, threshold: float) -> list[tuple[int, int, float]]:
    """Greedy matching as the old ``assign`` did it, over every cell of ``S``: most similar first."""
    C = S.tocoo()
    keep = C.data >= threshold - 1e-9
    r, c, v = C.row[keep], C.col[keep], C.data[keep]
    used_r: set[int] = set()
    used_c: set[int] = set()
    pairs = []
    for k in np.lexsort((c, r, -v)):
        if int(r[k]) not in used_r and int(c[k]) not in used_c:
            used_r.add(int(r[k]))
            used_c.add(int(c[k]))
            pairs.append((int(r[k]), int(c[k]), round(float(v[k]), 6)))
    return sorted(pairs)


# A child limited to its size at start plus 256 MiB matches two 6,000-task lists: the whole
# similarity matrix (36 million cells, every pair of a chapter shares its words) needs ~430 MB.
CHILD = r"""
import json, resource, sys
from remit.analyses.textmatch import match_texts
old, new = json.load(open(sys.argv[1], encoding="utf-8"))
size = int(open("/proc/self/statm").read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (size + (256 << 20), size + (256 << 20)))
print(json.dumps(match_texts(old, new, 0.5).pairs))
"""


def test_long_synthetic_lists_match_in_bounded_memory(tmp_path: Path) -> None:
    old, old_chapter = synth_tasks(6000, seed=0)
    new, new_chapter = synth_tasks(6000, seed=1)
    data = tmp_path / "texts.json"
    data.write_text(json.dumps([old, new], ensure_ascii=False), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(data)], capture_output=True, text=True,
                          timeout=300, env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin",
                                            "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]  # no MemoryError
    pairs = [tuple(p) for p in json.loads(proc.stdout)]
    # The tasks of a chapter differ only in their numbers, which the matcher folds; chapters share
    # too little to reach 0.5. So the k-th task of a chapter in one list pairs with the k-th of the
    # same chapter in the other (ties go to the lower numbers), and every chapter pairs min(old, new).
    expected = []
    for chapter in set(old_chapter) | set(new_chapter):
        rows = [i for i, c in enumerate(old_chapter) if c == chapter]
        cols = [j for j, c in enumerate(new_chapter) if c == chapter]
        expected += [(i, j, 1.0) for i, j in zip(rows, cols, strict=False)]
    old_count, new_count = Counter(old_chapter), Counter(new_chapter)
    assert len(expected) == sum(min(old_count[c], new_count[c]) for c in old_count) < 6000
    assert pairs == sorted(expected)


def test_long_list_matching_is_the_greedy_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    # Lists long enough for the greedy path (forced here), with repeated texts and near copies:
    # the block-wise, once-per-distinct-text matching gives what greedy over the full matrix gives.
    rng = np.random.default_rng(7)
    base, _ = synth_tasks(200, seed=3)
    chars = list("".join(base))

    def texts(n: int) -> list[str]:
        out = []
        for _ in range(n):
            pick = base[int(rng.integers(len(base)))]
            kind = rng.random()
            tail = "".join(rng.choice(chars, size=int(rng.integers(1, 15))))
            out.append(pick if kind < 0.3 else pick[:int(rng.integers(5, 40))] + tail if kind < 0.7
                       else tail * 3)
        return out

    old, new = texts(700), texts(900)
    S = textmatch.similarity_matrix(old, new)
    monkeypatch.setattr(textmatch, "DENSE_LIMIT", 0)
    monkeypatch.setattr(textmatch, "BLOCK_CELLS", 5000)  # many blocks
    for threshold in (0.3, 0.6, 1.0):
        found = textmatch.match_texts(old, new, threshold)
        want = reference_greedy(S, threshold)
        assert found.pairs == want and len(want) > 50
        assert found.best is not None and abs(found.best - max(s for *_, s in want)) < 1e-6


def test_greedy_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    S = sp.csr_matrix(np.array([[0.9, 0.8], [0.85, 0.1]]))
    assert textmatch.assign(S, 0.5) == [(0, 1, 0.8), (1, 0, 0.85)]  # Hungarian: 1.65 over 0.9
    monkeypatch.setattr(textmatch, "DENSE_LIMIT", 0)
    # Greedy takes 0.9 first; row 1's other pair is 0.1, under the threshold.
    assert textmatch.assign(S, 0.5) == [(0, 0, 0.9)]
    # Three old copies of text A, two new copies of A and one of B (A-B 0.7): the two lowest old
    # copies take the new copies of A in order, the third takes B.
    pairs = textmatch._greedy(np.array([0, 0]), np.array([0, 1]), np.array([1.0, 0.7]),
                              np.array([0, 0, 0]), np.array([0, 1, 0]))
    assert pairs == [(0, 0, 1.0), (1, 2, 1.0), (2, 1, 0.7)]


def test_too_many_pairs_is_one_error(monkeypatch: pytest.MonkeyPatch, example_path: Path) -> None:
    monkeypatch.setattr(textmatch, "DENSE_LIMIT", 0)
    monkeypatch.setattr(textmatch, "MAX_PAIRS", 10)
    # Ten texts that differ in one character: all 100 old-new pairs reach 0.3.
    old = [f"推进第{'一二三四五六七八九十'[k]}批改革事项落地见效" for k in range(10)]
    with pytest.raises(RemitError, match=r"more than 10 pairs .* raise the threshold"):
        textmatch.match_texts(old, [*old[::-1], "完善信用修复机制"], 0.3)
    code, _, err = cli("diff", str(example_path), str(example_path))  # 210 pairs at 1.0
    assert code == 2 and len(err.strip().splitlines()) == 1 and "raise the threshold" in err


def test_threshold_one_keeps_identical_texts() -> None:
    # 1 - 1e-15 is how a sum of squares may come out for identical texts; 1 - 1e-6 is another text.
    S = sp.csr_matrix(np.array([[1.0 - 1e-15, 0.2], [0.3, 1.0 - 1e-6]]))
    assert textmatch.assign(S, 1.0) == [(0, 0, 1.0)]


def test_diff_threshold_one_on_identical_lists(example_graph: nx.MultiDiGraph, example_path: Path) -> None:
    s = unit_summary(example_graph)
    d = diff_lists(s, s, threshold=1.0)
    assert (len(d.matched), len(d.dropped), len(d.added)) == (210, 0, 0)
    assert (d.matched["old"] == d.matched["new"]).all() and (d.matched["similarity"] == 1.0).all()
    code, out, err = cli("diff", str(example_path), str(example_path), "--threshold", "1", "--lang", "en")
    assert code == 0 and "carried over 210" in out and "new 0" in out and "dropped 0" in out, err


SHEET = "序号,完成情况,完成时间,备注\n5,已完成,2020-01-20,\n9,已完成,{day},\n"


@pytest.mark.parametrize("day, why", [("2020-02-30", "2020-02 has 29 days"),
                                      ("2021年2月29日", "2021-02 has 28 days"),
                                      ("2020/4/31", "2020-04 has 30 days"),
                                      ("2020-13-01", "no month 13")])
def test_impossible_status_date_is_an_error(tmp_path: Path, day: str, why: str) -> None:
    path = tmp_path / "督办.csv"
    path.write_text(SHEET.format(day=day), encoding="utf-8")
    with pytest.raises(InputError, match=why) as caught:
        read_status(path)
    assert caught.value.row == "line 3"
    code, _, err = cli("units", "--status", str(path), "--as-of", "2020-07-15")
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "Traceback" not in err
    assert lines[0].startswith(f"remit: {path}, line 3: ") and day in lines[0]


def test_leap_day_status_date_is_read(tmp_path: Path) -> None:
    path = tmp_path / "督办.csv"
    path.write_text(SHEET.format(day="2020-02-29"), encoding="utf-8")
    assert read_status(path).rows["done_on"].tolist() == [dt.date(2020, 1, 20), dt.date(2020, 2, 29)]
