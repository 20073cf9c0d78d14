from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from moderation.stale import register_detector

        from .stale import ThreadStaleDetector

        register_detector(ThreadStaleDetector())
