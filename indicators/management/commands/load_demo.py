"""``python manage.py load_demo``: the Walcheren monitor as demo data, with one user per role.

Idempotent: everything is looked up by its code first, so running it again adds nothing and does
not overwrite what a beheerder changed since. Figures go through the real path
(``save_values`` → ``indienen`` by the supplier → ``goedkeuren`` by a beleidsmedewerker), so the
audit trail and the value history exist as they would for real data. The data and where each
figure comes from in the monitor: ``indicators/demo_data.py``; the texts of the optional report
(``--with-report``): ``reports/demo_texts.py``.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from beleidskader import demo as beleidskader_demo
from budgets import demo_data as budget_demo
from indicators import demo_data as demo
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
from notifications.notify import silenced
from organisations.models import Doelgroep, Membership, Organisation, OrganisationKind, Role

# Approved demo figures were due some weeks after the period; the open concept is due in the
# future so the demo supplier sees live work, not an overdue item from 2019.
DEADLINE_AFTER_PERIOD = timedelta(days=45)
OPEN_DEADLINE_FROM_TODAY = timedelta(days=28)


class Command(BaseCommand):
    help = (
        "Laadt de Monitor Sociaal Domein Walcheren als demo-data: gemeenten, Orionis en Porthos, "
        "de vijf maatschappelijke resultaten, alle indicatoren uit de bijlage, de cijfers uit de "
        "monitor (goedgekeurd) en één demo-gebruiker per rol."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als DEBUG uit staat (demo-gebruikers met een bekend wachtwoord!).",
        )
        parser.add_argument(
            "--with-report",
            action="store_true",
            help="Maak ook een concept-rapportage Vlissingen 2018H1 en laat die genereren.",
        )
        parser.add_argument(
            "--reset-passwords",
            action="store_true",
            help="Zet het wachtwoord van bestaande demo-gebruikers terug op het demo-wachtwoord.",
        )

    def handle(self, *args, force=False, with_report=False, reset_passwords=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG staat uit: dit lijkt een productie-omgeving. De demo-gebruikers hebben een "
                "openbaar bekend wachtwoord en worden daarom niet aangemaakt. Gebruik --force "
                "als u dit echt wilt."
            )
        loader = DemoLoader(self.stdout, self.style, reset_passwords=reset_passwords)
        loader.verbose = options.get("verbosity", 1) >= 2
        # The demo's figures and budgets are submitted and approved through the workflow:
        # nobody is to be told about that (no notifications, no e-mail).
        with silenced(), transaction.atomic():
            loader.load()
        loader.load_adopted_report()
        if with_report:
            loader.load_report()
        loader.print_summary()


class DemoLoader:
    def __init__(self, stdout, style, reset_passwords=False):
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

    def count(self, kind, created):
        self.created.setdefault(kind, 0)
        if created:
            self.created[kind] += 1

    # ── reference data ────────────────────────────────────────────────────────────────────────
    def load(self):
        self.load_organisations()
        self.load_themas_and_indicators()
        self.load_periods()
        self.load_users()
        self.load_uitvragen()
        # Before the figures: the demo submissions pass the same checks as real ones.
        self.load_rules_and_targets()
        self.load_submissions()
        budget_demo.load(self)  # begroting: budgets/demo_data.py
        self.load_beleidskaders()

    def load_beleidskaders(self):
        # The doelenboom of the Ontwikkelagenda and a programma Meedoen: beleidskader/demo/.
        beleidskader_demo.load(self)

    def load_organisations(self):
        gemeenten = []
        for code, name in demo.GEMEENTEN:
            gemeente, created = Organisation.objects.get_or_create(
                code=code, defaults={"kind": OrganisationKind.GEMEENTE, "name": name}
            )
            self.count("gemeenten", created)
            self.organisations[code] = gemeente
            gemeenten.append(gemeente)
        code, name, description = demo.REGIO
        regio, created = Organisation.objects.get_or_create(
            code=code,
            defaults={"kind": OrganisationKind.REGIO, "name": name, "description": description},
        )
        self.count("regio", created)
        regio.gemeenten.add(*gemeenten)
        self.organisations[code] = regio
        for code, (name, description) in demo.UITVOERDERS.items():
            uitvoerder, created = Organisation.objects.get_or_create(
                code=code,
                defaults={
                    "kind": OrganisationKind.UITVOERDER,
                    "name": name,
                    "description": description,
                },
            )
            self.count("uitvoeringsorganisaties", created)
            uitvoerder.gemeenten.add(*gemeenten)
            self.organisations[code] = uitvoerder
        for order, spec in enumerate(demo.DOELGROEPEN, start=1):
            doelgroep, created = Doelgroep.objects.get_or_create(
                uitvoerder=self.organisations[spec.uitvoerder],
                code=spec.code,
                defaults={"name": spec.name, "description": spec.description, "order": order},
            )
            self.count("doelgroepen", created)
            self.doelgroepen[(spec.uitvoerder, spec.code)] = doelgroep

    def load_themas_and_indicators(self):
        for order, spec in enumerate(demo.THEMAS, start=1):
            thema, created = Thema.objects.get_or_create(
                code=spec.code,
                defaults={"name": spec.name, "description": spec.description, "order": order},
            )
            self.count("maatschappelijke resultaten", created)
            self.themas[spec.code] = thema
        for order, spec in enumerate(demo.INDICATORS, start=1):
            indicator, created = Indicator.objects.get_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "thema": self.themas[spec.thema],
                    "soort": spec.soort,
                    "aspect": spec.aspect,
                    "eenheid": spec.eenheid,
                    "decimals": spec.decimals,
                    "definition": spec.definition,
                    "source": spec.source,
                    "period_type": spec.period_type,
                    "richting": spec.richting,
                    "is_ontwikkelindicator": spec.ontwikkel,
                    "uitvoerder": self.organisations[spec.uitvoerder] if spec.uitvoerder else None,
                    "order": order,
                    "formula": spec.formula,
                    "aggregatie": spec.aggregation,
                },
            )
            self.count("indicatoren", created)
            self.indicators[spec.code] = indicator

    def load_periods(self):
        for identifier, peildatum in demo.PERIODS.items():
            period, created = Period.get_or_create_from_identifier(identifier, peildatum)
            self.count("periodes", created)
            self.periods[identifier] = period

    def load_users(self):
        User = get_user_model()
        for spec in demo.USERS:
            is_beheerder = spec.role == Role.BEHEERDER
            user, created = User.objects.get_or_create(
                username=spec.username,
                defaults={
                    "first_name": spec.first_name,
                    "last_name": spec.last_name,
                    "email": f"{spec.username}@demo.monitor-sociaal-domein.nl",
                    # The beheerder works in the Django admin, which needs staff + superuser.
                    "is_staff": is_beheerder,
                    "is_superuser": is_beheerder,
                },
            )
            self.count("gebruikers", created)
            if created or self.reset_passwords:
                user.set_password(demo.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            organisation = self.organisations[spec.organisation] if spec.organisation else None
            Membership.objects.get_or_create(user=user, role=spec.role, organisation=organisation)
            self.users[spec.username] = user

    def load_uitvragen(self):
        walcheren = self.organisations[demo.REGIO[0]]
        for spec in demo.UITVRAGEN:
            uitvoerder = self.organisations[spec.uitvoerder]
            uitvraag, created = Uitvraag.objects.get_or_create(
                uitvoerder=uitvoerder, name=spec.name, defaults={"description": spec.description}
            )
            self.count("uitvragen", created)
            if spec.areas:
                uitvraag.areas.add(*(self.organisations[code] for code in spec.areas))
            else:
                uitvraag.areas.add(walcheren)
            for order, (indicator_code, doelgroep_code) in enumerate(spec.regels, start=1):
                UitvraagRegel.objects.get_or_create(
                    uitvraag=uitvraag,
                    indicator=self.indicators[indicator_code],
                    doelgroep=self.doelgroep(spec.uitvoerder, doelgroep_code),
                    defaults={"order": order},
                )
            self.uitvragen[spec.key] = uitvraag

    def load_rules_and_targets(self):
        for spec in demo.VALIDATIEREGELS:
            _regel, created = ValidatieRegel.objects.get_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "left": spec.left,
                    "operator": spec.operator,
                    "right": spec.right,
                    "ernst": spec.ernst,
                    "bij_ontbreken": spec.bij_ontbreken,
                    "uitvoerder": self.organisations.get(spec.uitvoerder),
                    "message": spec.message,
                },
            )
            self.count("validatieregels", created)
        for spec in demo.STREEFWAARDEN:
            indicator = self.indicators[spec.indicator]
            _streefwaarde, created = Streefwaarde.objects.get_or_create(
                indicator=indicator,
                scope=self.organisations[spec.scope],
                doelgroep=self.doelgroep(indicator.uitvoerder.code, spec.doelgroep)
                if indicator.uitvoerder
                else None,
                year_from=spec.year_from,
                defaults={
                    "year_to": spec.year_to,
                    "comparison": spec.comparison,
                    "value": spec.value,
                    "note": spec.note,
                },
            )
            self.count("streefwaarden", created)

    def doelgroep(self, uitvoerder_code, code):
        return self.doelgroepen[(uitvoerder_code, code)] if code else None

    # ── figures ───────────────────────────────────────────────────────────────────────────────
    def load_submissions(self):
        for spec in demo.SUBMISSIONS:
            uitvraag_spec = next(u for u in demo.UITVRAGEN if u.key == spec.uitvraag)
            uitvraag = self.uitvragen[spec.uitvraag]
            period = self.periods[spec.period]
            if spec.approve:
                deadline = period.end + DEADLINE_AFTER_PERIOD
            else:
                deadline = timezone.localdate() + OPEN_DEADLINE_FROM_TODAY
            submission = open_submission(uitvraag, period, deadline)
            if spec.approve:
                submission = self.approve(submission, uitvraag_spec, spec)
            self.submission_results.append(
                f"{uitvraag.uitvoerder.name} – {uitvraag.name} {period.identifier}: "
                f"{submission.get_status_display().lower()}"
            )

    def approve(self, submission, uitvraag_spec, spec):
        """Fill in, submit and approve a new demo submission the way people would.

        A submission that has been through the workflow before is left alone: whatever the demo
        users did with it since (reopen, correct, send back) stays as they left it."""
        if submission.events.exists():
            return submission
        uitvoerder = uitvraag_spec.uitvoerder
        supplier = self.users[demo.INDIENER[uitvoerder]]
        reviewer = self.users[demo.GOEDKEURDER[uitvoerder]]
        walcheren = self.organisations[demo.REGIO[0]]
        if submission.status in {SubmissionStatus.CONCEPT, SubmissionStatus.TERUGGESTUURD}:
            cells = [
                CellInput(
                    indicator_id=self.indicators[figure.indicator].pk,
                    doelgroep_id=getattr(self.doelgroep(uitvoerder, figure.doelgroep), "pk", None),
                    area_id=self.organisations[figure.area].pk if figure.area else walcheren.pk,
                    raw=figure.raw,
                    toelichting=figure.toelichting,
                    voorlopig=figure.voorlopig,
                )
                for figure in spec.figures
            ]
            result = save_values(submission, supplier, cells, reason=demo.DEMO_REASON)
            if result.errors or result.unknown:
                raise CommandError(
                    f"Demo-cijfers voor {submission} kloppen niet: {result.errors or result.unknown}"
                )
            # The monitor's passage goes into the audit trail, visible on the history page.
            submission = transition(
                submission, "indienen", supplier, reason=f"Bron: {spec.bron}", via="demo"
            )
        if submission.status == SubmissionStatus.INGEDIEND:
            submission = transition(submission, "goedkeuren", reviewer, via="demo")
        self.count("goedgekeurde aanleveringen", True)
        return submission

    # ── the reports ───────────────────────────────────────────────────────────────────────────
    def demo_report(self, period_code: str, introduction: str):
        """(report, created): Vlissingen's report over ``period_code``; a new one gets the
        monitor's texts, saved like the texts page does (audited as "duiding" by the
        beleidsmedewerker). An existing report is left as the demo users left it."""
        from reports import demo_texts
        from reports.models import Report
        from reports.services import create_report
        from reports.texts import Narrative
        from reports.texts import save as save_texts

        gemeente = self.organisations[demo.REPORT_GEMEENTE]
        period = self.periods[period_code]
        report = Report.objects.filter(gemeente=gemeente, period=period).order_by("-version")
        report = report.first()
        if report is not None:
            return report, False
        user = self.report_user
        report = create_report(gemeente, period, user)
        narrative = Narrative(
            introduction=introduction,
            themas={
                self.themas[code].pk: dict(texts) for code, texts in demo_texts.THEMA_TEXTS.items()
            },
            suppliers={
                (self.themas[thema].pk, self.organisations[uitvoerder].pk): dict(texts)
                for (thema, uitvoerder), texts in demo_texts.SUPPLIER_TEXTS.items()
            },
        )
        save_texts(report, user, narrative)
        return report, True

    @property
    def report_user(self):
        return self.users[demo.GOEDKEURDER["orionis"]]

    def load_report(self):
        """Concept report Vlissingen 2018H1 with the monitor's texts, generated once."""
        from reports.services import request_generation

        report, created = self.demo_report(demo.REPORT_PERIOD, demo.REPORT_INTRODUCTION)
        if created:
            # In the embedded mode Celery runs the task in-process, right after the commit.
            report = request_generation(report, self.report_user)
        self.stdout.write(
            f"Rapportage: {report} – {report.get_status_display().lower()}, "
            f"{report.get_generation_status_display().lower()}"
            + (f" ({report.generation_error})" if report.generation_error else "")
        )

    def load_adopted_report(self):
        """A vastgesteld report of Vlissingen over 2017 tweede halfjaar, so the griffie has a
        report to download. Made like a person would (texts, files, aanbieden, the collegebesluit,
        the raad's vaststelling registered by another person)."""
        from reports.adoption import Besluit
        from reports.notifications import silenced
        from reports.services import generate_now
        from reports.workflow import ReportError, transition

        report, created = self.demo_report(
            demo.ADOPTED_REPORT_PERIOD, demo.ADOPTED_REPORT_INTRODUCTION
        )
        if created:
            user = self.report_user
            # In this process, whatever the Celery configuration: the files must exist before
            # the report can be offered and adopted.
            # Nobody asked for these files: no "klaar" or "vastgesteld" e-mail.
            with silenced():
                report = generate_now(report, user)
                try:
                    report = transition(report, "aanbieden", user, via="demo")
                    report = transition(
                        report,
                        "collegebesluit",
                        user,
                        via="demo",
                        collegebesluit=Besluit(*demo.ADOPTED_REPORT_COLLEGEBESLUIT),
                    )
                    report = transition(
                        report,
                        "vaststellen",
                        self.users[demo.VASTSTELLER],
                        via="demo",
                        besluit=Besluit(*demo.ADOPTED_REPORT_BESLUIT),
                    )
                except ReportError as exc:
                    self.stdout.write(self.style.WARNING(f"Rapportage niet vastgesteld: {exc}"))
        self.stdout.write(
            f"Rapportage: {report} – {report.get_status_display().lower()}"
            + (f" ({report.generation_error})" if report.generation_error else "")
        )

    # ── output ────────────────────────────────────────────────────────────────────────────────
    def print_summary(self):
        new = ", ".join(f"{n} {kind}" for kind, n in self.created.items() if n)
        self.stdout.write(self.style.SUCCESS("Demo-data Walcheren geladen."))
        self.stdout.write(f"Nieuw aangemaakt: {new or 'niets (alles bestond al)'}.")
        # One line per submission only on request (-v 2): a newcomer reads the log-ins.
        for line in self.submission_results if self.verbose else ():
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING("Demo-gebruikers"))
        rows = [("gebruikersnaam", "wachtwoord", "rol", "organisatie")]
        for spec in demo.USERS:
            organisation = self.organisations[spec.organisation].name if spec.organisation else "–"
            rows.append(
                (spec.username, demo.DEMO_PASSWORD, str(Role(spec.role).label), organisation)
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for number, row in enumerate(rows):
            self.stdout.write(
                "  "
                + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        self.stdout.write(
            "Het wachtwoord wordt alleen gezet bij het aanmaken; --reset-passwords zet het terug."
        )
