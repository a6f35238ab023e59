"""remit diff follows the successor map: a lead that moved only by a rename is not a changed lead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import remit
from remit.analyses import unit_summary
from remit.analyses.diff import diff_lists, renamed_units
from remit.cli import main
from remit.loaders import SuccessorMap, load_successors


@pytest.fixture(scope="module")
def list_2017(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a 2017 list writes it: 市工商局 (before the 2019 restructuring) for 市市场监管局."""
    text = remit.example_path().read_text(encoding="utf-8").replace("市市场监管局", "市工商局")
    path = tmp_path_factory.mktemp("renames") / "shenzhen-2017-style.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_json_lists_the_rename_and_no_changed_lead(list_2017: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(list_2017), str(remit.example_path()), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(r["old"], r["new"]) for r in out["renamed"]] == [("市工商局", "市市场监管局")]
    # 40 led and 8 supported (README's remit stats for 市市场监管局): 48 tasks named it.
    assert out["renamed"][0]["tasks"] == 48
    assert "unit_successors.csv" in out["renamed"][0]["rule"] and "2019-03-31" in out["renamed"][0]["rule"]
    assert len(out["matched"]) == 210 and out["added"] == [] and out["dropped"] == []
    assert not any(m["lead_changed"] or m["support_changed"] for m in out["matched"])
    assert all(u["load_change"] == 0 for u in out["units"])
    assert "市工商局" not in {u["unit"] for u in out["units"]}


def test_without_the_successor_map_every_such_task_is_a_changed_lead(list_2017: Path) -> None:
    old = remit.build_graph(remit.load(list_2017))
    new = remit.build_graph(remit.load(remit.example_path()))
    plain = diff_lists(unit_summary(old), unit_summary(new), successors=SuccessorMap([]))
    assert plain.renamed.empty
    assert int(plain.matched["lead_changed"].sum()) == 40
    assert int(plain.matched["support_changed"].sum()) == 8


def test_a_unit_still_named_in_the_new_list_is_not_renamed(tmp_path: Path) -> None:
    header = "为推动我市发展，结合济南实际。\n\n| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(header + "| 1 | 推进企业开办便利化 | 市工商局 |\n| 2 | 加强安全生产监管 | 市安监局 |\n",
                   encoding="utf-8")
    new.write_text(header + "| 1 | 推进企业开办便利化 | 市市场监管局 |\n"
                   "| 2 | 加强安全生产监管 | 市安监局 |\n", encoding="utf-8")
    G_old, G_new = (remit.build_graph(remit.load(p)) for p in (old, new))
    renamed = renamed_units(G_old, G_new, load_successors())
    assert renamed[["old", "new"]].values.tolist() == [["市工商局", "市市场监管局"]]


def test_a_successor_written_in_another_known_form_counts(tmp_path: Path) -> None:
    # 文广新局 → 文旅局 in the map; this city writes its bureau 市文化广电旅游局.
    header = "为推动我市发展。\n\n| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
    old = tmp_path / "old.md"
    new = tmp_path / "new.md"
    old.write_text(header + "| 1 | 繁荣文化市场 | 市文广新局 |\n", encoding="utf-8")
    new.write_text(header + "| 1 | 繁荣文化市场 | 市文化广电旅游局 |\n", encoding="utf-8")
    G_old, G_new = (remit.build_graph(remit.load(p)) for p in (old, new))
    result = diff_lists(unit_summary(G_old), unit_summary(G_new))
    assert result.renamed[["old", "new"]].values.tolist() == [["市文广新局", "市文化广电旅游局"]]
    assert not result.matched["lead_changed"].any()


def test_html_report_has_a_renamed_section_and_former_names_in_the_map(list_2017: Path,
                                                                       tmp_path: Path) -> None:
    assert main(["diff", str(list_2017), str(remit.example_path()), "--html", str(tmp_path / "d")]) == 0
    page = (tmp_path / "d" / "index.html").read_text(encoding="utf-8")
    assert '<section id="renamed">' in page and "rp-renamed" in page
    assert '"former":["市工商局"]' in page.replace(" ", "")
    # Two editions without a rename: no such section.
    assert main(["diff", str(remit.example_path()), str(remit.example_path()), "--html",
                 str(tmp_path / "same")]) == 0
    assert '<section id="renamed">' not in (tmp_path / "same" / "index.html").read_text(encoding="utf-8")
