"""The bundled example: Shenzhen's 2020 business-environment task list."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["example_path"]


def example_path() -> Path:
    """Path of the bundled example: Shenzhen's 2020 business-environment task list.

    Examples
    --------
    >>> example_path().name
    'shenzhen-2020-tasks.md'
    """
    return Path(str(resources.files("remit").joinpath("data/shenzhen-2020-tasks.md"))).resolve()
