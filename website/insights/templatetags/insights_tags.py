"""Numbers of the insights as people read them: units, signs, good or bad news."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import ngettext

register = template.Library()


@register.simple_tag
def figure_value(value, unit: str = "") -> str:
    if value is None:
        return "—"
    text = number_format(value, decimal_pos=0 if float(value).is_integer() else 1)
    return f"{text}%" if unit == "%" else text


@register.simple_tag
def percent(fraction) -> str:
    """A share from 0 to 1 as a percentage ("66.7%"), "—" for none."""
    if fraction is None:
        return "—"
    return figure_value(round(100 * fraction, 1), "%")


@register.simple_tag
def change_text(change, unit: str = "") -> str:
    """``+5`` / ``−2.5``; for a percentage, the change in points. The signed number sits
    between Unicode isolates, so its sign stays in front in a right-to-left sentence."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    number = number_format(abs(change), decimal_pos=0 if float(change).is_integer() else 1)
    text = f"\u2066{sign}{number}\u2069"
    if unit == "%":
        # Arabic counts whole numbers with their plural forms; a fraction reads as "many".
        count = int(abs(change)) if float(change).is_integer() else 100
        return ngettext("%(change)s percentage point", "%(change)s percentage points", count) % {
            "change": text
        }
    return text


@register.simple_tag
def change_tone(change, better: str) -> str:
    """ "good", "bad" or "same": whether the change is good news for this figure."""
    if not change:
        return "same"
    return "good" if (change > 0) == (better == "higher") else "bad"


@register.filter
def ltr(value) -> str:
    """Text that reads left to right (a period label, a signed number) kept in that order inside
    a right-to-left sentence: between Unicode isolates, which work in plain-text email too."""
    return f"\u2066{value}\u2069"
