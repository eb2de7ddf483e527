"""Security events seen on the way out: a refused request (403) and a file download (any
response sent as an attachment: dashboard and /publicatie/ exports, import templates, report
files), so no export can be added without being logged."""

from .audit import record
from .models import AuditResult


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
