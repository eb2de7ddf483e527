"""Forms of the aanlevering screens: the supplier's grid, the list filter and the workflow reason."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.forms import ReasonForm  # noqa: F401 (the aanlevering screens import it from here)
from indicators.models import CijferStatus, Period, SubmissionStatus, is_provisional, status_from
from indicators.quality.validation import format_value
from organisations.models import Organisation

from .services import CellInput, CellKey


def cell_prefix(key: CellKey) -> str:
    indicator_id, doelgroep_id, area_id = key
    return f"cel-{indicator_id}-{doelgroep_id or 0}-{area_id}"


@dataclass
class GridFormCell:
    """One input cell: what is stored now (raw input, error) and the names of its fields."""

    key: CellKey
    area: Organisation
    label: str
    raw: str = ""
    toelichting: str = ""
    status: str = CijferStatus.DEFINITIEF
    error: str = ""
    computed: object = None  # grid_totals.TotalCell: the value of a computed indicator
    previous_text: str = ""  # the previous period's approved figure
    thread: object = None  # review.questions.Thread: the reviewer's question on this cell

    @property
    def is_read_only(self) -> bool:
        """A computed indicator is shown, not entered (unless something was typed by mistake:
        then the field stays, so it can be emptied)."""
        return self.computed is not None and not self.raw

    @property
    def prefix(self) -> str:
        return cell_prefix(self.key)

    @property
    def value_name(self) -> str:
        return f"{self.prefix}-waarde"

    @property
    def toelichting_name(self) -> str:
        return f"{self.prefix}-toelichting"

    @property
    def voorlopig(self) -> bool:
        return is_provisional(self.status)

    @property
    def voorlopig_name(self) -> str:
        """The old checkbox (still read when a post has no status field)."""
        return f"{self.prefix}-voorlopig"

    @property
    def status_name(self) -> str:
        return f"{self.prefix}-status"

    @property
    def status_choices(self):
        return CijferStatus.choices

    @property
    def error_id(self) -> str:
        return f"{self.prefix}-fout"

    @property
    def previous_id(self) -> str:
        return f"{self.prefix}-vorige"

    @property
    def check_id(self) -> str:
        """Where the live check (static/js/live-check.js) says what is wrong while typing."""
        return f"{self.prefix}-live"


@dataclass
class GridFormRow:
    regel: object  # UitvraagRegel
    number: int
    cells: list[GridFormCell] = field(default_factory=list)
    total: object = None  # grid_totals.TotalCell in the total column over gemeenten
    extra_rows: list = field(default_factory=list)  # grid_totals.ExtraRow: totals after this row
    formula_text: str = ""  # for a computed indicator: its formula in words

    @property
    def is_computed(self) -> bool:
        return self.regel.indicator.is_computed

    @property
    def label(self) -> str:
        return row_label(self.regel)

    @property
    def unit_id(self) -> str:
        return f"regel-{self.number}-eenheid"

    @property
    def definition_id(self) -> str:
        return f"regel-{self.number}-definitie"

    @property
    def unit_hint(self) -> str:
        indicator = self.regel.indicator
        unit = indicator.get_eenheid_display()
        if indicator.decimals:
            return ngettext(
                "%(unit)s, hoogstens %(n)d decimaal",
                "%(unit)s, hoogstens %(n)d decimalen",
                indicator.decimals,
            ) % {"unit": unit, "n": indicator.decimals}
        return gettext("%(unit)s, heel getal") % {"unit": unit}


def row_label(regel) -> str:
    if regel.doelgroep_id:
        return f"{regel.indicator.name} ({regel.doelgroep.name})"
    return regel.indicator.name


class SubmissionValuesForm:
    """The supplier's grid: rows = uitvraag rows (indicator × doelgroep), columns = areas.

    It never rejects input itself: :func:`indicators.submissions.services.save_values` decides per cell and
    stores invalid input with its message, so the grid is always (re)built from what is stored.
    """

    def __init__(self, areas, grid, data=None):
        self.areas = areas
        self.data = data
        self.totals = None
        self.rows: list[GridFormRow] = []
        for number, grid_row in enumerate(grid, start=1):
            row = GridFormRow(regel=grid_row.regel, number=number)
            for cell in grid_row.cells:
                value = cell.value
                row.cells.append(
                    GridFormCell(
                        key=cell.key,
                        area=cell.area,
                        label=f"{row_label(grid_row.regel)}, {cell.area.name}",
                        raw=_stored_raw(value, grid_row.regel.indicator),
                        toelichting=value.toelichting if value else "",
                        status=value.status if value else CijferStatus.DEFINITIEF,
                        error=value.error if value else "",
                        previous_text=format_value(cell.previous, grid_row.regel.indicator),
                    )
                )
            self.rows.append(row)

    @property
    def cells(self) -> list[GridFormCell]:
        return [cell for row in self.rows for cell in row.cells]

    def add_totals(self, totals) -> None:
        """Show the read-only totals and computed values of :func:`grid_totals.grid_totals`."""
        self.totals = totals
        for index, row in enumerate(self.rows):
            key = (row.regel.indicator_id, row.regel.doelgroep_id)
            row.total = totals.column.get(key)
            row.extra_rows = totals.after.get(index, [])
            row.formula_text = totals.formulas.get(row.regel.indicator_id, "")
            for cell in row.cells:
                cell.computed = totals.computed_cells.get(cell.key)

    def add_threads(self, by_cell: dict) -> None:
        """Mark the cells a reviewer asked about (:func:`review.questions.threads_by_cell`)."""
        for cell in self.cells:
            cell.thread = by_cell.get(cell.key)

    @property
    def invalid_cells(self) -> list[GridFormCell]:
        return [cell for cell in self.cells if cell.error]

    def cell_inputs(self) -> list[CellInput]:
        """What was posted, per cell. Cells whose fields are absent are left alone, so a partial
        (or forged) post never wipes figures."""
        inputs = []
        for cell in self.cells:
            if cell.value_name not in self.data:
                continue
            indicator_id, doelgroep_id, area_id = cell.key
            inputs.append(
                CellInput(
                    indicator_id=indicator_id,
                    doelgroep_id=doelgroep_id,
                    area_id=area_id,
                    raw=self.data.get(cell.value_name, ""),
                    toelichting=self.data.get(cell.toelichting_name, ""),
                    status=self._posted_status(cell),
                )
            )
        return inputs

    def _posted_status(self, cell: GridFormCell) -> str:
        """The chosen status; without one, the old voorlopig checkbox (ticked → voorlopig)."""
        posted = self.data.get(cell.status_name)
        if posted in CijferStatus.values:
            return posted
        return status_from(bool(self.data.get(cell.voorlopig_name)))


def _stored_raw(value, indicator) -> str:
    if value is None:
        return ""
    if value.raw or value.value is None:
        return value.raw
    # Figures that arrived without raw text (API, import) are shown in Dutch notation.
    return format_value(value.value, indicator)


class SubmissionFilterForm(forms.Form):
    """Filters of the list page; choices only offer what the user can see."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *SubmissionStatus.choices],
    )
    periode = forms.ModelChoiceField(
        label=_("Periode"),
        required=False,
        queryset=Period.objects.none(),
        to_field_name="identifier",
        empty_label=_("Alle periodes"),
    )
    uitvoerder = forms.ModelChoiceField(
        label=_("Uitvoeringsorganisatie"),
        required=False,
        queryset=Organisation.objects.none(),
        to_field_name="code",
        empty_label=_("Alle uitvoeringsorganisaties"),
    )

    def __init__(self, *args, submissions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].queryset = Period.objects.filter(
            pk__in=submissions.values("period_id")
        ).order_by("-start", "type")
        self.fields["uitvoerder"].queryset = Organisation.objects.uitvoerders().filter(
            pk__in=submissions.values("uitvraag__uitvoerder_id")
        )

    def filter(self, submissions):
        # An invalid choice is reported on its field; the other filters still apply.
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("status"):
            submissions = submissions.filter(status=data["status"])
        if data.get("periode"):
            submissions = submissions.filter(period=data["periode"])
        if data.get("uitvoerder"):
            submissions = submissions.filter(uitvraag__uitvoerder=data["uitvoerder"])
        return submissions
