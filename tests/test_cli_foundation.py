"""The foundation commands: check, stats, aliases; and the CLI's contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from remit.cli import build_parser, main


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_has_help_text():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in sub._choices_actions}
    for name in commands():
        assert helps.get(name), f"command {name} has no help text"
        assert sub.choices[name].description or helps[name]


@pytest.mark.parametrize("name", ["check", "stats", "aliases"])
def test_help_exits_zero(name, capsys):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    assert "INPUT" in capsys.readouterr().out


def test_stats_json(capsys):
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["tasks"] == 210
    assert len(stats["domains"]) == 14 and stats["domains"][7] == "加强法治保障"
    assert stats["units"] == {"agency": 51, "collective": 11}
    assert (stats["lead_edges"], stats["support_edges"]) == (268, 312)
    assert stats["per_unit"]["深圳海关"] == {"kind": "agency", "lead": 10, "support": 8}
    assert stats["per_unit"]["各相关单位"]["kind"] == "collective"


def test_check_example_is_clean(capsys):
    assert main(["check"]) == 0
    assert "210 tasks read; 0 errors" in capsys.readouterr().out


def test_check_exits_1_on_a_task_without_lead(tmp_path, capsys):
    src = tmp_path / "list.md"
    src.write_text("| 序号 | 改革措施 | 牵头单位 | 责任单位 | 完成时限 |\n|---|---|---|---|---|\n"
                   "| 1 | 甲。 | 市财政局 | 市税务局 | 2020年6月 |\n"
                   "| 2 | 乙。 |  | 市税务局 | 2020年6月 |\n", encoding="utf-8")
    assert main(["check", str(src)]) == 1
    out = capsys.readouterr().out
    # Findings name the file by its name only: they also go into shared files (issue 11).
    assert "list.md, line 4: task list#2 has no lead unit [no-lead]" in out and str(tmp_path) not in out


def test_aliases_lists_merges(capsys):
    assert main(["aliases", "--json"]) == 0
    merges = json.loads(capsys.readouterr().out)
    court = [m for m in merges if m["raw"] == "市中级法院"]
    assert court and court[0]["unit"] == "市中级人民法院" and court[0]["occurrences"] == 6  # rows 102-107


def test_explain_shows_the_trail(capsys):
    assert main(["check", "--explain", "市文化广电旅游体育局", "--json"]) == 0
    trail = json.loads(capsys.readouterr().out)
    assert {t["raw"] for t in trail} == {"市文化旅游广电体育局", "市文化广电旅游体育局"}  # rows 183, 187
    assert any(t["rule"].startswith("alias") for t in trail)


def test_explain_unknown_name(capsys):
    assert main(["check", "--explain", "不存在的局"]) == 2  # an unknown name exits 2 everywhere
    assert "不存在的局" in capsys.readouterr().err


def test_user_alias_file_merges_more(tmp_path, capsys):
    extra = tmp_path / "mine.csv"
    extra.write_text("alias,canonical,kind,note\n各有关单位,各相关单位,,same placeholder\n", encoding="utf-8")
    assert main(["stats", "--json", "--aliases", str(extra)]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert "各有关单位" not in stats["per_unit"]
    # 各相关单位 supports 12 rows (37, 151-155, 157-159, 181, 194; 156 with 各区) and 各有关单位 6.
    assert stats["per_unit"]["各相关单位"]["support"] == 12 + 6


def test_bad_alias_file_is_one_line(tmp_path, capsys):
    extra = tmp_path / "bad.csv"
    extra.write_text("alias,canonical,kind\n甲,乙,department\n", encoding="utf-8")
    assert main(["stats", "--aliases", str(extra)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{extra}, line 2" in err and "Traceback" not in err


def test_python_dash_m_remit_runs():
    done = subprocess.run([sys.executable, "-m", "remit", "stats", "--json"], capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["tasks"] == 210
