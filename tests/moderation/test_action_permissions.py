"""Every moderation action refuses a plain customer by itself, before it writes anything.

Each action is called directly, as a task, the shell or a new view would, with a signed-in
customer who holds no moderation permission. (Flagging is a member's right and reading one's own
notices is everyone's; ``tests/security/test_service_permissions.py`` covers every role.)
"""

import inspect

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from moderation.actions import decisions, notifications, people, stale
from moderation.models import (
    EmailPreference,
    Flag,
    Notification,
    ReviewItem,
    StaleItem,
    StaleReview,
    StaleSignal,
    Suspension,
    UserUnderReview,
)
from tests.factories import UserFactory

from .conftest import make_post

pytestmark = pytest.mark.django_db

WRITTEN = (
    ModelLogEntry,
    EmailPreference,
    ReviewItem,
    Flag,
    Suspension,
    UserUnderReview,
    Notification,
    StaleItem,
    StaleReview,
    StaleSignal,
)

ACTIONS = {
    "submit_for_review": lambda a, s: decisions.submit_for_review(
        target=s["published"], reasons=[("flagged", "")], actor=a
    ),
    "approve_item": lambda a, s: decisions.approve_item(item=s["item"], actor=a),
    "edit_and_approve_item": lambda a, s: decisions.edit_and_approve_item(
        item=s["item"], actor=a, text_fields={"title": "Edited", "body": "Fine now"}
    ),
    "reject_item": lambda a, s: decisions.reject_item(item=s["item"], actor=a, note="Spam"),
    "hide_item": lambda a, s: decisions.hide_item(item=s["item"], actor=a, note="Rude"),
    "restore_item": lambda a, s: decisions.restore_item(item=s["hidden_item"], actor=a),
    "lock_thread": lambda a, s: decisions.lock_thread(item=s["item"], actor=a),
    "mark_spam": lambda a, s: decisions.mark_spam(item=s["item"], actor=a, note="Pills"),
    "bulk_decide": lambda a, s: decisions.bulk_decide(items=[s["item"]], action="approve", actor=a),
    "take_decision": lambda a, s: decisions.take_decision(
        decision="approve", item=s["item"], actor=a, data={}
    ),
    "suspend_user": lambda a, s: people.suspend_user(
        user=s["author"], actor=a, days=3, reason="Spam"
    ),
    "lift_suspension": lambda a, s: people.lift_suspension(suspension=s["suspension"], actor=a),
    "put_under_review": lambda a, s: people.put_under_review(
        user=s["author"], actor=a, reason="Odd links"
    ),
    "release_from_review": lambda a, s: people.release_from_review(user=s["watched"], actor=a),
    "mark_notifications_read": lambda a, s: notifications.mark_notifications_read(
        user=s["suspended"], actor=a
    ),
    "open_notification": lambda a, s: notifications.open_notification(
        notification=Notification.objects.get(recipient=s["suspended"]), actor=a
    ),
    "mark_one_read": lambda a, s: notifications.mark_one_read(
        notification=Notification.objects.get(recipient=s["suspended"]), actor=a
    ),
    "set_email_preferences": lambda a, s: notifications.set_email_preferences(
        user=s["suspended"], actor=a, choices={"mention": "off"}
    ),
    "mark_stale_reviewed": lambda a, s: stale.mark_stale_reviewed(
        target=s["published"], actor=a, note="Still right"
    ),
    "dismiss_stale_signal": lambda a, s: stale.dismiss_stale_signal(
        signal=s["signal"], actor=a, reason="Checked, fine"
    ),
    "reassign_stale_owner": lambda a, s: stale.reassign_stale_owner(
        target=s["published"], actor=a, owner=a
    ),
    "archive_stale_item": lambda a, s: stale.archive_stale_item(target=s["published"], actor=a),
    "report_outdated": lambda a, s: stale.report_outdated(
        target=s["published"], actor=a, note="Old prices"
    ),
}


@pytest.fixture
def scene(moderator):
    author = UserFactory(display_name="Author")
    pending = make_post(author, status="pending")
    hidden = make_post(author, status="hidden")
    hidden_item = decisions.submit_for_review(target=hidden, reasons=[], actor=author)
    published = make_post(UserFactory(display_name="Owner"))
    suspended = UserFactory(display_name="Suspended")
    suspension = people.suspend_user(user=suspended, actor=moderator, days=3, reason="Spam run")
    watched = UserFactory(display_name="Watched")
    people.put_under_review(user=watched, actor=moderator, reason="New account")
    signal = StaleSignal.objects.create(
        content_type=ContentType.objects.get_for_model(published),
        object_id=published.pk,
        code="review_due",
    )
    return {
        "author": author,
        "item": ReviewItem.objects.open().for_target(pending).get(),
        "hidden_item": hidden_item,
        "published": published,
        "suspended": suspended,
        "suspension": suspension,
        "watched": watched,
        "signal": signal,
    }


def rows() -> dict:
    return {model.__name__: model.objects.count() for model in WRITTEN}


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_a_customer_calling_a_moderation_action_is_refused_and_nothing_is_written(
    scene, customer, name
):
    before = rows()
    with pytest.raises(PermissionDenied):
        ACTIONS[name](customer, scene)
    assert rows() == before
    assert Suspension.objects.get(pk=scene["suspension"].pk).lifted_at is None
    assert ReviewItem.objects.get(pk=scene["item"].pk).status == ReviewItem.Status.OPEN


def test_every_public_action_with_an_actor_is_tried_as_a_customer():
    found = {
        name
        for module in (decisions, people, notifications, stale)
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and "actor" in inspect.signature(function).parameters
    }
    # notify_about_content is sent by a content app's own task about an act it allowed.
    assert found - {"notify_about_content"} == set(ACTIONS)
