"""Settings shared by every environment.

Everything that differs between a laptop and production is read from the environment, with
defaults that are safe for development: no secret here is used outside dev and test, and
`production.py` refuses to start without real values.
"""

from pathlib import Path

import environ

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "website",
    "website.insights",
    "kb",
    "support",
    "forum",
    "moderation",
    "webhooks",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
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
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
] + env.list("SOCIALACCOUNT_PROVIDER_APPS", default=[])

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "website.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: counts reads of cached pages too, with no database write.
    "website.insights.middleware.InsightsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "website.middleware.StaffMFAMiddleware",
    # Rate limits and suspensions raised by any app's services answer 429/403 (JSON or page).
    "moderation.middleware.ModerationRefusalMiddleware",
    "website.middleware.DatabaseRefusalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Innermost: anonymous first visits to threads, lists and Wagtail pages come from the cache.
    "website.page_cache.PageCacheMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates", PROJECT_DIR / "search" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "website.context_processors.links",
                # Last: on pages the page cache may store, forms carry a marker for the token.
                "website.page_cache.csrf_marker",
            ],
        },
    },
]

# Database: a SQLite file in the project unless DATABASE_URL says otherwise.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "dalil",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dalil",
            # Whole pages and rendered posts live here too (about 90 KB and 3 KB each).
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Longest life of a cached anonymous page in seconds (each route has its own, shorter or equal);
# 0 turns the page cache off. Changes drop the affected pages at once whatever this says.
DALIL_PAGE_CACHE_SECONDS = env.int("DALIL_PAGE_CACHE_SECONDS", default=600)
# Rendered posts shared between viewers (forum/fragments.py): keyed by their content, so they
# are never stale and safe in each worker's own memory; 0 turns them off.
DALIL_POST_FRAGMENT_SECONDS = env.int("DALIL_POST_FRAGMENT_SECONDS", default=600)

# Background work through Django's task framework (django-tasks). Dev and test run tasks
# immediately; production queues them in the database for `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Search: a search engine (OpenSearch 2/3 or Elasticsearch 8/9) when SEARCH_URL is set, the
# database otherwise (docs/search.md, docs/operations.md). ELASTICSEARCH_URL is the older name of
# SEARCH_URL and still works. SEARCH_ENGINE ("opensearch" or "elasticsearch") names the engine;
# empty, the engine's root response tells.
SEARCH_URL = env("SEARCH_URL", default="") or env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_URL = SEARCH_URL
DALIL_SEARCH_ENGINE = env("SEARCH_ENGINE", default="")
DALIL_SEARCH_BACKEND = "engine" if SEARCH_URL else "database"
# Index names are "<prefix>-articles-v<timestamp>" behind the aliases "<prefix>-articles" etc.
DALIL_SEARCH_INDEX_PREFIX = env("DALIL_SEARCH_INDEX_PREFIX", default="dalil")
# Seconds a visitor's search waits for the engine (then the database answers), and seconds an
# index update, rebuild step or synonym change may take.
DALIL_SEARCH_TIMEOUT = env.float("DALIL_SEARCH_TIMEOUT", default=3.0)
DALIL_SEARCH_WRITE_TIMEOUT = env.float("DALIL_SEARCH_WRITE_TIMEOUT", default=30.0)
# Search strings are translated in their own catalogue, next to the search package.
LOCALE_PATHS = [PROJECT_DIR / "search" / "locale"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Email: the console unless EMAIL_URL names a real server (smtp://user:pass@host:587/?tls=True).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Dalil <help@dalil.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts
AUTH_USER_MODEL = "website.User"
# One backend (allauth's, by email), which also holds back staff rights until a second factor is
# set up when DALIL_STAFF_REQUIRE_MFA is on: Django grants a permission if any backend does.
AUTHENTICATION_BACKENDS = ["website.staff_mfa.StaffMFABackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "website.accounts.AccountAdapter"
ACCOUNT_USER_DISPLAY = "website.accounts.user_display"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "website.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# A confirmation link opened in another browser confirms the address but cannot log in there
# (allauth logs in only the session that signed up): it says so and offers the login form,
# instead of dropping the person on the login form as allauth's default does.
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "website:email_confirmed"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Dalil] "
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's rate limits are on by default; they are stated here so the limits are visible.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# The client address behind a reverse proxy (docs/operations.md, "Client addresses"): the header
# the proxy sets, and for X-Forwarded-For how many proxies append to it. Every per-address limit
# (Dalil's and allauth's) reads the address this way; unset, REMOTE_ADDR is the client.
DALIL_TRUSTED_PROXY_HEADER = env("DALIL_TRUSTED_PROXY_HEADER", default="")
DALIL_TRUSTED_PROXY_COUNT = env.int("DALIL_TRUSTED_PROXY_COUNT", default=1)
if DALIL_TRUSTED_PROXY_HEADER.lower() == "x-forwarded-for":
    ALLAUTH_TRUSTED_PROXY_COUNT = DALIL_TRUSTED_PROXY_COUNT
elif DALIL_TRUSTED_PROXY_HEADER:
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER = DALIL_TRUSTED_PROXY_HEADER
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Dalil"
SOCIALACCOUNT_PROVIDERS = env.json("SOCIALACCOUNT_PROVIDERS", default={})
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# Staff act as customers everywhere until they set up two-factor authentication (on in production).
DALIL_STAFF_REQUIRE_MFA = env.bool("DALIL_STAFF_REQUIRE_MFA", default=False)

# Languages: Arabic (default, right-to-left) and English. URLs carry the language.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LANGUAGES_BIDI = ["ar"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# Static and media files. WhiteNoise serves static files; nothing comes from a third-party host.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "Dalil"
# The public address every link in email starts with (moderation.links); the default is
# `make demo`'s server, and production.py never keeps it.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords are reset only through allauth's form and its rate limits; /admin/password_reset/
# redirects there (website/urls.py).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# No SVG: an uploaded SVG can carry script, and Wagtail would serve it from our own origin.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Admin avatars are uploaded to this site or Wagtail's own default image: the CSP allows no
# image from another host, and asking Gravatar would tell it who uses the admin (decision 40).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# How often (days) a knowledge-base article is due for review unless its page says otherwise.
DALIL_KB_REVIEW_EVERY_DAYS = 180

# Threads with no published answer are served with noindex until they are this old (docs/seo.md).
DALIL_THREAD_NOINDEX_DAYS = env.int("DALIL_THREAD_NOINDEX_DAYS", default=14)

# The accepted answer is shown first unless another answer has at least this many more points, or
# the accepted one is flagged outdated or too old (decision 51, docs/community.md).
DALIL_ACCEPTED_ANSWER_LEAD = env.int("DALIL_ACCEPTED_ANSWER_LEAD", default=3)

# manage.py scheduler (docs/operations.md): minutes between stale-content sweeps, days between
# the owners' digests.
DALIL_SCHEDULE_STALE_SWEEP_MINUTES = env.int("DALIL_SCHEDULE_STALE_SWEEP_MINUTES", default=60)
DALIL_SCHEDULE_STALE_DIGEST_DAYS = env.int("DALIL_SCHEDULE_STALE_DIGEST_DAYS", default=7)

# Webhooks (docs/webhooks.md): deliver to hosts on private, loopback or link-local addresses too
# (a helpdesk on the same private network). Off, such targets are refused at save and at send.
DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = env.bool(
    "DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS", default=False
)

# Insights (docs/insights.md): a repeat read by one visitor within this many minutes counts
# once; a visitor's steps more than this many minutes apart are two sessions; rows older than
# this many days are deleted; without Redis, each process folds its buffered counts this often
# (0: only when asked, as in tests).
DALIL_INSIGHTS_REPEAT_MINUTES = env.int("DALIL_INSIGHTS_REPEAT_MINUTES", default=30)
DALIL_INSIGHTS_SESSION_MINUTES = env.int("DALIL_INSIGHTS_SESSION_MINUTES", default=30)
DALIL_INSIGHTS_RETENTION_DAYS = env.int("DALIL_INSIGHTS_RETENTION_DAYS", default=396)
DALIL_INSIGHTS_FLUSH_SECONDS = env.int("DALIL_INSIGHTS_FLUSH_SECONDS", default=60)

# Demo content may only be loaded where this is on (dev and test settings).
DALIL_DEMO_ALLOWED = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "dalil": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
