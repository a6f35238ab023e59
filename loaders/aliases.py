"""The alias registry: which spellings name the same body, and of what kind, for which government.

The registry is plain CSV so that a reform office can extend it without
code. Columns: ``alias`` (a spelling), ``canonical`` (the name to use; empty
means the spelling is itself canonical), ``kind`` (``agency`` or
``collective``; empty means: decide by rule), ``place`` and ``note``.

An alias is true of one government's bodies: Shenzhen's 市人力资源保障局 is
济南's and 青岛's 市人力资源社会保障局, and the bare 国资委 of a State Council
document is 国务院国资委 while every province and city has its own. ``place``
says whose: ``国家`` for the State Council's lists, a province or city
(``深圳市``, ``山东省``) for that government's lists, empty for every list.
remit ships ``data/aliases.csv`` (the national set and the rows true
everywhere) and one file per local government (``data/aliases-shenzhen.csv``);
users add their own files with ``--aliases FILE``, whose rows win over the
shipped ones. A user file without a ``place`` column applies to every list.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from remit.errors import AliasFileError
from remit.loaders.government import place_of
from remit.loaders.units import normalise_punctuation

__all__ = ["AliasRegistry", "load_registry"]

KINDS = ("agency", "collective")


@dataclass(frozen=True)
class _Row:
    alias: str
    canonical: str
    kind: str
    source: str
    place: str


@dataclass
class AliasRegistry:
    """Spellings mapped to canonical names, and declared kinds, each for a government.

    ``aliases`` and ``kinds`` hold the rows true of every list;
    :meth:`for_government` adds one government's own rows.

    Examples
    --------
    >>> reg = AliasRegistry()
    >>> reg.add("市住建局", "市住房建设局", source="mine.csv")
    >>> reg.canonical("市住建局")
    ('市住房建设局', 'mine.csv')
    >>> reg.canonical("市财政局")
    ('市财政局', None)
    >>> reg.add("市人力资源社会保障局", "市人力资源保障局", source="sz.csv", place="深圳市")
    >>> name = "市人力资源社会保障局"
    >>> reg.canonical(name)[0], reg.for_government("深圳市").canonical(name)[0]
    ('市人力资源社会保障局', '市人力资源保障局')
    """

    aliases: dict[str, tuple[str, str]] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    rows: list[_Row] = field(default_factory=list)

    def add(self, alias: str, canonical: str = "", kind: str = "", source: str = "",
            place: str = "") -> None:
        """Declare that ``alias`` means ``canonical`` and/or has ``kind`` in ``place``'s lists.

        An empty ``place`` means every list.
        """
        alias = normalise_punctuation(alias)
        canonical = normalise_punctuation(canonical)
        place = place_of(place).place or "" if place.strip() else ""
        self.rows.append(_Row(alias, canonical, kind, source, place))
        if not place:
            self._apply(self.rows[-1])

    def _apply(self, row: _Row) -> None:
        if row.canonical and row.canonical != row.alias:
            self.aliases[row.alias] = (row.canonical, row.source)
        if row.kind:
            self.kinds[row.canonical or row.alias] = row.kind

    def for_government(self, place: str | None) -> AliasRegistry:
        """The registry of one government's lists: the rows for every list and that government's own.

        Rows apply in the order they were read, so a user's file still wins
        over a shipped row of the same spelling.
        """
        scoped = AliasRegistry()
        for row in self.rows:
            if not row.place or row.place == place:
                scoped.rows.append(row)
                scoped._apply(row)
        return scoped

    @staticmethod
    def union(registries: list[AliasRegistry]) -> AliasRegistry:
        """Every spelling and kind of several governments' registries, for rules that look at all lists."""
        joined = AliasRegistry()
        for registry in registries:
            joined.aliases.update(registry.aliases)
            joined.kinds.update(registry.kinds)
        return joined

    def places(self) -> set[str]:
        """Every government that has rows of its own."""
        return {row.place for row in self.rows if row.place}

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
        registry.add(alias, values.get("canonical", ""), kind, source=source,
                     place=values.get("place", ""))


def load_registry(extra: list[str | Path] | None = None, *, builtin: bool = True) -> AliasRegistry:
    """Build the registry from the shipped files and the user's files.

    Parameters
    ----------
    extra : list of path, optional
        User alias files, applied after the shipped ones.
    builtin : bool
        Whether to start from remit's shipped ``aliases*.csv``.

    Examples
    --------
    >>> reg = load_registry()
    >>> reg.canonical("市中级法院")[0]
    '市中级人民法院'
    >>> reg.for_government("国家").canonical("国资委")[0], reg.for_government("深圳市").canonical("国资委")[0]
    ('国务院国资委', '国资委')
    """
    registry = AliasRegistry()
    if builtin:
        data = resources.files("remit.loaders").joinpath("data")
        shipped = sorted((f for f in data.iterdir()
                          if f.name.startswith("aliases") and f.name.endswith(".csv")),
                         key=lambda f: (f.name != "aliases.csv", f.name))
        for file in shipped:
            _read_rows(file.read_text(encoding="utf-8"), f"remit:{file.name}", registry)
    for path in extra or []:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise AliasFileError(str(path), "no such alias file") from None
        except (UnicodeDecodeError, IsADirectoryError):
            raise AliasFileError(str(path), "not a UTF-8 CSV alias file") from None
        _read_rows(text, str(path), registry)
    return registry
