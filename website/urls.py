from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from forum.feeds import LatestQuestionsAtomFeed, LatestQuestionsFeed
from kb.feeds import LatestArticlesAtomFeed, LatestArticlesFeed
from support import helpdesk

from . import seo_views, views

# Both admin logins go through allauth, so its rate limits and two-factor step apply there too.
admin.site.login = secure_admin_login(admin.site.login)

website_patterns = (
    [
        path("users/<int:pk>/", views.profile, name="profile"),
        path("account/profile/", views.profile_edit, name="profile_edit"),
        path("account/email/confirmed/", views.email_confirmed, name="email_confirmed"),
        path(
            "account/email/send-again/",
            views.ask_for_confirmation_email,
            name="send_email_confirmation_again",
        ),
        path(
            "translation-missing/<int:page_id>/",
            views.translation_missing,
            name="translation_missing",
        ),
        path("feeds/articles.rss", LatestArticlesFeed(), name="articles_rss"),
        path("feeds/articles.atom", LatestArticlesAtomFeed(), name="articles_atom"),
        path("feeds/articles/<int:category_id>.rss", LatestArticlesFeed(), name="category_rss"),
        path(
            "feeds/articles/<int:category_id>.atom", LatestArticlesAtomFeed(), name="category_atom"
        ),
        path("feeds/questions.rss", LatestQuestionsFeed(), name="questions_rss"),
        path("feeds/questions.atom", LatestQuestionsAtomFeed(), name="questions_atom"),
        path("feeds/questions/tag/<slug:tag_slug>.rss", LatestQuestionsFeed(), name="tag_rss"),
        path(
            "feeds/questions/tag/<slug:tag_slug>.atom", LatestQuestionsAtomFeed(), name="tag_atom"
        ),
    ],
    "website",
)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="admin_login_redirect",
    ),
    # Wagtail's own reset is off (WAGTAIL_PASSWORD_RESET_ENABLED): one reset, with allauth's limits.
    re_path(
        r"^admin/password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password"),
        name="admin_password_reset_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # An outside helpdesk sets a case's state and posts the agent's reply (signed; docs/support.md).
    path(
        "api/support/helpdesk/<int:endpoint_id>/",
        helpdesk.callback,
        name="support_helpdesk_callback",
    ),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", seo_views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", seo_views.sitemap_section, name="sitemap_section"),
]

urlpatterns += i18n_patterns(
    path("", include(website_patterns)),
    path("account/", include("allauth.urls")),
    path("questions/", include("forum.urls")),
    path("moderation/", include("moderation.urls")),
    path("support/", include("support.urls")),
    path("insights/", include("website.insights.urls")),
    path("search/", include("website.search.urls")),
    path("", include("kb.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
