"""One settings module, read from the environment (see docs/configuration.md).

EACADEMY_MODE=embedded (default): SQLite in var/, a secret key generated once into var/,
served on 127.0.0.1. EACADEMY_MODE=production: every secret and host must be given, HTTPS
only, two-factor authentication required for staff.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from eacademy.core.env import env_bool, env_choice, env_int, env_list, env_str, env_url

SRC_DIR = Path(__file__).resolve().parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(env_str("EACADEMY_VAR_DIR", str(BASE_DIR / "var")))

MODE = env_choice("EACADEMY_MODE", "embedded", ("embedded", "production"))
PRODUCTION = MODE == "production"
DEBUG = env_bool("DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when EACADEMY_MODE=production.")


def _embedded_secret_key() -> str:
    """A key made once per installation and kept in var/, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        # Written whole to a file only the owner can read, then linked into place: a second
        # process starting at the same moment reads one key or the other, never half of one.
        draft = VAR_DIR / f".secret_key.{os.getpid()}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("SECRET_KEY") if PRODUCTION else env_str("SECRET_KEY", "") or _embedded_secret_key()
if len(SECRET_KEY) < 32:
    raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")

# Encrypts the private keys that sign the Academy's PDFs (core/signing.py). Its own secret, so
# that changing SECRET_KEY (sessions, tokens) does not lock the keys away.
SIGNING_KEY_PASSPHRASE = env_str("SIGNING_KEY_PASSPHRASE", "") or SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS (comma-separated) when EACADEMY_MODE=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "eacademy.core.admin_apps.AcademyAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_otp",
    "eacademy.core.vendor_apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp, named in three languages
    "eacademy.core.vendor_apps.BackupCodesConfig",  # django_otp.plugins.otp_static
    "eacademy.core.vendor_apps.SignInAttemptsConfig",  # axes
    "simple_history",
    "django_countries",
    "treebeard",
    "django_tasks",
    "eacademy.core.vendor_apps.TaskQueueConfig",  # django_tasks_db
    "ninja",
    "csp",
    "eacademy.core",
    "eacademy.org",
    "eacademy.people",
    "eacademy.catalog",
    "eacademy.staff",
    "eacademy.planning",
    "eacademy.enrollment",
    "eacademy.exams",
    "eacademy.timetable",
    "eacademy.campus",
    "eacademy.journal",
    "eacademy.evaluation",
    "eacademy.graduation",
    "eacademy.internships",
    "eacademy.events",
    "eacademy.billing",
    "eacademy.postgrad",
    "eacademy.distance",
    "eacademy.library",
    "eacademy.governance",
    "eacademy.assessment",
    "eacademy.analytics",
    "eacademy.api",
    "eacademy.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eacademy.core.middleware.SessionTimeoutMiddleware",
    "eacademy.core.middleware.UserLanguageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eacademy.core.middleware.StaffTwoFactorMiddleware",
    "eacademy.core.middleware.PasswordChangeRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "eacademy.urls"
WSGI_APPLICATION = "eacademy.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eacademy.core.context_processors.navigation",
            ],
            "string_if_invalid": "",
        },
    }
]

# --- Database ----------------------------------------------------------------------------
_sqlite_path = VAR_DIR / "eacademy.sqlite3"
DATABASE_URL = env_url("DATABASE_URL", f"sqlite:///{_sqlite_path}", ("sqlite", "postgres", "postgresql"))
if PRODUCTION and DATABASE_URL.startswith("sqlite") and not env_bool("EACADEMY_ALLOW_SQLITE", False):
    raise ImproperlyConfigured("Production needs PostgreSQL: set DATABASE_URL=postgres://...")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at BEGIN so
        # two writers queue on the busy timeout instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, sessions, tasks ------------------------------------------------------------------
# Every web process must see the same sessions: a logout on one worker ends the session on
# all of them. Production keeps sessions and the cache in Redis; the embedded mode keeps
# sessions in the database and the cache in files under var/, both shared by its processes.
REDIS_URL = env_url("REDIS_URL", "", ("redis", "rediss", "unix"))
if PRODUCTION and not REDIS_URL:
    raise ImproperlyConfigured("Production keeps sessions in a cache every app process shares: set REDIS_URL=redis://...")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(VAR_DIR / "cache")}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

TASKS_BACKEND = env_choice("TASKS_BACKEND", "rq" if REDIS_URL else "db", ("db", "rq", "immediate"))
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL.")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
elif TASKS_BACKEND == "db":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Security --------------------------------------------------------------------------------
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout counts failures per (username, address) pair: a classroom behind one NAT address
# does not lock itself out when one listener mistypes, and a guessed account is still locked.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False  # axes would log usernames and addresses: personal data stays out of logs
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many proxies the site stands behind (nginx: 1); the lockout counts the address they saw.
PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "eacademy.core.client_address.client_address"

# A link to reset a forgotten password works once, for this long.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_MINUTES", 60, minimum=5) * 60
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30, minimum=1) * 60
SESSION_ABSOLUTE_TIMEOUT = env_int("SESSION_ABSOLUTE_HOURS", 10, minimum=1) * 3600
# Each kind of upload has a limit of its own (MB); a spreadsheet may unpack to at most
# SPREADSHEET_UNPACKED_MB. nginx's client_max_body_size must allow the largest (deploy/nginx.conf).
UPLOAD_LIMITS_MB = {
    "spreadsheet": env_int("UPLOAD_SPREADSHEET_MB", 5, minimum=1),  # nominations lists, the question template
    "questions": env_int("UPLOAD_QUESTIONS_MB", 20, minimum=1),  # Moodle XML and GIFT, with their images
    "document": env_int("UPLOAD_DOCUMENT_MB", 10, minimum=1),  # a scanned certificate of illness and the like
    "material": env_int("UPLOAD_MATERIAL_MB", 100, minimum=1),  # a course's file or video
    "submission": env_int("UPLOAD_SUBMISSION_MB", 20, minimum=1),  # a listener's work (each assignment may allow less)
    "package": env_int("UPLOAD_PACKAGE_MB", 100, minimum=1),  # a SCORM package (a zip)
    "repository": env_int("UPLOAD_REPOSITORY_MB", 50, minimum=1),  # a work deposited in the library's repository
    "marc": env_int("UPLOAD_MARC_MB", 20, minimum=1),  # a file of MARC21 records for the catalogue
}
# The library's loan rules by reader category: days a loan lasts, copies a reader may hold at
# once, renewals of a loan; a copy that comes back for a hold is kept this many days.
LIBRARY_LOAN_RULES = {
    "listener": {"days": env_int("LIBRARY_LISTENER_DAYS", 14, minimum=1), "loans": env_int("LIBRARY_LISTENER_LOANS", 3, minimum=1), "renewals": 1},
    "student": {"days": env_int("LIBRARY_STUDENT_DAYS", 30, minimum=1), "loans": env_int("LIBRARY_STUDENT_LOANS", 5, minimum=1), "renewals": 2},
    "staff": {"days": env_int("LIBRARY_STAFF_DAYS", 60, minimum=1), "loans": env_int("LIBRARY_STAFF_LOANS", 10, minimum=1), "renewals": 3},
}
LIBRARY_HOLD_DAYS = env_int("LIBRARY_HOLD_DAYS", 3, minimum=1)
# The repository's OAI-PMH endpoint (/library/oai/): its identifier (the domain, in the
# identifiers oai:<it>:<work>), its name and the address harvesters write to.
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER", "academy.example.kz")
OAI_REPOSITORY_NAME = env_str("OAI_REPOSITORY_NAME", "Repository of the Academy of Law Enforcement Agencies")
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "library@academy.example.kz")
# An external xAPI learning record store (e.g. Ralph): its statements endpoint's base
# (…/xAPI/), HTTP basic credentials; statements wait in the database while it is down.
XAPI_LRS_URL = env_str("XAPI_LRS_URL", "")
XAPI_LRS_USERNAME = env_str("XAPI_LRS_USERNAME", "")
XAPI_LRS_PASSWORD = env_str("XAPI_LRS_PASSWORD", "")
XAPI_RETRY_SECONDS = env_int("XAPI_RETRY_SECONDS", 60, minimum=1)
XAPI_TIMEOUT_SECONDS = env_int("XAPI_TIMEOUT_SECONDS", 10, minimum=1)
# A SCORM package may unpack to at most this much.
PACKAGE_UNPACKED_MB = env_int("PACKAGE_UNPACKED_MB", 300, minimum=1)
SPREADSHEET_UNPACKED_MB = env_int("SPREADSHEET_UNPACKED_MB", 50, minimum=1)
# Saves this long after an attempt's deadline still count (a slow network); then the worker closes it.
EXAM_GRACE_SECONDS = env_int("EXAM_GRACE_SECONDS", 30, minimum=0)
# A calendar address works this many days; its owner can revoke all of his at any time.
CALENDAR_FEED_DAYS = env_int("CALENDAR_FEED_DAYS", 180, minimum=1)
# The direct head is asked this many days after the course (seed 002: "after 2-3 months").
FOLLOW_UP_DAYS = env_int("FOLLOW_UP_DAYS", 75, minimum=60, maximum=92)
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_SAVE_EVERY_REQUEST = False  # the timeout middleware refreshes the expiry at most once a minute
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Scripts come from our own static files only: no inline script or handler runs, so injected
# markup cannot run either. Styles allow inline ones: the charts (SVG) carry their own <style>
# and htmx adds its indicator's; a style cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Staff roles must pass TOTP in production; the demo leaves it optional.
REQUIRE_STAFF_2FA = env_bool("REQUIRE_STAFF_2FA", PRODUCTION)
OTP_TOTP_ISSUER = "E-Academy"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
    SECURE_REDIRECT_EXEMPT = [r"^health$"]  # the load balancer probes over plain HTTP

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_URL = env_url("EMAIL_URL", "console://", ("smtp", "smtp+tls", "smtp+ssl", "console", "dummy"))


def _email_settings(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parts.scheme == "dummy":
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL needs a host, e.g. smtp+tls://user:password@mail.example:587")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or {"smtp": 25, "smtp+tls": 587, "smtp+ssl": 465}[parts.scheme],
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parts.scheme == "smtp+ssl",
    }


globals().update(_email_settings(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "e-academy@localhost")
ACADEMY_PAYS_VAT = env_bool("ACADEMY_PAYS_VAT", True)  # whether the Academy is a VAT payer: then paid services carry VAT unless exempt
PAYMENT_DAYS = env_int("PAYMENT_DAYS", 10, minimum=1)  # an invoice is due this many days after it is issued
# The Academy as the seller on invoices, contracts and the electronic invoice export.
ACADEMY_BIN = env_str("ACADEMY_BIN", "")
ACADEMY_ADDRESS = env_str("ACADEMY_ADDRESS", "")
ACADEMY_IBAN = env_str("ACADEMY_IBAN", "")
ACADEMY_BANK = env_str("ACADEMY_BANK", "")
ACADEMY_BIK = env_str("ACADEMY_BIK", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")  # links in e-mails and certificates' QR codes
CERTIFICATE_SERIES = env_str("CERTIFICATE_SERIES", "AP")
# Online lessons in the Academy's BigBlueButton (`bbb-conf --secret` prints both); empty: by link only.
BBB_URL = env_str("BBB_URL", "")  # https://bbb.example.kz/bigbluebutton/api
BBB_SECRET = env_str("BBB_SECRET", "")
BBB_CHECKSUM = env_choice("BBB_CHECKSUM", "sha1", ("sha1", "sha256"))
ONLINE_LATE_MINUTES = env_int("ONLINE_LATE_MINUTES", 10)  # joining an online lesson later than this after its start is "late"

# --- Languages and time ----------------------------------------------------------------------
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "ru", ("kk", "ru", "en"))
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "locale", SRC_DIR / "locale_frameworks"]  # ours; the frameworks' strings their kk catalogs lack
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"  # shown to users; the database stores UTC

# Hours of teaching load per academic hour taught, by kind of work (the Academy's time norms).
TEACHING_LOAD_NORMS = {"lecture": 1.0, "seminar": 1.0, "workshop": 1.0}
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
FORMAT_MODULE_PATH = ["eacademy.formats"]  # Django ships no Kazakh date and number formats

# --- Static files ----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(VAR_DIR / "media")}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Logging: JSON lines, never personal data (no request bodies, usernames or names) --------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "pythonjsonlogger.json.JsonFormatter", "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"drop_request": {"()": "eacademy.core.log_filters.DropRequest"},
                "refusals": {"()": "eacademy.core.log_filters.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["drop_request", "refusals"]}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))},
    "loggers": {
        **{name: {"level": "WARNING"} for name in ("axes", "django.security", "weasyprint", "fontTools")},
        # pyhanko names the signer of a PDF that fails verification: a person's name stays out of the log
        **{name: {"level": "CRITICAL"} for name in ("pyhanko", "pyhanko_certvalidator")},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
NINJA_PAGINATION_CLASS = "eacademy.api.pagination.BoundedLimitOffset"
PAGE_SIZE = 50
SIMPLE_HISTORY_REVERT_DISABLED = True
