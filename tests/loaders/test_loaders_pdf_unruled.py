"""PDF task tables without ruling lines (Word tables whose borders were removed).

Both fixtures were printed by LibreOffice from .docx files written by
tests/fixtures/make_fixtures.py with python-docx's default table style, which
has no borders:

- ``unruled-soffice.pdf``: the hand-typed list ``UNRULED_ROWS`` of
  make_fixtures.py (five tasks under two section rows merged across the
  table, unit cells broken by hand over several lines, task 3 cut by the
  page break between pages 2 and 3, header not repeated, a note under the
  table), and ``unruled-nonumber-soffice.pdf``, the same without its 序号 column;
- ``example-unruled.pdf``: rows 1-40, 131-140 and 161-180 of the bundled
  example, header repeated on every page.

The facts asserted for the first were checked by hand against
``UNRULED_ROWS``; the second is compared with the Markdown example, read
through another reader.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import remit
from remit.loaders.pdf import read_pdf_tables
from remit.model import TaskList

PDF = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"


def _assignments(tl: TaskList) -> set[tuple[str, str, str]]:
    a = tl.assignments
    return set(zip(a["task_id"].str.split("#").str[1], a["unit"], a["role"], strict=True))


def _units(tl: TaskList, number: int, role: str) -> set[str]:
    a = tl.assignments
    return set(a.loc[a["task_id"].str.endswith(f"#{number}") & (a["role"] == role), "unit"])


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_fixtures_have_no_ruling_lines() -> None:
    import pypdfium2 as pdfium

    from remit.loaders.pdf import _ruling_lines

    for name in ("unruled-soffice.pdf", "example-unruled.pdf"):
        document = pdfium.PdfDocument(PDF / name)
        try:
            assert all(_ruling_lines(document[i]) == ([], []) for i in range(len(document)))
        finally:
            document.close()


@pytest.fixture(scope="module", params=["unruled-soffice.pdf", "ruled-lines-soffice.pdf"])
def handmade(request: pytest.FixtureRequest) -> TaskList:
    # The same hand-typed rows without borders and, in ruled-lines-soffice.pdf, with them: in a
    # ruled cell pdfium gives every visual line, and a line ending short is a break by hand.
    return remit.load(PDF / request.param)


def test_handmade_list_tasks_units_and_deadlines(handmade: TaskList) -> None:
    # UNRULED_ROWS: tasks 1-5, section rows 一、优化审批服务 (1-3) and 二、加强事中事后监管 (4-5).
    assert list(handmade.tasks["number"]) == [1, 2, 3, 4, 5]  # the note under it is no task
    assert list(handmade.tasks["domain"]) == ["优化审批服务"] * 3 + ["加强事中事后监管"] * 2
    assert [str(d) if d is not None else None for d in handmade.tasks["deadline"]] == [
        "2021-03-31", "2021-06-30", "2021-12-31", None, "2021-09-30"]  # 4: 长期坚持
    assert _units(handmade, 2, "lead") == {"市住房城乡建设局"}
    assert _units(handmade, 2, "support") == {"市自然资源局", "市发展改革委"}
    assert _units(handmade, 4, "lead") == {"市市场监管局"}
    assert _units(handmade, 4, "support") == {"各区政府"}
    assert _units(handmade, 5, "support") == {"市市场监管局", "市税务局"}


def test_cells_broken_by_hand_are_lists_of_units(handmade: TaskList) -> None:
    # Row 1's 配合单位 is "市公安局\n市税务局\n市人力资源社会保障局" (three names, one a line).
    rows = [row for table in read_pdf_tables(str(PDF / "unruled-soffice.pdf"),
                                             (PDF / "unruled-soffice.pdf").read_bytes())
            for row in table.rows]
    first = next(row for row in rows if row.cells[0] == "1")
    assert first.cells[3] == "市公安局、市税务局、市人力资源社会保障局"
    assert first.cells[2] == "市市场监管局"
    # The list names no city, so no city's aliases apply: Shenzhen's 市人力资源保障局 is not this
    # list's name, and the official name stays as written.
    assert _units(handmade, 1, "support") == {"市公安局", "市税务局", "市人力资源社会保障局"}


def test_row_cut_by_the_page_break_is_one_task(handmade: TaskList) -> None:
    # Row 3 runs from page 2 into page 3; its lead and 配合 cells are two names each.
    assert _units(handmade, 3, "lead") == {"市发展改革委", "市自然资源局"}
    assert _units(handmade, 3, "support") == {"市生态环境局", "市水务局"}
    text = handmade.tasks.loc[handmade.tasks["number"] == 3, "text"].iloc[0]
    clause = "对标准地出让项目实行告知承诺、容缺受理、先建后验，"
    assert _squeeze(text) == "建立企业投资项目承诺制，" + clause * 6 + "形成可复制的经验。"
    continued = handmade.findings[handmade.findings["code"] == "continued-row"]
    # With borders, LibreOffice keeps row 3 whole on page 2 (checked in the PDF), so only the
    # borderless print cuts it.
    cut = str(handmade.tasks["source"].iloc[0]).endswith("unruled-soffice.pdf")
    assert list(continued["row"]) == (["page 3, row 1"] if cut else [])


def test_borderless_example_reads_like_the_markdown() -> None:
    pdf = remit.load(PDF / "example-unruled.pdf")
    md = remit.load(remit.example_path())
    # Rows 1-40, 131-140 and 161-180 of the example (UNRULED_EXAMPLE_ROWS of make_fixtures.py).
    numbers = [*range(1, 41), *range(131, 141), *range(161, 181)]
    assert list(pdf.tasks["number"]) == numbers
    same = md.tasks.set_index("number").loc[numbers]
    assert _assignments(pdf) == {a for a in _assignments(md) if int(a[0]) in numbers}
    assert list(pdf.tasks["domain"]) == list(same["domain"])
    assert list(pdf.tasks["deadline"]) == list(same["deadline"])
    # Text too: characters are placed by position, so LibreOffice's “quote” glyphs stored
    # out of reading order come back in place.
    assert list(pdf.tasks["text"].map(_squeeze)) == list(same["text"].map(_squeeze))
    # Names wrapped before a closing mark or a bracketed note are whole (rows 133, 165).
    assert "各区政府（新区管委会）" in _units(pdf, 133, "support") & _units(pdf, 165, "support")
    # The header repeats on every page; rows cut by page breaks were joined, and only the
    # two jumps between the stretches are missing numbers.
    codes = pdf.findings["code"]
    assert (codes == "continued-row").sum() >= 10 and (codes == "number-gap").sum() == 2


def test_justified_prose_is_no_header() -> None:
    # A justified line of running text falls apart into runs, one of them naming 配合
    # and one 措施 (国办发〔2018〕117号 printed by Chromium): no lead column, no header.
    from remit.loaders.pdf_unruled import _header_at, _Line, _Run

    runs = ["施，", "及时制定或调整完善实施办法，", "明确职责分工，", "加强协调配合，",
            "确保督查激励措施落到"]
    prose = _Line(700.0, [_Run(10.0 + 60 * i, 50.0 + 60 * i, text) for i, text in enumerate(runs)])
    header = _Line(680.0, [_Run(10.0 + 60 * i, 40.0 + 60 * i, text)
                           for i, text in enumerate(["序号", "改革任务", "牵头单位", "配合单位"])])
    assert _header_at([prose]) is None
    found = _header_at([prose, header])
    assert found is not None and found[:2] == (1, 1)
    assert (found[3].task, found[3].lead) == (1, 2)


def test_header_wrapped_over_two_lines_is_one_header() -> None:
    from remit.loaders.pdf_unruled import _header_at, _Line, _Run

    def line(y: float, words: dict[float, str]) -> _Line:
        return _Line(y, [_Run(x, x + 10 * len(w), w) for x, w in words.items()])

    top = line(700.0, {10: "序号", 60: "改革", 260: "牵头", 330: "配合", 400: "完成"})
    below = line(686.0, {60: "任务", 260: "单位", 330: "单位", 400: "时限"})
    found = _header_at([top, below])
    assert found is not None
    at, taken, header, columns = found
    assert (at, taken) == (0, 2)
    assert [r.text for r in header.runs] == ["序号", "改革任务", "牵头单位", "配合单位", "完成时限"]
    assert (columns.task, columns.lead, columns.support, columns.deadline) == (1, 2, (3,), 4)
    # A data row under a one-line header is not taken into it.
    row = line(686.0, {10: "1", 60: "推行网上办理", 260: "市财政局"})
    assert _header_at([line(700.0, {10: "序号", 60: "改革任务", 260: "牵头单位"}), row])[1] == 1


def test_list_without_number_column_splits_rows_where_cells_start() -> None:
    # UNRULED_ROWS without the 序号 column: rows start where an empty column gets text.
    tl = remit.load(PDF / "unruled-nonumber-soffice.pdf")
    by_title = {title[:8]: task_id for title, task_id in zip(tl.tasks["title"], tl.tasks["task_id"],
                                                             strict=True)}
    a = tl.assignments

    def units(title: str, role: str) -> set[str]:
        return set(a.loc[(a["task_id"] == by_title[title]) & (a["role"] == role), "unit"])

    # No city is named, so Shenzhen's 市人力资源保障局 does not replace the official name.
    assert units("推行企业开办全程", "support") == {"市公安局", "市税务局", "市人力资源社会保障局"}
    assert units("工程建设项目审批", "lead") == {"市住房城乡建设局"}
    assert units("建立企业投资项目", "lead") == {"市发展改革委", "市自然资源局"}
    # Its last characters ("验。") fall on page 3: without a 序号 the first row of a page that
    # holds task text alone is still the rest of the task cut by the break.
    assert len(tl.tasks) == 5
    clause = "对标准地出让项目实行告知承诺、容缺受理、先建后验，"
    assert _squeeze(tl.tasks.loc[tl.tasks["task_id"] == by_title["建立企业投资项目"], "text"].iloc[0]
                    ) == "建立企业投资项目承诺制，" + clause * 6 + "形成可复制的经验。"
    assert units("全面推行“双随机", "support") == {"各区政府"}
    assert units("建立信用分级分类", "support") == {"市市场监管局", "市税务局"}
    deadlines = dict(zip(tl.tasks["title"].str[:8], tl.tasks["deadline"], strict=True))
    assert str(deadlines["建立信用分级分类"]) == "2021-09-30"
    assert list(tl.tasks["domain"].drop_duplicates()) == ["优化审批服务", "加强事中事后监管"]
    # The note under the table (UNRULED_NOTE) is no task and names no unit.
    assert not tl.tasks["text"].str.contains("每季度末").any()
    assert not tl.assignments["unit"].str.contains("每季度末|注：").any()
