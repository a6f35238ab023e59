"""Packaging, lint, types and docstring examples: the project's own hygiene."""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PACKAGES = PYPROJECT["tool"]["setuptools"]["packages"]
PACKAGE_DIRS = PYPROJECT["tool"]["setuptools"]["package-dir"]


def source_dir(package: str) -> Path:
    """Where a subpackage lives in the checkout, by the package-dir mapping."""
    parts = package.split(".")
    for depth in range(len(parts), 0, -1):
        head = ".".join(parts[:depth])
        if head in PACKAGE_DIRS:
            return ROOT / PACKAGE_DIRS[head] / Path(*parts[depth:])
    raise AssertionError(f"{package} has no package-dir entry")


def test_every_package_folder_is_listed():
    # A folder with __init__.py that is not listed would be silently left out of the wheel.
    found = set()
    for top in ("remit", "graph", "loaders", "analyses", "cypher", "exports"):
        for init in (ROOT / top).rglob("__init__.py"):
            rel = init.parent.relative_to(ROOT / top)
            found.add(".".join(["remit" if top == "remit" else f"remit.{top}", *rel.parts]))
    assert found == set(PACKAGES)
    for package in PACKAGES:
        assert (source_dir(package) / "__init__.py").is_file()


@pytest.mark.slow
def test_wheel_installs_and_imports_every_subpackage(tmp_path):
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w",
         str(wheel_dir), str(ROOT)], capture_output=True, text=True, check=False, timeout=300)
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(wheel_dir.glob("remit-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, system_site_packages=False, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    shutil.unpack_archive(wheel, site, format="zip")
    # The dependencies come from the interpreter running the tests, whether that is a venv or not
    # (system_site_packages would expose a venv's base interpreter instead). Plain paths in a .pth
    # file are appended after the wheel, and the .pth files there (remit's editable install among
    # them) are not run, so remit is imported from the wheel.
    outer = [p for p in sys.path if p.endswith("-packages") and Path(p).is_dir() and p != site]
    (Path(site) / "_test_dependencies.pth").write_text("\n".join(outer) + "\n", encoding="utf-8")
    probe = ("import importlib, remit, sys\n"
             f"mods = {PACKAGES!r}\n"
             "for m in mods: importlib.import_module(m)\n"
             "assert remit.__file__.startswith(sys.argv[1]), remit.__file__\n"
             "tl = remit.load(remit.example_path())\n"
             "import remit.cypher, pathlib\n"
             "print(len(tl.tasks), len(list(pathlib.Path(remit.cypher.__file__).parent.glob('*.cypher'))))\n")
    done = subprocess.run([python, "-c", probe, site], capture_output=True, text=True, check=False,
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": ""}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    tasks, queries = done.stdout.split()
    assert tasks == "210"
    assert int(queries) == len(list((ROOT / "cypher").glob("*.cypher")))


def test_ruff_is_clean():
    ruff = shutil.which("ruff")
    assert ruff, "ruff is a test dependency: pip install -e '.[test]'"
    done = subprocess.run([ruff, "check", str(ROOT)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-4000:]


@pytest.mark.slow
def test_mypy_passes(tmp_path):
    # mypy must see the installed layout (remit.graph, …), not the card's folders: build it
    # from symlinks, as setuptools' strict editable mode does.
    shadow = tmp_path / "shadow"
    for package in PACKAGES:
        target = shadow / Path(*package.split("."))
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(source_dir(package), target_is_directory=True)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--config-file",
         str(ROOT / "pyproject.toml"), "-p", "remit"],
        capture_output=True, text=True, check=False, cwd=tmp_path,
        env={**os.environ, "MYPYPATH": str(shadow)}, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:]


def _modules() -> list[str]:
    # One level per listed package, so that local symlinks cannot multiply the names.
    names = []
    for package in PACKAGES:
        for info in pkgutil.iter_modules([str(source_dir(package))], package + "."):
            names.append(info.name)
    return sorted({n for n in names if n != "remit.__main__" and n.count(".") <= 3} | set(PACKAGES))


@pytest.mark.parametrize("module", _modules())
def test_docstring_examples_run(module):
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             verbose=False)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {module}"


def _fenced(marker: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(f"<!-- {marker} -->", 1)[1].split(f"<!-- /{marker} -->", 1)[0]
    lines = [line.strip() for line in block.splitlines()]
    return "\n".join(line for line in lines if line and not line.startswith("```"))


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == _fenced("test-command")


def test_readme_main_command_uses_real_commands():
    from remit.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    main_command = _fenced("main-command")
    for part in main_command.split("&&"):
        words = part.split()
        if words[0] == "remit":
            assert words[1] in sub.choices, part


def test_readme_python_examples_run():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in text.split("```python\n")[1:]]
    assert blocks, "the README should show the Python API"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {})  # our own README


def test_embedded_engine_is_a_default_dependency():
    # `remit cypher top_leads` must work right after `pip install .`, with no server (issue 11).
    deps = PYPROJECT["project"]["dependencies"]
    names = [d.split(">")[0].split("=")[0].split("[")[0].strip() for d in deps]
    assert "arcadedb-embedded" in names
