"""What every fuzzed input must satisfy: a RemitError or a model that every exporter writes well formed.

:func:`load_and_export` is the whole property. Its checks are independent of
remit's own writers: XML is parsed with :mod:`xml.etree`, CSV with the
:mod:`csv` module, JSON with :mod:`json`, the workbook with openpyxl, and the
HTML with :mod:`html.parser` (:func:`assert_no_injected_markup`).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import openpyxl

import remit
import remit.exports
from remit.errors import RemitError
from remit.exports.files import write_graph
from remit.exports.report import write_report

GRAPH_FORMATS = ("graphml", "gexf", "json", "csv")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.handlers: set[tuple[str, str]] = set()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.add((tag, name))
            if name in ("href", "src", "action", "formaction") and value:
                self.urls.append(value.strip().lower())


def _tags(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser


@functools.cache
def _reference(kind: str) -> _Tags:
    """Tags of the page rendered from the bundled example: everything the templates make."""
    tl = remit.load(remit.example_path())
    if kind == "map":
        return _tags(remit.exports.map(tl).html)
    with tempfile.TemporaryDirectory() as tmp:
        out = write_report(tl, Path(tmp) / "r", progress=False)
        return _tags((out / "index.html").read_text(encoding="utf-8"))


def assert_no_injected_markup(page: str, kind: str) -> None:
    """Document text never becomes markup: no tag, event handler or script the templates lack.

    The static counterpart of the Chromium XSS test in
    ``tests/exports/test_exports_xss.py``: text that broke out of its
    escaping would add an element (``<img>``, a second ``<script>``), an
    ``on…`` attribute or a ``javascript:`` URL that the example's page does
    not have.
    """
    seen, ref = _tags(page), _reference(kind)
    assert set(seen.tags) <= set(ref.tags), set(seen.tags) - set(ref.tags)
    assert seen.tags["script"] == ref.tags["script"]
    assert seen.handlers <= ref.handlers, seen.handlers - ref.handlers
    assert not any(u.startswith(("javascript:", "data:text/html")) for u in seen.urls)


def _check_csv(path: Path) -> None:
    csv.field_size_limit(1 << 30)  # a task text may be longer than the csv module's 131,072 default
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows and len({len(r) for r in rows}) == 1, f"{path.name}: ragged CSV"


def check_outputs(folder: Path, map_html: str) -> None:
    """Every file is well formed: XML parses, CSV reads back, JSON loads, xlsx opens, HTML is clean."""
    for name in ("graph.graphml", "graph.gexf", "g.graphml", "g.gexf"):
        ET.parse(folder / name)
    for name in ("graph.json", "g.json"):
        json.loads((folder / name).read_text(encoding="utf-8"))
    for name in ("units.csv", "tasks.csv", "g.csv"):
        _check_csv(folder / name)
    openpyxl.load_workbook(folder / "units.xlsx").close()
    assert_no_injected_markup((folder / "index.html").read_text(encoding="utf-8"), "report")
    assert_no_injected_markup(map_html, "map")


def load_and_export(name: str, data: bytes) -> str:
    """Load one input; on success run every exporter and check its output.

    Returns ``"error"`` (a RemitError of one line naming the file) or
    ``"loaded"``; any other exception propagates and fails the example.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            tl = remit.load(path)
        except RemitError as exc:
            message = str(exc)
            assert "\n" not in message and "\x1b" not in message, message
            return "error"
        G = remit.build_graph(tl)
        out = Path(tmp) / "out"
        try:
            write_report(tl, out, progress=False)
        except RemitError:  # e.g. an input the report cannot cover; it must say so in one line
            return "error"
        for fmt in GRAPH_FORMATS:
            write_graph(G, out / f"g.{fmt}", fmt)
        map_html = remit.exports.map(tl).html
        check_outputs(out, map_html)
        assert str(Path(tmp)) not in (out / "tasks.csv").read_text(encoding="utf-8-sig")
        return "loaded"


def csv_reads_back(text: str) -> list[list[str]]:
    """Parse CSV text (for tests that check values, not just shape)."""
    return list(csv.reader(io.StringIO(text, newline="")))
