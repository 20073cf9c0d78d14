"""Every change to a support case, each one door: the right is checked here, then the input,
then one transaction with the audit entry (``dalil.support.<action>`` on the case: its
history), and what others must learn (the thread's pages, the asker) after commit."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Question
from forum.search import notify_thread_changed
from moderation import limits
from moderation.audit import record
from moderation.rules import SystemActor, is_person
from moderation.text import clean_visible_text

from . import events, notifications, rules
from .conf import setting
from .models import NOTE_MAX_LENGTH, Case, CaseNote, CategoryPolicy, policy_hours, policy_of

if TYPE_CHECKING:
    from moderation.rules import Actor, User

TRANSITIONS: dict[str, set[str]] = {
    Case.State.NEW: {Case.State.OPEN, Case.State.WAITING, Case.State.SOLVED, Case.State.CLOSED},
    Case.State.OPEN: {Case.State.WAITING, Case.State.SOLVED, Case.State.CLOSED},
    Case.State.WAITING: {Case.State.OPEN, Case.State.SOLVED, Case.State.CLOSED},
    Case.State.SOLVED: {Case.State.OPEN, Case.State.CLOSED},
    Case.State.CLOSED: {Case.State.OPEN},
}
NOTE_LIMITS = [(20, 3600), (60, 24 * 3600)]


class EscalationLimited(ValidationError):
    """Too many escalations from one person in a day."""


def _first_response_due(question, now):
    first, _wait, _first_only = policy_hours(policy_of(question))
    return now + timedelta(hours=first)


def _tell(case: Case, event: str, actor) -> None:
    """After commit, the people this event concerns hear of it (``support.notifications``);
    the event's id makes a task that runs twice tell nobody twice."""
    actor_id = actor.pk if is_person(actor) else None
    event_id = f"{event}:{uuid.uuid4().hex}"
    transaction.on_commit(
        lambda: notifications.case_changed.enqueue(case.pk, event, actor_id, event_id)
    )


def _changed(case: Case) -> None:
    """The thread shows the case ("With our support team"): its cached pages are dropped."""
    notify_thread_changed(case.question_id, searchable=False)


def _escalator(actor: Actor) -> User | SystemActor:
    """The actor ``escalation_refusal`` let through: a person, or the scheduled job."""
    if isinstance(actor, SystemActor) or is_person(actor):
        return actor
    raise PermissionDenied(_("Log in to ask our support team."))


def escalate(*, actor: Actor, question: Question, priority: str = Case.Priority.NORMAL) -> Case:
    """Hand a thread to the support team; escalating again returns the same case (and opens it
    again if it was solved or closed)."""
    refusal = rules.escalation_refusal(actor, question)
    if refusal:
        raise PermissionDenied(refusal)
    actor = _escalator(actor)
    if isinstance(actor, SystemActor):
        source = Case.Source.AUTOMATIC
    elif rules.is_asker(actor, question) and not rules.can_work_cases(actor):
        source = Case.Source.ASKER
    else:
        source = Case.Source.STAFF
    if priority not in Case.Priority.values:
        raise ValidationError({"priority": _("Choose a priority from the list.")})
    existing = Case.objects.filter(question=question).first()
    if existing is not None and existing.is_active:
        return existing
    if source == Case.Source.ASKER:
        count, window = setting("DALIL_SUPPORT_ESCALATION_LIMIT")
        if limits.take(f"support:escalate:{actor.pk}", [(count, window)]):
            raise EscalationLimited(
                _("You have asked our support team many times today. Please try again later.")
            )
    now = timezone.now()
    try:
        with transaction.atomic():
            case, created = Case.objects.select_for_update().get_or_create(
                question=question,
                defaults={
                    "source": source,
                    "priority": priority,
                    "category_id": question.category_id,
                    "language": question.language,
                    "opened_by_name": actor.public_name,
                    "opened_at": now,
                    "due_at": _first_response_due(question, now),
                    "updated_at": now,
                },
            )
            if not created:
                if case.is_active:
                    return case
                case.state, case.closed_at, case.updated_at = Case.State.OPEN, None, now
                case.due_at = _first_response_due(question, now)
                case.save(update_fields=["state", "closed_at", "updated_at", "due_at"])
            record(
                case,
                "dalil.support.open" if created else "dalil.support.reopen",
                actor=actor,
                data={"question": question.pk, "source": source},
            )
            _changed(case)
            _tell(case, "open" if created else "reopen", actor)
            events.emit(case, "case.opened" if created else "case.reopened")
    except IntegrityError:  # another request opened it first
        return Case.objects.get(question=question)
    return case


def claim(*, actor: Actor, case: Case) -> Case:
    """Take an unassigned case; of two people claiming at once, one wins and the other is told
    who did."""
    actor = rules.require_worker(actor)
    now = timezone.now()
    with transaction.atomic():
        taken = Case.objects.filter(
            Q(state__in=Case.ACTIVE), pk=case.pk, assignee__isnull=True
        ).update(assignee=actor, updated_at=now)
        case.refresh_from_db()
        if not taken:
            if case.assignee_id == actor.pk:
                return case
            if case.assignee_id is None:
                raise ValidationError(_("This case is no longer open."))
            holder = case.assignee.public_name if case.assignee else ""
            raise ValidationError(_("%(name)s claimed this case first.") % {"name": holder})
        if case.state == Case.State.NEW:
            case.state = Case.State.OPEN
            case.save(update_fields=["state"])
        record(case, "dalil.support.claim", actor=actor, data={"assignee": actor.pk})
        events.emit(case, "case.assigned")
    return case


def assign(*, actor: Actor, cases: list[Case], assignee: User | None) -> int:
    """Give cases to a member of the team (or to nobody); returns how many changed."""
    actor = rules.require_worker(actor)
    if assignee is not None and not rules.can_work_cases(assignee):
        raise ValidationError(_("Cases can only be given to the support team."))
    changed = 0
    now = timezone.now()
    with transaction.atomic():
        for case in Case.objects.select_for_update().filter(pk__in=[c.pk for c in cases]):
            if case.assignee_id == (assignee.pk if assignee else None):
                continue
            case.assignee = assignee
            case.updated_at = now
            if assignee is not None and case.state == Case.State.NEW:
                case.state = Case.State.OPEN
            case.save(update_fields=["assignee", "updated_at", "state"])
            record(
                case,
                "dalil.support.assign",
                actor=actor,
                data={
                    "assignee": assignee.pk if assignee else None,
                    "assignee_name": assignee.public_name if assignee else "",
                },
            )
            events.emit(case, "case.assigned")
            changed += 1
    return changed


def set_state(*, actor: Actor, case: Case, state: str) -> Case:
    """Move a case along new → open → waiting on the customer → solved / closed."""
    actor = rules.require_worker(actor)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if state == case.state:
            return case
        if state not in TRANSITIONS.get(case.state, set()):
            raise ValidationError({"state": _("A case cannot go from this state to that one.")})
        _move(case, state, actor=actor, action="state")
    return case


def set_priority(*, actor: Actor, case: Case, priority: str) -> Case:
    """The team says how urgent a case is (low, normal, high, urgent)."""
    actor = rules.require_worker(actor)
    if priority not in Case.Priority.values:
        raise ValidationError({"priority": _("Choose a priority from the list.")})
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if case.priority == priority:
            return case
        before, case.priority, case.updated_at = case.priority, priority, timezone.now()
        case.save(update_fields=["priority", "updated_at"])
        record(case, "dalil.support.priority", actor=actor, data={"from": before, "to": priority})
        events.emit(case, "case.state_changed", previous_state=case.state)
    return case


def _move(case: Case, state: str, *, actor, action: str, **data) -> None:
    now = timezone.now()
    before = case.state
    case.state, case.updated_at = state, now
    case.closed_at = now if state in (Case.State.SOLVED, Case.State.CLOSED) else None
    case.save(update_fields=["state", "updated_at", "closed_at"])
    record(case, f"dalil.support.{action}", actor=actor, data={"from": before, "to": state, **data})
    _changed(case)
    _tell(case, action if action in ("solved", "reopen") else "state", actor)
    events.emit(case, "case.state_changed", previous_state=before)
    events.announce(
        "case.state_changed", case_id=case.pk, actor=actor, state=state, previous=before
    )


def add_note(*, actor: Actor, case: Case, body: str) -> CaseNote:
    """A private note between the asker and the team (never public, never searched)."""
    if not rules.can_read_notes(actor, case):
        raise PermissionDenied(_("Only the asker and our support team can write here."))
    user: User = actor
    body = clean_visible_text(body, min_length=2, max_length=NOTE_MAX_LENGTH)
    if limits.take(f"support:note:{user.pk}", NOTE_LIMITS):
        raise ValidationError(_("You have written many notes. Please try again later."))
    by_team = rules.can_work_cases(user)
    with transaction.atomic():
        note = CaseNote(
            case=case, author=user, author_name=user.public_name, by_team=by_team, body=body
        )
        note.full_clean()
        note.save()
        record(case, "dalil.support.note", actor=user, data={"note": note.pk, "team": by_team})
        _tell(case, "team_note" if by_team else "customer_note", user)
        events.emit(
            case,
            "case.note_added",
            private={"note": note.body},
            note={"id": note.pk, "by_team": by_team, "author": user.public_name},
        )
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if not by_team and locked.state == Case.State.WAITING:
            _move(locked, Case.State.OPEN, actor=user, action="state", reason="customer replied")
        elif by_team and locked.state == Case.State.NEW:
            _move(locked, Case.State.OPEN, actor=user, action="state")
    return note


def reopen(*, actor: Actor, case: Case) -> Case:
    """The asker says the answer did not help: the case opens again with a new reply target."""
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("question").get(pk=case.pk)
        if not rules.can_reopen(actor, case):
            raise PermissionDenied(_("Only the asker can reopen this case."))
        case.due_at = _first_response_due(case.question, timezone.now())
        case.save(update_fields=["due_at"])
        _move(case, Case.State.OPEN, actor=actor, action="reopen", reason="did not help")
    return case


def solve_for_accepted_answer(*, question_id: int, actor: Actor) -> Case | None:
    """The asker accepted an answer: their case is solved (the forum tells this app after
    commit through the ``dalil_thread_event`` hook)."""
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(question_id=question_id).first()
        if case is None or not case.is_active:
            return case
        _move(case, Case.State.SOLVED, actor=actor, action="solved", reason="answer accepted")
    return case


def escalate_unanswered(*, now=None, batch: int = 500) -> int:
    """Hand every published question nobody answered within its category's first-response
    target to the team (the scheduler runs this); returns how many cases were opened."""
    now = now or timezone.now()
    default_first, _wait, _support_first = policy_hours(None)
    waiting = Question.objects.published().filter(
        answer_count=0, accepted_answer__isnull=True, support_case__isnull=True
    )
    late = Q(
        category__support_policy__isnull=True, created_at__lte=now - timedelta(hours=default_first)
    )
    for hours in set(CategoryPolicy.objects.values_list("first_response_hours", flat=True)):
        late |= Q(
            category__support_policy__first_response_hours=hours,
            created_at__lte=now - timedelta(hours=hours),
        )
    opened = 0
    for question in waiting.filter(late).select_related("category").order_by("created_at")[:batch]:
        escalate(actor=rules.NO_ANSWER_IN_TIME, question=question)
        opened += 1
    return opened
