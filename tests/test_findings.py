"""Data-quality findings on small lists whose problems were planted by hand."""

from __future__ import annotations

from pathlib import Path

import remit

HEADER = "| 序号 | 所属领域 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|---|\n"


def write(tmp_path: Path, rows: list[str], name: str = "list.md") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def codes(tasklist) -> list[tuple[str, str, str]]:
    f = tasklist.findings
    return list(zip(f["severity"], f["code"], f["row"], strict=True))


def test_lead_and_support_of_one_task(tmp_path):
    path = write(tmp_path, ["| 1 | 一、甲 | 任务。 | 市财政局 | 市税务局、市财政局 | 2020年6月 |"])
    tl = remit.load(path)
    assert codes(tl) == [("warning", "lead-and-support", "line 3")]
    assert tl.findings.at[0, "unit"] == "市财政局"
    # Both roles are kept: nothing the source says is dropped.
    assert sorted(tl.assignments["role"]) == ["lead", "support", "support"]


def test_did_you_mean_names_the_likely_body(tmp_path):
    rows = [f"| {n} | 一、甲 | 任务。 | 市规划和自然资源局 |  | 2020年6月 |" for n in range(1, 4)]
    rows.append("| 4 | | 任务。 | 市规划和自然资源局 | 市规划与自然资源局 | 2020年6月 |")
    rows.append("| 5 | | 任务。 | 市自然资源和规划局 |  | 2020年6月 |")
    tl = remit.load(write(tmp_path, rows))
    found = tl.findings[tl.findings["code"] == "did-you-mean"]
    assert set(found["unit"]) == {"市规划与自然资源局"}
    assert all("市规划和自然资源局" in m for m in found["message"])
    assert set(found["row"]) == {"line 6"}
    # 自然资源和规划局 and 规划和自然资源局 are known forms of one name (loaders/data/name_forms.csv):
    # in one list they are one body, merged with an audit line rather than suspected.
    merged = tl.audit[tl.audit["rule"] == "known-forms"]
    assert merged[["row", "before", "after"]].values.tolist() == [
        ["line 7", "市自然资源和规划局", "市规划和自然资源局"]]


def test_short_names_one_character_apart_are_not_suspects(example):
    # 市商务局 and 市税务局 are two real bureaus (rows 16 and 5 of the example).
    assert not (example.findings["code"] == "did-you-mean").any()


def test_no_lead_is_an_error(tmp_path):
    tl = remit.load(write(tmp_path, ["| 1 | 一、甲 | 任务。 | 无 | 市税务局 | 2020年6月 |"]))
    assert codes(tl) == [("error", "no-lead", "line 3")]
    assert tl.has_errors()


def test_unreadable_deadline_is_kept(tmp_path):
    tl = remit.load(write(tmp_path, ["| 1 | 一、甲 | 任务。 | 市财政局 |  | 尽快完成 |",
                                     "| 2 | | 任务。 | 市财政局 |  | 持续推进 |"]))
    assert codes(tl) == [("warning", "unreadable-deadline", "line 3")]
    assert tl.tasks["deadline_kind"].tolist() == ["unknown", "ongoing"]
    assert tl.tasks["deadline_raw"].tolist() == ["尽快完成", "持续推进"]


def test_numbering_gap_and_duplicate(tmp_path):
    rows = ["| 1 | 一、甲 | 任务一。 | 市财政局 |  | 2020年6月 |",
            "| 4 | | 任务四。 | 市财政局 |  | 2020年6月 |",
            "| 4 | | 又一个四。 | 市税务局 |  | 2020年6月 |"]
    tl = remit.load(write(tmp_path, rows))
    assert ("warning", "number-gap", "line 4") in codes(tl)
    assert ("warning", "duplicate-number", "line 5") in codes(tl)
    assert "2–3" in tl.findings.set_index("code").at["number-gap", "message"]
    assert tl.tasks["task_id"].tolist() == ["list#1", "list#4", "list#4-2"]


def test_unclean_split_is_flagged(tmp_path):
    tl = remit.load(write(tmp_path, ["| 1 | 一、甲 | 任务。 | 市财政局：负责资金 |  | 2020年6月 |"]))
    assert ("warning", "unclean-unit", "line 3") in codes(tl)


def test_every_finding_names_file_and_row(tmp_path):
    path = write(tmp_path, ["| 1 | 一、甲 | 任务。 |  | 市税务局 | 哪天 |"])
    tl = remit.load(path)
    assert len(tl.findings) == 2
    assert (tl.findings["file"] == path.name).all()  # the name only: findings go into shared files
    assert (tl.findings["row"] == "line 3").all()
