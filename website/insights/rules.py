"""Who may do what with the insights: support staff see them (the group has
``insights.view_insights``); a satisfaction survey is answered by the asker it was sent to,
nobody else (not the team, not a moderator: the figure is the asker's own word)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from moderation.rules import is_person

if TYPE_CHECKING:
    from moderation.rules import Actor, User

    from .models import Survey

VIEW_INSIGHTS = "insights.view_insights"


def can_see_insights(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(VIEW_INSIGHTS))


def is_survey_asker(actor: Actor, survey: Survey) -> TypeGuard[User]:
    return is_person(actor) and actor.pk == survey.asker_id
