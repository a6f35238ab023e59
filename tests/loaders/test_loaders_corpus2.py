"""Twenty-four more real documents read against their hand counts.

The documents in tests/fixtures/realworld/corpus2 are byte-for-byte copies of
public sources (see SOURCES.md there); each ``.facts.json`` was counted by
separate scripts and read by hand, with no remit code involved, under the
convention its README states: a task is a numbered measure (or table row)
naming at least one unit; where a clause states no role, the first listed unit
leads. Every unit the facts count is checked for lead, support and total.
Two documents assign nothing (duties in running prose only): they must be
refused with one line and no tasks.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import remit
from remit.errors import InputError
from remit.loaders import load_registry

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "realworld" / "corpus2"
FACTS = sorted(CORPUS.glob("*.facts.json"))


def _document(facts_path: Path) -> Path:
    stem = facts_path.name.removesuffix(".facts.json")
    return next(p for p in CORPUS.glob(stem + ".*") if not p.name.endswith(".facts.json"))


def test_the_corpus_is_all_here() -> None:
    assert len(FACTS) == 24
    assert sum(json.loads(p.read_text(encoding="utf-8"))["tasks"] == 0 for p in FACTS) == 2


@pytest.mark.parametrize("facts_path", FACTS, ids=lambda p: p.name.removesuffix(".facts.json"))
def test_reads_to_the_hand_counts(facts_path: Path) -> None:
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    path = _document(facts_path)
    if facts["tasks"] == 0:
        # A negative control: one clear line naming the file, and no tasks.
        with pytest.raises(InputError) as refused:
            remit.load(path)
        message = str(refused.value)
        assert path.name in message and "\n" not in message
        return
    tl = remit.load(path)
    assert len(tl.tasks) == facts["tasks"]
    # The facts keep each document's spelling; remit applies the aliases of the list's own
    # government and merges known forms of one name (省发展和改革委 → 省发展改革委) within a document,
    # so spellings that became one unit add up.
    registry = load_registry().for_government(tl.government().place)
    merged = dict(zip(tl.audit.loc[tl.audit["rule"] == "known-forms", "before"],
                      tl.audit.loc[tl.audit["rule"] == "known-forms", "after"], strict=True))
    roles: dict[str, Counter[str]] = {}
    for unit, role in zip(tl.assignments["unit"], tl.assignments["role"], strict=True):
        roles.setdefault(unit, Counter())[role] += 1
    expected_by_unit: dict[str, Counter[str]] = {}
    for name, counts in facts["units"].items():
        canonical = registry.canonical(name)[0]
        unit = merged.get(canonical, canonical)
        expected_by_unit.setdefault(unit, Counter()).update(
            {"lead": counts["lead"], "support": counts["support"]})
    for unit, expected in expected_by_unit.items():
        got = roles.get(unit, Counter())
        assert (got["lead"], got["support"]) == (expected["lead"], expected["support"]), unit
    # Nothing that is neither a unit nor a role word was glued into a name.
    for unit in tl.units["unit"]:
        assert not any(word in unit for word in ("负责", "配合", "分工", "牵头单位：")), unit


def test_no_rule_stated_is_said_once_per_document() -> None:
    # jinan-2021: "（责任单位：A、B）" throughout, no rule stated: the first listed leads,
    # and one finding says that order decided (the same convention as a table).
    tl = remit.load(CORPUS / "jinan-2021-shuzi-xianfeng-chengshi.txt")
    assert (tl.findings["code"] == "lead-from-order").sum() == 1
    # shandong-2021 states its rule in the first bracket ("列第一位者为牵头部门，下同").
    stated = remit.load(CORPUS / "shandong-2021-jiaoyu-shisiwu-guihua.txt")
    assert "lead-from-order" not in set(stated.findings["code"])
    assert (stated.findings["code"] == "lead-rule-stated").sum() == 1
