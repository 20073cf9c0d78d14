import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation

from moderation.actions.decisions import approve_item, reject_item
from moderation.actions.people import suspend_user
from moderation.models import Flag, Notification, ReviewItem
from tests.moderation_testapp.models import Note

from .conftest import make_post

pytestmark = pytest.mark.django_db


def flag_url(target):
    content_type = ContentType.objects.get_for_model(target)
    return reverse("moderation:flag", args=[content_type.pk, target.pk])


def test_the_notifications_page_lists_decisions_in_arabic(client, pending_post, moderator):
    reject_item(item=ReviewItem.objects.get(), actor=moderator, note="يرجى حذف رقم الهاتف")
    client.force_login(pending_post.author)
    with translation.override("ar"):
        url = reverse("moderation:notifications")
    html = client.get(url).content.decode()
    assert url.startswith("/ar/")
    assert 'dir="rtl"' in html
    assert "الإشعارات" in html
    assert "يرجى حذف رقم الهاتف" in html
    assert "لم يقبلها المشرفون" in html


def test_the_notifications_page_in_english(client, pending_post, moderator):
    approve_item(item=ReviewItem.objects.get(), actor=moderator)
    client.force_login(pending_post.author)
    with translation.override("en"):
        html = client.get(reverse("moderation:notifications")).content.decode()
    assert 'dir="ltr"' in html and "was approved and is now public" in html


def test_the_notifications_page_shows_only_my_notifications(
    client, pending_post, moderator, customer, django_assert_max_num_queries
):
    approve_item(item=ReviewItem.objects.get(), actor=moderator)
    client.force_login(customer)
    with django_assert_max_num_queries(10):
        html = client.get(reverse("moderation:notifications")).content.decode()
    assert "Top up" not in html


def test_marking_notifications_read(client, pending_post, moderator):
    approve_item(item=ReviewItem.objects.get(), actor=moderator)
    client.force_login(pending_post.author)
    client.post(reverse("moderation:mark_read"))
    assert not Notification.objects.unread().exists()


def test_user_text_in_notifications_never_runs(client, new_user, moderator):
    post = make_post(new_user, title="<script>alert(1)</script>", status="pending")
    reject_item(item=ReviewItem.objects.for_target(post).get(), actor=moderator, note="<b>no</b>")
    client.force_login(new_user)
    html = client.get(reverse("moderation:notifications")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;b&gt;no&lt;/b&gt;" in html


def test_a_member_flags_a_post_from_the_flag_page(client, customer, trusted_factory):
    post = make_post(customer)
    flagger = trusted_factory()
    client.force_login(flagger)
    assert "Top up" in client.get(flag_url(post)).content.decode()
    response = client.post(flag_url(post), {"reason": "incorrect", "text": "Price changed"})
    assert response.status_code == 302 and response["Location"] == post.get_absolute_url()
    assert Flag.objects.get().flagger == flagger


def test_a_new_member_sees_why_they_cannot_flag(client, customer, new_user):
    post = make_post(customer)
    client.force_login(new_user)
    with translation.override("en"):
        response = client.post(flag_url(post), {"reason": "spam"})
    assert response.status_code == 403  # refused by the service's own check, shown on the form
    assert "New members cannot flag posts yet" in response.content.decode()
    assert not Flag.objects.exists()


def test_too_many_flags_get_429_with_retry_after_as_json(
    client, customer, trusted_factory, settings
):
    settings.DALIL_RATE_LIMITS = {1: {"flag": [(1, 600)]}}
    flagger = trusted_factory()
    client.force_login(flagger)
    first, second = make_post(customer, body="one"), make_post(customer, body="two")
    accept = {"HTTP_ACCEPT": "application/json"}
    assert client.post(flag_url(first), {"reason": "spam"}, **accept).json() == {"flagged": True}
    response = client.post(flag_url(second), {"reason": "spam"}, **accept)
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert response.json()["retry_after"] == 600
    assert "10 minutes" in response.json()["error"]


def test_too_many_flags_get_a_translated_page_for_browsers(
    client, customer, trusted_factory, settings
):
    settings.DALIL_RATE_LIMITS = {1: {"flag": [(0, 60)]}}
    client.force_login(trusted_factory())
    post = make_post(customer)
    with translation.override("ar"):
        response = client.post(flag_url(post), {"reason": "spam"})
    assert response.status_code == 429
    assert "دقيقة واحدة" in response.content.decode()


def test_a_suspended_member_cannot_flag(client, customer, trusted_factory, moderator):
    flagger = trusted_factory()
    suspend_user(user=flagger, actor=moderator, days=2, reason="Abuse")
    client.force_login(flagger)
    response = client.post(flag_url(make_post(customer)), {"reason": "spam"})
    assert response.status_code == 403


def test_content_that_did_not_register_cannot_be_flagged(client, customer, trusted_factory):
    note = Note.objects.create(author=customer, body="hello")
    client.force_login(trusted_factory())
    assert client.get(flag_url(note)).status_code == 404


def test_a_post_that_is_not_published_cannot_be_flagged(client, pending_post, trusted_factory):
    client.force_login(trusted_factory())
    assert client.get(flag_url(pending_post)).status_code == 404
