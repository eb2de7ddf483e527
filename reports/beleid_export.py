"""The chapter "Beleid en voortgang" (``content.beleid``, :mod:`beleidskader.report`) in the
report's downloads beside the PDF:

- **XLSX** (internal, exact figures): sheets *Voortgang beleid* (per target and indicator the
  value, streefwaarde, oordeel, trend, whether the PDF shows it as geheim, the duiding),
  *Programmaverantwoording* (per doelstelling the three W-questions in figures), *Begroting per
  lijn* (programma and product lines with afwijking and verwachte afwijking, unrounded) and
  *Begroting programma* (the Deventer form: BBV-indicatoren, exploitatie, verbonden partijen).
- **CSV** (open data): the same chapter as extra records in the CSV's own columns, so the file
  stays one table: the indicatorcode starts with ``beleid.`` and says what a record is
  (``beleid.voortgang.…``, ``beleid.lijn.…``, ``beleid.exploitatie.…``, ``beleid.bbv.…``); a
  figure disclosure control hides is empty with status ``geheim``, as in the PDF.

``reports.xlsx.render_xlsx`` (with its :class:`reports.workbook.Book`) and
``reports.opendata.render_csv`` call :func:`add_sheets` and :func:`csv_records`; nothing here
changes the chapter itself.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.disclosure import GEHEIM
from indicators.disclosure.publication import safe

FIELDS = ("lasten", "baten", "saldo")


def _plain(value) -> str:
    """Plain Dutch notation without thousands separators, as the CSV's figures: 1234,5."""
    if value is None:
        return ""
    return format(Decimal(value).normalize(), "f").replace(".", ",")


# ── XLSX ─────────────────────────────────────────────────────────────────────────────────────
def add_sheets(book, content, yes_no) -> None:
    chapter = getattr(content, "beleid", None)
    if not chapter:
        return
    if chapter.kaders:
        _voortgang_sheet(book, chapter, yes_no)
        _verantwoording_sheet(book, chapter)
    if chapter.per_line:
        _lines_sheet(book, chapter.per_line)
    begrotingen = [k.begroting for k in chapter.kaders if k.begroting]
    if begrotingen:
        _begroting_sheet(book, begrotingen)


def _voortgang_sheet(book, chapter, yes_no):
    headers = [
        _("Beleidskader"),
        _("Doelstelling"),
        _("Target"),
        _("Indicator"),
        _("Doelgroep"),
        _("Periode"),
        _("Waarde"),
        _("Streefwaarde"),
        _("Oordeel target"),
        _("Trend"),
        _("Geheim in PDF"),
        _("Duiding"),
    ]
    rows = []
    for part in chapter.kaders:
        v = part.voortgang
        period = v.period.identifier if v.period else ""
        for doelstelling in v.doelstellingen:
            for target in doelstelling.children:
                label = f"{target.doel.nummer} {target.doel.title}".strip()
                for stand in target.indicators or [None]:
                    rows.append(
                        [
                            v.kader.name,
                            f"{doelstelling.doel.nummer} {doelstelling.doel.title}".strip(),
                            label,
                            stand.indicator.name if stand else "",
                            stand.link.doelgroep.name if stand and stand.link.doelgroep else "",
                            period,
                            stand.value if stand else None,
                            stand.target_text if stand else "",
                            str(target.status_label),
                            stand.trend_label if stand else "",
                            yes_no(stand.secret) if stand else "",
                            target.duiding,
                        ]
                    )
    book.sheet(
        _("Voortgang beleid"), headers, rows, [30, 40, 40, 30, 18, 10, 12, 18, 16, 20, 12, 50]
    )


def _verantwoording_sheet(book, chapter):
    headers = [
        _("Beleidskader"),
        _("Doelstelling"),
        _("Oordeel"),
        _("Targets gehaald"),
        _("Targets niet gehaald"),
        _("Targets nog niet meetbaar"),
        _("Wat hebben wij daarvoor gedaan?"),
        _("Begroot voor de prestaties"),
        _("Actuele begroting regels"),
        _("Realisatie regels"),
        _("Afwijking"),
        _("Duiding"),
    ]
    rows = []
    for part in chapter.kaders:
        for stand in part.voortgang.doelstellingen:
            prestaties = [p.title for p, _b in stand.prestaties] + [
                p.title for target in stand.children for p, _b in target.prestaties
            ]
            b = stand.budget
            rows.append(
                [
                    part.voortgang.kader.name,
                    f"{stand.doel.nummer} {stand.doel.title}".strip(),
                    str(stand.status_label),
                    stand.count("gehaald"),
                    stand.count("niet_gehaald"),
                    stand.count("niet_meetbaar"),
                    "; ".join(prestaties),
                    b.begroot,
                    b.actueel,
                    b.realisatie,
                    b.afwijking,
                    stand.duiding,
                ]
            )
    book.sheet(
        _("Programmaverantwoording"),
        headers,
        rows,
        [30, 40, 16, 10, 10, 10, 60] + [16] * 4 + [50],
        formats=[None] * 7 + ["#,##0.00"] * 4,
    )


def _line_cells(row):
    return [
        row.value("actueel", "lasten"),
        row.value("realisatie", "lasten"),
        row.afwijking("lasten"),
        row.uitputting("lasten"),
        row.value("prognose", "lasten"),
        row.prognose_afwijking("lasten"),
    ]


def _lines_sheet(book, overview):
    headers = [
        _("Code"),
        _("Programma / product"),
        _("Soort"),
        _("Actuele begroting lasten"),
        _("Realisatie lasten"),
        _("Afwijking lasten"),
        _("Uitputting %"),
        _("Prognose lasten"),
        _("Verwachte afwijking lasten"),
    ]
    rows = []
    for total, lines in overview.programmas:
        for row in lines:
            rows.append([row.code, row.label, _("regel"), *_line_cells(row)])
        rows.append([total.code, total.label, _("totaal programma"), *_line_cells(total)])
    if overview.zonder_programma:
        rows.append(
            ["", _("Regels zonder programma"), _("regel"), *_line_cells(overview.zonder_programma)]
        )
    rows.append(["", _("Totaal"), _("totaal"), *_line_cells(overview.total)])
    notes = [
        _(
            "Bedragen in euro's, onafgerond, uit goedgekeurde begrotingsversies (%(year)d). "
            "Afwijking = realisatie − actuele begroting; verwachte afwijking = prognose − actuele "
            "begroting."
        )
        % {"year": overview.year}
    ]
    if overview.zonder_taakveld:
        notes.append(overview.zonder_taakveld_note)
    book.sheet(
        _("Begroting per lijn"),
        headers,
        rows,
        [12, 40, 16] + [18] * 6,
        formats=[None] * 3 + ["0.0" if "%" in h else "#,##0.00" for h in headers[3:]],
        notes=notes,
    )


def _begroting_sheet(book, begrotingen):
    headers = [
        _("Beleidskader"),
        _("Onderdeel"),
        _("Naam / jaar"),
        _("Lasten"),
        _("Baten"),
        _("Saldo"),
        _("Waarde"),
        _("Eenheid"),
        _("Bron"),
    ]
    rows = []
    for b in begrotingen:
        name = b.kader.name
        for row in b.bbv:
            label = f"{row.nummer} {row.name}" if row.nummer else row.name
            value = row.value + (" *" if row.from_document else "")
            rows.append(
                [
                    name,
                    _("Beleidsindicator (BBV)"),
                    label,
                    None,
                    None,
                    None,
                    value,
                    row.eenheid,
                    row.source,
                ]
            )
        for row in b.exploitatie:
            rows.append(
                [
                    name,
                    _("Exploitatie"),
                    row.year,
                    row.lasten,
                    row.baten,
                    row.saldo,
                    "",
                    _("euro"),
                    b.exploitatie_source,
                ]
            )
        for partij in b.verbonden_partijen:
            rows.append(
                [
                    name,
                    _("Verbonden partij"),
                    f"{partij.rechtsvorm} {partij.name}".strip(),
                    None,
                    None,
                    None,
                    partij.toelichting,
                    "",
                    "",
                ]
            )
        if b.toelichting:
            rows.append(
                [name, _("Toelichting exploitatie"), b.toelichting, None, None, None, "", "", ""]
            )
        if b.kader.source_note:
            rows.append([name, _("Let op"), b.kader.source_note, None, None, None, "", "", ""])
    book.sheet(
        _("Begroting programma"),
        headers,
        rows,
        [30, 22, 40, 16, 16, 16, 12, 30, 22],
        formats=[None] * 3 + ["#,##0.00"] * 3,
        notes=[_("* De waarde zoals het document haar noemt (geen goedgekeurd cijfer).")],
    )


# ── CSV ──────────────────────────────────────────────────────────────────────────────────────
def csv_records(content) -> list[list]:
    """Records in the CSV's columns (indicatorcode, indicator, doelgroepcode, doelgroep,
    gebiedcode, gebied, periode, waarde, status, eenheid, voorlopig)."""
    chapter = getattr(content, "beleid", None)
    if not chapter:
        return []
    area = content.report.gemeente
    no = _("nee")

    def record(code, name, period, value, unit, doelgroep=None, status=""):
        return [
            safe(code),
            safe(name),
            safe(doelgroep.code) if doelgroep else "",
            safe(doelgroep.name) if doelgroep else "",
            area.code,
            area.name,
            period,
            value,
            status,
            unit,
            no,
        ]

    rows = []
    for part in chapter.kaders:
        v = part.voortgang
        prefix = f"beleid.voortgang.{v.kader.pk}"
        period = v.period.identifier if v.period else str(v.year)
        for doelstelling in v.doelstellingen:
            for target in doelstelling.children:
                title = f"{v.kader.name}: target {target.doel.nummer} {target.doel.title}".strip()
                for stand in target.indicators:
                    code = f"{prefix}.{target.doel.nummer}.{stand.indicator.code}"
                    value = "" if stand.secret else _plain(stand.value)
                    status = GEHEIM if stand.secret else ""
                    unit = str(stand.indicator.get_eenheid_display())
                    name = f"{title} – {stand.indicator.name}"
                    rows.append(
                        record(code, name, period, value, unit, stand.link.doelgroep, status)
                    )
                rows.append(
                    record(
                        f"{prefix}.{target.doel.nummer}.oordeel",
                        f"{title} – {_('oordeel')}",
                        period,
                        str(target.status_label),
                        _("oordeel"),
                    )
                )
    if chapter.per_line:
        overview = chapter.per_line
        year = str(overview.year)
        for total, lines in overview.programmas:
            for row in [*lines, total]:
                rows += _money_records(record, f"beleid.lijn.{row.code}", row.label, year, row)
        rows += _money_records(record, "beleid.lijn.totaal", _("Totaal"), year, overview.total)
    for part in chapter.kaders:
        b = part.begroting
        if not b:
            continue
        for row in b.exploitatie:
            for name in FIELDS:
                rows.append(
                    record(
                        f"beleid.exploitatie.{b.kader.pk}.{name}",
                        f"{b.kader.name}: exploitatie {_(name)} ({b.exploitatie_source})",
                        str(row.year),
                        _plain(getattr(row, name)),
                        _("euro"),
                    )
                )
        for row in b.bbv:
            secret = row.value == _("geheim")
            rows.append(
                record(
                    f"beleid.bbv.{row.nummer or row.name}",
                    f"{b.kader.name}: {row.name}"
                    + (f" ({_('uit het document')})" if row.from_document else ""),
                    str(b.year),
                    "" if secret else row.value,
                    row.eenheid,
                    status=GEHEIM if secret else "",
                )
            )
    return rows


MONEY = (
    ("actuele_begroting", lambda r: r.value("actueel", "lasten")),
    ("realisatie", lambda r: r.value("realisatie", "lasten")),
    ("afwijking", lambda r: r.afwijking("lasten")),
    ("prognose", lambda r: r.value("prognose", "lasten")),
    ("verwachte_afwijking", lambda r: r.prognose_afwijking("lasten")),
)


def _money_records(record, code, label, year, row) -> list[list]:
    result = []
    for name, value_of in MONEY:
        value = value_of(row)
        if value is not None:
            result.append(
                record(
                    f"{code}.lasten.{name}",
                    f"{label}: {_('lasten')} {name.replace('_', ' ')}",
                    year,
                    _plain(value),
                    _("euro"),
                )
            )
    return result
