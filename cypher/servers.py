"""How clients find a running ``remit serve``: its state file under :func:`data_dir` ``/servers``.

The state names the Bolt address, ``root`` (who may write) and the
read-only user ``reader`` (whom reads use), and where their passwords are:
0600 files, or for ``root`` an environment variable. A state file or
password file that is not the user's own is refused
(:func:`remit.cypher.folders.check_private`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from remit.cypher.folders import DATABASE, check_private, data_dir, data_folder, write_private
from remit.locks import pid_alive

__all__ = ["ServerState", "find_server", "note", "read_password", "read_state", "remove_state",
           "running_server", "state_path", "write_state"]


@dataclass(frozen=True)
class ServerState:
    """What a running ``remit serve`` tells clients: where it listens and where its passwords are.

    ``user`` (root) may write; ``reader`` may only read, and reads use it.
    """

    pid: int
    uri: str
    user: str
    folder: str
    key: str
    password_file: str | None = None
    password_env: str | None = None
    http: str | None = None
    reader: str | None = None
    reader_password_file: str | None = None

    def password(self) -> str | None:
        """The password, read from the 0600 file or the named environment variable."""
        if self.password_env:
            return os.environ.get(self.password_env)
        return read_password(Path(self.password_file)) if self.password_file else None

    def reader_password(self) -> str | None:
        """The read-only user's password, from its 0600 file."""
        return read_password(Path(self.reader_password_file)) if self.reader_password_file else None


def read_password(path: Path) -> str | None:
    """The password in ``path``; None when there is none or it cannot be read.

    Raises
    ------
    GraphStoreError
        When the file belongs to another user or others may write it.
    """
    if not path.exists() and not path.is_symlink():
        return None
    check_private(path, "password file")
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None


def state_path(folder: Path) -> Path:
    """The state file of a server on ``folder``: under :func:`data_dir`, so that clients find it."""
    name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
    return data_dir() / "servers" / f"{name}.json"


def write_state(state: ServerState) -> Path:
    path = state_path(Path(state.folder))
    data_folder("servers", "state")
    write_private(path, json.dumps(state.__dict__, ensure_ascii=False, indent=1))
    return path


def remove_state(folder: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        state_path(folder).unlink()


def read_state(path: Path) -> ServerState | None:
    """The state in ``path``; None, and the file removed, when its server is gone.

    Raises
    ------
    GraphStoreError
        When the file belongs to another user or others may write it.
    """
    check_private(path, "server state file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        state = ServerState(**data)
    except (OSError, ValueError, TypeError):
        return None
    if not pid_alive(state.pid):
        with contextlib.suppress(OSError):
            path.unlink()  # stale: the server died without cleaning up
        return None
    return state


def find_server(key: str | None = None) -> ServerState | None:
    """A running ``remit serve``: the one holding ``key``, or with ``key=None`` the newest one.

    Raises
    ------
    GraphStoreError
        When the folder of state files, or one of them, is not the user's own.
    """
    folder = data_dir() / "servers"
    if not folder.is_dir():
        return None
    check_private(data_dir(), "data folder")
    check_private(folder, "state folder")
    try:
        paths = sorted(folder.glob("*.json"), key=lambda p: p.lstat().st_mtime, reverse=True)
    except OSError:
        return None
    for path in paths:
        state = read_state(path)
        if state is not None and (key is None or state.key == key):
            return state
    return None


def note(line: str) -> None:
    """Say something on standard error, as ``remit: note: …``."""
    import sys

    print(f"remit: note: {line}", file=sys.stderr, flush=True)


def running_server(key: str | None, say: Callable[[str], None] = note, *, write: bool = False) -> Any:
    """Connection settings for a running ``remit serve`` holding ``key`` (any, with None), or None.

    Reads log in as the server's read-only user, so that the server itself
    refuses a write; ``write=True`` logs in as ``root``.
    """
    state = find_server(key)
    if state is None:
        return None
    from remit.cypher.bolt import Settings

    user, password = (state.user, state.password()) if write else (state.reader, state.reader_password())
    if user is None or password is None:
        say(f"remit serve at {state.uri} keeps its password in {state.password_env or 'a file'} "
            "that this process cannot read; using the cache instead")
        return None
    return Settings(state.uri, user, password, DATABASE)
