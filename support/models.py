"""Support cases: a thread the community could not solve, handed to the support team.

A ``Case`` belongs to one forum question (escalating twice finds the same case); its history is
the audit log (``moderation.audit.record`` on the case). ``CaseNote`` holds what the asker and
the team tell each other in private (order numbers, account data): never on the public thread,
never in search, never in a cached page. ``CategoryPolicy`` is each forum category's response
targets.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .conf import setting

NOTE_MAX_LENGTH = 2000


class CategoryPolicy(models.Model):
    """How fast the support team answers in one forum category."""

    category = models.OneToOneField(
        "forum.Category",
        on_delete=models.CASCADE,
        related_name="support_policy",
        verbose_name=_("category"),
    )
    first_response_hours = models.PositiveIntegerField(
        _("first-response target (hours)"),
        default=24,
        help_text=_("A question nobody answered in this time goes to the support team."),
    )
    asker_wait_hours = models.PositiveIntegerField(
        _("support steps in after (hours)"),
        default=24,
        help_text=_("How long an asker waits for the community before asking the team."),
    )
    support_first = models.BooleanField(
        _("support first"),
        default=False,
        help_text=_("Askers may ask the support team at once (account and billing questions)."),
    )

    class Meta:
        verbose_name = _("support policy")
        verbose_name_plural = _("support policies")

    def __str__(self):
        return str(self.category)


def policy_of(question) -> CategoryPolicy | None:
    """The support policy of the question's category (None: the defaults apply)."""
    if question.category_id is None:
        return None
    return CategoryPolicy.objects.filter(category_id=question.category_id).first()


def policy_hours(policy: CategoryPolicy | None) -> tuple[int, int, bool]:
    """(first-response hours, asker wait hours, support first) of a category, or the defaults."""
    if policy is None:
        return (
            setting("DALIL_SUPPORT_FIRST_RESPONSE_HOURS"),
            setting("DALIL_SUPPORT_ASKER_WAIT_HOURS"),
            False,
        )
    return policy.first_response_hours, policy.asker_wait_hours, policy.support_first


class CaseQuerySet(models.QuerySet):
    def active(self):
        """Cases the team still works: new, open or waiting on the customer."""
        return self.filter(state__in=Case.ACTIVE)

    def overdue(self, now=None):
        """Active cases still waiting for the team past their due time."""
        return self.filter(
            state__in=[Case.State.NEW, Case.State.OPEN], due_at__lt=now or timezone.now()
        )


class Case(models.Model):
    class State(models.TextChoices):
        NEW = "new", _("New")
        OPEN = "open", _("Open")
        WAITING = "waiting", _("Waiting on the customer")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")
        URGENT = "urgent", _("Urgent")

    class Source(models.TextChoices):
        ASKER = "asker", _("The asker asked for help")
        STAFF = "staff", _("Escalated by the team")
        AUTOMATIC = "automatic", _("No answer within the target")

    ACTIVE = (State.NEW, State.OPEN, State.WAITING)

    question = models.OneToOneField(
        "forum.Question",
        on_delete=models.CASCADE,
        related_name="support_case",
        verbose_name=_("question"),
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.NEW)
    priority = models.CharField(
        _("priority"), max_length=16, choices=Priority.choices, default=Priority.NORMAL
    )
    source = models.CharField(_("opened because"), max_length=16, choices=Source.choices)
    category = models.ForeignKey(
        "forum.Category",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    language = models.CharField(_("language"), max_length=8)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
        verbose_name=_("assignee"),
    )
    opened_by_name = models.CharField(_("opened by"), max_length=150, blank=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    due_at = models.DateTimeField(_("reply due"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        ordering = ["due_at", "pk"]
        permissions = [("work_cases", _("Can work support cases"))]
        indexes = [models.Index(fields=["state", "due_at"])]

    def __str__(self):
        return f"case {self.pk} (question {self.question_id})"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE

    def lateness(self, now=None) -> timedelta | None:
        """How late the team is, for a case still waiting for it (None when not late)."""
        now = now or timezone.now()
        if self.state in (self.State.NEW, self.State.OPEN) and self.due_at < now:
            return now - self.due_at
        return None


class CaseNote(models.Model):
    """A private message on a case, between the asker and the support team."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    author_name = models.CharField(_("author's name"), max_length=150)
    by_team = models.BooleanField(_("by the support team"), default=False)
    body = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("private note")
        verbose_name_plural = _("private notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"note {self.pk} on case {self.case_id}"
