"""Search latency, database backend and search node side by side, on the generated corpus.

    python bench/search_latency.py            # BENCH_DATABASE_URL, SEARCH_URL
    python bench/search_latency.py --rebuild --clients 1 8 --requests 160

Uses the PostgreSQL database in BENCH_DATABASE_URL (default dalil_bench on 127.0.0.1), which
`make bench` (or `manage.py generate_corpus`) fills with the 50,000-thread corpus; migrates it
and generates the corpus when it is empty. Indexes the corpus in the database backend and, when
SEARCH_URL names a node (`make search-engine`), in the engine (prefix `dalil-bench`), unless
they already hold it. Then runs the same searches and similar-question look-ups through the
visitors' path (`selectors.search` / `selectors.similar`: backend, visibility check) with 1 and 8
concurrent clients, and prints p50/p95 per backend as a Markdown table.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/dalil_bench"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def prepare(database_url: str) -> None:
    name = database_url.rsplit("/", 1)[-1]
    subprocess.run([str(ROOT / "scripts" / "services"), "database", name], check=True)  # noqa: S603
    env = {**os.environ, "DATABASE_URL": database_url}
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--no-input"], check=True, env=env)  # noqa: S603
    subprocess.run(  # noqa: S603
        [*manage, "generate_corpus", "--if-empty", "--no-index"], check=True, env=env
    )


def run_clients(function, workload, clients: int) -> tuple[list[float], float]:
    """Run `function(item)` over `workload` from `clients` threads; (latencies in ms, seconds)."""
    from django.db import connections

    timings, lock = [], threading.Lock()
    shares = [workload[i::clients] for i in range(clients)]

    def client(share):
        mine = []
        for item in share:
            started = time.perf_counter()
            function(item)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            timings.extend(mine)
        connections.close_all()

    threads = [threading.Thread(target=client, args=(share,)) for share in shares]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--requests", type=int, default=160, help="per measurement")
    parser.add_argument("--rebuild", action="store_true", help="index the corpus again")
    options = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    search_url = os.environ.get("SEARCH_URL") or os.environ.get("ELASTICSEARCH_URL", "")
    prepare(database_url)
    os.environ["DATABASE_URL"] = database_url
    os.environ["SEARCH_URL"] = ""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    from bench.search_corpus import QUERIES
    from forum.models import Question
    from website.search import get_backend, selectors
    from website.search.models import SearchEntry
    from website.search.providers import get_providers

    providers = get_providers()
    expected = sum(provider.count() or 0 for provider in providers)
    searches = [(locale, query) for locale, queries in QUERIES.items() for query in queries]
    titles = list(Question.objects.published().order_by("pk").values_list("language", "title")[:40])
    backends = {"database": {"DALIL_SEARCH_BACKEND": "database"}}
    if search_url:
        backends["engine"] = {
            "DALIL_SEARCH_BACKEND": "engine",
            "SEARCH_URL": search_url,
            "DALIL_SEARCH_INDEX_PREFIX": "dalil-bench",
            "DALIL_SEARCH_TIMEOUT": 10.0,
            "DALIL_SEARCH_WRITE_TIMEOUT": 120.0,
        }
    else:
        print("engine: not measured (set SEARCH_URL to a search node: make search-engine)")

    rows = []
    for name, overrides in backends.items():
        with override_settings(**overrides):
            backend = get_backend()
            label = "database (PostgreSQL)" if name == "database" else backend.engine
            if name == "engine":
                label = f"OpenSearch {backend.client.info()['version']['number']}"
            held = _held(backend, SearchEntry)
            if options.rebuild or held != expected:
                started = time.perf_counter()
                counts = backend.rebuild(providers)
                if hasattr(backend, "refresh"):
                    backend.refresh()
                print(f"{label}: indexed {counts} in {time.perf_counter() - started:.0f} s")
            selectors.cache.clear()
            # Warm up: the first queries of each kind read indexes from disk.
            for locale, query in searches:
                selectors.search(query, locale=locale)
            for clients in options.clients:
                work = [searches[i % len(searches)] for i in range(options.requests)]
                search_ms, search_s = run_clients(
                    lambda item: selectors.search(item[1], locale=item[0]), work, clients
                )
                work = [titles[i % len(titles)] for i in range(options.requests)]
                similar_ms, _ = run_clients(
                    lambda item: selectors.similar(item[1], locale=item[0]), work, clients
                )
                rows.append((label, clients, search_ms, search_s, similar_ms))
                print(
                    f"{label}, {clients} client(s): search p50 {statistics.median(search_ms):.0f}"
                    f" ms p95 {percentile(search_ms, 0.95):.0f} ms; similar p50 "
                    f"{statistics.median(similar_ms):.0f} ms p95 "
                    f"{percentile(similar_ms, 0.95):.0f} ms",
                    flush=True,
                )
    print(
        f"\nCorpus: {expected:,} indexed documents ({database_url.rsplit('/', 1)[-1]}); "
        f"{options.requests} searches and {options.requests} similar look-ups per row; "
        f"{os.cpu_count()} cores, DALIL_SEARCH_TIMEOUT={settings.DALIL_SEARCH_TIMEOUT}"
    )
    print(
        "\n| Backend | clients | search p50 | search p95 | searches/s | similar p50 | similar p95 |"
    )
    print("|---|---|---|---|---|---|---|")
    for label, clients, search_ms, search_s, similar_ms in rows:
        print(
            f"| {label} | {clients} | {statistics.median(search_ms):.0f} ms "
            f"| {percentile(search_ms, 0.95):.0f} ms | {len(search_ms) / search_s:.0f} "
            f"| {statistics.median(similar_ms):.0f} ms | {percentile(similar_ms, 0.95):.0f} ms |"
        )


def _held(backend, entries) -> int:
    """How many documents the backend's index holds now."""
    if backend.name == "database":
        return entries.objects.count()
    from website.search.backends.base import SearchBackendError

    try:
        answer = backend.client.search(backend.indexes(), {"size": 0, "track_total_hits": True})
    except SearchBackendError:
        return -1
    return answer["hits"]["total"]["value"]


if __name__ == "__main__":
    main()
