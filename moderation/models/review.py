"""What waits for a moderator: the review item, the statuses content uses, watched words
and rejection templates."""

import logging
from functools import lru_cache

import re2
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..reasons import reason_label

MAX_PATTERN_LENGTH = 200
# RE2 compiles a pattern to an automaton: its program may use at most this much memory.
WATCHED_PATTERN_MAX_MEMORY = 1 << 20
logger = logging.getLogger("dalil.moderation")


class UnsafePattern(ValueError):
    """RE2 cannot run this pattern (backreference, lookaround, too large) or it is invalid."""


@lru_cache(maxsize=512)
def compile_watched_pattern(pattern: str):
    """The pattern compiled by RE2, case-insensitive. RE2 matches in time linear in the text
    whatever the pattern, because it never backtracks; it refuses what it cannot run that way
    (backreferences, lookarounds) and patterns whose automaton would be too large."""
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    options.max_mem = WATCHED_PATTERN_MAX_MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        detail = error.args[0] if error.args else ""
        if isinstance(detail, bytes):
            detail = detail.decode("utf-8", "replace")
        raise UnsafePattern(str(detail)) from None


class PostStatus(models.TextChoices):
    """The statuses every moderatable content model uses (see ``moderation.adapters``)."""

    PENDING = "pending", _("awaiting review")
    PUBLISHED = "published", _("published")
    HIDDEN = "hidden", _("hidden")
    DELETED = "deleted", _("deleted")


class WatchedWordQuerySet(models.QuerySet):
    def matching(self, text: str) -> list["WatchedWord"]:
        """The watched words that occur in ``text`` (case-insensitive)."""
        return [word for word in self if word.matches(text)]


class WatchedWord(models.Model):
    """A word or regular expression that sends a new or edited post to the review queue.

    Regular expressions are matched by RE2 (`compile_watched_pattern`), whose cost is linear
    in the text for every pattern it accepts; patterns it cannot run that way are refused when
    a moderator saves them, so one careless pattern cannot make screening take seconds a post.
    """

    pattern = models.CharField(_("word or pattern"), max_length=MAX_PATTERN_LENGTH, unique=True)
    is_regex = models.BooleanField(
        _("regular expression"),
        default=False,
        help_text=_(
            "Leave unticked to match the plain word anywhere in the text. Regular expressions "
            "use RE2 syntax: no backreferences or lookarounds, and \\b only knows Latin letters "
            "(for Arabic words, use a plain word)."
        ),
    )
    note = models.CharField(_("note for moderators"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = WatchedWordQuerySet.as_manager()

    class Meta:
        ordering = ["pattern"]
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")

    def __str__(self):
        return self.pattern

    def clean(self):
        if not self.is_regex:
            return
        try:
            compile_watched_pattern(self.pattern)
        except UnsafePattern as error:
            raise ValidationError(
                {
                    "pattern": _(
                        "This pattern cannot be used: screening only runs patterns that take "
                        "time in proportion to the text (no backreferences, lookarounds or "
                        "huge repetitions), written in RE2 syntax. The matcher said: %(error)s"
                    )
                    # The matcher's words are English: isolated, they keep their order in Arabic.
                    % {"error": f"\u2068{error}\u2069"}
                }
            )

    def matches(self, text: str) -> bool:
        """Whether the pattern occurs in ``text`` (case-insensitive)."""
        if not self.is_regex:
            return self.pattern.casefold() in text.casefold()
        try:
            return compile_watched_pattern(self.pattern).search(text) is not None
        except UnsafePattern:
            # Saved before RE2 (or around the admin): never run it, and say so in the log.
            logger.warning("Watched pattern %r cannot run in linear time; skipped", self.pattern)
            return False


class RejectionTemplate(models.Model):
    """A reason moderators pick when rejecting a post; sent to the author in their language."""

    title_en = models.CharField(_("title (English)"), max_length=100, unique=True)
    title_ar = models.CharField(_("title (Arabic)"), max_length=100)
    body_en = models.TextField(_("message (English)"), max_length=1000)
    body_ar = models.TextField(_("message (Arabic)"), max_length=1000)

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self):
        return self.title()

    def title(self, language: str | None = None) -> str:
        """The title in ``language`` (the active language by default)."""
        return self.title_ar if (language or get_language()) == "ar" else self.title_en

    def body(self, language: str | None = None) -> str:
        """The message in ``language`` (the active language by default)."""
        return self.body_ar if (language or get_language()) == "ar" else self.body_en


class ReviewItemQuerySet(models.QuerySet):
    def open(self):
        """Items still waiting for a moderator."""
        return self.filter(status=ReviewItem.Status.OPEN)

    def for_target(self, target):
        """Items about one piece of content."""
        return self.filter(
            content_type=ContentType.objects.get_for_model(target), object_id=target.pk
        )

    def in_queue_order(self):
        """Highest flag score first, then the oldest."""
        return self.order_by("-score", "created_at", "pk")

    def with_reason(self, code: str):
        """Items with a reason of this code. Filtered in Python-free SQL on both databases by
        matching the stored codes string."""
        return self.filter(reason_codes__contains=f"|{code}|")


class ReviewItem(models.Model):
    """One piece of content waiting for (or having had) a moderator's decision.

    At most one item per piece of content is open at a time; flags and screening reasons on the
    same content add to it. ``status`` moves from open to exactly one decision, under a row lock
    (see ``actions.decisions``), so two moderators can never both decide it.
    """

    class Kind(models.TextChoices):
        PENDING = "pending", _("Pending post")
        FLAGGED = "flagged", _("Flagged post")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        HIDDEN = "hidden", _("Hidden")
        SPAM = "spam", _("Spam")
        RESTORED = "restored", _("Restored")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    reason_codes = models.CharField(max_length=300, blank=True, editable=False)
    score = models.PositiveIntegerField(_("flag score"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    category = models.CharField(_("category"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = ReviewItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        permissions = [("moderate", "Can moderate community content")]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "-score", "created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(status="open"),
                name="moderation_one_open_item_per_target",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def add_reasons(self, reasons) -> None:
        """Merge (code, detail) reasons into the item, keeping each distinct one once."""
        known = {(r["code"], r.get("detail", "")) for r in self.reasons}
        for code, detail in reasons:
            if (code, detail) not in known:
                self.reasons.append({"code": code, "detail": detail})
                known.add((code, detail))
        self.reason_codes = "|" + "|".join(sorted({r["code"] for r in self.reasons})) + "|"

    def reason_labels(self) -> list[str]:
        """Every reason as a sentence in the active language."""
        return [reason_label(r["code"], r.get("detail", "")) for r in self.reasons]
