"""RSS and Atom feeds of the newest live articles, site-wide and per category, per language."""

import re

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from forum.feeds import plain_title

from .models import ArticlePage, CategoryPage

FEED_SIZE = 30
# XML 1.0 cannot carry these control characters (Django refuses to write them); the editor
# accepts them, so the feed leaves them out instead of failing for every reader.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def feed_text(text: str) -> str:
    return NOT_IN_XML.sub("", text)


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
            return _("%(category)s — new articles") % {"category": feed_text(category.title)}
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
        return plain_title(feed_text(article.title))

    def item_description(self, article):
        # Feed readers treat an item's description (Atom: summary type="html") as HTML, so the
        # plain-text summary is escaped here; titles are plain text in both formats.
        return escape(feed_text(article.summary))

    def item_link(self, article):
        return article.get_url(request=self.request)

    def item_pubdate(self, article):
        return article.first_published_at

    def item_updateddate(self, article):
        return article.last_published_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description
