"""Moderation looking after real forum posts, through forum's services and both apps' pages."""

import threading
import time
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail, signing
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from forum import services as forum
from forum.forms import RENDERED_AT_SALT
from forum.models import Answer, Comment, PostStatus, Question, Revision, Vote
from moderation import adapters
from moderation import reasons as R
from moderation.actions.decisions import AlreadyHandled, approve_item, reject_item
from moderation.actions.flags import flag_post
from moderation.actions.people import suspend_user
from moderation.models import Flag, Notification, ReviewItem, Suspension, WatchedWord
from moderation.posting import Suspended
from moderation.trust import BASIC, NEW, trust_level
from tests.factories import UserFactory
from website.roles import MODERATORS

from .conftest import admin_browser

pytestmark = pytest.mark.django_db

TITLE = "Fibre internet drops every evening"
BODY = "My home fibre drops every evening around eight. What should I check first?"
ANSWER = "Restart the router and check the fibre cable is not bent; then call support."


def en(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def stamp(seconds_ago: float) -> str:
    """The hidden "form shown at" value of a form opened `seconds_ago`."""
    return signing.dumps(time.time() - seconds_ago, salt=RENDERED_AT_SALT)


def thread_url(question, language="en"):
    with translation.override(language):
        return question.get_absolute_url()


def codes(post) -> set:
    item = ReviewItem.objects.for_target(post).latest("pk")
    return {reason["code"] for reason in item.reasons}


def item_of(post) -> ReviewItem:
    return ReviewItem.objects.for_target(post).latest("pk")


@pytest.fixture
def moderator(db):
    return UserFactory(display_name="Sami Moderator", role=MODERATORS)


@pytest.fixture
def moderator_client(moderator):
    """The moderator's own browser, separate from the `client` members and visitors use."""
    return admin_browser(moderator)


@pytest.fixture
def establish(moderator):
    """Give a member the history of trust level 1: an old account and three answers a
    moderator approved (all through the real services)."""

    def establish(user, *, on=None):
        user.date_joined = timezone.now() - timedelta(days=10)
        user.save(update_fields=["date_joined"])
        question = on or forum.create_question(
            actor=UserFactory(), title="Roaming in Jordan costs too much", body=BODY, language="en"
        )
        for item in ReviewItem.objects.open().filter(author=question.author):
            approve_item(item=item, actor=moderator)
        question.refresh_from_db()
        for number in range(3):
            reply = forum.create_answer(
                actor=user, question=question, body=f"{ANSWER} Tip number {number}."
            )
            approve_item(item=item_of(reply), actor=moderator)
        assert trust_level(user) == BASIC
        return user

    return establish


@pytest.fixture
def published_question(moderator):
    """A question by a new member that a moderator approved."""
    asker = UserFactory(display_name="Layla Customer")
    question = forum.create_question(actor=asker, title=TITLE, body=BODY, language="en")
    approve_item(item=item_of(question), actor=moderator)
    question.refresh_from_db()
    mail.outbox.clear()
    return question


# Screening new posts -------------------------------------------------------------------------


def test_a_new_members_question_waits_for_review_seen_only_by_author_and_moderators(
    client, moderator
):
    newcomer = UserFactory(display_name="Karim Newcomer")
    client.force_login(newcomer)
    response = client.post(
        en("forum:ask"),
        {"title": TITLE, "body": BODY, "language": "en", "rendered_at": stamp(120)},
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert question.status == PostStatus.PENDING
    assert codes(question) == {R.TRUST_LEVEL_0}
    page = client.get(thread_url(question)).content.decode()
    assert "Only you and the moderators can see your question until a moderator approves it" in page
    assert "Why it waits: New user (trust level 0)" in page
    assert "Your answer" not in page and "No answers yet" not in page
    assert TITLE in client.get(en("forum:question_list")).content.decode()

    client.force_login(UserFactory())
    assert client.get(thread_url(question)).status_code == 404
    assert TITLE not in client.get(en("forum:question_list")).content.decode()
    client.logout()
    assert client.get(thread_url(question)).status_code == 404
    client.force_login(moderator)
    assert client.get(thread_url(question)).status_code == 200


def test_an_arabic_post_reads_right_to_left_in_an_english_review_queue(moderator_client):
    author = UserFactory(preferred_language="ar")
    question = forum.create_question(
        actor=author,
        title="الإنترنت ينقطع كل مساء",
        body="ينقطع الألياف في بيتي كل مساء عند الثامنة. ما الذي أتحقق منه أولًا؟",
        language="ar",
    )
    item = item_of(question)

    queue = moderator_client.get("/admin/moderation/").content.decode()
    page = moderator_client.get(f"/admin/moderation/items/{item.pk}/").content.decode()
    edit = moderator_client.get(f"/admin/moderation/items/{item.pk}/edit/").content.decode()
    moderator_client.post(f"/admin/moderation/items/{item.pk}/decide/", {"decision": "approve"})
    question.refresh_from_db()
    reply = forum.create_answer(
        actor=author,
        question=question,
        body="Restart the router first, then check the fibre cable.",
    )
    reply_page = moderator_client.get(f"/admin/moderation/items/{item_of(reply).pk}/").content

    assert '<p dir="rtl" lang="ar">الإنترنت ينقطع كل مساء' in queue
    assert '<div class="moderation-text" dir="rtl" lang="ar">الإنترنت ينقطع كل مساء' in page
    assert "<pre" not in page
    assert 'dir="rtl"' in edit and 'lang="ar"' in edit
    # A reply is in its thread's language, whatever its first letters.
    assert '<div class="moderation-text" dir="rtl" lang="ar">Restart' in reply_page.decode()


def test_approving_in_the_admin_queue_publishes_and_tells_the_author_in_their_language(
    client, moderator_client, django_capture_on_commit_callbacks
):
    author = UserFactory(display_name="ليلى", preferred_language="ar")
    question = forum.create_question(actor=author, title=TITLE, body=BODY, language="en")
    queue = moderator_client.get("/admin/moderation/").content.decode()
    assert TITLE in queue and "New user (trust level 0)" in queue

    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            f"/admin/moderation/items/{item_of(question).pk}/decide/", {"decision": "approve"}
        )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == PostStatus.PUBLISHED
    assert client.get(thread_url(question)).status_code == 200
    notification = Notification.objects.get(recipient=author)
    assert notification.kind == Notification.Kind.APPROVED
    assert notification.target_url == question.get_absolute_url()
    (email,) = mail.outbox
    assert email.to == [author.email]
    assert "تمت الموافقة على المشاركة" in email.subject
    assert "وأصبحت منشورة للجميع" in email.body


def test_an_approved_pending_answer_reaches_the_threads_followers(
    published_question, moderator, django_capture_on_commit_callbacks
):
    answer = forum.create_answer(actor=UserFactory(), question=published_question, body=ANSWER)
    assert answer.status == PostStatus.PENDING
    assert published_question.answer_count == 0 and not mail.outbox

    with django_capture_on_commit_callbacks(execute=True):
        approve_item(item=item_of(answer), actor=moderator)

    published_question.refresh_from_db()
    assert published_question.answer_count == 1
    recipients = [message.to for message in mail.outbox]
    assert [published_question.author.email] in recipients


def test_too_many_links_from_a_new_member_is_a_reason(published_question):
    body = ANSWER + " See https://a.example, https://b.example and www.c.example."
    answer = forum.create_answer(actor=UserFactory(), question=published_question, body=body)
    assert answer.status == PostStatus.PENDING
    assert codes(answer) == {R.TRUST_LEVEL_0, R.LINKS}


def test_a_new_members_comment_is_published_unless_it_carries_links(published_question):
    newcomer = UserFactory()
    plain = forum.create_comment(actor=newcomer, question=published_question, body="Same here!")
    assert plain.status == PostStatus.PUBLISHED
    spam = forum.create_comment(
        actor=newcomer,
        question=published_question,
        body="Cheap offers: http://a.example http://b.example http://c.example",
    )
    assert spam.status == PostStatus.PENDING
    assert codes(spam) == {R.LINKS}


def test_a_watched_word_holds_an_established_members_answer(published_question, establish):
    member = establish(UserFactory())
    WatchedWord.objects.create(pattern="casino")
    clean = forum.create_answer(actor=member, question=published_question, body=ANSWER)
    assert clean.status == PostStatus.PUBLISHED
    held = forum.create_answer(
        actor=member, question=published_question, body=ANSWER + " Or try the casino wifi."
    )
    assert held.status == PostStatus.PENDING
    assert codes(held) == {R.WATCHED_WORD}


def test_typing_faster_than_a_person_holds_a_new_members_question(client):
    member = UserFactory()
    client.force_login(member)
    form = client.get(en("forum:ask")).context["form"]
    rendered_at = form["rendered_at"].value()
    long_body = BODY + " " + "The router lights stay green all the time. " * 10
    client.post(
        en("forum:ask"),
        {"title": TITLE, "body": long_body, "language": "en", "rendered_at": rendered_at},
    )
    fast = Question.objects.get(title=TITLE)
    assert fast.status == PostStatus.PENDING
    assert codes(fast) == {R.TRUST_LEVEL_0, R.TOO_FAST}
    page = client.get(thread_url(fast)).content.decode()
    assert "Why it waits: New user (trust level 0); Posted faster than a person types" in page


def test_a_form_posted_without_its_timestamp_counts_as_instant(client):
    client.force_login(UserFactory())
    client.post(en("forum:ask"), {"title": TITLE, "body": BODY, "language": "en"})
    assert codes(Question.objects.get(title=TITLE)) == {R.TRUST_LEVEL_0, R.TOO_FAST}


def test_an_established_member_who_pastes_an_answer_at_once_publishes_it(
    client, establish, published_question
):
    member = establish(UserFactory())
    client.force_login(member)
    client.post(
        en("forum:answer_create", pk=published_question.pk),
        {
            "body": ANSWER + " " + "Restart the router, then wait a minute. " * 10,
            "rendered_at": stamp(6),
        },
    )
    pasted = published_question.answers.latest("pk")
    assert pasted.status == PostStatus.PUBLISHED


def test_an_established_member_who_took_their_time_publishes_straight_away(client, establish):
    member = establish(UserFactory())
    client.force_login(member)
    client.post(
        en("forum:ask"),
        {"title": TITLE, "body": BODY, "language": "en", "rendered_at": stamp(90)},
    )
    question = Question.objects.get(title=TITLE)
    assert question.status == PostStatus.PUBLISHED
    assert not ReviewItem.objects.for_target(question).exists()


# Suspensions and rate limits -----------------------------------------------------------------


def test_a_suspended_member_can_read_but_not_post_or_vote(client, published_question, moderator):
    member = UserFactory()
    suspend_user(user=member, actor=moderator, days=7, reason="Insults")
    client.force_login(member)

    assert client.get(thread_url(published_question)).status_code == 200
    response = client.post(
        en("forum:ask"), {"title": TITLE, "body": BODY, "language": "en", "rendered_at": stamp(60)}
    )
    assert response.status_code == 403
    assert "Your account is suspended until" in response.content.decode()
    assert BODY in response.content.decode()
    response = client.post(
        en("forum:answer_create", pk=published_question.pk),
        {"body": ANSWER, "rendered_at": stamp(60)},
    )
    assert (
        response.status_code == 403 and "You can still read the site." in response.content.decode()
    )
    response = client.post(
        en("forum:vote", kind="question", pk=published_question.pk),
        {"value": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 403
    assert "suspended" in response.json()["error"]
    response = client.post(
        en("forum:vote", kind="question", pk=published_question.pk), {"value": "1"}
    )
    assert response.status_code == 403 and "suspended" in response.content.decode()
    assert Question.objects.count() == 1 and not Answer.objects.exists()
    assert not Vote.objects.exists()


def test_voting_too_often_answers_429_json_or_a_translated_page(
    client, settings, published_question, moderator
):
    settings.DALIL_RATE_LIMITS = {NEW: {"vote": [(1, 3600)]}}
    answers = [
        forum.create_answer(actor=UserFactory(), question=published_question, body=ANSWER)
        for _ in range(2)
    ]
    for answer in answers:
        approve_item(item=item_of(answer), actor=moderator)
    client.force_login(UserFactory())
    first = client.post(en("forum:vote", kind="answer", pk=answers[0].pk), {"value": "1"})
    assert first.status_code == 302

    response = client.post(
        en("forum:vote", kind="answer", pk=answers[1].pk),
        {"value": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 3500
    assert response.json()["error"].startswith("You are doing that too often.")

    with translation.override("ar"):
        url = reverse("forum:vote", kwargs={"kind": "answer", "pk": answers[1].pk})
    response = client.post(url, {"value": "1"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 429
    page = response.content.decode()
    assert 'dir="rtl"' in page and "You are doing that too often." not in page
    assert Vote.objects.count() == 1


def test_asking_too_often_keeps_the_text_and_says_when_to_try_again(client):
    client.force_login(UserFactory())
    data = {"title": TITLE, "body": BODY, "language": "en", "rendered_at": stamp(60)}
    assert client.post(en("forum:ask"), data).status_code == 302
    response = client.post(en("forum:ask"), {**data, "title": TITLE + " again"})
    assert response.status_code == 429
    page = response.content.decode()
    assert "You are doing that too often. You may try again in 10 minutes." in page
    assert TITLE + " again" in page
    assert Question.objects.count() == 1


# Flags ------------------------------------------------------------------------------------------


def test_the_thread_shows_flag_links_to_members_allowed_to_flag(
    client, published_question, establish, moderator
):
    answer = forum.create_answer(actor=UserFactory(), question=published_question, body=ANSWER)
    approve_item(item=item_of(answer), actor=moderator)
    answer_type = ContentType.objects.get_for_model(Answer).pk
    flag_url = en("moderation:flag", content_type_id=answer_type, object_id=answer.pk)

    client.force_login(establish(UserFactory()))
    page = client.get(thread_url(published_question)).content.decode()
    assert f'href="{flag_url}"' in page
    form = client.get(flag_url).content.decode()
    for label in ("Spam", "Rude or abusive", "Off-topic", "Incorrect or outdated"):
        assert label in form

    client.force_login(UserFactory())
    assert flag_url not in client.get(thread_url(published_question)).content.decode()
    client.logout()
    assert flag_url not in client.get(thread_url(published_question)).content.decode()


def test_flag_links_add_no_query_per_post(
    client, published_question, establish, moderator, django_assert_max_num_queries
):
    helpers = [UserFactory() for _ in range(3)]
    for number in range(12):
        reply = forum.create_answer(
            actor=helpers[number % 3], question=published_question, body=f"{ANSWER} ({number})"
        )
        approve_item(item=item_of(reply), actor=moderator)
    client.force_login(establish(UserFactory()))
    client.get(thread_url(published_question))  # warms the site frame's cached links
    with django_assert_max_num_queries(20):
        page = client.get(thread_url(published_question)).content.decode()
    assert page.count("post-actions__flag") == 13
    client.logout()
    with django_assert_max_num_queries(12):
        assert client.get(thread_url(published_question)).status_code == 200


def test_flags_hide_a_post_at_the_threshold_and_a_restore_keeps_votes_and_revisions(
    client,
    moderator_client,
    published_question,
    establish,
    moderator,
    django_capture_on_commit_callbacks,
):
    author = establish(UserFactory(display_name="James Customer"))
    answer = forum.create_answer(actor=author, question=published_question, body=ANSWER)
    forum.edit_answer(actor=author, answer=answer, body=ANSWER + " Edited.", base_version=1)
    for voter in (UserFactory(), UserFactory()):
        forum.vote(actor=voter, post=answer, value=1)
    flagger = establish(UserFactory(), on=published_question)
    client.force_login(flagger)
    url = en(
        "moderation:flag",
        content_type_id=ContentType.objects.get_for_model(Answer).pk,
        object_id=answer.pk,
    )
    response = client.post(url, {"reason": "incorrect", "text": ""})
    assert response.status_code == 302
    client.logout()
    assert "Edited." in client.get(thread_url(published_question)).content.decode()

    with django_capture_on_commit_callbacks(execute=True):  # as after a real request's commit
        flag_post(target=answer, actor=moderator, reason="abusive")

    answer.refresh_from_db()
    assert answer.status == PostStatus.HIDDEN
    assert "Edited." not in client.get(thread_url(published_question)).content.decode()
    published_question.refresh_from_db()
    assert published_question.answer_count == 3  # establish's three, not the hidden one

    item = item_of(answer)
    assert item.score == 2 + 5
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            f"/admin/moderation/items/{item.pk}/decide/", {"decision": "restore"}
        )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.status == PostStatus.PUBLISHED and answer.score == 2
    assert answer.votes.count() == 2
    assert list(answer.revisions.values_list("number", flat=True)) == [1, 2]
    assert "Edited." in client.get(thread_url(published_question)).content.decode()
    assert Flag.objects.filter(outcome=Flag.Outcome.DISAGREED).count() == 2


# Decisions from the queue -----------------------------------------------------------------------


def test_lock_thread_from_the_queue_locks_the_forum_thread(moderator_client, published_question):
    answer = forum.create_answer(actor=UserFactory(), question=published_question, body=ANSWER)
    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(answer).pk}/decide/", {"decision": "lock"}
    )
    assert response.status_code == 302
    published_question.refresh_from_db()
    assert published_question.locked
    assert ModelLogEntry.objects.filter(action="dalil.forum.lock").count() == 1


def test_mark_spam_hides_every_pending_post_of_the_author_and_suspends_them(
    moderator_client, published_question
):
    spammer = UserFactory()
    question = forum.create_question(
        actor=spammer, title="Cheap followers for your shop", body=BODY, language="en"
    )
    answer = forum.create_answer(actor=spammer, question=published_question, body=ANSWER)

    response = moderator_client.post(
        f"/admin/moderation/items/{item_of(answer).pk}/decide/",
        {"decision": "spam", "spam-note": "Selling followers"},
    )

    assert response.status_code == 302
    for post in (question, answer):
        post.refresh_from_db()
        assert post.status == PostStatus.HIDDEN
        assert item_of(post).status == ReviewItem.Status.SPAM
    assert Suspension.objects.active().filter(user=spammer).exists()
    with pytest.raises(Suspended):
        forum.create_comment(actor=spammer, question=published_question, body="Hello again")


def test_edit_then_approve_saves_a_revision_like_any_edit(moderator_client, moderator):
    author = UserFactory()
    question = forum.create_question(actor=author, title=TITLE, body=BODY, language="en")
    item = item_of(question)
    edit_page = moderator_client.get(f"/admin/moderation/items/{item.pk}/edit/")
    assert edit_page.status_code == 200 and BODY in edit_page.content.decode()

    response = moderator_client.post(
        f"/admin/moderation/items/{item.pk}/edit/",
        {"title": TITLE + " (fibre)", "body": BODY + " Phone number removed.", "note": "PII"},
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == PostStatus.PUBLISHED
    assert question.title == TITLE + " (fibre)" and question.version == 2
    revision = question.revisions.get(number=2)
    assert revision.editor == moderator and revision.body.endswith("Phone number removed.")
    assert revision.reason == "Edited by a moderator during review"


def test_an_edit_that_breaks_the_forums_rules_is_refused_and_nothing_changes(
    moderator_client,
):
    answer_author = UserFactory()
    question = forum.create_question(actor=UserFactory(), title=TITLE, body=BODY, language="en")
    adapters.set_status(question, PostStatus.PUBLISHED, actor=UserFactory(role=MODERATORS))
    answer = forum.create_answer(actor=answer_author, question=question, body=ANSWER)
    item = item_of(answer)
    response = moderator_client.post(
        f"/admin/moderation/items/{item.pk}/edit/", {"body": "Too short.", "note": ""}
    )
    assert response.status_code == 200
    assert "at least 30" in response.content.decode()
    answer.refresh_from_db()
    item.refresh_from_db()
    assert answer.status == PostStatus.PENDING and answer.body == ANSWER
    assert item.status == ReviewItem.Status.OPEN and answer.revisions.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_moderators_deciding_a_forum_answer_at_once_apply_exactly_one_decision():
    first, second = (UserFactory(role=MODERATORS) for _ in range(2))
    question = forum.create_question(actor=UserFactory(), title=TITLE, body=BODY, language="en")
    approve_item(item=item_of(question), actor=first)
    question.refresh_from_db()
    answer = forum.create_answer(actor=UserFactory(), question=question, body=ANSWER)
    item = item_of(answer)
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

    decisions = [
        lambda: approve_item(item=item, actor=first),
        lambda: reject_item(item=item, actor=second, note="Off-topic"),
    ]
    threads = [threading.Thread(target=decide, args=(decision,)) for decision in decisions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["already handled", "applied"]
    item.refresh_from_db()
    answer.refresh_from_db()
    assert (item.status, answer.status) in {("approved", "published"), ("rejected", "deleted")}
    logged = ModelLogEntry.objects.filter(
        action__in=["dalil.moderation.approve", "dalil.moderation.reject"], object_id=str(answer.pk)
    )
    assert logged.count() == 1


# Leaving members ------------------------------------------------------------------------------


def test_deleting_an_account_keeps_its_answers_signed_deleted_user_in_both_languages(
    client, published_question, establish
):
    helper = establish(UserFactory(display_name="Daniel Helper"), on=published_question)
    answers = list(Answer.objects.filter(author=helper))
    forum.edit_answer(actor=helper, answer=answers[0], body=ANSWER + " Updated.", base_version=1)
    forum.vote(actor=helper, post=published_question, value=1)

    helper.delete()

    published_question.refresh_from_db()
    assert published_question.score == 1 and published_question.votes.count() == 1

    assert Answer.objects.filter(pk__in=[a.pk for a in answers], author=None).count() == 3
    assert Revision.objects.filter(answer=answers[0], editor=None).count() == 2
    english = client.get(thread_url(published_question)).content.decode()
    assert "Daniel Helper" not in english and "Deleted user" in english
    assert ANSWER + " Updated." in english
    arabic = client.get(thread_url(published_question, "ar")).content.decode()
    assert "مستخدم محذوف" in arabic and 'dir="rtl"' in arabic


def test_anonymise_author_keeps_posts_and_clears_authorship(published_question, moderator):
    author = published_question.author
    comment = forum.create_comment(actor=author, question=published_question, body="Any news?")

    count = forum.anonymise_author(user=author, actor=author)

    assert count == 2
    published_question.refresh_from_db()
    comment.refresh_from_db()
    assert published_question.author is None and comment.author is None
    assert published_question.status == PostStatus.PUBLISHED
    assert published_question.author_name == "Deleted user"
    with pytest.raises(forum.PermissionDenied):
        forum.anonymise_author(user=moderator, actor=UserFactory())


def test_trust_levels_count_published_forum_posts(published_question, moderator):
    member = UserFactory()
    member.date_joined = timezone.now() - timedelta(days=10)
    member.save(update_fields=["date_joined"])
    for number in range(3):
        reply = forum.create_answer(
            actor=member, question=published_question, body=f"{ANSWER} ({number})"
        )
        assert trust_level(member) == NEW
        approve_item(item=item_of(reply), actor=moderator)
    assert forum.published_posts_of(member) == 3
    assert trust_level(member) == BASIC
    assert forum.published_posts_by_user_ids([member.pk, moderator.pk]) == {member.pk: 3}
    assert Comment.objects.count() == 0
