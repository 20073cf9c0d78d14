"""Each figure on a hand-built fortnight, compared with the number worked out by hand below.

Today is Wednesday 2 December 2026: the report's week is 23–29 November, the one before it
16–22 November.

This week:
- q1 (Billing, English; target 4 h) asked Mon 23 10:00, answered 12:00 (2 h), accepted 16:00 (6 h).
- q2 (no category, English; default target 24 h) asked Tue 24 08:00, answered by its asker at
  09:00 (not a first answer), by someone else at 18:00 (10 h).
- q3 (Billing, Arabic) asked Wed 25 00:00, answered 06:00 (6 h, later than 4 h), accepted Thu 26
  00:00 (24 h).
- q4 (English) asked Thu 26 12:00, never answered; a support case opened for it on Fri 27.
- q5 (Billing, Arabic) asked Fri 27 and hidden: no figure counts it.
The week before: q6 (English) asked Tue 17 09:00, answered 10:00 (1 h).

So this week: first answers 2, 10, 6 h → median 6, 90th percentile 9.2 (between 6 and 10, 8/10 of
the way); accepted 6, 24 h → median 15, 90th percentile 22.2; within target 2 of 4 → 50 %;
unanswered 1; escalation 1 case for 4 questions → 25 %. In Arabic only: q3 → median 6, 0 % in
target. In Billing only: q1, q3 → median 4, 50 % in target.
"""

from datetime import UTC, date, datetime

import pytest

from forum.models import Answer, Category, PostStatus, Question
from kb.models import ArticleFeedback
from support.models import Case, CategoryPolicy
from tests.kb.conftest import make_article, make_category
from website.insights import figures
from website.insights.figures import MONTH, WEEK, Scope
from website.insights.models import DailySearch, DailySessions, DailyViews

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def at(day: int, hour: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


@pytest.fixture
def billing():
    category = Category.objects.create(slug="billing", name_ar="الفواتير", name_en="Billing")
    CategoryPolicy.objects.create(category=category, first_response_hours=4, asker_wait_hours=24)
    return category


@pytest.fixture
def fortnight(billing, customer, other_customer):
    def ask(asked, language="en", category=None, status=PostStatus.PUBLISHED):
        return Question.objects.create(
            author=customer,
            title=f"Question asked {asked:%d %H}",
            body="x" * 40,
            language=language,
            category=category,
            status=status,
            created_at=asked,
        )

    def answer(question, when, author=other_customer):
        created = Answer.objects.create(
            question=question, author=author, body="y" * 40, status=PostStatus.PUBLISHED
        )
        Answer.objects.filter(pk=created.pk).update(created_at=when)
        Question.objects.filter(pk=question.pk).update(answer_count=question.answers.count())
        return created

    def accept(question, answer_, when):
        Question.objects.filter(pk=question.pk).update(accepted_answer=answer_, accepted_at=when)

    q1 = ask(at(23, 10), category=billing)
    accept(q1, answer(q1, at(23, 12)), at(23, 16))
    q2 = ask(at(24, 8))
    answer(q2, at(24, 9), author=customer)
    answer(q2, at(24, 18))
    q3 = ask(at(25), language="ar", category=billing)
    accept(q3, answer(q3, at(25, 6)), at(26))
    q4 = ask(at(26, 12))
    Case.objects.create(
        question=q4, source=Case.Source.ASKER, language="en", opened_at=at(27), due_at=at(28)
    )
    q5 = ask(at(27), language="ar", category=billing, status=PostStatus.HIDDEN)
    answer(q5, at(27, 1))
    q6 = ask(at(17, 9))
    answer(q6, at(17, 10))
    return {"q1": q1, "q2": q2, "q3": q3, "q4": q4}


def latest(key, scope=None, kind=WEEK):
    series = figures.compute(
        figures.BY_KEY[key], kind=kind, count=1, scope=scope or Scope(), today=TODAY
    )
    row = series.latest
    return row.value, row.previous


def test_the_report_week_is_the_last_complete_one():
    run = figures.periods(WEEK, 2, today=TODAY)
    assert [(p.start, p.end, p.label) for p in run] == [
        (date(2026, 11, 16), date(2026, 11, 23), "2026-W47"),
        (date(2026, 11, 23), date(2026, 11, 30), "2026-W48"),
    ]
    months = figures.periods(MONTH, 3, today=TODAY)
    assert [p.label for p in months] == ["2026-09", "2026-10", "2026-11"]
    assert figures.periods(MONTH, 1, today=date(2027, 1, 15))[0].start == date(2026, 12, 1)


def test_time_to_first_answer(fortnight):
    assert latest("first_answer_median") == (6.0, 1.0)
    assert latest("first_answer_p90") == (9.2, 1.0)


def test_time_to_accepted_answer(fortnight):
    assert latest("accepted_median") == (15.0, None)
    assert latest("accepted_p90") == (22.2, None)


def test_share_answered_within_the_categorys_target(fortnight):
    assert latest("within_target") == (50.0, 100.0)


def test_unanswered_and_escalation(fortnight):
    assert latest("unanswered") == (1, 0)
    assert latest("escalation_rate") == (25.0, 0.0)
    count, age = figures.unanswered_age(scope=Scope(), now=at(30, 12))
    assert (count, age) == (1, 4.0)


def test_each_figure_per_language_and_per_category(fortnight, billing):
    assert latest("first_answer_median", Scope(language="ar")) == (6.0, None)
    assert latest("within_target", Scope(language="ar")) == (0.0, None)
    assert latest("first_answer_median", Scope(category_id=billing.pk)) == (4.0, None)
    assert latest("within_target", Scope(category_id=billing.pk)) == (50.0, None)
    assert latest("escalation_rate", Scope(category_id=billing.pk)) == (0.0, None)


def test_views_and_deflection_come_from_the_daily_rows():
    for day, kind, views, language in [
        (date(2026, 11, 23), "question", 5, "en"),
        (date(2026, 11, 29), "question", 7, "ar"),
        (date(2026, 11, 30), "question", 100, "en"),  # this week: not in the report yet
        (date(2026, 11, 20), "question", 4, "en"),
        (date(2026, 11, 24), "article", 3, "en"),
    ]:
        DailyViews.objects.create(day=day, kind=kind, object_id=1, language=language, views=views)
    DailySessions.objects.create(
        day=date(2026, 11, 25), language="en", sessions=9, self_service=4, deflected=3
    )
    DailySessions.objects.create(
        day=date(2026, 11, 26), language="ar", sessions=2, self_service=1, deflected=0
    )

    assert latest("thread_views") == (12, 4)
    assert latest("thread_views", Scope(language="ar")) == (7, 0)
    assert latest("article_views") == (3, 0)
    assert latest("deflection") == (60.0, None)
    assert latest("deflection", Scope(language="ar")) == (0.0, None)


def test_article_helpfulness():
    with_en = make_article(make_category(), title="Paying by card")
    for number, helpful in enumerate([True, True, False]):
        ArticleFeedback.objects.create(article=with_en, session_key=f"s{number}", helpful=helpful)
    ArticleFeedback.objects.create(article=with_en, session_key="old", helpful=False)
    ArticleFeedback.objects.filter(session_key__startswith="s").update(updated_at=at(24))
    ArticleFeedback.objects.filter(session_key="old").update(updated_at=at(18))

    assert latest("article_helpfulness") == (66.7, 0.0)
    assert latest("article_helpfulness", Scope(language="ar")) == (None, None)


def test_the_table_puts_the_previous_period_beside_each_one(fortnight):
    series = figures.compute(
        figures.BY_KEY["first_answer_median"], kind=WEEK, count=2, scope=Scope(), today=TODAY
    )
    assert [(row.period.label, row.value, row.previous, row.change) for row in series.rows()] == [
        ("2026-W47", 1.0, None, None),
        ("2026-W48", 6.0, 1.0, 5.0),
    ]


def test_content_gaps_rank_the_searches_where_the_knowledge_base_fails():
    for day, query, searches, empty, clicked, asked in [
        (24, "reset router", 3, 0, 1, 0),
        (25, "reset router", 2, 0, 0, 1),
        (24, "landline", 2, 2, 0, 1),
        (26, "fibre", 4, 0, 0, 0),
        (18, "fibre", 9, 9, 0, 9),  # the week before
    ]:
        DailySearch.objects.create(
            day=date(2026, 11, day),
            language="en",
            query=query,
            searches=searches,
            no_results=empty,
            clicked=clicked,
            then_asked=asked,
        )
    week = figures.periods(WEEK, 1, today=TODAY)[0]
    gaps = figures.content_gaps(period=week)

    assert [(row["query"], row["asked"]) for row in gaps["then_asked"]] == [
        ("landline", 1),
        ("reset router", 1),
    ]
    assert [(row["query"], row["empty"]) for row in gaps["no_results"]] == [("landline", 2)]
    assert [(row["query"], row["unopened"]) for row in gaps["no_click"]] == [("fibre", 4)]
    assert figures.content_gaps(period=week, language="ar") == {
        "then_asked": [],
        "no_results": [],
        "no_click": [],
    }


def test_a_long_run_of_periods_costs_a_fixed_number_of_queries(
    fortnight, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        figures.compute(
            figures.BY_KEY["within_target"], kind=WEEK, count=52, scope=Scope(), today=TODAY
        )
    with django_assert_max_num_queries(1):
        figures.compute(
            figures.BY_KEY["first_answer_p90"], kind=MONTH, count=13, scope=Scope(), today=TODAY
        )


def test_satisfaction_is_the_mean_rating_and_the_share_of_fours_and_fives(fortnight, customer):
    """Ratings this week 5, 4 and 2 → mean 3.67 (3.7 in the table), 2 of 3 rated 4 or 5;
    the week before one 1; an unanswered survey counts for nothing."""
    from website.insights.models import Survey

    for key, rating, answered in [("q1", 5, at(24)), ("q2", 4, at(25)), ("q3", 2, at(29, 23))]:
        question = fortnight[key]
        Survey.objects.create(
            kind=Survey.Kind.ANSWER,
            question=question,
            asker=customer,
            language=question.language,
            category_id=question.category_id,
            rating=rating,
            answered_at=answered,
        )
    Survey.objects.create(
        kind=Survey.Kind.CASE,
        question=fortnight["q1"],
        asker=customer,
        language="en",
        rating=1,
        answered_at=at(18),
    )
    Survey.objects.create(
        kind=Survey.Kind.CASE, question=fortnight["q4"], asker=customer, language="en"
    )

    assert latest("satisfaction") == (3.7, 1.0)
    assert latest("satisfied_share") == (66.7, 0.0)
    assert latest("satisfaction", Scope(language="ar")) == (2.0, None)
