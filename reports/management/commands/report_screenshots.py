"""``python manage.py report_screenshots``: the first pages of the demo report as PNG, for the
docs (``docs/screenshots/rapport-1.png`` …).

The report is made in memory from the database's figures and texts, as the generation task makes
it (the newest report of the gemeente, default Vlissingen, the demo's): load the demo first
(``python manage.py load_demo --with-report``). The pages are drawn with ``pdftoppm`` (Debian's
poppler-utils) or, when installed, pypdfium2.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from organisations.models import Organisation
from reports.content import collect
from reports.models import Report
from reports.pdf import render_pdf

DEMO_GEMEENTE = "GM0718"


class Command(BaseCommand):
    help = "Teken de eerste bladzijden van de demorapportage als PNG (docs/screenshots/)."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", default=DEMO_GEMEENTE, help="CBS-code (GM0718)")
        parser.add_argument("--pages", type=int, default=4, help="Aantal bladzijden (4)")
        parser.add_argument("--dpi", type=int, default=70, help="Resolutie (70)")
        parser.add_argument(
            "--out", default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"), help="Map"
        )

    def handle(self, *args, gemeente, pages, dpi, out, **options):
        organisation = Organisation.objects.gemeenten().filter(code=gemeente).first()
        if organisation is None:
            raise CommandError(f"Geen gemeente {gemeente}: laad eerst de demo (load_demo).")
        report = (
            Report.objects.filter(gemeente=organisation)
            .order_by("-period__end", "-version")
            .first()
        )
        if report is None:
            raise CommandError("Geen rapportage: laad de demo met load_demo --with-report.")
        generated_at = report.generated_at or timezone.now().replace(microsecond=0)
        pdf = render_pdf(collect(report, generated_at))
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        written = draw_pages(pdf, target, pages, dpi)
        for path in written:
            self.stdout.write(str(path))


def draw_pages(pdf: bytes, target: Path, pages: int, dpi: int) -> list[Path]:
    try:
        import pypdfium2
    except ImportError:
        pypdfium2 = None
    if pypdfium2 is not None:
        document = pypdfium2.PdfDocument(pdf)
        written = []
        for number in range(min(pages, len(document))):
            path = target / f"rapport-{number + 1}.png"
            document[number].render(scale=dpi / 72).to_pil().save(path)
            written.append(path)
        return written
    if shutil.which("pdftoppm") is None:
        raise CommandError(
            "pdftoppm ontbreekt: installeer poppler-utils (apt-get install poppler-utils) of "
            "pypdfium2."
        )
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rapport.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                str(pages),
                source,
                target / "rapport",
            ],
            check=True,
        )
    # pdftoppm numbers as rapport-1.png or rapport-01.png, depending on the page count.
    written = []
    for path in sorted(target.glob("rapport-*.png")):
        number = int(path.stem.rsplit("-", 1)[1])
        final = target / f"rapport-{number}.png"
        if path != final:
            path.replace(final)
        written.append(final)
    return sorted(w for w in written if int(w.stem.rsplit("-", 1)[1]) <= pages)
