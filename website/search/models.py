"""Search tables: the database index, its vocabulary, the outbox of pending index updates and
search analytics. Imported by website/models.py, so they belong to the `website` app."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One visible document in the database backend's index.

    `title_terms`, `tags_terms` and `body_terms` hold the analysed text (normalised, stemmed);
    on PostgreSQL `search_vector` is built from them with the `arabic` or `english`
    configuration, on SQLite an FTS5 table mirrors them (see backends/database.py).
    """

    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    locale = models.CharField(max_length=8)
    title = models.CharField(max_length=400)
    body = models.TextField(blank=True)
    # Tags as "|billing|sms|" so a tag filter is a plain substring match on every database.
    tags = models.TextField(blank=True)
    category = models.CharField(max_length=200, blank=True)
    solved = models.BooleanField(null=True)
    url = models.CharField(max_length=2000)
    updated_at = models.DateTimeField()
    popularity = models.FloatField(default=0)
    boost = models.FloatField(default=1)
    title_terms = models.TextField(blank=True)
    tags_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    search_vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique")
        ]
        indexes = [models.Index(fields=["locale", "kind"], name="search_entry_locale_kind")]

    def __str__(self):
        return f"{self.kind}:{self.object_id} {self.title}"

    @property
    def tag_list(self) -> list[str]:
        return [tag for tag in self.tags.split("|") if tag]


class SearchTerm(models.Model):
    """A word that occurs in the indexed text of one locale, with the number of documents it
    occurs in: the vocabulary for typo correction and "did you mean"."""

    term = models.CharField(max_length=100)
    stem = models.CharField(max_length=100)
    locale = models.CharField(max_length=8)
    frequency = models.PositiveIntegerField(default=0)
    # The Arabic root of the word ("" for other words): query words reach the other forms of
    # their root through it (arabic.word_roots).
    root = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "locale"], name="search_term_unique")
        ]
        indexes = [
            models.Index(fields=["stem", "locale"], name="search_term_stem"),
            models.Index(fields=["root", "locale"], name="search_term_root"),
        ]

    def __str__(self):
        return self.term


class PendingIndexUpdate(models.Model):
    """The outbox: an index update that the search backend has not accepted yet.

    Recorded before the task runs and deleted only after the backend took it, so an update is
    never lost while Elasticsearch is down; `search_index --retry` and the scheduled task
    retry what is left."""

    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="pending_update_unique")
        ]

    def __str__(self):
        return f"{self.kind}:{self.object_id}"


class SearchQueryLog(models.Model):
    """One search, with its result count. No user, no IP address.

    ``query`` is the normalised form the report groups by ("كلمة المرور" and "كلمه المرور" are
    one query); ``typed`` is what the person typed (single-spaced), which the report shows,
    because staff read and search for what people type, not the normalised spelling."""

    query = models.CharField(max_length=200)
    typed = models.CharField(max_length=200, blank=True)
    locale = models.CharField(max_length=8)
    result_count = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        permissions = [("view_search_report", _("Can view the search terms report"))]

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    """A click on a search result: which query led to which indexed document."""

    query = models.CharField(max_length=200)
    locale = models.CharField(max_length=8)
    kind = models.CharField(max_length=20)
    object_id = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return f"{self.query} → {self.kind}:{self.object_id}"


class SearchSynonym(models.Model):
    """Words or short phrases that mean the same to a customer, in one language ("hotline,
    support line, customer service"), so a question finds the article that says it otherwise.

    Support staff keep them in the admin (Settings → Search synonyms). The database backend
    expands queries with them; the search engine applies them as a `synonym_graph` filter at
    search time, changed in place without reindexing (website/search/synonyms.py)."""

    language = models.CharField(_("language"), max_length=8)
    terms = models.TextField(
        _("words and phrases"),
        help_text=_(
            "Two to twenty words or short phrases (up to four words each) that mean the same, "
            "separated by commas."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "terms"]

    def __str__(self):
        return self.terms

    def clean(self):
        from .synonyms import clean_synonym

        clean_synonym(self)

    @property
    def language_name(self) -> str:
        from django.conf import settings

        return dict(settings.LANGUAGES).get(self.language, self.language)

    language_name.fget.short_description = _("language")

    @property
    def term_list(self) -> list[str]:
        from .synonyms import split_terms

        return split_terms(self.terms)
