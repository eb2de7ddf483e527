"""PNG screenshots of the main page of each demo role at 375 and 1280 px into docs/screenshots/.

    python manage.py load_demo          # once
    python manage.py screenshots        # [--widths 375,1280] [--output docs/screenshots]

Serves the site from this process (the current database, static files from the finders) to
Debian's chromium driven by Playwright, logs in as each demo user and saves one full-page PNG
per role and width. Only for a development database with the demo (its password is public).
"""

import shutil
import threading
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler


def demo_password() -> str:
    """The demo users' password, from the demo data set (a data file, not an import: the data
    sets sit above this app)."""
    path = Path(settings.BASE_DIR) / "datasets" / "demo" / "set.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))["set"]["password"]


# (file name, demo user or None for a visitor, path): the page each role lands on.
PAGES = [
    ("inloggen", None, "/inloggen/"),
    ("leverancier", "leverancier", "/"),
    ("beleidsmedewerker", "beleid", "/"),
    ("griffie", "griffie", "/"),
    ("beheerder", "beheerder", "/"),
    ("openbaar-dashboard", None, "/openbaar/"),
]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class Command(BaseCommand):
    help = "Maak schermafbeeldingen (PNG) van de hoofdpagina van elke rol in docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--widths", default="375,1280", help="breedtes in pixels (375,1280)")
        parser.add_argument("--output", default=str(settings.BASE_DIR / "docs" / "screenshots"))

    def handle(self, *args, **options):
        from playwright.sync_api import sync_playwright

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            raise CommandError("Chromium ontbreekt: apt-get install chromium")
        widths = [int(w) for w in options["widths"].split(",")]
        output = Path(options["output"])
        output.mkdir(parents=True, exist_ok=True)

        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
        server.set_app(StaticFilesHandler(WSGIHandler()))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
                )
                for name, username, path in PAGES:
                    context = browser.new_context(locale="nl-NL", device_scale_factor=1)
                    page = context.new_page()
                    if username:
                        self._log_in(page, base, username)
                    for width in widths:
                        page.set_viewport_size({"width": width, "height": 900})
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        target = output / f"{name}-{width}.png"
                        page.screenshot(path=str(target), full_page=True)
                        self.stdout.write(str(target.relative_to(settings.BASE_DIR)))
                    context.close()
                browser.close()
        finally:
            server.shutdown()

    def _log_in(self, page, base, username):
        page.goto(base + "/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(demo_password())
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()
        if "/inloggen/" in page.url:
            raise CommandError(
                f"Inloggen als {username} lukt niet: draai eerst python manage.py load_demo "
                "(of load_demo --reset-passwords)."
            )
