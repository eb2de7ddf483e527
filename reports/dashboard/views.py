"""Dashboard pages: logged in under /dashboard/, public under /openbaar/ (``public=True``).

Thin: find the gemeente and what the viewer may see of it (:func:`figures.audience_for`; on
the public side only when the gemeente switched its public dashboard on), read the selection from
the query string, call one function of :mod:`.services`, render or export.
"""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from indicators.models import Indicator, Thema
from organisations.models import Organisation
from organisations.theme import theme_for

from . import budget, charts, exports, figures, pages, services, sources
from .figures import PUBLIC
from .landing import landing as landing_page
from .links import dashboard_url, url_name

TEMPLATE_DIR = "dashboard"


def _gemeente(request, code: str, public: bool):
    gemeente = get_object_or_404(Organisation.objects.gemeenten(), code=code)
    if public:
        if not gemeente.public_dashboard:
            raise Http404
        return gemeente, PUBLIC
    audience = figures.audience_for(request.user, gemeente)
    if audience is None:
        raise Http404
    return gemeente, audience


def _context(request, code: str, public: bool) -> services.Context:
    gemeente, audience = _gemeente(request, code, public)
    return services.build_context(
        gemeente,
        audience,
        periode=request.GET.get("periode"),
        vergelijk=request.GET.get("vergelijk"),
        user=request.user if not public else None,
        public=public,
    )


def _problems(request, ctx: services.Context) -> dict[str, str]:
    """Messages for a period or comparison in the URL that does not exist (or is not allowed)."""
    problems = {}
    periode, vergelijk = request.GET.get("periode"), request.GET.get("vergelijk")
    if periode and (ctx.period is None or ctx.period.identifier != periode):
        problems["periode"] = _(
            "Onbekende periode ‘%(code)s’: de laatste periode wordt getoond."
        ) % {"code": periode}
    if vergelijk and ctx.compare is None:
        problems["vergelijk"] = _(
            "Vergelijken met ‘%(code)s’ is niet mogelijk: kies een gemeente, regio of het gemiddelde."
        ) % {"code": vergelijk}
    return problems


def _render(request, template, ctx, **extra):
    compare_groups = [
        ("gemeente", _("Gemeenten"), [o for o in ctx.compare_options if o.group == "gemeente"]),
        ("regio", _("Regio"), [o for o in ctx.compare_options if o.group == "regio"]),
    ]
    context = {
        "dash": ctx,
        "compare_groups": [g for g in compare_groups if g[2]],
        "gemiddelde": next((o for o in ctx.compare_options if o.group == figures.GEMIDDELDE), None),
        "problems": _problems(request, ctx),
        "themas": pages.themas(),
        "cache_seconds": figures.cache_seconds(),
        # A gemeente's dashboard (also the public one) wears that gemeente's huisstijl.
        "theme": theme_for(ctx.gemeente),
        **extra,
    }
    return render(request, f"{TEMPLATE_DIR}/{template}", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _table_response(table: exports.Table, fmt: str) -> HttpResponse:
    if fmt not in exports.WRITERS:
        raise Http404
    content_type, write = exports.WRITERS[fmt]
    return _download(write(table), content_type, f"{table.slug}.{fmt}")


# --- choosing a gemeente ---------------------------------------------------------------------


@require_GET
def index(request, public=False):
    if public:
        candidates = list(sources.public_gemeenten())
        with_report = sources.latest_reports([g.pk for g in candidates])
        gemeenten = [g for g in candidates if g.pk in with_report]
    else:
        gemeenten = list(figures.dashboard_gemeenten(request.user))
        if len(gemeenten) == 1:
            return redirect(reverse(url_name("gemeente", False), args=[gemeenten[0].code]))
    links = [(g, reverse(url_name("gemeente", public), args=[g.code])) for g in gemeenten]
    return render(request, f"{TEMPLATE_DIR}/index.html", {"gemeenten": links, "public": public})


# --- the pages -------------------------------------------------------------------------------


@require_GET
def gemeente(request, code, public=False):
    ctx = _context(request, code, public)
    show_budget = budget.budget_visible(request.user, ctx)
    return _render(
        request,
        "gemeente.html",
        ctx,
        # Computed only when the rendered tiles are not in the cache.
        landing=SimpleLazyObject(lambda: landing_page(ctx)),
        show_budget=show_budget,
        fragment_key=ctx.cache_key("gemeente", show_budget),
    )


@require_GET
def gemeente_export(request, code, fmt, public=False):
    ctx = _context(request, code, public)
    home = pages.home(ctx)
    blocks = services.indicator_blocks(ctx, ctx.indicators)
    return _table_response(exports.home_table(home, blocks), fmt)


def _thema(code) -> Thema:
    return get_object_or_404(Thema, code=code)


@require_GET
def thema(request, code, thema_code, public=False):
    ctx = _context(request, code, public)
    chosen = _thema(thema_code)
    return _render(
        request,
        "thema.html",
        ctx,
        thema=chosen,
        # Computed only when the rendered tables are not in the cache.
        page=SimpleLazyObject(lambda: pages.thema_page(ctx, chosen)),
        fragment_key=ctx.cache_key("thema", chosen.pk),
    )


@require_GET
def thema_export(request, code, thema_code, fmt, public=False):
    ctx = _context(request, code, public)
    page = pages.thema_page(ctx, _thema(thema_code))
    return _table_response(exports.thema_table(page), fmt)


def _indicator_page(request, ctx, indicator_code) -> pages.IndicatorPage:
    indicator = get_object_or_404(
        Indicator.objects.select_related("thema", "uitvoerder"), code=indicator_code
    )
    if not ctx.audience.shows(indicator):
        raise Http404
    return pages.indicator_page(ctx, indicator, request.GET.get("doelgroep"))


@require_GET
def indicator(request, code, indicator_code, public=False):
    ctx = _context(request, code, public)
    page = _indicator_page(request, ctx, indicator_code)
    chart_query = {"doelgroep": page.doelgroep_code}
    return _render(
        request,
        "indicator.html",
        ctx,
        page=page,
        thema=page.indicator.thema,
        chart_svg=dashboard_url(ctx, "indicator_chart", indicator_code, "svg", **chart_query),
        chart_png=dashboard_url(ctx, "indicator_chart", indicator_code, "png", **chart_query),
        chart_alt=charts.indicator_alt(page) if page.has_figures else "",
        chart_description=charts.indicator_description(page) if page.has_figures else "",
    )


@require_GET
def indicator_export(request, code, indicator_code, fmt, public=False):
    ctx = _context(request, code, public)
    page = _indicator_page(request, ctx, indicator_code)
    kind = "doelgroepen" if request.GET.get("tabel") == "doelgroepen" else "verloop"
    return _table_response(exports.indicator_table(page, kind), fmt)


@require_GET
def indicator_chart(request, code, indicator_code, fmt, public=False):
    if fmt not in charts.FORMATS:
        raise Http404
    ctx = _context(request, code, public)
    doelgroep = request.GET.get("doelgroep", "")
    key = "dashboard-chart:" + ctx.cache_key("indicator", indicator_code, doelgroep, fmt)
    content = cache.get(key)
    if content is None:
        page = _indicator_page(request, ctx, indicator_code)
        if not page.has_figures:
            raise Http404
        content = charts.indicator_chart(page, fmt)
        cache.set(key, content, figures.cache_seconds())
    response = HttpResponse(content, content_type=charts.FORMATS[fmt])
    if request.GET.get("download"):
        slug = f"dashboard-{ctx.gemeente.code}-{indicator_code}-{slugify(doelgroep) or 'alle'}"
        response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response


def _budget_page(request, ctx) -> budget.BudgetPage:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        year = None
    page = budget.budget_page(
        request.user if not ctx.public else None, ctx, year, request.GET.get("bedrag", "lasten")
    )
    if not page.available:
        raise Http404
    return page


@require_GET
def begroting(request, code, public=False):
    ctx = _context(request, code, public)
    page = _budget_page(request, ctx)
    query = {"jaar": page.year, "bedrag": page.bedrag}
    has_chart = any(r.kind == "taakveld" for r in page.rows)
    return _render(
        request,
        "begroting.html",
        ctx,
        page=page,
        bedragen=list(budget.BEDRAGEN.items()),
        chart_svg=dashboard_url(ctx, "begroting_chart", "svg", **query) if has_chart else "",
        chart_png=dashboard_url(ctx, "begroting_chart", "png", **query) if has_chart else "",
        chart_alt=charts.budget_alt(page) if has_chart else "",
        chart_description=charts.budget_description(page) if has_chart else "",
    )


@require_GET
def begroting_export(request, code, fmt, public=False):
    ctx = _context(request, code, public)
    return _table_response(exports.budget_table(_budget_page(request, ctx)), fmt)


@require_GET
def begroting_chart(request, code, fmt, public=False):
    if fmt not in charts.FORMATS:
        raise Http404
    ctx = _context(request, code, public)
    page = _budget_page(request, ctx)
    if not any(r.kind == "taakveld" for r in page.rows):
        raise Http404
    response = HttpResponse(charts.budget_chart(page, fmt), content_type=charts.FORMATS[fmt])
    if request.GET.get("download"):
        slug = f"dashboard-{ctx.gemeente.code}-begroting-{page.year}-{page.bedrag}"
        response["Content-Disposition"] = f'attachment; filename="{slug}.{fmt}"'
    return response
