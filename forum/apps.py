from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Hand questions, answers and comments to moderation (flags, review queue, trust
        levels, rate limits) through one adapter, and threads to its stale-content sweep."""
        from moderation.adapters import register_adapter
        from moderation.stale import register_detector

        from .moderation import ForumModerationAdapter
        from .stale import ThreadStaleDetector

        register_adapter(ForumModerationAdapter())
        register_detector(ThreadStaleDetector())
