"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import remit

EXAMPLE_ID = "shenzhen-2020-tasks"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled Shenzhen 2020 list."""
    return remit.example_path()


@pytest.fixture(scope="session")
def example(example_path: Path) -> remit.TaskList:
    """The example, loaded once; tests must not mutate it."""
    return remit.load(example_path)


@pytest.fixture(scope="session")
def example_graph(example: remit.TaskList) -> nx.MultiDiGraph:
    """The example's task graph, built once; tests must not mutate it."""
    return remit.build_graph(example)


def task_id(number: int) -> str:
    """The id of task ``number`` of the example."""
    return f"{EXAMPLE_ID}#{number}"
