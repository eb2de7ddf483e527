"""Settings for Monitor Sociaal Domein.

Everything comes from environment variables. With none set the *embedded default* runs:
SQLite, Celery tasks in-process, e-mail to the console. Production sets DATABASE_URL
(PostgreSQL), CELERY_BROKER_URL (Redis), SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and EMAIL_URL-style
settings (see README).
"""

import datetime
import os

# openpyxl writes with lxml when it is installed (pikepdf brings it): its output differs, and
# reports.workbook streams rows as openpyxl's own writer does. Read before openpyxl is imported.
os.environ.setdefault("OPENPYXL_LXML", "False")
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import csp.constants
import dj_database_url
import structlog
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
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "csp",
    "simple_history",
    "core",
    "health_check",
    "notifications",
    "organisations",
    "indicators",
    "budgets",
    "beleidskader",
    "reports",
    "work",
    "datasets",
]

MIDDLEWARE = [
    "core.origin.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SecurityEventsMiddleware",
    # before any view reads a parameter: a NUL is a 400, never a database error
    "core.middleware.RefuseBadInputMiddleware",
    # request.user.is_verified(): has this session passed a second factor (django-otp)
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # idle timeout and absolute lifetime of a session (after messages: it says why you left)
    "organisations.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "organisations.middleware.LoginRequiredMiddleware",
    # a user who must use a second factor reaches nothing but enrolment or verification first
    "organisations.middleware.SecondFactorMiddleware",
    # A database or broker that is down: a Dutch 503 page instead of a 500 (core.middleware).
    "core.middleware.ServiceUnavailableMiddleware",
    # axes last, as its documentation asks
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Production serves static files itself (collected by collectstatic); in the embedded mode
    # runserver's staticfiles app does it, and there is no STATIC_ROOT to serve from.
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

# Forms render through the project's templates, so templates/django/forms/ gives every form the
# NL Design System's form-field markup (docs/design.md).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
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
                "organisations.context_processors.security",
                "organisations.context_processors.theme",
                "work.context_processors.counts",
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
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # One runaway query must not hold a web worker for minutes: PostgreSQL cancels a statement
    # after DATABASE_STATEMENT_TIMEOUT seconds (0: never), below gunicorn's timeout
    # (config/gunicorn.conf.py) so the user gets the 503 page rather than a killed worker. The
    # Celery worker and long maintenance commands may set a longer one (docs/reliability.md).
    _statement_timeout = int(float(os.environ.get("DATABASE_STATEMENT_TIMEOUT") or 30) * 1000)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={_statement_timeout} "
        f"-c idle_in_transaction_session_timeout={_statement_timeout and max(_statement_timeout * 2, 60000)}"
    )
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def default_cache_url(broker_url: str) -> str:
    """With a Redis broker and no CACHE_URL, the cache is the same Redis server's next database
    (broker db 0 → cache db 1): shared by every web and worker process, and never the broker's
    own database, which a cache clear would empty."""
    parts = urlsplit(broker_url)
    if parts.scheme not in {"redis", "rediss"}:
        return ""
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{db + 1}"))


# A shared cache (Redis) from CACHE_URL, else beside a Redis broker; without either (the embedded
# mode) each process keeps its own in memory. It holds the API throttle counts, the dashboard's
# comparisons, drawn charts and the suppression patterns: in production every web and worker
# process shares them.
CACHE_URL = os.environ.get("CACHE_URL") or default_cache_url(
    os.environ.get("CELERY_BROKER_URL", "")
)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
        }
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The covering index of the values table (INCLUDE columns) is a PostgreSQL feature; SQLite
    # keeps the plain index, which is fine for the embedded mode's small data.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    SILENCED_SYSTEM_CHECKS = []

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Passwords after the NCSC's guidance ("Veilig inloggen", factsheet wachtwoorden): length over
# complexity (no rules about digits or symbols), long passphrases allowed, common and leaked
# passwords refused (Django's list of 20,000 plus a Dutch list shipped in organisations/data/), no
# forced periodic change. The public demo password (Walcheren-2018!) is refused, so nobody picks it
# as a real one; load_demo sets it without these checks.
PASSWORD_MIN_LENGTH = int(os.environ.get("PASSWORD_MIN_LENGTH") or 12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "organisations.passwords.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "organisations.passwords.DutchBlocklistValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Second factor (organisations/mfa.py, docs/security.md): TOTP (authenticator app) or a passkey
# (WebAuthn), with one-time recovery codes. On by default when DEBUG=0; off in the embedded
# default (a banner says so) so the demo log-ins work with just the password. MFA_REQUIRED_ROLES
# lists the roles that must use a second factor; staff and superusers always must, and so does
# anyone who has enrolled one.
MFA_ENABLED = env_bool("MFA_ENABLED", not DEBUG)
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", "leverancier,beleid,griffie,beheerder")
MFA_RECOVERY_CODES = int(os.environ.get("MFA_RECOVERY_CODES") or 10)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER") or "Monitor Sociaal Domein"
# Passkeys: the relying party is the site's own domain (from the request unless set); a passkey
# is a second factor after the password here, never a password-less log-in.
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID", "")
OTP_WEBAUTHN_RP_ID_CALLABLE = "organisations.mfa.webauthn_rp_id"
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# Sessions (organisations/sessions.py): a session ends after SESSION_IDLE_MINUTES without a
# request and SESSION_ABSOLUTE_HOURS after logging in, whichever comes first; the cookie does not
# outlive the absolute lifetime. Every session of a user ends when the password changes or a
# beheerder resets the second factor.
SESSION_IDLE_MINUTES = float(os.environ.get("SESSION_IDLE_MINUTES") or 30)
SESSION_ABSOLUTE_HOURS = float(os.environ.get("SESSION_ABSOLUTE_HOURS") or 12)
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_HOURS * 3600)

# Single sign-on with the gemeente's identity provider over OpenID Connect (mozilla-django-oidc),
# off unless OIDC_ENABLED=1. Claims map to memberships (organisations/oidc.py). With
# OIDC_MFA_BY_IDP=1 a log-in through the identity provider counts as multi-factor: only when the
# identity provider enforces MFA itself (and, with OIDC_MFA_AMR_VALUES, says so in its "amr" claim).
OIDC_ENABLED = env_bool("OIDC_ENABLED", False)
OIDC_MFA_BY_IDP = env_bool("OIDC_MFA_BY_IDP", False)
OIDC_MFA_AMR_VALUES = env_list("OIDC_MFA_AMR_VALUES")
OIDC_ROLES_CLAIM = os.environ.get("OIDC_ROLES_CLAIM") or "roles"
OIDC_LOGIN_LABEL = os.environ.get("OIDC_LOGIN_LABEL") or ""
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("organisations.oidc.MembershipOIDCBackend")
    OIDC_RP_CLIENT_ID = os.environ["OIDC_RP_CLIENT_ID"]
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO") or "RS256"
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES") or "openid email profile"
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ["OIDC_OP_AUTHORIZATION_ENDPOINT"]
    OIDC_OP_TOKEN_ENDPOINT = os.environ["OIDC_OP_TOKEN_ENDPOINT"]
    OIDC_OP_USER_ENDPOINT = os.environ["OIDC_OP_USER_ENDPOINT"]
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT") or None
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = env_bool("OIDC_CREATE_USER", True)
    OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM") or "preferred_username"
    OIDC_SYNC_MEMBERSHIPS = env_bool("OIDC_SYNC_MEMBERSHIPS", True)
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen/"

# Brute-force lockout (BIO): 5 failures per user+IP lock for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# A successful log-in keeps the earlier failures: they are security records (and still count).
AXES_RESET_ON_SUCCESS = False
# The client's address behind TRUSTED_PROXY_COUNT reverse proxies (core.origin), for lockouts and
# the security log alike.
AXES_CLIENT_IP_CALLABLE = "core.origin.client_ip"
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
# Links in e-mails start with the site's real address. ./scripts/start sets it to the address it
# serves; production must set it (`manage.py check --deploy` says so). Never guessed: without it
# e-mails carry site-relative links.
SITE_URL = os.environ.get("SITE_URL", "")
# The look when no huisstijl is set in the admin (organisations/theme.py; docs/design.md).
THEME_NAME = os.environ.get("THEME_NAME", "Monitor Sociaal Domein")
THEME_PRIMARY_COLOUR = os.environ.get("THEME_PRIMARY_COLOUR", "#1b4f72")
THEME_LOGO = "img/logo.svg"
# Where people write about accessibility and privacy (the footer's pages; core/pages.py), and the
# date the toegankelijkheidsverklaring was last reviewed against the product.
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 12, 3)
# Passkeys only work on the addresses users open the site on (default: SITE_URL's origin; https,
# or http://localhost in the embedded mode: django-otp-webauthn refuses http://127.0.0.1, so the
# embedded default's 127.0.0.1 is offered as localhost).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS") or [
    "/".join((SITE_URL or "http://localhost:8000").split("/")[:3]).replace("127.0.0.1", "localhost")
]

# The daily schedule (config/celery.py, reports/tasks.py): suppliers are reminded this many
# days before a submission's deadline; concept reports are prepared for periods whose last
# deadline passed at most REPORT_PREPARE_LOOKBACK_DAYS ago (older periods are left alone).
REPORT_REMINDER_DAYS = int(os.environ.get("REPORT_REMINDER_DAYS") or 7)
REPORT_PREPARE_LOOKBACK_DAYS = int(os.environ.get("REPORT_PREPARE_LOOKBACK_DAYS") or 90)
# A report shows the figures of its last REPORT_HISTORY_YEARS calendar years (own year included):
# enough for a trend, and a report of a gemeente with ten years of quarterly figures stays readable.
REPORT_HISTORY_YEARS = int(os.environ.get("REPORT_HISTORY_YEARS") or 5)
# The PDF is printed per chapter (reports.printing); from this size of its HTML the chapters are
# printed in parallel processes, at most REPORT_PDF_PROCESSES (and the worker's number of cores).
REPORT_PDF_PARALLEL_FROM = int(os.environ.get("REPORT_PDF_PARALLEL_FROM") or 1_500_000)
REPORT_PDF_PROCESSES = int(os.environ.get("REPORT_PDF_PROCESSES") or 4)
# Four-eyes in the vaststelling of a report (docs/reports.md): whoever offered the report or wrote
# its texts does not register the raad's adoption (default on); REPORT_FOUR_EYES_COLLEGE also keeps
# the offerer from recording the collegebesluit (default off: beleid records what the college did).
REPORT_FOUR_EYES_ADOPTION = env_bool("REPORT_FOUR_EYES_ADOPTION", True)
REPORT_FOUR_EYES_COLLEGE = env_bool("REPORT_FOUR_EYES_COLLEGE", False)

# Celery: a broker URL means production (separate worker); none means in-process execution.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# The dashboard's comparisons computed by a worker after each approval (reports/dashboard/
# precompute.py); off without a worker, where it would run inside the approving request.
DASHBOARD_PRECOMPUTE = env_bool("DASHBOARD_PRECOMPUTE", bool(CELERY_BROKER_URL))
# Likewise the suppression patterns of what an approval touches (indicators/disclosure/tasks.py).
DISCLOSURE_PRECOMPUTE = env_bool("DISCLOSURE_PRECOMPUTE", bool(CELERY_BROKER_URL))
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
# A worker that dies mid-task (kill -9, OOM) must not lose the task: it is acknowledged only
# when done, and requeued when the worker process is lost. Redis redelivers an unacknowledged
# task after the visibility timeout, so that must be longer than the longest task may run (the
# hard time limit); docs/reliability.md.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT") or 30 * 60)
# The soft limit raises in the task, which then marks its job mislukt before the hard kill.
CELERY_TASK_SOFT_TIME_LIMIT = max(CELERY_TASK_TIME_LIMIT - 60, int(CELERY_TASK_TIME_LIMIT * 0.9))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT") or 2 * 60 * 60),
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
}
if CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] <= CELERY_TASK_TIME_LIMIT:
    raise RuntimeError("CELERY_VISIBILITY_TIMEOUT must be longer than CELERY_TASK_TIME_LIMIT")
# A broker that is down: give up publishing within a few seconds, so the user hears so at once.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Background jobs (core.jobs): a running job touches its heartbeat every JOB_HEARTBEAT_SECONDS;
# beat's sweep marks one silent for JOB_STALE_AFTER_SECONDS as mislukt, and one still queued
# JOB_QUEUED_TIMEOUT_SECONDS after the request (no worker took it). A job whose worker died
# JOB_MAX_ATTEMPTS times for one request is given up.
JOB_HEARTBEAT_SECONDS = float(os.environ.get("JOB_HEARTBEAT_SECONDS") or 30)
JOB_STALE_AFTER_SECONDS = int(os.environ.get("JOB_STALE_AFTER_SECONDS") or 5 * 60)
JOB_QUEUED_TIMEOUT_SECONDS = int(os.environ.get("JOB_QUEUED_TIMEOUT_SECONDS") or 60 * 60)
JOB_MAX_ATTEMPTS = int(os.environ.get("JOB_MAX_ATTEMPTS") or 5)
# The health endpoint (core.health, /gezondheid/): a problem when no Celery worker started a task
# for this long (beat's sweep gives it one every minute), or when the media disk has less free.
HEALTH_WORKER_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_WORKER_MAX_AGE_SECONDS") or 5 * 60)
HEALTH_MEDIA_MIN_FREE_PERCENT = float(os.environ.get("HEALTH_MEDIA_MIN_FREE_PERCENT") or 10)
# Test-only: seconds a report generation's first attempt pauses after collecting its figures, so
# a fault test can kill the worker at a known step. Never set in production.
REPORT_GENERATION_TEST_PAUSE = float(os.environ.get("MSD_TEST_GENERATION_PAUSE") or 0)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
# The embedded default with a real worker (./scripts/start): kombu's filesystem transport, a
# broker that is a directory, so report generation runs beside the web server without a service.
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = Path(os.environ.get("CELERY_FILESYSTEM_DIR") or BASE_DIR / ".celery" / "queue")
    _queue_dir.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "control_folder": str(_queue_dir.parent / "control"),
        "store_processed": False,
    }
# Notifications (notifications/, work/): after its deadline a submission's supplier is told at
# once, the beleidsmedewerkers after this many days more.
OVERDUE_ESCALATION_DAYS = int(os.environ.get("OVERDUE_ESCALATION_DAYS") or 3)

# Behind a reverse proxy: how many proxies append to X-Forwarded-For (0: use REMOTE_ADDR, for a
# server reached directly). The proxy must set X-Forwarded-Proto; only then is the request
# treated as HTTPS (SECURE_PROXY_SSL_HEADER).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT") or 0)
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.tokens.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON with a depth limit, no NUL, no non-finite or precision-losing numbers; what slips
    # through is still a 400 in the API's shape (core/api.py, docs/reliability.md).
    "DEFAULT_PARSER_CLASSES": [
        "core.api_input.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "core.api_input.exception_handler",
    # Per IP without a log-in, per user with one; the token endpoint has its own, tighter rate
    # (and django-axes' lockout on top). Counted in the cache: in production set CACHE_URL so
    # every web process shares the counts.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_THROTTLE_ANON") or "60/minute",
        "user": os.environ.get("API_THROTTLE_USER") or "1200/minute",
        "token": os.environ.get("API_THROTTLE_TOKEN") or "10/minute",
    },
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}
# API tokens (core.tokens): default and longest lifetime in days.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS") or 90)
API_TOKEN_MAX_DAYS = int(os.environ.get("API_TOKEN_MAX_DAYS") or 365)
# A token's use is written to the security log at most once per this many seconds (every use
# still goes to the JSON log).
API_TOKEN_USE_LOG_SECONDS = int(os.environ.get("API_TOKEN_USE_LOG_SECONDS") or 300)

API_MAX_JSON_DEPTH = int(os.environ.get("API_MAX_JSON_DEPTH") or 32)
SPECTACULAR_SETTINGS = {
    "TITLE": "Monitor Sociaal Domein API",
    "DESCRIPTION": "Aanlevering, goedkeuring en rapportage van cijfers in het sociaal domein.\n\n"
    "**1.1.0**: de lijst `/api/v1/aanleveringen/` en één aanlevering bevatten geen waarden "
    "meer; die staan onder `values_url` (`/api/v1/aanleveringen/{id}/waarden/`, gepagineerd "
    "per 1.000 en filterbaar op indicator, doelgroep, area en status), of bij één aanlevering "
    "met `?expand=values`.\n\n"
    "**1.2.0**: de pagina's van `waarden/` volgen een cursor (`next`, `previous`) in de volgorde "
    "van de ids van de waarden; `count` en `?page=` vervallen. Zie docs/api.md.",
    "VERSION": "1.2.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Period.type and Indicator.period_type share one choice set: give it one name.
    "ENUM_NAME_OVERRIDES": {
        "PeriodTypeEnum": "indicators.models.PeriodType",
        "CijferStatusEnum": "indicators.models.CijferStatus",
        "SubmissionStatusEnum": "indicators.models.SubmissionStatus",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # no script reads it: forms carry the token in a hidden field
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS only in production: redirect http to https (the proxy may do it instead:
# SECURE_SSL_REDIRECT=0) and tell browsers to come back over HTTPS only (HSTS, one year).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS") or (0 if DEBUG else 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Only a registrable domain (vlissingen.nl) can be on the browsers' preload list, never the
    # monitor's own host name (monitor.vlissingen.nl): that is the gemeente's decision.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Content-Security-Policy (django-csp): only our own scripts, styles, fonts and images (charts
# are data: URIs), no inline script or style; the report preview's inline stylesheet carries
# a nonce. CSP_REPORT_URI sends violations to the gemeente's collector.
_csp_directives = {
    "default-src": [csp.constants.SELF],
    "script-src": [csp.constants.SELF],
    "style-src": [csp.constants.SELF, csp.constants.NONCE],
    "img-src": [csp.constants.SELF, "data:"],
    "font-src": [csp.constants.SELF],
    "connect-src": [csp.constants.SELF],
    "object-src": [csp.constants.NONE],
    "base-uri": [csp.constants.SELF],
    "form-action": [csp.constants.SELF],
    "frame-ancestors": [csp.constants.NONE],
}
if os.environ.get("CSP_REPORT_URI"):
    _csp_directives["report-uri"] = [os.environ["CSP_REPORT_URI"]]
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _csp_directives}
# Permissions-Policy (django-permissions-policy): the site uses none of these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    ]
}

# Logging: plain lines in the embedded mode; LOG_FORMAT=json gives one JSON object a line
# (structlog, with the request id) for the gemeente's SIEM. The security log's events go to the
# logger "security" (core.audit).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("console" if DEBUG else "json")
_structlog_processors = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_logger_name,
    structlog.stdlib.add_log_level,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]
structlog.configure(
    processors=[
        *_structlog_processors,
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    wrapper_class=structlog.stdlib.BoundLogger,
    cache_logger_on_first_use=True,
)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "structured": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processors": [
                structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                structlog.processors.JSONRenderer()
                if LOG_FORMAT == "json"
                else structlog.dev.ConsoleRenderer(colors=False),
            ],
            "foreign_pre_chain": _structlog_processors,
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Font subsetting while a PDF is made logs dozens of lines per report at INFO; a person
    # starting the demo or an operator reading worker logs needs none of them.
    "loggers": {
        name: {"level": "WARNING"} for name in ("fontTools", "weasyprint", "matplotlib", "PIL")
    },
}
if CELERY_TASK_ALWAYS_EAGER or CELERY_BROKER_URL.startswith("filesystem://"):
    # The embedded default (in-process tasks or the worker beside ./scripts/start): no "Task …
    # succeeded" line in the middle of a command, nor kombu's note that a file broker has no host.
    LOGGING["loggers"]["celery.app.trace"] = {"level": "WARNING"}
    LOGGING["loggers"]["kombu.connection"] = {"level": "ERROR"}
# Every security event is in the database (core.audit); its log lines are for the SIEM. In the
# embedded default a person at the console reads the demo's few lines, not every event.
LOGGING["loggers"]["security"] = {
    "level": os.environ.get("SECURITY_LOG_LEVEL") or ("WARNING" if DEBUG else "INFO")
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

# Limits of every uploaded spreadsheet (indicators.importing.limits; docs/reliability.md): a
# hostile file is refused at the limit it crosses, before it is read on. Only filled rows and
# cells count; empty ones are free.
IMPORT_MAX_UPLOAD_BYTES = int(os.environ.get("IMPORT_MAX_UPLOAD_MB") or 10) * 1024 * 1024
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS") or 50_000)
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS") or 60)
IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS") or 600_000)
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_MB") or 64) * 1024 * 1024
IMPORT_MAX_MEMBER_BYTES = int(os.environ.get("IMPORT_MAX_MEMBER_MB") or 48) * 1024 * 1024
IMPORT_MAX_COMPRESSION_RATIO = int(os.environ.get("IMPORT_MAX_COMPRESSION_RATIO") or 100)
IMPORT_MAX_MEMBERS = int(os.environ.get("IMPORT_MAX_MEMBERS") or 500)
IMPORT_MAX_STRING_LENGTH = int(os.environ.get("IMPORT_MAX_STRING_LENGTH") or 32_767)
IMPORT_MAX_SECONDS = float(os.environ.get("IMPORT_MAX_SECONDS") or 20)
