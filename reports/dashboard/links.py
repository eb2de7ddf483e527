"""URLs of dashboard pages: the same pages exist logged in (``dashboard:<name>``) and public
(``openbaar:openbaar_<name>``, names that the login middleware lets through)."""

from urllib.parse import urlencode

from django.urls import reverse


def url_name(name: str, public: bool) -> str:
    return f"openbaar:openbaar_{name}" if public else f"dashboard:{name}"


def dashboard_url(ctx, name: str, *args, keep: bool = True, **query) -> str:
    """The page ``name`` of the context's gemeente; ``keep``: carry the selection along.
    Extra query parameters with an empty value are left out."""
    path = reverse(url_name(name, ctx.public), args=[ctx.gemeente.code, *args])
    params = dict(ctx.query) if keep else {}
    params.update({k: v for k, v in query.items() if v not in (None, "")})
    return f"{path}?{urlencode(params)}" if params else path
