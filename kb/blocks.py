"""The building blocks of an article body: each one is a thing support writers actually use."""

import nh3
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "code"]
# What those features produce once Wagtail has expanded page and document links. Extend this
# when a feature is added to RICH_TEXT_FEATURES.
RICH_TEXT_TAGS = {"p", "br", "b", "strong", "i", "em", "code", "a", "ol", "ul", "li"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}, "*": {"data-block-key"}}
RICH_TEXT_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_rich_text(html: str) -> str:
    """Article rich text as rendered HTML, reduced to what the editor's features can produce.

    The Draftail editor only ever stores its own allowlisted HTML, but rich text written around
    it (the model, an import, a script, an old row) is stored as it comes, and Wagtail renders
    stored rich text verbatim; so every article renders through this allowlist as well.
    """
    return nh3.clean(
        expand_db_html(html),
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=RICH_TEXT_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style"},
    )


class ArticleRichText(RichText):
    """A rich text value that renders through `clean_rich_text` (`|richtext` keeps it as is)."""

    def clean_html(self) -> str:
        return clean_rich_text(self.source)

    def __html__(self):
        return render_to_string(
            "wagtailcore/shared/richtext.html",
            {"html": mark_safe(self.clean_html())},  # noqa: S308 (allowlisted just above)
        )


class ArticleRichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block whose values render only allowlisted HTML."""

    def to_python(self, value):
        return ArticleRichText(value)

    def normalize(self, value):
        if isinstance(value, ArticleRichText):
            return value
        return ArticleRichText(getattr(value, "source", value) or "")

    def value_from_form(self, value):
        return ArticleRichText(value)


class HeadingBlock(blocks.StructBlock):
    """A section heading; every heading becomes an entry in the article's table of contents."""

    text = blocks.CharBlock(label=_("text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
        search_index=False,  # its label is the editor's language, not the article's
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kb/blocks/heading.html"
        preview_value = {"text": "Before you call us", "level": "h2"}


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"), max_length=160)
    detail = ArticleRichTextBlock(label=_("detail"), features=RICH_TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    """Numbered instructions: the reader follows them in order."""

    steps = blocks.ListBlock(StepBlock(), label=_("steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        label = _("Steps")
        template = "kb/blocks/steps.html"
        preview_value = {
            "steps": [{"title": "Open the app", "detail": ""}, {"title": "Tap Help", "detail": ""}]
        }


class CalloutBlock(blocks.StructBlock):
    """A boxed aside: a tip, a note, or a warning the reader must not miss."""

    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("note", _("Note")), ("warning", _("Warning"))],
        default="note",
        search_index=False,  # its label is the editor's language, not the article's
    )
    text = ArticleRichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "kb/blocks/callout.html"
        preview_value = {"kind": "tip", "text": "<p>Keep your account number at hand.</p>"}


class CodeBlock(blocks.StructBlock):
    """A snippet the reader copies exactly, such as a USSD code or a setting value."""

    language = blocks.CharBlock(label=_("language"), max_length=30, required=False)
    code = blocks.TextBlock(label=_("code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "kb/blocks/code.html"
        preview_value = {"language": "", "code": "*123#"}


class ImageBlock(blocks.StructBlock):
    """An image; alternative text is required so that every reader gets the information."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kb/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video URL"))
    title = blocks.CharBlock(label=_("title"), max_length=160)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "kb/blocks/video.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=250)
    answer = ArticleRichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)


class FAQBlock(blocks.StructBlock):
    """Question and answer pairs; they are also published as schema.org FAQPage data."""

    title = blocks.CharBlock(
        label=_("title"), max_length=120, required=False, default=_("Frequently asked questions")
    )
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("questions"), min_num=1)

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "kb/blocks/faq.html"
        preview_value = {
            "title": "FAQ",
            "items": [{"question": "Is it free?", "answer": "<p>Yes.</p>"}],
        }


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = ArticleRichTextBlock(
        label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow"
    )
    heading = HeadingBlock()
    steps = StepsBlock()
    callout = CalloutBlock()
    code = CodeBlock()
    image = ImageBlock()
    video = VideoBlock()
    faq = FAQBlock()
