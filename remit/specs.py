"""Input specs as a user gives them: ``PATH``, or ``ID=PATH`` to name the list.

One parser for every layer: the loaders read the list id from it, and the
cache key in ``cypher/`` names the same list id.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["LIST_ID", "split_spec"]

#: What a list id given as ``ID=PATH`` may look like.
LIST_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*$")


def split_spec(spec: str | Path) -> tuple[str | None, str]:
    """Split ``"ID=PATH"`` into the list id and the path; a plain path has no id (None).

    A file whose own name holds ``=`` stays a plain path when it exists, and
    text before ``=`` that is no list id (:data:`LIST_ID`) is part of the path.

    Examples
    --------
    >>> split_spec("sz2020=lists/深圳.md")
    ('sz2020', 'lists/深圳.md')
    >>> split_spec("lists/深圳.md"), split_spec("两 个=x.md")
    ((None, 'lists/深圳.md'), (None, '两 个=x.md'))
    """
    text = str(spec)
    if "=" in text and not Path(text).exists():
        list_id, _, path = text.partition("=")
        if LIST_ID.match(list_id):
            return list_id, path
    return None, text
