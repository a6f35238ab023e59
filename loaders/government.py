"""Whose list is it: read a list's government (place and level) from the document, or from ``--place``.

An alias or a successor is true of one government's bodies: Shenzhen writes
市人力资源保障局 where 济南 writes 市人力资源社会保障局. remit reads the place
and level of every list from what the document says of itself: a State
Council 文号 or title, the addressees (各省、自治区、直辖市人民政府), the words
我市/全市 or 我省/全省, the prefix of its unit names (市X局, 省X厅) and the place
names it mentions most (``data/places.csv``: every province and
prefecture-level city). ``--place 深圳市`` overrides the reading.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from remit.model import NATIONAL, Government

__all__ = ["names_a_place", "place_of", "read_government"]

_NATIONAL_WORDS = {"国家", "全国", "国务院", "中央", "national", "china", "prc"}
# Stems that are also common words (大同, 长治久安, 日照时数, 朝阳产业): counted only as 大同市.
_COMMON_WORDS = frozenset("大同 长治 安康 日照 白银 黄山 北海 中山 朝阳 四平 吉林 白山 大理 常德 "
                          "吉安 南平 红河 文山 玉树 海西 海北 海东 山南 来宾 中卫 延安 三明 铜仁 普洱 "
                          "丽江 定西".split())
_PROVINCE_END = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
# The State Council's own document numbers (国发, 国办发, 国办函, 国函) at the head of a document,
# not quoted inside brackets as a source.
_NATIONAL_NUMBER = re.compile(r"(?<![（(《〈“])国(?:发|办发|办函|函)〔\d{4}〕\d+号")
# The State Council's title, or its addressees: only it writes to every province.
_NATIONAL_HEAD = re.compile(r"(?<![《〈“”\u4e00-\u9fff])国务院(?:办公厅)?关于|各省、自治区、直辖市")
_MARKUP = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)
_CITY_SELF = re.compile(r"[我全本]市")
_PROVINCE_SELF = re.compile(r"[我全本]省")
_CITY_NAME = re.compile(r"(?<![\u4e00-\u9fff])市[\u4e00-\u9fff]{1,10}?(?:局|委|办)")
_PROVINCE_NAME = re.compile(r"(?<![\u4e00-\u9fff])省[\u4e00-\u9fff]{1,10}?(?:厅|局|委|办)")
_READ_AT_MOST = 200_000  # characters read for the place: a title, addressees and names come early


@lru_cache(maxsize=1)
def _places() -> dict[str, tuple[str, str]]:
    """Stem → (place, level) for every province and city of ``data/places.csv``."""
    text = resources.files("remit.loaders").joinpath("data/places.csv").read_text(encoding="utf-8")
    found: dict[str, tuple[str, str]] = {}
    for line in text.splitlines()[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        province, _, cities = line.partition(",")
        # A municipality (直辖市) is a province whose own bodies are written 市X局, like a city's.
        found[_PROVINCE_END.sub("", province)] = (province, "city" if province.endswith("市") else "province")
        for city in cities.split():
            prefecture = len(city) > 2 and city.endswith("州")  # 阿坝州; 广州 is a city
            found[city.removesuffix("州") if prefecture else city] = (
                city if prefecture else city + "市", "city")
    return found


@lru_cache(maxsize=1)
def _stem_pattern() -> re.Pattern[str]:
    stems = sorted(_places(), key=len, reverse=True)
    return re.compile(r"(" + "|".join(stems) + r")(市|省|州)?")


# The first character of a local government's 文号 (鲁政发〔2023〕5号): provinces, and the few cities whose
# character names no province. 青 and 宁 are 青海/青岛 and 宁夏/南京: the level decides.
_NUMBER_PLACES = {
    "京": "北京", "津": "天津", "沪": "上海", "渝": "重庆", "冀": "河北", "晋": "山西", "蒙": "内蒙古",
    "辽": "辽宁", "吉": "吉林", "黑": "黑龙江", "苏": "江苏", "浙": "浙江", "皖": "安徽", "闽": "福建",
    "赣": "江西", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南", "粤": "广东", "桂": "广西",
    "琼": "海南", "川": "四川", "黔": "贵州", "云": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃",
    "新": "新疆", "深": "深圳", "穗": "广州", "厦": "厦门", "甬": "宁波", "杭": "杭州",
}
_BY_LEVEL = {("青", "province"): "青海", ("青", "city"): "青岛",
             ("宁", "province"): "宁夏", ("宁", "city"): "南京"}
_LOCAL_NUMBER = re.compile(r"(?<![（(《〈“\u4e00-\u9fff])([\u4e00-\u9fff])(?:政|府|办)"
                           r"[\u4e00-\u9fff]{0,3}〔\d{4}〕\d+号")


def _place_of_number(head: str, level: str | None) -> Government | None:
    """The government a local 文号 at the head names (鲁政办发 → 山东省), where the level agrees."""
    match = _LOCAL_NUMBER.search(head)
    if match is None:
        return None
    stem = _BY_LEVEL.get((match.group(1), level or "")) or _NUMBER_PLACES.get(match.group(1))
    if stem is None:
        return None
    place, found_level = _places()[stem]
    if level is not None and found_level != level:
        return None
    return Government(place, found_level, f"文号 {match.group()}")


def names_a_place(name: str) -> bool:
    """Whether a unit name carries a province's or city's name of its own (中铁济南局, 青岛海关).

    Examples
    --------
    >>> names_a_place("中铁济南局"), names_a_place("科技局"), names_a_place("大同煤矿")
    (True, False, False)
    """
    return any(m.group(1) not in _COMMON_WORDS or m.group(2) for m in _stem_pattern().finditer(name))


def place_of(text: str) -> Government:
    """The government that ``--place TEXT`` names.

    Examples
    --------
    >>> place_of("深圳"), place_of("山东省").level, place_of("国务院").place
    (Government(place='深圳市', level='city', evidence='--place'), 'province', '国家')
    >>> place_of("雄安新区")
    Government(place='雄安新区', level='county', evidence='--place')
    """
    given = text.strip()
    if given.lower() in _NATIONAL_WORDS:
        return Government(NATIONAL, "national", "--place")
    places = _places()
    for stem in (given, _PROVINCE_END.sub("", given), given.removesuffix("州")):
        if stem in places:
            place, level = places[stem]
            return Government(place, level, "--place")
    level = ("province" if _PROVINCE_END.search(given) and not given.endswith("市")
             else "city" if given.endswith(("市", "州", "盟")) else "county")
    return Government(given, level, "--place")


def read_government(text: str) -> Government:
    """Read the government of a list from its text (title, addressees, body and unit names).

    Examples
    --------
    >>> read_government("国务院办公厅关于印发…的通知\\n国办发〔2018〕129号").place
    '国家'
    >>> read_government("为加快我市发展……（责任单位：市科技局、市财政局）。工赋青岛").place
    '青岛市'
    >>> read_government("结合我省实际……（省科技厅、省财政局负责）。山东").describe()
    '山东省 (province; text: 山东 ×1, 我省/全省 ×1, 省X厅 ×2)'
    >>> read_government("鲁政办发〔2023〕5号\\n各市人民政府：为推进我省工作……").describe()
    '山东省 (province; 文号 鲁政办发〔2023〕5号)'
    >>> read_government("no place here")
    Government(place=None, level=None, evidence='')
    """
    text = _MARKUP.sub(" ", text[:_READ_AT_MOST])
    head = text[:3000]
    number = _NATIONAL_NUMBER.search(head)
    if number:
        return Government(NATIONAL, "national", f"文号 {number.group()}")
    title = _NATIONAL_HEAD.search(head)
    if title:
        return Government(NATIONAL, "national", f"title: {title.group()}")
    city = len(_CITY_SELF.findall(text)), len(_CITY_NAME.findall(text))
    province = len(_PROVINCE_SELF.findall(text)), len(_PROVINCE_NAME.findall(text))
    level = ("city" if sum(city) > sum(province) else "province" if sum(province) > sum(city)
             else None)
    counts: Counter[str] = Counter()
    places = _places()
    for match in _stem_pattern().finditer(text):
        stem, suffix = match.group(1), match.group(2)
        if stem in _COMMON_WORDS and not suffix:
            continue
        counts[stem] += 1
    wanted = [s for s, _ in counts.most_common() if level is None or places[s][1] == level]
    if not wanted:
        by_number = _place_of_number(head, level)
        if by_number is not None:
            return by_number
    if not wanted and level is None:
        return Government()
    evidence = []
    if wanted:
        evidence.append(f"{wanted[0]} ×{counts[wanted[0]]}")
    if level == "city":
        evidence += [f"我市/全市 ×{city[0]}" if city[0] else "", f"市X局 ×{city[1]}" if city[1] else ""]
    elif level == "province":
        evidence += [f"我省/全省 ×{province[0]}" if province[0] else "",
                     f"省X厅 ×{province[1]}" if province[1] else ""]
    place, found_level = places[wanted[0]] if wanted else (None, level)
    return Government(place, found_level, "text: " + ", ".join(e for e in evidence if e))
