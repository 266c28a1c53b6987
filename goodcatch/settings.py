"""Good Catch settings: one module, driven by environment variables with safe defaults.

Demo mode (GOODCATCH_DEMO=true, which `make run` and `make test` set) generates missing
secrets once under var/; any other mode refuses to start without them.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from core.env import env_bool, env_int, env_list, env_rate, env_secret, env_share, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("GOODCATCH_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEMO = env_bool("GOODCATCH_DEMO", False)
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret("SECRET_KEY", fallback_file=VAR_DIR / "secret_key", generate=DEMO)
# The key that wraps every organisation's data key. It never lives in the database.
MASTER_KEY = env_secret("GOODCATCH_MASTER_KEY", fallback_file=VAR_DIR / "master_key", generate=DEMO, nbytes=32)
# The secret behind receipt-code HMACs and idempotency-key hashes (keys derived per use, ADR 0009); also
# the salt of the Argon2 hashes of codes issued before. Never rotated: every code would be orphaned.
RECEIPT_SALT = env_secret("GOODCATCH_RECEIPT_SALT", fallback_file=VAR_DIR / "receipt_salt", generate=DEMO, nbytes=24)

# Reviewers, custodians, managers and admins must use TOTP. Only demo mode may switch it off.
REQUIRE_TWO_FACTOR = env_bool("GOODCATCH_REQUIRE_2FA", True)
if not REQUIRE_TWO_FACTOR and not DEMO:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("GOODCATCH_REQUIRE_2FA=false is allowed only in demo mode (GOODCATCH_DEMO=true).")
OTP_TOTP_ISSUER = "Good Catch"

# Where people reach this service; used in printed links (the demo accounts, e-mails later).
GOODCATCH_PUBLIC_URL = env_str("GOODCATCH_PUBLIC_URL", "http://127.0.0.1:8000")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if (DEBUG or DEMO) else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "protection",
    "organisations",
    "reporting",
    "triage",
    "justculture",
    "coding",
    "intelligence",
    "learning",
    "culture",
    "equality",
    "sharing",
    "api",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions: on anonymous routes it removes the address, user agent and other cookies.
    "core.anonymity.AnonymousRouteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The language switcher's ?lang=cy / ?lang=en-gb: the page in that language, and the language cookie.
    "core.language.LanguageChoiceMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before the CSRF check, which would otherwise refuse a too-big report form with a bare 400.
    "reporting.oversized.KeepWhatFitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "goodcatch.urls"
WSGI_APPLICATION = "goodcatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",  # LANGUAGE_CODE, for <html lang>
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.service",
                "organisations.context_processors.navigation",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'goodcatch.sqlite3'}"
# Connections are kept between requests, one per application-server thread: a new PostgreSQL connection
# cost more than the report it carried (bench/README.md). scripts/serve.sh bounds the threads, so a web
# machine holds workers x GRANIAN_BLOCKING_THREADS of them; health checks drop one the server closed.
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
                                              conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes. IMMEDIATE takes the write lock when a
    # transaction begins, so writers queue there (for up to `timeout` seconds, SQLite's busy timeout)
    # instead of failing with "database is locked" when a read lock cannot be upgraded mid-transaction.
    # Connections are kept (one per thread): when the last one closes, SQLite checkpoints and syncs the
    # whole WAL, which per request cost more than the request's own work.
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Flood limits and lockouts count in the default cache. Redis (redis://) is shared by every process on
# every machine; a SQLite file (sqlite:///relative/to/GOODCATCH_VAR_DIR or sqlite:////absolute) by every
# process on this machine (core.sharedcache); without CACHE_URL, each process counts on its own.
_cache_url = env_str("CACHE_URL", "")
if _cache_url.startswith(("redis://", "rediss://")):
    _cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
elif _cache_url.startswith("sqlite:///"):
    _cache = {"BACKEND": "core.sharedcache.SQLiteCache", "LOCATION": str(VAR_DIR / _cache_url[len("sqlite:///"):])}
elif _cache_url:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, rediss:// or sqlite:///, not {_cache_url.split(':')[0]}:")
else:
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "goodcatch"}
CACHES = {"default": _cache}

# Background work: "database" (default, survives restarts), "immediate" (tests) or "rq" (Redis, many machines).
TASKS_BACKEND = env_str("GOODCATCH_TASKS_BACKEND", "database")
_TASK_BACKENDS = {
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "rq": {"BACKEND": "django_tasks_rq.RQBackend"},
}
# De-identification has a queue of its own (reporting.tasks), so a worker can be kept for it alone.
TASK_QUEUES = ["default", "deidentification"]
TASKS = {"default": {**_TASK_BACKENDS[TASKS_BACKEND], "QUEUES": TASK_QUEUES}}
RQ_QUEUES = {queue: {"URL": env_str("REDIS_URL", "redis://127.0.0.1:6379/0")} for queue in TASK_QUEUES}
if TASKS_BACKEND == "rq":
    # Workers: `manage.py rqworker --job-class django_tasks_rq.backend.Job deidentification default` on each machine.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
# Database task workers (`manage.py run_worker`, core.workers) beat every HEARTBEAT seconds; one quiet
# for QUIET seconds is dead, and `manage.py run_periodic` looks for such workers every SWEEP seconds
# and queues their tasks again. QUIET must leave room for a few missed beats.
GOODCATCH_WORKER_HEARTBEAT_SECONDS = env_int("GOODCATCH_WORKER_HEARTBEAT_SECONDS", 10, minimum=1)
GOODCATCH_WORKER_QUIET_SECONDS = env_int("GOODCATCH_WORKER_QUIET_SECONDS", 60, minimum=1)
GOODCATCH_WORKER_SWEEP_SECONDS = env_int("GOODCATCH_WORKER_SWEEP_SECONDS", 15, minimum=1)
if GOODCATCH_WORKER_QUIET_SECONDS < 3 * GOODCATCH_WORKER_HEARTBEAT_SECONDS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("GOODCATCH_WORKER_QUIET_SECONDS must be at least three heartbeats "
                               "(3 x GOODCATCH_WORKER_HEARTBEAT_SECONDS), so that one slow beat is not a death.")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "organisations:sign-in"
LOGIN_REDIRECT_URL = "triage:home"
LOGOUT_REDIRECT_URL = "reporting:home"

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("govuk", BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # Dashboard charts: Vega-Lite specs drawn by vega-embed, with Vega's CSP-safe expression interpreter.
    ("vega", BASE_DIR / "node_modules" / "vega" / "build"),
    ("vega-lite", BASE_DIR / "node_modules" / "vega-lite" / "build"),
    ("vega-embed", BASE_DIR / "node_modules" / "vega-embed" / "build"),
    ("vega-interpreter", BASE_DIR / "node_modules" / "vega-interpreter" / "build"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "reporting.icons.TablerIconsFinder",  # only the few easy-read icons, not all 5,000
]
# GOV.UK Frontend's CSS asks for its fonts and images at /assets/.
WHITENOISE_ROOT = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Content-hashed names (app.3f2a1c.css): WhiteNoise serves them with a year-long, immutable
    # cache lifetime, and a new release changes the name, so a phone never runs stale CSS or JS.
    # `collectstatic` must run before serving (make run and make test do).
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_AGE = None  # session-scoped: gone when the browser closes
# A failed check shows report forms again with their text (core.csrf), other pages a plain page.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"  # no extra cookie
SECURE = env_bool("GOODCATCH_SECURE", not (DEBUG or DEMO))
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
# The language switcher's one cookie (core.language) holds only "en-gb" or "cy"; session-scoped like CSRF's.
LANGUAGE_COOKIE_AGE = None
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SECURE)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# "no-referrer" would make Chromium send "Origin: null" on form posts, failing CSRF checks.
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# A strict policy: no inline scripts or styles, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Behind a TLS-terminating proxy, set GOODCATCH_BEHIND_PROXY=true; the proxy must set
# X-Forwarded-Proto and must not forward client IP headers to anonymous routes.
if env_bool("GOODCATCH_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Limits on what a reporter can type, so no input is unbounded (reporting.validation checks text).
REPORT_TEXT_MAX_CHARS = env_int("GOODCATCH_REPORT_TEXT_MAX_CHARS", 10000)
MESSAGE_MAX_CHARS = env_int("GOODCATCH_MESSAGE_MAX_CHARS", 5000)
# Request bodies are limited in bytes, well above the largest valid report, so that text of an allowed
# size never meets them: four narratives at their limit with every character at its longest on the
# wire (12 bytes: an emoji is "%F0%9F%98%80" in a form post and "\ud83d\ude00" in JSON), plus 16 KiB.
_LARGEST_REPORT_BODY = 4 * REPORT_TEXT_MAX_CHARS * 12 + 16 * 1024
# The API refuses a bigger body with 413 before reading it (api.routes).
API_MAX_BODY_BYTES = env_int("GOODCATCH_API_MAX_BODY_BYTES", max(512 * 1024, _LARGEST_REPORT_BODY))
# Form posts: Django refuses to read more; the report and reply forms then keep what fits of each
# answer and say what was cut (reporting.oversized) instead of losing everything to a bare 400.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(1_000_000, 2 * _LARGEST_REPORT_BODY)

# Anonymous routes: what they are, and how a reverse proxy must be set up for them.
# The proxy must terminate TLS, must not log client addresses for these paths, and should put the
# client's address in the header named by GOODCATCH_CLIENT_IP_HEADER (e.g. X-Real-IP), overwriting
# whatever the client sent; the middleware uses it once for rate limiting and then removes it.
GOODCATCH_ANONYMOUS_PATHS = ["/r/", "/receipt/", "/survey/", "/api/v1/orgs/"]
GOODCATCH_CLIENT_IP_HEADER = env_str("GOODCATCH_CLIENT_IP_HEADER", "")
# Flooding (core.ratelimit.FloodGuard). Each anonymous door has a limit per connection and one per
# organisation, which keeps a flood from many addresses from burying the de-identification worker. Reports
# count the form and the API together; reporters' replies count on their own.
GOODCATCH_REPORT_SOURCE_LIMIT = env_rate("GOODCATCH_REPORT_SOURCE_LIMIT", "30/1h")
GOODCATCH_REPORT_ORGANISATION_LIMIT = env_rate("GOODCATCH_REPORT_ORGANISATION_LIMIT", "200/10m")
GOODCATCH_REPLY_SOURCE_LIMIT = env_rate("GOODCATCH_REPLY_SOURCE_LIMIT", "30/1h")
GOODCATCH_REPLY_ORGANISATION_LIMIT = env_rate("GOODCATCH_REPLY_ORGANISATION_LIMIT", "200/10m")

# Guessing (core/ratelimit.py). A limit is COUNT/PERIOD: that many failures within one period lock out
# for one period. Staff sign-in: strict per account (the username, hashed; unknown names alike) and
# generous per connection, since a whole office may sign in from one address. Receipt codes carry 80
# bits, so nobody guesses one; the per-connection limit is sized for an office network, and the
# per-code one stops one person's retries of a mistyped code before they count against colleagues.
GOODCATCH_SIGN_IN_ACCOUNT_LIMIT = env_rate("GOODCATCH_SIGN_IN_ACCOUNT_LIMIT", "5/15m")
GOODCATCH_SIGN_IN_SOURCE_LIMIT = env_rate("GOODCATCH_SIGN_IN_SOURCE_LIMIT", "100/15m")
GOODCATCH_RECEIPT_CODE_LIMIT = env_rate("GOODCATCH_RECEIPT_CODE_LIMIT", "10/1h")
GOODCATCH_RECEIPT_SOURCE_LIMIT = env_rate("GOODCATCH_RECEIPT_SOURCE_LIMIT", "100/15m")
# Wrong receipt codes from one connection in 15 minutes before each further attempt is slowed.
GOODCATCH_RECEIPT_SLOW_AFTER = env_int("GOODCATCH_RECEIPT_SLOW_AFTER", 30, minimum=1)
GOODCATCH_SUPPRESSION_K = env_int("GOODCATCH_SUPPRESSION_K", 5)

# Every handler has both filters: a client's 4xx is one WARNING line without a traceback
# (core.logfilters), and no record carries a client's address or device (core.anonymity).
# "django" and "django.server" are named so that Django's own default handlers, which have neither
# filter, are removed: their records reach the console through the root logger, or directly.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_errors_are_warnings": {"()": "core.logfilters.ClientErrorsAreWarnings"},
                "strip_client_details": {"()": "core.anonymity.StripClientDetails"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain",
                             "filters": ["client_errors_are_warnings", "strip_client_details"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django": {"handlers": [], "level": "INFO"},
                "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
                "presidio-analyzer": {"level": "ERROR"}},
}
# WeasyPrint logs each step of every PDF (learning bulletins) at INFO: not news.
LOGGING["loggers"].update({"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}})

# Periodic background work: task path -> interval in seconds (see `manage.py run_periodic`).
GOODCATCH_PERIODIC_TASKS = {
    "protection.tasks.apply_retention": env_int("GOODCATCH_RETENTION_INTERVAL", 3600),
    "reporting.tasks.requeue_stalled_deidentification": env_int("GOODCATCH_DEID_RETRY_INTERVAL", 600),
    "reporting.tasks.forget_idempotency_keys": env_int("GOODCATCH_IDEMPOTENCY_SWEEP_INTERVAL", 3600),
    "intelligence.tasks.embed_missing": env_int("GOODCATCH_EMBED_SWEEP_INTERVAL", 900),
    "intelligence.spike_tasks.detect_spikes": env_int("GOODCATCH_SPIKE_INTERVAL", 86400),
    "intelligence.theme_tasks.recluster_themes": env_int("GOODCATCH_THEMES_INTERVAL", 86400),
    "intelligence.tasks.refresh_dashboards": env_int("GOODCATCH_DASHBOARD_REFRESH_INTERVAL", 240),
    "intelligence.tasks.refresh_ann_indexes": env_int("GOODCATCH_ANN_REFRESH_INTERVAL", 3600),
    "intelligence.tasks.index_missing_for_search": env_int("GOODCATCH_SEARCH_SWEEP_INTERVAL", 900),
    "learning.tasks.remind_overdue_actions": env_int("GOODCATCH_ACTION_REMINDER_INTERVAL", 900),
    "learning.tasks.review_action_effectiveness": env_int("GOODCATCH_EFFECTIVENESS_INTERVAL", 86400),
    "learning.bulletin_tasks.retry_bulletin_emails": env_int("GOODCATCH_BULLETIN_EMAIL_RETRY_INTERVAL", 300),
}
# Similar reports and semantic search (intelligence.vectors, intelligence.ann): an organisation with at
# least ANN_MIN_VECTORS report vectors is searched through a saved HNSW graph, refreshed by the task above;
# reports whose similarity reaches DUPLICATE_THRESHOLD are flagged as a likely duplicate of one event.
GOODCATCH_ANN_MIN_VECTORS = env_int("GOODCATCH_ANN_MIN_VECTORS", 200_000, minimum=1)
# At ANN size (GOODCATCH_ANN_MIN_VECTORS), a process rechecks an organisation's vectors for changes at most
# this often (seconds); smaller organisations are checked on every search.
GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS = env_int("GOODCATCH_VECTOR_INDEX_RECHECK_SECONDS", 5, minimum=0)
GOODCATCH_DUPLICATE_THRESHOLD = float(env_str("GOODCATCH_DUPLICATE_THRESHOLD", "0.985"))
# Dashboard figures (intelligence.dashboard) are counted at most this often (seconds; 0: on every view).
GOODCATCH_DASHBOARD_CACHE_SECONDS = env_int("GOODCATCH_DASHBOARD_CACHE_SECONDS", 300, minimum=0)
# Dashboard counts read monthly rollups (intelligence.rollups) kept by the refresh task, plus live counts
# of anything newer; false counts everything live on every view.
GOODCATCH_DASHBOARD_ROLLUPS = env_bool("GOODCATCH_DASHBOARD_ROLLUPS", True)

# Contributing-factor suggestions (coding.suggestions): the model trained on an organisation's own
# codings is retrained after every RETRAIN_EVERY new codings (0: never), once at least MIN_REPORTS
# reports are coded; until then suggestions come from the codes' definitions alone.
GOODCATCH_CODER_RETRAIN_EVERY = env_int("GOODCATCH_CODER_RETRAIN_EVERY", 10, minimum=0)
GOODCATCH_CODER_MIN_REPORTS = env_int("GOODCATCH_CODER_MIN_REPORTS", 30, minimum=1)
# Fewer, surer suggestions: a report gets none unless the trained model's first suggestion, at that
# score, was right this often in cross-validation on the organisation's own codings. 0: always suggest.
GOODCATCH_CODER_ABSTAIN_BELOW = env_share("GOODCATCH_CODER_ABSTAIN_BELOW", 0.85)

# Email (action reminders, bulletins). The console in demo mode; SMTP when EMAIL_HOST is set. Emails
# carry links, never report text.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                        else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Good Catch <no-reply@goodcatch.invalid>")
# Learning (issue 12): feedback is due within this many working days of a report (an organisation may
# set its own), and an action's effectiveness is reviewed this many days after it is done.
GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS = env_int("GOODCATCH_FEEDBACK_TARGET_WORKING_DAYS", 10, minimum=1)
GOODCATCH_EFFECTIVENESS_REVIEW_DAYS = env_int("GOODCATCH_EFFECTIVENESS_REVIEW_DAYS", 90, minimum=7)
# Overdue actions (learning.reminders): the owner is emailed at most once every EVERY_DAYS; a failed
# email is retried by the task above after BACKOFF_MINUTES, doubling each time, up to MAX_ATTEMPTS a day.
GOODCATCH_ACTION_REMINDER_EVERY_DAYS = env_int("GOODCATCH_ACTION_REMINDER_EVERY_DAYS", 1, minimum=1)
GOODCATCH_ACTION_REMINDER_MAX_ATTEMPTS = env_int("GOODCATCH_ACTION_REMINDER_MAX_ATTEMPTS", 5, minimum=1)
GOODCATCH_ACTION_REMINDER_BACKOFF_MINUTES = env_int("GOODCATCH_ACTION_REMINDER_BACKOFF_MINUTES", 5, minimum=1)
# reporting's reports_by_time index carries extra columns on PostgreSQL; SQLite builds it without them,
# which is what we want there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Sharing (issue 14). One code base runs as an organisation's instance ("local") or as the national
# hub ("hub"), which receives cleared reports and coded aggregates from local instances over a signed
# feed. A local instance sends only when GOODCATCH_HUB_URL is set; it signs with its own key.
GOODCATCH_MODE = env_str("GOODCATCH_MODE", "local")
if GOODCATCH_MODE not in ("local", "hub"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"GOODCATCH_MODE must be 'local' or 'hub', got {GOODCATCH_MODE!r}")
GOODCATCH_HUB_URL = env_str("GOODCATCH_HUB_URL", "")
GOODCATCH_INSTANCE_NAME = env_str("GOODCATCH_INSTANCE_NAME", "")
# Safeguarding partnerships (sharing.partnership_figures): the combined figures show only once this many
# organisations have joined. A member that subtracts its own reports from a two-member partnership's
# figures would read the other member's; from three, what is left is still several members combined.
GOODCATCH_PARTNERSHIP_MIN_MEMBERS = env_int("GOODCATCH_PARTNERSHIP_MIN_MEMBERS", 3, minimum=1)

# Sharing feeds to the national hub (sharing.feeds, sharing.hub; README "Sharing: the national hub").
# A local instance signs its feed with the Ed25519 key in this file (`manage.py hub_keys generate`); without
# the file, or without GOODCATCH_HUB_URL and GOODCATCH_INSTANCE_NAME, it sends nothing.
GOODCATCH_HUB_SIGNING_KEY_FILE = env_str("GOODCATCH_HUB_SIGNING_KEY_FILE", str(VAR_DIR / "hub_signing_key.pem"))
# Sending: at most BATCH reports and MAX_BYTES per request, at most MAX_BATCHES_PER_RUN requests per run of
# the periodic task (every INTERVAL seconds); after a failure the next try waits BACKOFF_SECONDS, doubling
# each time up to BACKOFF_MAX_SECONDS. TIMEOUT_SECONDS bounds each request.
GOODCATCH_HUB_FEED_BATCH = env_int("GOODCATCH_HUB_FEED_BATCH", 100, minimum=1)
GOODCATCH_HUB_FEED_MAX_BATCHES_PER_RUN = env_int("GOODCATCH_HUB_FEED_MAX_BATCHES_PER_RUN", 50, minimum=1)
GOODCATCH_HUB_FEED_BACKOFF_SECONDS = env_int("GOODCATCH_HUB_FEED_BACKOFF_SECONDS", 30, minimum=1)
GOODCATCH_HUB_FEED_BACKOFF_MAX_SECONDS = env_int("GOODCATCH_HUB_FEED_BACKOFF_MAX_SECONDS", 3600, minimum=1)
GOODCATCH_HUB_TIMEOUT_SECONDS = env_int("GOODCATCH_HUB_TIMEOUT_SECONDS", 30, minimum=1)
GOODCATCH_PERIODIC_TASKS["sharing.feed_tasks.send_feed"] = env_int("GOODCATCH_HUB_FEED_INTERVAL", 60, minimum=1)
# A sending instance fetches the hub's published learning for its library this often (seconds).
GOODCATCH_PERIODIC_TASKS["sharing.feed_tasks.fetch_hub_library"] = env_int("GOODCATCH_HUB_LIBRARY_INTERVAL", 3600,
                                                                           minimum=60)
# Both sides: the largest feed body (the hub refuses a bigger one with 413; the sender never sends one), and
# at the hub, how far a request's signed timestamp may be from the hub's clock.
GOODCATCH_HUB_FEED_MAX_BYTES = env_int("GOODCATCH_HUB_FEED_MAX_BYTES", 1_000_000, minimum=200_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = max(DATA_UPLOAD_MAX_MEMORY_SIZE, GOODCATCH_HUB_FEED_MAX_BYTES)
# At the hub: the organisation whose reports are every received report (sharing.national), for national
# search, themes, spikes, dashboards and bulletins; national analysts are its members.
GOODCATCH_HUB_ORGANISATION = env_str("GOODCATCH_HUB_ORGANISATION", "national")
GOODCATCH_HUB_CLOCK_SKEW_SECONDS = env_int("GOODCATCH_HUB_CLOCK_SKEW_SECONDS", 300, minimum=1)
