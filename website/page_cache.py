"""Whole public pages for anonymous visitors, served from the cache and kept right by tags.

A help center is read far more than written, and most readers are anonymous: a search engine, a
customer arriving from a search result. Rendering a 30-answer thread costs tens of milliseconds
of template work; serving it from the cache costs one lookup. Correctness comes first:

- Only a GET or HEAD with **no session and no messages cookie** is served from (or stored in)
  the cache. Such a visitor is anonymous and nothing on the page can be theirs; anyone logged in,
  anyone with a pending message and anyone who left article feedback (a session) gets the page
  rendered for them, so nobody ever sees another person's controls.
- Each cacheable route names the **tags** its content depends on (``thread:<pk>``, ``thread``
  for every list of threads, ``pages`` for Wagtail's tree, ``people`` for display names). A tag
  has a version in the cache; the page's key includes the versions, so bumping a tag makes every
  page that depends on it miss at once. Content apps report changes through the
  ``dalil_content_changed`` hook after their transaction commits (see ``content_changed``);
  Wagtail's publish events and profile edits bump ``pages`` and ``people``.
- A page is stored only when it is a plain 200 that set no cookie, wrote nothing to the session
  and showed no message. Its per-request parts are replaced on every hit: the CSRF token of its
  forms (a fresh one for this visitor, with its cookie) and the Content-Security-Policy nonce.
- Entries also expire after a time per route (``DALIL_PAGE_CACHE_SECONDS`` caps it; 0 turns the
  cache off), which bounds texts like "active 5 minutes ago" and changes made outside the
  services (a category renamed in the admin).
"""

import hashlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import ResolverMatch
from django.utils.cache import patch_vary_headers

from forum.services import record_view

TAG_KEY = "dalil:page-cache:tag:{}"
PAGE_KEY = "dalil:page-cache:page:{}"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"__dalil_csrf_token__"
# Headers that belong to one response, not to the page: outer middleware sets them again.
PER_RESPONSE_HEADERS = {"content-length", "content-security-policy", "set-cookie", "x-page-cache"}


@dataclass(frozen=True)
class Route:
    """What a cacheable view's page depends on, how long it may live, and what a hit still does."""

    tags: Callable[[ResolverMatch], list[str]]
    seconds: int
    query: frozenset = field(default_factory=frozenset)  # query parameters that vary the page
    on_hit: Callable[[ResolverMatch], None] | None = None  # e.g. counting a thread view


def _wagtail_page_tags(match) -> list[str]:
    # Wagtail serves every page through one view; the site root (a language's home page, path
    # "") lists recent questions as well as knowledge-base categories.
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    return ["pages", "thread", "people"] if not path else ["pages"]


ROUTES = {
    "forum:question_detail": Route(
        tags=lambda match: [f"thread:{match.kwargs['pk']}", "people"],
        seconds=600,
        on_hit=lambda match: record_view(question_id=match.kwargs["pk"]),
    ),
    # "active 5 minutes ago" on every row: a short life.
    "forum:question_list": Route(
        tags=lambda match: ["thread", "people"],
        seconds=60,
        query=frozenset({"show", "sort", "tag", "category", "language", "page"}),
    ),
    "wagtail_serve": Route(tags=_wagtail_page_tags, seconds=300),
}


def bump(*tags: str) -> None:
    """Give each tag a new version: every cached page that depends on one of them is gone."""
    cache.set_many({TAG_KEY.format(tag): uuid.uuid4().hex for tag in tags}, timeout=None)


def content_changed(kind: str, object_id: str, searchable: bool = True) -> None:
    """The ``dalil_content_changed`` hook: `kind:object_id` and every list of `kind` changed."""
    bump(f"{kind}:{object_id}", kind)


def _versions(tags: list[str]) -> list[str]:
    keys = [TAG_KEY.format(tag) for tag in tags]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            fresh = uuid.uuid4().hex
            found[key] = fresh if cache.add(key, fresh, timeout=None) else cache.get(key, fresh)
    return [found[key] for key in keys]


def _is_first_visit(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


class PageCacheMiddleware:
    """Serves and stores anonymous pages of the routes in `ROUTES` (see the module docstring).
    Responses it handles carry ``X-Page-Cache: hit`` or ``miss`` and ``Vary: Cookie``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pending = getattr(request, "_page_cache", None)
        if pending is not None:
            key, seconds = pending
            if self._storable(request, response):
                self._store(request, response, key, seconds)
            response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds_cap = settings.DALIL_PAGE_CACHE_SECONDS
        match = request.resolver_match
        route = ROUTES.get(match.view_name) if match else None
        if route is None or seconds_cap <= 0 or not _is_first_visit(request):
            return None
        if not set(request.GET).issubset(route.query):
            return None  # unknown parameters would let anyone fill the cache with copies
        tags = route.tags(match)
        parts = [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.LANGUAGE_CODE,
            *tags,
            *_versions(tags),
        ]
        key = PAGE_KEY.format(hashlib.sha256("\n".join(parts).encode()).hexdigest())
        stored = cache.get(key)
        if stored is None:
            request._page_cache = (key, min(route.seconds, seconds_cap))
            return None
        if route.on_hit is not None:
            route.on_hit(match)
        return self._serve(request, stored)

    def _storable(self, request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not (session is not None and session.modified)
            and not messages.get_messages(request).used
        )

    def _store(self, request, response, key, seconds) -> None:
        content = CSRF_FIELD.sub(rb"\g<1>" + CSRF_PLACEHOLDER + rb"\g<2>", response.content)
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        }
        nonce = getattr(request, "csp_nonce", "")
        cache.set(key, {"content": content, "headers": headers, "nonce": nonce}, seconds)

    def _serve(self, request, stored) -> HttpResponse:
        content = stored["content"]
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
        nonce = getattr(request, "csp_nonce", "")
        if stored["nonce"] and nonce:
            content = content.replace(stored["nonce"].encode(), nonce.encode())
        response = HttpResponse(content, headers=stored["headers"])
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ["Cookie"])
        return response
