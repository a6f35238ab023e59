"""The ``remit`` command line: thin commands over the Python API.

Each area registers its commands from its own module. A :class:`RemitError`
becomes one line on stderr and its exit code; no traceback is shown for a
user's mistake.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from remit._version import __version__
from remit.errors import RemitError
from remit.suggest import similar_names
from remit.terminal import SafeStream, visible

__all__ = ["build_parser", "main"]

# Modules that define register(subparsers); each owns a group of commands.
COMMAND_MODULES = ("remit.cli.load", "remit.cli.analyse", "remit.cli.export", "remit.cli.cypher",
                   "remit.cli.serve", "remit.cli.diff")
#: The cyclic collector's first threshold while a command runs (Python's default is 700).
GC_THRESHOLD = 50_000


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available command."""
    return _parser_and_commands()[0]


def _parser_and_commands() -> tuple[argparse.ArgumentParser, list[str]]:
    """The argument parser with every available command, and the names of its commands."""
    parser = argparse.ArgumentParser(
        prog="remit",
        description="Read reform task lists and show who leads, who supports and who is "
                    "overloaded.")
    parser.add_argument("--version", action="version", version=f"remit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser, list(sub.choices)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code.

    Examples
    --------
    >>> main(["stats", "--json"]) == 0  # doctest: +ELLIPSIS
    {...
    True
    >>> import contextlib, io
    >>> with contextlib.redirect_stderr(io.StringIO()) as err:
    ...     code = main(["chek"])
    >>> code, err.getvalue().split(" (")[0]
    (2, "remit: unknown command 'chek'; did you mean check?")
    """
    parser, commands = _parser_and_commands()
    words = list(sys.argv[1:] if argv is None else argv)
    if words and not words[0].startswith("-") and words[0] not in commands:
        best = similar_names(words[0], commands, limit=1)  # the closest one: a typo has one meaning
        hint = f"; did you mean {best[0]}?" if best else ""
        print(f"remit: unknown command {visible(words[0])!r}{hint} (remit --help lists the commands)",
              file=sys.stderr)
        return 2
    # A command allocates millions of small objects (imports, frames, graphs) and frees few of
    # them: with the default first threshold (700) the cyclic collector made 355 passes, 0.27 s
    # of 3.3 s CPU, in `remit report` (benchmarks/README.md). Restored on the way out.
    threshold = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, *threshold[1:])
    stdout = sys.stdout
    try:
        args = parser.parse_args(words)
        sys.stdout = SafeStream(stdout)  # document text never drives the terminal
        return int(args.handler(args) or 0)
    except RemitError as exc:
        print(f"remit: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("remit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        sys.stdout = stdout
        gc.set_threshold(*threshold)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
