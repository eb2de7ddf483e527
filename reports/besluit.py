"""The decision that adopts a report (by whom, on which date, under which number): a value the
models store and describe, the workflow checks and the PDF prints. Below the models, so that
neither needs the adoption module (:mod:`reports.adoption` prints the PDFs)."""

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy


class Bestuursorgaan(models.TextChoices):
    """Who adopts the report: the college van burgemeester en wethouders or the gemeenteraad."""

    COLLEGE = "college", _lazy("het college van B&W")
    RAAD = "raad", _lazy("de gemeenteraad")


class BesluitError(ValueError):
    pass


@dataclass(frozen=True)
class Besluit:
    """The decision that adopts the report: by whom, on which date, under which number."""

    orgaan: str
    datum: date | None
    kenmerk: str = ""

    def errors(self, today: date | None = None) -> dict[str, str]:
        today = today or timezone.localdate()
        found = {}
        if self.orgaan not in Bestuursorgaan.values:
            found["orgaan"] = _("Kies wie de rapportage heeft vastgesteld: het college of de raad.")
        if self.datum is None:
            found["datum"] = _("Geef de datum van het besluit.")
        elif self.datum > today:
            found["datum"] = _("De datum van het besluit ligt in de toekomst.")
        if len(self.kenmerk.strip()) > 100:
            found["kenmerk"] = _("Het nummer of kenmerk is langer dan 100 tekens.")
        elif self.orgaan == Bestuursorgaan.RAAD and not self.kenmerk.strip():
            found["kenmerk"] = _("Geef het nummer van het raadsbesluit.")
        return found

    @property
    def orgaan_label(self) -> str:
        return (
            str(Bestuursorgaan(self.orgaan).label) if self.orgaan in Bestuursorgaan.values else ""
        )

    def describe(self, decided: bool = False) -> str:
        """ "Vastgesteld door de gemeenteraad op 12 maart 2019 (besluit 2019/12)"; ``decided``:
        "Besloten door het college van B&W op …" (the collegebesluit that offers it to the raad)."""
        if decided:
            line = _("Besloten door %(orgaan)s op %(datum)s")
        else:
            line = _("Vastgesteld door %(orgaan)s op %(datum)s")
        line = line % {
            "orgaan": self.orgaan_label,
            "datum": formats.date_format(self.datum, "j F Y") if self.datum else "",
        }
        if self.kenmerk.strip():
            line += " " + _("(besluit %(kenmerk)s)") % {"kenmerk": self.kenmerk.strip()}
        return line

    def fields(self) -> dict:
        return {
            "besluit_orgaan": self.orgaan,
            "besluit_datum": self.datum,
            "besluit_kenmerk": self.kenmerk.strip(),
        }

    def college_fields(self) -> dict:
        return {
            "college_besluit_datum": self.datum,
            "college_besluit_kenmerk": self.kenmerk.strip(),
        }
