"""Members' flags on posts."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .review import ReviewItem


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(outcome=Flag.Outcome.OPEN)

    def for_target(self, target):
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )

    def incorrect_or_outdated(self):
        """Flags saying content is wrong or out of date; read by the stale-content review."""
        return self.filter(reason=Flag.Reason.INCORRECT)


class Flag(models.Model):
    """A person's report that a post breaks the rules. One per person per post.

    ``score`` is fixed when the flag is raised (``actions.flags.flag_score``); ``outcome`` records
    whether moderators agreed, which feeds the flagger's future accuracy bonus.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam")
        ABUSIVE = "abusive", _("Rude or abusive")
        OFF_TOPIC = "off_topic", _("Off-topic")
        INCORRECT = "incorrect", _("Incorrect or outdated")
        OTHER = "other", _("Something else")

    class Outcome(models.TextChoices):
        OPEN = "open", _("Open")
        AGREED = "agreed", _("Moderators agreed")
        DISAGREED = "disagreed", _("Moderators disagreed")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    flagger = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_flags",
        verbose_name=_("flagged by"),
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    text = models.TextField(_("details"), max_length=1000, blank=True)
    score = models.PositiveIntegerField(_("score"))
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.OPEN
    )
    review_item = models.ForeignKey(
        ReviewItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="flags"
    )
    created_at = models.DateTimeField(_("flagged"), default=timezone.now, db_index=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        indexes = [models.Index(fields=["content_type", "object_id", "outcome"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "flagger"],
                name="moderation_one_flag_per_person",
            )
        ]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.score})"

    def clean(self):
        if self.reason == self.Reason.OTHER and not self.text.strip():
            raise ValidationError({"text": _("Say what is wrong with this post.")})
