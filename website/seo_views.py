"""robots.txt and the sitemap index."""

from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from .sitemaps import sitemap_sections

SITEMAP_CACHE_SECONDS = 60 * 60
DISALLOWED = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/*/account/",
    "/*/search/",
    "/*/moderation/",
    "/*/users/",
    "/*/translation-missing/",
    "/*/questions/ask/",
]


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_index(request):
    return sitemap_views.index(
        request, sitemap_sections(request), sitemap_url_name="sitemap_section"
    )


@require_GET
@cache_page(SITEMAP_CACHE_SECONDS)
def sitemap_section(request, section: str):
    return sitemap_views.sitemap(request, sitemap_sections(request), section=section)
