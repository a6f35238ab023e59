"""remit: reform task lists as a graph of who leads, who supports and who is overloaded.

The data flows one way: :mod:`remit.loaders` read published lists into a
:class:`TaskList`; :mod:`remit.graph` turns it into a networkx graph;
:mod:`remit.analyses` compute workload, centrality, bottlenecks and clusters;
:mod:`remit.exports` write maps, reports and files.

Examples
--------
>>> import remit
>>> tl = remit.load(remit.example_path())
>>> G = remit.build_graph(tl)
>>> C = remit.coordination_graph(G)
>>> len(tl.tasks), C.has_edge("市市场监管局", "市政务服务数据管理局")
(210, True)
"""

from __future__ import annotations

from pathlib import Path


def _extend_path_in_checkout() -> None:
    # The wheel maps graph/, loaders/, … into remit/. In a source checkout,
    # where the current folder shadows the installed package, those folders
    # sit beside this one instead; let imports of remit.graph find them.
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "graph" / "__init__.py").is_file():
        __path__.append(str(root))


_extend_path_in_checkout()

import importlib
from typing import TYPE_CHECKING, Any

from remit._version import __version__
from remit.errors import InputError, RemitError
from remit.example import example_path

if TYPE_CHECKING:
    from remit.graph import build_graph, coordination_graph
    from remit.loaders import load
    from remit.model import TaskList

__all__ = [
    "InputError",
    "RemitError",
    "TaskList",
    "__version__",
    "build_graph",
    "coordination_graph",
    "example_path",
    "load",
]

# The facade loads its parts on first use (PEP 562), so that `remit --version`
# and `import remit` cost next to nothing, and `import remit; remit.exports.map`
# works without importing remit.exports first.
_LAZY = {"load": "remit.loaders", "build_graph": "remit.graph", "coordination_graph": "remit.graph",
         "TaskList": "remit.model"}
_SUBPACKAGES = frozenset({"analyses", "cli", "cypher", "exports", "graph", "loaders", "model", "neo4j",
                          "synth", "atomic", "progress", "errors"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    elif name in _SUBPACKAGES:
        value = importlib.import_module(f"remit.{name}")
    else:
        raise AttributeError(f"module 'remit' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY, *_SUBPACKAGES})
