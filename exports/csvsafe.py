"""Neutralise spreadsheet formulas in the CSV files remit writes (CSV injection).

Excel, WPS and LibreOffice run a CSV cell that begins with ``=``, ``+``,
``-`` or ``@`` (and, in some versions, a tab or carriage return first) as a
formula: ``=HYPERLINK(…)`` in a task text would become a live link when an
office opens ``tasks.csv``. As OWASP recommends, such a text cell is written
with a leading ``'``, which the spreadsheet shows as text and hides.

Only text is changed: a number (a negative load, a count) stays a number.
The xlsx files need none of this: they store strings as strings.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

# The first characters that make a spreadsheet read a cell as a formula. They live with the
# loader that reads tasks.csv back, which takes the quote off again.
from remit.loaders.readback import FORMULA_START

__all__ = ["FORMULA_START", "neutralise", "safe_frame"]


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralise('=HYPERLINK("http://x","点我")'), neutralise("@SUM(A1)"), neutralise("-2+3")
    ('\\'=HYPERLINK("http://x","点我")', "'@SUM(A1)", "'-2+3")
    >>> neutralise(-1.5), neutralise("市财政局"), neutralise("")
    (-1.5, '市财政局', '')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells are :func:`neutralise`-d; numeric columns untouched.

    Examples
    --------
    >>> t = pd.DataFrame({"unit": ["=1+2", "市税务局"], "load": [-1.0, 2.0]})
    >>> safe_frame(t).to_dict("list")
    {'unit': ["'=1+2", '市税务局'], 'load': [-1.0, 2.0]}
    """
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out
