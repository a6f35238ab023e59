"""No Cypher is built from data: a scan of every module for interpolated query strings.

A string that holds a Cypher clause keyword (MATCH, MERGE, CREATE, …) must
not be an f-string with placeholders, the left side of ``%``, the receiver
of ``.format()``, or one side of a ``+`` whose other side is not a constant.
Values travel as ``$parameters``; labels and types are fixed in the text.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import remit

ROOT = Path(remit.__file__).resolve().parent.parent
PACKAGES = ("remit", "graph", "loaders", "analyses", "cypher", "exports")
CYPHER = re.compile(r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|UNWIND|RETURN|SET|REMOVE|WHERE|CALL)\b")


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(v) for v in node.values)
    return ""


def built_queries(source: str) -> list[int]:
    """Line numbers where a Cypher-looking string is assembled from non-constant parts."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(v, ast.FormattedValue) for v in node.values) and CYPHER.search(_text(node)):
                hits.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            if CYPHER.search(_text(node.left)):
                hits.append(node.lineno)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            sides = (node.left, node.right)
            if any(CYPHER.search(_text(s)) for s in sides) and not all(
                    isinstance(s, ast.Constant) or (isinstance(s, ast.BinOp) and _text(s)) for s in sides):
                hits.append(node.lineno)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("format", "format_map") and CYPHER.search(_text(node.func.value))):
            hits.append(node.lineno)
    return hits


def test_the_scanner_catches_each_form() -> None:
    bad = ('q1 = f"MATCH (u:Unit {{name: \'{name}\'}}) RETURN u"\n'
           'q2 = "MATCH (n:%s) RETURN n" % label\n'
           'q3 = "MATCH (u:Unit) WHERE u.name = \'{}\'".format(name)\n'
           'q4 = "MERGE (u:Unit {name: \'" + name + "\'})"\n')
    assert built_queries(bad) == [1, 2, 3, 4]
    good = ('q = "MATCH (u:Unit {name: $name}) RETURN u"\n'
            'm = f"unknown query {name!r}"\n'
            'n = "MATCH (u) " "RETURN u"\n')
    assert built_queries(good) == []


def test_no_module_builds_cypher_from_data() -> None:
    files = [p for pkg in PACKAGES for p in sorted((ROOT / pkg).rglob("*.py"))
             if "__pycache__" not in p.parts]
    # The scan must actually see the modules that talk Cypher.
    assert {"store.py", "runner.py", "cypher.py"} <= {p.name for p in files}
    offenders = {str(p.relative_to(ROOT)): lines for p in files
                 if (lines := built_queries(p.read_text(encoding="utf-8")))}
    assert offenders == {}


def test_every_query_leaves_collectives_out_by_default() -> None:
    """One default for one switch: include_collectives is false wherever a query declares it."""
    from remit.cypher import library

    declared = {name: p for name, q in library().items() for p in q.params if p.name == "include_collectives"}
    assert len(declared) >= 5  # top_leads, unit_partners, due_in_month, ...
    assert {name: p.default for name, p in declared.items()} == dict.fromkeys(declared, False)
