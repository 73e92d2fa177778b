"""Server-drawn SVG bar charts (no JavaScript): month bars against a target line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS_3

# Small enough that the labels stay readable when a phone scales the chart down: at 360 units
# wide, 13-unit labels are 13 px on a desktop; below 480 px the months show as initials at a
# larger size (static/css/activities.css), about 12 px on a 320 px phone.
WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 6, 10, 24


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: str

    @property
    def cx(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def initial(self) -> str:
        """The month's first letter, the label a phone shows (larger) instead of "Jan"."""
        return self.label[:1]


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    target_points: str
    ticks: list[Tick]
    baseline: float
    left: int
    right: float


def _nice_max(value: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000):
        if value <= step * 4:
            return step * 4
    return value


def month_bars(values: list[Decimal | int | None], targets: list[Decimal | None]) -> BarChart:
    """Twelve bars (None drawn as nothing) and a stepped target line over them."""
    numbers = [float(v or 0) for v in values]
    goal = [None if t is None else float(t) for t in targets]
    top = _nice_max(max(numbers + [g for g in goal if g is not None] + [1]))
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / 12
    baseline = TOP + plot_h

    def y_of(value: float) -> float:
        return round(baseline - value / top * plot_h, 1)

    bars = []
    for index, value in enumerate(numbers):
        y = y_of(value)
        bars.append(
            Bar(
                x=round(LEFT + index * slot + slot * 0.15, 1),
                y=y,
                width=round(slot * 0.7, 1),
                height=round(baseline - y, 1),
                label=str(MONTHS_3[index + 1]).capitalize(),
                value="" if values[index] is None else str(values[index]),
            )
        )
    points = []
    for index, target in enumerate(goal):
        if target is None:
            continue
        y = y_of(target)
        points.append(f"{LEFT + index * slot:.1f},{y}")
        points.append(f"{LEFT + (index + 1) * slot:.1f},{y}")
    ticks = [Tick(y=y_of(top * i / 4), label=f"{top * i / 4:g}") for i in range(5)]
    return BarChart(
        width=WIDTH,
        height=HEIGHT,
        bars=bars,
        target_points=" ".join(points),
        ticks=ticks,
        baseline=baseline,
        left=LEFT,
        right=WIDTH - RIGHT,
    )
