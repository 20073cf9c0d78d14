"""Eight weeks of believable help-center activity, so the demo's Insights are not empty: reads,
visits with and without self-service, searches and what followed them, "Was this helpful?"
answers, and first answers that came after minutes, hours or a day.

Deterministic (one seeded random generator) and repeatable: a second run writes the same rows
again over the days it covers."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from forum.models import Answer, PostStatus, Question
from kb.models import ArticleFeedback, ArticlePage
from support.models import Case

from .counting import today
from .models import DailySearch, DailySessions, DailyViews, RolledUpDay, Survey

DAYS = 56
# What the demo's customers search for, in both languages, and how well the knowledge base
# answers each: (query, language, searches a day, share with no result, share opened, share
# followed by a question).
SEARCHES = [
    ("reset router", "en", 6, 0.0, 0.7, 0.05),
    ("fibre drops evening", "en", 4, 0.0, 0.3, 0.25),
    ("move landline number", "en", 2, 0.6, 0.1, 0.4),
    ("esim activation", "en", 3, 0.3, 0.4, 0.2),
    ("invoice vat number", "en", 1, 1.0, 0.0, 0.3),
    ("إعادة ضبط الراوتر", "ar", 5, 0.0, 0.6, 0.05),
    ("انقطاع الألياف", "ar", 4, 0.1, 0.3, 0.3),
    ("نقل الرقم الأرضي", "ar", 2, 0.7, 0.1, 0.4),
    ("تفعيل الشريحة الإلكترونية", "ar", 2, 0.5, 0.2, 0.3),
]
FIRST_ANSWER_HOURS = [0.3, 0.5, 1, 1.5, 2, 3, 4, 6, 9, 14, 20, 30]


def _spread_answer_times(rng: random.Random) -> int:
    """Give the demo threads first answers after minutes to a day, and accepts after that."""
    changed = 0
    for question in Question.objects.filter(
        submission_token__startswith="demo-", status=PostStatus.PUBLISHED
    ).only("pk", "created_at", "accepted_answer_id"):
        delay = rng.choice(FIRST_ANSWER_HOURS)
        answers = list(Answer.objects.filter(question=question).order_by("pk").only("pk"))
        for number, answer in enumerate(answers):
            answer.created_at = question.created_at + timedelta(hours=delay + 3 * number)
        Answer.objects.bulk_update(answers, ["created_at"])
        if question.accepted_answer_id:
            accepted = next((a for a in answers if a.pk == question.accepted_answer_id), None)
            if accepted is not None:
                Question.objects.filter(pk=question.pk).update(
                    accepted_at=accepted.created_at + timedelta(hours=rng.uniform(0.5, 30))
                )
        changed += 1
    return changed


def _daily_rows(rng: random.Random, first_day, days: int):
    threads = list(
        Question.objects.filter(status=PostStatus.PUBLISHED).values_list(
            "pk", "language", "category_id"
        )
    )
    articles = list(ArticlePage.objects.live().values_list("pk", "locale__language_code"))
    views, sessions, searches = [], [], []
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        # Traffic grows a little week by week, and is lower at the weekend.
        scale = (0.7 + 0.6 * offset / days) * (0.6 if day.weekday() >= 5 else 1.0)
        for pk, language, category in threads:
            count = int(rng.gauss(12, 5) * scale)
            if count > 0:
                views.append(
                    DailyViews(
                        day=day,
                        kind="question",
                        object_id=pk,
                        language=language,
                        category_id=category,
                        views=count,
                    )
                )
        for pk, language in articles:
            count = int(rng.gauss(20, 8) * scale)
            if count > 0:
                views.append(
                    DailyViews(
                        day=day, kind="article", object_id=pk, language=language, views=count
                    )
                )
        for language in ("en", "ar"):
            total = int(rng.gauss(70, 10) * scale)
            helped = int(total * rng.uniform(0.5, 0.65))
            # Deflection improves as the knowledge base grows.
            kept = int(helped * min(0.9, rng.uniform(0.6, 0.7) + 0.1 * offset / days))
            sessions.append(
                DailySessions(
                    day=day, language=language, sessions=total, self_service=helped, deflected=kept
                )
            )
        for query, language, per_day, empty, opened, asked in SEARCHES:
            count = max(0, int(rng.gauss(per_day, 1) * scale))
            if count:
                found = count - round(count * empty)
                searches.append(
                    DailySearch(
                        day=day,
                        language=language,
                        query=query,
                        searches=count,
                        no_results=count - found,
                        clicked=round(found * opened),
                        then_asked=round(count * asked),
                    )
                )
    return views, sessions, searches


def _feedback(rng: random.Random) -> int:
    """ "Was this helpful?" answers spread over the weeks, mostly yes."""
    ArticleFeedback.objects.filter(session_key__startswith="demo-insights-").delete()
    created = []
    for article in ArticlePage.objects.live().only("pk"):
        for number in range(rng.randint(4, 12)):
            created.append(
                ArticleFeedback(
                    article=article,
                    session_key=f"demo-insights-{article.pk}-{number}",
                    helpful=rng.random() < 0.78,
                )
            )
    ArticleFeedback.objects.bulk_create(created)
    for feedback in ArticleFeedback.objects.filter(session_key__startswith="demo-insights-"):
        when = timezone.now() - timedelta(days=rng.uniform(1, DAYS), hours=rng.uniform(0, 23))
        ArticleFeedback.objects.filter(pk=feedback.pk).update(updated_at=when, created_at=when)
    return len(created)


RATINGS = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 1]


def _resolutions(rng: random.Random, people: dict) -> tuple[int, int]:
    """Solved support cases in the past weeks (the team's share of the work) and the askers'
    ratings of accepted answers and solved cases."""
    team = [people[key] for key in ("omar", "noura") if key in people]
    threads = list(
        Question.objects.filter(
            submission_token__startswith="demo-", status=PostStatus.PUBLISHED, answer_count__gt=0
        )
        .exclude(author=None)
        .order_by("pk")
    )
    cases = 0
    for question in threads[::4] if team else []:
        if Case.objects.filter(question=question).exists():
            continue
        rng = random.Random(question.pk)  # the same choices on every run
        opened = question.created_at + timedelta(hours=rng.choice([6, 12, 24, 30]))
        Case.objects.create(
            question=question,
            state=Case.State.SOLVED,
            source=rng.choice([Case.Source.ASKER, Case.Source.AUTOMATIC]),
            category=question.category,
            language=question.language,
            assignee=rng.choice(team),
            opened_at=opened,
            due_at=opened + timedelta(hours=4),
            closed_at=opened + timedelta(hours=rng.uniform(1, 20)),
            updated_at=opened,
        )
        cases += 1
    # Most askers answered the survey their accepted answer brought; the rest still see it on
    # their thread (as the demo's customers do).
    rated = 0
    for question in threads:
        rng = random.Random(question.pk)  # each thread decides alike on every run
        if not (question.accepted_answer_id and question.accepted_at) or rng.random() >= 0.7:
            continue
        Survey.objects.update_or_create(
            question=question,
            kind=Survey.Kind.ANSWER,
            defaults={
                "asker_id": question.author_id,
                "answer_id": question.accepted_answer_id,
                "language": question.language,
                "category_id": question.category_id,
                "rating": rng.choice(RATINGS),
                "answered_at": question.accepted_at + timedelta(hours=rng.uniform(1, 48)),
            },
        )
        rated += 1
    for case in Case.objects.filter(
        state=Case.State.SOLVED, question__submission_token__startswith="demo-"
    ).select_related("question"):
        rng = random.Random(case.question_id)
        if case.closed_at and rng.random() < 0.8:
            Survey.objects.update_or_create(
                question=case.question,
                kind=Survey.Kind.CASE,
                defaults={
                    "case": case,
                    "asker_id": case.question.author_id,
                    "staff_id": case.assignee_id,
                    "language": case.language,
                    "category_id": case.category_id,
                    "rating": rng.choice(RATINGS[:8]),
                    "answered_at": case.closed_at + timedelta(hours=rng.uniform(1, 24)),
                },
            )
            rated += 1
    return cases, rated


def seed_demo(command) -> None:
    rng = random.Random(2026)
    first_day = today() - timedelta(days=DAYS)
    with transaction.atomic():
        threads = _spread_answer_times(rng)
        for model in (DailyViews, DailySessions, DailySearch):
            model.objects.filter(day__gte=first_day, day__lt=today()).delete()
        views, sessions, searches = _daily_rows(rng, first_day, DAYS)
        DailyViews.objects.bulk_create(views, batch_size=2000)
        DailySessions.objects.bulk_create(sessions)
        DailySearch.objects.bulk_create(searches, batch_size=2000)
        RolledUpDay.objects.bulk_create(
            [RolledUpDay(day=first_day + timedelta(days=n)) for n in range(DAYS)],
            ignore_conflicts=True,
        )
        totals: dict[int, int] = {}
        for row in views:
            if row.kind == "question":
                totals[row.object_id] = totals.get(row.object_id, 0) + row.views
        for pk, total in totals.items():
            Question.objects.filter(pk=pk).update(view_count=total)
        feedback = _feedback(rng)
        cases, ratings = _resolutions(rng, getattr(command, "people", {}))
    command.stdout.write(
        f"Insights: {DAYS} days of activity ({len(views)} daily view rows, {len(searches)} search "
        f"rows, {feedback} helpful votes, {cases} solved cases, {ratings} ratings); {threads} "
        "threads' answer times spread."
    )
