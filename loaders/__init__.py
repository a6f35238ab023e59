"""Loaders: read published task lists into one clean :class:`~remit.model.TaskList`.

Every format reader produces the same :class:`~remit.loaders.raw.RawTable`
grid; header detection, domains, deadlines and unit normalisation are shared.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from remit.errors import InputError, NoTaskTableError, UnreadableFileError
from remit.loaders.aliases import AliasRegistry, load_registry
from remit.loaders.clean import clean_tables
from remit.loaders.files import InputDocument, decode_text, open_input, read_lines, tables_of
from remit.loaders.government import place_of, read_government
from remit.loaders.limits import max_input_bytes
from remit.loaders.ordinals import split_ordinal
from remit.loaders.prose import COUNT_NOTE, Chapter, read_prose
from remit.loaders.raw import RawTable
from remit.loaders.readback import read_own_tasks
from remit.loaders.resolve import build_tasklist, classify_kind
from remit.loaders.roles import Resolver
from remit.loaders.script import is_traditional, simplified_lines, simplified_tables, to_simplified
from remit.loaders.successors import SuccessorMap, load_successors
from remit.loaders.table import DraftTask, read_task_rows
from remit.loaders.textlines import markdown_lines
from remit.loaders.title import MAX_LINES, document_title
from remit.model import Finding, Government, LeadRule, TaskList
from remit.specs import split_spec

# The names of the lead rules, for command-line choices.
LEAD_RULES: tuple[str, ...] = tuple(rule.value for rule in LeadRule)

__all__ = ["LEAD_RULES", "AliasRegistry", "LeadRule", "SuccessorMap", "classify_kind", "list_id_for", "load",
           "load_registry", "load_successors"]

#: Bytes of a Markdown file read again for its title (a title stands in the first lines).
HEAD_BYTES = 1 << 16


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
    list_id, path = split_spec(spec)
    return list_id or list_id_for(path), path


_TEXT_FORMATS = ("html", "markdown", "csv")


def _government_text(document: InputDocument, parts: Iterable[str]) -> str:
    """The text a list's government is read from: the whole file where it is text, else what was read."""
    if document.fmt in _TEXT_FORMATS:
        return decode_text(document.data, document.name)
    return "\n".join(parts)


def _read_one(path: str, resolver: Resolver, max_input_size: int | None = None,
              ) -> tuple[list[DraftTask], list[Finding], list[tuple[str | None, Chapter]], Government,
                         str | None]:
    """Read one file: remit's own task table, a task table, or else its prose measures; whose list it is,
    and its title.

    Chapters come with the list id their rows name (remit's own tables), or None: the file's.
    """
    document = open_input(path, max_input_size)
    try:
        tables, cleaned = clean_tables(tables_of(document), path)
        traditional = is_traditional(c for t in tables for r in t.rows for c in r.cells)
        if traditional:
            tables = simplified_tables(tables)
            cleaned = [*cleaned, _traditional_note(path)]
        own = read_own_tasks(tables, path)
        if own is not None:
            rows, found = own
            headings = list(dict.fromkeys((d.list_id, d.domain) for d in rows if d.domain))
        else:
            found_headings: list[str] = []
            rows, found = read_task_rows(tables, path, found_headings)
            headings = [(None, heading) for heading in found_headings]
        found = cleaned + found
        counts = Counter((d.list_id, d.domain) for d in rows)
        chapters = []
        for list_id, heading in headings:
            ordinal, name = split_ordinal(heading)
            chapters.append((list_id, Chapter(ordinal, COUNT_NOTE.sub("", name).strip(),
                                              counts[(list_id, heading)])))
        text = _government_text(document, (cell for table in tables for part in (
            [table.caption], *(r.cells for r in table.rows)) for cell in part))
        text = to_simplified(text) if traditional else text
        return rows, found, chapters, read_government(text), _table_title(document, tables, path)
    except NoTaskTableError:
        lines = read_lines(document)
        if not lines:
            raise
        traditional = is_traditional(line.text for line in lines)
        if traditional:
            lines = simplified_lines(lines)
        reading = read_prose(lines, path, resolver)
        if reading is None:  # no numbered measures at all: not a prose task list either
            raise
        text = _government_text(document, (line.text for line in lines))
        text = to_simplified(text) if traditional else text
        chapters = [(None, c) for c in reading.chapters]
        findings = [_traditional_note(path), *reading.findings] if traditional else reading.findings
        return (reading.drafts, findings, chapters, read_government(text),
                document_title(line.text for line in lines))


def _traditional_note(path: str) -> Finding:
    return Finding("info", "traditional-script", path, "",
                   "the document is written in traditional characters; it is read, and its units "
                   "are named, in simplified characters")


def _paths(files: str | Path | Iterable[str | Path] | None) -> list[str | Path]:
    if files is None:
        return []
    return [files] if isinstance(files, (str, Path)) else list(files)


def _as_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("--names-as-of", f"{value!r} is not a date; expected YYYY-MM-DD") from None


def _renamer(successors: SuccessorMap, as_of: dt.date,
             places: dict[str, str | None]) -> Callable[[str, str], list[tuple[str, str]]]:
    """``rename(file, name)`` for :func:`build_tasklist`: the successors of a name in that file's place."""
    def rename(source: str, name: str) -> list[tuple[str, str]]:
        return [(new, row.rule()) for new, row in successors.chain(name, place=places[source], as_of=as_of)]
    return rename


def _table_title(document: InputDocument, tables: list[RawTable], path: str) -> str | None:
    """The title above a file's task table: its first lines (Markdown, HTML) or its first table's caption."""
    if document.fmt == "markdown":  # the title stands in the first lines: read only those again
        # Cut at a line end: no multi-byte character (UTF-8, GBK) holds the byte of "\n".
        data = document.data if len(document.data) <= HEAD_BYTES else \
            document.data[:HEAD_BYTES].rsplit(b"\n", 1)[0]
        try:
            head = "\n".join(decode_text(data, path).split("\n", MAX_LINES)[:MAX_LINES])
        except UnreadableFileError:  # a cut the decoder refuses (UTF-16): the file's name instead
            head = ""
        return document_title(line.text for line in markdown_lines(head))
    if document.fmt == "html":
        return document_title(line.text for line in read_lines(document) or [])
    first = tables[0] if tables else None  # the title row above the first table's header
    return None if first is None else document_title(
        [first.caption, *("|".join(dict.fromkeys(c for c in r.cells if c)) for r in first.rows[:5])])


def load(paths: str | Path | Iterable[str | Path],
         aliases: str | Path | Iterable[str | Path] | None = None,
         lead_rule: LeadRule | str = LeadRule.STATED, place: str | None = None,
         names_as_of: str | dt.date | None = None,
         successors: str | Path | Iterable[str | Path] | None = None,
         max_input_size: int | str | None = None) -> TaskList:
    """Read one or more task lists into one :class:`TaskList`.

    Parameters
    ----------
    paths : path or iterable of paths
        Markdown, HTML, xlsx, CSV or docx files. ``"ID=PATH"`` gives a list
        its own id; otherwise the file name without suffix is the id.
    aliases : path or iterable of paths, optional
        Extra alias CSV files (``alias,canonical,kind,note``), applied after
        remit's shipped aliases.
    lead_rule : LeadRule or {"stated", "first", "all"}
        Who leads where a list names responsible units without saying which
        leads (:class:`remit.model.LeadRule`), the same for tables and prose:
        ``stated`` (default) follows the document's own words (牵头
        columns, labels and role words, or a rule such as 列第一位者为牵头单位)
        and otherwise takes the first listed, with a ``lead-from-order``
        finding; ``first`` takes the first listed unit of every list;
        ``all`` makes every listed unit a co-lead.
    place : str, optional
        The government whose lists these are (``"深圳市"``, ``"山东省"``,
        ``"国务院"``). By default each list's place and level are read from
        the document (:func:`~remit.loaders.government.read_government`);
        they choose the alias set that applies (``TaskList.governments``).
    names_as_of : str or datetime.date, optional
        Read every list as of this date: a name whose body was renamed by
        then (市工商局 → 市市场监管局, 2019) becomes its successor, with an
        audit line (:mod:`remit.loaders.successors`). By default names stay
        as written.
    successors : path or iterable of paths, optional
        Extra successor CSV files (``old,new,date,level,place,source``),
        tried before remit's shipped ``unit_successors.csv``.
    max_input_size : int or str, optional
        The largest input file read, in bytes or as ``"200M"``, ``"1G"``; a
        larger file stops the load with an :class:`~remit.errors.InputError`
        naming it. By default ``REMIT_MAX_INPUT_SIZE`` or 64 MiB
        (:mod:`remit.loaders.limits`).

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
    lead_rule = LeadRule.parse(lead_rule)
    resolver = Resolver(lead_rule)
    limit = None if max_input_size is None else max_input_bytes(max_input_size)  # checked once, up front
    if isinstance(paths, (str, Path)):
        paths = [paths]
    registry = load_registry(_paths(aliases))
    given = place_of(place) if place else None

    drafts: dict[str, list[DraftTask]] = {}
    list_ids: dict[str, str] = {}
    findings: list[Finding] = []
    chapters: list[tuple[str, int | None, str, int]] = []
    lists_of: dict[str, set[str]] = {}  # file → the list ids of its rows
    governments: dict[str, Government] = {}
    titles: dict[str, str] = {}
    seen: set[str] = set()
    for spec in paths:
        list_id, path = _split_spec(spec)
        if path in seen:
            raise InputError(path, "the same file is given twice")
        seen.add(path)
        rows, found, found_chapters, government, title = _read_one(path, resolver, limit)
        governments[list_id] = given or government
        titles[list_id] = title or Path(path).stem  # no title-like line: the file's name
        if str(spec) != path:  # ID=PATH: every row of the file is of list ID
            found_chapters = [(None, c) for _, c in found_chapters]
            for draft in rows:
                draft.list_id = None
        chapters.extend((own or list_id, c.ordinal, c.name, c.tasks) for own, c in found_chapters)
        if not rows:
            raise InputError(path, "the task table has a header but no task rows")
        # The model, and every file made from it, names a source by its file
        # name only: a report is shared, and C:\Users\<name>\… is private.
        shown = shared_name(path, list_id, drafts)
        for draft in rows:
            draft.source = shown
        drafts[shown] = rows
        list_ids[shown] = list_id
        lists_of[shown] = {d.list_id or list_id for d in rows}
        findings.extend(replace(f, file=shown) if f.file == path else f for f in found)
    if not drafts:
        raise InputError("-", "no input file given")
    if sum(len(ids) for ids in lists_of.values()) > len(set().union(*lists_of.values())):
        raise InputError(", ".join(list_ids), "two inputs share one list id; name them "
                         "ID=PATH to tell them apart")
    scoped = {shown: registry.for_government(governments[list_id].place)
              for shown, list_id in list_ids.items()}
    rename = None
    if names_as_of is not None:
        rename = _renamer(load_successors(_paths(successors)), _as_date(names_as_of),
                          {shown: governments[list_id].place for shown, list_id in list_ids.items()})
    tasklist = build_tasklist(drafts, list_ids, registry, findings, resolver, scoped=scoped,
                              rename=rename)
    tasklist.lead_rule = lead_rule
    tasklist.governments = governments
    tasklist.chapters = chapters
    tasklist.titles = titles
    return tasklist
