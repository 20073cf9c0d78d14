from .counts import DailySearch, DailySessions, DailyViews, RolledUpDay, SummarySubscription, Visit
from .surveys import Survey

__all__ = [
    "DailySearch",
    "DailySessions",
    "DailyViews",
    "RolledUpDay",
    "SummarySubscription",
    "Survey",
    "Visit",
]
