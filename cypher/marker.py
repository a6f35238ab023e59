"""The marker of a database folder: what it holds, whether remit finished writing it, and its files.

A database folder holds an ArcadeDB server root and a marker,
``remit-db.json``. The marker names the content key
(:func:`remit.cypher.content.content_key`). It is written with state
``loading`` before remit touches the database and with state ``complete``
and a manifest (every database file's size and SHA-256) once the database
is closed, so a load cut off by Ctrl-C, ``kill -9`` or a full disk leaves a
folder remit knows it may rebuild. A folder is used only when its marker
matches, is complete, every file matches the manifest and the database holds
no trigger (remit makes none); anything else of remit's is rebuilt, with a
note.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from remit.cypher.content import SCHEMA_VERSION
from remit.cypher.folders import DATABASE, write_private
from remit.errors import GraphStoreError

__all__ = ["MARKER", "check_counts", "check_marker", "check_triggers", "manifest", "marker_of",
           "write_marker"]

MARKER = "remit-db.json"


def marker_of(root: Path) -> dict[str, Any] | None:
    """The marker of a database folder, or None when it has none (or a broken one)."""
    try:
        data = json.loads((root / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _engine_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("arcadedb-embedded")
    except PackageNotFoundError:
        return "?"


def manifest(root: Path) -> dict[str, list[Any]]:
    """Every file of the database in ``root``: its size and SHA-256, by path within the database.

    Examples
    --------
    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "databases" / "remit").mkdir(parents=True)
    >>> _ = (root / "databases" / "remit" / "a.bucket").write_bytes(b"x")
    >>> manifest(root)
    {'a.bucket': [1, '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881']}
    >>> import shutil; shutil.rmtree(root)
    """
    database = root / "databases" / DATABASE
    found: dict[str, list[Any]] = {}
    for path in sorted(database.rglob("*")):
        if path.is_symlink() or not path.is_file():
            if path.is_symlink():
                found[str(path.relative_to(database))] = [-1, "symlink"]
            continue
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        found[str(path.relative_to(database))] = [path.stat().st_size, digest.hexdigest()]
    return found


def _changed(root: Path, expected: Any) -> str | None:
    """The first file of the database that differs from the manifest, or None."""
    if not isinstance(expected, dict):
        return "the manifest"
    found = manifest(root)
    for name in sorted(set(found) | set(expected)):
        if found.get(name) != expected.get(name):
            return name
    return None


def check_marker(root: Path, key: str, version: str, fresh: bool, say: Callable[[str], None], *,
                 ours: bool = False) -> bool:
    """Whether ``root`` holds the database for ``key``, as this remit (``version``) wrote it.

    Otherwise the folder is marked ``loading`` and its database removed, for
    the caller to rebuild. A database without a marker is refused, unless
    ``root`` is one of remit's own folders under
    :func:`~remit.cypher.folders.data_dir` (``ours``): a remit before markers
    had states left one there when its first load was cut off.
    """
    marker = marker_of(root)
    database = root / "databases" / DATABASE
    if marker is None and database.exists() and ours:
        say(f"the database in {root} has no marker (an earlier load did not finish?); rebuilding it")
    elif marker is None and database.exists():
        raise GraphStoreError(f"{root}: holds a database that remit did not write; remit will not "
                              "replace it (pass --db with an empty or remit-made folder)")
    if marker and not fresh:
        if marker.get("state") == "loading":
            say(f"an earlier load into {root} did not finish; rebuilding the database")
        elif marker.get("remit") != version or marker.get("schema") != SCHEMA_VERSION:
            say(f"the database in {root} was written by remit {marker.get('remit')} (schema "
                f"{marker.get('schema')}), not by this remit {version} (schema {SCHEMA_VERSION}); "
                "rebuilding it")
        elif marker.get("key") != key:
            pass  # other inputs: rebuilt for these, as a cache does
        elif marker.get("engine") != _engine_version():
            say(f"the database in {root} was written by arcadedb-embedded {marker.get('engine')}; "
                "rebuilding it")
        elif (changed := _changed(root, marker.get("manifest"))) is not None:
            say(f"the database in {root} is not as remit wrote it ({changed} changed); rebuilding it")
        else:
            return True
    write_marker(root, version, {"key": key, "state": "loading"})
    shutil.rmtree(database, ignore_errors=True)
    if database.exists():
        raise GraphStoreError(f"{database}: cannot remove the old database")
    return False


def write_marker(root: Path, version: str, fields: dict[str, Any]) -> None:
    """Write the marker of ``root``: ``fields`` with the remit ``version``, schema and engine."""
    write_private(root / MARKER, json.dumps(
        {"remit": version, "schema": SCHEMA_VERSION, "engine": _engine_version(),
         "written": time.strftime("%Y-%m-%dT%H:%M:%S%z"), **fields}, ensure_ascii=False, indent=1))


def check_triggers(root: Path, java_database: Any) -> None:
    """Refuse a database with triggers: remit makes none, and one could run code on every read."""
    triggers = [str(t.getName()) for t in java_database.getSchema().getTriggers()]
    if triggers:
        raise GraphStoreError(f"{root}: the database has triggers remit did not make "
                              f"({', '.join(sorted(triggers))[:200]}); remit will not use it "
                              "(pass --fresh to rebuild it)")


def check_counts(root: Path, database: Any, counts: dict[str, Any]) -> None:
    """Refuse a freshly loaded database that does not hold what the load wrote."""
    from remit.cypher.native import EDGE_TYPES, VERTEX_TYPES

    for name in (*VERTEX_TYPES, *EDGE_TYPES):
        found = database.count_type(name)
        if name in counts and found != counts[name]:
            raise GraphStoreError(f"{root}: the load wrote {counts[name]} {name} but the database holds "
                                  f"{found} (is the disk full?); the next run rebuilds it")
