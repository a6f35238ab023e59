"""Small wording helpers shared by the texts the service layer renders."""

from __future__ import annotations

__all__ = ["plural"]


def plural(n: int, word: str, many: str | None = None) -> str:
    """``"1 error"``, ``"2 errors"``.

    Examples
    --------
    >>> plural(1, "error"), plural(0, "error"), plural(3, "unit changes", "units change")
    ('1 error', '0 errors', '3 units change')
    """
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"
