"""Exports: the interactive map, the shareable report, and graph files.

Examples
--------
>>> import remit, remit.exports
>>> m = remit.exports.map(remit.example_path(), lang="en")
>>> "http://" in m.html.split("<script")[0]
False
"""

from __future__ import annotations

from remit.exports.files import FORMATS, export_graph, flatten_graph, write_graph
from remit.exports.netmap import Map, make_map

__all__ = ["FORMATS", "Map", "export_graph", "flatten_graph", "map", "write_graph"]

#: ``remit.exports.map(...)``: the Python twin of ``remit map``.
map = make_map
