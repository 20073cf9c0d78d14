"""The figures a support team is judged on, per week or month, per language and category.

Each figure is computed for a run of periods at once (one or two queries over the whole range,
bucketed here), so a chart of 24 periods costs what one period does. docs/insights.md says how
each is computed; the tests check each one against a hand count.
"""

import statistics
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import F, Min, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forum.models import PostStatus, Question
from kb.models import ArticleFeedback
from support.models import Case, CategoryPolicy, policy_hours

from .models import DailySearch, DailySessions, DailyViews, Survey

WEEK, MONTH = "week", "month"


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC days."""

    start: date
    end: date
    kind: str

    @property
    def label(self) -> str:
        if self.kind == WEEK:
            year, week, _day = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        return f"{self.start:%Y-%m}"

    @property
    def since(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=UTC)

    @property
    def until(self) -> datetime:
        return datetime.combine(self.end, time.min, tzinfo=UTC)


def _month_start(day: date, back: int = 0) -> date:
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def periods(kind: str, count: int, *, today: date) -> list[Period]:
    """The ``count`` complete weeks (Monday to Sunday) or months before ``today``'s, oldest
    first: the last one is the period a report compares with the one before."""
    found = []
    if kind == WEEK:
        this_week = today - timedelta(days=today.weekday())
        for back in range(count, 0, -1):
            start = this_week - timedelta(weeks=back)
            found.append(Period(start, start + timedelta(weeks=1), WEEK))
    else:
        for back in range(count, 0, -1):
            found.append(Period(_month_start(today, back), _month_start(today, back - 1), MONTH))
    return found


@dataclass(frozen=True)
class Scope:
    """What a report looks at: one language or all, one forum category or all."""

    language: str = ""
    category_id: int | None = None

    def questions(self):
        queryset = Question.objects.filter(status=PostStatus.PUBLISHED)
        if self.language:
            queryset = queryset.filter(language=self.language)
        if self.category_id:
            queryset = queryset.filter(category_id=self.category_id)
        return queryset

    def rows(self, queryset, *, language="language", category="category_id"):
        if self.language and language:
            queryset = queryset.filter(**{language: self.language})
        if self.category_id and category:
            queryset = queryset.filter(**{category: self.category_id})
        return queryset


class Buckets:
    """Values put into the period they fall in."""

    def __init__(self, run: list[Period]):
        self.run = run
        self._starts = [period.since for period in run]
        self.values: list[list[float]] = [[] for _ in run]

    def index(self, moment: datetime | date) -> int | None:
        if not isinstance(moment, datetime):
            moment = datetime.combine(moment, time.min, tzinfo=UTC)
        position = bisect_right(self._starts, moment) - 1
        if position < 0 or moment >= self.run[-1].until:
            return None
        return position

    def add(self, moment, value: float) -> None:
        position = self.index(moment)
        if position is not None:
            self.values[position].append(value)


def _hours(later: datetime, earlier: datetime) -> float:
    return (later - earlier).total_seconds() / 3600


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p90(values: list[float]) -> float | None:
    """The 90th percentile, interpolated between the two nearest ranks (``inclusive``)."""
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=10, method="inclusive")[-1]


def share(part: float, whole: float) -> float | None:
    """A percentage, or None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


# The figures -----------------------------------------------------------------------------------


def _first_answers(run: list[Period], scope: Scope) -> Buckets:
    """Hours from each question (asked in the period) to its first published answer by someone
    other than the asker; questions with no such answer yet are left out (see `unanswered`)."""
    buckets = Buckets(run)
    rows = (
        scope.questions()
        .filter(created_at__gte=run[0].since, created_at__lt=run[-1].until)
        .annotate(
            first=Min(
                "answers__created_at",
                filter=Q(answers__status=PostStatus.PUBLISHED) & ~Q(answers__author=F("author")),
            )
        )
        .filter(first__isnull=False)
        .values_list("created_at", "first")
    )
    for asked, first in rows:
        buckets.add(asked, _hours(first, asked))
    return buckets


def _accepted(run, scope) -> Buckets:
    buckets = Buckets(run)
    rows = (
        scope.questions()
        .filter(
            created_at__gte=run[0].since,
            created_at__lt=run[-1].until,
            accepted_answer__isnull=False,
            accepted_at__isnull=False,
        )
        .values_list("created_at", "accepted_at")
    )
    for asked, accepted in rows:
        buckets.add(asked, _hours(accepted, asked))
    return buckets


def first_answer_median(run, scope):
    return [median(values) for values in _first_answers(run, scope).values]


def first_answer_p90(run, scope):
    return [p90(values) for values in _first_answers(run, scope).values]


def accepted_median(run, scope):
    return [median(values) for values in _accepted(run, scope).values]


def accepted_p90(run, scope):
    return [p90(values) for values in _accepted(run, scope).values]


def within_target(run, scope):
    """Of the questions asked in the period, the share with a first answer (by someone other
    than the asker) within their category's first-response target."""
    targets = dict(CategoryPolicy.objects.values_list("category_id", "first_response_hours"))
    default = policy_hours(None)[0]
    asked, in_time = Buckets(run), Buckets(run)
    rows = (
        scope.questions()
        .filter(created_at__gte=run[0].since, created_at__lt=run[-1].until)
        .annotate(
            first=Min(
                "answers__created_at",
                filter=Q(answers__status=PostStatus.PUBLISHED) & ~Q(answers__author=F("author")),
            )
        )
        .values_list("created_at", "first", "category_id")
    )
    for created, first, category in rows:
        asked.add(created, 1)
        target = targets.get(category, default)
        if first is not None and _hours(first, created) <= target:
            in_time.add(created, 1)
    return [
        share(len(hit), len(all_)) for hit, all_ in zip(in_time.values, asked.values, strict=True)
    ]


def unanswered(run, scope):
    """Questions asked in the period that have no published answer now."""
    buckets = Buckets(run)
    rows = (
        scope.questions()
        .filter(created_at__gte=run[0].since, created_at__lt=run[-1].until, answer_count=0)
        .values_list("created_at", flat=True)
    )
    for created in rows:
        buckets.add(created, 1)
    return [len(values) for values in buckets.values]


def unanswered_age(*, scope: Scope, now: datetime) -> tuple[int, float | None]:
    """Open questions with no answer now, and the median of their ages in days."""
    ages = [
        (now - created).total_seconds() / 86400
        for created in scope.questions()
        .filter(answer_count=0, closed_at__isnull=True)
        .values_list("created_at", flat=True)
        .iterator()
    ]
    return len(ages), (round(median(ages), 1) if ages else None)


def escalation_rate(run, scope):
    """Support cases opened in the period for every hundred questions asked in it."""
    asked, cases = Buckets(run), Buckets(run)
    for created in (
        scope.questions()
        .filter(created_at__gte=run[0].since, created_at__lt=run[-1].until)
        .values_list("created_at", flat=True)
    ):
        asked.add(created, 1)
    for opened in scope.rows(
        Case.objects.filter(opened_at__gte=run[0].since, opened_at__lt=run[-1].until),
        category="question__category_id",
    ).values_list("opened_at", flat=True):
        cases.add(opened, 1)
    return [share(len(c), len(a)) for c, a in zip(cases.values, asked.values, strict=True)]


def article_helpfulness(run, scope):
    """Of the "Was this helpful?" answers given in the period, the share that said yes."""
    votes, yes = Buckets(run), Buckets(run)
    rows = scope.rows(
        ArticleFeedback.objects.filter(updated_at__gte=run[0].since, updated_at__lt=run[-1].until),
        language="article__locale__language_code",
        category=None,
    ).values_list("updated_at", "helpful")
    for when, helpful in rows:
        votes.add(when, 1)
        if helpful:
            yes.add(when, 1)
    return [share(len(y), len(v)) for y, v in zip(yes.values, votes.values, strict=True)]


def _daily_sum(run, queryset, column) -> list[float]:
    buckets = Buckets(run)
    rows = (
        queryset.filter(day__gte=run[0].start, day__lt=run[-1].end)
        .values("day")
        .annotate(total=Sum(column))
        .values_list("day", "total")
    )
    for day, total in rows:
        buckets.add(day, total)
    return [sum(values) for values in buckets.values]


def thread_views(run, scope):
    return _daily_sum(run, scope.rows(DailyViews.objects.filter(kind="question")), "views")


def article_views(run, scope):
    return _daily_sum(
        run, scope.rows(DailyViews.objects.filter(kind="article"), category=None), "views"
    )


def deflection(run, scope):
    """Of the sessions that searched or read an article, the share that did not ask a question
    or escalate within 30 minutes afterwards."""
    queryset = scope.rows(DailySessions.objects.all(), category=None)
    helped = _daily_sum(run, queryset, "self_service")
    kept = _daily_sum(run, queryset, "deflected")
    return [share(k, h) for k, h in zip(kept, helped, strict=True)]


def _ratings(run, scope) -> Buckets:
    buckets = Buckets(run)
    rows = scope.rows(
        Survey.objects.filter(
            answered_at__gte=run[0].since, answered_at__lt=run[-1].until, rating__isnull=False
        )
    ).values_list("answered_at", "rating")
    for answered, rating in rows:
        buckets.add(answered, rating)
    return buckets


def satisfaction(run, scope):
    """The mean of the 1–5 ratings askers gave in the period (after an accepted answer or a
    solved case)."""
    return [round(sum(v) / len(v), 2) if v else None for v in _ratings(run, scope).values]


def satisfied_share(run, scope):
    """Of those ratings, the share that were 4 or 5."""
    return [share(sum(1 for r in v if r >= 4), len(v)) for v in _ratings(run, scope).values]


@dataclass(frozen=True)
class Figure:
    key: str
    label: object
    unit: str
    better: str  # "higher" or "lower": which way a change is good news
    compute: Callable[[list[Period], Scope], list]
    per_category: bool = True


FIGURES = [
    Figure(
        "first_answer_median",
        _("Time to first answer, median (hours)"),
        "h",
        "lower",
        first_answer_median,
    ),
    Figure(
        "first_answer_p90",
        _("Time to first answer, 90th percentile (hours)"),
        "h",
        "lower",
        first_answer_p90,
    ),
    Figure(
        "accepted_median",
        _("Time to accepted answer, median (hours)"),
        "h",
        "lower",
        accepted_median,
    ),
    Figure(
        "accepted_p90",
        _("Time to accepted answer, 90th percentile (hours)"),
        "h",
        "lower",
        accepted_p90,
    ),
    Figure("within_target", _("Answered within the target"), "%", "higher", within_target),
    Figure("unanswered", _("Questions still unanswered"), "", "lower", unanswered),
    Figure("escalation_rate", _("Escalation rate"), "%", "lower", escalation_rate),
    Figure("satisfaction", _("Satisfaction, mean rating (1–5)"), "", "higher", satisfaction),
    Figure("satisfied_share", _("Rated 4 or 5 of 5"), "%", "higher", satisfied_share),
    Figure(
        "article_helpfulness",
        _("Articles found helpful"),
        "%",
        "higher",
        article_helpfulness,
        per_category=False,
    ),
    Figure("thread_views", _("Thread views"), "", "higher", thread_views),
    Figure("article_views", _("Article views"), "", "higher", article_views, per_category=False),
    Figure(
        "deflection",
        pgettext_lazy("insights figure", "Self-service deflection"),
        "%",
        "higher",
        deflection,
        per_category=False,
    ),
]
BY_KEY = {figure.key: figure for figure in FIGURES}


@dataclass
class Row:
    period: Period
    value: float | None
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return round(self.value - self.previous, 1)

    @property
    def relative_change(self) -> float | None:
        if self.value is None or not self.previous:
            return None
        return (self.value - self.previous) / abs(self.previous)


@dataclass
class Series:
    figure: Figure
    run: list[Period]
    values: list  # the run's periods
    earlier: list  # the same number of periods before the run

    def rows(self) -> list[Row]:
        before = [*self.earlier[-1:], *self.values[:-1]]
        return [
            Row(period, _rounded(value), _rounded(previous))
            for period, value, previous in zip(self.run, self.values, before, strict=True)
        ]

    @property
    def latest(self) -> Row:
        return self.rows()[-1]


def _rounded(value):
    return None if value is None else round(value, 1)


def compute(figure: Figure, *, kind: str, count: int, scope: Scope, today: date) -> Series:
    """``figure`` for the last ``count`` complete periods and the ``count`` before them."""
    run = periods(kind, 2 * count, today=today)
    values = figure.compute(run, scope if figure.per_category else Scope(scope.language))
    return Series(figure, run[count:], values[count:], values[:count])


def compute_all(
    *, kind: str, count: int, scope: Scope, today: date, keys: Iterable[str] | None = None
) -> list[Series]:
    return [
        compute(BY_KEY[key], kind=kind, count=count, scope=scope, today=today)
        for key in (keys or BY_KEY)
    ]


# Content gaps ----------------------------------------------------------------------------------


def content_gaps(*, period: Period, language: str = "", limit: int = 20) -> dict[str, list]:
    """The searches of ``period`` where the knowledge base fails: those most often followed by
    a question, those that found nothing, and those whose results nobody opened."""
    rows = DailySearch.objects.filter(day__gte=period.start, day__lt=period.end)
    if language:
        rows = rows.filter(language=language)
    totals = rows.values("query", "language").annotate(
        total=Sum("searches"),
        empty=Sum("no_results"),
        opened=Sum("clicked"),
        asked=Sum("then_asked"),
    )
    return {
        "then_asked": list(totals.filter(asked__gt=0).order_by("-asked", "query")[:limit]),
        "no_results": list(totals.filter(empty__gt=0).order_by("-empty", "query")[:limit]),
        "no_click": list(
            totals.filter(opened=0, total__gt=F("empty"))
            .annotate(unopened=F("total") - F("empty"))
            .order_by("-unopened", "query")[:limit]
        ),
    }


__all__ = [
    "FIGURES",
    "Figure",
    "Period",
    "Scope",
    "Series",
    "compute",
    "compute_all",
    "content_gaps",
    "periods",
    "unanswered_age",
]
