"""A report shows what its gemeente's report profile chooses; by default the monitor's own
structure: one chart per indicator with the doelgroepen as its lines."""

import base64
from datetime import UTC, datetime

import pytest

from core import charts as primitives
from core.models import AuditEntry
from reports import charts
from reports.content import collect
from reports.profile import ChartChoice, ReportProfile

WHEN = datetime(2019, 4, 10, 10, 0, tzinfo=UTC)


def svg_of(chart) -> str:
    return base64.b64decode(chart.image.split(",", 1)[1]).decode()


def clienten_charts(report, world):
    return [c for c in collect(report, WHEN).charts if c.indicator == world.aantal_clienten]


def test_by_default_an_indicator_has_one_chart_with_a_line_per_doelgroep(report, approved_world):
    world = approved_world
    [chart] = clienten_charts(report, world)
    assert chart.doelgroep is None and chart.by_doelgroep
    assert [s.label for s in chart.series] == ["Werkzoekenden", "Wsw"]
    assert chart.series_heading == "Doelgroep"
    # The tables stay per doelgroep.
    [deel2] = collect(report, WHEN).themas[0].prestaties
    assert [t.caption for t in deel2.tables][:2] == ["Werkzoekenden", "Wsw"]


def test_the_lines_carry_their_names_in_the_chart_itself(report, approved_world):
    [chart] = clienten_charts(report, approved_world)
    svg = svg_of(charts.render(chart))
    assert "Werkzoekenden" in svg and "Wsw" in svg
    assert "legend" not in svg


def test_a_profile_can_ask_for_a_chart_per_doelgroep(report, approved_world):
    world = approved_world
    ReportProfile.objects.create(gemeente=world.vlissingen, charts=ChartChoice.PER_DOELGROEP)
    found = clienten_charts(report, world)
    assert [c.doelgroep for c in found] == [world.werkzoekenden, world.wsw]


def test_a_profile_without_charts_keeps_the_tables_and_the_xlsx_figures(report, approved_world):
    world = approved_world
    ReportProfile.objects.create(gemeente=world.vlissingen, charts=ChartChoice.GEEN)
    content = collect(report, WHEN)
    assert content.charts == []
    assert any(t.figures for t in content.themas[0].prestaties[0].tables)
    # Both periods of every series are still in the XLSX's figures.
    periods = {f.period.identifier for f in content.history if f.indicator == world.aantal_clienten}
    assert periods == {"2017H2", "2018H1"}


def test_a_profile_leaves_out_thema_and_supplier_but_not_the_appendix(report, approved_world):
    world = approved_world
    profile = ReportProfile.objects.create(gemeente=world.vlissingen)
    profile.uitvoerders.set([world.porthos])
    content = collect(report, WHEN)
    assert all(s.uitvoerder != world.orionis for t in content.themas for s in t.prestaties)
    assert world.aantal_clienten in [row.indicator for row in content.bijlage]
    profile.themas.set([])
    profile.uitvoerders.set([])
    profile.indicators.set([world.uitstroom_pct])
    content = collect(report, WHEN)
    shown = {
        f.indicator
        for t in content.themas
        for s in t.sections
        for tb in s.tables
        for f in tb.figures
    }
    assert shown == {world.uitstroom_pct}
    assert content.profile["indicators"] == [world.uitstroom_pct.pk]


def test_the_same_chart_is_drawn_once_and_gives_the_same_bytes(report, approved_world, monkeypatch):
    [chart] = clienten_charts(report, approved_world)
    primitives.forget_drawn()
    drawn = []
    real = charts._draw
    monkeypatch.setattr(charts, "_draw", lambda c: drawn.append(c) or real(c))
    first = charts.render_svg(chart)
    [again] = clienten_charts(report, approved_world)
    assert charts.render_svg(again) == first
    assert len(drawn) == 1
    again.primary = "#00689e"  # another theme colour is another chart
    assert charts.render_svg(again) != first


@pytest.mark.parametrize(
    "user, status",
    [("beleid", 200), ("beheerder", 200), ("other_beleid", 404), ("leverancier", 404)],
)
def test_who_may_open_a_gemeentes_report_profile(client, world, user, status):
    client.force_login(getattr(world, user))
    assert client.get(f"/rapportages/profiel/{world.vlissingen.pk}/").status_code == status


def test_the_beleidsmedewerker_saves_the_profile_and_it_is_audited(client, world):
    client.force_login(world.beleid)
    response = client.post(
        f"/rapportages/profiel/{world.vlissingen.pk}/",
        {
            "charts": ChartChoice.POPULATIE,
            "compare_gemeenten": "on",
            "themas": [],
            "indicators": [],
        },
    )
    assert response.status_code == 302
    profile = ReportProfile.objects.get(gemeente=world.vlissingen)
    assert profile.charts == ChartChoice.POPULATIE and profile.updated_by == world.beleid
    assert AuditEntry.objects.filter(action="rapportprofiel.changed", actor=world.beleid).exists()
