"""Write remit's user-facing outputs for fixed inputs into one folder, to compare two versions byte by byte.

A refactor that should change nothing a user sees is checked by running this
script on the commit before and the commit after and comparing the folders::

    python benchmarks/goldens.py /tmp/before          # on the old commit
    python benchmarks/goldens.py /tmp/after           # on the new commit
    diff -r /tmp/before /tmp/after && echo identical

Every command runs in a fresh process through ``python -m remit``, in the
checkout the script lies in. Files that record when they were written (the
report's manifest, the Word file's core properties) are normalised: their
timestamps are replaced by a fixed text, so that only content differences show.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "realworld"
EXAMPLE = ROOT / "remit" / "data" / "shenzhen-2020-tasks.md"
PROSE = FIXTURES / "guofa-2018-39-jiuye.html"

#: name -> command words (after `remit`); {out} is the output folder.
COMMANDS: dict[str, list[str]] = {
    "stats.json": ["stats", "--json"],
    "stats.txt": ["stats"],
    "stats-en.txt": ["stats", "--lang", "en"],
    "stats-prose.json": ["stats", "--json", str(PROSE)],
    "check.txt": ["check"],
    "check-prose.txt": ["check", str(PROSE)],
    "aliases.csv": ["aliases", "--csv"],
    "units.json": ["units", "--json"],
    "units.txt": ["units"],
    "units-collectives.csv": ["units", "--csv", "--include-collectives", "--sort", "bottleneck"],
    "units-asof.csv": ["units", "--csv", "--as-of", "2020-09-01"],
    "units-prose.csv": ["units", "--csv", str(PROSE)],
    "units-first.csv": ["units", "--csv", "--lead-rule", "all", str(PROSE)],
    "clusters.json": ["clusters", "--json"],
    "clusters-collectives.json": ["clusters", "--json", "--include-collectives"],
    "whatif.json": ["whatif", "--json", "--remove", "市市场监管局", "--reassign", "9:市税务局:市财政局"],
    "whatif.txt": ["whatif", "--remove", "市市场监管局"],
    "diff.json": ["diff", "--json", str(EXAMPLE), str(PROSE)],
    "map.html": ["map", "-o", "{out}/map.html"],
    "map-focus.html": ["map", "-o", "{out}/map-focus.html", "--focus", "市税务局", "--as-of", "2020-09-01",
                       "--color-by", "overdue"],
    "export.json": ["export", "-o", "{out}/export.json"],
    "report": ["report", "-o", "{out}/report", "--as-of", "2020-09-01"],
    "report-collectives": ["report", "-o", "{out}/report-collectives", "--include-collectives"],
}

_ZIP_HASH = re.compile(rb'("[^"]*\.(?:docx|xlsx)": )"[0-9a-f]{64}"')
_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?")


def normalise_docx(path: Path) -> None:
    """Replace the Word file by its parts' texts with timestamps masked (zip metadata differs per run)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: _STAMP.sub(b"<time>", z.read(name)) for name in sorted(z.namelist())}
    out = io.BytesIO()
    for name, data in parts.items():
        out.write(name.encode() + b"\n" + data + b"\n")
    path.with_suffix(path.suffix + ".parts").write_bytes(out.getvalue())
    path.unlink()


def normalise_xlsx(path: Path) -> None:
    normalise_docx(path)


def run(out: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0", "REMIT_NO_PROGRESS": "1"}
    for name, words in COMMANDS.items():
        argv = [w.replace("{out}", str(out)) for w in words]
        done = subprocess.run([sys.executable, "-m", "remit", *argv], cwd=ROOT, env=env,
                              capture_output=True, timeout=600)
        text = done.stdout.replace(str(out).encode(), b"<out>")
        err = done.stderr.replace(str(out).encode(), b"<out>")
        (out / f"{name}.stdout").write_bytes(text)
        (out / f"{name}.stderr").write_bytes(err + f"\nexit {done.returncode}\n".encode())
        print(f"{name}: exit {done.returncode}", file=sys.stderr)
    for path in sorted(out.rglob("*")):
        if path.suffix == ".docx":
            normalise_docx(path)
        elif path.suffix == ".xlsx":
            normalise_xlsx(path)
        elif path.name == ".remit-output":  # the hashes of the zip files, which hold write times
            path.write_bytes(_ZIP_HASH.sub(rb'\1"<hash>"', path.read_bytes()))
        elif path.suffix in (".json", ".html", ".txt", ".csv") and path.is_file():
            path.write_bytes(_STAMP.sub(b"<time>", path.read_bytes()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", help="the folder to write (replaced if it holds an earlier run)")
    folder = Path(parser.parse_args().folder).resolve()
    if folder.exists():
        if not (folder / "stats.json.stdout").exists():
            sys.exit(f"{folder}: exists and is not an earlier goldens run; choose another folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    run(folder)


if __name__ == "__main__":
    main()
