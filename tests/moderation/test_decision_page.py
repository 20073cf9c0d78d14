"""The item page's decision buttons: each decision asks for what it needs, a refused decision
stays chosen, and a decision leads to the next item in the queue."""

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation
from wagtail.models import ModelLogEntry

from forum import services as forum
from forum.models import PostStatus
from moderation.actions.decisions import approve_item, reject_item
from moderation.models import Notification, RejectionTemplate, ReviewItem
from moderation.posting import is_suspended
from tests.factories import UserFactory
from website.roles import MODERATORS

from .conftest import admin_browser

pytestmark = pytest.mark.django_db

SPAM = "Buy cheap followers at https://a.example, https://b.example and www.c.example today!"


def item_of(post) -> ReviewItem:
    return ReviewItem.objects.for_target(post).latest("pk")


def decide_url(item) -> str:
    return f"/admin/moderation/items/{item.pk}/decide/"


def moderator_browser(moderator, language="en") -> Client:
    return admin_browser(moderator, language)


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Sami Moderator", role=MODERATORS)


@pytest.fixture
def spam_answer(moderator, django_capture_on_commit_callbacks):
    """A newcomer's answer full of links, waiting for review on a thread with two followers."""
    asker = UserFactory(display_name="Layla Customer")
    with django_capture_on_commit_callbacks(execute=True):
        question = forum.create_question(
            actor=asker,
            title="Fibre internet drops every evening",
            body="My home fibre drops every evening around eight. What should I check first?",
            language="en",
        )
        approve_item(item=item_of(question), actor=moderator)
        question.refresh_from_db()
        follower = UserFactory(display_name="James Follower")
        forum.subscribe(actor=follower, question=question)
    omar = UserFactory(display_name="Omar", preferred_language="en")
    answer = forum.create_answer(actor=omar, question=question, body=SPAM)
    assert answer.status == PostStatus.PENDING
    mail.outbox.clear()
    return answer


def decision_entries(answer):
    return (
        ModelLogEntry.objects.for_instance(answer)
        .filter(action__startswith="dalil.moderation.")
        .exclude(action="dalil.moderation.queue")
    )


def test_rejecting_without_a_reason_keeps_reject_chosen_and_changes_nothing(
    moderator, spam_answer, django_capture_on_commit_callbacks
):
    browser = moderator_browser(moderator)
    item = item_of(spam_answer)
    entries_before = decision_entries(spam_answer).count()

    with django_capture_on_commit_callbacks(execute=True):
        refused = browser.post(decide_url(item), {"decision": "reject", "reject-note": "  "})

    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Choose a reason or write one." in html
    assert '<details class="decision" id="decision-reject" open>' in html
    assert '<details class="decision" id="decision-hide">' in html
    spam_answer.refresh_from_db()
    item.refresh_from_db()
    assert (spam_answer.status, item.status) == (PostStatus.PENDING, ReviewItem.Status.OPEN)
    assert not mail.outbox
    assert decision_entries(spam_answer).count() == entries_before

    with django_capture_on_commit_callbacks(execute=True):
        rejected = browser.post(
            decide_url(item),
            {"decision": "reject", "reject-note": "Links to outside sites are not allowed"},
        )

    assert rejected.status_code == 302
    spam_answer.refresh_from_db()
    item.refresh_from_db()
    assert (spam_answer.status, item.status) == (PostStatus.DELETED, ReviewItem.Status.REJECTED)
    (email,) = mail.outbox  # the author, and nobody following the thread
    assert email.to == [spam_answer.author.email]
    assert "not accepted" in email.body and "Links to outside sites" in email.body
    assert Notification.objects.get(recipient=spam_answer.author).kind == "rejected"
    (entry,) = decision_entries(spam_answer)
    assert entry.action == "dalil.moderation.reject"


def test_the_typed_reason_is_kept_when_a_decision_is_refused(moderator, spam_answer):
    browser = moderator_browser(moderator)
    item = item_of(spam_answer)
    too_long = "x" * 1001
    html = browser.post(
        decide_url(item), {"decision": "suspend", "suspend-days": "", "suspend-note": too_long}
    ).content.decode()
    assert '<details class="decision" id="decision-suspend" open>' in html
    assert "Choose how long." in html
    assert too_long in html
    assert not is_suspended(spam_answer.author)


def test_a_refused_decision_speaks_the_moderators_language(moderator, spam_answer):
    browser = moderator_browser(moderator, language="ar")
    html = browser.post(decide_url(item_of(spam_answer)), {"decision": "reject"}).content.decode()
    assert 'dir="rtl"' in html
    with translation.override("ar"):
        assert translation.gettext("Choose a reason or write one.") in html
    assert "Choose a reason or write one." not in html


def test_approve_asks_for_nothing_and_no_decision_is_chosen_by_default(moderator, spam_answer):
    html = (
        moderator_browser(moderator)
        .get(f"/admin/moderation/items/{item_of(spam_answer).pk}/")
        .content.decode()
    )
    assert 'name="decision" value="approve"' in html
    assert " open>" not in html
    assert "<select" not in html.split('id="decision-approve"')[1].split("</form>")[0]


def test_a_decision_leads_to_the_next_item_and_names_the_post(
    moderator, spam_answer, django_capture_on_commit_callbacks
):
    other = forum.create_answer(
        actor=UserFactory(),
        question=spam_answer.question,
        body="Restart the router first, then call us if it stays down.",
    )
    browser = moderator_browser(moderator)
    template = RejectionTemplate.objects.create(
        title_en="Spam", title_ar="رسائل مزعجة", body_en="Spam.", body_ar="رسائل مزعجة."
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            decide_url(item_of(spam_answer)),
            {"decision": "reject", "reject-template": template.pk},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == f"/admin/moderation/items/{item_of(other).pk}/"
    html = response.content.decode()
    assert "Rejected: “<bdi>Buy cheap followers" in html and "</bdi>” by <bdi>Omar</bdi>" in html

    last = browser.post(decide_url(item_of(other)), {"decision": "approve"}, follow=True)
    assert last.redirect_chain[-1][0] == "/admin/moderation/"
    assert (
        "Approved: “<bdi>Restart the router first, then call us if it stays down.</bdi>”"
        in last.content.decode()
    )


def test_the_service_refuses_a_reject_without_a_reason(moderator, spam_answer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        reject_item(item=item_of(spam_answer), actor=moderator, note="   ")
    assert item_of(spam_answer).status == ReviewItem.Status.OPEN


def test_an_unknown_decision_is_refused(moderator, spam_answer):
    response = moderator_browser(moderator).post(
        decide_url(item_of(spam_answer)), {"action": "approve"}, follow=True
    )
    assert "Choose a decision: press its button." in response.content.decode()
    assert item_of(spam_answer).status == ReviewItem.Status.OPEN


def test_the_queue_decides_selected_items_with_buttons_not_a_dropdown(
    moderator, spam_answer, django_capture_on_commit_callbacks
):
    browser = moderator_browser(moderator)
    html = browser.get("/admin/moderation/").content.decode()
    assert 'name="action" value="approve"' in html and 'name="action" value="reject"' in html
    assert '<select name="action"' not in html
    with django_capture_on_commit_callbacks(execute=True):
        browser.post(
            "/admin/moderation/bulk/",
            {"items": [item_of(spam_answer).pk], "action": "reject", "note": "Spam links"},
        )
    spam_answer.refresh_from_db()
    assert spam_answer.status == PostStatus.DELETED


def test_the_item_page_names_the_posts_status_in_the_moderators_language(moderator, spam_answer):
    html = (
        moderator_browser(moderator, language="ar")
        .get(f"/admin/moderation/items/{item_of(spam_answer).pk}/")
        .content.decode()
    )
    assert "حالة المشاركة: بانتظار المراجعة" in html
    assert 'class="moderation-table"' in html
