"""Development settings: the embedded default (SQLite, database search, console email)."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-not-secret-dalil-3b1f9c2e7a")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
DALIL_DEMO_ALLOWED = True
# The demo's scheduler sweeps every minute, so a reader's report shows up in "Needs review" soon.
DALIL_SCHEDULE_STALE_SWEEP_MINUTES = env.int("DALIL_SCHEDULE_STALE_SWEEP_MINUTES", default=1)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The corpus generator and benchmark (bench/): a development tool, never installed in production.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
