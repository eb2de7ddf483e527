"""The progress page shows the steps of making the files and where the task is, from the
report row: a reload (or another browser) shows the same."""

from django.test import Client
from django.urls import reverse

from reports.models import GenerationStatus, Report


def test_a_report_being_made_shows_its_steps_and_percentage(report, approved_world):
    Report.objects.filter(pk=report.pk).update(
        generation_status=GenerationStatus.RUNNING,
        progress=50,
        progress_message="Grafieken gemaakt",
    )
    client = Client()
    client.force_login(approved_world.beleid)
    for _reload in range(2):
        page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
        assert 'value="50"' in page and "Grafieken gemaakt (50%)" in page
        assert '<li class="step-done" data-start="10" data-end="50">Grafieken maken' in page
        assert '<li class="step-current" data-start="50" data-end="80">PDF opmaken' in page
        assert '<li class="step-todo" data-start="80"' in page
    progress = client.get(reverse("reports:progress", args=[report.pk])).json()
    assert progress["progress"] == 50 and not progress["finished"]
