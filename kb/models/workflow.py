"""The approval step of the "Review and publish" workflow."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision


class ReviewByAnotherStaffTask(AbstractGroupApprovalTask):
    """Group approval that the person who submitted or edited the revision cannot give.

    Four eyes on every article: a support writer cannot publish their own words by approving them.
    Rejecting ("request changes") is still open to everyone in the groups, including the submitter,
    so an author can withdraw their own submission.
    """

    class Meta:
        verbose_name = _("review by another staff member")
        verbose_name_plural = _("reviews by another staff member")

    @staticmethod
    def _authors(task_state) -> set[int]:
        authors = {task_state.workflow_state.requested_by_id}
        if task_state.revision_id:
            authors.add(task_state.revision.user_id)
        # Edits made while the revision waits for review count too: they go live on approval.
        state = task_state.workflow_state
        authors.update(
            Revision.objects.filter(
                base_content_type_id=state.base_content_type_id,
                object_id=state.object_id,
                created_at__gte=task_state.started_at,
            ).values_list("user_id", flat=True)
        )
        authors.discard(None)
        return authors

    def user_can_approve(self, task_state, user) -> bool:
        """True when `user` may approve: a member of the groups (or superuser), not an author."""
        if not (user.is_superuser or self._user_in_groups(user)):
            return False
        return user.pk not in self._authors(task_state)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is None or self.user_can_approve(task_state, user):
            return actions
        return [action for action in actions if action[0] != "approve"]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and not self.user_can_approve(task_state, user):
            raise PermissionDenied(_("Another staff member must approve this revision."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups can approve, except the person who submitted "
            "or last edited the revision"
        )
