"""The "Article feedback" and "Promotion candidates" reports in the Wagtail admin."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import ArticleFeedback, ArticlePage
from .selectors import feedback_report_rows, promotion_candidates
from .services import acknowledge_source_changes


class ArticleFeedbackReportView(WagtailAdminTemplateMixin, TemplateView):
    """Per article: helpful and unhelpful votes, the 90-day ratio, and why readers said no."""

    page_title = _("Article feedback")
    header_icon = "help"
    template_name = "kb/admin/feedback_report.html"
    comments_per_article = 10

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("kb.view_articlefeedback"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(feedback_report_rows(), 50).get_page(self.request.GET.get("p"))
        articles = list(page.object_list)
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
        context.update(page_obj=page, articles=articles)
        return context


class PromotionCandidatesReportView(WagtailAdminTemplateMixin, TemplateView):
    """Accepted answers worth turning into articles, ranked by the documented promotion score."""

    page_title = _("Promotion candidates")
    header_icon = "pick"
    template_name = "kb/admin/promotion_candidates.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("kb.promote_answer"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(promotion_candidates(), 50).get_page(self.request.GET.get("p"))
        context.update(page_obj=page, candidates=list(page.object_list))
        return context


class AcknowledgeSourceChangesView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm that a promoted article was checked against its edited community answer."""

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
        messages.success(request, _("The article now follows the answer's current revision."))
        return redirect("wagtailadmin_pages:edit", self.article.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(article=self.article, **kwargs)
