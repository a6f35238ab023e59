"""The title a task list gives itself (深圳市2020年优化营商环境改革重点任务清单), read from its text.

A published list often opens with the covering notice (关于印发《…》的通知)
and repeats its title above the table, sometimes in another script; the
title a reader knows is the one right above the body. So the title is the
last title-like line before the first numbered chapter (一、…) or table row,
else the first title-like line. A title-like line is short, does not end a
sentence and ends with a word that names a document: 清单, 方案, 分工, ….
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["document_title"]

#: Words a list's title ends with, before any bracketed years or note: （2023—2025年）.
_TITLE_END = re.compile(r"(?:清单|清單|方案|分工|分工表|任务表|任務表|责任表|分解表|一览表|台账|要点|要點|"
                        r"计划|計劃|措施|任务|任務|意见|意見|办法|辦法|细则|細則|行动|行動|规划|規劃|政策|"
                        r"预案|預案)(?:[（(][^（）()]*[)）])*$")
#: Where the body starts: a chapter (一、), a numbered part (（一）, 第一章, 1.), a table row.
_BODY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|"
                   r"第[一二三四五六七八九十百\d]+[章条節节部]|\d+[、.．]|\||序号|序號)")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[0-9A-Za-z（(])|"
                        r"(?<=[0-9A-Za-z)）])\s+(?=[\u3400-\u9fff])")
_MARKUP = re.compile(r"^[#>*\s]+|[*\s]+$")
MAX_TITLE = 60
_SENTENCE_END = ("。", "；", "：", ":", "！", "？")
_PAUSE = ("，", "、", ",")
#: A date line (2023年10月19日, 二〇〇五年六月十一日) is never half of a title.
_NUMERAL = "[\\d〇○零一二三四五六七八九十]+"
_DATE = re.compile(f"^{_NUMERAL}年{_NUMERAL}月{_NUMERAL}日$")
#: Lines read before giving up: a title stands at the top.
MAX_LINES = 400


def _clean(text: str) -> str:
    text = _MARKUP.sub("", " ".join(text.split()))
    text = text.strip("《》“”\"")
    return _CJK_SPACE.sub("", text)


def document_title(lines: Iterable[str]) -> str | None:
    """The list's own title among its first lines of text, or None when no line looks like one.

    Spaces the PDF or Markdown conversion put between Chinese and digits are removed.

    Examples
    --------
    >>> document_title(["关于印发《深圳市 2020 年重点任务清单》的通知", "附件：",
    ...                 "## 深圳市 2020 年优化营商环境改革重点任务清单", "一、总体要求", "市财政局"])
    '深圳市2020年优化营商环境改革重点任务清单'
    >>> document_title(["序号 | 任务 | 牵头单位"]) is None
    True
    >>> document_title(["二〇〇五年六月十一日", "国家粮食应急预案", "1 总则"])
    '国家粮食应急预案'
    >>> document_title(["国务院关于加快推进农业机械化和", "农机装备产业转型升级的指导意见", "各部委："])
    '国务院关于加快推进农业机械化和农机装备产业转型升级的指导意见'
    >>> document_title(["山东省制造业创新能力提升三年行动计划（2023—2025年）", "一、总体要求",
    ...                 "（九）标准引领提升行动"])
    '山东省制造业创新能力提升三年行动计划（2023—2025年）'
    """
    first: str | None = None
    last: str | None = None
    before = ""  # the line above, which may hold the title's first half
    for number, raw in enumerate(lines):
        if number >= MAX_LINES:
            break
        text = _clean(raw)
        if _BODY.match(text) or _BODY.match(raw.strip()):
            if last is not None:
                return last
            before = ""
            continue
        if 4 <= len(text) <= MAX_TITLE and not text.endswith(_SENTENCE_END) and _TITLE_END.search(text):
            # A title set on two lines: the first half ends with no punctuation and names no document.
            if before and len(before) + len(text) <= MAX_TITLE and not _TITLE_END.search(before):
                text = before + text
            first = first or text
            last = text
        before = text if 2 <= len(text) <= MAX_TITLE // 2 and not text.endswith(_SENTENCE_END + _PAUSE) \
            and not _DATE.match(text) else ""
    return first
