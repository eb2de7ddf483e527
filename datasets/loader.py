"""Load a data set (``docs/datasets.md``): check every file first, then create what is missing.

Everything is looked up by its code first, so loading again adds nothing and does not overwrite
what a beheerder changed since. Figures go through the real path (``save_values`` → ``indienen``
by the supplier → ``goedkeuren`` by someone else), so the audit trail and the value history exist
as they would for real data. The sections are loaded in the order of the dependencies, whatever
the order of the files: organisations, themas and indicators, periods, users, uitvragen, rules and
targets, figures, budgets, beleidskaders; reports last (``datasets.reports``).
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import (
    Indicator,
    Period,
    Streefwaarde,
    SubmissionStatus,
    Thema,
    Uitvraag,
    UitvraagRegel,
    ValidatieRegel,
)
from indicators.submissions.services import CellInput, open_submission, save_values
from indicators.workflow import transition
from organisations.models import Doelgroep, Membership, Organisation, Role

from . import beleidskaders, budgets, schema
from .beleidskaders import check_kaders
from .files import DatasetError, Problem, Record, Row, check, read
from .reports import check_reports

# Approved figures were due some weeks after the period; an open concept is due in the future so
# its supplier sees live work, not an overdue item from years ago.
DEADLINE_AFTER_PERIOD = timedelta(days=45)
OPEN_DEADLINE_FROM_TODAY = timedelta(days=28)

# section → its fields, and per nested list the fields of its items
SECTIONS = {
    "organisations": schema.ORGANISATION,
    "doelgroepen": schema.DOELGROEP,
    "themas": schema.THEMA,
    "indicators": schema.INDICATOR,
    "periods": schema.PERIOD,
    "users": schema.USER,
    "uitvragen": schema.UITVRAAG,
    "validatieregels": schema.VALIDATIEREGEL,
    "streefwaarden": schema.STREEFWAARDE,
    "aanleveringen": schema.AANLEVERING,
    "programmas": schema.PROGRAMMA,
    "versions": schema.VERSION,
    "kosten_per_eenheid": schema.KOSTEN_PER_EENHEID,
    "beleidskaders": schema.BELEIDSKADER,
    "reports": schema.REPORT,
}
MAPPINGS = {
    "set": schema.SET,
    "submissions": schema.SUBMISSIONS,
    "budgets": schema.BUDGETS,
}
NESTED = {
    ("uitvragen", "regels"): schema.REGEL,
    ("aanleveringen", "figures"): schema.FIGURE,
    ("programmas", "products"): schema.PRODUCT,
    ("versions", "programma_lasten"): schema.PROGRAMMA_LASTEN,
}


def check_rows(records, spec, problems) -> list[Row]:
    rows = []
    for record in records:
        if isinstance(record, Record):
            rows.append(check(record, spec, problems))
        else:
            problems.append(_problem_in_list(records, record))
    return rows


def _problem_in_list(records, item):
    parent = next((r for r in records if isinstance(r, Record)), None)
    file = parent.file if parent else "?"
    return Problem(
        file,
        getattr(parent, "line", None),
        None,
        _("verwacht een record (veld: …), niet '%(item)s'") % {"item": item},
    )


class Dataset:
    """The checked sections of a data set: ``rows[section]`` and ``mappings[section]``."""

    def __init__(self, sections: dict):
        problems = []
        self.rows: dict[str, list[Row]] = {}
        self.mappings: dict[str, Row] = {}
        for name, spec in SECTIONS.items():
            self.rows[name] = check_rows(sections.get(name, []), spec, problems)
        for name, spec in MAPPINGS.items():
            self.mappings[name] = check(sections.get(name) or Record(), spec, problems)
        for (section, key), spec in NESTED.items():
            for row in self.rows[section]:
                row.values[key] = check_rows(row.values[key] or [], spec, problems)
        for name in ("sources",):
            for source in (self.mappings["set"].values[name] or {}).values():
                if isinstance(source, Record):
                    check(source, schema.SOURCE, problems)
        check_kaders(self.rows["beleidskaders"], problems)
        self.report_texts = check_reports(
            self.rows["reports"], sections.get("report_texts") or Record(), problems
        )
        self._check_references_in_set(problems)
        if problems:
            raise DatasetError(problems)

    @classmethod
    def read(cls, path) -> "Dataset":
        return cls(read(path))

    @property
    def info(self) -> Row:
        return self.mappings["set"]

    def _check_references_in_set(self, problems):
        sources = self.info.values["sources"] or {}
        for section in SECTIONS:
            for row in self.rows[section]:
                document = row.values.get("document")
                if document and document not in sources:
                    problems.append(
                        row.record.problem(
                            "document",
                            _("onbekende bron '%(code)s' (niet onder set.sources)")
                            % {"code": document},
                        )
                    )
        for section, key in [
            ("organisations", "code"),
            ("indicators", "code"),
            ("themas", "code"),
            ("users", "username"),
            ("uitvragen", "key"),
        ]:
            seen = {}
            for row in self.rows[section]:
                value = row.values[key]
                if value in seen:
                    problems.append(
                        row.record.problem(
                            key,
                            _("'%(value)s' staat al in %(file)s, regel %(line)s")
                            % {"value": value, "file": seen[value].file, "line": seen[value].line},
                        )
                    )
                seen[value] = row.record


class DatasetLoader:
    """Creates what the data set describes and is missing; ``count`` keeps what was new."""

    def __init__(self, dataset: Dataset, stdout, style, reset_passwords=False):
        self.dataset = dataset
        self.stdout = stdout
        self.style = style
        self.reset_passwords = reset_passwords
        self.verbose = False
        self.created: dict[str, int] = {}
        self.organisations: dict[str, Organisation] = {}
        self.doelgroepen: dict[tuple[str, str], Doelgroep] = {}
        self.themas: dict[str, Thema] = {}
        self.indicators: dict[str, Indicator] = {}
        self.periods: dict[str, Period] = {}
        self.users: dict[str, object] = {}
        self.uitvragen: dict[str, Uitvraag] = {}
        self.submission_results: list[str] = []

    def rows(self, section) -> list[Row]:
        return self.dataset.rows[section]

    def count(self, kind, created):
        self.created.setdefault(kind, 0)
        if created:
            self.created[kind] += 1

    # ── references: in the set first, then what the database already holds ─────────────────
    def _lookup(self, cache, model, lookup, row, key, what, code=None):
        code = row.values[key] if code is None else code
        if code in cache:
            return cache[code]
        found = model.objects.filter(**{lookup: code}).first()
        if found is None:
            raise row.error(key, _("onbekende %(what)s '%(code)s'") % {"what": what, "code": code})
        cache[code] = found
        return found

    def organisation(self, row, key, code=None):
        return self._lookup(
            self.organisations, Organisation, "code", row, key, _("organisatie"), code
        )

    def indicator(self, row, key="indicator", code=None):
        return self._lookup(self.indicators, Indicator, "code", row, key, _("indicator"), code)

    def thema(self, row, key="thema", code=None):
        return self._lookup(self.themas, Thema, "code", row, key, _("thema"), code)

    def user(self, row, key, code=None):
        User = get_user_model()
        return self._lookup(self.users, User, "username", row, key, _("gebruiker"), code)

    def period(self, row, key="period"):
        identifier = row.values[key]
        if identifier not in self.periods:
            found = Period.objects.filter(identifier=identifier).first()
            if found is None:
                raise row.error(key, _("onbekende periode '%(code)s'") % {"code": identifier})
            self.periods[identifier] = found
        return self.periods[identifier]

    def doelgroep(self, row, key, uitvoerder_code, code=None):
        code = row.values[key] if code is None else code
        if not code:
            return None
        if (uitvoerder_code, code) not in self.doelgroepen:
            found = Doelgroep.objects.filter(uitvoerder__code=uitvoerder_code, code=code).first()
            if found is None:
                raise row.error(
                    key,
                    _("onbekende doelgroep '%(code)s' van %(uitvoerder)s")
                    % {"code": code, "uitvoerder": uitvoerder_code},
                )
            self.doelgroepen[(uitvoerder_code, code)] = found
        return self.doelgroepen[(uitvoerder_code, code)]

    # ── the sections ─────────────────────────────────────────────────────────────────────────
    def load(self):
        self.load_organisations()
        self.load_themas_and_indicators()
        self.load_periods()
        self.load_users()
        self.load_uitvragen()
        # Before the figures: the submissions pass the same checks as real ones.
        self.load_rules_and_targets()
        self.load_submissions()
        budgets.load(self)
        beleidskaders.load(self)

    def load_organisations(self):
        for row in self.rows("organisations"):
            organisation, created = Organisation.objects.get_or_create(
                code=row.code,
                defaults={"kind": row.kind, "name": row.name, "description": row.description},
            )
            self.count(str(_kind_label(row.kind)), created)
            self.organisations[row.code] = organisation
            if row.gemeenten:
                gemeenten = [self.organisation(row, "gemeenten", code) for code in row.gemeenten]
                organisation.gemeenten.add(*gemeenten)
        for order, row in enumerate(self.rows("doelgroepen"), start=1):
            doelgroep, created = Doelgroep.objects.get_or_create(
                uitvoerder=self.organisation(row, "uitvoerder"),
                code=row.code,
                defaults={"name": row.name, "description": row.description, "order": order},
            )
            self.count("doelgroepen", created)
            self.doelgroepen[(row.uitvoerder, row.code)] = doelgroep

    def load_themas_and_indicators(self):
        for order, row in enumerate(self.rows("themas"), start=1):
            description = row.description
            if description is None:
                description = (
                    f"Wat streven we na?\n{row.streven}\n\nWaarom is dit belangrijk?\n{row.belang}"
                )
            thema, created = Thema.objects.get_or_create(
                code=row.code,
                defaults={"name": row.name, "description": description, "order": order},
            )
            self.count("maatschappelijke resultaten", created)
            self.themas[row.code] = thema
        for order, row in enumerate(self.rows("indicators"), start=1):
            uitvoerder = self.organisation(row, "uitvoerder") if row.uitvoerder else None
            indicator, created = Indicator.objects.get_or_create(
                code=row.code,
                defaults={
                    "name": row.name,
                    "thema": self.thema(row),
                    "soort": "maatschappelijk" if uitvoerder is None else "prestatie",
                    "aspect": row.aspect,
                    "eenheid": row.eenheid,
                    "decimals": row.decimals,
                    "definition": row.definition,
                    "source": row.source,
                    "period_type": row.period_type,
                    "richting": row.richting,
                    "is_ontwikkelindicator": row.ontwikkel,
                    "uitvoerder": uitvoerder,
                    "order": order,
                    "formula": row.formula,
                    "aggregatie": aggregation(row),
                },
            )
            self.count("indicatoren", created)
            self.indicators[row.code] = indicator

    def load_periods(self):
        for row in self.rows("periods"):
            try:
                period, created = Period.get_or_create_from_identifier(
                    row.identifier, row.peildatum
                )
            except ValueError as exc:
                raise row.error("identifier", str(exc)) from exc
            self.count("periodes", created)
            self.periods[row.identifier] = period

    def load_users(self):
        User = get_user_model()
        password = self.dataset.info.password
        domain = self.dataset.info.email_domain
        for row in self.rows("users"):
            is_beheerder = row.role == Role.BEHEERDER
            email = row.email or (f"{row.username}@{domain}" if domain else "")
            user, created = User.objects.get_or_create(
                username=row.username,
                defaults={
                    "first_name": row.first_name,
                    "last_name": row.last_name,
                    "email": email,
                    # The beheerder works in the Django admin, which needs staff + superuser.
                    "is_staff": is_beheerder,
                    "is_superuser": is_beheerder,
                },
            )
            self.count("gebruikers", created)
            if created or (self.reset_passwords and password):
                if password:
                    user.set_password(password)
                else:
                    user.set_unusable_password()
                user.save(update_fields=["password"])
            organisation = self.organisation(row, "organisation") if row.organisation else None
            Membership.objects.get_or_create(user=user, role=row.role, organisation=organisation)
            self.users[row.username] = user

    def load_uitvragen(self):
        for row in self.rows("uitvragen"):
            uitvoerder = self.organisation(row, "uitvoerder")
            uitvraag, created = Uitvraag.objects.get_or_create(
                uitvoerder=uitvoerder, name=row.name, defaults={"description": row.description}
            )
            self.count("uitvragen", created)
            if not row.areas:
                raise row.error(None, _("veld 'areas' ontbreekt: voor welke gebieden?"))
            uitvraag.areas.add(*(self.organisation(row, "areas", code) for code in row.areas))
            for order, regel in enumerate(row.regels, start=1):
                UitvraagRegel.objects.get_or_create(
                    uitvraag=uitvraag,
                    indicator=self.indicator(regel),
                    doelgroep=self.doelgroep(regel, "doelgroep", row.uitvoerder),
                    defaults={"order": order},
                )
            self.uitvragen[row.key] = uitvraag

    def load_rules_and_targets(self):
        for row in self.rows("validatieregels"):
            _regel, created = ValidatieRegel.objects.get_or_create(
                code=row.code,
                defaults={
                    "name": row.name,
                    "left": row.left,
                    "operator": row.operator,
                    "right": row.right,
                    "ernst": row.ernst,
                    "bij_ontbreken": row.bij_ontbreken,
                    "uitvoerder": self.organisation(row, "uitvoerder") if row.uitvoerder else None,
                    "message": row.message,
                },
            )
            self.count("validatieregels", created)
        for row in self.rows("streefwaarden"):
            indicator = self.indicator(row)
            uitvoerder = indicator.uitvoerder
            _streefwaarde, created = Streefwaarde.objects.get_or_create(
                indicator=indicator,
                scope=self.organisation(row, "scope"),
                doelgroep=self.doelgroep(row, "doelgroep", uitvoerder.code) if uitvoerder else None,
                year_from=row.year_from,
                defaults={
                    "year_to": row.year_to,
                    "comparison": row.comparison,
                    "value": row.value,
                    "note": row.note,
                },
            )
            self.count("streefwaarden", created)

    # ── figures ───────────────────────────────────────────────────────────────────────────────
    def load_submissions(self):
        for row in self.rows("aanleveringen"):
            if row.uitvraag not in self.uitvragen:
                raise row.error(
                    "uitvraag", _("onbekende uitvraag '%(code)s'") % {"code": row.uitvraag}
                )
            uitvraag = self.uitvragen[row.uitvraag]
            period = self.period(row)
            if row.approve:
                deadline = period.end + DEADLINE_AFTER_PERIOD
            else:
                deadline = timezone.localdate() + OPEN_DEADLINE_FROM_TODAY
            submission = open_submission(uitvraag, period, deadline)
            if row.approve:
                submission = self.approve(submission, row)
            elif row.figures and not submission.events.exists() and not submission.values.exists():
                self.fill_in(submission, row)
            self.submission_results.append(
                f"{uitvraag.uitvoerder.name} – {uitvraag.name} {period.identifier}: "
                f"{submission.get_status_display().lower()}"
            )

    def _person(self, row, role: str, uitvoerder_code: str):
        people = self.dataset.mappings["submissions"].values[role] or {}
        if uitvoerder_code not in people:
            raise row.error(
                "uitvraag",
                _("submissions.%(role)s noemt niemand voor %(uitvoerder)s")
                % {"role": role, "uitvoerder": uitvoerder_code},
            )
        return self.user(row, "uitvraag", people[uitvoerder_code])

    def fill_in(self, submission, row):
        uitvoerder = submission.uitvraag.uitvoerder.code
        supplier = self._person(row, "indieners", uitvoerder)
        areas = list(submission.uitvraag.areas.all())
        cells = []
        for figure in row.figures:
            if figure.area:
                area = self.organisation(figure, "area")
            elif len(areas) == 1:
                area = areas[0]
            else:
                raise figure.error(
                    None, _("veld 'area' ontbreekt: de uitvraag vraagt meer gebieden")
                )
            cells.append(
                CellInput(
                    indicator_id=self.indicator(figure).pk,
                    doelgroep_id=getattr(
                        self.doelgroep(figure, "doelgroep", uitvoerder), "pk", None
                    ),
                    area_id=area.pk,
                    raw=figure.raw,
                    toelichting=figure.toelichting,
                    voorlopig=figure.voorlopig,
                )
            )
        reason = self.dataset.mappings["submissions"].reason
        result = save_values(submission, supplier, cells, reason=reason)
        if result.errors or result.unknown:
            raise row.error(
                "figures",
                _("de cijfers voor %(submission)s kloppen niet: %(errors)s")
                % {"submission": submission, "errors": result.errors or result.unknown},
            )
        return supplier

    def approve(self, submission, row):
        """Fill in, submit and approve a new submission the way people would.

        A submission that has been through the workflow before is left alone: whatever its users
        did with it since (reopen, correct, send back) stays as they left it."""
        if submission.events.exists():
            return submission
        uitvoerder = submission.uitvraag.uitvoerder.code
        reviewer = self._person(row, "goedkeurders", uitvoerder)
        if submission.status in {SubmissionStatus.CONCEPT, SubmissionStatus.TERUGGESTUURD}:
            supplier = self.fill_in(submission, row)
            # The source's passage goes into the audit trail, visible on the history page.
            submission = transition(
                submission, "indienen", supplier, reason=f"Bron: {row.bron}", via="demo"
            )
        if submission.status == SubmissionStatus.INGEDIEND:
            submission = transition(submission, "goedkeuren", reviewer, via="demo")
        self.count("goedgekeurde aanleveringen", True)
        return submission

    # ── output ────────────────────────────────────────────────────────────────────────────────
    def print_summary(self, title: str):
        new = ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n)
        self.stdout.write(self.style.SUCCESS(title))
        self.stdout.write(
            _("Nieuw aangemaakt: %(new)s.") % {"new": new or _("niets (alles bestond al)")}
        )
        # One line per submission only on request (-v 2): a newcomer reads the log-ins.
        for line in self.submission_results if self.verbose else ():
            self.stdout.write(f"  {line}")
        if self.rows("users"):
            self.print_users()

    def print_users(self):
        password = self.dataset.info.password
        self.stdout.write("")
        self.stdout.write(
            self.style.MIGRATE_HEADING(_("Demo-gebruikers") if password else _("Gebruikers"))
        )
        header = [_("gebruikersnaam"), _("wachtwoord"), _("rol"), _("organisatie")]
        rows = [header if password else header[:1] + header[2:]]
        for row in self.rows("users"):
            organisation = self.organisations[row.organisation].name if row.organisation else "–"
            cells = [row.username, password, str(Role(row.role).label), organisation]
            rows.append(cells if password else cells[:1] + cells[2:])
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for number, row in enumerate(rows):
            self.stdout.write(
                "  "
                + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        if password:
            self.stdout.write(
                _(
                    "Het wachtwoord wordt alleen gezet bij het aanmaken; --reset-passwords zet "
                    "het terug."
                )
            )


def aggregation(row: Row) -> str:
    """How the figures add up: computed ones are recomputed, percentages and rates never add up,
    counts are a stock ("stand") and amounts a flow ("som") unless the row says otherwise."""
    if row.aggregatie:
        return row.aggregatie
    if row.formula:
        return "formule"
    if row.eenheid == "aantal":
        return "stand"
    if row.eenheid == "euro":
        return "som"
    return "geen"


def _kind_label(kind):
    # the words load_demo always printed: "3 gemeenten, 1 regio, 3 uitvoeringsorganisaties"
    return {"gemeente": "gemeenten", "regio": "regio", "uitvoerder": "uitvoeringsorganisaties"}[
        kind
    ]
