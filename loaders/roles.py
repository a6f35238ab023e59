"""The one role resolver: who leads and who supports a task, for prose and tables alike.

The grammar (:mod:`remit.loaders.clauses`) tags every name ``lead``,
``support`` or ``listed``. This module turns ``listed`` into a role with the
lead rule (:class:`remit.model.LeadRule`) and the rule the document states:

- beside a name the text marks as lead (牵头, a 牵头单位 label or column),
  the listed names of the same clause support;
- otherwise the first listed name leads and the others support, unless the
  rule is ``all`` (every listed name leads) or the document says its order
  means nothing (排名不分先后), which also makes them co-leads;
- ``first`` keeps one lead per clause even where the text names several;
- a name that leads any clause of a task leads the task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from remit.loaders.clauses import Clause, parse_clause
from remit.loaders.units import NamePiece
from remit.model import LeadRule

__all__ = ["DEFAULT_RESOLVER", "Resolution", "Resolver", "effective_rule", "resolve_roles", "table_clauses"]

# "（以上单位排名不分先后）": the order says nothing, every listed unit leads alike.
_UNORDERED = re.compile(r"不分先后")


@dataclass
class Resolution:
    """The roles of one task's names, and whether order alone chose a lead."""

    roles: list[tuple[NamePiece, str]]
    by_order: bool


@dataclass(frozen=True)
class Resolver:
    """The lead rule of one load, applied: the readers of tables and prose call this, never the rule.

    Examples
    --------
    >>> from remit.loaders.clauses import parse_clause
    >>> one = Resolver(LeadRule.STATED).for_document("以上单位排名不分先后")
    >>> [(p.name, role) for p, role in one.resolve([parse_clause("财政部、商务部负责")]).roles]
    [('财政部', 'lead'), ('商务部', 'lead')]
    >>> Resolver(LeadRule.STATED).notes_order, Resolver(LeadRule.FIRST).notes_order
    (True, False)
    """

    rule: LeadRule = LeadRule.STATED

    def for_document(self, stated: str | None) -> Resolver:
        """The resolver for a document that states ``stated`` as its rule (:func:`effective_rule`)."""
        return Resolver(effective_rule(self.rule, stated))

    def resolve(self, clauses: list[Clause], *, lead_wins: bool = True) -> Resolution:
        """The roles of one task's names under this rule (:func:`resolve_roles`)."""
        return resolve_roles(clauses, self.rule, lead_wins=lead_wins)

    @property
    def notes_order(self) -> bool:
        """Whether a lead taken from order alone deserves a finding: only where the user chose no rule."""
        return self.rule == LeadRule.STATED


# The resolver of the default rule, for readers called without one.
DEFAULT_RESOLVER = Resolver()


def effective_rule(rule: LeadRule, stated: str | None) -> LeadRule:
    """The rule to apply: ``stated`` becomes ``all`` where the document says order means nothing.

    Examples
    --------
    >>> effective_rule(LeadRule.STATED, "以上单位排名不分先后")
    <LeadRule.ALL: 'all'>
    >>> effective_rule(LeadRule.FIRST, "以上单位排名不分先后")
    <LeadRule.FIRST: 'first'>
    """
    if rule == LeadRule.STATED and stated and _UNORDERED.search(stated):
        return LeadRule.ALL
    return rule


def resolve_roles(clauses: list[Clause], rule: LeadRule, *, lead_wins: bool = True) -> Resolution:
    """Give every name of a task its role.

    Parameters
    ----------
    clauses : list of Clause
        The task's clauses, in the order written.
    rule : LeadRule
        The rule in force (see :func:`effective_rule`).
    lead_wins : bool
        A name that leads one clause and supports another is one lead
        (prose: the measure's lead). False keeps both roles, as a table row
        that lists a unit in its lead and its support column says both.

    Returns
    -------
    Resolution
        One ``(piece, role)`` per distinct name (and role, unless
        ``lead_wins``), first mention first;
        ``by_order`` is True where a lead was taken from the order of a list
        of more than one name.

    Examples
    --------
    >>> from remit.loaders.clauses import parse_clause
    >>> names = lambda r: [(p.name, role) for p, role in r.roles]
    >>> names(resolve_roles([parse_clause("财政部、商务部负责")], LeadRule.STATED))
    [('财政部', 'lead'), ('商务部', 'support')]
    >>> names(resolve_roles([parse_clause("财政部、商务部负责")], LeadRule.ALL))
    [('财政部', 'lead'), ('商务部', 'lead')]
    >>> names(resolve_roles([parse_clause("财政部牵头，商务部、海关总署按职责分工负责")], LeadRule.STATED))
    [('财政部', 'lead'), ('商务部', 'support'), ('海关总署', 'support')]
    >>> names(resolve_roles([parse_clause("农业农村部、工业和信息化部牵头负责")], LeadRule.FIRST))
    [('农业农村部', 'lead'), ('工业和信息化部', 'support')]
    """
    roles: dict[str, tuple[NamePiece, str]] = {}
    by_order = False
    for clause in clauses:
        listed = [p for p, r in clause.pieces if r == "listed"]
        leads = [p for p, r in clause.pieces if r == "lead"]
        for piece, role in clause.pieces:
            if role == "listed":
                if leads:
                    role = "support"  # beside a marked lead, the others responsible support
                elif rule == LeadRule.ALL or piece is listed[0]:
                    role = "lead"
                    by_order = by_order or (rule != LeadRule.ALL and len(listed) > 1)
                else:
                    role = "support"
            elif role == "lead" and rule == LeadRule.FIRST and piece is not leads[0]:
                role = "support"  # "first": one lead per list, even where the text names more
            key = piece.name if lead_wins else f"{role}:{piece.name}"
            if key not in roles or (role == "lead" and roles[key][1] != "lead"):
                roles[key] = (piece, role)
    return Resolution(list(roles.values()), by_order)


def table_clauses(lead_cell: str, support_cells: list[str], *, lead_column: bool) -> list[Clause]:
    """The clauses of one table row: its lead (or 责任) cell and its support cells.

    A 牵头 column makes its names leads; a lone 责任单位 column lists names
    whose order decides; support columns support. Role words inside a cell
    ("市财政局牵头，市税务局配合") win over the column.

    Examples
    --------
    >>> [[(p.name, r) for p, r in c.pieces] for c in table_clauses("市财政局牵头，市税务局配合", ["市公安局"],
    ...                                                          lead_column=False)]
    [[('市财政局', 'lead'), ('市税务局', 'support')], [('市公安局', 'support')]]
    """
    clauses = []
    for index, (cell, role) in enumerate([(lead_cell, "lead" if lead_column else "listed"),
                                          *((c, "support") for c in support_cells)]):
        clause = parse_clause(cell, default_role=role)
        if clause is None:
            continue
        for piece, _ in clause.pieces:
            piece.cell = index
        clauses.append(clause)
    return clauses
