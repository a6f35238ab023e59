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

#: Words a list's title ends with.
_TITLE_END = re.compile(r"(?:清单|清單|方案|分工|分工表|任务表|任務表|责任表|分解表|一览表|台账|要点|要點|"
                        r"计划|計劃|措施|任务|任務|意见|意見|办法|辦法|细则|細則|行动|行動)[)）]?$")
_BODY = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\||序号|序號)")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[0-9A-Za-z（(])|"
                        r"(?<=[0-9A-Za-z)）])\s+(?=[\u3400-\u9fff])")
_MARKUP = re.compile(r"^[#>*\s]+|[*\s]+$")
MAX_TITLE = 60
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
    """
    first: str | None = None
    last: str | None = None
    for number, raw in enumerate(lines):
        if number >= MAX_LINES:
            break
        text = _clean(raw)
        if _BODY.match(text) or _BODY.match(raw.strip()):
            if last is not None:
                return last
            continue
        if 4 <= len(text) <= MAX_TITLE and not text.endswith(("。", "；", "：", ":")) \
                and _TITLE_END.search(text):
            first = first or text
            last = text
    return first
