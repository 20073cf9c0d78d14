"""The admin of search synonyms (Settings → Search synonyms), for support staff."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym
from .synonyms import CreateSynonymAction, DeleteSynonymAction, EditSynonymAction


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    menu_name = "search-synonyms"
    add_to_settings_menu = True
    list_display = ["terms", "language_name", "note", "updated_at"]
    list_filter = ["language"]
    search_fields = ["terms", "note"]
    ordering = ["language", "terms"]
    panels = [
        FieldPanel(
            "language",
            widget=forms.Select(choices=[(code, _(name)) for code, name in settings.LANGUAGES]),
        ),
        FieldPanel(
            "terms",
            widget=forms.Textarea(attrs={"rows": 3, "dir": "auto", "maxlength": 1500}),
        ),
        FieldPanel("note"),
    ]


def register_synonym_actions(registry):
    """The admin's create, edit and delete views of synonyms run these actions (see
    website/search/synonyms.py): validation, history and applying the change to the engine."""
    for action in (CreateSynonymAction, EditSynonymAction, DeleteSynonymAction):
        registry.register(SearchSynonym, action)
