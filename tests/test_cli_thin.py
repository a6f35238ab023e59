"""The command line stays thin (issue 21): read with ``ast``, every handler is a few lines of argument
handling around one call into :mod:`remit.service`, and ``remit/cli/`` uses no private name of another
package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parent.parent / "remit" / "cli"
EXEMPT: set[str] = set()
#: The command modules whose handlers must be thin.
THIN = ("load.py", "analyse.py", "export.py", "diff.py", "cypher.py", "serve.py")
MAX_HANDLER_LINES = 20


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _own(module: str) -> bool:
    """Whether ``module`` is remit.cli itself or a package that holds it (its private names are its own)."""
    return module in ("remit", "remit.cli") or module.startswith("remit.cli.")


def private_uses(source: str) -> list[str]:
    """Private names that ``source`` (a module of remit/cli) takes from another package.

    ``from remit.x import _y``, ``import remit.x._y``, ``from remit._x import y``, and an underscore
    attribute (``argparse._SubParsersAction``, ``parser._actions``, ``getattr(p, "_actions")``) on
    anything but ``self``/``cls``.
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            parts = node.module.split(".")
            for i, part in enumerate(parts):
                if _private(part) and not _own(".".join(parts[:i])):
                    found.append(f"from {node.module} import ...")
                    break
            else:
                if not _own(node.module):
                    found += [f"from {node.module} import {a.name}" for a in node.names if _private(a.name)]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if any(_private(p) and not _own(".".join(parts[:i])) for i, p in enumerate(parts)):
                    found.append(f"import {alias.name}")
        elif isinstance(node, ast.Attribute) and _private(node.attr):
            if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                found.append(f"{ast.unparse(node.value)}.{node.attr}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr") and len(node.args) >= 2
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value)):
            found.append(f"{node.func.id}(..., {node.args[1].value!r})")
    return found


@pytest.mark.parametrize(("source", "found"), [
    ("from remit.analyses import _projection", ["from remit.analyses import _projection"]),
    ("from remit.analyses._projection import frames", ["from remit.analyses._projection import ..."]),
    ("import remit.analyses._brandes", ["import remit.analyses._brandes"]),
    ("import argparse\nx = argparse._SubParsersAction", ["argparse._SubParsersAction"]),
    ("def f(parser):\n    return parser._actions", ["parser._actions"]),
    ("def f(p):\n    return getattr(p, '_actions')", ["getattr(..., '_actions')"]),
    ("def f(engine):\n    return engine._server.get_database()", ["engine._server"]),
    # remit.cli's own private names, and those of the package that holds it, are its own.
    ("from remit.cli.common import _lead_rule\nfrom remit._version import __version__", []),
    ("class A:\n    def f(self):\n        return self._x", []),
])
def test_the_private_name_check_itself(source: str, found: list[str]) -> None:
    assert private_uses(source) == found


@pytest.mark.parametrize("path", sorted(p.name for p in CLI.glob("*.py") if p.name not in EXEMPT))
def test_cli_uses_no_private_name_of_another_package(path: str) -> None:
    assert private_uses((CLI / path).read_text(encoding="utf-8")) == []


def test_the_exemption_names_only_existing_files() -> None:
    assert all((CLI / name).is_file() for name in EXEMPT)


def handlers(tree: ast.Module) -> dict[str, ast.FunctionDef]:
    """The functions a module registers as ``set_defaults(handler=...)``, by name."""
    names = {kw.value.id for node in ast.walk(tree) if isinstance(node, ast.Call)
             for kw in node.keywords if kw.arg == "handler" and isinstance(kw.value, ast.Name)}
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in names}


@pytest.mark.parametrize("path", THIN)
def test_every_handler_is_short(path: str) -> None:
    tree = ast.parse((CLI / path).read_text(encoding="utf-8"))
    found = handlers(tree)
    if path != "progress.py":  # progress.py only adds options
        assert found, f"{path} registers no handler"
    long = {name: f.end_lineno - f.lineno + 1 for name, f in found.items()  # type: ignore[operator]
            if f.end_lineno - f.lineno + 1 > MAX_HANDLER_LINES}  # type: ignore[operator]
    assert not long, f"{path}: handlers over {MAX_HANDLER_LINES} lines: {long}"


def test_the_handler_count_sees_a_long_handler() -> None:
    """The check itself: a planted 25-line handler is found and measured."""
    body = "\n".join(f"    x{i} = {i}" for i in range(23))
    tree = ast.parse(f"def _h(args):\n{body}\n    return 0\n\n"
                     "def register(p):\n    p.set_defaults(handler=_h)\n")
    f = handlers(tree)["_h"]
    assert f.end_lineno - f.lineno + 1 == 25  # type: ignore[operator]


def test_sort_choices_are_the_sort_keys() -> None:
    """``units --sort`` lists its keys without importing the analyses (so that --help stays quick)."""
    from remit.analyses.ordering import SORT_KEYS
    from remit.cli.analyse import SORT_CHOICES

    assert list(SORT_CHOICES) == list(SORT_KEYS)


def test_export_choices_are_the_export_formats() -> None:
    from remit.cli.export import EXPORT_FORMATS
    from remit.exports.files import FORMATS

    assert list(EXPORT_FORMATS) == list(FORMATS)


def test_help_loads_no_service_module_of_a_command() -> None:
    """The service modules (dataclasses, inspect) load when a command runs, not for ``--help``."""
    import subprocess
    import sys

    code = ("import sys\nfrom remit.cli import main\ntry:\n    main(['units', '--help'])\n"
            "except SystemExit:\n    pass\nprint('\\n' + ' '.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=CLI.parent.parent, capture_output=True, text=True,
                          check=True, timeout=120)
    loaded = set(done.stdout.splitlines()[-1].split())
    mine = {f"remit.service.{m}"
            for m in ("reading", "overview", "analysing", "writing", "diffing", "followup")}
    assert "remit.cli.analyse" in loaded and not loaded & mine
