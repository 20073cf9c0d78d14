"""`make bench`: load-test Dalil the production way and compare every page with a bare Django view.

    python bench/run.py [--duration 20] [--concurrency 8] [--workers 3] [--no-write]

1. Uses the PostgreSQL database in BENCH_DATABASE_URL (default dalil_bench on 127.0.0.1): creates
   it when missing, migrates it and generates the corpus when it is empty.
2. Collects static files into a temporary folder and starts gunicorn with
   `website.settings.bench` (production settings, local-memory cache, plus the baseline page).
3. Drives each page for `--duration` seconds at `--concurrency` with an asyncio/httpx client, then
   tops up to 10,000 requests to compare worker memory after 100 and after 10,000 requests.
4. Prints a table and appends a dated section to docs/performance.md.
"""

import argparse
import asyncio
import itertools
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "docs" / "performance.md"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/dalil_bench"
MEMORY_EARLY, MEMORY_LATE = 100, 10_000
# A browser's headers, so pages are counted by the insights as a person's reads are.
HEADERS = {
    "X-Forwarded-Proto": "https",
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; dalil-bench) Chrome/131.0",
    "Accept": "text/html,*/*;q=0.8",
    "Accept-Language": "en",
}


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def manage(*args, env, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


def ensure_database(url: str) -> None:
    """CREATE DATABASE when it does not exist yet."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        query = "SELECT 1 FROM pg_database WHERE datname = %s"
        found = connection.execute(query, [name]).fetchone()
        if not found:
            print(f"Creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')


def worker_memory(master_pid: int) -> list[int]:
    """Resident memory (KiB) of each gunicorn worker, read from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]))
    return sizes


class Page:
    """Results of driving one page."""

    def __init__(self, name, urls):
        self.name, self.urls = name, urls
        self.latencies, self.errors, self.queries, self.elapsed = [], 0, [], 0.0
        self.error_samples = []

    @property
    def throughput(self):
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0


async def fetch(client, url, page, cookies):
    started = time.perf_counter()
    try:
        response = await client.get(url, headers={**HEADERS, **cookies})
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            page.errors += 1
            if len(page.error_samples) < 3:
                page.error_samples.append(f"{response.status_code} {url}")
        else:
            page.latencies.append(elapsed)
        queries = response.headers.get("X-Bench-Queries")
        if queries is not None:
            page.queries.append(int(queries))
    except httpx.HTTPError as error:
        page.errors += 1
        if len(page.error_samples) < 3:
            page.error_samples.append(f"{type(error).__name__} {url}")


async def drive(base_url, page, cookies, *, concurrency, duration=None, requests=None):
    """Request the page's URLs in turn from `concurrency` clients, for a time or a count."""
    urls = itertools.cycle(page.urls)
    sent = itertools.count()
    deadline = time.perf_counter() + duration if duration else None
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:

        async def user():
            while True:
                if deadline is not None and time.perf_counter() >= deadline:
                    return
                if requests is not None and next(sent) >= requests:
                    return
                await fetch(client, next(urls), page, cookies)

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        page.elapsed += time.perf_counter() - started


def wait_until_up(base_url, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("gunicorn stopped while starting; see the output above.")
        try:
            if httpx.get(f"{base_url}/_bench/baseline/", headers=HEADERS).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time.")


def corpus_line(env) -> str:
    code = (
        "from django.contrib.auth import get_user_model as u;"
        "from forum.models import Question,Answer,Comment,Vote;"
        "from kb.models import ArticlePage;"
        "print(f'{u().objects.count():,} users, {Question.objects.count():,} questions, "
        "{Answer.objects.count():,} answers, {Comment.objects.count():,} comments, "
        "{Vote.objects.count():,} votes, {ArticlePage.objects.count():,} articles')"
    )
    return manage("shell", "--no-imports", "-c", code, env=env, capture=True).strip()


def machine_line(workers) -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return (
        f"{os.cpu_count()} CPU ({cpu}), {memory_kb // 1024 // 1024} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"gunicorn {workers} sync workers"
    )


def table(pages, baseline) -> list[str]:
    base_p95 = percentile(baseline.latencies, 0.95)
    lines = [
        "| Page | Requests | p50 ms | p95 ms | p99 ms | req/s | Errors "
        "| p95 ÷ baseline | Queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        p95 = percentile(page.latencies, 0.95)
        queries = f"{statistics.median(page.queries):.0f}" if page.queries else "–"
        lines.append(
            f"| {page.name} | {len(page.latencies) + page.errors} "
            f"| {percentile(page.latencies, 0.5):.1f} | {p95:.1f} "
            f"| {percentile(page.latencies, 0.99):.1f} | {page.throughput:.0f} | {page.errors} "
            f"| {p95 / base_p95:.1f}× | {queries} |"
        )
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20, help="Seconds per page.")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8093)
    parser.add_argument("--memory-requests", type=int, default=MEMORY_LATE)
    parser.add_argument("--no-write", action="store_true", help="Print only; leave the docs.")
    options = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE)
    static_root = tempfile.mkdtemp(prefix="dalil-bench-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.bench",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static_root,
    }
    # The local-memory cache of production settings without Redis, as the issue asks.
    env.pop("REDIS_URL", None)

    load_before = Path("/proc/loadavg").read_text().split()[0]
    ensure_database(database_url)
    manage("migrate", "--no-input", "-v", "0", env=env)
    manage("generate_corpus", "--if-empty", env=env)
    manage("collectstatic", "--no-input", "-v", "0", env=env)
    targets = json.loads(manage("bench_targets", env=env, capture=True))
    corpus = corpus_line(env)
    print(f"Corpus: {corpus}")

    base_url = f"http://127.0.0.1:{options.port}"
    server = subprocess.Popen(  # noqa: S603 (gunicorn from this virtualenv)
        [
            sys.executable,
            "-m",
            "gunicorn",
            "website.wsgi:application",
            "--workers",
            str(options.workers),
            "--bind",
            f"127.0.0.1:{options.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base_url, server)
        pages = [Page(name, urls) for name, urls in targets["pages"].items()]
        cookies = {"Cookie": "; ".join(f"{k}={v}" for k, v in targets["session_cookie"].items())}
        warmup = Page("warm-up", [url for page in pages for url in page.urls[:3]])
        asyncio.run(drive(base_url, warmup, {}, concurrency=1, requests=MEMORY_EARLY))
        memory_early = worker_memory(server.pid)
        sent = MEMORY_EARLY
        for page in pages:
            page_cookies = cookies if "logged in" in page.name else {}
            print(f"Driving {page.name} for {options.duration:.0f} s…", flush=True)
            asyncio.run(
                drive(
                    base_url,
                    page,
                    page_cookies,
                    concurrency=options.concurrency,
                    duration=options.duration,
                )
            )
            sent += len(page.latencies) + page.errors
        # Search alone, one visitor at a time: the latency target (p95 < 150 ms) without queueing.
        for page in list(pages):
            if page.name.startswith("search"):
                alone = Page(f"{page.name}, 1 client", page.urls)
                print(f"Driving {alone.name} for {options.duration:.0f} s…", flush=True)
                asyncio.run(drive(base_url, alone, {}, concurrency=1, duration=options.duration))
                sent += len(alone.latencies) + alone.errors
                pages.append(alone)
        top_up = Page("memory", [url for page in pages for url in page.urls])
        if sent < options.memory_requests:
            print(f"Topping up to {options.memory_requests} requests…", flush=True)
            asyncio.run(
                drive(
                    base_url,
                    top_up,
                    {},
                    concurrency=options.concurrency,
                    requests=options.memory_requests - sent,
                )
            )
            sent += len(top_up.latencies) + top_up.errors
        memory_late = worker_memory(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(static_root, ignore_errors=True)

    baseline = pages[0]
    rows = table(pages, baseline)
    early, late = statistics.mean(memory_early), statistics.mean(memory_late)
    errors = sum(page.errors for page in pages) + warmup.errors + top_up.errors
    load_after = Path("/proc/loadavg").read_text().split()[0]
    now = datetime.now(UTC)
    section = [
        f"### Run of {now:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Command: `make bench` (`python bench/run.py --duration {options.duration:g} "
        f"--concurrency {options.concurrency} --workers {options.workers}`)",
        f"- Machine: {machine_line(options.workers)}; load average {load_before} before the "
        f"run, {load_after} after (anything above the CPU count means other work competed)",
        f"- Corpus: {corpus}; threads driven have {targets['answers_per_thread']} answers",
        f"- Search backend: {targets['search_backend']}",
        "",
        *rows,
        "",
        f"- Worker memory (mean RSS of {len(memory_late)} workers): "
        f"{early / 1024:.0f} MiB after {MEMORY_EARLY} requests, {late / 1024:.0f} MiB after "
        f"{sent:,} requests ({late / early:.2f}×).",
        f"- Errors in the whole run: {errors}.",
    ]
    samples = [s for page in [*pages, warmup, top_up] for s in page.error_samples]
    if samples:
        section.append(f"- First errors: {', '.join(samples[:6])}.")
    text = "\n".join(section) + "\n"
    print()
    print(text)
    if not options.no_write:
        previous = REPORT.read_text() if REPORT.exists() else ""
        marker = "## Results\n"
        if marker in previous:
            head, tail = previous.split(marker, 1)
            REPORT.write_text(f"{head}{marker}\n{text}\n{tail.lstrip()}")
        else:
            REPORT.write_text(f"{previous.rstrip()}\n\n{marker}\n{text}")
        print(f"Appended to {REPORT.relative_to(ROOT)} (newest first).")


if __name__ == "__main__":
    main()
