"""Absolute links for text read away from the site: every one starts with one base URL.

Email goes out from background tasks, with no request to take the host from, so the site's
public address is configured once, in ``WAGTAILADMIN_BASE_URL`` (docs/operations.md), the
setting Wagtail's own workflow emails read too. Every email of every app builds its links here.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (``/en/questions/7/...``) as a full URL on the configured base URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + path.lstrip("/")
