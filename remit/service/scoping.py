"""Which units a command counts, and in which language it explains them: decided once per command.

The command line builds one :class:`Scope` from ``--include-collectives``,
``--lang`` and the cluster options; every service function that analyses a
graph takes it and asks it for the one per-graph result
(:func:`remit.analyses.unit_summary`). The switch for collective
placeholders thus walks from the option to the analyses through this module
alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

    from remit.analyses import UnitSummary

__all__ = ["DEFAULT_SCOPE", "Scope"]


@dataclass(frozen=True)
class Scope:
    """The units a command counts and the language of its reasons.

    Parameters
    ----------
    include_collectives : bool
        Count collective placeholders (各有关单位, …) as units too; by default only agencies.
    lang : {"zh", "en"}
        Language of the reasons and tables.
    resolution, seed
        The Louvain options of the clusters.

    Examples
    --------
    >>> import remit
    >>> G = remit.build_graph(remit.load(remit.example_path()))
    >>> len(Scope().summary(G).table), len(Scope(include_collectives=True).summary(G).table)
    (51, 62)
    """

    include_collectives: bool = False
    lang: str = "zh"
    resolution: float = 1.0
    seed: int = 42

    def summary(self, G: nx.MultiDiGraph) -> UnitSummary:
        """:func:`remit.analyses.unit_summary` of ``G`` in this scope."""
        from remit.analyses import unit_summary

        return unit_summary(G, include_collectives=self.include_collectives, lang=self.lang,
                            resolution=self.resolution, seed=self.seed)


#: Agencies only, reasons in Chinese: what every command does without options.
DEFAULT_SCOPE = Scope()
