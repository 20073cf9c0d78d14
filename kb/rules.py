"""Who may do what in the knowledge base: the one home of its permission rules.

kb's services call the ``require_*`` functions before they write, so a view, a task or an API
that forgets its own check is still refused with ``PermissionDenied``. Rules ask
``user.has_perm(...)`` (and Wagtail's page permissions for unpublishing), never group names.
Reader feedback is open to everyone, signed in or not; it has limits, not permissions.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from wagtail.fields import StreamField
from wagtail.models import Revision

from moderation.rules import REVIEW_STALE, is_person

if TYPE_CHECKING:
    from moderation.rules import Actor, User

PROMOTE_PERMISSION = "kb.promote_answer"
NOMINATE_PERMISSION = "kb.nominate_answer"


def _require(actor: Actor, permission: str) -> User:
    if not is_person(actor) or not actor.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))
    return actor


def require_promoter(actor: Actor) -> User:
    """Promoting an answer and confirming an article follows its source: support staff."""
    return _require(actor, PROMOTE_PERMISSION)


def require_nominator(actor: Actor) -> User:
    """Suggesting an answer for promotion: moderators and support staff."""
    return _require(actor, NOMINATE_PERMISSION)


def require_reviewer(actor: Actor) -> User:
    """Changing an article's review date or owner: whoever works the stale-content queue."""
    return _require(actor, REVIEW_STALE)


def require_archiver(actor: Actor, article: Any) -> User:
    """Archiving unpublishes: a stale-content reviewer who may also unpublish this page."""
    reviewer = require_reviewer(actor)
    if not article.permissions_for_user(reviewer).can_unpublish():
        raise PermissionDenied(_("You do not have permission to do this."))
    return reviewer


# What Wagtail writes into every revision on its own: the page's place in the tree, its
# publication, lock and ownership state, and the comments reviewers leave. Saving a revision
# changes these without anyone changing what the article says.
REVISION_BOOKKEEPING = frozenset(
    {
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "alias_of",
        "wagtail_admin_comments",
    }
)
# The editor writes rich text back with a key on every block, which stored HTML written around
# the editor (imports, promotion) does not have; the key places comments, it is not content.
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
_EMPTY_RICH_TEXT = re.compile(r"(?:<p>\s*</p>)*")


def stream_content(value):
    """A StreamField's words and structure, without what the editor adds when it saves.

    Block ids go, list items lose their ``{"type": "item", "id": ...}`` wrapper (the editor adds
    it, older stored lists lack it), rich text loses its ``data-block-key`` attributes and an
    empty paragraph, as the editor writes an empty rich text, counts as empty.
    """
    if isinstance(value, str):
        value = _BLOCK_KEY.sub("", value)
        return "" if _EMPTY_RICH_TEXT.fullmatch(value) else value
    if isinstance(value, list):
        return [stream_content(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return stream_content(value.get("value"))
        return {key: stream_content(item) for key, item in value.items() if key != "id"}
    return value


def revision_content(revision) -> dict:
    """What a revision says: its content without Wagtail's bookkeeping (REVISION_BOOKKEEPING)."""
    model = revision.content_type.model_class()
    streams = {field.name for field in model._meta.fields if isinstance(field, StreamField)}
    content = {}
    for key, value in revision.content.items():
        if key in REVISION_BOOKKEEPING:
            continue
        if key in streams and isinstance(value, str):
            value = stream_content(json.loads(value))
        content[key] = value
    return content


def editors_under_review(task_state) -> set[int]:
    """Who wrote the words that approving `task_state` would publish.

    The person who submitted, and everyone whose revision of the page changed what it says,
    from the revision submitted for review on (approval publishes the latest revision, so
    edits made while it waits count). A revision is compared with the one before it: one that
    changes nothing, as Wagtail saves when a reviewer chooses Approve in the editor, makes its
    author no editor. When the latest revision says what the submitted one said, nobody edited
    during the review: the editor saves typing as it happens, so a reviewer who typed and then
    undid it left revisions, but none of their words.
    """
    state = task_state.workflow_state
    editors = {state.requested_by_id}
    revisions = Revision.objects.filter(
        base_content_type_id=state.base_content_type_id, object_id=state.object_id
    ).select_related("content_type")
    submitted = task_state.revision
    if submitted is not None:
        since = revisions.filter(created_at__gte=min(submitted.created_at, task_state.started_at))
    else:
        since = revisions.filter(created_at__gte=task_state.started_at)
    since = list(since.order_by("created_at", "pk"))
    if not since:
        return editors - {None}
    before = revisions.filter(created_at__lt=since[0].created_at).order_by("-created_at", "-pk")
    previous = before.first()
    previous_content = revision_content(previous) if previous is not None else None
    contents = [revision_content(revision) for revision in since]
    if contents[-1] == contents[0]:
        since, contents = since[:1], contents[:1]
    for revision, content in zip(since, contents, strict=True):
        if content != previous_content:
            editors.add(revision.user_id)
        previous_content = content
    return editors - {None}


def may_approve(actor: Actor, task_state: Any, *, in_groups: bool) -> TypeGuard[User]:
    """Four eyes: a member of the task's groups (or a superuser) who wrote none of the words."""
    if not is_person(actor) or not (actor.is_superuser or in_groups):
        return False
    return actor.pk not in editors_under_review(task_state)


def require_approver(actor: Actor, task_state: Any, *, in_groups: bool) -> User:
    """``actor`` if they may approve the revision (``may_approve``)."""
    if not may_approve(actor, task_state, in_groups=in_groups):
        raise PermissionDenied(_("Another staff member must approve this revision."))
    return actor
