"""The one set of control characters, for the readers that remove them and the writers that must.

C0 controls except tab, line feed and carriage return (so also the vertical
tab and form feed, which XML 1.0 forbids); DEL; C1 controls; lone
surrogates; the non-characters U+FFFE and U+FFFF. The readers turn the
line-break ones into line breaks and remove the rest
(:mod:`remit.loaders.clean`); the writers of XML (report.docx, xlsx,
GraphML, GEXF) and the map figure remove them all; the terminal shows them
as escapes (:mod:`remit.terminal`).

Examples
--------
>>> CONTROL.sub("", "甲\\x0b乙\\x0c丙\\x1b\\x85\\t\\n")
'甲乙丙\\t\\n'
"""

from __future__ import annotations

import re

__all__ = ["CONTROL", "CONTROL_CHARS"]

#: The set as the body of a regular-expression character class, for sets built on it.
CONTROL_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
CONTROL = re.compile(f"[{CONTROL_CHARS}]")
