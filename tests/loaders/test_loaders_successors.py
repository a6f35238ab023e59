"""Successors: the 2018-19 and 2023 restructurings followed by name, date, level and place.

Every expected successor is a fact of the restructurings as docs/input.md ("Restructurings") lists them
(工商局 + 质监局 + 食药监局 → 市场监管局, 安监局 → 应急管理局, …), written out by hand here; the
dates are those of docs/input.md: provinces by the end of 2018, cities and counties by the end of
March 2019, the State Council from its 2018-03-17 and 2023-03-10 decisions.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

import remit
from remit.errors import InputError
from remit.loaders.successors import load_successors

Write = Callable[[str, str], Path]
AFTER = dt.date(2019, 6, 30)  # every 2018-19 local change is done by then

# (old name, successor as of AFTER): each line of the shipped map's local patterns has cases here.
LOCAL = [
    ("省工商局", "省市场监管局"), ("山东省质量技术监督局", "山东省市场监管局"),
    ("省食药监局", "省市场监管局"),
    ("市工商局", "市市场监管局"), ("区食药监局", "区市场监管局"), ("济南市质监局", "济南市市场监管局"),
    ("市市场和质量监管委", "市市场监管局"),
    ("省安监局", "省应急管理厅"), ("市安监局", "市应急管理局"), ("县安全生产监督管理局", "县应急管理局"),
    ("省国土资源厅", "省自然资源厅"), ("市国土资源局", "市自然资源局"), ("市规划国土委", "市自然资源局"),
    ("省环保厅", "省生态环境厅"), ("市环保局", "市生态环境局"), ("区环境保护局", "区生态环境局"),
    ("省农业厅", "省农业农村厅"), ("市农委", "市农业农村局"), ("县农业局", "县农业农村局"),
    ("省卫计委", "省卫生健康委"), ("市卫生计生委", "市卫生健康委"), ("区卫计局", "区卫生健康委"),
    ("省文化厅", "省文化和旅游厅"), ("省旅游发展委员会", "省文化和旅游厅"),
    ("市文广新局", "市文旅局"), ("市旅游局", "市文旅局"),
    ("省法制办", "省司法厅"), ("市法制办", "市司法局"),
]
# The 2023 plan's local part, done by the end of 2024: 乡村振兴局 into 农业农村 (as 国家乡村振兴局
# into 农业农村部).
AFTER_2024 = dt.date(2025, 1, 1)
LOCAL_2024 = [("省乡村振兴局", "省农业农村厅"), ("县乡村振兴局", "县农业农村局"),
              ("济南市乡村振兴局", "济南市农业农村局")]


def _local_lines() -> set[int]:
    text = resources.files("remit.loaders").joinpath("data/unit_successors.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    return {line for line, row in enumerate(rows, start=1)
            if line > 1 and row and not row[0].startswith("#") and row[3] != "national"}


@pytest.mark.parametrize(("old", "new"), LOCAL)
def test_local_successor(old: str, new: str) -> None:
    found = load_successors().successor(old, as_of=AFTER)
    assert found is not None and found[0] == new


@pytest.mark.parametrize(("old", "new"), LOCAL_2024)
def test_local_successor_2024(old: str, new: str) -> None:
    successors = load_successors()
    assert successors.successor(old, as_of=AFTER) is None  # 乡村振兴局 only came in 2021
    assert successors.successor(old, as_of=dt.date(2024, 6, 30)) is None
    found = successors.successor(old, as_of=AFTER_2024)
    assert found is not None and found[0] == new


def test_every_local_line_of_the_shipped_map_has_a_case() -> None:
    successors = load_successors()
    used = set()
    for cases, when in ((LOCAL, AFTER), (LOCAL_2024, AFTER_2024)):
        for old, _ in cases:
            found = successors.successor(old, as_of=when)
            assert found is not None
            used.add(int(found[1].origin.rpartition("line ")[2]))
    assert _local_lines() == used
    assert len(used) == 18


def test_levels_keep_their_own_dates() -> None:
    successors = load_successors()
    # On 2019-01-01 provinces had restructured; cities had until the end of March 2019.
    assert successors.successor("省工商局", as_of=dt.date(2019, 1, 1)) is not None
    assert successors.successor("市工商局", as_of=dt.date(2019, 1, 1)) is None
    assert successors.successor("市工商局", as_of=dt.date(2019, 3, 31)) is not None
    # An unprefixed name is not a local body; a national one follows the State Council's rows.
    assert successors.successor("工商局", as_of=AFTER) is None
    assert successors.successor("农业部", as_of=AFTER)[0] == "农业农村部"  # type: ignore[index]


def test_national_2018_2021_and_2023_chain() -> None:
    successors = load_successors()
    assert [n for n, _ in successors.chain("国务院扶贫办", as_of=dt.date(2022, 1, 1))] == ["国家乡村振兴局"]
    assert [n for n, _ in successors.chain("国务院扶贫办")] == ["国家乡村振兴局", "农业农村部"]
    assert [n for n, _ in successors.chain("银监会")] == ["银保监会", "金融监管总局"]
    # A central unit placed locally: 深圳银保监局's offices reopened as 金融监管局 on 2023-07-20.
    assert successors.successor("深圳银保监局", as_of=dt.date(2023, 6, 30)) is None
    assert successors.successor("深圳银保监局")[0] == "深圳金融监管局"  # type: ignore[index]
    assert successors.successor("青岛银保监分局")[0] == "青岛金融监管分局"  # type: ignore[index]


def test_user_rows_with_a_place_come_first(write: Write) -> None:
    mine = write("succ.csv", "old,new,date,level,place,source\n"
                             "规划国土委,规划和自然资源局,2019-01-11,city,深圳市,深圳市机构改革\n")
    successors = load_successors([mine])
    assert successors.successor("市规划国土委", place="深圳市")[0] == "市规划和自然资源局"  # type: ignore[index]
    assert successors.successor("市规划国土委", place="济南市")[0] == "市自然资源局"  # type: ignore[index]


@pytest.mark.parametrize(("text", "message"), [
    ("old,new\n", "header"),
    ("old,new,date,level\n工商局,市场监管局,2019,city\n", "line 2"),
    ("old,new,date,level\n工商局,市场监管局,2019-03-31,town\n", "level"),
    ("old,new,date,level\n(工商局,市场监管局,2019-03-31,city\n", "pattern"),
])
def test_bad_successor_file_is_one_clear_error(write: Write, text: str, message: str) -> None:
    path = write("bad.csv", text)
    with pytest.raises(InputError) as caught:
        load_successors([path])
    assert str(path) in str(caught.value) and message in str(caught.value)


@pytest.fixture(scope="module")
def list_2017(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example as a 2017 list would write it: 市工商局 where 2020 writes 市市场监管局."""
    text = remit.example_path().read_text(encoding="utf-8").replace("市市场监管局", "市工商局")
    path = tmp_path_factory.mktemp("sz2017") / "shenzhen-2017-style.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_as_of_a_date_maps_old_names_with_an_audit_line(list_2017: Path) -> None:
    as_written = remit.load(list_2017)
    # 40 led and 8 supported, as remit stats prints for 市市场监管局 on the example (README).
    assert (as_written.assignments["unit"] == "市工商局").sum() == 48
    before = remit.load(list_2017, names_as_of="2018-12-31")  # Shenzhen's deadline was March 2019
    assert "市工商局" in set(before.units["unit"])
    after = remit.load(list_2017, names_as_of=dt.date(2020, 1, 1))
    assert "市工商局" not in set(after.units["unit"])
    led = after.assignments[after.assignments["unit"] == "市市场监管局"]
    assert (led["role"] == "lead").sum() == 40 and (led["role"] == "support").sum() == 8
    audit = after.audit[after.audit["rule"].str.startswith("successor")]
    assert set(zip(audit["before"], audit["after"], strict=True)) == {("市工商局", "市市场监管局")}
    assert audit["rule"].str.contains("unit_successors.csv").all()
    assert "市工商局" in after.units.set_index("unit").at["市市场监管局", "aliases"]


def test_several_lists_read_as_of_one_date(list_2017: Path, write: Write) -> None:
    jinan = write("jinan-2018.md", "为推动我市发展，结合济南实际。\n\n| 序号 | 改革措施 | 牵头单位 |\n"
                                   "|---|---|---|\n| 1 | 甲 | 市安监局 |\n"
                                   "| 2 | 乙 | 市人力资源社会保障局 |\n")
    tl = remit.load([list_2017, jinan], names_as_of="2020-01-01")
    units = set(tl.units["unit"])
    assert {"市市场监管局", "市应急管理局", "市人力资源社会保障局", "市人力资源保障局"} <= units
    assert not {"市工商局", "市安监局"} & units
    assert {g.place for g in tl.governments.values()} == {"深圳市", "济南市"}
