"""Moderation settings, read from Django settings with the defaults below.

Every value can be overridden in Django settings under the same name (see docs/moderation.md).
Trust thresholds and rate limits are code-level settings rather than site settings because the
tests and the rate limiter read them on every post; staff change them with a deploy.
"""

from django.conf import settings

DEFAULTS = {
    # Trust level 1: at least this many published posts and this many days since joining.
    "DALIL_TRUST_LEVEL1_POSTS": 3,
    "DALIL_TRUST_LEVEL1_DAYS": 2,
    # Trust level 2 ("regular").
    "DALIL_TRUST_LEVEL2_POSTS": 20,
    "DALIL_TRUST_LEVEL2_DAYS": 30,
    # Screening of new posts.
    "DALIL_NEW_USER_MAX_LINKS": 2,
    "DALIL_MAX_CHARS_PER_SECOND": 20,
    # Flags: a post whose open flag score reaches this is hidden until a moderator decides.
    "DALIL_FLAG_HIDE_THRESHOLD": 5,
    "DALIL_FLAG_MODERATOR_SCORE": 5,
    "DALIL_FLAG_ACCURACY_MIN_FLAGS": 5,
    "DALIL_FLAG_ACCURACY_MAX_BONUS": 2,
    # Mark as spam suspends the author for this many days.
    "DALIL_SPAM_SUSPENSION_DAYS": 365,
    # Rate limits per trust level: action -> list of (how many, per how many seconds).
    "DALIL_RATE_LIMITS": {
        0: {
            "question": [(3, 86400), (1, 600)],
            "answer": [(10, 86400)],
            "comment": [(20, 86400)],
            "vote": [(20, 86400)],
            "flag": [(5, 86400)],
        },
        1: {
            "question": [(10, 86400), (1, 120)],
            "answer": [(30, 86400)],
            "comment": [(60, 86400)],
            "vote": [(100, 86400)],
            "flag": [(20, 86400)],
        },
        2: {
            "question": [(30, 86400)],
            "answer": [(100, 86400)],
            "comment": [(200, 86400)],
            "vote": [(300, 86400)],
            "flag": [(50, 86400)],
        },
    },
}


def setting(name: str):
    """The value of a moderation setting: Django settings first, then the default above."""
    return getattr(settings, name, DEFAULTS[name])
