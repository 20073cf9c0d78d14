"""Request middleware for the whole site."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class StaffMFAMiddleware:
    """With DALIL_STAFF_REQUIRE_MFA on, staff without two-factor authentication cannot reach
    the admin; they are sent to set it up first. Public pages are unaffected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.DALIL_STAFF_REQUIRE_MFA
            and request.path.startswith(ADMIN_PREFIXES)
            and request.user.is_authenticated
            and _can_use_admin(request.user)
            and not _has_mfa(request.user)
        ):
            messages.warning(
                request,
                _("Set up two-factor authentication before using the admin."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _can_use_admin(user) -> bool:
    return user.is_staff or user.has_perm("wagtailadmin.access_admin")


def _has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
