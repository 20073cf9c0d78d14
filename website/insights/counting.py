"""Counting reads and visits without a database write on the request path.

A view says what its page is with a response header (``moderation.measure.tell``: a thread, an
article, a question just asked, a case just escalated); the header is stored with a cached page,
so a page the anonymous page cache serves says it too. `InsightsMiddleware` takes the header off
every response, leaves out what is not a person reading (`is_bot`), drops a repeat read by the
same visitor within ``DALIL_INSIGHTS_REPEAT_MINUTES`` (one cache ``add``), and appends the event
to a buffer: a Redis list when the cache is Redis (one ``RPUSH``), a list in this process
otherwise. `flush` (the scheduler's ``insights_flush`` job, or a thread of the process itself
when the buffer is in memory) folds the buffer into daily rows and the thread's view counter.

A visitor is the hash of a random first-party cookie (`VISITOR_COOKIE`, one day long, nothing
in it but randomness) with a salt drawn at random for each day and forgotten after two: hashes
of two days cannot be linked, and no IP address is read or kept. A browser that sends
``Sec-GPC: 1`` or ``DNT: 1`` gets no cookie; its reads are counted, without de-duplication, and
take no part in deflection.
"""

import json
import logging
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from hashlib import blake2b
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db import close_old_connections, transaction
from django.db.models import F
from django.urls import Resolver404, resolve
from django.utils import timezone

from forum.models import Question

from ..search.analytics import normalised_query
from .models import DailyViews, Visit

logger = logging.getLogger("dalil.insights")

VISITOR_COOKIE = "dalil_visitor"
BUFFER_KEY = "insights:buffer"
SALT_KEY = "insights:salt:{}"
SEEN_KEY = "insights:seen:{}:{}:{}"
DRAIN_BATCH = 5000
MEMORY_LIMIT = 200_000  # events one process holds at most while it cannot fold them
COUNTED = {"question", "article"}
KINDS = {*COUNTED, "ask", "escalate", "search"}

# User agents that announce themselves as programs: crawlers, link previews, monitors, HTTP
# libraries and headless browsers. A person's browser matches none of these words.
BOT_AGENTS = re.compile(
    r"bot\b|bot/|crawl|spider|slurp|scrap|archiver|facebookexternalhit|embedly|preview|"
    r"monitor|uptime|pingdom|lighthouse|headless|phantomjs|curl|wget|httpie|python|"
    r"aiohttp|httpx|okhttp|java/|go-http|node-fetch|axios|libwww|feedfetcher|validator",
    re.IGNORECASE,
)


def is_bot(request) -> bool:
    """Whether a request is not a person reading the page, by what it says of itself.

    Left out: a user agent in `BOT_AGENTS` or none at all; a request without ``Accept-Language``
    (every browser sends one; scripts and most crawlers do not); one that does not accept HTML;
    a prefetch or prerender the person may never look at; HEAD."""
    headers = request.headers
    agent = headers.get("User-Agent", "")
    purpose = (headers.get("Sec-Purpose", "") + headers.get("Purpose", "")).lower()
    return (
        request.method != "GET"
        and request.method != "POST"
        or not agent
        or BOT_AGENTS.search(agent[:512]) is not None
        or not headers.get("Accept-Language")
        or "text/html" not in headers.get("Accept", "")
        and "*/*" not in headers.get("Accept", "")
        or "prefetch" in purpose
        or "prerender" in purpose
    )


def opted_out(request) -> bool:
    """Global Privacy Control or Do Not Track: no visitor cookie, no visitor hash."""
    return request.headers.get("Sec-GPC") == "1" or request.headers.get("DNT") == "1"


def _salt(day: date) -> str:
    key = SALT_KEY.format(day.isoformat())
    fresh = secrets.token_hex(16)
    return fresh if cache.add(key, fresh, timeout=2 * 86400) else cache.get(key, fresh)


def visitor_id(cookie: str, day: date) -> str:
    """The day's hash of a visitor cookie (32 hex characters); "" for no cookie."""
    if not cookie:
        return ""
    return blake2b(f"{_salt(day)}:{cookie}".encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Event:
    """One thing a visitor did, as the buffer holds it."""

    at: float
    kind: str
    language: str
    object_id: int | None = None
    category_id: int | None = None
    visitor: str = ""
    query: str = ""
    result_count: int | None = None

    def dumps(self) -> str:
        return json.dumps(
            [
                self.at,
                self.kind,
                self.language,
                self.object_id,
                self.category_id,
                self.visitor,
                self.query,
                self.result_count,
            ],
            separators=(",", ":"),
        )

    @classmethod
    def loads(cls, line: str | bytes) -> "Event":
        return cls(*json.loads(line))


def parse_header(value: str) -> tuple[str, int, str, int | None] | None:
    """``"question 12 en 3"`` → ``("question", 12, "en", 3)``; None for anything else."""
    parts = value.split()
    if len(parts) != 4 or parts[0] not in KINDS or not parts[1].isdigit():
        return None
    category = int(parts[3]) if parts[3].isdigit() else None
    return parts[0], int(parts[1]), parts[2][:8], category


def _search_referer(request) -> str:
    """The normalised query of the site's search page this read was opened from, or ""."""
    referer = request.headers.get("Referer", "")
    if not referer:
        return ""
    parts = urlsplit(referer[:2000])
    if parts.netloc != request.get_host():
        return ""
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ""
    if match.view_name != "search:results":
        return ""
    return normalised_query(parse_qs(parts.query).get("q", [""])[0])


def visitor_cookie(request) -> str:
    """This request's visitor cookie, or a new one to set (``""`` when the visitor opted out)."""
    if opted_out(request):
        return ""
    cookie = request.COOKIES.get(VISITOR_COOKIE, "")
    if re.fullmatch(r"[0-9a-f]{32}", cookie):
        return cookie
    if not hasattr(request, "_insights_new_cookie"):
        request._insights_new_cookie = secrets.token_hex(16)
    return request._insights_new_cookie


def note(request, kind: str, **fields) -> None:
    """Count an event of a page that is never cached (a search) when the response leaves."""
    if not hasattr(request, "insights_events"):
        request.insights_events = []
    request.insights_events.append((kind, fields))


def record(request, kind: str, *, language: str, object_id=None, category_id=None, **extra):
    """Buffer one event of this request (nothing for a bot, or a repeat read)."""
    if is_bot(request):
        return
    now = time.time()
    day = datetime.fromtimestamp(now, UTC).date()
    visitor = visitor_id(visitor_cookie(request), day)
    if kind in COUNTED:
        if visitor and not cache.add(
            SEEN_KEY.format(visitor, kind, object_id),
            1,
            timeout=settings.DALIL_INSIGHTS_REPEAT_MINUTES * 60,
        ):
            return
        extra.setdefault("query", _search_referer(request))
    event = Event(
        at=now,
        kind=kind,
        language=language,
        object_id=object_id,
        category_id=category_id,
        visitor=visitor,
        **extra,
    )
    buffer().push(event.dumps())


# The buffer ------------------------------------------------------------------------------------


class MemoryBuffer:
    """Events in this process, flushed every ``DALIL_INSIGHTS_FLUSH_SECONDS`` by a thread of
    its own (0: only when `flush` is called, as in tests). For one process without Redis: the
    embedded default. Events not yet flushed are lost if the process is killed."""

    def __init__(self):
        self._lines: list[str] = []
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.dropped = 0

    def push(self, line: str) -> None:
        with self._lock:
            if len(self._lines) >= MEMORY_LIMIT:
                self.dropped += 1  # the database has been away for a long time: stay bounded
                return
            self._lines.append(line)
        if settings.DALIL_INSIGHTS_FLUSH_SECONDS > 0 and self._thread is None:
            self._start()

    def drain(self, limit: int) -> list[str]:
        with self._lock:
            taken, self._lines = self._lines[:limit], self._lines[limit:]
        return taken

    def __len__(self) -> int:
        return len(self._lines)

    def _start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._loop, name="insights-flush", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while True:
            time.sleep(settings.DALIL_INSIGHTS_FLUSH_SECONDS)
            try:
                flush(self)
            except Exception:
                logger.exception("insights: flushing the in-memory buffer failed")
            finally:
                close_old_connections()


class RedisBuffer:
    """Events in a Redis list shared by every app server; the worker flushes it."""

    def __init__(self, backend):
        self._client = backend._cache.get_client(write=True)
        self._key = backend.make_and_validate_key(BUFFER_KEY)

    def push(self, line: str) -> None:
        self._client.rpush(self._key, line)

    def drain(self, limit: int) -> list[bytes]:
        pipe = self._client.pipeline(transaction=True)
        pipe.lrange(self._key, 0, limit - 1)
        pipe.ltrim(self._key, limit, -1)
        taken, _trimmed = pipe.execute()
        return taken

    def __len__(self) -> int:
        return int(self._client.llen(self._key))


_memory = MemoryBuffer()


def buffer() -> MemoryBuffer | RedisBuffer:
    """The Redis list when the default cache is Redis, else this process's memory."""
    backend = caches["default"]
    return RedisBuffer(backend) if isinstance(backend, RedisCache) else _memory


# Folding ---------------------------------------------------------------------------------------


def flush(source=None) -> int:
    """Fold every buffered event into the database; returns how many were folded."""
    source = source or buffer()
    total = 0
    while True:
        lines = source.drain(DRAIN_BATCH)
        if not lines:
            return total
        fold(Event.loads(line) for line in lines)
        total += len(lines)


def fold(events: Iterable[Event]) -> None:
    """Add events to the daily view rows, the threads' view counters and the visits."""
    views: Counter = Counter()
    threads: Counter = Counter()
    visits = []
    for event in events:
        at = datetime.fromtimestamp(event.at, UTC)
        if event.kind in COUNTED:
            views[(at.date(), event.kind, event.object_id, event.language, event.category_id)] += 1
            if event.kind == "question":
                threads[event.object_id] += 1
        if event.visitor:
            visits.append(
                Visit(
                    at=at,
                    visitor=event.visitor,
                    kind=event.kind,
                    language=event.language,
                    object_id=event.object_id,
                    query=event.query[:200],
                    result_count=event.result_count,
                )
            )
    with transaction.atomic():
        DailyViews.objects.bulk_create(
            [
                DailyViews(day=day, kind=kind, object_id=pk, language=language, category_id=cat)
                for day, kind, pk, language, cat in views
            ],
            ignore_conflicts=True,
        )
        for (day, kind, pk, language, _category), count in views.items():
            DailyViews.objects.filter(day=day, kind=kind, object_id=pk, language=language).update(
                views=F("views") + count
            )
        for pk, count in threads.items():
            Question.objects.filter(pk=pk).update(view_count=F("view_count") + count)
        Visit.objects.bulk_create(visits, batch_size=1000)


def today() -> date:
    return timezone.now().astimezone(UTC).date()


def days_ago(days: int) -> date:
    return today() - timedelta(days=days)
