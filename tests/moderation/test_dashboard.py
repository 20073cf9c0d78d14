"""The admin dashboard's "Waiting for you" panel: queue counts for the people who work them."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from moderation import dashboard
from moderation.actions.flags import flag_post
from tests.factories import UserFactory

from .conftest import make_post

pytestmark = pytest.mark.django_db


def speak(user, language="en"):
    """The admin's language follows the person's Wagtail profile."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def queues(new_user, trusted_factory):
    """Two posts awaiting review and one post with two open flags."""
    make_post(new_user, status="pending")
    make_post(new_user, body="Another pending one", status="pending")
    flagged = make_post(UserFactory(), body="Buy followers now")
    for _ in range(2):
        flag_post(target=flagged, actor=trusted_factory(), reason="spam")


def test_a_moderator_sees_pending_posts_and_open_flags_linked_to_the_queue(
    client, moderator, queues
):
    speak(moderator)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    queue = reverse("moderation_admin:queue")
    assert "Waiting for you" in html
    assert f'<a href="{queue}?kind=pending">2 posts awaiting review</a>' in html
    assert f'<a href="{queue}?kind=flagged">2 open flags</a>' in html


def test_the_counts_follow_the_queue(client, moderator, new_user):
    make_post(new_user, status="pending")
    speak(moderator)
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 post awaiting review" in html and "0 open flags" in html


def test_people_who_cannot_moderate_get_no_counts(client, queues):
    editor = UserFactory(is_superuser=False)
    editor.user_permissions.add(*_admin_access())
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Waiting for you" not in response.content.decode()


def test_the_arabic_dashboard_counts_with_arabic_plurals(client, moderator, queues):
    speak(moderator, "ar")
    client.force_login(moderator)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "بانتظارك" in html
    assert "مشاركتان بانتظار المراجعة" in html and "بلاغان مفتوحان" in html


def test_the_counts_cost_one_query_each(moderator, queues, django_assert_num_queries):
    request = RequestFactory().get("/admin/")
    request.user = moderator
    moderator.has_perm("moderation.moderate")  # the permission cache, filled by any admin page
    with django_assert_num_queries(2):
        rows = dashboard.queue_counts(request)
    assert [(row.name, row.count) for row in rows] == [("pending", 2), ("flags", 2)]


def _admin_access():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="access_admin")
