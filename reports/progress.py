"""The steps of making a report's files, as the progress page shows them. Each step spans the
percentages :func:`reports.tasks.build` reports between its start and its end."""

from django.utils.translation import gettext_lazy as _

# (percentage at which the step starts, at which it is done, label)
STEPS = [
    (5, 10, _("Goedgekeurde cijfers en teksten verzamelen")),
    (10, 50, _("Grafieken maken")),
    (50, 80, _("PDF opmaken")),
    (80, 95, _("Excel-bestand en CSV (open data) maken")),
    (95, 100, _("Bestanden bewaren met hun controlegetal")),
]

STATE_LABELS = {"done": _("klaar"), "current": _("bezig"), "todo": _("nog niet")}


def steps(progress: int) -> list[dict]:
    result = []
    for start, end, label in STEPS:
        if progress >= end:
            state = "done"
        elif progress >= start:
            state = "current"
        else:
            state = "todo"
        result.append(
            {
                "start": start,
                "end": end,
                "label": label,
                "state": state,
                "state_label": STATE_LABELS[state],
            }
        )
    return result
