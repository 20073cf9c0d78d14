"""Takes each response's insights header off and counts what it says (see `counting`)."""

from django.conf import settings

from moderation.measure import HEADER

from . import counting

COOKIE_SECONDS = 24 * 60 * 60


class InsightsMiddleware:
    """Outside the page cache, so a page served from the cache is counted like one rendered.
    Counting is a cache ``add`` and a buffer push: no database query on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        said = response.get(HEADER)
        if said is not None:
            del response[HEADER]
        events = list(getattr(request, "insights_events", ()))
        parsed = counting.parse_header(said) if said else None
        if parsed is not None:
            kind, object_id, language, category_id = parsed
            events.append(
                (kind, {"language": language, "object_id": object_id, "category_id": category_id})
            )
        for kind, fields in events:
            counting.record(request, kind, **fields)
        fresh = getattr(request, "_insights_new_cookie", None)
        if fresh and not response.streaming:
            response.set_cookie(
                counting.VISITOR_COOKIE,
                fresh,
                max_age=COOKIE_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
