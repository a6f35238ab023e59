"""Chinese ordinals and numbers as they appear in task lists."""

from __future__ import annotations

import re

__all__ = ["chinese_to_int", "parse_number", "split_ordinal"]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
_NUMERAL = r"([零〇一二两三四五六七八九十百]+|\d+)"
# "八、加强法治保障", "3. 优化服务", "第二章 …" need a separator; "（二）优化服务" has its brackets.
_ORDINAL = re.compile(
    rf"^\s*(?:[（(]\s*{_NUMERAL}\s*[)）]\s*[、.．]?|(?:第)?{_NUMERAL}\s*(?:[、.．,，:：]|章|部分|\s))\s*(.*)$",
    re.DOTALL,
)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def chinese_to_int(text: str) -> int | None:
    """Return the value of a Chinese numeral below 1000, or None.

    Examples
    --------
    >>> [chinese_to_int(s) for s in ["一", "十", "十四", "二十", "二十三", "一百零五", "甲"]]
    [1, 10, 14, 20, 23, 105, None]
    """
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        return None
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
    return total + (digit or 0)


def parse_number(text: str) -> int | None:
    """Return the task number written in a 序号 cell, or None.

    Examples
    --------
    >>> [parse_number(s) for s in ["12", " 7. ", "（3）", "十二", "１５", "", "合计"]]
    [12, 7, 3, 12, 15, None, None]
    """
    cleaned = text.translate(_FULLWIDTH_DIGITS).strip().strip("（()）.．、 ")
    if cleaned.isdecimal():  # not isdigit: "²" is a digit int() refuses
        return int(cleaned)
    return chinese_to_int(cleaned)


def split_ordinal(heading: str) -> tuple[int | None, str]:
    """Split a domain heading into its ordinal and its name.

    Examples
    --------
    >>> split_ordinal("八、加强法治保障")
    (8, '加强法治保障')
    >>> split_ordinal("十四、营造包容普惠创新环境")
    (14, '营造包容普惠创新环境')
    >>> split_ordinal("（二）优化服务")
    (2, '优化服务')
    >>> split_ordinal("营商环境")
    (None, '营商环境')
    """
    match = _ORDINAL.match(heading)
    if match and match.group(3).strip():
        raw = (match.group(1) or match.group(2)).translate(_FULLWIDTH_DIGITS)
        value = int(raw) if raw.isdecimal() else chinese_to_int(raw)
        if value is not None:
            return value, match.group(3).strip()
    return None, heading.strip()
