"""Trust levels: how much the site trusts a person, computed from their history.

Published posts are counted by the content apps' adapters (``ModerationAdapter
.published_post_counts``, see ``moderation.adapters``); ``trust_level`` sums them.

Levels: 0 new, 1 basic (DALIL_TRUST_LEVEL1_POSTS published posts and DALIL_TRUST_LEVEL1_DAYS days
since joining), 2 regular (the LEVEL2 settings). People with ``moderation.moderate`` are level 2.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from . import adapters
from .conf import setting
from .rules import can_moderate_content

NEW, BASIC, REGULAR = 0, 1, 2


def published_post_counts(users) -> dict[int, int]:
    """Published posts per user id, for many users at once (a few queries per content app)."""
    return adapters.published_post_counts(user.pk for user in users if user is not None)


def published_post_count(user) -> int:
    """The user's published posts across every content app."""
    if user is None or not user.is_authenticated:
        return 0
    return adapters.published_post_counts([user.pk])[user.pk]


def has_verified_email(user) -> bool:
    """Whether the user confirmed an email address (allauth)."""
    return EmailAddress.objects.filter(user=user, verified=True).exists()


def trust_level(user) -> int:
    """0 (new), 1 (basic) or 2 (regular), from account age and published posts."""
    if user is None or not user.is_authenticated:
        return NEW
    if can_moderate_content(user):
        return REGULAR
    age = timezone.now() - user.date_joined
    posts = published_post_count(user)
    for level, posts_setting, days_setting in (
        (REGULAR, "DALIL_TRUST_LEVEL2_POSTS", "DALIL_TRUST_LEVEL2_DAYS"),
        (BASIC, "DALIL_TRUST_LEVEL1_POSTS", "DALIL_TRUST_LEVEL1_DAYS"),
    ):
        if posts >= setting(posts_setting) and age >= timedelta(days=setting(days_setting)):
            return level
    return NEW
