"""Support cases under real concurrency (PostgreSQL only): two claims, two escalations."""

import pytest
from django.core.exceptions import ValidationError

from support import actions
from support.models import Case
from tests.factories import SupportStaffFactory
from tests.forum.test_races import make_question, run_together


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_staff_claiming_at_the_same_moment_leave_one_owner_and_tell_the_other(
    established_members,
):
    first, second = SupportStaffFactory(), SupportStaffFactory()
    case = actions.escalate(actor=first, question=make_question())
    results, errors = run_together(
        [
            lambda who=who: actions.claim(actor=who, case=Case.objects.get(pk=case.pk))
            for who in (first, second)
        ]
    )
    case.refresh_from_db()
    assert case.assignee in (first, second)
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], ValidationError)
    assert "claimed this case first" in str(errors[0]) or "سبقك" in str(errors[0])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_escalating_one_thread_twice_at_once_opens_one_case(established_members):
    staff = SupportStaffFactory()
    question = make_question()
    results, errors = run_together(
        [lambda: actions.escalate(actor=staff, question=question) for _ in range(2)]
    )
    assert errors == []
    assert Case.objects.filter(question=question).count() == 1
    assert results[0].pk == results[1].pk
