"""Ten rows of the Shenzhen example, written in every format remit reads.

The rows are copied by hand from remit/data/shenzhen-2020-tasks.md (tasks
29-34, 39, 40, 173 and 176, lines 93-101, 112-113, 324 and 327). Each writer
lays them out the way that format is really used: the domain cell spans its
rows (blank continuation cells in Markdown and CSV, ``rowspan`` in HTML, a
merged range in xlsx, a vertical merge in docx), a title row sits above the
header, and the bold title of a task is bold in the format's own way.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from remit.model import TaskList

__all__ = ["HEADER", "ROWS", "TITLE", "WRITERS", "roles_by_number", "write_csv", "write_docx", "write_html",
           "write_markdown", "write_xlsx"]

HEADER = ("序号", "所属领域", "改革措施", "牵头单位", "责任单位", "完成时限")
TITLE = "深圳市2020年优化营商环境改革重点任务清单（节选）"

D2 = "二、深化\n工程建设\n项目审批\n制度改革"
D3 = "三、优化\n市政设施\n接入服务"
D12 = "十二、强化知识产权创造保护和运用"

# (number, domain group, bold title, rest of the text, lead, support, deadline).
# "\n" marks a line break inside a cell (<br> in the Markdown source).
ROWS: list[tuple[int, str, str, str, str, str, str]] = [
    (29, D2, "研究进一步提升监理人员学历要求。",
     " 研究修订《深圳经济特区建设工程监理条例》，明确从事监理等施工现场质量监督管理工作的技术人员学历要求。",
     "市住房建设局", "", "2020年6月底"),
    (30, D2, "构建工程建设全生命周期管理信息平台。",
     " 利用平台对全市建设项目开展监督登记、联合验收、施工图抽查、质量安全监督等事中事后监管过程，"
     "实施远程动态监控与监测预警。",
     "市住房建设局、市政务服务数据管理局",
     "市发展改革委、市规划和自然资源局、市交通运输局、市水务局、市建筑工务署", "2020年6月底"),
    (31, D2, "",
     "全面落实“一个窗口”集成服务机制。持续推进行政审批标准化、规范化管理，全面落实集成服务模式。",
     "市政务服务数据\n管理局", "各区政府（新区管委会）、深汕特别合作区管委会、前海管理局、各审批部门",
     "2020年6月底"),
    (32, D2, "",
     "加强咨询辅导服务。进一步加强各区政务窗口一线工作人员的宣传培训工作。",
     "市政务服务数据\n管理局", "各区政府（新区管委会）、深汕特别合作区管委会、前海管理局、各审批部门",
     "2020年6月底"),
    (33, D3, "",
     "进一步优化小型水电气接入工程审批。对符合条件的小型水电气接入工程，研究推行简易审批程序。",
     "市发展改革委",
     "市住房建设局、市规划和自然资源局、市交通运输局、市公安局、市城管和综合执法局、市水务局、"
     "市水务集团、市燃气集团、深圳供电局", "2020年3月底"),
    (34, D3, "",
     "实施水电气接入行政审批线上联办。进一步优化水电气报装相关行政审批办理流程；行政审批线上一次提交全部资料。",
     "市政务服务数据\n管理局、市住房建\n设局",
     "市发展改革委、市规划和自然资源局、市交通运输局、市公安局、市水务局、市城管和综合执法局、"
     "市水务集团、市燃气集团、深圳供电局", "2020年12月底"),
    (39, D3, "推动市政设施接入服务多渠道。",
     " 通过微信小程序、i深圳等多种途径，实现水、电、气掌上办理报装、查询、缴费等业务。",
     "市政务服务数据管理局、市水务集团、市燃气集团、深圳供电局按职责分工负责",
     "市工业和信息化局、市住房建设局、市水务局", "2020年6月底"),
    (40, D3, "试点推行“电力预装”服务。",
     " 结合现有未开工或正在施工的社会投资项目，开展“电力预装”服务试点。",
     "深圳供电局", "", "2020年6月底"),
    (173, D12, "加快知识产权“一站式”协同保护平台建设。",
     " 推进司法和行政部门达成知识产权战略合作，突破知识产权保护关键环节。",
     "市市场监管局",
     "市公安局、深圳海关、市司法局、市中级人民法院、市检察院、各区政府(新区管委会)、深圳国际仲裁院等",
     "2020年6月底"),
    (176, D12, "加强行业性、专业性知识产权纠纷人民调解组织建设。",
     " 实现在本市“高精尖”重点产业领域全覆盖，建立健全人民调解与其他纠纷解决机制衔接机制。",
     "市司法局、市中级人民法院", "市市场监管局", "2020年6月底底"),
]


def _groups() -> list[list[int]]:
    """Indexes of ROWS grouped by domain, in order."""
    groups: list[list[int]] = []
    for i, row in enumerate(ROWS):
        if groups and ROWS[groups[-1][0]][1] == row[1]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _first_of_group() -> set[int]:
    return {g[0] for g in _groups()}


def markdown_table(table: list[list[str]]) -> str:
    """A grid as a Markdown table, line breaks in cells as ``<br>`` (the first row is the header)."""
    lines = []
    for i, row in enumerate(table):
        lines.append("| " + " | ".join(c.replace("\n", "<br>") for c in row) + " |")
        if i == 0:
            lines.append("|" + "---|" * len(row))
    return "\n".join(lines) + "\n"


def write_markdown(path: Path) -> Path:
    lines = [f"# {TITLE}", "", "| " + " | ".join(HEADER) + " |", "|---" * 6 + "|"]
    first = _first_of_group()
    for i, (n, dom, bold, rest, lead, sup, due) in enumerate(ROWS):
        task = (f"<b>{bold}</b>" if bold else "") + rest
        cells = [str(n), dom if i in first else "", task, lead, sup, due]
        lines.append("| " + " | ".join(c.replace("\n", "<br>") for c in cells) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    def esc(text: str) -> str:
        return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\n", "<br>"))

    spans = {g[0]: len(g) for g in _groups()}
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>清单</title></head><body>",
           "<table border='1'>",
           f"<tr><td colspan='6'><strong>{esc(TITLE)}</strong></td></tr>",
           "<tr>" + "".join(f"<th>{h}</th>" for h in HEADER) + "</tr>"]
    for i, (n, dom, bold, rest, lead, sup, due) in enumerate(ROWS):
        task = (f"<b>{esc(bold)}</b>" if bold else "") + esc(rest)
        cells = [f"<td>{n}</td>"]
        if i in spans:
            cells.append(f"<td rowspan='{spans[i]}'>{esc(dom)}</td>")
        cells += [f"<td><p>{task}</p></td>", f"<td>{esc(lead)}</td>", f"<td>{esc(sup)}</td>",
                  f"<td>{esc(due)}</td>"]
        out.append("  <tr>\n    " + "\n    ".join(cells) + "\n  </tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_xlsx(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    wb = Workbook()
    ws = wb.active
    ws.title = "任务清单"
    ws.append([TITLE])
    ws.merge_cells("A1:F1")
    ws.append(list(HEADER))
    for n, dom, bold, rest, lead, sup, due in ROWS:
        task: object = CellRichText(TextBlock(InlineFont(b=True), bold), rest) if bold else rest
        ws.append([float(n), dom, task, lead, sup or None, due])
    for group in _groups():
        if len(group) > 1:
            ws.merge_cells(start_row=group[0] + 3, end_row=group[-1] + 3, start_column=2, end_column=2)
    wb.save(path)
    return path


def write_csv(path: Path, encoding: str = "gbk", delimiter: str = ",") -> Path:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow([TITLE])
    writer.writerow(HEADER)
    first = _first_of_group()
    for i, (n, dom, bold, rest, lead, sup, due) in enumerate(ROWS):
        writer.writerow([n, dom if i in first else "", bold + rest, lead, sup, due])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph(TITLE)
    table = doc.add_table(rows=1 + len(ROWS), cols=6)
    for col, name in enumerate(HEADER):
        table.cell(0, col).text = name
    for r, (n, dom, bold, rest, lead, sup, due) in enumerate(ROWS, start=1):
        table.cell(r, 0).text = str(n)
        # Domain lines as separate paragraphs; unit line breaks as <w:br/>.
        first, *more = dom.split("\n")
        cell = table.cell(r, 1)
        cell.paragraphs[0].text = first
        for line in more:
            cell.add_paragraph(line)
        paragraph = table.cell(r, 2).paragraphs[0]
        if bold:
            paragraph.add_run(bold).bold = True
        paragraph.add_run(rest)
        table.cell(r, 3).text = lead
        table.cell(r, 4).text = sup
        table.cell(r, 5).text = due
    for group in _groups():
        if len(group) > 1:
            top, bottom = table.cell(group[0] + 1, 1), table.cell(group[-1] + 1, 1)
            text_cell = top.merge(bottom)
            # merge() concatenates the paragraphs of every merged cell; keep the first's.
            for extra in text_cell.paragraphs[len(ROWS[group[0]][1].split("\n")):]:
                extra._element.getparent().remove(extra._element)
    doc.save(str(path))
    return path


WRITERS: dict[str, Callable[[Path], Path]] = {
    "sample.md": write_markdown,
    "sample.html": write_html,
    "sample.xlsx": write_xlsx,
    "sample.csv": write_csv,
    "sample.docx": write_docx,
}


def roles_by_number(tl: TaskList) -> dict[int, dict[str, str]]:
    """{task number: {unit: role}} of a list read from a small hand-written document."""
    out: dict[int, dict[str, str]] = {}
    numbers = dict(zip(tl.tasks["task_id"], tl.tasks["number"], strict=True))
    for task_id, unit, role in tl.assignments[["task_id", "unit", "role"]].itertuples(index=False):
        out.setdefault(int(numbers[task_id]), {})[unit] = role
    return out
