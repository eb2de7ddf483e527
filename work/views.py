from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext

from organisations.access import Access

from .counts import counts_for
from .services import KINDS, SECTIONS, SORTS, my_work, refine


def home(request):
    """Mijn werk: the start page is this person's task list."""
    access = Access.for_user(request.user)
    if access.only_griffie:
        return redirect("reports:griffie")
    chosen = {
        "q": request.GET.get("q", "").strip(),
        "kind": request.GET.get("soort", ""),
        "status": request.GET.get("status", ""),
        "sort": request.GET.get("sorteer", ""),
    }
    everything = my_work(request.user)
    counts_for(request.user, everything)  # the navigation's count, without asking twice
    work = refine(everything, **chosen)
    statuses = sorted(
        {(i.status_code, i.status) for _key, _label, items in everything.sections for i in items}
    )
    return render(
        request,
        "work/home.html",
        {
            "work": work,
            "all_counts": everything.counts,
            "chosen": chosen,
            "kinds": KINDS,
            "sorts": SORTS,
            "statuses": statuses,
            "sections": SECTIONS,
            "filtered": any(chosen.values()),
        },
    )


def counts(request):
    """The navigation's counts as JSON, for ``static/js/counts.js``."""
    numbers = counts_for(request.user)
    labels = {
        "work": ngettext("%(n)s taak", "%(n)s taken", numbers["work"]) % {"n": numbers["work"]},
        "unread": ngettext("%(n)s ongelezen", "%(n)s ongelezen", numbers["unread"])
        % {"n": numbers["unread"]},
    }
    return JsonResponse({**numbers, "labels": labels})
