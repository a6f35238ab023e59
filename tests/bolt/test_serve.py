"""``remit serve`` as a real process: ready line, a second process over Bolt, auth, refusals, SIGTERM.

One server runs for the module (a JVM starts per process, so each server is
its own ``python -m remit serve``); the refusals that need no JVM (port in
use, folder locked, already running, --host without a password) are checked
against it.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

import remit
from remit.cypher.embedded import free_port
from remit.cypher.folders import FolderLock

pytestmark = [pytest.mark.bolt, pytest.mark.slow]

ROOT = Path(remit.__file__).resolve().parent.parent


def _env(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "REMIT_SERVE"))}
    env["PYTHONPATH"] = str(ROOT)
    env["REMIT_DATA_DIR"] = str(data)
    return env


@dataclass
class Served:
    proc: subprocess.Popen[str]
    ready: str
    db: Path
    data: Path
    bolt_port: int
    http_port: int

    @property
    def password(self) -> str:
        return (self.db / "bolt-password").read_text(encoding="utf-8").strip()


def _start(db: Path, data: Path, bolt_port: int, http_port: int) -> Served:
    proc = subprocess.Popen([sys.executable, "-m", "remit", "serve", "--db", str(db), "--bolt-port",
                             str(bolt_port), "--http-port", str(http_port)], env=_env(data),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()  # blocks until the ready line (or the process ends)
    if not line:
        proc.wait(10)
        pytest.fail(f"remit serve did not start: {proc.stderr.read() if proc.stderr else ''}")
    return Served(proc, line.strip(), db, data, bolt_port, http_port)


def _stop(served: Served, signum: int = signal.SIGTERM) -> tuple[float, int, str]:
    started = time.monotonic()
    served.proc.send_signal(signum)
    code = served.proc.wait(30)
    return time.monotonic() - started, code, served.proc.stderr.read() if served.proc.stderr else ""


def _remit(data: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "remit", *argv], env=_env(data), capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data = tmp_path_factory.mktemp("serve-data")
    s = _start(tmp_path_factory.mktemp("serve-db"), data, free_port(), free_port())
    yield s
    if s.proc.poll() is None:
        _stop(s)


def test_ready_line_and_password_file(served: Served) -> None:
    assert f"bolt://127.0.0.1:{served.bolt_port}" in served.ready and "user root" in served.ready
    assert str(served.db / "bolt-password") in served.ready
    assert served.password not in served.ready
    assert (served.db / "bolt-password").stat().st_mode & 0o777 == 0o600


def test_a_second_process_connects_with_the_official_driver(served: Served) -> None:
    code = ("import neo4j, sys\n"
            f"d = neo4j.GraphDatabase.driver('bolt://127.0.0.1:{served.bolt_port}',"
            " auth=('root', sys.argv[1]))\n"
            "r = d.execute_query(\"MATCH (u:Unit {name: '市市场监管局'})-[:LEADS]->(t:Task) "
            "RETURN count(t) AS n\", database_='remit').records\n"
            "print(r[0]['n']); d.close()\n")
    done = subprocess.run([sys.executable, "-c", code, served.password], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "40"  # hand-checked: 市市场监管局 leads 40 tasks


def test_wrong_or_missing_credentials_are_refused(served: Served) -> None:
    uri = f"bolt://127.0.0.1:{served.bolt_port}"
    for auth in (("root", "not-the-password"), None):
        with neo4j.GraphDatabase.driver(uri, auth=auth) as driver, pytest.raises(
                (neo4j.exceptions.AuthError, neo4j.exceptions.ClientError)):
            driver.execute_query("RETURN 1", database_="remit")
    url = f"http://127.0.0.1:{served.http_port}/api/v1/server"

    def status(user_password: str | None) -> int:
        request = urllib.request.Request(url)
        if user_password:
            request.add_header("Authorization", "Basic " + base64.b64encode(user_password.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    assert status(None) == 401
    assert status("root:not-the-password") in (401, 403)
    assert status(f"root:{served.password}") == 200


def test_remit_cypher_uses_the_running_server(served: Served) -> None:
    done = _remit(served.data, "cypher", "top_leads", "-p", "limit=1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["unit"] == "市市场监管局"
    assert not (served.data / "cache").exists()  # answered by the server, not the cache
    assert done.stderr == f"remit: answered by remit serve at bolt://127.0.0.1:{served.bolt_port}\n"


def test_refusals_before_start(served: Served, tmp_path: Path) -> None:
    again = _remit(served.data, "serve", "--db", str(served.db), "--bolt-port", str(free_port()),
                   "--http-port", str(free_port()))
    assert again.returncode == 2 and "already running" in again.stderr
    assert f"bolt://127.0.0.1:{served.bolt_port}" in again.stderr and again.stderr.count("\n") == 1
    busy = _remit(served.data, "serve", "--db", str(tmp_path / "a"), "--bolt-port", str(served.bolt_port),
                  "--http-port", str(free_port()))
    assert busy.returncode == 2 and f"port {served.bolt_port}" in busy.stderr and "in use" in busy.stderr
    folder = tmp_path / "locked"
    folder.mkdir()
    with FolderLock(folder).acquire():
        locked = _remit(served.data, "serve", "--db", str(folder), "--bolt-port", str(free_port()),
                        "--http-port", str(free_port()))
    assert locked.returncode == 2 and "locked by another process" in locked.stderr
    exposed = _remit(served.data, "serve", "--host", "0.0.0.0", "--db", str(tmp_path / "b"))
    assert exposed.returncode == 2 and "REMIT_SERVE_PASSWORD" in exposed.stderr
    blocked = tmp_path / "file"
    blocked.write_text("x", encoding="utf-8")
    unwritable = _remit(served.data, "serve", "--db", str(blocked / "db"))
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr
    for done in (busy, locked, exposed, unwritable):
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_sigterm_and_ctrl_c_stop_cleanly_and_a_restart_reuses_the_database(served: Served) -> None:
    seconds, code, err = _stop(served)
    assert code == 0 and seconds < 15, (seconds, err)
    assert not list((served.data / "servers").glob("*.json"))
    # A state file left by a server that died: removed, and the server starts afresh.
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    from remit.cypher.servers import ServerState

    os.environ["REMIT_DATA_DIR"], saved = str(served.data), os.environ.get("REMIT_DATA_DIR", "")
    try:
        from remit.cypher.servers import write_state

        write_state(ServerState(pid=int(dead), uri="bolt://127.0.0.1:1", user="root", folder=str(served.db),
                                key="x"))
    finally:
        os.environ["REMIT_DATA_DIR"] = saved
    again = _start(served.db, served.data, served.bolt_port, served.http_port)
    try:
        assert "reused the database" in again.ready  # same inputs: no reload
        with neo4j.GraphDatabase.driver(f"bolt://127.0.0.1:{served.bolt_port}",
                                        auth=("root", served.password)) as driver:
            records, _, _ = driver.execute_query("MATCH (t:Task) RETURN count(t) AS n", database_="remit")
        assert records[0]["n"] == 210
    finally:
        seconds, code, err = _stop(again, signal.SIGINT)  # what Ctrl-C sends
    assert code == 0 and seconds < 15 and "no longer running" in err, (seconds, err)
    assert "stopped" in err and "Traceback" not in err
