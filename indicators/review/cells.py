"""A cell of the grid named in a URL or form: ``cel-<indicator>-<doelgroep or 0>-<area>``, the
prefix the grid's inputs carry (:func:`indicators.submissions.forms.cell_prefix`)."""

import re

from indicators.submissions.cells import CellKey

_CELL = re.compile(r"^cel-(\d{1,10})-(\d{1,10})-(\d{1,10})$")


def parse_cell(text: str) -> CellKey | None:
    match = _CELL.match(text or "")
    if match is None:
        return None
    indicator_id, doelgroep_id, area_id = (int(part) for part in match.groups())
    return (indicator_id, doelgroep_id or None, area_id)
