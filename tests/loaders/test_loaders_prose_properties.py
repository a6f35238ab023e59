"""Property tests of the prose and PDF readers.

Random prose documents are written from known assignments, in the forms real
documents use, and must read back to exactly those assignments. Random bytes
given to the PDF and prose readers must raise nothing but remit's own errors.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remit.errors import RemitError
from remit.loaders.pdf import read_pdf_lines, read_pdf_tables
from remit.loaders.prose import read_prose
from remit.loaders.textlines import html_lines, plain_lines

# Bodies whose names carry no level prefix that another could borrow, and no alias.
UNITS = ["财政部", "商务部", "教育部", "公安部", "科技部", "司法部", "民政部", "审计署", "海关总署",
         "市场监管总局", "税务总局", "体育总局", "中央宣传部", "全国妇联", "共青团中央", "工业和信息化部",
         "文化和旅游部", "农业农村部", "交通运输部", "人力资源社会保障部"]
CHAPTER = "一二三四五六七八九"
PCN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
FILLER = ["推进改革", "在省（区、市）范围内试点（试行）", "完善机制（2018—2020年）", "加强监管",
          "做好工作，确保实效", "落实责任"]


@st.composite
def measure(draw: st.DrawFn) -> tuple[list[str], list[str], str]:
    """(leads, supports, written form) of one measure's assignment."""
    units = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=5, unique=True))
    form = draw(st.integers(0, 4))
    first, rest = units[:1], units[1:]
    if form == 0:
        return first, rest, f"（{'、'.join(units)}负责）"
    if form == 1:
        sep = draw(st.sampled_from(["；", "，"]))
        colon = draw(st.sampled_from(["：", ":"]))
        support = f"{sep}配合单位{colon}{'、'.join(rest)}" if rest else ""
        return first, rest, f"（牵头单位{colon}{first[0]}{support}）"
    if form == 2:
        tail = f"，{'、'.join(rest)}参与" if rest else ""
        return first, rest, f"（{first[0]}牵头{tail}）"
    if form == 3:
        partner = f"会同{'、'.join(rest)}" if rest else ""
        return first, rest, f"（{first[0]}{partner}负责）"
    return first, rest, f"\n牵头单位：{first[0]}" + (f"\n配合单位：{'、'.join(rest)}" if rest else "")


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[tuple[set[str], set[str]]]]:
    chapters = draw(st.integers(1, 4))
    lines = ["关于某某工作的通知", "各有关单位：", "现将方案印发给你们。",
             "为做好工作，提出以下意见。"]
    expected: list[tuple[set[str], set[str]]] = []
    number = 0
    for c in range(chapters):
        lines.append(f"{CHAPTER[c]}、第{CHAPTER[c]}章")
        for _ in range(draw(st.integers(1, 3))):
            leads, supports, written = draw(measure())
            text = draw(st.sampled_from(FILLER))
            lines.append(f"（{PCN[number]}）措施{number + 1}。{text}。{written}")
            expected.append((set(leads), set(supports)))
            number += 1
            if number == len(PCN):
                break
        if number == len(PCN):
            break
    return "\n".join(lines), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_random_prose_reads_back_its_assignments(doc: tuple[str, list]) -> None:
    text, expected = doc
    reading = read_prose(plain_lines(text), "random.txt")
    assert reading is not None
    got = [({p.name for p, r in d.pieces or [] if r == "lead"},
            {p.name for p, r in d.pieces or [] if r == "support"}) for d in reading.drafts]
    assert got == expected


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=2048))
def test_random_bytes_to_pdf_reader_raise_only_remit_errors(data: bytes) -> None:
    for reader in (read_pdf_tables, read_pdf_lines):
        for blob in (data, b"%PDF-1.4\n" + data):
            try:
                reader("random.pdf", blob)
            except RemitError:
                pass


ALPHABET = list("一二三四五六（）()、，；：:。.．1234567890①②负责牵头单位配合财政部商务部和等"
                "各省级人民政府下同列第一位者为\n <p></p>目录")


@settings(max_examples=120, deadline=None)
@given(st.text(alphabet=st.sampled_from(ALPHABET), max_size=400))
def test_random_text_to_prose_reader_raises_only_remit_errors(text: str) -> None:
    for lines in (plain_lines(text), html_lines(text)):
        try:
            read_prose(lines, "random.txt")
        except RemitError:
            pass
