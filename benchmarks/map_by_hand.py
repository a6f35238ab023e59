"""The example list's unit coordination map as a user might draw it by hand: pandas, networkx, pyvis.

The yardstick of ``remit map`` in ``bench_startup.py --only map``. It does less than remit:
the Markdown table rows are split on ``|`` (no aliases, no prose, no checks), units on ``、``,
two units are linked when they lead or support one task together, and pyvis draws the graph
(sized by degree, no clusters, no panels, no precomputed layout) into one offline HTML file
with vis-network inlined, as ``remit map`` writes one.

Run: ``python benchmarks/map_by_hand.py OUT.html [LIST.md]``.
"""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
from pyvis.network import Network

EXAMPLE = Path(__file__).resolve().parent.parent / "remit" / "data" / "shenzhen-2020-tasks.md"


def tasks(path: Path) -> pd.DataFrame:
    """The task rows of the Markdown tables: number, lead units and supporting units."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 6 and cells[0].isdigit():
            rows.append({"number": int(cells[0]), "lead": cells[3], "support": cells[4]})
    return pd.DataFrame(rows)


def units(text: str) -> list[str]:
    return [u for u in (s.strip() for s in re.split(r"<br\s*/?>|[、，,；;\s]+", text)) if u]


def main() -> None:
    out = Path(sys.argv[1])
    frame = tasks(Path(sys.argv[2]) if len(sys.argv) > 2 else EXAMPLE)
    G = nx.Graph()
    for lead, support in zip(frame["lead"], frame["support"], strict=True):
        members = sorted(set(units(lead)) | set(units(support)))
        G.add_nodes_from(members)
        for a, b in itertools.combinations(members, 2):
            weight = G.edges[a, b]["value"] + 1 if G.has_edge(a, b) else 1
            G.add_edge(a, b, value=weight)
    for node, degree in G.degree():
        G.nodes[node]["size"] = 8 + 2 * degree ** 0.5
    net = Network(height="720px", width="100%", cdn_resources="in_line")
    net.from_nx(G)
    net.write_html(str(out), notebook=False)
    print(f"wrote {out} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)", file=sys.stderr)


if __name__ == "__main__":
    main()
