"""A local measurement of the bulk import (not a timed test): run it on PostgreSQL with

    MSD_MEASURE_BULK=100000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/msd_bulk \
        .venv/bin/pytest -q -s tests/api/test_bulk_measure.py

It builds 342 gemeenten, an uitvraag of 50 indicators × 2 doelgroepen for all of them and enough
half-year submissions, then imports the values through the API (create), again (unchanged) and
changed (update), and prints values per second. Skipped unless MSD_MEASURE_BULK is set.
"""

import json
import os
import time
from datetime import date

import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.tokens import issue_token
from indicators.models import Submission, Uitvraag, UitvraagRegel, Value
from organisations.models import Organisation, OrganisationKind
from tests.factories import (
    DoelgroepFactory,
    IndicatorFactory,
    UitvoerderFactory,
    make_user,
    period,
)

N = int(os.environ.get("MSD_MEASURE_BULK", "0") or 0)
pytestmark = pytest.mark.skipif(not N, reason="set MSD_MEASURE_BULK=<number of values> to run")

GEMEENTEN = 342
INDICATORS = 50


def build(n):
    from organisations.models import Role

    uitvoerder = UitvoerderFactory(code="landelijk", name="Landelijke uitvoerder")
    gemeenten = Organisation.objects.bulk_create(
        Organisation(kind=OrganisationKind.GEMEENTE, code=f"GM{i:04d}", name=f"Gemeente {i}")
        for i in range(1, GEMEENTEN + 1)
    )
    doelgroepen = [DoelgroepFactory(uitvoerder=uitvoerder, code=c) for c in ("a", "b")]
    indicators = [IndicatorFactory(uitvoerder=uitvoerder) for _i in range(INDICATORS)]
    uitvraag = Uitvraag.objects.create(uitvoerder=uitvoerder, name="Alles")
    uitvraag.areas.set(gemeenten)
    UitvraagRegel.objects.bulk_create(
        UitvraagRegel(uitvraag=uitvraag, indicator=i, doelgroep=d, order=n)
        for n, (i, d) in enumerate((i, d) for i in indicators for d in doelgroepen)
    )
    per_period = GEMEENTEN * INDICATORS * len(doelgroepen)
    periods = []
    for year in range(2010, 2040):
        for half in (1, 2):
            if len(periods) * per_period >= n:
                break
            periods.append(period(f"{year}H{half}"))
    for p in periods:
        Submission.objects.create(uitvraag=uitvraag, period=p, deadline=date(2030, 1, 1))
    items = [
        {
            "indicator": i.code,
            "doelgroep": d.code,
            "gebied": g.code,
            "periode": p.identifier,
            "waarde": (k * 7) % 1000,
        }
        for k, (p, i, d, g) in enumerate(
            (p, i, d, g)
            for p in periods
            for i in indicators
            for d in doelgroepen
            for g in gemeenten
        )
    ][:n]
    user = make_user(Role.LEVERANCIER, uitvoerder)
    return user, items


def timed(label, client, payload, n, dry_run=False):
    body = json.dumps({"waarden": payload, "dry_run": dry_run})
    start = time.perf_counter()
    response = client.generic(
        "POST", "/api/v1/waarden/bulk/", body, content_type="application/json"
    )
    elapsed = time.perf_counter() - start
    summary = response.json()
    print(
        f"{label:<34} {elapsed:6.2f} s  {n / elapsed:9.0f} waarden/s  "
        f"created={summary['created']} updated={summary['updated']} "
        f"unchanged={summary['unchanged']} conflicts={len(summary['conflicts'])}"
    )
    return summary


@pytest.mark.django_db(transaction=True)  # commits for real: deferred FK checks run at COMMIT
def test_measure_bulk_import_through_the_api():
    user, items = build(N)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(user)[1]}")
    client.get("/api/v1/periodes/")  # warm up: the first request imports all URL modules
    print(f"\n{N} waarden op {connection.vendor}")
    assert timed("dry_run (alleen controleren)", client, items, N, dry_run=True)["created"] == N
    assert timed("aanmaken", client, items, N)["created"] == N
    assert timed("nogmaals (alles ongewijzigd)", client, items, N)["unchanged"] == N
    changed = [dict(i, waarde=i["waarde"] + 1) for i in items]
    assert timed("wijzigen", client, changed, N)["updated"] == N
    assert Value.objects.count() == N
    assert Value.history.count() == 2 * N
