"""The scheduler's insights jobs: fold each finished day's visits into daily rows, and delete
what is older than the retention period.

A day's visits become sessions (one visitor's steps no more than
``DALIL_INSIGHTS_SESSION_MINUTES`` apart), and the day's searches their outcomes; then the
visits, the only rows that hold a visitor hash, are deleted. The work is streamed visitor by
visitor from one ordered query, so its memory does not grow with the day's traffic.
"""

from collections import Counter, defaultdict
from datetime import UTC, date, datetime, time, timedelta
from itertools import groupby

from django.conf import settings
from django.db import transaction

from .counting import today
from .models import DailySearch, DailySessions, DailyViews, RolledUpDay, Survey, Visit

SELF_SERVICE = {Visit.Kind.SEARCH, Visit.Kind.ARTICLE}
CONTACT = {Visit.Kind.ASK, Visit.Kind.ESCALATE}
READS = {Visit.Kind.ARTICLE, Visit.Kind.QUESTION}
# How long after a search a read from its results, or a question, still belongs to it.
FOLLOW_MINUTES = 30


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def sessions_of(steps: list[Visit], gap: timedelta) -> list[list[Visit]]:
    """One visitor's steps (in time order) cut where two are more than ``gap`` apart."""
    sessions: list[list[Visit]] = []
    for step in steps:
        if sessions and step.at - sessions[-1][-1].at <= gap:
            sessions[-1].append(step)
        else:
            sessions.append([step])
    return sessions


def deflected(session: list[Visit], window: timedelta) -> bool | None:
    """None for a session without self-service; else whether no question was asked and no case
    escalated within ``window`` after any of its searches or article reads."""
    helped = [step.at for step in session if step.kind in SELF_SERVICE]
    if not helped:
        return None
    contacts = [step.at for step in session if step.kind in CONTACT]
    return not any(
        0 < (asked - at).total_seconds() <= window.total_seconds()
        for at in helped
        for asked in contacts
    )


def search_outcomes(steps: list[Visit], window: timedelta) -> list[tuple[Visit, bool, bool]]:
    """Each search of one visitor with whether a result was opened from it (a read whose
    Referer was that search) and whether a question followed, both within ``window``."""
    outcomes = []
    for index, search in enumerate(steps):
        if search.kind != Visit.Kind.SEARCH:
            continue
        later = [step for step in steps[index + 1 :] if (step.at - search.at) <= window]
        clicked = any(step.kind in READS and step.query == search.query for step in later)
        asked = any(step.kind == Visit.Kind.ASK for step in later)
        outcomes.append((search, clicked, asked))
    return outcomes


def fold_day(day: date) -> bool:
    """Fold ``day``'s visits into `DailySessions` and `DailySearch`, then delete them; False if
    the day was folded before (a second scheduler, a retry)."""
    gap = timedelta(minutes=settings.DALIL_INSIGHTS_SESSION_MINUTES)
    window = timedelta(minutes=FOLLOW_MINUTES)
    start, end = _bounds(day)
    with transaction.atomic():
        _claimed, created = RolledUpDay.objects.get_or_create(day=day)
        if not created:
            return False
        sessions: dict[str, Counter] = defaultdict(Counter)
        searches: dict[tuple[str, str], Counter] = defaultdict(Counter)
        visits = (
            Visit.objects.filter(at__gte=start, at__lt=end)
            .order_by("visitor", "at", "pk")
            .iterator(chunk_size=2000)
        )
        for _visitor, group in groupby(visits, key=lambda visit: visit.visitor):
            steps = list(group)
            for session in sessions_of(steps, gap):
                counts = sessions[session[0].language]
                counts["sessions"] += 1
                outcome = deflected(session, window)
                if outcome is not None:
                    counts["self_service"] += 1
                    counts["deflected"] += int(outcome)
            for search, clicked, asked in search_outcomes(steps, window):
                if not search.query:
                    continue
                row = searches[(search.language, search.query)]
                row["searches"] += 1
                row["no_results"] += int(search.result_count == 0)
                row["clicked"] += int(clicked)
                row["then_asked"] += int(asked)
        DailySessions.objects.bulk_create(
            [
                DailySessions(day=day, language=language, **counts)
                for language, counts in sessions.items()
            ]
        )
        DailySearch.objects.bulk_create(
            [
                DailySearch(day=day, language=language, query=query, **counts)
                for (language, query), counts in searches.items()
            ],
            batch_size=1000,
        )
        Visit.objects.filter(at__gte=start, at__lt=end).delete()
    return True


def fold_finished_days() -> int:
    """Fold every day before today that still has visits; returns how many days were folded.
    A visitor's salt changes at midnight (UTC), so a session never spans two days."""
    first = Visit.objects.filter(at__lt=_bounds(today())[0]).order_by("at").first()
    if first is None:
        return 0
    folded, day = 0, first.at.astimezone(UTC).date()
    while day < today():
        folded += fold_day(day)
        day += timedelta(days=1)
    return folded


def sweep_retention() -> dict[str, int]:
    """Delete the daily rows and the surveys older than ``DALIL_INSIGHTS_RETENTION_DAYS``, and
    any visit older than two days that was somehow not folded; returns how many rows of each
    went."""
    oldest = today() - timedelta(days=settings.DALIL_INSIGHTS_RETENTION_DAYS)
    deleted = {
        "views": DailyViews.objects.filter(day__lt=oldest).delete()[0],
        "sessions": DailySessions.objects.filter(day__lt=oldest).delete()[0],
        "searches": DailySearch.objects.filter(day__lt=oldest).delete()[0],
        "days": RolledUpDay.objects.filter(day__lt=oldest).delete()[0],
        "visits": Visit.objects.filter(at__lt=_bounds(today() - timedelta(days=2))[0]).delete()[0],
        "surveys": Survey.objects.filter(created_at__lt=_bounds(oldest)[0]).delete()[0],
    }
    return deleted
