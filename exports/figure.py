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
from typing import Any

import networkx as nx

from remit.analyses import UnitSummary
from remit.control import CONTROL
from remit.exports.mapdata import OTHER_COLOR, PALETTE

__all__ = ["CJK_FONTS", "FontFace", "find_cjk_font", "map_png"]

#: Font families tried in order; the first one installed wins.
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
             "Noto Serif CJK SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei",
             "PingFang SC", "Heiti SC", "SimSun", "Noto Sans CJK JP")
LABELLED = 12
FISHEYE = 0.6  # radius r becomes r ** FISHEYE
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
    # A fisheye from the centre: the busy core spreads out, the outskirts draw in, so the named units
    # have room (Kamada-Kawai would spread it too, at ten times the time).
    cx = sum(float(x) for x, _ in pos.values()) / len(pos)
    cy = sum(float(y) for _, y in pos.values()) / len(pos)
    out = {}
    for u, (x, y) in pos.items():
        dx, dy = float(x) - cx, float(y) - cy
        r = math.hypot(dx, dy)
        f = r ** (FISHEYE - 1) if r > 0 else 0.0
        out[u] = (dx * f, dy * f)
    return out


def _place(draw: Any, label: str, font: Any, at: tuple[float, float], radius: float,
           taken: list[tuple[float, float, float, float]], size: tuple[int, int],
           scale: float) -> tuple[float, float, float, float] | None:
    """A box for ``label`` near the dot at ``at`` that overlaps no label placed before, or None."""
    x, y = at
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font, anchor="lt")
    w, h = right - left, bottom - top
    gap = 2 * scale
    for step in range(4):
        d = radius + gap + step * h
        for bx, by in ((x - w / 2, y - d - h), (x - w / 2, y + d), (x + d, y - h / 2), (x - d - w, y - h / 2),
                       (x + d, y - d - h), (x - d - w, y + d)):
            box = (bx, by, bx + w, by + h)
            inside = 0 <= bx and bx + w <= size[0] and 0 <= by and by + h <= size[1]
            if inside and not any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]
                                  for o in taken):
                return box
    return None


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _colours(names: Sequence[str], summary: UnitSummary) -> dict[object, str]:
    """Cluster → colour as the interactive map gives them: the largest cluster first, then by id."""
    sizes: dict[object, int] = {}
    for u in names:
        cluster = summary.membership.get(u)
        if cluster is not None:
            sizes[cluster] = sizes.get(cluster, 0) + 1
    ordered = sorted(sizes, key=lambda c: (-sizes[c], str(c)))
    return {c: PALETTE[i] if i < len(PALETTE) else OTHER_COLOR for i, c in enumerate(ordered)}


def map_png(summary: UnitSummary, *, font: FontFace | None = None, width_in: float = 9.0,
            legend: dict[object, str] | None = None, lang: str = "zh",
            labelled: int = LABELLED) -> bytes | None:
    """The coordination map as PNG bytes, or None when no CJK font (or no Pillow) is installed.

    Units are placed by a deterministic layout, sized by load, coloured by
    cluster as the interactive map colours them; the ``labelled`` heaviest
    units are named in 9 pt type at the figure's print width, the rest are
    dots. With ``legend`` (cluster → name, e.g. its main domain), a legend
    under the drawing names each colour and says what a dot's size means.

    Parameters
    ----------
    summary : UnitSummary
        :func:`remit.analyses.unit_summary` of the graph: the units in its
        scope are drawn, sized by its loads, coloured by its clusters.
    font : FontFace, optional
        By default :func:`find_cjk_font`.
    width_in : float
        Width in inches as printed, at 150 dots per inch.
    legend : dict, optional
        Cluster id → its name in the legend.
    lang : {"zh", "en"}
        Language of the legend.
    labelled : int
        How many of the heaviest units are named.

    Examples
    --------
    >>> import remit
    >>> from remit.analyses import unit_summary
    >>> png = map_png(unit_summary(remit.build_graph(remit.load(remit.example_path()))))
    >>> png is None or png.startswith(b"\\x89PNG")
    True
    """
    face = font or find_cjk_font()
    if face is None:
        return None
    from PIL import Image, ImageDraw, ImageFont

    C = summary.coordination
    pos = _layout(C)
    names = sorted(C.nodes)
    work = summary.workload.units
    load = work["load"] if "load" in work.columns else None
    loads = {u: float(load[u]) if load is not None and u in load.index else 0.0 for u in names}
    top = max(loads.values(), default=1.0) or 1.0
    colour_of = _colours(names, summary)

    scale = SUPERSAMPLE * DPI / 72  # pixels of the drawing per typographic point
    entries = [(colour_of[c], f"群组 {c}：{name}" if lang == "zh" else f"cluster {c}: {name}")
               for c, name in (legend or {}).items() if c in colour_of]
    columns = 2
    legend_rows = -(-len(entries) // columns) + 1 if legend is not None else 0
    line = 14 * scale  # one legend line, in drawing pixels
    width, height = round(width_in * DPI), round(width_in * 0.72 * DPI)
    image = Image.new("RGB", (width * SUPERSAMPLE, height * SUPERSAMPLE + round(legend_rows * line)), "white")
    plot_height = height * SUPERSAMPLE
    draw = ImageDraw.Draw(image, "RGBA")  # RGBA: each link blends with what is under it
    text_font = ImageFont.truetype(face.path, round(9 * scale), index=face.index)
    legend_font = ImageFont.truetype(face.path, round(8.5 * scale), index=face.index)
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    # Margins hold the largest circle and a label above the highest unit.
    margin_x, margin_top, margin_bottom = 50 * scale, 30 * scale, 20 * scale
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0

    def at(u: str) -> tuple[float, float]:
        x, y = pos[u]
        return (margin_x + (x - min(xs)) / span_x * (image.width - 2 * margin_x),
                margin_top + (max(ys) - y) / span_y * (plot_height - margin_top - margin_bottom))

    for a, b, w in sorted(C.edges(data="weight", default=1)):
        draw.line([at(a), at(b)], fill=LINK_RGBA, width=max(1, round((0.4 + 0.4 * math.log1p(w)) * scale)))
    for u in names:
        # Areas of 12 to 400 points² by load: a printed dot is never a blot over its neighbours.
        radius = math.sqrt(12 + 388 * loads[u] / top) / 2 * scale
        x, y = at(u)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius],
                     fill=_rgb(colour_of.get(summary.membership.get(u), OTHER_COLOR)),
                     outline="white", width=max(1, round(0.6 * scale)))
    taken: list[tuple[float, float, float, float]] = []
    for u in sorted(names, key=lambda u: (-loads[u], u))[:labelled]:
        x, y = at(u)
        radius = math.sqrt(12 + 388 * loads[u] / top) / 2 * scale
        # Control characters have no glyph: they are left out of the label.
        label = CONTROL.sub("", u)
        box = _place(draw, label, text_font, (x, y), radius, taken, image.size, scale)
        if box is None:
            continue  # no free place near the dot: a dot unnamed beats two names on top of each other
        taken.append(box)
        left, top_y, right, bottom = box
        if not (left <= x <= right and top_y - radius <= y <= bottom + radius):
            tx, ty = min(max(x, left), right), min(max(y, top_y), bottom)
            draw.line([(x, y), (tx, ty)], fill=(90, 90, 90), width=max(1, round(0.5 * scale)))
        # A white halo keeps the name readable over the links.
        draw.text((left, top_y), label, font=text_font, fill="black", anchor="lt",
                  stroke_width=round(1.2 * scale), stroke_fill="white")
    if legend is not None:
        y0 = plot_height
        draw.line([(margin_x, y0), (image.width - margin_x, y0)], fill=(200, 200, 200),
                  width=round(scale / 2))
        size_note = "圆点大小表示任务负荷；只标出负荷最重的 {n} 个部门" if lang == "zh" else \
            "dot size: task load; the {n} busiest agencies are named"
        draw.text((margin_x, y0 + line / 2), size_note.format(n=min(labelled, len(names))),
                  font=legend_font, fill="black", anchor="lm")
        column_w = (image.width - 2 * margin_x) / columns
        for i, (colour, text) in enumerate(entries):
            cx = margin_x + (i % columns) * column_w
            cy = y0 + line * (1 + i // columns) + line / 2
            r = 4 * scale
            draw.ellipse([cx, cy - r, cx + 2 * r, cy + r], fill=_rgb(colour))
            draw.text((cx + 3 * r, cy), CONTROL.sub("", text), font=legend_font, fill="black",
                      anchor="lm")
    buffer = io.BytesIO()
    # A box filter over whole SUPERSAMPLE squares: a tenth of LANCZOS's time, and as smooth here.
    image.reduce(SUPERSAMPLE).save(buffer, format="PNG", dpi=(DPI, DPI))
    return buffer.getvalue()
