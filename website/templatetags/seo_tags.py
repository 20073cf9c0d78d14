"""What every page says about itself to search engines and social networks: canonical URL,
hreflang alternates, Open Graph and Twitter cards (docs/seo.md)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.encoding import escape_uri_path, iri_to_uri
from wagtail.models import Page

register = template.Library()

# Query parameters that make a different page of content; everything else (sorts, filters,
# tracking) is dropped from canonical URLs.
CANONICAL_PARAMS = ("page",)


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def local_path(request) -> str:
    """The request's path as a link on this site. Any path reaches the 404 page, and
    `//evil.example/x/` (or `/\\evil.example/`, which browsers read the same way) used as a
    link or joined to the host leads to another site; escaped, with one leading slash, it
    cannot."""
    return "/" + escape_uri_path(request.path).lstrip("/")


def local_full_path(request) -> str:
    """`local_path` with the query string, for language links and a login's `next`."""
    query = request.META.get("QUERY_STRING", "")
    return local_path(request) + ("?" + iri_to_uri(query) if query else "")


def canonical_for_request(request) -> str:
    numbers = {name: request.GET.get(name, "") for name in CANONICAL_PARAMS}
    kept = [
        f"{name}={int(value)}"  # ?page=02 is ?page=2
        for name, value in numbers.items()
        if value.isascii() and value.isdigit() and len(value) <= 9 and int(value) > 1
    ]
    return absolute(request, local_path(request) + ("?" + "&".join(kept) if kept else ""))


def page_alternates(page: Page, request) -> dict[str, str]:
    translations = page.get_translations(inclusive=True).live().public().select_related("locale")
    return {
        other.locale.language_code: absolute(request, other.get_url(request=request))
        for other in translations
    }


def view_alternates(request) -> dict[str, str]:
    return {
        code: absolute(request, translate_url(local_path(request), code))
        for code, _ in settings.LANGUAGES
    }


@register.inclusion_tag("website/_seo_head.html", takes_context=True)
def seo_head(
    context,
    title: str = "",
    description: str = "",
    canonical: str = "",
    alternates: bool = True,
    og_type: str = "website",
    image: str = "",
):
    """Canonical, hreflang (+ x-default), Open Graph and Twitter tags for the current page.

    Wagtail pages describe themselves (SEO title, search description, translations); other
    views pass `title`, `description` and, for content that exists in one language only,
    `alternates=False` with a `canonical` in that language.
    """
    request = context["request"]
    page = context.get("page")
    languages = {}
    if isinstance(page, Page) and page.depth > 1:
        specific = page.specific
        title = title or specific.seo_title or specific.title
        description = (
            description
            or specific.search_description
            or getattr(specific, "summary", "")
            or getattr(specific, "intro", "")
        )
        canonical = canonical or absolute(request, page.get_url(request=request))
        if alternates:
            languages = page_alternates(page, request)
    else:
        canonical = canonical or canonical_for_request(request)
        if alternates:
            languages = view_alternates(request)
    x_default = ""
    if len(languages) > 1:
        is_home = isinstance(page, Page) and page.depth == 2
        x_default = absolute(request, "/") if is_home else languages.get(settings.LANGUAGE_CODE, "")
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "alternates": sorted(languages.items()),
        "x_default": x_default,
        "og_type": og_type,
        "image": image or absolute(request, static("website/img/social-card.png")),
        "og_locale": {"ar": "ar_AR", "en": "en_GB"}.get(language, language),
        "site_name": translation.gettext("Dalil help center"),
    }
