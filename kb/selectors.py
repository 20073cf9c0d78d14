"""Reads that span models: what an article page shows around its body, and the feedback report."""

from django.core.cache import cache
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from moderation.conf import setting
from moderation.selectors import stale_score

from .models import (
    ArticleFeedback,
    ArticlePage,
    CategoryPage,
    FeedbackReason,
    KnowledgeBaseIndexPage,
)


def ask_community_url(article: ArticlePage) -> str:
    """The forum's ask form with this article as context (the question records where it came
    from, which the stale-content sweep counts)."""
    return f"{reverse('forum:ask')}?{urlencode({'from_page': article.pk})}"


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
        "stale_notice": stale_notice(article),
    }


def stale_notice(article: ArticlePage) -> dict | None:
    """What readers are told when the article's stale score reaches DALIL_STALE_BANNER_SCORE:
    the date it was last checked (its first publication when never reviewed)."""
    if stale_score(article) < setting("DALIL_STALE_BANNER_SCORE"):
        return None
    return {"last_reviewed": article.last_reviewed_at or article.first_published_at}


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


KB_URL_CACHE_KEY = "dalil:kb-index-url:{language}"
KB_URL_CACHE_SECONDS = 60 * 60


def knowledge_base_url(language: str, request) -> str:
    """The URL of the knowledge-base index in `language`, for the header on every page.

    Cached because it is asked on every request; `kb.apps` clears it when an index page is
    published, unpublished, moved or deleted."""
    key = KB_URL_CACHE_KEY.format(language=language)
    url = cache.get(key)
    if url is None:
        index = KnowledgeBaseIndexPage.objects.live().filter(locale__language_code=language).first()
        url = index.get_url(request=request) if index else ""
        cache.set(key, url, KB_URL_CACHE_SECONDS)
    return url


def forget_knowledge_base_urls(**kwargs) -> None:
    from django.conf import settings

    cache.delete_many([KB_URL_CACHE_KEY.format(language=code) for code, _ in settings.LANGUAGES])
