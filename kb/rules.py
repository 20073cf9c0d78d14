"""Who may do what in the knowledge base: the one home of its permission rules.

kb's services call the ``require_*`` functions before they write, so a view, a task or an API
that forgets its own check is still refused with ``PermissionDenied``. Rules ask
``user.has_perm(...)`` (and Wagtail's page permissions for unpublishing), never group names.
Reader feedback is open to everyone, signed in or not; it has limits, not permissions.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from moderation.rules import REVIEW_STALE, is_person

PROMOTE_PERMISSION = "kb.promote_answer"
NOMINATE_PERMISSION = "kb.nominate_answer"


def _require(actor, permission: str) -> None:
    if not is_person(actor) or not actor.has_perm(permission):
        raise PermissionDenied(_("You do not have permission to do this."))


def require_promoter(actor) -> None:
    """Promoting an answer and confirming an article follows its source: support staff."""
    _require(actor, PROMOTE_PERMISSION)


def require_nominator(actor) -> None:
    """Suggesting an answer for promotion: moderators and support staff."""
    _require(actor, NOMINATE_PERMISSION)


def require_reviewer(actor) -> None:
    """Changing an article's review date or owner: whoever works the stale-content queue."""
    _require(actor, REVIEW_STALE)


def require_archiver(actor, article) -> None:
    """Archiving unpublishes: a stale-content reviewer who may also unpublish this page."""
    require_reviewer(actor)
    if not article.permissions_for_user(actor).can_unpublish():
        raise PermissionDenied(_("You do not have permission to do this."))
