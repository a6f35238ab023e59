"""The import rule, read from the source with ``ast``: data flows one way.

model ← loaders ← graph ← analyses ← exports ← service ← cli. The Bolt code
in cypher/ uses only the model and the graph; the service layer and the CLI
may use it. No subpackage imports the ``remit``
facade, and the import graph of the package has no cycles. Imports inside
functions count as much as those at the top: an import dodged into a
function is still a dependency, and so is ``importlib.import_module("remit.x")``
with the name written out. Every module belongs to a layer: a new module
directly in remit/ that is neither in BASE nor a layer fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Folder of the checkout -> import name of the package it installs as (pyproject's package-dir).
FOLDERS = {"remit": "remit", "graph": "remit.graph", "loaders": "remit.loaders",
           "analyses": "remit.analyses", "cypher": "remit.cypher", "exports": "remit.exports"}
# Modules of remit/ at the bottom that every layer may use.
BASE = {"remit.model", "remit.errors", "remit.progress", "remit.atomic", "remit.example", "remit._version",
        "remit.synth", "remit.suggest", "remit.terminal", "remit.control", "remit.specs", "remit.locks"}
LAYER = {"base": 0, "remit.loaders": 1, "remit.graph": 2, "remit.analyses": 3, "remit.exports": 4,
         "remit.service": 5, "remit.cli": 6, "remit.neo4j": 6, "remit.__main__": 7, "remit": 8}


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by its import name (of the checkout at ``root``)."""
    found: dict[str, Path] = {}
    for folder, package in FOLDERS.items():
        for path in sorted((root / folder).rglob("*.py")):
            parts = list(path.relative_to(root / folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([package, *parts])] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules that ``name`` imports, anywhere in its file.

    ``from remit import x`` counts as an import of ``remit.x`` when that is a
    module, and of the facade ``remit`` otherwise. A call of
    ``importlib.import_module`` (or ``__import__``) with a written-out
    ``"remit.…"`` name counts as an import of that module.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names if alias.name.split(".")[0] == "remit")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "remit":
                continue
            for alias in node.names:
                full = f"{base}.{alias.name}"
                out.add(full if full in known else base)
        elif isinstance(node, ast.Call) and _dynamic_import(node.func) and node.args \
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str) \
                and node.args[0].value.split(".")[0] == "remit":
            out.add(node.args[0].value)
    return out


def _dynamic_import(func: ast.expr) -> bool:
    """``importlib.import_module``, ``import_module`` or ``__import__``."""
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__")


def layer_of(module: str) -> tuple[str, int]:
    """The layer a module belongs to and its rank; cypher is a side layer (-1)."""
    if module in BASE:
        return "base", LAYER["base"]
    if module.startswith("remit.cypher"):
        return "remit.cypher", -1
    for prefix in sorted(LAYER, key=len, reverse=True):
        # The facade "remit" is the package's __init__ only: remit/foo.py is not part of it.
        if module == prefix or (prefix != "remit" and module.startswith(prefix + ".")):
            return prefix, LAYER[prefix]
    raise AssertionError(f"{module} belongs to no layer; add it to tests/test_layers.py")


def allowed(source: str, target: str) -> bool:
    """May ``source`` import ``target``?"""
    src, src_rank = layer_of(source)
    dst, dst_rank = layer_of(target)
    if src == dst:
        return True
    if target == "remit":  # the facade is for users, never for the package's own modules
        return source == "remit.__main__"
    if src == "remit.cypher":
        return dst in ("base", "remit.graph")
    if dst == "remit.cypher":
        return src in ("remit.service", "remit.cli", "remit.neo4j", "remit")
    return dst_rank < src_rank if src != "base" else False


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Every module of the checkout at ``root`` and the package modules it imports."""
    found = modules(root)
    return {name: imports_of(name, path, set(found)) for name, path in found.items()}


def against_the_flow(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The arrows of ``graph`` the rule forbids; a module of no layer raises."""
    return sorted((source, t) for source, targets in graph.items()
                  for t in targets if (t in graph or t == "remit") and not allowed(source, t))


GRAPH = import_graph()


def test_the_package_is_found() -> None:
    assert {"remit.graph.build", "remit.analyses", "remit.cypher.store", "remit.cli.analyse"} <= set(GRAPH)


def test_every_module_belongs_to_a_layer() -> None:
    for module in GRAPH:
        layer_of(module)  # raises for a module of no layer


@pytest.mark.parametrize("source", sorted(GRAPH))
def test_imports_flow_one_way(source: str) -> None:
    wrong = sorted(t for t in GRAPH[source] if t in GRAPH or t == "remit" if not allowed(source, t))
    assert not wrong, f"{source} imports against the flow: {wrong}"


def test_the_rule_itself() -> None:
    """Hand-picked arrows: the checker says yes and no where the design card does."""
    assert allowed("remit.exports.report", "remit.analyses")
    assert allowed("remit.cypher.store", "remit.graph.schema")
    assert not allowed("remit.graph.build", "remit.cypher.library")
    assert not allowed("remit.cypher.runner", "remit.loaders")
    assert not allowed("remit.exports.report", "remit")
    assert not allowed("remit.analyses.workload", "remit.exports.html")
    assert not allowed("remit.model", "remit.graph")
    assert allowed("remit.service.querying", "remit.cypher.runner")
    assert allowed("remit.cli.cypher", "remit.service")
    assert not allowed("remit.service", "remit.cli.common")
    assert not allowed("remit.exports.report", "remit.service")


def test_no_private_module_is_used_from_outside_its_package() -> None:
    wrong = []
    for source, targets in GRAPH.items():
        for target in targets:
            private = [p for p in target.split(".") if p.startswith("_") and not p.startswith("__")]
            if private and not source.startswith(target.rpartition(".")[0]):
                wrong.append((source, target))
    assert not wrong


def test_no_cycles() -> None:
    """Depth-first search over the whole import graph (a package's __init__ counts as a module)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH.get(node, ())):
            if nxt not in GRAPH:
                continue
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt):], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)


def test_no_function_shadows_its_module() -> None:
    """``remit.analyses.workload`` must not be both a module and a function of the package."""
    clashes = []
    for name, path in modules().items():
        stem = name.rpartition(".")[2]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)}
        if stem in defined:
            clashes.append(name)
    assert not clashes


def test_the_checkout_exposes_only_the_package() -> None:
    """From a source checkout, remit.graph … are this checkout's folders, and tests/ is no part of remit."""
    import importlib.util

    import remit.graph

    assert Path(remit.graph.__file__).resolve() == ROOT / "graph" / "__init__.py"
    for name in ("remit.tests", "remit.remit", "remit.benchmarks", "remit.docs"):
        assert importlib.util.find_spec(name) is None, name


def _tree(root: Path, files: dict[str, str]) -> Path:
    """A checkout in ``root`` with the package folders and ``files`` (path -> source)."""
    for folder in FOLDERS:
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "__init__.py").write_text("", encoding="utf-8")
    for name in ("model.py", "errors.py"):
        (root / "remit" / name).write_text("", encoding="utf-8")
    (root / "exports" / "report.py").write_text("", encoding="utf-8")
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_a_planted_dynamic_import_against_the_flow_is_caught(tmp_path: Path) -> None:
    good = import_graph(_tree(tmp_path / "good", {"loaders/reader.py": "import remit.model\n"}))
    assert against_the_flow(good) == []
    bad = import_graph(_tree(tmp_path / "bad", {"loaders/reader.py": (
        "import importlib\n\n\ndef report():\n"
        "    return importlib.import_module(\"remit.exports.report\")\n")}))
    assert against_the_flow(bad) == [("remit.loaders.reader", "remit.exports.report")]
    plain = import_graph(_tree(tmp_path / "plain", {"loaders/reader.py": (
        "from importlib import import_module\nimport_module(\"remit.exports.report\")\n")}))
    assert against_the_flow(plain) == [("remit.loaders.reader", "remit.exports.report")]


def test_a_planted_module_of_no_layer_is_caught(tmp_path: Path) -> None:
    graph = import_graph(_tree(tmp_path, {"remit/foo.py": "import remit.exports.report\n"}))
    assert "remit.foo" in graph
    with pytest.raises(AssertionError, match=r"remit\.foo belongs to no layer"):
        layer_of("remit.foo")
    with pytest.raises(AssertionError, match="belongs to no layer"):
        against_the_flow(graph)
    assert layer_of("remit") == ("remit", LAYER["remit"])  # the facade itself still has its layer
