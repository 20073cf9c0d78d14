"""An admin panel that shows staff how readers rated the article they are editing."""

from wagtail.admin.panels import Panel

from .models.feedback import ArticleFeedback


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
