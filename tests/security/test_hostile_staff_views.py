"""Hostile text that customers send to staff (flag reasons, article feedback) is inert in the
moderation queue and the knowledge-base feedback report."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from moderation.models import Flag
from tests.factories import SupportStaffFactory, UserFactory
from tests.kb.conftest import make_article, make_category
from tests.moderation.conftest import make_post, make_trusted
from tests.moderation_testapp.models import Post

from .payloads import assert_nothing_executes, naughty_strings, sample, xss_payloads

PAYLOADS = xss_payloads() + sample(naughty_strings(), 10)


@pytest.mark.django_db
def test_hostile_flag_reasons_are_inert_in_the_review_queue(client):
    owner = UserFactory(display_name="Owner")
    content_type = ContentType.objects.get_for_model(Post)
    for number, payload in enumerate(PAYLOADS):
        client.force_login(make_trusted(UserFactory(display_name=f"Flagger {number}")))
        post = make_post(owner, title=f"Post {number}", body=f"Buy now {number}")
        url = reverse("moderation:flag", args=[content_type.pk, post.pk])
        response = client.post(url, {"reason": "other", "text": payload})
        assert response.status_code in (200, 302)
    assert Flag.objects.count() > 0.8 * len(PAYLOADS)
    client.force_login(UserFactory(role="Moderators", display_name="Mod"))
    queue = client.get(reverse("moderation_admin:queue"))
    assert queue.status_code == 200
    assert_nothing_executes(queue.content.decode(), admin=True)
    for flag in Flag.objects.select_related("review_item")[:40]:
        page = client.get(reverse("moderation_admin:item", args=[flag.review_item_id]))
        assert page.status_code == 200
        assert_nothing_executes(page.content.decode(), admin=True)


@pytest.mark.django_db
def test_hostile_article_feedback_is_inert_in_the_feedback_report(client):
    article = make_article(make_category("en", "Contact us"))
    for number, payload in enumerate(PAYLOADS):
        client.cookies.clear()
        response = client.post(
            reverse("kb:feedback", args=[article.pk]),
            {"helpful": "no", "reason": "", "comment": payload},
            REMOTE_ADDR=f"10.1.{number // 200}.{number % 200 + 1}",
        )
        assert response.status_code in (200, 302, 400), response.status_code
    client.force_login(SupportStaffFactory(display_name="Staff"))
    report = client.get(reverse("kb_article_feedback_report"))
    assert report.status_code == 200
    assert_nothing_executes(report.content.decode(), admin=True)
    page = client.get(article.url)
    assert_nothing_executes(page.content.decode())
