"""The bundled Shenzhen 2020 list, checked against facts read off the source by hand.

Row numbers below are the 序号 of the source table
(remit/data/shenzhen-2020-tasks.md); each count was checked by reading
those rows.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from tests.conftest import task_id

# The 14 chapters, in document order, as printed in the 所属领域 column.
DOMAINS = [
    "深化商事登记制度改革", "深化工程建设项目审批制度改革", "优化市政设施接入服务",
    "优化不动产登记办理", "便利企业融资", "优化纳税服务", "促进跨境贸易便利化", "加强法治保障",
    "深化公共资源交易体制改革", "加强劳动力市场监管", "提升政务服务水平",
    "强化知识产权创造保护和运用", "建立公正规范的市场监管体系", "营造包容普惠创新环境",
]

# unit: (lead rows, support rows), read off the source table by hand.
HAND_CHECKED = {
    "市税务局": ([5, 9, 12, 69, 70, 72, 73, 74, 75, 76, 77, 78, 123], [1, 2, 3, 13, 57, 58]),
    "深圳海关": ([79, 80, 81, 83, 86, 87, 88, 90, 93, 94], [16, 84, 85, 91, 170, 171, 172, 173]),
    "市检察院": ([172], [169, 171, 173]),
    "深圳国际仲裁院": ([108, 174], [109, 172, 173]),
    "市燃气集团": ([36, 37, 39, 42, 43], [17, 18, 22, 33, 34, 38]),
    "市口岸办": ([85, 88, 89, 91], [81, 82, 84, 92]),
    "市财政局": ([63, 122], [9, 64, 89, 131, 132, 133, 137, 141, 142, 143, 144, 184]),
    # rows 102-107 spell it 市中级法院.
    "市中级人民法院": ([50, 95, 96, 97, 99, 100, 101, 102, 103, 104, 105, 106, 107, 109, 110, 111,
                 112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 128, 129, 130, 169, 176],
                [48, 167, 171, 172, 173]),
    # rows 131, 162, 163, 165, 206 spell it 各区人民政府（新区管委会）; 173, 175, 177 with ASCII brackets.
    "各区政府（新区管委会）": ([8], [2, 11, 13, 31, 32, 38, 131, 132, 133, 134, 135, 136, 138, 139,
                           140, 162, 163, 165, 173, 175, 177, 180, 205, 206]),
    # row 39 lead cell ends 深圳供电局按职责分工负责.
    "深圳供电局": ([35, 36, 37, 39, 40, 41], [17, 18, 22, 23, 33, 34, 38]),
    # row 31/32 lead cell is 市政务服务数据<br>管理局.
    "市人力资源保障局": ([6, 145, 146, 147, 148, 149, 150, 188, 190, 198, 204], [1, 3, 16, 187, 195, 196]),
}


def rows_of(example, unit: str, role: str) -> list[int]:
    a = example.assignments
    hits = a[(a["unit"] == unit) & (a["role"] == role)]["task_id"]
    return sorted(int(t.split("#")[1]) for t in hits)


def test_exactly_210_tasks_numbered_1_to_210(example):
    assert example.tasks["number"].tolist() == list(range(1, 211))
    assert example.tasks["task_id"].is_unique


def test_fourteen_domains_in_document_order(example):
    assert example.domains() == DOMAINS
    ordinals = example.tasks.drop_duplicates("domain")["domain_ordinal"].tolist()
    assert ordinals == list(range(1, 15))


@pytest.mark.parametrize(("number", "domain"), [
    (1, "深化商事登记制度改革"), (17, "深化工程建设项目审批制度改革"),  # <br> inside the heading
    (79, "优化纳税服务"),  # the row before 七 starts: blank domain cell continues 六
    (80, "促进跨境贸易便利化"), (210, "营造包容普惠创新环境"),
])
def test_domain_cells_carry_down(example, number, domain):
    assert example.tasks.set_index("number").at[number, "domain"] == domain


def test_every_task_has_a_lead(example):
    leads = set(example.assignments.query("role == 'lead'")["task_id"])
    assert leads == set(example.tasks["task_id"])
    assert not example.has_errors()


def test_every_deadline_is_a_month_end(example):
    assert (example.tasks["deadline_kind"] == "date").all()
    by_number = example.tasks.set_index("number")
    assert by_number.at[1, "deadline"] == dt.date(2020, 1, 31)      # "2020 年 1 月底"
    assert by_number.at[8, "deadline"] == dt.date(2020, 1, 31)      # "2020年1月"
    assert by_number.at[62, "deadline"] == dt.date(2020, 12, 31)    # "2020年12月"
    assert by_number.at[176, "deadline"] == dt.date(2020, 6, 30)    # "2020年6月底底"
    assert by_number.at[176, "deadline_raw"] == "2020年6月底底"
    assert by_number.at[51, "deadline"] == dt.date(2020, 2, 29)     # leap year


def test_titles_bold_or_first_sentence(example):
    by_number = example.tasks.set_index("number")
    assert by_number.at[1, "title"] == "升级“开办企业一窗通”平台"                # bold, 。 inside
    assert by_number.at[151, "title"] == "优先推行“网上办”"                     # bold, 。 outside
    assert by_number.at[17, "title"] == "研究制定小型低风险社会投资项目简易审批程序"  # no bold
    assert by_number.at[64, "title"].startswith("进一步增强债券市场融资功能")
    assert "<b>" not in "".join(example.tasks["text"])


def test_unit_names_are_clean(example):
    names = example.units["unit"].tolist() + example.assignments["unit"].tolist()
    for name in names:
        assert not re.search(r"\s|<br", name), name
        assert not re.search(r"职责分工|分别负责|等$|牵头$", name), name


def test_spellings_of_one_body_merge(example):
    units = set(example.units["unit"])
    assert "市中级人民法院" in units and "市中级法院" not in units
    assert "各区政府（新区管委会）" in units
    assert not {"各区人民政府（新区管委会）", "各区政府(新区管委会)"} & units
    aliases = example.units.set_index("unit").at["各区政府（新区管委会）", "aliases"]
    assert "各区人民政府（新区管委会）" in aliases


def test_market_supervision_collective_is_one_unit(example):
    kinds = example.units.set_index("unit")["kind"]
    assert kinds["市、区市场监管领域相关部门"] == "collective"
    assert "区市场监管领域相关部门" not in kinds.index
    row_182 = example.assignments[example.assignments["task_id"] == task_id(182)]
    assert set(row_182["unit"]) == {"市市场监管局", "市政务服务数据管理局", "市发展改革委", "市司法局",
                                    "市、区市场监管领域相关部门"}


@pytest.mark.parametrize("unit", sorted(HAND_CHECKED))
def test_hand_checked_counts(example, unit):
    lead_rows, support_rows = HAND_CHECKED[unit]
    assert rows_of(example, unit, "lead") == lead_rows
    assert rows_of(example, unit, "support") == support_rows


def test_market_supervision_leads_40(example):
    # Read off the 牵头单位 column by hand (sole, co-lead, and the 按职责分工 rows 88, 183, 191, 192);
    # the browser test expects the same 40.
    expected = [1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16, 59, 88, 119, 126, 129, 163, 164, 165, 166,
                167, 168, 171, 173, 175, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 189,
                191, 192, 193]
    assert rows_of(example, "市市场监管局", "lead") == expected
    assert len(expected) == 40


def test_market_supervision_supports_8(example):
    assert rows_of(example, "市市场监管局", "support") == [48, 89, 143, 170, 172, 174, 176, 188]


def test_co_leads_and_rows_without_support(example):
    a = example.assignments
    leads_36 = a[(a["task_id"] == task_id(36)) & (a["role"] == "lead")]["unit"].tolist()
    assert leads_36 == ["市政务服务数据管理局", "市规划和自然资源局", "市发展改革委", "市水务集团",
                        "市燃气集团", "深圳供电局"]
    assert a[a["task_id"] == task_id(4)]["role"].tolist() == ["lead"]


def test_kinds(example):
    kinds = example.units.set_index("unit")["kind"]
    collectives = set(kinds[kinds == "collective"].index)
    assert collectives == {
        "各区政府（新区管委会）", "各相关单位", "各有关单位", "各区法院（新区管委会）", "各行业主管部门",
        "各审批部门", "各区", "各有关部门", "市、区市场监管领域相关部门", "市各有关单位",
        "市联席会议成员单位",
    }
    assert (kinds == "agency").sum() == 51


def test_every_merge_is_in_the_audit(example):
    merges = example.merges()
    pairs = set(zip(merges["raw"], merges["unit"], strict=True))
    assert ("市中级法院", "市中级人民法院") in pairs
    assert ("市住建局", "市住房建设局") in pairs                        # row 58
    assert ("市文化旅游广电体育局", "市文化广电旅游体育局") in pairs        # row 183, words swapped
    assert ("市政务服务数据↵管理局", "市政务服务数据管理局") in pairs        # rows 31, 32, 34
    assert ("深圳海关按部门职责分工负责", "深圳海关") in pairs              # row 88
    trail = example.explain("深圳海关")
    assert "responsibility-phrase" in set(trail["rule"])
    assert isinstance(merges, pd.DataFrame)
