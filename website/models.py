"""Accounts and the home page: the parts of the site that belong to no single app."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from moderation.names import without_hidden_characters


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
        """The name shown to others; characters that could reorder the page (a right-to-left
        override saved before names were checked) are never shown."""
        return without_hidden_characters(self.display_name or "") or self.username

    @property
    def language(self) -> str:
        """The language to write to this person in."""
        return self.preferred_language or settings.LANGUAGE_CODE

    # A staff member without a second factor acts as a customer (website/staff_mfa.py): for the
    # request, `is_superuser` and `is_staff` read False while the stored values are held here and
    # are what a save writes, so the account itself never changes.
    @property
    def held_staff_flags(self) -> tuple[bool, bool] | None:
        return self.__dict__.get("_held_staff_flags")

    def hold_staff_flags(self) -> None:
        if self.held_staff_flags is None:
            self.__dict__["_held_staff_flags"] = (self.is_superuser, self.is_staff)
            self.is_superuser = self.is_staff = False

    def save(self, *args, **kwargs):
        held = self.held_staff_flags
        if held is None:
            return super().save(*args, **kwargs)
        self.is_superuser, self.is_staff = held
        try:
            return super().save(*args, **kwargs)
        finally:
            self.is_superuser = self.is_staff = False

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        held = self.held_staff_flags
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if held is not None:
            reloaded = set(fields) if fields else {"is_superuser", "is_staff"}
            self.__dict__["_held_staff_flags"] = (
                self.is_superuser if "is_superuser" in reloaded else held[0],
                self.is_staff if "is_staff" in reloaded else held[1],
            )
            self.is_superuser = self.is_staff = False


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
