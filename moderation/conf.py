"""Moderation settings, read from Django settings with the defaults below.

Every value can be overridden in Django settings under the same name (see docs/moderation.md).
Trust thresholds and rate limits are code-level settings rather than site settings because the
tests and the rate limiter read them on every post; staff change them with a deploy.
"""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Trust level 1: at least this many published posts and this many days since joining.
    "DALIL_TRUST_LEVEL1_POSTS": 3,
    "DALIL_TRUST_LEVEL1_DAYS": 2,
    # Trust level 2 ("regular").
    "DALIL_TRUST_LEVEL2_POSTS": 20,
    "DALIL_TRUST_LEVEL2_DAYS": 30,
    # Screening of new posts.
    "DALIL_NEW_USER_MAX_LINKS": 2,
    "DALIL_MAX_CHARS_PER_SECOND": 20,
    # The typing-speed check holds posts only from members at or below this trust level: an
    # established member who pastes an answer written elsewhere is not a bot (Discourse times
    # only a new member's first posts).
    "DALIL_FAST_TYPING_MAX_TRUST_LEVEL": 0,
    # What a held post's author is told the wait usually is, until the queue has a month's
    # history of at least five decisions to take the median of.
    "DALIL_REVIEW_WAIT_FALLBACK_HOURS": 24,
    # Display names: a word of a member's name may not look like one of these (staff may use
    # them). Add the company's and the product's names.
    "DALIL_RESERVED_NAME_WORDS": [
        "admin",
        "administrator",
        "administration",
        "moderator",
        "moderators",
        "staff",
        "support",
        "official",
        "dalil",
        "system",
        "helpdesk",
        "مشرف",
        "المشرف",
        "مشرفو",
        "إدارة",
        "الإدارة",
        "مدير",
        "المدير",
        "دعم",
        "الدعم",
        "رسمي",
        "الرسمي",
        "دليل",
    ],
    # Flags: a post whose open flag score reaches this is hidden until a moderator decides.
    "DALIL_FLAG_HIDE_THRESHOLD": 5,
    "DALIL_FLAG_MODERATOR_SCORE": 5,
    "DALIL_FLAG_ACCURACY_MIN_FLAGS": 5,
    "DALIL_FLAG_ACCURACY_MAX_BONUS": 2,
    # Mark as spam suspends the author for this many days.
    "DALIL_SPAM_SUSPENSION_DAYS": 365,
    # Moderation's own rate limits per trust level: action -> list of (how many, per how many
    # seconds). Content apps add theirs ("question", "vote"...) through their adapters
    # (``moderation.adapters``); setting DALIL_RATE_LIMITS replaces all of them.
    "DALIL_RATE_LIMITS": {
        0: {"flag": [(5, 86400)]},
        1: {"flag": [(20, 86400)]},
        2: {"flag": [(50, 86400)]},
    },
    # Stale content (see docs/knowledge-base.md, "Stale content"). Each open signal adds its
    # weight to the item's stale score; the review queue lists items with a score above zero.
    # Detectors declare the weights of their own codes; this holds moderation's own (a staff
    # report) and DALIL_STALE_WEIGHTS in Django settings overrides any code.
    "DALIL_STALE_WEIGHTS": {"reported": 5},
    # manage.py scheduler: minutes between sweeps, days between the owners' digests.
    "DALIL_SCHEDULE_STALE_SWEEP_MINUTES": 60,
    "DALIL_SCHEDULE_STALE_DIGEST_DAYS": 7,
    # Rate limits by client address: the header a trusted proxy sets (empty: the socket's
    # address) and, for X-Forwarded-For, how many proxies append to it.
    "DALIL_TRUSTED_PROXY_HEADER": "",
    "DALIL_TRUSTED_PROXY_COUNT": 1,
}


class AppSettings:
    """One app's settings: each read from Django settings under its own name, else the app's
    default. Every app reads its settings through one of these (`moderation.conf.setting`,
    `forum.conf.setting`, `kb.conf.setting`), so a setting's default lives in its app's conf.py
    and an unknown name is an error rather than a silent None."""

    def __init__(self, defaults: dict):
        self.defaults = defaults

    def __call__(self, name: str):
        return getattr(settings, name, self.defaults[name])


setting = AppSettings(DEFAULTS)
