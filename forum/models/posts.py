"""Questions, answers and comments people write, with the votes, revisions and follows around them.

Every post (question, answer, comment) carries a `status` from `PostStatus`, so moderation can
hold, hide or delete it without knowing what kind of post it is. Visibility is decided in one
place, `PostQuerySet.visible_to`, and every page reads through it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from moderation.models import PostStatus

from .. import rules
from ..markdown import render_markdown
from .categories import Category

MODERATE_PERMISSION = rules.MODERATE_PERMISSION
DELETED_USER = _("Deleted user")
VIEW_DELETED_PERMISSION = rules.VIEW_DELETED_PERMISSION


class PostQuerySet(models.QuerySet):
    """Reads shared by every kind of post."""

    def published(self):
        return self.filter(status=PostStatus.PUBLISHED)

    def visible_to(self, user):
        """Published posts for everyone; authors also see their own pending posts; staff who
        moderate see hidden and pending posts, and only those who may see deleted posts see those.
        """
        if user is None or not user.is_authenticated:
            return self.published()
        if user.has_perm(MODERATE_PERMISSION):
            if user.has_perm(VIEW_DELETED_PERMISSION):
                return self
            return self.exclude(status=PostStatus.DELETED)
        return self.filter(
            Q(status=PostStatus.PUBLISHED) | Q(status=PostStatus.PENDING, author=user)
        )


class QuestionQuerySet(PostQuerySet):
    """Reads for question lists: filters people pick on the questions page."""

    def taking_answers(self):
        """Questions not locked or closed (``Question.accepts_answers`` in the database)."""
        return self.filter(locked=False, closed_reason="")

    def unanswered(self):
        """Questions waiting for a first answer. A closed or locked question cannot get one,
        so lists that invite answers (the home page, "Unanswered") never show it."""
        return self.taking_answers().filter(answer_count=0)

    def unsolved(self):
        return self.filter(accepted_answer__isnull=True)

    def solved(self):
        return self.filter(accepted_answer__isnull=False)

    def in_language(self, language_code: str):
        return self.filter(language=language_code)

    def for_list(self):
        """What a list row shows, loaded in a fixed number of queries."""
        return self.select_related("author", "category").prefetch_related("tags")

    def sorted_by(self, sort: str):
        orders = {
            "newest": ["-created_at", "-pk"],
            "votes": ["-score", "-last_activity_at", "-pk"],
            "activity": ["-last_activity_at", "-pk"],
        }
        return self.order_by(*orders.get(sort, orders["activity"]))


class Post(models.Model):
    """What questions, answers and comments share: an author, markdown, a status, timestamps."""

    # Null once the author's account is deleted: the post stays, signed "Deleted user".
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("body"))
    body_html = models.TextField(_("rendered body"), blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=PostStatus.choices, default=PostStatus.PUBLISHED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    # A random value from the form, so that submitting the same form twice makes one post.
    submission_token = models.CharField(max_length=64, blank=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    @property
    def is_pending(self) -> bool:
        return self.status == PostStatus.PENDING

    @property
    def author_name(self) -> str:
        """The author's public name, or "Deleted user" once the account is gone."""
        return self.author.public_name if self.author_id else str(DELETED_USER)

    def moderation_text(self) -> str:
        """The full text screening reads (``forum.moderation`` hands it to moderation too)."""
        return self.body


class VersionedPost(Post):
    """A post that can be edited: it keeps a version number for edit conflicts and a score."""

    score = models.IntegerField(_("score"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        abstract = True


class QuestionTag(TaggedItemBase):
    """The link between a question and one of its tags."""

    content_object = models.ForeignKey("Question", on_delete=models.CASCADE)


class CloseReason(models.TextChoices):
    """Why a moderator closed a question to new answers."""

    DUPLICATE = "duplicate", _("Duplicate of another question")
    OFF_TOPIC = "off_topic", _("Not about our products or services")
    UNCLEAR = "unclear", _("Unclear what is being asked")
    RESOLVED = "resolved", _("Resolved by our support team")
    OTHER = "other", _("Other")


class Question(VersionedPost):
    """A question a customer asks the community: the start of a thread."""

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=160, allow_unicode=True, blank=True, editable=False
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="questions",
        null=True,
        blank=True,
        verbose_name=_("category"),
    )
    tags = TaggableManager(through=QuestionTag, blank=True, verbose_name=_("tags"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    locked = models.BooleanField(_("locked"), default=False)
    closed_reason = models.CharField(
        _("closed because"), max_length=16, choices=CloseReason.choices, blank=True
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    accepted_answer = models.OneToOneField(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted answer"),
    )
    # When the asker (or a moderator) accepted the current accepted answer: the insights'
    # time to an accepted answer.
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    # The accepted answer while it is hidden or deleted: restoring it makes it the accepted
    # answer again, unless the asker chose (or un-chose) an answer in the meantime.
    accepted_answer_set_aside = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("accepted answer set aside"),
    )
    # The support team's answer of record, shown under the question even when it is not the
    # accepted one (the asker's choice stays theirs); one per thread.
    official_answer = models.ForeignKey(
        "Answer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("official answer"),
    )
    answer_count = models.PositiveIntegerField(_("answers"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    last_activity_at = models.DateTimeField(_("last activity"), default=timezone.now)
    source_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("asked from page"),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        permissions = [
            ("moderate_posts", _("Can moderate community posts")),
            ("view_deleted_posts", _("Can see deleted community posts")),
            ("answer_for_support_team", _("Can answer for the support team")),
        ]
        indexes = [
            models.Index(fields=["status", "-last_activity_at"]),
            models.Index(fields=["status", "language", "-created_at"]),
            # The question list's default and "most votes" sorts in one language (see
            # docs/performance.md for the plans on the benchmark corpus).
            models.Index(
                fields=["status", "language", "-last_activity_at"],
                name="forum_question_list_activity",
            ),
            models.Index(
                fields=["status", "language", "-score", "-last_activity_at"],
                name="forum_question_list_votes",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                condition=~Q(submission_token=""),
                name="forum_question_one_post_per_submission",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = make_slug(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("forum:question_detail", kwargs={"pk": self.pk, "slug": self.slug})

    def clean(self):
        errors = {}
        for field, cleaner in (("title", rules.clean_title), ("body", rules.clean_body)):
            try:
                setattr(self, field, cleaner(getattr(self, field)))
            except ValidationError as error:
                errors[field] = error.messages
        if self.duplicate_of_id is not None and self.duplicate_of_id == self.pk:
            errors["duplicate_of"] = [_("A question cannot be a duplicate of itself.")]
        if errors:
            raise ValidationError(errors)
        self.body_html = render_markdown(self.body)

    @property
    def is_closed(self) -> bool:
        return bool(self.closed_reason)

    @property
    def is_solved(self) -> bool:
        return self.accepted_answer_id is not None

    @property
    def accepts_answers(self) -> bool:
        return self.is_published and not self.locked and not self.is_closed

    def moderation_text(self) -> str:
        return f"{self.title}\n\n{self.body}"


class Answer(VersionedPost):
    """An answer to a question, from a customer or a member of staff."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("question")
    )
    # Written by a member of the support team (``forum.answer_for_support_team`` when it was
    # posted): the "Support team" badge, which keeps the role the author had then.
    by_support_team = models.BooleanField(_("by the support team"), default=False, editable=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["-score", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                condition=~Q(submission_token=""),
                name="forum_answer_one_post_per_submission",
            ),
        ]

    def __str__(self):
        return Truncator(self.body).chars(60)

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#answer-{self.pk}"

    def clean(self):
        try:
            self.body = rules.clean_body(self.body)
        except ValidationError as error:
            raise ValidationError({"body": error.messages})
        self.body_html = render_markdown(self.body)


class Comment(Post):
    """A short remark on a question (when `answer` is empty) or on one of its answers."""

    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="comments", verbose_name=_("question")
    )
    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        related_name="comments",
        null=True,
        blank=True,
        verbose_name=_("answer"),
    )

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "submission_token"],
                condition=~Q(submission_token=""),
                name="forum_comment_one_post_per_submission",
            ),
        ]

    def __str__(self):
        return Truncator(self.body).chars(60)

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#comment-{self.pk}"

    def clean(self):
        try:
            self.body = rules.clean_comment(self.body)
        except ValidationError as error:
            raise ValidationError({"body": error.messages})
        if self.answer_id is not None and self.answer.question_id != self.question_id:
            raise ValidationError(_("This answer belongs to another question."))
        self.body_html = render_markdown(self.body)


def make_slug(title: str) -> str:
    """A URL slug that keeps Arabic letters (Arabic titles keep Arabic slugs)."""
    return slugify(title, allow_unicode=True)[:150].strip("-") or "question"
