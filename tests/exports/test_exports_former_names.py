"""Whose list, and a unit's former names: in remit stats, the report, its unit table and the map's panel."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import remit
import remit.exports
from remit.cli import main
from remit.exports.report import write_report


@pytest.fixture(scope="module")
def list_2017(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a 2017 list writes it: 市工商局 (before the 2019 restructuring) for 市市场监管局."""
    text = remit.example_path().read_text(encoding="utf-8").replace("市市场监管局", "市工商局")
    path = tmp_path_factory.mktemp("former") / "shenzhen-2017-style.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_stats_shows_each_lists_government(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["stats", "--json"]) == 0
    governments = json.loads(capsys.readouterr().out)["governments"]
    assert {k: (v["place"], v["level"]) for k, v in governments.items()} == {
        "shenzhen-2020-tasks": ("深圳市", "city")}
    unplaced = tmp_path / "list.md"
    unplaced.write_text("| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n| 1 | 甲 | 市人力资源社会保障局 |\n",
                        encoding="utf-8")
    assert main(["stats", str(unplaced), "--lang", "en"]) == 0
    # The names (市X局) say it is a city's list, but not which city's.
    assert "place:    unknown city (give --place)" in capsys.readouterr().out
    assert main(["stats", str(unplaced), "--place", "深圳", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "place:    深圳市 (city)" in out and "市人力资源保障局" in out


def test_aliases_command_shows_the_successor_step(list_2017: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["aliases", str(list_2017), "--names-as-of", "2020-01-01", "--csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    step = [r for r in rows if r["raw"] == "市工商局"]
    assert [r["unit"] for r in step] == ["市市场监管局"] and step[0]["rules"].startswith("successor")


def test_report_shows_the_government_and_former_names(list_2017: Path, tmp_path: Path) -> None:
    out = write_report(remit.load(list_2017, names_as_of="2020-01-01"), tmp_path / "report")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "所属政府（--place）：深圳市（市级）" in page
    with (out / "units.csv").open(encoding="utf-8-sig") as handle:
        units = {row["unit"]: row for row in csv.DictReader(handle)}
    assert units["市市场监管局"]["former_names"] == "市工商局"
    assert units["市财政局"]["former_names"] == ""
    # The example itself, read as written, has no former names and no such column.
    plain = write_report(remit.load(remit.example_path()), tmp_path / "plain")
    assert "former_names" not in (plain / "units.csv").read_text(encoding="utf-8-sig").splitlines()[0]


@pytest.mark.browser
def test_map_panel_shows_former_names(list_2017: Path, open_page: Any, tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    remit.exports.map(remit.load(list_2017, names_as_of="2020-01-01")).save(path)
    visit = open_page(path)
    page = visit.page
    page.fill(".rm-search", "市场监管")
    selected = "() => document.querySelector('[data-remit-map]').dataset.selected === '{}'"
    page.wait_for_function(selected.format("市市场监管局"))
    page.wait_for_selector(".rm-panel:not([hidden])")
    assert page.locator(".rm-panel .rm-former").inner_text() == "曾用名（机构改革前）: 市工商局"
    # A unit without former names shows no such line.
    page.fill(".rm-search", "市财政局")
    page.wait_for_function(selected.format("市财政局"))
    assert page.locator(".rm-panel .rm-former").count() == 0
    assert visit.console_errors == [] and visit.page_errors == []
