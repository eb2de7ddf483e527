"""A gunicorn worker is ready before its first request: config.wsgi has imported the views,
compiled the templates and frozen what that made out of the garbage collector."""

import gc
import importlib

from django.template import engines
from django.urls import get_resolver


def test_a_worker_loads_views_and_templates_before_its_first_request():
    try:
        importlib.import_module("config.wsgi")
        assert "url_patterns" in get_resolver().__dict__  # the URLconf, with every view, loaded
        loader = engines["django"].engine.template_loaders[0]
        assert {"dashboard/gemeente.html", "base.html"} <= set(loader.get_template_cache)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_threaded_worker_takes_no_more_connections_than_it_serves(monkeypatch):
    import runpy

    from django.conf import settings

    monkeypatch.setenv("GUNICORN_THREADS", "2")
    conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    assert (conf["threads"], conf["worker_connections"]) == (2, 3)  # two at work, one kept alive
    monkeypatch.delenv("GUNICORN_THREADS")
    conf = runpy.run_path(str(settings.BASE_DIR / "config" / "gunicorn.conf.py"))
    assert conf["threads"] == 1  # the default stays one request per worker
