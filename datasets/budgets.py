"""A data set's budgets: programma's with their products, budget versions (entered by their
opsteller, approved by their goedkeurder) and the kosten per eenheid. A version that exists by
owner, year and name is left as its users left it."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from budgets.models import (
    BudgetStatus,
    BudgetVersion,
    KostenPerEenheid,
    Product,
    Programma,
    Taakveld,
)
from budgets.services import LineInput, VersionRefused, create_version, save_lines
from budgets.taakvelden import sync_taakvelden
from budgets.workflow import transition

MLN = Decimal("1000000")


def amount(row, key, millions) -> Decimal:
    """Amounts in a data set are in millions of euros, as the sources print them."""
    try:
        return (Decimal(str(millions).replace(",", ".")) * MLN).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise row.error(key, _("'%(value)s' is geen bedrag") % {"value": millions}) from None


def load(loader) -> None:
    versions = loader.rows("versions")
    if not (versions or loader.rows("programmas") or loader.rows("kosten_per_eenheid")):
        return
    sync_taakvelden()
    taakvelden = {t.code: t for t in Taakveld.objects.all()}
    programmas = _programmas(loader)
    reason = loader.dataset.mappings["budgets"].reason
    for row in versions:
        owner = loader.organisation(row, "owner")
        if BudgetVersion.objects.filter(owner=owner, year=row.year, name=row.name).exists():
            loader.count("begrotingsversies", False)
            continue  # left as its users left it
        submitter = loader.user(row, "opsteller")
        try:
            version = create_version(
                owner,
                row.year,
                row.soort,
                submitter,
                name=row.name,
                datum=row.datum,
                toelichting=row.toelichting,
            )
        except VersionRefused as exc:
            raise row.error("opsteller", str(exc)) from exc
        inputs = [
            LineInput(
                taakveld_id=_taakveld(row, "lasten", taakvelden, code).pk,
                lasten=amount(row, "lasten", lasten),
                baten=amount(row, "baten", row.baten[code]) if code in row.baten else None,
            )
            for code, lasten in row.lasten.items()
        ]
        for line in row.programma_lasten:
            if (row.owner, line.programma) not in programmas:
                raise line.error(
                    "programma", _("onbekend programma '%(code)s'") % {"code": line.programma}
                )
            inputs.append(
                LineInput(
                    taakveld_id=_taakveld(line, "taakveld", taakvelden, line.taakveld).pk,
                    programma_id=programmas[(row.owner, line.programma)].pk,
                    lasten=amount(line, "lasten", line.lasten),
                )
            )
        save_lines(version, submitter, inputs, reason=reason)
        if row.approve:
            if not row.goedkeurder:
                raise row.error(None, _("veld 'goedkeurder' ontbreekt (of zet approve: false)"))
            transition(version, "indienen", submitter, via="demo")
            transition(version, "goedkeuren", loader.user(row, "goedkeurder"), via="demo")
        loader.count("begrotingsversies", True)
    _kosten_per_eenheid(loader, taakvelden)
    approved = BudgetVersion.objects.filter(status=BudgetStatus.GOEDGEKEURD).count()
    loader.stdout.write(_("Begroting: %(n)s goedgekeurde begrotingsversies.") % {"n": approved})


def _taakveld(row, key, taakvelden, code):
    code = str(code)
    if code not in taakvelden:
        raise row.error(key, _("onbekend taakveld '%(code)s'") % {"code": code})
    return taakvelden[code]


def _programmas(loader):
    result = {}
    orders: dict[str, int] = {}
    for row in loader.rows("programmas"):
        owner = loader.organisation(row, "owner")
        orders[row.owner] = orders.get(row.owner, 0) + 1
        programma, _created = Programma.objects.get_or_create(
            owner=owner, code=row.code, defaults={"name": row.name, "order": orders[row.owner]}
        )
        for product_order, product in enumerate(row.products, start=1):
            Product.objects.get_or_create(
                programma=programma,
                code=product.code,
                defaults={"name": product.name, "order": product_order},
            )
        result[(row.owner, row.code)] = programma
    return result


def _kosten_per_eenheid(loader, taakvelden):
    for order, row in enumerate(loader.rows("kosten_per_eenheid"), start=1):
        indicator = loader.indicator(row)
        uitvoerder = row.uitvoerder or getattr(indicator.uitvoerder, "code", None)
        config, created = KostenPerEenheid.objects.get_or_create(
            code=row.code,
            defaults={
                "name": row.name,
                "bedrag": row.bedrag,
                "basis": row.basis,
                "indicator": indicator,
                "doelgroep": loader.doelgroep(row, "doelgroep", uitvoerder),
                "eenheid": row.eenheid,
                "description": row.description,
                "order": order,
            },
        )
        if created:
            config.taakvelden.set(
                [_taakveld(row, "taakvelden", taakvelden, c) for c in row.taakvelden]
            )
        loader.count("kosten per eenheid", created)
