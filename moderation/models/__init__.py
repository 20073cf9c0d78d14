"""Moderation records. Every record points at its content through a generic relation
(ContentType + object id), so moderation works for any model that follows the content protocol
described in ``moderation.adapters``.
"""

from .flags import Flag, FlagQuerySet
from .notifications import (
    DIGESTS,
    Delivery,
    EmailPreference,
    Notification,
    NotificationQuerySet,
    default_delivery,
)
from .people import Suspension, SuspensionQuerySet, UserUnderReview
from .review import (
    MAX_PATTERN_LENGTH,
    WATCHED_PATTERN_MAX_MEMORY,
    PostStatus,
    RejectionTemplate,
    ReviewItem,
    ReviewItemQuerySet,
    UnsafePattern,
    WatchedWord,
    WatchedWordQuerySet,
    compile_watched_pattern,
)
from .stale import (
    ScheduledRun,
    StaleItem,
    StaleItemQuerySet,
    StaleReview,
    StaleSignal,
    StaleSignalQuerySet,
)

__all__ = [
    "DIGESTS",
    "Delivery",
    "EmailPreference",
    "default_delivery",
    "MAX_PATTERN_LENGTH",
    "WATCHED_PATTERN_MAX_MEMORY",
    "Flag",
    "FlagQuerySet",
    "Notification",
    "NotificationQuerySet",
    "PostStatus",
    "RejectionTemplate",
    "ReviewItem",
    "ReviewItemQuerySet",
    "ScheduledRun",
    "StaleItem",
    "StaleItemQuerySet",
    "StaleReview",
    "StaleSignal",
    "StaleSignalQuerySet",
    "Suspension",
    "SuspensionQuerySet",
    "UnsafePattern",
    "UserUnderReview",
    "WatchedWord",
    "WatchedWordQuerySet",
    "compile_watched_pattern",
]
