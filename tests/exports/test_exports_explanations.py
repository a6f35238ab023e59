"""The report's explanation of the score and the load is written from the weights the analyses use.

The expected sentences are the ones the report printed before the weights had one home (issue 21):
the bottleneck score 0.4·load + 0.2·crunch + 0.2·brokerage + 0.2·fragility and a load of
1/leads per led task plus 0.5 per supported task, as docs/analyses.md states them.
"""

from __future__ import annotations

from types import MappingProxyType

import pytest

from remit.analyses import duties, ranking
from remit.exports.i18n import explanations


def test_the_sentences_are_the_ones_the_report_printed() -> None:
    zh, en = explanations("zh"), explanations("en")
    assert zh["score"] == ("得分（瓶颈得分）：0.4×负荷 + 0.2×到期高峰 + 0.2×中介作用 + 0.2×脆弱性，"
                           "每项先除以全体最大值，满分 1；越高越可能卡住工作。")
    assert zh["load"] == "负荷：牵头任务按共同牵头单位数平分（每项 1/牵头单位数），加上配合任务数 × 0.5。"
    assert en["score"] == ("Score (bottleneck score): 0.4×load + 0.2×deadline crunch + 0.2×brokerage "
                           "+ 0.2×fragility, each first divided by its maximum over all units, so at most 1; "
                           "higher means more likely to hold work up.")
    assert en["load"] == ("Load: each led task counts 1 divided by the number of its leads, plus 0.5 for "
                          "each supported task.")


def test_the_numbers_come_from_the_analyses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "DEFAULT_WEIGHTS", MappingProxyType(
        {"load": 0.7, "crunch": 0.1, "brokerage": 0.15, "fragility": 0.05}))
    monkeypatch.setattr(duties, "SUPPORT_WEIGHT", 0.25)
    monkeypatch.setattr(duties, "LEAD_WEIGHT", 2.0)
    en = explanations("en")
    assert en["score"].startswith(
        "Score (bottleneck score): 0.7×load + 0.1×deadline crunch + 0.15×brokerage + 0.05×fragility, ")
    assert en["load"] == ("Load: each led task counts 2 divided by the number of its leads, plus 0.25 for "
                          "each supported task.")
    assert "每项 2/牵头单位数" in explanations("zh")["load"]


def test_workload_defaults_are_the_named_weights() -> None:
    import inspect

    defaults = inspect.signature(duties.workload).parameters
    assert (defaults["lead_weight"].default, defaults["support_weight"].default) == (1.0, 0.5)
