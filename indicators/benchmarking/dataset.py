"""The large generated data set behind ``python manage.py generate_large_dataset``.

What it builds (defaults in :class:`Scale`):

- 342 gemeenten with plausible CBS-style codes (``bench-GM0123``) and made-up Dutch names, in
  ~35 regio's (each gemeente in exactly one);
- four domains (werk en inkomen, jeugd, Wmo, schulden), each delivered by two regional
  uitvoerders (noord and zuid, each serving the gemeenten of half of the regio's) with their
  doelgroepen, plus one supplier of population figures for all gemeenten;
- indicators in families of five entered figures — a stock (aantal cliënten, "stand"), instroom,
  uitstroom, uitstroom naar werk (flows, "som") and kosten (€) — most broken down by doelgroep,
  plus inwoners, huishoudens and jongeren 0-17, and computed indicators with formulas over a family
  (uitstroom %, uitstroom naar werk %, kosten per cliënt, cliënten per 1.000 inwoners);
- quarters for the chosen years (with the half-years and years they roll up to), one approved
  submission per uitvraag per quarter, and a figure for every cell: tens of millions at the default
  scale.

The figures are generated, not typed by anyone: they get no simple-history rows (the audit trail
is for user input) and no workflow events beyond one "indienen"/"goedkeuren" pair per submission.
On PostgreSQL the values are streamed with COPY; for a large load the secondary indexes and
foreign keys of the value table are dropped first and rebuilt afterwards (in the same
transaction, so an interrupted load leaves nothing behind), then the table is vacuumed and
analysed. SQLite only accepts small scales (tests).

Everything has a code (or username) starting with ``bench-``; :func:`drop_dataset` removes it.
"""

import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.utils import timezone

from organisations.models import Doelgroep, Membership, Organisation, OrganisationKind, Role

from ..models import (
    Aggregatie,
    Aspect,
    Eenheid,
    ImportJob,
    Indicator,
    IndicatorSoort,
    Period,
    PeriodType,
    Richting,
    Streefwaarde,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
    Thema,
    Uitvraag,
    UitvraagRegel,
    Value,
    Vergelijking,
)
from . import PREFIX
from .plan import (
    DOMAINS,
    FORMULAS,
    HALVES,
    KINDS,
    POPULATION,
    GemeentePlan,
    Scale,
    ScaleError,
    Supplier,
    dutch_number,
    plan_gemeenten,
)

# SQLite is for tests only: it has no COPY and the full scale would take hours.
SQLITE_MAX_VALUES = 200_000
# Below this, dropping and rebuilding the value table's indexes costs more than it saves.
DROP_INDEXES_FROM = 500_000
COPY_CHUNK = 50_000  # lines per write to the COPY stream
PROGRESS_EVERY = 1_000_000


def dataset_exists() -> bool:
    return Organisation.objects.filter(code__startswith=PREFIX).exists()


# --- generating --------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    values: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Generator:
    """Creates the reference data with the ORM and streams the figures into the value table."""

    def __init__(
        self,
        scale: Scale,
        progress: Callable[[str], None] = print,
        drop_indexes: bool | None = None,
    ):
        scale.check()
        self.scale = scale
        self.rnd = random.Random(scale.seed)
        self.progress = progress
        self.drop_indexes = drop_indexes
        self.report = LoadReport()
        self.now = timezone.now()

    # The whole load, in one transaction.
    def run(self) -> LoadReport:
        if connection.vendor == "sqlite" and self.scale.total_values > SQLITE_MAX_VALUES:
            raise ScaleError(
                f"SQLite is alleen voor kleine schalen (hoogstens {dutch_number(SQLITE_MAX_VALUES)}"
                f" waarden; deze schaal geeft er {dutch_number(self.scale.total_values)}). "
                "Gebruik PostgreSQL (DATABASE_URL)."
            )
        started = time.perf_counter()
        with transaction.atomic():
            with self.timed("referentiedata"):
                self.create_reference_data()
            if connection.vendor == "postgresql":
                self.load_values_postgresql()
            else:
                with self.timed("waarden"):
                    self.load_values_orm()
        self.analyse()
        self.report.seconds["totaal"] = time.perf_counter() - started
        return self.report

    def timed(self, label: str):
        generator = self

        class Timer:
            def __enter__(self):
                self.start = time.perf_counter()

            def __exit__(self, *exc):
                seconds = time.perf_counter() - self.start
                generator.report.seconds[label] = seconds
                if exc[0] is None:
                    generator.progress(f"{label}: {seconds:.1f} s")

        return Timer()

    # --- reference data ----------------------------------------------------------------------------

    def create_reference_data(self) -> None:
        scale, rnd = self.scale, self.rnd
        self.gemeenten = plan_gemeenten(scale, rnd)
        created = Organisation.objects.bulk_create(
            Organisation(kind=OrganisationKind.GEMEENTE, code=g.code, name=g.name)
            for g in self.gemeenten
        )
        for plan, organisation in zip(self.gemeenten, created, strict=True):
            plan.pk = organisation.pk
        self.create_regios()
        self.create_periods()
        self.create_users()
        self.create_suppliers()
        self.create_indicators()
        self.create_uitvragen()
        self.create_submissions()
        self.create_targets()
        self.progress(
            f"{len(self.gemeenten)} gemeenten, {len(self.regio_orgs)} regio's, "
            f"{len(self.suppliers)} uitvoerders, {len(self.all_indicators)} indicatoren "
            f"({len(self.computed_indicators)} berekend), {len(self.quarters)} kwartalen, "
            f"{len(self.submissions)} goedgekeurde aanleveringen"
        )

    def create_regios(self) -> None:
        members: dict[int, list[GemeentePlan]] = {}
        for plan in self.gemeenten:
            members.setdefault(plan.regio, []).append(plan)
        self.regio_members = [members[r] for r in sorted(members)]
        self.regio_orgs = Organisation.objects.bulk_create(
            Organisation(
                kind=OrganisationKind.REGIO,
                code=f"{PREFIX}regio-{number:02d}",
                name=f"Regio {max(plans, key=lambda p: p.inwoners).name}",
                description="Gegenereerde benchmarkregio.",
            )
            for number, plans in enumerate(self.regio_members, start=1)
        )
        through = Organisation.gemeenten.through
        through.objects.bulk_create(
            through(from_organisation_id=regio.pk, to_organisation_id=plan.pk)
            for regio, plans in zip(self.regio_orgs, self.regio_members, strict=True)
            for plan in plans
        )
        # The beleidsmedewerker of the benchmark works for the largest gemeente of the largest
        # regio: the heaviest overview (a regional total needs every member's figures).
        largest = max(self.regio_members, key=len)
        self.focus = max(largest, key=lambda p: p.inwoners)

    def create_periods(self) -> None:
        scale = self.scale
        first = scale.last_year - scale.years + 1
        self.quarters = []
        for year in range(first, scale.last_year + 1):
            for identifier in (f"{year}Q1", f"{year}Q2", f"{year}Q3", f"{year}Q4"):
                self.quarters.append(Period.get_or_create_from_identifier(identifier)[0])
            for identifier in (f"{year}H1", f"{year}H2", str(year)):
                Period.get_or_create_from_identifier(identifier)

    def create_users(self) -> None:
        self.beheerder = self.user("beheerder", "Beheerder", is_staff=True)
        Membership.objects.create(user=self.beheerder, role=Role.BEHEERDER)
        self.beleid = self.user("beleid", "Beleidsmedewerker")
        focus = Organisation.objects.get(pk=self.focus.pk)
        Membership.objects.create(user=self.beleid, role=Role.BELEID, organisation=focus)

    def user(self, name: str, first_name: str, **extra):
        user = get_user_model()(
            username=f"{PREFIX}{name}", first_name=first_name, last_name="(benchmark)", **extra
        )
        user.set_unusable_password()  # the benchmark logs in without a password
        user.save()
        return user

    def create_suppliers(self) -> None:
        scale = self.scale
        half_of_regio = {}
        halves = HALVES if len(self.regio_members) > 1 else HALVES[:1]
        for regio in range(len(self.regio_members)):
            half_of_regio[regio] = 0 if len(halves) == 1 else int(regio >= scale.regios / 2)
        self.suppliers: list[Supplier] = []
        for domain in range(scale.domains):
            code, _thema, supplier_name, doelgroepen = DOMAINS[domain]
            for half, (half_code, half_name) in enumerate(halves):
                served = [i for i, g in enumerate(self.gemeenten) if half_of_regio[g.regio] == half]
                if served:
                    self.suppliers.append(
                        Supplier(
                            code=f"{PREFIX}{code}-{half_code}",
                            name=f"{supplier_name} {half_name}",
                            domain=domain,
                            gemeenten=served,
                        )
                    )
        self.suppliers.append(
            Supplier(
                code=f"{PREFIX}bevolking",
                name="Bureau Bevolkingsstatistiek",
                domain=None,
                gemeenten=list(range(len(self.gemeenten))),
            )
        )
        organisations = Organisation.objects.bulk_create(
            Organisation(
                kind=OrganisationKind.UITVOERDER,
                code=s.code,
                name=s.name,
                description="Gegenereerde benchmarkuitvoerder.",
            )
            for s in self.suppliers
        )
        through = Organisation.gemeenten.through
        links = []
        for supplier, organisation in zip(self.suppliers, organisations, strict=True):
            supplier.organisation = organisation
            links += [
                through(
                    from_organisation_id=organisation.pk, to_organisation_id=self.gemeenten[i].pk
                )
                for i in supplier.gemeenten
            ]
            if supplier.domain is not None:
                supplier.doelgroepen = Doelgroep.objects.bulk_create(
                    Doelgroep(uitvoerder=organisation, code=code, name=name, order=order)
                    for order, (code, name) in enumerate(
                        self.doelgroep_names(supplier.domain), start=1
                    )
                )
            supplier.user = self.user(supplier.code.removeprefix(PREFIX), supplier.name)
            Membership.objects.create(
                user=supplier.user, role=Role.LEVERANCIER, organisation=organisation
            )
        through.objects.bulk_create(links)

    def doelgroep_names(self, domain: int) -> list[tuple[str, str]]:
        names = list(DOMAINS[domain][3][: self.scale.doelgroepen])
        for n in range(len(names) + 1, self.scale.doelgroepen + 1):
            names.append((f"doelgroep-{n}", f"Doelgroep {n}"))
        return names

    def create_indicators(self) -> None:
        scale = self.scale
        themas = Thema.objects.bulk_create(
            Thema(code=f"{PREFIX}{code}", name=f"{name} (benchmark)", order=900 + n)
            for n, (code, name, _s, _d) in enumerate(DOMAINS[: scale.domains])
        )
        bevolking = Thema.objects.create(
            code=f"{PREFIX}bevolking", name="Bevolking (benchmark)", order=899
        )
        indicators = []
        for n, (code, name) in enumerate(POPULATION):
            indicators.append(
                Indicator(
                    code=f"{PREFIX}{code}",
                    name=name,
                    thema=bevolking,
                    soort=IndicatorSoort.MAATSCHAPPELIJK,
                    aspect=Aspect.ONTWIKKELING,
                    eenheid=Eenheid.AANTAL,
                    period_type=PeriodType.KWARTAAL,
                    aggregatie=Aggregatie.STAND,
                    source="Gegenereerd (bevolkingsstatistiek)",
                    order=n,
                )
            )
        # family → kind code → Indicator (not saved yet)
        self.family_indicators: list[dict[str, Indicator]] = []
        for family in range(scale.families):
            domain = scale.family_domain(family)
            domain_code, domain_name = DOMAINS[domain][0], DOMAINS[domain][1]
            number = family // scale.domains + 1
            members = {}
            for kind in range(scale.family_kinds(family)):
                code, name, eenheid, aggregatie, richting = KINDS[kind]
                members[code] = Indicator(
                    code=f"{PREFIX}{domain_code}-{number}-{code}",
                    name=f"{domain_name} {number}: {name}",
                    thema=themas[domain],
                    soort=IndicatorSoort.PRESTATIE,
                    aspect=Aspect.INZET if kind < 2 else Aspect.EFFECT,
                    eenheid=eenheid,
                    period_type=PeriodType.KWARTAAL,
                    richting=richting,
                    aggregatie=aggregatie,
                    min_value=0,
                    outlier_pct=50,
                    definition="Gegenereerd benchmarkcijfer.",
                    order=family * 10 + kind,
                )
            self.family_indicators.append(members)
            indicators += members.values()
        complete = [f for f in range(scale.families) if scale.family_kinds(f) == len(KINDS)]
        computed = []
        for j in range(scale.computed):
            # Family by family, each time the next formula, so every formula appears early on.
            r, m = j % len(complete), j // len(complete)
            family = complete[r]
            kind = (r + m) % len(FORMULAS)
            variant = m // len(FORMULAS)
            code, name, text, eenheid, decimals, richting = FORMULAS[kind]
            members = self.family_indicators[family]
            codes = {k: i.code for k, i in members.items()}
            codes["inwoners"] = f"{PREFIX}inwoners"
            domain = scale.family_domain(family)
            number = family // scale.domains + 1
            suffix = f"-{variant + 1}" if variant else ""
            computed.append(
                Indicator(
                    code=f"{PREFIX}{DOMAINS[domain][0]}-{number}-{code}{suffix}",
                    name=f"{DOMAINS[domain][1]} {number}: {name}{suffix.replace('-', ' ')}",
                    thema=themas[domain],
                    soort=IndicatorSoort.MAATSCHAPPELIJK,
                    aspect=Aspect.EFFECT,
                    eenheid=eenheid,
                    decimals=decimals,
                    period_type=PeriodType.KWARTAAL,
                    richting=richting,
                    aggregatie=Aggregatie.FORMULE,
                    formula=text.format(**codes),
                    definition="Berekend benchmarkcijfer.",
                    order=family * 10 + 5 + kind,
                )
            )
        self.all_indicators = Indicator.objects.bulk_create(indicators + computed)
        self.population = {code: indicators[n] for n, (code, _name) in enumerate(POPULATION)}
        self.computed_indicators = computed

    def create_uitvragen(self) -> None:
        for supplier in self.suppliers:
            uitvraag = Uitvraag.objects.create(
                uitvoerder=supplier.organisation,
                name=f"Kwartaalcijfers {supplier.name}",
                description="Gegenereerde benchmarkuitvraag.",
            )
            supplier.uitvraag = uitvraag
            uitvraag.areas.set([self.gemeenten[i].pk for i in supplier.gemeenten])
            regels = []
            for row in self.rows_of(supplier):
                indicator, doelgroep = row
                regels.append(
                    UitvraagRegel(
                        uitvraag=uitvraag,
                        indicator=indicator,
                        doelgroep=doelgroep,
                        order=len(regels) + 1,
                    )
                )
            UitvraagRegel.objects.bulk_create(regels)

    def rows_of(self, supplier: Supplier) -> list[tuple[Indicator, Doelgroep | None]]:
        """The (indicator, doelgroep) rows a supplier delivers, in a stable order."""
        if supplier.domain is None:
            return [(self.population[code], None) for code, _n in POPULATION]
        rows = []
        for family, members in enumerate(self.family_indicators):
            if self.scale.family_domain(family) != supplier.domain:
                continue
            split = self.scale.family_split(family)
            for indicator in members.values():
                for doelgroep in supplier.doelgroepen if split else [None]:
                    rows.append((indicator, doelgroep))
        return rows

    def create_submissions(self) -> None:
        submissions = []
        for period in self.quarters:
            deadline = period.end + timedelta(weeks=6)
            for supplier in self.suppliers:
                submitted = timezone.make_aware(
                    datetime.combine(deadline - timedelta(days=3), datetime.min.time())
                ) + timedelta(hours=10)
                submissions.append(
                    Submission(
                        uitvraag=supplier.uitvraag,
                        period=period,
                        deadline=deadline,
                        status=SubmissionStatus.GOEDGEKEURD,
                        submitted_by=supplier.user,
                        submitted_at=submitted,
                        reviewed_by=self.beheerder,
                        reviewed_at=submitted + timedelta(days=5),
                    )
                )
        self.submissions = Submission.objects.bulk_create(submissions)
        events = []
        for submission in self.submissions:
            events.append(
                SubmissionEvent(
                    submission=submission,
                    action="indienen",
                    from_status=SubmissionStatus.CONCEPT,
                    to_status=SubmissionStatus.INGEDIEND,
                    actor=submission.submitted_by,
                    via="benchmark",
                )
            )
            events.append(
                SubmissionEvent(
                    submission=submission,
                    action="goedkeuren",
                    from_status=SubmissionStatus.INGEDIEND,
                    to_status=SubmissionStatus.GOEDGEKEURD,
                    actor=self.beheerder,
                    via="benchmark",
                )
            )
        SubmissionEvent.objects.bulk_create(events)
        self.submission_of = {(s.uitvraag_id, s.period_id): s.pk for s in self.submissions}

    def create_targets(self) -> None:
        """A target per regio for the computed indicators with a desired direction."""
        first = self.scale.last_year - self.scale.years + 1
        targets = []
        for indicator in self.computed_indicators:
            if indicator.richting == Richting.GEEN or indicator.eenheid != Eenheid.PERCENTAGE:
                continue
            for regio in self.regio_orgs:
                targets.append(
                    Streefwaarde(
                        indicator=indicator,
                        scope=regio,
                        year_from=first,
                        comparison=Vergelijking.MINIMAAL,
                        value=self.rnd.choice([10, 15, 20, 25, 30]),
                        note="Gegenereerd.",
                    )
                )
        Streefwaarde.objects.bulk_create(targets)

    # --- the figures ---------------------------------------------------------------------------------

    def rows(self) -> Iterator[tuple[int, int, int | None, int, int, int]]:
        """(submission, indicator, doelgroep, area, value, updated_by) for every cell, grouped by
        submission. Deterministic for a seed; consistent within a family (uitstroom naar werk ≤
        uitstroom, stocks that drift with a trend, kosten in proportion to cliënten)."""
        scale = self.scale
        rnd = random.Random(scale.seed * 7919 + 1)
        random_ = rnd.random
        gemeenten = self.gemeenten
        # Per gemeente × family: a level (cliënten per inhabitant) and a trend per quarter.
        level = {}
        for g, plan in enumerate(gemeenten):
            for family in range(scale.families):
                rate = 0.002 + 0.02 * random_()
                level[(g, family)] = (plan.inwoners * rate, -0.01 + 0.02 * random_())
        weights = [1 / (n + 1) for n in range(scale.doelgroepen)]
        shares = [w / sum(weights) for w in weights]
        population = [self.population[code].pk for code, _n in POPULATION]
        for q, period in enumerate(self.quarters):
            for supplier in self.suppliers:
                submission = self.submission_of[(supplier.uitvraag.pk, period.pk)]
                user = supplier.user.pk
                if supplier.domain is None:
                    for g in supplier.gemeenten:
                        plan = gemeenten[g]
                        inwoners = round(plan.inwoners * (1.0015**q) * (0.998 + 0.004 * random_()))
                        yield submission, population[0], None, plan.pk, inwoners, user
                        yield submission, population[1], None, plan.pk, round(inwoners * 0.45), user
                        yield submission, population[2], None, plan.pk, round(inwoners * 0.2), user
                    continue
                families = [
                    f for f in range(scale.families) if scale.family_domain(f) == supplier.domain
                ]
                doelgroepen = [(d.pk, shares[n]) for n, d in enumerate(supplier.doelgroepen)]
                for g in supplier.gemeenten:
                    area = gemeenten[g].pk
                    for family in families:
                        base, trend = level[(g, family)]
                        base *= (1 + trend) ** q
                        members = [i.pk for i in self.family_indicators[family].values()]
                        kinds = len(members)
                        parts = doelgroepen if scale.family_split(family) else [(None, 1.0)]
                        for doelgroep, share in parts:
                            clienten = round(base * share * (0.95 + 0.1 * random_()))
                            instroom = round(clienten * (0.06 + 0.08 * random_()))
                            uitstroom = round(clienten * (0.06 + 0.08 * random_()))
                            werk = round(uitstroom * (0.15 + 0.3 * random_()))
                            kosten = round(clienten * (1800 + 1400 * random_()))
                            figures = (clienten, instroom, uitstroom, werk, kosten)
                            for k in range(kinds):
                                yield submission, members[k], doelgroep, area, figures[k], user

    def load_values_orm(self) -> None:
        """SQLite (and other databases): bulk_create in batches, without history."""
        batch, now = [], self.now
        for submission, indicator, doelgroep, area, number, user in self.rows():
            batch.append(
                Value(
                    submission_id=submission,
                    indicator_id=indicator,
                    doelgroep_id=doelgroep,
                    area_id=area,
                    value=number,
                    raw=str(number),
                    updated_by_id=user,
                    updated_at=now,
                )
            )
            if len(batch) >= 5000:
                Value.objects.bulk_create(batch)
                self.report.values += len(batch)
                batch = []
        Value.objects.bulk_create(batch)
        self.report.values += len(batch)
        # auto_now would have set updated_at anyway; the figures are as of the load.

    def load_values_postgresql(self) -> None:
        total = self.scale.total_values
        drop = self.drop_indexes
        if drop is None:
            drop = total >= DROP_INDEXES_FROM
        table = Value._meta.db_table
        with connection.cursor() as cursor:
            # Room for the index builds; the load is one transaction, its commit need not wait
            # for the disk (a crash loses generated data, nothing else).
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("SET LOCAL synchronous_commit = off")
            dropped = None
            if drop:
                with self.timed("indexen en foreign keys verwijderen"):
                    dropped = drop_secondary_indexes(cursor, table)
                self.report.notes.append(
                    f"{len(dropped.indexes)} indexen en {len(dropped.foreign_keys)} foreign keys "
                    "van de waardentabel tijdens het laden verwijderd en daarna opnieuw gemaakt."
                )
            with self.timed("waarden laden (COPY)"):
                self.copy_values(cursor, table, total)
            if dropped is not None:
                for statement in dropped.indexes:
                    name = statement.split(" INDEX ", 1)[1].split(" ON ", 1)[0]
                    with self.timed(f"index {name}"):
                        cursor.execute(statement)
                with self.timed("foreign keys controleren en terugzetten"):
                    for name, definition in dropped.foreign_keys:
                        cursor.execute(
                            f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                        )

    def copy_values(self, cursor, table: str, total: int) -> None:
        from psycopg import sql

        columns = [
            "submission_id", "indicator_id", "doelgroep_id", "area_id", "value", "raw",
            "error", "toelichting", "status", "updated_by_id", "updated_at",
        ]  # fmt: skip
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        stamp = self.now.isoformat()
        started = time.perf_counter()
        written, lines = 0, []
        next_report = PROGRESS_EVERY
        with cursor.cursor.copy(statement) as copy:
            for submission, indicator, doelgroep, area, number, user in self.rows():
                dg = "\\N" if doelgroep is None else doelgroep
                lines.append(
                    f"{submission}\t{indicator}\t{dg}\t{area}\t{number}\t{number}\t\t\tdefinitief\t{user}\t{stamp}\n"
                )
                if len(lines) >= COPY_CHUNK:
                    copy.write("".join(lines))
                    written += len(lines)
                    lines = []
                    if written >= next_report:
                        next_report += PROGRESS_EVERY
                        seconds = time.perf_counter() - started
                        self.progress(
                            f"  {dutch_number(written)} van {dutch_number(total)} waarden "
                            f"({written * 100 // total} %), {seconds:.0f} s, "
                            f"{dutch_number(int(written / seconds))} per seconde"
                        )
            if lines:
                copy.write("".join(lines))
                written += len(lines)
        self.report.values = written

    def analyse(self) -> None:
        """Fresh statistics for the planner; on PostgreSQL outside a transaction also VACUUM, so
        the visibility map is set (index-only scans) and hint bits are written now rather than
        by the first benchmark query."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql" and not connection.in_atomic_block:
                cursor.execute(f'VACUUM (ANALYZE) "{Value._meta.db_table}"')
                cursor.execute("ANALYZE")
                label = "VACUUM (ANALYZE)"
            else:
                cursor.execute("ANALYZE")
                label = "ANALYZE"
        seconds = time.perf_counter() - started
        self.report.seconds[label] = seconds
        self.progress(f"{label}: {seconds:.1f} s")


@dataclass
class DroppedIndexes:
    indexes: list[str]  # CREATE INDEX statements
    foreign_keys: list[tuple[str, str]]  # (name, definition)


def drop_secondary_indexes(cursor, table: str) -> DroppedIndexes:
    """Drop every index but the primary key, and the foreign keys, of ``table``; return what is
    needed to make them again. Pending deferred checks are run first (ALTER TABLE refuses while
    a table has pending trigger events)."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND i.tablename = %s AND i.indexname NOT IN (SELECT conname FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('p', 'u')) ORDER BY i.indexname",
        [table, table],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [table],
    )
    foreign_keys = cursor.fetchall()
    for name, _definition in foreign_keys:
        cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    for name, _statement in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return DroppedIndexes([statement for _n, statement in indexes], list(foreign_keys))


# --- removing ----------------------------------------------------------------------------------------


def drop_dataset(progress: Callable[[str], None] = print) -> dict[str, int]:
    """Remove everything the generator (and the benchmark) made: by code and username prefix.

    Values and their history go with one SQL DELETE each (the ORM would fetch millions of rows
    and write a history row for every deleted value). Periods stay: they are shared."""
    counts = {}
    User = get_user_model()
    with transaction.atomic():
        uitvoerders = Organisation.objects.filter(
            kind=OrganisationKind.UITVOERDER, code__startswith=PREFIX
        )
        submissions = Submission.objects.filter(uitvraag__uitvoerder__in=uitvoerders)
        submission_ids = list(submissions.values_list("pk", flat=True))
        started = time.perf_counter()
        counts["waarden"] = Value.objects.filter(submission_id__in=submission_ids)._raw_delete(
            connection.alias
        )
        counts["historie"] = Value.history.filter(submission_id__in=submission_ids)._raw_delete(
            connection.alias
        )
        progress(
            f"{dutch_number(counts['waarden'])} waarden verwijderd "
            f"({time.perf_counter() - started:.1f} s)"
        )
        users = User.objects.filter(username__startswith=PREFIX)
        ImportJob.objects.filter(user__in=users).delete()
        SubmissionEvent.objects.filter(submission_id__in=submission_ids).delete()
        counts["aanleveringen"] = Submission.objects.filter(pk__in=submission_ids).delete()[0]
        Uitvraag.objects.filter(uitvoerder__in=uitvoerders).delete()
        indicators = Indicator.objects.filter(code__startswith=PREFIX)
        counts["indicatoren"] = indicators.count()
        indicators.delete()
        Thema.objects.filter(code__startswith=PREFIX).delete()
        organisations = Organisation.objects.filter(code__startswith=PREFIX)
        counts["organisaties"] = organisations.count()
        Doelgroep.objects.filter(uitvoerder__in=uitvoerders).delete()
        organisations.delete()
        counts["gebruikers"] = users.count()
        users.delete()
    return counts
