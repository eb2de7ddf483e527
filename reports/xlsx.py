"""The report's figures as an Excel workbook (:mod:`reports.workbook`), for further analysis.

Holds the same approved figures as the PDF (table figures and the history behind the charts, the
other gemeenten the charts compare with), plus the indicators' metadata. It is meant for analysts
inside the organisations: the figures are exact, also the small counts that the public PDF shows
as "geheim" (column "Geheim in PDF" says which). Text that a spreadsheet would run as a formula is
neutralised.
"""

from datetime import UTC

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from indicators.models import Oordeel
from indicators.targets import target_text

from . import beleid_export
from .content import ReportContent
from .workbook import Book, Formatted


def yes_no(flag: bool) -> str:
    return _("ja") if flag else _("nee")


class Words(dict):
    """The translated words of the figures' rows, each made once per workbook by what it depends
    on: gettext and Django's choice labels per cell took most of the time on the national data
    set (a million cells)."""

    def __call__(self, key, make):
        try:
            return self[key]
        except KeyError:
            self[key] = word = make()
            return word


def _figures_sheet(book: Book, content: ReportContent):
    gemeente = content.report.gemeente.name
    headers = [
        _("Gemeente"),
        _("Thema"),
        _("Uitvoeringsorganisatie"),
        _("Indicatorcode"),
        _("Indicator"),
        _("Doelgroep"),
        _("Gebied"),
        _("Periode"),
        _("Peildatum"),
        _("Waarde"),
        _("Eenheid"),
        _("Voorlopig"),
        _("Toelichting"),
        *_engine_headers(),
    ]
    words = Words({True: yes_no(True), False: yes_no(False)})
    rows = [_figure_row(f, gemeente, words) for f in content.history]
    book.sheet(
        _("Cijfers"),
        headers,
        rows,
        [14, 26, 24, 26, 36, 20, 16, 10, 12, 14, 16, 10, 40, *ENGINE_WIDTHS],
    )


def _figure_row(f, gemeente: str, words: Words) -> list:
    return [
        gemeente,
        f.indicator.thema.name,
        f.uitvoerder.name if f.uitvoerder else "",
        f.indicator.code,
        f.indicator.name,
        words(("doelgroep", f.total, f.doelgroep and f.doelgroep.pk), lambda: f.doelgroep_name),
        f.area.name,
        f.period.identifier,
        Formatted(f.period.peildatum, "DD-MM-YYYY"),
        Formatted(f.value, _number_format(f.indicator.decimals)),
        words(("eenheid", f.indicator.eenheid), lambda: f.unit),
        words[f.voorlopig],
        f.toelichting,
        *_engine_columns(f, words),
    ]


def _number_format(decimals: int) -> str:
    return "#,##0." + "0" * decimals if decimals else "#,##0"


# The indicator engine's columns come after the figures' own, which keep their place.
ENGINE_WIDTHS = [12, 50, 18, 12, 22, 12, 14]


def _engine_headers() -> list[str]:
    return [
        _("Herkomst"),
        _("Formule"),
        _("Streefwaarde"),
        _("Streefwaarde gehaald"),
        _("Trend"),
        _("Trend vastgesteld"),
        _("Geheim in PDF"),
    ]


def _engine_columns(figure, words: Words) -> list:
    """Aangeleverd, berekend or totaal; the formula in words; the target and whether it is met;
    the trend: the beleidsmedewerker's judgement ("ja") or the engine's proposal ("nee")."""
    f = figure
    target = ""
    if f.streefwaarde is not None:
        key = ("streefwaarde", f.streefwaarde.pk, f.indicator.pk)
        target = words(key, lambda: target_text(f.streefwaarde, f.indicator))
    judged = f.trend_is_judgement or f.trend != Oordeel.GEEN
    return [
        words(("soort", f.comparison, f.computed, f.total), lambda: f.kind_label),
        f.formula_text,
        target,
        "" if f.target_met is None else words[f.target_met],
        words(("trend", f.trend), lambda: str(Oordeel(f.trend).label)) if judged else "",
        words[f.trend_is_judgement] if judged else "",
        words[f.secret],
    ]


def _indicators_sheet(book: Book, content: ReportContent):
    headers = [
        _("Code"),
        _("Indicator"),
        _("Thema"),
        _("Soort"),
        _("Inzet/effect"),
        _("Eenheid"),
        _("Decimalen"),
        _("Definitie"),
        _("Bron"),
        _("Uitvoeringsorganisatie"),
        _("Periodetype"),
        _("Gewenste richting"),
        _("Ontwikkelindicator"),
        _("Formule"),
        _("Optellen"),
    ]
    rows = [
        [
            i.code,
            i.name,
            i.thema.name,
            str(i.get_soort_display()),
            str(i.get_aspect_display()),
            str(i.get_eenheid_display()),
            i.decimals,
            i.definition,
            i.source,
            i.uitvoerder.name if i.uitvoerder else "",
            str(i.get_period_type_display()),
            str(i.get_richting_display()),
            yes_no(i.is_ontwikkelindicator),
            i.formula,
            str(i.get_aggregatie_display()),
        ]
        for i in content.indicators
    ]
    book.sheet(
        _("Indicatoren"),
        headers,
        rows,
        [26, 36, 26, 22, 14, 14, 10, 50, 26, 24, 12, 18, 16, 40, 30],
    )


def _kosten_sheet(book: Book, content: ReportContent):
    """'Wat heeft het gekost?': the sociaal domein per taakveld in unrounded euros, both lasten
    and baten, with afwijking and uitputting (approved budget versions only)."""
    kosten = content.kosten
    overview = kosten.overview
    headers = [_("Taakveld"), _("Naam")]
    for measure in (_("lasten"), _("baten")):
        headers += [
            f"{_('Primitieve begroting')} {measure}",
            f"{_('Wijzigingen')} {measure}",
            f"{_('Actuele begroting')} {measure}",
            f"{_('Realisatie')} {measure}",
            f"{_('Afwijking')} {measure}",
            f"{_('Afwijking %')} {measure}",
            f"{_('Uitputting %')} {measure}",
        ]

    def cells(row):
        result = []
        for name in ("lasten", "baten"):
            result += [
                row.value("primitief", name),
                row.value("wijzigingen", name),
                row.value("actueel", name),
                row.value("realisatie", name),
                row.afwijking(name),
                row.afwijking_pct(name),
                row.uitputting(name),
            ]
        return result

    rows = [[row.code, row.label, *cells(row)] for row in overview.rows]
    if overview.rows:
        rows.append(["6", _("Totaal sociaal domein"), *cells(overview.total)])
    note = _(
        "Bedragen in euro's, onafgerond, uit goedgekeurde begrotingsversies, stand per "
        "%(date)s. Afwijking = realisatie − actuele begroting; percentages ten opzichte "
        "van de actuele begroting."
    ) % {"date": overview.peildatum.strftime("%d-%m-%Y") if overview.peildatum else "-"}
    book.sheet(
        _("Wat heeft het gekost"),
        headers,
        rows,
        [10, 40] + [16] * (len(headers) - 2),
        formats=[None, None, *(money_format(h) for h in headers[2:])],
        notes=[note],
    )


def money_format(header: str) -> str:
    """Euros with cents; a percentage (its header says %) with one decimal."""
    return "0.0" if "%" in header else "#,##0.00"


def _about_sheet(book: Book, content: ReportContent):
    report = content.report
    generated = timezone.localtime(content.generated_at)
    rows = [
        [_("Titel"), report.title],
        [_("Gemeente"), f"{report.gemeente.name} ({report.gemeente.code})"],
        [_("Periode"), f"{report.period.label} ({report.period.identifier})"],
        [_("Versie"), report.version],
        [_("Gemaakt op"), generated.strftime("%d-%m-%Y %H:%M")],
        [
            _("Cijfers"),
            _(
                "Alleen door een beleidsmedewerker goedgekeurde cijfers, tot en met de periode van "
                "het rapport. Cijfers over een regio gelden voor alle gemeenten in die regio."
            ),
        ],
        [
            _("Gebruik"),
            _(
                "Dit bestand is voor analisten binnen de gemeente en de uitvoeringsorganisaties: "
                "het bevat de exacte cijfers, ook kleine aantallen. De PDF voor de gemeenteraad is "
                "openbaar en toont aantallen van %(min)s tot en met %(max)s, en de cijfers waaruit "
                "die terug te rekenen zijn, als ‘geheim’ (kolom ‘Geheim in PDF’ op het blad "
                "Cijfers). Publiceer dit bestand niet; gebruik voor open data de CSV."
            )
            % {
                "min": content.rules.min_count if content.rules else "-",
                "max": content.rules.max_count if content.rules else "-",
            },
        ],
    ]
    if report.replaces_id:
        rows.append([_("Vervangt versie"), report.replaces.version])
        rows.append([_("Reden nieuwe versie"), report.replacement_reason])
    book.sheet(
        _("Over dit bestand"), [_("Onderdeel"), _("Waarde")], rows, [22, 90], wrap=[1], filter=False
    )


def render_xlsx(content: ReportContent) -> bytes:
    with translation.override(settings.LANGUAGE_CODE):
        book = Book()
        _figures_sheet(book, content)
        _indicators_sheet(book, content)
        if content.kosten is not None:
            _kosten_sheet(book, content)
        beleid_export.add_sheets(book, content, yes_no)  # the chapter Beleid en voortgang
        _about_sheet(book, content)
        # Document properties carry the generation time, not the time of rendering.
        stamp = content.generated_at.astimezone(UTC).replace(tzinfo=None, microsecond=0)
        properties = book.workbook.properties
        properties.created = stamp
        properties.modified = stamp
        properties.creator = "Monitor Sociaal Domein"
        properties.lastModifiedBy = "Monitor Sociaal Domein"
        properties.title = content.report.title
        local = timezone.localtime(content.generated_at)
        return book.save(local.timetuple()[:6], stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
