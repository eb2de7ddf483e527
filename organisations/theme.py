"""The huisstijl (name, primary colour, logo) of the deployment and of each gemeente.

A beheerder sets them in the admin. ``theme_for(gemeente)`` is what the header, the public
dashboard and the report ask: the gemeente's own huisstijl, else the deployment's, else the
settings' defaults. The themes are read once into the cache (one query) and dropped from it
whenever a huisstijl changes, so a page costs no query for its look.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

CACHE_KEY = "huisstijl:themes"
# Bounds how long another process without a shared cache shows an old huisstijl.
CACHE_SECONDS = 300
LOGO_MAX_BYTES = 1024 * 1024
LOGO_MAX_PIXELS = 4000
# Links and buttons in the primary colour sit on white: WCAG 2.1 AA asks 4.5:1 for text.
MIN_CONTRAST_ON_WHITE = 4.5

colour_validator = RegexValidator(
    r"^#[0-9A-Fa-f]{6}$", _("Geef een kleur als #RRGGBB, bijvoorbeeld #1B4F72.")
)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker(colour: str, factor: float = 0.78) -> str:
    """The hover/active shade of the primary colour."""
    r, g, b = (round(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def validate_contrast(colour: str) -> None:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", colour or ""):
        return  # the format validator reports it
    ratio = contrast_ratio(colour, "#ffffff")
    if ratio < MIN_CONTRAST_ON_WHITE:
        raise ValidationError(
            _(
                "Deze kleur heeft een contrast van %(ratio).1f:1 met wit; tekst en knoppen "
                "vragen minstens 4,5:1 (WCAG 2.1 AA). Kies een donkerdere kleur."
            ),
            params={"ratio": ratio},
            code="contrast",
        )


_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_FORBIDDEN_SVG_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler"}


def validate_logo(upload) -> None:
    """A logo is a PNG or an SVG without scripts, event handlers or references outside itself:
    it is shown on public pages and embedded in the PDF."""
    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(_("Het logo mag hoogstens 1 MB zijn."), code="size")
    name = upload.name.lower()
    upload.seek(0)
    if name.endswith(".png"):
        _validate_png(upload)
    elif name.endswith(".svg"):
        _validate_svg(upload.read())
    upload.seek(0)


def _validate_png(upload) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
            if image.format != "PNG":
                raise ValidationError(_("Dit bestand is geen PNG-afbeelding."), code="format")
            if max(image.size) > LOGO_MAX_PIXELS:
                raise ValidationError(
                    _("Het logo mag hoogstens 4000 pixels breed of hoog zijn."), code="pixels"
                )
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            _("Dit bestand is geen leesbare PNG-afbeelding."), code="png"
        ) from exc


def _validate_svg(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ValidationError(_("Dit bestand is geen geldige SVG-afbeelding."), code="svg") from exc
    if root.tag != f"{_SVG_NS}svg":
        raise ValidationError(_("Dit bestand is geen SVG-afbeelding."), code="svg")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if tag in _FORBIDDEN_SVG_ELEMENTS:
            raise ValidationError(
                _("Een logo mag geen scripts of ingesloten inhoud bevatten (<%(tag)s>)."),
                params={"tag": tag},
                code="svg-script",
            )
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                raise ValidationError(
                    _("Een logo mag geen scripts bevatten (%(attribute)s)."),
                    params={"attribute": local},
                    code="svg-script",
                )
            if attribute in ("href", _XLINK_HREF) and not value.startswith("#"):
                raise ValidationError(
                    _("Een logo mag niet naar andere bestanden verwijzen (%(value)s)."),
                    params={"value": value[:60]},
                    code="svg-href",
                )
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                raise ValidationError(
                    _("Een logo mag niet naar andere bestanden verwijzen."), code="svg-href"
                )


class Huisstijl(models.Model):
    """The look of the deployment (no organisation) or of one gemeente."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="huisstijl",
        limit_choices_to={"kind": "gemeente"},
        verbose_name=_("gemeente"),
        help_text=_("Leeg: de huisstijl van deze installatie, voor wie geen eigen gemeente heeft."),
    )
    name = models.CharField(
        _("naam"),
        max_length=120,
        blank=True,
        help_text=_("Naam in de kop en op het rapport, bijvoorbeeld ‘Gemeente Vlissingen’."),
    )
    primary_colour = models.CharField(
        _("hoofdkleur"),
        max_length=7,
        validators=[colour_validator, validate_contrast],
        help_text=_("#RRGGBB; minstens 4,5:1 contrast met wit."),
    )
    logo = models.FileField(
        _("logo"),
        upload_to="huisstijl/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png"]), validate_logo],
        help_text=_("SVG of PNG, hoogstens 1 MB."),
    )
    updated = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("huisstijl")
        verbose_name_plural = _("huisstijlen")
        constraints = [
            # One huisstijl per gemeente (the one-to-one) and one for the deployment.
            models.UniqueConstraint(
                Coalesce("organisation", Value(0)),
                name="huisstijl_one_per_owner",
                violation_error_message=_("Er is al een huisstijl voor deze installatie."),
            ),
        ]

    def __str__(self):
        return self.name or (str(self.organisation) if self.organisation_id else _("Installatie"))


@dataclass(frozen=True)
class Theme:
    """What a page or the report needs of a huisstijl."""

    name: str
    primary_colour: str
    logo_path: Path | None
    logo_url: str
    # "standaard" (the settings) or the huisstijl's pk: names its stylesheet.
    key: str = "standaard"
    version: str = "0"

    @property
    def primary_dark(self) -> str:
        return darker(self.primary_colour)

    @property
    def css_url(self) -> str:
        return f"{reverse('theme_css', args=[self.key])}?v={self.version}"

    @property
    def logo_is_default(self) -> bool:
        return self.key == "standaard" or self.logo_url == static(settings.THEME_LOGO)


def default_theme() -> Theme:
    return Theme(
        name=str(settings.THEME_NAME),
        primary_colour=settings.THEME_PRIMARY_COLOUR,
        logo_path=settings.BASE_DIR / "static" / settings.THEME_LOGO,
        logo_url=static(settings.THEME_LOGO),
    )


def _version(huisstijl: Huisstijl) -> str:
    return str(int(huisstijl.updated.timestamp()))


def _theme_of(huisstijl: Huisstijl, fallback: Theme) -> Theme:
    if huisstijl.logo:
        logo_path = Path(huisstijl.logo.path)
        logo_url = reverse("theme_logo", args=[huisstijl.pk]) + f"?v={_version(huisstijl)}"
    else:
        logo_path, logo_url = fallback.logo_path, fallback.logo_url
    name = huisstijl.name or (
        huisstijl.organisation.name if huisstijl.organisation_id else fallback.name
    )
    return Theme(
        name=name,
        primary_colour=huisstijl.primary_colour.lower(),
        logo_path=logo_path,
        logo_url=logo_url,
        key=str(huisstijl.pk),
        version=_version(huisstijl),
    )


def _themes() -> dict:
    """{None: the deployment's theme, gemeente pk: its theme}, from the cache."""
    themes = cache.get(CACHE_KEY)
    if themes is None:
        default = default_theme()
        rows = list(Huisstijl.objects.select_related("organisation"))
        deployment = next((r for r in rows if r.organisation_id is None), None)
        base = _theme_of(deployment, default) if deployment else default
        themes = {None: base}
        for row in rows:
            if row.organisation_id is not None:
                themes[row.organisation_id] = _theme_of(row, base)
        cache.set(CACHE_KEY, themes, CACHE_SECONDS)
    return themes


def theme_for(organisation=None) -> Theme:
    """The gemeente's theme (an Organisation or its pk), else the deployment's, else the
    settings' defaults."""
    themes = _themes()
    pk = getattr(organisation, "pk", organisation)
    return themes.get(pk) or themes[None]


def theme_by_key(key: str) -> Theme | None:
    themes = _themes()
    if key == "standaard":
        return default_theme()
    return next((t for t in themes.values() if t.key == key), None)


@receiver([post_save, post_delete], sender=Huisstijl)
def _forget_themes(**kwargs):
    cache.delete(CACHE_KEY)


@checks.register(checks.Tags.compatibility)
def check_default_colour(app_configs=None, **kwargs):
    """THEME_PRIMARY_COLOUR comes from the environment: the same rules as in the admin."""
    try:
        colour_validator(settings.THEME_PRIMARY_COLOUR)
        validate_contrast(settings.THEME_PRIMARY_COLOUR)
    except ValidationError as error:
        return [
            checks.Error(
                f"THEME_PRIMARY_COLOUR={settings.THEME_PRIMARY_COLOUR!r}: {' '.join(error.messages)}",
                id="organisations.E001",
            )
        ]
    return []
