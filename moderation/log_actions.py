"""The audit log actions moderation writes to Wagtail's log: action -> (label, message)."""

from django.utils.translation import gettext_lazy as _

LOG_ACTIONS = {
    "dalil.moderation.queue": (_("Queued for review"), _("Queued for review")),
    "dalil.moderation.flag": (_("Flagged"), _("Flagged by a member")),
    "dalil.moderation.auto_hide": (_("Hidden by flags"), _("Hidden: flag score reached")),
    "dalil.moderation.approve": (_("Approved"), _("Approved by a moderator")),
    "dalil.moderation.edit": (_("Edited by a moderator"), _("Edited by a moderator")),
    "dalil.moderation.reject": (_("Rejected"), _("Rejected by a moderator")),
    "dalil.moderation.hide": (_("Hidden"), _("Hidden by a moderator")),
    "dalil.moderation.restore": (_("Restored"), _("Restored by a moderator")),
    "dalil.moderation.lock": (_("Thread locked"), _("Thread locked")),
    "dalil.moderation.unlock": (_("Thread unlocked"), _("Thread unlocked")),
    "dalil.moderation.spam": (_("Marked as spam"), _("Marked as spam")),
    "dalil.moderation.suspend": (_("Suspended"), _("Account suspended")),
    "dalil.moderation.unsuspend": (_("Suspension lifted"), _("Suspension lifted")),
    "dalil.moderation.watch": (_("Put under review"), _("Put under review")),
    "dalil.moderation.unwatch": (_("Released from review"), _("Released from review")),
    "dalil.stale.reviewed": (_("Marked reviewed"), _("Marked reviewed (still up to date)")),
    "dalil.stale.dismiss": (_("Stale signal dismissed"), _("A stale-content signal was dismissed")),
    "dalil.stale.reassign": (_("Owner reassigned"), _("Owner reassigned")),
    "dalil.stale.archive": (_("Archived"), _("Archived: unpublished with a redirect")),
    "dalil.stale.report": (_("Reported as outdated"), _("Reported as incorrect or outdated")),
}
