"""Request middleware for the whole site."""

import logging
import secrets

from django.contrib import messages
from django.db import DataError, IntegrityError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from .staff_mfa import acts_as_customer

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
logger = logging.getLogger("dalil.database")


class StaffMFAMiddleware:
    """With DALIL_STAFF_REQUIRE_MFA on, staff without two-factor authentication act as customers
    everywhere (website/staff_mfa.py); in the admin, which customers never reach, they are sent
    to set it up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIXES) and acts_as_customer(request.user):
            messages.warning(
                request,
                _("Set up two-factor authentication before using the admin."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every response, with a per-request nonce for the rare inline
    script. Public pages allow scripts only from this site; the admin gets Wagtail's needs."""

    PUBLIC_POLICY = (
        "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; "
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; "
        "frame-src 'self' https://www.youtube-nocookie.com https://www.youtube.com "
        "https://player.vimeo.com; object-src 'none'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    # Wagtail's admin needs inline scripts and styles, and frames its own live preview.
    ADMIN_POLICY = (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
        "connect-src 'self'; frame-src 'self' https://www.youtube-nocookie.com "
        "https://www.youtube.com https://player.vimeo.com; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            policy = self.ADMIN_POLICY if request.path.startswith(ADMIN_PREFIXES) else None
            policy = policy or self.PUBLIC_POLICY.format(nonce=request.csp_nonce)
            response["Content-Security-Policy"] = policy
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DatabaseRefusalMiddleware:
    """The last line of defence when the database refuses a write on a public page.

    Services catch the constraint errors people can provoke (one vote, one submission, one flag,
    edit versions) and answer them precisely. Anything that still escapes a view (an
    `IntegrityError`, or a `DataError` such as a value too long for its column or a NUL byte on
    PostgreSQL) becomes 409 or 400 with a translated page or JSON error instead of a 500, and a
    warning in the log. Nothing is half-saved: ATOMIC_REQUESTS is off, but views write only
    through services, which write inside `transaction.atomic` (or in one statement), and that
    transaction has rolled back by the time the error reaches this middleware. The admin keeps
    Django's own error handling, so staff tools fail loudly.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith(ADMIN_PREFIXES):
            return None
        if isinstance(exception, IntegrityError):
            status = 409
            message = _(
                "Your change could not be saved because it conflicts with something that was "
                "already saved. Reload the page to see the latest version, then try again."
            )
        elif isinstance(exception, DataError):
            status = 400
            message = _(
                "Your change could not be saved because some of the data was not valid. Check "
                "what you entered, then try again."
            )
        else:
            return None
        logger.warning(
            "The database refused a write on %s %s: %s",
            request.method,
            request.path,
            exception,
            exc_info=exception,
        )
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": message}, status=status)
        else:
            response = render(
                request, "website/not_saved.html", {"message": message}, status=status
            )
        add_never_cache_headers(response)
        return response
