from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from moderation import adapters
from moderation.actions.decisions import submit_for_review
from moderation.screening import screen_post
from tests.factories import UserFactory
from tests.moderation_testapp.models import Post, Thread


def make_post(
    author,
    *,
    body="How do I top up my balance?",
    title="Top up",
    status="published",
    category="billing",
    thread=None,
):
    """A post as the content app would create it; pending posts are screened and queued."""
    post = Post.objects.create(
        author=author,
        title=title,
        body=body,
        status=status,
        category=category,
        thread=thread or Thread.objects.create(),
    )
    if status == "pending":
        screening = screen_post(author=author, text=adapters.text_of(post), kind="question")
        submit_for_review(target=post, reasons=screening.reasons, actor=author)
    return post


def make_trusted(user, level=1):
    """Give ``user`` the history of trust level ``level`` (age and published posts)."""
    days, posts = {1: (3, 3), 2: (31, 20)}[level]
    user.date_joined = timezone.now() - timedelta(days=days)
    user.save(update_fields=["date_joined"])
    Post.objects.bulk_create(
        [Post(author=user, body=f"history {n}", status="published") for n in range(posts)]
    )
    return user


@pytest.fixture
def post_factory():
    return make_post


@pytest.fixture
def trusted_factory():
    def factory(level=1, **kwargs):
        return make_trusted(UserFactory(**kwargs), level)

    return factory


@pytest.fixture
def new_user(db):
    return UserFactory(display_name="Newcomer", preferred_language="ar")


@pytest.fixture
def pending_post(new_user):
    return make_post(new_user, status="pending")


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are asserted in English; Arabic tests override explicitly."""
    from django.utils import translation

    with translation.override("en"):
        yield


def admin_browser(person, language: str = "en", *, client: Client | None = None) -> Client:
    """`person` logged in, with the admin in `language`: in their own browser, or in `client`."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(person)
    profile.preferred_language = language
    profile.save()
    browser = client or Client()
    browser.force_login(person)
    return browser


@pytest.fixture
def moderator_client(client, moderator):
    return admin_browser(moderator, client=client)
