"""Writes that belong to the site as a whole: accounts and roles."""

from django.contrib.auth.models import Group
from django.db import transaction

from . import page_cache
from .roles import CUSTOMERS


def add_to_default_group(*, user) -> None:
    """Every person who signs up, by email or a social provider, starts as a customer."""
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=CUSTOMERS)
        user.groups.add(group)


def update_profile(*, user, actor, display_name: str, bio: str, preferred_language: str):
    """Change what others see of a person. Only the person themselves may do it."""
    if actor.pk != user.pk:
        raise PermissionError("Only the account owner may edit a profile.")
    user.display_name = display_name
    user.bio = bio
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password", "username"])
    with transaction.atomic():
        user.save(update_fields=["display_name", "bio", "preferred_language"])
        # The name is on every post of theirs: cached pages showing people are dropped.
        transaction.on_commit(lambda: page_cache.bump("people"))
    return user
