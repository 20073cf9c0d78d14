"""The search engine's indexes: analysis, mappings and the aliases in front of them.

One index per kind (`ArticleDocument`, `ThreadDocument`) holds both languages; every text field
is analysed three ways: `title` (folded: lowercase, Arabic normalisation, ASCII digits),
`title.ar` (Arabic stop words, normalisation, stemming) and `title.en` (possessives, English
stop words, stemming). At search time the `.ar` and `.en` fields also expand the staff's
synonyms of their language (a `synonym_graph` filter in the search analysers, so a change of
synonyms needs no reindexing). `roots` holds the Arabic roots of the text (computed in Python by
`arabic.roots`, the same function the database backend uses), so a verb finds its noun.

Indexes are versioned (`dalil-articles-v20261123153000…`) behind an alias (`dalil-articles`);
see `engine.SearchEngineBackend.rebuild`.
"""

from django.conf import settings
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Float,
    Keyword,
    Text,
    analyzer,
    char_filter,
    token_filter,
)

from ..arabic import roots
from ..documents import SearchDocument
from ..synonyms import synonym_groups

# Raised when the mappings or analysis change: an index of an older version is replaced by the
# next `search_index --rebuild` (docs/operations.md).
MAPPING_VERSION = 3

ARABIC_CHARACTERS = char_filter(
    "dalil_arabic_characters",
    type="mapping",
    mappings=[f"{chr(0x0660 + d)}=>{d}" for d in range(10)]
    + [f"{chr(0x06F0 + d)}=>{d}" for d in range(10)]
    + ["\u0640=>"],
)
ARABIC_STOP = token_filter("dalil_arabic_stop", type="stop", stopwords="_arabic_")
ARABIC_STEMMER = token_filter("dalil_arabic_stemmer", type="stemmer", language="arabic")
ENGLISH_POSSESSIVE = token_filter(
    "dalil_english_possessive", type="stemmer", language="possessive_english"
)
ENGLISH_STOP = token_filter("dalil_english_stop", type="stop", stopwords="_english_")
ENGLISH_STEMMER = token_filter("dalil_english_stemmer", type="stemmer", language="english")
# The staff's synonyms (website.search.models.SearchSynonym), filled in when an index is created
# and replaced in place when they change. They come last in the search analysers, so the rules
# are read through the same stemming as the query ("الخدمة" meets a rule written "خدمة").
# "lenient" skips a rule the analyser empties.
SYNONYM_FILTERS = {
    language: token_filter(
        f"dalil_synonyms_{language}",
        type="synonym_graph",
        synonyms=[],
        lenient=True,
    )
    for language in ("ar", "en")
}

FOLDED = analyzer(
    "dalil_folded",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=["lowercase", "decimal_digit", "arabic_normalization"],
)
ARABIC = analyzer(
    "dalil_arabic",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=["lowercase", "decimal_digit", ARABIC_STOP, "arabic_normalization", ARABIC_STEMMER],
)
ARABIC_SEARCH = analyzer(
    "dalil_arabic_search",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[
        "lowercase",
        "decimal_digit",
        ARABIC_STOP,
        "arabic_normalization",
        ARABIC_STEMMER,
        SYNONYM_FILTERS["ar"],
    ],
)
ENGLISH = analyzer(
    "dalil_english",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[ENGLISH_POSSESSIVE, "lowercase", "decimal_digit", ENGLISH_STOP, ENGLISH_STEMMER],
)
ENGLISH_SEARCH = analyzer(
    "dalil_english_search",
    tokenizer="standard",
    char_filter=[ARABIC_CHARACTERS],
    filter=[
        ENGLISH_POSSESSIVE,
        "lowercase",
        "decimal_digit",
        ENGLISH_STOP,
        ENGLISH_STEMMER,
        SYNONYM_FILTERS["en"],
    ],
)
ROOTS = analyzer("dalil_roots", tokenizer="whitespace")


def analysed_text(**kwargs):
    return Text(
        analyzer=FOLDED,
        fields={
            "ar": Text(analyzer=ARABIC, search_analyzer=ARABIC_SEARCH),
            "en": Text(analyzer=ENGLISH, search_analyzer=ENGLISH_SEARCH),
        },
        copy_to="spelling",
        **kwargs,
    )


class SearchableDocument(Document):
    """Fields shared by articles and threads."""

    kind = Keyword()
    object_id = Keyword()
    locale = Keyword()
    title = analysed_text()
    body = analysed_text()
    replies = analysed_text()
    roots = Text(analyzer=ROOTS)
    tags = Keyword(fields={"text": Text(analyzer=FOLDED)}, copy_to="spelling")
    category = Keyword()
    solved = Boolean()
    url = Keyword(index=False)
    updated_at = Date()
    popularity = Float()
    spelling = Text(analyzer=FOLDED)

    @classmethod
    def from_document(cls, document: SearchDocument):
        return cls(
            meta={"id": document.object_id},
            kind=document.kind,
            object_id=document.object_id,
            locale=document.locale,
            title=document.title,
            body=document.body,
            replies=document.replies,
            roots=" ".join(roots(f"{document.title} {document.full_text}")),
            tags=list(document.tags),
            category=document.category,
            solved=document.solved,
            url=document.url,
            updated_at=document.updated_at,
            popularity=document.popularity,
        )


INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


class ArticleDocument(SearchableDocument):
    """A live knowledge-base article."""

    class Index:
        name = "dalil-articles"
        settings = INDEX_SETTINGS


class ThreadDocument(SearchableDocument):
    """A published, non-hidden community thread with its published answers."""

    class Index:
        name = "dalil-threads"
        settings = INDEX_SETTINGS


DOCUMENT_CLASSES = {"article": ArticleDocument, "thread": ThreadDocument}


def alias_name(kind: str) -> str:
    return f"{settings.DALIL_SEARCH_INDEX_PREFIX}-{kind}s"


def synonym_rules(language: str) -> list[str]:
    """The staff's synonyms of `language` in the engines' format: "a, b, c" per group."""
    return [", ".join(group) for group in synonym_groups(language)]


def analysis_with_synonyms(analysis: dict) -> dict:
    for language, token in SYNONYM_FILTERS.items():
        analysis["filter"][token._name]["synonyms"] = synonym_rules(language)
    return analysis


def index_body(kind: str) -> dict:
    """Settings and mappings of a new index of `kind`, with today's synonyms."""
    body = DOCUMENT_CLASSES[kind]._index.to_dict()
    analysis_with_synonyms(body["settings"]["analysis"])
    body["mappings"]["_meta"] = {"dalil_mapping_version": MAPPING_VERSION}
    return body
