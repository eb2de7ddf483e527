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
