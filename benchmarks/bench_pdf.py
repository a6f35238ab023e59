"""Time reading a ~200-page text PDF: a synthetic task list printed by headless Chromium.

The list is written by ``remit synth`` (2200 tasks, about 200 pages), turned into one HTML table
(tests/fixtures/make_fixtures.py, the same rendering as the PDF fixtures) and
printed by Chromium; the PDF is cached in the temp folder between runs. Then
``remit.load`` reads it ``--runs`` times (pypdfium2 text layer + remit's own
ruled-table logic). For comparison, pdfplumber's ``extract_tables()`` is timed
on the first ``--plumber-pages`` pages and extrapolated.

Usage::

    python benchmarks/bench_pdf.py [--tasks 2000] [--runs 3] [--plumber-pages 10]

Target: at most 10 s for a 200-page PDF.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "fixtures"), str(ROOT / "tests" / "loaders")]

import remit  # noqa: E402
from remit.synth import write_synthetic  # noqa: E402

TARGET_SECONDS = 10.0


def make_pdf(tasks: int) -> Path:
    from make_fixtures import example_html, print_html

    folder = Path(tempfile.gettempdir()) / "remit-bench-pdf"
    folder.mkdir(exist_ok=True)
    pdf = folder / f"synth-{tasks}.pdf"
    if not pdf.exists():
        md = folder / f"synth-{tasks}.md"
        write_synthetic(md, tasks, 120, seed=0)
        print_html(example_html(md), pdf)
    return pdf


def _assignments(tasklist: remit.TaskList) -> set[tuple[str, str, str]]:
    a = tasklist.assignments
    return set(zip(a["task_id"].str.split("#").str[1], a["unit"], a["role"], strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plumber-pages", type=int, default=10)
    args = parser.parse_args(argv)
    pdf = make_pdf(args.tasks)
    import pypdfium2 as pdfium
    pages = len(pdfium.PdfDocument(pdf))
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        tasklist = remit.load(pdf)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    from remit.loaders.pdfguard import check_pdf_structure

    data = pdf.read_bytes()
    guard = []
    for _ in range(args.runs):
        start = time.perf_counter()
        check_pdf_structure(pdf.name, data)
        guard.append(time.perf_counter() - start)
    source = remit.load(pdf.with_suffix(".md"))
    same = _assignments(tasklist) == _assignments(source)
    print(f"{pdf.name}: {pages} pages, {len(tasklist.tasks)} tasks read; assignments equal to "
          f"the Markdown's: {same}")
    print(f"remit.load (pypdfium2): median {median:.2f} s, best {min(times):.2f} s over "
          f"{args.runs} runs; {median / pages * 1000:.1f} ms a page; target {TARGET_SECONDS:.0f} s "
          f"-> {'OK' if median <= TARGET_SECONDS else 'TOO SLOW'}")
    print(f"of which the structure check before pdfium (loaders/pdfguard.py): median "
          f"{statistics.median(guard):.2f} s")
    try:
        import pdfplumber
    except ImportError:
        args.plumber_pages = 0  # the comparison is optional: pip install pdfplumber
    if args.plumber_pages:
        import logging

        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        start = time.perf_counter()
        with pdfplumber.open(pdf) as doc:
            for page in doc.pages[:args.plumber_pages]:
                page.extract_tables()
        per_page = (time.perf_counter() - start) / min(args.plumber_pages, pages)
        print(f"pdfplumber extract_tables: {per_page * 1000:.0f} ms a page "
              f"(first {args.plumber_pages} pages) -> about {per_page * pages:.1f} s for all "
              f"{pages}; ratio {per_page * pages / median:.1f}x")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
