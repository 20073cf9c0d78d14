"""Knowledge-base settings, read from Django settings with the defaults below."""

from moderation.conf import AppSettings

DEFAULTS = {
    # How often (in days) a new article should be reviewed, unless the site settings say.
    "DALIL_KB_REVIEW_EVERY_DAYS": 180,
    # Stale articles (docs/knowledge-base.md, "Stale content").
    # Readers see "may be out of date" on an article whose stale score reaches this.
    "DALIL_STALE_BANNER_SCORE": 5,
    # Unhelpful feedback: at least this many votes in the window, at least this share of "No".
    "DALIL_STALE_FEEDBACK_WINDOW_DAYS": 90,
    "DALIL_STALE_FEEDBACK_MIN_VOTES": 5,
    "DALIL_STALE_FEEDBACK_MIN_NO_PERCENT": 50,
    # An anonymous visitor's vote counts this much of a signed-in member's (feedback and
    # reports); "outdated"/"inaccurate" reports raise a signal from this weighed total.
    "DALIL_STALE_FEEDBACK_ANONYMOUS_WEIGHT": 0.25,
    "DALIL_STALE_READER_REPORTS_MIN": 1,
    # New unsolved forum questions asked from an article since its last review.
    "DALIL_STALE_FORUM_QUESTIONS_MIN": 3,
    # Archiving is offered for articles with no reader feedback, this many days past review.
    "DALIL_STALE_ARCHIVE_OVERDUE_DAYS": 180,
}

setting = AppSettings(DEFAULTS)
