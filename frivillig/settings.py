"""Settings for Frivillig, read from the environment (see README: "Configuration").

One settings module for every environment. Development (`make run`) sets DEBUG=1; production
leaves DEBUG off and must provide SECRET_KEY and ALLOWED_HOSTS.
"""

from pathlib import Path
from typing import Any

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. "
            "Generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "django_filters",
    "django_htmx",
    "django_celery_beat",
    "csp",
    "core",
    "core.eid",
    "organisations",
    "projects",
    "centreyear",
    "activities",
    "volunteers",
    "tasks",
    "hours",
    "rotas",
    "cooperation",
    "figures",
    "reports",
    "publicsite",
    "notifications",
    "demo",
    # Django's own widget templates, found through TEMPLATES so templates/django/forms/ can
    # override one of them (the empty choice of a select reads "Choose…", not "---------").
    "django.forms",
]
# TemplatesSetting, with the select and <input> widgets drawn in Python (core/renderers.py).
FORM_RENDERER = "core.renderers.FormRenderer"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageCookieMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.PrivateCacheMiddleware",
    "core.middleware.ScopeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.sessions.SessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "core.mfa.MFARequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "frivillig.urls"
WSGI_APPLICATION = "frivillig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # The one formatter and the figures' words, in every template and PDF.
            "builtins": ["figures.templatetags.figures"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.navigation",
                "core.context_processors.content_language",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The hours rollup's covering index (figures.HourYear, INCLUDE hours) is PostgreSQL's; on
    # the embedded default SQLite builds it without the included column, as it should.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Cache (login rate limits live here; use Redis with several web processes) ---------------
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://frivillig")}

# --- Authentication (django-allauth, e-mail as login) -----------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends, loading the user with their centre (core/backends.py).
    "core.backends.CentreModelBackend",
    "core.backends.CentreAuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# How long a sign-in lasts (core.sessions): staff (coordinators, municipality viewers, site
# admins) are signed out after STAFF_SESSION_IDLE_HOURS without a request and
# STAFF_SESSION_MAX_HOURS after signing in; volunteers and association contacts after
# SESSION_IDLE_DAYS idle and SESSION_MAX_DAYS in all.
STAFF_SESSION_IDLE_HOURS = env.float("STAFF_SESSION_IDLE_HOURS", default=8)
STAFF_SESSION_MAX_HOURS = env.float("STAFF_SESSION_MAX_HOURS", default=12)
SESSION_IDLE_DAYS = env.float("SESSION_IDLE_DAYS", default=14)
SESSION_MAX_DAYS = env.float("SESSION_MAX_DAYS", default=30)
SESSION_COOKIE_AGE = int(max(SESSION_MAX_DAYS * 86400, STAFF_SESSION_MAX_HOURS * 3600))
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env.str(
    "ACCOUNT_EMAIL_VERIFICATION", default="optional" if DEBUG else "mandatory"
)
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_ADAPTER = "core.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Frivillig] "
# Sensitive steps (erasing or exporting a person, changing roles, a whole registry export) ask
# for the password or second factor again unless it was given this many seconds ago.
ACCOUNT_REAUTHENTICATION_TIMEOUT = env.int("ACCOUNT_REAUTHENTICATION_TIMEOUT", default=300)

# --- Two-factor sign-in (allauth.mfa: authenticator apps, passkeys, recovery codes) ------------
# The roles that must have a second factor (core.mfa): they are sent to enrol one at their first
# sign-in after it becomes required, and the admin opens only with one. "site_admin" is a user
# with is_staff or is_superuser. Off in development (DEBUG) unless set.
MFA_REQUIRED_ROLES = env.list(
    "MFA_REQUIRED_ROLES", default=[] if DEBUG else ["coordinator", "municipality", "site_admin"]
)
if set(MFA_REQUIRED_ROLES) - {
    "coordinator",
    "municipality",
    "association",
    "volunteer",
    "site_admin",
}:
    raise ImproperlyConfigured(
        "MFA_REQUIRED_ROLES takes coordinator, municipality, association, volunteer, site_admin."
    )
MFA_ADAPTER = "core.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Frivillig"
MFA_PASSKEY_LOGIN_ENABLED = False
# Passkeys need HTTPS; only development on http://127.0.0.1 may use them without.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# --- Electronic ID: ID-porten and Ansattporten (core.eid; README: "Signing in with ID-porten") --
# Each is an OpenID Connect provider configured from the environment; a provider without a client
# id is off. The national identity number is never stored: only an HMAC of it (EID_PID_HMAC_KEY).
SOCIALACCOUNT_ADAPTER = "core.eid.adapter.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # an e-mail address never links an account by itself
SOCIALACCOUNT_STORE_TOKENS = False  # the ID token holds the identity number
EID_PID_HMAC_KEY = env.str("EID_PID_HMAC_KEY", default="")
EID_PROVIDERS = {
    # provider id: (name, default roles, may sign up new volunteers)
    "idporten": ("ID-porten", ["volunteer", "association"], True),
    "ansattporten": ("Ansattporten", ["coordinator", "municipality"], False),
}


def _eid_app(provider_id: str) -> dict[str, Any] | None:
    prefix = provider_id.upper()
    client_id = env.str(f"{prefix}_CLIENT_ID", default="")
    if not client_id:
        return None
    name, roles, signup = EID_PROVIDERS[provider_id]
    key_file = env.str(f"{prefix}_PRIVATE_KEY_FILE", default="")
    issuer = env.str(f"{prefix}_ISSUER")
    return {
        "provider_id": provider_id,
        "name": name,
        "client_id": client_id,
        "secret": env.str(f"{prefix}_CLIENT_SECRET", default=""),
        "settings": {
            "server_url": issuer,
            "issuer": issuer,
            "private_key": Path(key_file).read_text() if key_file else "",
            "key_id": env.str(f"{prefix}_KEY_ID", default=""),
            "scope": env.list(f"{prefix}_SCOPES", default=["openid", "profile"]),
            "acr_values": env.str(f"{prefix}_ACR_VALUES", default="idporten-loa-substantial"),
            "roles": env.list(f"{prefix}_ROLES", default=roles),
            "signup": env.bool(f"{prefix}_SIGNUP", default=signup),
            "fetch_userinfo": False,
        },
    }


SOCIALACCOUNT_PROVIDERS: dict[str, Any] = {
    "eid": {"APPS": [app for app in map(_eid_app, EID_PROVIDERS) if app is not None]}
}
if SOCIALACCOUNT_PROVIDERS["eid"]["APPS"] and not EID_PID_HMAC_KEY and not DEBUG:
    raise ImproperlyConfigured("EID_PID_HMAC_KEY must be set when ID-porten or Ansattporten is.")

# --- Internationalisation -----------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["frivillig.formats"]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Several web and worker hosts share one S3-compatible object store (django-storages) when
# STORAGE_BUCKET is set; otherwise files stay on the local disk (MEDIA_ROOT). Objects are
# private: every download goes through the app's permission check, never a public URL.
STORAGE_BUCKET = env.str("STORAGE_BUCKET", default="")
if STORAGE_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_BUCKET,
            "endpoint_url": env.str("STORAGE_ENDPOINT_URL", default="") or None,
            "region_name": env.str("STORAGE_REGION", default="") or None,
            "access_key": env.str("STORAGE_ACCESS_KEY", default="") or None,
            "secret_key": env.str("STORAGE_SECRET_KEY", default="") or None,
            "location": env.str("STORAGE_PREFIX", default=""),
            "addressing_style": env.str("STORAGE_ADDRESSING_STYLE", default="path"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Frivillig <noreply@frivillig.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery -----------------------------------------------------------------------------------
# Without a broker the tasks run in-process, so the embedded default needs no Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A message not acknowledged this long after delivery is delivered again (its worker died).
# Above the longest hard time limit of a task acknowledged late (180 s), so a running task is
# never delivered twice, and short, so a killed worker's job comes back within minutes; the
# unacknowledged messages are looked at every 30 s (10 s x 3).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 240,
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 3,
}
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Security ---------------------------------------------------------------------------------
# The guard against unscoped queries of centre-owned models (core.permissions explains it):
# "raise" everywhere by default, so a page that would leak fails instead; "log" only as an
# emergency setting while a fix ships; "off" is for nothing but measuring the guard's cost.
SCOPE_GUARD = env.str("SCOPE_GUARD", default="raise")
if SCOPE_GUARD not in {"raise", "log", "off"}:
    raise ImproperlyConfigured("SCOPE_GUARD must be raise, log or off.")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Reverse proxies in front of the app that append the client's address to X-Forwarded-For.
# 0 ignores the header (it can be forged); rate limits and login records then use the
# connection's address. See core.http.client_ip.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Everything is served from our own static files: no inline scripts or styles, no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Browser features: Frivillig uses none but passkeys (WebAuthn, for two-factor sign-in on this
# site only), so every other one is denied to every page and frame (core.middleware). A QR
# scanner would need camera=(self) here.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "accelerometer": [],
    "autoplay": [],
    "bluetooth": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "encrypted-media": [],
    "fullscreen": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "idle-detection": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "picture-in-picture": [],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Frivillig ---------------------------------------------------------------------------------
# Hours of volunteer work that make one full-time equivalent (frivillig årsverk):
# 37.5 hours a week over a working year.
HOURS_PER_FTE = env.int("HOURS_PER_FTE", default=1695)
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
# Login records are kept this long, then purged by a nightly task.
AUTH_EVENT_RETENTION_DAYS = env.int("AUTH_EVENT_RETENTION_DAYS", default=180)
# E-mails sent (or finally failed) are deleted this many days after they were made.
MAIL_RETENTION_DAYS = env.int("MAIL_RETENTION_DAYS", default=90)
# Volunteers with no hours, match or change for this many months are listed for review (GDPR).
VOLUNTEER_INACTIVE_MONTHS = env.int("VOLUNTEER_INACTIVE_MONTHS", default=18)
# Finished reports (their PDFs) are deleted this many years after they were made.
REPORT_RETENTION_YEARS = env.int("REPORT_RETENTION_YEARS", default=10)
# The log of reminders sent (to which address or number) is kept this many days.
REMINDER_LOG_RETENTION_DAYS = env.int("REMINDER_LOG_RETENTION_DAYS", default=180)
# Public sign-ups allowed per IP address and hour (spam protection, counted in the cache).
VOLUNTEER_SIGNUP_RATE_PER_HOUR = env.int("VOLUNTEER_SIGNUP_RATE_PER_HOUR", default=5)
# While a report or an import runs, its page asks for its state this often (milliseconds).
LIVE_UPDATE_MS = env.int("LIVE_UPDATE_MS", default=2000)

# --- Public pages, feeds and the open API ---------------------------------------------------------
# The municipality's accessibility statement (made in uustatus), linked from every page's footer.
ACCESSIBILITY_STATEMENT_URL = env.str("ACCESSIBILITY_STATEMENT_URL", default="")
# Who may put the embeddable list (/c/<centre>/embed/) in an iframe: CSP frame-ancestors
# sources, e.g. "https://www.fjordvik.kommune.no". Every other page may not be framed at all.
EMBED_FRAME_ANCESTORS = env.list("EMBED_FRAME_ANCESTORS", default=["https:"])
# Requests to the open API per client address and minute (counted in the cache).
PUBLIC_API_RATE_PER_MINUTE = env.int("PUBLIC_API_RATE_PER_MINUTE", default=120)

CELERY_BEAT_SCHEDULE: dict[str, dict[str, Any]] = {
    "purge-auth-events": {"task": "core.purge_auth_events", "schedule": 24 * 60 * 60},
    # Last year's annual evaluation of every centre, early on 2 January.
    "reports-annual-evaluations": {
        "task": "reports.queue_annual_reports",
        "schedule": crontab(minute=0, hour=4, day_of_month=2, month_of_year=1),
    },
    # Jobs left running by a killed worker are queued again or failed (core.jobs); every
    # worker also sweeps on a timer, so this runs without beat too.
    "core-sweep-jobs": {"task": "core.sweep_jobs", "schedule": 60},
    # E-mails the mail server refused or could not take are tried again (core.mail).
    "core-send-due-mail": {"task": "core.send_due_mail", "schedule": 60},
    "core-clear-sessions": {"task": "core.clear_sessions", "schedule": 24 * 60 * 60},
    "core-purge-sent-mail": {"task": "core.purge_sent_mail", "schedule": 24 * 60 * 60},
    "organisations-purge-stale-imports": {
        "task": "organisations.purge_stale_imports",
        "schedule": 60 * 60,
    },
    # The national register's change feed, read nightly (organisations.registers).
    "organisations-sync-registers": {
        "task": "organisations.sync_registers",
        "schedule": crontab(minute=15, hour=3),
    },
}
# Retention (core.privacy): each rule with a time limit is a job; what it did is in the audit trail.
CELERY_BEAT_SCHEDULE.update(
    {
        "volunteers-review-inactive": {
            "task": "volunteers.review_inactive",
            "schedule": crontab(minute=30, hour=5, day_of_month=1),
        },
        "reports-purge-old-reports": {
            "task": "reports.purge_old_reports",
            "schedule": crontab(minute=45, hour=3),
        },
        "notifications-purge-deliveries": {
            "task": "notifications.purge_deliveries",
            "schedule": crontab(minute=50, hour=3),
        },
    }
)
# The figures' rollups checked against the logs nightly (figures.rollups); drift is repaired.
CELERY_BEAT_SCHEDULE["figures-verify-rollups"] = {
    "task": "figures.verify_rollups",
    "schedule": crontab(minute=40, hour=2),
}
# Reminders (notifications): hourly jobs send each reminder once, outside the quiet period.
CELERY_BEAT_SCHEDULE.update(
    {
        "notifications-shift-reminders": {
            "task": "notifications.shift_reminders",
            "schedule": crontab(minute=5),
        },
        "notifications-follow-up-reminders": {
            "task": "notifications.follow_up_reminders",
            "schedule": crontab(minute=10),
        },
        "notifications-confirmation-requests": {
            "task": "notifications.confirmation_requests",
            "schedule": crontab(minute=15, hour=10),
        },
        "notifications-hours-digests": {
            "task": "notifications.hours_digests",
            "schedule": crontab(minute=20, hour=8, day_of_week=1),
        },
        "notifications-partnership-end-reminders": {
            "task": "notifications.partnership_end_reminders",
            "schedule": crontab(minute=25, hour=9),
        },
        "notifications-retry-sms": {"task": "notifications.retry_sms", "schedule": 5 * 60},
        # On the hour, so a reminder due at the deadline's hour (13:00) goes out then.
        "notifications-grant-deadline-reminders": {
            "task": "notifications.grant_deadline_reminders",
            "schedule": crontab(minute=0),
        },
        "notifications-report-ready-notices": {
            "task": "notifications.report_ready_notices",
            "schedule": crontab(minute=25),
        },
    }
)
# The state grant round: the municipality's application is due this day and hour (Europe/Oslo)
# of the year before the operating year ("MM-DD HH:MM"; Lottstift's deadline is 1 June 13:00).
GRANT_DEADLINE = env.str("GRANT_DEADLINE", default="06-01 13:00")

# No reminder goes out from REMINDER_QUIET_START to REMINDER_QUIET_END (local hours).
REMINDER_QUIET_START = env.int("REMINDER_QUIET_START", default=21)
REMINDER_QUIET_END = env.int("REMINDER_QUIET_END", default=8)
# An SMS gateway (notifications.sms.HttpSmsProvider); without a URL reminders go by e-mail only.
SMS_GATEWAY_URL = env.str("SMS_GATEWAY_URL", default="")
SMS_GATEWAY_TOKEN = env.str("SMS_GATEWAY_TOKEN", default="")
SMS_SENDER = env.str("SMS_SENDER", default="Frivillig")
SMS_TIMEOUT = env.float("SMS_TIMEOUT", default=5.0)
# The gateway's inbound webhook (replies JA/NEI to a shift reminder) signs each call with this
# shared secret (HMAC-SHA256 of the body, hex, in X-Frivillig-Signature); empty: refused.
SMS_INBOUND_SECRET = env.str("SMS_INBOUND_SECRET", default="")
# How long the "I'm coming" / "I can't come" links in a reminder work (they stop at the shift's
# start in any case).
ANSWER_LINK_MAX_AGE = env.int("ANSWER_LINK_MAX_AGE", default=7 * 24 * 60 * 60)
# Brønnøysundregistrene's open API (Enhetsregisteret and Frivillighetsregisteret).
BRREG_API_URL = env.str("BRREG_API_URL", default="https://data.brreg.no")
BRREG_TIMEOUT = env.float("BRREG_TIMEOUT", default=5.0)
BRREG_RETRIES = env.int("BRREG_RETRIES", default=2)
BRREG_CACHE_SECONDS = env.int("BRREG_CACHE_SECONDS", default=60 * 60)
# E-mail's first attempt: in the web process after the commit (no broker), else a worker job.
MAIL_SEND_IN_PROCESS = env.bool("MAIL_SEND_IN_PROCESS", default=CELERY_TASK_ALWAYS_EAGER)
# Without a broker (no beat), the web process runs beat's schedule itself (core.maintenance).
MAINTENANCE_IN_WEB = env.bool("MAINTENANCE_IN_WEB", default=True)
# Backups: `make backup` and the nightly beat job write here, keeping the newest BACKUP_KEEP.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
if env.bool("BACKUP_NIGHTLY", default=not DEBUG):
    CELERY_BEAT_SCHEDULE["backup-database"] = {
        "task": "core.backup_database",
        "schedule": crontab(minute=30, hour=2),
    }
