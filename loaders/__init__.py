"""Loaders: read published task lists into one clean :class:`~remit.model.TaskList`.

Every format reader produces the same :class:`~remit.loaders.raw.RawTable`
grid; header detection, domains, deadlines and unit normalisation are shared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from remit.errors import InputError, NoTaskTableError, UnreadableFileError
from remit.loaders.aliases import AliasRegistry, load_registry
from remit.loaders.clean import clean_tables
from remit.loaders.files import decode_text, open_input, read_lines, tables_of
from remit.loaders.findings import Finding
from remit.loaders.ordinals import split_ordinal
from remit.loaders.prose import COUNT_NOTE, LEAD_RULES, Chapter, LeadRule, read_prose
from remit.loaders.resolve import build_tasklist, classify_kind
from remit.loaders.table import DraftTask, read_task_rows
from remit.loaders.textlines import markdown_lines
from remit.loaders.title import MAX_LINES, document_title
from remit.model import TaskList

__all__ = ["LEAD_RULES", "AliasRegistry", "classify_kind", "list_id_for", "load", "load_registry"]

#: Bytes of a Markdown file read again for its title (a title stands in the first lines).
HEAD_BYTES = 1 << 16
_LIST_ID = re.compile(r"^[A-Za-z0-9][\w.\-]*$")


def list_id_for(path: str | Path) -> str:
    """The default list id of a file: its name without the suffix.

    Examples
    --------
    >>> list_id_for("examples/shenzhen-2020-tasks.md")
    'shenzhen-2020-tasks'
    """
    return Path(path).stem


def shared_name(path: str | Path, list_id: str, taken: Iterable[str] = ()) -> str:
    """The name of a source as shared files give it: the file name, without its folders.

    Two inputs of the same file name are told apart by their list ids.

    Examples
    --------
    >>> shared_name("/home/li/清单/2020.md", "sz")
    '2020.md'
    >>> shared_name("/tmp/b/2020.md", "gz", taken=["2020.md"])
    '2020.md (gz)'
    """
    name = Path(path).name or str(path)
    return name if name not in set(taken) else f"{name} ({list_id})"


def _split_spec(spec: str | Path) -> tuple[str, str]:
    """Split ``"ID=PATH"`` into id and path; a plain path gets its stem as id."""
    text = str(spec)
    if "=" in text and not Path(text).exists():
        list_id, _, path = text.partition("=")
        if _LIST_ID.match(list_id):
            return list_id, path
    return list_id_for(text), text


def _read_one(path: str, lead_rule: LeadRule,
              ) -> tuple[list[DraftTask], list[Finding], list[Chapter] | None, str | None]:
    """Read one file: its task table if it has one, else its prose measures; and its title."""
    document = open_input(path)
    try:
        headings: list[str] = []
        tables, cleaned = clean_tables(tables_of(document), path)
        rows, found = read_task_rows(tables, path, headings)
        found = cleaned + found
        counts = Counter(d.domain for d in rows)
        chapters = []
        for heading in headings:
            ordinal, name = split_ordinal(heading)
            chapters.append(Chapter(ordinal, COUNT_NOTE.sub("", name).strip(), counts[heading]))
        if document.fmt == "markdown":  # the title stands in the first lines: read only those again
            # Cut at a line end: no multi-byte character (UTF-8, GBK) holds the byte of "\n".
            data = document.data if len(document.data) <= HEAD_BYTES else \
                document.data[:HEAD_BYTES].rsplit(b"\n", 1)[0]
            try:
                head = "\n".join(decode_text(data, path).split("\n", MAX_LINES)[:MAX_LINES])
            except UnreadableFileError:  # a cut the decoder refuses (UTF-16): the file's name instead
                head = ""
            title = document_title(line.text for line in markdown_lines(head))
        elif document.fmt == "html":
            title = document_title(line.text for line in read_lines(document) or [])
        else:  # the title row above the first table's header
            first = tables[0] if tables else None
            title = None if first is None else document_title(
                [first.caption, *("|".join(dict.fromkeys(c for c in r.cells if c)) for r in first.rows[:5])])
        return rows, found, chapters, title
    except NoTaskTableError:
        lines = read_lines(document)
        if not lines:
            raise
        reading = read_prose(lines, path, lead_rule)
        if reading is None:  # no numbered measures at all: not a prose task list either
            raise
        return reading.drafts, reading.findings, reading.chapters, document_title(line.text for line in lines)


def load(paths: str | Path | Iterable[str | Path],
         aliases: str | Path | Iterable[str | Path] | None = None,
         lead_rule: LeadRule = "stated") -> TaskList:
    """Read one or more task lists into one :class:`TaskList`.

    Parameters
    ----------
    paths : path or iterable of paths
        Markdown, HTML, xlsx, CSV or docx files. ``"ID=PATH"`` gives a list
        its own id; otherwise the file name without suffix is the id.
    aliases : path or iterable of paths, optional
        Extra alias CSV files (``alias,canonical,kind,note``), applied after
        remit's shipped aliases.
    lead_rule : {"stated", "first", "all"}
        Who leads where a list names responsible units without saying which
        leads: ``stated`` (default) follows the document's own words (牵头
        columns and markers, or a rule such as 列第一位者为牵头单位) and
        otherwise takes the first listed, with an info finding; ``first``
        takes the first listed unit of every list; ``all`` makes every
        listed unit a co-lead.

    Returns
    -------
    TaskList

    Raises
    ------
    remit.errors.InputError
        For a missing, empty, binary or undecodable file, a file without a
        task table, a table without a lead column, or a ragged row.

    Examples
    --------
    >>> import remit
    >>> tl = remit.load(remit.example_path())
    >>> tl.assignments.query("unit == '市市场监管局' and role == 'lead'").shape[0]
    40
    """
    if lead_rule not in LEAD_RULES:
        raise ValueError(f"lead_rule must be one of {', '.join(LEAD_RULES)}, not {lead_rule!r}")
    if isinstance(paths, (str, Path)):
        paths = [paths]
    if aliases is None:
        alias_files: list[str | Path] = []
    elif isinstance(aliases, (str, Path)):
        alias_files = [aliases]
    else:
        alias_files = list(aliases)
    registry = load_registry(alias_files)

    drafts: dict[str, list[DraftTask]] = {}
    list_ids: dict[str, str] = {}
    findings: list[Finding] = []
    chapters: dict[str, list[Chapter]] = {}
    titles: dict[str, str] = {}
    seen: set[str] = set()
    for spec in paths:
        list_id, path = _split_spec(spec)
        if path in seen:
            raise InputError(path, "the same file is given twice")
        seen.add(path)
        rows, found, prose_chapters, title = _read_one(path, lead_rule)
        titles[list_id] = title or Path(path).stem  # no title-like line: the file's name
        if prose_chapters is not None:
            chapters[list_id] = prose_chapters
        if not rows:
            raise InputError(path, "the task table has a header but no task rows")
        # The model, and every file made from it, names a source by its file
        # name only: a report is shared, and C:\Users\<name>\… is private.
        shown = shared_name(path, list_id, drafts)
        for draft in rows:
            draft.source = shown
        drafts[shown] = rows
        list_ids[shown] = list_id
        findings.extend(replace(f, file=shown) if f.file == path else f for f in found)
    if not drafts:
        raise InputError("-", "no input file given")
    if len(set(list_ids.values())) < len(list_ids):
        raise InputError(", ".join(list_ids), "two inputs share one list id; name them "
                         "ID=PATH to tell them apart")
    tasklist = build_tasklist(drafts, list_ids, registry, findings, lead_rule)
    tasklist.chapters = [(list_id, c.ordinal, c.name, c.tasks)
                         for list_id, found in chapters.items() for c in found]
    tasklist.titles = titles
    return tasklist
