"""A realistic bilingual help-center corpus, written with bulk inserts.

Deterministic: the same sizes and seed give the same corpus. Distributions follow what a real
help center shows: a few people write most posts (Zipf-like), a few threads get most answers,
votes and views (lognormal weights), post lengths are lognormal, about half the answered
questions have an accepted answer, and a few posts are pending or hidden.

Rows get explicit primary keys, so questions can point at their accepted answer before the answers
exist (foreign keys are checked at commit); sequences are reset afterwards. Everything is written
in one transaction: a failed run leaves nothing behind.

Knowledge-base articles are inserted into Wagtail's page tree directly (treebeard paths, depth and
numchild computed here) instead of one `add_child` per page, which would take minutes.
"""

from .articles import ArticleWriter
from .base import PASSWORD, USERNAME_PREFIX, CorpusExists, Sizes, corpus_exists
from .forum import ForumWriter

__all__ = ["PASSWORD", "USERNAME_PREFIX", "CorpusExists", "Sizes", "Writer", "corpus_exists"]


class Writer(ForumWriter, ArticleWriter):
    """Writes the whole corpus: people (``BaseWriter``), the forum, then the knowledge base."""
