"""Django's cache as every web and worker process shares it (Redis in production; in the embedded
mode each process's own memory), for what is costly to make again: drawn charts, suppression
patterns. A courtesy only: a cache that is down means making it again, never an error."""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def shared(method: str, *args):
    """``cache.<method>(*args)``, or None when the cache fails (logged)."""
    try:
        return getattr(cache, method)(*args)
    except Exception:  # noqa: BLE001 - any cache failure: make it again instead
        logger.warning("Gedeelde cache niet bereikbaar (%s)", method, exc_info=True)
        return None
