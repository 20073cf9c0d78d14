"""The sitemap index: Wagtail pages (home pages, knowledge base) and community threads.

Only what an anonymous visitor may see and search engines should index is listed; each section
holds at most 50,000 URLs (Django pages the rest) and the whole index is cached.
"""

from django.contrib.sitemaps import Sitemap
from django.utils import translation
from wagtail.models import Page

from forum.seo import indexable_questions


class PagesSitemap(Sitemap):
    """Live, public Wagtail pages of every locale (home pages, knowledge base)."""

    limit = 50_000

    def __init__(self, request=None):
        self.request = request

    def items(self):
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def location(self, page):
        return page.get_url(request=self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at


class ThreadsSitemap(Sitemap):
    """Indexable community threads, each at its canonical URL in the question's language."""

    limit = 50_000

    def items(self):
        return (
            indexable_questions().only("pk", "slug", "language", "last_activity_at").order_by("pk")
        )

    def location(self, question):
        with translation.override(question.language):
            return question.get_absolute_url()

    def lastmod(self, question):
        return question.last_activity_at


def sitemap_sections(request) -> dict[str, Sitemap]:
    return {"pages": PagesSitemap(request), "threads": ThreadsSitemap()}
