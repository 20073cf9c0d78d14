import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

import webhooks
from tests.factories import UserFactory
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    user = UserFactory(display_name="Hadi Manager")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_endpoints"),
    )
    return user


@pytest.fixture
def signed_in(client):
    def sign_in(user, language="en"):
        from wagtail.users.models import UserProfile

        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return sign_in


def test_creating_an_endpoint_shows_its_secret_once(signed_in, manager, receiver):
    client = signed_in(manager)
    response = client.post(
        reverse("webhook_endpoints:add"),
        {"name": "Helpdesk", "url": receiver.url, "events": ["case.opened"], "active": "on"},
    )

    assert response.status_code == 200
    endpoint = Endpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert endpoint.created_by == manager and endpoint.events == ["case.opened"]
    assert ModelLogEntry.objects.filter(action="dalil.webhooks.endpoint_create").count() == 1

    listing = client.get(reverse("webhook_endpoints:index")).content.decode()
    edit = client.get(reverse("webhook_endpoints:edit", args=[endpoint.pk])).content.decode()
    assert endpoint.secret not in listing and endpoint.secret not in edit
    assert endpoint.secret_hint in listing


def test_a_private_target_is_a_form_error_not_a_crash(signed_in, manager, settings, receiver):
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    response = signed_in(manager).post(
        reverse("webhook_endpoints:add"),
        {"name": "Inside", "url": receiver.url, "events": ["*"], "active": "on"},
    )
    assert response.status_code == 200
    assert "private or local address" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_editing_goes_through_the_service_and_keeps_the_secret(
    signed_in, manager, endpoint_for, receiver
):
    endpoint, secret = endpoint_for(receiver.url)
    response = signed_in(manager).post(
        reverse("webhook_endpoints:edit", args=[endpoint.pk]),
        {"name": "Helpdesk (EU)", "url": receiver.url, "events": ["*"], "trusted": "on"},
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert (endpoint.name, endpoint.events, endpoint.trusted, endpoint.active) == (
        "Helpdesk (EU)",
        ["*"],
        True,
        False,
    )
    assert endpoint.secret == secret
    assert ModelLogEntry.objects.filter(action="dalil.webhooks.endpoint_edit").count() == 1


def test_people_without_the_right_cannot_reach_endpoints_or_deliveries(
    signed_in, endpoint_for, receiver
):
    endpoint, _ = endpoint_for(receiver.url)
    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = signed_in(staff)
    for url in (
        reverse("webhook_endpoints:index"),
        reverse("webhook_endpoints:edit", args=[endpoint.pk]),
        reverse("webhooks_admin:deliveries"),
    ):
        assert client.get(url).status_code in (302, 403), url


def test_nobody_deletes_an_endpoint_from_the_admin(signed_in, admin, endpoint_for, receiver):
    endpoint, _ = endpoint_for(receiver.url)
    client = signed_in(admin)
    response = client.post(reverse("webhook_endpoints:delete", args=[endpoint.pk]))
    assert response.status_code in (302, 403)
    assert Endpoint.objects.filter(pk=endpoint.pk).exists()


def test_delivery_log_lists_and_filters_deliveries(
    signed_in, manager, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url, events=["*"])
    receiver.answers = [(500, 0)]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        webhooks.emit("case.opened", {"case": 1})
        webhooks.emit("case.reply", {"case": 1})
    client = signed_in(manager)

    opened, reply = "<code>case.opened</code>", "<code>case.reply</code>"
    page = client.get(reverse("webhooks_admin:deliveries")).content.decode()
    assert opened in page and reply in page and "500" in page
    failed = client.get(reverse("webhooks_admin:deliveries"), {"state": "failed"}).content.decode()
    assert opened in failed and reply not in failed
    by_event = client.get(reverse("webhooks_admin:deliveries"), {"event": "case.reply"})
    assert opened not in by_event.content.decode() and reply in by_event.content.decode()


def test_response_excerpt_is_never_rendered_as_html(
    signed_in, manager, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (delivery,) = webhooks.emit("case.opened", {"case": 1})
    Delivery.objects.filter(pk=delivery.pk).update(response_excerpt="<script>alert(1)</script>")
    page = signed_in(manager).get(reverse("webhooks_admin:deliveries")).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_replay_sends_the_same_payload_as_a_new_delivery(
    signed_in, manager, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (original,) = webhooks.emit("case.opened", {"case": 4})
    client = signed_in(manager)
    replay_url = reverse("webhooks_admin:replay", args=[original.pk])

    assert client.get(replay_url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(replay_url)

    assert response.status_code == 302
    replay = Delivery.objects.exclude(pk=original.pk).get()
    assert replay.replay_of_id == original.pk and replay.state == "succeeded"
    assert (replay.event_id, replay.payload) == (original.event_id, original.payload)
    assert len(receiver.requests) == 2
    assert receiver.json(0) == receiver.json(1)
    deliveries = [r["headers"]["X-Dalil-Delivery"] for r in receiver.requests]
    assert deliveries == [str(original.uuid), str(replay.uuid)]
    entry = ModelLogEntry.objects.get(action="dalil.webhooks.replay")
    assert entry.data["replay_of"] == str(original.uuid) and entry.user_id == manager.pk


def test_replay_is_refused_without_the_right(
    signed_in, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (original,) = webhooks.emit("case.opened", {"case": 4})
    staff = UserFactory()
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = signed_in(staff).post(reverse("webhooks_admin:replay", args=[original.pk]))
    assert response.status_code in (302, 403)
    assert Delivery.objects.count() == 1 and len(receiver.requests) == 1


def test_replay_to_a_switched_off_endpoint_says_why(
    signed_in, manager, admin, endpoint_for, receiver, django_capture_on_commit_callbacks
):
    endpoint, _ = endpoint_for(receiver.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        (original,) = webhooks.emit("case.opened", {"case": 4})
    webhooks.services.update_endpoint(actor=admin, endpoint=endpoint, active=False)
    response = signed_in(manager).post(
        reverse("webhooks_admin:replay", args=[original.pk]), follow=True
    )
    assert "switched off" in response.content.decode()
    assert Delivery.objects.count() == 1


def test_the_admin_pages_speak_arabic(signed_in, manager, endpoint_for, receiver):
    endpoint_for(receiver.url)
    client = signed_in(manager, language="ar")
    deliveries = client.get(reverse("webhooks_admin:deliveries")).content.decode()
    endpoints = client.get(reverse("webhook_endpoints:index")).content.decode()
    assert "تسليمات الخطافات" in deliveries and "لا توجد تسليمات." in deliveries
    assert "عنوان الوجهة" in endpoints and "موثوقة" in endpoints


def test_delivery_log_queries_do_not_grow_with_its_rows(
    signed_in,
    manager,
    endpoint_for,
    receiver,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
):
    endpoint_for(receiver.url, events=["*"])
    client = signed_in(manager)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        webhooks.emit("case.opened", {"case": 1})
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("webhooks_admin:deliveries"))
    endpoint_for(receiver.url, events=["*"], name="Second")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for case in range(10):
            webhooks.emit("case.reply", {"case": case})
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("webhooks_admin:deliveries"))
    assert response.content.decode().count("<code>case.reply</code>") == 20
