"""A data set's beleidskaders: the doelenboom (nodes with children and prestaties), the indicators
and streefwaarden of its nodes, budgets per prestatie and, when the set gives one, the adoption
through its dated steps (inspraak, reacties, collegebesluit, vaststellen by someone else than the
opsteller). A kader that exists by owner and name is left as its users left it."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from beleidskader import bbv, services
from beleidskader.models import (
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
from beleidskader.workflow import transition
from indicators.models import Streefwaarde

from . import schema
from .files import Record, check

CHILD_NIVEAU = {Niveau.DOELSTELLING: Niveau.TARGET, Niveau.TARGET: Niveau.PRESTATIE}


def check_kaders(rows, problems) -> None:
    """Check the nested parts of every kader; the values replace the records in place."""
    for row in rows:
        if row.adoption is not None:
            adoption = check(row.adoption, schema.ADOPTION, problems)
            adoption.values["reacties"] = _rows(adoption.reacties, schema.REACTIE, problems)
            row.values["adoption"] = adoption
            if not row.vaststeller:
                problems.append(row.record.problem(None, _("veld 'vaststeller' ontbreekt")))
        row.values["nodes"] = [_node_row(node, None, problems) for node in _records(row.nodes)]
        row.values["bbv_indicatoren"] = _rows(row.bbv_indicatoren, schema.KADER_BBV, problems)
        row.values["exploitatie"] = _rows(row.exploitatie, schema.EXPLOITATIE, problems)
        row.values["verbonden_partijen"] = _rows(
            row.verbonden_partijen, schema.VERBONDEN_PARTIJ, problems
        )


def _records(items):
    return [item for item in items or [] if isinstance(item, Record)]


def _rows(items, spec, problems):
    return [check(item, spec, problems) for item in _records(items)]


def _node_row(record, parent_niveau, problems, niveau=None):
    node = check(record, schema.NODE, problems)
    niveau = node.niveau or niveau or CHILD_NIVEAU.get(parent_niveau)
    if niveau is None:
        problems.append(record.problem("niveau", _("veld 'niveau' ontbreekt")))
    node.values["niveau"] = niveau
    links = _rows(node.indicators, schema.NODE_INDICATOR, problems)
    for link in links:
        link.values["streefwaarden"] = _rows(link.streefwaarden, schema.NODE_STREEFWAARDE, problems)
    node.values["indicators"] = links
    if node.budget is not None:
        node.values["budget"] = check(node.budget, schema.NODE_BUDGET, problems)
    node.values["children"] = [
        *(_node_row(child, niveau, problems) for child in _records(node.children)),
        *(_node_row(p, niveau, problems, Niveau.PRESTATIE) for p in _records(node.prestaties)),
    ]
    return node


def load(loader) -> None:
    rows = loader.rows("beleidskaders")
    if not rows:
        return
    bbv.sync()
    names = []
    for row in rows:
        owner = loader.organisation(row, "owner")
        names.append(row.name)
        if Beleidskader.objects.filter(owner=owner, name=row.name).exists():
            loader.count("beleidskaders", False)
            continue
        with transaction.atomic():
            _load_kader(loader, row, owner)
        loader.count("beleidskaders", True)
    loader.stdout.write(_("Beleidskader: %(names)s onder /beleid/.") % {"names": ", ".join(names)})


def _load_kader(loader, row, owner) -> Beleidskader:
    adoption = row.adoption
    kader = Beleidskader.objects.create(
        owner=owner,
        name=row.name,
        source=row.source,
        source_note=row.source_note,
        description=row.description,
        year_from=row.year_from,
        year_to=row.year_to,
        inspraak_start=adoption.inspraak_start if adoption else None,
        inspraak_end=adoption.inspraak_end if adoption else None,
        exploitatie_toelichting=row.exploitatie_toelichting,
    )
    opsteller = loader.user(row, "opsteller")
    for order, node in enumerate(row.nodes, start=1):
        _node(loader, kader, node, None, order * 100, opsteller)
    _begroting(kader, row)
    if adoption:
        _adopt(kader, adoption, opsteller, loader.user(row, "vaststeller"))
    return kader


def _node(loader, kader, node, parent, order, user) -> Doel:
    doel = Doel(
        kader=kader,
        parent=parent,
        niveau=node.niveau,
        level_label=node.level_label,
        nummer=node.nummer,
        title=" ".join(node.title.split()),
        text=node.text,
        order=order,
    )
    doel._history_user = user
    doel.full_clean()
    doel.save()
    for link in node.indicators:
        indicator = loader.indicator(link, "code")
        DoelIndicator.objects.create(doel=doel, indicator=indicator, note=link.note)
        for target in link.streefwaarden:
            Streefwaarde.objects.get_or_create(
                indicator=indicator,
                scope=kader.owner,
                doelgroep=None,
                year_from=target.year_from,
                defaults={
                    "year_to": target.year_to,
                    "comparison": target.comparison,
                    "value": Decimal(target.value),
                    "note": target.note,
                },
            )
    if node.budget is not None:
        budget = node.budget
        PrestatieBudget.objects.create(
            doel=doel,
            year=budget.year,
            amount=Decimal(budget.amount) if budget.amount is not None else None,
            label=budget.label,
        )
    for index, child in enumerate(node.children, start=1):
        _node(loader, kader, child, doel, order + index, user)
    return doel


def _begroting(kader, row) -> None:
    """The Deventer form's BBV table, exploitatie and verbonden partijen as the document has
    them (before the adoption: they are frozen with the kader)."""
    for item in row.bbv_indicatoren:
        KaderBBVIndicator.objects.create(
            kader=kader,
            bbv=BBVIndicator.objects.get(name=item.name),
            document_value=item.document_value,
            document_year=item.document_year,
        )
    for item in row.exploitatie:
        ExploitatieJaar.objects.create(
            kader=kader, year=item.year, lasten=Decimal(item.lasten), baten=Decimal(item.baten)
        )
    for order, item in enumerate(row.verbonden_partijen, start=1):
        VerbondenPartij.objects.create(
            kader=kader,
            name=item.name,
            rechtsvorm=item.rechtsvorm,
            toelichting=item.toelichting,
            order=order,
        )


def _adopt(kader, adoption, opsteller, vaststeller) -> None:
    transition(kader, "inspraak", opsteller, via="demo")
    for reactie in adoption.reacties:
        services.record_reactie(
            kader,
            opsteller,
            indiener=reactie.indiener,
            received_on=reactie.received_on,
            text=" ".join(reactie.text.split()),
        )
    Beleidskader.objects.filter(pk=kader.pk).update(
        collegebesluit_date=adoption.collegebesluit_date,
        raadsbesluit_date=adoption.raadsbesluit_date,
        raadsbesluit=adoption.raadsbesluit,
    )
    transition(kader, "collegebesluit", opsteller, via="demo")
    transition(kader, "vaststellen", vaststeller, via="demo")
