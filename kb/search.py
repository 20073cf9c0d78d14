"""What the site search indexes about articles, and when it must look again.

`website` reads this through the `dalil_search_providers` hook (apps never import website);
Wagtail's own page events tell it when an article changed.
"""

from types import SimpleNamespace

from django.db import transaction
from wagtail import hooks

from .models import ArticlePage

KIND = "article"


class ArticleSearchProvider:
    """Live, public articles of every locale, as search documents."""

    kind = KIND

    def _articles(self):
        return (
            ArticlePage.objects.live()
            .public()
            .with_feedback_counts()
            .select_related("locale")
            .prefetch_related("tags")
        )

    def count(self) -> int:
        return ArticlePage.objects.live().public().count()

    def iter_documents(self):
        for article in self._articles().iterator(chunk_size=200):
            yield self.document(article)

    def document_for(self, object_id: str):
        if not str(object_id).isdigit():
            return None
        article = self._articles().filter(pk=object_id).first()
        return self.document(article) if article else None

    def visible_ids(self, object_ids) -> set[str]:
        """The articles among `object_ids` that visitors may see now (search checks its hits)."""
        ids = [int(i) for i in object_ids if str(i).isdigit()]
        live = ArticlePage.objects.live().public().filter(pk__in=ids)
        return {str(pk) for pk in live.values_list("pk", flat=True)}

    def document(self, article: ArticlePage) -> SimpleNamespace:
        data = article.search_document()
        return SimpleNamespace(
            kind=KIND,
            object_id=str(article.pk),
            locale=data["locale"],
            title=data["title"],
            body="\n".join(part for part in (data["summary"], data["body_text"]) if part),
            tags=data["tags"],
            category=data["category"],
            solved=None,
            url=data["url"],
            updated_at=data["updated_at"],
            popularity=float(getattr(article, "helpful_count", 0) or 0),
        )


def article_changed(instance, **kwargs) -> None:
    """After a publish, unpublish, move or delete commits, ask the search to look again."""
    page = getattr(instance, "specific_deferred", instance)
    if not isinstance(page, ArticlePage):
        return
    object_id = str(page.pk)

    def notify():
        for function in hooks.get_hooks("dalil_content_changed"):
            function(KIND, object_id)

    transaction.on_commit(notify)
