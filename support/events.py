"""Case events as webhooks (``webhooks``): what a helpdesk subscribes to and what each carries;
and the same changes told to the apps above support after commit, through the
``dalil_case_event`` Wagtail hook: ``function(event, *, case_id, actor, **data)``."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy
from wagtail import hooks

import webhooks
from moderation.links import absolute_url

from .models import Case

HOOK = "dalil_case_event"
EVENTS = {
    "case.opened": gettext_lazy("A support case was opened"),
    "case.reopened": gettext_lazy("A support case was opened again"),
    "case.assigned": gettext_lazy("A support case was claimed or assigned"),
    "case.state_changed": gettext_lazy("A support case changed state"),
    "case.note_added": gettext_lazy("A private note was added to a support case"),
}


def register_events() -> None:
    for name, description in EVENTS.items():
        webhooks.register_event(name, str(description))


def case_payload(case: Case) -> dict:
    question = case.question
    return {
        "case": {
            "id": case.pk,
            "state": case.state,
            "priority": case.priority,
            "source": case.source,
            "language": case.language,
            "category": case.category.slug if case.category_id and case.category else None,
            "assignee": case.assignee.public_name if case.assignee_id and case.assignee else None,
            "opened_at": case.opened_at.isoformat(),
            "due_at": case.due_at.isoformat(),
        },
        "question": {
            "id": question.pk,
            "title": question.title,
            "url": absolute_url(question.get_absolute_url()),
        },
    }


def emit(case: Case, event: str, *, private: dict | None = None, **data) -> None:
    """Hand ``event`` to the subscribed helpdesks, inside the caller's transaction. Private
    details (the asker's address, a note's text) reach only endpoints marked trusted."""
    asker = case.question.author
    secret = {"asker_email": asker.email if asker else None, **(private or {})}
    webhooks.emit(event, {**case_payload(case), **data}, private=secret)


def announce(event: str, *, case_id: int, actor, **data) -> None:
    """Tell every ``dalil_case_event`` function about ``event`` once the change commits (the
    insights' survey listens for a solved case); support knows none of them."""

    def run():
        for function in hooks.get_hooks(HOOK):
            function(event, case_id=case_id, actor=actor, **data)

    transaction.on_commit(run)
