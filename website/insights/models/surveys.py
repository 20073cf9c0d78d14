"""What an asker said when their problem was settled: "Did this solve your problem?".

One survey per resolution of a question: an accepted answer (``answer``) or a support case
solved (``case``), each asked once (a question and a kind are unique). The question's language
and category are copied so the figures group without joining the forum, and the case's
assignee when it was solved is kept so satisfaction can be read per support-staff member.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000
RATING_MIN, RATING_MAX = 1, 5
# How long a survey waits for its answer, from the email's link and on the thread alike.
OPEN_FOR = timedelta(days=30)


class SurveyQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(rating__isnull=False)

    def unanswered(self):
        return self.filter(rating__isnull=True)

    def answered_between(self, start, end):
        """Responses given from ``start`` (included) to ``end`` (excluded)."""
        return self.answered().filter(answered_at__gte=start, answered_at__lt=end)


class Survey(models.Model):
    """One asker's rating (1–5) and optional plain-text comment about one resolution."""

    class Kind(models.TextChoices):
        ANSWER = "answer", _("An answer was accepted")
        CASE = "case", _("A support case was solved")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    question = models.ForeignKey(
        "forum.Question", on_delete=models.CASCADE, related_name="+", verbose_name=_("question")
    )
    case = models.ForeignKey(
        "support.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("support case"),
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("asker"),
    )
    language = models.CharField(_("language"), max_length=8)
    category_id = models.PositiveBigIntegerField(_("category"), null=True, blank=True)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("support staff member"),
    )
    answer = models.ForeignKey(
        "forum.Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        constraints = [
            models.UniqueConstraint(fields=["question", "kind"], name="insights_survey_once"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True)
                | Q(rating__gte=RATING_MIN, rating__lte=RATING_MAX),
                name="insights_survey_rating_1_to_5",
            ),
        ]
        indexes = [models.Index(fields=["answered_at"], name="insights_survey_answered")]

    def __str__(self):
        return f"{self.kind}:{self.question_id} {self.rating or '-'}"

    @property
    def is_answered(self) -> bool:
        return self.rating is not None

    def is_open(self, now) -> bool:
        """Waiting for its answer, and asked less than ``OPEN_FOR`` ago."""
        return not self.is_answered and self.created_at > now - OPEN_FOR
