"""Moderation records. Every record points at its content through a generic relation
(ContentType + object id), so moderation works for any model that follows the content protocol
described in ``moderation.protocol``.
"""

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

from .reasons import reason_label

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
    """The statuses every moderatable content model uses (see ``moderation.protocol``)."""

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
    (see ``services._locked_open_item``), so two moderators can never both decide it.
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

    ``score`` is fixed when the flag is raised (see ``services.flag_score``); ``outcome`` records
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


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to a person, shown on the site: a moderation decision about their post, or
    news another app reports about something they follow (a new answer, an accepted answer, a
    comment). Moderation stays generic: the other app gives the kind, the label of the thing
    (a title) and its address; moderation emails only its own decisions, the other app sends
    its own email.

    The sentence is rendered from ``kind`` in the reader's language at display time; ``note`` is
    the moderator's reason already in the recipient's language.
    """

    class Kind(models.TextChoices):
        APPROVED = "approved", _("Post approved")
        REJECTED = "rejected", _("Post rejected")
        HIDDEN = "hidden", _("Post hidden")
        RESTORED = "restored", _("Post restored")
        SUSPENDED = "suspended", _("Account suspended")
        NEW_ANSWER = "new_answer", _("New answer")
        ANSWER_ACCEPTED = "answer_accepted", _("Answer accepted")
        NEW_COMMENT = "new_comment", _("New comment")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_notifications"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    target_label = models.CharField(max_length=200, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    note = models.TextField(blank=True)
    until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient_id}"

    def message(self) -> str:
        """The notification as a sentence in the active language. The label (someone's title)
        sits between Unicode isolates, so an Arabic title never reorders an English sentence
        (or the reverse), on the page and in plain-text email alike."""
        label = f"\u2068{self.target_label}\u2069"
        sentences = {
            self.Kind.APPROVED: _("Your post “%(post)s” was approved and is now public."),
            self.Kind.REJECTED: _("Your post “%(post)s” was not accepted by the moderators."),
            self.Kind.HIDDEN: _("Your post “%(post)s” was hidden by the moderators."),
            self.Kind.RESTORED: _("Your post “%(post)s” is public again."),
            self.Kind.NEW_ANSWER: _("There is a new answer to “%(post)s”, a question you follow."),
            self.Kind.ANSWER_ACCEPTED: _("Your answer to “%(post)s” was accepted."),
            self.Kind.NEW_COMMENT: _("There is a new comment on your post in “%(post)s”."),
        }
        if self.kind in sentences:
            return sentences[self.kind] % {"post": label}
        return _("Your account is suspended until %(until)s: you can read but not post.") % {
            "until": timezone.localtime(self.until).strftime("%Y-%m-%d") if self.until else ""
        }

    @property
    def links_to_target(self) -> bool:
        """A rejected post is gone, so its notice has nothing to open."""
        return bool(self.target_url) and self.kind != self.Kind.REJECTED


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
