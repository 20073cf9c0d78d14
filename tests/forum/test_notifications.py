"""On-site notifications about threads people follow, next to the emails, and the header count."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum import services
from moderation.models import Notification
from tests.factories import UserFactory

from .conftest import ANSWER_BODY

pytestmark = pytest.mark.django_db


def header_link(response):
    return BeautifulSoup(response.content, "html.parser").select_one("header .notifications-link")


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
    # Nobody hears about their own acts (the asker is only asked the satisfaction survey).
    assert not customer.moderation_notifications.exclude(kind="survey").exists()


def test_person_who_stopped_following_a_thread_hears_nothing_more_about_it(
    ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    question = ask(asker)
    question.subscriptions.filter(user=asker).delete()
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), question)
    assert not Notification.objects.filter(recipient=asker).exists()


def test_header_counts_unread_notifications_with_an_arabic_plural_label(
    client, ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    question = ask(asker)
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), question)
        answer(UserFactory(), question, body=ANSWER_BODY + " Or ask for a new router.")
    client.force_login(asker)
    link = header_link(client.get("/ar/"))
    assert link["href"] == "/ar/moderation/notifications/"
    assert link.select_one(".notifications-link__unread").get_text() == "(إشعاران غير مقروءين)"
    assert link.select_one(".notifications-link__count").get_text() == "2"
    link = header_link(client.get("/en/"))
    assert link.select_one(".notifications-link__unread").get_text() == "(2 unread notifications)"


def test_header_without_unread_notifications_shows_no_count(client, customer):
    client.force_login(customer)
    link = header_link(client.get("/en/"))
    assert link is not None and link.select_one(".notifications-link__count") is None
    assert link.get_text(" ", strip=True) == "Notifications"


def test_anonymous_pages_have_no_notifications_link_and_never_count_notifications(client):
    for path in ("/en/questions/", "/ar/account/login/"):
        with CaptureQueriesContext(connection) as counted:
            response = client.get(path)
        assert header_link(response) is None
        assert not [q for q in counted.captured_queries if "moderation_notification" in q["sql"]]


def test_the_header_count_costs_one_query_for_a_logged_in_person(client, customer):
    client.force_login(customer)
    with CaptureQueriesContext(connection) as counted:
        client.get("/en/moderation/notifications/")
    counts = [q["sql"] for q in counted.captured_queries if "moderation_notification" in q["sql"]]
    assert len(counts) == 2  # the header's count and the page's list, nothing more


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
    assert header_link(client.get("/en/")).select_one(".notifications-link__count") is None


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


def test_mark_all_as_read_empties_the_header_count(
    client, ask, answer, django_capture_on_commit_callbacks
):
    asker = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        answer(UserFactory(), ask(asker))
    client.force_login(asker)
    assert header_link(client.get("/en/")).select_one(".notifications-link__count")
    client.post("/en/moderation/notifications/read/")
    assert header_link(client.get("/en/")).select_one(".notifications-link__count") is None
