"""The Word report's map figure: which font file it finds, and what the PNG shows.

The font checks read the faces back with Pillow itself; they use Debian's
fonts-noto-cjk, which ``.ci/run`` installs (a missing package FAILS them).
"""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx
from PIL import Image, ImageFont

from remit.analyses import unit_summary
from remit.exports.figure import CJK_FONTS, find_cjk_font, map_png
from remit.exports.mapdata import PALETTE
from remit.graph import coordination_graph

NOTO = Path("/usr/share/fonts/opentype/noto")


def _fonts(folder: Path, *names: str) -> Path:
    assert (NOTO / names[0]).exists(), "no Noto CJK: apt-get install -y fonts-noto-cjk"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).symlink_to(NOTO / name)
    return folder


def test_the_regular_face_of_the_first_family_is_found_in_a_subfolder(tmp_path: Path) -> None:
    # The bold file sorts first; the serif family comes later in CJK_FONTS.
    _fonts(tmp_path / "opentype" / "noto", "NotoSansCJK-Bold.ttc", "NotoSansCJK-Regular.ttc",
           "NotoSerifCJK-Regular.ttc")
    face = find_cjk_font(CJK_FONTS, (tmp_path,))
    assert face is not None and Path(face.path).name == "NotoSansCJK-Regular.ttc"
    assert ImageFont.truetype(face.path, 12, index=face.index).getname() == ("Noto Sans CJK SC", "Regular")


def test_families_are_tried_in_the_order_given(tmp_path: Path) -> None:
    _fonts(tmp_path, "NotoSansCJK-Regular.ttc", "NotoSerifCJK-Regular.ttc")
    face = find_cjk_font(("Noto Serif CJK SC", "Noto Sans CJK SC"), (tmp_path,))
    assert face is not None
    assert ImageFont.truetype(face.path, 12, index=face.index).getname()[0] == "Noto Serif CJK SC"


def test_no_font_file_no_face(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a font", encoding="utf-8")
    (tmp_path / "broken.ttf").write_bytes(b"\x00\x01\x00\x00 truncated")
    assert find_cjk_font(CJK_FONTS, (tmp_path,)) is None


def test_the_png_is_150_dpi_and_shows_one_colour_per_cluster(example_graph: nx.MultiDiGraph) -> None:
    summary = unit_summary(example_graph)
    png = map_png(summary)
    assert png is not None
    image = Image.open(io.BytesIO(png))
    assert image.size == (1350, 972) and round(image.info["dpi"][0]) == 150
    pixels = {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)}
    shown = {colour for colour in PALETTE
             if tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5)) in pixels}
    # Each cluster of the drawn units fills its circles with the next palette colour.
    clusters = {summary.membership.get(u) for u in coordination_graph(example_graph)} - {None}
    assert shown == set(PALETTE[:min(len(clusters), len(PALETTE))])
    # Links and white circle rims: not a blank or two-colour canvas.
    assert len(pixels) > 300


def test_a_print_size_figure_has_a_legend_coloured_like_the_map(example_graph: nx.MultiDiGraph) -> None:
    from remit.exports.mapdata import build_map_model
    from remit.exports.metrics import cluster_domains

    summary = unit_summary(example_graph)
    legend = cluster_domains(example_graph, summary)
    plain = Image.open(io.BytesIO(map_png(summary, width_in=6.14) or b""))
    png = map_png(summary, width_in=6.14, legend=legend)
    assert png is not None
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.width == plain.width and image.height > plain.height  # the legend is under the drawing
    strip = image.crop((0, plain.height, image.width, image.height))
    pixels = {colour for _, colour in strip.getcolors(maxcolors=1 << 24)}
    # Each cluster's legend dot has the colour the interactive map's legend gives that cluster, and the
    # figure names it by the same main domain.
    groups = build_map_model(summary)["groups"]
    assert {g["key"]: g["main"] for g in groups} == legend
    for group in groups:
        assert tuple(int(group["color"][k:k + 2], 16) for k in (1, 3, 5)) in pixels
