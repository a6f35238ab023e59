"""``remit neo4j load``: task lists written into the user's Bolt server (Neo4j, ArcadeDB, Aura)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from remit.service.querying import bolt_settings

if TYPE_CHECKING:
    from remit.cypher.bolt import Settings
    from remit.cypher.store import LoadSummary
    from remit.model import TaskList

__all__ = ["Stored", "store"]


@dataclass(frozen=True)
class Stored:
    """Where the lists went and what the load wrote."""

    settings: Settings
    summary: LoadSummary

    def record(self) -> dict[str, Any]:
        """The summary as JSON-ready data (no password: the server as it may be printed)."""
        s = self.summary
        return {"server": self.settings.shown, "database": self.settings.database, "input": s.input,
                "changes": s.changes, "totals": s.totals, "replaced": s.replaced,
                "seconds": round(s.seconds, 3)}

    def lines(self) -> list[str]:
        """The summary as lines for people, the server first."""
        database = self.settings.database
        return [f"server {self.settings.shown}" + (f", database {database}" if database else ""),
                *self.summary.lines()]


def store(load: Callable[[], TaskList], *, uri: str | None = None, user: str | None = None,
          database: str | None = None, batch_size: int = 1000, replace_list: str | None = None,
          ask_password: Callable[[str], str] | None = None) -> Stored:
    """Write the task list ``load()`` gives into the server of ``uri`` or ``NEO4J_URI`` (idempotent).

    The server is resolved (and the password asked for) before the lists
    are read, so that a wrong URI costs no load.

    Raises
    ------
    GraphStoreError
        No server, not a Bolt URI, unreachable, a wrong password.
    """
    from remit.cypher.bolt import connect
    from remit.cypher.store import load as write

    settings = bolt_settings(uri, user, database, ask_password=ask_password)
    tasklist = load()
    driver = connect(settings)
    try:
        summary = write(driver, tasklist, settings.database, batch_size=batch_size,
                        replace_list=replace_list, settings=settings)
    finally:
        driver.close()
    return Stored(settings, summary)
