"""What every API request is parsed with, and how a bad one is answered: a 400 in the API's
error shape (``{"detail": "<Nederlandse melding>"}``), never a 500.

- :func:`loads` is JSON as the standard library reads it, plus: nesting deeper than
  ``API_MAX_JSON_DEPTH`` (default 32), NUL characters and lone surrogates in any string or key,
  ``NaN``/``Infinity``, and numbers a float cannot hold as written (``1e-400`` would become 0,
  ``12345678901234567.5`` would lose digits) are refused with a Dutch message.
- :class:`JSONParser` uses it for every view (``DEFAULT_PARSER_CLASSES``), the token endpoint
  included; the bulk parser of ``/api/v1/waarden/bulk/`` calls :func:`loads` too.
- :func:`exception_handler` maps what can still slip through (a NUL that reached the database,
  an undecodable body) to the same 400.
"""

import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework import parsers, status
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from .text import find_bad_character


class BadJSON(ValueError):
    """The body is not JSON we accept; the message is Dutch."""


def max_depth() -> int:
    return getattr(settings, "API_MAX_JSON_DEPTH", 32)


def _float(text: str) -> float:
    number = float(text)
    try:
        exact = Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - json only passes valid numbers
        raise BadJSON(_("'%(text)s' is geen getal.") % {"text": text[:40]}) from exc
    if number in (float("inf"), float("-inf")) or (number == 0 and exact != 0):
        raise BadJSON(
            _("Het getal %(text)s is te groot of te klein; stuur het als tekst of rond het af.")
            % {"text": text[:40]}
        )
    if Decimal(repr(number)) != exact:
        raise BadJSON(
            _(
                "Het getal %(text)s heeft meer cijfers dan als getal kunnen worden bewaard; "
                'stuur het als tekst ("12,5") of met minder cijfers.'
            )
            % {"text": text[:40]}
        )
    return number


def _constant(name: str):
    raise BadJSON(
        _("'%(name)s' is geen getal; laat de waarde leeg of stuur null.") % {"name": name}
    )


def check_structure(data, depth_limit: int | None = None) -> None:
    """Depth and characters of a parsed JSON value, walked without recursion."""
    depth_limit = depth_limit or max_depth()
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            _check_text(value)
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > depth_limit:
            raise BadJSON(
                _("De JSON is dieper genest dan %(max)d niveaus (de limiet).")
                % {"max": depth_limit}
            )
        if isinstance(value, dict):
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        else:
            stack.extend((item, depth + 1) for item in value)


def _check_text(text: str) -> None:
    problem = find_bad_character(text)
    if problem:
        raise BadJSON(problem)


def loads(data: bytes | str):
    """Parse a JSON body; raises BadJSON (Dutch message) for anything we refuse."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadJSON(_("De body is geen geldige UTF-8-tekst.")) from exc
    try:
        parsed = json.loads(data, parse_float=_float, parse_constant=_constant)
    except RecursionError as exc:
        raise BadJSON(
            _("De JSON is dieper genest dan %(max)d niveaus (de limiet).") % {"max": max_depth()}
        ) from exc
    except BadJSON:
        raise
    except ValueError as exc:  # JSONDecodeError, or an integer of more than 4300 digits
        raise BadJSON(_("De body is geen geldige JSON: %(error)s") % {"error": exc}) from exc
    check_structure(parsed)
    return parsed


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser (with its size limit) on :func:`loads`."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = stream.read() if stream is not None else b""
        if not data:
            raise ParseError(_("De body is leeg; stuur JSON."))
        try:
            return loads(data)
        except BadJSON as exc:
            raise ParseError(str(exc)) from exc


def bad_request(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


def exception_handler(exc, context):
    # Imported here: rest_framework.views reads DEFAULT_PARSER_CLASSES (this module) on import.
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is not None:
        return response
    if isinstance(exc, BadJSON | UnicodeError):
        return bad_request(
            str(exc) if isinstance(exc, BadJSON) else _("Ongeldige tekens in het verzoek.")
        )
    if isinstance(exc, DataError) or (isinstance(exc, ValueError) and "NUL" in str(exc)):
        # The database refused a value (a NUL, a number out of range) that a check missed.
        return bad_request(_("Het verzoek bevat een waarde die niet kan worden opgeslagen."))
    return None
