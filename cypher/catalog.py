"""The named query library: one ``.cypher`` file per query, with a header.

Every file in this folder, except ``schema.cypher``, holds one query. It opens
with ``//`` comment lines in the ``-- name:`` style of aiosql (``//`` rather
than ``--`` because ``//`` is Cypher's own comment, so each file also runs as
it is in Neo4j Browser or cypher-shell)::

    // name: top_leads
    // zh: 牵头任务最多的单位
    // en: The units that lead the most tasks
    // param: limit (int, default 10): how many units to return
    // param: include_collectives (bool, default false): count placeholders too
    MATCH (u:Unit) ...

Parameter types are ``str``, ``int``, ``float`` and ``bool``. A parameter
without a default is required. :func:`bind` checks that the parameters a
caller passes are exactly the declared ones, fills in defaults, and checks
types; every mismatch is one :class:`~remit.errors.QueryError` line.
"""

from __future__ import annotations

import functools
import os
import re
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from remit.errors import QueryError

__all__ = ["Param", "Query", "bind", "get", "library", "parse", "read_query_file", "schema_statements",
           "statement"]

TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}
# run(name, driver=None, *, database=None, tasklist=None, write=False, **params) keeps these.
RESERVED = frozenset({"driver", "database", "tasklist", "write"})

_HEADER = re.compile(r"^\s*(?://|--)\s?(.*)$")
_KEY = re.compile(r"^(name|zh|en|param|write)\s*:\s*(.*)$")
_PARAM = re.compile(r"^\$?(?P<name>[A-Za-z_]\w*)\s*\(\s*(?P<type>\w+)\s*"
                    r"(?:,\s*default\s+(?P<default>[^)]*?))?\s*\)\s*(?::\s*(?P<doc>.*))?$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """One declared parameter of a query."""

    name: str
    type: str
    required: bool = True
    default: Any = None
    doc: str = ""

    def convert(self, text: str) -> Any:
        """Turn command-line text into a value of this parameter's type.

        Examples
        --------
        >>> Param("limit", "int").convert("5"), Param("x", "bool").convert("TRUE")
        (5, True)
        """
        return _convert(self.type, text, f"parameter {self.name}")


@dataclass(frozen=True)
class Query:
    """A parsed query: its name, questions, parameters and Cypher text."""

    name: str
    text: str
    zh: str = ""
    en: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    write: bool = False
    source: str = "<query>"

    @property
    def declared(self) -> bool:
        """Whether the query came with a header (so its parameters are known)."""
        return bool(self.zh or self.en or self.params)


def _convert(kind: str, text: str, what: str) -> Any:
    text = text.strip()
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        raise QueryError(f"{what}: expected {kind}, got {text!r}") from None
    if kind == "bool":
        if text.lower() in ("true", "yes", "1"):
            return True
        if text.lower() in ("false", "no", "0"):
            return False
        raise QueryError(f"{what}: expected true or false, got {text!r}")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse(text: str, source: str = "<query>") -> Query:
    """Parse the text of a query file: header comments, then the Cypher.

    A text without a header is an ad-hoc query: its parameters are not
    declared and are not checked.

    Examples
    --------
    >>> q = parse("// name: n\\n// en: Count units\\n// param: kind (str, default agency)\\n"
    ...           "MATCH (u:Unit {kind: $kind}) RETURN count(u) AS n")
    >>> q.name, q.en, q.params[0].default, q.text
    ('n', 'Count units', 'agency', 'MATCH (u:Unit {kind: $kind}) RETURN count(u) AS n')
    """
    lines = text.splitlines()
    meta: dict[str, str] = {}
    params: list[Param] = []
    body_start = 0
    for i, line in enumerate(lines):
        match = _HEADER.match(line)
        if not match:
            if line.strip():
                break
            body_start = i + 1
            continue
        body_start = i + 1
        entry = _KEY.match(match.group(1).strip())
        if not entry:
            continue
        key, value = entry.group(1), entry.group(2).strip()
        if key == "param":
            params.append(_parse_param(value, source))
        else:
            meta[key] = value
    body = "\n".join(lines[body_start:]).strip().rstrip(";").strip()
    if not body:
        raise QueryError(f"{source}: no Cypher after the header")
    name = meta.get("name") or Path(source).stem
    if meta.get("name") and not _NAME.match(name):
        raise QueryError(f"{source}: the query name in its header must be lower_snake_case")
    seen = [p.name for p in params]
    dupes = sorted({n for n in seen if seen.count(n) > 1})
    if dupes:
        raise QueryError(f"{source}: parameter declared twice: {', '.join(dupes)}")
    return Query(name=name, text=body, zh=meta.get("zh", ""), en=meta.get("en", ""),
                 params=tuple(params), write=meta.get("write", "").lower() == "true", source=source)


def _parse_param(value: str, source: str) -> Param:
    match = _PARAM.match(value)
    if not match:
        raise QueryError(f"{source}: cannot read a 'param:' header line; "
                         "expected 'name (type[, default value]): description'")
    name, kind, default = match.group("name"), match.group("type"), match.group("default")
    if kind not in TYPES:
        raise QueryError(f"{source}: parameter {name} has unknown type {kind!r} "
                         f"(use {', '.join(TYPES)})")
    if name in RESERVED:
        raise QueryError(f"{source}: parameter name {name!r} is reserved")
    if default is None:
        return Param(name, kind, doc=match.group("doc") or "")
    return Param(name, kind, required=False, default=_convert(kind, default, f"{source}: default of {name}"),
                 doc=match.group("doc") or "")


#: The largest query file read: the library's longest query is under 4 KiB.
MAX_QUERY_BYTES = 1024 * 1024


def read_query_file(path: str | Path) -> Query:
    """Read and parse one query file: a regular file of at most :data:`MAX_QUERY_BYTES`.

    A FIFO would block the read and ``/dev/zero`` never end it, through a
    symlink too, so the file is checked with ``stat`` before it is opened
    (without blocking) and again on the open file.

    Raises
    ------
    QueryError
        If the file is not a regular file, is too large, cannot be read, or
        its header is malformed.

    Examples
    --------
    >>> read_query_file("/dev/zero")
    Traceback (most recent call last):
    ...
    remit.errors.QueryError: /dev/zero: a query file must be a regular file, not a device, FIFO or socket
    """
    def refuse(why: str) -> QueryError:
        return QueryError(f"{path}: {why}")

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise refuse("a query file must be a regular file, not a device, FIFO or socket")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise refuse("a query file must be a regular file, not a device, FIFO or socket")
            data = handle.read(MAX_QUERY_BYTES + 1)
        if len(data) > MAX_QUERY_BYTES:
            raise refuse(f"a query file may hold at most {MAX_QUERY_BYTES // 1024} KiB")
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise refuse(f"cannot read query file ({exc.__class__.__name__})") from None
    return parse(text, source=str(path))


@functools.cache
def library() -> dict[str, Query]:
    """Every named query shipped with remit, by name.

    Examples
    --------
    >>> lib = library()
    >>> len(lib) >= 12, lib["top_leads"].en
    (True, 'The units that lead the most tasks')
    """
    queries: dict[str, Query] = {}
    folder = resources.files("remit.cypher")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".cypher") or entry.name == "schema.cypher":
            continue
        query = parse(entry.read_text(encoding="utf-8"), source=entry.name)
        if query.name in queries:
            raise QueryError(f"{entry.name}: query name {query.name!r} is used twice")
        queries[query.name] = query
    return queries


def get(name: str) -> Query:
    """Return the library query called ``name``.

    Raises
    ------
    QueryError
        If there is no such query; the message lists the near names.
    """
    lib = library()
    if name in lib:
        return lib[name]
    near = [n for n in lib if name.lower() in n or n in name.lower()]
    hint = f"; did you mean {', '.join(near)}?" if near else "; see remit cypher --list"
    raise QueryError(f"unknown query {name!r}{hint}")


def bind(query: Query, params: dict[str, Any]) -> dict[str, Any]:
    """Check ``params`` against the query's declaration and fill in defaults.

    Parameters
    ----------
    query : Query
    params : dict
        The values passed. For a query without a header they pass unchecked.

    Returns
    -------
    dict
        The parameters to send.

    Raises
    ------
    QueryError
        When a parameter is missing, unexpected, or of the wrong type.

    Examples
    --------
    >>> q = parse("// name: q\\n// param: unit (str): a unit\\nMATCH (u:Unit {name: $unit}) RETURN u")
    >>> bind(q, {"unit": "市财政局"})
    {'unit': '市财政局'}
    >>> bind(q, {})
    Traceback (most recent call last):
    ...
    remit.errors.QueryError: query q: missing parameter unit (str)
    """
    if not query.declared:
        return dict(params)
    declared = {p.name: p for p in query.params}
    unexpected = sorted(set(params) - set(declared))
    if unexpected:
        allowed = ", ".join(declared) or "none"
        raise QueryError(f"query {query.name}: unexpected parameter {', '.join(unexpected)} "
                         f"(it takes: {allowed})")
    missing = [f"{p.name} ({p.type})" for p in query.params if p.required and p.name not in params]
    if missing:
        raise QueryError(f"query {query.name}: missing parameter {', '.join(missing)}")
    bound: dict[str, Any] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        ok = isinstance(value, TYPES[p.type]) and not (p.type in ("int", "float") and isinstance(value, bool))
        if not ok:
            raise QueryError(f"query {query.name}: parameter {p.name} must be {p.type}, "
                             f"got {type(value).__name__} {value!r}")
        bound[p.name] = float(value) if p.type == "float" else value
    return bound


def schema_statements() -> list[str]:
    """The statements of ``schema.cypher`` (constraints and indexes), in order.

    Examples
    --------
    >>> any("IF NOT EXISTS" in s for s in schema_statements())
    True
    """
    text = resources.files("remit.cypher").joinpath("schema.cypher").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


@functools.cache
def statement(name: str) -> str:
    """The text of ``statements/<name>.cypher``: one of the loader's fixed statements, comments removed.

    The loader (:mod:`remit.cypher.store`) sends only these texts; values
    travel as ``$parameters``.

    Examples
    --------
    >>> statement("list_domains")
    'MATCH (d:Domain {list: $list}) DETACH DELETE d'
    """
    path = resources.files("remit.cypher").joinpath("statements", f"{name}.cypher")
    text = path.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()
