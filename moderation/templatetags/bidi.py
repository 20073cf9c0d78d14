"""`isolate`: show user-supplied text (names, titles, reasons) inside `<bdi>`, so right-to-left
or left-to-right text in it never reorders the words around it; `text_direction`, `preview` and
`content_text` show a post as its content app's adapter describes it."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from moderation import adapters

register = template.Library()


@register.filter
def isolate(value):
    """`{{ name|isolate }}` → `<bdi>name</bdi>`, escaped; usable inside `blocktrans with`."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def text_direction(target):
    """`<div{{ post|text_direction }}>`: the `lang` and `dir` of the language the post is
    written in, so an Arabic post reads right to left on an English admin page."""
    return flatatt(adapters.direction_attrs(target))


@register.filter
def preview(target) -> str:
    """`{{ post|preview }}`: the short plain text the queue and the flag page show."""
    return adapters.preview(target)


@register.filter
def content_text(target) -> str:
    """`{{ post|content_text }}`: the full text a moderator reads before deciding."""
    return adapters.text_of(target)
