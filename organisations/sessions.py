"""How long a session lives, and ending every session of a person at once.

A session ends SESSION_IDLE_MINUTES after its last request and SESSION_ABSOLUTE_HOURS after
logging in. Both moments are kept in the session itself, so checking costs no query; the last
request is written back at most once a minute, so browsing does not save the session every time.
"""

import time
from importlib import import_module

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .models import UserSession
from .signals import sessions_ended

STARTED = "msd_session_started"
LAST_SEEN = "msd_session_last_seen"
TOUCH_INTERVAL = 60  # seconds between writes of LAST_SEEN


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


@receiver(user_logged_in, dispatch_uid="msd_session_started")
def session_started(sender, request, user, **kwargs):
    now = time.time()
    request.session[STARTED] = now
    request.session[LAST_SEEN] = now
    if request.session.session_key is None:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


@receiver(user_logged_out, dispatch_uid="msd_session_ended")
def session_ended(sender, request, user, **kwargs):
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


def expiry_reason(session, now: float | None = None) -> str | None:
    """ "idle" or "absolute" when this session has lived too long, else None (and touched)."""
    now = time.time() if now is None else now
    started = session.get(STARTED)
    last_seen = session.get(LAST_SEEN)
    if started is None or last_seen is None:
        # a session from before these rules: it starts counting now
        session[STARTED] = session.get(STARTED, now)
        session[LAST_SEEN] = now
        return None
    if now - started > settings.SESSION_ABSOLUTE_HOURS * 3600:
        return "absolute"
    if now - last_seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    if now - last_seen > TOUCH_INTERVAL:
        session[LAST_SEEN] = now
    return None


def end_all_sessions(user, *, reason: str, keep_session_key: str | None = None, request=None):
    """Ends every session of ``user`` (except the one asked to keep: the person who just changed
    their own password stays logged in there). Returns how many ended."""
    store = session_store()
    ended = 0
    for login in UserSession.objects.filter(user=user).exclude(session_key=keep_session_key or ""):
        store(session_key=login.session_key).delete()
        login.delete()
        ended += 1
    sessions_ended.send(sender=UserSession, request=request, user=user, reason=reason, count=ended)
    return ended


def end_other_sessions(request, *, reason: str) -> int:
    """After a person changed their own password: every other session ends, this one stays
    (Django gave it a new key, which is recorded again)."""
    user = request.user
    key = request.session.session_key
    ended = end_all_sessions(user, reason=reason, keep_session_key=key, request=request)
    if key:
        UserSession.objects.update_or_create(session_key=key, defaults={"user": user})
    return ended
