"""Helpers to post the supplier's grid the way a browser does."""

from indicators.submissions.forms import cell_prefix


def field(world, indicator, doelgroep, name="waarde", area=None):
    """The name (and id) of a grid input."""
    area = area or world.walcheren
    key = (indicator.pk, doelgroep.pk if doelgroep else None, area.pk)
    return f"{cell_prefix(key)}-{name}"


def grid_post(world, aantal_werkzoekenden="", aantal_wsw="", uitstroom="", action="opslaan"):
    return {
        field(world, world.aantal_clienten, world.werkzoekenden): aantal_werkzoekenden,
        field(world, world.aantal_clienten, world.wsw): aantal_wsw,
        field(world, world.uitstroom_pct, world.werkzoekenden): uitstroom,
        "actie": action,
    }
