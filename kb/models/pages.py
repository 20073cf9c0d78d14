"""The knowledge-base page tree: one index per language, categories, and articles."""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from moderation.measure import tell

from ..admin_forms import ArticlePageForm, PageLanguageForm
from ..blocks import ArticleBodyBlock
from ..panels import FeedbackSummaryPanel, SourcePanel, TranslationSourcePanel
from .settings import default_review_every

ARTICLES_PER_PAGE = 12
FEEDBACK_WINDOW_DAYS = 90

# Keys of the symbols in kb/static/kb/icons.svg (Lucide, self-hosted: an emoji or a dingbat
# renders as an empty box where the reader's fonts lack it, as Arabic fonts often do).
CATEGORY_ICONS = [
    ("phone", _("Phone")),
    ("chat", _("Chat")),
    ("mail", _("Email")),
    ("account", _("Account")),
    ("billing", _("Bill")),
    ("network", _("Network signal")),
    ("device", _("Mobile phone")),
    ("star", _("Star")),
    ("book", _("Book")),
]


def paginate(request, queryset, per_page: int = ARTICLES_PER_PAGE):
    """One page of `queryset` for the `?page=` of the request (out-of-range numbers clamp)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def review_due_at(*, last_reviewed_at, first_published_at, review_every: int):
    """The review-due rule, in one place: an article is due ``review_every`` days after its
    last review, or after it was first published when nobody has reviewed it yet (None before
    it was ever published). ``ArticlePage.next_review_due`` and the stale sweep both ask it."""
    start = last_reviewed_at or first_published_at
    return start + timedelta(days=review_every) if start else None


class KnowledgeBaseIndexPage(Page):
    """The front door of the knowledge base in one language: its categories and best articles."""

    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    base_form_class = PageLanguageForm
    content_panels = [TranslationSourcePanel()] + Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["kb.CategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = CategoryPage.objects.child_of(self).live().public().in_order()
        context["articles"] = paginate(
            request,
            ArticlePage.objects.descendant_of(self).live().public().for_listing().most_helpful(),
        )
        return context


class CategoryPageQuerySet(PageQuerySet):
    def in_order(self):
        """Categories in the order staff chose, then alphabetically."""
        return self.order_by("sort_order", "title")


class CategoryPage(Page):
    """A topic that groups articles, such as "Billing" or "Contact channels"."""

    description = models.TextField(_("description"), max_length=400, blank=True)
    icon = models.CharField(
        _("icon"), max_length=20, choices=CATEGORY_ICONS, default="book", blank=True
    )
    sort_order = models.PositiveSmallIntegerField(
        _("ordering"), default=0, help_text=_("Lower numbers are listed first.")
    )

    objects = PageManager.from_queryset(CategoryPageQuerySet)()

    base_form_class = PageLanguageForm
    content_panels = (
        [TranslationSourcePanel()]
        + Page.content_panels
        + [
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("icon"), FieldPanel("sort_order")]),
        ]
    )
    parent_page_types = ["kb.KnowledgeBaseIndexPage"]
    subpage_types = ["kb.ArticlePage"]

    class Meta:
        verbose_name = _("knowledge base category")

    @property
    def icon_key(self) -> str:
        """The symbol to draw in kb/static/kb/icons.svg; a page without one shows the book."""
        return self.icon if self.icon in dict(CATEGORY_ICONS) else "book"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request,
            ArticlePage.objects.child_of(self).live().public().for_listing().most_helpful(),
        )
        return context


class ArticlePageQuerySet(PageQuerySet):
    def with_feedback_counts(self):
        """Annotate helpful/unhelpful votes overall and over the last 90 days, in one query."""
        since = timezone.now() - timedelta(days=FEEDBACK_WINDOW_DAYS)
        recent = Q(feedback__updated_at__gte=since)
        return self.annotate(
            helpful_count=Count("feedback", filter=Q(feedback__helpful=True)),
            unhelpful_count=Count("feedback", filter=Q(feedback__helpful=False)),
            recent_helpful_count=Count("feedback", filter=recent & Q(feedback__helpful=True)),
            recent_vote_count=Count("feedback", filter=recent),
        )

    def most_helpful(self):
        """Most helpful first: net helpful votes, then most helpful votes, then newest."""
        if "helpful_count" not in self.query.annotations:
            return self.with_feedback_counts().most_helpful()
        return self.order_by(
            (F("helpful_count") - F("unhelpful_count")).desc(),
            F("helpful_count").desc(),
            F("last_published_at").desc(nulls_last=True),
            "pk",
        )

    def for_listing(self):
        """What article cards show: the page and its feedback counts."""
        return self.with_feedback_counts()


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ArticlePage(Page):
    """A self-service article written by support staff, reviewed on a schedule.

    `content_owner` is the staff member answerable for the article (Wagtail's own `owner` is
    only whoever created the page). `review_every` and `last_reviewed_at` tell the stale-content
    work when the article is due for another look; `product` says what it applies to.
    """

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences; shown in listings and used as the meta description."),
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))
    content_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        help_text=_("The staff member responsible for keeping this article right."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_articles",
        limit_choices_to=Q(is_superuser=True)
        | Q(
            groups__permissions__codename="own_article",
            groups__permissions__content_type__app_label="kb",
        ),
    )
    review_every = models.PositiveSmallIntegerField(
        _("review every (days)"),
        default=default_review_every,
        help_text=_("How often the owner should check that the article is still right."),
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed"), null=True, blank=True)
    product = models.ForeignKey(
        "kb.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    base_form_class = ArticlePageForm
    content_panels = (
        [TranslationSourcePanel()]
        + Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("tags"),
            InlinePanel("related_links", label=_("Related articles")),
        ]
    )
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("content_owner"),
                FieldPanel("product"),
                FieldRowPanel([FieldPanel("review_every"), FieldPanel("last_reviewed_at")]),
            ],
            heading=_("Ownership and review"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(settings_panels, heading=_("Settings")),
            ObjectList([FeedbackSummaryPanel(heading=_("Reader feedback"))], heading=_("Feedback")),
            ObjectList([SourcePanel(heading=_("Community source"))], heading=_("Source")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("category_title"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("live"),
        index.FilterField("locale"),
    ]
    parent_page_types = ["kb.CategoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("knowledge base article")
        permissions = [("own_article", _("Can be the owner of knowledge-base articles"))]

    def get_meta_description(self) -> str:
        return self.search_description or self.summary

    @cached_property
    def category(self):
        return CategoryPage.objects.filter(pk=self.get_parent().pk).first()

    def category_title(self) -> str:
        return self.category.title if self.category else ""

    def body_text(self) -> str:
        """The body as plain text, for search and for the meta of other pages."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body)).strip()

    def headings(self) -> list[dict]:
        """The table of contents: one entry per heading block, with a stable anchor."""
        return [
            {
                "anchor": f"section-{number}",
                "text": block.value["text"],
                "level": block.value["level"],
            }
            for number, block in enumerate(self._heading_blocks(), start=1)
        ]

    def _heading_blocks(self):
        return [block for block in self.body if block.block_type == "heading"]

    def body_with_anchors(self) -> list[tuple]:
        """Each body block paired with the anchor its heading gets (None for other blocks)."""
        pairs, number = [], 0
        for block in self.body:
            anchor = None
            if block.block_type == "heading":
                number += 1
                anchor = f"section-{number}"
            pairs.append((block, anchor))
        return pairs

    def faq_items(self) -> list[dict]:
        return [
            item
            for block in self.body
            if block.block_type == "faq"
            for item in block.value["items"]
        ]

    @property
    def recent_helpful_ratio(self) -> float | None:
        """Share of helpful votes over the last 90 days (needs `with_feedback_counts()`)."""
        total = getattr(self, "recent_vote_count", 0)
        return self.recent_helpful_count / total if total else None

    @property
    def next_review_due(self):
        """When the article should next be reviewed (None before it was ever published)."""
        return review_due_at(
            last_reviewed_at=self.last_reviewed_at,
            first_published_at=self.first_published_at,
            review_every=self.review_every,
        )

    def search_document(self) -> dict:
        """Everything the site search indexes about this article, in one place."""
        return {
            "title": self.title,
            "summary": self.summary,
            "body_text": self.body_text(),
            "tags": [tag.name for tag in self.tags.all()],
            "category": self.category_title(),
            "locale": self.locale.language_code,
            "url": self.get_url(),
            "live": self.live,
            "updated_at": self.last_published_at or self.latest_revision_created_at,
        }

    def serve(self, request, *args, **kwargs):
        """The article, marked as read for the site's insights (counted also when the page
        cache serves it)."""
        response = super().serve(request, *args, **kwargs)
        return tell(response, "article", self.pk, self.locale.language_code)

    def get_context(self, request, *args, **kwargs):
        from ..selectors import article_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_page_context(self, request))
        return context


class ArticleRelatedArticle(Orderable):
    """A hand-picked "see also" link from one article to another."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
