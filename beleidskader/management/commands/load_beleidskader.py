"""Load a gemeente's own beleidskader from a YAML file in the format of beleidskader/demo/*.yaml
(owner, name, years, nodes with children and prestaties, indicators with streefwaarden, budgets,
and for a programma in the Deventer form bbv_indicatoren, exploitatie and verbonden_partijen).
The kader is loaded in concept: it is adopted on the website, with its dated steps and four-eyes."""

from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from beleidskader.demo import OPSTELLER, load_kader
from beleidskader.models import Beleidskader
from beleidskader.workflow import can_manage
from organisations.access import Access
from organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Laadt een beleidskader uit een YAML-bestand (zoals beleidskader/demo/*.yaml) in concept; "
        "de vaststelling gaat daarna via de website."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument(
            "--gebruiker",
            required=True,
            help="Gebruikersnaam van de beleidsmedewerker die het kader invoert (geschiedenis).",
        )

    def handle(self, *args, **options):
        try:
            spec = yaml.safe_load(options["bestand"].read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(f"Kan {options['bestand']} niet lezen: {exc}") from exc
        user = get_user_model().objects.filter(username=options["gebruiker"]).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker {options['gebruiker']}.")
        owner = Organisation.objects.filter(code=spec.get("owner", "")).first()
        if owner is None:
            raise CommandError(f"Onbekende gemeente of regio {spec.get('owner')!r}.")
        probe = Beleidskader(owner=owner, name=spec.get("name", ""), year_from=0)
        if not can_manage(Access.for_user(user), probe):
            raise CommandError(f"{user} mag geen beleidskader van {owner} invoeren.")
        if Beleidskader.objects.filter(owner=owner, name=spec["name"]).exists():
            raise CommandError(
                f"{owner} heeft al een kader ‘{spec['name']}’: wijzig het op de website of maak "
                "een nieuwe versie."
            )
        with transaction.atomic():
            kader = load_kader(spec, owner, {OPSTELLER: user}, adopt=False)
        self.stdout.write(
            f"Beleidskader ‘{kader.name}’ van {owner} geladen in concept: "
            f"{kader.doelen.count()} onderdelen. Vaststellen: /beleid/{kader.pk}/"
        )
