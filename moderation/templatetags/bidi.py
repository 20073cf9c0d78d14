"""`isolate`: show user-supplied text (names, titles, reasons) inside `<bdi>`, so right-to-left
or left-to-right text in it never reorders the words around it."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def isolate(value):
    """`{{ name|isolate }}` → `<bdi>name</bdi>`, escaped; usable inside `blocktrans with`."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)
