from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeBaseConfig(AppConfig):
    name = "kb"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from moderation.stale import register_detector

        from .models import ArticlePage, KnowledgeBaseIndexPage
        from .search import article_changed
        from .selectors import forget_knowledge_base_urls
        from .services import source_thread_changed
        from .stale import ArticleStaleDetector

        register_detector(ArticleStaleDetector())

        # Wagtail's own page events (the edge of our flow) keep the cached header link right.
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                forget_knowledge_base_urls,
                sender=KnowledgeBaseIndexPage,
                dispatch_uid=f"kb-url-{id(signal)}",
            )
        post_page_move.connect(forget_knowledge_base_urls, dispatch_uid="kb-url-move")
        for signal in (page_published, page_unpublished, post_delete):
            signal.connect(
                article_changed, sender=ArticlePage, dispatch_uid=f"kb-search-{id(signal)}"
            )
        post_page_move.connect(article_changed, dispatch_uid="kb-search-move")
        for signal in (page_published, page_unpublished, pre_delete):
            signal.connect(
                source_thread_changed, sender=ArticlePage, dispatch_uid=f"kb-source-{id(signal)}"
            )
