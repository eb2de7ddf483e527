"""What the core does around every request.

Two answers before or instead of a view, so that a user never gets a bare 500:

- :class:`RefuseBadInputMiddleware`: characters no field may hold (a NUL in the path, a query
  parameter or a form field) get a 400 before any view sees them: a Dutch page for the web, the
  API's error shape for ``/api/``. Without this a NUL reaches PostgreSQL and the answer is a 500.
- :class:`ServiceUnavailableMiddleware`: a database or broker that is down, or a query cancelled by
  statement_timeout, gives a Dutch 503 page ("probeer het over enkele minuten opnieuw").

And :class:`SecurityEventsMiddleware`: security events seen on the way out: a refused request
(403) and a file download (any response sent as an attachment: dashboard and /publicatie/
exports, import templates, report files), so no export can be added without being logged.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerError

from .audit import record
from .models import AuditResult
from .text import find_bad_character

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError, BrokerError)
RETRY_AFTER_SECONDS = 120


def bad_input_message(request) -> str:
    problem = find_bad_character(request.path_info)
    if problem:
        return problem
    data = [request.GET]
    if request.method == "POST" and request.content_type in (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        data.append(request.POST)
    for query in data:
        for key, values in query.lists():
            for text in (key, *values):
                problem = find_bad_character(text)
                if problem:
                    return problem
    return ""


class RefuseBadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        message = bad_input_message(request)
        if not message:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        return render(request, "400.html", {"message": message}, status=400)


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


class SecurityEventsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if response.status_code == 403:
            record(
                "permission.denied",
                request=request,
                result=AuditResult.DENIED,
                method=request.method,
                path=request.path,
            )
        elif (
            signed_in
            and response.status_code == 200
            and response.get("Content-Disposition", "").startswith("attachment")
        ):
            # Public (anonymous) downloads are open data and stay out of the log.
            record(
                getattr(response, "audit_action", "data.exported"),
                request=request,
                obj=getattr(response, "audit_object", None),
                path=request.path,
                query=request.META.get("QUERY_STRING", "")[:500],
                content_type=response.get("Content-Type", ""),
                filename=response["Content-Disposition"].partition("filename=")[2].strip('"'),
            )
        return response
