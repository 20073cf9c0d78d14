"""The knowledge-base part of the corpus: category pages and articles in both languages."""

import json
import uuid
from datetime import timedelta
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.text import slugify
from wagtail.models import Locale, Page

from kb.models import ArticlePage, ArticlePageTag, CategoryPage, KnowledgeBaseIndexPage
from kb.models.settings import default_review_every

from ..vocabulary import TOPICS
from .base import HISTORY_DAYS, KB_CATEGORIES, LANGUAGES, BaseWriter, _next_id


class ArticleWriter(BaseWriter):
    # Knowledge base ---------------------------------------------------------------------------

    def _kb_categories(self) -> dict[str, list[CategoryPage]]:
        """The categories of each language's knowledge base, creating a set when there is none.
        English and Arabic categories are translations of each other."""
        found = {}
        for language in LANGUAGES:
            index = KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
            found[language] = list(CategoryPage.objects.child_of(index).order_by("path"))
        if all(found.values()):
            return found
        for position, (slug, name_ar, name_en) in enumerate(KB_CATEGORIES):
            key = uuid.uuid4()
            for language, name in (("en", name_en), ("ar", name_ar)):
                index = KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
                if CategoryPage.objects.child_of(index).filter(slug=slug).exists():
                    continue
                category = CategoryPage(
                    title=name,
                    slug=slug,
                    sort_order=position,
                    translation_key=key,
                    locale=index.locale,
                    first_published_at=self.now,
                    last_published_at=self.now,
                )
                index.add_child(instance=category)
        return {
            language: list(
                CategoryPage.objects.child_of(
                    KnowledgeBaseIndexPage.objects.get(locale__language_code=language)
                ).order_by("path")
            )
            for language in LANGUAGES
        }

    def _article_body(self, language: str, topic: int) -> str:
        blocks = []
        for section in range(self.rng.randint(2, 5)):
            heading = self.title(language, topic).rstrip("?؟")
            blocks.append(
                {
                    "type": "heading",
                    "value": {"text": heading[:120], "level": "h2" if section == 0 else "h3"},
                    "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                }
            )
            for paragraph in self.paragraphs(language, topic, 5):
                blocks.append(
                    {
                        "type": "paragraph",
                        "value": f"<p>{escape(paragraph, quote=False)}</p>",
                        "id": str(uuid.UUID(int=self.rng.getrandbits(128))),
                    }
                )
        return json.dumps(blocks, ensure_ascii=False)

    def write_articles(self) -> None:
        """`articles` pages per language under the categories; article n in English and in
        Arabic share a translation key, as translated pages do."""
        count, rng = self.sizes.articles, self.rng
        if not count:
            return
        categories = self._kb_categories()
        content_type = ContentType.objects.get_for_model(ArticlePage)
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGES}
        keys = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(count)]
        topics = [rng.randrange(len(TOPICS["en"])) for _ in range(count)]
        tag_pools = {language: self._tags(language) for language in LANGUAGES}
        review_every = default_review_every()
        next_id = _next_id(Page)
        pages, children, tags = [], [], []
        body_field = ArticlePage._meta.get_field("body")
        for language in LANGUAGES:
            parents = categories[language]
            next_step = {p.pk: p.numchild for p in parents}
            for n in range(count):
                parent = parents[n % len(parents)]
                next_step[parent.pk] += 1
                title = self.title(language, topics[n]).rstrip("?؟")
                slug = f"{slugify(title, allow_unicode=True)[:60].strip('-')}-{n}"
                published = self.start + timedelta(days=HISTORY_DAYS * rng.random())
                page = Page(
                    pk=next_id,
                    path=Page._get_path(parent.path, parent.depth + 1, next_step[parent.pk]),
                    depth=parent.depth + 1,
                    numchild=0,
                    translation_key=keys[n],
                    locale_id=locales[language].pk,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    latest_revision_created_at=published,
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type_id=content_type.pk,
                    url_path=f"{parent.url_path}{slug}/",
                    search_description="",
                    seo_title="",
                )
                summary = " ".join(self.paragraphs(language, topics[n], 2)[:1])[:300]
                children.append(
                    (
                        next_id,
                        summary,
                        body_field.get_db_prep_save(
                            self._article_body(language, topics[n]), connection
                        ),
                        None,
                        review_every,
                        None,
                        None,
                    )
                )
                pool = tag_pools[language]
                for tag_id in set(rng.choices(pool[:12], k=rng.randint(1, 3))):
                    tags.append(ArticlePageTag(content_object_id=next_id, tag_id=tag_id))
                pages.append(page)
                next_id += 1
            for parent in parents:
                Page.objects.filter(pk=parent.pk).update(numchild=next_step[parent.pk])
        self.insert(Page, iter(pages), len(pages), "article pages")
        table = connection.ops.quote_name(ArticlePage._meta.db_table)
        columns = ", ".join(
            connection.ops.quote_name(f.column) for f in ArticlePage._meta.local_concrete_fields
        )
        placeholders = ", ".join(["%s"] * len(ArticlePage._meta.local_concrete_fields))
        # Table and column names come from the model and are quoted; values are parameters.
        insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        with connection.cursor() as cursor:
            for start in range(0, len(children), self.batch_size):
                cursor.executemany(
                    insert,
                    children[start : start + self.batch_size],
                )
        self.progress("articles", len(children), len(children), final=True)
        self.insert(ArticlePageTag, iter(tags), len(tags), "article tags")
