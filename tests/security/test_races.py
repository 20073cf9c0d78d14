"""Races and double submissions. The real-concurrency tests run on PostgreSQL only.

Already covered elsewhere and not repeated: one person voting many times at once, double-submitted
answers and questions at the service level, simultaneous edits (tests/forum/test_races.py), and
two moderators deciding one review item (tests/moderation/test_decisions.py).
"""

import pytest
from django.urls import reverse

from forum import services
from forum.models import Question, Revision, Vote
from tests.factories import UserFactory
from tests.forum.test_races import make_question, run_together

BODY = "My home fibre drops every evening around eight. What should I check first?"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_people_voting_at_the_same_moment_give_a_score_of_exactly_twenty():
    question = make_question()
    voters = [UserFactory() for _ in range(20)]
    results, errors = run_together(
        [lambda v=v: services.vote(actor=v, post=question, value=1) for v in voters]
    )
    assert errors == []
    question.refresh_from_db()
    assert question.score == 20
    assert Vote.objects.filter(value=1).count() == 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_person_voting_from_two_tabs_at_once_leaves_one_vote():
    question = make_question()
    voter = UserFactory()
    results, errors = run_together(
        [lambda: services.vote(actor=voter, post=question, value=1) for _ in range(2)]
    )
    assert errors == []
    question.refresh_from_db()
    assert question.score == 1 == Vote.objects.count()


@pytest.mark.django_db
def test_a_double_clicked_ask_form_creates_one_question(client, customer):
    client.force_login(customer)
    form = {
        "title": "Fibre drops every evening at eight",
        "body": BODY,
        "language": "en",
        "submission_token": "3f1c0d9e8b7a4c2e",
    }
    first = client.post(reverse("forum:ask"), form)
    second = client.post(reverse("forum:ask"), form)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Question.objects.count() == 1


@pytest.mark.django_db
def test_the_second_of_two_editors_gets_a_conflict_showing_both_texts(client, customer):
    question = services.create_question(
        actor=customer, title="Fibre drops every evening at eight", body=BODY, language="en"
    )
    moderator = UserFactory(role="Moderators")
    url = reverse("forum:question_edit", args=[question.pk])
    form = {"title": question.title, "language": "en", "tags": "", "version": question.version}

    client.force_login(moderator)
    first = client.post(url, {**form, "body": BODY + " The moderator's words.", "reason": "Fix"})
    assert first.status_code == 302

    client.force_login(customer)
    second = client.post(url, {**form, "body": BODY + " The author's own words."})
    html = second.content.decode()
    assert second.status_code == 200
    assert "The moderator&#x27;s words." in html or "The moderator's words." in html
    assert "The author&#x27;s own words." in html or "The author's own words." in html
    question.refresh_from_db()
    assert question.body.endswith("The moderator's words.")
    assert Revision.objects.filter(question=question).count() == 2
