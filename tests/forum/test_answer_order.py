"""Where the accepted answer sits: first while it deserves it, in score order once another answer
clearly leads it or it is outdated (decision 51)."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import override

from forum import services
from moderation.stale import run_sweep
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, flag_incorrect

pytestmark = pytest.mark.django_db


def url_en(question) -> str:
    with override("en"):
        return question.get_absolute_url()


def upvote(post, times: int) -> None:
    for _ in range(times):
        services.vote(actor=UserFactory(), post=post, value=1)


@pytest.fixture
def thread(question, answer, customer):
    """A question whose accepted answer has one point, and a rival answer."""
    accepted = answer(UserFactory(), question, body=ANSWER_BODY + " (accepted answer)")
    rival = answer(UserFactory(), question, body=ANSWER_BODY + " (rival answer)")
    services.accept_answer(actor=customer, answer=accepted)
    upvote(accepted, 1)
    return question, accepted, rival


def order(client, question) -> list[str]:
    html = client.get(url_en(question)).content.decode()
    html = html[html.index('id="answers-title"') :]  # the page's structured data comes first
    return sorted(["accepted", "rival"], key=lambda name: html.index(f"({name} answer)"))


def test_the_accepted_answer_stays_first_against_a_slightly_better_rated_one(client, thread):
    question, _accepted, rival = thread
    upvote(rival, 3)  # leads by 2, under the lead of 3
    assert order(client, question) == ["accepted", "rival"]
    assert "Go to the accepted answer" not in client.get(url_en(question)).content.decode()


def test_an_answer_that_clearly_outscores_the_accepted_one_comes_first(client, thread):
    question, accepted, rival = thread
    upvote(rival, 4)  # leads by 3
    assert order(client, question) == ["rival", "accepted"]
    html = client.get(url_en(question)).content.decode()
    assert "Accepted answer" in html
    assert f'<a href="#answer-{accepted.pk}">Go to the accepted answer</a>' in html


def test_the_lead_that_unpins_is_a_setting(client, thread, settings):
    settings.DALIL_ACCEPTED_ANSWER_LEAD = 1
    question, _accepted, rival = thread
    upvote(rival, 2)
    assert order(client, question) == ["rival", "accepted"]


def test_an_accepted_answer_flagged_outdated_is_not_pinned(client, thread):
    question, accepted, rival = thread
    upvote(rival, 1)  # level with it, below it by age
    assert order(client, question) == ["accepted", "rival"]
    flag_incorrect(accepted)
    run_sweep()
    upvote(rival, 1)
    cache.clear()  # a sweep does not touch the anonymous page cache; it expires on its own
    assert order(client, question) == ["rival", "accepted"]


def test_the_accepted_answer_first_by_score_needs_no_jump_link(client, thread):
    question, accepted, _rival = thread
    upvote(accepted, 5)
    html = client.get(url_en(question)).content.decode()
    assert "Go to the accepted answer" not in html


@pytest.mark.parametrize(
    ("language", "heading", "promise"),
    [
        ("en", "1 answer", "Only you and the moderators can see your answer"),
        ("ar", "إجابة واحدة", "لا يرى إجابتك إلا أنت والمشرفون"),
    ],
)
def test_the_heading_counts_the_members_own_answer_waiting_for_review(
    client, question, settings, language, heading, promise
):
    settings.DALIL_MAX_CHARS_PER_SECOND = 20
    settings.DALIL_FAST_TYPING_MAX_TRUST_LEVEL = 1  # the forum's test members are trusted
    member = UserFactory()
    held = services.create_answer(
        actor=member, question=question, body=ANSWER_BODY, posted_after_seconds=0.5
    )
    assert held.is_pending
    client.force_login(member)
    with override(language):
        url = question.get_absolute_url()
    html = client.get(url).content.decode()
    assert f'<h2 id="answers-title">{heading}</h2>' in html
    assert promise in html
    client.force_login(UserFactory())
    html = client.get(url).content.decode()
    assert promise not in html and ANSWER_BODY not in html


def test_a_held_question_page_says_once_what_happens_next(client, customer, settings):
    settings.DALIL_MAX_CHARS_PER_SECOND = 20
    settings.DALIL_FAST_TYPING_MAX_TRUST_LEVEL = 1  # the forum's test members are trusted
    client.force_login(customer)
    with override("en"):
        ask_url = reverse("forum:ask")
    response = client.post(
        ask_url,
        {"title": "Fibre internet drops every evening", "body": ANSWER_BODY, "language": "en"},
        follow=True,
    )
    html = response.content.decode()
    assert "usually within 1 day" in html
    assert "Why it waits: Posted faster than a person types" in html
    for contradiction in ("No answers yet", "does not take new answers", "0 answers"):
        assert contradiction not in html
    assert "is awaiting review." not in html  # the page says it; no second message
