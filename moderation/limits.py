"""Rate limits whose check and count are one atomic step, and the client address they key on.

A limit "``count`` uses per ``window`` seconds" is ``count`` *slots* in the cache. A use is
accepted only by claiming a free slot with ``cache.add``, which stores the time of the use and
expires with the window; ``add`` writes only when the key is absent, atomically (Redis
``SET NX EX``, Memcached ``add``, the local-memory cache under its lock). Of any number of
simultaneous requests, at most ``count`` can claim a slot, so none can slip past the limit
between reading a counter and writing it back (what the earlier read-append-write did). Each
accepted use holds its slot for exactly ``window`` seconds, so the window slides: "1 question
per 10 minutes" means 10 minutes after the last one, whatever the clock says.

The cost, per limit: one ``add`` on a random slot while most slots are free (the usual case),
else one ``get_many`` (Redis ``MGET``) of the ``count`` slots to find a free one or the wait;
counts are capped at ``MAX_COUNT``.
"""

import ipaddress
import math
import random
import time
from collections.abc import Iterable

from django.core.cache import cache

from .conf import setting

MAX_COUNT = 1000
# Slots tried at random before reading which are free.
BLIND_ATTEMPTS = 2
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
    timeout = math.ceil(window)
    # Most people are far below their limits: a random slot is usually free, one write.
    for key in random.sample(keys, min(BLIND_ATTEMPTS, len(keys))):
        if cache.add(key, now, timeout=timeout):
            return key, 0.0
    for _attempt in range(len(keys) + EXTRA_ATTEMPTS):
        held = cache.get_many(keys)
        free = [key for key in keys if key not in held]
        if not free:
            return None, _wait_for(held, len(keys), window, now)
        key = random.choice(free)  # spread simultaneous requests over the free slots
        if cache.add(key, now, timeout=timeout):
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
    for number, (count, window) in enumerate(allowed):
        key, wait = _claim(scope, count, window, now)
        if key is None:
            cache.delete_many(taken)
            others = [limit for other, limit in enumerate(allowed) if other != number]
            return max([wait, *(_current_wait(scope, c, w, now) for c, w in others)])
        taken.append(key)
    return 0.0


def _current_wait(scope: str, count: int, window: float, now: float) -> float:
    keys = _slot_keys(scope, min(max(count, 0), MAX_COUNT), window)
    return _wait_for(cache.get_many(keys) if keys else {}, count, window, now)


# The client address ---------------------------------------------------------------------------


def client_ip(request) -> str:
    """The visitor's address, as every per-address limit must see it.

    Behind a reverse proxy ``REMOTE_ADDR`` is the proxy, so the whole site would share one
    budget. ``DALIL_TRUSTED_PROXY_HEADER`` names the header the proxy sets: a one-address header
    (``X-Real-IP``, ``CF-Connecting-IP``) is read as it is; ``X-Forwarded-For`` is read
    ``DALIL_TRUSTED_PROXY_COUNT`` entries from the right, the last one a trusted proxy appended
    (entries further left are whatever the client sent). Without the setting, or when the header
    is missing or not an address, ``REMOTE_ADDR`` is used.
    """
    header = setting("DALIL_TRUSTED_PROXY_HEADER")
    address = ""
    if header:
        value = request.headers.get(header, "")
        if header.lower() == "x-forwarded-for":
            hops = [hop.strip() for hop in value.split(",") if hop.strip()]
            proxies = max(1, int(setting("DALIL_TRUSTED_PROXY_COUNT")))
            # Fewer hops than proxies: the request skipped the outer proxies, and the first
            # entry is what the inner one saw.
            address = hops[-proxies] if len(hops) >= proxies else (hops[0] if hops else "")
        else:
            address = value.strip()
    return _valid(address) or _valid(request.META.get("REMOTE_ADDR", "")) or "unknown"


def _valid(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()[:64]))
    except ValueError:
        return ""


def address_scope(address: str) -> str:
    """What a per-address limit counts: the address itself, or its /64 network for IPv6 (one
    household or server is handed a whole /64, so single IPv6 addresses cost nothing to vary)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)
