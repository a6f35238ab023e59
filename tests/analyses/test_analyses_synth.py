"""The synthetic generator: what it writes loads back with the sizes asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

import remit
from remit.synth import chinese_numeral, synthesize, write_synthetic


@pytest.mark.parametrize("n_tasks, n_units, seed", [(300, 60, 1), (120, 119, 5), (40, 3, 2)])
def test_loads_back_with_requested_sizes(tmp_path: Path, n_tasks: int, n_units: int, seed: int) -> None:
    path = write_synthetic(tmp_path / "synthetic.md", n_tasks, n_units, seed)
    tl = remit.load(path)
    assert len(tl.tasks) == n_tasks
    assert len(tl.units) == n_units
    assert not tl.has_errors()
    assert tl.tasks["number"].tolist() == list(range(1, n_tasks + 1))


def test_looks_like_a_real_list(tmp_path: Path) -> None:
    path = write_synthetic(tmp_path / "s.md", 2000, 200, seed=11)
    tl = remit.load(path)
    a = tl.assignments
    led = a[a["role"] == "lead"].groupby("unit").size()
    # Heavy tail: the busiest unit leads far more than the median unit.
    assert led.max() >= 10 * led.median()
    per_task = a[a["role"] == "lead"].groupby("task_id").size()
    assert (per_task > 1).any() and (per_task == 1).mean() > 0.7  # some co-leads, mostly one lead
    supports = a[a["role"] == "support"].groupby("task_id").size().reindex(tl.tasks["task_id"], fill_value=0)
    assert (supports == 0).any() and supports.max() >= 6
    assert (tl.units["kind"] == "collective").sum() == 8  # min(8, 200 // 25)
    # Chapters with Chinese ordinals, read back as 1, 2, ...
    ordinals = sorted(tl.tasks["domain_ordinal"].dropna().unique().tolist())
    assert ordinals == list(range(1, len(ordinals) + 1)) and len(ordinals) >= 10
    kinds = tl.tasks["deadline_kind"].value_counts()
    assert kinds["date"] > 0.9 * len(tl.tasks) and kinds.get("ongoing", 0) > 0
    months = tl.tasks["deadline"].dropna().map(lambda d: d.month).value_counts()
    assert months.idxmax() == 6  # mid-year bunching


def test_same_seed_same_text() -> None:
    assert synthesize(100, 30, seed=4) == synthesize(100, 30, seed=4)
    assert synthesize(100, 30, seed=4) != synthesize(100, 30, seed=5)


def test_bad_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="n_tasks"):
        synthesize(0, 5)
    with pytest.raises(ValueError, match="n_units"):
        synthesize(5, 100)


def test_chinese_numerals() -> None:
    # Written out by hand, as chapter headings spell them.
    expected = {1: "一", 9: "九", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百",
                105: "一百零五", 230: "二百三十"}
    assert {n: chinese_numeral(n) for n in expected} == expected
