"""Stale-content signals, items and reviews, and the scheduler's record of its runs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StaleSignalQuerySet(models.QuerySet):
    def open(self):
        """Signals whose cause is still there and that nobody dismissed."""
        return self.filter(resolved_at__isnull=True, dismissed_at__isnull=True)

    def for_target(self, target):
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )


class StaleSignal(models.Model):
    """One reason to think a piece of content may be out of date.

    A detector (registered through ``moderation.stale.register_detector``) finds the cause; the
    sweep records it once with its evidence and the time it was first seen, and sets
    ``resolved_at`` when the cause goes away. A reviewer may dismiss one signal with a reason: it
    then stops counting until its cause goes away and comes back. At most one unresolved signal
    per item and code.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    code = models.CharField(_("signal"), max_length=32)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    detected_at = models.DateTimeField(_("detected"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
    )
    dismissed_reason = models.TextField(_("reason for dismissing"), max_length=500, blank=True)

    objects = StaleSignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("stale-content signal")
        verbose_name_plural = _("stale-content signals")
        permissions = [("review_stale", "Can review stale content")]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "code"],
                condition=models.Q(resolved_at__isnull=True),
                name="moderation_one_unresolved_stale_signal",
            )
        ]

    def __str__(self):
        return f"{self.code} #{self.object_id}"


class StaleItemQuerySet(models.QuerySet):
    def needing_review(self):
        """Items with a score above zero, highest score first."""
        return self.filter(score__gt=0).order_by("-score", "title", "pk")

    def owned_by(self, user):
        return self.filter(owner=user)


class StaleItem(models.Model):
    """The stale score of one piece of content and what the review queue shows about it.

    Rewritten by the sweep from the item's open signals (weights in ``DALIL_STALE_WEIGHTS``);
    owner, category, locale and title are copied from the content so the queue can filter and
    sort without touching the content apps.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=32)
    score = models.PositiveIntegerField(_("stale score"), default=0)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    locale = models.CharField(_("language"), max_length=8, blank=True)
    signal_codes = models.CharField(max_length=300, blank=True, editable=False)

    objects = StaleItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("stale item")
        verbose_name_plural = _("stale items")
        indexes = [models.Index(fields=["-score"]), models.Index(fields=["owner", "-score"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="moderation_one_stale_item_per_target"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.score})"


class StaleReview(models.Model):
    """A reviewer's "this is still right": who, when and an optional note. The latest review
    restarts the item's review clock; the signals it answers are resolved."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    reviewer_name = models.CharField(_("reviewer's name"), max_length=150, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), default=timezone.now)

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("stale-content review")
        verbose_name_plural = _("stale-content reviews")
        indexes = [models.Index(fields=["content_type", "object_id", "-reviewed_at"])]

    def __str__(self):
        return f"{self.reviewer_name} {self.reviewed_at:%Y-%m-%d}"


class ScheduledRun(models.Model):
    """When the scheduler last started and finished one periodic job, and how it went.

    One row per job name. The scheduler claims a due job by moving ``last_started_at`` forward
    in a single conditional UPDATE, so two scheduler processes never start it twice in one
    period (``moderation.scheduler.claim``).
    """

    name = models.CharField(_("job"), max_length=100, unique=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_result = models.CharField(_("last result"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")

    def __str__(self):
        return self.name

    @property
    def failed(self) -> bool:
        return self.last_result.startswith("failed")
