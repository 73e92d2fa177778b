"""Charts as SVG drawn on the server: the same markup in the HTML preview and in the PDF.

Presentation goes in attributes (fill=, stroke=), never style=, so the page's CSP holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formatting import number as num
from figures.engine import Month as MonthRow

from .figures import Row

BAR = "#0b5d7a"
TARGET = "#c0392b"
GRID = "#d4d9e1"
TEXT = "#1d2430"


def _axis(value: float) -> tuple[int, int]:
    """(axis max, tick step): the first multiple of a 1-2-5 step above `value`, in 3 to 6 ticks.

    Bars of 16 to 23 get an axis of 25 in steps of 5 (not 50), so the bars fill the plot.
    """
    if value < 5:
        return 5, 1
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            ticks = int(value // step) + 1
            if ticks <= 6:
                return ticks * step, step
        magnitude *= 10


# A bar's value label: digits of 9 px (about 7 px high) on a baseline 3 px above the bar. The
# dashed target line is 2 px wide; the label keeps LABEL_GAP px clear of it.
DIGIT_HEIGHT = 7
LABEL_GAP = 2


def _label_y(bar_top: float, target_y: float | None) -> float:
    """The baseline of a bar's value label: just above the bar, or above the target line where
    the line would run through the label (a bar close to its target)."""
    baseline = bar_top - 3
    if target_y is None:
        return baseline
    if baseline - DIGIT_HEIGHT - LABEL_GAP - 1 < target_y < baseline + LABEL_GAP + 1:
        return target_y - 1 - LABEL_GAP
    return baseline


def _alt(title: str, note: str) -> str:
    """The chart's alternative text: its title and where the same figures are as text."""
    return f"{title}. {note}" if note else title


def monthly_chart(months: Sequence[MonthRow], *, title: str, note: str = "") -> SafeString:
    """Activities per month as bars, with the monthly share of the year's target as a line."""
    width, height = 640, 250
    left, right, top, bottom = 44, 12, 16, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    targets = [m.target for m in months if m.target is not None]
    target = targets[0] if targets else None
    highest = max([m.activities for m in months] + [float(t) for t in targets])
    axis_max, tick = _axis(highest)
    slot = plot_w / 12
    bar_w = slot * 0.62

    def y(value: float | Decimal) -> float:
        return top + plot_h - float(value) / axis_max * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(_alt(title, note))}" '
        f'class="chart" font-family="Report Sans, DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(_alt(title, note))}</title>",
    ]
    for value in range(0, axis_max + 1, tick):
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" fill="{TEXT}">'
            f"{escape(num(value))}</text>"
        )
    for index, month in enumerate(months):
        x = left + index * slot + (slot - bar_w) / 2
        bar_h = plot_h * month.activities / axis_max
        label = escape(str(MONTHS_3[month.month]))
        parts.append(
            f'<rect x="{x:.1f}" y="{y(month.activities):.1f}" width="{bar_w:.1f}" '
            f'height="{bar_h:.1f}" fill="{BAR}"><title>{label}: '
            f"{escape(num(month.activities))}</title></rect>"
            f'<text x="{x + bar_w / 2:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
            f'fill="{TEXT}">{label}</text>'
        )
        if month.activities:
            target_y = None if month.target is None else y(month.target)
            label_y = _label_y(y(month.activities), target_y)
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{label_y:.1f}" '
                f'text-anchor="middle" fill="{TEXT}" font-size="9">'
                f"{escape(num(month.activities))}</text>"
            )
    if target is not None:
        # The target of each month (its share of the year's days): a step per month.
        points = " ".join(
            f"{left + index * slot + offset:.1f},{y(month.target):.1f}"
            for index, month in enumerate(months)
            if month.target is not None
            for offset in (0, slot)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
    legend_y = height - 6
    # Outside the f-strings, so makemessages finds them.
    held_label = escape(_("Activities held"))
    target_label = escape(_("Target per month"))
    parts.append(
        f'<rect x="{left}" y="{legend_y - 9}" width="10" height="10" fill="{BAR}"/>'
        f'<text x="{left + 14}" y="{legend_y}" fill="{TEXT}">{held_label}</text>'
    )
    if target is not None:
        parts.append(
            f'<line x1="{left + 170}" x2="{left + 190}" y1="{legend_y - 4}" y2="{legend_y - 4}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/>'
            f'<text x="{left + 196}" y="{legend_y}" fill="{TEXT}">{target_label}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def category_chart(rows: Sequence[Row], *, title: str, note: str = "") -> SafeString:
    """Activities by category as horizontal bars."""
    if not rows:
        return mark_safe("")
    label_w, width, row_h, top = 210, 640, 24, 6
    height = top * 2 + row_h * len(rows)
    bar_space = width - label_w - 60
    highest = max(row.activities for row in rows) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(_alt(title, note))}" '
        f'class="chart" font-family="Report Sans, DejaVu Sans, sans-serif" font-size="11">',
        f"<title>{escape(_alt(title, note))}</title>",
    ]
    for index, row in enumerate(rows):
        y = top + index * row_h
        bar_w = max(1.0, bar_space * row.activities / highest)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">'
            f"{escape(row.label)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 15}" fill="{TEXT}">'
            f"{escape(num(row.activities))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
