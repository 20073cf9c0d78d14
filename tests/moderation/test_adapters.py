"""Content apps reach moderation through one adapter each, and moderation names none of them."""

import pytest
from django.contrib.contenttypes.models import ContentType

from forum import services as forum
from moderation import adapters, posting
from moderation.conf import DEFAULTS
from moderation.screening import screen_post
from moderation.trust import published_post_count
from tests.moderation_testapp.models import Note, Post

from .conftest import make_post

pytestmark = pytest.mark.django_db


class EssayAdapter(adapters.ModerationAdapter):
    """A third content app: it brings its own post kind and rate-limited action."""

    models = (Note,)
    post_kinds = ("essay",)
    rate_limits = {0: {"essay": [(1, 3600)]}}


@pytest.fixture
def essays():
    adapter = adapters.register_adapter(EssayAdapter())
    yield adapter
    adapters.unregister_adapter(adapter)


def test_moderations_settings_name_only_its_own_actions_and_signal_codes():
    assert {action for level in DEFAULTS["DALIL_RATE_LIMITS"].values() for action in level} == {
        "flag"
    }
    assert set(DEFAULTS["DALIL_STALE_WEIGHTS"]) == {"reported"}


def test_the_forums_adapter_brings_its_rate_limits_and_post_kinds():
    limits = adapters.default_rate_limits()
    assert limits[0]["question"] == [(3, 86400), (1, 600)]
    assert limits[0]["flag"] == [(5, 86400)]
    assert limits[2]["preview"] == [(30, 60), (900, 3600)]
    assert {"question", "answer", "comment"} <= adapters.post_kinds()
    assert {"question", "vote", "preview", "flag"} <= adapters.rate_limited_actions()


def test_the_rate_limits_setting_replaces_every_default(settings, new_user):
    settings.DALIL_RATE_LIMITS = {0: {"vote": [(1, 3600)]}}
    assert adapters.rate_limits() == {0: {"vote": [(1, 3600)]}}
    for _ in range(5):
        posting.check_rate_limit(user=new_user, action="question")
    posting.check_rate_limit(user=new_user, action="vote")
    with pytest.raises(posting.RateLimited):
        posting.check_rate_limit(user=new_user, action="vote")


def test_a_new_content_app_adds_its_kind_and_limit_without_touching_moderation(
    essays, new_user, cache_clock
):
    screening = screen_post(author=new_user, text="An essay", kind="essay")
    assert [reason.code for reason in screening.reasons] == ["trust_level_0"]
    posting.check_rate_limit(user=new_user, action="essay")
    with pytest.raises(posting.RateLimited) as raised:
        posting.check_rate_limit(user=new_user, action="essay")
    assert raised.value.retry_after == 3600


def test_each_adapter_says_which_kinds_hold_every_new_members_post(essays, new_user):
    assert {"question", "answer", "essay"} <= adapters.new_member_review_kinds()
    assert "comment" not in adapters.new_member_review_kinds()
    comment = screen_post(author=new_user, text="Thanks, that worked", kind="comment")
    assert comment.reasons == []
    essays.new_member_review_kinds = ()
    assert screen_post(author=new_user, text="An essay", kind="essay").reasons == []


def test_content_no_adapter_serves_is_shown_by_its_name_and_offers_no_actions(customer):
    note = Note.objects.create(author=customer, body="hello there")
    assert adapters.preview(note) == "hello there"
    assert adapters.text_of(note) == "hello there"
    assert not adapters.supports_edit(note) and not adapters.supports_lock(note)
    assert adapters.direction_attrs(note) == {"dir": "auto"}
    assert not adapters.is_content_type_registered(ContentType.objects.get_for_model(Note))
    with pytest.raises(NotImplementedError):
        adapters.set_status(note, "hidden", actor=customer)


def test_the_stand_in_apps_one_adapter_answers_for_its_posts(customer, moderator):
    post = make_post(customer, title="Top up", body="How?", category="billing")
    assert adapters.adapter_for(post).models == (Post,)
    assert adapters.preview(post) == "Top up"
    assert adapters.category_of(post) == "billing"
    assert adapters.edit_fields(post) == {"title": "Top up", "body": "How?"}
    adapters.set_thread_locked(post, True, actor=moderator)
    post.thread.refresh_from_db()
    assert post.thread.locked and post.thread.locked_by == moderator


def test_trust_counts_published_posts_from_every_adapter(established_members, customer, moderator):
    make_post(customer)
    question = forum.create_question(
        actor=moderator,
        title="How do I check my balance?",
        body="I would like to see how much credit is left on my line.",
        language="en",
    )
    forum.create_answer(
        actor=customer,
        question=question,
        body="Dial *100# and press call to see the credit left on your line.",
    )
    assert published_post_count(customer) == 2
    assert adapters.published_post_counts([customer.pk, moderator.pk]) == {
        customer.pk: 2,
        moderator.pk: 1,
    }


def test_forum_replies_take_their_threads_language_and_visibility(
    established_members, customer, moderator
):
    question = forum.create_question(
        actor=moderator,
        title="كيف أفعّل التجوال في الأردن؟",
        body="أسافر الأسبوع القادم إلى عمّان وأريد استخدام خطي هناك دون انقطاع.",
        language="ar",
    )
    answer = forum.create_answer(
        actor=customer,
        question=question,
        body="من التطبيق: افتح الإعدادات ثم التجوال ثم اختر الأردن من القائمة.",
    )
    assert adapters.language_of(answer) == "ar"
    assert adapters.direction_attrs(answer) == {"lang": "ar", "dir": "rtl"}
    assert adapters.is_public(answer)
    forum.set_post_status(post=question, new_status="hidden", actor=moderator)
    answer.question.refresh_from_db()
    assert not adapters.is_public(answer)
    assert adapters.supports_edit(answer) and adapters.edit_labels(answer) == {"body": "Answer"}
