"""The website's own Wagtail hooks: search links, index updates and the search report."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import page_cache
from .search import admin_views
from .search.admin import SearchSynonymViewSet, register_synonym_actions
from .search.backends.base import SearchBackendError
from .search.indexing import content_changed, rebuild_index


@hooks.register("dalil_site_links")
def search_link(request):
    return {"search_url": reverse("search:results")}


# Content apps call this hook after a change commits; the index update then runs as a task,
# and cached anonymous pages that show the content are dropped at once.
hooks.register("dalil_content_changed", content_changed)
hooks.register("dalil_content_changed", page_cache.content_changed)


@hooks.register("register_admin_urls")
def search_report_urls():
    view = admin_views.SearchTermsReportView
    return [
        path("reports/search-terms/", view.as_view(), name="search_terms_report"),
        path(
            "reports/search-terms/results/",
            view.as_view(results_only=True),
            name="search_terms_report_results",
        ),
    ]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("website.view_search_report")


@hooks.register("register_reports_menu_item")
def search_report_menu_item():
    return SearchReportMenuItem(
        _("Search terms"), reverse("search_terms_report"), icon_name="search", order=900
    )


register_snippet(SearchSynonymViewSet)
hooks.register("register_actions", register_synonym_actions)


@hooks.register("dalil_seed_demo", order=85)
def seed_search_synonyms(command):
    from .search.demo import seed_synonyms

    command.stdout.write(f"Search synonyms: {seed_synonyms()} added.")


@hooks.register("dalil_seed_demo", order=90)
def index_demo_content(command):
    """After every app added its demo content, rebuild the search index so the demo finds it."""
    try:
        summary = rebuild_index()
    except SearchBackendError as error:
        command.stdout.write(f"Search index: the search engine is unreachable ({error}).")
        return
    for backend, counts in summary.items():
        detail = ", ".join(f"{count} {kind}s" for kind, count in counts.items()) or "empty"
        command.stdout.write(f"Search index ({backend}): {detail}")
