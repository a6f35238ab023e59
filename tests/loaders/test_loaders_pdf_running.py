"""A browser's print keeps its running header and footer; the prose reader must not read them.

Chromium prints the date, the page title, the file's address and "2/4" on every
page unless told not to, and that is how people print a gov.cn page. The
document printed here is a real one (国办发〔2018〕121号, tests/fixtures/realworld);
the reading of its HTML is the independent reference, itself checked against
hand counts in test_loaders_realworld.py.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import remit
from remit.loaders.pdfcells import drop_running_lines

HERE = Path(__file__).resolve().parents[1] / "fixtures"
DOCUMENT = HERE / "realworld" / "guobanfa-2018-121-tiyu-jingsai.html"


def test_running_lines_are_dropped_and_text_kept() -> None:
    pages = [["2018/12/21 下午3:02 意见", "（一）做甲。", "file:///a.html 1/3"],
             ["2018/12/21 下午3:02 意见", "（二）做乙。", "file:///a.html 2/3"],
             ["2018/12/21 下午3:02 意见", "（三）做丙。", "file:///a.html 3/3"]]
    assert drop_running_lines(pages) == [["（一）做甲。"], ["（二）做乙。"], ["（三）做丙。"]]
    # A line repeated in the middle of pages, or on one page only, is text.
    single = [["标题", "（一）做甲。", "（一）做甲。", "末行"]]
    assert drop_running_lines(single) == single


@pytest.mark.browser
@pytest.mark.slow
def test_browser_print_with_header_and_footer_reads_like_the_page(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed (an optional external program)")
    page = DOCUMENT.read_text(encoding="utf-8")
    # No fetch may leave the machine: drop scripts, frames, images and style links.
    import re
    page = re.sub(r"<(script|iframe|style)\b.*?</\1>", "", page, flags=re.S | re.I)
    page = re.sub(r"<(img|link|iframe)\b[^>]*>", "", page, flags=re.I)
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "printed.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--print-to-pdf={pdf}", source.as_uri()],  # headers and footers on, as by default
                   check=True, capture_output=True, timeout=180)
    printed, reference = remit.load(pdf), remit.load(DOCUMENT)

    def assignments(tl: remit.TaskList) -> set[tuple[int, str, str]]:
        numbers = dict(zip(tl.tasks["task_id"], tl.tasks["number"], strict=True))
        return {(int(numbers[t]), u, r) for t, u, r in tl.assignments[["task_id", "unit", "role"]]
                .itertuples(index=False)}

    assert len(printed.tasks) == len(reference.tasks) == 16
    assert assignments(printed) == assignments(reference)
    assert not printed.tasks["text"].str.contains("file://|下午|上午").any()
