"""Benchmark settings: production settings plus the bench app and its baseline page.

Used only by `make bench` (bench/run.py): gunicorn serves the site exactly as in production
(DEBUG off, manifest static files, local-memory cache when REDIS_URL is unset) and, beside it,
`/_bench/baseline/`, a bare Django view the other pages are compared with. Each response says how
many SQL queries it ran (`X-Bench-Queries`). Never deploy with these settings.
"""

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, MIDDLEWARE, env

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.count_queries", *MIDDLEWARE]
STATIC_ROOT = env("STATIC_ROOT", default=str(BASE_DIR / "static"))  # noqa: F405
# The benchmark only reads, so each worker's own memory is a correct page cache here (production
# without Redis turns it off: see production.py).
DALIL_PAGE_CACHE_SECONDS = env.int("DALIL_PAGE_CACHE_SECONDS", default=600)
# The load driver talks plain HTTP to gunicorn and says it came through an HTTPS proxy.
SECURE_SSL_REDIRECT = False
