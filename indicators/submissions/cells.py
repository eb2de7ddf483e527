"""The cells of a submission: its rows (indicator × doelgroep) × its gemeenten/regio's, and the
figures it holds by cell. Read by the grid and saving (:mod:`.services`) and by the checks
(:mod:`indicators.quality.rules`), so it imports neither."""

from indicators.models import Submission, UitvraagRegel, Value

CellKey = tuple[int, int | None, int]  # (indicator_id, doelgroep_id, area_id)


def submission_rows(submission: Submission) -> list[UitvraagRegel]:
    return list(
        submission.uitvraag.regels.select_related("indicator__thema", "doelgroep").order_by(
            "order", "pk"
        )
    )


def submission_areas(submission: Submission):
    # Gemeenten first, then regio's, each by name.
    return sorted(submission.uitvraag.areas.all(), key=lambda a: (a.kind != "gemeente", a.name))


def expected_keys(submission: Submission, rows=None, areas=None) -> list[CellKey]:
    rows = rows if rows is not None else submission_rows(submission)
    areas = areas if areas is not None else submission_areas(submission)
    return [(r.indicator_id, r.doelgroep_id, a.pk) for r in rows for a in areas]


def values_by_key(submission: Submission) -> dict[CellKey, Value]:
    return {v.key: v for v in submission.values.all()}
