"""An embedded Bolt server: ArcadeDB from the ``arcadedb-embedded`` wheel, in-process.

``remit cypher`` without ``NEO4J_URI`` starts one of these, loads the input
into a temporary database and talks to it through the official ``neo4j``
driver, so the same code path runs with and without a server. The wheel
bundles its own Java runtime; the JVM starts once per process and cannot be
restarted, but servers (each on its own temporary folder and free loopback
ports) can be started and stopped within it.

ArcadeDB's Bolt listener ignores the driver's read access mode: a "read"
transaction may write, ``CALL apoc.do.when(…)`` and ``apoc.merge.node``
included, and reports no changes. So every server also gets the user
:data:`READER`, whose group may read records and nothing else; the server
itself refuses that user's writes ("not allowed to create records").
Reads log in as that user, writes as ``root``.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import secrets
import shutil
import socket
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from remit.errors import GraphStoreError

__all__ = ["READER", "EmbeddedEngine", "free_port", "host_in_url", "jvm_flags", "quiet_stderr",
           "shared_engine", "start_jvm_quietly"]

BOLT_PLUGIN = "Bolt:com.arcadedb.bolt.BoltProtocolPlugin"
# java.util.logging settings: ArcadeDB otherwise writes INFO lines to the
# console and a ./log folder in the user's current directory. Its SEVERE
# lines (a full disk: "Error on flushing page …") end without a newline and
# ran into remit's own one-line message, which says what failed: off too.
_JUL = "handlers = java.util.logging.ConsoleHandler\n.level = OFF\n" \
       "java.util.logging.ConsoleHandler.level = OFF\n"
_lock = threading.Lock()
#: The read-only user (and group) every embedded server has: it may read records, nothing else.
READER = "reader"
_READER_GROUP = {"resultSetLimit": -1, "readTimeout": -1, "access": [],
                 "types": {"*": {"access": ["readRecord"]}}}
_shared: EmbeddedEngine | None = None


def host_in_url(host: str) -> str:
    """``host`` as it goes in a URL: an IPv6 address in brackets.

    Examples
    --------
    >>> host_in_url("::1"), host_in_url("127.0.0.1")
    ('[::1]', '127.0.0.1')
    """
    return f"[{host}]" if ":" in host else host


def free_port() -> int:
    """A TCP port on the loopback interface that is free right now.

    Examples
    --------
    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence file descriptor 2: the JVM prints a warning about incubator modules."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no real stderr (e.g. captured): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def start_jvm_quietly() -> None:
    """Start the JVM once, with ArcadeDB's logging sent nowhere but SEVERE to stderr.

    Raises
    ------
    GraphStoreError
        If the ``arcadedb-embedded`` wheel is not installed.
    """
    try:
        import jpype
        from arcadedb_embedded.jvm import start_jvm
    except ImportError:
        raise GraphStoreError("the embedded engine needs the arcadedb-embedded package, which installs "
                              "with remit: pip install arcadedb-embedded, or set NEO4J_URI") from None
    if jpype.isJVMStarted():
        return
    folder = Path(tempfile.mkdtemp(prefix="remit-jvm-"))
    # ArcadeDB reads the logging file when it first logs, not at start: the folder goes at exit.
    atexit.register(shutil.rmtree, folder, True)
    (folder / "logging.properties").write_text(_JUL, encoding="utf-8")
    # Crash logs would otherwise go to ./log in the user's folder; the file exists only after a crash.
    os.environ.setdefault("ARCADEDB_JVM_ERROR_FILE",
                          str(Path(tempfile.gettempdir()) / "remit-hs_err_pid%p.log"))
    with quiet_stderr():
        start_jvm(jvm_args=jvm_flags(folder / "logging.properties", os.environ))


def jvm_flags(logging_config: Path, environ: Mapping[str, str]) -> list[str]:
    """The flags remit adds when it starts the JVM, after any in ``ARCADEDB_JVM_ARGS``.

    The parallel collector, unless the user chose a collector (in
    ``ARCADEDB_JVM_ARGS``, ``JAVA_TOOL_OPTIONS`` or ``_JAVA_OPTIONS``): on two
    cores it loaded 100k tasks in 16 s where the default G1 took 19–20 s
    (medians of three fresh processes each, ``benchmarks/bench_neo4j.py``),
    since G1's concurrent work competes with the load for the second core.

    Examples
    --------
    >>> jvm_flags(Path("l.properties"), {})
    ['-Djava.util.logging.config.file=l.properties', '-XX:+UseParallelGC']
    >>> jvm_flags(Path("l.properties"), {"JAVA_TOOL_OPTIONS": "-Xss2m -XX:+UseZGC"})
    ['-Djava.util.logging.config.file=l.properties']
    """
    flags = [f"-Djava.util.logging.config.file={logging_config}"]
    chosen = " ".join(environ.get(name, "") for name in ("ARCADEDB_JVM_ARGS", "JAVA_TOOL_OPTIONS",
                                                         "_JAVA_OPTIONS"))
    # Two collectors make the JVM refuse to start ("Multiple garbage collectors selected").
    if not re.search(r"-XX:\+Use\w*GC\b", chosen):
        flags.append("-XX:+UseParallelGC")
    return flags


class EmbeddedEngine:
    """An ArcadeDB server with Bolt on free loopback ports, and one database.

    Parameters
    ----------
    root : str or Path, optional
        The server's folder. By default a temporary folder, deleted on :meth:`stop`.
    database : str
        The database to create (or open, when ``root`` already holds it).
    password : str, optional
        The root password; by default a random one that never leaves the process.
    bolt_port, http_port : int, optional
        Fixed ports; free ones by default.
    host : str
        The interface every listener binds to (loopback by default).
    mode : str
        ArcadeDB's server mode: ``development`` or ``production``.

    Examples
    --------
    >>> with EmbeddedEngine() as engine:  # doctest: +SKIP
    ...     engine.driver().execute_query("RETURN 1 AS x", database_=engine.database)
    """

    user = "root"

    def __init__(self, root: str | Path | None = None, database: str = "remit",
                 password: str | None = None, bolt_port: int | None = None,
                 http_port: int | None = None, host: str = "127.0.0.1",
                 mode: str = "development") -> None:
        self._own_root = root is None
        self.root = Path(root) if root is not None else Path(tempfile.mkdtemp(prefix="remit-arcadedb-"))
        self.database = database
        self.password = password or secrets.token_urlsafe(18)
        self.reader_password = secrets.token_urlsafe(18)
        self.bolt_port = bolt_port or free_port()
        self.http_port = http_port or free_port()
        self.host = host
        self.mode = mode
        self._server: Any = None
        self._drivers: list[Any] = []
        #: Databases holding a task list, by the list's content digest (see remit.cypher.run).
        self.loaded: dict[str, str] = {}
        self.lock = threading.Lock()
        self.fresh_load = False  # set by remit.cypher.persistent.open_engine when it loaded data

    @property
    def uri(self) -> str:
        """The Bolt URI of the server (no credentials in it).

        Examples
        --------
        >>> EmbeddedEngine(".", bolt_port=7687, http_port=7474, host="::1").uri
        'bolt://[::1]:7687'
        """
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "localhost") else self.host
        return f"bolt://{host_in_url(host)}:{self.bolt_port}"

    @property
    def auth(self) -> tuple[str, str]:
        """User and password for the driver: ``root``, who may write."""
        return (self.user, self.password)

    @property
    def reader_auth(self) -> tuple[str, str]:
        """User and password of :data:`READER`, whom the server lets read only."""
        return (READER, self.reader_password)

    def start(self) -> EmbeddedEngine:
        """Start the server and create the database.

        Raises
        ------
        GraphStoreError
            If ArcadeDB is missing or does not start.
        """
        start_jvm_quietly()
        from arcadedb_embedded.server import ArcadeDBServer

        config = {"http_port": self.http_port, "server_plugins": BOLT_PLUGIN, "bolt_port": self.bolt_port,
                  "host": self.host, "mode": self.mode}
        try:
            self._server = ArcadeDBServer(root_path=str(self.root), root_password=self.password,
                                          config=config)
            self._server.start()
            self._add_reader()
            self.create_database(self.database)
        except Exception as exc:
            self._server = None
            raise GraphStoreError(f"the embedded ArcadeDB server did not start: "
                                  f"{str(exc).splitlines()[0][:200]}") from exc
        return self

    def _add_reader(self) -> None:
        """Create :data:`READER` (group and user) on every database, with this start's password."""
        import json

        import jpype

        security = self._server._java_server.getSecurity()
        as_json = jpype.JClass("com.arcadedb.serializer.json.JSONObject")
        security.saveGroup("*", READER, as_json(json.dumps(_READER_GROUP)))
        if security.existsUser(READER):
            security.dropUser(READER)
        security.createUser(as_json(json.dumps({
            "name": READER, "password": str(security.encodePassword(self.reader_password)),
            "databases": {"*": [READER]}})))

    def create_database(self, name: str) -> None:
        """Create (or open) another database on this server."""
        if self._server is None:
            raise GraphStoreError("the embedded server is not running")
        self._server.create_database(name)

    def native_database(self, name: str | None = None) -> Any:
        """The ``arcadedb_embedded`` database ``name`` (default: this engine's) of the running server,
        for what Bolt cannot do quickly (:func:`remit.cypher.native.bulk_load`)."""
        if self._server is None:
            raise GraphStoreError("the embedded server is not running")
        return self._server.get_database(name or self.database)

    def driver(self, **config: Any) -> Any:
        """A ``neo4j`` driver connected to this server; closed on :meth:`stop`."""
        import neo4j

        driver = neo4j.GraphDatabase.driver(self.uri, auth=self.auth, **config)
        self._drivers.append(driver)
        return driver

    def stop(self) -> bool:
        """Close drivers, stop the server and remove its temporary folder; whether it stopped cleanly."""
        for driver in self._drivers:
            with contextlib.suppress(Exception):
                driver.close()
        self._drivers.clear()
        clean = True
        if self._server is not None:
            try:
                self._server.stop()
            except Exception:
                clean = False
            self._server = None
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)
        return clean

    def __enter__(self) -> EmbeddedEngine:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def shared_engine() -> EmbeddedEngine:
    """The process-wide embedded engine, started on first use and stopped at exit."""
    global _shared
    with _lock:
        if _shared is None:
            engine = EmbeddedEngine().start()
            atexit.register(engine.stop)
            _shared = engine
        return _shared


def main(argv: list[str] | None = None) -> int:
    """Run a server in the foreground: ``python -m remit.cypher.embedded ROOT BOLT_PORT HTTP_PORT``.

    The password comes from ``REMIT_ARCADEDB_PASSWORD``. Prints ``ready`` once
    the server listens, then serves until killed. Tests use this to stop a
    server in the middle of a load, since a JVM cannot restart in-process.
    """
    import time

    args = sys.argv[1:] if argv is None else argv
    root, bolt_port, http_port = args[0], int(args[1]), int(args[2])
    engine = EmbeddedEngine(root, password=os.environ["REMIT_ARCADEDB_PASSWORD"],
                            bolt_port=bolt_port, http_port=http_port).start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        engine.stop()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
