"""The Walcheren test world with figures for the dashboard: Orionis' regional figures for 2017H2
and 2018H1 (approved), the arbeidsparticipatie per gemeente for 2016 and 2017, a streefwaarde,
a second thema without figures, and helpers to submit figures and to adopt (vaststellen) a
report without generating its files."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from indicators.models import (
    Aspect,
    Eenheid,
    IndicatorSoort,
    PeriodType,
    Richting,
    Streefwaarde,
    Submission,
    SubmissionStatus,
    Value,
)
from reports.dashboard import figures
from tests.factories import (
    IndicatorFactory,
    ThemaFactory,
    UitvoerderFactory,
    UitvraagFactory,
    period,
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """The dashboard caches figures and rendered tables; every test starts without them."""
    cache.clear()
    figures.memo.clear()
    yield
    cache.clear()
    figures.memo.clear()


@pytest.fixture
def client_for(db):
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def deliver(uitvraag, identifier, cells, status=SubmissionStatus.GOEDGEKEURD, reviewed_at=None):
    """A submission with the given figures: {(indicator, doelgroep or None, area): "12,5"}.
    Made directly (the workflow is tested elsewhere); approved ones get a review time."""
    submission = Submission.objects.create(
        uitvraag=uitvraag,
        period=period(identifier),
        deadline=date(2030, 1, 1),
        status=status,
        reviewed_at=(reviewed_at or timezone.now())
        if status == SubmissionStatus.GOEDGEKEURD
        else None,
    )
    for (indicator, doelgroep, area), raw in cells.items():
        Value.objects.create(
            submission=submission,
            indicator=indicator,
            doelgroep=doelgroep,
            area=area,
            raw=raw,
            value=Decimal(raw.replace(",", ".")),
        )
    return submission


def vaststellen(gemeente, identifier, user, snapshot=True, at=None):
    """A vastgestelde report of ``gemeente`` over ``identifier``, with (or without) the snapshot of
    the approved figures its files would have been made from."""
    from reports.models import Report, ReportSnapshot, ReportStatus
    from reports.snapshot import figure_inputs

    report = Report.objects.create(
        gemeente=gemeente, period=period(identifier), title=f"Monitor {gemeente.name}"
    )
    if snapshot:
        ReportSnapshot.objects.create(
            report=report,
            generated_at=timezone.now(),
            inputs_fingerprint="test",
            figures_fingerprint="test",
            data={"inputs": figure_inputs(report)},
        )
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.VASTGESTELD,
        vastgesteld_at=at or timezone.now(),
        vastgesteld_by=user,
    )
    report.refresh_from_db()
    return report


@dataclass
class Dash:
    world: object
    arbeidsparticipatie: object
    schulden: object  # an ontwikkelindicator
    veilig: object  # a thema without figures
    cbs: object
    cbs_uitvraag: object

    def __getattr__(self, name):
        return getattr(self.world, name)


@pytest.fixture
def dash(world):
    return build_dash(world)


def build_dash(world) -> Dash:
    w = world
    deliver(
        w.uitvraag,
        "2017H2",
        {
            (w.aantal_clienten, w.werkzoekenden, w.walcheren): "480",
            (w.aantal_clienten, w.wsw, w.walcheren): "701",
            (w.uitstroom_pct, w.werkzoekenden, w.walcheren): "9,8",
        },
        reviewed_at=timezone.now() - timedelta(days=200),
    )
    for cell, raw in {
        (w.aantal_clienten, w.werkzoekenden, w.walcheren): "510",
        (w.aantal_clienten, w.wsw, w.walcheren): "666",
        (w.uitstroom_pct, w.werkzoekenden, w.walcheren): "12,5",
    }.items():
        indicator, doelgroep, area = cell
        Value.objects.create(
            submission=w.submission,
            indicator=indicator,
            doelgroep=doelgroep,
            area=area,
            raw=raw,
            value=Decimal(raw.replace(",", ".")),
        )
    Submission.objects.filter(pk=w.submission.pk).update(
        status=SubmissionStatus.GOEDGEKEURD, reviewed_at=timezone.now() - timedelta(days=100)
    )
    thema = w.aantal_clienten.thema
    arbeid = IndicatorFactory(
        code="mi-arbeidsparticipatie",
        name="Netto arbeidsparticipatie",
        thema=thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        aspect=Aspect.EFFECT,
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        period_type=PeriodType.JAAR,
        richting=Richting.HOGER,
        definition="Werkzame beroepsbevolking als percentage van de bevolking van 15-74 jaar.",
        source="CBS Arbeidsdeelname",
        uitvoerder=None,
    )
    schulden = IndicatorFactory(
        code="mi-problematische-schulden",
        name="Huishoudens met problematische schulden",
        thema=thema,
        soort=IndicatorSoort.MAATSCHAPPELIJK,
        eenheid=Eenheid.PERCENTAGE,
        decimals=1,
        period_type=PeriodType.JAAR,
        richting=Richting.LAGER,
        is_ontwikkelindicator=True,
        uitvoerder=None,
    )
    cbs = UitvoerderFactory(code="cbs", name="CBS")
    cbs_uitvraag = UitvraagFactory(
        uitvoerder=cbs, name="Bevolking", areas=[w.vlissingen, w.middelburg, w.veere]
    )
    for year, values in {
        "2016": ("62,0", "66,0", "64,0"),
        "2017": ("63,5", "67,0", "65,0"),
    }.items():
        deliver(
            cbs_uitvraag,
            year,
            {
                (arbeid, None, w.vlissingen): values[0],
                (arbeid, None, w.middelburg): values[1],
                (arbeid, None, w.veere): values[2],
                (schulden, None, w.vlissingen): "4,1",
            },
            reviewed_at=timezone.now() - timedelta(days=150),
        )
    Streefwaarde.objects.create(
        indicator=w.uitstroom_pct,
        scope=w.walcheren,
        doelgroep=w.werkzoekenden,
        year_from=2018,
        comparison=">=",
        value=Decimal("10"),
    )
    veilig = ThemaFactory(code="iedereen-is-veilig", name="Iedereen is veilig", order=4)
    return Dash(w, arbeid, schulden, veilig, cbs, cbs_uitvraag)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()
