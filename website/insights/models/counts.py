"""What insights keep: counts per day, and for two days the anonymous visits they come from.

Nothing here names a person or an address. A visitor is a hash of a random first-party cookie
and a salt that changes every day (``counting.visitor_id``), so one browser's visits cannot be
linked from one day to the next, and the raw visits (`Visit`) are deleted once the day they
belong to is folded into the daily rows. Every row is deleted after
``DALIL_INSIGHTS_RETENTION_DAYS`` (13 months by default) by the scheduler.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyViews(models.Model):
    """How many times a thread or an article was read on one day, in its language; repeat
    views by one visitor within ``DALIL_INSIGHTS_REPEAT_MINUTES`` count once."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Thread")
        ARTICLE = "article", _("Article")

    day = models.DateField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    category_id = models.PositiveBigIntegerField(null=True, blank=True)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "object_id", "language"], name="insights_views_once"
            )
        ]
        indexes = [models.Index(fields=["day", "kind"], name="insights_views_day")]
        permissions = [
            ("view_insights", _("Can see the insights")),
        ]

    def __str__(self):
        return f"{self.day} {self.kind}:{self.object_id} {self.views}"


class Visit(models.Model):
    """One step of an anonymous visit that deflection needs (a search, an article read, a
    question asked, a case escalated), kept only until its day is folded (`rollup`)."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("Searched")
        ARTICLE = "article", _("Read an article")
        QUESTION = "question", _("Read a thread")
        ASK = "ask", _("Asked a question")
        ESCALATE = "escalate", _("Asked the support team")

    at = models.DateTimeField(db_index=True)
    visitor = models.CharField(max_length=32)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    language = models.CharField(max_length=8)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # The normalised query of a search, or of the search a read came from (its Referer).
    query = models.CharField(max_length=200, blank=True)
    result_count = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["visitor", "at"], name="insights_visit_visitor")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


class DailySessions(models.Model):
    """Visitor sessions of one day and language (visits more than
    ``DALIL_INSIGHTS_SESSION_MINUTES`` apart are two sessions): how many helped themselves
    (searched or read an article) and how many of those did not ask or escalate afterwards."""

    day = models.DateField()
    language = models.CharField(max_length=8)
    sessions = models.PositiveIntegerField(default=0)
    self_service = models.PositiveIntegerField(default=0)
    deflected = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "language"], name="insights_sessions_once")
        ]

    def __str__(self):
        return f"{self.day} {self.language}: {self.deflected}/{self.self_service}"


class DailySearch(models.Model):
    """One normalised query on one day in one language: how often it was searched, how many of
    those searches led to a click on a result, and how many were followed by a question."""

    day = models.DateField()
    language = models.CharField(max_length=8)
    query = models.CharField(max_length=200)
    searches = models.PositiveIntegerField(default=0)
    no_results = models.PositiveIntegerField(default=0)
    clicked = models.PositiveIntegerField(default=0)
    then_asked = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "query"], name="insights_search_once"
            )
        ]
        indexes = [models.Index(fields=["day", "language"], name="insights_search_day")]

    def __str__(self):
        return f"{self.day} {self.query}: {self.searches}"


class RolledUpDay(models.Model):
    """A day whose visits were folded into `DailySessions` and `DailySearch` (and deleted)."""

    day = models.DateField(unique=True)
    folded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.day)


class SummarySubscription(models.Model):
    """A support lead who asked for the weekly insights summary by email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="insights_summary"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_for = models.DateField(null=True, blank=True)

    def __str__(self):
        return str(self.user_id)
