import math
import xml.etree.ElementTree as ET

import pytest
from django.template import Context, Template
from django.utils import translation

from website.insights.charts import (
    MAX_BARS,
    MAX_POINTS,
    Series,
    bar_chart,
    format_value,
    line_chart,
    nice_maximum,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def points(svg, style="current"):
    group = next(
        g
        for g in svg.iter(f"{SVG}g")
        if f"insights-chart__series--{style}" in g.get("class", "")
        and g.find(f"{SVG}path") is not None
    )
    return [(float(c.get("cx")), float(c.get("cy"))) for c in group.iter(f"{SVG}circle")]


def texts(svg, css_class):
    return [t for t in svg.iter(f"{SVG}text") if css_class in t.get("class", "")]


def plain(text):
    return text.strip("\u2068\u2069")


def weeks(count):
    return [f"2026-W{week:02d}" for week in range(1, count + 1)]


@pytest.mark.parametrize(
    ("value", "maximum"),
    [
        (0, 1),
        (-3, 1),
        (7, 10),
        (10, 10),
        (12, 20),
        (0.3, 0.5),
        (0.07, 0.1),
        (99, 100),
        (101, 200),
        (450, 500),
        (1e9, 1e9),
    ],
)
def test_nice_maximum_is_the_next_one_two_or_five_times_a_power_of_ten(value, maximum):
    assert math.isclose(nice_maximum(value), maximum)


def test_points_sit_at_bottom_middle_and_top_for_zero_half_and_the_maximum():
    svg = parse(line_chart(labels=weeks(3), series=[Series("Views", [0, 5, 10])], title="Views"))

    (x0, y0), (x1, y1), (x2, y2) = points(svg)

    axis = next(
        line for line in svg.iter(f"{SVG}line") if "insights-chart__axis" in line.get("class", "")
    )
    assert y0 == pytest.approx(float(axis.get("y1")))
    assert y1 == pytest.approx((y0 + y2) / 2)
    assert y2 < y1 < y0
    assert x0 < x1 < x2
    assert x1 - x0 == pytest.approx(x2 - x1)


def test_gridlines_fall_on_round_numbers_up_to_the_nice_maximum():
    with translation.override("en"):
        svg = parse(line_chart(labels=weeks(2), series=[Series("Views", [3, 7])], title="Views"))

    assert [t.text for t in texts(svg, "insights-chart__tick")] == ["0", "2", "4", "6", "8", "10"]


def test_right_to_left_runs_time_from_the_right_with_values_on_the_right():
    labels = weeks(3)
    ltr = parse(line_chart(labels=labels, series=[Series("Views", [1, 2, 3])], title="Views"))
    rtl = parse(
        line_chart(labels=labels, series=[Series("Views", [1, 2, 3])], title="Views", rtl=True)
    )

    periods = texts(rtl, "insights-chart__period")
    assert plain(periods[0].text) == labels[0]
    assert float(periods[0].get("x")) == max(float(t.get("x")) for t in periods)
    xs = [x for x, _ in points(rtl)]
    assert xs == sorted(xs, reverse=True)
    assert [x for x, _ in points(ltr)] == pytest.approx([640 - x for x in xs], abs=1)
    ticks = texts(rtl, "insights-chart__tick")
    assert all(float(t.get("x")) > xs[0] for t in ticks)
    assert rtl.get("direction") == "rtl"
    assert ltr.get("direction") == "ltr"
    assert all(float(t.get("x")) < min(x for x, _ in points(ltr)) for t in texts(ltr, "tick"))


def test_a_missing_value_leaves_a_gap_in_the_line():
    svg = parse(
        line_chart(labels=weeks(5), series=[Series("Views", [1, 2, None, 4, 5])], title="Views")
    )

    path = next(svg.iter(f"{SVG}path")).get("d")
    assert path.count("M") == 2
    assert path.count("L") == 2
    assert len(points(svg)) == 4


def test_previous_period_is_dashed_beside_the_current_one():
    svg = parse(
        line_chart(
            labels=weeks(3),
            series=[Series("Now", [1, 2, 3]), Series("Before", [2, 2, 2], style="previous")],
            title="Views",
        )
    )

    def strokes(style):
        return [
            element
            for g in svg.iter(f"{SVG}g")
            if f"series--{style}" in g.get("class", "")
            for element in g
            if element.tag in (f"{SVG}path", f"{SVG}line")
        ]

    assert len(strokes("previous")) == 2  # the line and its sample in the legend
    assert all(element.get("stroke-dasharray") for element in strokes("previous"))
    assert len(strokes("current")) == 2
    assert not any(element.get("stroke-dasharray") for element in strokes("current"))
    assert [plain(t.text) for t in texts(svg, "legend-name")] == ["Now", "Before"]


def test_each_point_names_its_period_and_value():
    with translation.override("en"):
        svg = parse(
            line_chart(labels=weeks(2), series=[Series("Deflection", [0.3333, 41.25])], title="D")
        )
        share = parse(
            line_chart(labels=weeks(1), series=[Series("D", [33.3333])], title="D", unit="%")
        )

    tooltips = [c.find(f"{SVG}title").text for c in svg.iter(f"{SVG}circle")]
    assert tooltips == ["Deflection, 2026-W01: 0.33", "Deflection, 2026-W02: 41.3"]
    assert next(share.iter(f"{SVG}circle")).find(f"{SVG}title").text == "D, 2026-W01: 33.3%"


def test_arabic_pages_format_numbers_in_the_arabic_locale():
    with translation.override("ar"):
        assert format_value(0.5) == "0,5"
        assert format_value(12.25, "%") == "12,3%"
    with translation.override("en"):
        assert format_value(1234567) == "1,234,567"


def test_x_labels_are_thinned_so_they_never_overlap_and_the_latest_is_shown():
    labels = weeks(52)
    svg = parse(line_chart(labels=labels, series=[Series("Views", list(range(52)))], title="V"))

    shown = texts(svg, "insights-chart__period")
    assert 2 <= len(shown) <= 8
    assert plain(shown[-1].text) == labels[-1]
    xs = [float(t.get("x")) for t in shown]
    label_width = len(labels[0]) * 13 * 0.62
    assert all(b - a > label_width for a, b in zip(xs, xs[1:], strict=False))
    assert min(xs) - label_width / 2 >= 0
    assert max(xs) + label_width / 2 <= 640


def test_all_zeros_draw_a_flat_line_on_the_axis():
    with translation.override("en"):
        svg = parse(line_chart(labels=weeks(3), series=[Series("Views", [0, 0, 0])], title="V"))

    assert len({y for _, y in points(svg)}) == 1
    assert [t.text for t in texts(svg, "insights-chart__tick")] == ["0", "1"]


def test_a_single_point_is_drawn_in_the_middle():
    svg = parse(line_chart(labels=["2026-W47"], series=[Series("Views", [4])], title="V"))

    [(x, _)] = points(svg)
    assert 200 < x < 440


def test_very_large_numbers_keep_their_labels_inside_the_chart():
    with translation.override("en"):
        svg = parse(line_chart(labels=weeks(2), series=[Series("V", [1e9, 5e8])], title="V"))

    ticks = texts(svg, "insights-chart__tick")
    assert ticks[-1].text == "1,000,000,000"
    assert float(ticks[-1].get("x")) - len(ticks[-1].text) * 13 * 0.62 >= 0


@pytest.mark.parametrize("chart", ["line", "bar"])
def test_no_data_is_said_in_a_valid_chart(chart):
    with translation.override("en"):
        if chart == "line":
            markup = line_chart(labels=[], series=[], title="Views")
            gaps = line_chart(labels=weeks(2), series=[Series("V", [None, None])], title="V")
            assert "No data for this period" in parse(gaps).find(f"{SVG}text").text
        else:
            markup = bar_chart(labels=[], values=[], title="Top searches")

    svg = parse(markup)
    assert svg.find(f"{SVG}text").text == "No data for this period"
    assert svg.find(f"{SVG}desc").text == "No data for this period."


def test_chart_is_an_accessible_image_with_a_title_and_a_summary():
    with translation.override("en"):
        svg = parse(
            line_chart(
                labels=["W1", "W2", "W3"], series=[Series("Views", [1, 5, 9])], title="Reads"
            )
        )

    assert svg.get("role") == "img"
    assert svg.get("focusable") == "false"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "Reads"
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert svg.find(f"{SVG}desc").text == "Views: 9 in W3, up from 5 in W2."


def test_several_charts_on_one_page_have_their_own_ids():
    charts = [
        parse(line_chart(labels=["W1"], series=[Series("V", [1])], title="V")),
        parse(line_chart(labels=["W1"], series=[Series("V", [1])], title="V")),
        parse(bar_chart(labels=["a"], values=[1], title="B")),
    ]

    ids = {element.get("id") for svg in charts for element in svg.iter() if element.get("id")}
    assert len(ids) == 3 * 3


def test_charts_write_no_inline_style_for_the_public_content_security_policy():
    markup = line_chart(labels=weeks(3), series=[Series("V", [1, 2, 3])], title="V") + bar_chart(
        labels=["a"], values=[1], title="B"
    )

    assert "style=" not in markup


def test_a_search_query_with_markup_is_shown_as_text():
    query = '<script>alert("x")</script> & more'
    markup = bar_chart(labels=[query, "ok"], values=[3, 1], title="<b>Top</b>")

    assert "<script" not in markup
    assert "<b>" not in markup
    svg = parse(markup)
    assert plain(texts(svg, "bar-label")[0].text) == query
    assert svg.find(f"{SVG}title").text == "<b>Top</b>"
    line = line_chart(
        labels=["<script>"], series=[Series("<script>", [1])], title="T", chart_id='"><script>'
    )
    assert "<script" not in line
    assert parse(line).get("id") == '"><script>'


def test_long_queries_are_cut_to_forty_characters_with_the_whole_text_in_the_tooltip():
    query = "how do I export every invoice of last year to a spreadsheet file"
    with translation.override("en"):
        svg = parse(bar_chart(labels=[query], values=[7], title="Top searches"))

    shown = plain(texts(svg, "bar-label")[0].text)
    assert len(shown) == 40
    assert shown.endswith("…")
    row = next(g for g in svg.iter(f"{SVG}g") if "bar-row" in g.get("class", ""))
    assert row.find(f"{SVG}title").text == f"{query}: 7"


def test_an_arabic_query_keeps_its_own_direction_in_an_english_chart():
    svg = parse(bar_chart(labels=["كيف أغير كلمة المرور؟"], values=[3], title="Top"))

    label = texts(svg, "bar-label")[0].text
    assert label.startswith("\u2068")
    assert label.endswith("\u2069")


@pytest.mark.parametrize("rtl", [False, True])
def test_bars_grow_from_the_reading_start_in_proportion(rtl):
    svg = parse(bar_chart(labels=["a", "b", "c"], values=[10, 5, 0], title="T", rtl=rtl))

    bars = [
        (float(r.get("x")), float(r.get("width")))
        for r in svg.iter(f"{SVG}rect")
        if "insights-chart__bar" in r.get("class", "")
    ]
    starts = {x + width if rtl else x for x, width in bars}
    assert len(starts) == 1
    start = starts.pop()
    assert start > 600 if rtl else start < 40
    assert bars[1][1] == pytest.approx(bars[0][1] / 2, abs=0.1)
    labels = texts(svg, "bar-label")
    assert all(float(t.get("x")) == pytest.approx(start) for t in labels)


@pytest.mark.parametrize(
    "draw",
    [
        lambda: line_chart(labels=["a", "b"], series=[Series("V", [1])], title="T"),
        lambda: line_chart(labels=["a"], series=[Series("V", [-1])], title="T"),
        lambda: line_chart(labels=["a"], series=[Series("V", [math.nan])], title="T"),
        lambda: bar_chart(labels=["a", "b"], values=[1], title="T"),
        lambda: bar_chart(labels=["a"], values=[math.inf], title="T"),
        lambda: line_chart(
            labels=["x"] * (MAX_POINTS + 1),
            series=[Series("V", [1] * (MAX_POINTS + 1))],
            title="T",
        ),
        lambda: bar_chart(labels=["x"] * (MAX_BARS + 1), values=[1] * (MAX_BARS + 1), title="T"),
    ],
    ids=[
        "lengths",
        "negative",
        "nan",
        "bar-lengths",
        "infinite",
        "too-many-points",
        "too-many-bars",
    ],
)
def test_charts_refuse_what_they_cannot_draw_honestly(draw):
    with pytest.raises(ValueError):
        draw()


def test_the_largest_chart_allowed_is_drawn():
    values = [float(i % 37) for i in range(MAX_POINTS)]
    svg = parse(
        line_chart(
            labels=[str(i) for i in range(MAX_POINTS)],
            series=[Series("V", values), Series("P", values, style="previous")],
            title="T",
        )
    )

    assert len(list(svg.iter(f"{SVG}circle"))) == 2 * MAX_POINTS


def test_template_tags_follow_the_active_languages_direction():
    template = Template(
        "{% load insights_charts %}{% line_chart labels series 'Views' %}"
        "{% bar_chart labels values 'Top' unit='%' %}"
    )
    context = Context({"labels": ["W1", "W2"], "series": [Series("V", [1, 2])], "values": [5, 7]})

    with translation.override("ar"):
        arabic = template.render(context)
    with translation.override("en"):
        english = template.render(context)

    assert arabic.count('direction="rtl"') == 2
    assert english.count('direction="ltr"') == 2
    assert english.count('class="insights-chart-frame"') == 2
    assert "7%" in english
