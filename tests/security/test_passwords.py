"""Password rules after the NCSC's guidance: length over complexity, a blocklist, no expiry."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

REFUSED = [
    # (password, why)
    ("Kort-1!", "shorter than 12 characters"),
    ("Welkom2024!!", "a Dutch blocklisted word with digits and punctuation"),
    ("Vlissingen-2026", "the name of a gemeente"),
    ("wachtwoord123", "'wachtwoord' with digits"),
    ("password1234", "in Django's list of common passwords"),
    ("123456789012", "only digits"),
    ("aaaaaaaaaaaaaa", "one character repeated"),
    ("Walcheren-2018!", "the demo password is public: never a real one"),
    ("x" * 257, "longer than 256 characters"),
]

ACCEPTED = [
    ("paard batterij nietje correct", "a long passphrase without capitals or digits"),
    ("zeeuwse bolussen bij de koffie", "spaces and only lower case"),
    ("één Zeeuwse brug, 2× zo lang", "any characters"),
]


@pytest.mark.parametrize("password", [p for p, _why in REFUSED], ids=lambda p: p[:20])
def test_weak_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password, UserFactory.build(username="jjansen"))


@pytest.mark.parametrize("password", [p for p, _why in ACCEPTED], ids=lambda p: p[:20])
def test_long_passwords_need_no_digits_capitals_or_symbols(db, password):
    validate_password(password, UserFactory.build(username="jjansen"))


def test_a_blocklisted_word_is_refused_with_a_dutch_message(db):
    with pytest.raises(ValidationError) as refused:
        validate_password("Welkom2024!!")
    assert "veelgebruikt woord" in " ".join(refused.value.messages)


def test_the_minimum_length_is_twelve_and_configurable(settings):
    assert settings.PASSWORD_MIN_LENGTH == 12
    validators = {v["NAME"].rsplit(".", 1)[1]: v for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert validators["MinimumLengthValidator"]["OPTIONS"]["min_length"] == 12


def test_passwords_never_expire(settings):
    # NCSC: no forced periodic change; nothing in the settings or validators asks for one
    names = " ".join(v["NAME"] for v in settings.AUTH_PASSWORD_VALIDATORS).lower()
    assert "expir" not in names and "age" not in names
