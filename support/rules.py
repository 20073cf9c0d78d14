"""Who may do what with support cases (one home for each rule; views and templates ask here)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from forum.rules import can_moderate_posts
from moderation.rules import SystemActor, is_person

from .models import Case, policy_hours, policy_of

if TYPE_CHECKING:
    from moderation.rules import Actor, User

WORK_CASES = "support.work_cases"
ESCALATE_AUTOMATICALLY = "support.escalate_automatically"

# The scheduled job that hands unanswered questions to the team: it holds only this right.
NO_ANSWER_IN_TIME = SystemActor(
    name="no-answer-in-time",
    label=gettext_lazy("No answer in time"),
    permissions=frozenset({ESCALATE_AUTOMATICALLY}),
)


def can_work_cases(user: Actor) -> TypeGuard[User]:
    """Support staff claim, assign, answer and close cases."""
    return is_person(user) and user.has_perm(WORK_CASES)


def require_worker(actor: Actor) -> User:
    if not can_work_cases(actor):
        raise PermissionDenied(_("Only the support team can do this."))
    return actor


def is_asker(user: Actor, question) -> TypeGuard[User]:
    return is_person(user) and question.author_id == user.pk


def can_read_notes(user: Actor, case: Case) -> TypeGuard[User]:
    """Private notes are for the asker and the support team only."""
    return can_work_cases(user) or is_asker(user, case.question)


def asker_may_escalate_at(question, *, now=None):
    """When the asker may ask the team: at once in a support-first category, otherwise after
    the category's wait since the question was asked."""
    _first, wait, support_first = policy_hours(policy_of(question))
    if support_first:
        return question.created_at
    return question.created_at + timedelta(hours=wait)


def escalation_refusal(actor: Actor, question, *, now=None) -> str:
    """Why ``actor`` cannot hand this thread to the support team now ("" when they can)."""
    now = now or timezone.now()
    if isinstance(actor, SystemActor):
        return "" if actor.has_perm(ESCALATE_AUTOMATICALLY) else _("Not allowed.")
    if not is_person(actor):
        return _("Log in to ask our support team.")
    if not question.is_published:
        return _("Only a published question can go to our support team.")
    if can_work_cases(actor) or can_moderate_posts(actor):
        return ""
    if not is_asker(actor, question):
        return _("Only the asker can ask our support team about this question.")
    if question.accepted_answer_id is not None:
        return _("This question has an accepted answer.")
    opens = asker_may_escalate_at(question, now=now)
    if opens > now:
        return _("You can ask our support team from %(time)s, if the community has not helped.") % {
            "time": formats.date_format(timezone.localtime(opens), "DATETIME_FORMAT")
        }
    return ""


def can_reopen(user: Actor, case: Case) -> TypeGuard[User]:
    """The asker says the answer did not help: a solved or closed case opens again."""
    return is_asker(user, case.question) and not case.is_active
