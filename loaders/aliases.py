"""The alias registry: which spellings name the same body, and of what kind.

The registry is plain CSV so that a reform office can extend it without
code. Columns: ``alias`` (a spelling), ``canonical`` (the name to use; empty
means the spelling is itself canonical), ``kind`` (``agency`` or
``collective``; empty means: decide by rule) and ``note``. remit ships
``data/aliases.csv``; users add their own files with ``--aliases FILE``,
whose rows win over the shipped ones.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from remit.errors import AliasFileError
from remit.loaders.units import normalise_punctuation

__all__ = ["AliasRegistry", "load_registry"]

KINDS = ("agency", "collective")


@dataclass
class AliasRegistry:
    """Spellings mapped to canonical names, and declared kinds.

    Examples
    --------
    >>> reg = AliasRegistry()
    >>> reg.add("市住建局", "市住房建设局", source="mine.csv")
    >>> reg.canonical("市住建局")
    ('市住房建设局', 'mine.csv')
    >>> reg.canonical("市财政局")
    ('市财政局', None)
    """

    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def add(self, alias: str, canonical: str = "", kind: str = "", source: str = "") -> None:
        """Declare that ``alias`` means ``canonical`` and/or has ``kind``."""
        alias = normalise_punctuation(alias)
        canonical = normalise_punctuation(canonical)
        if canonical and canonical != alias:
            self.aliases[alias] = (canonical, source)
        if kind:
            self.kinds[canonical or alias] = kind

    def canonical(self, name: str) -> tuple[str, str | None]:
        """Return the canonical name and the file that said so (None: unchanged).

        Chains (a → b → c) are followed to their end.
        """
        seen = {name}
        source = None
        while name in self.aliases:
            name, source = self.aliases[name]
            if name in seen:
                raise AliasFileError(source or "aliases", f"alias cycle through {name!r}")
            seen.add(name)
        return name, source

    def known(self) -> set[str]:
        """Every spelling the registry mentions, alias or canonical."""
        return set(self.aliases) | {c for c, _ in self.aliases.values()} | set(self.kinds)


def _read_rows(text: str, source: str, registry: AliasRegistry) -> None:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise AliasFileError(source, "the alias file is empty; expected a header alias,canonical")
    names = [h.strip().lower() for h in header]
    if names[:1] not in (["alias"], ["name"]):
        raise AliasFileError(source, "expected a header row starting with alias,canonical",
                             row="line 1")
    for line, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        values = dict(zip(names, (cell.strip() for cell in row), strict=False))
        kind = values.get("kind", "")
        if kind and kind not in KINDS:
            raise AliasFileError(source, f"kind must be agency or collective, not {kind!r}",
                                 row=f"line {line}")
        alias = values.get("alias") or values.get("name") or ""
        if not alias:
            raise AliasFileError(source, "the alias column is empty", row=f"line {line}")
        registry.add(alias, values.get("canonical", ""), kind, source=source)


def load_registry(extra: list[str | Path] | None = None, *, builtin: bool = True) -> AliasRegistry:
    """Build the registry from the shipped file and the user's files.

    Parameters
    ----------
    extra : list of path, optional
        User alias files, applied after the shipped one.
    builtin : bool
        Whether to start from remit's shipped ``aliases.csv``.

    Examples
    --------
    >>> load_registry().canonical("市中级法院")[0]
    '市中级人民法院'
    """
    registry = AliasRegistry()
    if builtin:
        shipped = resources.files("remit.loaders").joinpath("data/aliases.csv")
        _read_rows(shipped.read_text(encoding="utf-8"), "remit:aliases.csv", registry)
    for path in extra or []:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise AliasFileError(str(path), "no such alias file") from None
        except (UnicodeDecodeError, IsADirectoryError):
            raise AliasFileError(str(path), "not a UTF-8 CSV alias file") from None
        _read_rows(text, str(path), registry)
    return registry
