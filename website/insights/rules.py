"""Who may answer a satisfaction survey: the asker it was sent to, nobody else (not the team,
not a moderator: the figure is the asker's own word)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeGuard

from moderation.rules import is_person

if TYPE_CHECKING:
    from moderation.rules import Actor, User

    from .models import Survey


def is_survey_asker(actor: Actor, survey: Survey) -> TypeGuard[User]:
    return is_person(actor) and actor.pk == survey.asker_id
