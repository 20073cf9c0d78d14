"""The thread page offers exactly what the services allow: both ask `forum.rules`."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from forum import rules, services
from forum.models import PostStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COMMENT = "Which router model is it exactly?"


def thread_page(client, user, question):
    client.force_login(user)
    with translation.override("en"):
        url = question.get_absolute_url()
    return BeautifulSoup(client.get(url).content, "html.parser")


def answer_block(page, answer):
    return page.find(id=f"answer-{answer.pk}")


def accept_buttons(block) -> list[str]:
    return [button.get_text() for button in block.select("form[action*='/accept'] button")]


def test_accept_is_not_offered_on_a_hidden_answer_and_the_service_refuses_it(
    client, question, answer, moderator
):
    shown = answer(UserFactory(), question)
    hidden = answer(
        UserFactory(), question, body="Unplug the router for thirty seconds, then retry."
    )
    services.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=moderator)
    page = thread_page(client, moderator, question)
    assert accept_buttons(answer_block(page, shown)) == ["Accept this answer"]
    assert accept_buttons(answer_block(page, hidden)) == []
    with pytest.raises(ValidationError):
        services.accept_answer(actor=moderator, answer=hidden)
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_asker_of_an_unpublished_question_cannot_accept(question, answer, moderator):
    reply = answer(UserFactory(), question)
    services.set_post_status(post=question, new_status=PostStatus.HIDDEN, actor=moderator)
    question.refresh_from_db()
    reply.refresh_from_db()
    assert not rules.can_accept_answer(question.author, reply)
    with pytest.raises(PermissionDenied):
        services.accept_answer(actor=question.author, answer=reply)


def test_flag_is_offered_on_other_peoples_published_posts_only(client, question, answer):
    theirs = answer(UserFactory(), question)
    mine = answer(question.author, question, body="Answering myself: it was the splitter, swapped.")
    page = thread_page(client, question.author, question)
    assert answer_block(page, theirs).select(".post-actions__flag")
    assert not answer_block(page, mine).select(".post-actions__flag")


def test_moderator_is_offered_restore_on_a_hidden_comment(client, question, moderator):
    comment = services.create_comment(actor=UserFactory(), question=question, body=COMMENT)
    services.set_post_status(post=comment, new_status=PostStatus.HIDDEN, actor=moderator)
    page = thread_page(client, moderator, question)
    restore = page.select(f"#comment-{comment.pk} input[name=action][value=restore]")
    assert len(restore) == 1


def test_locked_thread_offers_no_votes_or_comments_and_the_services_refuse(
    client, question, answer, moderator, other_customer
):
    reply = answer(UserFactory(), question)
    services.set_locked(actor=moderator, question=question, locked=True)
    page = thread_page(client, other_customer, question)
    assert not page.select("form[action*='/vote/']")
    assert not page.select("form[action*='/comment']")
    with pytest.raises(PermissionDenied):
        services.vote(actor=other_customer, post=reply, value=1)
    with pytest.raises(ValidationError):
        services.create_comment(actor=other_customer, question=question, body=COMMENT)


def test_open_thread_offers_votes_and_comments_to_a_member(client, question, other_customer):
    page = thread_page(client, other_customer, question)
    assert page.select("form[action*='/vote/']")
    assert page.select("form[action*='/comment']")
