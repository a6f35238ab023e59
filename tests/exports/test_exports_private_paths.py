"""Issue 11, "Nothing private in shared files": no output names the folder its input came from."""

from __future__ import annotations

import zipfile
from pathlib import Path

import remit
import remit.exports
from remit.exports.files import FORMATS, write_graph
from remit.exports.report import write_report

# Rows are from the example's tasks 9 and 29 (remit/data/shenzhen-2020-tasks.md); the lead of
# the second is 无 so a finding (no-lead) names the file as well.
SMALL = ("|序号|改革任务|牵头单位|配合单位|\n|---|---|---|---|\n"
         "|1|优化纳税服务。|市税务局|市财政局|\n|2|研究进一步提升监理人员学历要求。|无||\n")


def texts_of(path: Path) -> list[tuple[str, str]]:
    """Every text a file holds, the parts of a ZIP package (xlsx) one by one."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as package:
            return [(f"{path.name}:{n}", package.read(n).decode("utf-8", "replace"))
                    for n in package.namelist()]
    return [(path.name, data.decode("utf-8", "replace"))]


def test_no_output_holds_the_input_folder(tmp_path: Path) -> None:
    private = tmp_path / "Users" / "李明" / "清单"
    private.mkdir(parents=True)
    source = private / "list.md"
    source.write_text(SMALL, encoding="utf-8")
    tl = remit.load(str(source))
    assert (tl.findings["code"] == "no-lead").any()  # a finding that names the source exists
    out = tmp_path / "out"
    out.mkdir()
    write_report(tl, out / "rep", progress=False)
    G = remit.build_graph(tl)
    for fmt in FORMATS:
        write_graph(G, out / f"g.{fmt}", fmt)
    remit.exports.map(tl).save(out / "map.html")
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) >= 12
    leaks = [name for p in files for name, text in texts_of(p)
             if str(tmp_path) in text or "李明" in text]
    assert leaks == []
    # The source is still named, by its file name.
    assert "list.md" in (out / "rep" / "tasks.csv").read_text(encoding="utf-8-sig")


def test_two_inputs_of_one_file_name_stay_apart(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "list.md").write_text(SMALL, encoding="utf-8")
    tl = remit.load([f"sz={tmp_path / 'a' / 'list.md'}", f"gz={tmp_path / 'b' / 'list.md'}"])
    assert sorted(set(tl.tasks["source"])) == ["list.md", "list.md (gz)"]
    assert len(tl.tasks) == 4
