"""Accessible form fields: errors and help text are linked to their input for screen readers."""

from django import template

register = template.Library()


@register.filter
def described(bound_field):
    """Render the field's widget with `aria-describedby` naming its help text and its errors,
    and `aria-invalid` when it has errors (used by every site form template)."""
    ids = []
    attrs = {}
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    return bound_field.as_widget(attrs=attrs)
