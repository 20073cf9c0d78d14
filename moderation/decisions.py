"""The decisions a moderator takes on a review item page, one button each.

A decision names the form of what it asks for (nothing, a reason, a duration), the service that
applies it and the words the moderator reads afterwards. The item page posts the decision's name
with its button, so the server validates that decision's fields only and a refused decision can
never become another one (issue 18: a "Reject" refused for lack of a reason came back as
"Approve"). Decision 34 in docs/decisions.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import adapters, services
from .adapters import supports_lock
from .forms import NothingToAskForm, ReasonForm, SpamForm, SuspendForm
from .models import PostStatus, ReviewItem
from .rules import can_moderate

PREVIEW_CHARS = 60


def _approve(*, item, actor, data):
    services.approve_item(item=item, actor=actor)


def _reject(*, item, actor, data):
    services.reject_item(item=item, actor=actor, template=data["template"], note=data["note"])


def _hide(*, item, actor, data):
    services.hide_item(item=item, actor=actor, template=data["template"], note=data["note"])


def _spam(*, item, actor, data):
    services.mark_spam(item=item, actor=actor, note=data["note"])


def _restore(*, item, actor, data):
    services.restore_item(item=item, actor=actor)


def _lock(*, item, actor, data):
    services.lock_thread(item=item, actor=actor)


def _suspend(*, item, actor, data):
    if item.author is None:
        raise ValidationError(_("This post has no author any more."))
    reason = services.rejection_note(
        template=data["template"], note=data["note"], language=item.author.language
    )
    services.suspend_user(user=item.author, actor=actor, days=data["days"], reason=reason)


@dataclass(frozen=True)
class Decision:
    """One button on the item page. ``closes_item``: the item is decided afterwards, so the
    moderator moves on to the next one; otherwise (lock, suspend) they stay on it."""

    name: str
    label: str
    outcome: str
    form: type
    apply: Callable
    help: str = ""
    closes_item: bool = True
    button_class: str = "button no"

    @property
    def asks(self) -> bool:
        return bool(self.form.base_fields)


DECISIONS = {
    decision.name: decision
    for decision in [
        Decision(
            "approve",
            gettext_lazy("Approve"),
            pgettext_lazy("moderation outcome", "Approved"),
            NothingToAskForm,
            _approve,
            button_class="button",
        ),
        Decision(
            "reject",
            gettext_lazy("Reject"),
            pgettext_lazy("moderation outcome", "Rejected"),
            ReasonForm,
            _reject,
            help=gettext_lazy(
                "The post is deleted (it can be restored) and the author receives the reason."
            ),
        ),
        Decision(
            "hide",
            gettext_lazy("Hide"),
            pgettext_lazy("moderation outcome", "Hidden"),
            ReasonForm,
            _hide,
            help=gettext_lazy(
                "Only the author and moderators still see the post; the author receives the reason."
            ),
        ),
        Decision(
            "spam",
            gettext_lazy("Mark as spam"),
            pgettext_lazy("moderation outcome", "Marked as spam"),
            SpamForm,
            _spam,
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
            _restore,
            button_class="button",
        ),
        Decision(
            "lock",
            gettext_lazy("Lock thread"),
            pgettext_lazy("moderation outcome", "Thread locked"),
            NothingToAskForm,
            _lock,
            closes_item=False,
            button_class="button button-secondary",
        ),
        Decision(
            "suspend",
            gettext_lazy("Suspend the author"),
            pgettext_lazy("moderation outcome", "Author suspended"),
            SuspendForm,
            _suspend,
            help=gettext_lazy(
                "The author can still read but not post, vote or flag. "
                "The post itself still waits for a decision."
            ),
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
    if item.author is not None and not can_moderate(item.author):
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
