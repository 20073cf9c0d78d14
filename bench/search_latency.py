"""Search latency (p50/p95) on a generated corpus, for each backend available here.

    DJANGO_SETTINGS_MODULE=website.settings.test python bench/search_latency.py --documents 5000

Runs in a throw-away test database (SQLite in memory, or `test_<name>` when DATABASE_URL points
to PostgreSQL); Elasticsearch is measured too when ELASTICSEARCH_URL is set (indexes use the
prefix `dalil-bench`).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(backend, queries, rounds):
    timings = []
    for _ in range(rounds):
        for locale, query in queries:
            started = time.perf_counter()
            backend.search(query, locale=locale, per_page=10)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    from bench.search_corpus import QUERIES, generate
    from website.search.backends.database import DatabaseBackend

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        providers = generate(options.documents)
        queries = [(locale, q) for locale, qs in QUERIES.items() for q in qs]
        backends = [DatabaseBackend()]
        if os.environ.get("ELASTICSEARCH_URL"):
            from website.search.backends.elastic import ElasticsearchBackend

            settings.DALIL_SEARCH_INDEX_PREFIX = "dalil-bench"
            backends.append(ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"]))
        else:
            print("elasticsearch: skipped (no Elasticsearch server here; set ELASTICSEARCH_URL)")
        for backend in backends:
            started = time.perf_counter()
            backend.rebuild(providers)
            if hasattr(backend, "refresh"):
                backend.refresh()
            indexing = time.perf_counter() - started
            timings = measure(backend, queries, options.rounds)
            label = backend.name
            if backend.name == "database":
                label += f" ({connection.vendor})"
            print(
                f"{label}: {options.documents} documents indexed in {indexing:.1f} s; "
                f"{len(timings)} searches: p50 {statistics.median(timings):.1f} ms, "
                f"p95 {percentile(timings, 0.95):.1f} ms, max {max(timings):.1f} ms"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
