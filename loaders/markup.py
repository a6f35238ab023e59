"""Turn the inline markup found inside table cells into text plus bold.

Cells converted from PDF or Word carry a little HTML (``<br>``, ``<b>``,
``<strong>``, entities) and sometimes Markdown emphasis (``**bold**``).
:func:`split_markup` returns the plain text, with line breaks as ``"\\n"``,
and the bold text apart.
"""

from __future__ import annotations

import html
import re

__all__ = ["split_markup"]

_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_BOLD_HTML = re.compile(r"<(b|strong)(\s[^>]*)?>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)
# CommonMark flanking: ``__`` is bold only outside words (window.__x__y stays
# as it is); ``**`` may stand inside a word but not next to white space.
_BOLD_MD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<![0-9A-Za-z_])__(?=\S)(.+?)(?<=\S)__(?![0-9A-Za-z_])",
                      re.DOTALL)
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_MARKUP_CHARS = re.compile(r"[<&*_\\]")
_MD_ESCAPE = re.compile(r"\\+([\\`*_{}\[\]()#+\-.!|<>])")


def split_markup(cell: str, *, markdown: bool = True) -> tuple[str, str]:
    """Return ``(text, bold)`` for one cell of inline markup.

    Only well-formed tags are removed; a lone ``<`` in the text (``x<y``)
    stays as it was. With ``markdown=False`` (CSV cells), ``**`` and
    backslashes are plain text.

    Examples
    --------
    >>> split_markup("<b>升级平台。</b> 升级网上服务<br>平台")
    ('升级平台。 升级网上服务\\n平台', '升级平台。')
    >>> split_markup("市政务服务数据<br>管理局")
    ('市政务服务数据\\n管理局', '')
    >>> split_markup(r"t20200204\\_18998859 &amp; **重点**")
    ('t20200204_18998859 & 重点', '重点')
    >>> split_markup("window.__pwned__x = 1")
    ('window.__pwned__x = 1', '')
    """
    if not _MARKUP_CHARS.search(cell):  # most cells are plain text
        return cell.strip(), ""
    text = _BREAK.sub("\n", cell)
    bold_parts = [m.group(3) for m in _BOLD_HTML.finditer(text)]
    text = _BOLD_HTML.sub(lambda m: m.group(3), text)
    if markdown:
        bold_parts += [m.group(1) or m.group(2) for m in _BOLD_MD.finditer(text)]
        text = _BOLD_MD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _TAG.sub("", text)
    bold = "".join(_TAG.sub("", b) for b in bold_parts)
    if markdown:
        text = _MD_ESCAPE.sub(r"\1", text)
        bold = _MD_ESCAPE.sub(r"\1", bold)
    return html.unescape(text).strip(), html.unescape(bold).strip()
