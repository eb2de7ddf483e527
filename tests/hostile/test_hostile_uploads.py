"""Every file of the hostile corpus is answered with a Dutch message, nothing is saved, and
reading it stays far below 200 MB. (CPU time is measured, not asserted: see
``python manage.py benchmark_hostile_files`` and docs/reliability.md.)"""

import html
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.importing.cells import FileProblem
from indicators.importing.upload import read_upload
from indicators.models import ImportJob, Value

from .corpus import CASES

MEMORY_BUDGET = 200 * 1024 * 1024


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_upload_is_refused_in_dutch_and_nothing_is_saved(
    case, hostile_files, world, client
):
    values_before = Value.objects.count()
    client.force_login(world.leverancier)
    response = client.post(
        reverse("indicators:import_upload", args=[world.submission.pk]),
        {"bestand": SimpleUploadedFile(case.filename, hostile_files[case.name])},
    )
    assert response.status_code == 200
    assert case.expect in html.unescape(response.content.decode())
    assert not ImportJob.objects.exists()
    assert Value.objects.count() == values_before


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_reading_a_hostile_file_allocates_less_than_200_mb(case, hostile_files):
    data = hostile_files[case.name]
    tracemalloc.start()
    try:
        with pytest.raises(FileProblem):
            read_upload(data, case.filename)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BUDGET
