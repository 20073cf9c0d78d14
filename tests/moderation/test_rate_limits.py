import pytest

from moderation.posting import RateLimited, check_rate_limit

from .conftest import make_trusted

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(cache_clock):
    return cache_clock


def test_a_new_member_may_ask_once_every_ten_minutes(new_user, clock):
    check_rate_limit(user=new_user, action="question")
    with pytest.raises(RateLimited) as raised:
        check_rate_limit(user=new_user, action="question")
    assert raised.value.retry_after == 600
    assert "10 minutes" in raised.value.message
    clock[0] += 601
    check_rate_limit(user=new_user, action="question")


def test_a_new_member_may_ask_three_questions_a_day(new_user, clock):
    for _ in range(3):
        check_rate_limit(user=new_user, action="question")
        clock[0] += 601
    with pytest.raises(RateLimited) as raised:
        check_rate_limit(user=new_user, action="question")
    assert raised.value.retry_after == 86400 - 3 * 601
    assert "hours" in raised.value.message


def test_trusted_members_get_more_room(new_user, clock):
    member = make_trusted(new_user)
    for _ in range(10):
        check_rate_limit(user=member, action="answer")


def test_a_refused_attempt_does_not_count(new_user, clock):
    check_rate_limit(user=new_user, action="question")
    for _ in range(5):
        with pytest.raises(RateLimited):
            check_rate_limit(user=new_user, action="question")
    clock[0] += 601
    check_rate_limit(user=new_user, action="question")


def test_limits_are_per_action(new_user, clock):
    check_rate_limit(user=new_user, action="question")
    check_rate_limit(user=new_user, action="answer")
    check_rate_limit(user=new_user, action="vote")


def test_moderators_are_not_rate_limited(moderator, clock):
    for _ in range(50):
        check_rate_limit(user=moderator, action="question")


def test_limits_come_from_settings(new_user, clock, settings):
    settings.DALIL_RATE_LIMITS = {0: {"vote": [(1, 30)]}}
    check_rate_limit(user=new_user, action="vote")
    with pytest.raises(RateLimited) as raised:
        check_rate_limit(user=new_user, action="vote")
    assert raised.value.retry_after == 30 and "30 seconds" in raised.value.message


def test_an_unknown_action_is_a_programming_error(new_user):
    with pytest.raises(ValueError):
        check_rate_limit(user=new_user, action="dance")


def test_the_message_is_translated(new_user, clock):
    from django.utils import translation

    check_rate_limit(user=new_user, action="question")
    with pytest.raises(RateLimited) as raised:
        check_rate_limit(user=new_user, action="question")
    with translation.override("ar"):
        assert "دقائق" in raised.value.message or "دقيقة" in raised.value.message
