import pytest

from tests.factories import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """A request in English must not leak its language into the next test."""
    from django.utils import translation

    yield
    translation.activate("nl")


@pytest.fixture(autouse=True)
def _mfa_off_unless_asked(settings):
    """Tests log in with the password (or force_login) whatever DEBUG says; the tests of the
    second factor switch it on with the ``mfa_on`` fixture (tests/security/conftest.py)."""
    settings.MFA_ENABLED = False


@pytest.fixture(autouse=True)
def _fresh_throttle_counts(request):
    """The API throttle counts live in the (process-wide) cache; every test starts from zero.
    The huisstijl is read into the cache again at once, as a running site has it there, so a
    page's query count is the same on its first and its second request."""
    from django.core.cache import cache

    cache.clear()
    for name in ("transactional_db", "db"):
        if name in request.fixturenames:
            request.getfixturevalue(name)
            from organisations.theme import theme_for

            theme_for()
            break
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_suppression_patterns():
    """Suppression patterns are kept per process and in the shared cache under the data version;
    every test starts without them (a rolled-back database may repeat a version)."""
    from indicators.disclosure.patterns import forget

    forget(shared=True)
    yield
    forget()


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Tasks run in the test's own process, also when CELERY_BROKER_URL is set (CI): only tests
    marked celery_worker talk to a real worker. Both switches: Celery's, and the Django setting
    that services read to decide whether to wait for a worker (the spreadsheet import)."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from config.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    settings.CELERY_TASK_ALWAYS_EAGER = True
    yield
    app.conf.task_always_eager = previous
