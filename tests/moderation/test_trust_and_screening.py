from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from moderation import reasons as R
from moderation.actions.decisions import submit_for_review
from moderation.actions.people import put_under_review, release_from_review
from moderation.models import WatchedWord
from moderation.screening import Screening, screen_post
from moderation.trust import trust_level
from tests.factories import UserFactory

from .conftest import make_post, make_trusted

pytestmark = pytest.mark.django_db


def codes(screening):
    return [reason.code for reason in screening.reasons]


def test_a_new_account_has_trust_level_zero(new_user):
    assert trust_level(new_user) == 0


def test_trust_grows_with_published_posts_and_account_age(customer):
    customer.date_joined = timezone.now() - timedelta(days=3)
    customer.save()
    for n in range(2):
        make_post(customer, body=f"answer {n}")
    assert trust_level(customer) == 0
    make_post(customer, body="third answer")
    assert trust_level(customer) == 1
    make_trusted(customer, level=2)
    assert trust_level(customer) == 2


def test_posts_that_are_not_published_do_not_count_towards_trust(customer):
    customer.date_joined = timezone.now() - timedelta(days=3)
    customer.save()
    for n in range(3):
        make_post(customer, body=f"hidden {n}", status="hidden")
    assert trust_level(customer) == 0


def test_a_young_account_stays_at_level_zero_however_much_it_posts(customer):
    for n in range(5):
        make_post(customer, body=f"answer {n}")
    assert trust_level(customer) == 0


def test_thresholds_come_from_settings(customer, settings):
    settings.DALIL_TRUST_LEVEL1_POSTS = 0
    settings.DALIL_TRUST_LEVEL1_DAYS = 0
    assert trust_level(customer) == 1


def test_moderators_are_trusted_and_never_screened(moderator):
    assert trust_level(moderator) == 2
    screening = screen_post(author=moderator, text="spam " * 10, kind="question")
    assert not screening.needs_review


def test_a_new_users_question_needs_review(new_user):
    screening = screen_post(author=new_user, text="Hello there", kind="question")
    assert screening.needs_review
    assert codes(screening) == [R.TRUST_LEVEL_0]
    assert "trust level 0" in screening.reasons[0].text


def test_a_new_users_comment_is_not_queued_only_for_being_new(new_user):
    screening = screen_post(author=new_user, text="Thanks!", kind="comment")
    assert not screening.needs_review


def test_a_trusted_users_plain_answer_is_published(trusted_factory):
    screening = screen_post(author=trusted_factory(), text="Dial *100#", kind="answer")
    assert screening == Screening(needs_review=False, reasons=[])


def test_more_than_two_links_from_a_new_user_is_a_reason(new_user):
    text = "see https://a.example http://b.example and www.c.example"
    screening = screen_post(author=new_user, text=text, kind="answer")
    assert R.LINKS in codes(screening)
    two = screen_post(author=new_user, text="https://a.example https://b", kind="answer")
    assert R.LINKS not in codes(two)


def test_any_image_from_a_new_user_is_a_reason(new_user):
    screening = screen_post(author=new_user, text="look ![x](/a.png)", kind="answer")
    assert R.IMAGES in codes(screening)


def test_links_from_a_trusted_user_are_fine(trusted_factory):
    text = "https://a.example https://b.example https://c.example ![x](/a.png)"
    assert not screen_post(author=trusted_factory(), text=text, kind="answer").needs_review


def test_a_watched_word_queues_a_trusted_users_post(trusted_factory):
    WatchedWord.objects.create(pattern="casino")
    screening = screen_post(author=trusted_factory(), text="Best CASINO bonus", kind="answer")
    assert codes(screening) == [R.WATCHED_WORD]
    assert "casino" in screening.reasons[0].text


def test_a_watched_regex_matches_arabic_text(trusted_factory):
    WatchedWord.objects.create(pattern=r"ربح\s+سريع", is_regex=True)
    screening = screen_post(author=trusted_factory(), text="ربح   سريع الآن", kind="answer")
    assert codes(screening) == [R.WATCHED_WORD]


def test_a_new_member_posting_faster_than_a_person_types_is_held_for_it(db):
    author = UserFactory()
    fast = screen_post(author=author, text="x" * 400, kind="comment", posted_after_seconds=2)
    slow = screen_post(author=author, text="x" * 400, kind="comment", posted_after_seconds=120)
    assert codes(fast) == [R.TOO_FAST]
    assert not slow.needs_review


def test_a_trusted_member_who_pastes_an_answer_written_elsewhere_is_not_held(trusted_factory):
    author = trusted_factory()
    pasted = screen_post(author=author, text="x" * 400, kind="answer", posted_after_seconds=6)
    assert not pasted.needs_review


def test_the_typing_check_can_cover_trusted_members_too(settings, trusted_factory):
    settings.DALIL_FAST_TYPING_MAX_TRUST_LEVEL = 1
    pasted = screen_post(
        author=trusted_factory(), text="x" * 400, kind="answer", posted_after_seconds=6
    )
    assert codes(pasted) == [R.TOO_FAST]


def test_a_user_under_review_is_always_queued(trusted_factory, moderator):
    author = trusted_factory()
    put_under_review(user=author, actor=moderator, reason="Several complaints")
    assert codes(screen_post(author=author, text="ok", kind="answer")) == [R.UNDER_REVIEW]
    release_from_review(user=author, actor=moderator)
    assert not screen_post(author=author, text="ok", kind="answer").needs_review


def test_every_reason_that_applied_is_recorded_on_the_queue_item(new_user):
    WatchedWord.objects.create(pattern="free money")
    post = make_post(
        new_user,
        body="free money https://a https://b https://c",
        status="pending",
    )
    item = submit_for_review(target=post, reasons=[], actor=new_user)
    assert {r["code"] for r in item.reasons} == {R.TRUST_LEVEL_0, R.LINKS, R.WATCHED_WORD}
    assert item.kind == "pending" and item.author == new_user and item.category == "billing"


def test_screening_writes_nothing(new_user, django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as captured:
        screen_post(author=new_user, text="hello", kind="answer")
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in captured)


@pytest.mark.parametrize(
    "pattern",
    [r"(a)\1", r"(?=x)y", r"(?<!a)b", r"(a{1000}){1000}", "[unclosed", "x" * 201],
)
def test_regexes_re2_cannot_run_in_linear_time_or_broken_ones_are_refused(pattern):
    with pytest.raises(ValidationError):
        WatchedWord(pattern=pattern, is_regex=True).full_clean()


def test_a_safe_regex_is_accepted():
    WatchedWord(pattern=r"\bwin(ner)?\b", is_regex=True).full_clean()


@pytest.mark.parametrize("pattern", ["(a+)+", r"(\w*x)*", r"(.*a){5}"])
def test_nested_repetition_is_accepted_because_re2_never_backtracks(pattern):
    WatchedWord(pattern=pattern, is_regex=True).full_clean()


def test_unknown_post_kind_is_a_programming_error(new_user):
    with pytest.raises(ValueError):
        screen_post(author=new_user, text="x", kind="essay")


def test_a_user_made_by_the_factory_is_new():
    assert trust_level(UserFactory()) == 0
