"""The satisfaction survey: asked once after each resolution, answered once by the asker, and
read as figures (responses, mean rating, share of 4–5) by category, language, staff member or
promoted article.

A resolution is an accepted answer (the forum's ``answer.accepted`` thread event) or a support
case solved (support's ``case.solved`` case event). When accepting an answer solves the
asker's open case, the two events describe one resolution: the case asks (it knows the staff
member), the answer does not (docs/decisions.md, 66).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.models import Answer, Question
from kb.models import ArticleFeedback, Provenance
from moderation import limits
from support.models import Case

from . import rules
from .models import Survey
from .models.surveys import COMMENT_MAX_LENGTH, RATING_MAX, RATING_MIN

if TYPE_CHECKING:
    from moderation.rules import Actor

TOKEN_SALT = "insights.survey"
# Answers per person: a survey is answered once, so these only stop a script.
ANSWER_LIMITS = [(10, 3600), (50, 24 * 3600)]
GROUPINGS = ("category", "language", "staff", "article")


class SurveyLimited(ValidationError):
    """Too many survey answers from one person in a short time."""


# Asking ---------------------------------------------------------------------------------------


def ask_about_resolution(
    *, kind: str, question: Question, answer: Answer | None = None, case: Case | None = None
) -> Survey | None:
    """Ask the question's author whether this resolution solved their problem, once per
    question and kind; the email goes after commit. Nobody is asked when the author's account
    is gone or closed, nor about their own answer. Returns the new survey, or None."""
    asker = question.author
    if asker is None or not asker.is_active:
        return None
    if answer is not None and answer.author_id == asker.pk:
        return None
    staff = case.assignee if case is not None and case.assignee_id != asker.pk else None
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                kind=kind,
                question=question,
                case=case,
                asker=asker,
                language=question.language,
                category_id=question.category_id,
                staff=staff,
                answer=answer,
            )
    except IntegrityError:  # this resolution was already asked about
        return None
    from .survey_email import send_survey_email

    transaction.on_commit(lambda: send_survey_email.enqueue(survey.pk))
    return survey


def ask_after_accepted_answer(*, question_id: int, answer_id: int) -> Survey | None:
    """An answer was accepted. A case still open on the question is being solved by this very
    accept, and the case's survey asks instead (see the module's docstring)."""
    question = Question.objects.select_related("author").filter(pk=question_id).first()
    answer = Answer.objects.filter(pk=answer_id, question_id=question_id).first()
    if question is None or answer is None or question.accepted_answer_id != answer.pk:
        return None
    if Case.objects.filter(question_id=question_id, state__in=Case.ACTIVE).exists():
        return None
    if Survey.objects.filter(
        question_id=question_id, kind=Survey.Kind.CASE, answer=answer
    ).exists():
        return None  # the case this accept solved has asked already
    return ask_about_resolution(kind=Survey.Kind.ANSWER, question=question, answer=answer)


def ask_after_solved_case(*, case_id: int) -> Survey | None:
    """A support case was solved: ask its asker, naming the case's assignee."""
    case = (
        Case.objects.select_related("assignee", "question__author", "question__accepted_answer")
        .filter(pk=case_id, state=Case.State.SOLVED)
        .first()
    )
    if case is None:
        return None
    question = case.question
    answer = question.accepted_answer
    asked = Survey.objects.filter(question=question, kind=Survey.Kind.ANSWER, answer=answer)
    if answer is not None and asked.exists():
        return None  # this accepted answer was already asked about
    return ask_about_resolution(kind=Survey.Kind.CASE, question=question, answer=answer, case=case)


def survey_language(survey: Survey) -> str:
    """The asker's chosen language, else the language they asked in."""
    return survey.asker.preferred_language or survey.language


# Links ----------------------------------------------------------------------------------------


def survey_token(survey: Survey) -> str:
    """The survey's signed name in its links: the same on every render (so cached post blocks
    and pages stay identical); when it stops working is the survey's (``Survey.is_open``)."""
    return signing.Signer(salt=TOKEN_SALT).sign_object({"s": survey.pk}, compress=True)


def read_survey_token(token: str) -> int:
    """The survey id of a genuine link; raises ``signing.BadSignature`` otherwise."""
    try:
        return int(signing.Signer(salt=TOKEN_SALT).unsign_object(token)["s"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("not a survey link") from error


# Answering ------------------------------------------------------------------------------------


def answer_survey(*, actor: Actor, survey: Survey, rating, comment: str = "") -> Survey:
    """The asker's rating (1 to 5) and optional comment (plain text, at most 1000 characters),
    given once: a second answer is refused and the first stays."""
    if not rules.is_survey_asker(actor, survey):
        raise PermissionDenied(_("Only the person who asked the question can answer this."))
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValidationError({"rating": _("Choose a rating from 1 to 5.")}, code="rating")
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("A comment can be at most %(limit)d characters long.")
                % {"limit": COMMENT_MAX_LENGTH}
            },
            code="too_long",
        )
    if survey.is_answered:
        raise ValidationError(_("You have already answered this survey. Thank you!"), code="once")
    if not survey.is_open(timezone.now()):
        raise ValidationError(_("This survey has closed."), code="closed")
    if limits.take(f"insights:survey:{actor.pk}", ANSWER_LIMITS):
        raise SurveyLimited(
            _("You have answered many surveys in a short time. Please try again later."),
            code="limited",
        )
    with transaction.atomic():
        now = timezone.now()
        answered = Survey.objects.filter(pk=survey.pk, rating__isnull=True).update(
            rating=rating, comment=comment, answered_at=now
        )
        if not answered:  # another tab answered first
            raise ValidationError(
                _("You have already answered this survey. Thank you!"), code="once"
            )
    survey.rating, survey.comment, survey.answered_at = rating, comment, now
    return survey


# Figures --------------------------------------------------------------------------------------


def _figures(rating: str = "rating") -> dict:
    return {
        "responses": Count(rating),
        "mean_rating": Avg(Cast(rating, FloatField())),
        "satisfied": Count(rating, filter=Q(**{f"{rating}__gte": 4})),
    }


def _with_share(row: dict) -> dict:
    responses, satisfied = row["responses"], row.pop("satisfied")
    row["mean_rating"] = round(row["mean_rating"], 2) if row["mean_rating"] is not None else None
    row["satisfied_share"] = satisfied / responses if responses else None
    return row


def satisfaction(
    start: datetime,
    end: datetime,
    *,
    group_by: str | None = None,
    language: str | None = None,
    category_id: int | None = None,
) -> dict | list[dict]:
    """The surveys answered from ``start`` to ``end``: how many (``responses``), the mean
    rating (``mean_rating``, 2 decimals) and the share rated 4 or 5 (``satisfied_share``, 0–1),
    over all or one row per group. Groups: ``category`` (``category_id``), ``language``,
    ``staff`` (``staff_id``, the case's assignee when it was solved) or ``article`` (promoted
    articles: ``article_id``, with the article's "Was this helpful?" votes in the same period,
    ``helpful_votes`` and ``helpful_share``). One query; the work is the database's."""
    surveys = Survey.objects.answered_between(start, end)
    if language:
        surveys = surveys.filter(language=language)
    if category_id is not None:
        surveys = surveys.filter(category_id=category_id)
    if group_by is None:
        return _with_share(surveys.aggregate(**_figures()))
    if group_by not in GROUPINGS:
        raise ValueError(f"Group by one of {', '.join(GROUPINGS)}, not {group_by!r}")
    if group_by == "article":
        return _by_article(surveys, start, end)
    field = {"category": "category_id", "language": "language", "staff": "staff_id"}[group_by]
    if group_by == "staff":
        surveys = surveys.filter(staff__isnull=False)
    rows = surveys.values(field).annotate(**_figures()).order_by(field)
    return [_with_share(dict(row)) for row in rows]


def _by_article(surveys, start: datetime, end: datetime) -> list[dict]:
    """One row per promoted article whose source question has answered surveys or whose
    readers voted in the period: the surveys about the question, the article's votes."""
    by_question = surveys.filter(question_id=OuterRef("question_id")).values("question_id")
    votes = ArticleFeedback.objects.filter(
        article_id=OuterRef("article_id"), updated_at__gte=start, updated_at__lt=end
    ).values("article_id")

    def survey_figure(expression):
        return Subquery(by_question.annotate(value=expression).values("value")[:1])

    def vote_count(condition=None):
        counted = votes.annotate(value=Count("pk", filter=condition)).values("value")[:1]
        return Coalesce(Subquery(counted), 0)

    rows = (
        Provenance.objects.annotate(
            responses=Coalesce(survey_figure(Count("rating")), 0),
            mean_rating=survey_figure(Avg(Cast("rating", FloatField()))),
            satisfied=Coalesce(survey_figure(Count("rating", filter=Q(rating__gte=4))), 0),
            helpful_votes=vote_count(),
            helpful_yes=vote_count(Q(helpful=True)),
        )
        .filter(Q(responses__gt=0) | Q(helpful_votes__gt=0))
        .values(
            "article_id",
            "question_id",
            "responses",
            "mean_rating",
            "satisfied",
            "helpful_votes",
            "helpful_yes",
        )
        .order_by("article_id")
    )
    result = []
    for row in rows:
        row = _with_share(dict(row))
        yes, total = row.pop("helpful_yes"), row["helpful_votes"]
        row["helpful_share"] = yes / total if total else None
        result.append(row)
    return result
