"""Where a Cypher query runs, decided once for ``remit cypher``, ``%%cypher`` and scripts.

:func:`run_query` runs a query on:

1. the Bolt server of ``uri`` (``--uri``) or ``NEO4J_URI``, unless ``embedded``;
2. else a running ``remit serve`` holding these lists (any one when no
   inputs are given), logged in as its read-only user ``reader``; when it
   does not answer, a note says so and the cache answers;
3. else remit's content-hash cache for the lists, opened for the call only
   and pruned afterwards;

and a query that writes (``write=True``) without a server of the user's on
a scratch database loaded for the call, never on the cache nor on a
``remit serve``. An empty answer to a library query naming a unit that the
graph does not hold stops with a did-you-mean.

Examples
--------
>>> from remit.cypher import get
>>> answer = run_query(get("top_leads"), {"limit": 1}, ReadOptions(), embedded=True)  # doctest: +SKIP
>>> answer.line, answer.frame.loc[0, "unit"]  # doctest: +SKIP
("answered by remit's cached database", '市市场监管局')
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from remit.cypher.servers import note
from remit.errors import GraphStoreError, QueryError
from remit.service.reading import ReadOptions
from remit.suggest import unknown_unit

if TYPE_CHECKING:
    import pandas as pd

    from remit.cypher.bolt import Settings
    from remit.cypher.catalog import Query

__all__ = ["UNIT_PARAMS", "Answer", "bolt_settings", "check_units", "engine_message", "library_table",
           "parse_params", "query_of", "run_query", "unit_params"]

#: Parameters of the library's queries that name a unit; an unknown name gets a did-you-mean.
UNIT_PARAMS = ("unit", "source", "target")
#: The cache entries' waiting time for a lock held by another query (seconds).
CACHE_WAIT = 120

_UNITS = "MATCH (u:Unit) RETURN u.name AS name, u.aliases AS aliases"


@dataclass(frozen=True)
class Answer:
    """A query's rows, and what answered it (``remit serve at bolt://…``, ``remit's cached database``)."""

    frame: pd.DataFrame
    by: str

    @property
    def line(self) -> str:
        """One line for a person: ``answered by …``."""
        return f"answered by {self.by}"


def bolt_settings(uri: str | None = None, user: str | None = None, database: str | None = None, *,
                  ask_password: Callable[[str], str] | None = None) -> Settings:
    """The server of ``uri`` or ``NEO4J_URI``; ``ask_password(prompt)`` when no password is set.

    Raises
    ------
    GraphStoreError
        No server given, or not a Bolt URI.
    """
    from remit.cypher.bolt import Settings

    settings = Settings.resolve(uri=uri, user=user, database=database)
    if settings.password is None and ask_password is not None:
        password = ask_password(f"password for {settings.user} at {settings.shown}: ")
        settings = Settings(settings.uri, settings.user, password, settings.database)
    return settings


def run_query(query: Query, params: Mapping[str, Any], lists: ReadOptions, *, uri: str | None = None,
              user: str | None = None, database: str | None = None, embedded: bool = False,
              write: bool = False, fresh: bool = False, ask_password: Callable[[str], str] | None = None,
              say: Callable[[str], None] = note) -> Answer:
    """Run ``query`` where it should run (see the module) and say what answered.

    Parameters
    ----------
    query : Query
        A library query, a query file or ad-hoc Cypher (:mod:`remit.cypher.catalog`).
    params : mapping
        Its parameters, checked before anything starts.
    lists : ReadOptions
        The inputs of remit's own graph (unused with a server of the user's).
    uri, user, database : str, optional
        The user's server (default: ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_DATABASE``).
    embedded : bool
        Use remit's own graph even when ``NEO4J_URI`` is set.
    write : bool
        Let the query write (on a scratch database, without a server of the user's).
    fresh : bool
        Rebuild the cached database; ask no running ``remit serve``.
    ask_password : callable, optional
        Asks for the server's password when none is set (the CLI's prompt).
    say : callable
        Where notes go (stderr, ``remit: note: …``).

    Raises
    ------
    QueryError
        A parameter, the query, or a unit name is wrong (did-you-mean).
    GraphStoreError
        The server or a database folder cannot be used.
    """
    from remit.cypher.bolt import connect
    from remit.cypher.catalog import bind

    params = dict(params)
    bind(query, params)  # report parameter mistakes before starting anything

    if not embedded and (uri or os.environ.get("NEO4J_URI")):
        settings = bolt_settings(uri, user, database, ask_password=ask_password)
        if lists.inputs:
            say(f"INPUT is only for the embedded engine; querying {settings.shown}")
        by = f"the server at {settings.shown}"
        return _on_server(connect(settings), settings, query, params, write, by)
    if write:
        return _on_scratch(query, params, lists)
    key = lists.key()
    if not fresh:
        from remit.cypher.servers import running_server

        served = running_server(key if lists.given else None, say)
        if served is not None:
            try:
                driver = connect(served)
            except GraphStoreError as exc:
                say(f"remit serve at {served.shown} did not answer ({exc}); using the cache instead")
            else:
                return _on_server(driver, served, query, params, False, f"remit serve at {served.shown}")
    return _on_cache(query, params, lists, key, fresh, say)


def _on_server(driver: Any, settings: Settings, query: Query, params: dict[str, Any], write: bool,
               by: str) -> Answer:
    """Run on a connected server (the driver is closed afterwards)."""
    from remit.cypher.runner import adhoc, execute

    try:
        frame = execute(driver, query, params, settings.database, write=write, settings=settings)
        if frame.empty and unit_params(query, params):  # an empty answer: was a name wrong?
            check_units(query, params, _names(execute(driver, adhoc(_UNITS), {}, settings.database,
                                                      settings=settings)))
    finally:
        driver.close()
    return Answer(frame, by)


def _on_cache(query: Query, params: dict[str, Any], lists: ReadOptions, key: str, fresh: bool,
              say: Callable[[str], None]) -> Answer:
    from remit._version import __version__
    from remit.cypher.cache import cache_folder, cached_database, prune_cache
    from remit.cypher.native import execute_native
    from remit.cypher.runner import adhoc

    loaded: list[bool] = []

    def build() -> Any:
        loaded.append(True)
        return lists.load()

    cache = cache_folder()
    with cached_database(cache / key[:16], key, build, version=__version__, fresh=fresh, say=say,
                         wait=CACHE_WAIT) as db:
        frame = execute_native(db, query, params)
        if frame.empty and unit_params(query, params):  # an empty answer: was a name wrong?
            check_units(query, params, _names(execute_native(db, adhoc(_UNITS))))
    with contextlib.suppress(OSError):  # tidying only: a full disk must not cost the answer
        prune_cache(cache)
    return Answer(frame, "a fresh load of the lists (now cached)" if loaded else "remit's cached database")


def _on_scratch(query: Query, params: dict[str, Any], lists: ReadOptions) -> Answer:
    from remit.cypher.embedded import EmbeddedEngine
    from remit.cypher.native import bulk_load
    from remit.cypher.runner import adhoc, execute

    tasklist = lists.load()
    with EmbeddedEngine() as engine:
        bulk_load(engine.native_database(), tasklist)
        driver = engine.driver()
        frame = execute(driver, query, params, engine.database, write=True)
        if frame.empty and unit_params(query, params):  # an empty answer: was a name wrong?
            check_units(query, params, _names(execute(driver, adhoc(_UNITS), {}, engine.database)))
    return Answer(frame, "a fresh load into a scratch database (--write never changes the cache)")


def _names(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Unit name → its other spellings, from the rows of :data:`_UNITS`."""
    return {str(n): [str(a) for a in (aliases or ()) if a]
            for n, aliases in zip(frame["name"], frame["aliases"], strict=True)}


def unit_params(query: Query, params: Mapping[str, Any]) -> list[str]:
    """The names given for the library query's unit parameters (never for ad-hoc Cypher).

    Examples
    --------
    >>> from remit.cypher import get, parse
    >>> unit_params(get("unit_tasks"), {"unit": "市税务局"})
    ['市税务局']
    >>> unit_params(parse("RETURN $unit"), {"unit": "x"})  # ad-hoc Cypher: any name may be meant
    []
    """
    from remit.cypher.catalog import library

    declared = {p.name for p in query.params}
    if query.name not in library():
        return []
    return [params[k] for k in UNIT_PARAMS if k in declared and isinstance(params.get(k), str)]


def check_units(query: Query, params: Mapping[str, Any], aliases: Mapping[str, list[str]]) -> None:
    """Stop with a did-you-mean when a unit parameter is not a canonical unit name.

    The queries match canonical names only, so an alias gets its canonical name suggested.

    Raises
    ------
    QueryError
        ``unknown unit '…': not in the task list; did you mean …?``

    Examples
    --------
    >>> from remit.cypher import get
    >>> check_units(get("unit_tasks"), {"unit": "市场监管"}, {"市市场监管局": []})
    Traceback (most recent call last):
    ...
    remit.errors.QueryError: unknown unit '市场监管': not in the task list; did you mean 市市场监管局?
    """
    for name in unit_params(query, params):
        if name not in aliases:
            raise QueryError(unknown_unit(name, aliases, aliases))


def query_of(name: str | None, text: str | None) -> Query:
    """The query a user asked for: ad-hoc ``text`` (``-e``), else a library name or a ``.cypher`` file.

    Raises
    ------
    QueryError
        Neither is given, or the name is neither a library query nor a file.

    Examples
    --------
    >>> query_of("top_leads", None).name, query_of(None, "RETURN 1 AS x").source
    ('top_leads', '-e')
    """
    from remit.cypher.runner import adhoc, resolve

    if text is not None:
        return adhoc(text)
    if name is not None:
        return resolve(name)
    raise QueryError("give a query name (see remit cypher --list), a .cypher file, or -e 'QUERY'")


def library_table() -> pd.DataFrame:
    """The query library, one row per query: its name, parameters and question in Chinese and English.

    Examples
    --------
    >>> library_table().set_index("name").loc["top_leads", "parameters"]
    'limit (int, default 10), include_collectives (bool, default False)'
    """
    import pandas as pd

    from remit.cypher.catalog import library

    rows = [{"name": q.name,
             "parameters": ", ".join(f"{p.name} ({p.type}{'' if p.required else f', default {p.default}'})"
                                     for p in q.params),
             "question": q.zh, "question_en": q.en} for q in library().values()]
    return pd.DataFrame(rows)


def _guess(text: str) -> Any:
    """A command-line value for an ad-hoc query: int, float, bool, else str."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_params(pairs: list[str], query: Query) -> dict[str, Any]:
    """Turn ``-p key=value`` options into typed parameters for ``query``.

    Examples
    --------
    >>> from remit.cypher import get, parse
    >>> parse_params(["limit=3"], get("top_leads"))
    {'limit': 3}
    >>> parse_params(["n=12", "x=1.5", "b=true", "s=市税务局", "id='007'"], parse("RETURN $n"))
    {'n': 12, 'x': 1.5, 'b': True, 's': '市税务局', 'id': '007'}
    """
    declared = {p.name: p for p in query.params}
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lstrip("$")
        if not sep or not key:
            raise QueryError(f"-p {pair!r}: expected KEY=VALUE")
        if key in params:
            raise QueryError(f"-p {key} given twice")
        params[key] = declared[key].convert(value) if key in declared else _guess(value)
    return params


_JAVA_CLASS = re.compile(r"\b(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error)\b:?\s*")
_CAUSED_BY = re.compile(r"\s*\(caused by [^)]*\)")
_SYNTAX_AT = re.compile(r"Syntax error at line (\d+):(\d+)\s*-\s*")


def engine_message(text: str) -> str:
    """An engine's error as one line for a person: no Java class names, the position in words.

    Examples
    --------
    >>> engine_message("ad-hoc query: com.arcadedb.exception.CommandParsingException: Syntax error "
    ...                "at line 1:14 - mismatched input 'RETURN' (caused by org.antlr.v4.Mismatch)")
    "ad-hoc query: syntax error at line 1, column 15: mismatched input 'RETURN'"
    """
    text = _JAVA_CLASS.sub("", _CAUSED_BY.sub("", text.splitlines()[0] if text else ""))
    # ANTLR counts columns from 0; a person counts from 1.
    return _SYNTAX_AT.sub(lambda m: f"syntax error at line {m[1]}, column {int(m[2]) + 1}: ", text)
