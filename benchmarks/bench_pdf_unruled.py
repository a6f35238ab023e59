"""Time reading a PDF task table without ruling lines, beside the same list ruled.

The bundled example (210 tasks) is written as a borderless Word table and
printed by LibreOffice (tests/fixtures/make_fixtures.py, cached in the temp
folder); the ruled comparison is the committed fixture
tests/fixtures/pdf/example-soffice.pdf, the same list as a ruled Word table
printed by LibreOffice. Both are read ``--runs`` times with
``read_pdf_tables`` (the PDF reader alone) and with ``remit.load``.

Usage::

    python benchmarks/bench_pdf_unruled.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures"), str(ROOT / "tests" / "loaders")]

import remit  # noqa: E402
from remit.loaders.pdf import read_pdf_tables  # noqa: E402


def make_pdf() -> Path:
    from make_fixtures import example_unruled_docx, soffice

    folder = Path(tempfile.gettempdir()) / "remit-bench-pdf"
    folder.mkdir(exist_ok=True)
    pdf = folder / "example-unruled-210.pdf"
    if not pdf.exists():
        with tempfile.TemporaryDirectory() as tmp:
            docx = example_unruled_docx(Path(tmp) / "example-unruled-210.docx",
                                        tuple(range(1, 211)))
            shutil.copy(soffice(docx, "pdf", Path(tmp)), pdf)
    return pdf


def _median(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    import pypdfium2 as pdfium

    md = remit.load(remit.example_path())
    for label, pdf in (("unruled", make_pdf()),
                       ("ruled", ROOT / "tests" / "fixtures" / "pdf" / "example-soffice.pdf")):
        data = pdf.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        reader = _median(lambda: read_pdf_tables(str(pdf), data), args.runs)  # noqa: B023
        load = _median(lambda: remit.load(pdf), args.runs)  # noqa: B023
        tasklist = remit.load(pdf)
        a, b = tasklist.assignments, md.assignments
        same = (set(zip(a["task_id"].str.split("#").str[1], a["unit"], a["role"], strict=True))
                == set(zip(b["task_id"].str.split("#").str[1], b["unit"], b["role"], strict=True)))
        print(f"{label}: {pdf.name}, {pages} pages, {len(tasklist.tasks)} tasks, assignments "
              f"equal to the Markdown's: {same}; read_pdf_tables median {reader:.3f} s "
              f"({reader / pages * 1000:.1f} ms a page), remit.load median {load:.3f} s "
              f"over {args.runs} runs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
