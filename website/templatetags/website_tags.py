"""Template tags for the site frame: the language switcher and small page helpers."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from wagtail.models import Page

from .seo_tags import local_full_path

register = template.Library()


def _page_translation_url(page: Page, language_code: str, request) -> str:
    """The URL of `page` in another language, or the page that says it is not translated yet."""
    translated = (
        page.get_translations(inclusive=True)
        .filter(locale__language_code=language_code)
        .live()
        .first()
    )
    if translated is not None:
        return translated.get_url(request=request)
    with translation.override(language_code):
        return reverse("website:translation_missing", args=[page.pk])


@register.inclusion_tag("website/_language_switcher.html", takes_context=True)
def language_switcher(context):
    """One link per language that keeps the visitor on the equivalent page when one exists."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page) and page.depth > 1:
            url = _page_translation_url(page, code, request)
        elif request is not None:
            url = translate_url(local_full_path(request), code)
        else:
            url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag(takes_context=True)
def current_path(context) -> str:
    """This page's path and query as a link on this site (a login's `next`)."""
    request = context.get("request")
    return local_full_path(request) if request is not None else "/"


@register.simple_tag
def home_url():
    """The home page of the active language."""
    return f"/{translation.get_language() or settings.LANGUAGE_CODE}/"
