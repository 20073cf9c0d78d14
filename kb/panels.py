"""Admin panels on the article edit page: reader feedback, and the community source."""

from wagtail.admin.panels import Panel

from .models.feedback import ArticleFeedback
from .models.promotion import Provenance, SourceDriftSignal


class FeedbackSummaryPanel(Panel):
    """Read-only: helpful/unhelpful counts, the 90-day ratio and the latest reasons."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "kb/admin/feedback_panel.html"
        latest = 10

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            votes = ArticleFeedback.objects.filter(article_id=self.instance.pk)
            context.update(
                summary=votes.summary() if self.instance.pk else None,
                reasons=votes.reason_counts() if self.instance.pk else [],
                comments=votes.unhelpful().order_by("-updated_at")[: self.latest]
                if self.instance.pk
                else [],
            )
            return context


class SourcePanel(Panel):
    """Read-only: the community answer a promoted article came from, and whether it changed since
    (the "source changed" signals that `kb.services.check_source_drift` records)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "kb/admin/source_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            provenance = (
                Provenance.objects.filter(article_id=self.instance.pk)
                .select_related("question", "answer_revision")
                .first()
                if self.instance.pk
                else None
            )
            signals = (
                list(SourceDriftSignal.objects.filter(article_id=self.instance.pk)[:20])
                if provenance
                else []
            )
            context.update(
                provenance=provenance,
                open_signals=[signal for signal in signals if signal.resolved_at is None],
                resolved_signals=[signal for signal in signals if signal.resolved_at is not None],
            )
            return context
