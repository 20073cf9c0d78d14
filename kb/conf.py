"""Knowledge-base settings, read from Django settings with the defaults below."""

from moderation.conf import AppSettings

DEFAULTS = {
    # How often (in days) a new article should be reviewed, unless the site settings say.
    "DALIL_KB_REVIEW_EVERY_DAYS": 180,
}

setting = AppSettings(DEFAULTS)
