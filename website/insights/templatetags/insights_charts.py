"""``{% line_chart %}`` and ``{% bar_chart %}``: the Insights charts (website/insights/charts.py)
in a template, right to left when the active language is, each in an ``insights-chart-frame``
(which scrolls on a phone rather than shrink the labels). Pages that use them link
``insights/charts.css``."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .. import charts

register = template.Library()


def _framed(chart: SafeString) -> SafeString:
    return format_html('<div class="insights-chart-frame">{}</div>', chart)


@register.simple_tag
def line_chart(labels, series, title, unit="", rtl=None, **size) -> SafeString:
    """A trend chart; `series` is a list of `charts.Series`."""
    if rtl is None:
        rtl = translation.get_language_bidi()
    chart = charts.line_chart(labels=labels, series=series, title=title, unit=unit, rtl=rtl, **size)
    return _framed(chart)


@register.simple_tag
def bar_chart(labels, values, title, unit="", rtl=None, **size) -> SafeString:
    """Horizontal bars, one per label."""
    if rtl is None:
        rtl = translation.get_language_bidi()
    chart = charts.bar_chart(labels=labels, values=values, title=title, unit=unit, rtl=rtl, **size)
    return _framed(chart)
