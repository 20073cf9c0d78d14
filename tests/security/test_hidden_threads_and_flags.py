"""What is hidden stays hidden, and what a flag-hide changed comes back when it is overturned.

Issue 17, item 11: the flag page showed an answer's text when its *thread* was hidden, and took
the flag. Item 13: an accepted answer hidden by flags lost its mark for good, even when a
moderator decided the flags were wrong.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from forum import services as forum
from forum.models import Answer, Comment, PostStatus, Question
from moderation.actions.decisions import approve_item, restore_item
from moderation.actions.flags import flag_post
from moderation.models import Flag, ReviewItem
from tests.factories import ModeratorFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = "My home fibre drops every evening around eight. What should I check first?"
ANSWER = "Restart the router and check the fibre cable is not bent; then call support."
SECRET = "Restart the router and check the fibre cable"


def flag_url(post, language="en"):
    with translation.override(language):
        return reverse(
            "moderation:flag",
            args=[ContentType.objects.get_for_model(post).pk, post.pk],
        )


@pytest.fixture
def thread(db):
    asker, helper = UserFactory(display_name="Asker"), UserFactory(display_name="Helper")
    question = forum.create_question(
        actor=asker, title="Fibre internet drops every evening", body=BODY, language="en"
    )
    answer = forum.create_answer(actor=helper, question=question, body=ANSWER)
    comment = forum.create_comment(
        actor=asker, question=question, answer=answer, body="Thanks, it worked for me."
    )
    forum.accept_answer(actor=asker, answer=answer)
    return {"question": question, "answer": answer, "comment": comment, "asker": asker}


@pytest.fixture
def moderator(db):
    return ModeratorFactory(display_name="Sami Moderator")


@pytest.fixture
def flagger_client(db):
    client = Client()
    client.force_login(UserFactory(display_name="Flagger"))
    return client


@pytest.mark.parametrize("status", [PostStatus.HIDDEN, PostStatus.DELETED, PostStatus.PENDING])
@pytest.mark.parametrize("kind", ["answer", "comment"])
def test_a_reply_in_a_thread_readers_cannot_see_has_no_flag_page(
    thread, moderator, flagger_client, status, kind
):
    forum.set_post_status(post=thread["question"], new_status=status, actor=moderator)
    post = thread[kind]
    for language in ("en", "ar"):
        page = flagger_client.get(flag_url(post, language))
        assert page.status_code == 404
        assert SECRET not in page.content.decode()
        assert "Thanks, it worked" not in page.content.decode()
    refused = flagger_client.post(flag_url(post), {"reason": "spam"})
    assert refused.status_code == 404
    assert not Flag.objects.exists()


def test_a_comment_under_a_hidden_answer_has_no_flag_page(thread, moderator, flagger_client):
    forum.set_post_status(post=thread["answer"], new_status=PostStatus.HIDDEN, actor=moderator)
    assert flagger_client.get(flag_url(thread["comment"])).status_code == 404
    assert flagger_client.post(flag_url(thread["comment"]), {"reason": "spam"}).status_code == 404
    assert not Flag.objects.exists()


def test_the_service_refuses_a_flag_on_an_answer_of_a_hidden_thread(thread, moderator):
    forum.set_post_status(post=thread["question"], new_status=PostStatus.HIDDEN, actor=moderator)
    answer = Answer.objects.get(pk=thread["answer"].pk)
    with translation.override("en"), pytest.raises(ValidationError, match="not public"):
        flag_post(target=answer, actor=UserFactory(), reason="spam")
    assert not Flag.objects.exists()
    assert not ReviewItem.objects.filter(kind="flagged").exists()


def test_a_reply_in_a_public_thread_can_still_be_flagged(thread, flagger_client):
    page = flagger_client.get(flag_url(thread["comment"]))
    assert page.status_code == 200
    assert flagger_client.post(flag_url(thread["answer"]), {"reason": "spam"}).status_code == 302
    assert Flag.objects.count() == 1


# Item 13 ------------------------------------------------------------------------------------------


def _hide_by_flags(answer, settings):
    settings.DALIL_FLAG_HIDE_THRESHOLD = 4  # two basic members (score 2 each)
    for flagger in (UserFactory(), UserFactory()):
        flag_post(target=answer, actor=flagger, reason="incorrect")
    answer.refresh_from_db()
    assert answer.status == PostStatus.HIDDEN
    return ReviewItem.objects.for_target(answer).get()


def _accepted(question) -> int | None:
    return Question.objects.get(pk=question.pk).accepted_answer_id


@pytest.mark.parametrize("overturn", ["restore", "approve"])
def test_an_overturned_flag_hide_gives_the_accepted_answer_its_mark_back(
    thread, moderator, settings, overturn
):
    question, answer = thread["question"], thread["answer"]
    item = _hide_by_flags(answer, settings)
    assert _accepted(question) is None  # a hidden answer is nobody's solution meanwhile
    reader = Client()
    reader.force_login(UserFactory(display_name="Reader"))  # signed in: never the page cache
    assert SECRET not in reader.get(question.get_absolute_url()).content.decode()

    if overturn == "restore":
        restore_item(item=item, actor=moderator, note="The flags were wrong")
    else:
        approve_item(item=item, actor=moderator, note="The flags were wrong")

    assert _accepted(question) == answer.pk
    assert Question.objects.get(pk=question.pk).is_solved
    assert SECRET in reader.get(question.get_absolute_url()).content.decode()
    assert Question.objects.solved().filter(pk=question.pk).exists()


def test_the_askers_own_choice_meanwhile_wins_over_the_restored_mark(thread, moderator, settings):
    question, answer = thread["question"], thread["answer"]
    item = _hide_by_flags(answer, settings)
    other = forum.create_answer(actor=UserFactory(), question=question, body=ANSWER + " Or this.")
    forum.accept_answer(actor=thread["asker"], answer=other)
    restore_item(item=item, actor=moderator)
    assert _accepted(question) == other.pk


def test_an_asker_who_unaccepted_meanwhile_is_not_overruled(thread, moderator, settings):
    question, answer = thread["question"], thread["answer"]
    item = _hide_by_flags(answer, settings)
    forum.unaccept_answer(actor=thread["asker"], question=question)
    restore_item(item=item, actor=moderator)
    assert _accepted(question) is None


def test_a_moderator_restoring_a_deleted_accepted_answer_restores_the_mark(thread, moderator):
    question, answer = thread["question"], thread["answer"]
    forum.delete_post(actor=moderator, post=answer)
    assert _accepted(question) is None
    forum.restore_post(actor=moderator, post=Answer.objects.get(pk=answer.pk))
    assert _accepted(question) == answer.pk


def test_hiding_an_answer_that_was_not_accepted_sets_nothing_aside(thread, moderator):
    question = thread["question"]
    other = forum.create_answer(actor=UserFactory(), question=question, body=ANSWER + " Or this.")
    forum.set_post_status(post=other, new_status=PostStatus.HIDDEN, actor=moderator)
    forum.restore_post(actor=moderator, post=Answer.objects.get(pk=other.pk))
    assert _accepted(question) == thread["answer"].pk
    assert not Comment.objects.filter(status=PostStatus.HIDDEN).exists()
