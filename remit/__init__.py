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

import importlib.abc
import importlib.machinery
import importlib.util
import sys
from pathlib import Path

#: The design card's folders that install as remit.<name> (pyproject's package-dir).
_FOLDERS = ("graph", "loaders", "analyses", "cypher", "exports")


class _CheckoutFinder(importlib.abc.MetaPathFinder):
    """Find remit.graph, remit.loaders, … in a source checkout, where they sit beside remit/.

    The wheel maps those folders into remit/. In a checkout that shadows an
    installed copy (``python -m pytest`` from the repository root), this
    finder answers for exactly those five names, ahead of any installed
    copy, so the checkout's own code is imported and nothing else of the
    checkout (tests/, benchmarks/) becomes part of the package.
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    def find_spec(self, fullname: str, path: object = None, target: object = None
                  ) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.partition(".")
        if package != "remit" or name not in _FOLDERS:
            return None
        init = self.root / name / "__init__.py"
        return importlib.util.spec_from_file_location(fullname, init,
                                                      submodule_search_locations=[str(init.parent)])


def _find_folders_in_checkout() -> None:
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "graph" / "__init__.py").is_file():
        if not any(isinstance(f, _CheckoutFinder) and f.root == root for f in sys.meta_path):
            sys.meta_path.insert(0, _CheckoutFinder(root))


_find_folders_in_checkout()

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
                          "service", "synth", "atomic", "progress", "errors"})


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


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext remit``: the ``%%cypher`` cell magic (see :mod:`remit.cli.magic`)."""
    from remit.cli.magic import load_ipython_extension as load

    load(ipython)
