"""Turn a document into its lines of running text, for the prose reader.

Every format gives the prose reader the same thing: a list of
:class:`TextLine` (a locator and one paragraph of text). HTML pages from
gov.cn keep the document inside ``<td id="UCAP-CONTENT">``; when that cell
exists only its text is read, so the metadata table and page chrome are not.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["TextLine", "fix_radicals", "html_lines", "markdown_lines", "plain_lines"]

# Kangxi radicals and CJK radical supplements that PDF fonts emit for
# ordinary characters (⼯ for 工, ⻔ for 门). NFKC maps them back; it is
# applied to these characters only, since NFKC would also turn full-width
# punctuation into ASCII.
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
# Simplified-form radicals of the supplement block have no NFKC mapping.
_SUPPLEMENT = str.maketrans({
    "⻔": "门", "⻓": "长", "⻋": "车", "⻅": "见", "⻆": "角", "⻉": "贝", "⻢": "马",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻥": "鱼", "⻦": "鸟", "⻩": "黄", "⻬": "齐",
    "⻮": "齿", "⻰": "龙", "⻳": "龟", "⻄": "西", "⻘": "青", "⻝": "食", "⻨": "麦",
    "⻈": "讠", "⻊": "足", "⻣": "骨", "⻤": "鬼", "⻧": "卤", "⻪": "黾",
    "⻭": "齿", "⻯": "龙", "⻱": "龟", "⺠": "民", "⺟": "母", "⺁": "厂", "⻌": "辶",
})
_CJK = "\u3000-\u9fff\uff00-\uffef"
_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
          "section", "article", "td", "th", "blockquote", "pre"}
_SKIP = {"script", "style", "template", "head", "title", "iframe", "noscript", "select"}
# The element that holds the document on government sites: gov.cn's UCAP-CONTENT cell,
# TRS content-management systems' TRS_Editor / zoom, and the like.
_CONTENT = re.compile(r"^(?:UCAP-CONTENT|zoom|Zoom|TRS_Editor|TRS_UEDITOR|Custom_UnionStyle|"
                      r"pages_content|article-content|article_content)$")


@dataclass(frozen=True)
class TextLine:
    """One paragraph of a document: where it is, and its text."""

    locator: str
    text: str


def fix_radicals(text: str) -> str:
    """Map Kangxi-radical look-alikes back to ordinary characters.

    Examples
    --------
    >>> fix_radicals("⼯业和信息化部、⽂化和旅游部（⻔）")
    '工业和信息化部、文化和旅游部（门）'
    """
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()),
                         text.translate(_SUPPLEMENT))


def _clean(text: str) -> str:
    text = fix_radicals(text).replace("\u00a0", " ")
    # A break between two CJK characters is layout (a wrapped line); elsewhere a space.
    text = re.sub(rf"(?<=[{_CJK}])[ \t\r]*\n\s*(?=[{_CJK}])", "", text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.content_depth = 0  # >0 inside <td id="UCAP-CONTENT">
        self.content_lines: list[str] | None = None
        self.depth = 0

    def _flush(self) -> None:
        text = _clean("".join(self.current))
        self.current = []
        if text:
            self.lines.append(text)
            if self.content_depth and self.content_lines is not None:
                self.content_lines.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("td", "div"):
            if self.content_depth:
                self.content_depth += 1
            elif self.content_lines is None and any(
                    _CONTENT.match(word) for name, value in attrs if name in ("id", "class")
                    for word in (value or "").split()):
                self.content_depth = 1
                self.content_lines = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if tag in _BLOCK:
            self._flush()
        if tag in ("td", "div") and self.content_depth:
            self.content_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.current.append(data)


def html_lines(text: str) -> list[TextLine]:
    """The paragraphs of an HTML page, from its content element when it has one.

    gov.cn keeps the document in ``<td id="UCAP-CONTENT">``; TRS sites in
    ``<div class="TRS_Editor">`` or ``id="zoom"``. Without one, all text is read.

    Examples
    --------
    >>> page = ('<table><tr><td>发文机关：</td><td>国务院</td></tr></table>'
    ...         '<table><tr><td id="UCAP-CONTENT"><p>一、总体要求</p><p>（一）要求。'
    ...         '做好工作（财政部负责）</p></td></tr></table><p>扫一扫</p>')
    >>> [line.text for line in html_lines(page)]
    ['一、总体要求', '（一）要求。做好工作（财政部负责）']
    """
    parser = _TextParser()
    parser.feed(text)
    parser.close()
    parser._flush()
    chosen = parser.content_lines if parser.content_lines else parser.lines
    return [TextLine(f"paragraph {i}", line) for i, line in enumerate(chosen, start=1)]


def plain_lines(text: str, unit: str = "line") -> list[TextLine]:
    """The non-blank lines of plain text, located by line number.

    Examples
    --------
    >>> plain_lines("一、总则\\n\\n（一）做好（财政部负责）")[1]
    TextLine(locator='line 3', text='（一）做好（财政部负责）')
    """
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        cleaned = _clean(line)
        if cleaned:
            out.append(TextLine(f"{unit} {number}", cleaned))
    return out


_MD_MARKS = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+(?=\S))")
_MD_INLINE = re.compile(r"\*\*|__|<br\s*/?>|</?(?:b|strong|p)>")


def markdown_lines(text: str) -> list[TextLine]:
    """The lines of a Markdown document without heading, quote, list and bold marks.

    Examples
    --------
    >>> [line.text for line in markdown_lines("## 一、总则\\n- **（一）做好工作**（财政部负责）")]
    ['一、总则', '（一）做好工作（财政部负责）']
    """
    lines = plain_lines(text)
    return [TextLine(line.locator, _MD_INLINE.sub("", _MD_MARKS.sub("", line.text)).strip())
            for line in lines if _MD_MARKS.sub("", line.text).strip()]
