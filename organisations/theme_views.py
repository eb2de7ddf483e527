"""The huisstijl's stylesheet and logo: public, because the log-in page, the public dashboard
and the error pages show them too. The Content-Security-Policy allows no inline style, so the
primary colour reaches the page as a small stylesheet per huisstijl."""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from .theme import Huisstijl, theme_by_key

# The URLs carry the huisstijl's version (?v=), so a browser may keep them for a day.
CACHE_SECONDS = 24 * 3600


@require_GET
def theme_css(request, key):
    theme = theme_by_key(key)
    if theme is None:
        raise Http404
    response = render(request, "organisations/theme.css", {"theme": theme}, content_type="text/css")
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


@require_GET
def theme_logo(request, pk):
    huisstijl = get_object_or_404(Huisstijl, pk=pk)
    if not huisstijl.logo:
        raise Http404
    content_type = mimetypes.guess_type(huisstijl.logo.name)[0] or "application/octet-stream"
    response = FileResponse(huisstijl.logo.open("rb"), content_type=content_type)
    # An SVG opened on its own must not run anything (it was checked at upload as well).
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response
