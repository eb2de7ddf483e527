"""Where a request comes from: client IP (behind a trusted reverse proxy), user agent, request id.

One function for django-axes (``AXES_CLIENT_IP_CALLABLE``) and the security log, so a lockout and
the log name the same address.
"""

import contextvars
import ipaddress
import re
import uuid

import structlog
from django.conf import settings

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The request being handled, so an event raised deep inside (a model signal, a workflow step)
# still records where it came from.
current_request: contextvars.ContextVar = contextvars.ContextVar("current_request", default=None)


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or with ``TRUSTED_PROXY_COUNT`` = n the n-th address from the right of
    X-Forwarded-For: each trusted proxy appends the address it saw, so the addresses further
    left are whatever the client wrote and cannot be trusted."""
    remote = _valid_ip(request.META.get("REMOTE_ADDR", "") or "")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [a for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < count:
        return remote
    return _valid_ip(forwarded[-count]) or remote


def user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")[:255]


def request_id(request) -> str:
    return getattr(request, "request_id", "") if request is not None else ""


class RequestIdMiddleware:
    """Gives every request an id (the proxy's X-Request-ID when it sends a sane one), sends it
    back in the response and binds it to the structured log, so a log line, a security-log
    entry and the proxy's access log can be matched."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request.request_id)
        reset = current_request.set(request)
        try:
            response = self.get_response(request)
        finally:
            current_request.reset(reset)
        response[REQUEST_ID_HEADER] = request.request_id
        return response
