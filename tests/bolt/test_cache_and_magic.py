"""The content-hash cache behind ``remit cypher``, and the ``%%cypher`` IPython magic."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest

import remit
from remit.cli import main
from remit.cypher.content import content_key
from remit.cypher.marker import MARKER
from remit.service.reading import ReadOptions, shipped_tables

pytestmark = pytest.mark.bolt


def test_content_key_follows_bytes_aliases_and_version(tmp_path: Path) -> None:
    source = remit.example_path()
    a = tmp_path / "a" / source.name
    a.parent.mkdir()
    shutil.copy(source, a)
    version = remit.__version__
    key = content_key([str(source)], [], version=version)
    assert content_key([str(a)], [], version=version) == key  # same name and bytes, another folder
    a.write_bytes(a.read_bytes() + b"\n")
    assert content_key([str(a)], [], version=version) != key
    alias = tmp_path / "aliases.csv"
    alias.write_text("alias,canonical,kind,note\n", encoding="utf-8")
    assert content_key([str(source)], [str(alias)], version=version) != key
    assert content_key([f"other={source}"], [], version=version) != key  # the list id is part of the content
    assert content_key([str(source)], [], version="9.9.9") != key
    assert content_key([str(source)], [], version=version, shipped=[alias]) != key
    # The service fills in this remit's version and the tables it ships.
    assert ReadOptions().key() == content_key([str(source)], [], version=version, shipped=shipped_tables())
    assert ReadOptions().key() != key and {p.name for p in shipped_tables()} >= {"aliases.csv", "places.csv"}


def _cypher(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict], str]:
    code = main(["cypher", *argv, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else [], err


def test_repeat_queries_reuse_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
    assert code == 0, err
    assert (rows[0]["unit"], rows[0]["leads"]) == ("市市场监管局", 40)  # hand-checked in the source
    [folder] = [p for p in (tmp_path / "cache").iterdir() if p.is_dir()]
    marker = folder / MARKER
    first = marker.stat().st_mtime_ns
    code, rows, err = _cypher(capsys, "unit_tasks", "-p", "unit=市税务局")
    # Not loaded again, and stderr says so in its one line.
    assert code == 0 and err == "remit: answered by remit's cached database\n"
    assert marker.stat().st_mtime_ns == first
    assert sorted(r["number"] for r in rows) == [5, 9, 12, 69, 70, 72, 73, 74, 75, 76, 77, 78, 123]
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1", "--fresh")
    assert code == 0 and marker.stat().st_mtime_ns != first and rows[0]["leads"] == 40
    # A database written by another remit version is rebuilt, and the user is told.
    data = json.loads(marker.read_text(encoding="utf-8"))
    marker.write_text(json.dumps({**data, "remit": "0.0.1", "schema": 0, "key": "from-0.0.1"}),
                      encoding="utf-8")
    code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
    assert code == 0 and "written by remit 0.0.1" in err and "rebuilding" in err and rows[0]["leads"] == 40
    assert json.loads(marker.read_text(encoding="utf-8"))["remit"] == remit.__version__


def test_unwritable_cache_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REMIT_DATA_DIR", str(blocker / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    code, _, err = _cypher(capsys, "top_leads")
    assert code == 2 and err.count("\n") == 1 and "cannot write the data folder" in err
    assert str(blocker / "data") in err


def test_cypher_magic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, example_graph: nx.MultiDiGraph,
                      capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "remit")
    shell.user_ns["unit"] = "市税务局"
    frame = shell.run_cell_magic("cypher", "", "MATCH (u:Unit {name: $unit})-[:LEADS]->(t:Task)\n"
                                               "RETURN t.id AS task ORDER BY task")
    G = example_graph
    expected = sorted(G.nodes[t]["task_id"] for u, t, k in G.edges(keys=True)
                      if k == "LEADS" and G.nodes[u]["name"] == "市税务局")
    assert frame["task"].tolist() == expected and len(expected) == 13
    top = shell.run_line_magic("cypher", "top_leads -p limit=1+1")
    assert top["unit"].tolist() == ["市市场监管局", "市中级人民法院"]
    echo = shell.run_cell_magic("cypher", "-p unit=市财政局", "RETURN $unit AS u")
    assert echo.loc[0, "u"] == "市财政局"
    assert shell.run_cell_magic("cypher", "", "MATCH (n) DETACH DELETE n") is None
    assert "read-only" in capsys.readouterr().out


@pytest.mark.parametrize("variable", ["JAVA_TOOL_OPTIONS", "ARCADEDB_JVM_ARGS"])
def test_a_collector_chosen_by_the_user_is_kept(tmp_path: Path, variable: str) -> None:
    # remit adds the parallel collector; a second one would stop the JVM at start
    # ("Multiple garbage collectors selected"), so a user's choice must win.
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update({"PYTHONPATH": str(Path(remit.__file__).resolve().parent.parent),
                "REMIT_DATA_DIR": str(tmp_path), variable: "-XX:+UseSerialGC"})
    code = ("import jpype, remit.cypher.embedded as e; e.start_jvm_quietly(); "
            "print(sorted(str(b.getName()) for b in "
            "jpype.JClass('java.lang.management.ManagementFactory').getGarbageCollectorMXBeans()))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "MarkSweepCompact" in done.stdout  # the serial collector's old generation
    query = subprocess.run([sys.executable, "-m", "remit", "cypher", "top_leads", "-p", "limit=1", "--json"],
                           env=env, capture_output=True, text=True, timeout=180)
    assert query.returncode == 0, query.stderr
    # Hand-checked in the example: 市市场监管局 leads the most tasks, 40.
    assert json.loads(query.stdout)[0]["unit"] == "市市场监管局"


# ------------------------------------------------- remit cypher and %cypher decide alike (issue 21)

FRONTS = ["remit cypher", "%cypher"]


def _top_lead(front: str, capsys: pytest.CaptureFixture[str]) -> tuple[list[tuple[str, int]], str]:
    """Ask ``top_leads -p limit=1`` through the command line or the line magic: (unit, leads) and stderr."""
    if front == "remit cypher":
        code, rows, err = _cypher(capsys, "top_leads", "-p", "limit=1")
        assert code == 0, err
        return [(r["unit"], r["leads"]) for r in rows], err
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "remit")
    capsys.readouterr()
    frame = shell.run_line_magic("cypher", "top_leads -p limit=1")
    out, err = capsys.readouterr()
    assert frame is not None, out  # the magic prints its one-line error on stdout
    return [(str(u), int(n)) for u, n in zip(frame["unit"], frame["leads"], strict=True)], err


@pytest.mark.parametrize("front", FRONTS)
def test_a_serve_that_does_not_answer_leaves_the_answer_to_the_cache(
        front: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    import os

    from remit.cypher.embedded import free_port
    from remit.cypher.folders import write_private
    from remit.cypher.servers import ServerState, write_state

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    # The state file of a remit serve whose process lives (this one) but whose port nobody listens on.
    folder = tmp_path / "served"
    folder.mkdir(mode=0o700)
    write_private(folder / "bolt-reader-password", "not-used\n")
    uri = f"bolt://127.0.0.1:{free_port()}"
    write_state(ServerState(pid=os.getpid(), uri=uri, user="root", folder=str(folder), key="any",
                            reader="reader", reader_password_file=str(folder / "bolt-reader-password")))
    rows, err = _top_lead(front, capsys)
    assert rows == [("市市场监管局", 40)]  # hand-checked in the source
    assert f"remit: note: remit serve at {uri} did not answer" in err and "using the cache instead" in err
    assert (tmp_path / "data" / "cache").is_dir()


@pytest.mark.parametrize("front", FRONTS)
def test_the_cache_keeps_its_four_most_recent_entries(
        front: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
        ) -> None:
    import os
    import time

    from remit.cypher.cache import cache_folder

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    cache = cache_folder()
    # Five entries of remit's, used an hour ago and later, one second apart: old0 is the least recent.
    an_hour_ago = time.time() - 3600
    for n in range(5):
        (cache / f"old{n}").mkdir()
        (cache / f"old{n}" / MARKER).write_text("{}", encoding="utf-8")
        os.utime(cache / f"old{n}" / MARKER, (an_hour_ago + n, an_hour_ago + n))
    (cache / "yours").mkdir()  # no marker: not remit's, never removed
    rows, _ = _top_lead(front, capsys)
    assert rows == [("市市场监管局", 40)]
    # Six entries of remit's: the new one and old4, old3, old2 stay; old1 and old0 go.
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        [ReadOptions().key()[:16], "old2", "old3", "old4", "yours"])


def test_the_magic_writes_on_a_scratch_database_never_on_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("REMIT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    shell = InteractiveShell.instance()
    shell.run_line_magic("load_ext", "remit")
    capsys.readouterr()  # another test may have loaded it: IPython says so, which is not ours
    delete = "MATCH (u:Unit {name: '市市场监管局'}) DETACH DELETE u RETURN count(*) AS deleted"
    written = shell.run_cell_magic("cypher", "--write", delete)
    assert written is not None, capsys.readouterr().out
    assert int(written.loc[0, "deleted"]) == 1
    rows, _ = _top_lead("%cypher", capsys)  # the cache still holds the unit
    assert rows == [("市市场监管局", 40)]
