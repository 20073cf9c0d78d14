"""Edits pass the same door as new posts (issue 17, items 2, 5 and 15): screened for links,
watched words and new-member limits, refused to suspended members; every link the renderer
makes counts; rendering never runs before the rate limit; previews are rate limited."""

import pytest
from django.urls import reverse
from django.utils import translation

from forum import services
from forum.models import Answer, PostStatus, Question
from moderation.actions.decisions import approve_item
from moderation.actions.people import suspend_user
from moderation.models import ReviewItem, WatchedWord
from moderation.posting import RateLimited, Suspended
from tests.factories import ModeratorFactory, UserFactory

BODY = "How do I move my plan to another number without losing credit?"


@pytest.fixture(autouse=True)
def _english():
    """Pages in English unless a test asks for Arabic."""
    with translation.override("en"):
        yield


@pytest.fixture
def real_screening(settings):
    """Moderation's own thresholds and limits (the security suite turns them off otherwise)."""
    for name in (
        "DALIL_TRUST_LEVEL1_POSTS",
        "DALIL_TRUST_LEVEL1_DAYS",
        "DALIL_RATE_LIMITS",
        "DALIL_MAX_CHARS_PER_SECOND",
    ):
        delattr(settings, name)


@pytest.fixture
def newcomer(db):
    return UserFactory(display_name="Newcomer Person")


def _approved_question(author, moderator):
    question = services.create_question(
        actor=author, title="How do I keep my number?", body=BODY, language="en"
    )
    assert question.is_pending
    item = ReviewItem.objects.open().for_target(question).get()
    approve_item(item=item, actor=moderator)
    question.refresh_from_db()
    assert question.is_published
    return question


def test_a_new_members_approved_question_edited_into_spam_goes_back_to_review(
    real_screening, newcomer, client
):
    moderator = ModeratorFactory()
    question = _approved_question(newcomer, moderator)
    WatchedWord.objects.create(pattern="casino")
    spam = BODY + "\n\n" + "\n".join(f"[deal {n}](https://s{n}.example/) casino" for n in range(30))
    client.force_login(newcomer)
    response = client.post(
        reverse("forum:question_edit", args=[question.pk]),
        {"title": question.title, "body": spam, "language": "en", "version": question.version},
        follow=True,
    )
    question.refresh_from_db()
    assert question.status == PostStatus.PENDING
    item = ReviewItem.objects.open().for_target(question).get()
    codes = {reason["code"] for reason in item.reasons}
    assert {"links", "watched_word"} <= codes
    page = response.content.decode()
    assert "awaiting review by a moderator" in page and "Too many links from a new user" in page
    assert "casino" not in page.split("awaiting review by a moderator")[1][:200]
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404


def test_an_edited_answer_is_screened_like_a_new_answer(real_screening, newcomer):
    moderator = ModeratorFactory()
    question = services.create_question(
        actor=moderator, title="Where is my invoice?", body=BODY, language="en"
    )
    answer = services.create_answer(actor=newcomer, question=question, body=BODY)
    item = ReviewItem.objects.open().for_target(answer).get()
    approve_item(item=item, actor=moderator)
    answer.refresh_from_db()
    assert answer.is_published
    edited = services.edit_answer(
        actor=newcomer,
        answer=answer,
        body=BODY + " [a](//s1.example/) [b](//s2.example/) [c](//s3.example/)",
        base_version=answer.version,
    )
    assert edited.status == PostStatus.PENDING
    assert ReviewItem.objects.open().for_target(edited).exists()
    assert Question.objects.get(pk=question.pk).answer_count == 0


def test_scheme_relative_reference_and_autolinks_count_towards_a_new_members_limit(
    real_screening, newcomer
):
    body = (
        BODY + "\n\n[one](//s1.example/) <https://s2.example/> [three][r]\n\n[r]: //s3.example/\n"
    )
    question = services.create_question(
        actor=newcomer, title="Links of every kind here", body=body, language="en"
    )
    item = ReviewItem.objects.open().for_target(question).get()
    assert {"code": "links", "detail": "3"} in item.reasons


def test_a_trusted_members_edit_with_few_links_stays_published(db):
    member = UserFactory()
    question = services.create_question(
        actor=member, title="A trusted member asks", body=BODY, language="en"
    )
    assert question.is_published
    edited = services.edit_question(
        actor=member,
        question=question,
        title=question.title,
        body=BODY + " [docs](https://example.com/docs)",
        language="en",
        base_version=question.version,
    )
    assert edited.status == PostStatus.PUBLISHED and edited.review_reasons == []
    assert not ReviewItem.objects.open().exists()


def _suspend(person):
    suspend_user(user=person, actor=ModeratorFactory(), days=7, reason="Insults")


def test_a_suspended_member_cannot_edit_an_answer_or_a_question(client, customer):
    question = services.create_question(
        actor=customer, title="Where is my invoice?", body=BODY, language="en"
    )
    answer = services.create_answer(actor=customer, question=question, body=BODY)
    _suspend(customer)
    with pytest.raises(Suspended):
        services.edit_answer(
            actor=customer, answer=answer, body=BODY + " edited", base_version=answer.version
        )
    client.force_login(customer)
    response = client.post(
        reverse("forum:answer_edit", args=[answer.pk]),
        {"body": BODY + " edited by a suspended member", "version": answer.version},
    )
    assert response.status_code == 403
    assert "Your account is suspended" in response.content.decode()
    assert Answer.objects.get(pk=answer.pk).body == BODY
    response = client.post(
        reverse("forum:question_edit", args=[question.pk]),
        {"title": question.title, "body": BODY + " x", "language": "en", "version": 1},
    )
    assert response.status_code == 403
    assert Question.objects.get(pk=question.pk).body == BODY


def test_a_suspended_member_cannot_rename_their_profile(client, customer):
    _suspend(customer)
    client.force_login(customer)
    response = client.post(
        reverse("website:profile_edit"),
        {"display_name": "A brand new name", "bio": "new bio", "preferred_language": "en"},
    )
    assert response.status_code == 403
    assert "Your account is suspended" in response.content.decode()
    customer.refresh_from_db()
    assert customer.display_name == "Layla Customer" and customer.bio == ""


def test_a_suspended_member_cannot_comment(customer):
    question = services.create_question(
        actor=customer, title="Where is my invoice?", body=BODY, language="en"
    )
    _suspend(customer)
    with pytest.raises(Suspended):
        services.create_comment(actor=customer, question=question, body="Me too, please")


def test_rendering_waits_for_the_rate_limit(real_screening, newcomer, monkeypatch):
    from forum.models import posts as models

    services.create_question(
        actor=newcomer, title="My first question here", body=BODY, language="en"
    )
    rendered = []
    original = models.render_markdown
    monkeypatch.setattr(
        models, "render_markdown", lambda text: rendered.append(1) or original(text)
    )
    with pytest.raises(RateLimited):
        services.create_question(
            actor=newcomer, title="My second question now", body="[" * 6000, language="en"
        )
    assert rendered == []


def test_previews_are_rate_limited_like_posting(real_screening, newcomer, client, settings):
    # An hour's window, so a slow machine cannot let the first previews expire mid-test.
    settings.DALIL_RATE_LIMITS = {0: {"preview": [(5, 3600)]}}
    client.force_login(newcomer)
    url = reverse("forum:preview")
    statuses = [client.post(url, {"body": f"**preview** {n}"}).status_code for n in range(6)]
    assert statuses == [200] * 5 + [429]
    refused = client.post(url, {"body": "[" * 6000})
    assert refused.status_code == 429
    assert "You are doing that too often" in refused.content.decode()
    ask = client.post(
        reverse("forum:ask"),
        {"title": "A title long enough", "body": "x" * 40, "language": "en", "preview": "1"},
    )
    assert ask.status_code == 429
    assert "You are doing that too often" in ask.content.decode()


def test_a_suspended_member_gets_no_preview(client, customer):
    _suspend(customer)
    client.force_login(customer)
    assert client.post(reverse("forum:preview"), {"body": "**hi**"}).status_code == 403
