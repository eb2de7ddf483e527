"""Panels of the report detail page that need more than the view hands the template."""

from django import template

from ..readiness import readiness

register = template.Library()


@register.inclusion_tag("reports/_readiness.html", takes_context=True)
def readiness_panel(context, report):
    """Which figures of the report's period are still missing or unapproved, and which texts."""
    return {"report": report, "readiness": readiness(report, context["request"].user)}
