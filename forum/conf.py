"""Forum settings, read from Django settings with the defaults below (docs/forum.md)."""

from moderation.conf import AppSettings

DEFAULTS = {
    # A thread with no published answer is kept out of search engines until it is this old.
    "DALIL_THREAD_NOINDEX_DAYS": 14,
    # An accepted answer stays first unless another published answer leads it by this many
    # points (decision 51).
    "DALIL_ACCEPTED_ANSWER_LEAD": 3,
    # Seconds a rendered post block is kept in the cache.
    "DALIL_POST_FRAGMENT_SECONDS": 600,
    # First wait before a failed notification email is tried again; it doubles each time.
    "DALIL_EMAIL_RETRY_SECONDS": 120,
    # Stale threads (docs/knowledge-base.md, "Stale content").
    # Accepted answers older than this many days are stale; per forum category slug overrides.
    "DALIL_STALE_ANSWER_MAX_AGE_DAYS": 365,
    "DALIL_STALE_ANSWER_MAX_AGE_BY_CATEGORY": {},
}

setting = AppSettings(DEFAULTS)
