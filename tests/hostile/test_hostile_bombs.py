"""Issue 10 #2: every resource bomb ends in one line and exit 2, within 15 s and 1 GiB."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from remit.errors import InputError
from remit.loaders.limits import ENV_MAX_INPUT, CellBudget, parse_size, read_input_bytes
from tests.hostile import bombs

# One child process, limited to 1 GiB of address space, reads every bomb in
# turn through the CLI and reports each one's exit code, stderr and time.
CHILD = r"""
import contextlib, io, json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from remit.cli import main
out = {}
for path in sys.argv[1:]:
    err = io.StringIO()
    start = time.perf_counter()
    printed = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(printed):
        code = main(["check", path])
    out[path] = [code, err.getvalue() + printed.getvalue(), time.perf_counter() - start]
print(json.dumps(out))
"""

ROOT = Path(__file__).resolve().parents[2]
#: Bombs that are read correctly rather than refused.
ANSWERED = ("xlsx cell at XFD1048576", "csv task number 99999999")
REFUSED = [b for b in bombs.BOMBS if b not in ANSWERED]


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    folder = tmp_path_factory.mktemp("bombs")
    paths: dict[str, str] = {}
    for name, make in bombs.BOMBS.items():
        sub = folder / str(len(paths))
        sub.mkdir()
        if make in (bombs.xlsx_zip_bomb, bombs.docx_zip_bomb):
            paths[name] = str(make(sub, size=200 * 1024 * 1024))  # over the 64 MiB part limit
        elif make is bombs.pdf_flate_bomb:
            # 1.2 GB inflated (1.2 MB): over the 1 GiB the child may use, built in a few seconds.
            paths[name] = str(make(sub, size=1200 * 1024 * 1024))
        else:
            paths[name] = str(make(sub))
    proc = subprocess.run([sys.executable, "-c", CHILD, *paths.values()], capture_output=True,
                          text=True, timeout=180, env={"OPENBLAS_NUM_THREADS": "1",
                                                       "PATH": "/usr/bin:/bin",
                                                       "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]  # no MemoryError, no traceback
    result = json.loads(proc.stdout)
    return {name: result[path] for name, path in paths.items()}


@pytest.mark.parametrize("name", REFUSED)
def test_bomb_gets_one_line_exit_2_fast(outcomes: dict[str, list], name: str) -> None:
    code, err, seconds = outcomes[name]
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("remit: ") and "Traceback" not in err
    assert seconds < 15


def test_stray_far_cell_is_read_not_expanded(outcomes: dict[str, list]) -> None:
    # One value at XFD1048576 used to make openpyxl's iter_rows build 17 billion cells;
    # the list's one real task (row 2 of bombs._xlsx) is still read.
    code, err, seconds = outcomes["xlsx cell at XFD1048576"]
    assert code == 0 and seconds < 15, err


def test_huge_task_number_costs_one_gap_not_its_size(outcomes: dict[str, list]) -> None:
    # Issue 18 #2: 序号 99999999 made the gap check build set(range(1, 99999999 + 1)):
    # a MemoryError under 1 GiB. The three tasks are read; the gap is one warning.
    code, said, seconds = outcomes["csv task number 99999999"]
    assert code == 0 and seconds < 15, said
    assert said.count("number-gap") == 1 and "has no task 3–99999998" in said
    assert "3 tasks read" in said


@pytest.mark.parametrize(("name", "says"), [
    ("pdf form fan-out 2^22", "fanout.pdf, page 1: the page draws more than 200,000 objects"),
    ("pdf Flate bomb 3 GB", "flate.pdf, page 1: a stream of the PDF inflates to more than 64 MiB")])
def test_pdf_bombs_name_the_page(outcomes: dict[str, list], name: str, says: str) -> None:
    # Issue 18 #3: pdfium parsed the 2^22 draws (3.8 GB) or inflated the stream (3.2 GB) as it
    # loaded the page, and aborted without a word; now the file's objects are weighed first.
    assert says in outcomes[name][1]


def test_input_size_cap_and_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"| a |\n" * 400_000)  # 2.4 MB
    monkeypatch.setenv(ENV_MAX_INPUT, "1M")
    with pytest.raises(InputError, match="over the limit of 1 MiB"):
        read_input_bytes(big)
    monkeypatch.setenv(ENV_MAX_INPUT, "3M")
    assert len(read_input_bytes(big)) == 2_400_000


def test_max_input_size_flag(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"| a |\n" * 400_000)
    proc = subprocess.run([sys.executable, "-m", "remit", "check", "--max-input-size", "1M", str(big)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "over the limit of 1 MiB" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_parse_size() -> None:
    assert parse_size("2k") == 2048 and parse_size("1.5M") == 1_572_864
    with pytest.raises(ValueError):
        parse_size("lots")


def test_cell_budget_counts_across_rows() -> None:
    budget = CellBudget("x.csv", limit=5)
    budget.take(3)
    with pytest.raises(InputError, match=r"x\.csv, line 9: the table has more than 5 cells"):
        budget.take(3, "line 9")
