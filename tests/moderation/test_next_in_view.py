"""After a decision the moderator goes on in the view they were working: the next item of the
queue as they filtered it, and back to that filtered queue when nothing is left (issue 18)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from moderation.models import ReviewItem
from tests.factories import UserFactory

from .conftest import make_post

pytestmark = pytest.mark.django_db


def item_of(post) -> ReviewItem:
    return ReviewItem.objects.for_target(post).latest("pk")


def queued(body: str, category: str, minutes_ago: int):
    post = make_post(UserFactory(), body=body, title="", status="pending", category=category)
    ReviewItem.objects.filter(pk=item_of(post).pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return post


@pytest.fixture
def billing_and_network():
    """Oldest first: a billing post, a network post, then another billing post."""
    return (
        queued("My bill doubled this month", "billing", 30),
        queued("The fibre drops every evening", "network", 20),
        queued("I was charged twice for roaming", "billing", 10),
    )


def test_the_queue_links_each_item_with_its_filters(moderator_client, billing_and_network):
    first, _network, _second = billing_and_network
    html = moderator_client.get("/admin/moderation/?category=billing").content.decode()
    assert f'href="/admin/moderation/items/{item_of(first).pk}/?category=billing"' in html


def test_a_decision_in_a_filtered_view_opens_the_next_item_of_that_view(
    moderator_client, billing_and_network
):
    first, network, second = billing_and_network
    page = moderator_client.get(f"/admin/moderation/items/{item_of(first).pk}/?category=billing")
    assert f'action="/admin/moderation/items/{item_of(first).pk}/decide/?category=billing"' in (
        page.content.decode()
    )
    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(first).pk}/decide/?category=billing",
        {"decision": "approve"},
        follow=True,
    )
    # The network post is older than the second billing one, but not in this view.
    assert response.redirect_chain[-1][0] == (
        f"/admin/moderation/items/{item_of(second).pk}/?category=billing"
    )
    assert "Approved: “<bdi>My bill doubled this month</bdi>”" in response.content.decode()
    assert item_of(network).status == ReviewItem.Status.OPEN


def test_when_the_view_is_empty_the_moderator_returns_to_it_and_is_told(
    moderator_client, billing_and_network
):
    first, network, second = billing_and_network
    moderator_client.post(
        f"/admin/moderation/items/{item_of(first).pk}/decide/?category=billing",
        {"decision": "approve"},
    )
    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(second).pk}/decide/?category=billing",
        {"decision": "approve"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/admin/moderation/?category=billing"
    html = response.content.decode()
    assert "Approved: “<bdi>I was charged twice for roaming</bdi>”" in html
    assert "Nothing left to review in this view." in html
    # Still the billing view: the network post waits in the rest of the queue.
    assert '<option value="billing" selected>' in html
    assert "The fibre drops every evening" not in html
    assert "Clear the filters to see the rest of the queue." in html


def test_without_filters_the_next_item_is_the_top_of_the_whole_queue(
    moderator_client, billing_and_network
):
    first, network, _second = billing_and_network
    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(first).pk}/decide/", {"decision": "approve"}
    )
    assert response["Location"] == f"/admin/moderation/items/{item_of(network).pk}/"


def test_only_known_filters_are_carried_and_nothing_can_redirect_elsewhere(
    moderator_client, billing_and_network
):
    first, _network, second = billing_and_network
    query = "category=billing&next=https://evil.example/&p=2&reason=%3Cscript%3E"
    page = moderator_client.get(f"/admin/moderation/items/{item_of(first).pk}/?{query}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "evil.example" not in html and "<script>" not in html.split("<main")[-1]
    # An unknown reason makes the whole filter invalid: the whole queue, nothing carried.
    assert f'action="/admin/moderation/items/{item_of(first).pk}/decide/"' in html

    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(first).pk}/decide/?category=billing&next=//evil.example",
        {"decision": "approve"},
    )
    assert response["Location"] == f"/admin/moderation/items/{item_of(second).pk}/?category=billing"


def test_a_refused_decision_keeps_the_view(moderator_client, billing_and_network):
    first, _network, _second = billing_and_network
    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(first).pk}/decide/?category=billing",
        {"decision": "reject"},
    )
    html = response.content.decode()
    assert "Reject was not applied." in html
    assert 'href="/admin/moderation/?category=billing"' in html
    assert item_of(first).status == ReviewItem.Status.OPEN


def test_edit_then_approve_goes_on_in_the_same_view(moderator_client, billing_and_network):
    first, _network, second = billing_and_network
    url = f"/admin/moderation/items/{item_of(first).pk}/edit/?category=billing"
    page = moderator_client.get(url).content.decode()
    assert f'href="/admin/moderation/items/{item_of(first).pk}/?category=billing"' in page
    response = moderator_client.post(
        url, {"title": "Bill", "body": "My bill doubled this month", "note": ""}
    )
    assert response["Location"] == f"/admin/moderation/items/{item_of(second).pk}/?category=billing"
