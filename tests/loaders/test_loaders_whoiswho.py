"""Who is who: a list's government, aliases scoped to it, levels kept, and known forms merged.

The places and levels expected come from the fixtures' hand-made facts files
(tests/fixtures/realworld/**/*.facts.json), written without remit; the names
expected were read off the documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import remit
from remit.loaders.files import decode_text
from remit.loaders.government import place_of, read_government
from remit.model import NATIONAL

Write = Callable[[str, str], Path]
REAL = Path(__file__).resolve().parents[1] / "fixtures" / "realworld"
CORPUS = REAL / "corpus2"
FACTS = sorted(REAL.glob("*.facts.json")) + sorted(CORPUS.glob("*.facts.json"))
LEVEL = {"central": "national", "city": "city", "province": "province"}


def _document(facts_path: Path) -> Path:
    stem = facts_path.name.removesuffix(".facts.json")
    return next(p for p in facts_path.parent.glob(stem + ".*") if not p.name.endswith(".json"))


@pytest.mark.parametrize("facts_path", FACTS, ids=lambda p: p.name.removesuffix(".facts.json"))
def test_government_read_from_the_document(facts_path: Path) -> None:
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    document = _document(facts_path)
    found = read_government(decode_text(document.read_bytes(), str(document)))
    if facts.get("place") is None:  # the first six: State Council documents, issuer 国务院(办公厅)
        assert facts["issuer"].startswith("国务院")
        expected_place, expected_level = NATIONAL, "national"
    else:
        # "青岛市（市工业和信息化局）": the government, then the issuing body.
        expected_place, expected_level = facts["place"].split("（")[0], LEVEL[facts["level"]]
    assert found.level == expected_level
    if expected_place.startswith("国家"):
        assert found.place == NATIONAL
    else:  # 阿坝州 is written in full as 四川省阿坝藏族羌族自治州
        assert found.place == expected_place or (
            found.place is not None and found.place.removesuffix("州") in expected_place)


@pytest.mark.parametrize("slug", ["jinan-2019-xianjin-zhizao-shuzi-jingji",
                                  "jinan-2020-rengong-zhineng-shiyanqu-zhengqiu-yijian",
                                  "jinan-2024-rengong-zhineng-xingdong-jihua",
                                  "qingdao-2023-gongye-hulianwang-pingtai",
                                  "qingdao-2024-haiyang-rengong-zhineng-damoxing"])
def test_jinan_and_qingdao_keep_their_official_name(slug: str) -> None:
    # Each document writes 市人力资源社会保障局 (grep of the .txt); Shenzhen's alias is not theirs.
    assert "市人力资源社会保障局" in (CORPUS / f"{slug}.txt").read_text(encoding="utf-8")
    tl = remit.load(CORPUS / f"{slug}.txt")
    units = set(tl.units["unit"])
    assert "市人力资源社会保障局" in units
    assert "市人力资源保障局" not in units
    assert tl.government().level == "city"
    assert tl.government().place in {"济南市", "青岛市"}


def test_the_example_keeps_shenzhens_name() -> None:
    tl = remit.load(remit.example_path())
    assert tl.government().place == "深圳市" and tl.government().level == "city"
    units = set(tl.units["unit"])
    assert "市人力资源保障局" in units and "市人力资源社会保障局" not in units
    # Tasks 187 and 204 write the long form; Shenzhen's alias set merges it, with an audit line.
    merged = tl.audit[tl.audit["before"] == "市人力资源社会保障局"]
    assert sorted(merged["task_id"]) == ["shenzhen-2020-tasks#187", "shenzhen-2020-tasks#204"]
    assert merged["rule"].str.contains("aliases-shenzhen.csv").all()


def test_a_state_council_list_keeps_the_level_of_its_short_forms() -> None:
    # 国办发〔2018〕129号 writes "…人民银行、国资委、国管局…": the State Council's 国资委.
    tl = remit.load(REAL / "guobanfa-2018-129-xiaofei-fupin.html")
    units = set(tl.units["unit"])
    assert "国务院国资委" in units and "国资委" not in units
    # 发改高技〔2020〕1922号 writes 中央网信办 and keeps it.
    tl = remit.load(CORPUS / "central-2020-dashuju-zhongxin-xietong.txt")
    assert "中央网信办" in set(tl.units["unit"]) and "网信办" not in set(tl.units["unit"])


STATE_COUNCIL = ("国务院办公厅关于印发某方案的通知\n\n国办发〔2020〕99号\n\n"
                 "| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
                 "| 1 | 甲 | 国务院国资委、发展改革委 |\n| 2 | 乙 | 中央网信办 |\n| 3 | 丙 | 国资委 |\n")


def test_state_council_names_written_whole_stay_whole(write: Write) -> None:
    tl = remit.load(write("gwy.md", STATE_COUNCIL))
    assert tl.government().place == NATIONAL
    assert set(tl.units["unit"]) == {"国务院国资委", "国家发展改革委", "中央网信办"}


def test_a_city_list_keeps_its_own_guoziwei(write: Write) -> None:
    # A city's bare 国资委 after a 市 name borrows the city's level, never the State Council's.
    text = ("为推动我市发展，制定本清单。\n\n| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
            "| 1 | 甲 | 市财政局、国资委 |\n| 2 | 乙 | 市国资委 |\n")
    tl = remit.load(write("city.md", text), place="济南市")
    assert set(tl.units["unit"]) == {"市财政局", "市国资委"}


UNPLACED = ("| 序号 | 改革措施 | 牵头单位 | 配合单位 |\n|---|---|---|---|\n"
            "| 1 | 甲 | 市市场监管局 | 市人力资源社会保障局 |\n")


def test_place_given_chooses_the_alias_set(write: Write) -> None:
    path = write("list.md", UNPLACED)
    assert remit.load(path).government().place is None
    assert "市人力资源社会保障局" in set(remit.load(path).units["unit"])
    shenzhen = remit.load(path, place="深圳")
    assert shenzhen.government() == place_of("深圳市")
    assert "市人力资源保障局" in set(shenzhen.units["unit"])
    assert "市人力资源社会保障局" in set(remit.load(path, place="青岛市").units["unit"])


def test_user_alias_rows_scoped_by_place(write: Write) -> None:
    aliases = write("mine.csv", "alias,canonical,kind,place,note\n市人社局,市人力资源社会保障局,,济南市,\n"
                                "市发改委,市发展改革委,,,every list\n")
    path = write("jn.md", UNPLACED.replace("市人力资源社会保障局", "市人社局、市发改委"))
    jinan = set(remit.load(path, aliases=aliases, place="济南市").units["unit"])
    assert {"市人力资源社会保障局", "市发展改革委"} <= jinan
    other = set(remit.load(path, aliases=aliases, place="青岛市").units["unit"])
    assert "市人社局" in other and "市发展改革委" in other


@pytest.mark.parametrize(("cell", "kept"), [
    ("省交通运输厅、中铁济南局", "中铁济南局"),       # a central enterprise placed locally
    ("市国资委、燃气集团", "燃气集团"),                # a company
    ("市司法局、互联网法院", "互联网法院"),            # a court of its own kind
    ("市商务局、青岛海关", "青岛海关"),                # a central unit named by its place
])
def test_no_level_prefix_a_unit_does_not_have(write: Write, cell: str, kept: str) -> None:
    path = write("prefix.md", f"| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n| 1 | 甲 | {cell} |\n")
    units = set(remit.load(path).units["unit"])
    assert kept in units
    assert not {"省" + kept, "市" + kept} & units


def test_known_forms_in_one_document_merge_with_an_audit_line() -> None:
    # 鲁 2022 智能制造: measures write 省发展和改革委 twice and 省发展改革委 twice (facts file).
    slug = "shandong-2022-zhineng-zhizao-tizhi-shengji"
    facts = json.loads((CORPUS / f"{slug}.facts.json").read_text(encoding="utf-8"))
    assert facts["units"]["省发展和改革委"]["total"] == 2 and facts["units"]["省发展改革委"]["total"] == 2
    tl = remit.load(CORPUS / f"{slug}.txt")
    units = set(tl.units["unit"])
    assert "省发展改革委" in units and "省发展和改革委" not in units
    line = tl.audit[tl.audit["rule"] == "known-forms"]
    assert set(zip(line["before"], line["after"], strict=True)) == {("省发展和改革委", "省发展改革委")}
    assert "did-you-mean" not in set(tl.findings["code"])


BAOTOU = ("包头市人民政府办公室关于印发任务清单的通知\n\n为推进我市发展，制定本清单。\n\n"
          "| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n"
          "| 1 | 甲 | 市文旅广电局 |\n| 2 | 乙 | 市文旅广电局、市财政局 |\n| 3 | 丙 | 市文旅局 |\n")


def test_wenlv_forms_merge_in_one_list_but_not_across_lists(write: Write) -> None:
    tl = remit.load(write("baotou.md", BAOTOU))
    assert tl.government().place == "包头市"
    assert set(tl.units["unit"]) == {"市文旅广电局", "市财政局"}
    # Across two documents the two forms may be two bodies: they stay apart.
    one = write("a.md", BAOTOU.replace("| 3 | 丙 | 市文旅局 |\n", ""))
    two = write("b.md", BAOTOU.replace("市文旅广电局", "市文旅局"))
    both = set(remit.load([one, two]).units["unit"])
    assert {"市文旅广电局", "市文旅局"} <= both


def test_shandongs_set_applies_to_shandongs_lists_only(write: Write) -> None:
    # 鲁 2023 新一代信息技术十大工程 writes 中国人民银行山东省分行 and 国家金融监督管理总局山东监管局;
    # 鲁 2024 标志性产业链 writes 人民银行山东省分行 and 金融监管总局山东监管局: one body each.
    one = remit.load(CORPUS / "shandong-2023-xinyidai-xinxi-jishu-shida-gongcheng.txt")
    two = remit.load(CORPUS / "shandong-2024-biaozhixing-chanyelian.txt")
    assert one.government().place == two.government().place == "山东省"
    for tl in (one, two):
        units = set(tl.units["unit"])
        assert {"人民银行山东省分行", "山东金融监管局"} <= units
        long_forms = {"中国人民银行山东省分行", "国家金融监督管理总局山东监管局", "金融监管总局山东监管局"}
        assert not long_forms & units
    # The same spelling in a list of another government is left as written.
    text = "| 序号 | 改革措施 | 牵头单位 |\n|---|---|---|\n| 1 | 甲 | 国家金融监督管理总局山东监管局 |\n"
    jinan = remit.load(write("x.md", text), place="济南市")
    assert "国家金融监督管理总局山东监管局" in set(jinan.units["unit"])


@pytest.mark.parametrize(("head", "expected"), [
    ("鲁政办发〔2023〕5号\n各市人民政府：结合我省实际，省科技厅、省财政厅负责。", ("山东省", "province")),
    ("青政办字〔2023〕13号\n为推进我市发展，市科技局、市财政局负责。", ("青岛市", "city")),
    ("青政〔2020〕3号\n为推进我省发展，省科技厅、省财政厅负责。", ("青海省", "province")),
    # A 文号 quoted as a source is not the document's own.
    ("根据《通知》（鲁政发〔2020〕1号），为推进我市发展，市科技局负责。", (None, "city")),
])
def test_a_local_wenhao_names_the_place_when_the_text_does_not(head: str,
                                                              expected: tuple[str | None, str]) -> None:
    found = read_government(head)
    assert (found.place, found.level) == expected
