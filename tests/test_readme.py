"""The README tells the truth: its shell samples print what it shows, and it stands on its own.

A shell sample is any fenced block in README.md whose first line starts with ``$ remit``. Each
``$ `` line is a command; the lines after it, up to the next ``$ `` line, are what it prints
(stdout and stderr together, in order). A line ``...`` stands for any number of lines, for output
that depends on timing or the machine. To update a sample, run the command from a folder holding
the files below and paste what it prints.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

from remit.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: Files the samples name, made in the folder the samples run in.
SAMPLE_FILES = {"broken.xlsx": b"PK\x03\x04 this is not a workbook"}


def samples(text: str) -> list[tuple[str, list[str]]]:
    """``(command, expected lines)`` for every ``$ remit`` line in the README's fenced blocks.

    Examples
    --------
    >>> samples("```\\n$ remit stats\\nlists: a\\n...\\n```\\n")
    [('remit stats', ['lists: a', '...'])]
    """
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M):
        lines = block.rstrip("\n").split("\n")
        if not lines[0].startswith("$ remit"):
            continue
        for line in lines:
            if line.startswith("$ "):
                found.append((line[2:].strip(), []))
            else:
                found[-1][1].append(line.rstrip())
    return found


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` fits ``expected``, where a ``...`` line matches any run of lines.

    Examples
    --------
    >>> matches(["a", "...", "d"], ["a", "b", "c", "d"]), matches(["a", "d"], ["a", "b", "d"])
    (True, False)
    """
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


SAMPLES = samples(README.read_text(encoding="utf-8"))


def test_readme_has_shell_samples() -> None:
    assert len(SAMPLES) >= 3


@pytest.mark.parametrize(("command", "expected"), SAMPLES, ids=[c for c, _ in SAMPLES])
def test_readme_sample_prints_what_it_shows(command: str, expected: list[str], tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    for name, content in SAMPLE_FILES.items():
        (tmp_path / name).write_bytes(content)
    monkeypatch.chdir(tmp_path)
    words = shlex.split(command)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        main(words[1:])
    actual = [line.rstrip() for line in out.getvalue().rstrip("\n").split("\n")]
    assert matches(expected, actual), "\n".join(["README shows:", *expected, "", "remit prints:", *actual])


def test_readme_stands_on_its_own() -> None:
    # Names of files outside the repository mean nothing to a reader of the clone (issue 11).
    text = README.read_text(encoding="utf-8")
    for outside in ("GUIDE", "COMMON.md", "design card"):
        assert outside not in text
    assert len(text.splitlines()) <= 250


@pytest.mark.parametrize("doc", ["README.md", "benchmarks/README.md", *(
    str(p.relative_to(ROOT)) for p in sorted((ROOT / "docs").glob("*.md")))])
def test_doc_links_resolve(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text):
        assert ((ROOT / doc).parent / target).exists(), f"{doc}: {target}"
    for outside in ("GUIDE", "COMMON.md", "design card"):
        assert outside not in text, f"{doc} names {outside}, which is not in the repository"


def test_readme_documents_every_csv_column(tmp_path: Path) -> None:
    # The README's column lists must be the files' real headers, in order.
    import remit
    from remit.exports.report import write_report

    out = write_report(remit.load(remit.example_path()), tmp_path / "report")
    text = README.read_text(encoding="utf-8")
    for name in ("units.csv", "tasks.csv"):
        row = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        documented = re.findall(r"`([a-z_]+)`", row.split("|")[2])
        header = (out / name).read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert documented == header, name
