"""The beleidsmedewerker's judgement of a trend: confirmed or overruled, the proposal kept beside it,
overruling needs a reason, and every change is in the history. Above the engine: it asks the engine
for the proposal (:func:`indicators.engine.gemeente_trend`) and writes a ``TrendOordeel``."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.engine import gemeente_trend, may_judge
from indicators.models import Oordeel, Richting, TrendOordeel


class JudgementError(Exception):
    """A judgement that cannot be recorded; the message is Dutch and meant for the user."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def record_judgement(
    user,
    *,
    indicator,
    gemeente,
    period,
    judgement: str,
    reason: str = "",
    doelgroep=None,
    base_period=None,
) -> TrendOordeel:
    """Record the beleidsmedewerker's judgement of a trend in a gemeente's overview. The proposal is
    computed here (never taken from the request) and stored beside the judgement; a judgement that
    differs from it needs a reason. Only beleid of that gemeente or a beheerder."""
    if not may_judge(user, gemeente):
        raise PermissionDenied(_("U mag voor deze gemeente geen trendoordeel vastleggen."))
    if indicator.is_ontwikkelindicator:
        raise JudgementError(_("Een ontwikkelindicator krijgt geen trendoordeel."))
    if indicator.richting == Richting.GEEN:
        raise JudgementError(
            _("Deze indicator heeft geen gewenste richting en krijgt daarom geen trendoordeel.")
        )
    if judgement not in Oordeel.values:
        raise JudgementError(_("Kies een oordeel."), field="oordeel")
    base_period = base_period or period.previous()
    proposal = gemeente_trend(indicator, gemeente, period, base_period, doelgroep)
    reason = (reason or "").strip()
    if judgement != proposal and not reason:
        raise JudgementError(
            _("Geef een motivering: u wijkt af van het voorstel ‘%(proposal)s’.")
            % {"proposal": Oordeel(proposal).label},
            field="motivering",
        )
    with transaction.atomic():
        oordeel = (
            TrendOordeel.objects.select_for_update()
            .filter(indicator=indicator, area=gemeente, doelgroep=doelgroep, period=period)
            .first()
        ) or TrendOordeel(indicator=indicator, area=gemeente, doelgroep=doelgroep, period=period)
        oordeel.base_period = base_period
        oordeel.proposal = proposal
        oordeel.judgement = judgement
        oordeel.reason = reason
        oordeel.decided_by = user
        # django-simple-history picks these up: who, and why (the reason, or "confirmed").
        oordeel._history_user = user
        oordeel._change_reason = reason or _("Voorstel bevestigd")
        oordeel.save()
    return oordeel
