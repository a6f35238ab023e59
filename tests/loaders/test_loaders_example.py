"""The bundled Shenzhen example still reads as hand-verified (facts from notes/COMMON.md)."""

from __future__ import annotations

import remit


def _tasks_of(example: remit.TaskList, unit: str, role: str) -> list[int]:
    a = example.assignments
    ids = a.loc[(a["unit"] == unit) & (a["role"] == role), "task_id"]
    return sorted(int(t.split("#")[1]) for t in ids)


def test_example_counts(example: remit.TaskList) -> None:
    assert len(example.tasks) == 210
    assert example.tasks["number"].tolist() == list(range(1, 211))
    assert len(example.domains()) == 14
    assert example.tasks["domain_ordinal"].dropna().unique().tolist() == list(range(1, 15))
    kinds = example.units["kind"].value_counts().to_dict()
    assert (len(example.units), kinds) == (62, {"agency": 51, "collective": 11})
    roles = example.assignments["role"].value_counts().to_dict()
    assert roles == {"lead": 268, "support": 312}


def test_example_units_checked_against_source_rows(example: remit.TaskList) -> None:
    assert len(_tasks_of(example, "市市场监管局", "lead")) == 40
    assert len(_tasks_of(example, "市市场监管局", "support")) == 8
    assert _tasks_of(example, "市税务局", "lead") == [5, 9, 12, 69, 70, 72, 73, 74, 75, 76, 77, 78, 123]
    assert _tasks_of(example, "市税务局", "support") == [1, 2, 3, 13, 57, 58]
    assert _tasks_of(example, "深圳海关", "lead") == [79, 80, 81, 83, 86, 87, 88, 90, 93, 94]
    assert len(_tasks_of(example, "市中级人民法院", "lead")) == 32


def test_example_has_no_errors_and_every_deadline_is_a_date(example: remit.TaskList) -> None:
    assert not example.has_errors()
    assert set(example.tasks["deadline_kind"]) == {"date"}
    assert example.tasks.set_index("number").at[176, "deadline_raw"] == "2020年6月底底"
