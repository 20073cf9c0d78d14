"""What a held post's author is told about the wait: the median of last month's decisions."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.utils import timezone
from django.utils.translation import override

from moderation.actions.decisions import approve_item
from moderation.models import ReviewItem
from moderation.selectors import held_reasons, usual_review_wait
from tests.factories import UserFactory

from .conftest import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def decide_after(moderator, hours: float, *, days_ago: int = 1) -> None:
    """A held post a moderator approved `hours` after it was queued, `days_ago` days ago."""
    post = make_post(UserFactory(), status="pending")
    item = ReviewItem.objects.open().for_target(post).get()
    approve_item(item=item, actor=moderator)
    decided = timezone.now() - timedelta(days=days_ago)
    ReviewItem.objects.filter(pk=item.pk).update(
        created_at=decided - timedelta(hours=hours), decided_at=decided
    )


def test_the_usual_wait_is_the_median_of_last_months_decisions(moderator):
    for hours in (1, 2, 3, 4, 50):
        decide_after(moderator, hours)
    decide_after(moderator, 400, days_ago=40)  # too long ago to count
    assert usual_review_wait() == timedelta(hours=3)


def test_with_little_history_the_wait_is_the_configured_one(moderator, settings):
    settings.DALIL_REVIEW_WAIT_FALLBACK_HOURS = 6
    for hours in (1, 2, 3, 4):
        decide_after(moderator, hours)
    assert usual_review_wait() == timedelta(hours=6)


def test_the_usual_wait_is_remembered_for_an_hour(moderator, django_assert_num_queries):
    usual_review_wait()
    with django_assert_num_queries(0):
        assert usual_review_wait() == timedelta(hours=24)


def test_the_author_is_told_the_reasons_but_not_the_watched_word(new_user):
    from moderation.models import WatchedWord

    WatchedWord.objects.create(pattern="casino")
    post = make_post(new_user, body="Win at the casino", status="pending")
    (reasons,) = held_reasons([post]).values()
    assert "casino" not in " ".join(str(reason) for reason in reasons)
    with override("en"):
        assert [str(reason) for reason in reasons] == ["New user (trust level 0)", "Watched word"]


@pytest.mark.parametrize(
    ("minutes", "english", "arabic"),
    [
        (0.2, "1 minute", "دقيقة"),
        (50, "50 minutes", "50 دقيقة"),
        (130, "3 hours", "3 ساعات"),
        (24 * 60, "1 day", "يوم"),
        (49 * 60, "3 days", "3 أيام"),
    ],
)
def test_a_wait_is_said_rounded_up_in_one_unit(minutes, english, arabic):
    template = Template("{% load time_tags %}{{ wait|rounded_up }}")
    context = Context({"wait": timedelta(minutes=minutes)})
    with override("en"):
        assert template.render(context) == english
    with override("ar"):
        assert template.render(context) == arabic
