"""The task lists behind remit's own graph: how to load them, and the key that names their content.

``remit cypher``, ``%%cypher`` and ``remit serve`` all keep the graph of some
inputs in a database of remit's (the cache, a running server). They describe
those inputs with one :class:`Lists`, whose :meth:`Lists.key` is the content
key of :mod:`remit.cypher.content`: the version of remit and the tables it
ships are filled in here, so that ``cypher/`` needs to know nothing of the
package around it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from remit._version import __version__
from remit.example import example_path
from remit.specs import split_spec

if TYPE_CHECKING:
    from remit.model import TaskList

__all__ = ["Lists", "shipped_tables"]


def shipped_tables() -> list[Path]:
    """The tables remit ships that change a reading (aliases of each government, places, forms, successors).

    Found without importing the loaders, which a cached query does not need.

    Examples
    --------
    >>> "aliases.csv" in {p.name for p in shipped_tables()}
    True
    """
    spec = importlib.util.find_spec("remit.loaders")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        files = sorted((Path(folder) / "data").glob("*.csv"))
        if files:
            return files
    return []


@dataclass(frozen=True)
class Lists:
    """Task lists to load into remit's own graph.

    Parameters
    ----------
    inputs : sequence of str
        Input specs (``PATH`` or ``ID=PATH``); none: the bundled example.
    aliases : sequence of str
        Extra alias files.
    options : sequence of str
        The other reading options that change what is read, as text
        (``--lead-rule=first``): part of the content key.
    loader : callable, optional
        Loads the lists as the options say; by default
        :func:`remit.loaders.load` of the inputs and alias files alone.

    Examples
    --------
    >>> a, b = Lists(), Lists(["sz=" + str(example_path())])
    >>> a.given, b.given, a.key() == Lists().key(), a.key() == b.key()
    (False, True, True, False)
    >>> b.names()
    ['shenzhen-2020-tasks.md']
    """

    inputs: Sequence[str] = ()
    aliases: Sequence[str] = ()
    options: Sequence[str] = ()
    loader: Callable[[], TaskList] | None = field(default=None, compare=False)

    @property
    def specs(self) -> list[str]:
        """The input specs, the bundled example when none are given."""
        return [str(s) for s in self.inputs] or [str(example_path())]

    @property
    def given(self) -> bool:
        """Whether anything was given (else: the bundled example, read as remit reads it by default)."""
        return bool(self.inputs or self.aliases or self.options)

    def key(self) -> str:
        """The content key of these lists, as this remit reads them."""
        from remit.cypher.content import content_key

        return content_key(self.specs, [str(a) for a in self.aliases], list(self.options),
                           version=__version__, shipped=shipped_tables())

    def load(self) -> TaskList:
        """The task list these lists read as."""
        if self.loader is not None:
            return self.loader()
        from remit.loaders import load

        return load(self.specs, aliases=[str(a) for a in self.aliases])

    def names(self) -> list[str]:
        """The inputs' file names (no folders: they go in files others may see)."""
        return [Path(split_spec(s)[1]).name for s in self.specs]
