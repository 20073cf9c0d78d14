"""Measures about people: suspensions and being under review."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SuspensionQuerySet(models.QuerySet):
    def active(self):
        """Suspensions in force now."""
        return self.filter(until__gt=timezone.now(), lifted_at__isnull=True)


class Suspension(models.Model):
    """A period during which a person may read but not post, vote or flag."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_suspensions",
        verbose_name=_("person"),
    )
    until = models.DateTimeField(_("until"))
    reason = models.TextField(_("reason"), max_length=1000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("suspended by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")

    def __str__(self):
        return f"{self.user} → {self.until:%Y-%m-%d}"


class UserUnderReview(models.Model):
    """A person whose every new post goes to the review queue, whatever their trust level."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="moderation_watch",
        verbose_name=_("person"),
    )
    reason = models.TextField(_("reason"), max_length=1000)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("person under review")
        verbose_name_plural = _("people under review")

    def __str__(self):
        return str(self.user)
