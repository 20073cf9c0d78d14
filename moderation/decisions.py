"""Every decision a moderator takes, described once: THE table of moderation decisions.

A row says what the decision is called, what it asks for (its form), and what it does: the
status it leaves the review item in, the status it gives the post, its verdict on the flags,
the audit log action it writes, the notification the author receives and whether the item is
closed afterwards. The actions (``moderation.actions.decisions``) read the row instead of
restating it, the item page draws its buttons and forms from it, and the bulk form offers the
rows marked ``bulk``. Adding a decision is one row here, one entry point in the actions and the
choices the row names (``tests/moderation/test_decision_table.py`` checks they exist).

The item page posts the decision's name with its button, so the server validates that
decision's fields only and a refused decision can never become another one (issue 18: a
"Reject" refused for lack of a reason came back as "Approve"). Decisions 34 and 56 in
docs/decisions.md.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import adapters
from .adapters import supports_lock
from .forms import EditForm, NothingToAskForm, ReasonForm, SpamForm, SuspendForm
from .models import Notification, PostStatus, ReviewItem
from .rules import can_moderate_content

PREVIEW_CHARS = 60
# ``Decision.notifies`` key: whatever the post's status was before.
ANY_STATUS = "*"


class AlreadyHandled(Exception):
    """Another moderator decided this item first."""

    def __init__(self, item=None):
        self.item = item
        super().__init__(str(self.message))

    message = gettext_lazy("Another moderator already handled this item.")


class TargetGone(AlreadyHandled):
    """The item's post no longer exists, so there is nothing left to decide on."""

    message = gettext_lazy("The post of this item no longer exists.")


class Verdict(StrEnum):
    """What a decision says about the open flags on the post."""

    AGREED = "agreed"  # the flaggers were right
    DISAGREED = "disagreed"  # the post was fine
    UNTOUCHED = "untouched"  # the decision is not about the flags


@dataclass(frozen=True)
class Decision:
    """One moderation decision.

    ``item_status``: the review item's status afterwards (``None``: unchanged).
    ``post_status``: the status the post is given (``None``: unchanged).
    ``notifies``: the post's status before the decision -> the notification kind its author
    receives (``ANY_STATUS`` for any); no entry, no notification.
    ``requires_reason``: the author is told why, so a template or a note is required.
    ``closes_item``: the item is decided afterwards, so the moderator moves on to the next one;
    otherwise (lock, suspend) they stay on it. ``bulk``: offered for many items at once.
    """

    name: str
    label: str | Promise
    outcome: str | Promise
    form: type
    log_action: str
    item_status: str | None = None
    post_status: str | None = None
    flags: Verdict = Verdict.UNTOUCHED
    notifies: dict[str, str] = field(default_factory=dict)
    requires_reason: bool = False
    closes_item: bool = True
    bulk: bool = False
    help: str | Promise = ""
    button_class: str = "button no"

    @property
    def asks(self) -> bool:
        return bool(self.form.base_fields)

    def notification_for(self, status_before: str) -> str | None:
        """The kind of notification the author receives, given the post's status before."""
        return self.notifies.get(status_before, self.notifies.get(ANY_STATUS))


DECISIONS = {
    decision.name: decision
    for decision in [
        Decision(
            "approve",
            gettext_lazy("Approve"),
            pgettext_lazy("moderation outcome", "Approved"),
            NothingToAskForm,
            "dalil.moderation.approve",
            item_status=ReviewItem.Status.APPROVED,
            post_status=PostStatus.PUBLISHED,
            flags=Verdict.DISAGREED,
            notifies={
                PostStatus.PENDING: Notification.Kind.APPROVED,
                PostStatus.HIDDEN: Notification.Kind.RESTORED,
                PostStatus.DELETED: Notification.Kind.RESTORED,
            },
            bulk=True,
            button_class="button",
        ),
        Decision(
            "reject",
            gettext_lazy("Reject"),
            pgettext_lazy("moderation outcome", "Rejected"),
            ReasonForm,
            "dalil.moderation.reject",
            item_status=ReviewItem.Status.REJECTED,
            post_status=PostStatus.DELETED,
            flags=Verdict.AGREED,
            notifies={ANY_STATUS: Notification.Kind.REJECTED},
            requires_reason=True,
            bulk=True,
            help=gettext_lazy(
                "The post is deleted (it can be restored) and the author receives the reason."
            ),
        ),
        Decision(
            "hide",
            gettext_lazy("Hide"),
            pgettext_lazy("moderation outcome", "Hidden"),
            ReasonForm,
            "dalil.moderation.hide",
            item_status=ReviewItem.Status.HIDDEN,
            post_status=PostStatus.HIDDEN,
            flags=Verdict.AGREED,
            notifies={ANY_STATUS: Notification.Kind.HIDDEN},
            requires_reason=True,
            help=gettext_lazy(
                "Only the author and moderators still see the post; the author receives the reason."
            ),
        ),
        Decision(
            "spam",
            gettext_lazy("Mark as spam"),
            pgettext_lazy("moderation outcome", "Marked as spam"),
            SpamForm,
            "dalil.moderation.spam",
            item_status=ReviewItem.Status.SPAM,
            post_status=PostStatus.HIDDEN,
            flags=Verdict.AGREED,
            help=gettext_lazy(
                "Hides this post and the author's other posts waiting for "
                "review, and suspends the author."
            ),
        ),
        Decision(
            "restore",
            gettext_lazy("Restore"),
            pgettext_lazy("moderation outcome", "Restored"),
            NothingToAskForm,
            "dalil.moderation.restore",
            item_status=ReviewItem.Status.RESTORED,
            post_status=PostStatus.PUBLISHED,
            flags=Verdict.DISAGREED,
            notifies={ANY_STATUS: Notification.Kind.RESTORED},
            button_class="button",
        ),
        Decision(
            "lock",
            gettext_lazy("Lock thread"),
            pgettext_lazy("moderation outcome", "Thread locked"),
            NothingToAskForm,
            "dalil.moderation.lock",
            closes_item=False,
            button_class="button button-secondary",
        ),
        Decision(
            "suspend",
            gettext_lazy("Suspend the author"),
            pgettext_lazy("moderation outcome", "Author suspended"),
            SuspendForm,
            "dalil.moderation.suspend",
            notifies={ANY_STATUS: Notification.Kind.SUSPENDED},
            closes_item=False,
            help=gettext_lazy(
                "The author can still read but not post, vote or flag. "
                "The post itself still waits for a decision."
            ),
        ),
        # Not buttons of the item page: the edit has its own page (it then approves), and a
        # thread is unlocked from the forum's moderator tools.
        Decision(
            "edit",
            gettext_lazy("Edit and approve"),
            pgettext_lazy("moderation outcome", "Edited and approved"),
            EditForm,
            "dalil.moderation.edit",
            closes_item=False,
        ),
        Decision(
            "unlock",
            gettext_lazy("Unlock thread"),
            pgettext_lazy("moderation outcome", "Thread unlocked"),
            NothingToAskForm,
            "dalil.moderation.unlock",
            closes_item=False,
        ),
    ]
}


def available_decisions(item: ReviewItem, target) -> list[Decision]:
    """The decisions that can apply to ``item`` as it is now, in the page's order."""
    is_open = item.status == ReviewItem.Status.OPEN
    names = ["approve", "reject", "hide", "spam"] if is_open else []
    if target.status in (PostStatus.HIDDEN, PostStatus.DELETED):
        names.append("restore")
    if supports_lock(target):
        names.append("lock")
    if item.author is not None and not can_moderate_content(item.author):
        names.append("suspend")
    return [DECISIONS[name] for name in names]


def decided_message(outcome: str, item: ReviewItem) -> SafeString:
    """``Rejected: “Buy cheap…” by Omar``, the post's words and the name isolated in <bdi>."""
    target = item.target
    preview = Truncator(adapters.preview(target) if target is not None else "")
    values = {
        "outcome": conditional_escape(outcome),
        "post": format_html("<bdi>{}</bdi>", preview.chars(PREVIEW_CHARS)),
    }
    if item.author is not None:
        frame = _("%(outcome)s: “%(post)s” by %(author)s")
        values["author"] = format_html("<bdi>{}</bdi>", item.author.public_name)
    else:
        frame = _("%(outcome)s: “%(post)s”")
    return mark_safe(conditional_escape(frame) % values)  # noqa: S308 — every part is escaped
