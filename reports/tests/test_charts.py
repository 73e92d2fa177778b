"""The month chart of the annual evaluation: a snug axis, and bar labels clear of the target."""

import re
from decimal import Decimal

from figures.engine import Month as MonthRow
from reports.charts import DIGIT_HEIGHT, monthly_chart

BAR_LABEL = re.compile(r'<text x="[\d.]+" y="([\d.]+)"[^>]*font-size="9">(\d+)</text>')
TICK = re.compile(r'<text x="38" y="[\d.]+" text-anchor="end"[^>]*>(\d+)</text>')


def months(activities: list[int], target: str | None) -> list[MonthRow]:
    return [
        MonthRow(month, count, count * 10, count, None if target is None else Decimal(target))
        for month, count in enumerate(activities, start=1)
    ]


def target_line_ys(svg: str) -> list[float]:
    """The target line's height in each month (two points per month: its start and end)."""
    points = re.search(r'<polyline points="([^"]+)"', svg).group(1).split()
    return [float(point.split(",")[1]) for point in points[::2]]


def test_it_runs_the_axis_just_above_the_highest_bar_or_target():
    svg = monthly_chart(months([16, 19, 23, 22, 21, 20, 18, 23, 22, 21, 17, 16], "21.7"), title="")

    assert TICK.findall(svg) == ["0", "5", "10", "15", "20", "25"]


def test_it_makes_room_for_a_target_above_every_bar():
    svg = monthly_chart(months([3, 4, 2, 5, 4, 3, 2, 4, 5, 3, 2, 1], "26.0"), title="")

    assert TICK.findall(svg)[-1] == "30"


def test_it_keeps_the_axis_of_a_year_without_activities():
    svg = monthly_chart(months([0] * 12, None), title="")

    assert TICK.findall(svg) == ["0", "1", "2", "3", "4", "5"]


def test_it_keeps_bar_labels_clear_of_the_target_line():
    # Bars at, just under and just over the target of 21,7 a month.
    svg = monthly_chart(months([22, 21, 23, 22, 21, 20, 24, 22, 22, 23, 20, 6], "21.7"), title="")
    labels = [(float(y), int(value)) for y, value in BAR_LABEL.findall(svg)]
    lines = target_line_ys(svg)

    assert [value for _y, value in labels] == [22, 21, 23, 22, 21, 20, 24, 22, 22, 23, 20, 6]
    for (baseline, _value), line in zip(labels, lines, strict=True):
        # The digits span [baseline - DIGIT_HEIGHT, baseline]; the line [line - 1, line + 1].
        assert baseline <= line - 2 or baseline - DIGIT_HEIGHT >= line + 2, (baseline, line)
