"""A database or broker that is down, or a query cancelled by statement_timeout, gives the user a
Dutch 503 page ("probeer het over enkele minuten opnieuw") instead of a bare 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, BrokerError)
RETRY_AFTER_SECONDS = 120


class ServiceUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        logger.error("service unavailable: %s %s", request.method, request.path, exc_info=True)
        message = _(
            "De Monitor kan dit nu niet afmaken: een onderdeel is even niet bereikbaar of het "
            "duurde te lang. Probeer het over enkele minuten opnieuw."
        )
        if request.path_info.startswith("/api/"):
            response = JsonResponse({"detail": message}, status=503)
        else:
            # Rendered without the request: the context processors would ask the database.
            response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
