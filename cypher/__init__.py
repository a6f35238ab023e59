"""Cypher: the named query library and the code that runs it on any Bolt server.

The queries live one per file in this folder (``*.cypher``), each with a
header giving its name, its question in Chinese and English, and its typed
parameters; ``schema.cypher`` holds the constraints and indexes.
:func:`run` executes one through the official ``neo4j`` driver, against a
server you pass or, without one, against remit's embedded ArcadeDB engine.

Examples
--------
>>> import remit.cypher
>>> q = remit.cypher.get("unit_partners")
>>> q.zh, [p.name for p in q.params]
('某单位的合作单位及共同承担的任务', ['unit', 'include_collectives'])
>>> remit.cypher.run("unit_partners")
Traceback (most recent call last):
...
remit.errors.QueryError: query unit_partners: missing parameter unit (str)
"""

from __future__ import annotations

from remit.cypher.catalog import Param, Query, bind, get, library, parse, read_query_file, schema_statements
from remit.cypher.runner import adhoc, execute, resolve, run, write_clause

__all__ = [
    "Param",
    "Query",
    "adhoc",
    "bind",
    "execute",
    "get",
    "library",
    "parse",
    "read_query_file",
    "resolve",
    "run",
    "schema_statements",
    "write_clause",
]
