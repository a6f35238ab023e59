"""Fixtures of the analyses tests; the hand-made graphs live in analyses_handmade.py."""

from __future__ import annotations

import networkx as nx
import pytest
from analyses_handmade import two_triangles_graph


@pytest.fixture(scope="session")
def two_triangles() -> nx.MultiDiGraph:
    """Triangles a-b-c (domain D1) and d-e-f (D2) joined by the bridge c-d (task in D2)."""
    return two_triangles_graph()
