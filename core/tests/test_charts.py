"""The one chart module: the month chart of the annual evaluation has a snug axis and bar labels
clear of the target; the page's charts carry their figure keys and a text alternative."""

import re
from decimal import Decimal

from core.charts import DIGIT_HEIGHT, PRINT, hbars, hbars_svg, month_bars

BAR_LABEL = re.compile(r'<text x="[\d.]+" y="([\d.]+)"[^>]*font-size="9">(\d+)</text>')
TICK = re.compile(r'<text x="38" y="[\d.]+" text-anchor="end"[^>]*>(\d+)</text>')


def monthly_chart(activities: list[int], target: str | None, *, title: str) -> str:
    targets = [None if target is None else Decimal(target)] * 12
    return month_bars(activities, targets, title=title, style=PRINT, legend=("held", "target"))


def target_line_ys(svg: str) -> list[float]:
    """The target line's height in each month (two points per month: its start and end)."""
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    return [float(point.split(",")[1]) for point in points[::2]]


def test_it_runs_the_axis_just_above_the_highest_bar_or_target():
    svg = monthly_chart([16, 19, 23, 22, 21, 20, 18, 23, 22, 21, 17, 16], "21.7", title="")

    assert TICK.findall(svg) == ["0", "5", "10", "15", "20", "25"]


def test_it_makes_room_for_a_target_above_every_bar():
    svg = monthly_chart([3, 4, 2, 5, 4, 3, 2, 4, 5, 3, 2, 1], "26.0", title="")

    assert TICK.findall(svg)[-1] == "30"


def test_it_keeps_the_axis_of_a_year_without_activities():
    svg = monthly_chart([0] * 12, None, title="")

    assert TICK.findall(svg) == ["0", "1", "2", "3", "4", "5"]


def test_it_keeps_bar_labels_clear_of_the_target_line():
    # Bars at, just under and just over the target of 21,7 a month.
    svg = monthly_chart([22, 21, 23, 22, 21, 20, 24, 22, 22, 23, 20, 6], "21.7", title="")
    labels = [(float(y), int(value)) for y, value in BAR_LABEL.findall(svg)]
    lines = target_line_ys(svg)

    assert [value for _y, value in labels] == [22, 21, 23, 22, 21, 20, 24, 22, 22, 23, 20, 6]
    for (baseline, _value), line in zip(labels, lines, strict=True):
        # The digits span [baseline - DIGIT_HEIGHT, baseline]; the line [line - 1, line + 1].
        assert baseline <= line - 2 or baseline - DIGIT_HEIGHT >= line + 2, (baseline, line)


def test_a_page_chart_marks_each_value_with_its_figure_and_names_its_table():
    svg = month_bars(
        [3, None, 5] + [0] * 9,
        [Decimal("4.5")] * 12,
        title="Activities",
        note="The table below gives the same figures.",
        figure="activities.held",
    )

    assert 'aria-label="Activities. The table below gives the same figures."' in svg
    assert svg.count('data-figure="activities.held"') == 12
    assert "<title>Jan: 3</title>" in svg and "<title>Feb: –</title>" in svg
    assert 'font-size="9"' not in svg  # no value labels on a page: the table has them


def test_html_bars_are_a_list_of_labels_and_keyed_values():
    html = hbars([("2024", 1200), ("2025", None)], title="Held", figure="activities.held")

    assert '<dl class="hbars" data-figures>' in html
    assert '<dt class="hbar__label">2024</dt>' in html
    assert '<progress class="hbar__bar" max="1200" value="1200" aria-hidden="true">' in html
    assert '<span class="hbar__value" data-figure="activities.held">1\xa0200</span>' in html
    assert '<span class="hbar__value" data-figure="activities.held">–</span>' in html


def test_html_bars_without_a_key_or_data():
    assert "data-figure" not in hbars([("Helse", 4)], title="By category")
    assert "<dl" not in hbars([], title="By category")
    assert hbars_svg([], title="By category") == ""


def test_svg_bars_escape_their_labels():
    svg = hbars_svg([("Kultur & <idrett>", 7)], title="By category", note="See the table.")

    assert "Kultur &amp; &lt;idrett&gt;" in svg
    assert 'aria-label="By category. See the table."' in svg
