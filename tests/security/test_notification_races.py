"""Two workers given the same notification work at once: one notice, one email (PostgreSQL)."""

import pytest
from django.core import mail

from forum import notifications, services
from moderation.actions.notifications import notify_about_content, set_email_preferences
from moderation.models import Notification
from moderation.tasks import send_notification_digest
from tests.factories import UserFactory
from tests.forum.test_races import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BODY = "My home fibre drops every evening around eight. What should I check first?"
ANSWER = "Restart the router and check the fibre cable is not bent; then call support."


def test_two_workers_running_the_same_new_answer_task_tell_the_asker_once():
    asker = UserFactory()
    question = services.create_question(
        actor=asker, title="Fibre drops every evening", body=BODY, language="en"
    )
    reply = services.create_answer(actor=UserFactory(), question=question, body=ANSWER)
    Notification.objects.all().delete()  # the inline run at commit: start the race from zero
    mail.outbox.clear()
    results, errors = run_together([lambda: notifications.new_answer.call(reply.pk)] * 4)
    assert errors == []
    assert Notification.objects.filter(recipient=asker).count() == 1
    assert [m.to for m in mail.outbox] == [[asker.email]]


def test_two_workers_sending_the_same_digest_send_it_once():
    person = UserFactory()
    set_email_preferences(user=person, actor=person, choices={"new_answer": "daily"})
    actor = UserFactory()
    for n in range(5):
        notify_about_content(
            recipient=person,
            kind="new_answer",
            target_label=f"Question {n}",
            target_url=f"/en/questions/{n}/q/#answer-{n}",
            actor=actor,
            event_key=f"new_answer:answer:{n}",
        )
    results, errors = run_together(
        [lambda: send_notification_digest.call(person.pk, "daily") for _ in range(4)]
    )
    assert errors == []
    assert sorted(results) == [0, 0, 0, 5]
    assert len(mail.outbox) == 1
    assert not Notification.objects.awaiting_digest("daily").exists()


def test_the_same_event_from_many_workers_at_once_is_stored_once():
    person, actor = UserFactory(), UserFactory()

    def tell():
        return notify_about_content(
            recipient=person,
            kind="mention",
            target_label="Fibre",
            target_url="/en/questions/1/fibre/#comment-3",
            actor=actor,
            event_key="mention:comment:3",
        )

    results, errors = run_together([tell] * 6)
    assert errors == []
    assert len([notice for notice in results if notice is not None]) == 1
    assert Notification.objects.filter(recipient=person).count() == 1
