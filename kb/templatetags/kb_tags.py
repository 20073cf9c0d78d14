"""Template helpers for knowledge-base pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could end a <script> element or start markup, written as JSON escapes.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A schema.org <script type="application/ld+json"> that no text inside `data` can close."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    # Safe: json.dumps quotes every string and the escapes above remove <, > and &.
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload),  # noqa: S308
    )


@register.filter
def percent(ratio):
    """0.8 → "80%"; None → "—"."""
    return "—" if ratio is None else f"{round(ratio * 100)}%"
