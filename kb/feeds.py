"""RSS and Atom feeds of the newest live articles, site-wide and per category, per language."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import ArticlePage, CategoryPage

FEED_SIZE = 30


class LatestArticlesFeed(Feed):
    """The newest articles in the active language; with a category id, in that category."""

    def get_object(self, request, category_id: int | None = None):
        self.request = request
        if category_id is None:
            return None
        language = translation.get_language()
        return get_object_or_404(
            CategoryPage.objects.live().public(), pk=category_id, locale__language_code=language
        )

    def title(self, category):
        if category:
            return _("%(category)s — new articles") % {"category": category.title}
        return _("Dalil knowledge base — new articles")

    def description(self, category):
        return _("The newest knowledge-base articles of the Dalil help center.")

    def link(self, category):
        if category:
            return category.get_url(request=self.request)
        return f"/{translation.get_language()}/kb/"

    def items(self, category):
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(locale__language_code=translation.get_language())
        )
        if category:
            articles = articles.descendant_of(category)
        return articles.order_by("-first_published_at")[:FEED_SIZE]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
