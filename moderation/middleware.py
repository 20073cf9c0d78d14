"""Turn moderation refusals raised in any view into a clear answer instead of an error page.

Content apps' views may simply call ``check_can_post`` and let ``RateLimited`` or ``Suspended``
propagate; with this middleware in ``MIDDLEWARE`` the person gets HTTP 429 (with Retry-After)
or 403, as JSON for JSON requests and as a translated page otherwise.
"""

from .posting import RateLimited, Suspended
from .views import refused_response


class ModerationRefusalMiddleware:
    """Answer ``RateLimited`` with 429 and ``Suspended`` with 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return refused_response(request, exception, status=429)
        if isinstance(exception, Suspended):
            return refused_response(request, exception, status=403)
        return None
