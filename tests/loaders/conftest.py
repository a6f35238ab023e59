"""Fixtures of the loader tests: the sample rows written to files, and a text writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from loader_samples import WRITERS


@pytest.fixture
def sample_files(tmp_path: Path) -> dict[str, Path]:
    """The ten rows written as sample.md/.html/.xlsx/.csv (GBK)/.docx."""
    return {name: writer(tmp_path / name) for name, writer in WRITERS.items()}


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write ``text`` to ``tmp_path/name`` in UTF-8 and return the path."""
    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return _write
