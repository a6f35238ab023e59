"""The service layer under the CLI (issue 21): one ReadOptions per list read, the input size cap as a
parameter rather than a process-wide variable, and the same reading options for every command."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

import remit
from remit.analyses import unit_summary
from remit.cli import main
from remit.errors import InputError
from remit.loaders.limits import ENV_MAX_INPUT
from remit.service.reading import ReadOptions

ROOT = Path(__file__).resolve().parent.parent
PROSE = ROOT / "tests" / "fixtures" / "realworld" / "guofa-2018-39-jiuye.html"


# --max-input-size --------------------------------------------------------------------------------

def test_the_cli_size_option_leaves_the_environment_alone(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """Until issue 21, ``--max-input-size`` wrote REMIT_MAX_INPUT_SIZE into os.environ."""
    monkeypatch.delenv(ENV_MAX_INPUT, raising=False)
    before = dict(os.environ)
    assert main(["stats", "--json", "--max-input-size", "1G"]) == 0
    assert json.loads(capsys.readouterr().out)["tasks"] == 210
    assert dict(os.environ) == before


def test_the_cli_size_option_refuses_a_larger_file(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv(ENV_MAX_INPUT, raising=False)
    assert main(["stats", "--max-input-size", "50K", str(remit.example_path())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shenzhen-2020-tasks.md" in err and "50 KiB" not in err
    assert "over the limit of 51,200 bytes" in err  # 50K = 51,200 bytes; the example has 105,504
    assert ENV_MAX_INPUT not in os.environ


def test_a_library_call_refuses_a_file_above_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_MAX_INPUT, raising=False)
    size = remit.example_path().stat().st_size  # 105,504 bytes
    with pytest.raises(InputError) as caught:
        remit.load(remit.example_path(), max_input_size=size - 1)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(remit.example_path()))
    assert f"over the limit of {size - 1:,} bytes" in message
    assert len(remit.load(remit.example_path(), max_input_size=size).tasks) == 210  # exactly at the cap


def test_the_parameter_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_MAX_INPUT, "1K")
    with pytest.raises(InputError, match="over the limit of 1,024 bytes"):
        remit.load(remit.example_path())  # no parameter: the environment's cap still applies
    assert len(remit.load(remit.example_path(), max_input_size="1M").tasks) == 210


def test_a_bad_size_is_one_line_naming_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units", "--max-input-size", "lots"]) == 2
    err = capsys.readouterr().err
    assert err == "remit: --max-input-size: not a size: 'lots'; expected e.g. 200M or 1G\n"
    with pytest.raises(InputError, match="not a size"):
        remit.load(remit.example_path(), max_input_size="lots")


# ReadOptions ---------------------------------------------------------------------------------------

def test_cache_options_keep_their_exact_strings(tmp_path: Path) -> None:
    """Cache keys already on disk hold these strings: they must not change."""
    successors = tmp_path / "succ.csv"
    successors.write_bytes(b"old,new,date,level,place,source\n")
    digest = hashlib.sha256(successors.read_bytes()).hexdigest()
    options = ReadOptions(inputs=("a.md",), place="深圳市", lead_rule="all", names_as_of="2020-01-01",
                          successors=(str(successors), str(tmp_path / "missing.csv")), max_input_size="1G")
    assert options.cache_options() == ["--place=深圳市", "--lead-rule=all", "--names-as-of=2020-01-01",
                                       f"--successors=succ.csv:{digest}",
                                       "--successors=missing.csv:unreadable"]
    assert ReadOptions().cache_options() == []


def test_the_lead_rule_is_parsed_once() -> None:
    from remit.model import LeadRule

    assert ReadOptions(lead_rule="first").lead_rule is LeadRule.FIRST
    with pytest.raises(ValueError):
        ReadOptions(lead_rule="loudest")


def test_default_input_is_the_example() -> None:
    assert Path(ReadOptions().specs()[0]).resolve() == remit.example_path().resolve()
    assert ReadOptions(inputs=["x=a.md"]).specs() == ["x=a.md"]


# remit diff reads both sides with the reading options of every command ------------------------------

def _leads(tasklist: remit.TaskList) -> dict[str, int]:
    """Tasks led per agency (diff leaves collective placeholders out by default)."""
    agencies = set(tasklist.units.loc[tasklist.units["kind"] == "agency", "unit"])
    a = tasklist.assignments
    a = a[(a["role"] == "lead") & a["unit"].isin(agencies)]
    return a.groupby("unit")["task_id"].nunique().to_dict()


def test_diff_takes_the_lead_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--json", "--lead-rule", "all", str(PROSE), str(PROSE)]) == 0
    units = json.loads(capsys.readouterr().out)["units"]
    expected = _leads(remit.load(PROSE, lead_rule="all"))
    assert expected != _leads(remit.load(PROSE))  # the rule matters on this list
    assert {u["unit"]: u["led_old"] for u in units if u["led_old"]} == expected
    assert {u["unit"]: u["led_new"] for u in units if u["led_new"]} == expected


def test_diff_takes_the_size_cap(capsys: pytest.CaptureFixture[str]) -> None:
    # The prose list (21,208 bytes) passes a 50K cap; the example (105,504 bytes) does not.
    assert main(["diff", "--max-input-size", "50K", str(PROSE), str(remit.example_path())]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shenzhen-2020-tasks.md" in err and "over the limit" in err


def test_diff_takes_names_as_of(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Read as of 2020, a 2017-style list's 市工商局 is 市市场监管局 already: nothing left to call renamed."""
    old = tmp_path / "shenzhen-2017-style.md"
    old.write_text(remit.example_path().read_text(encoding="utf-8").replace("市市场监管局", "市工商局"),
                   encoding="utf-8")
    assert main(["diff", "--json", str(old), str(remit.example_path())]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert [(r["old"], r["new"]) for r in plain["renamed"]] == [("市工商局", "市市场监管局")]
    assert main(["diff", "--json", "--names-as-of", "2020-01-01", str(old), str(remit.example_path())]) == 0
    as_of = json.loads(capsys.readouterr().out)
    assert as_of["renamed"] == []
    assert not any(m["lead_changed"] or m["support_changed"] or m["text_changed"] for m in as_of["matched"])
    assert "市工商局" not in {u["unit"] for u in as_of["units"]}


READING = ["--aliases", "a.csv", "--place", "深圳市", "--names-as-of", "2020-01-01", "--successors", "s.csv",
           "--max-input-size", "1M", "--lead-rule", "first"]


@pytest.mark.parametrize("words", [["check"], ["stats"], ["aliases"], ["units"], ["clusters"], ["whatif"],
                                   ["map", "-o", "m.html"], ["report", "-o", "r"], ["export", "-o", "g.json"],
                                   ["diff", "old.md", "new.md"]])
def test_every_command_that_reads_lists_takes_the_same_reading_options(words: list[str]) -> None:
    from remit.cli import build_parser
    from remit.cli.common import read_options

    args = build_parser().parse_args([*words, *READING])
    options = read_options(args, ["x.md"])
    assert (options.aliases, options.place, options.names_as_of, options.successors, options.max_input_size,
            options.lead_rule.value) == (("a.csv",), "深圳市", "2020-01-01", ("s.csv",), "1M", "first")


def test_the_size_cap_reaches_the_progress_sheet(tmp_path: Path, example_graph) -> None:
    """The cap held for the --status sheet when it was a process-wide variable; as a parameter too."""
    from remit.service.followup import followup_of

    sheet = tmp_path / "status.csv"
    sheet.write_text("序号,完成情况,完成时间,备注\n" + "".join(f"{n},推进中,,\n" for n in range(1, 201)),
                     encoding="utf-8")
    assert sheet.stat().st_size > 2048
    with pytest.raises(InputError) as caught:
        followup_of(unit_summary(example_graph), "2020-04-01", sheet, max_input_size="2K")
    assert str(caught.value).startswith(str(sheet)) and "over the limit of 2,048 bytes" in str(caught.value)
    view = followup_of(unit_summary(example_graph), "2020-04-01", sheet, max_input_size="1M")
    assert view.result is not None and view.result.has_status and view.notes == []


def test_a_unit_table_without_a_sheet_does_not_import_the_text_matcher(tmp_path: Path) -> None:
    """Adding the overdue counts costs no scipy.optimize (the sheet matcher of remit.analyses.followup):
    ``remit units`` and ``remit report`` without --status started as fast before the service layer."""
    import subprocess
    import sys

    code = ("import sys\nfrom remit.cli import main\n"
            f"main(['units', '--csv']); main(['report', '-o', {str(tmp_path / 'r')!r}])\n"
            "print('\\n' + ' '.join(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          timeout=300)
    loaded = set(done.stdout.splitlines()[-1].split())
    assert "remit.analyses.overdue" in loaded and "scipy.optimize" not in loaded


def test_a_finding_without_a_row_names_its_file_alone(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # A file-wide note (traditional characters) has no row: "trad.txt: …", not "trad.txt, : …".
    path = tmp_path / "trad.txt"
    path.write_text("一、審批\n1.全面實施行政許可事項清單管理。（市政府辦公室牽頭，市級各有關部門按職責分工負責）\n",
                    encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "info    trad.txt: the document is written in traditional characters" in out
    assert ", :" not in out
