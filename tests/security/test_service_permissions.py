"""Every state-changing service checks its actor itself, whoever calls it (issue 17, item 6).

Views check permissions too, but a new view, a task or an API could forget: here each service
is called directly. For every role that may not use it, the call raises ``PermissionDenied``
and the database is exactly as it was (every row of every Dalil, Wagtail and test-app table is
compared); then the role that may use it succeeds and something changed. ``SERVICES`` must name
every public function of the services and actions modules that takes an ``actor`` (a new one
without a row fails ``test_every_service_with_an_actor_has_a_row``).
"""

import inspect
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation
from wagtail.models import Locale

from forum import editing as forum_editing
from forum import services as forum
from forum import thread_actions as forum_thread_actions
from forum.models import Category as ForumCategory
from forum.models import PostStatus
from kb import services as kb
from kb.models import ArticlePage
from moderation import posting, rules
from moderation.actions import decisions as decision_actions
from moderation.actions import flags as flag_actions
from moderation.actions import notifications as notification_actions
from moderation.actions import people as people_actions
from moderation.actions import stale as stale_actions
from moderation.models import Notification, ReviewItem, StaleItem, StaleSignal
from moderation.stale import run_sweep
from support import actions as support_actions
from support.models import Case
from tests.factories import ModeratorFactory, SupportStaffFactory, UserFactory
from tests.kb.conftest import make_article, make_category
from tests.moderation_testapp.models import Post, Thread
from webhooks import services as webhooks
from webhooks.events import register_event
from website.insights import services as insights_services
from website.insights import surveys as insights_surveys
from website.insights.models import Survey

register_event("security.check", "An event for the permission matrix")

BODY = "A body long enough for the forum's minimum length rule, about the fibre line."
ROLES = ("anonymous", "customer", "suspended", "moderator", "staff")
SNAPSHOT_APPS = {
    "website",
    "kb",
    "forum",
    "moderation",
    "moderation_testapp",
    "support",
    "webhooks",
    "insights",
    "wagtailcore",
    "wagtailredirects",
    "taggit",
    "auth",
}


def database_snapshot() -> dict:
    """Every row of every table a service could write, as plain values."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in SNAPSHOT_APPS and not model._meta.proxy
    }


@pytest.fixture
def scene(db, settings):
    settings.DALIL_WEBHOOKS_ALLOW_PRIVATE_TARGETS = True  # the endpoint below is on 127.0.0.1
    people = {
        "anonymous": AnonymousUser(),
        "customer": UserFactory(display_name="Customer"),
        "suspended": UserFactory(display_name="Suspended"),
        "moderator": ModeratorFactory(display_name="Moderator"),
        "staff": SupportStaffFactory(display_name="Staff"),
    }
    moderator, staff = people["moderator"], people["staff"]
    owner = UserFactory(display_name="Owner")
    helper = UserFactory(display_name="Helper")
    suspension = people_actions.suspend_user(
        user=people["suspended"], actor=moderator, days=3, reason="Spam run"
    )
    question = forum.create_question(
        actor=owner, title="Fibre drops every evening at eight", body=BODY, language="en"
    )
    answer = forum.create_answer(actor=helper, question=question, body=BODY)
    forum.accept_answer(actor=owner, answer=answer)
    comment = forum.create_comment(actor=helper, question=question, body="Which router?")
    hidden_answer = forum.create_answer(actor=helper, question=question, body=BODY + " Again.")
    forum.set_post_status(post=hidden_answer, new_status=PostStatus.HIDDEN, actor=moderator)
    original = forum.create_question(
        actor=owner, title="Fibre drops at night, what to check", body=BODY, language="en"
    )
    closed = forum.create_question(
        actor=owner, title="Closed question about the router", body=BODY, language="en"
    )
    forum.close_question(actor=moderator, question=closed, reason="off_topic")
    question.tags.add("fibre", "router")
    forum.follow_tag(actor=people["customer"], name="router")  # for unfollow_tag to undo
    followed_category = ForumCategory.objects.create(
        slug="mobile", name_ar="الجوال", name_en="Mobile"
    )
    forum.follow_category(actor=people["customer"], category=followed_category)

    pending = Post.objects.create(
        author=helper,
        title="Pending",
        body="Cheap pills",
        status="pending",
        thread=Thread.objects.create(),
    )
    item = decision_actions.submit_for_review(target=pending, reasons=[], actor=helper)
    removed = Post.objects.create(author=helper, title="Hidden", body="Gone", status="hidden")
    removed_item = decision_actions.submit_for_review(target=removed, reasons=[], actor=helper)
    published = Post.objects.create(author=owner, title="Top up", body="Buy now")
    watched = UserFactory(display_name="Watched")
    people_actions.put_under_review(user=watched, actor=moderator, reason="New account")

    category = make_category("en", "Contact us")
    article = make_article(category)
    ArticlePage.objects.filter(pk=article.pk).update(
        last_reviewed_at=timezone.now() - timedelta(days=800),
        first_published_at=timezone.now() - timedelta(days=900),
    )
    article.refresh_from_db()
    run_sweep()
    signal = StaleSignal.objects.get(code="review_due")
    promoted_question = forum.create_question(
        actor=owner, title="Router lights are red after a storm", body=BODY, language="en"
    )
    promoted_answer = forum.create_answer(actor=helper, question=promoted_question, body=BODY)
    forum.accept_answer(actor=owner, answer=promoted_answer)
    promoted = kb.promote_answer(
        answer=promoted_answer,
        category=category,
        locale=Locale.objects.get(language_code="en"),
        title="Red router lights after a storm",
        actor=staff,
    )
    candidate_question = forum.create_question(
        actor=owner, title="Setting up the new modem at home", body=BODY, language="en"
    )
    candidate = forum.create_answer(actor=helper, question=candidate_question, body=BODY)
    forum.accept_answer(actor=owner, answer=candidate)
    assert StaleItem.objects.filter(object_id=article.pk).exists()
    case = support_actions.escalate(actor=staff, question=original)
    solved = support_actions.escalate(actor=staff, question=closed)
    support_actions.set_state(actor=staff, case=solved, state=Case.State.SOLVED)
    webhook_manager = UserFactory(display_name="Webhook admin", is_superuser=True)
    endpoint, _secret = webhooks.create_endpoint(
        actor=webhook_manager, name="Helpdesk", url="http://127.0.0.1:9/hook", events=["*"]
    )
    # Never sent: the test's transaction does not commit, so on_commit never queues it.
    (delivery,) = webhooks.emit("security.check", {"n": 1})
    survey = Survey.objects.create(
        kind="answer", question=question, asker=owner, language="en", answer=answer
    )
    return {
        "survey": survey,
        "webhook_manager": webhook_manager,
        "endpoint": endpoint,
        "delivery": delivery,
        "people": people,
        "owner": owner,
        "case": case,
        "solved_case": solved,
        "helper": helper,
        "suspension": suspension,
        "question": question,
        "forum_category": ForumCategory.objects.create(
            slug="internet", name_ar="الإنترنت", name_en="Internet"
        ),
        "followed_category": followed_category,
        "answer": answer,
        "comment": comment,
        "hidden_answer": hidden_answer,
        "original": original,
        "closed": closed,
        "pending": pending,
        "item": item,
        "removed_item": removed_item,
        "published": published,
        "watched": watched,
        "category": category,
        "article": article,
        "signal": signal,
        "promoted": promoted,
        "promoted_answer": promoted_answer,
        "candidate": candidate,
    }


def _fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# name: (call(actor, scene), the role that may do it). The others are refused.
MODERATORS = "moderator"
STAFF = "staff"
MEMBERS = "customer"
WEBHOOK_MANAGERS = "webhook_manager"
SERVICES = {
    # moderation: decisions
    "moderation.approve_item": (
        lambda a, s: decision_actions.approve_item(item=s["item"], actor=a),
        MODERATORS,
    ),
    "moderation.edit_and_approve_item": (
        lambda a, s: decision_actions.edit_and_approve_item(
            item=s["item"], actor=a, text_fields={"title": "Edited", "body": "Fine now"}
        ),
        MODERATORS,
    ),
    "moderation.reject_item": (
        lambda a, s: decision_actions.reject_item(item=s["item"], actor=a, note="Spam"),
        MODERATORS,
    ),
    "moderation.hide_item": (
        lambda a, s: decision_actions.hide_item(item=s["item"], actor=a, note="Rude"),
        MODERATORS,
    ),
    "moderation.restore_item": (
        lambda a, s: decision_actions.restore_item(item=s["removed_item"], actor=a),
        MODERATORS,
    ),
    "moderation.lock_thread": (
        lambda a, s: decision_actions.lock_thread(item=s["item"], actor=a),
        MODERATORS,
    ),
    "moderation.mark_spam": (
        lambda a, s: decision_actions.mark_spam(item=s["item"], actor=a, note="Pills"),
        MODERATORS,
    ),
    "moderation.bulk_decide": (
        lambda a, s: decision_actions.bulk_decide(items=[s["item"]], action="approve", actor=a),
        MODERATORS,
    ),
    "moderation.take_decision": (
        lambda a, s: decision_actions.take_decision(
            decision="reject", item=s["item"], actor=a, data={"template": None, "note": "Spam"}
        ),
        MODERATORS,
    ),
    "moderation.submit_for_review": (
        lambda a, s: decision_actions.submit_for_review(target=s["published"], reasons=[], actor=a),
        MODERATORS,
    ),
    # moderation: people
    "moderation.suspend_user": (
        lambda a, s: people_actions.suspend_user(user=s["helper"], actor=a, days=2, reason="Spam"),
        MODERATORS,
    ),
    "moderation.lift_suspension": (
        lambda a, s: people_actions.lift_suspension(suspension=s["suspension"], actor=a),
        MODERATORS,
    ),
    "moderation.put_under_review": (
        lambda a, s: people_actions.put_under_review(user=s["helper"], actor=a, reason="Odd links"),
        MODERATORS,
    ),
    "moderation.release_from_review": (
        lambda a, s: people_actions.release_from_review(user=s["watched"], actor=a),
        MODERATORS,
    ),
    "moderation.mark_notifications_read": (
        lambda a, s: notification_actions.mark_notifications_read(
            user=s["people"]["suspended"], actor=a
        ),
        "suspended",  # only the person themselves (they were told about their suspension)
    ),
    "moderation.open_notification": (
        lambda a, s: notification_actions.open_notification(
            notification=Notification.objects.get(recipient=s["people"]["suspended"]), actor=a
        ),
        "suspended",  # only the recipient
    ),
    "moderation.mark_one_read": (
        lambda a, s: notification_actions.mark_one_read(
            notification=Notification.objects.get(recipient=s["people"]["suspended"]), actor=a
        ),
        "suspended",  # only the recipient
    ),
    "moderation.set_email_preferences": (
        lambda a, s: notification_actions.set_email_preferences(
            user=s["people"]["suspended"], actor=a, choices={"mention": "off"}
        ),
        "suspended",  # only the person themselves
    ),
    # moderation: flags
    "moderation.flag_post": (
        lambda a, s: flag_actions.flag_post(target=s["published"], actor=a, reason="spam"),
        MEMBERS,
    ),
    # moderation: stale content
    "moderation.mark_stale_reviewed": (
        lambda a, s: stale_actions.mark_stale_reviewed(target=s["article"], actor=a),
        STAFF,
    ),
    "moderation.dismiss_stale_signal": (
        lambda a, s: stale_actions.dismiss_stale_signal(signal=s["signal"], actor=a, reason="Fine"),
        STAFF,
    ),
    "moderation.reassign_stale_owner": (
        lambda a, s: stale_actions.reassign_stale_owner(
            target=s["article"], actor=a, owner=s["people"]["staff"]
        ),
        STAFF,
    ),
    "moderation.archive_stale_item": (
        lambda a, s: stale_actions.archive_stale_item(target=s["article"], actor=a),
        STAFF,
    ),
    "moderation.report_outdated": (
        lambda a, s: stale_actions.report_outdated(target=s["article"], actor=a, note="Old prices"),
        STAFF,
    ),
    # forum: thread actions
    "forum.set_locked": (
        lambda a, s: forum.set_locked(actor=a, question=s["question"], locked=True),
        MODERATORS,
    ),
    "forum.close_question": (
        lambda a, s: forum.close_question(actor=a, question=s["question"], reason="off_topic"),
        MODERATORS,
    ),
    "forum.reopen_question": (
        lambda a, s: forum.reopen_question(actor=a, question=s["closed"]),
        MODERATORS,
    ),
    "forum.mark_duplicate": (
        lambda a, s: forum.mark_duplicate(actor=a, question=s["question"], original=s["original"]),
        MODERATORS,
    ),
    "forum.restore_post": (
        lambda a, s: forum.restore_post(actor=a, post=s["hidden_answer"]),
        MODERATORS,
    ),
    "forum.set_post_status": (
        lambda a, s: forum.set_post_status(post=s["answer"], new_status="hidden", actor=a),
        MODERATORS,
    ),
    "forum.delete_post": (
        lambda a, s: forum.delete_post(actor=a, post=_fresh(s["comment"])),
        MODERATORS,
    ),
    "forum.accept_answer": (
        lambda a, s: forum.accept_answer(actor=a, answer=s["answer"]),
        MODERATORS,
    ),
    "forum.mark_official_answer": (
        lambda a, s: forum.mark_official_answer(actor=a, answer=s["answer"]),
        STAFF,
    ),
    "forum.unmark_official_answer": (
        lambda a, s: forum.unmark_official_answer(actor=a, question=s["question"]),
        STAFF,
    ),
    # support: cases (docs/support.md)
    "support.escalate": (
        lambda a, s: support_actions.escalate(actor=a, question=s["question"]),
        MODERATORS,
    ),
    "support.claim": (lambda a, s: support_actions.claim(actor=a, case=s["case"]), STAFF),
    "support.assign": (
        lambda a, s: support_actions.assign(
            actor=a, cases=[s["case"]], assignee=s["people"]["staff"]
        ),
        STAFF,
    ),
    "support.set_state": (
        lambda a, s: support_actions.set_state(actor=a, case=s["case"], state="waiting"),
        STAFF,
    ),
    "support.set_priority": (
        lambda a, s: support_actions.set_priority(actor=a, case=s["case"], priority="urgent"),
        STAFF,
    ),
    "support.add_note": (
        lambda a, s: support_actions.add_note(actor=a, case=s["case"], body="Order 55-1234."),
        STAFF,
    ),
    "insights.set_summary_subscription": (
        lambda a, s: insights_services.set_summary_subscription(actor=a, subscribed=True),
        STAFF,
    ),
    "support.reopen": (
        lambda a, s: support_actions.reopen(actor=a, case=s["solved_case"]),
        "owner",
    ),
    "forum.unaccept_answer": (
        lambda a, s: forum.unaccept_answer(actor=a, question=s["question"]),
        MODERATORS,
    ),
    "forum.edit_answer": (
        lambda a, s: forum.edit_answer(
            actor=a, answer=s["answer"], body=BODY + " Edited.", reason="Typo", base_version=1
        ),
        MODERATORS,
    ),
    "forum.edit_comment": (
        lambda a, s: forum.edit_comment(
            actor=a, comment=s["comment"], body="Which router model?", reason="Typo"
        ),
        MODERATORS,
    ),
    "forum.edit_question": (
        lambda a, s: forum.edit_question(
            actor=a,
            question=s["question"],
            title="Fibre drops every evening at nine",
            body=BODY,
            language="en",
            reason="Typo",
            base_version=1,
        ),
        MODERATORS,
    ),
    "forum.anonymise_author": (
        lambda a, s: forum.anonymise_author(user=s["helper"], actor=a),
        MODERATORS,
    ),
    # forum: posting (anyone signed in and not suspended)
    "forum.create_question": (
        lambda a, s: forum.create_question(
            actor=a, title="Another evening question here", body=BODY, language="en"
        ),
        MEMBERS,
    ),
    "forum.create_answer": (
        lambda a, s: forum.create_answer(actor=a, question=s["question"], body=BODY),
        MEMBERS,
    ),
    "forum.create_comment": (
        lambda a, s: forum.create_comment(actor=a, question=s["question"], body="Same here."),
        MEMBERS,
    ),
    "forum.vote": (
        lambda a, s: forum.vote(actor=a, post=s["answer"], value=1),
        MEMBERS,
    ),
    "forum.subscribe": (
        lambda a, s: forum.subscribe(actor=a, question=s["question"]),
        MEMBERS,
    ),
    "forum.unsubscribe": (
        lambda a, s: forum.unsubscribe(actor=a, question=s["question"]),
        "owner",
    ),
    "forum.follow_tag": (lambda a, s: forum.follow_tag(actor=a, name="fibre"), MEMBERS),
    "forum.unfollow_tag": (lambda a, s: forum.unfollow_tag(actor=a, name="router"), MEMBERS),
    "forum.follow_category": (
        lambda a, s: forum.follow_category(actor=a, category=s["forum_category"]),
        MEMBERS,
    ),
    "forum.unfollow_category": (
        lambda a, s: forum.unfollow_category(actor=a, category=s["followed_category"]),
        MEMBERS,
    ),
    # kb: promotion and review bookkeeping
    "kb.promote_answer": (
        lambda a, s: kb.promote_answer(
            answer=s["candidate"],
            category=s["category"],
            locale=Locale.objects.get(language_code="en"),
            title="Setting up the new modem",
            actor=a,
        ),
        STAFF,
    ),
    "kb.nominate_answer": (
        lambda a, s: kb.nominate_answer(answer=s["answer"], note="Clear and right", actor=a),
        MODERATORS,
    ),
    "kb.acknowledge_source_changes": (
        lambda a, s: kb.acknowledge_source_changes(article=s["promoted"], actor=a),
        STAFF,
    ),
    "kb.set_article_review_fields": (
        lambda a, s: kb.set_article_review_fields(
            article=s["article"], actor=a, last_reviewed_at=timezone.now()
        ),
        STAFF,
    ),
    "kb.archive_article": (
        lambda a, s: kb.archive_article(article=s["article"], actor=a),
        STAFF,
    ),
    # insights: the satisfaction survey (only its asker answers)
    "insights.answer_survey": (
        lambda a, s: insights_surveys.answer_survey(
            actor=a, survey=_fresh(s["survey"]), rating=4, comment="Clear."
        ),
        "owner",
    ),
    # webhooks
    "webhooks.create_endpoint": (
        lambda a, s: webhooks.create_endpoint(
            actor=a, name="Second", url="http://127.0.0.1:9/other", events=["*"]
        ),
        WEBHOOK_MANAGERS,
    ),
    "webhooks.update_endpoint": (
        lambda a, s: webhooks.update_endpoint(
            actor=a, endpoint=_fresh(s["endpoint"]), active=False
        ),
        WEBHOOK_MANAGERS,
    ),
    "webhooks.replay_delivery": (
        lambda a, s: webhooks.replay_delivery(actor=a, delivery=_fresh(s["delivery"])),
        WEBHOOK_MANAGERS,
    ),
}
# Roles that are refused although they are not anonymous, customer or suspended.
ALSO_REFUSED = {
    "moderation.mark_notifications_read": ("customer", "moderator", "staff"),
    "moderation.open_notification": ("customer", "moderator", "staff"),
    "moderation.mark_one_read": ("customer", "moderator", "staff"),
    "moderation.set_email_preferences": ("customer", "moderator", "staff"),
    "moderation.flag_post": (),
    "forum.unsubscribe": (),
    # Only the asker says the answer did not help, not the team.
    "support.reopen": ("moderator", "staff"),
    # The figure is the asker's own word: not the team's, not a moderator's.
    "insights.answer_survey": ("moderator", "staff"),
    "webhooks.create_endpoint": ("moderator", "staff"),
    "webhooks.update_endpoint": ("moderator", "staff"),
    "webhooks.replay_delivery": ("moderator", "staff"),
}
# Services that take an actor but change nothing anyone could abuse, with the reason.
NOT_PERMISSION_CHECKED = {
    "kb.record_feedback": "open to every reader, signed in or not; limited, weighed (item 14)",
    "support.solve_for_accepted_answer": (
        "no door reaches it: the forum's `dalil_thread_event` hook calls it after an accept the "
        "forum's own service allowed; the actor is who accepted"
    ),
    "moderation.notify_about_content": (
        "no door reaches it: a content app's task calls it after a write that service already "
        "allowed; the actor is whose act it reports (never told to themselves), and it writes "
        "only a notice to the recipient"
    ),
}


FOLLOWING = (
    "forum.follow_tag",
    "forum.unfollow_tag",
    "forum.follow_category",
    "forum.unfollow_category",
)


def _who(role, scene):
    return scene["people"].get(role) or scene[role]


def _refused_roles(name, allowed):
    refused = {"anonymous", "customer", "suspended"}
    if allowed == STAFF:
        refused.add("moderator")
    refused |= set(ALSO_REFUSED.get(name, ()))
    refused.discard(allowed)
    following = ("forum.subscribe", "forum.unsubscribe", *FOLLOWING)
    if name in ("moderation.flag_post", *following):
        refused.discard("customer")
    if name in following:
        refused.discard("suspended")  # following is reading, which suspension allows
    return sorted(refused)


def test_every_service_with_an_actor_has_a_row():
    found = set()
    modules = [
        ("moderation", decision_actions),
        ("moderation", flag_actions),
        ("moderation", people_actions),
        ("moderation", notification_actions),
        ("moderation", stale_actions),
        ("forum", forum),
        ("forum", forum_editing),
        ("forum", forum_thread_actions),
        ("kb", kb),
        ("support", support_actions),
        ("webhooks", webhooks),
        ("insights", insights_services),
        ("insights", insights_surveys),
    ]
    for label, module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ != module.__name__ or name.startswith("_"):
                continue
            if "actor" in inspect.signature(function).parameters:
                found.add(f"{label}.{name}")
    assert found == set(SERVICES) | set(NOT_PERMISSION_CHECKED)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SERVICES))
def test_each_service_refuses_the_wrong_people_and_changes_nothing(scene, name):
    call, allowed = SERVICES[name]
    before = database_snapshot()
    for role in _refused_roles(name, allowed):
        with pytest.raises(PermissionDenied):
            call(_who(role, scene), scene)
        assert database_snapshot() == before, f"{name} changed the database for {role}"
    call(_who(allowed, scene), scene)
    assert database_snapshot() != before, f"{name} did nothing for {allowed}"


@pytest.mark.django_db
def test_a_missing_actor_is_nobody_not_the_system(scene):
    before = database_snapshot()
    for call, _allowed in SERVICES.values():
        with pytest.raises(PermissionDenied):
            call(None, scene)
    assert database_snapshot() == before


@pytest.mark.django_db
def test_the_flag_threshold_may_only_hide_a_post(scene):
    answer = scene["answer"]
    for status in ("published", "deleted", "pending"):
        with pytest.raises(PermissionDenied):
            forum.set_post_status(post=answer, new_status=status, actor=rules.FLAG_THRESHOLD)
    with pytest.raises(PermissionDenied):
        forum.set_locked(actor=rules.FLAG_THRESHOLD, question=scene["question"], locked=True)
    with pytest.raises(PermissionDenied):
        decision_actions.approve_item(item=scene["item"], actor=rules.FLAG_THRESHOLD)
    forum.set_post_status(post=answer, new_status="hidden", actor=rules.FLAG_THRESHOLD)
    assert _fresh(answer).status == "hidden"


@pytest.mark.django_db
def test_flags_reaching_the_threshold_hide_as_the_system_in_the_audit_log(scene, settings):
    from wagtail.models import ModelLogEntry

    settings.DALIL_FLAG_HIDE_THRESHOLD = 4  # two basic members (score 2 each)
    answer = scene["answer"]
    with translation.override("en"):  # the system's name is stored in the active language
        flag_actions.flag_post(target=answer, actor=scene["people"]["customer"], reason="spam")
        assert _fresh(answer).status == "published"
        flag_actions.flag_post(target=answer, actor=scene["owner"], reason="spam")
    assert _fresh(answer).status == "hidden"
    entry = ModelLogEntry.objects.get(action="dalil.moderation.auto_hide")
    assert entry.user is None
    assert entry.data["actor_name"] == "Community flags"


@pytest.mark.django_db
def test_a_new_member_cannot_flag_and_is_told_why(scene, settings):
    settings.DALIL_TRUST_LEVEL1_POSTS = 3
    newcomer = UserFactory(display_name="Newcomer")
    for language, words in (("en", "New members cannot flag"), ("ar", "للأعضاء الجدد")):
        with translation.override(language), pytest.raises(PermissionDenied, match=words):
            flag_actions.flag_post(target=scene["published"], actor=newcomer, reason="spam")
    assert not ReviewItem.objects.filter(object_id=scene["published"].pk, kind="flagged").exists()


@pytest.mark.django_db
def test_a_suspended_members_refusal_is_both_suspended_and_permission_denied(scene):
    with pytest.raises(posting.Suspended) as refused:
        flag_actions.flag_post(
            target=scene["published"], actor=scene["people"]["suspended"], reason="spam"
        )
    assert isinstance(refused.value, PermissionDenied)
    assert not Notification.objects.filter(kind="hidden").exists()
