"""What ``load_dataset`` and ``load_demo`` share: read and check the set, load it in one
transaction (rolled back on --dry-run), then its reports."""

from django.db import transaction
from django.utils.translation import gettext as _

from notifications.notify import silenced

from . import reports
from .loader import Dataset, DatasetLoader


class DryRun(Exception):
    """Raised inside the transaction so that --dry-run leaves nothing behind."""


def load_dataset(
    dataset: Dataset,
    stdout,
    style,
    *,
    title,
    dry_run=False,
    with_report=False,
    reset_passwords=False,
    verbosity=1,
    **_options,
):
    loader = DatasetLoader(dataset, stdout, style, reset_passwords=reset_passwords)
    loader.verbose = verbosity >= 2
    # The figures and budgets are submitted and approved through the workflow: nobody is to be
    # told about that (no notifications, no e-mail).
    try:
        with silenced(), transaction.atomic():
            loader.load()
            reports.check_references(loader, with_report)
            if dry_run:
                raise DryRun
    except DryRun:
        stdout.write(style.WARNING(_("Proefdraaien (--dry-run): niets opgeslagen.")))
        loader.print_summary(_("De dataset is in orde: %(title)s") % {"title": title})
        return loader
    # After the commit: the files of a report are made from committed data.
    reports.load(loader, with_report)
    loader.print_summary(title)
    return loader
