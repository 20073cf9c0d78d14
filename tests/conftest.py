import pytest
from django.core import mail

from tests.factories import ModeratorFactory, SupportStaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _clean_cache_and_outbox(settings):
    from django.core.cache import cache

    from website.insights import counting

    cache.clear()
    counting._memory.drain(10**9)  # reads counted by an earlier test are not this one's
    mail.outbox = []
    yield
    cache.clear()


@pytest.fixture
def cache_clock(monkeypatch):
    """A clock the rate limits and the local-memory cache both read: advancing it expires
    cache entries as real time would (rate-limit slots expire with their window)."""
    import types

    from django.core.cache.backends import base, locmem

    from moderation import limits

    now = [1_000_000.0]
    fake = types.SimpleNamespace(time=lambda: now[0])
    for module in (limits, locmem, base):
        monkeypatch.setattr(module, "time", fake)
    return now


@pytest.fixture
def established_members(settings):
    """Members are trusted from the start, not rate limited and never "too fast": for tests about
    something other than moderation's screening (tested with real thresholds in
    tests/moderation/test_forum_integration.py)."""
    settings.DALIL_TRUST_LEVEL1_POSTS = 0
    settings.DALIL_TRUST_LEVEL1_DAYS = 0
    settings.DALIL_RATE_LIMITS = {}
    settings.DALIL_MAX_CHARS_PER_SECOND = 10**9


@pytest.fixture
def customer(db):
    return UserFactory(display_name="Layla Customer")


@pytest.fixture
def other_customer(db):
    return UserFactory(display_name="James Customer")


@pytest.fixture
def unverified_user(db):
    return UserFactory(verified=False, display_name="Unverified Person")


@pytest.fixture
def moderator(db):
    return ModeratorFactory(display_name="Sami Moderator")


@pytest.fixture
def support_staff(db):
    return SupportStaffFactory(display_name="Noura Staff", is_staff=False)


@pytest.fixture
def second_support_staff(db):
    return SupportStaffFactory(display_name="Omar Staff")


def pytest_collection_modifyitems(config, items):
    """Transactional tests restore the rows that migrations create (roles, home pages) instead of
    leaving an empty database behind; tests marked `postgres` skip on SQLite, saying why."""
    from django.conf import settings

    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(
                    *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                ),
                append=False,  # prepend, so it is the closest django_db marker
            )

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL (set DATABASE_URL); SQLite has no real concurrency"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
