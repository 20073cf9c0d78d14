"""Load the knowledge base of the demo company (called by `seed_demo` through a hook).

Creates what is missing and leaves what exists alone, so running it twice adds nothing.
"""

import json

from django.db import transaction
from wagtail.models import Locale

from .demo_content import ARABIC_TAGS, CATEGORIES, INDEX_INTROS, PRODUCTS, RELATED, VOTES
from .models import ArticleFeedback, ArticlePage, CategoryPage, KnowledgeBaseIndexPage, Product
from .services import record_feedback

LANGUAGES = ("en", "ar")


def _publish(page, user=None):
    page.save_revision(user=user).publish(user=user)
    page.refresh_from_db()
    return page


def _child(parent, slug, model):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _translation(source, locale, model, fields: dict, owner=None, tags=None):
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    if tags is not None:
        copy.tags.set(tags, clear=True)
    return _publish(copy, owner)


def _seed_products() -> dict[str, Product]:
    products = {}
    for name_en, name_ar, version, retired in PRODUCTS:
        product, _ = Product.objects.get_or_create(
            name_en=name_en, version=version, defaults={"name_ar": name_ar, "retired": retired}
        )
        products[name_en] = product
    return products


def _article_fields(spec: dict, language: str) -> dict:
    text = spec[language]
    return {
        "title": text["title"],
        "draft_title": text["title"],
        "summary": text["summary"],
        "body": json.dumps(text["body"]),
        "slug": spec["slug"],
    }


@transaction.atomic
def seed_demo(command) -> None:
    """Build the Sahla Telecom knowledge base in Arabic and English, linked as translations."""
    people = command.people
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
    indexes = {code: KnowledgeBaseIndexPage.objects.get(locale=locales[code]) for code in LANGUAGES}
    for code, index in indexes.items():
        if index.intro != INDEX_INTROS[code]:
            index.intro = INDEX_INTROS[code]
            _publish(index, people["noura"])
    products = _seed_products()
    articles = {code: {} for code in LANGUAGES}

    for category_spec in CATEGORIES:
        title, description = category_spec["en"]
        category = _child(indexes["en"], category_spec["slug"], CategoryPage)
        if category is None:
            category = CategoryPage(
                title=title,
                slug=category_spec["slug"],
                description=description,
                icon=category_spec["icon"],
                sort_order=CATEGORIES.index(category_spec),
            )
            indexes["en"].add_child(instance=category)
            _publish(category, people["omar"])
        ar_title, ar_description = category_spec["ar"]
        _translation(
            category,
            locales["ar"],
            CategoryPage,
            {"title": ar_title, "draft_title": ar_title, "description": ar_description},
            people["noura"],
        )

        for spec in category_spec["articles"]:
            owner = people[spec["owner"]]
            article = _child(category, spec["slug"], ArticlePage)
            if article is None:
                article = ArticlePage(
                    content_owner=owner,
                    product=products.get(spec["product"]) if spec["product"] else None,
                    **_article_fields(spec, "en"),
                )
                category.add_child(instance=article)
                article.tags.add(*spec["tags"])
                _publish(article, owner)
            articles["en"][spec["slug"]] = article
            articles["ar"][spec["slug"]] = _translation(
                article,
                locales["ar"],
                ArticlePage,
                _article_fields(spec, "ar"),
                owner,
                tags=[ARABIC_TAGS[tag] for tag in spec["tags"]],
            )

    _seed_related(articles)
    _seed_votes(people, articles)
    command.stdout.write(
        f"Knowledge base: {ArticlePage.objects.live().count()} live articles in "
        f"{CategoryPage.objects.count()} categories."
    )


def _seed_related(articles) -> None:
    for pages in articles.values():
        for slug, related_slugs in RELATED.items():
            page = pages[slug]
            if page.related_links.exists():
                continue
            for related_slug in related_slugs:
                page.related_links.create(article=pages[related_slug])
            _publish(page, page.content_owner)


def _seed_votes(people, articles) -> None:
    for key, slug, helpful, reason, comment in VOTES:
        voter = people[key]
        article = articles[voter.language if voter.language in articles else "en"][slug]
        if ArticleFeedback.objects.filter(article=article, user=voter).exists():
            continue
        record_feedback(
            article=article,
            actor=voter,
            helpful=helpful,
            reason=reason,
            comment=comment,
            client_ip=f"demo-{key}",
        )
