"""Production settings: PostgreSQL, Redis, a task worker, HTTPS everywhere.

The process refuses to start without a real SECRET_KEY, so a missing environment variable can
never fall back to a development value.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
_INSECURE_KEY_MARKERS = ("dev-only", "test-only", "django-insecure", "change-me", "changeme")
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or any(marker in SECRET_KEY for marker in _INSECURE_KEY_MARKERS)
):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of at least 50 characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

# Every link in email starts with the site's public address (moderation.links): never the
# development server's address base.py falls back to. Unset, it is HTTPS on the first allowed
# host name; a wildcard host name cannot be linked to, so then it must be set.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="").rstrip("/")
if not WAGTAILADMIN_BASE_URL and ALLOWED_HOSTS and not ALLOWED_HOSTS[0].startswith((".", "*")):
    WAGTAILADMIN_BASE_URL = f"https://{ALLOWED_HOSTS[0]}"
if not WAGTAILADMIN_BASE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set WAGTAILADMIN_BASE_URL to the site's public address, e.g. https://help.example.com "
        "(links in email start with it)."
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DALIL_STAFF_REQUIRE_MFA = env.bool("DALIL_STAFF_REQUIRE_MFA", default=True)

# The page cache's tag versions must be shared by every worker, or a change made in one worker
# would show in the others only when their copies expire: without Redis it is off by default.
DALIL_PAGE_CACHE_SECONDS = env.int("DALIL_PAGE_CACHE_SECONDS", default=600 if REDIS_URL else 0)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
