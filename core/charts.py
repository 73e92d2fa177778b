"""The one chart module: charts drawn on the server for the pages and the PDFs alike (no
JavaScript; presentation in attributes, never style=, so the page's CSP holds).

- `hbars`: horizontal bars as HTML (a list of label, bar and value): the labels are text at the
  page's size on any screen, never shrunk with a drawing. For pages.
- `hbars_svg`: the same bars as SVG, for the PDFs (the PDF engine draws no `<progress>`).
- `month_bars`: twelve month bars against a stepped target line, as SVG, in one of two styles:
  `PAGE` (the progress page: sized for a phone, its month names also as initials the page's
  CSS shows on a small screen) and `PRINT` (the annual evaluation: value labels and a legend).

Accessible: every chart has a text alternative, its title and a note that says where the same
figures stand as text (a table below); an HTML chart is a description list of its labels and
values. Where the caller names the figure (`figure`, a key of the figures catalogue), every
value carries it as `data-figure`, so each number can be traced to its definition (see
figures/tests/test_marked.py). Numbers are formatted by core.formatting; coordinates are plain
decimals with a dot in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.dates import MONTHS_3
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.formatting import number

Value = Decimal | int | float | None

# One palette for every chart (tests/test_design_contrast.py checks the marks against the page).
BAR = "#0b5d7a"
TARGET = "#c2410c"
GRID = "#d4d9e1"
TEXT = "#1d2430"
MUTED = "#4f5b6b"


def month_label(month: int) -> str:
    """A month's short name as the charts and their tables print it: "Jan"."""
    return capfirst(str(MONTHS_3[month]))


def _alt(title: str, note: str) -> str:
    """A chart's text alternative: its title and where the same figures are as text."""
    return f"{title}. {note}" if note else title


def _figure(key: str) -> str:
    return format_html(' data-figure="{}"', key) if key else ""


def _float(value: Value) -> float:
    return float(value or 0)


def _plain(value: float) -> str:
    """A number for an attribute: digits and a dot, in every language."""
    return f"{value:f}".rstrip("0").rstrip(".")


# --- Horizontal bars ---------------------------------------------------------------------------


def hbars(
    items: Sequence[tuple[str, Value]],
    *,
    title: str,
    figure: str = "",
    decimals: int = 0,
    css: str = "",
) -> SafeString:
    """Horizontal bars as HTML, one per (label, value), scaled to the largest value: a figure
    with the title as its caption and the bars as a description list (the bar itself is hidden
    from screen readers, which read the label and the value). With `figure`, the list is a
    figure block and each value carries the key."""
    largest = max((_float(value) for _label, value in items), default=0) or 1
    rows = format_html_join(
        "",
        '<div class="hbar"><dt class="hbar__label">{}</dt><dd class="hbar__figure">'
        '<progress class="hbar__bar" max="{}" value="{}" aria-hidden="true"></progress> '
        '<span class="hbar__value"{}>{}</span></dd></div>',
        (
            (
                label,
                _plain(largest),
                _plain(_float(value)),
                _figure(figure),
                number(value, decimals),
            )
            for label, value in items
        ),
    )
    body = (
        format_html('<dl class="hbars"{}>{}</dl>', " data-figures" if figure else "", rows)
        if items
        else format_html('<p class="hint">{}</p>', _("No data yet."))
    )
    return format_html(
        '<figure class="chart{}"><figcaption><h2 class="chart__title">{}</h2></figcaption>'
        "{}</figure>",
        f" {css}" if css else "",
        title,
        body,
    )


def _svg_open(width: int, height: int, alt: str, *, font: str, size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(alt)}" '
        f'class="chart" font-family="{font}" font-size="{size}">'
        f"<title>{escape(alt)}</title>"
    )


PRINT_FONT = "Report Sans, DejaVu Sans, sans-serif"


def hbars_svg(
    items: Sequence[tuple[str, Value]],
    *,
    title: str,
    note: str = "",
    figure: str = "",
    decimals: int = 0,
) -> SafeString:
    """Horizontal bars as SVG (for a PDF), one per (label, value); nothing when no items."""
    if not items:
        return mark_safe("")
    label_w, width, row_h, top = 210, 640, 24, 6
    height = top * 2 + row_h * len(items)
    bar_space = width - label_w - 60
    largest = max(_float(value) for _label, value in items) or 1
    parts = [_svg_open(width, height, _alt(title, note), font=PRINT_FONT, size=11)]
    for index, (label, value) in enumerate(items):
        y = top + index * row_h
        bar_w = max(1.0, bar_space * _float(value) / largest)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 15}" text-anchor="end" fill="{TEXT}">'
            f"{escape(label)}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 15}" fill="{TEXT}"{_figure(figure)}>'
            f"{escape(number(value, decimals))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


# --- Month bars against a target ---------------------------------------------------------------


@dataclass(frozen=True)
class MonthStyle:
    """The size and the extras of a month chart."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    font: str
    font_size: int
    bar_share: float  # of a month's slot
    initials: bool  # the month names twice: whole and as an initial (the page's CSS picks)
    value_labels: bool  # each bar's value above it
    legend: bool  # a legend under the plot (a page has its own in HTML)


# Small enough that the labels stay readable when a phone scales the chart down: at 360 units
# wide, 13-unit labels are 13 px on a desktop; below 480 px the months show as initials at a
# larger size (static/css/activities.css), about 12 px on a 320 px phone.
PAGE = MonthStyle(
    width=360,
    height=200,
    left=34,
    right=6,
    top=10,
    bottom=24,
    font="system-ui, sans-serif",
    font_size=13,
    bar_share=0.7,
    initials=True,
    value_labels=False,
    legend=False,
)
PRINT = MonthStyle(
    width=640,
    height=250,
    left=44,
    right=12,
    top=16,
    bottom=34,
    font=PRINT_FONT,
    font_size=11,
    bar_share=0.62,
    initials=False,
    value_labels=True,
    legend=True,
)


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


def month_bars(
    values: Sequence[Value],
    targets: Sequence[Value],
    *,
    title: str,
    note: str = "",
    figure: str = "",
    decimals: int = 0,
    style: MonthStyle = PAGE,
    legend: tuple[str, str] = ("", ""),
) -> SafeString:
    """Twelve month bars (None drawn as nothing) and each month's target as a dashed step line
    over them (months without a target have no step). `legend` names the bars and the line
    where the style draws a legend."""
    s = style
    plot_w, plot_h = s.width - s.left - s.right, s.height - s.top - s.bottom
    goals = [None if t is None else float(t) for t in targets]
    axis_max, tick = _axis(max([_float(v) for v in values] + [g for g in goals if g] + [0]))
    slot = plot_w / 12
    bar_w = slot * s.bar_share
    baseline = s.top + plot_h

    def y(value: float) -> float:
        return baseline - value / axis_max * plot_h

    parts = [_svg_open(s.width, s.height, _alt(title, note), font=s.font, size=s.font_size)]
    for mark in range(0, axis_max + 1, tick):
        parts.append(
            f'<line x1="{s.left}" x2="{s.width - s.right}" y1="{y(mark):.1f}" y2="{y(mark):.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{s.left - 6}" y="{y(mark) + 4:.1f}" text-anchor="end" fill="{MUTED}" '
            f'class="chart__tick">{escape(number(mark))}</text>'
        )
    for index, value in enumerate(values):
        x = s.left + index * slot + (slot - bar_w) / 2
        cx = x + bar_w / 2
        label = escape(month_label(index + 1))
        shown = escape(number(value, decimals))
        parts.append(
            f'<rect x="{x:.1f}" y="{y(_float(value)):.1f}" width="{bar_w:.1f}" '
            f'height="{baseline - y(_float(value)):.1f}" fill="{BAR}"{_figure(figure)}>'
            f"<title>{label}: {shown}</title></rect>"
            f'<text x="{cx:.1f}" y="{baseline + 16}" text-anchor="middle" fill="{MUTED}" '
            f'class="chart__month">{label}</text>'
        )
        if s.initials:
            parts.append(
                f'<text x="{cx:.1f}" y="{baseline + 18}" text-anchor="middle" fill="{MUTED}" '
                f'class="chart__month chart__month--short">{label[:1]}</text>'
            )
        if s.value_labels and value:
            goal = goals[index]
            label_y = _label_y(y(_float(value)), None if goal is None else y(goal))
            parts.append(
                f'<text x="{cx:.1f}" y="{label_y:.1f}" text-anchor="middle" fill="{TEXT}"'
                f'{_figure(figure)} font-size="9">{shown}</text>'
            )
    # The target of each month (its share of the year's): a step per month.
    points = " ".join(
        f"{s.left + index * slot + offset:.1f},{y(goal):.1f}"
        for index, goal in enumerate(goals)
        if goal is not None
        for offset in (0, slot)
    )
    if points:
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="6 3"/>'
        )
    if s.legend:
        bars_name, line_name = legend
        legend_y = s.height - 6
        parts.append(
            f'<rect x="{s.left}" y="{legend_y - 9}" width="10" height="10" fill="{BAR}"/>'
            f'<text x="{s.left + 14}" y="{legend_y}" fill="{TEXT}">{escape(bars_name)}</text>'
        )
        if points:
            parts.append(
                f'<line x1="{s.left + 170}" x2="{s.left + 190}" y1="{legend_y - 4}" '
                f'y2="{legend_y - 4}" stroke="{TARGET}" stroke-width="2" '
                f'stroke-dasharray="6 3"/>'
                f'<text x="{s.left + 196}" y="{legend_y}" fill="{TEXT}">{escape(line_name)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
