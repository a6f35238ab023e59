"""The content-hash cache: one embedded database per set of inputs, opened in-process, read-only.

``remit cypher`` and ``%%cypher`` without a server open the cached database
for their inputs under ``cache/`` of :func:`~remit.cypher.folders.data_dir`,
so a repeated query skips loading. Each entry is a folder named by the
content key (:mod:`remit.cypher.content`) with its marker
(:mod:`remit.cypher.marker`); the most recently used entries are kept.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from remit.cypher.folders import DATABASE, FolderLock, data_folder, database_folders
from remit.cypher.marker import MARKER, check_counts, check_marker, check_triggers, manifest, write_marker
from remit.errors import GraphStoreError
from remit.model import TaskList

__all__ = ["KEEP_CACHED", "cache_folder", "cached_database", "prune_cache"]

#: Cache entries kept by :func:`prune_cache`.
KEEP_CACHED = 4


def cache_folder() -> Path:
    """The folder of the cache entries, ``data_dir()/cache``, created private."""
    return data_folder("cache", "cache")


@contextlib.contextmanager
def cached_database(root: Path, key: str, build: Callable[[], TaskList], *, version: str,
                    fresh: bool = False, say: Callable[[str], None] | None = None,
                    wait: float = 0.0) -> Iterator[Any]:
    """The embedded database in ``root`` for ``key``, opened in-process, read-only, without a server.

    Starting no server saves most of a cold query's time; the queries then
    run with :func:`remit.cypher.native.execute_native`. Loads (natively)
    only when the marker does not match ``key`` and ``version`` or the files
    not its manifest; the engine then refuses every write (``DatabaseIsReadOnly``).
    """
    from remit.cypher.embedded import quiet_stderr, start_jvm_quietly
    from remit.cypher.native import bulk_load

    say = say or (lambda line: None)
    database_folders(root)
    lock = FolderLock(root).acquire(wait)
    database = None
    try:
        valid = check_marker(root, key, version, fresh, say, ours=True)
        start_jvm_quietly()
        import arcadedb_embedded
        import jpype
        from arcadedb_embedded.core import Database

        path = str(root / "databases" / DATABASE)
        try:
            if not valid:
                with quiet_stderr():
                    database = arcadedb_embedded.create_database(path)
                counts = bulk_load(database, build())
                database.close()
                database = None
            read_only = jpype.JClass("com.arcadedb.engine.ComponentFile$MODE").READ_ONLY
            with quiet_stderr():
                database = Database(jpype.JClass("com.arcadedb.database.DatabaseFactory")(path)
                                    .open(read_only))
            if not valid:
                # A full disk can fail the engine's page flushes after the load said it was done.
                check_counts(root, database, counts)
                write_marker(root, version, {"key": key, "state": "complete", "counts": counts,
                                             "manifest": manifest(root)})
        except GraphStoreError:
            raise
        except Exception as exc:
            raise GraphStoreError(f"{root}: cannot open the database "
                                  f"({str(exc).splitlines()[0][:200]})") from None
        check_triggers(root, database.get_java_database())
        yield database
    finally:
        if database is not None:
            with contextlib.suppress(Exception):
                database.close()
        lock.release()


def prune_cache(cache: Path, keep: int = KEEP_CACHED) -> None:
    """Remove all but the ``keep`` most recently used cache folders (remit-made ones only)."""
    entries = [p for p in cache.iterdir() if p.is_dir() and (p / MARKER).is_file()]
    entries.sort(key=lambda p: (p / MARKER).stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        try:
            with FolderLock(old).acquire():
                shutil.rmtree(old / "databases", ignore_errors=True)
                (old / MARKER).unlink()
        except (GraphStoreError, OSError):
            continue  # in use: leave it
        shutil.rmtree(old, ignore_errors=True)
