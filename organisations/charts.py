"""Small server-side SVG bar charts (no JavaScript, no inline styles: CSP-safe)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: float
    text_y: int


@dataclass
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int
    bar_area: int
    width: int
    title: str
    largest: int = 1


def bar_chart(
    items: list[tuple[str, int]], *, title: str, width: int = 640, label_width: int = 230
) -> BarChart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    row_height = 28
    bar_area = width - label_width - 50
    largest = max((value for _label, value in items), default=0) or 1
    bars = [
        Bar(
            label=label if len(label) <= 34 else label[:33] + "…",
            value=value,
            y=index * row_height + 4,
            width=round(bar_area * value / largest, 1),
            text_y=index * row_height + 19,
        )
        for index, (label, value) in enumerate(items)
    ]
    return BarChart(
        bars=bars,
        height=max(len(items), 1) * row_height + 8,
        label_width=label_width,
        bar_area=bar_area,
        width=width,
        title=title,
        largest=largest,
    )
