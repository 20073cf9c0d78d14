"""What happens around posts: votes, revisions after edits, and people following threads."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .posts import Answer, Question


class Vote(models.Model):
    """One person's +1 or −1 on one question or answer. The database keeps it to one each."""

    # Kept (without a voter) when the account is deleted, so scores still match the votes.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="votes"
    )
    value = models.SmallIntegerField(choices=[(1, "+1"), (-1, "-1")])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"], name="forum_one_vote_per_question"
            ),
            models.UniqueConstraint(fields=["user", "answer"], name="forum_one_vote_per_answer"),
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="forum_vote_on_exactly_one_post",
            ),
            models.CheckConstraint(
                condition=Q(value__in=[1, -1]), name="forum_vote_is_plus_or_minus_one"
            ),
        ]

    def __str__(self):
        return f"{self.value:+d} by {self.user_id}"


class Revision(models.Model):
    """The full text of a question or answer after one edit (number 1 is the original)."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=150, blank=True)
    body = models.TextField(_("body"))
    tags = models.CharField(_("tags"), max_length=300, blank=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "number"], name="forum_question_revision_number"
            ),
            models.UniqueConstraint(
                fields=["answer", "number"], name="forum_answer_revision_number"
            ),
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="forum_revision_of_exactly_one_post",
            ),
        ]

    def __str__(self):
        return f"Revision {self.number}"


class Subscription(models.Model):
    """A person following a thread: they get an email when something happens in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_subscriptions"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"], name="forum_one_subscription_each"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} follows {self.question_id}"


class TagFollow(models.Model):
    """A person following a tag: each new published question with it tells them (on the site,
    and by email as they chose for "New question in what you follow")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_tag_follows"
    )
    tag = models.ForeignKey("taggit.Tag", on_delete=models.CASCADE, related_name="forum_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed tag")
        verbose_name_plural = _("followed tags")
        constraints = [
            models.UniqueConstraint(fields=["user", "tag"], name="forum_one_tag_follow_each"),
        ]

    def __str__(self):
        return f"{self.user_id} follows tag {self.tag_id}"


class CategoryFollow(models.Model):
    """A person following a category: each new published question filed under it tells them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_category_follows"
    )
    category = models.ForeignKey("forum.Category", on_delete=models.CASCADE, related_name="follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("followed category")
        verbose_name_plural = _("followed categories")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="forum_one_category_follow_each"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} follows category {self.category_id}"
