"""One number format for every output: loads to one decimal, centralities to three significant digits.

The command line, the HTML page, the Word report, the workbook's display
formats and ``remit diff`` all show a number through :func:`format_number`,
so the same unit reads the same in each. Data files (CSV, JSON, GraphML)
keep full precision.
"""

from __future__ import annotations

import math
from typing import Any

from remit.model import plain_value

__all__ = ["DECIMAL_COLUMNS", "SIGNIFICANT_COLUMNS", "decimals", "excel_format", "format_number"]

#: Columns shown with one decimal: loads and their changes.
DECIMAL_COLUMNS = frozenset({"load", "lead_share", "load_old", "load_new", "load_change", "crunch"})
#: Columns shown with three significant digits: centralities, scores and agreement measures.
SIGNIFICANT_COLUMNS = frozenset({
    "betweenness", "eigenvector", "pagerank", "effective_size", "efficiency", "constraint",
    "bipartite_betweenness", "bottleneck_score", "score", "participation", "modularity", "nmi_domains",
    "ari_domains", "similarity", "load_norm", "crunch_norm", "brokerage_norm", "fragility_norm",
})
SIGNIFICANT = 3


def decimals(value: float, column: str | None = None) -> int | None:
    """Decimals to show ``value`` of ``column`` with, or None for an integer display.

    Examples
    --------
    >>> decimals(37.45, "load"), decimals(0.13276, "betweenness"), decimals(24.796, "effective_size")
    (1, 3, 1)
    >>> decimals(0.0431, "pagerank"), decimals(1234.5, "pagerank"), decimals(3.0, "led")
    (4, 0, None)
    """
    if column in DECIMAL_COLUMNS:
        return 1
    if column in SIGNIFICANT_COLUMNS or (column is None and not float(value).is_integer()):
        if value == 0 or not math.isfinite(value):
            return SIGNIFICANT - 1 if column in SIGNIFICANT_COLUMNS else 0
        return max(0, SIGNIFICANT - 1 - math.floor(math.log10(abs(value))))
    return None if float(value).is_integer() else 1


def format_number(value: Any, column: str | None = None) -> str:
    """``value`` as every output shows it: "" when missing, integers as integers.

    Examples
    --------
    >>> format_number(37.45, "load"), format_number(0.1327583, "betweenness"), format_number(40, "led")
    ('37.5', '0.133', '40')
    >>> format_number(0.0430689, "pagerank"), format_number(None), format_number(12000.0, "led")
    ('0.0431', '', '12,000')
    """
    value = plain_value(value)
    if value is None or isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    if isinstance(value, float) and math.isnan(value):
        return ""
    places = decimals(float(value), column)
    if places is None:
        return f"{round(value):,}" if abs(value) >= 1e4 else str(round(value))
    return f"{value:,.{places}f}" if abs(value) >= 1e4 else f"{value:.{places}f}"


def excel_format(value: Any, column: str | None = None) -> str | None:
    """The Excel number format that displays ``value`` as :func:`format_number` does, or None.

    Examples
    --------
    >>> excel_format(37.45, "load"), excel_format(0.0431, "pagerank"), excel_format(40, "led")
    ('0.0', '0.0000', None)
    """
    value = plain_value(value)
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            (isinstance(value, float) and not math.isfinite(value)):
        return None
    places = decimals(float(value), column)
    if places is None:
        return None
    return "0" if places == 0 else "0." + "0" * places
