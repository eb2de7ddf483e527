"""Password rules after the NCSC's guidance: length over complexity, a blocklist, no expiry.

Django's own validators do most of it (minimum length, similarity to the user's name, its list of
20,000 common passwords, all-digit passwords); these two add what a Dutch gemeente needs.
"""

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BLOCKLIST = Path(__file__).resolve().parent / "data" / "wachtwoorden-blocklist.txt"
# "Welkom2024!", "!!zomer01" and "Vlissingen-2026" are guessed as "welkom", "zomer", "vlissingen"
_DECORATION = re.compile(r"^[\W\d_]+|[\W\d_]+$")


@cache
def blocked_words() -> frozenset[str]:
    lines = BLOCKLIST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def core_word(password: str) -> str:
    return _DECORATION.sub("", password.strip().lower()).replace(" ", "")


class DutchBlocklistValidator:
    """Refuses a password that is a common Dutch word or place name with digits or punctuation
    around it (the list is shipped in organisations/data/wachtwoorden-blocklist.txt)."""

    def validate(self, password, user=None):
        word = core_word(password)
        if word in blocked_words() or (len(set(word)) <= 2 and word):
            raise ValidationError(
                _("Dit wachtwoord is te makkelijk te raden: het is een veelgebruikt woord."),
                code="password_blocklisted",
            )

    def get_help_text(self):
        return _("Uw wachtwoord mag geen veelgebruikt woord zijn, ook niet met cijfers erachter.")


class MaximumLengthValidator:
    """Long passphrases are welcome; the cap only stops hashing megabytes (a denial of service)."""

    def __init__(self, max_length=256):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "Dit wachtwoord is langer dan %(max_length)d teken.",
                    "Dit wachtwoord is langer dan %(max_length)d tekens.",
                    self.max_length,
                )
                % {"max_length": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self):
        return _(
            "Een lange zin die u kunt onthouden is sterker dan een kort wachtwoord met "
            "bijzondere tekens. U hoeft uw wachtwoord niet periodiek te wijzigen."
        )
