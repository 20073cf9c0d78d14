"""The approval step of the "Review and publish" workflow."""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision

from .. import rules


class ReviewByAnotherStaffTask(AbstractGroupApprovalTask):
    """Group approval that the person who submitted or edited the revision cannot give.

    Four eyes on every article: a support writer cannot publish their own words by approving them.
    Who counts as a writer is decided by comparing what the revisions say (``kb.rules``), so a
    reviewer whose Approve in the editor saved an unchanged revision may still approve.
    Rejecting ("request changes") is still open to everyone in the groups, including the submitter,
    so an author can withdraw their own submission.
    """

    class Meta:
        verbose_name = _("review by another staff member")
        verbose_name_plural = _("reviews by another staff member")

    def user_can_approve(self, task_state, user) -> bool:
        """True when `user` may approve: see ``kb.rules.may_approve`` (four eyes)."""
        return rules.may_approve(user, task_state, in_groups=self._user_in_groups(user))

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        task_state = getattr(obj, "current_workflow_task_state", None)
        if task_state is None or self.user_can_approve(task_state, user):
            return actions
        return [action for action in actions if action[0] != "approve"]

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            rules.require_approver(user, task_state, in_groups=self._user_in_groups(user))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        states = states.exclude(workflow_state__requested_by=user)
        # Only a review the user saved a revision in can count them as one of its editors.
        saved_in = states.filter(
            Exists(
                Revision.objects.filter(
                    base_content_type_id=OuterRef("workflow_state__base_content_type_id"),
                    object_id=OuterRef("workflow_state__object_id"),
                    user=user,
                )
            )
        ).select_related("workflow_state", "revision")
        edited = [state.pk for state in saved_in if user.pk in rules.editors_under_review(state)]
        return states.exclude(pk__in=edited)

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups can approve, except the person who submitted "
            "or last edited the revision"
        )
