"""Reporting periods: a year, a half-year or a quarter, with a sortable identifier."""

import calendar
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .indicator import PeriodType

PERIOD_RE = re.compile(r"^\s*(\d{4})\s*(?:([QqKk])([1-4])|([HhSs])([12]))?\s*$")


class Period(models.Model):
    """A reporting period with a sortable identifier: ``2018Q2``, ``2018H1`` or ``2018``."""

    identifier = models.CharField(_("code"), max_length=8, unique=True)
    type = models.CharField(_("soort"), max_length=1, choices=PeriodType.choices)
    year = models.PositiveSmallIntegerField(_("jaar"))
    number = models.PositiveSmallIntegerField(_("nummer"), default=1)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"))
    peildatum = models.DateField(_("peildatum"), help_text=_("Stand per (voor voorraadcijfers)."))

    class Meta:
        ordering = ["start", "type"]
        constraints = [
            models.UniqueConstraint(fields=["type", "year", "number"], name="periode_uniek")
        ]
        verbose_name = _("periode")
        verbose_name_plural = _("periodes")

    def __str__(self):
        return self.label

    @property
    def label(self):
        """ "2018 kwartaal 2", "2018 eerste halfjaar", "2018" in the active language."""
        if self.type == PeriodType.KWARTAAL:
            return gettext("%(year)s kwartaal %(number)s") % {
                "year": self.year,
                "number": self.number,
            }
        if self.type == PeriodType.HALFJAAR:
            if self.number == 1:
                return gettext("%(year)s eerste halfjaar") % {"year": self.year}
            return gettext("%(year)s tweede halfjaar") % {"year": self.year}
        return str(self.year)

    @staticmethod
    def parse_identifier(text: str) -> tuple[str, int, int]:
        """``2018Q2`` → (Q, 2018, 2); ``2018S1``/``2018H1`` → (H, 2018, 1); ``2018`` → (J, 2018, 1)."""
        match = PERIOD_RE.match(text or "")
        if not match:
            raise ValidationError(
                _("Onbekende periode '%(code)s': gebruik bijvoorbeeld 2018Q2, 2018H1 of 2018."),
                params={"code": text},
            )
        year = int(match.group(1))
        if match.group(2):
            return PeriodType.KWARTAAL, year, int(match.group(3))
        if match.group(4):
            return PeriodType.HALFJAAR, year, int(match.group(5))
        return PeriodType.JAAR, year, 1

    @classmethod
    def bounds(cls, type_: str, year: int, number: int) -> tuple[date, date]:
        months = {PeriodType.KWARTAAL: 3, PeriodType.HALFJAAR: 6, PeriodType.JAAR: 12}[type_]
        first_month = (number - 1) * months + 1
        last_month = first_month + months - 1
        return date(year, first_month, 1), date(
            year, last_month, calendar.monthrange(year, last_month)[1]
        )

    @classmethod
    def canonical_identifier(cls, type_: str, year: int, number: int) -> str:
        if type_ == PeriodType.JAAR:
            return str(year)
        return f"{year}{type_}{number}"

    @classmethod
    def get_or_create_from_identifier(cls, text: str, peildatum: date | None = None):
        type_, year, number = cls.parse_identifier(text)
        start, end = cls.bounds(type_, year, number)
        return cls.objects.get_or_create(
            type=type_,
            year=year,
            number=number,
            defaults={
                "identifier": cls.canonical_identifier(type_, year, number),
                "start": start,
                "end": end,
                "peildatum": peildatum or end,
            },
        )

    def previous(self):
        """The period of the same type just before this one, if it exists (asked once per
        instance: a page asks it for the grid, the checks and the comparison alike)."""
        if "_previous" not in self.__dict__:
            self.__dict__["_previous"] = self._find_previous()
        return self.__dict__["_previous"]

    def _find_previous(self):
        if self.type == PeriodType.JAAR:
            key = (self.year - 1, 1)
        elif self.number > 1:
            key = (self.year, self.number - 1)
        else:
            key = (self.year - 1, 4 if self.type == PeriodType.KWARTAAL else 2)
        return Period.objects.filter(type=self.type, year=key[0], number=key[1]).first()
