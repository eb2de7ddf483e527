"""The fields of every section of a data set (documented in ``docs/datasets.md``). Choices come
from the models, so a data set accepts exactly what the application does."""

from beleidskader.models import Niveau
from budgets.models import Bedrag, KostenPerEenheid, Soort
from indicators.models import Indicator, Streefwaarde, ValidatieRegel
from organisations.models import Organisation, Role
from reports.models import Bestuursorgaan
from reports.texts import SUPPLIER_FIELDS, THEMA_FIELDS

from .files import BOOL, DATE, INT, LIST, MAPPING, NUMBER, choices_of, optional, required

SET = {
    "name": optional(default=""),
    "description": optional(default=""),
    # Users created by this set get it; without it they get no password (log-in via OIDC, or a
    # beheerder sets one). Only in a demo: the password is in the file.
    "password": optional(),
    # A user without an e-mail address gets <username>@<email_domain>.
    "email_domain": optional(),
    "sources": optional(MAPPING, default={}),
}
SOURCE = {"seed": optional(default=""), "title": optional(default="")}

ORGANISATION = {
    "code": required(),
    "kind": required(choices=choices_of(Organisation, "kind")),
    "name": required(),
    "description": optional(default=""),
    "gemeenten": optional(LIST, default=[]),
    "document": optional(),
}
DOELGROEP = {
    "uitvoerder": required(),
    "code": required(),
    "name": required(),
    "description": optional(default=""),
    "document": optional(),
    "bron": optional(default=""),
}
THEMA = {
    "code": required(),
    "name": required(),
    "streven": optional(default=""),
    "belang": optional(default=""),
    "description": optional(),
    "document": optional(),
}
INDICATOR = {
    "code": required(),
    "name": required(),
    "thema": required(),
    "aspect": required(choices=choices_of(Indicator, "aspect")),
    "uitvoerder": optional(),
    "eenheid": optional(default="percentage", choices=choices_of(Indicator, "eenheid")),
    "decimals": optional(INT, default=1),
    "richting": optional(default="geen", choices=choices_of(Indicator, "richting")),
    "ontwikkel": optional(BOOL, default=False),
    "period_type": optional(default="J", choices=choices_of(Indicator, "period_type")),
    "definition": optional(default=""),
    "source": optional(default=""),
    "bijlage": optional(),
    "formula": optional(default=""),
    "aggregatie": optional(default="", choices=("", *choices_of(Indicator, "aggregatie"))),
}
PERIOD = {"identifier": required(), "peildatum": optional(DATE), "note": optional(default="")}
USER = {
    "username": required(),
    "first_name": optional(default=""),
    "last_name": optional(default=""),
    "email": optional(),
    "role": required(choices=tuple(Role.values)),
    "organisation": optional(),
    "description": optional(default=""),
}
UITVRAAG = {
    "key": required(),
    "uitvoerder": required(),
    "name": required(),
    "description": optional(default=""),
    "areas": optional(LIST, default=[]),
    "regels": optional(LIST, default=[]),
}
REGEL = {"indicator": required(), "doelgroep": optional()}
VALIDATIEREGEL = {
    "code": required(),
    "name": required(),
    "left": required(),
    "operator": required(choices=choices_of(ValidatieRegel, "operator")),
    "right": required(),
    "ernst": optional(default="waarschuwing", choices=choices_of(ValidatieRegel, "ernst")),
    "bij_ontbreken": optional(
        default="overslaan", choices=choices_of(ValidatieRegel, "bij_ontbreken")
    ),
    "uitvoerder": optional(),
    "message": optional(default=""),
}
STREEFWAARDE = {
    "indicator": required(),
    "scope": required(),
    "doelgroep": optional(),
    "year_from": required(INT),
    "year_to": optional(INT),
    "comparison": required(choices=choices_of(Streefwaarde, "comparison")),
    "value": required(NUMBER),
    "note": optional(default=""),
}
SUBMISSIONS = {
    "reason": optional(default=""),
    "indieners": optional(MAPPING, default={}),
    "goedkeurders": optional(MAPPING, default={}),
}
AANLEVERING = {
    "uitvraag": required(),
    "period": required(),
    "document": optional(),
    "bron": optional(default=""),
    "approve": optional(BOOL, default=True),
    "figures": optional(LIST, default=[]),
}
FIGURE = {
    "indicator": required(),
    "doelgroep": optional(),
    "area": optional(),
    "raw": optional(default=""),
    "toelichting": optional(default=""),
    "voorlopig": optional(BOOL, default=False),
}
BUDGETS = {"reason": optional(default="")}
PROGRAMMA = {
    "owner": required(),
    "code": required(),
    "name": required(),
    "products": optional(LIST, default=[]),
}
PRODUCT = {"code": required(), "name": required()}
VERSION = {
    "owner": required(),
    "year": required(INT),
    "soort": required(choices=tuple(Soort.values)),
    "name": required(),
    "datum": optional(DATE),
    "document": optional(),
    "toelichting": optional(default=""),
    "opsteller": required(),
    "goedkeurder": optional(),
    "approve": optional(BOOL, default=True),
    "lasten": required(MAPPING),
    "baten": optional(MAPPING, default={}),
    "programma_lasten": optional(LIST, default=[]),
}
PROGRAMMA_LASTEN = {"taakveld": required(), "programma": required(), "lasten": required(NUMBER)}
KOSTEN_PER_EENHEID = {
    "code": required(),
    "name": required(),
    "taakvelden": required(LIST),
    "bedrag": optional(default="lasten", choices=tuple(Bedrag.values)),
    "basis": optional(default="realisatie", choices=choices_of(KostenPerEenheid, "basis")),
    "indicator": required(),
    "uitvoerder": optional(),
    "doelgroep": optional(),
    "eenheid": required(),
    "description": optional(default=""),
}
BELEIDSKADER = {
    "owner": required(),
    "opsteller": required(),
    "vaststeller": optional(),
    "name": required(),
    "source": optional(default=""),
    "source_note": optional(default=""),
    "description": optional(default=""),
    "year_from": required(INT),
    "year_to": optional(INT),
    "adoption": optional(MAPPING),
    "nodes": required(LIST),
    # The Deventer form of a programma: its BBV table, exploitatie and verbonden partijen.
    "bbv_indicatoren": optional(LIST, default=[]),
    "exploitatie": optional(LIST, default=[]),
    "exploitatie_toelichting": optional(default=""),
    "verbonden_partijen": optional(LIST, default=[]),
}
KADER_BBV = {
    "name": required(),
    "document_value": optional(default=""),
    "document_year": optional(INT),
}
EXPLOITATIE = {"year": required(INT), "lasten": required(NUMBER), "baten": required(NUMBER)}
VERBONDEN_PARTIJ = {
    "name": required(),
    "rechtsvorm": optional(default=""),
    "toelichting": optional(default=""),
}
ADOPTION = {
    "inspraak_start": required(DATE),
    "inspraak_end": optional(DATE),
    "collegebesluit_date": required(DATE),
    "raadsbesluit_date": required(DATE),
    "raadsbesluit": required(),
    "reacties": optional(LIST, default=[]),
}
REACTIE = {"indiener": required(), "received_on": required(DATE), "text": required()}
NODE = {
    "niveau": optional(choices=tuple(Niveau.values)),
    "level_label": optional(default=""),
    "nummer": optional(default=""),
    "title": required(),
    "text": optional(default=""),
    "indicators": optional(LIST, default=[]),
    "budget": optional(MAPPING),
    "children": optional(LIST, default=[]),
    "prestaties": optional(LIST, default=[]),
}
NODE_INDICATOR = {
    "code": required(),
    "note": optional(default=""),
    "streefwaarden": optional(LIST, default=[]),
}
NODE_STREEFWAARDE = {
    "year_from": required(INT),
    "year_to": optional(INT),
    "comparison": required(choices=choices_of(Streefwaarde, "comparison")),
    "value": required(NUMBER),
    "note": optional(default=""),
}
NODE_BUDGET = {"year": required(INT), "amount": optional(NUMBER), "label": optional(default="")}
REPORT = {
    "gemeente": required(),
    "period": required(),
    "author": required(),
    "introduction": optional(default=""),
    "texts": optional(),
    "adopt": optional(MAPPING),
    "only_with_report": optional(BOOL, default=False),
}
ADOPT = {
    "by": required(),
    "orgaan": required(choices=tuple(Bestuursorgaan.values)),
    "datum": required(DATE),
    "kenmerk": optional(default=""),
    # The collegebesluit before a raad adopts (reports.workflow: two recorded steps).
    "collegebesluit_datum": optional(DATE),
    "collegebesluit_kenmerk": optional(default=""),
}
REPORT_TEXTS = {"themas": optional(MAPPING, default={}), "suppliers": optional(LIST, default=[])}
THEMA_TEXT = {name: optional(default="") for name in THEMA_FIELDS}
SUPPLIER_TEXT = {
    "thema": required(),
    "uitvoerder": required(),
    **{name: optional(default="") for name in SUPPLIER_FIELDS},
}
