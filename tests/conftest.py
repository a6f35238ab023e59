"""Fixtures shared by every test folder."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import settings

import remit

# In CI the property tests replay a fixed sequence of examples, so a run is
# reproducible; on a developer's machine they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

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


@pytest.fixture(scope="session", autouse=True)
def _remit_data_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The Cypher cache and remit serve write under REMIT_DATA_DIR: keep tests out of the user's folder."""
    os.environ["REMIT_DATA_DIR"] = str(tmp_path_factory.mktemp("remit-data"))
