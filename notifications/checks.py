from django.conf import settings
from django.core.checks import Warning, register


@register()
def site_url(app_configs, **kwargs):
    """Links in e-mails need the site's real address; it is never guessed."""
    if settings.DEBUG or settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is not set: links in e-mails are relative (no host).",
            hint="Set SITE_URL to the address people use, e.g. https://monitor.example.nl.",
            id="notifications.W001",
        )
    ]
