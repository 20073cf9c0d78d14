"""On-site notices to a person, and how each kind reaches them by email."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(recipient=user)

    def unread(self):
        return self.filter(read_at__isnull=True)

    def awaiting_digest(self, period: str):
        """Notices whose email waits for the ``period`` digest and was not sent yet."""
        return self.filter(delivery=period, emailed_at__isnull=True)


class Delivery(models.TextChoices):
    """How a kind of notice reaches a person by email (the notice on the site always exists)."""

    AT_ONCE = "at_once", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")
    OFF = "off", _("Off")


DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)


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
        MENTION = "mention", _("Mention")
        NEW_QUESTION = "new_question", _("New question in what you follow")
        CASE_UPDATE = "case_update", _("Support case update")
        SURVEY = "survey", _("Satisfaction survey")

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
    # What happened, once per recipient ("new_answer:answer:42"): a task run twice, or two
    # workers at once, store one notice (and so send one email). Empty for decisions.
    event_key = models.CharField(max_length=120, blank=True, default="")
    delivery = models.CharField(
        max_length=8, choices=Delivery.choices, default=Delivery.AT_ONCE, editable=False
    )
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"],
                condition=~Q(event_key=""),
                name="moderation_notification_once_per_event",
            ),
        ]
        indexes = [
            models.Index(
                fields=["delivery", "recipient"],
                condition=Q(emailed_at__isnull=True),
                name="moderation_notice_digest_idx",
            ),
        ]

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
            self.Kind.MENTION: _("Someone mentioned you in “%(post)s”."),
            self.Kind.NEW_QUESTION: _(
                "A new question was asked in a tag or category you follow: “%(post)s”."
            ),
            self.Kind.CASE_UPDATE: _("Your support case “%(post)s” was updated."),
            self.Kind.SURVEY: _("Did the answer to “%(post)s” solve your problem? Tell us."),
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


# The e-mail each kind gets when the person chose nothing: news about a tag or category they
# follow comes once a day, everything about their own posts at once.
DEFAULT_DELIVERY = {Notification.Kind.NEW_QUESTION: Delivery.DAILY}


def default_delivery(kind: str) -> str:
    return DEFAULT_DELIVERY.get(kind, Delivery.AT_ONCE)


class EmailPreference(models.Model):
    """A person's choice for one kind of notice: email at once, in a daily or weekly digest, or
    not at all. No row means the kind's default (`default_delivery`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preferences"
    )
    kind = models.CharField(max_length=16, choices=Notification.Kind.choices)
    delivery = models.CharField(max_length=8, choices=Delivery.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("email preference")
        verbose_name_plural = _("email preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="moderation_one_preference_each"),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.kind} → {self.delivery}"
