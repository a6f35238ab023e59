"""Property tests: whatever table a user feeds in, remit answers with a model or a RemitError."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import remit
from remit.errors import RemitError
from remit.loaders.units import split_unit_cell
from tests.loaders.loader_samples import markdown_table

HEADER_WORDS = ["序号", "编号", "所属领域", "领域", "改革措施", "工作任务", "重点任务", "牵头单位",
                "牵头部门", "责任单位", "配合单位", "参与单位", "完成时限", "完成时间", "备注", "任务"]
FRAGMENTS = ["市财政局", "省工业和信息化厅", "科技厅", "深圳海关", "各区政府（新区管委会）", "牵头", "配合",
             "按职责分工负责", "等", "无", "、", "，", ",", ";", "；", "<br>", "<b>", "</b>", "**", "（",
             "）", "(", ")", "【", "】", "|", "\\|", "\"", "'", "\n", "\t", " ", "一、", "十二、", "（三）",
             "2020年6月底", "2020-13-45", "持续推进", "9999年99月", "1", "07", "三", "&amp;", "&#0;",
             "<table>", "<td rowspan=0>", "—", "\u3000", "\x0b", "\ufeff", "#", "-", "---", ":"]

cell = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=4), max_size=5).map("".join)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    """A title row (sometimes), a header and rows; most headers name a task and a lead."""
    if draw(st.integers(0, 9)):
        must = [draw(st.sampled_from(["改革措施", "工作任务", "重点任务", "任务"])),
                draw(st.sampled_from(["牵头单位", "牵头部门", "责任单位"]))]
        extra = draw(st.lists(st.sampled_from(HEADER_WORDS) | st.text(max_size=5), max_size=4))
        header = draw(st.permutations(must + extra))
    else:
        header = draw(st.lists(st.sampled_from(HEADER_WORDS) | st.text(max_size=5), min_size=1,
                               max_size=7))
    width = len(header)
    ragged = draw(st.integers(0, 9)) == 0
    row = st.lists(cell, min_size=max(width - ragged, 0), max_size=width + ragged)
    rows = draw(st.lists(row, max_size=8))
    title = draw(st.lists(cell, max_size=1))
    return [*([title] if title else []), list(header), *rows]


def _csv(table: list[list[str]]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(table)
    return buf.getvalue()


def _load_or_remit_error(path: Path) -> None:
    try:
        tl = remit.load(path)
    except RemitError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith(str(path))
        return
    # A model that loaded is consistent: every assignment names a task and a unit.
    assert set(tl.assignments["task_id"]) <= set(tl.tasks["task_id"])
    assert set(tl.assignments["unit"]) == set(tl.units["unit"])
    assert tl.tasks["task_id"].is_unique
    assert set(tl.assignments["role"]) <= {"lead", "support"}
    remit.build_graph(tl)


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(tables())
def test_markdown_tables_load_or_raise_remit_error(table: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.md"
        path.write_text(markdown_table(table), encoding="utf-8")
        _load_or_remit_error(path)


@SETTINGS
@given(tables(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_csv_tables_load_or_raise_remit_error(table: list[list[str]], encoding: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.csv"
        path.write_bytes(_csv(table).encode(encoding, errors="replace"))
        _load_or_remit_error(path)


@SETTINGS
@given(st.binary(max_size=600), st.sampled_from(["t.md", "t.csv", "t.html", "t.xlsx", "t.docx", "t"]))
def test_random_bytes_load_or_raise_remit_error(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        _load_or_remit_error(path)


@SETTINGS
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join))
def test_split_unit_cell_names_are_clean(text: str) -> None:
    for piece in split_unit_cell(text):
        assert piece.name
        assert not any(ch.isspace() for ch in piece.name)
        # A separator may stand inside brackets (各县（市、区）人民政府), nowhere else.
        outside = re.sub(r"（[^（）]*）", "", piece.name)
        assert "、" not in outside and "，" not in outside
        assert not piece.name.endswith("按职责分工负责")


def _html(table: list[list[str]], spans: list[tuple[int, int]]) -> str:
    out = ["<table>"]
    k = 0
    for row in table:
        out.append("<tr>")
        for value in row:
            rowspan, colspan = spans[k % len(spans)] if spans else (1, 1)
            k += 1
            out.append(f"<td rowspan={rowspan} colspan={colspan}>{value}</td>")
        out.append("</tr>")
    return "".join(out)  # often unclosed on purpose


@SETTINGS
@given(tables(), st.lists(st.tuples(st.integers(-1, 4), st.integers(-1, 3)), max_size=6))
def test_html_tables_with_spans_load_or_raise_remit_error(table: list[list[str]],
                                                          spans: list[tuple[int, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.html"
        path.write_text(_html(table, spans), encoding="utf-8")
        _load_or_remit_error(path)
