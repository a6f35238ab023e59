"""Exports: the interactive map, the shareable report, and graph files.

The parts load on first use, so that writing a GraphML file does not import
the map, nor the map the spreadsheet writer.

Examples
--------
>>> import remit
>>> m = remit.exports.map(remit.load(remit.example_path()), lang="en")
>>> "http://" in m.html.split("<script")[0]
False
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from remit.exports.files import FORMATS, export_graph, flatten_graph, write_graph
    from remit.exports.netmap import Map, make_map
    from remit.exports.report import write_report

    #: ``remit.exports.map(...)``: the Python twin of ``remit map``.
    map = make_map

__all__ = ["FORMATS", "Map", "export_graph", "flatten_graph", "map", "write_graph", "write_report"]

_WHERE = {"FORMATS": ("files", "FORMATS"), "export_graph": ("files", "export_graph"),
          "flatten_graph": ("files", "flatten_graph"), "write_graph": ("files", "write_graph"),
          "Map": ("netmap", "Map"), "make_map": ("netmap", "make_map"), "map": ("netmap", "make_map"),
          "write_report": ("report", "write_report")}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'remit.exports' has no attribute {name!r}")
    module, attr = _WHERE[name]
    value = getattr(importlib.import_module(f"remit.exports.{module}"), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
