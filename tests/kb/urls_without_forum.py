"""The site's URLs without any forum, whatever apps are merged in later."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from website.urls import website_patterns

urlpatterns = [path("admin/", include(wagtailadmin_urls))] + i18n_patterns(
    path("", include(website_patterns)),
    path("account/", include("allauth.urls")),
    path("", include("kb.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
