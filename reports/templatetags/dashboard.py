"""Links between dashboard pages that keep the selection (period, comparison) and stay on the
public (/openbaar/) or the logged-in (/dashboard/) side."""

from django import template

from reports.dashboard.links import dashboard_url

register = template.Library()


@register.simple_tag(takes_context=True)
def dash_url(context, name, *args, **query):
    """``{% dash_url "indicator" indicator.code doelgroep=row.doelgroep_code %}``"""
    ctx = context["dash"]
    return dashboard_url(ctx, name, *args, **query)


@register.filter
def amount(value, eenheid):
    """An amount in euros or × € 1.000 (rounded half up), Dutch notation."""
    from budgets.figures import format_amount

    return format_amount(value, eenheid)


@register.filter
def pct(value):
    from budgets.figures import format_pct

    return format_pct(value)
