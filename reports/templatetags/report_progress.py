from django import template

from reports.progress import STATE_LABELS, steps

register = template.Library()


@register.inclusion_tag("reports/_generation_steps.html")
def generation_steps(report):
    return {"steps": steps(report.progress), "state_labels": STATE_LABELS}
