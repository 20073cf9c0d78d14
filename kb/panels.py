"""Admin panels on the page editor: reader feedback, the community source, and the page a
translation is translated from."""

from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import Page

from moderation.models import StaleSignal

from . import drift
from .models.feedback import ArticleFeedback
from .models.promotion import Provenance


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
    """Read-only: the community answer a promoted article came from, how its thread differs now
    from what staff last checked (``kb.drift``, live), and the drift the stale sweep recorded
    and saw resolved."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "kb/admin/source_panel.html"
        history = 20

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            provenance = (
                Provenance.objects.filter(article_id=self.instance.pk)
                .select_related("question", "answer_revision")
                .first()
                if self.instance.pk
                else None
            )
            recorded = (
                list(
                    StaleSignal.objects.filter(
                        content_type__app_label="kb",
                        content_type__model="articlepage",
                        object_id=self.instance.pk,
                        code__in=list(drift.LABELS),
                    ).order_by("-detected_at", "-pk")[: self.history]
                )
                if provenance
                else []
            )
            since = {row.code: row.detected_at for row in recorded if not row.resolved_at}
            now = drift.article_drift(provenance.article_id) if provenance else {}
            context.update(
                provenance=provenance,
                open_signals=[
                    {
                        "code": code,
                        "label": drift.LABELS[code],
                        "url": evidence["url"],
                        "detected_at": since.get(code),
                    }
                    for code, evidence in now.items()
                ],
                resolved_signals=[
                    {"label": drift.LABELS[signal.code], "signal": signal}
                    for signal in recorded
                    if signal.resolved_at
                ],
            )
            return context


class TranslationSourcePanel(Panel):
    """Read-only, on a translation: the page it translates, as it stands in its latest draft,
    so the translator reads the source beside the fields they type in. Hidden on a page that is
    not a translation."""

    # Bounded work: a long source shows its first blocks; the link opens the rest.
    max_blocks = 60

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Source"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "kb/admin/translation_source_panel.html"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.source = self._source()
            if self.source is not None:
                language = get_language_info(self.source.locale.language_code)
                self.heading = gettext("Source (%(language)s)") % {
                    "language": language["name_translated"]
                }
                self.source_language = language

        def _source(self):
            """The page this one was copied from: the oldest page with its translation key
            (Wagtail keeps no "copied from" link). The original itself has no source."""
            instance = self.instance
            if not instance.pk or not instance.translation_key:
                return None
            original = (
                Page.objects.filter(translation_key=instance.translation_key, pk__lt=instance.pk)
                .exclude(locale_id=instance.locale_id)
                .select_related("locale")
                .order_by("pk")
                .first()
            )
            return original.specific.get_latest_revision_as_object() if original else None

        def is_shown(self):
            return self.source is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            source = self.source
            body = getattr(source, "body", None)
            blocks = []
            for block in list(body or [])[: self.panel.max_blocks]:
                text = " ".join(block.block.get_searchable_content(block.value)).strip()
                if text:
                    blocks.append({"heading": block.block_type == "heading", "text": text})
            context.update(
                source=source,
                source_language=self.source_language["code"],
                source_direction="rtl" if self.source_language["bidi"] else "ltr",
                source_summary=getattr(source, "summary", "")
                or getattr(source, "description", "")
                or getattr(source, "intro", ""),
                source_blocks=blocks,
            )
            return context
