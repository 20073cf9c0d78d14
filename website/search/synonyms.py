"""Synonyms that support staff maintain: validation, the groups the backends apply, and the
actions through which every change goes.

A synonym is a group of words or short phrases of one language that mean the same to a
customer. The database backend adds the other members of a group to a query that contains one
(`expansions`); the search engine applies the same groups as a `synonym_graph` filter in its
search analysers, replaced in place when they change (`engine.SearchEngineBackend.apply_synonyms`),
so neither needs the documents reindexed.

Every change goes through the Wagtail actions registered below (the admin's create, edit and
delete views use them, and so do `save_synonym` and `delete_synonym` for code): they check the
actor's permission, validate, log the change in Wagtail's history and, after commit, put the new
groups into effect.
"""

import logging
import re

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.actions.create import CreateAction
from wagtail.actions.delete import DeleteAction
from wagtail.actions.edit import EditAction

from .arabic import normalise, stem, words

logger = logging.getLogger("dalil.search")

TERM_SEPARATORS = re.compile("[,،;\n]")
# Letters, digits, spaces, hyphens and apostrophes: nothing the engines' synonym format reads
# as syntax ("=>", "#", "\").
TERM_CHARACTERS = re.compile(r"^[\w\s'’-]+$", re.UNICODE)
MAX_TERMS = 20
MAX_TERM_WORDS = 4
MAX_TERM_LENGTH = 60
MAX_GROUPS_PER_LANGUAGE = 500
CACHE_KEY = "dalil:search:synonyms:{language}"
CACHE_SECONDS = 600


def split_terms(text: str) -> list[str]:
    """The distinct terms of a group as typed (whitespace collapsed), in order."""
    terms = (" ".join(part.split()) for part in TERM_SEPARATORS.split(text or ""))
    seen, kept = set(), []
    for term in terms:
        key = normalise(term)
        if term and key not in seen:
            seen.add(key)
            kept.append(term)
    return kept


def clean_synonym(synonym) -> None:
    """Refuse what the engines could not apply or would apply to the wrong words."""
    from .models import SearchSynonym

    errors = {}
    if synonym.language not in dict(settings.LANGUAGES):
        errors["language"] = _("Choose one of the site's languages.")
    terms = split_terms(synonym.terms)
    problems = []
    if len(terms) < 2:
        problems.append(_("Give at least two words or phrases, separated by commas."))
    if len(terms) > MAX_TERMS:
        problems.append(
            ngettext(
                "Give at most %(count)d word or phrase.",
                "Give at most %(count)d words or phrases.",
                MAX_TERMS,
            )
            % {"count": MAX_TERMS}
        )
    for term in terms:
        if len(term) > MAX_TERM_LENGTH or len(words(term)) > MAX_TERM_WORDS:
            problems.append(
                _("“%(term)s” is too long: use at most %(words)d words.")
                % {"term": term[:MAX_TERM_LENGTH], "words": MAX_TERM_WORDS}
            )
        elif not TERM_CHARACTERS.match(term) or not words(term):
            problems.append(
                _("“%(term)s” may hold only letters, digits, spaces, hyphens and apostrophes.")
                % {"term": term}
            )
    if problems:
        errors["terms"] = problems
    elif not errors:
        synonym.terms = ", ".join(terms)
        others = SearchSynonym.objects.filter(language=synonym.language).exclude(pk=synonym.pk)
        if others.count() >= MAX_GROUPS_PER_LANGUAGE:
            errors["terms"] = _("This language already has the most synonym groups allowed.")
    if errors:
        raise ValidationError(errors)


def synonym_groups(language: str) -> list[list[str]]:
    """The groups of `language`, each term normalised (cached; dropped on every change)."""
    from .models import SearchSynonym

    key = CACHE_KEY.format(language=language)
    groups = cache.get(key)
    if groups is None:
        groups = [
            [" ".join(words(term)) for term in synonym.term_list]
            for synonym in SearchSynonym.objects.filter(language=language).order_by("pk")
        ]
        groups = [[term for term in group if term] for group in groups]
        cache.set(key, groups, CACHE_SECONDS)
    return groups


def expansions(query_words: list[str], languages) -> list[str]:
    """The words to add to a query (database backend): for each group with a member in the
    query (compared by stems, as a run of words), the words of the other members."""
    stems = [stem(word) for word in query_words]
    added = []
    for language in languages:
        for group in synonym_groups(language):
            members = [term.split() for term in group]
            present = [m for m in members if _contains(stems, [stem(word) for word in m])]
            if not present:
                continue
            for member in members:
                if member not in present:
                    added.extend(w for w in member if w not in query_words and w not in added)
    return added


def _contains(stems: list[str], run: list[str]) -> bool:
    return any(stems[i : i + len(run)] == run for i in range(len(stems) - len(run) + 1))


def synonyms_changed(language: str) -> None:
    """After a change commits: drop the cached groups and put them into the search engine."""
    from .tasks import apply_synonyms

    def apply():
        cache.delete(CACHE_KEY.format(language=language))
        apply_synonyms.enqueue()

    transaction.on_commit(apply)


class _SynonymActionMixin:
    def execute(self, skip_permission_checks=False):
        language = self.instance.language
        with transaction.atomic():
            result = super().execute(skip_permission_checks=skip_permission_checks)
            synonyms_changed(language)
            if getattr(self, "previous_language", language) != language:
                synonyms_changed(self.previous_language)
        return result


class CreateSynonymAction(_SynonymActionMixin, CreateAction):
    """Add a group (permission `website.add_searchsynonym`), logged as `wagtail.create`."""


class EditSynonymAction(_SynonymActionMixin, EditAction):
    """Change a group (permission `website.change_searchsynonym`), logged as `wagtail.edit`."""

    def __init__(self, instance, *args, **kwargs):
        super().__init__(instance, *args, **kwargs)
        from .models import SearchSynonym

        stored = SearchSynonym.objects.filter(pk=instance.pk).values_list("language", flat=True)
        self.previous_language = stored.first() or instance.language


class DeleteSynonymAction(_SynonymActionMixin, DeleteAction):
    """Delete a group (permission `website.delete_searchsynonym`), logged as `wagtail.delete`."""


def save_synonym(*, actor, synonym):
    """Create or change a synonym group as `actor` (PermissionDenied when they may not)."""
    action = EditSynonymAction if synonym.pk else CreateSynonymAction
    action(synonym, user=actor).execute()
    return synonym


def delete_synonym(*, actor, synonym) -> None:
    """Delete a synonym group as `actor` (PermissionDenied when they may not)."""
    DeleteSynonymAction(synonym, user=actor).execute()


def apply_to_engine() -> list[str]:
    """Put the current groups into the search engine's indexes, when one is configured."""
    from . import get_backend

    backend = get_backend()
    if not hasattr(backend, "apply_synonyms"):
        return []
    changed = backend.apply_synonyms()
    logger.info("Search synonyms applied to %s", ", ".join(changed) or "no index yet")
    return changed
