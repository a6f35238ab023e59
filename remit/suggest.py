"""Did-you-mean for unit names: what the map's search box does, for the command line.

A name that is not a unit is matched the way the map's search finds 市市场监管局
from 市场监管: first units whose name or an alias contains the text (or is
contained in it), shortest first; failing that, the closest spellings.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping

__all__ = ["did_you_mean", "similar_names", "unknown_unit"]


def _clean(text: str) -> str:
    return "".join(str(text).split()).lower()


def similar_names(query: str, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None,
                  limit: int = 3) -> list[str]:
    """Canonical names that ``query`` probably meant, best first.

    Parameters
    ----------
    query : str
        What the user typed.
    names : iterable of str
        The canonical unit names.
    aliases : mapping, optional
        Canonical name → its other spellings.
    limit : int
        At most this many names.

    Examples
    --------
    >>> names = ["市市场监管局", "市住房建设局", "深圳海关"]
    >>> similar_names("市场监管", names)
    ['市市场监管局']
    >>> similar_names("住建", names, {"市住房建设局": ["市住建局"]})
    ['市住房建设局']
    >>> similar_names("深圳海关总署", names)
    ['深圳海关']
    >>> similar_names("市市场监督管理局", names)
    ['市市场监管局']
    >>> similar_names("教育部", names)
    []
    """
    q = _clean(query)
    if not q:
        return []
    canon = sorted(set(names))
    spellings = {n: [_clean(n), *(_clean(a) for a in (aliases or {}).get(n, ()))] for n in canon}
    found: list[tuple[int, int, str]] = []
    for name, forms in spellings.items():
        if forms[0] == q or q in forms[1:]:
            found.append((0, len(name), name))
        elif q in forms[0]:
            found.append((1, len(name), name))
        elif any(q in f for f in forms[1:]):
            found.append((2, len(name), name))
        elif any(f in q for f in forms if len(f) >= 2):
            found.append((3, -len(name), name))
    if found:
        return [name for *_, name in sorted(found)[:limit]]
    back = {f: name for name, forms in spellings.items() for f in forms}
    close = difflib.get_close_matches(q, list(back), n=limit * 2, cutoff=0.6)
    return list(dict.fromkeys(back[f] for f in close))[:limit]


def did_you_mean(query: str, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None) -> str:
    """``"; did you mean A or B?"``, or ``""`` when nothing is close.

    Examples
    --------
    >>> did_you_mean("市场监管", ["市市场监管局", "市财政局"])
    '; did you mean 市市场监管局?'
    """
    hits = similar_names(query, names, aliases)
    if not hits:
        return ""
    return "; did you mean " + (hits[0] if len(hits) == 1 else ", ".join(hits[:-1]) + " or " + hits[-1]) + "?"


def unknown_unit(query: str, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None) -> str:
    """The one-line message for a unit name that is not in the input.

    Examples
    --------
    >>> unknown_unit("市场监管", ["市市场监管局"])
    "unknown unit '市场监管': not in the task list; did you mean 市市场监管局?"
    """
    return f"unknown unit {query!r}: not in the task list" + did_you_mean(query, names, aliases)
