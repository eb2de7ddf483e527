"""What goes into a report: approved figures only, arranged as the Walcheren monitor arranges them.

Per maatschappelijk resultaat (thema):

- *Deel 1 Populatie*: the narrative (Wat streven we na? Waarom is dit belangrijk? Wat zien we?
  Wat is de rol van de gemeente?) around the maatschappelijke indicatoren, charted over time and
  against the other gemeenten of the regio (and the regio itself, for rates);
- *Deel 2 Prestaties* per supplier: its contribution, a short description, the prestatie-indicatoren
  per doelgroep (table and charts, definitions as footnotes) and what stands out.

The tables hold the approved figures and what the indicator engine makes of them (totals over
doelgroepen and gemeenten, computed indicators with their formula), each with its streefwaarde and
trend (:func:`with_engine`). The report goes to the council and is public, so disclosure control
(:mod:`indicators.disclosure`) marks small counts, and what could reveal them, as secret
(:func:`protect_figures`); the PDF shows those as "geheim", the XLSX (internal) keeps the exact
figures. The PDF, its HTML preview and the XLSX are all rendered from one :class:`ReportContent`,
so they always hold the same figures.
"""

from .arrange import (
    HEADING_RE,
    NEGATIEF,
    POSITIEF,
    STREVEN,
    WAAROM,
    _block_charts,
    _blocks,
    _chart,
    _trend_figures,
    default_introduction,
    split_sections,
    thema_defaults,
    thema_texts,
)
from .collect import collect
from .figures import (
    _current_period,
    _doelgroep_order,
    _figure_order,
    _uitvoerder_of,
    approved_figures,
    area_ids_for,
    asked_rows,
    assess,
    comparison_figures,
    engine_figures,
    protect_figures,
    report_indicators,
    report_values,
    with_engine,
)
from .model import (
    LIJN,
    STAAF,
    TOTAL_DOELGROEPEN,
    TOTAL_GEMEENTEN,
    WIDE_CHART_PERIODS,
    BijlageRow,
    Block,
    ChartData,
    Figure,
    FigureTable,
    ReportContent,
    Section,
    Series,
    ThemaSection,
    ThemaTexts,
    YearRow,
    YearTable,
    _disclosure_notes,
    _with_unit,
    disclosure_rules,
)

__all__ = [
    "BijlageRow",
    "Block",
    "ChartData",
    "Figure",
    "FigureTable",
    "HEADING_RE",
    "LIJN",
    "NEGATIEF",
    "POSITIEF",
    "ReportContent",
    "STAAF",
    "STREVEN",
    "Section",
    "Series",
    "TOTAL_DOELGROEPEN",
    "TOTAL_GEMEENTEN",
    "ThemaSection",
    "ThemaTexts",
    "WAAROM",
    "WIDE_CHART_PERIODS",
    "YearRow",
    "YearTable",
    "_block_charts",
    "_blocks",
    "_chart",
    "_current_period",
    "_disclosure_notes",
    "_doelgroep_order",
    "_figure_order",
    "_trend_figures",
    "_uitvoerder_of",
    "_with_unit",
    "approved_figures",
    "area_ids_for",
    "asked_rows",
    "assess",
    "collect",
    "comparison_figures",
    "default_introduction",
    "disclosure_rules",
    "engine_figures",
    "protect_figures",
    "report_indicators",
    "report_values",
    "split_sections",
    "thema_defaults",
    "thema_texts",
    "with_engine",
]
