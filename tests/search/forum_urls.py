"""The project's URLs plus a stand-in forum ask form, for the "Ask the community" link."""

from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponse
from django.urls import include, path

from website.urls import urlpatterns as project_urlpatterns

forum_patterns = ([path("ask/", lambda request: HttpResponse("ask"), name="ask")], "forum")

urlpatterns = i18n_patterns(path("forum/", include(forum_patterns))) + project_urlpatterns
