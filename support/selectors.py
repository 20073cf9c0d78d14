"""Reads of the support desk: the thread's case panel, the figures the ask form shows, the
dashboard's counts."""

from __future__ import annotations

import statistics
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import get_language, ngettext

from forum.models import Answer, Category, PostStatus

from . import rules
from .conf import setting
from .models import Case, CategoryPolicy, policy_hours

MEDIAN_SAMPLE = 2000
ASK_PANEL_SECONDS = 600


def thread_case_panel(request, question) -> dict | None:
    """What the thread page shows about support: to everyone, that the team has it; to the
    asker and the team, the case's state, expected reply and private notes; to those who may,
    the button that asks the team. One query for the case (two more for a reader of notes)."""
    user = request.user
    case = (
        Case.objects.select_related("assignee").filter(question_id=question.pk).first()
        if question.pk
        else None
    )
    insider = case is not None and rules.can_read_notes(user, case)
    refusal = rules.escalation_refusal(user, question) if user.is_authenticated else None
    offer = (case is None or not case.is_active) and refusal == ""
    asker_waits = (
        case is None
        and rules.is_asker(user, question)
        and refusal
        and question.is_published
        and question.accepted_answer_id is None
    )
    if not (case and case.is_active) and not offer and not asker_waits and not insider:
        return None
    return {
        "template": "support/thread_panel.html",
        "question": question,
        "case": case,
        "insider": insider,
        "is_team": rules.can_work_cases(user),
        "is_asker": rules.is_asker(user, question),
        "notes": list(case.notes.all()) if insider and case is not None else [],
        "offer_escalation": offer,
        "escalation_wait": refusal if asker_waits else "",
        "can_reopen": case is not None and rules.can_reopen(user, case),
        "late": case.lateness() if case else None,
    }


def usual_first_answer(category_id: int | None, *, now=None) -> timedelta | None:
    """The median time to the first published answer of the category's threads asked in the
    last DALIL_SUPPORT_MEDIAN_DAYS days (at most MEDIAN_SAMPLE of the newest), or None."""
    now = now or timezone.now()
    since = now - timedelta(days=setting("DALIL_SUPPORT_MEDIAN_DAYS"))
    rows = (
        Answer.objects.filter(
            status=PostStatus.PUBLISHED,
            question__status=PostStatus.PUBLISHED,
            question__created_at__gte=since,
        )
        .filter(
            Q(question__category_id=category_id)
            if category_id is not None
            else Q(question__category__isnull=True)
        )
        .values("question_id", "question__created_at")
        .annotate(first=Min("created_at"))
        .order_by("-question__created_at")[:MEDIAN_SAMPLE]
    )
    waits = [(row["first"] - row["question__created_at"]).total_seconds() for row in rows]
    return timedelta(seconds=statistics.median(waits)) if waits else None


def about(delta: timedelta) -> str:
    """A wait in words, rounded as people say it ("about 3 hours")."""
    minutes = max(1, round(delta.total_seconds() / 60))
    if minutes < 90:
        return ngettext("about %(count)d minute", "about %(count)d minutes", minutes) % {
            "count": minutes
        }
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("about %(count)d hour", "about %(count)d hours", hours) % {"count": hours}
    days = round(hours / 24)
    return ngettext("about %(count)d day", "about %(count)d days", days) % {"count": days}


def ask_panel(request) -> dict | None:
    """Under the ask form: how fast each category's questions are answered (the last 30 days'
    median, computed from the threads, kept ten minutes) and when the team steps in."""
    categories = list(Category.objects.order_by("position", "pk"))
    if not categories:
        return None
    key = f"support:ask-panel:{get_language()}"
    rows = cache.get(key)
    if rows is None:
        rows = [
            {
                "name": row["category"].name,
                "usual": about(row["usual"]) if row["usual"] else "",
                "team_after_hours": row["team_after_hours"],
            }
            for row in response_targets(categories)
        ]
        cache.set(key, rows, ASK_PANEL_SECONDS)
    return {"template": "support/ask_panel.html", "rows": rows}


def response_targets(categories) -> list[dict]:
    """For the ask form: each category's usual time to a first answer and when the team steps in."""
    policies = {
        policy.category_id: policy
        for policy in CategoryPolicy.objects.filter(category__in=list(categories))
    }
    targets = []
    for category in categories:
        first, wait, support_first = policy_hours(policies.get(category.pk))
        targets.append(
            {
                "category": category,
                "usual": usual_first_answer(category.pk),
                "team_after_hours": 0 if support_first else wait,
                "first_response_hours": first,
            }
        )
    return targets
