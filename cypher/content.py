"""The content key: the hash that names what a database of remit's holds.

It hashes the inputs' names and bytes, their list ids, the alias files, the
tables remit ships that change a reading, the other reading options, the
remit version and :data:`SCHEMA_VERSION`. The version and the shipped
tables come from the caller (:mod:`remit.service.lists`): this layer does
not look into the package around it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from remit.specs import split_spec

__all__ = ["SCHEMA_VERSION", "content_key"]

# Bump when the graph written for the same input changes (labels, properties, derived edges).
SCHEMA_VERSION = 2  # 2: markers with a state and a manifest


def content_key(inputs: Sequence[str], aliases: Sequence[str], options: Sequence[str] = (), *,
                version: str, shipped: Iterable[Path] = ()) -> str:
    """The hash that names a database's content.

    Parameters
    ----------
    inputs : list of str
        Input specs as given on the command line (``PATH`` or ``ID=PATH``).
        The file's name and bytes count, not the folder it is in.
    aliases : list of str
        Extra alias files.
    options : list of str, optional
        Other reading options that change the content (``--lead-rule=first``,
        ``--place=深圳市``): each decides what the graph holds.
    version : str
        The version of remit that reads the inputs.
    shipped : iterable of Path
        The tables remit ships that change a reading (aliases of each
        government, places, forms, successors).

    Examples
    --------
    >>> import remit
    >>> k = content_key([str(remit.example_path())], [], version="1.0")
    >>> len(k), k == content_key([str(remit.example_path())], [], version="1.0")
    (64, True)
    >>> k == content_key([str(remit.example_path())], [], version="1.1")
    False
    """
    digest = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        digest.update(f"{label}:{len(data)}:".encode())
        digest.update(data)

    part("remit", version.encode())
    part("schema", str(SCHEMA_VERSION).encode())
    part("shipped-aliases", b"".join(f.name.encode() + b"\0" + f.read_bytes() for f in sorted(shipped)))
    for kind, specs in (("input", inputs), ("aliases", aliases)):
        for spec in specs:
            list_id, path = split_spec(spec) if kind == "input" else (None, str(spec))
            part(kind, f"{list_id or ''}={Path(path).name}".encode())
            try:
                part("bytes", Path(path).read_bytes())
            except OSError:
                part("bytes", b"\0unreadable")  # the loader reports it when the cache misses
    for option in options:
        part("option", option.encode())
    return digest.hexdigest()
