import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from wagtail.models import ModelLogEntry

from moderation import adapters
from moderation.actions.decisions import (
    AlreadyHandled,
    approve_item,
    bulk_decide,
    edit_and_approve_item,
    hide_item,
    lock_thread,
    mark_spam,
    reject_item,
    restore_item,
    submit_for_review,
)
from moderation.actions.flags import flag_post
from moderation.actions.people import lift_suspension, suspend_user
from moderation.decisions import TargetGone
from moderation.models import Flag, Notification, RejectionTemplate, ReviewItem
from moderation.posting import Suspended, check_can_post, is_suspended
from tests.factories import ModeratorFactory, UserFactory
from tests.moderation_testapp.models import Note, Post

from .conftest import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def template():
    return RejectionTemplate.objects.create(
        title_en="Duplicate",
        title_ar="مكرر",
        body_en="This was already asked.",
        body_ar="طُرح هذا السؤال من قبل.",
    )


def item_of(post):
    return ReviewItem.objects.for_target(post).latest("pk")


def test_approving_a_pending_post_publishes_it_and_tells_the_author(
    pending_post, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = approve_item(item=item_of(pending_post), actor=moderator)
    pending_post.refresh_from_db()
    assert pending_post.status == "published"
    assert item.status == "approved" and item.decided_by == moderator
    notification = Notification.objects.get(recipient=pending_post.author)
    assert notification.kind == "approved"
    assert len(mail.outbox) == 1


def test_the_email_is_in_the_authors_language(
    pending_post, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        approve_item(item=item_of(pending_post), actor=moderator)
    assert pending_post.author.language == "ar"
    assert "تمت الموافقة" in mail.outbox[0].body
    assert mail.outbox[0].to == [pending_post.author.email]


def test_an_english_author_gets_english_email(moderator, django_capture_on_commit_callbacks):
    post = make_post(UserFactory(preferred_language="en"), status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        approve_item(item=item_of(post), actor=moderator)
    assert "was approved" in mail.outbox[0].body


def test_rejecting_sends_the_template_in_the_authors_language(
    pending_post, moderator, template, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reject_item(item=item_of(pending_post), actor=moderator, template=template)
    pending_post.refresh_from_db()
    assert pending_post.status == "deleted"
    notification = Notification.objects.get()
    assert notification.kind == "rejected" and notification.note == "طُرح هذا السؤال من قبل."
    assert "طُرح هذا السؤال من قبل." in mail.outbox[0].body


def test_rejecting_needs_a_reason(pending_post, moderator):
    with pytest.raises(ValidationError):
        reject_item(item=item_of(pending_post), actor=moderator, note="  ")
    pending_post.refresh_from_db()
    assert pending_post.status == "pending" and item_of(pending_post).status == "open"


def test_edit_then_approve_applies_the_edit_through_the_content_app(pending_post, moderator):
    item = item_of(pending_post)
    edit_and_approve_item(
        item=item, actor=moderator, text_fields={"title": "Top up", "body": "Cleaned body"}
    )
    pending_post.refresh_from_db()
    assert pending_post.body == "Cleaned body" and pending_post.status == "published"
    entry = ModelLogEntry.objects.get(action="dalil.moderation.edit")
    assert "How do I top up my balance?" in entry.data["before"]["text"]


def test_content_without_an_edit_method_cannot_be_edited(new_user, moderator):
    note = Note.objects.create(author=new_user, body="hello", status="pending")
    item = submit_for_review(target=note, reasons=[("trust_level_0", "")], actor=new_user)
    with pytest.raises(ValidationError):
        edit_and_approve_item(item=item, actor=moderator, text_fields={"text": "x"})


def test_hiding_then_restoring_keeps_the_post_and_its_votes(customer, moderator, template):
    post = make_post(customer)
    post.votes = 7
    post.save()
    flag_post(target=post, actor=moderator, reason="abusive")
    item = item_of(post)
    hide_item(item=item, actor=moderator, template=template)
    post.refresh_from_db()
    assert post.status == "hidden" and Flag.objects.get().outcome == "agreed"
    restore_item(item=item, actor=moderator, note="Looked again")
    post.refresh_from_db()
    assert post.status == "published" and post.votes == 7
    assert [n.kind for n in Notification.objects.order_by("pk")] == ["hidden", "restored"]


def test_restoring_a_published_post_is_already_handled(pending_post, moderator):
    item = approve_item(item=item_of(pending_post), actor=moderator)
    with pytest.raises(AlreadyHandled):
        restore_item(item=item, actor=moderator)


def test_approving_a_flagged_post_clears_the_flags(customer, trusted_factory, moderator):
    post = make_post(customer)
    flag_post(target=post, actor=trusted_factory(), reason="spam")
    approve_item(item=item_of(post), actor=moderator)
    assert Flag.objects.get().outcome == "disagreed"
    assert not Notification.objects.exists()  # a published post stays published: nothing to say


def test_a_second_decision_on_the_same_item_is_refused(pending_post, moderator, template):
    item = item_of(pending_post)
    approve_item(item=item, actor=moderator)
    with pytest.raises(AlreadyHandled):
        reject_item(item=item, actor=ModeratorFactory(), template=template)
    pending_post.refresh_from_db()
    assert pending_post.status == "published"


def test_locking_the_thread_goes_through_the_content_app(pending_post, moderator):
    lock_thread(item=item_of(pending_post), actor=moderator)
    pending_post.thread.refresh_from_db()
    assert pending_post.thread.locked and pending_post.thread.locked_by == moderator
    assert ModelLogEntry.objects.filter(action="dalil.moderation.lock").exists()


def test_suspending_blocks_posting_but_not_reading(customer, moderator):
    suspend_user(user=customer, actor=moderator, days=7, reason="Insults")
    assert is_suspended(customer)
    with pytest.raises(Suspended, match="suspended until"):
        check_can_post(user=customer, action="answer")
    notification = Notification.objects.get(recipient=customer)
    assert notification.kind == "suspended" and notification.until is not None


def test_a_lifted_suspension_no_longer_applies(customer, moderator):
    suspension = suspend_user(user=customer, actor=moderator, days=7, reason="Insults")
    lift_suspension(suspension=suspension, actor=moderator)
    assert not is_suspended(customer)
    check_can_post(user=customer, action="answer")


def test_moderators_cannot_be_suspended_from_the_queue(moderator):
    with pytest.raises(ValidationError):
        suspend_user(user=ModeratorFactory(), actor=moderator, days=1, reason="x")


def test_marking_spam_hides_every_pending_post_of_the_author_and_suspends_them(new_user, moderator):
    posts = [make_post(new_user, body=f"buy now {n}", status="pending") for n in range(3)]
    other = make_post(UserFactory(), status="pending")
    closed = mark_spam(item=item_of(posts[0]), actor=moderator, note="Spam wave")
    assert len(closed) == 3
    assert set(
        Post.objects.filter(pk__in=[p.pk for p in posts]).values_list("status", flat=True)
    ) == {"hidden"}
    assert is_suspended(new_user)
    assert item_of(other).status == "open"


def test_bulk_approve_reports_items_already_handled(new_user, moderator):
    posts = [make_post(new_user, body=f"question {n}", status="pending") for n in range(3)]
    items = [item_of(p) for p in posts]
    approve_item(item=items[0], actor=moderator)
    result = bulk_decide(items=items, action="approve", actor=moderator)
    assert len(result.decided) == 2 and result.already_handled == [items[0]]
    assert set(Post.objects.values_list("status", flat=True)) == {"published"}


def test_an_item_whose_post_was_deleted_counts_as_handled_and_writes_nothing(new_user, moderator):
    posts = [make_post(new_user, body=f"question {n}", status="pending") for n in range(2)]
    items = [item_of(p) for p in posts]
    Post.objects.filter(pk=posts[0].pk).delete()
    items[0].refresh_from_db()
    with pytest.raises(TargetGone, match="no longer exists"):
        approve_item(item=items[0], actor=moderator)
    result = bulk_decide(items=items, action="approve", actor=moderator)
    assert result.decided == [items[1]] and result.already_handled == [items[0]]
    items[0].refresh_from_db()
    assert items[0].status == ReviewItem.Status.OPEN
    assert not ModelLogEntry.objects.filter(
        action="dalil.moderation.approve", object_id=str(posts[0].pk)
    ).exists()


def test_bulk_reject_uses_the_template(new_user, moderator, template):
    posts = [make_post(new_user, body=f"question {n}", status="pending") for n in range(2)]
    bulk_decide(
        items=[item_of(p) for p in posts], action="reject", actor=moderator, template=template
    )
    assert set(Post.objects.values_list("status", flat=True)) == {"deleted"}


def test_every_decision_is_audited_with_who_why_and_the_content_before(
    pending_post, moderator, template
):
    reject_item(item=item_of(pending_post), actor=moderator, template=template, note="See FAQ")
    entry = ModelLogEntry.objects.get(action="dalil.moderation.reject")
    assert entry.user == moderator
    assert entry.object_id == str(pending_post.pk)
    assert entry.data["actor_name"] == "Sami Moderator"
    assert entry.data["before"] == {"status": "pending", "text": adapters.text_of(pending_post)}
    assert "See FAQ" in entry.data["reason"]
    assert entry.data["author_id"] == pending_post.author_id


def test_the_actors_name_survives_their_account_being_deleted(pending_post, moderator):
    approve_item(item=item_of(pending_post), actor=moderator)
    moderator.delete()
    entry = ModelLogEntry.objects.get(action="dalil.moderation.approve")
    assert entry.data["actor_name"] == "Sami Moderator"


def test_an_anonymised_authors_post_can_still_be_decided(pending_post, moderator):
    pending_post.author.delete()
    pending_post.refresh_from_db()
    item = item_of(pending_post)
    assert item.author is None
    approve_item(item=item, actor=moderator)
    assert not Notification.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_deciding_at_once_apply_exactly_one_decision():
    author = UserFactory(preferred_language="en")
    post = make_post(author, status="pending")
    item = item_of(post)
    first, second = ModeratorFactory(), ModeratorFactory()
    template = RejectionTemplate.objects.create(
        title_en="Off-topic", title_ar="خارج الموضوع", body_en="Off-topic.", body_ar="خارج الموضوع."
    )
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(decision):
        try:
            barrier.wait()
            decision()
            outcomes.append("applied")
        except AlreadyHandled:
            outcomes.append("already handled")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(lambda: approve_item(item=item, actor=first),)),
        threading.Thread(
            target=decide,
            args=(lambda: reject_item(item=item, actor=second, template=template),),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already handled", "applied"]
    item.refresh_from_db()
    post.refresh_from_db()
    assert (item.status, post.status) in {("approved", "published"), ("rejected", "deleted")}
    decisions = ModelLogEntry.objects.filter(
        action__in=["dalil.moderation.approve", "dalil.moderation.reject"]
    )
    assert decisions.count() == 1
    assert Notification.objects.count() == 1


SITE = "https://help.example.com:8443"


def test_every_decision_email_links_only_to_the_configured_site(
    settings, new_user, moderator, template, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = SITE
    approved, hidden, rejected = (make_post(new_user, status="pending") for _ in range(3))
    with django_capture_on_commit_callbacks(execute=True):
        approve_item(item=item_of(approved), actor=moderator)
        hide_item(item=item_of(hidden), actor=moderator, template=template)
        restore_item(item=item_of(hidden), actor=moderator)
        reject_item(item=item_of(rejected), actor=moderator, template=template)
        suspend_user(user=new_user, actor=moderator, days=3, reason="Spam links.")
    kinds = list(Notification.objects.order_by("pk").values_list("kind", flat=True))
    assert kinds == ["approved", "hidden", "restored", "rejected", "suspended"]
    assert len(mail.outbox) == 5
    linked = {"approved": approved, "hidden": hidden, "restored": hidden}  # a rejected post is gone
    for email, kind in zip(mail.outbox, kinds, strict=True):
        links = re.findall(r"https?://\S+", email.body)
        assert all(link.startswith(SITE + "/") for link in links), (kind, links)
        *post_links, email_off = links
        assert "/notifications/email/off/" in email_off
        if kind in linked:
            assert post_links == [SITE + linked[kind].get_absolute_url()], (kind, email.body)
