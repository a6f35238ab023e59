"""Options and output helpers that every command shares."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from remit.service.text import plural

# pandas, the loaders and the service modules (dataclasses, inspect) are imported by the
# commands that use them, so that `remit --help` starts at once.
if TYPE_CHECKING:
    import pandas as pd

    from remit.service.reading import ReadOptions
    from remit.service.scoping import Scope

__all__ = [
    "Subcommands",
    "add_collectives",
    "add_format",
    "add_inputs",
    "add_lang",
    "add_reading",
    "emit_frame",
    "emit_json",
    "plural",
    "print_lines",
    "print_notes",
    "read_options",
    "scope_of",
    "shown_frame",
]


class Subcommands(Protocol):
    """What a command module's ``register(sub)`` is given: ``ArgumentParser.add_subparsers()``'s result."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser:
        """Add the command ``name``; return its parser."""
        ...


def add_inputs(parser: argparse.ArgumentParser) -> None:
    """Add ``INPUT...`` (default: the bundled example) and the reading options (:func:`add_reading`)."""
    parser.add_argument("inputs", nargs="*", metavar="INPUT",
                        help="task lists (.md .html .xlsx .csv .docx .pdf .xls .doc .txt); ID=PATH names the "
                             "list; default: the bundled Shenzhen 2020 example")
    add_reading(parser)


def add_reading(parser: argparse.ArgumentParser) -> None:
    """Add every option that changes what is read: the fields of :class:`ReadOptions` besides the inputs."""
    parser.add_argument("--aliases", action="append", default=[], metavar="FILE",
                        help="extra alias CSV (alias,canonical,kind,note); may repeat")
    parser.add_argument("--place", metavar="PLACE",
                        help="the government whose lists these are (深圳市, 山东省, 国务院), which chooses "
                             "the aliases that apply; default: read from each document")
    parser.add_argument("--names-as-of", metavar="DATE",
                        help="read names as of DATE (YYYY-MM-DD): a body renamed by then (市工商局 → "
                             "市市场监管局, 2019) is read under its successor, with an audit line")
    parser.add_argument("--successors", action="append", default=[], metavar="FILE",
                        help="extra successor CSV (old,new,date,level,place,source), tried before "
                             "remit's own; may repeat")
    parser.add_argument("--max-input-size", metavar="SIZE",
                        help="largest input file to read, e.g. 200M or 1G (default 64M; also "
                             "REMIT_MAX_INPUT_SIZE)")
    parser.add_argument("--lead-rule", type=_lead_rule, default="stated", metavar="RULE",
                        help="who leads where a list names responsible units without saying, "
                             "one of stated|first|all: stated (default: the document's own "
                             "words, e.g. 列第一位者为牵头单位; else the first listed, with a "
                             "note), first (the first listed always), all (every listed unit "
                             "is a co-lead)")


def _lead_rule(value: str) -> str:
    """Check a ``--lead-rule`` value (a type, not ``choices``: the parser stays plain).

    The check is :meth:`remit.model.LeadRule.parse`, imported here so that ``--help`` stays quick.
    """
    from remit.model import LeadRule

    try:
        return LeadRule.parse(value).value
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a lead rule; use stated, first or all") from None


def read_options(args: argparse.Namespace, inputs: Sequence[str] | None = None) -> ReadOptions:
    """The :class:`ReadOptions` of the parsed command line: ``args.inputs``, or ``inputs`` if given.

    Examples
    --------
    >>> read_options(argparse.Namespace(inputs=["a.md"], lead_rule="all")).lead_rule.value
    'all'
    """
    from remit.model import LeadRule  # a command that reads lists imports the model anyway
    from remit.service.reading import ReadOptions

    return ReadOptions(
        inputs=tuple(getattr(args, "inputs", ()) if inputs is None else inputs),
        aliases=tuple(getattr(args, "aliases", ())), place=getattr(args, "place", None),
        names_as_of=getattr(args, "names_as_of", None), successors=tuple(getattr(args, "successors", ())),
        max_input_size=getattr(args, "max_input_size", None),
        lead_rule=LeadRule.parse(getattr(args, "lead_rule", "stated")))


def scope_of(args: argparse.Namespace) -> Scope:
    """The :class:`~remit.service.scoping.Scope` of the parsed command line: which units count
    (``--include-collectives``), the language (``--lang``) and the cluster options.

    Examples
    --------
    >>> scope_of(argparse.Namespace(include_collectives=True, lang="en"))
    Scope(include_collectives=True, lang='en', resolution=1.0, seed=42)
    """
    from remit.service.scoping import Scope

    return Scope(include_collectives=getattr(args, "include_collectives", False),
                 lang=getattr(args, "lang", "zh"), resolution=getattr(args, "resolution", 1.0),
                 seed=getattr(args, "seed", 42))


def add_collectives(parser: argparse.ArgumentParser) -> None:
    """Add ``--include-collectives`` (``include_collectives``), the switch of docs/input.md ("The model")."""
    parser.add_argument("--include-collectives", "--collectives", dest="include_collectives",
                        action="store_true",
                        help="keep collective placeholders such as 各有关单位 (left out by default)")


def add_lang(parser: argparse.ArgumentParser, what: str = "the output") -> None:
    """Add ``--lang zh|en`` (default Chinese)."""
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help=f"language of {what} (default: zh, Chinese)")


def add_format(parser: argparse.ArgumentParser, *, csv: bool = True) -> None:
    """Add mutually exclusive ``--json`` / ``--csv`` switches (default: a table)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--json", action="store_true", help="print JSON")
    if csv:
        group.add_argument("--csv", action="store_true", help="print CSV")


def _jsonable(value: Any) -> Any:
    from remit.model import plain_value

    if isinstance(value, tuple | list | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return plain_value(value)


def print_notes(notes: list[str]) -> None:
    """Print each note on stderr as ``remit: NOTE``."""
    for note in notes:
        print(f"remit: {note}", file=sys.stderr)


def print_lines(lines: list[str]) -> None:
    """Print each line on stdout."""
    for line in lines:
        print(line)


def emit_json(obj: Any) -> None:
    """Print ``obj`` as UTF-8 JSON, Chinese kept readable."""
    sys.stdout.write(json.dumps(_jsonable(obj), ensure_ascii=False, indent=2) + "\n")


def shown_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """``frame`` as a table for people: numbers as every output shows them
    (:func:`remit.exports.numbers.format_number`), headers and categorical values in ``lang``.

    Examples
    --------
    >>> import pandas as pd
    >>> shown_frame(pd.DataFrame({"unit": ["市财政局"], "load": [37.45], "betweenness": [0.13276]})
    ...            ).to_dict("records")
    [{'单位': '市财政局', '负荷': '37.5', '中介中心性': '0.133'}]
    """
    import pandas as pd

    from remit.exports.i18n import COLUMNS, localize, strings

    out = frame.copy()
    if any(pd.api.types.is_float_dtype(out[c]) for c in out.columns):
        from remit.exports.numbers import format_number

        for col in out.columns:
            if pd.api.types.is_float_dtype(out[col]):
                out[col] = [format_number(v, str(col)) for v in out[col].tolist()]
    out = localize(out, lang)
    words = strings(lang)  # headers no column label names, such as diff's text_changed
    return out.rename(columns={c: words[c] for c in out.columns
                               if isinstance(c, str) and c not in COLUMNS and c in words})


def emit_frame(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    """Print a DataFrame as a table (headers in ``args.lang``, default Chinese), JSON records or CSV
    (snake_case keys), as the user asked."""
    import pandas as pd

    if getattr(args, "json", False):
        emit_json(frame.to_dict("records"))
    elif getattr(args, "csv", False):
        from remit.exports.csvsafe import safe_frame

        sys.stdout.write(safe_frame(frame).to_csv(index=False))
    elif frame.empty:
        sys.stdout.write("(none)\n")
    else:
        lang = getattr(args, "lang", None)  # a command without --lang (cypher) prints its rows as they are
        shown = frame if lang is None else shown_frame(frame, lang)
        with pd.option_context("display.max_rows", None, "display.max_columns", None,
                               "display.width", 200, "display.max_colwidth", 60,
                               "display.unicode.east_asian_width", True):
            sys.stdout.write(shown.to_string(index=False) + "\n")
