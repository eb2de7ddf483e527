"""The demo beleidskaders, read from the YAML files in ``beleidskader/demo/`` (each says its
source document): the Vlissingen Ontwikkelagenda, adopted through its dated steps, and a
programma in the Deventer form, left in concept. Called once by ``load_demo``; idempotent (a kader
that exists by owner and name is left as the demo users left it)."""

from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction

from indicators.models import Indicator, Streefwaarde

from . import bbv, services
from .models import (
    BBVIndicator,
    Beleidskader,
    Doel,
    DoelIndicator,
    ExploitatieJaar,
    KaderBBVIndicator,
    Niveau,
    PrestatieBudget,
    VerbondenPartij,
)
from .workflow import transition

DEMO_DIR = Path(__file__).resolve().parent / "demo"
FILES = ["vlissingen_ontwikkelagenda.yaml", "deventer_meedoen.yaml"]
# Who enters and releases the demo kader, and who records the raadsbesluit (four-eyes).
OPSTELLER = "beleid"
VASTSTELLER = "teamleider"


def read(name: str) -> dict:
    with open(DEMO_DIR / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load(loader) -> None:
    """``loader``: load_demo's DemoLoader (organisations, users, count, stdout)."""
    bbv.sync()
    for name in FILES:
        spec = read(name)
        owner = loader.organisations[spec["owner"]]
        if Beleidskader.objects.filter(owner=owner, name=spec["name"]).exists():
            loader.count("beleidskaders", False)
            continue
        with transaction.atomic():
            load_kader(spec, owner, loader.users)
        loader.count("beleidskaders", True)
    loader.stdout.write(
        "Beleidskader: de Ontwikkelagenda Vlissingen (vastgesteld) en een programma Meedoen in "
        "de vorm van Deventer (concept) onder /beleid/."
    )


def load_kader(spec: dict, owner, users, adopt: bool = True) -> Beleidskader:
    """One kader from a YAML spec (the format of ``beleidskader/demo/*.yaml``). ``adopt``: also
    take it through the dated steps of its ``adoption`` (the demo); otherwise it stays concept."""
    adoption = (spec.get("adoption") or {}) if adopt else {}
    kader = Beleidskader.objects.create(
        owner=owner,
        name=spec["name"],
        source=spec.get("source", ""),
        source_note=spec.get("source_note", ""),
        description=spec.get("description", ""),
        year_from=spec["year_from"],
        year_to=spec.get("year_to"),
        inspraak_start=adoption.get("inspraak_start"),
        inspraak_end=adoption.get("inspraak_end"),
        exploitatie_toelichting=spec.get("exploitatie_toelichting", ""),
    )
    opsteller = users[OPSTELLER]
    for order, node in enumerate(spec["nodes"], start=1):
        _node(kader, node, None, order * 100, opsteller)
    _begroting(kader, spec)
    if adoption:
        _adopt(kader, adoption, opsteller, users[VASTSTELLER])
    return kader


CHILD_NIVEAU = {Niveau.DOELSTELLING: Niveau.TARGET, Niveau.TARGET: Niveau.PRESTATIE}


def _node(kader, spec, parent, order, user) -> Doel:
    niveau = spec.get("niveau") or CHILD_NIVEAU[parent.niveau]
    doel = Doel(
        kader=kader,
        parent=parent,
        niveau=niveau,
        level_label=spec.get("level_label", ""),
        nummer=str(spec.get("nummer", "")),
        title=" ".join(spec["title"].split()),
        text=spec.get("text", ""),
        order=order,
    )
    doel._history_user = user
    doel.full_clean()
    doel.save()
    for link in spec.get("indicators", []):
        indicator = Indicator.objects.get(code=link["code"])
        DoelIndicator.objects.create(doel=doel, indicator=indicator, note=link.get("note", ""))
        for target in link.get("streefwaarden", []):
            Streefwaarde.objects.get_or_create(
                indicator=indicator,
                scope=kader.owner,
                doelgroep=None,
                year_from=target["year_from"],
                defaults={
                    "year_to": target.get("year_to"),
                    "comparison": target["comparison"],
                    "value": Decimal(target["value"]),
                    "note": target.get("note", ""),
                },
            )
    if "budget" in spec:
        budget = spec["budget"]
        PrestatieBudget.objects.create(
            doel=doel,
            year=budget["year"],
            amount=Decimal(budget["amount"]) if "amount" in budget else None,
            label=budget.get("label", ""),
        )
    children = [
        *spec.get("children", []),
        *({"niveau": Niveau.PRESTATIE, **p} for p in spec.get("prestaties", [])),
    ]
    for index, child in enumerate(children, start=1):
        _node(kader, child, doel, order + index, user)
    return doel


def _begroting(kader, spec) -> None:
    """The Deventer form's BBV table, exploitatie and verbonden partijen as the document has
    them."""
    for row in spec.get("bbv_indicatoren", []):
        KaderBBVIndicator.objects.create(
            kader=kader,
            bbv=BBVIndicator.objects.get(name=row["name"]),
            document_value=row.get("document_value", ""),
            document_year=row.get("document_year"),
        )
    for row in spec.get("exploitatie", []):
        ExploitatieJaar.objects.create(
            kader=kader,
            year=row["year"],
            lasten=Decimal(row["lasten"]),
            baten=Decimal(row["baten"]),
        )
    for order, row in enumerate(spec.get("verbonden_partijen", []), start=1):
        VerbondenPartij.objects.create(
            kader=kader, name=row["name"], rechtsvorm=row.get("rechtsvorm", ""), order=order
        )


def _adopt(kader, adoption, opsteller, vaststeller) -> None:
    transition(kader, "inspraak", opsteller, via="demo")
    for reactie in adoption.get("reacties", []):
        services.record_reactie(
            kader,
            opsteller,
            indiener=reactie["indiener"],
            received_on=reactie["received_on"],
            text=" ".join(reactie["text"].split()),
        )
    Beleidskader.objects.filter(pk=kader.pk).update(
        collegebesluit_date=adoption["collegebesluit_date"],
        raadsbesluit_date=adoption["raadsbesluit_date"],
        raadsbesluit=adoption["raadsbesluit"],
    )
    transition(kader, "collegebesluit", opsteller, via="demo")
    transition(kader, "vaststellen", vaststeller, via="demo")
