from .counts import DailySearch, DailySessions, DailyViews, RolledUpDay, SummarySubscription, Visit

__all__ = [
    "DailySearch",
    "DailySessions",
    "DailyViews",
    "RolledUpDay",
    "SummarySubscription",
    "Visit",
]
