"""Six real State Council documents read against their hand-counted facts.

The facts files (tests/fixtures/realworld/*.facts.json) were counted by hand
with regular expressions over the page text, independently of remit. Each
test compares remit's reading with them; where the reading differs, the test
says why and quotes the document.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import remit
from remit.loaders import load_registry
from remit.model import TaskList

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
# Short and long forms of national bodies merge through the shipped alias file
# (发展改革委 → 国家发展改革委); the facts keep each document's own spelling.
CANONICAL = load_registry().for_government("国家")  # these are State Council lists


def _canonical(name: str) -> str:
    return CANONICAL.canonical(name)[0]


def _read(slug: str) -> tuple[TaskList, dict]:
    facts = json.loads((FIXTURES / f"{slug}.facts.json").read_text(encoding="utf-8"))
    return remit.load(FIXTURES / f"{slug}.html"), facts


def _role_counts(tl: TaskList, unit: str) -> dict[str, int]:
    roles = Counter(tl.assignments.loc[tl.assignments["unit"] == _canonical(unit), "role"])
    return {"first": roles["lead"], "later": roles["support"]}


def _check_common(tl: TaskList, facts: dict, *, counts: dict | None = None,
                  tasks: int | None = None) -> None:
    assert len(tl.tasks) == (facts["tasks"] if tasks is None else tasks)
    chapters = [name for _, _, name, _ in tl.chapters]
    assert len(chapters) == facts["domains"]
    assert chapters == facts["domain_list"]
    per_domain = facts.get("assigned_measures_per_domain")
    if per_domain:
        assert {name: n for _, _, name, n in tl.chapters} == per_domain
    for unit, expected in (counts or facts["counts"]).items():
        assert _role_counts(tl, unit) == {"first": expected["first"], "later": expected["later"]}, unit
    units = set(tl.units["unit"])
    assert {_canonical(name) for name in facts["must_exist"]} <= units
    assert not set(facts["must_not_exist"]) & units
    # Every short form met was merged, and the merge is in the audit trail.
    merged = tl.audit[tl.audit["rule"].str.startswith("alias")]
    assert set(merged["unit"]) <= units
    stated = tl.findings.loc[tl.findings["code"] == "lead-rule-stated", "message"].tolist()
    if facts["lead_rule"]:
        assert len(stated) == 1 and facts["lead_rule"].removesuffix("，下同") in stated[0]
    else:
        assert stated == []
    # Nothing of the page chrome, covering letter or signature became a task.
    assert not tl.tasks["text"].str.contains("扫一扫|此件公开发布|索引号").any()


def test_guobanfa_2018_129_collective_after_deng() -> None:
    tl, facts = _read("guobanfa-2018-129-xiaofei-fupin")
    _check_common(tl, facts)
    # "（…商务部等和各有关省级人民政府负责）": X plus the collective, both recorded in the audit.
    assert "各有关省级人民政府" in set(tl.units["unit"])
    assert (tl.audit["rule"] == "deng-collective").sum() >= 17 * 2
    assert tl.lead_rule == "stated"
    assert "lead-from-order" in set(tl.findings["code"])


def test_guofa_2018_42_stated_rule_and_co_leads() -> None:
    tl, facts = _read("guofa-2018-42-nongji")
    counts = dict(facts["counts"])
    # The reading differs for 工业和信息化部 on purpose: measure （十八） says
    # "（农业农村部、工业和信息化部牵头负责）", naming both bodies leads, which the
    # stated-rule reading honours; the facts count it as listed second.
    counts["工业和信息化部"] = {"first": 4, "later": 8}
    _check_common(tl, facts, counts=counts)
    assert "lead-from-order" not in set(tl.findings["code"])  # the rule is stated
    first = remit.load(FIXTURES / "guofa-2018-42-nongji.html", lead_rule="first")
    # --lead-rule first takes order only, as the facts count: 3 first, 9 later.
    expected = facts["counts"]["工业和信息化部"]
    assert _role_counts(first, "工业和信息化部") == {"first": expected["first"],
                                                  "later": expected["later"]}


def test_guobanfa_2018_121_several_brackets_per_measure() -> None:
    tl, facts = _read("guobanfa-2018-121-tiyu-jingsai")
    # remit has one role per unit and measure, so the facts' per-measure counts
    # apply ("first if first in any of its parentheses"), not the per-parenthesis ones.
    _check_common(tl, facts, counts=facts["counts_by_measure"])
    # （十）carries three brackets; each adds its units: 市场监管总局 leads the first.
    ten = tl.assignments[tl.assignments["task_id"].str.endswith("#10")]
    assert set(ten.loc[ten["role"] == "lead", "unit"]) == {"市场监管总局", "体育总局"}


def test_guobanfa_2018_117_flat_list_no_chapters() -> None:
    tl, facts = _read("guobanfa-2018-117-ducha-jili")
    _check_common(tl, facts)
    assert tl.domains() == []
    # "（国家发展改革委会同有关部门负责）": the named body leads, the collective supports.
    sixteen = tl.assignments[tl.assignments["task_id"].str.endswith("#16")]
    assert sixteen.set_index("unit")["role"].to_dict() == {"国家发展改革委": "lead",
                                                           "有关部门": "support"}


def test_guofa_2018_39_collectives_and_stated_rule() -> None:
    tl, facts = _read("guofa-2018-39-jiuye")
    _check_common(tl, facts)
    # Four measures name only collectives; their lead is the first collective.
    leads = tl.assignments[tl.assignments["role"] == "lead"]
    kinds = tl.units.set_index("unit")["kind"]
    named = {t for t, u in zip(leads["task_id"], leads["unit"], strict=True)
             if kinds[u] == "agency"}
    assert len(named) == facts["measures_with_named_lead"]


def test_guobanhan_2005_57_subject_form_and_decimal_numbering() -> None:
    tl, facts = _read("guobanhan-2005-57-liangshi-yingji")
    # 12 of the facts' 13 items are read. Item （13） is "其他有关部门在指挥部的统一领导下，
    # 做好相关配合工作。": it names no body and has no 负责, so nothing marks it as an
    # assignment; the facts count it as a collective-only item.
    _check_common(tl, facts, tasks=facts["tasks"] - 1)
    assert set(tl.tasks["number"]) == set(range(1, 13))
    assert set(tl.tasks["domain"]) == {"组织机构和职责"}
    ten = tl.assignments[tl.assignments["task_id"].str.endswith("#10")]
    assert ten.set_index("unit")["role"].to_dict() == {"国务院新闻办": "lead", "国家发展改革委": "support"}


@pytest.mark.parametrize("rule", ["first", "all"])
def test_lead_rule_is_stored_and_changes_roles(rule: str) -> None:
    tl = remit.load(FIXTURES / "guofa-2018-39-jiuye.html", lead_rule=rule)
    assert tl.lead_rule == rule
    leads = Counter(tl.assignments.loc[tl.assignments["role"] == "lead", "task_id"])
    if rule == "all":
        # "（人力资源社会保障部、财政部负责。…）": both lead under "all".
        assert leads["guofa-2018-39-jiuye#1"] == 2
    else:
        assert set(leads.values()) == {1}
