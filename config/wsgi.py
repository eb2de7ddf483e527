"""The WSGI application. gunicorn imports this module in every worker before the worker takes
requests (and again in each worker that replaces one after ``max_requests``), so
:func:`warm_up` runs there and not in a user's request."""

import gc
import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def warm_up() -> None:
    """Do what a fresh worker's first request paid for: importing every view through the URLconf
    (~1 s on the benchmark machine) and compiling the project's templates (the loaders keep
    them). Then freeze what exists so far out of the garbage collector: a full collection
    walking these objects took 150–300 ms of a request, now and then in every worker (issue 16,
    docs/benchmarks.md)."""
    from django.conf import settings
    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (loading the URLconf imports the views)
    engine = engines["django"]
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for path in sorted(Path(folder).rglob("*.html")):
            try:
                engine.get_template(str(path.relative_to(folder)))
            except TemplateSyntaxError:  # its page reports it, as before; the worker still starts
                continue
    gc.collect()
    gc.freeze()


warm_up()
