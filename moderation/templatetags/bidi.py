"""`isolate`: show user-supplied text (names, titles, reasons) inside `<bdi>`, so right-to-left
or left-to-right text in it never reorders the words around it."""

from django import template
from django.forms.utils import flatatt
from django.utils.html import format_html

from moderation.protocol import direction_attrs

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
    return flatatt(direction_attrs(target))
