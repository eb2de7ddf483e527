"""Permission matrices as declared tables, one per app, in the spirit of NetBox's view test mixins
(``utilities/testing/views.py``: a test case declares its model and data, the mixins generate the
tests). Here an app declares

- ``PEOPLE``: the people of its test world, each a role and whether the object is of their own
  organisation or another's (``"beleid": "beleidsmedewerker, eigen gemeente (Vlissingen)"``);
- ``ACTIONS``: per action a :class:`Request` (method, URL from the world, form data, and what to
  prepare first);
- ``TABLE``: per action the status code each person gets, a tuple in the order of ``PEOPLE`` or a
  dict for the people the row is about (``None`` in a tuple: not declared); a cell may be
  ``(status, outcome)`` when the test also checks what the action did;

and ``matrix(PEOPLE, TABLE)`` turns the table into one ``pytest.param`` per cell, named
``action-person``. The test that runs a cell is a few lines in the app's test module, with
:func:`run` doing the request.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pytest

ANONYMOUS = "anoniem"


@dataclass(frozen=True)
class Request:
    method: str  # "get" or "post"
    url: Callable  # world → path
    data: Mapping | Callable | None = None  # form data, or world → form data
    prepare: Callable | None = None  # world → None: bring the object into the right state
    kwargs: dict = field(default_factory=dict)  # passed to the client (format="json")


def matrix(people: Mapping[str, str] | Sequence[str], table: Mapping[str, object]) -> list:
    """One ``pytest.param(action, person, expected)`` per cell of ``table``."""
    order = list(people)
    params = []
    for action, row in table.items():
        if isinstance(row, Mapping):
            cells = row.items()
        else:
            if len(row) != len(order):
                raise ValueError(f"{action}: {len(row)} cells for {len(order)} people")
            cells = zip(order, row, strict=True)
        for person, expected in cells:
            if person not in order:
                raise ValueError(f"{action}: unknown person {person!r}")
            if expected is None:
                continue  # not declared for this person
            params.append(pytest.param(action, person, expected, id=f"{action}-{person}"))
    return params


def status_and_outcome(expected) -> tuple[int, object]:
    """A cell is a status code, or (status code, outcome)."""
    if isinstance(expected, tuple):
        return expected
    return expected, None


def run(client, request: Request, world):
    """Prepare the world, then make the request; the response."""
    if request.prepare is not None:
        request.prepare(world)
    data = request.data(world) if callable(request.data) else request.data
    path = request.url(world)
    if data is None:
        return getattr(client, request.method)(path, **request.kwargs)
    return getattr(client, request.method)(path, data, **request.kwargs)
