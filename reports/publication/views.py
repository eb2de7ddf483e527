"""Publication pages: the publishable table of approved figures with disclosure control applied,
and its downloads (CSV, footnotes CSV, XLSX).

These are the only web pages that hide or round figures; see :mod:`indicators.disclosure.publication`.
"""

from functools import wraps

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from indicators.disclosure import Flag
from indicators.disclosure.publication import (
    PublicatieForm,
    footnotes_csv,
    may_publish,
    to_csv,
    to_xlsx,
)

DOWNLOADS = {
    "csv": ("text/csv; charset=utf-8", "csv", to_csv),
    "voetnoten": ("text/csv; charset=utf-8", "voetnoten.csv", footnotes_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        to_xlsx,
    ),
}


def publisher_required(view):
    """Only beleidsmedewerkers and beheerders publish; for anyone else the pages do not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not may_publish(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@publisher_required
def index(request):
    form = PublicatieForm(request.GET or None, user=request.user)
    publication = form.publication() if form.is_valid() else None
    counts = publication.flag_counts if publication else {}
    return render(
        request,
        "indicators/publicatie/index.html",
        {
            "form": form,
            "publication": publication,
            "query": request.GET.urlencode(),
            "n_primary": counts.get(Flag.PRIMARY, 0),
            "n_secondary": counts.get(Flag.SECONDARY, 0),
            "n_derived": counts.get(Flag.DERIVED, 0),
        },
    )


@publisher_required
def download(request, kind):
    form = PublicatieForm(request.GET, user=request.user)
    if not form.is_valid():
        return HttpResponseBadRequest(
            _("Kies een gemeente en een periode waarvoor u mag publiceren."),
            content_type="text/plain; charset=utf-8",
        )
    content_type, extension, render_file = DOWNLOADS[kind]
    publication = form.publication()
    response = HttpResponse(render_file(publication), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{publication.slug}.{extension}"'
    return response
