"""Safe pieces of HTML: escaped text, JSON data islands, inlined assets, one-pass templates."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["asset", "esc", "fill", "json_island", "template", "vis_css", "vis_js"]

VIS_VERSION = "vis-9.1.2"


def esc(text: Any) -> str:
    """Escape document text for HTML element content and quoted attributes.

    Examples
    --------
    >>> esc('<img src=x onerror="a()">')
    '&lt;img src=x onerror=&quot;a()&quot;&gt;'
    """
    return html.escape("" if text is None else str(text), quote=True)


def json_island(data: Any, *, element_id: str | None = None, cls: str | None = None) -> str:
    """``data`` as a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and
    ``\\u0026``, so no string in the data can close the element
    (``</script>``) or open a comment; U+2028/2029 are escaped as well.

    Examples
    --------
    >>> island = json_island({"t": "</script><script>x()</script>"})
    >>> island.count("</script>"), "<script>" in island
    (1, False)
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    attrs = ' type="application/json"'
    if element_id:
        attrs += f' id="{esc(element_id)}"'
    if cls:
        attrs += f' class="{esc(cls)}"'
    return f"<script{attrs}>{text}</script>"


def _checked_inline(code: str, name: str, closer: str) -> str:
    # Inlined code must not be able to end its own element early.
    if closer in code.lower():
        raise ValueError(f"{name} contains {closer!r}; cannot inline it safely")
    return code


@cache
def asset(name: str) -> str:
    """The text of ``exports/assets/<name>``."""
    text = resources.files("remit.exports").joinpath("assets", name).read_text(encoding="utf-8")
    return _checked_inline(text, name, "</script" if name.endswith(".js") else "</style")


@cache
def template(name: str) -> str:
    """The text of ``exports/templates/<name>``."""
    return resources.files("remit.exports").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def vis_js() -> str:
    """vis-network's standalone build, as shipped by pyvis (includes vis-data's DataSet)."""
    text = resources.files("pyvis").joinpath("templates", "lib", VIS_VERSION, "vis-network.min.js")
    return _checked_inline(text.read_text(encoding="utf-8"), "vis-network.min.js", "</script")


@cache
def vis_css() -> str:
    """vis-network's stylesheet, as shipped by pyvis."""
    text = resources.files("pyvis").joinpath("templates", "lib", VIS_VERSION, "vis-network.css")
    return _checked_inline(text.read_text(encoding="utf-8"), "vis-network.css", "</style")


_SLOT = re.compile(r"@@([A-Z_]+)@@")


def fill(text: str, values: dict[str, str]) -> str:
    """Replace every ``@@NAME@@`` slot in one pass.

    One pass matters: a value (say, a document's text) that happens to
    contain ``@@MAP_JS@@`` is never itself filled.

    Examples
    --------
    >>> fill("<b>@@A@@</b>@@B@@", {"A": "@@B@@", "B": "x"})
    '<b>@@B@@</b>x'
    """
    def sub(match: re.Match[str]) -> str:
        return values[match.group(1)]
    return _SLOT.sub(sub, text)
