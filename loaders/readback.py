"""Read remit's own task table back: the tasks sheet of ``units.xlsx`` and ``tasks.csv``.

remit writes one row per task, with its lead units in one column and its
supporting units in another (names joined by ``、``). Read back, those two
columns say who leads and who supports just as they stand: no lead rule is
applied again, and no name borrows a prefix from the name before it. So a
reading can be corrected in Excel or WPS (a lead unit changed, a name fixed)
and remit run again on the saved file.

The table is recognised by its header, in any of the three spellings remit
writes (the snake_case names of ``tasks.csv``, the Chinese or the English
headers of the workbook), never by a file or sheet name; the workbook's
other sheets (units, centrality, …) are not task lists and are left out.
"""

from __future__ import annotations

from remit.loaders.deadlines import parse_deadline
from remit.loaders.ordinals import parse_number
from remit.loaders.raw import RawRow, RawTable
from remit.loaders.table import DraftTask
from remit.loaders.units import NamePiece, split_unit_cell
from remit.model import Finding

__all__ = ["FORMULA_START", "TASK_TABLE_COLUMNS", "TASK_TABLE_LABELS", "read_own_tasks", "unquote"]

#: The columns of remit's task table (``tasks.csv``, the workbook's tasks sheet), in order.
TASK_TABLE_COLUMNS = ("task_id", "list_id", "number", "domain_ordinal", "domain", "title", "lead_units",
                      "support_units", "deadline", "deadline_kind", "deadline_raw", "cluster", "text",
                      "source", "row")
#: Column → (Chinese, English) header of the workbook; ``tasks.csv`` keeps the column names.
TASK_TABLE_LABELS: dict[str, tuple[str, str]] = {
    "task_id": ("任务编号", "task id"), "list_id": ("任务清单", "list"), "number": ("序号", "no."),
    "domain_ordinal": ("领域序号", "domain no."), "domain": ("领域", "domain"),
    "title": ("任务名称", "task"), "lead_units": ("牵头单位", "lead units"),
    "support_units": ("配合单位", "supporting units"), "deadline": ("完成时限", "deadline"),
    "deadline_kind": ("时限类型", "deadline kind"), "deadline_raw": ("时限原文", "deadline as written"),
    "cluster": ("群组", "cluster"), "text": ("全文", "text"), "source": ("来源文件", "source"),
    "row": ("位置", "where"),
}
#: The columns whose headers together name remit's own table: a published list may well
#: have a 任务编号, 牵头单位 and 配合单位 column, but not a 任务清单, 时限类型 and 时限原文 too.
_SIGNATURE = ("task_id", "list_id", "lead_units", "support_units", "deadline_kind", "deadline_raw")
_SPELLINGS = (
    {c: c for c in TASK_TABLE_COLUMNS},
    {label: c for c, (label, _) in TASK_TABLE_LABELS.items()},
    {label: c for c, (_, label) in TASK_TABLE_LABELS.items()},
)
#: First characters that make a spreadsheet run a cell as a formula; remit's CSV files
#: write such a text cell with a leading ``'`` (:mod:`remit.exports.csvsafe`).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unquote(text: str) -> str:
    """``text`` without the ``'`` that remit's CSV files put before a formula-like text.

    Examples
    --------
    >>> unquote("'-"), unquote("'=1+2"), unquote("'市财政局'"), unquote("市财政局")
    ('-', '=1+2', "'市财政局'", '市财政局')
    """
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def own_columns(row: RawRow) -> tuple[dict[str, int], bool] | None:
    """Column → index if ``row`` is the header of remit's own task table, else None.

    The flag says whether the header is ``tasks.csv``'s (its text cells may
    carry :func:`unquote`'s ``'``).

    Examples
    --------
    >>> cols, csv = own_columns(RawRow("row 1", TASK_TABLE_COLUMNS))
    >>> cols["lead_units"], csv
    (6, True)
    >>> own_columns(RawRow("row 1", ("序号", "改革任务", "牵头单位", "配合单位"))) is None
    True
    """
    cells = [cell.strip() for cell in row.cells]
    for index, spelling in enumerate(_SPELLINGS):
        columns: dict[str, int] = {}
        for i, cell in enumerate(cells):
            if cell in spelling:
                columns.setdefault(spelling[cell], i)
        if all(c in columns for c in _SIGNATURE) and ("title" in columns or "text" in columns):
            return columns, index == 0
    return None


def read_own_tasks(tables: list[RawTable], source: str,
                   ) -> tuple[list[DraftTask], list[Finding]] | None:
    """The tasks of remit's own task table among ``tables``, or None when there is none.

    Every table whose first row is remit's task header is read; all other
    tables of the file are ignored. Each row keeps its list id (``list_id``),
    number, domain with its ordinal, title, text and deadline; the units of
    ``lead_units`` lead and those of ``support_units`` support. A row whose
    ``list_id`` is blank (one added by hand) is of the list of the row above.

    A changed ``deadline`` cell wins over ``deadline_raw`` (the text as the
    list wrote it) when the two name different dates.

    Examples
    --------
    >>> header = RawRow("line 1", TASK_TABLE_COLUMNS)
    >>> row = RawRow("line 2", ("sz#3", "sz", "3", "2", "深化改革", "升级平台", "市财政局",
    ...                         "市、区市场监管领域相关部门、市税务局", "2020-06-30", "date",
    ...                         "2020年6月底", "", "升级平台。", "sz.md", "line 9"))
    >>> drafts, _ = read_own_tasks([RawTable("t.csv", [header, row])], "t.csv")
    >>> d = drafts[0]
    >>> d.list_id, d.number, d.domain, [(p.name, role) for p, role in d.pieces]
    ... # doctest: +NORMALIZE_WHITESPACE
    ('sz', 3, '2、深化改革', [('市财政局', 'lead'), ('市、区市场监管领域相关部门', 'support'),
                           ('市税务局', 'support')])
    """
    found = False
    drafts: list[DraftTask] = []
    findings: list[Finding] = []
    for table in tables:
        head = next((i for i, row in enumerate(table.rows) if not row.is_blank()), -1)
        own = own_columns(table.rows[head]) if head >= 0 else None
        if own is None:
            continue
        found = True
        columns, quoted = own
        for row in table.rows[head + 1:]:
            if not row.is_blank():
                draft = _draft(row, columns, quoted, source, findings)
                if draft.list_id is None and drafts:  # a row added by hand, its list left blank
                    draft.list_id = drafts[-1].list_id
                drafts.append(draft)
    return (drafts, findings) if found else None


def _draft(row: RawRow, columns: dict[str, int], quoted: bool, source: str,
           findings: list[Finding]) -> DraftTask:
    def cell(name: str) -> str:
        text = row.cell(columns.get(name, -1)).strip()
        return unquote(text) if quoted else text

    number_cell = cell("number")
    number = parse_number(number_cell) if number_cell else None
    if number_cell and number is None:
        findings.append(Finding("warning", "unreadable-number", source, row.locator,
                                f"序号 {number_cell!r} is not a number; row read as task without a number"))
    # "2、深化改革" splits back into the ordinal and the name (split_ordinal); a name alone stays whole.
    ordinal, name = parse_number(cell("domain_ordinal")), cell("domain")
    domain = f"{ordinal}、{name}" if ordinal is not None and name else name
    deadline = parse_deadline(cell("deadline_raw"))
    shown = parse_deadline(cell("deadline"))
    if shown.kind == "date" and shown.date != deadline.date:  # the date was changed by hand
        deadline = shown
    text, title = cell("text"), cell("title")
    pieces: list[tuple[NamePiece, str]] = []
    for column, role in (("lead_units", "lead"), ("support_units", "support")):
        for piece in split_unit_cell(cell(column)):
            # Each name its own clause: no name takes the 省/市 of the one before it.
            piece.clause = len(pieces)
            pieces.append((piece, role))
    return DraftTask(
        source=source, locator=row.locator, number=number, domain=domain, title=title or text,
        text=text or title, deadline=deadline, lead_cell=cell("lead_units"),
        support_cells=[cell("support_units")], leads_from_responsible=False, pieces=pieces,
        list_id=cell("list_id") or None)
