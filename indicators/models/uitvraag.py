"""Uitvragen: what a supplier must deliver, for which gemeenten/regio's, indicators and doelgroepen."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisations.models import Doelgroep, Organisation, OrganisationKind

from .indicator import Indicator


class Uitvraag(models.Model):
    """What a supplier must deliver: indicator × doelgroep rows for a set of gemeenten/regio's."""

    uitvoerder = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="uitvragen",
        limit_choices_to={"kind": OrganisationKind.UITVOERDER},
        verbose_name=_("uitvoeringsorganisatie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    areas = models.ManyToManyField(
        Organisation,
        related_name="uitvragen_voor",
        limit_choices_to={"kind__in": [OrganisationKind.GEMEENTE, OrganisationKind.REGIO]},
        verbose_name=_("gemeenten en regio's"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["uitvoerder__name", "name"]
        verbose_name = _("uitvraag")
        verbose_name_plural = _("uitvragen")

    def __str__(self):
        return f"{self.uitvoerder} – {self.name}"


class UitvraagRegel(models.Model):
    uitvraag = models.ForeignKey(
        Uitvraag, on_delete=models.CASCADE, related_name="regels", verbose_name=_("uitvraag")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="+", verbose_name=_("indicator")
    )
    doelgroep = models.ForeignKey(
        Doelgroep,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
    )
    order = models.PositiveIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["uitvraag", "indicator", "doelgroep"],
                name="uitvraagregel_uniek",
                condition=Q(doelgroep__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["uitvraag", "indicator"],
                name="uitvraagregel_uniek_zonder_doelgroep",
                condition=Q(doelgroep__isnull=True),
            ),
        ]
        verbose_name = _("uitvraagregel")
        verbose_name_plural = _("uitvraagregels")

    def __str__(self):
        return f"{self.indicator} – {self.doelgroep or _('alle')}"
