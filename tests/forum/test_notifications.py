"""On-site notifications about threads people follow, next to the emails."""

import pytest

from forum import services
from moderation.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_asker_sees_a_new_answer_on_the_notifications_page_in_their_language(
    client, ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory(preferred_language="ar")
    question = ask(asker, title="How do I change my home internet plan?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(UserFactory(display_name="Omar"), question)
    client.force_login(asker)
    html = client.get("/ar/moderation/notifications/").content.decode()
    assert "توجد إجابة جديدة عن «\u2068How do I change my home internet plan?\u2069»" in html
    notice = Notification.objects.get(recipient=asker)
    assert notice.kind == Notification.Kind.NEW_ANSWER
    assert notice.target_url == f"/ar/questions/{question.pk}/{question.slug}/#answer-{reply.pk}"


def test_answer_author_hears_on_the_site_that_their_answer_was_accepted(
    client, question, answer, customer, django_capture_on_commit_callbacks
):
    helper = UserFactory()
    reply = answer(helper, question)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_answer(actor=customer, answer=reply)
        services.create_comment(actor=customer, question=question, answer=reply, body="Thanks!")
    client.force_login(helper)
    html = client.get("/en/moderation/notifications/").content.decode()
    assert f"Your answer to “\u2068{question.title}\u2069” was accepted." in html
    assert "There is a new comment on your post in" in html
    assert not customer.moderation_notifications.exists()  # nobody hears about their own acts


def test_person_who_stopped_following_a_thread_hears_nothing_more_about_it(
    ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    question = ask(asker)
    question.subscriptions.filter(user=asker).delete()
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), question)
    assert not Notification.objects.filter(recipient=asker).exists()


def test_opening_a_notification_marks_it_read_and_goes_to_the_answer(
    client, ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    question = ask(asker)
    with django_capture_on_commit_callbacks(execute=True):
        reply = answer(UserFactory(), question)
    notice = Notification.objects.get(recipient=asker)
    client.force_login(asker)
    page = client.get("/en/moderation/notifications/").content.decode()
    assert f'href="/en/moderation/notifications/{notice.pk}/"' in page
    response = client.get(f"/en/moderation/notifications/{notice.pk}/")
    assert response.status_code == 302
    assert response["Location"] == reply.get_absolute_url()
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_opens_another_persons_notification(
    client, ask, answer, other_customer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), ask(asker))
    notice = Notification.objects.get(recipient=asker)
    client.force_login(other_customer)
    assert client.get(f"/en/moderation/notifications/{notice.pk}/").status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
