"""How the knowledge base plugs into Wagtail's admin and into the site-wide pages."""

from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from moderation import selectors as moderation_selectors
from moderation.dashboard import HOOK as DASHBOARD_COUNTS
from moderation.dashboard import QueueCount
from moderation.rules import can_review_stale

from . import selectors
from .admin_views import (
    AcknowledgeSourceChangesView,
    ArticleFeedbackReportView,
    PromotionCandidatesReportView,
)
from .models import ArticlePage, CategoryPage, Product
from .selectors import home_categories
from .stale import ArticleStaleDetector

register_snippet(Product)


def _concerns_article(request, page=None, parent_page=None, page_class=None) -> bool:
    """True when a non-superuser is working on an article, which must go through review."""
    if request.user.is_superuser:
        return False
    if page_class is not None:
        return issubclass(page_class, ArticlePage)
    if page is not None:
        return isinstance(page.specific_deferred, ArticlePage)
    return parent_page is not None and isinstance(parent_page.specific_deferred, CategoryPage)


@hooks.register("construct_page_action_menu")
def hide_direct_publish_for_articles(menu_items, request, context):
    """Articles go live only through "Review and publish"; hide the shortcut around it."""
    if _concerns_article(request, page=context.get("page"), parent_page=context.get("parent_page")):
        menu_items[:] = [item for item in menu_items if item.name != "action-publish"]


def _publishes_directly(request) -> bool:
    return request.method == "POST" and bool(request.POST.get("action-publish"))


@hooks.register("before_create_page")
def refuse_direct_publish_on_create(request, parent_page, page_class):
    if _publishes_directly(request) and _concerns_article(request, page_class=page_class):
        raise PermissionDenied(_("Articles are published by approving their review."))


@hooks.register("before_edit_page")
def refuse_direct_publish_on_edit(request, page):
    if _publishes_directly(request) and _concerns_article(request, page=page):
        raise PermissionDenied(_("Articles are published by approving their review."))


@hooks.register("before_copy_page")
def refuse_publishing_copies_of_articles(request, page):
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return
    if _concerns_article(request, page=page) or (
        not request.user.is_superuser and ArticlePage.objects.descendant_of(page).exists()
    ):
        raise PermissionDenied(_("Articles are published by approving their review."))


@hooks.register("before_bulk_action")
def refuse_bulk_publish_of_articles(request, action_type, objects, action_class_instance):
    if action_type != "publish" or request.user.is_superuser:
        return
    form = getattr(action_class_instance, "cleaned_form", None)
    with_descendants = bool(form and form.cleaned_data.get("include_descendants"))
    for page in objects:
        if _concerns_article(request, page=page) or (
            with_descendants and ArticlePage.objects.descendant_of(page).exists()
        ):
            raise PermissionDenied(_("Articles are published by approving their review."))


class FeedbackReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("kb.view_articlefeedback")


@hooks.register("register_admin_urls")
def register_feedback_report_url():
    return [
        path(
            "reports/article-feedback/",
            ArticleFeedbackReportView.as_view(),
            name="kb_article_feedback_report",
        ),
        path(
            "reports/article-feedback/results/",
            ArticleFeedbackReportView.as_view(results_only=True),
            name="kb_article_feedback_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_feedback_report_menu_item():
    return FeedbackReportMenuItem(
        _("Article feedback"),
        reverse("kb_article_feedback_report"),
        name="article-feedback",
        icon_name="help",
        order=1000,
    )


class PromotionCandidatesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("kb.promote_answer")


@hooks.register("register_admin_urls")
def register_promotion_candidates_url():
    return [
        path(
            "reports/promotion-candidates/",
            PromotionCandidatesReportView.as_view(),
            name="kb_promotion_candidates_report",
        ),
        path(
            "reports/promotion-candidates/results/",
            PromotionCandidatesReportView.as_view(results_only=True),
            name="kb_promotion_candidates_report_results",
        ),
        path(
            "kb/articles/<int:page_id>/source-reviewed/",
            AcknowledgeSourceChangesView.as_view(),
            name="kb_acknowledge_source_changes",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_promotion_candidates_menu_item():
    return PromotionCandidatesMenuItem(
        _("Promotion candidates"),
        reverse("kb_promotion_candidates_report"),
        name="promotion-candidates",
        icon_name="pick",
        order=1010,
    )


LOG_ACTIONS = [
    ("promote", _("Promote community answer"), _("Promoted a community answer to an article")),
    ("nominate", _("Nominate community answer"), _("Nominated a community answer for promotion")),
    (
        "source_reviewed",
        _("Review source changes"),
        _("Checked the article against its edited community answer"),
    ),
]


@hooks.register("register_log_actions")
def register_promotion_log_actions(actions):
    for name, label, message in LOG_ACTIONS:
        actions.register_action(f"dalil.kb.{name}", label, message)


@hooks.register("dalil_thread_panels")
def knowledge_base_thread_panel(request, question):
    return selectors.thread_promotion_panel(request, question)


@hooks.register("dalil_home_sections")
def knowledge_base_categories(request, locale):
    categories = home_categories(locale)
    if not categories:
        return None
    return {"template": "kb/_home_categories.html", "categories": categories}


@hooks.register("dalil_site_links")
def knowledge_base_link(request):
    url = selectors.knowledge_base_url(translation.get_language(), request)
    return {"kb_url": url} if url else {}


@hooks.register("dalil_seed_demo", order=10)
def seed_knowledge_base(command):
    from .demo import seed_demo

    seed_demo(command)


@hooks.register("dalil_seed_demo", order=25)
def seed_promotions(command):
    from .demo_promotion import seed_promotion_demo

    seed_promotion_demo(command)


@hooks.register("dalil_search_providers")
def article_search_provider():
    from .search import ArticleSearchProvider

    return ArticleSearchProvider()


@hooks.register(DASHBOARD_COUNTS, order=20)
def articles_needing_review(request):
    """The dashboard's count of articles in "Needs review", for the staff who review them."""
    if not can_review_stale(request.user):
        return []
    kind = ArticleStaleDetector.kind
    count = moderation_selectors.stale_queue(kind=kind).count()
    label = ngettext("%(count)d article needs review", "%(count)d articles need review", count) % {
        "count": count
    }
    url = f"{reverse('moderation_admin:stale')}?{urlencode({'kind': kind})}"
    return [QueueCount(name="articles", label=label, count=count, url=url)]


@hooks.register("insert_editor_js")
def page_language_js():
    """Types the body of an Arabic page right to left (kb/static/kb/page_language.js)."""
    return format_html('<script src="{}" defer></script>', static("kb/page_language.js"))


@hooks.register("insert_global_admin_css")
def translation_source_css():
    return format_html('<link rel="stylesheet" href="{}">', static("kb/admin_translation.css"))
