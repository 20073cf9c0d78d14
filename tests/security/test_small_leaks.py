"""Small leaks (issue 17, items 12 and 19): a duplicate notice never shows a removed original,
feed titles carry no markup."""

import xml.etree.ElementTree as ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from forum import services
from forum.models import PostStatus
from tests.factories import ModeratorFactory

BODY = "How do I move my plan to another number without losing credit?"


@pytest.fixture(autouse=True)
def _english():
    """Pages in English unless a test asks for Arabic."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("status", [PostStatus.DELETED, PostStatus.HIDDEN])
def test_a_duplicate_notice_never_shows_a_removed_originals_title_or_link(
    client, customer, status, django_capture_on_commit_callbacks
):
    moderator = ModeratorFactory()
    original = services.create_question(
        actor=customer, title="Secret original title here", body=BODY, language="en"
    )
    duplicate = services.create_question(
        actor=customer, title="The duplicate question", body=BODY, language="en"
    )
    services.mark_duplicate(actor=moderator, question=duplicate, original=original)
    page = client.get(duplicate.get_absolute_url()).content.decode()
    assert "Secret original title here" in page and original.get_absolute_url() in page

    with django_capture_on_commit_callbacks(execute=True):  # the page cache hears of it
        services.set_post_status(post=original, new_status=status, actor=moderator)
    response = client.get(duplicate.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Secret original title here" not in page
    assert original.get_absolute_url() not in page
    assert "Closed as a duplicate of a question that is no longer available." in page

    client.force_login(moderator)
    page = client.get(duplicate.get_absolute_url()).content.decode()
    if status == PostStatus.HIDDEN:  # moderators still see a hidden original, and its link
        assert "Secret original title here" in page


@pytest.mark.parametrize("feed", ["forum_rss", "forum_atom"])
def test_feed_item_titles_carry_no_markup(client, customer, feed):
    services.create_question(
        actor=customer,
        title='<img src=x onerror="alert(1)">Where <b>is</b> my bill?',
        body=BODY,
        language="en",
    )
    name = {"forum_rss": "website:questions_rss", "forum_atom": "website:questions_atom"}[feed]
    response = client.get(reverse(name))
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    item_titles = [title for title in titles if title and "bill" in title]
    assert item_titles == ["Where is my bill?"]
    content = response.content.decode()
    assert "onerror=" not in content and "&lt;img" not in content and "&lt;b&gt;" not in content
