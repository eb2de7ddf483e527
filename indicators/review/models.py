"""A question on one cell of an aanlevering (indicator × doelgroep × gebied) and its thread.

Each message is an event of the question's own workflow (:mod:`indicators.review.questions`):
asking, answering and closing go through the workflow core, so every message is in the
security log and in the aanlevering's history. Imported by ``indicators.models``, so the models
belong to the indicators app.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import WorkflowEvent, event_fields


class QuestionStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")  # only inside the transaction that asks it
    OPEN = "open", _("Open")  # waits for the supplier
    BEANTWOORD = "beantwoord", _("Beantwoord")  # waits for the reviewer
    GESLOTEN = "gesloten", _("Gesloten")


class CellQuestion(models.Model):
    submission = models.ForeignKey(
        "indicators.Submission",
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("aanlevering"),
    )
    indicator = models.ForeignKey(
        "indicators.Indicator",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("indicator"),
    )
    doelgroep = models.ForeignKey(
        "organisations.Doelgroep",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doelgroep"),
    )
    area = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente of regio"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=QuestionStatus.choices, default=QuestionStatus.NIEUW
    )
    created_at = models.DateTimeField(_("gesteld op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["submission", "status"])]
        verbose_name = _("vraag bij een cel")
        verbose_name_plural = _("vragen bij cellen")

    def __str__(self):
        return f"{self.submission}: {self.indicator} ({self.get_status_display()})"

    @property
    def key(self):
        return (self.indicator_id, self.doelgroep_id, self.area_id)

    @property
    def is_open(self) -> bool:
        return self.status == QuestionStatus.OPEN


class CellMessage(WorkflowEvent):
    """One message of a thread: the event's ``reason`` is its text, its action says whose."""

    question, from_status, to_status = event_fields(CellQuestion, _("vraag"), QuestionStatus)

    class Meta(WorkflowEvent.Meta):
        ordering = ["at", "pk"]
        verbose_name = _("bericht bij een vraag")
        verbose_name_plural = _("berichten bij vragen")
