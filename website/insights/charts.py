"""Charts for the Insights admin as inline SVG drawn on the server (decision 65).

No script runs: a chart is markup, so it works under the site's Content-Security-Policy, prints,
shows in screenshots and reads the same with JavaScript off. Colours come from classes styled by
``insights/charts.css`` (Wagtail's admin colour variables, so dark mode follows); every element
also carries presentation attributes, so a chart without the stylesheet is still legible, and no
``style`` attribute is written (the public policy forbids inline styles). The previous period is
dashed, not only lighter. In a right-to-left language the time axis runs right to left and the
value labels sit on the right: the coordinates are mirrored, and text keeps ``direction`` and
``text-anchor`` in the chart's own direction.

Every chart is an ``<svg role="img">`` named by its ``<title>`` and summed up in one sentence in
its ``<desc>``; the page shows the figures as a table beside it. Work is linear in the number of
points, and a chart refuses more than `MAX_POINTS` periods or `MAX_BARS` bars (callers aggregate).
"""

import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_POINTS = 400
MAX_SERIES = 8
MAX_BARS = 100
BAR_LABEL_CHARS = 40
X_LABEL_CHARS = 16
MAX_X_LABELS = 8

FONT_SIZE = 13
# Text is measured by an estimate of its advance: digits and Latin letters average about 0.6em,
# Arabic letters a little less; a generous guess only costs a few pixels of margin.
CHAR_WIDTH = FONT_SIZE * 0.62
# Each series style's stroke without the stylesheet: teal, or grey and dashed (4.5:1 on white).
STROKES = {
    "current": ("#007d7e", ""),
    "previous": ("#767676", ' stroke-dasharray="6 4"'),
}
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@dataclass(frozen=True)
class Series:
    """One line of a trend chart: a value per period (None where nothing was measured)."""

    name: str
    values: Sequence[float | None]
    style: Literal["current", "previous"] = "current"


def nice_maximum(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above `value` (1 when there is nothing above zero).

    Gridlines then fall on round numbers; the price is headroom: 101 gets 200, so the tallest
    point can sit at half the height."""
    if not value > 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5):
        # Float powers of ten (0.1 * 3 and the like) are not exact: round before comparing.
        candidate = round(step * magnitude, 12)
        if candidate >= value * (1 - 1e-12):
            return candidate
    return round(10 * magnitude, 12)


def gridline_step(maximum: float, *, whole_numbers: bool) -> float:
    """The distance between gridlines for a `nice_maximum`: four or five intervals, and no
    fractional gridline for figures that are counts."""
    leading = round(maximum / 10 ** math.floor(math.log10(maximum)))
    step = maximum / (4 if leading == 2 else 5)
    if whole_numbers and step < 1:
        return 1
    return step


def format_value(value: float, unit: str = "") -> str:
    """A figure in the active language's number format, rounded half up as people do: whole
    numbers from 1,000, one decimal from 10, two below, with trailing zeros dropped."""
    magnitude = abs(value)
    decimals = 0 if magnitude >= 1000 else 1 if magnitude >= 10 else 2
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    decimal_pos = len(str(rounded).partition(".")[2].rstrip("0"))
    text = number_format(rounded, decimal_pos=decimal_pos, use_l10n=True, force_grouping=True)
    return _with_unit(text, unit)


def _with_unit(text: str, unit: str) -> str:
    """`unit` "%" follows the number directly, another unit after a no-break space."""
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text}\u00a0{unit}"


def _tick_label(value: float, step: float, unit: str) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step < 1 else 0
    text = number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return _with_unit(text, unit)


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _isolated(text: str) -> str:
    """User text inside a first-strong isolate: an Arabic query in an English chart (or the
    reverse) keeps its own order without reordering the numbers around it."""
    return f"{FIRST_STRONG_ISOLATE}{escape(text)}{POP_DIRECTIONAL_ISOLATE}"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _checked(values: Sequence[float | None], *, allow_missing: bool) -> list[float | None]:
    """The values as floats (an aggregate may give Decimals), refusing what a chart from zero
    cannot show."""
    checked: list[float | None] = []
    for value in values:
        if value is None:
            if not allow_missing:
                raise ValueError("A bar needs a value.")
            checked.append(None)
            continue
        number = float(value)
        if not math.isfinite(number) or number < 0:
            raise ValueError(f"Chart values are finite and not negative, not {value!r}.")
        checked.append(number)
    return checked


def _open_svg(*, chart_id: str, width: int, height: int, title: str, desc: str, rtl: bool) -> str:
    direction = "rtl" if rtl else "ltr"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="insights-chart" role="img" '
        f'focusable="false" id="{chart_id}" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'direction="{direction}" font-size="{FONT_SIZE}" font-family="system-ui, sans-serif">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    )


def _no_data(*, width: int, top: float, bottom: float) -> str:
    return (
        f'<text class="insights-chart__empty" x="{_number(width / 2)}" '
        f'y="{_number((top + bottom) / 2)}" text-anchor="middle" fill="#5c5c5c">'
        f"{escape(_('No data for this period'))}</text>"
    )


def _new_id(chart_id: str | None) -> str:
    return escape(chart_id) if chart_id else f"insights-chart-{secrets.token_hex(4)}"


def _line_summary(labels: Sequence[str], series: Sequence[Series], unit: str) -> str:
    current = next((line for line in series if line.style == "current"), series[0])
    measured = [(i, v) for i, v in enumerate(current.values) if v is not None]
    if not measured:
        return _("No data for this period.")
    last_index, last = measured[-1]
    context = {
        "name": current.name,
        "value": format_value(last, unit),
        "label": labels[last_index],
    }
    if len(measured) == 1:
        return _("%(name)s: %(value)s in %(label)s.") % context
    before_index, before = measured[-2]
    context.update(previous=format_value(before, unit), previous_label=labels[before_index])
    if last > before:
        sentence = _(
            "%(name)s: %(value)s in %(label)s, up from %(previous)s in %(previous_label)s."
        )
    elif last < before:
        sentence = _(
            "%(name)s: %(value)s in %(label)s, down from %(previous)s in %(previous_label)s."
        )
    else:
        sentence = _("%(name)s: %(value)s in %(label)s, as in %(previous_label)s.")
    return sentence % context


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[Series],
    title: str,
    unit: str = "",
    rtl: bool = False,
    height: int = 220,
    width: int = 640,
    chart_id: str | None = None,
) -> SafeString:
    """A trend over periods: one line per series from zero to a `nice_maximum`, gaps where a
    value is None, the previous period dashed. Raises ValueError for a series whose length is
    not the labels', more than `MAX_POINTS` periods or `MAX_SERIES` series, or a negative value."""
    labels = [str(label) for label in labels]
    if len(labels) > MAX_POINTS:
        raise ValueError(f"A line chart draws at most {MAX_POINTS} periods; aggregate first.")
    if len(series) > MAX_SERIES:
        raise ValueError(f"A line chart draws at most {MAX_SERIES} series.")
    for line in series:
        if len(line.values) != len(labels):
            raise ValueError(
                f"Series {line.name!r} has {len(line.values)} values for {len(labels)} labels."
            )
    series = [
        Series(str(line.name), _checked(line.values, allow_missing=True), line.style)
        for line in series
    ]

    chart_id = _new_id(chart_id)
    measured = [v for line in series for v in line.values if v is not None]
    desc = _line_summary(labels, series, unit) if series else _("No data for this period.")
    parts = [
        _open_svg(chart_id=chart_id, width=width, height=height, title=title, desc=desc, rtl=rtl)
    ]

    legend_height = 22 if len(series) > 1 else 0
    top, bottom = 10 + legend_height, height - 26
    if not labels or not measured:
        parts.append(_no_data(width=width, top=top, bottom=bottom))
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape)

    maximum = nice_maximum(max(measured))
    step = gridline_step(maximum, whole_numbers=all(v.is_integer() for v in measured))
    ticks = [i * step for i in range(round(maximum / step) + 1)]
    tick_labels = [_tick_label(tick, step, unit) for tick in ticks]
    shown_labels = [_shorten(label, X_LABEL_CHARS) for label in labels]
    x_label_width = max(_text_width(label) for label in shown_labels)

    gutter = max(_text_width(label) for label in tick_labels) + 10
    end_margin = max(12, x_label_width / 2 + 4)
    start_margin = max(gutter, x_label_width / 2 + 4)
    plot_width = width - start_margin - end_margin
    # The reading start is the left edge in LTR, the right edge in RTL: x runs from there.
    origin = width - start_margin if rtl else start_margin
    sign = -1 if rtl else 1
    dx = plot_width / (len(labels) - 1) if len(labels) > 1 else 0
    lone_offset = plot_width / 2 if len(labels) == 1 else 0

    def x_at(index: int) -> float:
        return origin + sign * (index * dx + lone_offset)

    def y_at(value: float) -> float:
        return bottom - (value / maximum) * (bottom - top)

    plot_start, plot_end = origin, origin + sign * plot_width
    left, right = min(plot_start, plot_end), max(plot_start, plot_end)
    parts.append('<g class="insights-chart__grid" aria-hidden="true">')
    for tick, text in zip(ticks, tick_labels, strict=True):
        y = _number(y_at(tick))
        axis = " insights-chart__axis" if tick == 0 else ""
        parts.append(
            f'<line class="insights-chart__gridline{axis}" '
            f'x1="{_number(left)}" x2="{_number(right)}" '
            f'y1="{y}" y2="{y}" stroke="#c8c8c8" stroke-width="1"/>'
            f'<text class="insights-chart__tick" x="{_number(plot_start - sign * 6)}" y="{y}" '
            f'dy="0.35em" text-anchor="end" fill="#5c5c5c">{escape(text)}</text>'
        )
    parts.append("</g>")

    slots = max(1, min(MAX_X_LABELS, int(plot_width // (x_label_width + 12)) + 1))
    every = math.ceil(len(labels) / slots)
    parts.append('<g class="insights-chart__periods" aria-hidden="true">')
    last = len(labels) - 1
    for index, label in enumerate(shown_labels):
        # Counted from the latest period, so the most recent one is always labelled.
        if (last - index) % every:
            continue
        parts.append(
            f'<text class="insights-chart__period" x="{_number(x_at(index))}" '
            f'y="{_number(bottom + 18)}" text-anchor="middle" fill="#5c5c5c">'
            f"{_isolated(label)}</text>"
        )
    parts.append("</g>")

    if len(series) > 1:
        parts.append(_legend(series, origin=plot_start, sign=sign))

    for number, line in enumerate(series):
        style = "previous" if line.style == "previous" else "current"
        colour, dash = STROKES[style]
        segments: list[str] = []
        pen_down = False
        for index, value in enumerate(line.values):
            if value is None:
                pen_down = False
                continue
            command = "L" if pen_down else "M"
            segments.append(f"{command}{_number(x_at(index))} {_number(y_at(value))}")
            pen_down = True
        parts.append(
            f'<g class="insights-chart__series insights-chart__series--{style} '
            f'insights-chart__series--{number}">'
            f'<path class="insights-chart__line" d="{" ".join(segments)}" fill="none" '
            f'stroke="{colour}" stroke-width="2" stroke-linejoin="round"{dash}/>'
        )
        for index, value in enumerate(line.values):
            if value is None:
                continue
            tooltip = f"{line.name}, {labels[index]}: {format_value(value, unit)}"
            parts.append(
                f'<circle class="insights-chart__point" cx="{_number(x_at(index))}" '
                f'cy="{_number(y_at(value))}" r="3" fill="{colour}">'
                f"<title>{escape(tooltip)}</title></circle>"
            )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape)


def _legend(series: Sequence[Series], *, origin: float, sign: int) -> str:
    """Series names along the top, from the reading start, each after a sample of its line."""
    parts = ['<g class="insights-chart__legend" aria-hidden="true">']
    position = origin
    for number, line in enumerate(series):
        style = "previous" if line.style == "previous" else "current"
        colour, dash = STROKES[style]
        name = _shorten(line.name, 30)
        parts.append(
            f'<g class="insights-chart__series insights-chart__series--{style} '
            f'insights-chart__series--{number}">'
            f'<line class="insights-chart__line" x1="{_number(position)}" '
            f'x2="{_number(position + sign * 24)}" y1="12" y2="12" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
            f'<text class="insights-chart__legend-name" x="{_number(position + sign * 30)}" y="12" '
            f'dy="0.35em" text-anchor="start" fill="#1f1f1f">{_isolated(name)}</text></g>'
        )
        position += sign * (30 + _text_width(name) + 24)
    parts.append("</g>")
    return "".join(parts)


def bar_chart(
    *,
    labels: Sequence[str],
    values: Sequence[float],
    title: str,
    unit: str = "",
    rtl: bool = False,
    width: int = 640,
    chart_id: str | None = None,
) -> SafeString:
    """Horizontal bars, one per label (a search query, an article), each with its label above
    it and its figure after it; bars grow from the reading start. Labels are user text: escaped,
    shown to `BAR_LABEL_CHARS` characters with the whole text in the bar's tooltip, and isolated
    so a query in another script keeps its order. Raises ValueError for lengths that differ,
    more than `MAX_BARS` bars or a negative value."""
    labels = [str(label) for label in labels]
    if len(labels) != len(values):
        raise ValueError(f"{len(values)} values for {len(labels)} labels.")
    if len(labels) > MAX_BARS:
        raise ValueError(f"A bar chart draws at most {MAX_BARS} bars; keep the top ones.")
    values = [float(value) for value in _checked(values, allow_missing=False) if value is not None]

    chart_id = _new_id(chart_id)
    row_height, top = 40, 6
    height = top + max(1, len(labels)) * row_height + 6
    if not labels:
        desc = _("No data for this period.")
    else:
        first = max(range(len(values)), key=lambda i: values[i])
        desc = ngettext(
            "%(count)s bar; the largest is %(label)s with %(value)s.",
            "%(count)s bars; the largest is %(label)s with %(value)s.",
            len(labels),
        ) % {
            "count": number_format(len(labels), use_l10n=True),
            "label": labels[first],
            "value": format_value(values[first], unit),
        }
    parts = [
        _open_svg(chart_id=chart_id, width=width, height=height, title=title, desc=desc, rtl=rtl)
    ]
    if not labels:
        parts.append(_no_data(width=width, top=0, bottom=height))
        parts.append("</svg>")
        return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape)

    value_texts = [format_value(value, unit) for value in values]
    end_room = max(_text_width(text) for text in value_texts) + 12
    margin = 4
    track = width - 2 * margin - end_room
    maximum = max(values) or 1
    origin, sign = (width - margin, -1) if rtl else (margin, 1)
    for index, (label, value, text) in enumerate(zip(labels, values, value_texts, strict=True)):
        row_top = top + index * row_height
        length = track * value / maximum
        drawn = max(length, 1)  # a zero still shows where its bar would start
        bar_x = origin - drawn if rtl else origin
        tooltip = f"{label}: {text}"
        parts.append(
            f'<g class="insights-chart__bar-row">'
            f"<title>{escape(tooltip)}</title>"
            f'<text class="insights-chart__bar-label" x="{_number(origin)}" '
            f'y="{_number(row_top + 12)}" text-anchor="start" fill="#1f1f1f">'
            f"{_isolated(_shorten(label, BAR_LABEL_CHARS))}</text>"
            f'<rect class="insights-chart__bar" x="{_number(bar_x)}" y="{_number(row_top + 20)}" '
            f'width="{_number(drawn)}" height="12" rx="2" fill="#007d7e"/>'
            f'<text class="insights-chart__bar-value" x="{_number(origin + sign * (length + 6))}" '
            f'y="{_number(row_top + 26)}" dy="0.35em" text-anchor="start" fill="#5c5c5c">'
            f"{escape(text)}</text></g>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above went through escape)
