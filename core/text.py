"""Text that enters the system: characters no field may hold, and the length of each kind of
text, the same on every path (web form, grid, spreadsheet import, API, admin).

The lengths are used as ``max_length`` of the model fields, so admin and API forms derive them;
the import and the API's non-model serializers use the same constants.
"""

import re

from django.utils.translation import gettext as _

# A toelichting with a figure, a reason for sending back or reopening, a motivation.
TOELICHTING_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 2000
# One text of a report's duiding (a few paragraphs).
DUIDING_MAX_LENGTH = 20_000

# NUL cannot be stored in PostgreSQL text; lone surrogates cannot be encoded as UTF-8.
BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def find_bad_character(text: str) -> str:
    """A Dutch message when ``text`` holds a character no field may hold, else ''."""
    match = BAD_CHARACTERS.search(text)
    if match is None:
        return ""
    if match.group() == "\x00":
        return _("De invoer bevat een NUL-teken (\\u0000); dat is niet toegestaan.")
    return _("De invoer bevat een ongeldig teken (een losse surrogaat); gebruik geldige UTF-8.")


def too_long(text: str | None, limit: int, label: str) -> str:
    """A Dutch message when ``text`` is longer than ``limit`` characters, else ''."""
    if text is None or len(text) <= limit:
        return ""
    return _("%(label)s is langer dan %(max)d tekens (%(length)d); maak de tekst korter.") % {
        "label": label,
        "max": limit,
        "length": len(text),
    }


def reason_problem(reason: str | None) -> str:
    """What is wrong with a workflow reason (too long, a NUL), or ''."""
    return too_long(reason, REASON_MAX_LENGTH, _("De reden")) or find_bad_character(reason or "")


def toelichting_problem(text: str | None) -> str:
    """What is wrong with the toelichting of a figure or budget line, or ''."""
    return too_long(text, TOELICHTING_MAX_LENGTH, _("De toelichting")) or find_bad_character(
        text or ""
    )
