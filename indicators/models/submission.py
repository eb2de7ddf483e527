"""Aanleveringen (submissions): one uitvraag × period through the review cycle, and their events."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import ReviewFields, ReviewStatus, WorkflowEvent, event_fields
from organisations.access import Access

from .period import Period
from .uitvraag import Uitvraag

# An aanlevering moves through the review cycle of the workflow core.
SubmissionStatus = ReviewStatus


class SubmissionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Suppliers see their own organisation's; beleid sees those about its gemeenten."""
        access = Access.for_user(user)
        if access.is_beheerder:
            return self
        condition = Q(pk__in=[])
        if access.uitvoerder_ids:
            condition |= Q(uitvraag__uitvoerder_id__in=access.uitvoerder_ids)
        if access.beleid_area_ids:
            condition |= Q(
                pk__in=Submission.objects.filter(uitvraag__areas__in=access.beleid_area_ids).values(
                    "pk"
                )
            )
        return self.filter(condition)

    def with_related(self):
        return self.select_related("uitvraag__uitvoerder", "period", "submitted_by", "reviewed_by")


class Submission(ReviewFields):
    """An aanlevering: a supplier's answer to an uitvraag for one period."""

    uitvraag = models.ForeignKey(
        Uitvraag, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("uitvraag")
    )
    period = models.ForeignKey(
        Period, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("periode")
    )
    deadline = models.DateField(_("uiterste leverdatum"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.CONCEPT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-period__start", "uitvraag__uitvoerder__name", "uitvraag__name"]
        constraints = [
            models.UniqueConstraint(fields=["uitvraag", "period"], name="aanlevering_uniek")
        ]
        indexes = [models.Index(fields=["status", "deadline"])]
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")

    def __str__(self):
        return f"{self.uitvraag} – {self.period}"

    @property
    def uitvoerder(self):
        return self.uitvraag.uitvoerder


# Audit trail of the workflow: who did what, when, from which state to which, and why.
class SubmissionEvent(WorkflowEvent):
    submission, from_status, to_status = event_fields(
        Submission, _("aanlevering"), SubmissionStatus
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("gebeurtenis aanlevering")
        verbose_name_plural = _("gebeurtenissen aanleveringen")
