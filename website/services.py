"""Writes that belong to the site as a whole: accounts and roles."""

import enum

from allauth.account.internal.flows.email_verification import (
    send_verification_email_to_address,
)
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from moderation.names import check_display_name
from moderation.posting import check_not_suspended

from . import page_cache
from .roles import CUSTOMERS


def add_to_default_group(*, user) -> None:
    """Every person who signs up, by email or a social provider, starts as a customer."""
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=CUSTOMERS)
        user.groups.add(group)


def update_profile(*, user, actor, display_name: str, bio: str, preferred_language: str):
    """Change what others see of a person. Only the person themselves may do it, and not while
    suspended (`Suspended`). The name must not pass for staff or hide characters
    (`moderation.names.check_display_name`)."""
    if actor.pk != user.pk:
        raise PermissionError("Only the account owner may edit a profile.")
    check_not_suspended(user=actor)
    if display_name:
        try:
            check_display_name(display_name, user=user)
        except ValidationError as error:
            raise ValidationError({"display_name": error.messages})
    user.display_name = display_name
    user.bio = bio
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password", "username"])
    with transaction.atomic():
        user.save(update_fields=["display_name", "bio", "preferred_language"])
        # The name is on every post of theirs: cached pages showing people are dropped.
        transaction.on_commit(lambda: page_cache.bump("people"))
    return user


class EmailConfirmation(enum.Enum):
    """What asking for the confirmation email again did."""

    SENT = "sent"
    NOTHING_TO_CONFIRM = "nothing_to_confirm"
    TOO_SOON = "too_soon"


def send_email_confirmation_again(*, request, actor) -> EmailConfirmation:
    """Send a logged-in person a new link for their unconfirmed address (the primary one, else the
    newest address they are changing to), through allauth's own verification flow: the same
    email and message as at sign-up, and its ``confirm_email`` rate limit (ACCOUNT_RATE_LIMITS),
    which silently skips a send too soon after the last one; here the person is told
    (``TOO_SOON``) instead of hearing nothing. Earlier links stay valid."""
    if not actor.is_authenticated or request.user.pk != actor.pk:
        raise PermissionDenied(_("Log in to confirm your email address."))
    address = (
        EmailAddress.objects.filter(user=actor, verified=False).order_by("-primary", "-pk").first()
    )
    if address is None:
        return EmailConfirmation.NOTHING_TO_CONFIRM
    if not send_verification_email_to_address(request, address):
        return EmailConfirmation.TOO_SOON
    return EmailConfirmation.SENT
