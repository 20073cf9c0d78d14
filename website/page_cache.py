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
  and showed no message. Its per-request parts are filled in on every hit: the CSRF token of its
  forms (a fresh one for this visitor, with its cookie) and the Content-Security-Policy nonce.
  A page that may be stored is rendered with an unguessable marker as its CSRF token
  (`csrf_marker`, a context processor) and stored cut at the markers and at the nonce, both new
  for this render; text on the page was written before and cannot contain them, so nothing a
  person wrote is ever replaced (fixed placeholder strings were replaced inside user text too).
- A route's **query** says which parameters vary its page and how each is written: the key uses
  that one spelling (``?page=01`` and ``?page=1`` are one page, a default is the same as leaving
  it out), any other parameter or an invalid value bypasses the cache, and a copy is stored only
  from a request that already spelled every value that way. A view whose page is not the one the
  parameters ask for (a page past the last, a tag that does not exist) says so with
  ``Cache-Control: private``, which keeps it out of this cache like any shared cache; so the
  number of copies is bounded by what the site really has.
- Entries also expire after a time per route (``DALIL_PAGE_CACHE_SECONDS`` caps it; 0 turns the
  cache off), which bounds texts like "active 5 minutes ago" and changes made outside the
  services (a category renamed in the admin).
"""

import hashlib
import re
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import ResolverMatch
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode

from forum.forms import ListFilterForm

TAG_KEY = "dalil:page-cache:tag:{}"
# v2: pages are stored cut at their per-request slots.
PAGE_KEY = "dalil:page-cache:page:v2:{}"
# Headers that belong to one response, not to the page: outer middleware sets them again.
PER_RESPONSE_HEADERS = {"content-length", "content-security-policy", "set-cookie", "x-page-cache"}


def _none(request) -> dict | None:
    """A page that takes no parameters: any parameter (`?utm_source=…`) bypasses the cache."""
    return None if request.GET else {}


@dataclass(frozen=True)
class Route:
    """What a cacheable view's page depends on, how long it may live, and what a hit still does."""

    tags: Callable[[ResolverMatch], list[str]]
    seconds: int
    # The page's parameters, each value in its one spelling, or None when the request is not
    # cacheable; the default route takes none. A default value is the same page as none.
    query: Callable[[HttpRequest], dict[str, str] | None] = _none
    defaults: dict[str, str] = field(default_factory=dict)


def _wagtail_page_tags(match) -> list[str]:
    # Wagtail serves every page through one view; the site root (a language's home page, path
    # "") lists recent questions as well as knowledge-base categories.
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    return ["pages", "thread", "people"] if not path else ["pages"]


PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def _question_list_query(request) -> dict[str, str] | None:
    """The question list's filters as the view reads them (`ListFilterForm`, tags lowercased,
    the page as a number). Unknown or repeated parameters and values the view would ignore are
    not cached: each would be another copy of a page already there."""
    params = request.GET
    if not set(params) <= {*ListFilterForm.base_fields, "page"}:
        return None
    if any(len(params.getlist(name)) > 1 for name in params):
        return None
    form = ListFilterForm({name: value for name, value in params.items() if name != "page"})
    if not form.is_valid():
        return None
    query = {name: str(form.cleaned_data[name]) for name in form.fields if name in params}
    if "tag" in query:
        query["tag"] = query["tag"].lower()
    if "page" in params:
        number = params["page"].lstrip("0")
        if not PAGE_NUMBER.fullmatch(number):
            return None
        query["page"] = number
    return query


ROUTES = {
    "forum:question_detail": Route(
        tags=lambda match: [f"thread:{match.kwargs['pk']}", "people"],
        seconds=600,
    ),
    # "active 5 minutes ago" on every row: a short life.
    "forum:question_list": Route(
        tags=lambda match: ["thread", "people"],
        seconds=60,
        query=_question_list_query,
        defaults={"show": "all", "sort": "activity", "page": "1"},
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
            key, seconds, spelled = pending
            if not response.streaming:
                stored = _cut(request, response.content)
                if spelled and self._storable(request, response):
                    self._store(request, response, key, seconds, stored)
                response.content = _fill(request, stored)
            response["X-Page-Cache"] = "miss"
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        seconds_cap = settings.DALIL_PAGE_CACHE_SECONDS
        match = request.resolver_match
        route = ROUTES.get(match.view_name) if match else None
        if route is None or seconds_cap <= 0 or not _is_first_visit(request):
            return None
        query = route.query(request)
        if query is None:
            return None  # unknown parameters would let anyone fill the cache with copies
        tags = route.tags(match)
        parts = [
            request.scheme,
            request.get_host(),
            request.path,
            urlencode(
                sorted(
                    (name, value)
                    for name, value in query.items()
                    if value not in ("", route.defaults.get(name))
                )
            ),
            request.LANGUAGE_CODE,
            *tags,
            *_versions(tags),
        ]
        key = PAGE_KEY.format(hashlib.sha256("\n".join(parts).encode()).hexdigest())
        stored = cache.get(key)
        if stored is None:
            # Stored only from a request that spelled each value as the key does, so the copy's
            # own links (language switcher, login) carry that spelling.
            spelled = all(request.GET[name] == value for name, value in query.items())
            request._page_cache = (key, min(route.seconds, seconds_cap), spelled)
            request.page_cache_csrf_marker = f"dalilcsrf{secrets.token_hex(16)}"
            return None
        return self._serve(request, stored)

    def _storable(self, request, response) -> bool:
        session = getattr(request, "session", None)
        return (
            request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not _private(response)
            and not (session is not None and session.modified)
            and not messages.get_messages(request).used
        )

    def _store(self, request, response, key, seconds, stored) -> None:
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        }
        cache.set(key, {"page": stored, "headers": headers}, seconds)

    def _serve(self, request, stored) -> HttpResponse:
        response = HttpResponse(_fill(request, stored["page"]), headers=stored["headers"])
        response["X-Page-Cache"] = "hit"
        patch_vary_headers(response, ["Cookie"])
        return response


def _private(response) -> bool:
    """Whether the response keeps itself out of shared caches (`Cache-Control`)."""
    directives = response.get("Cache-Control", "").lower().replace(" ", "").split(",")
    return any(
        directive.split("=")[0] in ("private", "no-store", "no-cache") for directive in directives
    )


def csrf_marker(request) -> dict:
    """Context processor: on a page the cache may store, forms carry a marker for this render
    instead of a CSRF token, so the stored copy can be cut exactly there (see `_cut`)."""
    marker = getattr(request, "page_cache_csrf_marker", None)
    return {"csrf_token": marker} if marker else {}


def _cut(request, content: bytes) -> tuple[list[bytes], list[str]]:
    """The page cut at this render's CSRF markers and CSP nonce: `(parts, slots)`, with
    `slots[i]` ("csrf" or "nonce") between `parts[i]` and `parts[i + 1]`."""
    separators = {request.page_cache_csrf_marker.encode(): "csrf"}
    nonce = getattr(request, "csp_nonce", "")
    if nonce:
        separators[nonce.encode()] = "nonce"
    pieces = re.split(b"(" + b"|".join(map(re.escape, separators)) + b")", content)
    return pieces[0::2], [separators[separator] for separator in pieces[1::2]]


def _fill(request, stored) -> bytes:
    """The page with this request's CSRF token (asked for only if a form needs one, which sets
    the visitor's CSRF cookie) and CSP nonce in its slots."""
    parts, slots = stored
    values = {}
    page = [parts[0]]
    for slot, part in zip(slots, parts[1:], strict=True):
        if slot not in values:
            value = get_token(request) if slot == "csrf" else getattr(request, "csp_nonce", "")
            values[slot] = value.encode()
        page += [values[slot], part]
    return b"".join(page)
