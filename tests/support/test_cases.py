"""Support cases: escalation by the asker, the team and the clock; claiming; states; private
notes; the thread's panel; the admin area."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from forum import services as forum
from forum.models import Answer, Question
from support import actions, selectors
from support.models import Case, CaseNote, CategoryPolicy
from support.rules import NO_ANSWER_IN_TIME
from tests.exports import admin_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def age(question, hours: float) -> Question:
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(hours=hours)
    )
    question.refresh_from_db()
    return question


def history(case) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(case)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )


def test_the_asker_waits_the_categorys_time_then_escalates_once(ask, customer):
    question = ask()
    with pytest.raises(PermissionDenied, match="You can ask our support team from"):
        actions.escalate(actor=customer, question=question)
    age(question, 25)
    case = actions.escalate(actor=customer, question=question)
    assert (case.state, case.source, case.language) == ("new", "asker", "en")
    assert case.due_at - case.opened_at == timedelta(hours=4)
    assert actions.escalate(actor=customer, question=question).pk == case.pk
    assert Case.objects.count() == 1
    assert history(case) == ["dalil.support.open"]


def test_a_support_first_category_lets_the_asker_escalate_at_once(ask, customer, billing):
    CategoryPolicy.objects.filter(category=billing).update(support_first=True)
    question = ask()
    assert actions.escalate(actor=customer, question=question).source == "asker"


def test_someone_else_cannot_escalate_but_the_team_and_moderators_can(
    ask, other_customer, support_staff, moderator
):
    question = age(ask(), 48)
    with pytest.raises(PermissionDenied):
        actions.escalate(actor=other_customer, question=question)
    assert actions.escalate(actor=moderator, question=question).source == "staff"
    second = ask(title="Roaming in Jordan is not working at all")
    assert actions.escalate(actor=support_staff, question=second).source == "staff"


def test_escalation_is_rate_limited_per_person(ask, customer, settings, billing):
    settings.DALIL_SUPPORT_ESCALATION_LIMIT = (1, 3600)
    CategoryPolicy.objects.filter(category=billing).update(support_first=True)
    actions.escalate(actor=customer, question=ask())
    with pytest.raises(ValidationError, match="many times"):
        actions.escalate(actor=customer, question=ask(title="Another charge I do not recognise"))


def test_the_clock_escalates_unanswered_questions_after_their_target(ask, other_customer):
    waiting = age(ask(), 5)
    fresh = age(ask(title="Is the new fibre plan available in Irbid?"), 1)
    answered = age(ask(title="Why is my data slow every evening now?"), 6)
    forum.create_answer(
        actor=other_customer, question=answered, body="Restart the router and wait two minutes."
    )
    assert actions.escalate_unanswered() == 1
    case = Case.objects.get()
    assert (case.question_id, case.source) == (waiting.pk, "automatic")
    assert case.opened_by_name == str(NO_ANSWER_IN_TIME.label)
    assert not Case.objects.filter(question=fresh).exists()
    assert actions.escalate_unanswered() == 0


def test_two_people_claim_at_once_and_the_second_is_told_who_won(
    ask, support_staff, second_support_staff
):
    case = actions.escalate(actor=support_staff, question=ask())
    stale_copy = Case.objects.get(pk=case.pk)
    actions.claim(actor=support_staff, case=case)
    with pytest.raises(ValidationError, match="claimed this case first"):
        actions.claim(actor=second_support_staff, case=stale_copy)
    case.refresh_from_db()
    assert (case.assignee, case.state) == (support_staff, "open")


def test_customers_cannot_work_cases(ask, customer, support_staff):
    case = actions.escalate(actor=support_staff, question=ask())
    for action in (
        lambda: actions.claim(actor=customer, case=case),
        lambda: actions.assign(actor=customer, cases=[case], assignee=support_staff),
        lambda: actions.set_state(actor=customer, case=case, state="solved"),
    ):
        with pytest.raises(PermissionDenied):
            action()
    with pytest.raises(ValidationError):
        actions.assign(actor=support_staff, cases=[case], assignee=customer)


def test_accepting_an_answer_solves_the_case_and_the_asker_can_reopen(
    ask, customer, support_staff, django_capture_on_commit_callbacks
):
    question = ask()
    case = actions.escalate(actor=support_staff, question=question)
    answer = forum.create_answer(
        actor=support_staff, question=question, body="We refunded the second charge today."
    )
    assert answer.by_support_team
    with django_capture_on_commit_callbacks(execute=True):
        forum.accept_answer(actor=customer, answer=answer)
    case.refresh_from_db()
    assert case.state == "solved" and case.closed_at
    case = actions.reopen(actor=customer, case=case)
    assert case.state == "open" and case.closed_at is None
    assert history(case)[-2:] == ["dalil.support.solved", "dalil.support.reopen"]


def test_the_team_sets_a_priority_from_the_list_only(client, ask, support_staff):
    case = actions.escalate(actor=support_staff, question=ask())
    client.force_login(support_staff)
    client.post(reverse("support_admin:priority", args=[case.pk]), {"priority": "urgent"})
    case.refresh_from_db()
    assert case.priority == "urgent"
    with pytest.raises(ValidationError):
        actions.set_priority(actor=support_staff, case=case, priority="whenever")
    assert history(case)[-1] == "dalil.support.priority"


def test_states_move_only_along_the_allowed_paths(ask, support_staff):
    case = actions.escalate(actor=support_staff, question=ask())
    actions.set_state(actor=support_staff, case=case, state="waiting")
    actions.set_state(actor=support_staff, case=case, state="closed")
    with pytest.raises(ValidationError):
        actions.set_state(actor=support_staff, case=case, state="waiting")


def test_private_notes_are_for_the_asker_and_the_team_only(
    client, ask, customer, other_customer, support_staff
):
    question = ask()
    case = actions.escalate(actor=support_staff, question=question)
    actions.set_state(actor=support_staff, case=case, state="waiting")
    actions.add_note(actor=customer, case=case, body="My order number is 55-1234.")
    case.refresh_from_db()
    assert case.state == "open"  # the customer replied
    with pytest.raises(PermissionDenied):
        actions.add_note(actor=other_customer, case=case, body="Let me see.")
    with pytest.raises(ValidationError):
        actions.add_note(actor=customer, case=case, body="   ")
    with pytest.raises(ValidationError):
        actions.add_note(actor=customer, case=case, body="x" * 2001)
    assert CaseNote.objects.count() == 1

    url = question.get_absolute_url()
    public = client.get(url).content.decode()
    assert "With our support team" in public and "55-1234" not in public
    client.force_login(other_customer)
    assert "55-1234" not in client.get(url).content.decode()
    client.force_login(customer)
    own = client.get(url).content.decode()
    assert "55-1234" in own and "Case state:" in own
    client.logout()
    assert "55-1234" not in client.get(url).content.decode()  # not in the page cache


def test_the_asker_escalates_from_the_thread_page(client, ask, customer, billing):
    CategoryPolicy.objects.filter(category=billing).update(support_first=True)
    question = ask()
    client.force_login(customer)
    assert "Ask our support team" in client.get(question.get_absolute_url()).content.decode()
    response = client.post(reverse("support:escalate", args=[question.pk]))
    assert response.status_code == 302
    assert Case.objects.filter(question=question, source="asker").exists()
    page = client.get(question.get_absolute_url()).content.decode()
    assert "With our support team" in page and "reply expected by" in page


def test_a_deleted_account_keeps_its_cases_history(client, ask, support_staff, customer):
    case = actions.escalate(actor=support_staff, question=ask())
    actions.add_note(actor=customer, case=case, body="My order number is 55-1234.")
    customer.delete()
    note = CaseNote.objects.get()
    assert note.author is None and note.author_name == "Layla Customer"
    assert Case.objects.filter(pk=case.pk).exists()
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    page = client.get(reverse("support_admin:case", args=[case.pk])).content.decode()
    assert "Deleted user" in page and "55-1234" in page
    assert history(case) == ["dalil.support.open", "dalil.support.note"]


# The admin area -------------------------------------------------------------------------------


def test_the_team_lists_filters_claims_and_bulk_assigns(
    client, ask, support_staff, second_support_staff, customer, django_assert_max_num_queries
):
    late = actions.escalate(actor=support_staff, question=ask())
    Case.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(hours=3))
    other = actions.escalate(actor=support_staff, question=ask(title="Roaming stopped in Amman"))
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    url = reverse("support_admin:cases")
    with django_assert_max_num_queries(30):
        page = client.get(url, {"overdue": "true"}).content.decode()
    assert "My invoice shows a charge twice" in page and "Roaming stopped" not in page
    assert "late" in page
    client.post(reverse("support_admin:claim", args=[late.pk]))
    late.refresh_from_db()
    assert late.assignee == support_staff
    response = client.post(
        reverse("support_admin:assign"),
        {"case": [late.pk, other.pk], "assignee": second_support_staff.pk},
    )
    assert response.status_code == 302
    assert set(Case.objects.values_list("assignee", flat=True)) == {second_support_staff.pk}
    detail = client.get(reverse("support_admin:case", args=[late.pk])).content.decode()
    assert "Assigned the support case" in detail and "Claimed the support case" in detail
    csv = client.get(url, {"export": "csv"})
    assert csv["Content-Disposition"].startswith("attachment")
    client.force_login(customer)
    assert client.get(url).status_code in (302, 403)


def test_the_dashboard_counts_cases(client, ask, support_staff):
    actions.escalate(actor=support_staff, question=ask())
    admin_language(support_staff, "en")
    client.force_login(support_staff)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 support case nobody has claimed" in page


def test_a_staff_answer_is_badged_and_can_be_official(
    client, ask, customer, other_customer, support_staff
):
    question = ask()
    community = forum.create_answer(
        actor=other_customer,
        question=question,
        body="Call the billing line and ask them to check the invoice.",
    )
    staff = forum.create_answer(
        actor=support_staff, question=question, body="We checked: the second charge is refunded."
    )
    forum.mark_official_answer(actor=support_staff, answer=staff)
    with pytest.raises(PermissionDenied):
        forum.mark_official_answer(actor=customer, answer=community)
    forum.vote(actor=customer, post=community, value=1)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Support team" in page and "Official answer" in page
    assert page.index(f'id="answer-{staff.pk}"') < page.index(f'id="answer-{community.pk}"')
    assert '"acceptedAnswer"' not in page
    forum.unmark_official_answer(actor=support_staff, question=question)
    question.refresh_from_db()
    assert question.official_answer is None
    assert UserFactory  # factories stay importable for the demo's people


def test_the_ask_form_shows_the_measured_median_and_when_the_team_steps_in(
    client, ask, customer, other_customer, billing
):
    for hours in (1, 3, 8):
        question = ask(title=f"Why was I billed twice in month {hours}?")
        answer = forum.create_answer(
            actor=other_customer, question=question, body="Billing runs twice when you upgrade."
        )
        Answer.objects.filter(pk=answer.pk).update(
            created_at=question.created_at + timedelta(hours=hours)
        )
    client.force_login(customer)
    page = client.get(reverse("forum:ask")).content.decode()
    assert "usually answered in about 3 hours" in page
    assert "our team steps in after 24 hours" in page
    assert selectors.about(timedelta(minutes=40)) == "about 40 minutes"
    assert selectors.about(timedelta(days=3)) == "about 3 days"


def test_staff_see_a_hand_over_button_not_the_askers_invitation(client, ask, support_staff):
    question = ask()
    client.force_login(support_staff)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Hand this thread to the support team" in page
    assert "Ask our support team" not in page
    client.post(reverse("support:escalate", args=[question.pk]))
    assert Case.objects.get(question=question).source == "staff"


def test_the_asker_and_the_assignee_hear_of_their_case_once(
    ask, customer, support_staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    from moderation.models import Notification

    question = age(ask(), 5)
    with django_capture_on_commit_callbacks(execute=True):
        actions.escalate_unanswered()
    case = Case.objects.get(question=question)
    notice = Notification.objects.get(recipient=customer, kind="case_update")
    assert notice.target_url.endswith("#support")
    assert len(mail.outbox) == 1 and "support" in mail.outbox[0].subject.lower()
    assert "/email/off/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        actions.claim(actor=support_staff, case=case)
        actions.add_note(actor=support_staff, case=case, body="Which invoice number is it?")
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_note(actor=customer, case=case, body="Invoice 2026-03-118.")
    kinds = Notification.objects.filter(kind="case_update").values_list("recipient", flat=True)
    assert sorted(kinds) == sorted([customer.pk, customer.pk, support_staff.pk])
    assert len(mail.outbox) == 3
