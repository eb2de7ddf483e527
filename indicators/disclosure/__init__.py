"""Disclosure control (statistische geheimhouding) for figures meant for publication.

- :mod:`.tables`: the rules, cells, footnotes and the protection of one table on its own;
- :mod:`.linked`: the protection of linked tables as one system (gemeenten and their regio's,
  doelgroepen and their total, a year and its quarters or half-years), pure functions;
- :mod:`.patterns`: the one suppression pattern per indicator × jaar that every public output
  reads, computed from the approved figures and cached under a key that changes with the data.

See docs/disclosure.md.
"""

from .tables import (
    CBS_SYMBOL,
    GEHEIM,
    ROUNDING_BASES,
    SUPPRESSION_FLAGS,
    Cell,
    Flag,
    Line,
    ListProtection,
    Protection,
    Rules,
    TableProtection,
    determined,
    footnotes,
    protect,
    protect_list,
    protect_table,
    round_half_up,
    suppress_derived,
    table_lines,
)

__all__ = [
    "CBS_SYMBOL",
    "GEHEIM",
    "ROUNDING_BASES",
    "SUPPRESSION_FLAGS",
    "Cell",
    "Flag",
    "Line",
    "ListProtection",
    "Protection",
    "Rules",
    "TableProtection",
    "determined",
    "footnotes",
    "protect",
    "protect_list",
    "protect_table",
    "round_half_up",
    "suppress_derived",
    "table_lines",
]
