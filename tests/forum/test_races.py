"""Races with real concurrent database connections (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from forum import services
from forum.models import Answer, Question, Vote
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, QUESTION_BODY

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_together(functions):
    """Start every function at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(functions))
    results, errors = [], []

    def worker(function):
        try:
            barrier.wait()
            results.append(function())
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def make_question():
    asker = UserFactory()
    return services.create_question(
        actor=asker, title="Concurrent question title", body=QUESTION_BODY, language="en"
    )


def test_concurrent_votes_from_many_people_all_count():
    question = make_question()
    voters = [UserFactory() for _ in range(8)]
    results, errors = run_together(
        [lambda v=v: services.vote(actor=v, post=question, value=1) for v in voters]
    )
    assert errors == []
    question.refresh_from_db()
    assert question.score == 8 == Vote.objects.count()


def test_the_same_person_voting_twice_at_once_counts_once():
    question = make_question()
    voter = UserFactory()
    results, errors = run_together(
        [lambda: services.vote(actor=voter, post=question, value=1) for _ in range(6)]
    )
    assert errors == []
    question.refresh_from_db()
    assert question.score == 1
    assert Vote.objects.count() == 1


def test_double_submitted_answer_creates_one_answer():
    question = make_question()
    helper = UserFactory()
    results, errors = run_together(
        [
            lambda: services.create_answer(
                actor=helper, question=question, body=ANSWER_BODY, submission_token="same"
            )
            for _ in range(4)
        ]
    )
    assert errors == []
    assert Answer.objects.count() == 1
    assert len({answer.pk for answer in results}) == 1
    question.refresh_from_db()
    assert question.answer_count == 1


def test_double_submitted_question_creates_one_question():
    asker = UserFactory()
    results, errors = run_together(
        [
            lambda: services.create_question(
                actor=asker,
                title="Double clicked question title",
                body=QUESTION_BODY,
                language="en",
                submission_token="same",
            )
            for _ in range(4)
        ]
    )
    assert errors == []
    assert Question.objects.count() == 1


def test_two_simultaneous_edits_from_the_same_version_save_only_one():
    question = make_question()
    editor = question.author
    moderator = UserFactory(role="Moderators")

    def edit(actor, text, reason=""):
        return services.edit_question(
            actor=actor,
            question=Question.objects.get(pk=question.pk),
            title=question.title,
            body=QUESTION_BODY + text,
            language="en",
            reason=reason,
            base_version=1,
        )

    results, errors = run_together(
        [lambda: edit(editor, " Mine."), lambda: edit(moderator, " Theirs.", "Clarify")]
    )
    assert len(results) == 1
    assert len(errors) == 1 and isinstance(errors[0], services.EditConflict)
    question.refresh_from_db()
    assert question.version == 2
    assert question.revisions.count() == 2
