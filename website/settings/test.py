"""Test settings: fast hashing, local-memory cache, immediate tasks, in-memory email."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
DALIL_DEMO_ALLOWED = True
DALIL_INSIGHTS_FLUSH_SECONDS = 0  # tests fold the buffered counts when they mean to
DALIL_STAFF_REQUIRE_MFA = False

# A stand-in content model for moderation's generic tests (tests/moderation_testapp).
# The corpus generator (bench/) is a development tool, tested here; never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.moderation_testapp", "bench"]  # noqa: F405

# The suite runs on the database backend. The live search tests (tests/search, marker `engine`)
# use the node at SEARCH_URL (search-engine/node start) with indexes of their own prefix.
DALIL_TEST_SEARCH_URL = SEARCH_URL  # noqa: F405
SEARCH_URL = ELASTICSEARCH_URL = ""
DALIL_SEARCH_BACKEND = "database"
