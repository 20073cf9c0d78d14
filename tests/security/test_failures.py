"""When parts of the system fail, requests still succeed and nothing is lost."""

import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from forum import services
from forum.models import Answer
from tests.factories import UserFactory

from .failing_email import FlakyEmailBackend

BODY = "Restart the router and check the fibre cable is not bent; then call support."
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def thread(db):
    asker = UserFactory(display_name="Asker")
    return services.create_question(
        actor=asker, title="Fibre drops every evening at eight", body=BODY, language="en"
    )


def answer_over_http(client, question, captured):
    helper = UserFactory(display_name="Helper")
    client.force_login(helper)
    with captured(execute=True):
        return client.post(reverse("forum:answer_create", args=[question.pk]), {"body": BODY})


@pytest.fixture
def run_worker(monkeypatch):
    """`manage.py db_worker --batch`: runs every queued task, then stops.

    The worker's connection housekeeping would close the test's open transaction, so it is
    switched off here; everything else is the real command.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    return lambda: call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.mark.django_db
def test_without_a_worker_the_answer_saves_and_its_email_waits_until_the_worker_runs(
    client, thread, settings, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DATABASE_TASKS
    response = answer_over_http(client, thread, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Answer.objects.filter(question=thread).count() == 1
    assert mail.outbox == []
    emails = DBTaskResult.objects.filter(task_path__startswith="forum.notifications.")
    assert emails.filter(status="READY").count() == 1
    # The search index update for the thread is queued beside it.
    assert DBTaskResult.objects.filter(task_path__startswith="website.search.").exists()

    run_worker()
    assert [message.to for message in mail.outbox] == [[thread.author.email]]
    assert emails.filter(status="SUCCESSFUL").count() == 1


@pytest.mark.django_db
def test_a_failing_mail_server_keeps_the_post_logs_the_error_and_retries(
    client, thread, settings, caplog, django_capture_on_commit_callbacks, run_worker
):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = "tests.security.failing_email.FlakyEmailBackend"
    settings.DALIL_EMAIL_RETRY_SECONDS = 0
    FlakyEmailBackend.failures_left = 2
    response = answer_over_http(client, thread, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Answer.objects.filter(question=thread).count() == 1

    with caplog.at_level(logging.ERROR, logger="forum.notifications"):
        run_worker()
    failures = [r for r in caplog.records if r.name == "forum.notifications"]
    assert len(failures) == 2
    assert "attempt 1 of 5" in failures[0].getMessage()
    assert [message.to for message in mail.outbox] == [[thread.author.email]]


@pytest.mark.django_db
def test_a_mail_server_that_stays_down_never_turns_a_post_into_an_error_page(
    client, thread, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.security.failing_email.DownEmailBackend"
    with caplog.at_level(logging.ERROR, logger="forum.notifications"):
        response = answer_over_http(client, thread, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Answer.objects.filter(question=thread).count() == 1
    failures = [r for r in caplog.records if r.name == "forum.notifications"]
    assert len(failures) == 5  # the immediate backend retries at once, then gives up
