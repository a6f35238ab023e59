"""Each concept in one home, read from the source with ``ast`` (issue 21).

The lead rule is a type of the model (``LeadRule``), taken as a parameter by
``remit.load`` and applied by one resolver (``loaders/roles.py``); every other
module asks the model for words (``TaskList.who_leads``) or the resolver for
roles, and never names the rule. A module "walks" the lead rule when any
identifier in it (a name, attribute, argument, keyword, import, definition)
or a string constant used as an attribute name (``getattr(x, "lead_rule")``)
spells it. The label keys of ``exports/i18n.py`` ("lead_rule") are words of
the page, not the value: they stay, as the map's page carries them.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from remit.graph import schema
from tests.test_layers import imports_of, modules

# Outside the CLI and the service layer, which turn options into parameters.
LEAD_RULE_HOMES = {"remit.model", "remit.loaders", "remit.loaders.roles"}
_LEAD_RULE = re.compile(r"lead_?rule", re.IGNORECASE)
# Calls whose string argument names an attribute.
_BY_NAME = {"getattr", "setattr", "hasattr", "delattr", "attrgetter"}


def spellings(tree: ast.AST) -> set[str]:
    """Every identifier of a module, and every string constant passed as an attribute name."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            out.add(node.id)
        elif isinstance(node, ast.Attribute):
            out.add(node.attr)
        elif isinstance(node, ast.arg):
            out.add(node.arg)
        elif isinstance(node, ast.keyword) and node.arg:
            out.add(node.arg)
        elif isinstance(node, ast.alias):
            out.add(node.asname or node.name.rpartition(".")[2])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.add(node.name)
        called = getattr(node, "func", None)
        if isinstance(node, ast.Call) and getattr(called, "id", getattr(called, "attr", None)) in _BY_NAME:
            out.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return out


def walkers(pattern: re.Pattern[str], sources: dict[str, str]) -> set[str]:
    """The modules (by import name) of ``sources`` in which an identifier matches ``pattern``."""
    return {name for name, text in sources.items()
            if any(pattern.search(word) for word in spellings(ast.parse(text)))}


def _library_sources() -> dict[str, str]:
    return {name: path.read_text(encoding="utf-8") for name, path in modules().items()
            if not name.startswith(("remit.cli", "remit.service"))}


def test_the_lead_rule_walks_through_three_modules_at_most() -> None:
    found = walkers(_LEAD_RULE, _library_sources())
    assert found <= LEAD_RULE_HOMES, f"the lead rule walks through {sorted(found - LEAD_RULE_HOMES)} too"
    assert len(found) <= 3


def test_the_count_sees_every_way_of_naming_the_rule() -> None:
    """A planted module for each way a value can walk is caught; plain prose about the rule is not."""
    planted = {
        "getattr": 'x = getattr(tasklist, "lead_rule", "stated")\n',
        "parameter": "def read(lines, lead_rule):\n    return lines\n",
        "keyword": "load(path, lead_rule=rule)\n",
        "type": "from remit.model import LeadRule\n",
        "attribute": "words = tasklist.lead_rule.describe()\n",
        "field": "class Brief:\n    lead_rule: str\n",
        "prose": '"""The lead rule says who leads."""\nx = "lead rule"\n',
        "label": 's = {"lead_rule": "牵头单位的认定"}\nprint(s["lead_rule"])\n',
    }
    assert walkers(_LEAD_RULE, planted) == set(planted) - {"prose", "label"}


# The labels, relationship types and node-key prefixes of graph/schema.py, as text would retype them.
_GRAPH_NAME = re.compile(rf"\b(?:{'|'.join((*schema.LABELS, *schema.RELATIONSHIPS))})\b"
                         rf"|^(?:{'|'.join(schema.LABEL_OF)}):")
# Interface words in English ("Task", "Domain") are not graph names.
_WORDS = {"remit.exports.i18n"}


def _skipped(tree: ast.AST) -> set[int]:
    """The string constants that are docstrings or ``__all__`` entries."""
    out: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            out.add(id(body[0].value))
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "__all__" for t in node.targets):
            out.update(id(c) for c in ast.walk(node.value))
    return out


def retyped_graph_names(text: str) -> list[str]:
    """Graph names a module spells out itself: in strings, and node types compared with a literal."""
    tree = ast.parse(text)
    skipped = _skipped(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped \
                and _GRAPH_NAME.search(node.value):
            found.append(f"{node.lineno}: {node.value[:60]!r}")
        elif isinstance(node, ast.Compare) and any(
                isinstance(side, ast.Call) and getattr(side.func, "attr", None) == "get"
                and any(isinstance(a, ast.Constant) and a.value == "type" for a in side.args)
                for side in (node.left, *node.comparators)) and any(
                isinstance(side, ast.Constant) for side in (node.left, *node.comparators)):
            found.append(f"{node.lineno}: a node type compared with a literal")
    return found


def test_graph_names_come_from_the_schema() -> None:
    found = {name: hits for name, text in _library_sources().items()
             if name != "remit.graph.schema" and name not in _WORDS
             and (hits := retyped_graph_names(text))}
    assert not found, f"graph names retyped instead of taken from remit.graph.schema: {found}"


def test_the_graph_name_check_catches_each_kind() -> None:
    assert retyped_graph_names('if d.get("type") == "unit":\n    pass\n')
    assert retyped_graph_names('rels = ("LEADS", "SUPPORTS")\n')
    assert retyped_graph_names('header = ":START_ID(Unit)"\n')
    assert retyped_graph_names('node = f"task:{task_id}"\n')
    assert not retyped_graph_names('"""LEADS edges."""\n__all__ = ["LEADS"]\n'
                                   'if d.get("type") == UNIT:\n    pass\n')


def test_followup_takes_nothing_from_the_loaders() -> None:
    """The deadline follow-up reads a sheet already read: its types (StatusSheet, Finding) are the model's."""
    found = modules()
    imported = imports_of("remit.analyses.followup", found["remit.analyses.followup"], set(found))
    assert not {m for m in imported if m.startswith("remit.loaders")}, sorted(imported)
    assert "remit.model" in imported


def _progress_names(text: str) -> list[str]:
    """Names with "progress" that mean anything but the bar: definitions, and parameters not a bool."""
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and "progress" in node.name.lower():
            found.append(node.name)
        elif isinstance(node, ast.arg) and "progress" in node.arg.lower() \
                and "bool" not in ast.unparse(node.annotation or ast.Constant(None)):
            found.append(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and "progress" in node.id.lower():
            found.append(node.id)
    return found


def test_progress_means_the_bar_only() -> None:
    """The deadline follow-up is ``followup``/``FollowUp``; ``progress`` is the bar and its flag."""
    found = {name: hits for name, text in _library_sources().items()
             if name.startswith(("remit.analyses", "remit.exports")) and (hits := _progress_names(text))}
    assert not found, found
    assert _progress_names("def progress(G, as_of):\n    pass\n") == ["progress"]
    assert _progress_names("def f(progress: object = None):\n    pass\n") == ["progress"]
    assert _progress_names("def write(progress: bool | None = None):\n    pass\n") == []


def test_comments_point_inside_the_repository() -> None:
    """A comment or docstring naming a file outside the clone (the team's guide) means nothing to a reader."""
    root = Path(__file__).resolve().parent.parent
    outside = re.compile(r"GUIDE|\.\./shared|/work/shared|shared/GUIDE")
    found = []
    for folder in ("remit", "loaders", "graph", "analyses", "exports", "cypher", "tests", "benchmarks",
                   "docs"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in {".py", ".md", ".cypher", ".html", ".js"} or path.name in SELF_NAMING:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(root)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                      if outside.search(line)]
    assert not found, found


# The files that must spell the words out to look for them.
SELF_NAMING = {"test_one_home.py", "test_readme.py"}
