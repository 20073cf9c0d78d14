from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Community")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        """Hand questions, answers and comments to moderation (flags, review queue) and let
        its trust levels count a person's published questions and answers."""
        from moderation.protocol import register_category_labels, register_content_model
        from moderation.trust import register_post_counter

        from .models import Answer, Comment, Question, category_names
        from .selectors import published_posts_by_user_ids, published_posts_of

        for model in (Question, Answer, Comment):
            register_content_model(model)
        register_category_labels(category_names)
        register_post_counter(published_posts_of, bulk=published_posts_by_user_ids)
        from moderation.stale import register_detector

        from .stale import ThreadStaleDetector

        register_detector(ThreadStaleDetector())
