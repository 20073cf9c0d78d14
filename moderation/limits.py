"""Rate limits whose check and count are one atomic step, and the client address they key on.

A limit "``count`` uses per ``window`` seconds" is ``count`` *slots* in the cache. A use is
accepted only by claiming a free slot with ``cache.add``, which stores the time of the use and
expires with the window; ``add`` writes only when the key is absent, atomically (Redis
``SET NX EX``, Memcached ``add``, the local-memory cache under its lock). Of any number of
simultaneous requests, at most ``count`` can claim a slot, so none can slip past the limit
between reading a counter and writing it back (what the earlier read-append-write did). Each
accepted use holds its slot for exactly ``window`` seconds, so the window slides: "1 question
per 10 minutes" means 10 minutes after the last one, whatever the clock says.

The cost is one ``get_many`` (Redis ``MGET``) of at most ``count`` small keys and, usually, one
``add`` per limit; counts are capped at ``MAX_COUNT``.
"""

import math
import random
import time
from collections.abc import Iterable

from django.core.cache import cache

MAX_COUNT = 1000
# A failed claim means someone else took that slot; after this many extra tries the request is
# told to come back in a second instead of spinning.
EXTRA_ATTEMPTS = 5


def _slot_keys(scope: str, count: int, window: float) -> list[str]:
    return [f"{scope}:{window:g}:{slot}" for slot in range(count)]


def _wait_for(held: dict, count: int, window: float, now: float) -> float:
    """Seconds until one of ``count`` slots, ``held`` as {key: time of use}, is free."""
    if count <= 0:
        return window
    if len(held) < count:
        return 0.0
    oldest = sorted(held.values())[len(held) - count]
    return max(1.0, oldest + window - now)


def _claim(scope: str, count: int, window: float, now: float) -> tuple[str | None, float]:
    """Claim one free slot: (its key, 0) or (None, seconds to wait)."""
    if count <= 0:
        return None, window
    keys = _slot_keys(scope, min(count, MAX_COUNT), window)
    for _attempt in range(len(keys) + EXTRA_ATTEMPTS):
        held = cache.get_many(keys)
        free = [key for key in keys if key not in held]
        if not free:
            return None, _wait_for(held, len(keys), window, now)
        key = random.choice(free)  # spread simultaneous requests over the free slots
        if cache.add(key, now, timeout=math.ceil(window)):
            return key, 0.0
    return None, 1.0


def take(scope: str, allowed: Iterable[tuple[int, float]], *, now: float | None = None) -> float:
    """Count one use of ``scope`` against every ``(count, window)`` limit, atomically.

    Returns 0 when the use is accepted (it then holds one slot of each limit), or the seconds to
    wait until it would be; a refused use holds nothing, so refused attempts do not count.
    """
    now = time.time() if now is None else now
    allowed = list(allowed)
    taken: list[str] = []
    for count, window in allowed:
        key, wait = _claim(scope, count, window, now)
        if key is None:
            cache.delete_many(taken)
            return max([wait, *(_current_wait(scope, c, w, now) for c, w in allowed)])
        taken.append(key)
    return 0.0


def _current_wait(scope: str, count: int, window: float, now: float) -> float:
    keys = _slot_keys(scope, min(max(count, 0), MAX_COUNT), window)
    return _wait_for(cache.get_many(keys) if keys else {}, count, window, now)
