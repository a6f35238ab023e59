"""A static PNG of the coordination map for documents (the Word report), drawn with Pillow.

Unit names are Chinese, so the figure needs a CJK font file on the system
(Noto CJK from Debian's fonts-noto-cjk, Source Han, WenQuanYi, SimHei,
Microsoft YaHei, PingFang…). Without one, no figure is drawn: a figure with
empty boxes for every name would be worse than none.

Pillow draws it in about 0.13 s; matplotlib, which drew it before, took
0.4 s of every ``remit report`` to import, find its fonts and draw.
"""

from __future__ import annotations

import io
import math
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx

from remit.exports.mapdata import OTHER_COLOR, PALETTE
from remit.exports.metrics import Metrics
from remit.graph import coordination_graph

__all__ = ["CJK_FONTS", "FontFace", "find_cjk_font", "map_png"]

#: Font families tried in order; the first one installed wins.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
             "PingFang SC", "Heiti SC", "SimSun", "Noto Sans CJK JP")
LABELLED = 20
DPI = 150
# Pillow's lines and circles have no anti-aliasing: draw at this multiple, then shrink.
SUPERSAMPLE = 2
LINK_RGBA = (0x8D, 0x99, 0xA6, 89)  # alpha 0.35
_REGULAR = ("regular", "book", "normal", "roman", "medium", "w3")
_CJK_FILE = re.compile(r"cjk|sourcehan|source-han|sans-?sc|serif-?sc|wqy|simhei|simsun|msyh|yahei|pingfang|"
                       r"heiti|hei|song", re.IGNORECASE)


@dataclass(frozen=True)
class FontFace:
    """One face of an installed font file: its family, its file and its index in a collection."""

    family: str
    path: str
    index: int = 0


def _font_dirs() -> list[Path]:
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    return [data_home / "fonts", home / ".fonts",
            *(Path(d) / "fonts" for d in data_dirs.split(os.pathsep) if d)]


def _font_files(folders: Sequence[Path]) -> Iterator[Path]:
    seen: set[Path] = set()
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                path = Path(root, name)
                if name.lower().endswith((".ttf", ".ttc", ".otf", ".otc")) and path not in seen:
                    seen.add(path)
                    yield path


def _faces(path: Path) -> Iterator[tuple[FontFace, str]]:
    from PIL import ImageFont

    collection = path.suffix.lower() in (".ttc", ".otc")
    for index in range(16 if collection else 1):
        try:
            family, style = ImageFont.truetype(str(path), 12, index=index).getname()
        except (OSError, ValueError):
            return
        if family:
            yield FontFace(family, str(path), index), style or ""


@cache
def find_cjk_font(families: Sequence[str] = CJK_FONTS,
                  folders: Sequence[Path] | None = None) -> FontFace | None:
    """The installed face of the first family in ``families`` that can draw Chinese, or None.

    Parameters
    ----------
    families : sequence of str
        Family names in order of preference.
    folders : tuple of Path, optional
        Where to look (searched with their subfolders); by default the
        system's and the user's font folders.

    Examples
    --------
    >>> find_cjk_font(("No Such Font",)) is None
    True
    """
    try:
        import PIL  # noqa: F401
    except ImportError:  # an install without its dependencies: the figure is left out, not the report
        return None
    wanted = {name: rank for rank, name in enumerate(families)}
    files = list(_font_files(tuple(folders) if folders is not None else tuple(_font_dirs())))
    # Files named like a CJK font first: a Windows font folder holds hundreds of others.
    hinted = [path for path in files if _CJK_FILE.search(path.name)]
    for group in (hinted, [path for path in files if not _CJK_FILE.search(path.name)]):
        found: dict[str, tuple[bool, FontFace]] = {}
        for path in group:
            for face, style in _faces(path):
                regular = style.lower() in _REGULAR
                # A family's regular face wins over its bold or light ones, whichever file comes first.
                if face.family in wanted and not found.get(face.family, (False,))[0] \
                        and _draws_chinese(face):
                    found[face.family] = (regular, face)
            if found.get(families[0], (False,))[0]:
                break  # the regular face of the first choice: nothing can beat it
        if found:
            return min((face for _, face in found.values()), key=lambda face: wanted[face.family])
    return None


def _draws_chinese(face: FontFace) -> bool:
    from PIL import ImageFont

    font = ImageFont.truetype(face.path, 24, index=face.index)
    # A font without a glyph draws every character as the same .notdef box.
    masks = {bytes(font.getmask(ch)) for ch in "部门单位"}
    return len(masks) == 4


def _layout(C: nx.Graph) -> dict[str, tuple[float, float]]:
    """A seeded spring layout: deterministic, and numpy only."""
    if len(C) == 0:
        return {}
    iterations = 200 if len(C) <= 400 else 100
    # Unweighted, with three times the default spacing: heavy links would pull the busy core into a knot.
    pos = nx.spring_layout(C, k=3 / math.sqrt(len(C)), weight=None, seed=42, iterations=iterations)
    return {u: (float(x), float(y)) for u, (x, y) in pos.items()}


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def map_png(G: nx.MultiDiGraph, metrics: Metrics, *, font: FontFace | None = None, width_in: float = 9.0,
            include_collectives: bool = False) -> bytes | None:
    """The coordination map as PNG bytes, or None when no CJK font (or no Pillow) is installed.

    Units are placed by a deterministic layout, sized by load, coloured by
    cluster; the :data:`LABELLED` heaviest units are named.

    Parameters
    ----------
    G : networkx.MultiDiGraph
    metrics : Metrics
        From :func:`remit.exports.metrics.compute_metrics`.
    font : FontFace, optional
        By default :func:`find_cjk_font`.
    width_in : float
        Width in inches, at 150 dots per inch.
    include_collectives : bool
        Draw 各区政府-style collective units as well.

    Examples
    --------
    >>> import remit
    >>> from remit.exports.metrics import compute_metrics
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> png = map_png(G, compute_metrics(G))
    >>> png is None or png.startswith(b"\\x89PNG")
    True
    """
    face = font or find_cjk_font()
    if face is None:
        return None
    from PIL import Image, ImageDraw, ImageFont

    C = coordination_graph(G, include_collectives=include_collectives)
    pos = _layout(C)
    names = sorted(C.nodes)
    load = metrics.workload["load"] if "load" in metrics.workload.columns else None
    loads = {u: float(load[u]) if load is not None and u in load.index else 0.0 for u in names}
    top = max(loads.values(), default=1.0) or 1.0
    clusters = sorted({metrics.membership.get(u) for u in names if metrics.membership.get(u) is not None})
    colour_of = {c: PALETTE[i] if i < len(PALETTE) else OTHER_COLOR for i, c in enumerate(clusters)}

    scale = SUPERSAMPLE * DPI / 72  # pixels of the drawing per typographic point
    width, height = round(width_in * DPI), round(width_in * 0.72 * DPI)
    image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE), "white")
    draw = ImageDraw.Draw(image, "RGBA")  # RGBA: each link blends with what is under it
    text_font = ImageFont.truetype(face.path, round(7 * scale), index=face.index)
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    # Margins hold the largest circle and a label above the highest unit.
    margin_x, margin_top, margin_bottom = 40 * scale, 30 * scale, 20 * scale
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(u: str) -> tuple[float, float]:
        x, y = pos[u]
        return (margin_x + (x - min(xs)) / span_x * (image.width - 2 * margin_x),
                margin_top + (max(ys) - y) / span_y * (image.height - margin_top - margin_bottom))

    for a, b, w in sorted(C.edges(data="weight", default=1)):
        draw.line([at(a), at(b)], fill=LINK_RGBA, width=max(1, round((0.4 + 0.4 * math.log1p(w)) * scale)))
    for u in names:
        # matplotlib's scatter sizes were areas in points²: 20 to 620 by load.
        radius = math.sqrt(20 + 600 * loads[u] / top) / 2 * scale
        x, y = at(u)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius],
                     fill=_rgb(colour_of.get(metrics.membership.get(u), OTHER_COLOR)),
                     outline="white", width=max(1, round(0.6 * scale)))
    for u in sorted(names, key=lambda u: (-loads[u], u))[:LABELLED]:
        x, y = at(u)
        # Control characters have no glyph: they are left out of the label.
        draw.text((x, y - 5 * scale), re.sub(r"[\x00-\x1f\x7f]", "", u), font=text_font, fill="black",
                  anchor="md")
    buffer = io.BytesIO()
    # A box filter over whole SUPERSAMPLE squares: a tenth of LANCZOS's time, and as smooth here.
    image.reduce(SUPERSAMPLE).save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()
