"""The ``remit cypher`` and ``remit neo4j load`` commands: answers, one-line errors, secrets kept."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import remit
import remit.cypher
from remit.cli import build_parser, main
from remit.cypher import bolt as bolt_module
from remit.cypher import parse
from remit.cypher.embedded import free_port
from remit.cypher.runner import execute
from remit.errors import QueryError

pytestmark = pytest.mark.bolt


@pytest.fixture
def server_env(bolt: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Point the NEO4J_* variables at the test server."""
    monkeypatch.setenv("NEO4J_URI", bolt.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt.user)
    monkeypatch.setenv("NEO4J_PASSWORD", bolt.password)
    if bolt.database:
        monkeypatch.setenv("NEO4J_DATABASE", bolt.database)
    return bolt


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("remit: "), err
    assert "Traceback" not in err
    return lines[0]


def test_library_query_against_the_server(server_env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "cypher", "top_leads", "-p", "limit=2", "--json")
    assert code == 0
    rows = json.loads(out)
    # Hand-verified: 市市场监管局 leads 40, 市中级人民法院 32.
    assert [(r["unit"], r["leads"]) for r in rows] == [("市市场监管局", 40), ("市中级人民法院", 32)]
    code, out, _ = cli(capsys, "cypher", "unit_tasks", "-p", "unit=深圳海关", "--csv")
    assert code == 0 and len(out.strip().splitlines()) == 11  # header + 10 tasks


def test_query_file_and_adhoc(server_env: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "leads_of.cypher"
    path.write_text("// name: leads_of\n// en: count leads\n// param: unit (str): a unit\n"
                    "MATCH (:Unit {name: $unit})-[:LEADS]->(t:Task) RETURN count(t) AS n\n", encoding="utf-8")
    code, out, _ = cli(capsys, "cypher", str(path), "-p", "unit=市税务局", "--json")
    assert code == 0 and json.loads(out) == [{"n": 13}]  # rows 5,9,12,69,70,72-78,123
    adhoc = "MATCH (u:Unit {name: $u})-[:SUPPORTS]->(t) RETURN count(t) AS n"
    code, out, _ = cli(capsys, "cypher", "-e", adhoc, "-p", "u=市税务局", "--json")
    assert code == 0 and json.loads(out) == [{"n": 6}]  # rows 1,2,3,13,57,58


def test_neo4j_load_command(server_env: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "neo4j", "load", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["totals"]["Task"] == 210 and summary["changes"]["nodes_created"] == 0
    assert server_env.password not in out


@pytest.mark.parametrize(("argv", "message"), [
    (["cypher", "no_such_query"], "unknown query 'no_such_query'"),
    (["cypher", "unit_tasks"], "missing parameter unit (str)"),
    (["cypher", "unit_tasks", "-p", "unit=x", "-p", "colour=red"], "unexpected parameter colour"),
    (["cypher", "top_leads", "-p", "limit=many"], "expected int, got 'many'"),
    (["cypher", "top_leads", "-p", "limit"], "expected KEY=VALUE"),
    (["cypher", "-e", "MATCH (u:Unit RETURN u"], "Cypher syntax error"),
    (["cypher", "-e", "MATCH (n:Unit) DETACH DELETE n"], "read-only unless you pass --write"),
    (["cypher", "nothing.cypher"], "cannot read query file"),
])
def test_query_mistakes_are_one_line(server_env: Any, capsys: pytest.CaptureFixture[str],
                                     argv: list[str], message: str) -> None:
    code, _, err = cli(capsys, *argv)
    assert code == 2 and message in one_line_error(err)


def test_wrong_password_is_one_line_and_secret(bolt: Any, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEO4J_URI", bolt.uri)
    monkeypatch.setenv("NEO4J_USERNAME", bolt.user)
    monkeypatch.setenv("NEO4J_PASSWORD", "Wr0ng-Secret-xyz")
    code, out, err = cli(capsys, "cypher", "top_leads")
    line = one_line_error(err)
    assert code == 2 and "authentication failed" in line
    assert "Wr0ng-Secret-xyz" not in out + err


def test_credentials_in_the_uri_are_redacted(bolt: Any, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    host = bolt.uri.split("://", 1)[1]
    monkeypatch.setenv("NEO4J_URI", f"bolt://{bolt.user}:Uri-Secret-123@{host}")
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    code, out, err = cli(capsys, "neo4j", "load")
    assert code == 2 and "authentication failed" in one_line_error(err)
    assert "Uri-Secret-123" not in out + err
    monkeypatch.setenv("NEO4J_URI", f"http://{bolt.user}:Uri-Secret-123@{host}")
    code, out, err = cli(capsys, "cypher", "top_leads")
    # A URI that is not a Bolt URI is not quoted at all (issue 10 #6).
    assert code == 2 and "not a Bolt URI" in one_line_error(err) and "Uri-Secret" not in err


def test_unreachable_server(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    monkeypatch.setenv("NEO4J_PASSWORD", "whatever-it-is")
    code, _, err = cli(capsys, "cypher", "top_leads")
    assert code == 2 and "cannot reach the server" in one_line_error(err)
    code, _, err = cli(capsys, "neo4j", "load")
    assert code == 2 and "cannot reach the server" in one_line_error(err)


def test_no_password_flag_anywhere() -> None:
    parser = build_parser()
    for command in ("cypher", "neo4j"):
        action = next(a for a in parser._subparsers._group_actions if command in a.choices)  # type: ignore[union-attr]
        sub = action.choices[command]
        helps = sub.format_help() + "".join(
            p.format_help() for a in sub._actions if getattr(a, "choices", None) for p in a.choices.values()
            if hasattr(p, "format_help"))
        assert "--password" not in helps and "--pass" not in helps
        assert "--uri" in helps or command == "neo4j"


def test_settings_from_env_and_redaction() -> None:
    env = {"NEO4J_URI": "neo4j+s://me:pw@x.databases.neo4j.io", "NEO4J_DATABASE": "graph"}
    s = bolt_module.Settings.resolve(env=env)
    assert (s.uri, s.user, s.password, s.database) == ("neo4j+s://x.databases.neo4j.io", "me", "pw", "graph")
    s = bolt_module.Settings.resolve(uri="bolt://h:7687", user="u", env={**env, "NEO4J_PASSWORD": "p2"})
    assert (s.uri, s.user, s.password) == ("bolt://h:7687", "u", "p2")
    assert bolt_module.redact("a bolt+s://u:p@h:1 and neo4j://v:q@k") == "a bolt+s://u:***@h:1 and neo4j://v:***@k"
    with pytest.raises(remit.errors.GraphStoreError, match="set NEO4J_URI"):
        bolt_module.Settings.resolve(env={})


def test_read_only_unless_write(bolt: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    count = parse("MATCH (n:RemitScratch) RETURN count(n) AS n")
    create = parse("CREATE (n:RemitScratch {name: $name}) RETURN n.name AS name")
    with pytest.raises(QueryError, match="read-only"):
        execute(bolt.driver, create, {"name": "a"}, bolt.database)
    # The text check off, the server's own counters still stop the write and roll it back.
    monkeypatch.setattr("remit.cypher.runner.write_clause", lambda text: None)
    with pytest.raises(QueryError):
        execute(bolt.driver, create, {"name": "a"}, bolt.database)
    assert execute(bolt.driver, count, {}, bolt.database).loc[0, "n"] == 0
    assert execute(bolt.driver, create, {"name": "a"}, bolt.database, write=True).loc[0, "name"] == "a"
    assert execute(bolt.driver, count, {}, bolt.database).loc[0, "n"] == 1
    execute(bolt.driver, parse("MATCH (n:RemitScratch) DELETE n"), {}, bolt.database, write=True)
    assert execute(bolt.driver, count, {}, bolt.database).loc[0, "n"] == 0


def test_python_api_with_a_driver(bolt: Any) -> None:
    got = remit.cypher.run("support_only", bolt.driver, database=bolt.database)
    assert "市税务局" not in set(got["unit"]) and (got["supports"] > 0).all()
    with pytest.raises(QueryError, match="missing parameter source"):
        remit.cypher.run("shortest_path", bolt.driver, database=bolt.database, target="x")


def test_python_api_embedded(bolt: Any) -> None:
    """driver=None starts remit's own engine (once per process) and loads the given list, once per content."""
    if bolt.name != "arcadedb":
        pytest.skip("the embedded engine is tested once, with the arcadedb backend")
    from remit.cypher.embedded import shared_engine

    top = remit.cypher.run("top_leads", tasklist=remit.load(remit.example_path()), limit=1)
    assert (top.loc[0, "unit"], top.loc[0, "leads"]) == ("市市场监管局", 40)
    databases = dict(shared_engine().loaded)
    tl = remit.load(remit.example_path())
    partners = remit.cypher.run("unit_partners", tasklist=tl, unit="市税务局")
    C = remit.coordination_graph(remit.build_graph(tl))
    assert set(partners["partner"]) == set(C["市税务局"])
    # Two equal lists (two objects) share one database: the engine keys them by content.
    assert shared_engine().loaded == databases
    with pytest.raises(QueryError, match="needs a driver, or tasklist="):
        remit.cypher.run("top_leads")


@pytest.mark.slow  # starts a second JVM in a subprocess
def test_cli_embedded_in_a_fresh_process(bolt: Any, tmp_path: Path) -> None:
    """Without NEO4J_URI, remit cypher starts ArcadeDB in-process, quietly, and leaves no files."""
    if bolt.name != "arcadedb":
        pytest.skip("the embedded engine is tested once, with the arcadedb backend")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PYTHONPATH"] = str(Path(remit.__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-m", "remit", "cypher", "unit_tasks", "-p", "unit=市税务局",
                           "--json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert sorted(r["number"] for r in rows) == [5, 9, 12, 69, 70, 72, 73, 74, 75, 76, 77, 78, 123]
    # Quiet: only the one line that says what answered (no engine log, no Java warnings).
    assert done.stderr.startswith("remit: answered by ") and done.stderr.count("\n") == 1, done.stderr
    assert list(tmp_path.iterdir()) == []  # no ./log folder left behind
