"""The national set of BBV-beleidsindicatoren, kept from ``beleidskader/data/
bbv_beleidsindicatoren.yaml`` (which says its sources). Idempotent: adds and corrects by name,
never deletes, and keeps a mapping a beheerder made when the file names no indicator."""

from pathlib import Path

import yaml
from django.db import transaction

from budgets.models import Taakveld
from indicators.models import Indicator

from .models import BBVEenheid, BBVIndicator

DATA = Path(__file__).resolve().parent / "data" / "bbv_beleidsindicatoren.yaml"


def read(path: Path = DATA) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@transaction.atomic
def sync(specs: list[dict] | None = None) -> tuple[int, int]:
    """(created, updated)."""
    specs = read() if specs is None else specs
    taakvelden = {t.code: t for t in Taakveld.objects.all()}
    created = updated = 0
    for spec in specs:
        defaults = {
            "nummer": spec.get("nummer"),
            "hoofdtaakveld": taakvelden[str(spec["hoofdtaakveld"])],
            "source": spec["source"],
            "valid_from": spec.get("valid_from", 2017),
            "valid_to": spec.get("valid_to"),
        }
        if spec.get("indicator"):
            defaults["indicator"] = Indicator.objects.filter(code=spec["indicator"]).first()
        bbv, was_created = BBVIndicator.objects.update_or_create(
            name=spec["name"], defaults=defaults
        )
        created += was_created
        updated += not was_created
        for year, eenheid in spec.get("units", {}).items():
            BBVEenheid.objects.update_or_create(
                bbv=bbv, year_from=int(year), defaults={"eenheid": eenheid}
            )
    return created, updated
