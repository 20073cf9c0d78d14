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

from .counting import today
from .models import DailySearch, DailySessions, DailyViews, RolledUpDay

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
    command.stdout.write(
        f"Insights: {DAYS} days of activity ({len(views)} daily view rows, {len(searches)} search "
        f"rows, {feedback} helpful votes); {threads} threads' answer times spread."
    )
