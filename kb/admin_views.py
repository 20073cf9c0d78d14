"""The "Article feedback" and "Promotion candidates" reports in the Wagtail admin.

Both are ``moderation.reports.AdminReport``s (Wagtail's ``ReportView``): the admin's listing
frame, its pagination and its CSV and XLSX downloads (``?export=csv`` / ``?export=xlsx``), whose
columns are ``list_export`` with headings in the interface language and plain values.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from moderation.reports import AdminReport

from .models import ArticleFeedback, ArticlePage
from .selectors import feedback_report_rows, promotion_candidates
from .services import acknowledge_source_changes


@method_decorator(permission_required("kb.view_articlefeedback"), name="dispatch")
class ArticleFeedbackReportView(AdminReport):
    """Per article: helpful and unhelpful votes, the 90-day ratio, and why readers said no."""

    page_title = _("Article feedback")
    header_icon = "help"
    results_template_name = "kb/admin/feedback_report_results.html"
    index_url_name = "kb_article_feedback_report"
    index_results_url_name = "kb_article_feedback_report_results"
    export_filename = "article-feedback"
    comments_per_article = 10
    list_export = [
        "title",
        "locale.get_display_name",
        "helpful_count",
        "unhelpful_count",
        "recent_helpful_percent",
        "recent_vote_count",
        "unhelpful_reasons",
    ]
    export_headings = {
        "title": _("Article"),
        "locale.get_display_name": _("Language"),
        "helpful_count": _("Helpful"),
        "unhelpful_count": _("Not helpful"),
        "recent_helpful_percent": _("Helpful, last 90 days (%)"),
        "recent_vote_count": _("Votes, last 90 days"),
        "unhelpful_reasons": _("Why readers said no"),
    }

    def get_queryset(self):
        return feedback_report_rows()

    def decorate_paginated_queryset(self, object_list):
        articles = list(object_list)
        reasons = {}
        for vote in (
            ArticleFeedback.objects.unhelpful()
            .filter(article__in=articles)
            .order_by("article_id", "-updated_at")
        ):
            votes = reasons.setdefault(vote.article_id, [])
            if len(votes) < self.comments_per_article:
                votes.append(vote)
        for article in articles:
            article.unhelpful_votes = reasons.get(article.pk, [])
            ratio = article.recent_helpful_ratio
            article.recent_helpful_percent = "" if ratio is None else round(ratio * 100)
            article.unhelpful_reasons = "; ".join(
                ": ".join(filter(None, [str(vote.get_reason_display() or "—"), vote.comment]))
                for vote in article.unhelpful_votes
            )
        return articles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = context["object_list"]
        return context


@method_decorator(permission_required("kb.promote_answer"), name="dispatch")
class PromotionCandidatesReportView(AdminReport):
    """Accepted answers worth turning into articles, ranked by the documented promotion score."""

    page_title = _("Promotion candidates")
    header_icon = "pick"
    results_template_name = "kb/admin/promotion_candidates_results.html"
    index_url_name = "kb_promotion_candidates_report"
    index_results_url_name = "kb_promotion_candidates_report_results"
    export_filename = "promotion-candidates"
    list_export = [
        "question.title",
        "author.public_name",
        "question.get_language_display",
        "promotion_score",
        "score",
        "question.view_count",
        "duplicate_count",
        "nomination_count",
        "nomination_notes",
    ]
    export_headings = {
        "question.title": _("Question"),
        "author.public_name": _("Answer by"),
        "question.get_language_display": _("Language"),
        "promotion_score": _("Score"),
        "score": _("Answer score"),
        "question.view_count": _("Views"),
        "duplicate_count": _("Duplicates"),
        "nomination_count": _("Nominations"),
        "nomination_notes": _("Nomination notes"),
    }

    def get_queryset(self):
        return promotion_candidates()

    def decorate_paginated_queryset(self, object_list):
        candidates = list(object_list)
        for answer in candidates:
            answer.nomination_notes = "; ".join(
                f"{nomination.nominated_by_name}: {nomination.note}"
                for nomination in answer.nominations
            )
        return candidates

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["candidates"] = context["object_list"]
        return context


class AcknowledgeSourceChangesView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm that a promoted article was checked against its source thread as it is now."""

    page_title = _("Source changes reviewed")
    header_icon = "tick"
    template_name = "kb/admin/acknowledge_source.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("kb.promote_answer"):
            raise PermissionDenied
        self.article = get_object_or_404(
            ArticlePage, pk=kwargs["page_id"], provenance__isnull=False
        )
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        acknowledge_source_changes(article=self.article, actor=request.user)
        messages.success(request, _("The article now follows its source thread as it is."))
        return redirect("wagtailadmin_pages:edit", self.article.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(article=self.article, **kwargs)
