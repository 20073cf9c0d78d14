"""Every hostile string, through every place people write, comes back escaped and inert.

Each payload either saves (and its page then shows it as readable text, executing nothing) or is
refused with a translated validation error; no request may end in a 500 (the test client
re-raises server errors, so one would fail the test).
"""

from xml.etree import ElementTree

import pytest
from django.core import mail
from django.urls import reverse

from forum import services
from forum.models import Answer, Comment, Question
from tests.factories import UserFactory

from .payloads import (
    all_payloads,
    assert_nothing_executes,
    naughty_strings,
    normalise,
    sample,
    visible_text,
    xss_payloads,
)

FILLER = "This sentence makes the text long enough to pass the minimum length rule."
REFUSAL_MARKERS = ("errorlist", "field-error", "notice--error", 'aria-invalid="true"')


def refused_with_a_message(response) -> bool:
    html = response.content.decode()
    return response.status_code in (200, 400) and any(m in html for m in REFUSAL_MARKERS)


def ask_over_http(client, *, title, body, tags=""):
    return client.post(
        reverse("forum:ask"),
        {"title": title, "body": body, "tags": tags, "language": "en"},
    )


@pytest.mark.django_db
def test_every_payload_as_a_question_title_and_body_saves_escaped_or_is_refused(author_client):
    saved = refused = 0
    for number, payload in enumerate(all_payloads()):
        title = f"Hostile question number {number}: {payload}"[:150]
        response = ask_over_http(author_client, title=title, body=f"{payload}\n\n{FILLER}")
        if response.status_code == 302:
            saved += 1
            question = Question.objects.get(pk=Question.objects.latest("pk").pk)
            page = author_client.get(question.get_absolute_url())
            assert page.status_code == 200
            text = visible_text(assert_nothing_executes(page.content.decode()))
            assert normalise(question.title) in text, payload
        else:
            assert refused_with_a_message(response), (payload, response.status_code)
            refused += 1
    assert saved > 0.95 * len(all_payloads())
    assert Question.objects.count() == saved


@pytest.mark.django_db
def test_question_list_search_and_feeds_show_hostile_titles_as_text(author_client):
    for number, payload in enumerate(xss_payloads()):
        title = f"Listed {number} {payload}"[:150]
        ask_over_http(author_client, title=title, body=f"{payload}\n\n{FILLER}")
    assert Question.objects.count() > 60
    for page_number in range(1, 6):
        response = author_client.get(
            reverse("forum:question_list"), {"page": page_number, "language": "all"}
        )
        assert response.status_code == 200
        text = visible_text(assert_nothing_executes(response.content.decode()))
        assert "Listed" in text
    response = author_client.get(reverse("search:results"), {"q": "Listed"})
    assert_nothing_executes(response.content.decode())
    for feed in ("/en/feeds/questions.rss", "/en/feeds/questions.atom"):
        root = ElementTree.fromstring(author_client.get(feed).content)
        summaries = [element.text for element in root.iter() if element.tag.endswith("summary")]
        summaries += [element.text for element in root.iter("description")][1:]  # [0]: channel
        assert len(summaries) == 30
        for summary in summaries:  # readers render these as HTML
            assert FILLER[:40] in visible_text(assert_nothing_executes(summary))


@pytest.mark.django_db
@pytest.mark.parametrize("payload", sample(naughty_strings(), 3) + xss_payloads())
def test_hostile_tags_are_refused_with_a_message_or_shown_as_text(author_client, payload):
    response = ask_over_http(
        author_client, title="A question with hostile tags", body=FILLER, tags=payload
    )
    if response.status_code == 302:
        question = Question.objects.get()
        page = author_client.get(question.get_absolute_url())
        assert_nothing_executes(page.content.decode())
        for tag in question.tags.names():
            listed = author_client.get(reverse("forum:question_list"), {"tag": tag})
            assert listed.status_code == 200
            assert_nothing_executes(listed.content.decode())
    else:
        assert refused_with_a_message(response), response.status_code
        assert Question.objects.count() == 0


@pytest.fixture
def open_question(db):
    asker = UserFactory(display_name="Asker")
    return services.create_question(
        actor=asker, title="A question that collects hostile replies", body=FILLER, language="en"
    )


@pytest.mark.django_db
def test_hostile_answers_comments_and_edit_reasons_never_execute(
    author_client, open_question, django_capture_on_commit_callbacks
):
    moderator = UserFactory(role="Moderators", display_name="Mod")
    payloads = xss_payloads() + sample(naughty_strings(), 7)
    mail.outbox = []
    for payload in payloads:
        with django_capture_on_commit_callbacks(execute=True):
            author_client.post(
                reverse("forum:answer_create", args=[open_question.pk]),
                {"body": f"{payload}\n\n{FILLER}"},
            )
        response = author_client.post(
            reverse("forum:comment_create", args=[open_question.pk]), {"body": payload[:600]}
        )
        assert response.status_code == 302 or refused_with_a_message(response)
    answers = list(Answer.objects.filter(question=open_question))
    assert len(answers) > 0.9 * len(payloads)
    assert Comment.objects.count() > 0.5 * len(payloads)
    author_client.force_login(moderator)
    for answer, payload in zip(answers[:40], payloads, strict=False):
        response = author_client.post(
            reverse("forum:answer_edit", args=[answer.pk]),
            {"body": answer.body + "\n\nEdited.", "version": answer.version, "reason": payload},
        )
        assert response.status_code == 302 or refused_with_a_message(response)
        history = author_client.get(reverse("forum:revisions", args=["answer", answer.pk]))
        assert history.status_code == 200
        assert_nothing_executes(history.content.decode())
    page = author_client.get(open_question.get_absolute_url())
    text = visible_text(assert_nothing_executes(page.content.decode()))
    assert "alert('xss-9')" in text  # shown as text, not dropped
    assert mail.outbox, "followers hear of new answers"
    for message in mail.outbox:
        assert "\n" not in message.subject
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert_nothing_executes(content)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", xss_payloads())
def test_hostile_profile_names_and_bios_show_as_text(author_client, open_question, payload):
    response = author_client.post(
        reverse("website:profile_edit"), {"display_name": payload[:60], "bio": payload}
    )
    assert response.status_code == 302 or refused_with_a_message(response)
    person = author_client.person
    person.refresh_from_db()
    services.create_answer(actor=person, question=open_question, body=FILLER)
    for url in (reverse("website:profile", args=[person.pk]), open_question.get_absolute_url()):
        page = author_client.get(url)
        assert page.status_code == 200
        text = visible_text(assert_nothing_executes(page.content.decode()))
        if response.status_code == 302:
            assert normalise(person.public_name) in text


@pytest.mark.django_db
@pytest.mark.parametrize("payload", xss_payloads() + sample(naughty_strings(), 4))
def test_hostile_search_queries_never_fail_or_execute(client, payload):
    response = client.get(reverse("search:results"), {"q": payload})
    assert response.status_code == 200
    assert_nothing_executes(response.content.decode())
    similar = client.get(reverse("search:similar"), {"q": payload})
    assert similar.status_code in (200, 400)
    assert similar["Content-Type"] == "application/json"
