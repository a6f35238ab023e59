"""Safe pieces of HTML: jinja2 templates with autoescape, JSON data islands, inlined assets."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

__all__ = ["asset", "environment", "json_island", "render", "vis_css", "vis_js"]

VIS_VERSION = "vis-9.1.2"


@cache
def environment() -> Any:
    """The jinja2 environment of ``exports/templates``: every ``{{ value }}`` is HTML-escaped.

    Examples
    --------
    >>> environment().from_string("<b>{{ t }}</b>").render(t='<img src=x onerror="a()">')
    '<b>&lt;img src=x onerror=&#34;a()&#34;&gt;</b>'
    """
    import jinja2

    folder = Path(str(resources.files("remit.exports").joinpath("templates")))
    return jinja2.Environment(loader=jinja2.FileSystemLoader(folder), autoescape=True,
                              undefined=jinja2.StrictUndefined, keep_trailing_newline=True)


def render(name: str, **context: Any) -> str:
    """Render ``exports/templates/<name>`` with ``context``; text is escaped, :class:`Markup` is not."""
    return str(environment().get_template(name).render(**context))


def json_island(data: Any, *, element_id: str | None = None, cls: str | None = None) -> Markup:
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
    attrs = Markup(' type="application/json"')
    if element_id:
        attrs += Markup(' id="{}"').format(element_id)
    if cls:
        attrs += Markup(' class="{}"').format(cls)
    return Markup("<script{}>{}</script>").format(attrs, Markup(text))


def _checked_inline(code: str, name: str, closer: str) -> Markup:
    # Inlined code must not be able to end its own element early.
    if closer in code.lower():
        raise ValueError(f"{name} contains {closer!r}; cannot inline it safely")
    return Markup(code)


@cache
def asset(name: str) -> Markup:
    """The text of ``exports/assets/<name>``, checked to be safe to inline."""
    text = resources.files("remit.exports").joinpath("assets", name).read_text(encoding="utf-8")
    return _checked_inline(text, name, "</script" if name.endswith(".js") else "</style")


def _pyvis_lib() -> Path:
    """pyvis's copy of vis-network, found without importing pyvis (whose ``__init__`` imports IPython)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed; remit's maps inline its copy of vis-network")
    return Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / VIS_VERSION


@cache
def vis_js() -> Markup:
    """vis-network's standalone build, as shipped by pyvis (includes vis-data's DataSet)."""
    text = (_pyvis_lib() / "vis-network.min.js").read_text(encoding="utf-8")
    return _checked_inline(text, "vis-network.min.js", "</script")


@cache
def vis_css() -> Markup:
    """vis-network's stylesheet, as shipped by pyvis."""
    text = (_pyvis_lib() / "vis-network.css").read_text(encoding="utf-8")
    return _checked_inline(text, "vis-network.css", "</style")
