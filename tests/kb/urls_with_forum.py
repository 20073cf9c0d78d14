"""The site's URLs plus a stand-in for the forum's ask form, to test the article's link to it."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from website.urls import urlpatterns as site_urlpatterns

forum_patterns = ([path("questions/ask/", lambda request: HttpResponse(), name="ask")], "forum")

urlpatterns = (
    i18n_patterns(path("", include(forum_patterns)), prefix_default_language=True)
    + site_urlpatterns
)
