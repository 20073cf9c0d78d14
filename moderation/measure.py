"""How a page tells the site's insights what it was, without the app knowing about insights.

A view marks its response with `tell`; the website's insights middleware takes the header off
before the response leaves, and counts it (website/insights/counting.py). The anonymous page
cache keeps the header with the page, so a page served from the cache is counted too, with no
database work on the request."""

HEADER = "X-Dalil-Insights"


def tell(response, kind: str, object_id: int, language: str, category_id: int | None = None):
    """Mark ``response`` as a read of a ``question`` or an ``article``, a question just asked
    (``ask``) or a case just escalated (``escalate``); returns the response."""
    response[HEADER] = f"{kind} {object_id} {language} {category_id or '-'}"
    return response
