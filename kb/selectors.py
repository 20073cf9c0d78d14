"""Reads that span models: what an article page shows around its body, and the feedback report."""

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode

from .models import ArticleFeedback, ArticlePage, CategoryPage, FeedbackReason


def ask_community_url(article: ArticlePage) -> str | None:
    """The forum's ask form with this article as context, or None while no forum is installed."""
    try:
        url = reverse("forum:ask")
    except NoReverseMatch:
        return None
    return f"{url}?{urlencode({'from_page': article.pk})}"


def related_articles(article: ArticlePage) -> list[ArticlePage]:
    """Hand-picked related articles, shown in the article's own language where translated."""
    keys = list(article.related_links.values_list("article__translation_key", flat=True))
    if not keys:
        return []
    found = {
        page.translation_key: page
        for page in ArticlePage.objects.live()
        .public()
        .filter(translation_key__in=keys, locale_id=article.locale_id)
    }
    return [found[key] for key in keys if key in found]


def visitor_feedback(article: ArticlePage, request) -> ArticleFeedback | None:
    """The vote this visitor (user or anonymous session) already gave the article, if any."""
    if request.user.is_authenticated:
        return ArticleFeedback.objects.filter(article=article, user=request.user).first()
    session_key = request.session.session_key
    if not session_key:
        return None
    return ArticleFeedback.objects.filter(
        article=article, user__isnull=True, session_key=session_key
    ).first()


def breadcrumbs(page) -> list:
    """Ancestors from the language's home page down to (not including) `page`."""
    return list(page.get_ancestors().filter(depth__gte=2))


def structured_data(article: ArticlePage, request, crumbs: list) -> list[dict]:
    """schema.org Article, BreadcrumbList and (when the body has FAQ blocks) FAQPage data."""
    url = article.get_full_url(request)
    data = [
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": article.title,
            "description": article.summary,
            "inLanguage": article.locale.language_code,
            "url": url,
            "datePublished": article.first_published_at,
            "dateModified": article.last_published_at,
            "author": {"@type": "Organization", "name": "Dalil"},
        },
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": crumb.title,
                    "item": crumb.get_full_url(request),
                }
                for position, crumb in enumerate([*crumbs, article], start=1)
            ],
        },
    ]
    faq = article.faq_items()
    if faq:
        data.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": item["question"],
                        "acceptedAnswer": {"@type": "Answer", "text": item["answer"].source},
                    }
                    for item in faq
                ],
            }
        )
    return data


def article_page_context(article: ArticlePage, request) -> dict:
    """Everything an article page shows besides its own fields."""
    crumbs = breadcrumbs(article)
    return {
        "breadcrumbs": crumbs,
        "table_of_contents": article.headings(),
        "related_articles": related_articles(article),
        "visitor_feedback": visitor_feedback(article, request),
        "ask_url": ask_community_url(article),
        "structured_data": structured_data(article, request, crumbs),
        "reasons": FeedbackReason.choices,
    }


def home_categories(locale) -> list[CategoryPage]:
    """The knowledge-base categories of one language, in the order staff chose."""
    return list(CategoryPage.objects.live().public().filter(locale=locale).in_order())


def feedback_report_rows():
    """Articles with any feedback, with counts and the 90-day helpful ratio, worst first."""
    return (
        ArticlePage.objects.with_feedback_counts()
        .filter(Q(helpful_count__gt=0) | Q(unhelpful_count__gt=0))
        .select_related("locale")
        .order_by("-unhelpful_count", "-helpful_count", "title")
    )
