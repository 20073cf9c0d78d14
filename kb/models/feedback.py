"""Reader feedback: was this article helpful?"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class FeedbackReason(models.TextChoices):
    OUTDATED = "outdated", _("It is outdated")
    INACCURATE = "inaccurate", _("It is inaccurate")
    UNCLEAR = "unclear", _("It is unclear")
    NOT_SOLVED = "not_solved", _("It didn't solve my problem")
    BROKEN_LINK = "broken_link", _("A link is broken")
    OTHER = "other", _("Something else")


class ArticleFeedbackQuerySet(models.QuerySet):
    def helpful(self):
        return self.filter(helpful=True)

    def unhelpful(self):
        return self.filter(helpful=False)

    def recent(self, days: int = 90):
        """Votes cast or changed in the last `days` days."""
        return self.filter(updated_at__gte=timezone.now() - timedelta(days=days))

    def summary(self) -> dict:
        """Helpful and unhelpful counts, overall and over the last 90 days, in one query."""
        since = timezone.now() - timedelta(days=90)
        totals = self.aggregate(
            helpful_count=Count("pk", filter=Q(helpful=True)),
            unhelpful_count=Count("pk", filter=Q(helpful=False)),
            recent_helpful=Count("pk", filter=Q(helpful=True, updated_at__gte=since)),
            recent_total=Count("pk", filter=Q(updated_at__gte=since)),
        )
        totals["recent_ratio"] = (
            totals["recent_helpful"] / totals["recent_total"] if totals["recent_total"] else None
        )
        return totals

    def reason_counts(self) -> list[dict]:
        """How often each reason was given, most frequent first, with its label."""
        labels = dict(FeedbackReason.choices)
        rows = (
            self.unhelpful()
            .exclude(reason="")
            .values("reason")
            .annotate(count=Count("pk"))
            .order_by("-count", "reason")
        )
        return [
            {
                "reason": row["reason"],
                "label": labels.get(row["reason"], row["reason"]),
                "count": row["count"],
            }
            for row in rows
        ]


class ArticleFeedback(models.Model):
    """One reader's answer to "was this helpful?" for one article.

    One row per signed-in user, or per anonymous session, per article: voting again changes the
    answer instead of adding a vote, so counts cannot be stuffed by clicking twice.
    """

    article = models.ForeignKey("kb.ArticlePage", on_delete=models.CASCADE, related_name="feedback")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="article_feedback",
    )
    session_key = models.CharField(max_length=64, blank=True)
    helpful = models.BooleanField(_("helpful"))
    reason = models.CharField(
        _("reason"), max_length=20, choices=FeedbackReason.choices, blank=True
    )
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ArticleFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"],
                condition=Q(user__isnull=False),
                name="kb_feedback_one_per_user",
            ),
            models.UniqueConstraint(
                fields=["article", "session_key"],
                condition=Q(user__isnull=True),
                name="kb_feedback_one_per_session",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(session_key=""),
                name="kb_feedback_has_voter",
            ),
            models.CheckConstraint(
                condition=Q(helpful=False) | Q(reason=""),
                name="kb_feedback_reason_only_when_unhelpful",
            ),
        ]

    def __str__(self):
        return f"{self.article_id}: {'yes' if self.helpful else 'no'}"
