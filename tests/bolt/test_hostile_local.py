"""Hostile conditions for remit's own graph: ``remit serve``, the embedded cache and ``remit cypher``.

Writes smuggled through the read-only path (APOC procedures that ArcadeDB's
Bolt listener runs in a "read" transaction), interrupted and failed loads,
cached databases changed behind remit's back, folders and files planted by
another local user, and inputs that used to end in a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import neo4j
import pytest

import remit
from remit.cli import main
from remit.cypher.cache import cached_database
from remit.cypher.embedded import free_port
from remit.cypher.folders import write_private
from remit.cypher.marker import MARKER, manifest
from remit.service.reading import ReadOptions

pytestmark = pytest.mark.bolt

ROOT = Path(remit.__file__).resolve().parent.parent
NOBODY = 65534
# Both reported in issue 18: they wrote through `remit cypher` without --write.
DELETE_LEADS = ("CALL apoc.do.when(true, 'MATCH (u:Unit {name: \"市市场监管局\"})-[r:LEADS]->() DELETE r "
                "RETURN count(*) AS n', '', {}) YIELD value RETURN value")
MERGE_NODE = "CALL apoc.merge.node(['Unit'],{name:'X'}) YIELD node RETURN node"
# Hand-checked in the example: 62 units; 市市场监管局 leads 40 tasks.
UNITS, TOP_LEADS = 62, 40
COUNTS = ("MATCH (u:Unit) WITH count(u) AS units "
          "OPTIONAL MATCH (:Unit {name: '市市场监管局'})-[r:LEADS]->() RETURN units, count(r) AS leads")


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "REMIT_SERVE"))}
    env.update({"PYTHONPATH": str(ROOT), "REMIT_DATA_DIR": str(data), **extra})
    return env


def _remit(data: Path, *argv: str, timeout: float = 180, cwd: Path | None = None,
           **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "remit", *argv], env=_env(data, **extra),
                          capture_output=True, text=True, timeout=timeout, cwd=cwd)


def _one_line(done: subprocess.CompletedProcess[str]) -> bool:
    return done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def _cypher(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["cypher", *argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else [], err


# ---------------------------------------------------------------- writes through the read path


@dataclass
class Served:
    proc: subprocess.Popen[str]
    ready: str
    db: Path
    data: Path
    bolt_port: int


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """``remit serve`` on the example, on the IPv6 loopback (``serve --host ::1`` said "in use")."""
    data, db, port = tmp_path_factory.mktemp("data"), tmp_path_factory.mktemp("db"), free_port()
    proc = subprocess.Popen([sys.executable, "-m", "remit", "serve", "--db", str(db), "--host", "::1",
                             "--bolt-port", str(port), "--http-port", str(free_port())], env=_env(data),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if not line:
        proc.wait(10)
        pytest.fail(f"remit serve did not start: {proc.stderr.read() if proc.stderr else ''}")
    yield Served(proc, line.strip(), db, data, port)
    proc.send_signal(signal.SIGTERM)
    proc.wait(30)


def _served_counts(served: Served) -> tuple[int, int]:
    password = (served.db / "bolt-password").read_text(encoding="utf-8").strip()
    with neo4j.GraphDatabase.driver(f"bolt://[::1]:{served.bolt_port}", auth=("root", password)) as driver:
        record = driver.execute_query(COUNTS, database_="remit").records[0]
    return int(record["units"]), int(record["leads"])


@pytest.mark.slow
def test_writes_through_serve_are_refused_by_the_server(served: Served, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert f"ready at bolt://[::1]:{served.bolt_port}" in served.ready
    assert _served_counts(served) == (UNITS, TOP_LEADS)
    query_file = tmp_path / "sneaky.cypher"
    query_file.write_text(DELETE_LEADS + "\n", encoding="utf-8")
    for argv in (["-e", DELETE_LEADS], ["-e", MERGE_NODE], [str(query_file)]):
        done = _remit(served.data, "cypher", *argv)
        assert done.returncode == 2, (argv, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
    # %%cypher, in this process: it finds the server through the same state file.
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("REMIT_DATA_DIR", str(served.data))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "remit")
    capsys.readouterr()  # another test may have loaded it: IPython says so, which is not ours
    for cell in (DELETE_LEADS, MERGE_NODE):
        assert shell.run_cell_magic("cypher", "", cell) is None
        assert capsys.readouterr().out.startswith("%%cypher: the server rejected the query")
    assert _served_counts(served) == (UNITS, TOP_LEADS)  # nothing deleted, nothing created
    # Reads still answer, from the server (no cache folder appears).
    done = _remit(served.data, "cypher", "top_leads", "-p", "limit=1", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["leads"] == TOP_LEADS
    assert not (served.data / "cache").exists()
    for path in (served.db / "databases", served.db / "config", served.data, served.data / "servers"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path


@pytest.mark.slow
def test_a_killed_serve_leaves_a_database_the_next_start_rebuilds(tmp_path: Path) -> None:
    data, db = tmp_path / "data", tmp_path / "db"

    def start() -> tuple[subprocess.Popen[str], str]:
        proc = subprocess.Popen([sys.executable, "-m", "remit", "serve", "--db", str(db), "--bolt-port",
                                 str(free_port()), "--http-port", str(free_port())], env=_env(data),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        return proc, proc.stdout.readline()

    proc, ready = start()
    assert "loaded the database" in ready, proc.stderr.read() if proc.stderr else ""
    assert json.loads((db / MARKER).read_text(encoding="utf-8"))["state"] == "loading"  # root may write
    proc.kill()  # SIGKILL: no clean stop, no manifest
    proc.wait(30)
    proc, ready = start()
    try:
        assert "loaded the database" in ready  # rebuilt, not reused
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and "did not finish" in err, err
    marker = json.loads((db / MARKER).read_text(encoding="utf-8"))
    assert marker["state"] == "complete" and marker["manifest"] == manifest(db)


def test_the_cache_is_opened_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from remit.cypher.native import execute_native
    from remit.cypher.runner import adhoc
    from remit.errors import QueryError

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    for query in (DELETE_LEADS, MERGE_NODE):
        code, _, err = _cypher(capsys, "-e", query)
        assert code == 2 and err.count("\n") == 1, err
    key = ReadOptions().key()
    [folder] = (tmp_path / "data" / "cache").iterdir()
    with cached_database(folder, key, lambda: pytest.fail("loaded again"),
                                version=remit.__version__) as database:
        with pytest.raises(Exception, match=r"read only|ReadOnly"):  # the engine itself refuses
            database.command("opencypher", "CREATE (:Unit {name: 'X'})")
        for query in (DELETE_LEADS, MERGE_NODE):
            with pytest.raises(QueryError):
                execute_native(database, adhoc(query))
        counts = execute_native(database, adhoc(COUNTS))
    assert (int(counts.loc[0, "units"]), int(counts.loc[0, "leads"])) == (UNITS, TOP_LEADS)
    for path in (tmp_path / "data", tmp_path / "data" / "cache", folder, folder / "databases"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path  # buckets and WAL were 0644 in 0755


def test_run_without_a_driver_reads_as_the_read_only_user(example: remit.TaskList) -> None:
    from remit.cypher.runner import adhoc
    from remit.errors import QueryError

    for query in (DELETE_LEADS, MERGE_NODE):
        with pytest.raises(QueryError, match="rejected"):
            remit.cypher.run(adhoc(query), tasklist=example)
    counts = remit.cypher.run(adhoc(COUNTS), tasklist=example)
    assert (int(counts.loc[0, "units"]), int(counts.loc[0, "leads"])) == (UNITS, TOP_LEADS)


# ---------------------------------------------------------------- the cache key and its entries


def test_the_lead_rule_is_part_of_the_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    first = remit.load(remit.example_path(), lead_rule="first").assignments
    expected = int(((first["unit"] == "市市场监管局") & (first["role"] == "lead")).sum())
    assert expected == 32  # what `remit stats --lead-rule first` says (issue 18)
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
    assert code == 0 and rows[0]["leads"] == TOP_LEADS, err
    code, rows, err = _cypher(capsys, "top_leads", "--lead-rule", "first", "-p", "limit=1")
    assert code == 0, err
    assert (rows[0]["unit"], rows[0]["leads"]) == ("市市场监管局", expected)


def test_an_interrupted_first_load_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    key = ReadOptions().key()
    folder = tmp_path / "cache" / key[:16]
    # kill -9 in the middle of the load: the process dies once the database exists.
    script = textwrap.dedent(f"""
        import os, sys
        from pathlib import Path
        import remit
        from remit.cypher.cache import cached_database
        with cached_database(Path(sys.argv[1]), {key!r}, lambda: os.kill(os.getpid(), 9),
                             version=remit.__version__):
            pass
    """)
    done = subprocess.run([sys.executable, "-c", script, str(folder)], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert (folder / "databases" / "remit").is_dir()
    assert json.loads((folder / MARKER).read_text(encoding="utf-8"))["state"] == "loading"
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
    assert code == 0 and rows[0]["leads"] == TOP_LEADS, err
    assert "did not finish" in err and "did not write" not in err
    # Ctrl-C during the load of a --fresh rebuild: the next run, --fresh or not, rebuilds again.
    def interrupted(options: object) -> remit.TaskList:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(ReadOptions, "load", interrupted)
        assert main(["cypher", "top_leads", "--fresh"]) == 130
    capsys.readouterr()
    for extra in ([], ["--fresh"]):
        code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1", *extra)
        assert code == 0 and rows[0]["leads"] == TOP_LEADS, err
    assert json.loads((folder / MARKER).read_text(encoding="utf-8"))["state"] == "complete"
    # An entry that an earlier remit (markers without a state) left half-loaded has no marker at all:
    # in remit's own cache folder it is remit's, and rebuilt.
    (folder / MARKER).unlink()
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
    assert code == 0 and rows[0]["leads"] == TOP_LEADS and "has no marker" in err, err


OTHER_LIST = """\
| 序号 | 改革任务 | 责任单位 | 完成时限 |
|---|---|---|---|
| 1 | 推行电子证照 | 市政务服务数据管理局 | 2020年3月底前 |
| 2 | 压缩开办时间 | 市市场监管局、市税务局 | 2020年6月底前 |
"""


def test_a_cached_database_changed_behind_remits_back_is_rebuilt(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    other = tmp_path / "other.md"
    other.write_text(OTHER_LIST, encoding="utf-8")
    other_units = len(remit.load(other).units)
    assert other_units == 3
    count_units = ["-e", "MATCH (u:Unit) RETURN count(u) AS n"]
    code, rows, err = _cypher(capsys, *count_units)
    assert code == 0 and rows == [{"n": UNITS}], err
    code, rows, err = _cypher(capsys, *count_units, str(other))
    assert code == 0 and rows == [{"n": other_units}], err
    cache = tmp_path / "data" / "cache"
    example = cache / ReadOptions().key()[:16]
    copied = cache / ReadOptions(inputs=(str(other),)).key()[:16]

    # A damaged bucket (it answered 53 units instead of 62).
    [bucket] = (example / "databases" / "remit").glob("Unit_0.*.bucket")
    data = bytearray(bucket.read_bytes())
    data[200:4000] = bytes(3800)
    bucket.write_bytes(bytes(data))
    code, rows, err = _cypher(capsys, *count_units)
    assert code == 0 and rows == [{"n": UNITS}] and "not as remit wrote it" in err, err

    # The database of another input copied over this one (it answered 39).
    database = example / "databases" / "remit"
    import shutil

    shutil.rmtree(database)
    shutil.copytree(copied / "databases" / "remit", database)
    code, rows, err = _cypher(capsys, *count_units)
    assert code == 0 and rows == [{"n": UNITS}] and "not as remit wrote it" in err, err

    # A trigger that exports the database into the caller's folder on every read.
    def plant_trigger() -> None:
        import arcadedb_embedded

        db = arcadedb_embedded.open_database(str(database))
        try:
            db.command("sql", "CREATE TRIGGER spy BEFORE READ ON TYPE Unit "
                              "EXECUTE SQL 'EXPORT DATABASE file://spy.jsonl.tgz'")
        finally:
            db.close()

    plant_trigger()
    code, rows, err = _cypher(capsys, *count_units)
    assert code == 0 and rows == [{"n": UNITS}] and "not as remit wrote it" in err, err
    # ... and with the manifest rewritten to match, as someone who can write the marker could.
    plant_trigger()
    marker = json.loads((example / MARKER).read_text(encoding="utf-8"))
    write_private(example / MARKER, json.dumps({**marker, "manifest": manifest(example)}))
    code, _, err = _cypher(capsys, *count_units)
    assert code == 2 and err.count("\n") == 1 and "triggers remit did not make" in err, err
    assert list(cwd.iterdir()) == []  # nothing exported
    code, rows, err = _cypher(capsys, *count_units, "--fresh")
    assert code == 0 and rows == [{"n": UNITS}], err


# ---------------------------------------------------------------- other users' folders and files


def test_folders_and_files_of_other_users_are_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    servers = data / "servers"
    servers.mkdir(parents=True, mode=0o700)
    data.chmod(0o700)
    secret = tmp_path / "secret"
    secret.write_text("the user's own secret\n", encoding="utf-8")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        # A state file another user planted: it would send the contents of `secret` to their port.
        planted = servers / "0123456789abcdef.json"
        planted.write_text(json.dumps({
            "pid": os.getpid(), "uri": f"bolt://127.0.0.1:{listener.getsockname()[1]}", "user": "root",
            "folder": str(tmp_path), "key": "x", "password_file": str(secret), "reader": "reader",
            "reader_password_file": str(secret)}), encoding="utf-8")
        planted.chmod(0o600)
        os.chown(planted, NOBODY, NOBODY)
        done = _remit(data, "cypher", "top_leads")
        assert _one_line(done) and "belongs to another user" in done.stderr and str(planted) in done.stderr
        os.chown(planted, os.getuid(), os.getgid())
        planted.chmod(0o666)
        done = _remit(data, "cypher", "top_leads")
        assert _one_line(done) and "writable by other users" in done.stderr
        with pytest.raises(TimeoutError):
            listener.accept()  # nothing ever connected
    planted.unlink()
    data.chmod(0o777)
    done = _remit(data, "cypher", "top_leads")
    assert _one_line(done) and "writable by other users" in done.stderr and str(data) in done.stderr
    data.chmod(0o700)
    # serve: a folder of another user, or a password planted in one's own folder.
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, NOBODY, NOBODY)
    done = _remit(data, "serve", "--db", str(theirs), "--bolt-port", str(free_port()), timeout=60)
    assert _one_line(done) and "belongs to another user" in done.stderr
    mine = tmp_path / "mine"
    mine.mkdir(mode=0o700)
    (mine / "bolt-password").write_text("planted-password\n", encoding="utf-8")
    os.chown(mine / "bolt-password", NOBODY, NOBODY)
    done = _remit(data, "serve", "--db", str(mine), "--bolt-port", str(free_port()), timeout=60)
    assert _one_line(done) and "password file belongs to another user" in done.stderr


# ---------------------------------------------------------------- one line, not a traceback


def test_bad_ports_and_query_files_are_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = _remit(data, "serve", "--bolt-port", "70000", "--db", str(tmp_path / "db"), timeout=60)
    assert _one_line(done) and "70000" in done.stderr and "65535" in done.stderr
    zero = tmp_path / "zero.cypher"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.cypher"
    os.mkfifo(fifo)
    for path in (zero, fifo):
        done = _remit(data, "cypher", str(path), timeout=60)
        assert _one_line(done) and "regular file" in done.stderr and str(path) in done.stderr


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_the_next_run_rebuilds(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    # The example's database takes about 2.7 MB; these sizes fail it in the bulk load (3600k) and in
    # the engine's page flushes after the load reported success (4200k: it then answered nothing).
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3600k", "tmpfs", str(disk)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        data, scratch = disk / "data", tmp_path / "tmp"
        scratch.mkdir()
        for size in ("3600k", "4200k"):
            subprocess.run(["mount", "-o", f"remount,size={size}", str(disk)], check=True)
            done = _remit(data, "cypher", "top_leads", "-p", "limit=1", "--json", TMPDIR=str(scratch))
            last = done.stderr.strip().splitlines()[-1]
            assert done.returncode == 2 and last.startswith("remit: ") and "Traceback" not in done.stderr, \
                (size, done.stderr[-2000:])
        subprocess.run(["mount", "-o", "remount,size=16m", str(disk)], check=True)
        done = _remit(data, "cypher", "top_leads", "-p", "limit=1", "--json", TMPDIR=str(scratch))
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)[0]["leads"] == TOP_LEADS and "did not finish" in done.stderr
        assert list(scratch.iterdir()) == []  # no remit-jvm-* folder outlives a run
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_inputs_may_follow_the_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    listed = tmp_path / "list.md"
    shutil.copy(remit.example_path(), listed)
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=3", str(listed))
    assert code == 0, err
    assert len(rows) == 3 and (rows[0]["unit"], rows[0]["leads"]) == ("市市场监管局", TOP_LEADS)
    code, rows, err = _cypher(capsys, "-e", "MATCH (u:Unit {name: $n}) RETURN u.kind AS kind", "-p",
                              "n=市税务局", str(listed))
    assert code == 0 and rows == [{"kind": "agency"}], err
