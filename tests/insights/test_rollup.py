"""A finished day's visits become sessions, deflection and search outcomes (computed by hand
below), and are deleted; the retention sweep deletes what is too old and nothing else."""

from datetime import UTC, date, datetime, timedelta

import pytest

from website.insights import rollup
from website.insights.counting import today
from website.insights.models import (
    DailySearch,
    DailySessions,
    DailyViews,
    RolledUpDay,
    Survey,
    Visit,
)

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 30)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(DAY.year, DAY.month, DAY.day, hour, minute, tzinfo=UTC)


def step(visitor, when, kind, language="en", **fields):
    return Visit.objects.create(at=when, visitor=visitor, kind=kind, language=language, **fields)


@pytest.fixture
def day_of_visits():
    """Five visitors, six sessions:

    - a: searched "reset router" (found 3), opened an article from it, left: deflected.
    - b: searched "landline move" (found 0), asked 10 minutes later: not deflected.
    - c: read an article at 09:00, came back at 15:00 (a new session) and asked a question at
      15:00 with no self-service in that session: one deflected session, one session without
      self-service.
    - d (Arabic): read a thread only: a session without self-service.
    - e: searched "reset router" at 20:00, opened nothing, escalated 40 minutes later (outside
      the 30-minute window, but the session goes on because she read a thread in between):
      deflected, a search with no click, not followed by a question.
    """
    step("a", at(8), "search", query="reset router", result_count=3)
    step("a", at(8, 2), "article", object_id=7, query="reset router")
    step("b", at(10), "search", query="landline move", result_count=0)
    step("b", at(10, 10), "ask", object_id=99)
    step("c", at(9), "article", object_id=7)
    step("c", at(15), "ask", object_id=100)
    step("d", at(11), "question", language="ar", object_id=5)
    step("e", at(20), "search", query="reset router", result_count=3)
    step("e", at(20, 25), "question", object_id=5)
    step("e", at(20, 40), "escalate", object_id=5)
    # The next day's visit is not this day's.
    step("a", at(8) + timedelta(days=1), "search", query="reset router", result_count=3)


def test_a_day_becomes_sessions_and_deflection_and_its_visits_are_deleted(day_of_visits):
    assert rollup.fold_day(DAY) is True

    sessions = {row.language: row for row in DailySessions.objects.filter(day=DAY)}
    assert (sessions["en"].sessions, sessions["en"].self_service, sessions["en"].deflected) == (
        5,
        4,
        3,
    )
    assert (sessions["ar"].sessions, sessions["ar"].self_service, sessions["ar"].deflected) == (
        1,
        0,
        0,
    )
    assert not Visit.objects.filter(at__date=DAY).exists()
    assert Visit.objects.count() == 1  # the next day's, still unfolded


def test_each_search_knows_if_it_was_clicked_and_if_a_question_followed(day_of_visits):
    rollup.fold_day(DAY)

    rows = {
        row.query: (row.searches, row.no_results, row.clicked, row.then_asked)
        for row in DailySearch.objects.filter(day=DAY)
    }
    assert rows == {"reset router": (2, 0, 1, 0), "landline move": (1, 1, 0, 1)}


def test_a_day_is_folded_once(day_of_visits):
    assert rollup.fold_day(DAY) is True
    assert rollup.fold_day(DAY) is False
    assert DailySessions.objects.filter(day=DAY).count() == 2


def test_the_job_folds_finished_days_and_leaves_today_alone():
    now = datetime.now(UTC)
    step("x", now, "search", query="today", result_count=1)
    step("y", now - timedelta(days=2), "search", query="before", result_count=1)

    assert rollup.fold_finished_days() == 2  # the day before yesterday and yesterday (empty)
    assert list(Visit.objects.values_list("query", flat=True)) == ["today"]
    assert RolledUpDay.objects.filter(day=today()).exists() is False


def make_survey(*, old_and_new):
    """One survey asked each that many days ago."""
    from forum.models import Question
    from tests.factories import UserFactory

    asker = UserFactory()
    for number, days in enumerate(old_and_new):
        question = Question.objects.create(
            author=asker, title=f"Question number {number}", body="x" * 40, language="en"
        )
        survey = Survey.objects.create(
            kind=Survey.Kind.ANSWER, question=question, asker=asker, language="en"
        )
        Survey.objects.filter(pk=survey.pk).update(
            created_at=datetime.now(UTC) - timedelta(days=days, hours=1)
        )


def test_the_retention_sweep_deletes_what_is_too_old_and_nothing_else(settings):
    settings.DALIL_INSIGHTS_RETENTION_DAYS = 30
    old, kept = today() - timedelta(days=31), today() - timedelta(days=30)
    for day in (old, kept):
        DailyViews.objects.create(day=day, kind="question", object_id=1, language="en", views=4)
        DailySessions.objects.create(day=day, language="en", sessions=3)
        DailySearch.objects.create(day=day, language="en", query="wifi", searches=2)
        RolledUpDay.objects.create(day=day)
    make_survey(old_and_new=(32, 29))
    step("z", datetime.now(UTC) - timedelta(days=3), "search", query="lost", result_count=0)
    step("w", datetime.now(UTC) - timedelta(hours=1), "search", query="fresh", result_count=0)

    deleted = rollup.sweep_retention()

    assert {
        name: deleted[name] for name in ("views", "sessions", "searches", "days", "visits")
    } == {
        "views": 1,
        "sessions": 1,
        "searches": 1,
        "days": 1,
        "visits": 1,
    }
    assert set(DailyViews.objects.values_list("day", flat=True)) == {kept}
    assert set(DailySessions.objects.values_list("day", flat=True)) == {kept}
    assert set(DailySearch.objects.values_list("day", flat=True)) == {kept}
    assert list(Visit.objects.values_list("query", flat=True)) == ["fresh"]


def test_sessions_are_cut_where_steps_are_further_apart_than_the_gap():
    steps = [Visit(at=at(8)), Visit(at=at(8, 30)), Visit(at=at(9, 1)), Visit(at=at(9, 20))]
    sessions = rollup.sessions_of(steps, timedelta(minutes=30))
    assert [len(session) for session in sessions] == [2, 2]
