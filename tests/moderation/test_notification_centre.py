"""The notification centre: the page (pages, reading), email choices per kind, the "stop these
emails" link, digests and their scheduler jobs. Content apps' own kinds are sent through
``notify_about_content``, as the forum and the support app do."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from moderation.actions.notifications import (
    email_off_token,
    email_preferences,
    notify_about_content,
    set_email_preferences,
)
from moderation.models import Delivery, EmailPreference, Notification, ScheduledRun
from moderation.scheduler import jobs
from moderation.tasks import send_daily_digests, send_notification_digest, send_weekly_digests
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def tell(recipient, n=1, *, kind=Notification.Kind.NEW_ANSWER, actor=None, key=None):
    actor = actor or UserFactory()
    return notify_about_content(
        recipient=recipient,
        kind=kind,
        target_label=f"Question {n}",
        target_url=f"/en/questions/{n}/question-{n}/#answer-{n}",
        actor=actor,
        event_key=key if key is not None else f"{kind}:answer:{n}",
    )


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def test_the_page_lists_newest_first_twenty_a_page_in_a_fixed_number_of_queries(
    client, customer, django_assert_num_queries
):
    actor = UserFactory()
    for n in range(25):
        tell(customer, n, actor=actor)
        Notification.objects.filter(event_key=f"new_answer:answer:{n}").update(
            created_at=timezone.now() - timedelta(minutes=100 - n)
        )
    client.force_login(customer)
    client.get("/en/moderation/notifications/")  # warm the session and site lookups
    with django_assert_num_queries(5):  # session, user, count, page, header badge
        response = client.get("/en/moderation/notifications/")
    items = page(response).select(".moderation-notification")
    assert len(items) == 20
    assert "Question 24" in items[0].get_text() and "Question 5" in items[-1].get_text()
    with django_assert_num_queries(5):
        second = client.get("/en/moderation/notifications/?page=2")
    assert len(page(second).select(".moderation-notification")) == 5
    assert "صفحة" in client.get("/ar/moderation/notifications/?page=2").content.decode()


def test_the_case_update_kind_is_ready_for_the_support_app(client, customer):
    assert Notification.Kind.CASE_UPDATE.label == "Support case update"
    notice = tell(customer, 3, kind=Notification.Kind.CASE_UPDATE, key="case_update:case:3:1")
    assert notice.delivery == Delivery.AT_ONCE
    client.force_login(customer)
    html = client.get("/en/moderation/notifications/").content.decode()
    assert "Your support case “\u2068Question 3\u2069” was updated." in html


def test_marking_one_read_takes_a_post_and_only_the_recipients_own(client, customer):
    first, second = tell(customer, 1), tell(customer, 2)
    client.force_login(customer)
    assert client.get(f"/en/moderation/notifications/{first.pk}/read/").status_code == 405
    response = client.post(f"/en/moderation/notifications/{first.pk}/read/")
    assert response.status_code == 302
    first.refresh_from_db(), second.refresh_from_db()
    assert first.read_at is not None and second.read_at is None
    client.force_login(UserFactory())
    assert client.post(f"/en/moderation/notifications/{second.pk}/read/").status_code == 404
    second.refresh_from_db()
    assert second.read_at is None


def test_mark_all_read_empties_the_header_count(client, customer):
    tell(customer, 1), tell(customer, 2)
    client.force_login(customer)
    assert page(client.get("/en/")).select_one(".notifications-link__count").get_text() == "2"
    client.post("/en/moderation/notifications/read/")
    assert page(client.get("/en/")).select_one(".notifications-link__count") is None


def test_opening_a_notice_goes_to_the_exact_answer(client, customer):
    notice = tell(customer, 7)
    client.force_login(customer)
    response = client.get(f"/en/moderation/notifications/{notice.pk}/")
    assert response["Location"] == "/en/questions/7/question-7/#answer-7"


def test_the_same_event_for_the_same_person_is_stored_once(customer):
    assert tell(customer, 1) is not None
    assert tell(customer, 1) is None
    assert tell(UserFactory(), 1) is not None  # another person, the same event
    assert Notification.objects.count() == 2


# Email choices ---------------------------------------------------------------------------------


def test_defaults_are_at_once_except_followed_tags_and_categories_daily(customer):
    choices = email_preferences(customer)
    assert choices[Notification.Kind.NEW_QUESTION] == Delivery.DAILY
    for kind in ("new_answer", "answer_accepted", "mention", "approved", "rejected"):
        assert choices[kind] == Delivery.AT_ONCE


def test_the_preferences_page_saves_a_choice_and_refuses_an_invalid_one(client, customer):
    client.force_login(customer)
    form = page(client.get("/ar/moderation/notifications/email/"))
    assert form.select_one("input[name=new_question][value=daily]").has_attr("checked")
    data = dict.fromkeys(Notification.Kind.values, "at_once")
    response = client.post("/en/moderation/notifications/email/", {**data, "mention": "hourly"})
    assert response.status_code == 400
    assert "Choose one of the offered email options." in response.content.decode()
    assert not EmailPreference.objects.exists()
    response = client.post("/en/moderation/notifications/email/", {**data, "mention": "weekly"})
    assert response.status_code == 302
    assert email_preferences(customer)["mention"] == Delivery.WEEKLY


def test_nobody_changes_someone_elses_email_choices(customer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        set_email_preferences(user=customer, actor=UserFactory(), choices={"mention": "off"})
    assert not EmailPreference.objects.exists()


def test_the_stop_link_asks_first_then_turns_that_kind_off_without_a_login(client, customer):
    token = email_off_token(user_id=customer.pk, kind="new_answer")
    url = f"/ar/moderation/notifications/email/off/{token}/"
    response = client.get(url)
    assert response.status_code == 200 and page(response).select_one("main form") is not None
    assert not EmailPreference.objects.exists()
    client.post(url)
    assert email_preferences(customer)["new_answer"] == Delivery.OFF
    assert email_preferences(customer)["mention"] == Delivery.AT_ONCE
    assert tell(customer, 1).delivery == Delivery.OFF  # still on the site, never mailed
    assert client.get(url[:-3] + "xx/").status_code == 400


# Digests ---------------------------------------------------------------------------------------


def test_a_daily_digest_lists_what_waited_once_and_leaves_the_weekly_one(customer):
    set_email_preferences(user=customer, actor=customer, choices={"new_answer": "daily"})
    set_email_preferences(user=customer, actor=customer, choices={"mention": "weekly"})
    tell(customer, 1), tell(customer, 2)
    tell(customer, 3, kind=Notification.Kind.MENTION)
    assert send_daily_digests.call() == 1
    (email,) = mail.outbox
    assert "2" in email.subject
    assert "Question 1" in email.body and "Question 2" in email.body
    assert "Question 3" not in email.body
    base = django_settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert f"{base}/en/questions/1/question-1/#answer-1\n" in email.body
    assert send_notification_digest.call(customer.pk, "daily") == 0  # nothing left
    assert send_weekly_digests.call() == 1
    assert len(mail.outbox) == 2 and "Question 3" in mail.outbox[1].body


def test_a_digest_is_written_in_the_recipients_language(customer):
    customer.preferred_language = "ar"
    customer.save()
    set_email_preferences(user=customer, actor=customer, choices={"new_answer": "weekly"})
    tell(customer, 1)
    send_weekly_digests.call()
    (email,) = mail.outbox
    assert "إشعار" in email.subject


def test_a_failing_mail_server_leaves_the_digest_for_the_next_run(customer, settings):
    settings.EMAIL_BACKEND = "tests.security.failing_email.DownEmailBackend"
    set_email_preferences(user=customer, actor=customer, choices={"new_answer": "daily"})
    tell(customer, 1)
    with pytest.raises(OSError):
        send_notification_digest.call(customer.pk, "daily")
    assert Notification.objects.awaiting_digest("daily").count() == 1


def test_the_scheduler_runs_the_daily_and_weekly_digest_jobs(customer):
    every = {job.name: job.every for job in jobs()}
    assert every["notification_digest_daily"] == timedelta(days=1)
    assert every["notification_digest_weekly"] == timedelta(days=7)
    set_email_preferences(user=customer, actor=customer, choices={"new_answer": "daily"})
    tell(customer, 1)
    call_command("scheduler", "--once")
    assert ScheduledRun.objects.get(name="notification_digest_daily").last_result == "done: 1"
    assert len([m for m in mail.outbox if m.to == [customer.email]]) == 1


def test_the_command_queues_the_digests(customer):
    set_email_preferences(user=customer, actor=customer, choices={"new_answer": "weekly"})
    tell(customer, 1)
    call_command("send_notification_digests", "--period", "weekly")
    assert len(mail.outbox) == 1


def test_the_preferences_page_costs_a_fixed_number_of_queries(
    client, customer, django_assert_num_queries
):
    set_email_preferences(user=customer, actor=customer, choices={"mention": "off"})
    client.force_login(customer)
    client.get("/en/moderation/notifications/email/")
    with django_assert_num_queries(4):  # session, user, the choices, header badge
        response = client.get("/en/moderation/notifications/email/")
    assert page(response).select_one("input[name=mention][value=off]").has_attr("checked")
