"""Score the reader on the real documents against their hand counts.

Usage::

    python benchmarks/bench_realworld.py [--lead-rule stated] [--verbose] [DIR ...]

For every ``<doc>.facts.json`` beside a document (``.html``, ``.txt``, ``.md``,
``.pdf``, ``.docx``, ``.xlsx``, ``.csv``) under the given folders (default: the
copies in ``tests/fixtures/realworld`` and its ``corpus2``), it prints the tasks
read against the facts and, per hand-counted unit, lead/support/total read
against the facts. The last lines give the share of documents whose task count
is exact and the share of hand-counted units whose three counts are all exact.

Two facts layouts are scored: corpus2's ``units: {name: {lead, support, total}}``
and the first six documents' ``counts: {name: {first, later}}`` (their
``counts_by_measure`` where present, since remit gives one role per unit and
measure). A document whose facts say ``tasks: 0`` is a negative control: it must
be refused with one line, and reading it as tasks is a miss.

The counts are independent of remit: they were made by separate scripts and
read by hand (see the folders' README files). Unit names are compared after
remit's shipped aliases, as a user sees them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import remit
from remit.errors import InputError
from remit.loaders import load_registry

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "realworld"
DEFAULT_DIRS = [FIXTURES, FIXTURES / "corpus2"]
SUFFIXES = (".html", ".htm", ".txt", ".md", ".pdf", ".docx", ".xlsx", ".csv")


@dataclass
class UnitScore:
    """One hand-counted unit: (lead, support, total) expected and read."""

    name: str
    expected: tuple[int, int, int]
    read: tuple[int, int, int]

    @property
    def exact(self) -> bool:
        return self.expected == self.read


@dataclass
class DocumentScore:
    """The reading of one document against its facts."""

    slug: str
    tasks_expected: int
    tasks_read: int
    refused: str = ""
    units: list[UnitScore] = field(default_factory=list)

    @property
    def tasks_exact(self) -> bool:
        return self.tasks_expected == self.tasks_read


def expected_units(facts: dict) -> dict[str, tuple[int, int, int]]:
    """(lead, support, total) per hand-counted unit, whatever the facts' layout."""
    if "units" in facts:
        return {name: (c["lead"], c["support"], c["total"]) for name, c in facts["units"].items()}
    counts = facts.get("counts_by_measure") or facts.get("counts") or {}
    return {name: (c["first"], c["later"], c["first"] + c["later"]) for name, c in counts.items()}


def document_of(facts_path: Path) -> Path | None:
    """The document a facts file describes: same stem, any readable suffix."""
    stem = facts_path.name.removesuffix(".facts.json")
    for suffix in SUFFIXES:
        candidate = facts_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def score_document(facts_path: Path, lead_rule: str = "stated") -> DocumentScore:
    """Read one document with remit and compare it with its facts."""
    facts = json.loads(facts_path.read_text(encoding="utf-8"))
    slug = facts_path.name.removesuffix(".facts.json")
    path = document_of(facts_path)
    expected = expected_units(facts)
    if path is None:
        raise SystemExit(f"bench_realworld: no document beside {facts_path.name}")
    try:
        tl = remit.load(path, lead_rule=lead_rule)  # type: ignore[arg-type]
    except InputError as error:
        score = DocumentScore(slug, facts["tasks"], 0, refused=str(error))
        score.units = [UnitScore(n, e, (0, 0, 0)) for n, e in expected.items()]
        return score
    # The aliases of the list's own government, as remit applied them, then its in-document merges
    # (省发展和改革委 → 省发展改革委): the facts keep each document's spelling.
    registry = load_registry().for_government(tl.government().place)
    merged = dict(zip(tl.audit.loc[tl.audit["rule"] == "known-forms", "before"],
                      tl.audit.loc[tl.audit["rule"] == "known-forms", "after"], strict=True))
    roles: dict[str, Counter[str]] = {}
    for unit, role in zip(tl.assignments["unit"], tl.assignments["role"], strict=True):
        roles.setdefault(unit, Counter())[role] += 1
    score = DocumentScore(slug, facts["tasks"], len(tl.tasks))
    by_unit: dict[str, list[str]] = {}
    for name in expected:
        canonical = registry.canonical(name)[0]
        by_unit.setdefault(merged.get(canonical, canonical), []).append(name)
    for unit, names in by_unit.items():
        # Spellings merged into one unit: their hand counts add up (no measure names two of them).
        exp = tuple(sum(expected[n][i] for n in names) for i in range(3))
        got = roles.get(unit) or roles.get(names[0]) or Counter()
        score.units.append(UnitScore(" + ".join(names), exp,  # type: ignore[arg-type]
                                     (got["lead"], got["support"], got["lead"] + got["support"])))
    return score


def facts_files(dirs: list[Path]) -> list[Path]:
    return sorted(p for d in dirs for p in d.glob("*.facts.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, default=DEFAULT_DIRS)
    parser.add_argument("--lead-rule", default="stated", choices=["stated", "first", "all"])
    parser.add_argument("--verbose", "-v", action="store_true", help="every unit, not only misses")
    args = parser.parse_args(argv)
    scores = [score_document(p, args.lead_rule) for p in facts_files(args.dirs)]
    print(f"{'document':52} {'tasks':>9}  units exact")
    for s in scores:
        exact = sum(u.exact for u in s.units)
        mark = "" if s.tasks_exact else "  <-"
        negative = " (negative control: refused)" if s.tasks_expected == 0 and s.refused else ""
        print(f"{s.slug:52} {s.tasks_read:>4}/{s.tasks_expected:<4} {exact:>3}/{len(s.units):<3}"
              f"{mark}{negative}")
        if s.refused and s.tasks_expected:
            print(f"    refused: {s.refused}")
        for u in s.units:
            if args.verbose or not u.exact:
                print(f"    {u.name:24} read {u.read} expected {u.expected}  (lead, support, total)")
    units = [u for s in scores for u in s.units]
    exact_docs = sum(s.tasks_exact for s in scores)
    exact_units = sum(u.exact for u in units)
    all_exact = sum(s.tasks_exact and all(u.exact for u in s.units) for s in scores)
    print(f"\ntask counts exact: {exact_docs}/{len(scores)} documents")
    print(f"units exact (lead, support and total): {exact_units}/{len(units)} "
          f"= {exact_units / max(len(units), 1):.1%}")
    print(f"documents read to their facts (tasks and every unit): {all_exact}/{len(scores)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
