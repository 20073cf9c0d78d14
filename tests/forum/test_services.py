import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from forum import services
from forum.models import (
    Answer,
    CloseReason,
    Comment,
    PostStatus,
    Question,
    Revision,
    Subscription,
    Vote,
)
from forum.selectors import reputation_for
from moderation import adapters
from moderation.models import ReviewItem, WatchedWord
from tests.factories import UserFactory

from .conftest import ANSWER_BODY, QUESTION_BODY

pytestmark = pytest.mark.django_db


def test_verified_customer_question_is_published_with_safe_html_and_a_first_revision(question):
    assert question.status == PostStatus.PUBLISHED
    assert question.slug == "fibre-internet-drops-every-evening"
    assert question.body_html.startswith("<p>")
    assert sorted(question.tags.names()) == ["fibre", "router"]
    assert question.revisions.get().number == 1


def test_a_watched_word_sends_an_established_members_question_to_review(ask, customer):
    WatchedWord.objects.create(pattern="casino")
    question = ask(customer, body="Which casino accepts our prepaid cards for online payments?")
    assert question.status == PostStatus.PENDING
    assert ReviewItem.objects.open().for_target(question).exists()


def test_unverified_user_cannot_post(ask, unverified_user):
    with pytest.raises(PermissionDenied):
        ask(unverified_user)
    assert not Question.objects.exists()


def test_arabic_title_keeps_an_arabic_slug(ask, customer):
    question = ask(customer, title="كيف أتواصل مع خدمة العملاء عبر الدردشة؟", language="ar")
    assert question.slug == "كيف-أتواصل-مع-خدمة-العملاء-عبر-الدردشة"


@pytest.mark.parametrize(
    ("title", "body", "field"),
    [
        ("Too short", QUESTION_BODY, "title"),
        ("x" * 151, QUESTION_BODY, "title"),
        ("A title that is long enough", "too short body", "body"),
        ("A title that is long enough", "\u200b" * 50, "body"),
        (" " * 40, QUESTION_BODY, "title"),
        ("A title that is long enough", "x" * 30_001, "body"),
    ],
)
def test_question_limits_are_enforced_by_the_service(ask, customer, title, body, field):
    with pytest.raises(ValidationError) as error:
        ask(customer, title=title, body=body)
    assert field in error.value.message_dict
    assert not Question.objects.exists()


@pytest.mark.parametrize("tags", ["a b c d e f", "bad_tag", "no!pe", "x" * 41, "<script>"])
def test_bad_tags_are_refused(ask, customer, tags):
    with pytest.raises(ValidationError):
        ask(customer, tags=tags)
    assert not Question.objects.exists()


def test_arabic_and_hyphenated_tags_are_allowed(ask, customer):
    question = ask(customer, tags="الألياف-البصرية، router-5g")
    assert sorted(question.tags.names()) == ["router-5g", "الألياف-البصرية"]


def test_same_submission_token_creates_one_question(ask, customer):
    first = ask(customer, submission_token="abc123")
    second = ask(customer, submission_token="abc123")
    assert first.pk == second.pk
    assert Question.objects.count() == 1


def test_answer_updates_count_activity_and_subscribes_the_answerer(
    question, answer, other_customer
):
    before = question.last_activity_at
    answer(other_customer, question)
    question.refresh_from_db()
    assert question.answer_count == 1
    assert question.last_activity_at > before
    assert Subscription.objects.filter(user=other_customer, question=question).exists()
    assert Subscription.objects.filter(user=question.author, question=question).exists()


def test_closed_or_locked_question_takes_no_answers(question, answer, other_customer, moderator):
    services.close_question(actor=moderator, question=question, reason=CloseReason.OFF_TOPIC)
    with pytest.raises(ValidationError):
        answer(other_customer, question)
    services.reopen_question(actor=moderator, question=question)
    services.set_locked(actor=moderator, question=question, locked=True)
    with pytest.raises(ValidationError):
        answer(other_customer, question)
    assert not Answer.objects.exists()


def test_comment_length_and_blankness_are_checked(question, other_customer):
    for body in ["x", "\u200b\u200b\u200b", "y" * 601]:
        with pytest.raises(ValidationError):
            services.create_comment(actor=other_customer, question=question, body=body)
    services.create_comment(actor=other_customer, question=question, body="ok")
    assert Comment.objects.count() == 1


def test_comment_on_an_answer_of_another_question_is_refused(ask, question, answer, customer):
    other = ask(customer, title="Another question about SMS codes")
    reply = answer(UserFactory(), other)
    with pytest.raises(ValidationError):
        services.create_comment(actor=customer, question=question, answer=reply, body="hello")


def test_votes_move_the_score_and_can_change_or_be_withdrawn(question, other_customer):
    assert services.vote(actor=other_customer, post=question, value=1) == 1
    assert services.vote(actor=other_customer, post=question, value=1) == 1
    assert services.vote(actor=other_customer, post=question, value=-1) == -1
    assert services.vote(actor=other_customer, post=question, value=0) == 0
    assert not Vote.objects.exists()


def test_nobody_votes_on_their_own_post(question, customer):
    with pytest.raises(PermissionDenied):
        services.vote(actor=customer, post=question, value=1)


def test_vote_values_other_than_plus_or_minus_one_are_refused(question, other_customer):
    with pytest.raises(ValidationError):
        services.vote(actor=other_customer, post=question, value=5)


def test_asker_accepts_changes_and_removes_the_accepted_answer(question, answer, customer):
    first = answer(UserFactory(), question)
    second = answer(UserFactory(), question, body=ANSWER_BODY + " Also try another socket.")
    services.accept_answer(actor=customer, answer=first)
    services.accept_answer(actor=customer, answer=second)
    question.refresh_from_db()
    assert question.accepted_answer == second
    services.unaccept_answer(actor=customer, question=question)
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_only_the_asker_or_a_moderator_accepts(question, answer, other_customer, moderator):
    reply = answer(UserFactory(), question)
    with pytest.raises(PermissionDenied):
        services.accept_answer(actor=other_customer, answer=reply)
    services.accept_answer(actor=moderator, answer=reply)
    question.refresh_from_db()
    assert question.accepted_answer == reply


def test_author_cannot_delete_a_question_with_answers(question, answer, customer, moderator):
    answer(UserFactory(), question)
    with pytest.raises(PermissionDenied):
        services.delete_post(actor=customer, post=question)
    services.delete_post(actor=moderator, post=question)
    assert Question.objects.get().status == PostStatus.DELETED
    services.restore_post(actor=moderator, post=question)
    assert Question.objects.get().status == PostStatus.PUBLISHED


def test_author_can_delete_an_unanswered_question_but_not_restore_it(question, customer):
    services.delete_post(actor=customer, post=question)
    with pytest.raises(PermissionDenied):
        services.restore_post(actor=customer, post=question)


def test_deleting_the_accepted_answer_unaccepts_it_and_recounts(question, answer, customer):
    reply = answer(UserFactory(), question)
    services.accept_answer(actor=customer, answer=reply)
    services.delete_post(actor=reply.author, post=reply)
    question.refresh_from_db()
    assert question.accepted_answer is None
    assert question.answer_count == 0


def test_edit_keeps_a_revision_and_rerenders_the_html(question, customer):
    services.edit_question(
        actor=customer,
        question=question,
        title="Fibre internet drops every evening at eight",
        body=QUESTION_BODY + "\n\n**Router:** model X",
        language="en",
        tags="fibre",
        base_version=1,
    )
    question.refresh_from_db()
    assert question.version == 2
    assert question.slug == "fibre-internet-drops-every-evening-at-eight"
    assert "<strong>Router:</strong>" in question.body_html
    assert list(question.revisions.values_list("number", flat=True)) == [1, 2]
    assert question.tags.names()[0] == "fibre"


def test_editing_someone_elses_post_needs_a_reason(question, moderator):
    data = {"title": question.title, "body": question.body, "language": "en", "base_version": 1}
    with pytest.raises(ValidationError) as error:
        services.edit_question(actor=moderator, question=question, **data)
    assert "reason" in error.value.message_dict
    services.edit_question(actor=moderator, question=question, reason="Fixed typo", **data)
    assert Revision.objects.filter(question=question, number=2).get().reason == "Fixed typo"


def test_customers_cannot_edit_others_posts(question, other_customer):
    with pytest.raises(PermissionDenied):
        services.edit_question(
            actor=other_customer,
            question=question,
            title=question.title,
            body=question.body,
            language="en",
            reason="I want to",
            base_version=1,
        )


def test_second_edit_from_the_same_version_is_refused_and_nothing_is_overwritten(
    question, answer, customer
):
    reply = answer(UserFactory(), question)
    services.edit_answer(
        actor=reply.author, answer=reply, body=ANSWER_BODY + " First editor.", base_version=1
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.edit_answer(
            actor=reply.author, answer=reply, body=ANSWER_BODY + " Second editor.", base_version=1
        )
    assert "First editor." in conflict.value.current.body
    reply.refresh_from_db()
    assert "First editor." in reply.body
    assert reply.revisions.count() == 2


def test_mark_duplicate_closes_and_links_to_the_original(ask, question, customer, moderator):
    copy = ask(customer, title="Internet keeps dropping at night")
    services.mark_duplicate(actor=moderator, question=copy, original=question)
    copy.refresh_from_db()
    assert copy.duplicate_of == question
    assert copy.closed_reason == CloseReason.DUPLICATE
    assert list(question.duplicates.all()) == [copy]
    with pytest.raises(ValidationError):
        services.mark_duplicate(actor=moderator, question=question, original=question)


def test_moderator_actions_need_the_permission(question, customer):
    with pytest.raises(PermissionDenied):
        services.close_question(actor=customer, question=question, reason=CloseReason.OTHER)
    with pytest.raises(PermissionDenied):
        services.set_locked(actor=customer, question=question, locked=True)


def test_support_staff_moderate_but_only_moderators_see_deleted(question, support_staff, moderator):
    services.delete_post(actor=support_staff, post=question)
    assert not Question.objects.visible_to(support_staff).exists()
    assert Question.objects.visible_to(moderator).exists()


def test_visibility_rules(ask, customer, other_customer, unverified_user, moderator, support_staff):
    published = ask(customer)
    hidden = ask(customer, title="A question that will be hidden")
    services.set_post_status(post=hidden, new_status=PostStatus.HIDDEN, actor=moderator)
    pending = Question.objects.create(
        author=unverified_user,
        title="Pending question here",
        body="x" * 40,
        language="en",
        status=PostStatus.PENDING,
    )
    from django.contrib.auth.models import AnonymousUser

    assert set(Question.objects.visible_to(AnonymousUser())) == {published}
    assert set(Question.objects.visible_to(other_customer)) == {published}
    assert set(Question.objects.visible_to(unverified_user)) == {published, pending}
    assert set(Question.objects.visible_to(support_staff)) == {published, hidden, pending}


def test_reputation_is_recomputed_from_votes_and_accepts(question, answer, customer):
    helper = UserFactory()
    reply = answer(helper, question)
    voter, critic = UserFactory(), UserFactory()
    services.vote(actor=voter, post=reply, value=1)
    services.vote(actor=critic, post=reply, value=-1)
    services.vote(actor=voter, post=question, value=1)
    services.accept_answer(actor=customer, answer=reply)
    assert reputation_for(helper) == 10 - 2 + 15
    assert reputation_for(customer) == 5 + 2


def test_set_status_through_the_moderation_adapter_and_preview(question, moderator):
    adapters.set_status(question, PostStatus.HIDDEN, actor=moderator)
    assert Question.objects.get().status == PostStatus.HIDDEN
    assert adapters.preview(question).startswith(question.title)


def test_moderator_actions_are_written_to_the_audit_log_with_the_actor_name(question, moderator):
    from wagtail.models import ModelLogEntry

    services.close_question(actor=moderator, question=question, reason=CloseReason.UNCLEAR)
    services.set_locked(actor=moderator, question=question, locked=True)
    entries = ModelLogEntry.objects.filter(object_id=str(question.pk)).order_by("timestamp")
    assert [e.action for e in entries] == ["dalil.forum.close", "dalil.forum.lock"]
    assert entries[0].data["actor_name"] == "Sami Moderator"
    assert entries[0].user == moderator


def test_the_database_itself_refuses_a_second_vote_by_the_same_person(question, other_customer):
    from django.db import IntegrityError, transaction

    Vote.objects.create(user=other_customer, question=question, value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(user=other_customer, question=question, value=-1)


def test_home_questions_need_two_queries(ask, customer, django_assert_num_queries):
    from forum.selectors import home_questions

    for number in range(6):
        ask(customer, title=f"Home page question number {number}", language="ar")
    with django_assert_num_queries(2):
        section = home_questions(language="ar")
    assert len(section["recent"]) == 5 and len(section["unanswered"]) == 5


# Editing comments ------------------------------------------------------------------------------


def _comment_log(comment):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=str(comment.pk)
    )


def test_author_edits_own_comment_and_the_audit_keeps_the_earlier_text(question, other_customer):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    services.edit_comment(actor=other_customer, comment=comment, body="Which **router** model?")
    comment.refresh_from_db()
    assert comment.body == "Which **router** model?"
    assert "<strong>router</strong>" in comment.body_html
    assert comment.status == PostStatus.PUBLISHED
    entry = _comment_log(comment).get()
    assert entry.action == "dalil.forum.comment_edit"
    assert entry.data["before"] == {"status": "published", "text": "Which model?"}
    assert entry.data["actor_name"] == "James Customer"
    assert entry.user == other_customer


def test_saving_a_comment_unchanged_writes_nothing(question, other_customer):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    services.edit_comment(actor=other_customer, comment=comment, body="Which model?")
    assert not _comment_log(comment).exists()


def test_others_cannot_edit_a_comment_and_moderators_give_a_reason(
    question, customer, other_customer, moderator
):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    with pytest.raises(PermissionDenied):
        services.edit_comment(actor=customer, comment=comment, body="Spam spam", reason="Because")
    with pytest.raises(ValidationError) as error:
        services.edit_comment(actor=moderator, comment=comment, body="Which router model?")
    assert "reason" in error.value.message_dict
    services.edit_comment(
        actor=moderator,
        comment=comment,
        body="Which router model?",
        reason="Removed a phone number",
    )
    entry = _comment_log(comment).get()
    assert entry.data["reason"] == "Removed a phone number"
    assert Comment.objects.get().body == "Which router model?"


def test_comment_edits_stop_when_the_thread_is_locked_or_the_comment_deleted(
    question, other_customer, moderator
):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    services.set_locked(actor=moderator, question=question, locked=True)
    comment.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.edit_comment(actor=other_customer, comment=comment, body="Which router model?")
    services.set_locked(actor=moderator, question=question, locked=False)
    services.delete_post(actor=other_customer, post=comment)
    with pytest.raises(PermissionDenied):
        services.edit_comment(actor=other_customer, comment=comment, body="Which router model?")
    assert Comment.objects.get().body == "Which model?"


def test_an_edited_comment_is_checked_and_screened_like_a_new_one(question, other_customer):
    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    with pytest.raises(ValidationError) as error:
        services.edit_comment(actor=other_customer, comment=comment, body="\u200b")
    assert "body" in error.value.message_dict
    WatchedWord.objects.create(pattern="casino")
    edited = services.edit_comment(
        actor=other_customer, comment=comment, body="Try the casino app instead"
    )
    assert edited.status == PostStatus.PENDING
    assert edited.review_reasons
    assert ReviewItem.objects.open().for_target(comment).exists()


def test_a_suspended_member_cannot_edit_their_comment(question, other_customer, moderator):
    from moderation.actions.people import suspend_user
    from moderation.posting import Suspended

    comment = services.create_comment(actor=other_customer, question=question, body="Which model?")
    suspend_user(user=other_customer, actor=moderator, days=7, reason="Insults")
    with pytest.raises(Suspended):
        services.edit_comment(actor=other_customer, comment=comment, body="Which router model?")
    assert Comment.objects.get().body == "Which model?"
