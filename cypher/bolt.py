"""Connecting to a Bolt server: settings, credentials, redaction and errors.

Settings come from ``NEO4J_URI``, ``NEO4J_USERNAME``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE``, or from command-line flags for everything but the
password. The password is never printed: a URI that carries credentials
(``bolt://user:secret@host``) is redacted in every message, and the driver
is given the URI without them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from remit.errors import GraphStoreError, QueryError, RemitError

# The driver (about 0.24 s to import) is imported where a Bolt connection or one of its errors
# needs it: a query answered by the cached embedded database never does.
if TYPE_CHECKING:
    import neo4j

__all__ = ["Settings", "connect", "redact", "translate", "translating"]

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# The user information of a URI runs to the LAST "@" before white space: a
# password may hold "/", "#", "?", ":" and "@" itself.
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][\w+.-]*://)(?P<user>[^/@:\s]*)(?::\S*)?@(?=[^@\s]*(?:\s|$))")


def redact(text: str) -> str:
    """Hide the password of every URI in ``text``.

    Examples
    --------
    >>> redact("cannot reach bolt://neo:s3cret@db.example:7687")
    'cannot reach bolt://neo:***@db.example:7687'
    >>> redact("neo4j+s://db.example")
    'neo4j+s://db.example'
    """
    return _USERINFO.sub(lambda m: f"{m.group('scheme')}{m.group('user')}:***@", text)


def _split_credentials(raw: str) -> tuple[str, str | None, str | None, str]:
    """Scheme, user, password and the rest of a URI; the credentials end at the LAST "@".

    :func:`urllib.parse.urlsplit` ends them at the first "/", "?" or "#",
    so a password holding one of those would be read as host, port or path
    and quoted in its errors.

    Examples
    --------
    >>> _split_credentials("bolt://neo4j:pa55w0rd/xyz@db.example:7687")
    ('bolt', 'neo4j', 'pa55w0rd/xyz', 'db.example:7687')
    >>> _split_credentials("neo4j+s://db.example")
    ('neo4j+s', None, None, 'db.example')
    """
    scheme, sep, rest = raw.strip().partition("://")
    if not sep:
        return "", None, None, "<not a URI>"
    scheme = scheme.lower()
    if "@" not in rest:
        return scheme, None, None, rest
    userinfo, _, rest = rest.rpartition("@")
    user, colon, password = userinfo.partition(":")
    return scheme, unquote(user), unquote(password) if colon else None, rest


@dataclass(frozen=True)
class Settings:
    """Where and as whom to connect. ``repr`` never shows the password.

    Examples
    --------
    >>> s = Settings.resolve(uri="bolt://neo:pw@localhost:7687", env={})
    >>> s.uri, s.user, s.password, s.shown
    ('bolt://localhost:7687', 'neo', 'pw', 'bolt://localhost:7687')
    >>> "pw" in repr(s)
    False
    """

    uri: str
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None

    @property
    def shown(self) -> str:
        """The URI as it may be printed."""
        return redact(self.uri)

    @classmethod
    def resolve(cls, uri: str | None = None, user: str | None = None, database: str | None = None,
                env: dict[str, str] | None = None) -> Settings:
        """Combine flags (which win) with ``NEO4J_*`` environment variables.

        Raises
        ------
        GraphStoreError
            If no URI is given, or the URI is not a Bolt URI.
        """
        env = dict(os.environ) if env is None else env
        raw = uri or env.get("NEO4J_URI") or ""
        if not raw:
            raise GraphStoreError("no server given: set NEO4J_URI or pass --uri")
        scheme, url_user, url_password, rest = _split_credentials(raw)
        hint = "expected bolt://host:7687 or neo4j://host (+s or +ssc for TLS)"
        # No message below quotes the URI: in a malformed one, any part of it
        # may be the password (bolt://user:pa/ss@host gives "pa" as a port).
        if scheme not in SCHEMES:
            raise GraphStoreError(f"NEO4J_URI/--uri is not a Bolt URI: {hint}")
        try:
            parts = urlsplit(f"{scheme}://{rest}")
            port = parts.port
        except ValueError:
            raise GraphStoreError(f"NEO4J_URI/--uri is not a Bolt URI: the port must be a number "
                                  f"from 1 to 65535; {hint}") from None
        if not parts.hostname:
            raise GraphStoreError(f"NEO4J_URI/--uri is not a Bolt URI: no host name; {hint}")
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = f"{host}:{port}" if port else host
        clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
        return cls(uri=clean,
                   user=user or url_user or env.get("NEO4J_USERNAME") or "neo4j",
                   password=env.get("NEO4J_PASSWORD") if env.get("NEO4J_PASSWORD") is not None
                   else url_password,
                   database=database or env.get("NEO4J_DATABASE") or None)


def connect(settings: Settings, **config: Any) -> neo4j.Driver:
    """Open a driver and check that the server answers and accepts the login.

    ``neo4j://`` URIs route (clusters, Aura); ``bolt://`` talks to one server.

    Raises
    ------
    GraphStoreError
        When the server is unreachable or refuses the credentials.
    """
    import neo4j

    auth = (settings.user, settings.password) if settings.password is not None else None
    with translating(settings):
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth, **config)
        try:
            driver.verify_connectivity()
        except BaseException:
            driver.close()
            raise
    return driver


_REASON = re.compile(r"\(reason (?:\[Errno \d+\] )?(.+?)\)\s*$")


def _first_line(exc: BaseException) -> str:
    """The driver's message on one line: its reason when it gives one, at most 300 characters."""
    message = str(getattr(exc, "message", None) or str(exc) or exc.__class__.__name__)
    reason = _REASON.search(message)
    if reason:
        return reason.group(1)
    text = " ".join(line.strip() for line in message.strip().splitlines() if line.strip())
    return text if len(text) <= 300 else text[:297] + "..."


def translate(exc: BaseException, settings: Settings | None = None, what: str = "") -> RemitError:
    """Turn a driver exception into a one-line :class:`RemitError`.

    Parameters
    ----------
    exc : BaseException
        What the ``neo4j`` driver raised.
    settings : Settings, optional
        Names the server in the message (redacted).
    what : str
        What was being done, e.g. ``"query top_leads"``.
    """
    where = f" at {settings.shown}" if settings else ""
    subject = f"{what}: " if what else ""
    detail = _first_line(exc)
    if settings is not None and settings.password:
        detail = detail.replace(settings.password, "***")
    detail = redact(detail)
    error: RemitError
    from neo4j import exceptions as nx4j

    if isinstance(exc, nx4j.AuthError):
        user = f" for user {settings.user!r}" if settings else ""
        error = GraphStoreError(f"authentication failed{user}{where}: check NEO4J_USERNAME and "
                                "NEO4J_PASSWORD")
    elif isinstance(exc, nx4j.CypherSyntaxError):
        error = QueryError(f"{subject}Cypher syntax error: {detail}")
    elif isinstance(exc, nx4j.ClientError) and "DatabaseNotFound" in str(exc.code):
        error = GraphStoreError(f"{subject}database not found{where}: {detail}")
    elif isinstance(exc, nx4j.ClientError | nx4j.DatabaseError) and not isinstance(
            exc, nx4j.TransientError):
        error = QueryError(f"{subject}the server rejected the query{where}: {detail}")
    elif isinstance(exc, nx4j.ServiceUnavailable | nx4j.SessionExpired | nx4j.IncompleteCommit
                    | nx4j.TransientError | OSError):
        error = GraphStoreError(f"{subject}cannot reach the server, or lost it{where}: {detail}")
    elif isinstance(exc, nx4j.ConfigurationError):
        error = GraphStoreError(f"bad connection settings{where}: {detail}")
    else:
        error = GraphStoreError(f"{subject}graph store error{where}: {detail}")
    return error


@contextmanager
def translating(settings: Settings | None = None, what: str = "") -> Iterator[None]:
    """Re-raise driver errors inside the block as :class:`RemitError` lines."""
    try:
        yield
    except RemitError:
        raise
    except Exception as exc:
        # neo4j is imported on the way out only: see the imports at the top.
        from neo4j import exceptions as nx4j

        if not isinstance(exc, nx4j.Neo4jError | nx4j.DriverError | OSError):
            raise
        raise translate(exc, settings, what) from exc
