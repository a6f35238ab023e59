"""Regression tests for issue 18 (hostile input, second pass): #2, #3, #9–#12.

The bombs themselves (#2's huge number, #3's PDFs) run under 1 GiB in
test_hostile_bombs.py; here are the smaller shapes.
"""

from __future__ import annotations

from pathlib import Path

import remit

HEAD = "| 序号 | 工作任务 | 牵头单位 |\n|---|---|---|\n"


# -- 2. number gaps ---------------------------------------------------------------------------
def test_many_gaps_are_counted_not_listed_one_by_one(tmp_path: Path) -> None:
    # Tasks 1, 3, 5, …, 99: 49 one-number gaps (2, 4, …, 98). Twenty are named, then one
    # finding counts them all, so a list of scattered numbers cannot flood the report.
    rows = "".join(f"| {n} | 任务{n}。 | 市财政局 |\n" for n in range(1, 100, 2))
    path = tmp_path / "odd.md"
    path.write_text(HEAD + rows, encoding="utf-8")
    gaps = remit.load(path).findings.query("code == 'number-gap'")["message"].tolist()
    assert len(gaps) == 21
    assert gaps[:2] == ["list odd has no task 2", "list odd has no task 4"]
    assert gaps[19] == "list odd has no task 40"
    assert gaps[20] == ("list odd has 49 gaps in its numbers (49 numbers missing in all); "
                        "only the first 20 are listed")
