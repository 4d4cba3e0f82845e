"""Settings of the portal: one module, every deployment setting from the environment.

Read by django-environ. The defaults give the embedded setup of ``make run``: SQLite
under ``var/``, Wagtail's database search backend, the offline geocoder, no external
map tiles.
"""

import os
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.security import admin_directives, public_directives

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEFAULT_SECRET_KEY = "insecure-development-key-change-me"  # noqa: S105

# Exactly one of these words: anything else (``prod``, ``Production``, a trailing
# space) refuses to start rather than falling back to the development defaults.
PORTAL_ENVIRONMENTS = ("development", "production")
PORTAL_ENV = env.str("PORTAL_ENV", default="development")
if PORTAL_ENV not in PORTAL_ENVIRONMENTS:
    raise ImproperlyConfigured(
        f"PORTAL_ENV={PORTAL_ENV!r} is not one of {', '.join(PORTAL_ENVIRONMENTS)}."
    )
SECRET_KEY = env.str("SECRET_KEY", default=DEFAULT_SECRET_KEY)
DEBUG = env.bool("DEBUG", default=PORTAL_ENV != "production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if PORTAL_ENV == "production":
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "PORTAL_ENV=production needs a SECRET_KEY of at least 50 characters."
        )
    if DEBUG:
        raise ImproperlyConfigured("PORTAL_ENV=production refuses DEBUG=on.")
    if not ALLOWED_HOSTS or any(
        host == "*" or host.startswith("*") or not host.strip()
        for host in ALLOWED_HOSTS
    ):
        raise ImproperlyConfigured(
            "PORTAL_ENV=production needs ALLOWED_HOSTS to name the site's hosts "
            "(no '*' wildcard)."
        )

INSTALLED_APPS = [
    # wagtail-modeltranslation must come before any app with translated pages.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    # The project's apps, from the shell to the shared toolkit (ARCHITECTURE.md).
    "config",
    "portal",
    "directory",
    "documents",
    "newsletters",
    "search",
    "places",
    "core",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages and JSON compressed (static files are precompressed by WhiteNoise).
    # BREACH: the CSRF token is masked anew on every response.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.PortalCSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}")
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL: readers do not block the writer (the web process and the worker share
    # the file); the busy timeout makes a writer wait for the lock, not fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20,
        init_command="PRAGMA journal_mode=WAL; PRAGMA busy_timeout=20000;",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Languages --------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "nl")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "nl"), "fr": ("nl",)}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# --- Static and media -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", NODE_MODULES / "leaflet.markercluster" / "dist"),
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Wagtail ----------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Portail social · Sociaal portaal"
# Where the portal is served, for links in e-mails (confirmation, newsletter,
# unsubscription), feeds and the admin's notifications. `make run` sets it from its
# HOST and PORT; WAGTAILADMIN_BASE_URL, the older name, is still read.
PORTAL_BASE_URL = env.str(
    "PORTAL_BASE_URL",
    default=env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"),
).rstrip("/")
WAGTAILADMIN_BASE_URL = PORTAL_BASE_URL
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PublicationFile"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "doc", "rtf", "txt", "xlsx", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents always go through documents.serving (access checks); how it sends the
# bytes: "django" streams them, "nginx" answers X-Accel-Redirect to an internal
# location DOCUMENTS_SENDFILE_URL that maps MEDIA_ROOT (README: "Documents").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOCUMENTS_SENDFILE_BACKEND = env.str("DOCUMENTS_SENDFILE_BACKEND", default="django")
if DOCUMENTS_SENDFILE_BACKEND not in {"django", "nginx"}:
    raise ImproperlyConfigured(
        f"DOCUMENTS_SENDFILE_BACKEND={DOCUMENTS_SENDFILE_BACKEND!r}: "
        "use 'django' or 'nginx'."
    )
DOCUMENTS_SENDFILE_URL = env.str("DOCUMENTS_SENDFILE_URL", default="/protected-media/")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français"), ("nl", "Nederlands")]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no third party learns who uses the admin (and the
# admin's Content-Security-Policy allows no other origin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Search -----------------------------------------------------------------------
# SEARCH_URL unset: Wagtail's database backend alone. Set: the engine (OpenSearch or
# Elasticsearch, told apart by the node's ``GET /`` answer) is the default backend and
# the database backend is kept up to date beside it as the fallback.
SEARCH_URL = env.str("SEARCH_URL", default="")
SEARCH_INDEX_PREFIX = env.str("SEARCH_INDEX_PREFIX", default="portal")
# Parallel test workers (pytest-xdist) each get their own indexes.
SEARCH_INDEX_PREFIX += os.environ.get("PYTEST_XDIST_WORKER", "")
SEARCH_TIMEOUT = env.float("SEARCH_TIMEOUT", default=5.0)
DATABASE_SEARCH_BACKEND = {"BACKEND": "search.backends.database"}
WAGTAILSEARCH_BACKENDS = {}
if SEARCH_URL:
    from search.index_settings import INDEX_SETTINGS

    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "search.backends.auto",
        "URLS": [SEARCH_URL],
        "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}_",
        "TIMEOUT": SEARCH_TIMEOUT,
        "OPTIONS": {"max_retries": 0},
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": INDEX_SETTINGS,
    }
    # Kept up to date beside the engine, to answer when it is down.
    WAGTAILSEARCH_BACKENDS["database"] = DATABASE_SEARCH_BACKEND
else:
    WAGTAILSEARCH_BACKENDS["default"] = DATABASE_SEARCH_BACKEND

# --- Geography --------------------------------------------------------------------
GEOCODER = env.str("GEOCODER", default="offline")
if GEOCODER not in {"offline", "nominatim"}:
    raise ImproperlyConfigured("GEOCODER must be 'offline' or 'nominatim'.")
NOMINATIM_USER_AGENT = env.str(
    "NOMINATIM_USER_AGENT", default="portail-social/0.1 (contact: webmaster@localhost)"
)
# The base layer: OpenStreetMap's standard tiles by default (attribution shown,
# within their tile usage policy: a light load, the page's origin as Referer).
# "none" for no external request at all (the privacy page says what this means).
OSM_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_TILES_URL = env.str("MAP_TILES_URL", default="").strip() or OSM_TILES_URL
if MAP_TILES_URL.lower() in ("none", "off"):
    MAP_TILES_URL = ""
MAP_TILES_ATTRIBUTION = env.str(
    "MAP_TILES_ATTRIBUTION", default="© OpenStreetMap contributors"
)

# --- Background tasks -------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")
    }
}

# --- E-mail -----------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds an SMTP connection may hang before the send fails (never block forever).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="portail@localhost")

# --- Portal contact ---------------------------------------------------------------
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="contact@localhost")

# --- Security ---------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
# Wagtail's live preview frames our own pages: SAMEORIGIN, not DENY.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): nothing inline, nothing evaluated on the
# public site; the Wagtail admin's policy adds only what Wagtail needs
# (config/security.py). Map tiles are allowed from MAP_TILES_URL's origin.
CONTENT_SECURITY_POLICY = {"DIRECTIVES": public_directives(MAP_TILES_URL)}
CONTENT_SECURITY_POLICY_ADMIN = {"DIRECTIVES": admin_directives(MAP_TILES_URL)}
if PORTAL_ENV == "production":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The container's health check asks over plain HTTP (portal/healthprobe.py).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Accounts and abuse limits ---------------------------------------------------
# One cache shared by every worker (rate-limit counters): the database cache by
# default; its table is created by a migration (portal 0002) and ``createcachetable``.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://portal_cache")}
# The client's address for rate limits and login lockouts. Behind a reverse proxy
# set TRUSTED_PROXY_HEADER=HTTP_X_FORWARDED_FOR and TRUSTED_PROXY_COUNT to the
# number of proxies that append to it; unset, the header is never believed.
TRUSTED_PROXY_HEADER = env.str("TRUSTED_PROXY_HEADER", default="")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Failed attempts are rows in the database, which every worker shares.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
AXES_VERBOSE = False
# Two-factor authentication (TOTP): required for administrators and federation
# editors, optional for member organisation accounts.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = "Portail social · Sociaal portaal"
# Password reset requests: per client (then a 429) and per address (then silently
# no e-mail: the answer never tells whether an account exists).
PASSWORD_RESET_PER_CLIENT_PER_HOUR = env.int(
    "PASSWORD_RESET_PER_CLIENT_PER_HOUR", default=5
)
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env.int(
    "PASSWORD_RESET_PER_ADDRESS_PER_HOUR", default=2
)
# Login attempts per client whatever the usernames (axes counts per username too).
ADMIN_LOGIN_PER_CLIENT_PER_HOUR = env.int("ADMIN_LOGIN_PER_CLIENT_PER_HOUR", default=30)
NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR = env.int(
    "NEWSLETTER_SUBSCRIBE_PER_CLIENT_PER_HOUR", default=10
)

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": (
            "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
        )
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
    },
}

PORTAL_NAME = {"fr": "Portail social", "nl": "Sociaal portaal"}
