"""Staff powers need a second factor wherever they are used (DALIL_STAFF_REQUIRE_MFA).

A staff member is anyone whose rights exceed a customer's: a superuser, an `is_staff` account,
or anyone holding a permission the Customers group lacks (moderators, support staff, or a role a
site composes itself). While the setting is on, a staff member without an authenticator app
(TOTP) acts as a customer until they add one: every `user.has_perm()` answers with the Customers
group's permissions, and `is_superuser` and `is_staff` read False for that request. The check
sits in the authentication backend, so every permission check on the site passes through it:
views, services (which check `actor.has_perm()` themselves), templates, Wagtail's admin access
(`wagtailadmin.access_admin`) and any API added later. `StaffMFAMiddleware` turns the admin
into a redirect to the setup page, and the site frame shows a prompt with a link to it.

Only the request's view of the account changes: the flags are held on the instance and written
back unchanged if the account is saved (`website.models.User.save`).
"""

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q

from .roles import CUSTOMERS

# Remembered on the loaded account (through `request.user`'s lazy wrapper too), as Django's
# own backend remembers permissions: one answer per request.
CACHE_ATTRIBUTE = "_dalil_acts_as_customer"
PERMISSIONS_ATTRIBUTE = "_dalil_customer_permissions"


def has_second_factor(user) -> bool:
    """An authenticator app is set up (allauth then asks for its code at every login)."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def customer_permissions() -> set[str]:
    """What the Customers group may do: all a staff member without a second factor keeps."""
    rows = Permission.objects.filter(group__name=CUSTOMERS).values_list(
        "content_type__app_label", "codename"
    )
    return {f"{app_label}.{codename}" for app_label, codename in rows}


def _needs_second_factor(user) -> bool:
    """Staff rights (superuser, `is_staff`, or a permission beyond the Customers group's) and no
    authenticator app, in one query."""
    if user.held_staff_flags is not None or user.is_superuser or user.is_staff:
        return not has_second_factor(user)
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    beyond_customers = Permission.objects.filter(
        Q(user=OuterRef("pk")) | Q(group__user=OuterRef("pk"))
    ).exclude(group__name=CUSTOMERS)
    needs = get_user_model().objects.filter(pk=user.pk, is_active=True)
    return needs.filter(Exists(beyond_customers), ~Exists(totp)).exists()


def acts_as_customer(user) -> bool:
    """Whether this account, as loaded for this request, is a staff member who must add a
    second factor before using staff powers. Computed once per loaded account."""
    if not settings.DALIL_STAFF_REQUIRE_MFA or not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = _needs_second_factor(user)
        setattr(user, CACHE_ATTRIBUTE, cached)
    return cached


def limit_until_second_factor(user) -> None:
    """Make a loaded account act as a customer if it is staff without a second factor."""
    if (user.is_superuser or user.is_staff) and acts_as_customer(user):
        user.hold_staff_flags()


class StaffMFABackend(AuthenticationBackend):
    """allauth's backend (log in by email), with staff rights held back until MFA is set up.

    It must be the only backend: Django grants a permission when any backend does."""

    def get_user(self, user_id):
        user = super().get_user(user_id)
        if user is not None:
            limit_until_second_factor(user)
        return user

    async def aget_user(self, user_id):
        user = await super().aget_user(user_id)
        if user is not None:
            await sync_to_async(limit_until_second_factor)(user)
        return user

    def get_user_permissions(self, user_obj, obj=None):
        if acts_as_customer(user_obj):
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if acts_as_customer(user_obj):
            if not user_obj.is_active or obj is not None:
                return set()
            if not hasattr(user_obj, PERMISSIONS_ATTRIBUTE):
                setattr(user_obj, PERMISSIONS_ATTRIBUTE, customer_permissions())
            return getattr(user_obj, PERMISSIONS_ATTRIBUTE)
        return super().get_group_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        if acts_as_customer(user_obj):
            return self.get_group_permissions(user_obj, obj)
        return super().get_all_permissions(user_obj, obj)

    async def aget_user_permissions(self, user_obj, obj=None):
        return await sync_to_async(self.get_user_permissions)(user_obj, obj)

    async def aget_group_permissions(self, user_obj, obj=None):
        return await sync_to_async(self.get_group_permissions)(user_obj, obj)

    async def aget_all_permissions(self, user_obj, obj=None):
        return await sync_to_async(self.get_all_permissions)(user_obj, obj)
