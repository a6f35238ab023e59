"""Known forms of one name: 省发展改革委 and 省发展和改革委 in one document are one body.

``data/name_forms.csv`` lists, one line per body, the forms documents write
after the level (省, 市, a place). Inside one document, names that differ only
by such a form merge into the form the document uses most, with an audit
line; across documents they stay apart, since two governments may really
have two bodies. :mod:`remit.loaders.successors` uses the same forms to tell
whether a renamed body is the one a later list names.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from functools import lru_cache
from importlib import resources

__all__ = ["RULE", "form_key", "same_body_merges"]

RULE = "known-forms"


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, tuple[int, int]], tuple[str, ...]]:
    """Form → (line, rank), and every form longest first."""
    text = resources.files("remit.loaders").joinpath("data/name_forms.csv").read_text(encoding="utf-8")
    found: dict[str, tuple[int, int]] = {}
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")][1:]
    for line, row in enumerate(rows):
        for rank, form in enumerate(row[0].split("|")):
            found[form.strip()] = (line, rank)
    return found, tuple(sorted(found, key=len, reverse=True))


def form_key(name: str) -> tuple[str, int] | None:
    """(what stands before the form, the body's line) of a name written in a known form; else None.

    Examples
    --------
    >>> form_key("省发展和改革委") == form_key("省发展改革委"), form_key("市财政局")
    (True, None)
    >>> form_key("市文旅局") == form_key("市文旅广电局") != form_key("区文旅局")
    True
    """
    forms, longest_first = _forms()
    for form in longest_first:
        if name.endswith(form):
            return name[:-len(form)], forms[form][0]
    return None


def _rank(name: str) -> int:
    forms, longest_first = _forms()
    return next(forms[f][1] for f in longest_first if name.endswith(f))


def same_body_merges(counts: Counter[str]) -> dict[str, str]:
    """Within one document: each name written in another known form of a more used name → that name.

    Parameters
    ----------
    counts : collections.Counter
        Mentions of each name in one document.

    Examples
    --------
    >>> same_body_merges(Counter({"省发展改革委": 2, "省发展和改革委": 2, "省财政厅": 5}))
    {'省发展和改革委': '省发展改革委'}
    >>> same_body_merges(Counter({"市文旅局": 1, "市文旅广电局": 3, "区文旅局": 1}))
    {'市文旅局': '市文旅广电局'}
    """
    groups: dict[tuple[str, int], list[str]] = {}
    for name in counts:
        key = form_key(name)
        if key is not None:
            groups.setdefault(key, []).append(name)
    merges: dict[str, str] = {}
    for names in groups.values():
        if len(names) > 1:
            winner = min(names, key=lambda n: (-counts[n], _rank(n), n))
            merges.update({n: winner for n in names if n != winner})
    return merges
