"""What a command reads: the inputs and every option that changes what is read, in one value.

:class:`ReadOptions` is built once per list (``remit diff`` builds one per
side). It loads the lists, and names their content for remit's own graph
(the cache of ``remit cypher`` and ``%%cypher``, a running ``remit serve``)
with :meth:`ReadOptions.key`: the version of remit and the tables it ships
are filled in here, so that ``cypher/`` needs to know nothing of the package
around it. It imports nothing heavy until :meth:`ReadOptions.load` runs, so
that ``remit --help`` stays quick.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from remit._version import __version__
from remit.errors import InputError
from remit.example import example_path
from remit.specs import split_spec

if TYPE_CHECKING:
    from remit.model import LeadRule, TaskList

__all__ = ["ReadOptions", "default_input", "shipped_tables"]


def default_input() -> str:
    """The bundled example list, relative to the current folder when it lies below it."""
    path = example_path()
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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


def _bytes_of(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


@dataclass(frozen=True)
class ReadOptions:
    """The inputs of a command and every option that changes what is read from them.

    Parameters
    ----------
    inputs : tuple of str
        Task list files; ``ID=PATH`` names the list. Empty: the bundled example.
    aliases : tuple of str
        Extra alias CSV files.
    place : str, optional
        The government whose lists these are (``"深圳市"``); default: read from each document.
    names_as_of : str, optional
        Read names as of this date (``YYYY-MM-DD``).
    successors : tuple of str
        Extra successor CSV files.
    max_input_size : str or int, optional
        The largest input file read (``"200M"``, ``"1G"`` or bytes); default
        ``REMIT_MAX_INPUT_SIZE`` or 64 MiB.
    lead_rule : LeadRule or str
        Who leads where a list does not say (:class:`remit.model.LeadRule`); a
        name is parsed once, here.

    Raises
    ------
    InputError
        For a ``max_input_size`` that is not a size (named ``--max-input-size``).
    ValueError
        For an unknown lead rule.

    Examples
    --------
    >>> o = ReadOptions(place="深圳市", lead_rule="first")
    >>> o.lead_rule.value, o.cache_options()
    ('first', ['--place=深圳市', '--lead-rule=first'])
    >>> len(o.load().tasks)
    210
    >>> a, b = ReadOptions(), ReadOptions(inputs=("sz=" + str(example_path()),))
    >>> a.given, b.given, a.key() == ReadOptions().key(), a.key() == b.key(), b.names()
    (False, True, True, False, ['shenzhen-2020-tasks.md'])
    """

    inputs: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    place: str | None = None
    names_as_of: str | None = None
    successors: tuple[str, ...] = ()
    max_input_size: str | int | None = None
    lead_rule: LeadRule = field(default="stated")  # type: ignore[assignment]  # parsed in __post_init__

    def __post_init__(self) -> None:
        from remit.model import LeadRule

        for name in ("inputs", "aliases", "successors"):
            value: Iterable[str] | str = getattr(self, name) or ()
            object.__setattr__(self, name, (str(value),) if isinstance(value, str | Path)
                               else tuple(str(v) for v in value))
        object.__setattr__(self, "lead_rule", LeadRule.parse(self.lead_rule))
        if self.max_input_size is not None and self.max_input_size != "":
            from remit.loaders.limits import parse_size

            try:
                parse_size(str(self.max_input_size))
            except ValueError as exc:
                raise InputError("--max-input-size", str(exc)) from None
        else:
            object.__setattr__(self, "max_input_size", None)

    def specs(self) -> list[str]:
        """The inputs as given, or the bundled example (relative to the current folder if below it)."""
        return list(self.inputs) or [default_input()]

    def load(self) -> TaskList:
        """Read the inputs (:func:`remit.loaders.load`) with these options."""
        from remit.loaders import load

        return load(self.specs(), aliases=list(self.aliases), lead_rule=self.lead_rule, place=self.place,
                    names_as_of=self.names_as_of, successors=list(self.successors),
                    max_input_size=self.max_input_size)

    def cache_options(self) -> list[str]:
        """The options besides inputs and alias files that change what is read, for cache keys.

        The strings are part of every cache key already written: they must not change.
        ``max_input_size`` is not among them (it changes whether a file is read, not what).

        Examples
        --------
        >>> ReadOptions(place="深圳市").cache_options()
        ['--place=深圳市']
        >>> ReadOptions(names_as_of="2020-01-01", lead_rule="all").cache_options()
        ['--lead-rule=all', '--names-as-of=2020-01-01']
        """
        options = [f"--place={self.place}"] if self.place else []
        if self.lead_rule.value != "stated":  # who leads changes the graph
            options.append(f"--lead-rule={self.lead_rule.value}")
        if self.names_as_of:
            options.append(f"--names-as-of={self.names_as_of}")
        options += [f"--successors={Path(f).name}:{_bytes_of(f)}" for f in self.successors]
        return options

    @property
    def given(self) -> bool:
        """Whether anything was given (else: the bundled example, read as remit reads it by default)."""
        return bool(self.inputs or self.aliases or self.cache_options())

    def key(self) -> str:
        """The content key of these lists as this remit reads them (:func:`remit.cypher.content.content_key`).

        The bundled example enters by its absolute path, as every key already written has it.
        """
        from remit.cypher.content import content_key

        return content_key(list(self.inputs) or [str(example_path())], list(self.aliases),
                           self.cache_options(), version=__version__, shipped=shipped_tables())

    def names(self) -> list[str]:
        """The inputs' file names (no folders: they go in files others may see)."""
        return [Path(split_spec(s)[1]).name for s in self.specs()]
