"""Support-desk settings, read from Django settings with the defaults below (docs/support.md)."""

from moderation.conf import AppSettings

DEFAULTS = {
    # A category without its own policy: hours until the first answer is due, and hours an
    # asker waits before they may escalate (0: at once).
    "DALIL_SUPPORT_FIRST_RESPONSE_HOURS": 24,
    "DALIL_SUPPORT_ASKER_WAIT_HOURS": 24,
    # Escalations one person may make: (how many, per how many seconds).
    "DALIL_SUPPORT_ESCALATION_LIMIT": (5, 24 * 3600),
    # The ask form's "usually answered in" looks at this many days of threads.
    "DALIL_SUPPORT_MEDIAN_DAYS": 30,
}

setting = AppSettings(DEFAULTS)
