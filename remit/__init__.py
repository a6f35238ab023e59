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

from importlib import resources
from pathlib import Path


def _extend_path_in_checkout() -> None:
    # The wheel maps graph/, loaders/, … into remit/. In a source checkout,
    # where the current folder shadows the installed package, those folders
    # sit beside this one instead; let imports of remit.graph find them.
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "graph" / "__init__.py").is_file():
        __path__.append(str(root))


_extend_path_in_checkout()

from remit.errors import InputError, RemitError
from remit.graph import build_graph, coordination_graph
from remit.loaders import load
from remit.model import TaskList

__all__ = [
    "InputError",
    "RemitError",
    "TaskList",
    "build_graph",
    "coordination_graph",
    "example_path",
    "load",
]

__version__ = "0.1.0"


def example_path() -> Path:
    """Path of the bundled example: Shenzhen's 2020 business-environment task list.

    Examples
    --------
    >>> example_path().name
    'shenzhen-2020-tasks.md'
    """
    return Path(str(resources.files("remit").joinpath("data/shenzhen-2020-tasks.md"))).resolve()


def load_ipython_extension(ipython: object) -> None:
    """``%load_ext remit``: the ``%%cypher`` cell magic (see :mod:`remit.magic`)."""
    from remit.magic import load_ipython_extension as load

    load(ipython)
