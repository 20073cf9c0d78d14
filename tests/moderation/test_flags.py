import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from moderation.actions.decisions import approve_item, hide_item
from moderation.actions.flags import flag_accuracy_bonus, flag_post, flag_score
from moderation.actions.people import suspend_user
from moderation.models import Flag, ReviewItem
from moderation.posting import RateLimited, Suspended
from tests.factories import UserFactory

from .conftest import make_post, make_trusted

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(customer):
    return make_post(customer, body="Restart the router to fix the signal.")


def test_a_trusted_member_flags_a_post_and_it_enters_the_queue(post, trusted_factory):
    flagger = trusted_factory()
    flag = flag_post(target=post, actor=flagger, reason="spam")
    item = ReviewItem.objects.get()
    assert flag.score == 2  # 1 + trust level 1
    assert item.kind == "flagged" and item.score == 2 and item.status == "open"
    assert flag.review_item == item
    post.refresh_from_db()
    assert post.status == "published"


def test_a_regular_members_flag_weighs_more(post, trusted_factory):
    assert flag_post(target=post, actor=trusted_factory(2), reason="spam").score == 3


def test_a_moderators_flag_counts_five(post, moderator):
    assert flag_post(target=post, actor=moderator, reason="abusive").score == 5


def test_new_members_cannot_flag(post, new_user):
    with pytest.raises(PermissionDenied, match="New members"):
        flag_post(target=post, actor=new_user, reason="spam")
    assert not Flag.objects.exists()


def test_people_without_a_verified_email_cannot_flag(post):
    unverified = make_trusted(UserFactory(verified=False))
    with pytest.raises(PermissionDenied, match="Confirm your email"):
        flag_post(target=post, actor=unverified, reason="spam")


def test_a_person_flags_a_post_only_once(post, trusted_factory):
    flagger = trusted_factory()
    flag_post(target=post, actor=flagger, reason="spam")
    with pytest.raises(ValidationError, match="already flagged"):
        flag_post(target=post, actor=flagger, reason="abusive")
    assert Flag.objects.count() == 1


def test_nobody_flags_their_own_post(customer, post):
    make_trusted(customer)
    with pytest.raises(ValidationError, match="own post"):
        flag_post(target=post, actor=customer, reason="spam")


def test_other_needs_a_few_words(post, trusted_factory):
    with pytest.raises(ValidationError):
        flag_post(target=post, actor=trusted_factory(), reason="other", text=" \u200b ")
    flag = flag_post(
        target=post, actor=trusted_factory(), reason="other", text="Wrong country code"
    )
    assert flag.text == "Wrong country code"


def test_an_unknown_reason_is_refused(post, trusted_factory):
    with pytest.raises(ValidationError):
        flag_post(target=post, actor=trusted_factory(), reason="boring")


def test_the_post_is_hidden_when_flag_scores_reach_the_threshold(post, trusted_factory):
    flag_post(target=post, actor=trusted_factory(), reason="spam")
    flag_post(target=post, actor=trusted_factory(), reason="spam")
    post.refresh_from_db()
    assert post.status == "published"  # 2 + 2 = 4 < 5
    flag_post(target=post, actor=trusted_factory(), reason="abusive")
    post.refresh_from_db()
    item = ReviewItem.objects.get()
    assert item.score == 6 and post.status == "hidden"
    assert post.status_history[-1] == ["published", "hidden", None]


def test_the_threshold_is_a_setting(post, trusted_factory, settings):
    settings.DALIL_FLAG_HIDE_THRESHOLD = 2
    flag_post(target=post, actor=trusted_factory(), reason="spam")
    post.refresh_from_db()
    assert post.status == "hidden"


def test_a_hidden_post_cannot_be_flagged_again(post, moderator, trusted_factory):
    flag_post(target=post, actor=moderator, reason="spam")
    with pytest.raises(ValidationError, match="already waiting"):
        flag_post(target=post, actor=trusted_factory(), reason="spam")


def _decided_flags(flagger, *, agreed, disagreed, moderator):
    for n in range(agreed + disagreed):
        target = make_post(UserFactory(), body=f"post {n}")
        flag_post(target=target, actor=flagger, reason="spam")
        item = ReviewItem.objects.open().for_target(target).get()
        if n < agreed:
            hide_item(item=item, actor=moderator, note="Spam")
        else:
            approve_item(item=item, actor=moderator)


def test_no_accuracy_bonus_before_five_decided_flags(trusted_factory, moderator):
    flagger = trusted_factory()
    _decided_flags(flagger, agreed=4, disagreed=0, moderator=moderator)
    assert flag_accuracy_bonus(flagger) == 0
    assert flag_score(flagger) == 2


def test_accurate_flaggers_earn_a_bonus(trusted_factory, moderator):
    flagger = trusted_factory()
    _decided_flags(flagger, agreed=5, disagreed=0, moderator=moderator)
    assert flag_accuracy_bonus(flagger) == 2
    assert flag_score(flagger) == 4


def test_a_mixed_record_earns_a_smaller_bonus(trusted_factory, moderator):
    flagger = trusted_factory()
    _decided_flags(flagger, agreed=3, disagreed=3, moderator=moderator)
    assert flag_accuracy_bonus(flagger) == 1  # round(2 × 3/6)


def test_incorrect_or_outdated_flags_stay_queryable(post, trusted_factory):
    flag_post(target=post, actor=trusted_factory(), reason="incorrect", text="Old price")
    flag_post(target=post, actor=trusted_factory(), reason="spam")
    flags = Flag.objects.incorrect_or_outdated().for_target(post)
    assert [f.text for f in flags] == ["Old price"]


def test_flags_are_rate_limited(trusted_factory, settings):
    settings.DALIL_RATE_LIMITS = {1: {"flag": [(2, 3600)]}}
    flagger = trusted_factory()
    posts = [make_post(UserFactory(), body=f"post {n}") for n in range(3)]
    flag_post(target=posts[0], actor=flagger, reason="spam")
    flag_post(target=posts[1], actor=flagger, reason="spam")
    with pytest.raises(RateLimited):
        flag_post(target=posts[2], actor=flagger, reason="spam")


def test_suspended_members_cannot_flag(post, trusted_factory, moderator):
    flagger = trusted_factory()
    suspend_user(user=flagger, actor=moderator, days=3, reason="Abuse")
    with pytest.raises(Suspended):
        flag_post(target=post, actor=flagger, reason="spam")
