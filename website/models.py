"""Accounts and the home page: the parts of the site that belong to no single app."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class User(AbstractUser):
    """A person with an account. Everyone is shown by `public_name`, never by email address."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Emails and notifications are sent in this language."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def language(self) -> str:
        """The language to write to this person in."""
        return self.preferred_language or settings.LANGUAGE_CODE


class HomePage(Page):
    """The front page of one locale: search first, then the knowledge base, then the community."""

    heading = models.CharField(_("heading"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), max_length=400, blank=True)

    content_panels = Page.content_panels + [FieldPanel("heading"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = None

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .sections import collect, site_links

        context = super().get_context(request, *args, **kwargs)
        context["home_sections"] = collect("dalil_home_sections", request, self.locale)
        context["json_ld"] = website_json_ld(self, request, site_links(request).get("search_url"))
        return context


def website_json_ld(home: HomePage, request, search_url: str | None) -> str:
    """schema.org WebSite with a SearchAction, so search engines can offer the site's search."""
    from forum.structured_data import json_ld

    url = request.build_absolute_uri(home.get_url(request=request))
    data = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": home.title,
        "url": url,
        "inLanguage": home.locale.language_code,
    }
    if search_url:
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": request.build_absolute_uri(search_url) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        }
    return json_ld(data)


from .search.models import (  # noqa: E402, F401  (search tables belong to this app)
    PendingIndexUpdate,
    SearchClick,
    SearchEntry,
    SearchQueryLog,
    SearchSynonym,
    SearchTerm,
)
