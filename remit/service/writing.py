"""What ``remit map``, ``report`` and ``export`` write, and what they tell the user about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from remit.errors import RemitError
from remit.service.reading import ReadOptions
from remit.service.scoping import DEFAULT_SCOPE, Scope

__all__ = ["Written", "export_graph_file", "format_of", "write_map", "write_report_folder"]


@dataclass(frozen=True)
class Written:
    """What a command wrote.

    Attributes
    ----------
    path : pathlib.Path
        The file written, or the report folder.
    message : str
        One line saying what was written (``wrote map.html (10 nodes, 37 edges)``).
    notes : list of str
        What the output assumed or left out, one line each, in the order they arose.
    """

    path: Path
    message: str
    notes: list[str] = field(default_factory=list)


def write_map(options: ReadOptions, output: str | Path, scope: Scope = DEFAULT_SCOPE, *,
              color_by: str = "cluster", tasks: bool = False, focus: str | None = None, depth: int = 1,
              title: str | None = None, as_of: str | dt.date | None = None,
              status: str | Path | None = None) -> Written:
    """Write the coordination map of the lists of ``options`` to ``output`` (``remit map``).

    The keyword arguments are those of :func:`remit.exports.map`; ``as_of`` and ``status`` ask
    for the follow-up (:func:`remit.service.followup.followup_of`).

    Raises
    ------
    RemitError
        For a negative ``depth``.

    Examples
    --------
    >>> import tempfile
    >>> w = write_map(ReadOptions(), Path(tempfile.mkdtemp()) / "m.html", focus="市税务局")
    >>> w.path.name, w.message.startswith(f"wrote {w.path} ("), w.notes
    ('m.html', True, [])
    """
    from remit.exports import map as make_map
    from remit.graph import build_graph
    from remit.service.followup import followup_of

    if depth < 0:
        raise RemitError("--depth must be 0 or more")
    summary = scope.summary(build_graph(options.load()))
    follow = followup_of(summary, as_of, status, max_input_size=options.max_input_size)
    result = make_map(summary, color_by=color_by, tasks=tasks, focus=focus, depth=depth, title=title,
                      followup=follow.result)
    path = result.save(output)
    counts = f"{len(result.model['nodes'])} nodes, {len(result.model['edges'])} edges"
    return Written(path, f"wrote {path} ({counts})", follow.notes)


def write_report_folder(options: ReadOptions, output: str | Path, scope: Scope = DEFAULT_SCOPE, *,
                        title: str | None = None, force: bool = False, as_of: str | dt.date | None = None,
                        status: str | Path | None = None) -> Written:
    """Write the report folder of the lists of ``options`` to ``output`` (``remit report``;
    :func:`remit.exports.report.write_report`), with the follow-up ``as_of`` and ``status`` ask for.

    Examples
    --------
    >>> import tempfile
    >>> w = write_report_folder(ReadOptions(), Path(tempfile.mkdtemp()) / "r")
    >>> (w.path / "index.html").is_file(), w.message.endswith("index.html")
    (True, True)
    """
    from remit.exports.figure import find_cjk_font
    from remit.exports.report import write_report
    from remit.graph import build_graph
    from remit.service.followup import followup_of

    tasklist = options.load()
    summary = scope.summary(build_graph(tasklist))
    follow = followup_of(summary, as_of, status, max_input_size=options.max_input_size)
    notes = list(follow.notes)
    if find_cjk_font() is None:
        notes.append("no CJK font found (install fonts-noto-cjk); report.docx has no map figure")
    out = write_report(tasklist, output, summary=summary, title=title, force=force, followup=follow.result)
    return Written(out, f"wrote {out / 'index.html'}", notes)


def format_of(output: str | Path) -> str:
    """The export format named by the output file's suffix (``g.graphml`` → graphml).

    Examples
    --------
    >>> format_of("g.GraphML")
    'graphml'
    >>> format_of("g.txt")
    Traceback (most recent call last):
    ...
    remit.errors.RemitError: g.txt: cannot tell the format from the suffix; name the file .graphml, ...
    """
    from remit.exports.files import FORMATS

    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise RemitError(f"{output}: cannot tell the format from the suffix; name the file .graphml, .gexf, "
                     f".json or .csv, or give --format")


def export_graph_file(options: ReadOptions, output: str | Path, fmt: str | None = None) -> Written:
    """Write the task graph of the lists of ``options`` to ``output`` as ``fmt`` (default: from the suffix)
    (``remit export``; :func:`remit.exports.files.write_graph`).

    Examples
    --------
    >>> import tempfile
    >>> export_graph_file(ReadOptions(), Path(tempfile.mkdtemp()) / "g.json").path.name
    'g.json'
    """
    from remit.exports.files import write_graph
    from remit.graph import build_graph

    fmt = fmt or format_of(output)
    G = build_graph(options.load())
    path = write_graph(G, output, fmt)
    return Written(path, f"wrote {path} ({G.number_of_nodes()} nodes, {G.number_of_edges()} edges)")
