"""Trust levels: how much the site trusts a person, computed from their history.

Moderation cannot import the content apps, so each content app registers a post counter in its
``AppConfig.ready``::

    from moderation.trust import register_post_counter
    register_post_counter(
        lambda user: Answer.objects.filter(author=user, status="published").count()
    )

``trust_level`` sums every registered counter.

Levels: 0 new, 1 basic (DALIL_TRUST_LEVEL1_POSTS published posts and DALIL_TRUST_LEVEL1_DAYS days
since joining), 2 regular (the LEVEL2 settings). People with ``moderation.moderate`` are level 2.
"""

from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from .conf import setting
from .rules import can_moderate_content

NEW, BASIC, REGULAR = 0, 1, 2

_post_counters: list[Callable] = []
_bulk_counters: dict[Callable, Callable] = {}


def register_post_counter(func: Callable, *, bulk: Callable | None = None) -> Callable:
    """Register ``func(user) -> int``: how many of the user's posts are published.

    ``bulk(user_ids) -> {user_id: count}`` is optional; the review queue uses it to count posts
    for a whole page of authors in one query instead of one per author.
    """
    if func not in _post_counters:
        _post_counters.append(func)
    if bulk is not None:
        _bulk_counters[func] = bulk
    return func


def unregister_post_counter(func: Callable) -> None:
    """Remove a counter (for tests and app reloads)."""
    if func in _post_counters:
        _post_counters.remove(func)
    _bulk_counters.pop(func, None)


def published_post_counts(users) -> dict[int, int]:
    """Published posts per user id, for many users at once."""
    users = [user for user in users if user is not None]
    totals = {user.pk: 0 for user in users}
    for counter in _post_counters:
        bulk = _bulk_counters.get(counter)
        if bulk is not None:
            for user_id, count in bulk(list(totals)).items():
                totals[user_id] = totals.get(user_id, 0) + count
        else:
            for user in users:
                totals[user.pk] += counter(user)
    return totals


def published_post_count(user) -> int:
    """The user's published posts across every content app that registered a counter."""
    if user is None or not user.is_authenticated:
        return 0
    return sum(counter(user) for counter in _post_counters)


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
