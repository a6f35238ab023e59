"""The prose reader: numbering, assignment forms, non-unit fields, lead rule.

Every expected value below is read off the small documents written here by
hand; none comes from remit's output.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from loader_samples import roles_by_number

import remit

Write = Callable[[str, str], Path]


_roles = roles_by_number


CITY = """深圳市人民政府关于印发某某行动方案的通知
各区人民政府，市政府直属各单位：
现将《某某行动方案》印发给你们，请认真贯彻执行。
深圳市人民政府
2020年3月1日
某某行动方案（试行）
一、优化审批服务（共3项）
（一）推行告知承诺制。在省（区、市）范围内推行。（牵头单位：市司法局；配合单位：市财政局、各区政府）
（二）压减审批时限。（牵头单位:市政务服务数据管理局，责任单位:市发展改革委、市财政局，完成时限：2020年6月底）
（三）推进数据共享。
牵头单位：市政务服务数据管理局
配合单位：市公安局、市税务局
完成时限：2020年12月
二、加强事中事后监管
1.完善信用监管。（市市场监管局牵头，市发展改革委、市司法局参与）
2．开展联合抽查（2018—2020年）。（市市场监管局会同市税务局负责）
3. 强化执法。（负责部门：市司法局、市公安局，适用范围：全市）
三、保障措施
（一）加强组织领导。（市委办公厅、市政府办公厅负责）
1.建立工作台账。
2.定期通报进展。
"""


def test_city_document_every_form(write: Write) -> None:
    tl = remit.load(write("city.txt", CITY))
    assert len(tl.tasks) == 7
    by_title = dict(zip(tl.tasks["title"], tl.tasks["task_id"], strict=True))
    assert set(by_title) == {"推行告知承诺制", "压减审批时限", "推进数据共享", "完善信用监管",
                             "开展联合抽查（2018—2020年）", "强化执法", "加强组织领导"}
    a = tl.assignments
    def of(title: str) -> dict[str, str]:
        rows = a[a["task_id"] == by_title[title]]
        return dict(zip(rows["unit"], rows["role"], strict=True))
    assert of("推行告知承诺制") == {"市司法局": "lead", "市财政局": "support", "各区政府": "support"}
    # 责任单位 beside an explicit 牵头单位 field supports.
    assert of("压减审批时限") == {"市政务服务数据管理局": "lead", "市发展改革委": "support",
                                  "市财政局": "support"}
    assert of("推进数据共享") == {"市政务服务数据管理局": "lead", "市公安局": "support",
                                  "市税务局": "support"}
    assert of("完善信用监管") == {"市市场监管局": "lead", "市发展改革委": "support",
                                  "市司法局": "support"}
    assert of("开展联合抽查（2018—2020年）") == {"市市场监管局": "lead", "市税务局": "support"}
    # 负责部门 lists without a rule: the first leads (stated → order, noted).
    assert of("强化执法") == {"市司法局": "lead", "市公安局": "support"}
    # A clause belongs to the number before it: （一） is the task, and its 1. and 2.
    # without a clause of their own are its text (as the hand counts of real lists read it).
    assert of("加强组织领导") == {"市委办公厅": "lead", "市政府办公厅": "support"}
    assert "定期通报进展" in tl.tasks.set_index("title").at["加强组织领导", "text"]
    tasks = tl.tasks.set_index("title")
    assert str(tasks.at["压减审批时限", "deadline"]) == "2020-06-30"
    assert str(tasks.at["推进数据共享", "deadline"]) == "2020-12-31"
    # Brackets that are not assignments stay in the text.
    assert "省（区、市）" in tasks.at["推行告知承诺制", "text"]
    units = set(tl.units["unit"])
    assert not {"全市", "区", "市）", "2020年6月底"} & units
    assert not any("适用范围" in u or "完成时限" in u for u in units)
    # Covering letter and signature are not measures; chapters keep their place.
    assert [c[2] for c in tl.chapters] == ["优化审批服务", "加强事中事后监管", "保障措施"]
    # "（共3项）" is stripped from the name and checked: three were read.
    assert "domain-count" not in set(tl.findings["code"])
    assert "lead-from-order" in set(tl.findings["code"])


def test_count_note_mismatch_is_a_finding(write: Write) -> None:
    tl = remit.load(write("count.txt", "一、优化服务（共5项）\n（一）做甲。（市财政局负责）\n"
                                       "（二）做乙。（市税务局负责）\n"))
    found = tl.findings[tl.findings["code"] == "domain-count"]
    assert len(found) == 1 and "共5项" in found["message"].iloc[0]
    assert tl.chapters[0][2] == "优化服务"


@pytest.mark.parametrize("numbering", [
    ["1.", "（1）", "①"], ["1．", "（1）", "①"], ["1.1", "1.1.1", "（1）"], ["一、", "1、", "（1）"],
])
def test_numbering_levels(write: Write, numbering: list[str]) -> None:
    top, mid, low = numbering

    def num(style: str, n: int) -> str:
        if style in ("1.", "1．", "1、"):
            return f"{n}{style[-1]}"
        if style == "（1）":
            return f"（{n}）"
        if style == "①":
            return "①②③"[n - 1]
        if style == "一、":
            return "一二三"[n - 1] + "、"
        if style == "1.1":
            return f"1.{n} "
        return f"1.1.{n} "
    lines = [f"{num(top, 1)}总体安排", f"{num(mid, 1)}第一组", f"{num(low, 1)}做甲。（市财政局负责）",
             f"{num(low, 2)}做乙。（市税务局、市财政局负责）", f"{num(mid, 2)}第二组（市公安局负责）",
             f"{num(low, 1)}做丙。", f"{num(top, 2)}第二章", f"{num(mid, 1)}做丁。（市司法局负责）"]
    tl = remit.load(write("levels.txt", "\n".join(lines)))
    got = [(title, dict(zip(rows["unit"], rows["role"], strict=True)))
           for title, rows in ((t, tl.assignments[tl.assignments["task_id"] == i])
                               for t, i in zip(tl.tasks["title"], tl.tasks["task_id"],
                                               strict=True))]
    # "第二组（市公安局负责）" carries the clause; "做丙。" under it has none of its own.
    assert got == [("做甲", {"市财政局": "lead"}),
                   ("做乙", {"市税务局": "lead", "市财政局": "support"}),
                   ("第二组", {"市公安局": "lead"}),
                   ("做丁", {"市司法局": "lead"})]
    assert [c[2] for c in tl.chapters] == ["总体安排", "第二章"]


NATIONAL = """国务院关于某某工作的意见
国发〔2019〕1号
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
为做好某某工作，现提出以下意见。
一、重点任务
（一）做甲。（发展改革委、财政部、商务部负责。排在第一位的部门为牵头部门，下同）
（二）做乙。（财政部、扶贫办等和各有关省级人民政府负责）
（三）做丙。（国家发展改革委、教育部牵头负责）
（四）做丁。（工业和信息化部等有关部门负责）
（五）做戊。（各省、自治区、直辖市人民政府负责）
国务院
2019年1月1日
（此件公开发布）
"""


def test_national_document_rule_collectives_and_aliases(write: Write) -> None:
    tl = remit.load(write("national.txt", NATIONAL))
    assert len(tl.tasks) == 5
    roles = _roles(tl)
    assert roles[1] == {"国家发展改革委": "lead", "财政部": "support", "商务部": "support"}
    assert roles[2] == {"财政部": "lead", "国务院扶贫办": "support", "各有关省级人民政府": "support"}
    assert roles[3] == {"国家发展改革委": "lead", "教育部": "lead"}
    assert roles[4] == {"工业和信息化部": "lead"}
    assert roles[5] == {"各省、自治区、直辖市人民政府": "lead"}
    assert "lead-from-order" not in set(tl.findings["code"])  # the rule is stated
    kinds = tl.units.set_index("unit")["kind"]
    assert kinds["各省、自治区、直辖市人民政府"] == "collective"
    # Each 等 form is recorded in the audit trail, and so is each alias merge.
    rules = set(tl.audit["rule"])
    assert {"deng-collective", "trailing-deng"} <= rules
    assert any(r.startswith("alias") for r in rules)
    for rule in ("all", "first"):
        other = _roles(remit.load(write(f"national-{rule}.txt", NATIONAL), lead_rule=rule))
        if rule == "all":
            assert set(other[1].values()) == {"lead"}
        else:
            assert other[3] == {"国家发展改革委": "lead", "教育部": "support"}


def test_subject_form_only_without_brackets(write: Write) -> None:
    text = ("1 总则\n1.1 适用范围\n本预案适用于全国。\n2 职责\n2.1 成员单位职责\n"
            "（1）国家发展改革委及国家粮食局负责综合协调。\n（2）公安部会同交通运输部负责运输秩序。\n"
            "（3）根据指挥部安排，财政部负责经费。\n（4）本预案由国务院办公厅负责解释。\n")
    tl = remit.load(write("plan.txt", text))
    roles = _roles(tl)
    assert roles == {1: {"国家发展改革委": "lead", "国家粮食局": "support"},
                     2: {"公安部": "lead", "交通运输部": "support"}}
    assert [c[2] for c in tl.chapters] == ["总则", "职责"]


def test_table_of_contents_is_skipped(write: Write) -> None:
    text = ("目录\n1 总则\n2 职责\n1 总则\n本预案说明。\n2 职责\n2.1 做甲。（财政部负责）\n")
    tl = remit.load(write("toc.txt", text))
    assert len(tl.tasks) == 1 and [c[2] for c in tl.chapters] == ["总则", "职责"]


def test_html_prose_outside_ucap(write: Write) -> None:
    page = ("<html><body><h1>通知</h1><p>一、总则</p><p>（一）做甲。（财政部、商务部负责）</p>"
            "<p>（二）做乙。（商务部负责）</p></body></html>")
    tl = remit.load(write("page.html", page))
    assert _roles(tl) == {1: {"财政部": "lead", "商务部": "support"}, 2: {"商务部": "lead"}}


def test_table_chapter_without_tasks_keeps_its_place(write: Write) -> None:
    table = ("| 序号 | 重点工作 | 负责部门 | 时间安排 |\n|---|---|---|---|\n"
             "| 一、总体要求 | | | |\n| 二、优化服务（共2项） | | | |\n"
             "| 1 | 做甲 | 市财政局 | 2020年6月 |\n| 2 | 做乙 | 市税务局 | 2020年7月 |\n"
             "| 三、保障措施 | | | |\n")
    tl = remit.load(write("chapters.md", table))
    assert [(c[1], c[2], c[3]) for c in tl.chapters] == [(1, "总体要求", 0), (2, "优化服务", 2),
                                                        (3, "保障措施", 0)]
    assert tl.domains() == ["优化服务"]
    assert "domain-count" not in set(tl.findings["code"])
    assert str(tl.tasks["deadline"].iloc[1]) == "2020-07-31"


def test_stats_shows_the_lead_rule(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    from remit.cli import main

    path = write("national-cli.txt", NATIONAL)
    assert main(["stats", str(path), "--lead-rule", "first", "--lang", "en"]) == 0
    assert "lead rule: first" in capsys.readouterr().out
    assert main(["stats", str(path), "--json"]) == 0
    assert '"lead_rule": "stated"' in capsys.readouterr().out


def test_deadline_in_brackets_and_inline_fields(write: Write) -> None:
    text = ("一、重点任务\n1.做甲。（市财政局负责，市税务局配合，2020年底前完成）\n"
            "2.做乙。牵头单位：市司法局；配合单位：市公安局；完成时限：2021年3月。\n"
            "3.做丙。（市统计局负责，持续推进）\n")
    tl = remit.load(write("inline.txt", text))
    assert _roles(tl) == {1: {"市财政局": "lead", "市税务局": "support"},
                          2: {"市司法局": "lead", "市公安局": "support"},
                          3: {"市统计局": "lead"}}
    tasks = tl.tasks.set_index("number")
    assert str(tasks.at[1, "deadline"]) == "2020-12-31"
    assert str(tasks.at[2, "deadline"]) == "2021-03-31"
    assert tasks.at[3, "deadline_kind"] == "ongoing"
    assert tasks.at[2, "text"] == "做乙。"


def test_marked_lead_inside_a_field_and_non_names(write: Write) -> None:
    text = ("一、重点任务\n（一）做甲。（责任单位：省财政厅、省发展改革委（牵头）、省商务厅）\n"
            "（二）做乙，增长1.5倍。（由各地根据实际情况负责）\n"
            "1.5倍以上的项目另行安排。\n")
    tl = remit.load(write("marked.txt", text))
    assert _roles(tl) == {1: {"省财政厅": "support", "省发展改革委": "lead", "省商务厅": "support"}}
    # "（由各地根据实际情况负责）" says someone is responsible but names no unit remit reads:
    # the measure is kept, without units, and a warning quotes the clause.
    assert len(tl.tasks) == 2
    warning = tl.findings[tl.findings["code"] == "no-units"]
    assert len(warning) == 1 and "由各地根据实际情况负责" in warning["message"].iloc[0]


def test_trs_content_and_footer_after_signature(write: Write) -> None:
    page = ("<html><body><div class='nav'>首页 | 政务公开</div>"
            "<div class='TRS_Editor'><p>一、任务</p><p>（一）做甲。（省财政厅负责）</p>"
            "<p>广东省人民政府</p><p>2020年5月1日</p></div>"
            "<div class='footer'><p>主办单位：广东省人民政府办公厅</p></div></body></html>")
    tl = remit.load(write("trs.html", page))
    assert _roles(tl) == {1: {"省财政厅": "lead"}}
    text = ("一、任务\n（一）做甲。（省财政厅负责）\n广东省人民政府\n2020年5月1日\n"
            "主办单位：广东省人民政府办公厅\n")
    assert _roles(remit.load(write("footer.txt", text))) == {1: {"省财政厅": "lead"}}


def test_word_auto_numbering(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def numbered(document, text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        for tag, value in (("w:ilvl", level), ("w:numId", 1)):
            element = OxmlElement(tag)
            element.set(qn("w:val"), str(value))
            num_pr.append(element)
        p_pr.append(num_pr)

    document = Document()
    document.add_paragraph("关于某某工作的通知")
    numbered(document, "优化服务", 0)
    numbered(document, "做甲。（市财政局、市税务局负责）", 1)
    numbered(document, "做乙。（市税务局负责）", 1)
    numbered(document, "加强监管", 0)
    numbered(document, "做丙。（市司法局负责）", 1)
    path = tmp_path / "auto.docx"
    document.save(str(path))
    tl = remit.load(path)
    assert _roles(tl) == {1: {"市财政局": "lead", "市税务局": "support"}, 2: {"市税务局": "lead"},
                          3: {"市司法局": "lead"}}
    assert [c[2] for c in tl.chapters] == ["优化服务", "加强监管"]


@pytest.mark.parametrize(("note", "leads"), [
    ("注：各项任务排在第一位的部门为牵头部门。", {"省财政厅"}),
    ("注：各项任务的责任单位排名不分先后。", {"省财政厅", "省商务厅"}),
])
def test_rule_stated_outside_brackets(write: Write, note: str, leads: set[str]) -> None:
    text = f"{note}\n一、任务\n（一）做甲。（省财政厅、省商务厅负责）\n"
    tl = remit.load(write("note.txt", text))
    assert set(tl.assignments.loc[tl.assignments["role"] == "lead", "unit"]) == leads
    assert "lead-from-order" not in set(tl.findings["code"])


def test_provincial_names(write: Write) -> None:
    text = ("一、任务\n（一）做甲。（责任单位：省发展改革委、省财政厅等，各地级以上市人民政府）\n"
            "（二）做乙。（省工业与信息化厅、人民日报社负责）\n")
    tl = remit.load(write("gd.txt", text))
    assert _roles(tl) == {1: {"省发展改革委": "lead", "省财政厅": "support",
                              "各地级以上市人民政府": "support"},
                          2: {"省工业与信息化厅": "lead", "人民日报社": "support"}}


def test_two_task_columns_name_and_body(write: Write) -> None:
    table = ("| 序号 | 工作任务 | 具体措施 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
             "| 1 | 优化服务 | 推行告知承诺制。 | 市司法局 | 2020年6月 |\n")
    tl = remit.load(write("two.md", table))
    assert tl.tasks.at[0, "title"] == "优化服务"
    assert tl.tasks.at[0, "text"] == "优化服务 推行告知承诺制。"


def test_lead_rule_first_on_a_table() -> None:
    # The example's 牵头单位 column names co-leads in some rows (268 lead edges for 210
    # tasks, test_loaders_example); "first" keeps one lead per task, the others support.
    stated = remit.load(remit.example_path())
    first = remit.load(remit.example_path(), lead_rule="first")
    assert first.assignments["role"].value_counts().to_dict() == {"lead": 210, "support": 370}
    assert len(first.assignments) == len(stated.assignments)
    assert first.lead_rule == "first"


def test_table_header_states_the_rule(write: Write) -> None:
    table = ("| 序号 | 重点任务 | 责任单位（列第一位者为牵头单位） | 参加单位 |\n|---|---|---|---|\n"
             "| 1 | 做甲 | 省财政厅、省商务厅 | 省统计局 |\n")
    stated = remit.load(write("rule.md", table))
    assert _roles(stated) == {1: {"省财政厅": "lead", "省商务厅": "support", "省统计局": "support"}}
    assert "lead-from-order" not in set(stated.findings["code"])
    # Without the rule the same convention applies as in prose: the first listed leads,
    # and a finding says that order decided.
    plain = remit.load(write("plain.md", table.replace("（列第一位者为牵头单位）", "")))
    assert _roles(plain) == {1: {"省财政厅": "lead", "省商务厅": "support", "省统计局": "support"}}
    assert "lead-from-order" in set(plain.findings["code"])


def test_provincial_bracket_forms(write: Write) -> None:
    text = ("一、任务\n1.做甲。(牵头单位:省发展改革委,配合单位:省财政厅)\n"
            "2.做乙。（省公安厅牵头，省交通运输厅、省应急管理厅配合；2020年底前完成）\n"
            "3.做丙。（责任单位：各市、县（区）人民政府）\n")
    tl = remit.load(write("prov.txt", text))
    assert _roles(tl) == {1: {"省发展改革委": "lead", "省财政厅": "support"},
                          2: {"省公安厅": "lead", "省交通运输厅": "support", "省应急管理厅": "support"},
                          3: {"各市、县（区）人民政府": "lead"}}
    assert str(tl.tasks.set_index("number").at[2, "deadline"]) == "2020-12-31"


def test_duty_verbs(write: Write) -> None:
    text = ("一、任务\n（一）做甲。（财政部、商务部负责落实）\n（二）做乙。（各地区按职责分工落实）\n"
            "（三）做丙。（各地要抓好落实）\n")
    tl = remit.load(write("verbs.txt", text))
    assert _roles(tl) == {1: {"财政部": "lead", "商务部": "support"}, 2: {"各地区": "lead"}}
