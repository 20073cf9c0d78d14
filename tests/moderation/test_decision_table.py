"""The decision table is the one description of each decision: what it names exists, and the
actions, the item page and the bulk form do what its rows say."""

import pytest
from wagtail.models import ModelLogEntry

from moderation.actions.decisions import ENTRY_POINTS, submit_for_review, take_decision
from moderation.actions.flags import flag_post
from moderation.decisions import ANY_STATUS, DECISIONS, Verdict
from moderation.forms import BulkForm
from moderation.log_actions import LOG_ACTIONS
from moderation.models import Flag, Notification, PostStatus, ReviewItem
from tests.moderation_testapp.models import Post

from .conftest import make_post

pytestmark = pytest.mark.django_db

DATA = {
    "approve": {},
    "reject": {"template": None, "note": "Off-topic"},
    "hide": {"template": None, "note": "Rude"},
    "spam": {"note": "Pills"},
    "restore": {},
}


@pytest.mark.parametrize("name", sorted(DECISIONS))
def test_every_row_names_statuses_kinds_and_log_actions_that_exist(name):
    decision = DECISIONS[name]
    assert decision.name == name
    assert decision.item_status is None or decision.item_status in ReviewItem.Status.values
    assert decision.item_status != ReviewItem.Status.OPEN
    assert decision.post_status is None or decision.post_status in PostStatus.values
    assert decision.flags in Verdict
    assert decision.log_action in LOG_ACTIONS
    for status_before, kind in decision.notifies.items():
        assert status_before == ANY_STATUS or status_before in PostStatus.values
        assert kind in Notification.Kind.values
    assert decision.closes_item == bool(decision.item_status)


def test_every_decided_status_of_an_item_is_left_by_a_row():
    left = {decision.item_status for decision in DECISIONS.values()} - {None}
    assert left == set(ReviewItem.Status.values) - {ReviewItem.Status.OPEN}


def test_every_row_has_exactly_one_entry_point():
    assert set(ENTRY_POINTS) == set(DECISIONS)


def test_the_bulk_form_offers_the_rows_marked_bulk():
    offered = [value for value, _label in BulkForm().fields["action"].choices]
    assert offered == [name for name, decision in DECISIONS.items() if decision.bulk]
    assert offered == ["approve", "reject"]


def test_a_bulk_decision_that_requires_a_reason_is_refused_without_one(pending_post):
    item = ReviewItem.objects.get()
    form = BulkForm({"items": [item.pk], "action": "reject", "note": " "})
    assert not form.is_valid()
    assert BulkForm({"items": [item.pk], "action": "approve"}).is_valid()


@pytest.mark.parametrize("name", sorted(DATA))
def test_taking_a_decision_does_what_its_row_says(name, new_user, moderator, trusted_factory):
    decision = DECISIONS[name]
    status = "hidden" if name == "restore" else "published"
    post = make_post(new_user, status=status)
    if name == "restore":
        submit_for_review(target=post, reasons=[], actor=new_user)
    else:
        flag_post(target=post, actor=trusted_factory(), reason="spam")
    item = ReviewItem.objects.open().get()
    before = post.status

    take_decision(decision=name, item=item, actor=moderator, data=DATA[name])

    item.refresh_from_db()
    post = Post.objects.get(pk=post.pk)
    assert item.status == decision.item_status
    assert item.decided_by == moderator
    assert post.status == (decision.post_status or before)
    assert ModelLogEntry.objects.filter(action=decision.log_action, object_id=post.pk).exists()
    # Spam also suspends the author, who hears about that (the suspend row's notification).
    notices = Notification.objects.filter(recipient=new_user).exclude(kind="suspended")
    kinds = list(notices.values_list("kind", flat=True))
    expected = decision.notification_for(before)
    assert kinds == ([expected] if expected else [])
    outcomes = set(Flag.objects.filter(review_item=item).values_list("outcome", flat=True))
    if decision.flags is Verdict.AGREED:
        assert outcomes == {Flag.Outcome.AGREED}
    elif decision.flags is Verdict.DISAGREED and name != "restore":  # restore: none were open
        assert outcomes == {Flag.Outcome.DISAGREED}
