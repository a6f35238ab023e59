"""Comparing two editions of a list: matching against the edit record, unit changes by hand, the CLI."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import networkx as nx
import pytest

import remit
from remit.analyses import UnitSummary, unit_summary
from remit.analyses.diff import diff_lists
from remit.analyses.textmatch import assign, similarity_matrix
from remit.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from listedits import edited_list

HEADER = "| 序号 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
OLD = HEADER + (
    "| 1 | 推进不动产登记全流程网上办理。实现抵押登记全程电子化。 "
    "| 市规划和自然资源局 | 市税务局 | 2020年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市市场监管局 | 市公安局 | 2020年3月 |\n"
    "| 3 | 开展跨境贸易单一窗口建设。压缩进出口通关时间。 | 深圳海关 |  | 2020年12月 |\n")
# Renumbered and reordered: old 2 is new 2 with another lead; old 1 is new 3 with 进一步 added;
# old 3 is dropped; new 1 is new.
NEW = HEADER + (
    "| 1 | 建设知识产权快速维权中心。外观设计专利授权周期压缩至十个工作日。 | 市市场监管局 |  | 2021年6月 |\n"
    "| 2 | 建立企业开办一窗通平台。整合各部门业务表单。 | 市政务服务数据管理局 | 市公安局 | 2021年3月 |\n"
    "| 3 | 推进不动产登记全流程网上办理。进一步实现抵押登记全程电子化。 "
    "| 市规划和自然资源局 | 市税务局 | 2021年6月 |\n")


@pytest.fixture(scope="module")
def handmade(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("diff")
    (folder / "old.md").write_text(OLD, encoding="utf-8")
    (folder / "new.md").write_text(NEW, encoding="utf-8")
    return folder / "old.md", folder / "new.md"


def _summary(path: Path, list_id: str) -> UnitSummary:
    return unit_summary(remit.build_graph(remit.load(f"{list_id}={path}")))


def test_example_against_itself_is_all_carried_over(example_graph: nx.MultiDiGraph) -> None:
    s = unit_summary(example_graph)
    d = diff_lists(s, s)
    # 210 tasks: tests/test_example_list.py
    assert len(d.matched) == 210 and d.dropped.empty and d.added.empty
    assert (d.matched["old"] == d.matched["new"]).all()
    assert not d.matched[["text_changed", "lead_changed", "support_changed"]].to_numpy().any()
    assert (d.units[["led_change", "supported_change", "load_change", "partners_change"]] == 0).all().all()
    assert set(d.units["status"]) == {"both"}


def test_handmade_lists_match_by_text_not_number(handmade: tuple[Path, Path]) -> None:
    d = diff_lists(_summary(handmade[0], "y2020"), _summary(handmade[1], "y2021"))
    pairs = {(r.old, r.new): r for r in d.matched.itertuples()}
    assert set(pairs) == {("y2020#2", "y2021#2"), ("y2020#1", "y2021#3")}
    moved = pairs[("y2020#2", "y2021#2")]
    assert moved.lead_changed and not moved.text_changed and not moved.support_changed
    reworded = pairs[("y2020#1", "y2021#3")]
    assert reworded.text_changed and not reworded.lead_changed and not reworded.support_changed
    assert d.dropped["task_id"].tolist() == ["y2020#3"]
    assert d.added["task_id"].tolist() == ["y2021#1"]


def test_handmade_unit_changes(handmade: tuple[Path, Path]) -> None:
    units = diff_lists(_summary(handmade[0], "y2020"), _summary(handmade[1], "y2021")).units.set_index("unit")
    # By hand from OLD and NEW above (load = lead share + 0.5 x supported):
    # 深圳海关 led old #3 only, which was dropped: disappears, led 1 -> 0, load 1 -> 0.
    assert units.loc["深圳海关", ["status", "led_old", "led_new", "load_change"]].tolist() == \
        ["disappeared", 1, 0, -1.0]
    # 市政务服务数据管理局 leads new #2 only: appears, led 0 -> 1, one partner (市公安局).
    assert units.loc["市政务服务数据管理局", ["status", "led_new", "partners_new"]].tolist() == \
        ["appeared", 1, 1]
    # 市市场监管局 led old #2 (partner 市公安局) and leads new #1 (no partner): led 1 -> 1, partners 1 -> 0.
    assert units.loc["市市场监管局", ["led_change", "partners_old", "partners_new"]].tolist() == [0, 1, 0]
    # 市税务局 supports old #1 and new #3, the same task: no change, load 0.5 both years.
    assert units.loc["市税务局", ["supported_old", "supported_new", "load_old", "load_new"]].tolist() == \
        [1, 1, 0.5, 0.5]


def test_threshold_is_visible_and_changeable(handmade: tuple[Path, Path]) -> None:
    G_old, G_new = _summary(handmade[0], "y2020"), _summary(handmade[1], "y2021")
    strict = diff_lists(G_old, G_new, threshold=1.0)
    # At 1.0 only the word-for-word task (old 2 = new 2) still matches; the reworded one splits in two.
    assert strict.threshold == 1.0
    assert list(zip(strict.matched["old"], strict.matched["new"], strict=True)) == [("y2020#2", "y2021#2")]
    assert set(strict.dropped["task_id"]) == {"y2020#1", "y2020#3"}


def test_edited_example_against_the_edit_record(example: remit.TaskList, tmp_path: Path) -> None:
    # The truth comes from the edit script (benchmarks/listedits.py), not from the matcher.
    truth = edited_list(example, tmp_path / "next.md", seed=3)
    assert len(truth.dropped) == 13 and len(truth.added) == 10 and len(truth.lead_changed) == 15
    d = diff_lists(unit_summary(remit.build_graph(example)),
                   unit_summary(remit.build_graph(remit.load(f"next={tmp_path / 'next.md'}"))))
    true_pairs = {(old, f"next#{n}") for old, n in truth.carried.items()}
    found = set(zip(d.matched["old"], d.matched["new"], strict=True))
    assert len(found & true_pairs) / len(found) >= 0.95  # precision
    assert len(found & true_pairs) / len(true_pairs) >= 0.95  # recall
    assert set(d.dropped["task_id"]) == truth.dropped
    assert {int(t.split("#")[1]) for t in d.added["task_id"]} == truth.added
    assert set(d.matched.loc[d.matched["lead_changed"], "old"]) == truth.lead_changed
    assert truth.reworded <= set(d.matched.loc[d.matched["text_changed"], "old"])


def test_assignment_is_one_to_one() -> None:
    # Two old texts both closest to one new text: only one may have it.
    S = similarity_matrix(["升级开办企业一窗通平台", "升级开办企业一窗通平台功能"],
                          ["升级开办企业一窗通平台"])
    pairs = assign(S, 0.5)
    assert pairs == [(0, 0, 1.0)]


def test_cli_json_schema(handmade: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", f"y2020={handmade[0]}", f"y2021={handmade[1]}", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"matched", "dropped", "added", "units", "renamed", "threshold"}
    assert out["renamed"] == []
    assert set(out["matched"][0]) == {"old", "new", "similarity", "text_changed", "lead_changed",
                                      "support_changed"}
    assert out["dropped"] == ["y2020#3"] and out["added"] == ["y2021#1"] and out["threshold"] == 0.5


def test_cli_table_and_lists_with_nothing_in_common(handmade: tuple[Path, Path], tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(handmade[0]), str(handmade[1]), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "carried over 2" in out and "new 1" in out and "dropped 1" in out
    other = tmp_path / "other.md"
    other.write_text(HEADER + "| 1 | 完善公共数据开放制度。优先开放交通气象数据集。 "
                     "| 市政务服务数据管理局 |  | 2021年6月 |\n", encoding="utf-8")
    assert main(["diff", str(handmade[0]), str(other), "--lang", "en"]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line]
    assert len(warnings) == 1 and "no task in common" in warnings[0] and "Traceback" not in captured.err
    assert "carried over 0" in captured.out


@pytest.mark.parametrize("argv, message", [
    (["diff", "only-one.md"], "needs an old and a new list"),
    (["diff", "a.md", "b.md", "c.md"], "too many lists"),
    (["diff", "a.md", "b.md", "--threshold", "0"], "--threshold"),
])
def test_cli_bad_arguments_are_one_line(argv: list[str], message: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_cli_several_files_per_side(handmade: tuple[Path, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    # The old edition in two files: OLD and a second file with one more task, which the new list dropped.
    extra = tmp_path / "old-part2.md"
    extra.write_text(HEADER + "| 1 | 完善公共数据开放制度。优先开放交通气象数据集。 "
                     "| 市政务服务数据管理局 |  | 2020年6月 |\n", encoding="utf-8")
    assert main(["diff", "--old", str(handmade[0]), "--old", str(extra), "--new", str(handmade[1]),
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["matched"]) == 2
    assert sorted(out["dropped"]) == ["old#3", "old-part2#1"]


def test_cli_example_against_itself(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", f"a={example_path}", f"b={example_path}", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("carried over 210 (text changed 0, lead changed 0, supporting units changed 0)"
                          " · new 0 · dropped 0")


def test_cli_speaks_chinese_by_default(handmade: tuple[Path, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The hand-made pair (HEADER rows above): two tasks carried over, one new, one dropped.
    assert main(["diff", str(handmade[0]), str(handmade[1])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("延续 2 项") and "新增 1 项" in out and "删除 1 项" in out
    assert "新增任务：" in out and "删除的任务：" in out and "carried over" not in out
