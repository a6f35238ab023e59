"""The control characters are one set in one module (remit/control.py), and every writer uses it.

XML 1.0 has no place for U+000B (vertical tab) or U+000C (form feed): a document holding one cannot
be opened. The readers already remove them (:mod:`remit.loaders.clean`), but a name can still arrive
through an alias file or a model built by hand, so each XML writer removes them too.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import networkx as nx

import remit
from remit.analyses import unit_summary
from remit.control import CONTROL
from remit.exports.files import write_graph
from remit.exports.tables import unit_table
from remit.exports.word import docx_report
from remit.terminal import visible
from tests.test_layers import modules

NAME = "市财政局"
HOSTILE = "市财\x0b政\x0c局"


def _renamed() -> remit.TaskList:
    """The example with 市财政局 spelled with a vertical tab and a form feed inside."""
    tl = remit.load(remit.example_path())
    return replace(tl, assignments=tl.assignments.replace({"unit": {NAME: HOSTILE}}),
                   units=tl.units.replace({"unit": {NAME: HOSTILE}}))


def test_the_set_holds_what_xml_forbids_and_keeps_tab_and_line_feed() -> None:
    assert CONTROL.sub("", "\x00\x08\x0b\x0c\x0e\x1f\x7f\x85\x9f\ufffe\uffff") == ""
    assert CONTROL.sub("", "甲\t乙\n丙\r") == "甲\t乙\n丙\r"


def test_report_docx_drops_vertical_tab_and_form_feed(tmp_path: Path) -> None:
    tl = _renamed()
    G = remit.build_graph(tl)
    assert any(d.get("name") == HOSTILE for _, d in G.nodes(data=True))
    summary = unit_summary(G)
    document, _ = docx_report(tl, G, summary, unit_table(G, summary), figure=False)
    path = tmp_path / "report.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "\x0b" not in body and "\x0c" not in body
    ET.fromstring(body)  # well-formed XML
    assert NAME in body


def test_graphml_drops_vertical_tab_and_form_feed(tmp_path: Path) -> None:
    G = remit.build_graph(_renamed())
    path = tmp_path / "graph.graphml"
    write_graph(G, path, "graphml")
    text = path.read_text(encoding="utf-8")
    assert "\x0b" not in text and "\x0c" not in text
    H = nx.read_graphml(path)
    assert NAME in {d.get("name") for _, d in H.nodes(data=True)}


def test_the_terminal_shows_the_same_set_as_escapes() -> None:
    assert visible("甲\x0b乙\x0c\x85\x7f") == "甲\\x0b乙\\x0c\\x85\\x7f"
    assert visible("一\r二") == "一\\x0d二"  # a carriage return would overwrite the line printed
    assert visible("软\u00ad连字符") == "软\\u00ad连字符"  # a format character keeps its \\u escape
    assert visible("甲\t乙\n") == "甲\t乙\n"


# "[" then, before the "]", a C0 control: the character itself or its escape (\x00 … \x1f, \u0000 …).
_CLASS = re.compile(r"\[[^\]]*(?:[\x00-\x08\x0e-\x1f]|\\x[01][0-9a-fA-F]|\\u00[01][0-9a-fA-F])")


def _control_classes(text: str) -> list[str]:
    """Regular-expression character classes written out with control characters in them (not docstrings)."""
    tree = ast.parse(text)
    docs = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    return [node.value[:20] for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            and _CLASS.search(node.value)]


def test_no_other_module_writes_its_own_set() -> None:
    found = {name: hits for name, path in modules().items() if name != "remit.control"
             and (hits := _control_classes(path.read_text(encoding="utf-8")))}
    assert not found, f"control-character sets outside remit/control.py: {found}"
    assert _control_classes('X = re.compile("[\\x00-\\x1f\\x7f]")\n')  # the check sees one
    assert _control_classes('X = re.compile(r"[\\x00-\\x1f\\x7f]")\n')  # written raw too
