"""A static PNG of the coordination map for documents (the Word report), drawn with matplotlib.

Unit names are Chinese, so the figure needs a CJK font found on the system
(Noto CJK from Debian's fonts-noto-cjk, Source Han, WenQuanYi, SimHei,
Microsoft YaHei, PingFang…). Without one, no figure is drawn: a figure with
empty boxes for every name would be worse than none.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Sequence
from functools import cache

import networkx as nx

from remit.exports.mapdata import OTHER_COLOR, PALETTE
from remit.exports.metrics import Metrics
from remit.graph import coordination_graph

__all__ = ["CJK_FONTS", "find_cjk_font", "map_png"]

#: Font families tried in order; the first installed one that has the glyphs 部门 wins.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
             "PingFang SC", "Heiti SC", "SimSun", "Noto Sans CJK JP")
LABELLED = 20


@cache
def find_cjk_font(families: Sequence[str] = CJK_FONTS) -> str | None:
    """The first installed font family of ``families`` that can draw Chinese, or None.

    Examples
    --------
    >>> find_cjk_font(("No Such Font",)) is None
    True
    """
    try:
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font
    except ImportError:  # an install without its dependencies: the figure is left out, not the report
        return None

    by_name: dict[str, str] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, entry.fname)
    for family in families:
        path = by_name.get(family)
        if not path:
            continue
        try:
            charmap = FT2Font(path).get_charmap()
        except (OSError, RuntimeError):
            continue
        if all(ord(ch) in charmap for ch in "部门单位"):
            return family
    return None


def _layout(C: nx.Graph) -> dict[str, tuple[float, float]]:
    """A seeded spring layout: deterministic, and numpy only (Kamada-Kawai would import scipy.optimize,
    a third of a second of every ``remit report``)."""
    if len(C) == 0:
        return {}
    iterations = 200 if len(C) <= 400 else 100
    # Unweighted, with three times the default spacing: heavy links would pull the busy core into a knot.
    pos = nx.spring_layout(C, k=3 / math.sqrt(len(C)), weight=None, seed=42, iterations=iterations)
    return {u: (float(x), float(y)) for u, (x, y) in pos.items()}


def map_png(G: nx.MultiDiGraph, metrics: Metrics, *, font: str | None = None, width_in: float = 9.0,
            include_collectives: bool = False) -> bytes | None:
    """The coordination map as PNG bytes, or None when no CJK font (or no matplotlib) is installed.

    Units are placed by a deterministic layout, sized by load, coloured by
    cluster; the :data:`LABELLED` heaviest units are named.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    metrics : Metrics
        From :func:`remit.exports.metrics.compute_metrics`.
    font : str, optional
        A font family; by default :func:`find_cjk_font`.
    """
    family = font or find_cjk_font()
    if family is None:
        return None
    # The object API with the Agg canvas: no pyplot (half a second to import), and the user's own
    # matplotlib backend is left alone.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure

    C = coordination_graph(G, include_collectives=include_collectives)
    pos = _layout(C)
    names = sorted(C.nodes)
    load = metrics.workload["load"] if "load" in metrics.workload.columns else None
    loads = {u: float(load[u]) if load is not None and u in load.index else 0.0 for u in names}
    top = max(loads.values(), default=1.0) or 1.0
    clusters = sorted({metrics.membership.get(u) for u in names if metrics.membership.get(u) is not None})
    colour_of = {c: PALETTE[i] if i < len(PALETTE) else OTHER_COLOR for i, c in enumerate(clusters)}
    # A rare character outside the CJK font is drawn as a box; that is no reason to print a warning.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        fig = Figure(figsize=(width_in, width_in * 0.72), dpi=150)
        FigureCanvasAgg(fig)
        ax = fig.subplots()
        # One collection for all links: hundreds of separate lines are slow to build.
        edges = list(C.edges(data="weight"))
        ax.add_collection(LineCollection([(pos[a], pos[b]) for a, b, _ in edges], colors="#8d99a6",
                                         alpha=0.35, zorder=1,
                                         linewidths=[0.4 + 0.4 * math.log1p(w) for _, _, w in edges]))
        ax.scatter([pos[u][0] for u in names], [pos[u][1] for u in names],
                   s=[20 + 600 * loads[u] / top for u in names],
                   c=[colour_of.get(metrics.membership.get(u), OTHER_COLOR) for u in names],
                   edgecolors="white", linewidths=0.6, zorder=2)
        for u in sorted(names, key=lambda u: (-loads[u], u))[:LABELLED]:
            # Control characters have no glyph: they are left out of the label.
            ax.annotate(re.sub(r"[\x00-\x1f\x7f]", "", u), pos[u], fontsize=7, family=family,
                        ha="center", va="bottom", xytext=(0, 5), textcoords="offset points", zorder=3)
        ax.set_axis_off()
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")
    return buffer.getvalue()
