"""What ``remit diff`` computes and writes: two editions of a list compared, with its summary and tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from remit.errors import RemitError
from remit.service.reading import ReadOptions
from remit.service.scoping import DEFAULT_SCOPE, Scope

if TYPE_CHECKING:  # pandas and the analyses only once the command runs
    import pandas as pd

    from remit.analyses.diff import ListDiff

__all__ = ["Compared", "compare_lists"]

#: The columns of the table of tasks carried over with changes.
CHANGED_COLUMNS = ["old", "new", "similarity", "text_changed", "lead_changed", "support_changed", "old_leads",
                   "new_leads", "new_title"]


#: The headings of :meth:`Compared.tables`, by language.
TABLE_TITLES = {
    "zh": ("延续但有变化的任务：", "更名的单位（其任务按未变化的延续计）：", "新增任务：", "删除的任务：",
           "工作有变化的单位："),
    "en": ("carried over with changes:", "units renamed (their tasks count as carried over unchanged):",
           "new tasks:", "dropped tasks:", "units whose work changed:"),
}


@dataclass(frozen=True)
class Compared:
    """The result of :func:`compare_lists`.

    Attributes
    ----------
    result : ListDiff
        :func:`remit.analyses.diff.diff_lists`.
    written : pathlib.Path or None
        The folder of the HTML diff report, when one was asked for.
    """

    result: ListDiff
    written: Path | None = None

    @property
    def warnings(self) -> list[str]:
        """What the comparison could not do as asked, one line each."""
        return list(self.result.findings)

    def summary(self, lang: str = "zh") -> str:
        """One line: carried over (and how many changed), new, dropped, renamed, and the threshold.

        Examples
        --------
        >>> from remit.service.reading import ReadOptions
        >>> c = compare_lists(ReadOptions(), ReadOptions())
        >>> c.summary().split(" · ")[:2], c.summary("en").split(" · ")[1]
        (['延续 210 项（文字有变 0，牵头单位有变 0，配合单位有变 0）', '新增 0 项'], 'new 0')
        """
        r = self.result
        m = r.matched
        counts = (len(m), int(m["text_changed"].sum()), int(m["lead_changed"].sum()),
                  int(m["support_changed"].sum()))
        if lang == "zh":
            renamed = f"单位更名 {len(r.renamed)} 个 · " if len(r.renamed) else ""
            return (f"延续 {counts[0]} 项（文字有变 {counts[1]}，牵头单位有变 {counts[2]}，配合单位有变 "
                    f"{counts[3]}） · 新增 {len(r.added)} 项 · 删除 {len(r.dropped)} 项 · {renamed}"
                    f"相似度阈值 {r.threshold}")
        renamed = f"units renamed {len(r.renamed)} · " if len(r.renamed) else ""
        return (f"carried over {counts[0]} (text changed {counts[1]}, lead changed {counts[2]}, supporting "
                f"units changed {counts[3]}) · new {len(r.added)} · dropped {len(r.dropped)} · {renamed}"
                f"similarity threshold {r.threshold}")

    def tables(self, lang: str = "zh") -> list[tuple[str, pd.DataFrame]]:
        """The tables below the summary, each with its heading (after a blank line)."""
        r = self.result
        m = r.matched
        changed = m[m["text_changed"] | m["lead_changed"] | m["support_changed"]].copy()
        changed["similarity"] = changed["similarity"].round(3)
        units = r.units
        moved = (units[["led_change", "supported_change", "load_change", "partners_change"]] != 0).any(axis=1)
        frames = [changed[CHANGED_COLUMNS], r.renamed, r.added, r.dropped,
                  units[moved | (units["status"] != "both")]]
        return [(f"\n{title}", frame) for title, frame in zip(TABLE_TITLES[lang], frames, strict=True)]


def compare_lists(old: ReadOptions, new: ReadOptions, scope: Scope = DEFAULT_SCOPE, *,
                  threshold: float | None = None, html: str | Path | None = None) -> Compared:
    """Compare the lists of ``old`` with those of ``new`` (``remit diff``;
    :func:`remit.analyses.diff.diff_lists`).

    Parameters
    ----------
    old, new : ReadOptions
        What to read for each side; each side is read with its own options.
    threshold : float, optional
        Lowest text similarity (0-1] for a task carried over; default
        :data:`remit.analyses.diff.DEFAULT_THRESHOLD`.
    scope : Scope
        Which units count, and the language of the HTML report (:class:`remit.service.scoping.Scope`).
    html : path, optional
        Also write the HTML diff report into this folder.

    Renamed bodies are looked up in the successor files of both sides and remit's own
    (:func:`remit.loaders.load_successors`); the place is the lists' own where both sides share it.

    Raises
    ------
    RemitError
        For a threshold outside (0, 1].

    Examples
    --------
    >>> c = compare_lists(ReadOptions(), ReadOptions())
    >>> c.summary("en").split(" · ")[:3]
    ['carried over 210 (text changed 0, lead changed 0, supporting units changed 0)', 'new 0', 'dropped 0']
    """
    from remit.analyses.diff import DEFAULT_THRESHOLD, diff_lists
    from remit.graph import build_graph
    from remit.loaders import load_successors

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    if not 0.0 < threshold <= 1.0:
        raise RemitError(f"--threshold must be above 0 and at most 1, not {threshold}")
    old_list, new_list = old.load(), new.load()
    G_old, G_new = build_graph(old_list), build_graph(new_list)
    place = new_list.government().place if new_list.government() == old_list.government() else None
    successors = load_successors(list(dict.fromkeys((*old.successors, *new.successors))))
    result = diff_lists(scope.summary(G_old), scope.summary(G_new), threshold=threshold,
                        successors=successors, place=place)
    if html is None:
        return Compared(result)
    from remit.exports.diff_report import write_diff_report

    out = write_diff_report(result, G_old, G_new, html, lang=scope.lang, old_name="、".join(old.specs()),
                            new_name="、".join(new.specs()))
    return Compared(result, out)
