"""Settings for Monitor Sociaal Domein.

Everything comes from environment variables. With none set the *embedded default* runs:
SQLite, Celery tasks in-process, e-mail to the console. Production sets DATABASE_URL
(PostgreSQL), CELERY_BROKER_URL (Redis), SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and EMAIL_URL-style
settings (see README).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "embedded-insecure-key-change-me-in-production"
if not DEBUG and SECRET_KEY.startswith("embedded-insecure"):
    raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "simple_history",
    "core",
    "organisations",
    "indicators",
    "budgets",
    "beleidskader",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisations.middleware.LoginRequiredMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves static files itself (collected by collectstatic); in the embedded mode
    # runserver's staticfiles app does it, and there is no STATIC_ROOT to serve from.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.roles",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The covering index of the values table (INCLUDE columns) is a PostgreSQL feature; SQLite
    # keeps the plain index, which is fine for the embedded mode's small data.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Brute-force lockout (BIO): 5 failures per user+IP lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
# Lock-outs are still logged (warning); the start-up banner on every command is not.
AXES_VERBOSE = False

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: console in the embedded mode; SMTP when EMAIL_HOST is set.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "monitor@localhost")
# Links in e-mails (report ready or failed, reminders) start with this address.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# The daily schedule (config/celery.py, reports/tasks.py): suppliers are reminded this many
# days before a submission's deadline; concept reports are prepared for periods whose last
# deadline passed at most REPORT_PREPARE_LOOKBACK_DAYS ago (older periods are left alone).
REPORT_REMINDER_DAYS = int(os.environ.get("REPORT_REMINDER_DAYS") or 7)
REPORT_PREPARE_LOOKBACK_DAYS = int(os.environ.get("REPORT_PREPARE_LOOKBACK_DAYS") or 90)
# A report shows the figures of its last REPORT_HISTORY_YEARS calendar years (own year included):
# enough for a trend, and a report of a gemeente with ten years of quarterly figures stays readable.
REPORT_HISTORY_YEARS = int(os.environ.get("REPORT_HISTORY_YEARS") or 5)

# Celery: a broker URL means production (separate worker); none means in-process execution.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A big report leaves a worker process with a lot of memory (WeasyPrint keeps its layout until the
# PDF is written, and the allocator does not give it all back): a child that ends a task above this
# many KiB is replaced by a fresh one. Default 1 GiB.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(
    os.environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD") or 1024 * 1024
)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Monitor Sociaal Domein API",
    "DESCRIPTION": "Aanlevering, goedkeuring en rapportage van cijfers in het sociaal domein.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Period.type and Indicator.period_type share one choice set: give it one name.
    "ENUM_NAME_OVERRIDES": {"PeriodTypeEnum": "indicators.models.PeriodType"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Disclosure control (indicators.disclosure), applied only to outputs meant for publication: the
# /publicatie/ pages, their CSV/XLSX downloads and /api/v1/publicatie/. Internal screens always
# show exact figures.
# Counts from DISCLOSURE_MIN_COUNT up to and including DISCLOSURE_MAX_COUNT are shown as "geheim".
# The default 1-7 publishes a 0; CBS suppresses 0-7 in its Monitor Sociaal Domein tables, which
# DISCLOSURE_MIN_COUNT=0 reproduces.
DISCLOSURE_MIN_COUNT = int(os.environ.get("DISCLOSURE_MIN_COUNT") or 1)
DISCLOSURE_MAX_COUNT = int(os.environ.get("DISCLOSURE_MAX_COUNT") or 7)
# Round published counts (half up) to multiples of 5 or 10, as CBS rounds to "vijftallen"; unset,
# empty or 0 means no rounding. A page or API call may ask for rounding with ?afronden=5|10.
DISCLOSURE_ROUND_TO = int(os.environ.get("DISCLOSURE_ROUND_TO") or 0) or None
if DISCLOSURE_ROUND_TO not in (None, 5, 10):
    raise RuntimeError("DISCLOSURE_ROUND_TO must be empty, 5 or 10")
if not 0 <= DISCLOSURE_MIN_COUNT <= DISCLOSURE_MAX_COUNT:
    raise RuntimeError("DISCLOSURE_MIN_COUNT must be between 0 and DISCLOSURE_MAX_COUNT")
